/**
 * Cash-flow categories and what categorizes rows: every tenant starts with the default chart
 * (app/domain/chart.ts); rules (CategoryRule) and the learned model (CategoryModel) name
 * categories by id, so renaming one changes nothing else. The import builds one categorizer
 * per statement from here (app/domain/auto-categorize.ts).
 */
import { categorizeChunk, createImportCategorizer, toWireRows, type CategorizedChunk, type ChunkRow } from "../domain/auto-categorize.ts";
import { CategoryModel, DEFAULT_AUTO_APPLY_THRESHOLD } from "../domain/categorize.ts";
import { z } from "zod";
import { defaultCategoryRows, TRANSFERS, UNCATEGORIZED } from "../domain/chart.ts";
import { AppError } from "../domain/errors.ts";
import { Money } from "../domain/money.ts";
import type { SplitPart } from "../domain/rules.ts";
import { parseRule, type Rule } from "../domain/rules-schema.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { categorizeThread, type CategorizeJob } from "./categorize-thread.server.ts";
import { config } from "./config.server.ts";
import { isoDate, sqlRunner, withTenant, type SqlClient, type Tx } from "./db.server.ts";

export async function ensureDefaultCategories(tx: Tx, tenantId: string): Promise<void> {
  await tx.category.createMany({ data: defaultCategoryRows().map((c) => ({ tenantId, ...c })), skipDuplicates: true });
}

export const MODEL_NAME = "default";

/** The tenant's model, or an empty one. */
export async function loadModel(tx: Tx | SqlClient, tenantId: string): Promise<CategoryModel> {
  const [row] = await sqlRunner(tx)<{ state: unknown }>(`SELECT state FROM "CategoryModel" WHERE "tenantId" = $1::uuid AND name = $2`, [tenantId, MODEL_NAME]);
  return row ? CategoryModel.fromJSON(row.state) : new CategoryModel();
}

/** The tenant's enabled rules, as the domain runs them. */
export async function loadRules(tx: Tx | SqlClient, tenantId: string): Promise<Rule[]> {
  const rows = await sqlRunner(tx)<{ id: string; name: string; priority: number; match: string; conditions: unknown; actions: unknown }>(
    `SELECT id::text AS id, name, priority, match, conditions, actions FROM "CategoryRule"
      WHERE "tenantId" = $1::uuid AND enabled ORDER BY priority, id`,
    [tenantId],
  );
  // Validated when saved (rules.server.ts); parsed again so the domain gets exactly its type.
  return rows.map((r) => parseRule({ ...r, enabled: true }));
}

/** Suggestions at or above this apply by themselves (TenantSettings, else the calibrated default). */
export async function autoApplyThreshold(tx: Tx | SqlClient, tenantId: string): Promise<number> {
  const [row] = await sqlRunner(tx)<{ threshold: string }>(
    `SELECT "autoCategorizeThreshold"::text AS threshold FROM "TenantSettings" WHERE "tenantId" = $1::uuid`,
    [tenantId],
  );
  return row ? Number(row.threshold) : DEFAULT_AUTO_APPLY_THRESHOLD;
}

export interface ImportCategorizer {
  /**
   * A chunk of the import's rows categorized, in order — on the categorizing thread when it is
   * on (IMPORT_CATEGORIZE_THREAD) and the chunk is big enough to be worth the trip
   * (app/services/categorize-thread.server.ts).
   */
  categorizeChunk(rows: readonly ChunkRow[]): Promise<CategorizedRows>;
  /** Rows categorized by rules and by the model so far (for the statement's summary). */
  counts: { rule: number; model: number; none: number };
  /** The import is over: its job on the thread is let go. */
  end(): void;
}

/** A chunk's categorizations, as the import writes them. */
export interface CategorizedRows {
  /** Each row's categorization columns in COPY text, in the chunk's order (CategorizedChunk.copy). */
  fields: string[];
  /** The rows a rule split, by their index in the chunk. */
  splits: Map<number, SplitPart[]>;
}

/** Below this many rows a chunk is categorized in place: the round trip would cost more. */
export const THREAD_MIN_ROWS = 256;

/**
 * One categorizer for a statement's rows (app/domain/auto-categorize.ts): the tenant's rules,
 * model and threshold; a category that no longer exists or is archived is not applied (the row
 * goes to the review queue instead).
 */
export async function importCategorizer(client: Tx | SqlClient, tenantId: string, target: { accountId: string; currency: string }): Promise<ImportCategorizer> {
  const [rules, model, threshold, categories] = [
    await loadRules(client, tenantId),
    await loadModel(client, tenantId),
    await autoApplyThreshold(client, tenantId),
    await sqlRunner(client)<{ id: string }>(`SELECT id::text AS id FROM "Category" WHERE "tenantId" = $1::uuid AND "archivedAt" IS NULL`, [tenantId]),
  ];
  const active = categories.map((c) => c.id);
  const inPlace = createImportCategorizer({ rules, model, threshold, activeCategories: new Set(active) });
  let job: CategorizeJob | null = null;
  const counts = { rule: 0, model: 0, none: 0 };
  const { accountId, currency } = target;
  let onThread = config().importCategorizeThread;
  const categorizeInPlace = (rows: readonly ChunkRow[]) => categorizeChunk(inPlace, rows, { currency, accountId });
  return {
    counts,
    async categorizeChunk(rows) {
      let chunk: CategorizedChunk;
      if (!onThread || rows.length < THREAD_MIN_ROWS) {
        chunk = categorizeInPlace(rows);
      } else {
        try {
          job ??= categorizeThread().start({ rules, model: model.toJSON(), threshold, active, currency, accountId });
          chunk = await job.categorize(toWireRows(rows));
        } catch (error) {
          // The thread died (out of its heap with a very large model, say): this import goes on
          // in place — the same results — rather than failing and failing again on retry.
          console.warn(`categorizing in place for the rest of this import: ${error instanceof Error ? error.message : String(error)}`);
          onThread = false;
          job = null;
          chunk = categorizeInPlace(rows);
        }
      }
      counts.rule += chunk.counts.rule;
      counts.model += chunk.counts.model;
      counts.none += chunk.counts.none;
      return {
        fields: rows.length === 0 ? [] : chunk.copy.split("\n"),
        splits: new Map(
          chunk.splits.map(([index, parts]) => [
            index,
            parts.map(([amount, category, note]) => ({ amount: Money.of(amount, currency), ...(category !== null ? { category } : {}), ...(note !== null ? { note } : {}) })),
          ]),
        ),
      };
    },
    end() {
      job?.end();
      job = null;
    },
  };
}

/** The parts of rows a rule split on import (the database checks they add up to each row). */
export async function insertRuleSplits(client: Tx | SqlClient, tenantId: string, splits: readonly { transactionId: string; parts: SplitPart[] }[]): Promise<void> {
  if (splits.length === 0) return;
  const rows = splits.flatMap((s) => s.parts.map((p, seq) => ({ id: s.transactionId, seq, amount: p.amount.toDecimalString(), category: p.category ?? null, note: p.note ?? null })));
  await sqlRunner(client)(
    `INSERT INTO "TransactionSplit" ("tenantId", "transactionId", seq, amount, "categoryId", note)
     SELECT $1::uuid, t, s, a, c, n FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::uuid[], $6::text[]) AS u(t, s, a, c, n)`,
    [tenantId, rows.map((r) => r.id), rows.map((r) => r.seq), rows.map((r) => r.amount), rows.map((r) => r.category), rows.map((r) => r.note)],
  );
}

export interface CategoryView {
  id: string;
  name: string;
  kind: string;
  archived: boolean;
  /** One the app relies on by name (Transfers, Uncategorized): never renamed, archived or merged away. */
  system: boolean;
}

/** The tenant's categories by name; archived ones only when asked (they stay on old rows). */
export async function listCategories(who: { tenantId: string }, options: { archived?: boolean } = {}): Promise<CategoryView[]> {
  const rows = await withTenant(who.tenantId, (tx) =>
    tx.category.findMany({ where: { tenantId: who.tenantId, ...(options.archived ? {} : { archivedAt: null }) }, orderBy: { name: "asc" } }),
  );
  return rows.map((c) => ({ id: c.id, name: c.name, kind: c.kind, archived: c.archivedAt !== null, system: SYSTEM.has(c.name) }));
}

// ---------------------------------------------------------------------------------------
// Managing the chart: add, rename, archive, merge; the auto-apply threshold.

const KINDS = ["operating", "investing", "financing"] as const;
const categoryName = z.string().trim().min(1, "name: give the category a name").max(80, "name: at most 80 characters");
export const createCategoryRequest = z.object({ name: categoryName, kind: z.enum(KINDS, { errorMap: () => ({ message: "kind: operating, investing or financing" }) }) });
export const updateCategoryRequest = z
  .object({ name: categoryName.optional(), kind: createCategoryRequest.shape.kind.optional(), archived: z.boolean().optional() })
  .refine((r) => r.name !== undefined || r.kind !== undefined || r.archived !== undefined, { message: "Send a name, a kind or archived" });
export const mergeCategoryRequest = z.object({ into: z.string().uuid("into: choose the category to merge into") });
export const thresholdRequest = z.object({
  threshold: z.coerce.number({ invalid_type_error: "threshold: a number from 0.50 to 1.00" }).min(0.5, "threshold: at least 0.50 (below it, guesses apply by themselves)").max(1, "threshold: at most 1.00"),
});

/** The categories the app itself relies on by name: never renamed, archived or merged away. */
const SYSTEM = new Set([TRANSFERS, UNCATEGORIZED]);

type Manager = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

async function categoryFor(tx: Tx, tenantId: string, id: string) {
  const category = await tx.category.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!category) throw new AppError("not_found", "No such category.");
  return category;
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, except?: string): Promise<void> {
  const [clash] = await sqlRunner(tx)<{ name: string }>(
    `SELECT name FROM "Category" WHERE "tenantId" = $1::uuid AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [tenantId, name, except ?? null],
  );
  if (clash) throw new AppError("conflict", `name: there is already a category called “${clash.name}”.`);
}

export async function createCategory(who: Manager, input: unknown): Promise<CategoryView> {
  const { name, kind } = createCategoryRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    await assertNameFree(tx, who.tenantId, name);
    const created = await tx.category.create({ data: { tenantId: who.tenantId, name, kind } });
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "category.create", entityType: "category", entityId: created.id, after: { name, kind }, ...who.client });
    return { id: created.id, name, kind, archived: false, system: false };
  });
}

/**
 * Rename, change the kind, archive or restore. Archiving keeps the category on the rows that
 * have it (history does not change) but takes it out of pickers and suggestions: the model
 * forgets it. A category an enabled rule sets cannot be archived (the rule names it).
 */
export async function updateCategory(who: Manager, id: string, input: unknown): Promise<CategoryView> {
  const change = updateCategoryRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const current = await categoryFor(tx, who.tenantId, id);
    if (SYSTEM.has(current.name) && (change.name !== undefined && change.name !== current.name || change.archived)) {
      throw new AppError("conflict", `“${current.name}” is used by Cashline itself: it cannot be renamed or archived.`);
    }
    if (change.name !== undefined) await assertNameFree(tx, who.tenantId, change.name, id);
    if (change.archived && !current.archivedAt) {
      const rules = await rulesSetting(tx, who.tenantId, id);
      if (rules.length) throw new AppError("conflict", `Rules still set this category (${rules.map((r) => `“${r}”`).join(", ")}): change or disable them first.`);
      const model = await loadModel(tx, who.tenantId);
      model.removeCategory(id);
      await saveModel(tx, who.tenantId, model);
    }
    const updated = await tx.category.update({
      where: { tenantId_id: { tenantId: who.tenantId, id } },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.kind !== undefined ? { kind: change.kind } : {}),
        ...(change.archived !== undefined ? { archivedAt: change.archived ? (current.archivedAt ?? new Date()) : null, ...(change.archived ? {} : { mergedIntoId: null }) } : {}),
      },
    });
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "category.update", entityType: "category", entityId: id,
      before: { name: current.name, kind: current.kind, archived: current.archivedAt !== null },
      after: { name: updated.name, kind: updated.kind, archived: updated.archivedAt !== null }, ...who.client,
    });
    return { id, name: updated.name, kind: updated.kind, archived: updated.archivedAt !== null, system: SYSTEM.has(updated.name) };
  });
}

async function rulesSetting(tx: Tx, tenantId: string, categoryId: string): Promise<string[]> {
  const rows = await sqlRunner(tx)<{ name: string }>(
    `SELECT name FROM "CategoryRule" WHERE "tenantId" = $1::uuid AND enabled AND strpos(actions::text, $2) > 0 ORDER BY priority`,
    [tenantId, `"${categoryId}"`],
  );
  return rows.map((r) => r.name);
}

async function saveModel(tx: Tx, tenantId: string, model: CategoryModel): Promise<void> {
  await sqlRunner(tx)(`SELECT 1 FROM "CategoryModel" WHERE "tenantId" = $1::uuid AND name = $2 FOR UPDATE`, [tenantId, MODEL_NAME]);
  await tx.categoryModel.upsert({
    where: { tenantId_name: { tenantId, name: MODEL_NAME } },
    create: { tenantId, name: MODEL_NAME, state: model.toJSON() as object, examples: model.size },
    update: { state: model.toJSON() as object, examples: model.size },
  });
}

export interface MergeResult {
  from: CategoryView;
  into: CategoryView;
  /** Rows (and split parts) moved to `into`. */
  moved: number;
  /** Rows that keep the old category: reconciled, or in a locked period — nothing may change them. */
  kept: number;
  rules: number;
}

/**
 * Merges one category into another: the rows and split parts that may still change move over
 * (reconciled rows and locked periods keep theirs — the archived name stays on them), rules
 * and the model follow, corrections are re-pointed, and the merged category is archived with
 * a note of where it went. One transaction; audited `category.merge` with the counts.
 */
export async function mergeCategory(who: Manager, fromId: string, input: unknown): Promise<MergeResult> {
  const { into: intoId } = mergeCategoryRequest.parse(input);
  if (intoId === fromId) throw new AppError("validation_failed", "into: a category cannot be merged into itself.");
  return withTenant(who.tenantId, async (tx) => {
    const from = await categoryFor(tx, who.tenantId, fromId);
    const into = await categoryFor(tx, who.tenantId, intoId).catch(() => {
      throw new AppError("validation_failed", "into: no such category.");
    });
    if (into.archivedAt) throw new AppError("validation_failed", `into: “${into.name}” is archived; restore it first.`);
    if (SYSTEM.has(from.name)) throw new AppError("conflict", `“${from.name}” is used by Cashline itself: it cannot be merged away.`);
    const sql = sqlRunner(tx);
    // Rows whose period is locked or that are reconciled cannot change (the database would refuse).
    const changeable = `t."reconciledAt" IS NULL AND NOT EXISTS (
        SELECT 1 FROM "PeriodLock" l WHERE l."tenantId" = t."tenantId" AND l."unlockedAt" IS NULL
           AND (l."accountId" IS NULL OR l."accountId" = t."accountId") AND t.date <= l."lockedThrough")`;
    const movedRows = await sql<{ id: string }>(
      `UPDATE "Transaction" t SET "categoryId" = $3::uuid, version = version + 1
        WHERE t."tenantId" = $1::uuid AND t."categoryId" = $2::uuid AND ${changeable} RETURNING t.id::text AS id`,
      [who.tenantId, fromId, intoId],
    );
    const movedParts = await sql<{ seq: number }>(
      `UPDATE "TransactionSplit" s SET "categoryId" = $3::uuid FROM "Transaction" t
        WHERE s."tenantId" = $1::uuid AND s."categoryId" = $2::uuid AND t."tenantId" = s."tenantId" AND t.id = s."transactionId" AND ${changeable}
        RETURNING s.seq`,
      [who.tenantId, fromId, intoId],
    );
    const [{ kept }] = (await sql<{ kept: number }>(
      `SELECT ((SELECT count(*) FROM "Transaction" t WHERE t."tenantId" = $1::uuid AND t."categoryId" = $2::uuid)
             + (SELECT count(*) FROM "TransactionSplit" s WHERE s."tenantId" = $1::uuid AND s."categoryId" = $2::uuid))::int AS kept`,
      [who.tenantId, fromId],
    )) as [{ kept: number }];
    // Category ids are UUIDs, so as quoted JSON strings they only ever occur as values.
    const rules = await sql<{ id: string }>(
      `UPDATE "CategoryRule" SET actions = replace(actions::text, $2, $3)::jsonb, "updatedAt" = now()
        WHERE "tenantId" = $1::uuid AND strpos(actions::text, $2) > 0 RETURNING id::text AS id`,
      [who.tenantId, `"${fromId}"`, `"${intoId}"`],
    );
    await tx.categoryCorrection.updateMany({ where: { tenantId: who.tenantId, categoryId: fromId }, data: { categoryId: intoId } });
    const model = await loadModel(tx, who.tenantId);
    model.mergeCategory(fromId, intoId);
    await saveModel(tx, who.tenantId, model);
    await tx.category.update({ where: { tenantId_id: { tenantId: who.tenantId, id: fromId } }, data: { archivedAt: from.archivedAt ?? new Date(), mergedIntoId: intoId } });
    const result = {
      from: { id: fromId, name: from.name, kind: from.kind, archived: true, system: false },
      into: { id: intoId, name: into.name, kind: into.kind, archived: false, system: SYSTEM.has(into.name) },
      moved: movedRows.length + movedParts.length, kept, rules: rules.length,
    };
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "category.merge", entityType: "category", entityId: fromId,
      before: { name: from.name }, after: { into: intoId, intoName: into.name, moved: result.moved, kept, rules: result.rules }, ...who.client,
    });
    return result;
  });
}

/** The threshold as it applies now: the tenant's setting, or the calibrated default. */
export async function currentThreshold(who: { tenantId: string }): Promise<number> {
  return withTenant(who.tenantId, (tx) => autoApplyThreshold(tx, who.tenantId));
}

export async function setAutoApplyThreshold(who: Manager, input: unknown): Promise<number> {
  const { threshold } = thresholdRequest.parse(input);
  const value = Math.round(threshold * 100) / 100;
  return withTenant(who.tenantId, async (tx) => {
    const before = await autoApplyThreshold(tx, who.tenantId);
    await tx.tenantSettings.upsert({ where: { tenantId: who.tenantId }, create: { tenantId: who.tenantId, autoCategorizeThreshold: value }, update: { autoCategorizeThreshold: value } });
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "settings.update", entityType: "tenant_settings", entityId: who.tenantId,
      before: { autoCategorizeThreshold: before }, after: { autoCategorizeThreshold: value }, ...who.client,
    });
    return value;
  });
}

export interface WaitingRowsResult {
  byRule: number;
  byModel: number;
  /** Still without a category (no rule matched, the model not sure enough). */
  left: number;
  /** More waiting rows than one run takes: run again. */
  more: boolean;
}

/** How many waiting rows one run categorizes (one transaction). */
export const WAITING_ROWS_PER_RUN = 20_000;

/**
 * Categorization on demand: the rules and the model, as on import, over rows still waiting for
 * a category — never categorized (not by a person, a rule, the model or a transfer), not split,
 * and free to change (not reconciled, not in a locked period). Typically after writing a rule
 * or teaching the model. One transaction; audited `ledger.categorize` with the counts.
 */
export async function categorizeWaitingRows(who: Manager): Promise<WaitingRowsResult> {
  return withTenant(who.tenantId, async (tx) => {
    const { tenantId } = who;
    const sql = sqlRunner(tx);
    const rows = await sql<{ id: string; accountId: string; date: Date; amount: string; currency: string; description: string; payee: string | null }>(
      `SELECT t.id::text AS id, t."accountId"::text AS "accountId", t.date, t.amount::text AS amount, t.currency, t.description, t.payee
         FROM "Transaction" t
        WHERE t."tenantId" = $1::uuid AND t.status IN ('posted', 'review') AND t."categoryId" IS NULL AND t."categorySource" IS NULL
          AND t."reconciledAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "TransactionSplit" s WHERE s."tenantId" = t."tenantId" AND s."transactionId" = t.id)
          AND NOT EXISTS (SELECT 1 FROM "PeriodLock" l WHERE l."tenantId" = t."tenantId" AND l."unlockedAt" IS NULL
                            AND (l."accountId" IS NULL OR l."accountId" = t."accountId") AND t.date <= l."lockedThrough")
        ORDER BY t.date DESC, t.id
        LIMIT $2
        FOR UPDATE OF t`,
      [tenantId, WAITING_ROWS_PER_RUN + 1],
    );
    const more = rows.length > WAITING_ROWS_PER_RUN;
    const batch = rows.slice(0, WAITING_ROWS_PER_RUN);
    const [rules, model, threshold, categories] = [
      await loadRules(tx, tenantId),
      await loadModel(tx, tenantId),
      await autoApplyThreshold(tx, tenantId),
      await sql<{ id: string }>(`SELECT id::text AS id FROM "Category" WHERE "tenantId" = $1::uuid AND "archivedAt" IS NULL`, [tenantId]),
    ];
    const categorize = createImportCategorizer({ rules, model, threshold, activeCategories: new Set(categories.map((c) => c.id)) });
    const changed: { id: string; category: string | null; source: string; confidence: number | null; payee: string | null; note: string | null }[] = [];
    const splits: { transactionId: string; parts: SplitPart[] }[] = [];
    for (const r of batch) {
      const c = categorize({ description: r.description, payee: r.payee, amount: Money.of(r.amount, r.currency), accountId: r.accountId, date: isoDate(r.date) });
      if (c.source === null) continue;
      changed.push({ id: r.id, category: c.category, source: c.source, confidence: c.confidence, payee: c.payee, note: c.note });
      if (c.splits) splits.push({ transactionId: r.id, parts: c.splits });
    }
    if (changed.length) {
      await sql(
        `UPDATE "Transaction" t SET "categoryId" = u.category, "categorySource" = u.source, "categoryConfidence" = u.confidence,
                payee = coalesce(u.payee, t.payee), note = coalesce(u.note, t.note), version = t.version + 1
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::text[]) AS u(id, category, source, confidence, payee, note)
          WHERE t."tenantId" = $1::uuid AND t.id = u.id`,
        [tenantId, changed.map((c) => c.id), changed.map((c) => c.category), changed.map((c) => c.source), changed.map((c) => c.confidence),
         changed.map((c) => c.payee), changed.map((c) => c.note)],
      );
      await insertRuleSplits(tx, tenantId, splits);
    }
    const result = {
      byRule: changed.filter((c) => c.source === "rule").length,
      byModel: changed.filter((c) => c.source === "model").length,
      left: batch.length - changed.length,
      more,
    };
    await audit(tx, { tenantId, ...actorOf(who), action: "ledger.categorize", entityType: "transaction", entityId: null, after: { ...result, rows: batch.length }, ...who.client });
    return result;
  });
}
