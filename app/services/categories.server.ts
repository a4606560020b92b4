/**
 * Cash-flow categories and what categorizes rows: every tenant starts with the default chart
 * (app/domain/chart.ts); rules (CategoryRule) and the learned model (CategoryModel) name
 * categories by id, so renaming one changes nothing else. The import builds one categorizer
 * per statement from here (app/domain/auto-categorize.ts).
 */
import { createAutoCategorizer, type AutoCategorization, type AutoCategorizeRow } from "../domain/auto-categorize.ts";
import { CategoryModel, DEFAULT_AUTO_APPLY_THRESHOLD } from "../domain/categorize.ts";
import { defaultCategoryRows } from "../domain/chart.ts";
import type { SplitPart } from "../domain/rules.ts";
import { parseRule, type Rule } from "../domain/rules-schema.ts";
import { sqlRunner, withTenant, type SqlClient, type Tx } from "./db.server.ts";

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
  categorize(row: AutoCategorizeRow): AutoCategorization;
  /** Rows categorized by rules and by the model so far (for the statement's summary). */
  counts: { rule: number; model: number; none: number };
}

/**
 * One categorizer for a statement's rows. A category a rule or the model names that no longer
 * exists or is archived is not applied (the row goes to the review queue instead).
 */
export async function importCategorizer(client: Tx | SqlClient, tenantId: string): Promise<ImportCategorizer> {
  const [rules, model, threshold, categories] = [
    await loadRules(client, tenantId),
    await loadModel(client, tenantId),
    await autoApplyThreshold(client, tenantId),
    await sqlRunner(client)<{ id: string }>(`SELECT id::text AS id FROM "Category" WHERE "tenantId" = $1::uuid AND "archivedAt" IS NULL`, [tenantId]),
  ];
  const active = new Set(categories.map((c) => c.id));
  const categorize = createAutoCategorizer({ rules, model, threshold });
  const counts = { rule: 0, model: 0, none: 0 };
  return {
    counts,
    categorize(row) {
      const result = categorize(row);
      const usable =
        (result.category === null || active.has(result.category)) &&
        (result.splits === null || result.splits.every((p) => p.category === undefined || active.has(p.category)));
      const final: AutoCategorization = usable ? result : { ...result, category: null, source: null, confidence: null, splits: null };
      counts[final.source ?? "none"]++;
      return final;
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
}

/** The tenant's categories by name; archived ones only when asked (they stay on old rows). */
export async function listCategories(who: { tenantId: string }, options: { archived?: boolean } = {}): Promise<CategoryView[]> {
  const rows = await withTenant(who.tenantId, (tx) =>
    tx.category.findMany({ where: { tenantId: who.tenantId, ...(options.archived ? {} : { archivedAt: null }) }, orderBy: { name: "asc" } }),
  );
  return rows.map((c) => ({ id: c.id, name: c.name, kind: c.kind, archived: c.archivedAt !== null }));
}
