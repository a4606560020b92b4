/**
 * Period locks: an admin closes an account (or every account) through a date; from then on
 * no row dated on or before it may be added, changed or removed — by anyone, through any path
 * — until an unlock that says why. The database enforces it (triggers on "Transaction",
 * prisma/migrations/20261122120000_review_workspace); this module records locks and unlocks,
 * audited, and answers what is locked.
 */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { actorOf } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { dateOnly, isoDate, withTenant } from "./db.server.ts";

export interface Actor {
  tenantId: string;
  user: { id: string };
  client: { ip: string | null; userAgent: string | null };
}

export interface PeriodLockView {
  id: string;
  accountId: string | null;
  lockedThrough: string;
  reason: string | null;
  lockedById: string;
  lockedAt: string;
  unlockedAt: string | null;
  unlockedById: string | null;
  unlockReason: string | null;
}

export const lockRequest = z.object({
  accountId: z.string().uuid("Choose an account, or leave it out to lock every account").nullable().default(null),
  through: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give the last day of the locked period as YYYY-MM-DD"),
  reason: z.string().trim().max(500).optional(),
});

export const unlockRequest = z.object({
  reason: z.string().trim().min(5, "Say why the period is unlocked (at least 5 characters)").max(500),
});

type LockRow = {
  id: string; accountId: string | null; lockedThrough: Date; reason: string | null; lockedById: string; lockedAt: Date;
  unlockedAt: Date | null; unlockedById: string | null; unlockReason: string | null;
};

function view(l: LockRow): PeriodLockView {
  return {
    id: l.id,
    accountId: l.accountId,
    lockedThrough: isoDate(l.lockedThrough),
    reason: l.reason,
    lockedById: l.lockedById,
    lockedAt: l.lockedAt.toISOString(),
    unlockedAt: l.unlockedAt?.toISOString() ?? null,
    unlockedById: l.unlockedById,
    unlockReason: l.unlockReason,
  };
}

export async function listPeriodLocks(who: Pick<Actor, "tenantId">): Promise<PeriodLockView[]> {
  const rows = await withTenant(who.tenantId, (tx) =>
    tx.periodLock.findMany({ where: { tenantId: who.tenantId }, orderBy: [{ lockedAt: "desc" }] }),
  );
  return rows.map(view);
}

export async function lockPeriod(who: Actor, input: unknown): Promise<PeriodLockView> {
  const { accountId, through, reason } = lockRequest.parse(input);
  if (Number.isNaN(Date.parse(`${through}T00:00:00Z`))) throw new AppError("validation_failed", `through: ${through} is not a date`);
  return withTenant(who.tenantId, async (tx) => {
    if (accountId) {
      const account = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: accountId } } });
      if (!account) throw new AppError("not_found", `No bank account ${accountId} in this organisation.`);
    }
    const lock = await tx.periodLock.create({
      data: { tenantId: who.tenantId, accountId, lockedThrough: dateOnly(through), reason: reason || null, lockedById: who.user.id },
    });
    const after = view(lock);
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "period.lock", entityType: "period_lock", entityId: lock.id, after, ...who.client });
    return after;
  });
}

export async function unlockPeriod(who: Actor, lockId: string, input: unknown): Promise<PeriodLockView> {
  const { reason } = unlockRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const where = { tenantId_id: { tenantId: who.tenantId, id: lockId } };
    const before = await tx.periodLock.findUnique({ where });
    if (!before) throw new AppError("not_found", `No period lock ${lockId} in this organisation.`);
    if (before.unlockedAt) {
      throw new AppError("conflict", `This lock (through ${isoDate(before.lockedThrough)}) was already unlocked on ${isoDate(before.unlockedAt)}.`);
    }
    const after = view(await tx.periodLock.update({ where, data: { unlockedAt: new Date(), unlockedById: who.user.id, unlockReason: reason } }));
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "period.unlock", entityType: "period_lock", entityId: lockId,
      before: view(before), after, ...who.client,
    });
    return after;
  });
}
