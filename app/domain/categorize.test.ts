import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../fixtures/categorize/generate.ts";
import { parseLabelledCsv } from "../cli/categorize-eval.ts";
import {
  CategoryModel,
  crossValidate,
  DEFAULT_AUTO_APPLY_THRESHOLD,
  features,
  foldAssignments,
  magnitudeBucket,
  seededShuffle,
  shouldAutoApply,
  suggestRules,
  trainModel,
  type TrainingExample,
} from "./categorize.ts";
import { DEFAULT_CHART, UNCATEGORIZED } from "./chart.ts";
import { AppError } from "./errors.ts";
import { Decimal } from "./money.ts";
import { normalizePayee, payeeKey } from "./payee.ts";
import { parseRule } from "./rules-schema.ts";

const ex = (description: string, amount: string, category: string): TrainingExample => ({ description, amount: Decimal.parse(amount), category });

const TRAINING = [
  ex("GUSTO DES:NET PAY ID:XHARMG2JB INDN:ACME HOLDINGS LLC CO ID:1278190352 PPD", "-8200.00", "Payroll"),
  ex("GUSTO DES:TAX 260315 ID:WHFP4ZCNY INDN:ACME HOLDINGS LLC CO ID:7049777351 CCD", "-2100.00", "Payroll"),
  ex("ACH DEBIT GUSTO NET PAY", "-7900.00", "Payroll"),
  ex("GITHUB, INC. SAN FRANCISCO CA", "-21.00", "Software"),
  ex("POS PURCHASE 0301 GITHUB, INC. SAN FRANCISCO CA", "-21.00", "Software"),
  ex("ATLASSIAN AMSTERDAM NL", "-49.00", "Software"),
  ex("ACH CREDIT STRIPE TRANSFER ST-K2J8X9Q4", "2418.77", "Revenue"),
  ex("STRIPE DES:TRANSFER ID:ST-7NYRW674 INDN:ACME HOLDINGS LLC CO ID:3994783138 CCD", "1822.10", "Revenue"),
  ex("FASTER PAYMENT TO J SMITH PROPERTIES REF RENT MAR", "-2750.00", "Rent"),
  ex("FASTER PAYMENT TO J SMITH PROPERTIES REF RENT APR", "-2750.00", "Rent"),
];

describe("features", () => {
  it("are the payee, its first word and words, other description words, direction and size", () => {
    expect(features({ description: "POS PURCHASE 0301 GITHUB, INC. SAN FRANCISCO CA", amount: Decimal.parse("-21.00") })).toEqual([
      "d:pos",
      "d:purchase",
      "f=github",
      "m:out3",
      "p=github",
      "s:out",
      "w:github",
    ]);
    expect(features({ description: "ACH DEBIT GUSTO NET PAY", amount: Decimal.parse("-7900.00") })).toEqual([
      "b:gusto net",
      "b:net pay",
      "d:ach",
      "d:debit",
      "f=gusto",
      "m:out8",
      "p=gusto net pay",
      "s:out",
      "w:gusto",
      "w:net",
      "w:pay",
    ]);
    expect(features({ description: "", amount: Decimal.parse("0") })).toEqual(["m:zero0", "s:zero"]);
  });

  it("bucket amounts in half decades from their digits (no floats)", () => {
    const buckets = ["0.99", "1", "2.99", "3", "9.99", "10", "29.99", "30", "99.99", "100", "299", "300", "-1000", "1000000000000.0001"].map((a) =>
      magnitudeBucket(Decimal.parse(a)),
    );
    expect(buckets).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 25]);
  });
});

describe("CategoryModel", () => {
  it("predicts the category of payees it has learned, with a confidence and runners-up", () => {
    const model = trainModel(TRAINING);
    expect(model.size).toBe(10);
    expect(model.categories).toEqual(["Payroll", "Rent", "Revenue", "Software"]);
    const gusto = model.predict({ description: "ORIG CO NAME:GUSTO ORIG ID:9138864001 DESC DATE:260401 CO ENTRY DESCR:NET PAY SEC:CCD", amount: Decimal.parse("-8050.00") })!;
    expect(gusto.category).toBe("Payroll");
    expect(gusto.confidence).toBeGreaterThan(0.9);
    expect(gusto.alternatives.map((a) => a.category)).toHaveLength(3);
    const total = gusto.confidence + gusto.alternatives.reduce((n, a) => n + a.confidence, 0);
    expect(total).toBeCloseTo(1, 10);
    expect(model.predict({ description: "CHECKCARD 0402 GITHUB, INC. SAN FRANCISCO CA 123", amount: Decimal.parse("-21.00") })!.category).toBe("Software");
    expect(model.predict({ description: "STRIPE PAYOUT", amount: Decimal.parse("950.00") })!.category).toBe("Revenue");
  });

  it("is unsure about something it has never seen", () => {
    const model = trainModel(TRAINING);
    const unknown = model.predict({ description: "ZQXW HOLDINGS", amount: Decimal.parse("-400.00") })!;
    expect(unknown.confidence).toBeLessThan(DEFAULT_AUTO_APPLY_THRESHOLD);
    expect(shouldAutoApply(unknown)).toBe(false);
    expect(shouldAutoApply(null)).toBe(false);
    expect(new CategoryModel().predict({ description: "GITHUB", amount: Decimal.parse("-1") })).toBeNull();
  });

  it("learns incrementally: a correction changes the next suggestion", () => {
    const model = trainModel(TRAINING);
    const row = { description: "SQ *BLUE BOTTLE COFFEE 0423 SAN FRANCISCO CA", amount: Decimal.parse("-6.50") };
    expect(model.predict(row)!.category).not.toBe("Travel and meals");
    model.learn({ ...row, category: "Travel and meals" });
    model.learn({ description: "SQ *BLUE BOTTLE COFFEE 0201 OAKLAND CA", amount: Decimal.parse("-5.25"), category: "Travel and meals" });
    expect(model.predict({ description: "BLUE BOTTLE COFFEE BERKELEY CA", amount: Decimal.parse("-7.00") })!.category).toBe("Travel and meals");
  });

  it("never answers from a prediction made before it learned, forgot, merged or removed", () => {
    const model = trainModel(TRAINING);
    const row = { description: "SQ *BLUE BOTTLE COFFEE 0423 SAN FRANCISCO CA", amount: Decimal.parse("-6.50") };
    const fresh = (m: CategoryModel) => CategoryModel.fromJSON(m.toJSON()).predict(row);
    const before = model.predict(row);
    const extra = ex("SQ *BLUE BOTTLE COFFEE 0201 OAKLAND CA", "-5.25", "Travel and meals");
    model.learn(extra);
    expect(model.predict(row)).not.toEqual(before);
    expect(model.predict(row)).toEqual(fresh(model));
    model.mergeCategory("Travel and meals", "Meals");
    expect(model.predict(row)).toEqual(fresh(model));
    expect(model.predict(row)!.category).toBe("Meals");
    model.removeCategory("Meals");
    expect(model.predict(row)).toEqual(before);
    model.learn(extra);
    model.forget(extra);
    expect(model.predict(row)).toEqual(before);
    // A payee holding a NUL is answered afresh (a NUL-joined key could otherwise be ambiguous).
    const odd = { description: "x", normalizedPayee: "Blue\u0000Bottle", amount: Decimal.parse("-6.50") };
    expect(model.predict(odd)).toEqual(CategoryModel.fromJSON(model.toJSON()).predict(odd));
    // Rows that differ only in words the model never saw (references, numbers) get one answer.
    const other = model.predict({ ...row, description: "SQ *BLUE BOTTLE COFFEE 9999 SAN FRANCISCO CA XQZV" });
    expect(other).toEqual(before);
  });

  it("forgets exactly what it learned", () => {
    const model = trainModel(TRAINING);
    const before = JSON.stringify(model.toJSON());
    const extra = ex("SQ *BLUE BOTTLE COFFEE 0423 SAN FRANCISCO CA", "-6.50", "Travel and meals");
    model.learn(extra);
    expect(model.categories).toContain("Travel and meals");
    model.forget(extra);
    expect(JSON.stringify(model.toJSON())).toBe(before);
    expect(model.categories).not.toContain("Travel and meals");
    expect(() => model.forget(extra)).toThrow(AppError);
    expect(() => model.forget(ex("GITHUB, INC. SAN FRANCISCO CA", "-21.00", "Rent"))).toThrow('the model never learned "GITHUB, INC. SAN FRANCISCO CA" as Rent, so it cannot forget it');
  });

  it("survives JSON: the same state, the same predictions", () => {
    const model = trainModel(TRAINING);
    const stored = JSON.parse(JSON.stringify(model));
    const restored = CategoryModel.fromJSON(stored);
    expect(restored.toJSON()).toEqual(model.toJSON());
    for (const e of TRAINING) expect(restored.predict(e)).toEqual(model.predict(e));
    restored.learn(ex("ACH DEBIT GUSTO NET PAY", "-7900.00", "Payroll"));
    expect(restored.size).toBe(model.size + 1);
    // Deterministic: training in the same order twice gives byte-identical state.
    expect(JSON.stringify(trainModel(TRAINING))).toBe(JSON.stringify(model));
  });

  it("refuses state that is not a model, saying what is wrong", () => {
    const good = trainModel(TRAINING).toJSON();
    const cases: [unknown, string][] = [
      [null, "not a stored categorization model: state: Expected object, received null"],
      [{ ...good, version: 2 }, "not a stored categorization model: version: Invalid literal value, expected 1"],
      [{ ...good, classes: [{ ...good.classes[0], docs: -1 }] }, "not a stored categorization model: classes.0.docs: Number must be greater than 0"],
      [{ ...good, classes: [{ ...good.classes[0], total: 1 }] }, `not a stored categorization model: ${good.classes[0]!.category}'s counts add up to ${good.classes[0]!.total}, not 1`],
      [{ ...good, classes: [good.classes[0], good.classes[0]] }, `not a stored categorization model: ${good.classes[0]!.category} appears twice`],
      [{ ...good, classes: [{ ...good.classes[0], counts: { __proto__x: 1 } }] }, "not a stored categorization model: classes.0.counts.__proto__x: Invalid"],
    ];
    for (const [state, message] of cases) {
      expect(() => CategoryModel.fromJSON(state)).toThrow(message);
    }
  });

  it("refuses bad examples and options", () => {
    const model = new CategoryModel();
    expect(() => model.learn(ex("X", "-1", "  "))).toThrow("a training example needs a category");
    expect(() => model.learn(ex("X", "-1", "c".repeat(201)))).toThrow(/a category name is at most 200 characters/);
    expect(() => new CategoryModel({ alpha: 0 })).toThrow("alpha must be above 0, not 0");
    expect(() => new CategoryModel({ temperature: -1 })).toThrow("temperature must be above 0, not -1");
  });

  it("accepts any category names (the CLI evaluates anyone's labels)", () => {
    const model = trainModel([ex("NETFLIX", "-9.99", "__proto__"), ex("SALARY", "3000", "constructor"), ex("NETFLIX.COM", "-9.99", "__proto__")]);
    expect(model.predict({ description: "NETFLIX", amount: Decimal.parse("-9.99") })!.category).toBe("__proto__");
    expect(CategoryModel.fromJSON(JSON.parse(JSON.stringify(model))).categories).toEqual(["__proto__", "constructor"]);
  });
});

describe("suggestRules", () => {
  it("suggests a rule after the same correction three times", () => {
    const corrections = [
      { payee: "Blue Bottle Coffee", category: "Travel and meals" },
      { payee: "BLUE BOTTLE COFFEE", category: "Travel and meals" },
      { payee: "Github", category: "Software" },
    ];
    expect(suggestRules(corrections)).toEqual([]);
    const suggestions = suggestRules([...corrections, { payee: "blue bottle coffee", category: "Travel and meals" }]);
    expect(suggestions).toEqual([
      {
        payee: "Blue Bottle Coffee",
        category: "Travel and meals",
        count: 3,
        rule: {
          name: "Blue Bottle Coffee → Travel and meals",
          priority: 100,
          match: "all",
          conditions: [{ field: "payee", op: "equals", value: "Blue Bottle Coffee" }],
          actions: [{ type: "setCategory", category: "Travel and meals" }],
          enabled: true,
        },
      },
    ]);
    // The suggestion is a valid rule once the service gives it an id.
    expect(() => parseRule({ id: "new", ...suggestions[0]!.rule })).not.toThrow();
  });

  it("does not suggest while the corrections disagree, and follows the latest one", () => {
    const mixed = [
      { payee: "Amazon", category: "Office and supplies", at: "2026-03-01T10:00:00Z" },
      { payee: "Amazon", category: "Office and supplies", at: "2026-03-02T10:00:00Z" },
      { payee: "Amazon", category: "Office and supplies", at: "2026-03-03T10:00:00Z" },
      { payee: "Amazon", category: "Cost of goods", at: "2026-03-04T10:00:00Z" },
    ];
    expect(suggestRules(mixed)).toEqual([]);
    // Time order comes from `at`, not from the array.
    expect(suggestRules([...mixed].reverse())).toEqual([]);
    const settled = [...mixed, ...[5, 6].map((d) => ({ payee: "Amazon", category: "Office and supplies", at: `2026-03-0${d}T10:00:00Z` }))];
    expect(suggestRules(settled).map((s) => [s.payee, s.category, s.count])).toEqual([["Amazon", "Office and supplies", 5]]);
  });

  it("skips payees an enabled rule already sends to that category, and honours minCount", () => {
    const corrections = Array.from({ length: 4 }, () => ({ payee: "Github", category: "Software" }));
    const existing = parseRule({ id: "r", name: "gh", priority: 1, match: "all", conditions: [{ field: "payee", op: "equals", value: "GITHUB" }], actions: [{ type: "setCategory", category: "Software" }] });
    expect(suggestRules(corrections, { existingRules: [existing] })).toEqual([]);
    expect(suggestRules(corrections, { existingRules: [{ ...existing, enabled: false }] })).toHaveLength(1);
    expect(suggestRules(corrections, { existingRules: [{ ...existing, actions: [{ type: "setCategory", category: "Marketing" }] }] })).toHaveLength(1);
    expect(suggestRules(corrections, { minCount: 5 })).toEqual([]);
    expect(suggestRules([{ payee: " ", category: "Software" }, { payee: "x", category: "" }], { minCount: 1 })).toEqual([]);
  });

  it("orders suggestions by support", () => {
    const corrections = [
      ...Array.from({ length: 3 }, () => ({ payee: "Zoom", category: "Software" })),
      ...Array.from({ length: 5 }, () => ({ payee: "Uber", category: "Travel and meals" })),
      ...Array.from({ length: 3 }, () => ({ payee: "Adobe", category: "Software" })),
    ];
    expect(suggestRules(corrections).map((s) => s.payee)).toEqual(["Uber", "Adobe", "Zoom"]);
  });
});

describe("cross-validation helpers", () => {
  it("shuffle and fold deterministically", () => {
    expect(seededShuffle([1, 2, 3, 4, 5, 6], 7)).toEqual(seededShuffle([1, 2, 3, 4, 5, 6], 7));
    expect(seededShuffle([1, 2, 3, 4, 5, 6], 7)).not.toEqual(seededShuffle([1, 2, 3, 4, 5, 6], 8));
    expect([...seededShuffle([1, 2, 3, 4, 5, 6], 7)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const folds = foldAssignments(Array.from({ length: 23 }, (_, i) => i), 5, 1);
    expect(folds).toEqual(foldAssignments(Array.from({ length: 23 }, (_, i) => i), 5, 1));
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(() => foldAssignments([1, 2], 1, 1)).toThrow("cross-validation needs at least 2 folds, not 1");
    expect(() => foldAssignments([1, 2], 3, 1)).toThrow("2 examples cannot be split into 3 folds");
  });

  it("keep a group on one side of every split", () => {
    const items = Array.from({ length: 40 }, (_, i) => `payee${i % 9}`);
    const folds = foldAssignments(items, 4, 3, (x) => x);
    for (let p = 0; p < 9; p++) expect(new Set(items.flatMap((x, i) => (x === `payee${p}` ? [folds[i]] : []))).size).toBe(1);
  });
});

describe("the labelled fixture set (fixtures/categorize/labelled.csv)", () => {
  const file = path.resolve(import.meta.dirname, "../../fixtures/categorize/labelled.csv");
  const text = readFileSync(file, "utf8");
  const rows = parseLabelledCsv(text, "labelled.csv");

  it("is what its generator writes", () => {
    expect(generate()).toBe(text);
  });

  it("has ≥ 400 varied, labelled rows across the default chart", () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    const chart = new Set(DEFAULT_CHART.map((c) => c.name));
    const byCategory = new Map<string, number>();
    for (const r of rows) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
    for (const category of byCategory.keys()) expect(chart.has(category), category).toBe(true);
    for (const c of DEFAULT_CHART) if (c.name !== UNCATEGORIZED) expect(byCategory.get(c.name) ?? 0, c.name).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.description)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => payeeKey(normalizePayee(r.description)))).size).toBeGreaterThan(200);
    for (const r of rows) expect(r.amount.isZero(), r.description).toBe(false);
  });

  it("is learned well enough to be worth suggesting from (regression floor for bench:categorize)", () => {
    const random = crossValidate(rows, { folds: 5, seed: 1 });
    expect(random.accuracy).toBeGreaterThan(0.8);
    expect(random.autoApplied.accuracy).toBeGreaterThan(0.95);
    expect(random.autoApplied.share).toBeGreaterThan(0.5);
    expect(random.expectedCalibrationError).toBeLessThan(0.08);
    const unseen = crossValidate(rows, { folds: 5, seed: 1, groupOf: (r) => payeeKey(normalizePayee(r.description)) });
    expect(unseen.accuracy).toBeGreaterThan(0.55);
    expect(unseen.autoApplied.accuracy).toBeGreaterThan(0.9);
  });
});

describe("merging and removing categories in the model", () => {
  const ex = (description: string, category: string) => ({ description, amount: Decimal.parse("-10"), category });
  const examples = [ex("BLUE BOTTLE COFFEE", "meals"), ex("STARBUCKS 123", "coffee"), ex("STARBUCKS 456", "coffee"), ex("ADOBE CLOUD", "software")];

  it("a merge predicts exactly as a model that learned the merged category from the start", () => {
    const merged = trainModel(examples);
    merged.mergeCategory("coffee", "meals");
    const fresh = trainModel(examples.map((e) => (e.category === "coffee" ? { ...e, category: "meals" } : e)));
    expect(merged.toJSON()).toEqual(fresh.toJSON());
    expect(merged.categories).toEqual(["meals", "software"]);
    expect(merged.predict({ description: "STARBUCKS 789", amount: Decimal.parse("-5") })?.category).toBe("meals");
  });

  it("merging into a category the model never learned moves the class; an unknown source changes nothing", () => {
    const model = trainModel(examples);
    model.mergeCategory("software", "saas");
    expect(model.categories).toEqual(["coffee", "meals", "saas"]);
    const before = JSON.stringify(model.toJSON());
    model.mergeCategory("nothing", "meals");
    model.mergeCategory("meals", "meals");
    expect(JSON.stringify(model.toJSON())).toBe(before);
  });

  it("removing a category is forgetting each of its examples", () => {
    const removed = trainModel(examples);
    removed.removeCategory("coffee");
    const fresh = trainModel(examples.filter((e) => e.category !== "coffee"));
    expect(removed.toJSON()).toEqual(fresh.toJSON());
    expect(removed.size).toBe(2);
    expect(removed.predict({ description: "STARBUCKS 789", amount: Decimal.parse("-5") })?.category).not.toBe("coffee");
  });
});
