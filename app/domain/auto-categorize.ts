/**
 * What the import does with each new row, in the order docs/categorization.md gives: the
 * tenant's rules first (a person wrote them: they win), then the learned model — its
 * suggestion applies by itself only at or above the tenant's threshold; below it the row stays
 * uncategorized and goes to the review queue, where the suggestion is shown again. The payee
 * is normalized here too (rules, learning and reports group by it). Pure: the worker builds
 * one categorizer per statement and calls it per row.
 */
import { shouldAutoApply, type CategoryModel, type Prediction } from "./categorize.ts";
import { copyValue } from "./copy-text.ts";
import { Decimal, Money } from "./money.ts";
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
// Categorizing an import's rows a chunk at a time, in place or on another thread
// (app/services/categorize-thread.server.ts). Both give the same CategorizedChunk: what the
// import stores, each row's categorization columns already in COPY text. Rows go to the thread
// as one string with their fields' lengths apart, and come back as one string: structured clone
// then copies a few objects a chunk instead of two arrays a row, and neither thread's young
// generation fills with per-row objects that live until the chunk is done (collecting those was
// a third of the categorizing thread's time, docs/performance.md).

/** What categorizing needs of a statement row (the account and currency are the job's). */
export interface ChunkRow {
  description: string;
  payee?: string | null;
  amount: Decimal;
  date: string;
}

/** Rows as sent to the thread: each row's description, statement payee, amount (canonical decimal) and date in one string; their lengths apart, four a row. */
export interface WireRows {
  text: string;
  lengths: Uint32Array;
}

/** The length that stands for a row without a statement payee (null, not an empty text). */
const NO_PAYEE = 0xffffffff;

export function toWireRows(rows: readonly ChunkRow[]): WireRows {
  const lengths = new Uint32Array(rows.length * 4);
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const amount = row.amount.toString();
    const payee = row.payee ?? null;
    parts.push(row.description, payee ?? "", amount, row.date);
    lengths[i * 4] = row.description.length;
    lengths[i * 4 + 1] = payee === null ? NO_PAYEE : payee.length;
    lengths[i * 4 + 2] = amount.length;
    lengths[i * 4 + 3] = row.date.length;
  }
  return { text: parts.join(""), lengths };
}

/** The rows of a chunk as sent, one at a time (none is kept: they die young, with their categorization's garbage). */
export function* fromWireRows(wire: WireRows): Generator<ChunkRow> {
  const { text, lengths } = wire;
  let at = 0;
  const next = (length: number) => text.slice(at, (at += length));
  for (let i = 0; i < lengths.length; i += 4) {
    const description = next(lengths[i]!);
    const payee = lengths[i + 1] === NO_PAYEE ? null : next(lengths[i + 1]!);
    const amount = Decimal.parse(next(lengths[i + 2]!));
    yield { description, payee, amount, date: next(lengths[i + 3]!) };
  }
}

/** A chunk of rows categorized, as the import stores it. */
export interface CategorizedChunk {
  /**
   * Each row's payee, category, source, confidence and note in COPY text (app/domain/copy-text.ts),
   * tab-separated; the rows' in order, separated by newlines (which COPY text escapes in fields).
   */
  copy: string;
  /** The rows a rule split, by their index in the chunk: parts as [amount, category, note]. */
  splits: [number, [string, string | null, string | null][]][];
  counts: { rule: number; model: number; none: number };
}

/** Rows joined into the chunk's text at a time: few strings live through a young collection. */
const ROWS_PER_PIECE = 250;

export function categorizeChunk(categorize: AutoCategorizer, rows: Iterable<ChunkRow>, job: { currency: string; accountId: string }): CategorizedChunk {
  const pieces: string[] = [];
  let lines: string[] = [];
  const splits: CategorizedChunk["splits"] = [];
  const counts = { rule: 0, model: 0, none: 0 };
  let i = -1;
  for (const row of rows) {
    i++;
    const c = categorize({ description: row.description, payee: row.payee, amount: Money.of(row.amount, job.currency), accountId: job.accountId, date: row.date });
    counts[c.source ?? "none"]++;
    if (c.splits) splits.push([i, c.splits.map((p) => [p.amount.toDecimalString(), p.category ?? null, p.note ?? null])]);
    lines.push(categorizationCopyText(c));
    if (lines.length === ROWS_PER_PIECE) {
      pieces.push(lines.join("\n"));
      lines = [];
    }
  }
  if (lines.length) pieces.push(lines.join("\n"));
  return { copy: pieces.join("\n"), splits, counts };
}

/** A row's categorization columns (payee, category, source, confidence, note) in COPY text, cut to what the ledger's columns hold. */
function categorizationCopyText(c: AutoCategorization): string {
  return (
    `${copyValue(c.payee?.slice(0, 200) ?? undefined)}\t${copyValue(c.category ?? undefined)}\t${copyValue(c.source ?? undefined)}\t` +
    `${c.confidence === null ? "\\N" : c.confidence.toFixed(4)}\t${copyValue(c.note?.slice(0, 1000) ?? undefined)}`
  );
}
