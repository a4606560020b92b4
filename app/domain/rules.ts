/**
 * Running categorization rules (their shape and validation: rules-schema.ts).
 *
 * Semantics, all deterministic:
 *  - Enabled rules run in priority order (lower first; ties by id). Disabled rules never run.
 *  - A rule matches when ALL (or ANY) of its conditions hold. Conditions see the row as it
 *    is, not as earlier rules left it: a rule that sets the payee does not change what a
 *    later rule's payee condition sees.
 *  - Text conditions compare case- and accent-insensitively (`contains`, `startsWith`,
 *    `equals` on folded text; `regex` through the linear-time matcher in safe-regex.ts,
 *    tried on the text and on its folded form). The payee is the row's payee, or the
 *    normalized payee of its description when it has none.
 *  - Amount conditions: `sign` in (> 0) / out (< 0); `min`/`max` bound the size of the
 *    amount (its absolute value), inclusive. Date bounds are inclusive.
 *  - The first matching rule that sets a field wins it; later rules cannot overwrite it.
 *    Category and split are one field: a row is either categorized or split.
 *  - A split must fit the row: fixed parts must add up to the row's size exactly (each part
 *    takes the row's sign), percentages are exact with the remainder on the last part
 *    (splits.ts). A split that does not fit is not applied and is reported in `problems`;
 *    a later rule may then categorize the row.
 * Pure.
 */
import { AppError } from "./errors.ts";
import { Decimal, type Money } from "./money.ts";
import { foldForMatching, normalizePayee } from "./payee.ts";
import type { Action, Condition, Rule } from "./rules-schema.ts";
import { compileSafePattern, type SafePattern } from "./safe-regex.ts";
import { splitByAmounts, splitByPercentages } from "./splits.ts";

export type { Action, Condition, Rule } from "./rules-schema.ts";

export interface RuleRow {
  id: string;
  description: string;
  payee?: string | null;
  amount: Money;
  accountId: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  category?: string | null;
  note?: string | null;
  /** The row's current split, if it has one (to tell whether a rule would change it). */
  splits?: readonly SplitPart[] | null;
  /** How the category was set: a person's choice stands unless told otherwise, a confirmed transfer always. */
  categorySource?: "rule" | "model" | "manual" | "transfer" | null;
  /** Reconciled or in a locked period: rules never change it. */
  locked?: boolean;
}

export interface SplitPart {
  amount: Money;
  category?: string;
  note?: string;
}

export interface RuleOutcome {
  category?: string;
  payee?: string;
  note?: string;
  splits?: SplitPart[];
  /** The rules that matched, in the order they ran. */
  matched: string[];
  /** Which rule set what. */
  setBy: Partial<Record<"category" | "payee" | "note", string>>;
  /** Actions that matched but could not apply (a split that does not fit the row). */
  problems: { ruleId: string; message: string }[];
}

export interface ApplyOptions {
  /** Let rules replace a category a person chose (default: no). Confirmed transfers are never replaced. */
  overwriteManual?: boolean;
}

interface CompiledCondition {
  test(row: PreparedRow): boolean;
}

/**
 * A row as conditions see it. The folded texts are worked out when a condition first asks for
 * them: most rule sets test the description only, and folding runs for every imported row.
 */
class PreparedRow {
  private foldedDescription: string | undefined;
  private foldedPayee: string | undefined;

  constructor(
    readonly row: RuleRow,
    readonly payee: string,
  ) {}

  get description(): string {
    return this.row.description;
  }

  get descriptionFolded(): string {
    return (this.foldedDescription ??= foldForMatching(this.row.description));
  }

  get payeeFolded(): string {
    return (this.foldedPayee ??= foldForMatching(this.payee));
  }
}

interface CompiledRule {
  rule: Rule;
  conditions: CompiledCondition[];
}

function compileCondition(condition: Condition, ruleId: string): CompiledCondition {
  switch (condition.field) {
    case "description":
    case "payee": {
      // Per row and condition: field access only, no arrays (this runs for every imported row).
      const onPayee = condition.field === "payee";
      const raw = (r: PreparedRow) => (onPayee ? r.payee : r.description);
      const folded = (r: PreparedRow) => (onPayee ? r.payeeFolded : r.descriptionFolded);
      if (condition.op === "regex") {
        let pattern: SafePattern;
        try {
          pattern = compileSafePattern(condition.value);
        } catch (error) {
          throw new AppError("validation_failed", `rule ${ruleId}: ${(error as Error).message}`);
        }
        return { test: (r) => pattern.test(raw(r)) || pattern.test(folded(r)) };
      }
      const needle = foldForMatching(condition.value);
      const op = condition.op;
      return {
        test: (r) => {
          const text = folded(r);
          return op === "contains" ? text.includes(needle) : op === "startsWith" ? text.startsWith(needle) : text === needle;
        },
      };
    }
    case "amount": {
      const min = condition.min !== undefined ? Decimal.parse(condition.min) : undefined;
      const max = condition.max !== undefined ? Decimal.parse(condition.max) : undefined;
      const sign = condition.sign;
      return {
        test: ({ row }) => {
          const amount = row.amount.amount;
          if (sign === "in" && amount.sign() <= 0) return false;
          if (sign === "out" && amount.sign() >= 0) return false;
          const size = amount.abs();
          if (min !== undefined && size.cmp(min) < 0) return false;
          if (max !== undefined && size.cmp(max) > 0) return false;
          return true;
        },
      };
    }
    case "account": {
      const ids = new Set(condition.accountIds);
      return { test: ({ row }) => ids.has(row.accountId) };
    }
    case "date": {
      const { from, to } = condition;
      return { test: ({ row }) => (from === undefined || row.date >= from) && (to === undefined || row.date <= to) };
    }
  }
}

export interface RuleSet {
  readonly rules: readonly Rule[];
  apply(row: RuleRow, options?: ApplyOptions): RuleOutcome;
}

/** Compiles the rules once (patterns included) for applying them to many rows. */
export function compileRules(rules: readonly Rule[]): RuleSet {
  const ordered = rules
    .filter((r) => r.enabled !== false)
    .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const compiled: CompiledRule[] = ordered.map((rule) => ({ rule, conditions: rule.conditions.map((c) => compileCondition(c, rule.id)) }));
  return { rules: ordered, apply: (row, options) => run(compiled, row, options ?? {}) };
}

function prepare(row: RuleRow): PreparedRow {
  return new PreparedRow(row, row.payee?.trim() ? row.payee : normalizePayee(row.description));
}

function matches(rule: CompiledRule, row: PreparedRow): boolean {
  return rule.rule.match === "all" ? rule.conditions.every((c) => c.test(row)) : rule.conditions.some((c) => c.test(row));
}

function splitFor(action: Action, amount: Money): SplitPart[] {
  if (action.type === "splitByAmounts") {
    const signed = action.parts.map((p) => (amount.isNegative() ? Decimal.parse(p.amount).neg() : Decimal.parse(p.amount)));
    const money = splitByAmounts(amount, signed);
    return money.map((m, i) => partOf(m, action.parts[i]!));
  }
  if (action.type === "splitByPercentages") {
    const money = splitByPercentages(amount, action.parts.map((p) => p.percent));
    return money.map((m, i) => partOf(m, action.parts[i]!));
  }
  throw new Error(`not a split action: ${action.type}`);
}

function partOf(amount: Money, part: { category?: string; note?: string }): SplitPart {
  return { amount, ...(part.category !== undefined ? { category: part.category } : {}), ...(part.note !== undefined ? { note: part.note } : {}) };
}

function run(rules: readonly CompiledRule[], row: RuleRow, options: ApplyOptions): RuleOutcome {
  const outcome: RuleOutcome = { matched: [], setBy: {}, problems: [] };
  if (row.locked) return outcome;
  const prepared = prepare(row);
  // A person's categorization stands unless the caller says otherwise; a confirmed transfer always does.
  let categoryTaken = row.categorySource === "transfer" || (row.categorySource === "manual" && !options.overwriteManual);
  for (const compiled of rules) {
    if (!matches(compiled, prepared)) continue;
    const { rule } = compiled;
    outcome.matched.push(rule.id);
    for (const action of rule.actions) {
      switch (action.type) {
        case "setCategory":
          if (categoryTaken) break;
          outcome.category = action.category;
          outcome.setBy.category = rule.id;
          categoryTaken = true;
          break;
        case "setPayee":
          if (outcome.payee !== undefined) break;
          outcome.payee = action.payee;
          outcome.setBy.payee = rule.id;
          break;
        case "setNote":
          if (outcome.note !== undefined) break;
          outcome.note = action.note;
          outcome.setBy.note = rule.id;
          break;
        case "splitByAmounts":
        case "splitByPercentages":
          if (categoryTaken) break;
          try {
            outcome.splits = splitFor(action, row.amount);
            outcome.setBy.category = rule.id;
            categoryTaken = true;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            outcome.problems.push({ ruleId: rule.id, message: `rule "${rule.name}" cannot split row ${row.id}: ${error.message}` });
          }
          break;
      }
    }
  }
  return outcome;
}

/** What the rules do to one row. */
export function applyRules(rules: readonly Rule[], row: RuleRow, options?: ApplyOptions): RuleOutcome {
  return compileRules(rules).apply(row, options);
}

// ---------------------------------------------------------------------------------------
// Preview: what saving these rules would do to existing rows.

export interface RowState {
  category: string | null;
  payee: string | null;
  note: string | null;
  splits: { amount: string; category?: string; note?: string }[] | null;
}

export interface RowChange {
  rowId: string;
  before: RowState;
  after: RowState;
  /** The fields that would change. */
  fields: ("category" | "payee" | "note" | "splits")[];
  ruleIds: string[];
}

export interface RulePreview {
  total: number;
  /** Rows the rules would change. */
  changed: number;
  /** Rows left as they are (no rule matches, or they already are what the rules say). */
  unchanged: number;
  /** Reconciled or locked rows, which rules never change. */
  locked: number;
  /** "would change 3 rows" — what the editor shows before saving. */
  summary: string;
  changes: RowChange[];
  problems: { rowId: string; ruleId: string; message: string }[];
}

function splitState(splits: readonly SplitPart[] | null | undefined): RowState["splits"] {
  if (!splits || splits.length === 0) return null;
  return splits.map((s) => ({ amount: s.amount.toDecimalString(), ...(s.category !== undefined ? { category: s.category } : {}), ...(s.note !== undefined ? { note: s.note } : {}) }));
}

function sameSplits(a: RowState["splits"], b: RowState["splits"]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Which rows these rules would change, and how — nothing is changed. */
export function previewRules(rules: readonly Rule[], rows: readonly RuleRow[], options?: ApplyOptions): RulePreview {
  const set = compileRules(rules);
  const changes: RowChange[] = [];
  const problems: RulePreview["problems"] = [];
  let locked = 0;
  for (const row of rows) {
    if (row.locked) {
      locked++;
      continue;
    }
    const outcome = set.apply(row, options);
    for (const p of outcome.problems) problems.push({ rowId: row.id, ...p });
    if (outcome.matched.length === 0) continue;
    const before: RowState = { category: row.category ?? null, payee: row.payee ?? null, note: row.note ?? null, splits: splitState(row.splits) };
    const after: RowState = { ...before };
    const fields: RowChange["fields"] = [];
    if (outcome.splits !== undefined) {
      after.splits = splitState(outcome.splits);
      after.category = null;
      if (!sameSplits(before.splits, after.splits)) fields.push("splits");
      if (before.category !== null) fields.push("category");
    } else if (outcome.category !== undefined) {
      after.category = outcome.category;
      after.splits = null;
      if (before.category !== outcome.category) fields.push("category");
      if (before.splits !== null) fields.push("splits");
    }
    if (outcome.payee !== undefined && outcome.payee !== before.payee) {
      after.payee = outcome.payee;
      fields.push("payee");
    }
    if (outcome.note !== undefined && outcome.note !== before.note) {
      after.note = outcome.note;
      fields.push("note");
    }
    if (fields.length === 0) continue;
    changes.push({ rowId: row.id, before, after, fields: fields.sort(), ruleIds: outcome.matched });
  }
  const n = changes.length;
  return {
    total: rows.length,
    changed: n,
    unchanged: rows.length - n - locked,
    locked,
    summary: `would change ${n} row${n === 1 ? "" : "s"}${locked ? ` (${locked} locked row${locked === 1 ? "" : "s"} left alone)` : ""}`,
    changes,
    problems,
  };
}
