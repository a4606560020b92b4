import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { Money } from "./money.ts";
import { applyRules, compileRules, previewRules, type RuleRow } from "./rules.ts";
import { exportRules, parseRule, parseRulesFile, type Rule, type RuleInput } from "./rules-schema.ts";

function rule(input: Partial<RuleInput> & Pick<RuleInput, "conditions" | "actions">): Rule {
  return parseRule({ id: "r1", name: "rule", priority: 10, match: "all", ...input });
}

let rowCounter = 0;
function row(description: string, amount: string, extra: Partial<RuleRow> = {}): RuleRow {
  return { id: `row${++rowCounter}`, description, amount: Money.of(amount, extra.amount?.currency ?? "USD"), accountId: "checking", date: "2026-03-15", ...extra };
}

const toSoftware = { type: "setCategory", category: "Software" } as const;

describe("conditions", () => {
  it("text: contains, startsWith, equals, regex — case- and accent-insensitive", () => {
    const r = row("SQ *CAFÉ MÜLLER 0423 SAN FRANCISCO CA", "-4.50");
    const matches = (condition: RuleInput["conditions"][number]) => applyRules([rule({ conditions: [condition], actions: [toSoftware] })], r).matched.length === 1;
    expect(matches({ field: "description", op: "contains", value: "cafe muller" })).toBe(true);
    expect(matches({ field: "description", op: "contains", value: "Müller 0423" })).toBe(true);
    expect(matches({ field: "description", op: "contains", value: "starbucks" })).toBe(false);
    expect(matches({ field: "description", op: "startsWith", value: "sq *" })).toBe(true);
    expect(matches({ field: "description", op: "startsWith", value: "café" })).toBe(false);
    expect(matches({ field: "description", op: "equals", value: "sq *cafe muller 0423 san francisco ca" })).toBe(true);
    expect(matches({ field: "description", op: "equals", value: "sq *cafe muller" })).toBe(false);
    expect(matches({ field: "description", op: "regex", value: "^sq \\*caf[eé]\\b" })).toBe(true);
    expect(matches({ field: "description", op: "regex", value: "cafe" })).toBe(true); // tried on the folded text too
    expect(matches({ field: "description", op: "regex", value: "\\d{5}" })).toBe(false);
  });

  it("payee: the row's payee, or the normalized payee of its description", () => {
    const byPayee = rule({ conditions: [{ field: "payee", op: "equals", value: "Café Müller" }], actions: [toSoftware] });
    expect(applyRules([byPayee], row("SQ *CAFÉ MÜLLER 0423 SAN FRANCISCO CA", "-4.50")).category).toBe("Software");
    expect(applyRules([byPayee], row("something else", "-4.50", { payee: "cafe muller" })).category).toBe("Software");
    expect(applyRules([byPayee], row("SQ *CAFÉ MÜLLER 0423", "-4.50", { payee: "Someone Else" })).category).toBeUndefined();
  });

  it("amount: sign and inclusive bounds on its size", () => {
    const out = rule({ conditions: [{ field: "amount", sign: "out", min: "10", max: "50.00" }], actions: [toSoftware] });
    expect(applyRules([out], row("x", "-10.00")).matched).toEqual(["r1"]);
    expect(applyRules([out], row("x", "-50.00")).matched).toEqual(["r1"]);
    expect(applyRules([out], row("x", "-50.01")).matched).toEqual([]);
    expect(applyRules([out], row("x", "-9.99")).matched).toEqual([]);
    expect(applyRules([out], row("x", "20.00")).matched).toEqual([]);
    const money = rule({ conditions: [{ field: "amount", sign: "in" }], actions: [toSoftware] });
    expect(applyRules([money], row("x", "0.01")).matched).toEqual(["r1"]);
    expect(applyRules([money], row("x", "0.00")).matched).toEqual([]);
    const small = rule({ conditions: [{ field: "amount", max: "5" }], actions: [toSoftware] });
    expect(applyRules([small], row("x", "-4.99")).matched).toEqual(["r1"]);
    expect(applyRules([small], row("x", "4.99")).matched).toEqual(["r1"]);
    expect(applyRules([small], row("x", "1000.000", { amount: Money.of("1000.000", "KWD") })).matched).toEqual([]);
  });

  it("account and date (inclusive, open-ended)", () => {
    const account = rule({ conditions: [{ field: "account", accountIds: ["card", "savings"] }], actions: [toSoftware] });
    expect(applyRules([account], row("x", "-1", { accountId: "card" })).matched).toEqual(["r1"]);
    expect(applyRules([account], row("x", "-1", { accountId: "checking" })).matched).toEqual([]);
    const q1 = rule({ conditions: [{ field: "date", from: "2026-01-01", to: "2026-03-31" }], actions: [toSoftware] });
    expect(applyRules([q1], row("x", "-1", { date: "2026-03-31" })).matched).toEqual(["r1"]);
    expect(applyRules([q1], row("x", "-1", { date: "2026-04-01" })).matched).toEqual([]);
    const since = rule({ conditions: [{ field: "date", from: "2026-03-16" }], actions: [toSoftware] });
    expect(applyRules([since], row("x", "-1")).matched).toEqual([]);
  });

  it("ALL needs every condition, ANY needs one", () => {
    const conditions: RuleInput["conditions"] = [
      { field: "description", op: "contains", value: "github" },
      { field: "amount", sign: "out" },
    ];
    const all = rule({ match: "all", conditions, actions: [toSoftware] });
    const any = rule({ match: "any", conditions, actions: [toSoftware] });
    expect(applyRules([all], row("GITHUB INC", "-21.00")).matched).toEqual(["r1"]);
    expect(applyRules([all], row("GITHUB INC REFUND", "21.00")).matched).toEqual([]);
    expect(applyRules([any], row("GITHUB INC REFUND", "21.00")).matched).toEqual(["r1"]);
    expect(applyRules([any], row("STRIPE", "21.00")).matched).toEqual([]);
  });
});

describe("actions and order", () => {
  const github = { field: "description", op: "contains", value: "github" } as const;

  it("runs in priority order (ties by id); the first rule to set a field wins it", () => {
    const rules = [
      rule({ id: "b-late", priority: 20, conditions: [github], actions: [{ type: "setCategory", category: "Fees" }, { type: "setNote", note: "late" }] }),
      rule({ id: "a-first", priority: 10, conditions: [github], actions: [toSoftware, { type: "setPayee", payee: "GitHub" }] }),
      rule({ id: "c-tie", priority: 20, conditions: [github], actions: [{ type: "setNote", note: "tie" }] }),
    ];
    const outcome = applyRules(rules, row("GITHUB INC", "-21.00"));
    expect(outcome).toEqual({
      category: "Software",
      payee: "GitHub",
      note: "late",
      matched: ["a-first", "b-late", "c-tie"],
      setBy: { category: "a-first", payee: "a-first", note: "b-late" },
      problems: [],
    });
    // The same rules in any order give the same outcome.
    expect(applyRules([...rules].reverse(), row("GITHUB INC", "-21.00"))).toEqual(outcome);
  });

  it("skips disabled rules, locked rows, and a person's categorization unless told", () => {
    const on = rule({ conditions: [github], actions: [toSoftware, { type: "setNote", note: "n" }] });
    const off = { ...on, id: "off", enabled: false };
    expect(applyRules([off], row("GITHUB", "-1")).matched).toEqual([]);
    expect(applyRules([on], row("GITHUB", "-1", { locked: true }))).toEqual({ matched: [], setBy: {}, problems: [] });
    const manual = applyRules([on], row("GITHUB", "-1", { category: "Marketing", categorySource: "manual" }));
    expect(manual.category).toBeUndefined();
    expect(manual.note).toBe("n");
    expect(applyRules([on], row("GITHUB", "-1", { category: "Marketing", categorySource: "manual" }), { overwriteManual: true }).category).toBe("Software");
    const transfer = row("GITHUB", "-1", { category: "Transfers", categorySource: "transfer" });
    expect(applyRules([on], transfer, { overwriteManual: true }).category).toBeUndefined();
    expect(applyRules([on], row("GITHUB", "-1", { category: "Software", categorySource: "model" })).category).toBe("Software");
  });

  it("splits by fixed amounts with the row's sign, exactly", () => {
    const mortgage = rule({
      conditions: [{ field: "description", op: "contains", value: "mortgage" }],
      actions: [{ type: "splitByAmounts", parts: [{ amount: "1200.00", category: "Loans and financing", note: "principal" }, { amount: "300", category: "Fees", note: "interest" }] }],
    });
    const outcome = applyRules([mortgage], row("MORTGAGE PMT", "-1500.00"));
    expect(outcome.splits?.map((s) => [s.amount.toDecimalString(), s.category, s.note])).toEqual([
      ["-1200.00", "Loans and financing", "principal"],
      ["-300.00", "Fees", "interest"],
    ]);
    expect(outcome.setBy.category).toBe("r1");
  });

  it("does not apply a split that does not fit the row, says why, and lets a later rule categorize", () => {
    const mortgage = rule({
      name: "Mortgage",
      conditions: [{ field: "description", op: "contains", value: "mortgage" }],
      actions: [{ type: "splitByAmounts", parts: [{ amount: "1200.00" }, { amount: "300.00" }] }],
    });
    const fallback = rule({ id: "r2", priority: 50, conditions: [{ field: "description", op: "contains", value: "mortgage" }], actions: [{ type: "setCategory", category: "Loans and financing" }] });
    const r = row("MORTGAGE PMT", "-1450.00");
    const outcome = applyRules([mortgage, fallback], r);
    expect(outcome.splits).toBeUndefined();
    expect(outcome.category).toBe("Loans and financing");
    expect(outcome.problems).toEqual([{ ruleId: "r1", message: `rule "Mortgage" cannot split row ${r.id}: the parts add up to -1500.00, not the row's -1450.00 (over by 50.00)` }]);
  });

  it("splits by percentages, remainder to the last part", () => {
    const thirds = rule({
      conditions: [{ field: "description", op: "contains", value: "shared" }],
      actions: [{ type: "splitByPercentages", parts: [{ percent: "33.33", category: "Rent" }, { percent: "33.33", category: "Utilities" }, { percent: "33.34", category: "Software" }] }],
    });
    const outcome = applyRules([thirds], row("SHARED OFFICE COSTS", "-100.01"));
    expect(outcome.splits?.map((s) => s.amount.toDecimalString())).toEqual(["-33.33", "-33.33", "-33.35"]);
    expect(Money.sum(outcome.splits!.map((s) => s.amount), "USD").toDecimalString()).toBe("-100.01");
  });

  it("compiles rules once for many rows", () => {
    const set = compileRules([rule({ conditions: [{ field: "description", op: "regex", value: "^(uber|lyft)\\b" }], actions: [{ type: "setCategory", category: "Travel and meals" }] })]);
    const rows = Array.from({ length: 2000 }, (_, i) => row(i % 2 ? `UBER *TRIP ${i}` : `STARBUCKS ${i}`, "-12.00"));
    expect(rows.filter((r) => set.apply(r).category === "Travel and meals")).toHaveLength(1000);
  });
});

describe("previewRules", () => {
  it("says which rows would change and how, without changing anything", () => {
    const rules = [
      rule({ conditions: [{ field: "payee", op: "equals", value: "Github" }], actions: [toSoftware, { type: "setPayee", payee: "GitHub" }] }),
    ];
    const rows = [
      row("GITHUB, INC. SAN FRANCISCO CA", "-21.00", { id: "a" }),
      row("GITHUB, INC.", "-21.00", { id: "b", category: "Software", payee: "GitHub" }), // already so
      row("GITHUB, INC.", "-21.00", { id: "c", locked: true }),
      row("STARBUCKS", "-4.00", { id: "d" }),
      row("GITHUB, INC.", "-21.00", { id: "e", category: "Marketing", payee: "GitHub" }),
    ];
    const before = JSON.stringify(rows);
    const preview = previewRules(rules, rows);
    expect(JSON.stringify(rows)).toBe(before);
    expect(preview.summary).toBe("would change 2 rows (1 locked row left alone)");
    expect(preview).toMatchObject({ total: 5, changed: 2, unchanged: 2, locked: 1, problems: [] });
    expect(preview.changes).toEqual([
      {
        rowId: "a",
        before: { category: null, payee: null, note: null, splits: null },
        after: { category: "Software", payee: "GitHub", note: null, splits: null },
        fields: ["category", "payee"],
        ruleIds: ["r1"],
      },
      {
        rowId: "e",
        before: { category: "Marketing", payee: "GitHub", note: null, splits: null },
        after: { category: "Software", payee: "GitHub", note: null, splits: null },
        fields: ["category"],
        ruleIds: ["r1"],
      },
    ]);
    expect(previewRules(rules, [rows[0]!]).summary).toBe("would change 1 row");
    expect(previewRules(rules, []).summary).toBe("would change 0 rows");
  });

  it("shows splits as exact decimal strings, and replacing a split with a category", () => {
    const split = rule({ conditions: [{ field: "description", op: "contains", value: "costco" }], actions: [{ type: "splitByPercentages", parts: [{ percent: "50", category: "Cost of goods" }, { percent: "50", category: "Office and supplies" }] }] });
    const preview = previewRules([split], [row("COSTCO WHSE #0123", "-99.99", { id: "x", category: "Cost of goods" })]);
    expect(preview.changes[0]).toMatchObject({
      after: { category: null, splits: [{ amount: "-49.99", category: "Cost of goods" }, { amount: "-50.00", category: "Office and supplies" }] },
      fields: ["category", "splits"],
    });
    const unsplit = rule({ conditions: [{ field: "description", op: "contains", value: "costco" }], actions: [{ type: "setCategory", category: "Cost of goods" }] });
    const already = row("COSTCO WHSE #0123", "-99.99", { id: "y", splits: [{ amount: Money.of("-49.99", "USD"), category: "Cost of goods" }, { amount: Money.of("-50.00", "USD") }] });
    expect(previewRules([unsplit], [already]).changes[0]).toMatchObject({ after: { category: "Cost of goods", splits: null }, fields: ["category", "splits"] });
    expect(previewRules([split], [{ ...already, category: null, splits: [{ amount: Money.of("-49.99", "USD"), category: "Cost of goods" }, { amount: Money.of("-50.00", "USD"), category: "Office and supplies" }] }]).changed).toBe(0);
  });

  it("reports splits that do not fit per row", () => {
    const fixed = rule({ name: "Fixed", conditions: [{ field: "amount", sign: "out" }], actions: [{ type: "splitByAmounts", parts: [{ amount: "10" }, { amount: "5" }] }] });
    const preview = previewRules([fixed], [row("A", "-15.00", { id: "fits" }), row("B", "-16.00", { id: "nope" })]);
    expect(preview.changed).toBe(1);
    expect(preview.problems).toEqual([{ rowId: "nope", ruleId: "r1", message: 'rule "Fixed" cannot split row nope: the parts add up to -15.00, not the row\'s -16.00 (short by 1.00)' }]);
  });
});

describe("rules as data (rules-schema)", () => {
  const valid: RuleInput = {
    id: "r1",
    name: "GitHub is software",
    priority: 10,
    match: "any",
    conditions: [
      { field: "payee", op: "equals", value: "GitHub" },
      { field: "description", op: "regex", value: "^github\\b" },
      { field: "amount", sign: "out", min: "1", max: "500" },
      { field: "account", accountIds: ["card"] },
      { field: "date", from: "2026-01-01" },
    ],
    actions: [toSoftware, { type: "setNote", note: "subscription" }],
  };

  it("round-trips through export and import, in run order, with enabled defaulted", () => {
    const second = parseRule({ ...valid, id: "r0", priority: 5, enabled: false });
    const file = exportRules([parseRule(valid), second]);
    expect(file.version).toBe(1);
    expect(file.rules.map((r) => r.id)).toEqual(["r0", "r1"]);
    expect(file.rules[1]!.enabled).toBe(true);
    expect(parseRulesFile(JSON.stringify(file))).toEqual(file.rules);
    expect(parseRulesFile(file)).toEqual(file.rules);
  });

  function message(fn: () => unknown): string {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
      return (error as AppError).message;
    }
    throw new Error("expected a validation error");
  }

  it("names the rule and field that is wrong", () => {
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "description", op: "regex", value: "(a)\\1" }] }))).toBe(
      "the rule is not valid: conditions[0].value: back-references (\\1, \\k<name>) are not supported in rule patterns",
    );
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "amount", min: "12,50" }] }))).toBe(
      "the rule is not valid: conditions[0].min: must be a positive decimal number such as 12.50, with up to 4 decimals",
    );
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "amount", min: "50", max: "10" }] }))).toBe("the rule is not valid: conditions[0].max: the maximum 10 is below the minimum 50");
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "amount" }] }))).toBe("the rule is not valid: conditions[0]: an amount condition needs a sign, a minimum or a maximum");
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "date", from: "2026-02-30" }] }))).toBe("the rule is not valid: conditions[0].from: is not a calendar date");
    expect(message(() => parseRule({ ...valid, conditions: [{ field: "date", from: "2026-03-01", to: "2026-02-01" }] }))).toBe("the rule is not valid: conditions[0].to: 2026-02-01 is before 2026-03-01");
    expect(message(() => parseRule({ ...valid, conditions: [] }))).toBe("the rule is not valid: conditions: a rule needs at least one condition");
    expect(message(() => parseRule({ ...valid, match: "some" }))).toContain("match: Invalid enum value. Expected 'all' | 'any', received 'some'");
    expect(message(() => parseRule({ ...valid, actions: [toSoftware, toSoftware] }))).toBe("the rule is not valid: actions: setCategory appears more than once");
    expect(message(() => parseRule({ ...valid, actions: [toSoftware, { type: "splitByAmounts", parts: [{ amount: "1" }, { amount: "2" }] }] }))).toBe(
      "the rule is not valid: actions: a rule that splits sets the category on each part; remove setCategory",
    );
    expect(message(() => parseRule({ ...valid, actions: [{ type: "splitByPercentages", parts: [{ percent: "50" }, { percent: "40" }] }] }))).toBe(
      "the rule is not valid: actions[0].parts: the percentages add up to 90, not 100",
    );
    expect(message(() => parseRule({ ...valid, actions: [{ type: "splitByAmounts", parts: [{ amount: "0" }, { amount: "2" }] }] }))).toBe(
      "the rule is not valid: actions[0].parts[0].amount: must be above 0",
    );
    expect(message(() => parseRule({ ...valid, extra: true }))).toBe("the rule is not valid: Unrecognized key(s) in object: 'extra'");
  });

  it("refuses a file that is not JSON, of another version, or with duplicate ids", () => {
    expect(message(() => parseRulesFile("{ nope"))).toMatch(/^the rules file is not JSON: /);
    expect(message(() => parseRulesFile({ version: 2, rules: [] }))).toBe("the rules file is not valid: version: Invalid literal value, expected 1");
    expect(message(() => parseRulesFile({ version: 1, rules: [valid, valid] }))).toBe('the rules file is not valid: rules[1].id: the id "r1" is used by an earlier rule');
    expect(message(() => parseRulesFile({ version: 1, rules: [{ ...valid, priority: 1.5 }] }))).toBe("the rules file is not valid: rules[0].priority: Expected integer, received float");
  });

  it("accepts patterns with nested quantifiers: they run in linear time", () => {
    const r = rule({ conditions: [{ field: "description", op: "regex", value: "(a+)+$" }], actions: [toSoftware] });
    const started = performance.now();
    expect(applyRules([r], row(`${"a".repeat(900)}!`, "-1")).matched).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
