/**
 * The review grid: the queue's rows, worked with the keyboard alone. Arrows move (Shift+arrows
 * extend the selection, Space selects, Esc clears), typing a letter opens the category picker
 * filtered by it (`/` opens it empty; arrows and Enter choose), Enter accepts the model's
 * suggestion, `s` splits, `x` marks the row a duplicate of the ledger row it resembles, `u`
 * undoes the last change, `a` (operators) signs rows off. With rows selected, a command applies
 * to all of them.
 *
 * Every change shows at once and is sent to the JSON API with the row's version; the server's
 * answer confirms it, turns it into a proposal (a signed-off row, maker-checker), or rolls it
 * back on the row with the reason — after a conflict, to what the other person saved.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { formatAmount, Money } from "~/domain/money";
import { sendJson, type Reply } from "../api-client";
import { CategorySelect } from "../category-select";
import {
  announce, applyCategoryOptimistically, clearSelection, closePicker, filterCategories, initialState, move, movePicker, openPicker,
  nextBatch, popUndo, proposed, pushUndo, rolledBack, saved, setRow, targets, toggleSelected, typeInPicker,
  type GridCategory, type GridRow, type GridState, type UndoEntry,
} from "./grid-state";

const send = sendJson;
const errorText = (reply: Reply): string => reply.body?.error?.message ?? `Not saved (HTTP ${reply.status}).`;
const COMMAND_KEYS = new Set(["s", "x", "u", "a", "/"]);
const REASON_LABEL: Record<string, string> = {
  uncategorized: "No category",
  low_confidence: "Low confidence",
  proposed_transfer: "Transfer?",
  possible_duplicate: "Duplicate?",
  balance_break: "Balance break",
};

interface RuleOffer {
  payee: string;
  category: string;
  count: number;
  rule: unknown;
}

export function ReviewGrid({ rows, categories, canManageRules, canApprove }: { rows: GridRow[]; categories: GridCategory[]; canManageRules: boolean; canApprove: boolean }) {
  // The ref is the truth, changed synchronously by every transition (so a command reads what
  // the previous one left, even before React renders); the state only makes React render it.
  const [state, setState] = useState(() => initialState(rows));
  const stateRef = useRef(state);
  const dispatch = useCallback((f: (s: GridState) => GridState) => {
    stateRef.current = f(stateRef.current);
    setState(stateRef.current);
  }, []);
  const gridRef = useRef<HTMLTableElement>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [ruleOffer, setRuleOffer] = useState<RuleOffer | null>(null);
  const names = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "(archived category)") : "—");
  const matches = state.picker ? filterCategories(categories, state.picker.filter) : [];

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (state.picker) pickerRef.current?.focus();
  }, [state.picker !== null]); // eslint-disable-line react-hooks/exhaustive-deps
  const focusGrid = () => requestAnimationFrame(() => gridRef.current?.focus());

  /** PATCH each row's category; each answer settles its own row. */
  const categorize = useCallback(
    async (ids: string[], categoryId: string | null, options: { undoing?: boolean } = {}) => {
      const { state: next, sent } = applyCategoryOptimistically(stateRef.current, ids, categoryId, { undoable: !options.undoing });
      dispatch(() => next);
      await Promise.all(
        sent.map(async (row) => {
          const reply = await send("PATCH", `/api/v1/transactions/${row.id}`, { version: row.version, categoryId });
          const what = `${row.description} → ${categoryId ? nameOf(categoryId) : "no category"}`;
          if (reply.status === 200) {
            dispatch((s) => {
              const next = saved(s, row.id, reply.body.row, options.undoing ? `Undone: ${what}` : `Saved: ${what}`);
              return options.undoing ? setRow(next, row.id, { message: "Undone" }) : next;
            });
            if (reply.body.ruleSuggestion) setRuleOffer(reply.body.ruleSuggestion);
          } else if (reply.status === 202) {
            dispatch((s) => proposed(s, row.id, { categoryId: row.categoryId, split: row.split }, `Sent for approval: ${what} (the row is ${reply.body.proposal.reason}; an operator decides)`));
          } else if (reply.status === 409 && reply.body?.error?.details?.current) {
            const current = reply.body.error.details.current;
            dispatch((s) => rolledBack(s, row.id, { version: current.version, categoryId: current.categoryId }, "conflict", `Not saved — ${errorText(reply)} It now says: ${nameOf(current.categoryId)}.`));
          } else {
            dispatch((s) => rolledBack(s, row.id, { categoryId: row.categoryId, split: row.split }, "error", `Not saved — ${errorText(reply)}`));
          }
        }),
      );
    },
    [names], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const splitRow = useCallback(async (row: GridRow, parts: { amount: string; categoryId: string | null }[], options: { undoing?: boolean } = {}) => {
    dispatch((s) => setRow(s, row.id, { status: "saving", message: null, split: parts.length > 0, categoryId: parts.length ? null : row.categoryId }));
    const reply = await send("PUT", `/api/v1/transactions/${row.id}/splits`, { version: row.version, parts });
    if (reply.status === 200) {
      dispatch((s) => {
        const next = saved(setRow(s, row.id, { split: parts.length > 0 }), row.id, reply.body.row, parts.length ? `Split ${row.description} into ${parts.length} parts` : `Undone: the split of ${row.description}`);
        return options.undoing ? setRow(next, row.id, { message: "Undone" }) : pushUndo(next, { kind: "split", rowId: row.id, beforeCategoryId: row.categoryId });
      });
    } else if (reply.status === 202) {
      dispatch((s) => proposed(s, row.id, { split: row.split, categoryId: row.categoryId }, `Split sent for approval (the row is ${reply.body.proposal.reason}; an operator decides)`));
    } else {
      const current = reply.body?.error?.details?.current;
      dispatch((s) =>
        rolledBack(s, row.id, current ? { version: current.version, categoryId: current.categoryId, split: row.split } : { split: row.split, categoryId: row.categoryId }, current ? "conflict" : "error", `Not split — ${errorText(reply)}`),
      );
    }
  }, []);

  const markDuplicates = useCallback(async (rowsToMark: GridRow[], decision: "confirmed" | "open") => {
    const batch = nextBatch(stateRef.current);
    for (const row of rowsToMark) {
      if (!row.duplicate) continue;
      const candidate = row.duplicate;
      dispatch((s) => setRow(s, row.id, { status: "saving", duplicateMarked: decision === "confirmed", message: null }));
      const reply = await send("POST", `/api/v1/duplicates/${candidate.candidateId}`, { decision });
      if (reply.status === 200) {
        dispatch((s) => {
          const next = setRow(s, row.id, { status: "saved", message: decision === "confirmed" ? "Duplicate" : "Undone" }, decision === "confirmed" ? `Marked a duplicate: ${row.description} (no longer counted)` : `Undone: ${row.description} counts again`);
          return decision === "confirmed" ? { ...next, undo: [...next.undo, { batch, kind: "duplicate", rowId: row.id, candidateId: candidate.candidateId }] } : next;
        });
      } else {
        dispatch((s) => rolledBack(s, row.id, { duplicateMarked: decision !== "confirmed" }, "error", `Not saved — ${errorText(reply)}`));
      }
    }
  }, []);

  /** Operators sign rows off: all or nothing, each at the version on screen. */
  const approve = useCallback(async (chosen: GridRow[]) => {
    for (const r of chosen) dispatch((s) => setRow(s, r.id, { status: "saving", message: null }));
    const reply = await send("POST", "/api/v1/transactions/approve", { rows: chosen.map((r) => ({ id: r.id, version: r.version })) });
    if (reply.status === 200) {
      dispatch((s) => {
        let next = s;
        for (const r of reply.body.rows as { id: string; version: number; categoryId: string | null }[]) next = setRow(next, r.id, { version: r.version, approved: true, status: "saved", message: "Approved" });
        return announce(next, `Approved ${chosen.length} row${chosen.length === 1 ? "" : "s"}: data entry's changes to them now need an operator`);
      });
    } else {
      dispatch((s) => {
        let next = s;
        for (const r of chosen) next = setRow(next, r.id, { status: "error", message: `Not approved — ${errorText(reply)}` });
        return announce(next, `Nothing approved — ${errorText(reply)}`);
      });
    }
  }, []);

  const undo = useCallback(async () => {
    const { state: next, entries } = popUndo(stateRef.current);
    if (entries.some((e) => next.rows.find((r) => r.id === e.rowId)!.status === "saving")) {
      return dispatch((s) => announce(s, "That change is still saving; undo again in a moment"));
    }
    dispatch(() => next);
    // Rows that went to one category go back in one request group each.
    const byBefore = new Map<string | null, string[]>();
    for (const e of entries) {
      if (e.kind === "category") byBefore.set(e.before, [...(byBefore.get(e.before) ?? []), e.rowId]);
      else await undoEntry(e, next.rows.find((r) => r.id === e.rowId)!);
    }
    await Promise.all([...byBefore].map(([before, ids]) => categorize(ids, before, { undoing: true })));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function undoEntry(entry: Exclude<UndoEntry, { kind: "category" }>, row: GridRow) {
    if (entry.kind === "split") {
      await splitRow(row, [], { undoing: true });
      const after = stateRef.current.rows.find((r) => r.id === row.id)!;
      if (entry.beforeCategoryId && after.status === "saved") await categorize([row.id], entry.beforeCategoryId, { undoing: true });
    } else await markDuplicates([row], "open");
  }

  function onGridKey(e: KeyboardEvent<HTMLTableElement>) {
    if (e.target !== gridRef.current || e.ctrlKey || e.metaKey || e.altKey) return;
    const s = stateRef.current;
    const handled = () => e.preventDefault();
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        handled();
        return dispatch((st) => move(st, e.key === "ArrowDown" ? 1 : -1, e.shiftKey));
      case "Home":
      case "End":
        handled();
        return dispatch((st) => move(st, e.key === "Home" ? -st.rows.length : st.rows.length));
      case " ":
        handled();
        return dispatch(toggleSelected);
      case "Escape":
        handled();
        return dispatch(clearSelection);
      case "Enter": {
        handled();
        const chosen = targets(s).filter((r) => r.suggestion && !r.split);
        if (chosen.length === 0) return dispatch((st) => openPicker(announce(st, "No suggestion here: choose a category")));
        const bulk = s.selected.length > 0;
        void Promise.all(
          // One category per request group: rows may have different suggestions.
          [...new Set(chosen.map((r) => r.suggestion!.category))].map((category) =>
            categorize(chosen.filter((r) => r.suggestion!.category === category).map((r) => r.id), category),
          ),
        );
        if (!bulk) dispatch((st) => move(st, 1));
        else dispatch(clearSelection);
        return;
      }
      case "s":
        handled();
        if (s.selected.length > 1) return dispatch((st) => announce(st, "Split one row at a time"));
        return dispatch((st) => ({ ...st, splitting: st.rows[st.active]?.id ?? null }));
      case "x": {
        handled();
        const chosen = targets(s).filter((r) => r.duplicate && !r.duplicateMarked);
        if (chosen.length === 0) return dispatch((st) => announce(st, "No possible duplicate here to mark"));
        void markDuplicates(chosen, "confirmed");
        return;
      }
      case "u":
        handled();
        void undo();
        return;
      case "a": {
        handled();
        if (!canApprove) return dispatch((st) => announce(st, "Only operators sign rows off"));
        const chosen = targets(s).filter((r) => !r.approved);
        if (chosen.some((r) => !r.categoryId && !r.split)) return dispatch((st) => announce(st, "Categorize the rows before approving them"));
        if (chosen.length) void approve(chosen);
        return;
      }
      case "/":
        handled();
        return dispatch((st) => openPicker(st, ""));
      default:
        if (e.key.length === 1 && !COMMAND_KEYS.has(e.key) && /\S/.test(e.key)) {
          handled();
          return dispatch((st) => openPicker(st, e.key));
        }
    }
  }

  function onPickerKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      dispatch((s) => movePicker(s, e.key === "ArrowDown" ? 1 : -1, matches.length));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const choice = matches[state.picker?.index ?? 0];
      if (!choice) return;
      const s = stateRef.current;
      const ids = targets(s).filter((r) => !r.duplicateMarked).map((r) => r.id);
      const bulk = s.selected.length > 0;
      void categorize(ids, choice.id);
      dispatch((st) => (bulk ? clearSelection(st) : move(closePicker(st), 1)));
      focusGrid();
    } else if (e.key === "Escape") {
      e.preventDefault();
      dispatch(closePicker);
      focusGrid();
    }
  }

  const active = state.rows[state.active];
  const splitting = state.splitting ? state.rows.find((r) => r.id === state.splitting) : undefined;
  const pickerFor = state.selected.length ? `${state.selected.length} selected rows` : (active?.description ?? "");

  return (
    <div className="review" data-hydrated={hydrated ? "true" : undefined}>
      <p className="small muted keys" id="review-keys">
        <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Shift</kbd>+arrows or <kbd>Space</kbd> select · type to choose a category (<kbd>/</kbd> for all) ·{" "}
        <kbd>Enter</kbd> accept suggestion · <kbd>s</kbd> split · <kbd>x</kbd> duplicate · <kbd>u</kbd> undo{canApprove ? <> · <kbd>a</kbd> approve</> : null} · <kbd>Esc</kbd> clear
      </p>
      <div role="status" aria-live="polite" className="announcement" data-testid="announcement">
        {state.announcement}
      </div>
      {ruleOffer ? (
        <div className="rule-offer card" role="region" aria-label="Rule suggestion">
          <span>
            “{ruleOffer.payee}” has gone to {nameOf(ruleOffer.category)} {ruleOffer.count} times.
          </span>
          {canManageRules ? (
            <>
              <button
                type="button"
                onClick={async () => {
                  const reply = await send("POST", "/api/v1/rules", ruleOffer.rule);
                  setRuleOffer(null);
                  dispatch((s) => announce(s, reply.status === 201 ? `Rule created: ${ruleOffer.payee} → ${nameOf(ruleOffer.category)}` : `No rule created — ${errorText(reply)}`));
                  focusGrid();
                }}
              >
                Make it a rule
              </button>
              <button type="button" className="secondary" onClick={() => (setRuleOffer(null), focusGrid())}>
                Not now
              </button>
            </>
          ) : (
            <span className="muted"> An operator can make it a rule.</span>
          )}
        </div>
      ) : null}
      {state.picker ? (
        <div className="picker card">
          <label>
            Category for {pickerFor}
            <input
              ref={pickerRef}
              value={state.picker.filter}
              onChange={(e) => dispatch((s) => typeInPicker(s, e.target.value))}
              onKeyDown={onPickerKey}
              onBlur={() => dispatch(closePicker)}
              role="combobox"
              aria-expanded="true"
              aria-controls="category-options"
              aria-activedescendant={matches[state.picker.index] ? `option-${matches[state.picker.index]!.id}` : undefined}
              autoComplete="off"
            />
          </label>
          <ul role="listbox" id="category-options" aria-label="Categories">
            {matches.map((c, i) => (
              <li key={c.id} id={`option-${c.id}`} role="option" aria-selected={i === state.picker!.index} className={i === state.picker!.index ? "current" : undefined}>
                {c.name} <span className="muted small">{c.kind}</span>
              </li>
            ))}
            {matches.length === 0 ? <li className="muted">No category matches “{state.picker.filter}”</li> : null}
          </ul>
        </div>
      ) : null}
      {state.rows.length === 0 ? (
        <p className="empty">Nothing needs review: every row is categorized and checked.</p>
      ) : (
        <table
          ref={gridRef}
          className="grid review-grid"
          role="grid"
          aria-label="Rows to review"
          aria-describedby="review-keys"
          aria-multiselectable="true"
          aria-activedescendant={active ? `row-${active.id}` : undefined}
          tabIndex={0}
          onKeyDown={onGridKey}
        >
          <thead>
            <tr>
              <th>Date</th>
              <th>Description</th>
              <th className="num">Amount</th>
              <th>Category</th>
              <th>Why</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((row, i) => (
              <tr
                key={row.id}
                id={`row-${row.id}`}
                data-id={row.id}
                data-status={row.status}
                aria-selected={state.selected.includes(row.id)}
                className={[i === state.active ? "active" : "", state.selected.includes(row.id) ? "selected" : "", row.duplicateMarked ? "struck" : ""].join(" ").trim() || undefined}
                onClick={() => dispatch((s) => ({ ...s, active: i }))}
              >
                <td className="nowrap">{row.date}</td>
                <td>
                  {row.description}
                  {row.payee && row.payee !== row.description ? <div className="small muted">{row.payee}</div> : null}
                </td>
                <td className={`num ${row.amount.startsWith("-") ? "amount-out" : "amount-in"}`}>{formatAmount(row.amount, row.currency)}</td>
                <td className="category-cell">
                  {row.split ? (
                    <span>Split</span>
                  ) : row.categoryId ? (
                    <span>{nameOf(row.categoryId)}</span>
                  ) : row.suggestion ? (
                    <span className="suggestion" title="Enter accepts it">
                      {nameOf(row.suggestion.category)}? <span className="small">{Math.round(row.suggestion.confidence * 100)}%</span>
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {row.reasons.filter((r) => !(r === "uncategorized" || r === "low_confidence") || (!row.categoryId && !row.split)).map((r) => (
                    <span key={r} className={`badge reason-${r}`} title={r === "possible_duplicate" && row.duplicate ? `${row.duplicate.reason} (score ${row.duplicate.score})` : undefined}>
                      {REASON_LABEL[r] ?? r}
                    </span>
                  ))}
                </td>
                <td className={`row-status ${row.status}`}>
                  {row.status === "saving" ? "Saving…" : row.status === "saved" ? (row.message ?? "Saved") : (row.message ?? "")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {splitting ? (
        <SplitDialog
          row={splitting}
          categories={categories}
          onCancel={() => {
            dispatch((s) => ({ ...s, splitting: null }));
            focusGrid();
          }}
          onSave={(parts) => {
            dispatch((s) => ({ ...s, splitting: null }));
            void splitRow(splitting, parts);
            focusGrid();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Two parts to start with (add more with the button): the first takes the amount typed, the
 * last takes what is left, exactly (the Money module's decimal arithmetic).
 */
function SplitDialog({ row, categories, onSave, onCancel }: { row: GridRow; categories: GridCategory[]; onSave: (parts: { amount: string; categoryId: string | null }[]) => void; onCancel: () => void }) {
  const total = Money.of(row.amount, row.currency);
  const [parts, setParts] = useState<{ amount: string; categoryId: string }[]>([
    { amount: "", categoryId: row.suggestion?.category ?? "" },
    { amount: "", categoryId: "" },
  ]);
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  let error: string | null = null;
  let rest: Money | null = total;
  for (const p of parts.slice(0, -1)) {
    try {
      rest = rest && p.amount.trim() ? rest.sub(Money.of(p.amount.trim(), row.currency)) : rest;
    } catch {
      error = `“${p.amount}” is not an amount like ${total.toDecimalString()}`;
      rest = null;
    }
  }
  const filled = parts.slice(0, -1).every((p) => p.amount.trim());
  if (!error && filled && rest && rest.isZero()) error = "The last part would be zero: take less in the parts above";
  const amounts = rest ? [...parts.slice(0, -1).map((p) => p.amount.trim()), rest.toDecimalString()] : [];
  const ready = !error && filled && rest !== null;

  return (
    <div
      className="split-dialog card"
      role="dialog"
      aria-modal="true"
      aria-label={`Split ${row.description}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        } else if (e.key === "Enter" && (e.target as HTMLElement).tagName !== "BUTTON") {
          e.preventDefault();
          if (ready) onSave(parts.map((p, i) => ({ amount: amounts[i]!, categoryId: p.categoryId || null })));
        }
      }}
    >
      <h2>
        Split {row.description} ({formatAmount(row.amount, row.currency)})
      </h2>
      {parts.map((p, i) => (
        <div className="split-part" key={i}>
          <label>
            Part {i + 1} amount
            {i < parts.length - 1 ? (
              <input
                ref={i === 0 ? firstRef : undefined}
                inputMode="decimal"
                value={p.amount}
                onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, amount: e.target.value } : q)))}
              />
            ) : (
              <output>{rest ? formatAmount(rest.toDecimalString(), row.currency) : "—"}</output>
            )}
          </label>
          <label>
            Part {i + 1} category
            <CategorySelect categories={categories} noneLabel="(none yet)" value={p.categoryId} onChange={(id) => setParts(parts.map((q, j) => (j === i ? { ...q, categoryId: id } : q)))} />
          </label>
        </div>
      ))}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={!ready} onClick={() => onSave(parts.map((p, i) => ({ amount: amounts[i]!, categoryId: p.categoryId || null })))}>
          Save split (Enter)
        </button>
        <button type="button" className="secondary" disabled={parts.length >= 10} onClick={() => setParts([...parts.slice(0, -1), { amount: "", categoryId: "" }, parts.at(-1)!])}>
          Add a part
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel (Esc)
        </button>
      </div>
    </div>
  );
}
