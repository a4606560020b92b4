/**
 * Categorization rules as data: the shape stored in CategoryRule (conditions and actions as
 * JSON), accepted from the rule editor, and exported/imported as a JSON file. Validated here
 * before anything runs them, with messages that say which rule and which field is wrong.
 *
 * Amounts are decimal strings ("12.50"), never numbers. Categories are opaque keys: the
 * service stores category ids and exports names (so a file moves between tenants).
 */
import { z } from "zod";
import { AppError } from "./errors.ts";
import { Decimal } from "./money.ts";
import { checkSafePattern } from "./safe-regex.ts";

export const MAX_RULES = 1000;
export const MAX_CONDITIONS = 20;

const decimalText = z
  .string()
  .trim()
  .regex(/^\d{1,14}(?:\.\d{1,4})?$/, "must be a positive decimal number such as 12.50, with up to 4 decimals");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, "is not a calendar date");

const shortText = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const textConditionSchema = z
  .object({
    field: z.enum(["description", "payee"]),
    op: z.enum(["contains", "startsWith", "equals", "regex"]),
    value: shortText(200),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.op !== "regex") return;
    const problem = checkSafePattern(c.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  });

/** Amount: the sign (money in / out) and/or bounds on the size of the amount, inclusive. */
export const amountConditionSchema = z
  .object({
    field: z.literal("amount"),
    sign: z.enum(["in", "out"]).optional(),
    min: decimalText.optional(),
    max: decimalText.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.sign === undefined && c.min === undefined && c.max === undefined) {
      ctx.addIssue({ code: "custom", message: "an amount condition needs a sign, a minimum or a maximum" });
    }
    if (c.min !== undefined && c.max !== undefined && Decimal.parse(c.min).cmp(Decimal.parse(c.max)) > 0) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `the maximum ${c.max} is below the minimum ${c.min}` });
    }
  });

export const accountConditionSchema = z
  .object({
    field: z.literal("account"),
    accountIds: z.array(shortText(100)).min(1, "name at least one account").max(100),
  })
  .strict();

/** Date: inclusive bounds, either may be left open. */
export const dateConditionSchema = z
  .object({
    field: z.literal("date"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.from === undefined && c.to === undefined) ctx.addIssue({ code: "custom", message: "a date condition needs a from or a to date" });
    if (c.from !== undefined && c.to !== undefined && c.from > c.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `${c.to} is before ${c.from}` });
    }
  });

export const conditionSchema = z.discriminatedUnion("field", [
  // discriminatedUnion needs plain objects: the refinements run in the union's superRefine below.
  textConditionSchema.innerType(),
  amountConditionSchema.innerType(),
  accountConditionSchema,
  dateConditionSchema.innerType(),
]);

const splitPart = { category: shortText(200).optional(), note: shortText(500).optional() };

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("setCategory"), category: shortText(200) }).strict(),
  z.object({ type: z.literal("setPayee"), payee: shortText(200) }).strict(),
  z.object({ type: z.literal("setNote"), note: shortText(500) }).strict(),
  z
    .object({
      type: z.literal("splitByAmounts"),
      // Sizes of the parts; each takes the row's sign. They must add up to the row's amount.
      parts: z.array(z.object({ amount: decimalText, ...splitPart }).strict()).min(2, "a split needs at least 2 parts").max(50),
    })
    .strict(),
  z
    .object({
      type: z.literal("splitByPercentages"),
      parts: z.array(z.object({ percent: decimalText, ...splitPart }).strict()).min(2, "a split needs at least 2 parts").max(50),
    })
    .strict(),
]);

function refineCondition(condition: z.infer<typeof conditionSchema>, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const schema =
    condition.field === "description" || condition.field === "payee"
      ? textConditionSchema
      : condition.field === "amount"
        ? amountConditionSchema
        : condition.field === "date"
          ? dateConditionSchema
          : accountConditionSchema;
  const result = schema.safeParse(condition);
  if (!result.success) {
    // Only the refinements' own findings: the union has already reported the field-level ones.
    for (const issue of result.error.issues) if (issue.code === "custom") ctx.addIssue({ ...issue, path: [...path, ...issue.path] });
  }
}

export const ruleSchema = z
  .object({
    id: shortText(100),
    name: shortText(120),
    /** Lower runs first. */
    priority: z.number().int().min(0).max(1_000_000),
    match: z.enum(["all", "any"]),
    conditions: z.array(conditionSchema).min(1, "a rule needs at least one condition").max(MAX_CONDITIONS),
    actions: z.array(actionSchema).min(1, "a rule needs at least one action").max(10),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    rule.conditions.forEach((c, i) => refineCondition(c, ctx, ["conditions", i]));
    const types = rule.actions.map((a) => a.type);
    for (const type of new Set(types)) {
      if (types.filter((t) => t === type).length > 1) ctx.addIssue({ code: "custom", path: ["actions"], message: `${type} appears more than once` });
    }
    const splits = types.filter((t) => t === "splitByAmounts" || t === "splitByPercentages").length;
    if (splits > 1) ctx.addIssue({ code: "custom", path: ["actions"], message: "a rule can split a row one way only" });
    if (splits > 0 && types.includes("setCategory")) {
      ctx.addIssue({ code: "custom", path: ["actions"], message: "a rule that splits sets the category on each part; remove setCategory" });
    }
    rule.actions.forEach((a, i) => {
      if (a.type === "splitByPercentages") {
        const sum = Decimal.sum(a.parts.map((p) => Decimal.parse(p.percent)));
        if (!sum.eq(Decimal.parse("100"))) ctx.addIssue({ code: "custom", path: ["actions", i, "parts"], message: `the percentages add up to ${sum.toString()}, not 100` });
        a.parts.forEach((p, k) => {
          if (Decimal.parse(p.percent).isZero()) ctx.addIssue({ code: "custom", path: ["actions", i, "parts", k, "percent"], message: "must be above 0" });
        });
      }
      if (a.type === "splitByAmounts") {
        a.parts.forEach((p, k) => {
          if (Decimal.parse(p.amount).isZero()) ctx.addIssue({ code: "custom", path: ["actions", i, "parts", k, "amount"], message: "must be above 0" });
        });
      }
    });
  });

export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type Condition = Rule["conditions"][number];
export type Action = Rule["actions"][number];

/** The export/import file: `{ "version": 1, "rules": [...] }`. */
export const rulesFileSchema = z
  .object({
    version: z.literal(1),
    rules: z.array(ruleSchema).max(MAX_RULES),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `the id "${r.id}" is used by an earlier rule` });
      seen.add(r.id);
    });
  });

export type RulesFile = z.infer<typeof rulesFileSchema>;

function describeIssues(error: z.ZodError, limit = 5): string {
  // A field refinement can be reported by the union and again by the rule's own check.
  const lines = [
    ...new Set(
      error.issues.map((issue) => {
        const where = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
        return where ? `${where}: ${issue.message}` : issue.message;
      }),
    ),
  ];
  const more = lines.length > limit ? ` (and ${lines.length - limit} more)` : "";
  return lines.slice(0, limit).join("; ") + more;
}

/** One rule from the editor; AppError(validation_failed) naming each wrong field. */
export function parseRule(input: unknown): Rule {
  const result = ruleSchema.safeParse(input);
  if (!result.success) throw new AppError("validation_failed", `the rule is not valid: ${describeIssues(result.error)}`);
  return result.data;
}

/** A rules file (already JSON-parsed, or its text). */
export function parseRulesFile(input: unknown): Rule[] {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (error) {
      throw new AppError("validation_failed", `the rules file is not JSON: ${(error as Error).message}`);
    }
  }
  const result = rulesFileSchema.safeParse(data);
  if (!result.success) throw new AppError("validation_failed", `the rules file is not valid: ${describeIssues(result.error)}`);
  return result.data.rules;
}

/** The file `parseRulesFile` reads back, rules in the order they run. */
export function exportRules(rules: readonly Rule[]): RulesFile {
  const sorted = [...rules].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: 1, rules: sorted.map((r) => ruleSchema.parse(r)) };
}
