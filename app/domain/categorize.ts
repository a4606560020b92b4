/**
 * The learner behind category suggestions: multinomial naive Bayes with Laplace smoothing,
 * over binary features of a row —
 *   `p=<payee>`  the whole normalized payee (payee.ts): the strongest single clue;
 *   `f=<word>`   the payee's first word — the vendor, when a payment text follows the name
 *                ("Gusto Net Pay", "Gusto Tax");
 *   `w:<word>`, `b:<w1 w2>`  each word and each pair of adjacent words of the payee;
 *   `d:<word>`   each other word of the description, bank-format metadata removed (channel
 *                words such as "ach", "sepa", "lastschrift" and payment texts such as
 *                "payroll", "gehalt", "loyer" say a lot about the kind of payment);
 *   `s:in|out`   the direction of the money;
 *   `m:<dir><b>` the size of the amount in half-decade buckets (…, 10–30, 30–100, 100–300 …),
 *                computed from the decimal's digits — the amount itself is never a float.
 *
 * Every manual categorization is one `learn`; undoing it is `forget`. `predict` gives the
 * most likely category, a confidence and the runners-up. Naive Bayes multiplies evidence as
 * if features were independent, which makes its raw posteriors far too sure of themselves;
 * the confidence is the posterior of the log-scores divided by a temperature (default
 * DEFAULT_TEMPERATURE, chosen with `npm run bench:categorize` so that, on the labelled set,
 * a confidence of 0.9 means right about 9 times in 10). The state is plain JSON, so the
 * service can persist one model per tenant (CategoryModel.state). Pure.
 */
import { z } from "zod";
import { BoundedCache } from "./bounded-cache.ts";
import { AppError } from "./errors.ts";
import type { Decimal } from "./money.ts";
import { descriptionWords, meaningfulWords, normalizePayee, payeeKey } from "./payee.ts";
import type { RuleInput } from "./rules-schema.ts";

/**
 * Smoothing and temperature, chosen with `npm run bench:categorize -- --sweep` on the labelled
 * set: with few examples per payee, add-one smoothing drowns the evidence (alpha 1: 82% top-1,
 * alpha 0.1: 87%). At alpha 0.1, temperatures 1.5 and 2 calibrate about equally well (mean
 * calibration error 0.03–0.04 over recurring and unseen payees); 2 is the cautious one — fewer
 * suggestions reach the auto-apply threshold, and those that do are right 98–99.8% of the time.
 */
export const DEFAULT_ALPHA = 0.1;
export const DEFAULT_TEMPERATURE = 2;
/** Suggestions at or above this confidence apply without review (tenants can change it). */
export const DEFAULT_AUTO_APPLY_THRESHOLD = 0.9;
export const RULE_SUGGESTION_MIN_CORRECTIONS = 3;

export interface CategorizeInput {
  description: string;
  /** normalizePayee(description), when the caller has it already (the import does). */
  normalizedPayee?: string;
  /** Negative = money out. */
  amount: Decimal;
}

export interface TrainingExample extends CategorizeInput {
  category: string;
}

export interface Alternative {
  category: string;
  confidence: number;
}

export interface Prediction {
  category: string;
  /** 0..1, tempered posterior probability of `category`. */
  confidence: number;
  /** The next most likely categories, best first (up to 3). */
  alternatives: Alternative[];
}

// ---------------------------------------------------------------------------------------
// Features

/**
 * Half-decade bucket of |amount| from its integer digits: 0 for < 1, then 1 for 1–3, 2 for
 * 3–10, 3 for 10–30, 4 for 30–100 … (exact: from the digits, no logarithm of money).
 */
export function magnitudeBucket(amount: Decimal): number {
  // From the digits of |units|: the whole part has (digits − scale) of them, and whole ≥ 3·10^(n−1)
  // exactly when the leading digit is 3 or more — one toString instead of bigint division.
  const units = amount.units < 0n ? -amount.units : amount.units;
  const text = units.toString();
  const digits = text.length - amount.scale;
  if (digits <= 0 || units === 0n) return 0;
  return 2 * (digits - 1) + (text.charCodeAt(0) >= 51 /* "3" */ ? 2 : 1);
}

/**
 * The features that depend only on the normalized payee. An import has many rows per payee and
 * these strings are the same for all of them: computed once per payee (the cache is bounded;
 * what it holds is a pure function of the key).
 */
interface PayeeFeatures {
  /** Sorted; none starts like a row's own features (`d:`, `s:`, `m:`). */
  features: readonly string[];
  words: ReadonlySet<string>;
}
const payeeFeatureCache = new BoundedCache<string, PayeeFeatures>(2_000);

function payeeFeatures(normalizedPayee: string): PayeeFeatures {
  const cached = payeeFeatureCache.get(normalizedPayee);
  if (cached) return cached;
  const payee = payeeKey(normalizedPayee);
  const words = new Set(descriptionWords(payee));
  const out: string[] = [];
  if (payee) out.push(`p=${payee}`);
  const parts = payee.split(" ").filter(Boolean);
  if (parts[0]) out.push(`f=${parts[0]}`);
  for (let i = 0; i + 1 < parts.length; i++) out.push(`b:${parts[i]} ${parts[i + 1]}`);
  for (const w of words) out.push(`w:${w}`);
  return payeeFeatureCache.set(normalizedPayee, { features: [...new Set(out)].sort(), words });
}

/** The features of one row, deduplicated and sorted. */
export function features(input: CategorizeInput): string[] {
  const payee = payeeFeatures(input.normalizedPayee ?? normalizePayee(input.description));
  const own: string[] = [];
  // Seen words in a set: `own.includes` made a long description quadratic (80,000 words: 1.8 s).
  const seen = new Set<string>();
  for (const w of meaningfulWords(input.description)) {
    if (payee.words.has(w) || seen.has(w)) continue;
    seen.add(w);
    own.push(`d:${w}`);
  }
  const sign = input.amount.sign();
  const direction = sign < 0 ? "out" : sign > 0 ? "in" : "zero";
  own.push(`s:${direction}`, `m:${direction}${magnitudeBucket(input.amount)}`);
  own.sort();
  // Both sorted and disjoint (different prefixes): merged, the same order a sort of all gives.
  const base = payee.features;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < base.length && j < own.length) out.push(base[i]! < own[j]! ? base[i++]! : own[j++]!);
  while (i < base.length) out.push(base[i++]!);
  while (j < own.length) out.push(own[j++]!);
  return out;
}

// ---------------------------------------------------------------------------------------
// State

const modelStateSchema = z
  .object({
    version: z.literal(1),
    alpha: z.number().positive().max(100),
    temperature: z.number().positive().max(100),
    classes: z.array(
      z
        .object({
          category: z.string().min(1).max(200),
          docs: z.number().int().positive(),
          total: z.number().int().min(0),
          counts: z.record(z.string().regex(/^[a-z]=|^[a-z]:/), z.number().int().positive()),
        })
        .strict(),
    ),
  })
  .strict();

export type ModelState = z.infer<typeof modelStateSchema>;

interface ClassStats {
  docs: number;
  total: number;
  counts: Map<string, number>;
}

export interface ModelOptions {
  alpha?: number;
  temperature?: number;
}

export class CategoryModel {
  private readonly classes = new Map<string, ClassStats>();
  /** In how many learned examples each feature occurs (any class): its keys are the vocabulary. */
  private readonly vocabulary = new Map<string, number>();
  private docs = 0;
  readonly alpha: number;
  readonly temperature: number;

  constructor(options: ModelOptions = {}) {
    this.alpha = options.alpha ?? DEFAULT_ALPHA;
    this.temperature = options.temperature ?? DEFAULT_TEMPERATURE;
    if (!(this.alpha > 0)) throw new RangeError(`alpha must be above 0, not ${this.alpha}`);
    if (!(this.temperature > 0)) throw new RangeError(`temperature must be above 0, not ${this.temperature}`);
  }

  /** Examples learned (and not forgotten). */
  get size(): number {
    return this.docs;
  }

  get categories(): string[] {
    return [...this.scorer().map((c) => c.category)];
  }

  /**
   * What predict needs, computed once per state (learn and forget drop it): the classes in
   * name order with their log prior, log denominator and log(count + alpha) per feature — the
   * same expressions predict used to evaluate per row, so the sums are the same floats.
   */
  private compiled: { category: string; prior: number; denominator: number; logs: Map<string, number> }[] | null = null;

  /**
   * Predictions by the row's known features: a prediction is a function of those alone, and
   * rows of one payee mostly share them (their unknown words — references, numbers — drop out).
   * Bounded; dropped with the compiled state whenever the model learns or forgets.
   */
  private readonly predictions = new BoundedCache<string, Prediction>(4_000);

  private changed(): void {
    this.compiled = null;
    this.predictions.clear();
  }

  private scorer() {
    if (this.compiled) return this.compiled;
    const vocabularySize = this.vocabulary.size;
    const classCount = this.classes.size;
    this.compiled = [...this.classes.keys()].sort().map((category) => {
      const stats = this.classes.get(category)!;
      const logs = new Map<string, number>();
      for (const [f, n] of stats.counts) logs.set(f, Math.log(n + this.alpha));
      return {
        category,
        // Smoothed prior, so a category learned once is not ruled out by a big one.
        prior: Math.log((stats.docs + 1) / (this.docs + classCount)),
        denominator: Math.log(stats.total + this.alpha * vocabularySize),
        logs,
      };
    });
    return this.compiled;
  }

  learn(example: TrainingExample): void {
    this.changed();
    const category = checkCategory(example.category);
    const fs = features(example);
    const stats = this.classes.get(category) ?? { docs: 0, total: 0, counts: new Map<string, number>() };
    stats.docs++;
    stats.total += fs.length;
    for (const f of fs) {
      stats.counts.set(f, (stats.counts.get(f) ?? 0) + 1);
      this.vocabulary.set(f, (this.vocabulary.get(f) ?? 0) + 1);
    }
    this.classes.set(category, stats);
    this.docs++;
  }

  /**
   * Two categories became one (a merge): what was learned for `from` counts for `into`, as if
   * every example had been learned there.
   */
  mergeCategory(from: string, into: string): void {
    const source = this.classes.get(checkCategory(from));
    if (!source || from === into) return;
    this.changed();
    const target = this.classes.get(checkCategory(into)) ?? { docs: 0, total: 0, counts: new Map<string, number>() };
    target.docs += source.docs;
    target.total += source.total;
    for (const [f, n] of source.counts) target.counts.set(f, (target.counts.get(f) ?? 0) + n);
    this.classes.set(into, target);
    this.classes.delete(from);
  }

  /** A category archived: everything learned for it is forgotten, so it is never suggested. */
  removeCategory(category: string): void {
    const stats = this.classes.get(checkCategory(category));
    if (!stats) return;
    this.changed();
    for (const [f, n] of stats.counts) for (let i = 0; i < n; i++) decrement(this.vocabulary, f);
    this.docs -= stats.docs;
    this.classes.delete(category);
  }

  /** Undoes one `learn` of this example (a categorization that was changed or undone). */
  forget(example: TrainingExample): void {
    this.changed();
    const category = checkCategory(example.category);
    const stats = this.classes.get(category);
    const fs = features(example);
    if (!stats || fs.some((f) => (stats.counts.get(f) ?? 0) < 1)) {
      throw new AppError("conflict", `the model never learned "${example.description}" as ${category}, so it cannot forget it`);
    }
    stats.docs--;
    stats.total -= fs.length;
    for (const f of fs) {
      decrement(stats.counts, f);
      decrement(this.vocabulary, f);
    }
    if (stats.docs === 0) this.classes.delete(category);
    this.docs--;
  }

  /** Null until the model has learned at least one example. */
  predict(input: CategorizeInput): Prediction | null {
    if (this.classes.size === 0) return null;
    const fs = features(input).filter((f) => this.vocabulary.has(f));
    // NUL-joined; a feature holding a NUL itself (only a payee can) is never cached, so two
    // different feature lists cannot share a key.
    const key = fs.every((f) => !f.includes("\u0000")) ? fs.join("\u0000") : null;
    const known = key === null ? undefined : this.predictions.get(key);
    if (known) return known;
    const logAlpha = Math.log(0 + this.alpha);
    const scores: { category: string; score: number }[] = [];
    // In name order, so a restored model sums in the same order as the one that learned (same floats).
    for (const c of this.scorer()) {
      let score = c.prior;
      for (const f of fs) score += (c.logs.get(f) ?? logAlpha) - c.denominator;
      scores.push({ category: c.category, score });
    }
    const best = Math.max(...scores.map((s) => s.score));
    const weights = scores.map((s) => ({ category: s.category, weight: Math.exp((s.score - best) / this.temperature) }));
    const sum = weights.reduce((n, w) => n + w.weight, 0);
    // The best four, by confidence then name: weights are in name order, so an equal
    // confidence never overtakes (the same order a full sort gives, without sorting them all).
    const ranked: Alternative[] = [];
    for (const w of weights) {
      const entry = { category: w.category, confidence: w.weight / sum };
      let at = ranked.length;
      while (at > 0 && ranked[at - 1]!.confidence < entry.confidence) at--;
      if (at < 4) {
        ranked.splice(at, 0, entry);
        if (ranked.length > 4) ranked.pop();
      }
    }
    const [top, ...rest] = ranked;
    // Frozen: the same object answers every row with these features.
    const prediction: Prediction = Object.freeze({ category: top!.category, confidence: top!.confidence, alternatives: Object.freeze(rest) as Alternative[] });
    return key === null ? prediction : this.predictions.set(key, prediction);
  }

  toJSON(): ModelState {
    return {
      version: 1,
      alpha: this.alpha,
      temperature: this.temperature,
      classes: [...this.classes.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([category, s]) => ({
          category,
          docs: s.docs,
          total: s.total,
          counts: Object.fromEntries([...s.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
        })),
    };
  }

  /** A model from stored state; AppError(validation_failed) when the state is not one. */
  static fromJSON(state: unknown): CategoryModel {
    const parsed = modelStateSchema.safeParse(state);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError("validation_failed", `not a stored categorization model: ${issue.path.join(".") || "state"}: ${issue.message}`);
    }
    const model = new CategoryModel({ alpha: parsed.data.alpha, temperature: parsed.data.temperature });
    const seen = new Set<string>();
    for (const c of parsed.data.classes) {
      if (seen.has(c.category)) throw new AppError("validation_failed", `not a stored categorization model: ${c.category} appears twice`);
      seen.add(c.category);
      const counts = new Map(Object.entries(c.counts));
      const total = [...counts.values()].reduce((n, v) => n + v, 0);
      if (total !== c.total) throw new AppError("validation_failed", `not a stored categorization model: ${c.category}'s counts add up to ${total}, not ${c.total}`);
      model.classes.set(c.category, { docs: c.docs, total: c.total, counts });
      model.docs += c.docs;
      for (const [f, n] of counts) model.vocabulary.set(f, (model.vocabulary.get(f) ?? 0) + n);
    }
    return model;
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

function checkCategory(category: string): string {
  const trimmed = category.trim();
  if (!trimmed) throw new AppError("validation_failed", "a training example needs a category");
  if (trimmed.length > 200) throw new AppError("validation_failed", `a category name is at most 200 characters: "${trimmed.slice(0, 40)}…"`);
  return trimmed;
}

/** A fresh model trained on these examples, in order. */
export function trainModel(examples: Iterable<TrainingExample>, options?: ModelOptions): CategoryModel {
  const model = new CategoryModel(options);
  for (const e of examples) model.learn(e);
  return model;
}

/** Whether a suggestion applies by itself or goes to the review queue. */
export function shouldAutoApply(prediction: Prediction | null, threshold = DEFAULT_AUTO_APPLY_THRESHOLD): boolean {
  return prediction !== null && prediction.confidence >= threshold;
}

// ---------------------------------------------------------------------------------------
// "Make this a rule?" — after the same correction three times.

export interface Correction {
  /** The row's (normalized) payee when it was corrected. */
  payee: string;
  category: string;
  /** ISO timestamp; without it, array order is time order. */
  at?: string;
}

export interface RuleSuggestion {
  payee: string;
  category: string;
  /** Corrections of this payee to this category. */
  count: number;
  /** Ready for the rule editor; the service assigns the id. */
  rule: Omit<RuleInput, "id">;
}

/**
 * Payees people have corrected to the same category at least `minCount` times — where that
 * category is also the payee's latest correction (a payee whose corrections went elsewhere
 * since is not settled) — and that no existing rule already sends to that category by payee.
 * Best-supported first.
 */
export function suggestRules(
  corrections: readonly Correction[],
  options: { minCount?: number; existingRules?: readonly { enabled?: boolean; conditions: readonly unknown[]; actions: readonly unknown[] }[] } = {},
): RuleSuggestion[] {
  const minCount = options.minCount ?? RULE_SUGGESTION_MIN_CORRECTIONS;
  const ordered = corrections
    .map((c, index) => ({ ...c, index }))
    .sort((a, b) => (a.at !== undefined && b.at !== undefined && a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.index - b.index));
  const byPayee = new Map<string, { display: string; counts: Map<string, number>; latest: string }>();
  for (const c of ordered) {
    const key = payeeKey(c.payee);
    const category = c.category.trim();
    if (!key || !category) continue;
    const entry = byPayee.get(key) ?? { display: c.payee.trim(), counts: new Map<string, number>(), latest: category };
    entry.counts.set(category, (entry.counts.get(category) ?? 0) + 1);
    entry.latest = category;
    byPayee.set(key, entry);
  }
  const covered = coveredByRules(options.existingRules ?? []);
  const suggestions: RuleSuggestion[] = [];
  for (const [key, entry] of byPayee) {
    const count = entry.counts.get(entry.latest) ?? 0;
    if (count < minCount || covered.has(`${key}\u0000${entry.latest}`)) continue;
    suggestions.push({
      payee: entry.display,
      category: entry.latest,
      count,
      rule: {
        name: `${entry.display} → ${entry.latest}`,
        priority: 100,
        match: "all",
        conditions: [{ field: "payee", op: "equals", value: entry.display }],
        actions: [{ type: "setCategory", category: entry.latest }],
        enabled: true,
      },
    });
  }
  return suggestions.sort((a, b) => b.count - a.count || (payeeKey(a.payee) < payeeKey(b.payee) ? -1 : 1));
}

/** "payee-key NUL category" for every enabled rule that sets a category by payee equality. */
function coveredByRules(rules: readonly { enabled?: boolean; conditions: readonly unknown[]; actions: readonly unknown[] }[]): Set<string> {
  const covered = new Set<string>();
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const categories = rule.actions.flatMap((a) => {
      const action = a as { type?: string; category?: string };
      return action.type === "setCategory" && action.category ? [action.category] : [];
    });
    for (const c of rule.conditions) {
      const condition = c as { field?: string; op?: string; value?: string };
      if (condition.field === "payee" && condition.op === "equals" && condition.value) {
        for (const category of categories) covered.add(`${payeeKey(condition.value)}\u0000${category}`);
      }
    }
  }
  return covered;
}

// ---------------------------------------------------------------------------------------
// Evaluation: deterministic k-fold cross-validation (bench/categorize.ts, tests).

/** A small seeded PRNG (mulberry32): the same seed, the same sequence, everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded PRNG. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The fold (0..k-1) of each item: a seeded shuffle dealt round-robin. With `groupOf`, whole
 * groups are dealt (largest first, each to the currently smallest fold), so no group is on
 * both sides of a split — e.g. grouping by payee measures payees the model has never seen.
 */
export function foldAssignments<T>(items: readonly T[], k: number, seed: number, groupOf?: (item: T) => string): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`cross-validation needs at least 2 folds, not ${k}`);
  if (items.length < k) throw new RangeError(`${items.length} examples cannot be split into ${k} folds`);
  const fold = new Array<number>(items.length);
  if (!groupOf) {
    seededShuffle(items.map((_, i) => i), seed).forEach((index, position) => (fold[index] = position % k));
    return fold;
  }
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = groupOf(item);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const ordered = seededShuffle([...groups.entries()], seed).sort((a, b) => b[1].length - a[1].length);
  const sizes = new Array<number>(k).fill(0);
  for (const [, members] of ordered) {
    const target = sizes.indexOf(Math.min(...sizes));
    for (const i of members) fold[i] = target;
    sizes[target] += members.length;
  }
  return fold;
}

export interface CategoryScore {
  category: string;
  /** Test examples labelled with this category. */
  support: number;
  /** Times the model predicted it. */
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface CalibrationBucket {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface CrossValidationResult {
  folds: { fold: number; size: number; accuracy: number }[];
  accuracy: number;
  perCategory: CategoryScore[];
  threshold: number;
  /** Predictions at or above the threshold: their share of all, and how often they were right. */
  autoApplied: { count: number; share: number; accuracy: number };
  calibration: CalibrationBucket[];
  /** Mean |confidence − accuracy| over the calibration buckets, weighted by their size. */
  expectedCalibrationError: number;
}

export interface CrossValidationOptions<T> {
  folds?: number;
  seed?: number;
  threshold?: number;
  groupOf?: (example: T) => string;
  model?: ModelOptions;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function crossValidate<T extends TrainingExample>(examples: readonly T[], options: CrossValidationOptions<T> = {}): CrossValidationResult {
  const k = options.folds ?? 5;
  const threshold = options.threshold ?? DEFAULT_AUTO_APPLY_THRESHOLD;
  const assignment = foldAssignments(examples, k, options.seed ?? 1, options.groupOf);
  const outcomes: { actual: string; predicted: string; confidence: number }[] = [];
  const folds: CrossValidationResult["folds"] = [];
  for (let f = 0; f < k; f++) {
    const model = trainModel(
      examples.filter((_, i) => assignment[i] !== f),
      options.model,
    );
    const test = examples.filter((_, i) => assignment[i] === f);
    let correct = 0;
    for (const e of test) {
      const p = model.predict(e);
      const predicted = p?.category ?? "";
      if (predicted === e.category) correct++;
      outcomes.push({ actual: e.category, predicted, confidence: p?.confidence ?? 0 });
    }
    folds.push({ fold: f + 1, size: test.length, accuracy: ratio(correct, test.length) });
  }

  const categories = [...new Set(examples.map((e) => e.category))].sort();
  const perCategory = categories.map((category) => {
    const support = outcomes.filter((o) => o.actual === category).length;
    const predicted = outcomes.filter((o) => o.predicted === category).length;
    const correct = outcomes.filter((o) => o.actual === category && o.predicted === category).length;
    return { category, support, predicted, correct, precision: ratio(correct, predicted), recall: ratio(correct, support) };
  });
  const auto = outcomes.filter((o) => o.confidence >= threshold);
  const calibration: CalibrationBucket[] = [];
  for (let b = 0; b < 10; b++) {
    const from = b / 10;
    const to = (b + 1) / 10;
    const inBucket = outcomes.filter((o) => o.confidence >= from && (b === 9 ? o.confidence <= to : o.confidence < to));
    if (inBucket.length === 0) continue;
    calibration.push({
      from,
      to,
      count: inBucket.length,
      meanConfidence: ratio(inBucket.reduce((n, o) => n + o.confidence, 0), inBucket.length),
      accuracy: ratio(inBucket.filter((o) => o.actual === o.predicted).length, inBucket.length),
    });
  }
  return {
    folds,
    accuracy: ratio(outcomes.filter((o) => o.actual === o.predicted).length, outcomes.length),
    perCategory,
    threshold,
    autoApplied: { count: auto.length, share: ratio(auto.length, outcomes.length), accuracy: ratio(auto.filter((o) => o.actual === o.predicted).length, auto.length) },
    calibration,
    expectedCalibrationError: ratio(
      calibration.reduce((n, c) => n + c.count * Math.abs(c.meanConfidence - c.accuracy), 0),
      outcomes.length,
    ),
  };
}
