/**
 * Maker-checker. Once a row is reconciled, or signed off by an operator ("approved"), a
 * data-entry member's edit of it is not applied: it is recorded as a proposed change that an
 * operator (or admin) approves — which applies it, with the proposer's judgement taught to the
 * model — or rejects with a note. The maker is never the checker (the database refuses it
 * too), a decision is final, one row has at most one pending proposal, and a proposal made
 * against an older version of the row cannot be approved (the row moved on: reject it, and
 * the maker proposes again). A period lock stops proposals as it stops edits. Everything is
 * audited: the proposal, the decision, and the edit it applied.
 *
 * Approving a change to a reconciled row keeps the row reconciled: the change is applied inside
 * the same transaction as the decision, with the row's reconciled mark lifted and put back
 * around it (the database refuses edits to a row while it is marked; the audited approval is
 * the authority here, as the audited unlock is for a whole reconciliation).
 */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { can } from "../domain/permissions.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { isoDate, moneyFromDb, sqlRunner, withTenant, type Tx } from "./db.server.ts";
import {
  applyCategory, applySplit, categoryChange, checkSplit, editedView, rowForEdit, splitChange,
  type CategoryChange, type EditableRow, type EditedRow, type SplitPart, type Who,
} from "./ledger-edits.server.ts";

export type ProposalKind = "categorize" | "split";
export type Protection = "reconciled" | "approved";

export interface ProposalView {
  id: string;
  transactionId: string;
  kind: ProposalKind;
  reason: Protection;
  baseVersion: number;
  changes: CategoryChange | { parts: SplitPart[] };
  status: "pending" | "approved" | "rejected";
  proposedBy: { id: string; name: string | null };
  proposedAt: string;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The row as it is now (for the checker to compare). */
  row: { date: string; amount: string; currency: string; description: string; payee: string | null; categoryId: string | null; version: number } | null;
}

/** Why a row is protected from direct edits by people who cannot approve, if it is. */
export function protectionOf(row: { reconciledAt: Date | null; approvedAt: Date | null }): Protection | null {
  return row.reconciledAt ? "reconciled" : row.approvedAt ? "approved" : null;
}

/**
 * Decides what an edit of `current` by `who` becomes: `null` — apply it; or the pending
 * proposal recorded instead. Operators and admins edit approved rows directly (they are the
 * checkers); nobody edits a reconciled row directly (its reconciliation is unlocked first),
 * but data entry may propose a change to one.
 */
export async function proposeIfProtected(
  tx: Tx, who: Who, current: EditableRow, kind: ProposalKind, changes: CategoryChange | { parts: SplitPart[] },
): Promise<ProposalView | null> {
  const protection = protectionOf(current);
  if (!protection) return null;
  if (can(who.role, "ledger:approve")) {
    if (protection === "approved") return null;
    throw new AppError("locked", `This row is reconciled: it cannot be ${kind === "split" ? "split" : "edited"} until its reconciliation is unlocked.`);
  }
  await assertPeriodOpen(tx, current);
  const pending = await tx.proposedChange.findFirst({ where: { tenantId: who.tenantId, transactionId: current.id, status: "pending" } });
  if (pending) {
    throw new AppError("conflict", "A change to this row is already waiting for an operator's decision; it must be approved or rejected before another is proposed.", {
      proposalId: pending.id,
    });
  }
  const proposedById = actorOf(who).actorId;
  const created = await tx.proposedChange.create({
    data: { tenantId: who.tenantId, transactionId: current.id, kind, reason: protection, baseVersion: current.version, changes: changes as object, proposedById },
  });
  await audit(tx, {
    tenantId: who.tenantId, ...actorOf(who), action: "ledger.propose", entityType: "proposed_change", entityId: created.id,
    after: { transactionId: current.id, kind, reason: protection, baseVersion: current.version, changes }, ...who.client,
  });
  return (await views(tx, who.tenantId, [created.id]))[0]!;
}

/** A proposal cannot be recorded for a row in a locked period: nothing may change it. */
async function assertPeriodOpen(tx: Tx, row: EditableRow): Promise<void> {
  const [lock] = await sqlRunner(tx)<{ through: Date }>(
    `SELECT "lockedThrough" AS through FROM "PeriodLock"
      WHERE "tenantId" = $1::uuid AND "unlockedAt" IS NULL AND ("accountId" IS NULL OR "accountId" = $2::uuid) AND $3::date <= "lockedThrough"
      ORDER BY "lockedThrough" DESC LIMIT 1`,
    [row.tenantId, row.accountId, isoDate(row.date)],
  );
  if (lock) throw new AppError("locked", `The period through ${isoDate(lock.through)} is locked: no change to a row dated ${isoDate(row.date)} may be made or proposed until it is unlocked.`);
}

export const decisionRequest = z
  .object({
    decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "decision: approve or reject" }) }),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((d) => d.decision === "approve" || (d.note ?? "").length >= 3, { message: "note: say why the change is rejected (at least 3 characters)", path: ["note"] });

/** An operator decides a pending proposal; approving applies it (see the module comment). */
export async function decideProposal(who: Who, proposalId: string, input: unknown): Promise<{ proposal: ProposalView; row: EditedRow | null }> {
  const request = decisionRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const locked = await sqlRunner(tx)(`SELECT 1 AS locked FROM "ProposedChange" WHERE "tenantId" = $1::uuid AND id = $2::uuid FOR UPDATE`, [who.tenantId, proposalId]);
    if (locked.length === 0) throw new AppError("not_found", "No such proposed change.");
    const proposal = await tx.proposedChange.findUniqueOrThrow({ where: { tenantId_id: { tenantId: who.tenantId, id: proposalId } } });
    if (proposal.status !== "pending") throw new AppError("conflict", `This change was already ${proposal.status}; a decision is final.`);
    const deciderId = actorOf(who).actorId;
    if (proposal.proposedById === deciderId) throw new AppError("forbidden", "You proposed this change: another operator must decide it.");

    let row: EditedRow | null = null;
    if (request.decision === "approve") {
      const current = await rowForEdit(tx, who.tenantId, proposal.transactionId, proposal.baseVersion).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "conflict") {
          throw new AppError("conflict", "The row has changed since this change was proposed, so it cannot be approved as it stands: reject it, and the change can be proposed again.", e.details);
        }
        throw e;
      });
      row = await applyProposal(tx, who, current, proposal);
    }
    await tx.proposedChange.update({
      where: { tenantId_id: { tenantId: who.tenantId, id: proposalId } },
      data: { status: request.decision === "approve" ? "approved" : "rejected", decidedById: deciderId, decidedAt: new Date(), decisionNote: request.note || null },
    });
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: request.decision === "approve" ? "ledger.proposal.approve" : "ledger.proposal.reject",
      entityType: "proposed_change", entityId: proposalId,
      before: { status: "pending" }, after: { status: request.decision === "approve" ? "approved" : "rejected", note: request.note || null, transactionId: proposal.transactionId },
      ...who.client,
    });
    return { proposal: (await views(tx, who.tenantId, [proposalId]))[0]!, row };
  });
}

async function applyProposal(tx: Tx, who: Who, current: EditableRow, proposal: { id: string; kind: string; changes: unknown; proposedById: string }): Promise<EditedRow> {
  const context = { proposalId: proposal.id, proposedById: proposal.proposedById };
  const reconciled = current.reconciledAt ? { reconciledAt: current.reconciledAt, reconciliationId: current.reconciliationId } : null;
  const where = { tenantId_id: { tenantId: who.tenantId, id: current.id } };
  if (reconciled) await tx.transaction.update({ where, data: { reconciledAt: null } });
  let row: EditedRow;
  if (proposal.kind === "categorize") {
    row = (await applyCategory(tx, who, current, categoryChange.parse(proposal.changes), { correctedBy: proposal.proposedById, context })).row;
  } else {
    const { parts } = z.object({ parts: z.array(z.object({ amount: z.string(), categoryId: z.string().nullable(), note: z.string().nullable() })) }).parse(proposal.changes);
    const checked = await checkSplit(tx, who.tenantId, current, { parts: parts.map((p) => ({ ...p, note: p.note ?? undefined })) });
    row = (await applySplit(tx, who, current, checked, context)).row;
  }
  if (reconciled) {
    const restored = await tx.transaction.update({ where, data: reconciled });
    row = editedView(restored);
  }
  return row;
}

export const proposalQuery = z.object({
  status: z.enum(["pending", "approved", "rejected"], { errorMap: () => ({ message: "status: pending, approved or rejected" }) }).default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** Proposals by status (pending first by default), oldest first for pending, newest first otherwise. */
export async function listProposals(who: Pick<AuthContext, "tenantId">, query: unknown): Promise<{ items: ProposalView[] }> {
  const { status, limit } = proposalQuery.parse(query ?? {});
  return withTenant(who.tenantId, async (tx) => {
    const ids = await tx.proposedChange.findMany({
      where: { tenantId: who.tenantId, status }, orderBy: { proposedAt: status === "pending" ? "asc" : "desc" }, take: limit, select: { id: true },
    });
    return { items: await views(tx, who.tenantId, ids.map((p) => p.id)) };
  });
}

async function views(tx: Tx, tenantId: string, ids: string[]): Promise<ProposalView[]> {
  if (ids.length === 0) return [];
  const proposals = await tx.proposedChange.findMany({ where: { tenantId, id: { in: ids } } });
  const rows = new Map(
    (await tx.transaction.findMany({ where: { tenantId, id: { in: proposals.map((p) => p.transactionId) } } })).map((t) => [t.id, t]),
  );
  const people = new Map(
    (await tx.user.findMany({ where: { id: { in: proposals.flatMap((p) => [p.proposedById, ...(p.decidedById ? [p.decidedById] : [])]) } }, select: { id: true, name: true } })).map(
      (u) => [u.id, u.name],
    ),
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  return proposals
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((p) => {
      const t = rows.get(p.transactionId);
      return {
        id: p.id, transactionId: p.transactionId, kind: p.kind as ProposalKind, reason: p.reason as Protection, baseVersion: p.baseVersion,
        changes: p.changes as ProposalView["changes"], status: p.status as ProposalView["status"],
        proposedBy: { id: p.proposedById, name: people.get(p.proposedById) ?? null }, proposedAt: p.proposedAt.toISOString(),
        decidedBy: p.decidedById ? { id: p.decidedById, name: people.get(p.decidedById) ?? null } : null,
        decidedAt: p.decidedAt?.toISOString() ?? null, decisionNote: p.decisionNote,
        row: t
          ? { date: isoDate(t.date), amount: moneyFromDb(t.amount, t.currency).toDecimalString(), currency: t.currency, description: t.description, payee: t.payee, categoryId: t.categoryId, version: t.version }
          : null,
      };
    });
}

export const approveRowsRequest = z.object({
  rows: z.array(z.object({ id: z.string().uuid("No such transaction"), version: z.number().int().min(1) })).min(1, "Choose at least one row").max(500, "At most 500 rows at once"),
});

/**
 * An operator signs rows off: each at the version they saw, each categorized (or split) —
 * an uncategorized row is named and nothing is approved. All or nothing; audited per row.
 */
export async function approveRows(who: Who, input: unknown): Promise<{ rows: EditedRow[] }> {
  const { rows } = approveRowsRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const approvedAt = new Date();
    const done: EditedRow[] = [];
    for (const { id, version } of rows) {
      const current = await rowForEdit(tx, who.tenantId, id, version);
      if (current.approvedAt) {
        done.push(editedView(current));
        continue;
      }
      if (!current.categoryId && current.splits.length === 0) {
        throw new AppError("validation_failed", `rows: "${current.description}" on ${isoDate(current.date)} has no category yet; categorize it before approving. Nothing was approved.`, { id });
      }
      const updated = await tx.transaction.update({
        where: { tenantId_id: { tenantId: who.tenantId, id } },
        data: { approvedAt, approvedById: actorOf(who).actorId, version: { increment: 1 } },
      });
      await audit(tx, {
        tenantId: who.tenantId, ...actorOf(who), action: "ledger.approve", entityType: "transaction", entityId: id,
        before: { approved: false, version: current.version }, after: { approved: true, version: updated.version }, ...who.client,
      });
      done.push(editedView(updated));
    }
    return { rows: done };
  });
}

