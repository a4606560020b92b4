/**
 * What the import does with each new row, in the order docs/categorization.md gives: the
 * tenant's rules first (a person wrote them: they win), then the learned model — its
 * suggestion applies by itself only at or above the tenant's threshold; below it the row stays
 * uncategorized and goes to the review queue, where the suggestion is shown again. The payee
 * is normalized here too (rules, learning and reports group by it). Pure: the worker builds
 * one categorizer per statement and calls it per row.
 */
import { shouldAutoApply, type CategoryModel, type Prediction } from "./categorize.ts";
import { Money } from "./money.ts";
import { normalizePayee } from "./payee.ts";
import { compileRules, type Rule, type SplitPart } from "./rules.ts";

export interface AutoCategorizeRow {
  description: string;
  /** The payee the statement gave, if any. */
  payee?: string | null;
  /** Negative = money out. */
  amount: Money;
  accountId: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface AutoCategorization {
  /** The payee to store: a rule's, else the statement's, else normalized from the description. */
  payee: string | null;
  /** The category (whatever the rules and model name categories by: ids in the service), or null. */
  category: string | null;
  source: "rule" | "model" | null;
  /** The model's confidence when the model set it. */
  confidence: number | null;
  note: string | null;
  /** A rule split the row (each part with its own category). */
  splits: SplitPart[] | null;
  /** Problems of matching rules that could not apply (a split that did not fit). */
  problems: { ruleId: string; message: string }[];
}

export interface AutoCategorizerOptions {
  rules: readonly Rule[];
  /** Null or empty: no suggestions. */
  model: CategoryModel | null;
  /** Suggestions at or above this confidence apply by themselves. */
  threshold: number;
}

export type AutoCategorizer = (row: AutoCategorizeRow) => AutoCategorization;

export function createAutoCategorizer(options: AutoCategorizerOptions): AutoCategorizer {
  const ruleSet = options.rules.length > 0 ? compileRules(options.rules) : null;
  const model = options.model && options.model.size > 0 ? options.model : null;
  const { threshold } = options;
  return (row) => {
    const statementPayee = row.payee?.trim() ? row.payee.trim() : null;
    const normalized = normalizePayee(row.description);
    const payee = statementPayee ?? (normalized || null);
    let category: string | null = null;
    let source: AutoCategorization["source"] = null;
    let confidence: number | null = null;
    let note: string | null = null;
    let splits: SplitPart[] | null = null;
    let problems: AutoCategorization["problems"] = [];
    let finalPayee = payee;
    if (ruleSet) {
      const outcome = ruleSet.apply({ id: "", description: row.description, payee, amount: row.amount, accountId: row.accountId, date: row.date });
      problems = outcome.problems;
      if (outcome.payee !== undefined) finalPayee = outcome.payee;
      if (outcome.note !== undefined) note = outcome.note;
      if (outcome.splits) {
        splits = outcome.splits;
        source = "rule";
      }
      if (outcome.category !== undefined) {
        category = outcome.category;
        source = "rule";
      }
    }
    if (source === null && model) {
      const prediction = model.predict({ description: row.description, normalizedPayee: normalized, amount: row.amount.amount });
      if (shouldAutoApply(prediction, threshold)) {
        category = prediction!.category;
        source = "model";
        confidence = prediction!.confidence;
      }
    }
    return { payee: finalPayee, category, source, confidence, note, splits, problems };
  };
}

/** The model's suggestion for a row the import left uncategorized (the review queue shows it). */
export function suggestionFor(model: CategoryModel | null, row: Pick<AutoCategorizeRow, "description" | "amount">): Prediction | null {
  if (!model || model.size === 0) return null;
  return model.predict({ description: row.description, amount: row.amount.amount });
}

export interface ImportCategorizerOptions extends AutoCategorizerOptions {
  /** The categories a row may be given now (not archived): anything else is not applied. */
  activeCategories: ReadonlySet<string>;
}

/**
 * The import's categorizer: as `createAutoCategorizer`, except that a category a rule or the
 * model names that no longer exists or is archived is not applied (the row goes to the review
 * queue instead).
 */
export function createImportCategorizer(options: ImportCategorizerOptions): AutoCategorizer {
  const categorize = createAutoCategorizer(options);
  const active = options.activeCategories;
  return (row) => {
    const result = categorize(row);
    const usable =
      (result.category === null || active.has(result.category)) &&
      (result.splits === null || result.splits.every((p) => p.category === undefined || active.has(p.category)));
    return usable ? result : { ...result, category: null, source: null, confidence: null, splits: null };
  };
}

// ---------------------------------------------------------------------------------------
// Categorizing on another thread (app/services/categorize-thread.server.ts): rows and results
// as plain arrays, which structured clone copies cheaply and which carry no classes.

/** [description, statement payee, amount units, amount scale, date] — the account and currency are the job's. */
export type WireRow = [string, string | null, bigint, number, string];
/** [payee, category, source, confidence, note, split parts as [amount, category, note]] */
export type WireResult = [string | null, string | null, AutoCategorization["source"], number | null, string | null, [string, string | null, string | null][] | null];

export function toWireResult(c: AutoCategorization): WireResult {
  return [c.payee, c.category, c.source, c.confidence, c.note, c.splits ? c.splits.map((p) => [p.amount.toDecimalString(), p.category ?? null, p.note ?? null]) : null];
}

export function fromWireResult(w: WireResult, currency: string): AutoCategorization {
  return {
    payee: w[0], category: w[1], source: w[2], confidence: w[3], note: w[4],
    splits: w[5] ? w[5].map(([amount, category, note]) => ({ amount: Money.of(amount, currency), ...(category !== null ? { category } : {}), ...(note !== null ? { note } : {}) })) : null,
    // What could not apply is not needed by the import (it is not shown per row there).
    problems: [],
  };
}
