/**
 * The categorizing thread gives exactly what the same categorizer gives in place; several jobs
 * share it without mixing; a thread that dies fails what waits on it and is replaced.
 */
import { afterAll, describe, expect, it } from "vitest";
import { categorizeChunk, createImportCategorizer, toWireRows, type ChunkRow } from "~/domain/auto-categorize";
import { trainModel } from "~/domain/categorize";
import { Decimal } from "~/domain/money";
import { parseRule } from "~/domain/rules-schema";
import { CategorizeThread, categorizeThread, closeCategorizeThread } from "./categorize-thread.server";

afterAll(() => closeCategorizeThread());

const model = trainModel([
  ...Array.from({ length: 6 }, (_, i) => ({ description: `GUSTO NET PAY ${i}`, amount: Decimal.parse("-4000"), category: "payroll" })),
  ...Array.from({ length: 6 }, (_, i) => ({ description: `AWS EMEA ${i}`, amount: Decimal.parse("-120"), category: "software" })),
]);
const rules = [
  parseRule({ id: "r1", name: "Rent", priority: 1, match: "all", conditions: [{ field: "description", op: "contains", value: "rent" }], actions: [{ type: "splitByPercentages", parts: [{ percent: "70", category: "rent" }, { percent: "30", category: "utilities" }] }, { type: "setNote", note: "lease" }] }),
];
const rows: ChunkRow[] = Array.from({ length: 900 }, (_, i) => {
  const [description, amount] = [["GUSTO NET PAY 9", "-4100.00"], ["AWS EMEA 77", "-130.25"], ["MARKET ST RENT", "-1000.01"], ["SQ *BLUE BOTTLE", "-4.50"]][i % 4]!;
  // A statement payee on some rows, an empty one on others: empty is not the same as none.
  return { description: `${description} ${i}`, payee: i % 9 === 0 ? "Given Payee" : i % 11 === 0 ? "" : null, amount: Decimal.parse(amount!), date: "2026-03-01" };
});
const wire = (from: number, to: number) => toWireRows(rows.slice(from, to));
/** A chunk's rows, each as its categorization columns split apart. */
const columns = (copy: string) => copy.split("\n").map((line) => line.split("\t"));
const setup = (threshold: number, active = ["payroll", "software", "rent", "utilities"]) => ({ rules, model: model.toJSON(), threshold, active, currency: "USD", accountId: "acc" });

describe("the categorizing thread", () => {
  it("gives exactly the in-place categorizer's results, in order", async () => {
    const inPlace = createImportCategorizer({ rules, model, threshold: 0.6, activeCategories: new Set(setup(0.6).active) });
    const expected = categorizeChunk(inPlace, rows, { currency: "USD", accountId: "acc" });
    const job = categorizeThread().start(setup(0.6));
    expect(await job.categorize(wire(0, rows.length))).toEqual(expected);
    job.end();
    // Not trivially equal: all three outcomes occur, every row has its five columns, rent is split.
    expect(columns(expected.copy)).toHaveLength(900);
    expect(new Set(columns(expected.copy).map((c) => c.length))).toEqual(new Set([5]));
    expect(new Set(columns(expected.copy).map((c) => c[2]))).toEqual(new Set(["model", "rule", "\\N"]));
    expect(expected.counts.rule + expected.counts.model + expected.counts.none).toBe(900);
    expect(expected.splits[0]).toEqual([2, [["-700.00", "rent", null], ["-300.01", "utilities", null]]]);
    expect(columns(expected.copy)[2]).toEqual(["Market St Rent", "\\N", "rule", "\\N", "lease"]);
    // The statement's payee is kept when given (not when empty): the first row's, not the ninth's.
    expect(columns(expected.copy)[0]![0]).toBe("Given Payee");
    expect(columns(expected.copy)[11]![0]).not.toBe("");
  });

  it("keeps jobs apart: two imports at once, different thresholds and categories", async () => {
    const thread = categorizeThread();
    const strict = thread.start(setup(1));
    const archived = thread.start(setup(0.6, ["payroll"]));
    const [a, b] = await Promise.all([strict.categorize(wire(0, 8)), archived.categorize(wire(0, 8))]);
    expect(columns(a.copy).filter((c) => c[2] === "model")).toEqual([]);
    // Software and the rent split's categories are not active for the second job: not applied.
    expect(columns(b.copy).map((c) => c[1])).toEqual(["payroll", "\\N", "\\N", "\\N", "payroll", "\\N", "\\N", "\\N"]);
    expect(b.splits).toEqual([]);
    strict.end();
    archived.end();
    await expect(strict.categorize(wire(0, 1))).rejects.toThrow(/no categorizing job/);
  });

  it("a thread that dies fails what waits on it, and the next import gets a new one", async () => {
    const thread = new CategorizeThread();
    const job = thread.start(setup(0.6));
    const waiting = expect(job.categorize(wire(0, rows.length))).rejects.toThrow(/closed/);
    await thread.close();
    await waiting;
    expect(thread.alive).toBe(false);
    const first = categorizeThread();
    await first.close();
    const next = categorizeThread();
    expect(next).not.toBe(first);
    const fresh = next.start(setup(0.6));
    expect(columns((await fresh.categorize(wire(0, 2))).copy)).toHaveLength(2);
  });
});
