import { describe, expect, it } from "vitest";
import { categorizeChunk, createAutoCategorizer, fromWireRows, suggestionFor, toWireRows, type AutoCategorizeRow, type ChunkRow } from "./auto-categorize.ts";
import { CategoryModel, trainModel } from "./categorize.ts";
import { Decimal, Money } from "./money.ts";
import { parseRule, type RuleInput } from "./rules-schema.ts";

const rule = (input: Partial<RuleInput> & Pick<RuleInput, "conditions" | "actions">) =>
  parseRule({ id: "r1", name: "rule", priority: 10, match: "all", ...input });

const row = (description: string, amount: string, extra: Partial<AutoCategorizeRow> = {}): AutoCategorizeRow => ({
  description, amount: Money.of(amount, "USD"), accountId: "acc", date: "2026-03-15", ...extra,
});

// Trained on a few payees, several examples each: confident on those, unsure elsewhere.
const model = trainModel([
  ...Array.from({ length: 6 }, (_, i) => ({ description: `GUSTO NET PAY ${1000 + i}`, amount: Decimal.parse(`-${4000 + i}.00`), category: "payroll" })),
  ...Array.from({ length: 6 }, (_, i) => ({ description: `ADOBE *CREATIVE CLOUD ${i}`, amount: Decimal.parse("-54.99"), category: "software" })),
  ...Array.from({ length: 6 }, (_, i) => ({ description: `STRIPE TRANSFER ST-${i}`, amount: Decimal.parse(`${900 + i}.00`), category: "revenue" })),
]);

describe("the import's categorizer", () => {
  it("normalizes the payee from the description, keeps a statement's own payee", () => {
    const categorize = createAutoCategorizer({ rules: [], model: null, threshold: 0.9 });
    expect(categorize(row("POS 1234 SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA", "-4.50")).payee).toBe("Blue Bottle Coffee");
    expect(categorize(row("anything", "-4.50", { payee: "  ACME Ltd " })).payee).toBe("ACME Ltd");
    expect(categorize(row("anything", "-4.50"))).toMatchObject({ category: null, source: null, confidence: null, splits: null });
  });

  it("a matching rule wins over the model and may set payee and note", () => {
    const categorize = createAutoCategorizer({
      rules: [rule({ conditions: [{ field: "description", op: "contains", value: "gusto" }], actions: [
        { type: "setCategory", category: "contractors" }, { type: "setPayee", payee: "Gusto" }, { type: "setNote", note: "via rule" },
      ] })],
      model,
      threshold: 0.5,
    });
    expect(categorize(row("GUSTO NET PAY 2001", "-4100.00"))).toEqual({
      payee: "Gusto", category: "contractors", source: "rule", confidence: null, note: "via rule", splits: null, problems: [],
    });
  });

  it("a rule's split is returned with each part's category", () => {
    const categorize = createAutoCategorizer({
      rules: [rule({ conditions: [{ field: "description", op: "contains", value: "rent" }], actions: [
        { type: "splitByPercentages", parts: [{ percent: "60", category: "rent" }, { percent: "40", category: "utilities" }] },
      ] })],
      model: null,
      threshold: 0.9,
    });
    const result = categorize(row("OFFICE RENT MARCH", "-1000.01"));
    expect(result.source).toBe("rule");
    expect(result.category).toBeNull();
    expect(result.splits!.map((p) => [p.amount.toDecimalString(), p.category])).toEqual([["-600.00", "rent"], ["-400.01", "utilities"]]);
  });

  it("applies the model's suggestion only at or above the threshold", () => {
    const confident = suggestionFor(model, row("GUSTO NET PAY 3001", "-4200.00"))!;
    expect(confident.category).toBe("payroll");
    const at = createAutoCategorizer({ rules: [], model, threshold: confident.confidence });
    expect(at(row("GUSTO NET PAY 3001", "-4200.00"))).toMatchObject({ category: "payroll", source: "model", confidence: confident.confidence });
    const above = createAutoCategorizer({ rules: [], model, threshold: Math.min(1, confident.confidence + 1e-9) });
    expect(above(row("GUSTO NET PAY 3001", "-4200.00"))).toMatchObject({ category: null, source: null, confidence: null });
  });

  it("an empty model suggests nothing", () => {
    expect(suggestionFor(new CategoryModel(), row("GUSTO", "-1.00"))).toBeNull();
    expect(suggestionFor(null, row("GUSTO", "-1.00"))).toBeNull();
    expect(createAutoCategorizer({ rules: [], model: new CategoryModel(), threshold: 0 })(row("GUSTO", "-1.00")).source).toBeNull();
  });
});

describe("a chunk of rows, as the categorizing thread gets and gives it", () => {
  const rows: ChunkRow[] = [
    { description: "SQ *BLUE BOTTLE\tOAKLAND", payee: null, amount: Decimal.parse("-4.50"), date: "2026-03-01" },
    { description: "Überweisung — Müller GmbH 😀", payee: "", amount: Decimal.parse("1200"), date: "2026-03-02" },
    { description: "", payee: "Given\nPayee", amount: Decimal.parse("-0.10"), date: "2026-03-03" },
    { description: "NOTE\\ROW", payee: "Acme", amount: Decimal.parse("-123456789012345678.90"), date: "2026-03-04" },
  ];

  it("rows come out of the wire exactly as they went in: no payee stays none, an empty one stays empty, amounts keep their scale", () => {
    const back = [...fromWireRows(toWireRows(rows))];
    expect(back.map((r) => ({ ...r, amount: r.amount.toString() }))).toEqual(rows.map((r) => ({ ...r, amount: r.amount.toString() })));
    expect(back[1]!.payee).toBe("");
    expect(back[0]!.payee).toBeNull();
    expect([...fromWireRows(toWireRows([]))]).toEqual([]);
  });

  it("each row's categorization is one line of COPY text, its tabs, newlines and backslashes escaped", () => {
    const categorize = createAutoCategorizer({
      rules: [parseRule({ id: "r", name: "Acme", priority: 1, match: "all", conditions: [{ field: "payee", op: "equals", value: "Acme" }], actions: [{ type: "setCategory", category: "cat-1" }, { type: "setNote", note: "a\tb" }] })],
      model: null,
      threshold: 0.5,
    });
    const chunk = categorizeChunk(categorize, rows, { currency: "USD", accountId: "acc" });
    const lines = chunk.copy.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe("Given\\nPayee\t\\N\t\\N\t\\N\t\\N");
    expect(lines[3]).toBe("Acme\tcat-1\trule\t\\N\ta\\tb");
    expect(lines.every((line) => line.split("\t").length === 5)).toBe(true);
    expect(chunk.counts).toEqual({ rule: 1, model: 0, none: 3 });
    expect(categorizeChunk(categorize, [], { currency: "USD", accountId: "acc" })).toEqual({ copy: "", splits: [], counts: { rule: 0, model: 0, none: 0 } });
  });
});
