/**
 * The review workspace's writes and its queue. Every edit names the row's `version` as the
 * editor saw it: a change made against an older version is refused (409 with the row as it
 * is now), so two people never silently overwrite each other. A manual categorization teaches
 * the tenant's model in the same transaction (and unteaches the person's earlier choice for
 * that row), is recorded as a correction — three of the same payee to the same category
 * suggest a rule — and is audited with before and after. Period locks and reconciled rows are
 * enforced by the database on every write (423); this module says so plainly.
 */
import { z } from "zod";
import { suggestionFor } from "../domain/auto-categorize.ts";
import { CategoryModel, suggestRules, type Prediction, type RuleSuggestion } from "../domain/categorize.ts";
import { AppError } from "../domain/errors.ts";
import { Money } from "../domain/money.ts";
import { normalizePayee } from "../domain/payee.ts";
import { splitByAmounts } from "../domain/splits.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { loadModel, loadRules, MODEL_NAME } from "./categories.server.ts";
import { isoDate, moneyFromDb, sqlRunner, withTenant, type Tx } from "./db.server.ts";

export const categorizeRequest = z.object({
  version: z.number({ required_error: "Send the row's version as you saw it" }).int().min(1),
  categoryId: z.string().uuid("Choose a category"),
  note: z.string().trim().max(1000).nullable().optional(),
});

export interface EditedRow {
  id: string;
  version: number;
  categoryId: string | null;
  categorySource: string | null;
  note: string | null;
  payee: string | null;
}

export interface CategorizeResult {
  row: EditedRow;
  /** Set when this payee has now been corrected to this category often enough to deserve a rule. */
  ruleSuggestion: RuleSuggestion | null;
}

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "role" | "apiKey">;

/** A person sets a row's category (and optionally its note). */
export async function categorizeTransaction(who: Who, transactionId: string, input: unknown): Promise<CategorizeResult> {
  const request = categorizeRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const current = await rowForEdit(tx, who.tenantId, transactionId, request.version, "edited");
    const category = await tx.category.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: request.categoryId } } });
    if (!category || category.archivedAt) throw new AppError("validation_failed", "categoryId: No such category (or it is archived).");

    const updated = await tx.transaction.update({
      where: { tenantId_id: { tenantId: who.tenantId, id: transactionId } },
      data: {
        categoryId: category.id,
        categorySource: "manual",
        categoryConfidence: null,
        ...(request.note !== undefined ? { note: request.note } : {}),
        version: { increment: 1 },
      },
    });

    // Learn from the person, in this transaction: the model row is locked so two edits at
    // once both land.
    const example = { description: current.description, amount: moneyFromDb(current.amount, current.currency).amount };
    const model = await lockedModel(tx, who.tenantId);
    if (current.categorySource === "manual" && current.categoryId) {
      try {
        model.forget({ ...example, category: current.categoryId });
      } catch {
        // Not in the model (it was reset since): nothing to unteach.
      }
    }
    model.learn({ ...example, category: category.id });
    await tx.categoryModel.update({
      where: { tenantId_name: { tenantId: who.tenantId, name: MODEL_NAME } },
      data: { state: model.toJSON() as object, examples: model.size },
    });

    const payee = current.payee ?? normalizePayee(current.description);
    await tx.categoryCorrection.create({
      data: { tenantId: who.tenantId, payee, categoryId: category.id, transactionId, userId: who.apiKey ? null : who.user.id },
    });
    const corrections = await tx.categoryCorrection.findMany({ where: { tenantId: who.tenantId, payee }, orderBy: { at: "asc" } });
    const rules = await loadRules(tx, who.tenantId);
    const ruleSuggestion =
      suggestRules(
        corrections.map((c) => ({ payee: c.payee, category: c.categoryId, at: c.at.toISOString() })),
        { existingRules: rules },
      ).find((s) => s.category === category.id) ?? null;

    await audit(tx, {
      tenantId: who.tenantId,
      ...actorOf(who),
      action: "ledger.edit",
      entityType: "transaction",
      entityId: transactionId,
      before: { categoryId: current.categoryId, categorySource: current.categorySource, note: current.note, version: current.version },
      after: { categoryId: updated.categoryId, categorySource: updated.categorySource, note: updated.note, version: updated.version },
      ...who.client,
    });
    return { row: editedView(updated), ruleSuggestion };
  });
}

export const splitRequest = z.object({
  version: z.number({ required_error: "Send the row's version as you saw it" }).int().min(1),
  /** Signed like the row; they must add up to it exactly. An empty list removes the split. */
  parts: z
    .array(z.object({ amount: z.string().trim().min(1, "Give each part an amount"), categoryId: z.string().uuid("Choose a category").nullable().optional(), note: z.string().trim().max(500).optional() }))
    .max(50, "At most 50 parts"),
});

/**
 * A person splits a row into parts (each with its own category), or removes its split. The
 * parts must add up to the row exactly (checked here with a specific message, and again by the
 * database); the row's own category gives way to its parts'. Same version rule and locks as
 * categorizing; audited `ledger.split` with the parts before and after.
 */
export async function splitTransaction(who: Who, transactionId: string, input: unknown): Promise<{ row: EditedRow; parts: { amount: string; categoryId: string | null; note: string | null }[] }> {
  const request = splitRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const current = await rowForEdit(tx, who.tenantId, transactionId, request.version, "split");
    const total = moneyFromDb(current.amount, current.currency);
    const amounts = request.parts.length ? splitByAmounts(total, request.parts.map((p) => p.amount)) : [];
    const categoryIds = [...new Set(request.parts.flatMap((p) => (p.categoryId ? [p.categoryId] : [])))];
    const known = await tx.category.count({ where: { tenantId: who.tenantId, id: { in: categoryIds }, archivedAt: null } });
    if (known !== categoryIds.length) throw new AppError("validation_failed", "parts: a category is not one of this organisation's (or it is archived).");
    const parts = request.parts.map((p, seq) => ({ seq, amount: amounts[seq]!.toDecimalString(), categoryId: p.categoryId ?? null, note: p.note ?? null }));

    await tx.transactionSplit.deleteMany({ where: { tenantId: who.tenantId, transactionId } });
    if (parts.length) await tx.transactionSplit.createMany({ data: parts.map((p) => ({ tenantId: who.tenantId, transactionId, ...p })) });
    const updated = await tx.transaction.update({
      where: { tenantId_id: { tenantId: who.tenantId, id: transactionId } },
      data: { categoryId: null, categorySource: parts.length ? "manual" : current.categorySource, categoryConfidence: null, version: { increment: 1 } },
    });
    const before = current.splits.map((sp) => ({ amount: moneyFromDb(sp.amount, current.currency).toDecimalString(), categoryId: sp.categoryId, note: sp.note }));
    const after = parts.map(({ amount, categoryId, note }) => ({ amount, categoryId, note }));
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "ledger.split", entityType: "transaction", entityId: transactionId,
      before: { categoryId: current.categoryId, parts: before, version: current.version }, after: { parts: after, version: updated.version }, ...who.client,
    });
    return { row: editedView(updated), parts: after };
  });
}

function editedView(t: { id: string; version: number; categoryId: string | null; categorySource: string | null; note: string | null; payee: string | null }): EditedRow {
  return { id: t.id, version: t.version, categoryId: t.categoryId, categorySource: t.categorySource, note: t.note, payee: t.payee };
}

/**
 * The row a person edits, locked for the rest of the transaction (anyone else editing it waits,
 * so the version check sees the latest), with its split: only at the version the editor saw,
 * and not while reconciled.
 */
async function rowForEdit(tx: Tx, tenantId: string, id: string, version: number, verb: "edited" | "split") {
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
  if (current.reconciledAt) throw new AppError("locked", `This row is reconciled: it cannot be ${verb} until its reconciliation is unlocked.`);
  return current;
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

// ---------------------------------------------------------------------------------------
// The review queue

export type ReviewReason = "uncategorized" | "proposed_transfer" | "possible_duplicate" | "balance_break";

export interface ReviewItem {
  id: string;
  accountId: string;
  statementId: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
  payee: string | null;
  version: number;
  reasons: ReviewReason[];
  /** The model's best guess for an uncategorized row, with its confidence and runners-up. */
  suggestion: Prediction | null;
}

export const reviewQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * Rows needing a person, newest statement first, each with why: no category yet (with the
 * model's suggestion), a proposed transfer pair to confirm or reject, an open duplicate
 * candidate, or a statement whose balance chain broke.
 */
export async function reviewQueue(who: Pick<AuthContext, "tenantId">, query: unknown): Promise<{ items: ReviewItem[] }> {
  const { limit } = reviewQuerySchema.parse(query ?? {});
  const { rows, model } = await withTenant(who.tenantId, async (tx) => ({
    rows: await sqlRunner(tx)<{
      id: string; accountId: string; statementId: string; date: Date; amount: string; currency: string; description: string;
      payee: string | null; version: number; uncategorized: boolean; transfer: boolean; duplicate: boolean; broken: boolean;
    }>(
      `SELECT t.id::text AS id, t."accountId"::text AS "accountId", t."statementId"::text AS "statementId", t.date, t.amount::text AS amount,
              t.currency, t.description, t.payee, t.version,
              (t."categoryId" IS NULL AND NOT EXISTS (SELECT 1 FROM "TransactionSplit" sp WHERE sp."tenantId" = t."tenantId" AND sp."transactionId" = t.id)) AS uncategorized,
              EXISTS (SELECT 1 FROM "TransferPair" p WHERE p."tenantId" = t."tenantId" AND p.status = 'proposed' AND (p."outgoingId" = t.id OR p."incomingId" = t.id)) AS transfer,
              EXISTS (SELECT 1 FROM "DuplicateCandidate" d WHERE d."tenantId" = t."tenantId" AND d.status = 'open' AND d."transactionId" = t.id) AS duplicate,
              (t.status = 'review') AS broken
         FROM "Transaction" t
         JOIN "Statement" s ON s."tenantId" = t."tenantId" AND s.id = t."statementId"
        WHERE t."tenantId" = $1::uuid AND t.status IN ('posted', 'review') AND t."reconciledAt" IS NULL
          AND (t."categoryId" IS NULL OR t.status = 'review'
               OR EXISTS (SELECT 1 FROM "TransferPair" p WHERE p."tenantId" = t."tenantId" AND p.status = 'proposed' AND (p."outgoingId" = t.id OR p."incomingId" = t.id))
               OR EXISTS (SELECT 1 FROM "DuplicateCandidate" d WHERE d."tenantId" = t."tenantId" AND d.status = 'open' AND d."transactionId" = t.id))
        ORDER BY s."uploadedAt" DESC, t."sourceRow" ASC
        LIMIT $2`,
      [who.tenantId, limit],
    ),
    model: await loadModel(tx, who.tenantId),
  }));
  return {
    items: rows
      .map((r) => {
        const reasons: ReviewReason[] = [];
        if (r.uncategorized) reasons.push("uncategorized");
        if (r.transfer) reasons.push("proposed_transfer");
        if (r.duplicate) reasons.push("possible_duplicate");
        if (r.broken) reasons.push("balance_break");
        const amount = Money.of(r.amount, r.currency);
        return {
          id: r.id, accountId: r.accountId, statementId: r.statementId, date: isoDate(r.date), amount: amount.toDecimalString(),
          currency: r.currency, description: r.description, payee: r.payee, version: r.version, reasons,
          suggestion: r.uncategorized ? suggestionFor(model, { description: r.description, amount }) : null,
        };
      })
      .filter((item) => item.reasons.length > 0),
  };
}
