/**
 * Reconciling an account against a bank statement's ending balance: the rows not yet
 * reconciled up to the ending date are "cleared"; the difference is the ending balance minus
 * (the last reconciled balance — or the account's opening balance — plus the cleared rows).
 * Only at a difference of exactly zero does it complete: the cleared rows become reconciled,
 * and the database refuses to edit or remove them until an operator unlocks the
 * reconciliation with a reason. Everything is audited; one account reconciles at a time.
 */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { Decimal, Money } from "../domain/money.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { dateOnly, decimalFromDb, isoDate, moneyFromDb, sqlRunner, withTenant, type Tx } from "./db.server.ts";

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

export const reconcileRequest = z.object({
  accountId: z.string().uuid("Choose an account"),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give the statement's ending date as YYYY-MM-DD"),
  endBalance: z.string().trim().regex(/^-?\d+(\.\d+)?$/, "Give the statement's ending balance as a number like 1234.56"),
  /** Without it (or false): what completing would do, and nothing changes. */
  complete: z.boolean().default(false),
});

export const unlockRequest = z.object({
  reason: z.string().trim().min(5, "Say why the reconciliation is unlocked (at least 5 characters)").max(500),
});

export interface ReconciliationView {
  id: string | null;
  accountId: string;
  endDate: string;
  endBalance: string;
  currency: string;
  /** Where the cleared rows start from: the last reconciled balance, or the opening balance. */
  startBalance: string;
  startFrom: "last_reconciliation" | "opening_balance" | "zero";
  cleared: { count: number; sum: string };
  /** The cleared rows themselves, oldest first (the first CLEARED_ROWS_SHOWN of them). */
  clearedRows: { id: string; date: string; amount: string; description: string }[];
  difference: string;
  /** Rows in the window that are not counted: held for review, or set aside as duplicates. */
  unmatched: { id: string; date: string; amount: string; description: string; status: string }[];
  status: "preview" | "completed";
}

export async function reconcile(who: Who, input: unknown): Promise<ReconciliationView> {
  const request = reconcileRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const account = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: request.accountId } } });
    if (!account) throw new AppError("not_found", "No such account.");
    // One reconciliation of an account at a time: the second waits and sees the first's rows reconciled.
    await sqlRunner(tx)(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reconcile:${account.id}`]);
    const endBalance = Money.of(request.endBalance, account.currency);
    const view = await compute(tx, who.tenantId, account.id, account.currency, request.endDate, endBalance);
    if (!request.complete) return view;
    if (!Money.of(view.difference, account.currency).isZero()) {
      throw new AppError(
        "validation_failed",
        `endBalance: the statement says ${endBalance.toDecimalString()} but the ledger comes to ${Money.of(view.startBalance, account.currency).add(Money.of(view.cleared.sum, account.currency)).toDecimalString()} on ${request.endDate} (difference ${view.difference}); nothing was reconciled`,
        { view },
      );
    }
    if (view.cleared.count === 0) throw new AppError("validation_failed", `endDate: no unreconciled rows up to ${request.endDate}; nothing to reconcile`);
    const now = new Date();
    const made = await tx.reconciliation.create({
      data: {
        tenantId: who.tenantId, accountId: account.id, endDate: dateOnly(request.endDate), endBalance: endBalance.toDecimalString(),
        status: "completed", createdById: who.apiKey ? null : who.user.id, completedAt: now, completedById: who.apiKey ? null : who.user.id,
      },
    });
    const marked = await tx.transaction.updateMany({
      where: clearedWhere(who.tenantId, account.id, request.endDate),
      data: { reconciledAt: now, reconciliationId: made.id },
    });
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "reconciliation.complete", entityType: "reconciliation", entityId: made.id,
      after: { accountId: account.id, endDate: request.endDate, endBalance: endBalance.toDecimalString(), rows: marked.count }, ...who.client,
    });
    return { ...view, id: made.id, status: "completed" };
  });
}

export const CLEARED_ROWS_SHOWN = 500;

function clearedWhere(tenantId: string, accountId: string, endDate: string) {
  return { tenantId, accountId, status: "posted" as const, reconciledAt: null, date: { lte: dateOnly(endDate) } };
}

async function compute(tx: Tx, tenantId: string, accountId: string, currency: string, endDate: string, endBalance: Money): Promise<ReconciliationView> {
  const last = await tx.reconciliation.findFirst({ where: { tenantId, accountId, status: "completed" }, orderBy: [{ endDate: "desc" }, { completedAt: "desc" }] });
  let start = Money.zero(currency);
  let startFrom: ReconciliationView["startFrom"] = "zero";
  if (last) {
    start = moneyFromDb(last.endBalance, currency);
    startFrom = "last_reconciliation";
  } else {
    const first = await tx.statement.findFirst({ where: { tenantId, accountId, status: "posted", periodStart: { not: null } }, orderBy: { periodStart: "asc" } });
    if (first?.openingBalance) {
      start = Money.of(decimalFromDb(first.openingBalance), currency);
      startFrom = "opening_balance";
    }
  }
  const sum = await tx.transaction.aggregate({ where: clearedWhere(tenantId, accountId, endDate), _sum: { amount: true }, _count: true });
  const cleared = Money.of(sum._sum.amount ? decimalFromDb(sum._sum.amount) : Decimal.ZERO, currency);
  const clearedRows = await tx.transaction.findMany({
    where: clearedWhere(tenantId, accountId, endDate), orderBy: [{ date: "asc" }, { sourceRow: "asc" }], take: CLEARED_ROWS_SHOWN,
  });
  const unmatched = await tx.transaction.findMany({
    where: { tenantId, accountId, reconciledAt: null, date: { lte: dateOnly(endDate) }, status: { in: ["review", "duplicate"] } },
    orderBy: [{ date: "asc" }, { sourceRow: "asc" }],
    take: 200,
  });
  return {
    id: null,
    accountId,
    endDate,
    endBalance: endBalance.toDecimalString(),
    currency,
    startBalance: start.toDecimalString(),
    startFrom,
    cleared: { count: sum._count, sum: cleared.toDecimalString() },
    clearedRows: clearedRows.map((r) => ({ id: r.id, date: isoDate(r.date), amount: moneyFromDb(r.amount, r.currency).toDecimalString(), description: r.description })),
    difference: endBalance.sub(start.add(cleared)).toDecimalString(),
    unmatched: unmatched.map((r) => ({ id: r.id, date: isoDate(r.date), amount: moneyFromDb(r.amount, r.currency).toDecimalString(), description: r.description, status: r.status })),
    status: "preview",
  };
}

/** Operators and admins: the rows become editable again; the reconciliation stays on record, unlocked, with the reason. */
export async function unlockReconciliation(who: Who, id: string, input: unknown): Promise<{ id: string; rows: number }> {
  const { reason } = unlockRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const rec = await tx.reconciliation.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id } } });
    if (!rec) throw new AppError("not_found", "No such reconciliation.");
    if (rec.status !== "completed") throw new AppError("conflict", `This reconciliation is ${rec.status}, not completed.`);
    const released = await tx.transaction.updateMany({ where: { tenantId: who.tenantId, reconciliationId: id }, data: { reconciledAt: null, reconciliationId: null } });
    await tx.reconciliation.update({
      where: { tenantId_id: { tenantId: who.tenantId, id } },
      // An API key has no person to name: the audit event records the key; the row names no one.
      data: { status: "unlocked", unlockedAt: new Date(), unlockedById: who.apiKey ? who.apiKey.id : who.user.id, unlockReason: reason },
    });
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "reconciliation.unlock", entityType: "reconciliation", entityId: id,
      before: { status: "completed" }, after: { status: "unlocked", reason, rows: released.count }, ...who.client,
    });
    return { id, rows: released.count };
  });
}

export interface ReconciliationRecord {
  id: string;
  accountId: string;
  endDate: string;
  endBalance: string;
  status: string;
  completedAt: string | null;
  unlockedAt: string | null;
  unlockReason: string | null;
  rows: number;
}

/** The account's reconciliations, newest first, with how many rows each holds locked now. */
export async function listReconciliations(who: Pick<AuthContext, "tenantId">, accountId: string): Promise<ReconciliationRecord[]> {
  return withTenant(who.tenantId, async (tx) => {
    const account = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: accountId } } });
    if (!account) throw new AppError("not_found", "No such account.");
    const recs = await tx.reconciliation.findMany({ where: { tenantId: who.tenantId, accountId }, orderBy: [{ endDate: "desc" }, { createdAt: "desc" }], take: 20 });
    const counts = await tx.transaction.groupBy({ by: ["reconciliationId"], where: { tenantId: who.tenantId, reconciliationId: { in: recs.map((r) => r.id) } }, _count: true });
    const rows = new Map(counts.map((c) => [c.reconciliationId, c._count]));
    return recs.map((r) => ({
      id: r.id, accountId, endDate: isoDate(r.endDate), endBalance: moneyFromDb(r.endBalance, account.currency).toDecimalString(), status: r.status,
      completedAt: r.completedAt?.toISOString() ?? null, unlockedAt: r.unlockedAt?.toISOString() ?? null, unlockReason: r.unlockReason, rows: rows.get(r.id) ?? 0,
    }));
  });
}

/** What the account's newest posted statement says it ends at: the form's starting point. */
export async function latestStatementEnd(who: Pick<AuthContext, "tenantId">, accountId: string): Promise<{ endDate: string; endBalance: string } | null> {
  return withTenant(who.tenantId, async (tx) => {
    const account = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: accountId } } });
    if (!account) return null;
    const latest = await tx.statement.findFirst({
      where: { tenantId: who.tenantId, accountId, status: "posted", periodEnd: { not: null }, closingBalance: { not: null } },
      orderBy: { periodEnd: "desc" },
    });
    return latest ? { endDate: isoDate(latest.periodEnd!), endBalance: moneyFromDb(latest.closingBalance!, account.currency).toDecimalString() } : null;
  });
}
