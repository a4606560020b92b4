import { describe, expect, it } from "vitest";
import {
  applyCategoryOptimistically, clearSelection, filterCategories, initialState, move, movePicker, openPicker, popUndo, proposed, pushUndo,
  rolledBack, saved, targets, toggleSelected, typeInPicker, type GridRow,
} from "./grid-state";

const row = (id: string, over: Partial<GridRow> = {}): GridRow => ({
  id, date: "2026-04-01", description: `Row ${id}`, payee: null, amount: "-10.00", currency: "USD", version: 1, categoryId: null, split: false,
  reasons: ["uncategorized"], suggestion: null, duplicate: null, duplicateMarked: false, approved: false, status: "idle", message: null, ...over,
});
const grid = () => initialState([row("a"), row("b"), row("c"), row("d")]);

describe("moving and selecting", () => {
  it("arrows move within the rows and stop at the ends", () => {
    let s = grid();
    s = move(s, -1);
    expect(s.active).toBe(0);
    s = move(move(move(move(s, 1), 1), 1), 1);
    expect(s.active).toBe(3);
    expect(move(s, -10).active).toBe(0);
  });

  it("Shift+arrows extend the selection over the rows passed, once each", () => {
    let s = move(grid(), 1, true);
    s = move(s, 1, true);
    expect(s.selected).toEqual(["a", "b", "c"]);
    s = move(s, -1, true);
    expect(s.selected).toEqual(["a", "b", "c"]);
    expect(targets(s).map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("Space toggles the active row; without a selection the active row is the target; Esc clears", () => {
    let s = move(grid(), 2);
    expect(targets(s).map((r) => r.id)).toEqual(["c"]);
    s = toggleSelected(s);
    expect(s.selected).toEqual(["c"]);
    expect(s.announcement).toBe("1 row selected");
    s = toggleSelected(s);
    expect(s.selected).toEqual([]);
    s = clearSelection(toggleSelected(s));
    expect(s.selected).toEqual([]);
  });

  it("does nothing on an empty grid", () => {
    const s = initialState([]);
    expect(move(s, 1)).toBe(s);
    expect(toggleSelected(s)).toBe(s);
    expect(targets(s)).toEqual([]);
  });
});

describe("the category picker", () => {
  const categories = [
    { id: "1", name: "Software", kind: "operating" },
    { id: "2", name: "Travel and meals", kind: "operating" },
    { id: "3", name: "Office and supplies", kind: "operating" },
    { id: "4", name: "Owner draws", kind: "financing" },
    { id: "5", name: "Café Société", kind: "operating" },
  ];

  it("ranks names starting with the text, then words starting with it, then names containing it", () => {
    expect(filterCategories(categories, "o").map((c) => c.name)).toEqual(["Office and supplies", "Owner draws", "Software", "Café Société"]);
    expect(filterCategories(categories, "me").map((c) => c.name)).toEqual(["Travel and meals"]);
    expect(filterCategories(categories, "ware").map((c) => c.name)).toEqual(["Software"]);
    expect(filterCategories(categories, "SOC").map((c) => c.name)).toEqual(["Café Société"]);
    expect(filterCategories(categories, "cafe societe").map((c) => c.name)).toEqual(["Café Société"]);
    expect(filterCategories(categories, "  ")).toEqual(categories);
    expect(filterCategories(categories, "zzz")).toEqual([]);
  });

  it("opens with the typed letter, resets its choice as the filter changes, moves within the matches", () => {
    let s = openPicker(grid(), "t");
    expect(s.picker).toEqual({ filter: "t", index: 0 });
    s = movePicker(movePicker(movePicker(s, 1, 2), 1, 2), 1, 2);
    expect(s.picker!.index).toBe(1);
    s = typeInPicker(s, "tr");
    expect(s.picker).toEqual({ filter: "tr", index: 0 });
    expect(movePicker(s, 1, 0)).toBe(s);
  });
});

describe("optimistic edits", () => {
  it("show at once, mark the rows saving, remember what they were, and skip rows already saving", () => {
    const s0 = initialState([row("a", { categoryId: "old" }), row("b"), row("c", { status: "saving" })]);
    const { state, sent } = applyCategoryOptimistically(s0, ["a", "b", "c"], "new");
    expect(sent.map((r) => r.id)).toEqual(["a", "b"]);
    expect(state.rows.map((r) => [r.categoryId, r.status])).toEqual([["new", "saving"], ["new", "saving"], [null, "saving"]]);
    expect(state.undo).toEqual([{ batch: 1, kind: "category", rowId: "a", before: "old" }, { batch: 1, kind: "category", rowId: "b", before: null }]);
    expect(state.announcement).toBe("1 row is still saving; try again in a moment");
  });

  it("saved: takes the server's version and category", () => {
    const { state } = applyCategoryOptimistically(grid(), ["a"], "new");
    const s = saved(state, "a", { version: 2, categoryId: "new" }, "Saved: Row a → New");
    expect(s.rows[0]).toMatchObject({ version: 2, categoryId: "new", status: "saved", message: null });
    expect(s.announcement).toBe("Saved: Row a → New");
    expect(s.undo).toHaveLength(1);
  });

  it("a conflict rolls back to what the server says, visibly, and is not undoable", () => {
    const { state } = applyCategoryOptimistically(grid(), ["a", "b"], "mine");
    const s = rolledBack(state, "a", { version: 3, categoryId: "theirs" }, "conflict", "Not saved — someone changed it");
    expect(s.rows[0]).toMatchObject({ version: 3, categoryId: "theirs", status: "conflict", message: "Not saved — someone changed it" });
    expect(s.undo.map((u) => u.rowId)).toEqual(["b"]);
  });

  it("a proposal leaves the row as it was, and is not undoable either", () => {
    const { state } = applyCategoryOptimistically(grid(), ["a"], "mine");
    const s = proposed(state, "a", { categoryId: null }, "Sent for approval");
    expect(s.rows[0]).toMatchObject({ categoryId: null, status: "proposed", message: "Sent for approval" });
    expect(s.undo).toEqual([]);
  });

  it("undo takes the most recent command first — a bulk one whole — and says when there is none", () => {
    let s = applyCategoryOptimistically(grid(), ["a"], "x").state;
    s = applyCategoryOptimistically(s, ["b", "c"], "y").state;
    s = pushUndo(s, { kind: "duplicate", rowId: "d", candidateId: "cand" });
    const first = popUndo(s);
    expect(first.entries).toEqual([{ batch: 3, kind: "duplicate", rowId: "d", candidateId: "cand" }]);
    const second = popUndo(first.state);
    expect(second.entries).toEqual([{ batch: 2, kind: "category", rowId: "b", before: null }, { batch: 2, kind: "category", rowId: "c", before: null }]);
    const third = popUndo(second.state);
    expect(third.entries.map((e) => e.rowId)).toEqual(["a"]);
    const none = popUndo(third.state);
    expect(none.entries).toEqual([]);
    expect(none.state.announcement).toBe("Nothing to undo");
  });

  it("an undo's own edit is not pushed onto the stack", () => {
    const { state } = applyCategoryOptimistically(grid(), ["a"], null, { undoable: false });
    expect(state.undo).toEqual([]);
  });
});
