/**
 * The categorizing thread gives exactly what the same categorizer gives in place; several jobs
 * share it without mixing; a thread that dies fails what waits on it and is replaced.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createImportCategorizer, toWireResult, type WireRow } from "~/domain/auto-categorize";
import { trainModel } from "~/domain/categorize";
import { Decimal, Money } from "~/domain/money";
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
const rows: WireRow[] = Array.from({ length: 900 }, (_, i) => {
  const [description, amount] = [["GUSTO NET PAY 9", "-4100.00"], ["AWS EMEA 77", "-130.25"], ["MARKET ST RENT", "-1000.01"], ["SQ *BLUE BOTTLE", "-4.50"]][i % 4]!;
  const d = Decimal.parse(amount!);
  return [`${description} ${i}`, i % 9 === 0 ? "Given Payee" : null, d.units, d.scale, "2026-03-01"];
});
const setup = (threshold: number, active = ["payroll", "software", "rent", "utilities"]) => ({ rules, model: model.toJSON(), threshold, active, currency: "USD", accountId: "acc" });

describe("the categorizing thread", () => {
  it("gives exactly the in-place categorizer's results, in order", async () => {
    const inPlace = createImportCategorizer({ rules, model, threshold: 0.6, activeCategories: new Set(setup(0.6).active) });
    const expected = rows.map(([description, payee, units, scale, date]) =>
      toWireResult(inPlace({ description, payee, amount: Money.of(Decimal.fromUnits(units, scale), "USD"), accountId: "acc", date })),
    );
    const job = categorizeThread().start(setup(0.6));
    expect(await job.categorize(rows)).toEqual(expected);
    job.end();
    // Not trivially equal: all three outcomes occur.
    expect(new Set(expected.map((r) => r[2]))).toEqual(new Set(["model", "rule", null]));
  });

  it("keeps jobs apart: two imports at once, different thresholds and categories", async () => {
    const thread = categorizeThread();
    const strict = thread.start(setup(1));
    const archived = thread.start(setup(0.6, ["payroll"]));
    const [a, b] = await Promise.all([strict.categorize(rows.slice(0, 8)), archived.categorize(rows.slice(0, 8))]);
    expect(a.filter((r) => r[2] === "model")).toEqual([]);
    // Software and the rent split's categories are not active for the second job: not applied.
    expect(b.map((r) => r[1])).toEqual(["payroll", null, null, null, "payroll", null, null, null]);
    strict.end();
    archived.end();
    await expect(strict.categorize(rows.slice(0, 1))).rejects.toThrow(/no categorizing job/);
  });

  it("a thread that dies fails what waits on it, and the next import gets a new one", async () => {
    const thread = new CategorizeThread();
    const job = thread.start(setup(0.6));
    const waiting = expect(job.categorize(rows)).rejects.toThrow(/closed/);
    await thread.close();
    await waiting;
    expect(thread.alive).toBe(false);
    const first = categorizeThread();
    await first.close();
    const next = categorizeThread();
    expect(next).not.toBe(first);
    const fresh = next.start(setup(0.6));
    expect(await fresh.categorize(rows.slice(0, 2))).toHaveLength(2);
  });
});
