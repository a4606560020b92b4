/**
 * The two edits a person makes to a ledger row — its category (and note), and its split — as
 * they are applied, whoever asked: a person directly (app/services/review.server.ts) or an
 * operator approving someone else's proposal (app/services/proposals.server.ts). Each bumps
 * the row's version, and is audited with before and after; categorizing teaches the tenant's
 * model. Callers have locked the row with `rowForEdit` in the same transaction.
 */
import { z } from "zod";
import { CategoryModel, suggestRules, type RuleSuggestion } from "../domain/categorize.ts";
import { AppError } from "../domain/errors.ts";
import { normalizePayee } from "../domain/payee.ts";
import { splitByAmounts } from "../domain/splits.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { loadModel, loadRules, MODEL_NAME } from "./categories.server.ts";
import { moneyFromDb, sqlRunner, type Tx } from "./db.server.ts";

export type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "role" | "apiKey">;

export const categoryChange = z.object({
  /** null: back to uncategorized (an undo of a first categorization); the row returns to the queue. */
  categoryId: z.string().uuid("Choose a category").nullable(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type CategoryChange = z.infer<typeof categoryChange>;

export const splitChange = z.object({
  /** Signed like the row; they must add up to it exactly. An empty list removes the split. */
  parts: z
    .array(z.object({ amount: z.string().trim().min(1, "Give each part an amount"), categoryId: z.string().uuid("Choose a category").nullable().optional(), note: z.string().trim().max(500).optional() }))
    .max(50, "At most 50 parts"),
});
export type SplitPart = { amount: string; categoryId: string | null; note: string | null };

export interface EditedRow {
  id: string;
  version: number;
  categoryId: string | null;
  categorySource: string | null;
  note: string | null;
  payee: string | null;
  approved: boolean;
  reconciled: boolean;
}

export interface CategorizeResult {
  row: EditedRow;
  /** Set when this payee has now been corrected to this category often enough to deserve a rule. */
  ruleSuggestion: RuleSuggestion | null;
}

export type EditableRow = Awaited<ReturnType<typeof rowForEdit>>;

export function editedView(t: {
  id: string; version: number; categoryId: string | null; categorySource: string | null; note: string | null; payee: string | null;
  approvedAt: Date | null; reconciledAt: Date | null;
}): EditedRow {
  return {
    id: t.id, version: t.version, categoryId: t.categoryId, categorySource: t.categorySource, note: t.note, payee: t.payee,
    approved: t.approvedAt !== null, reconciled: t.reconciledAt !== null,
  };
}

/**
 * The row a person edits, locked for the rest of the transaction (anyone else editing it waits,
 * so the version check sees the latest), with its split — only at the version the editor saw.
 */
export async function rowForEdit(tx: Tx, tenantId: string, id: string, version: number) {
  const locked = await sqlRunner(tx)(`SELECT 1 AS locked FROM "Transaction" WHERE "tenantId" = $1::uuid AND id = $2::uuid FOR UPDATE`, [tenantId, id]);
  if (locked.length === 0) throw new AppError("not_found", "No such transaction.");
  const current = await tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } }, include: { splits: { orderBy: { seq: "asc" } } } });
  if (current.version !== version) {
    throw new AppError(
      "conflict",
      `Someone changed this row since you opened it (version ${current.version}, not ${version}); your change was not saved. Look at it again, then decide.`,
      { current: editedView(current) },
    );
  }
  return current;
}

/** The category exists in this tenant and is not archived. */
export async function checkCategory(tx: Tx, tenantId: string, categoryId: string): Promise<void> {
  const category = await tx.category.findUnique({ where: { tenantId_id: { tenantId, id: categoryId } } });
  if (!category || category.archivedAt) throw new AppError("validation_failed", "categoryId: No such category (or it is archived).");
}

/** Exact parts for the row (with a "short by" message when they do not add up), categories checked. */
export async function checkSplit(tx: Tx, tenantId: string, row: EditableRow, change: z.infer<typeof splitChange>): Promise<SplitPart[]> {
  const total = moneyFromDb(row.amount, row.currency);
  const amounts = change.parts.length ? splitByAmounts(total, change.parts.map((p) => p.amount)) : [];
  const categoryIds = [...new Set(change.parts.flatMap((p) => (p.categoryId ? [p.categoryId] : [])))];
  const known = await tx.category.count({ where: { tenantId, id: { in: categoryIds }, archivedAt: null } });
  if (known !== categoryIds.length) throw new AppError("validation_failed", "parts: a category is not one of this organisation's (or it is archived).");
  return change.parts.map((p, seq) => ({ amount: amounts[seq]!.toDecimalString(), categoryId: p.categoryId ?? null, note: p.note ?? null }));
}

/**
 * Sets the row's category (and note), teaches the model in this transaction (unteaching a
 * person's earlier choice for the row), records the correction — by `correctedBy`, the person
 * whose judgement it is — and audits `ledger.edit`. `context` lands in the audit's `after`.
 */
export async function applyCategory(
  tx: Tx, who: Who, current: EditableRow, change: CategoryChange,
  options: { correctedBy: string | null; context?: Record<string, unknown> },
): Promise<CategorizeResult> {
  const { tenantId } = who;
  if (change.categoryId) await checkCategory(tx, tenantId, change.categoryId);
  const updated = await tx.transaction.update({
    where: { tenantId_id: { tenantId, id: current.id } },
    data: {
      categoryId: change.categoryId,
      categorySource: change.categoryId ? "manual" : null,
      categoryConfidence: null,
      ...(change.note !== undefined ? { note: change.note } : {}),
      version: { increment: 1 },
    },
  });

  // Learn from the person, in this transaction: the model row is locked so two edits at
  // once both land.
  const example = { description: current.description, amount: moneyFromDb(current.amount, current.currency).amount };
  const model = await lockedModel(tx, tenantId);
  if (current.categorySource === "manual" && current.categoryId) {
    try {
      model.forget({ ...example, category: current.categoryId });
    } catch {
      // Not in the model (it was reset since): nothing to unteach.
    }
  }
  if (change.categoryId) model.learn({ ...example, category: change.categoryId });
  await tx.categoryModel.update({ where: { tenantId_name: { tenantId, name: MODEL_NAME } }, data: { state: model.toJSON() as object, examples: model.size } });

  let ruleSuggestion: RuleSuggestion | null = null;
  if (change.categoryId) {
    const payee = current.payee ?? normalizePayee(current.description);
    await tx.categoryCorrection.create({ data: { tenantId, payee, categoryId: change.categoryId, transactionId: current.id, userId: options.correctedBy } });
    const corrections = await tx.categoryCorrection.findMany({ where: { tenantId, payee }, orderBy: { at: "asc" } });
    const rules = await loadRules(tx, tenantId);
    ruleSuggestion =
      suggestRules(corrections.map((c) => ({ payee: c.payee, category: c.categoryId, at: c.at.toISOString() })), { existingRules: rules }).find(
        (s) => s.category === change.categoryId,
      ) ?? null;
  }

  await audit(tx, {
    tenantId, ...actorOf(who), action: "ledger.edit", entityType: "transaction", entityId: current.id,
    before: { categoryId: current.categoryId, categorySource: current.categorySource, note: current.note, version: current.version },
    after: { categoryId: updated.categoryId, categorySource: updated.categorySource, note: updated.note, version: updated.version, ...options.context },
    ...who.client,
  });
  return { row: editedView(updated), ruleSuggestion };
}

/**
 * Replaces the row's split (the database checks again that the parts add up); the row's own
 * category gives way to its parts'. Audited `ledger.split` with the parts before and after.
 */
export async function applySplit(
  tx: Tx, who: Who, current: EditableRow, parts: SplitPart[], context?: Record<string, unknown>,
): Promise<{ row: EditedRow; parts: SplitPart[] }> {
  const { tenantId } = who;
  await tx.transactionSplit.deleteMany({ where: { tenantId, transactionId: current.id } });
  if (parts.length) await tx.transactionSplit.createMany({ data: parts.map((p, seq) => ({ tenantId, transactionId: current.id, seq, ...p })) });
  const updated = await tx.transaction.update({
    where: { tenantId_id: { tenantId, id: current.id } },
    data: { categoryId: null, categorySource: parts.length ? "manual" : current.categorySource, categoryConfidence: null, version: { increment: 1 } },
  });
  const before = current.splits.map((sp) => ({ amount: moneyFromDb(sp.amount, current.currency).toDecimalString(), categoryId: sp.categoryId, note: sp.note }));
  await audit(tx, {
    tenantId, ...actorOf(who), action: "ledger.split", entityType: "transaction", entityId: current.id,
    before: { categoryId: current.categoryId, parts: before, version: current.version }, after: { parts, version: updated.version, ...context }, ...who.client,
  });
  return { row: editedView(updated), parts };
}

async function lockedModel(tx: Tx, tenantId: string): Promise<CategoryModel> {
  await tx.categoryModel.upsert({
    where: { tenantId_name: { tenantId, name: MODEL_NAME } },
    create: { tenantId, name: MODEL_NAME, state: new CategoryModel().toJSON() as object, examples: 0 },
    update: {},
  });
  await sqlRunner(tx)(`SELECT 1 AS locked FROM "CategoryModel" WHERE "tenantId" = $1::uuid AND name = $2 FOR UPDATE`, [tenantId, MODEL_NAME]);
  return loadModel(tx, tenantId);
}
