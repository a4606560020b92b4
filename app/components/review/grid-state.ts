/**
 * The review grid's state, without React or the network: which row is active, which are
 * selected, the category picker and its filter, each row's save state, and the undo stack.
 * Edits are applied here first (optimistically) and then either confirmed by the server
 * (`saved`), or rolled back visibly (`rolledBack`, with the server's row after a conflict).
 */

export type RowStatus = "idle" | "saving" | "saved" | "proposed" | "conflict" | "error";

export interface GridCategory {
  id: string;
  name: string;
  kind: string;
}

export interface GridRow {
  id: string;
  date: string;
  description: string;
  payee: string | null;
  amount: string;
  currency: string;
  version: number;
  categoryId: string | null;
  /** Set once the row has been split (its category is its parts'). */
  split: boolean;
  reasons: string[];
  suggestion: { category: string; confidence: number } | null;
  duplicate: { candidateId: string; score: number; reason: string } | null;
  duplicateMarked: boolean;
  /** Signed off by an operator (maker-checker): data entry's later changes become proposals. */
  approved: boolean;
  status: RowStatus;
  message: string | null;
}

/** One row's change; a bulk command's changes share a `batch` and are undone together. */
export type UndoEntry = { batch: number } & (
  | { kind: "category"; rowId: string; before: string | null }
  | { kind: "split"; rowId: string; beforeCategoryId: string | null }
  | { kind: "duplicate"; rowId: string; candidateId: string }
);

export interface GridState {
  rows: GridRow[];
  active: number;
  /** Row ids, in the order they were selected. */
  selected: string[];
  picker: { filter: string; index: number } | null;
  /** The row whose split dialog is open. */
  splitting: string | null;
  undo: UndoEntry[];
  /** The last thing that happened, for the live region (screen readers, and the tests). */
  announcement: string;
}

export function initialState(rows: GridRow[]): GridState {
  return { rows, active: 0, selected: [], picker: null, splitting: null, undo: [], announcement: "" };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Arrow keys: move the active row; with Shift, the rows passed over join the selection. */
export function move(state: GridState, delta: number, extend = false): GridState {
  if (state.rows.length === 0) return state;
  const active = clamp(state.active + delta, 0, state.rows.length - 1);
  if (!extend) return { ...state, active };
  const ids = new Set(state.selected);
  const add = [state.rows[state.active]!.id, state.rows[active]!.id].filter((id) => !ids.has(id));
  return { ...state, active, selected: [...state.selected, ...add] };
}

export function toggleSelected(state: GridState): GridState {
  const row = state.rows[state.active];
  if (!row) return state;
  const selected = state.selected.includes(row.id) ? state.selected.filter((id) => id !== row.id) : [...state.selected, row.id];
  return { ...state, selected, announcement: `${selected.length} row${selected.length === 1 ? "" : "s"} selected` };
}

export function clearSelection(state: GridState): GridState {
  return { ...state, selected: [], picker: null };
}

/** The rows a command applies to: the selection, or else the active row. */
export function targets(state: GridState): GridRow[] {
  if (state.selected.length) return state.selected.map((id) => state.rows.find((r) => r.id === id)!).filter(Boolean);
  const row = state.rows[state.active];
  return row ? [row] : [];
}

/**
 * Categories matching what was typed, best first: names starting with it, then names with a
 * word starting with it, then names containing it; case and accents ignored.
 */
export function filterCategories(categories: GridCategory[], filter: string): GridCategory[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const f = fold(filter.trim());
  if (!f) return categories;
  const scored: { c: GridCategory; score: number }[] = [];
  for (const c of categories) {
    const name = fold(c.name);
    const score = name.startsWith(f) ? 0 : name.split(/[\s/&-]+/).some((w) => w.startsWith(f)) ? 1 : name.includes(f) ? 2 : -1;
    if (score >= 0) scored.push({ c, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.c);
}

export function openPicker(state: GridState, filter = ""): GridState {
  return { ...state, picker: { filter, index: 0 } };
}

export function typeInPicker(state: GridState, filter: string): GridState {
  return state.picker ? { ...state, picker: { filter, index: 0 } } : state;
}

export function movePicker(state: GridState, delta: number, count: number): GridState {
  if (!state.picker || count === 0) return state;
  return { ...state, picker: { ...state.picker, index: clamp(state.picker.index + delta, 0, count - 1) } };
}

export function closePicker(state: GridState): GridState {
  return { ...state, picker: null };
}

const update = (state: GridState, id: string, change: Partial<GridRow>): GridState => ({
  ...state,
  rows: state.rows.map((r) => (r.id === id ? { ...r, ...change } : r)),
});

/**
 * A category applied to rows before the server answers: each row shows it at once, marked
 * saving, and the undo stack remembers what it was. Rows already saving are left alone
 * (their version is about to change), and reported.
 */
export function applyCategoryOptimistically(state: GridState, rowIds: string[], categoryId: string | null, options: { undoable?: boolean } = {}): { state: GridState; sent: GridRow[] } {
  const sent: GridRow[] = [];
  let next = state;
  const batch = nextBatch(state);
  for (const id of rowIds) {
    const row = next.rows.find((r) => r.id === id);
    if (!row || row.status === "saving") continue;
    sent.push(row);
    next = update(next, id, { categoryId, split: false, status: "saving", message: null });
    if (options.undoable !== false) next = { ...next, undo: [...next.undo, { batch, kind: "category", rowId: id, before: row.categoryId }] };
  }
  const skipped = rowIds.length - sent.length;
  return { state: { ...next, picker: null, announcement: skipped ? `${skipped} row${skipped === 1 ? " is" : "s are"} still saving; try again in a moment` : next.announcement }, sent };
}

/** The server kept the change: the row's new version (and what it now says). */
export function saved(state: GridState, id: string, row: { version: number; categoryId: string | null }, message: string): GridState {
  return { ...update(state, id, { version: row.version, categoryId: row.categoryId, status: "saved", message: null }), announcement: message };
}

/** The server kept the change as a proposal for an operator: the row shows what it still is. */
export function proposed(state: GridState, id: string, restore: Partial<GridRow>, message: string): GridState {
  return dropUndo({ ...update(state, id, { ...restore, status: "proposed", message }), announcement: message }, id);
}

/**
 * The server refused: the row goes back to what the server says it is (after a conflict, the
 * other person's version and category) or to what it was, with the reason shown on the row.
 */
export function rolledBack(state: GridState, id: string, restore: Partial<GridRow>, status: "conflict" | "error", message: string): GridState {
  return dropUndo({ ...update(state, id, { ...restore, status, message }), announcement: message }, id);
}

/** A refused change is not undoable: it never happened. */
function dropUndo(state: GridState, rowId: string): GridState {
  const last = state.undo.map((u) => u.rowId).lastIndexOf(rowId);
  return last < 0 ? state : { ...state, undo: state.undo.filter((_, i) => i !== last) };
}

export function nextBatch(state: GridState): number {
  return (state.undo.at(-1)?.batch ?? 0) + 1;
}

/** Remembers changes for `u`; without a batch, they make a new one. */
export function pushUndo(state: GridState, ...entries: (UndoEntry | DistributiveOmit<UndoEntry, "batch">)[]): GridState {
  const batch = nextBatch(state);
  return { ...state, undo: [...state.undo, ...entries.map((e) => ({ batch, ...e }) as UndoEntry)] };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** `u`: the most recent command still undoable — all its rows — taken off the stack. */
export function popUndo(state: GridState): { state: GridState; entries: UndoEntry[] } {
  const last = state.undo.at(-1);
  if (!last) return { state: { ...state, announcement: "Nothing to undo" }, entries: [] };
  const entries = state.undo.filter((u) => u.batch === last.batch);
  return { state: { ...state, undo: state.undo.filter((u) => u.batch !== last.batch) }, entries };
}

export function setRow(state: GridState, id: string, change: Partial<GridRow>, announcement?: string): GridState {
  const next = update(state, id, change);
  return announcement === undefined ? next : { ...next, announcement };
}

export function announce(state: GridState, announcement: string): GridState {
  return { ...state, announcement };
}
