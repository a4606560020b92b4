import { describe, expect, it } from "vitest";
import { parseRule } from "~/domain/rules-schema";
import { describeActions, describeConditions, emptyCondition, emptyRule, fromRule, toRuleInput, type RuleForm } from "./rule-form";

const CAT = "0196f000-0000-7000-8000-000000000001";
const CAT2 = "0196f000-0000-7000-8000-000000000002";
const ACC = "0196f000-0000-7000-8000-0000000000aa";

const full = (): RuleForm => ({
  ...emptyRule(10),
  name: " Coffee ",
  match: "any",
  conditions: [
    { ...emptyCondition("payee"), op: "startsWith", value: " blue bottle " },
    { ...emptyCondition("amount"), sign: "out", min: "", max: "50" },
    { ...emptyCondition("account"), accountIds: [ACC] },
    { ...emptyCondition("date"), from: "2026-01-01", to: "" },
  ],
  category: CAT,
  payee: "Blue Bottle",
  note: "  ",
});

describe("the form into the API's rule", () => {
  it("keeps what was filled, trims text, leaves empty optional fields out — and the schema accepts it", () => {
    const input = toRuleInput(full());
    expect(input).toEqual({
      name: "Coffee", priority: 10, match: "any", enabled: true,
      conditions: [
        { field: "payee", op: "startsWith", value: "blue bottle" },
        { field: "amount", sign: "out", max: "50" },
        { field: "account", accountIds: [ACC] },
        { field: "date", from: "2026-01-01" },
      ],
      actions: [{ type: "setCategory", category: CAT }, { type: "setPayee", payee: "Blue Bottle" }],
    });
    expect(parseRule({ ...input, id: "x" }).conditions).toHaveLength(4);
  });

  it("a split replaces the category action, by amounts or percentages", () => {
    const form = { ...full(), split: "percentages" as const, parts: [{ value: "60", category: CAT, note: "" }, { value: "40", category: CAT2, note: " rent share " }] };
    const input = toRuleInput(form);
    expect(input.actions).toEqual([
      { type: "splitByPercentages", parts: [{ percent: "60", category: CAT }, { percent: "40", category: CAT2, note: "rent share" }] },
      { type: "setPayee", payee: "Blue Bottle" },
    ]);
    expect(() => parseRule({ ...input, id: "x" })).not.toThrow();
    const byAmount = toRuleInput({ ...form, split: "amounts", parts: [{ value: "10", category: "", note: "" }, { value: "5", category: CAT, note: "" }] });
    expect((byAmount.actions as any[])[0]).toEqual({ type: "splitByAmounts", parts: [{ amount: "10" }, { amount: "5", category: CAT }] });
  });

  it("what is wrong is left for the schema to name", () => {
    const input = toRuleInput({ ...emptyRule(), priority: "", conditions: [emptyCondition("amount")] });
    expect(input.priority).toBeNaN();
    expect(() => parseRule({ ...input, id: "x" })).toThrow(/name|priority|amount condition needs|action/);
  });
});

describe("a saved rule into the form, and back", () => {
  it("round-trips every condition and action kind", () => {
    const input = toRuleInput(full());
    const again = toRuleInput(fromRule(input as any));
    expect(again).toEqual(input);
    const split = toRuleInput({ ...full(), split: "amounts", parts: [{ value: "3", category: CAT, note: "n" }, { value: "2", category: "", note: "" }] });
    expect(toRuleInput(fromRule(split as any))).toEqual(split);
  });
});

describe("the list's one-line summaries", () => {
  it("say when and then in words", () => {
    const rule = toRuleInput(full()) as any;
    expect(describeConditions(rule, { account: () => "Checking" })).toBe("payee starts with “blue bottle” or amount money out, ≤ 50 or account is Checking or date from 2026-01-01");
    expect(describeActions(rule, { category: () => "Travel and meals" })).toBe("category Travel and meals, payee “Blue Bottle”");
    const split = toRuleInput({ ...full(), split: "percentages", parts: [{ value: "60", category: CAT, note: "" }, { value: "40", category: "", note: "" }] }) as any;
    expect(describeActions(split, { category: (id) => (id === CAT ? "Rent" : "?") })).toBe("split 60% Rent + 40% uncategorized, payee “Blue Bottle”");
  });
});
