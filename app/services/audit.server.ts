/**
 * The one audit call. Every posting, edit, void, lock, unlock, login and export goes through
 * `audit(tx, …)` inside the same transaction as the change it records, so a change and its
 * audit event commit together or not at all.
 */
import { eventHash, GENESIS_HASH, verifyChain, type ChainVerdict } from "../domain/audit-chain.ts";
import { Prisma, withTenant, type Tx } from "./db.server.ts";

export interface AuditInput {
  tenantId: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
}

/** Who did it and from where, as carried by a request. */
export interface AuditActor {
  tenantId: string;
  userId: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export async function audit(tx: Tx, input: AuditInput): Promise<void> {
  // One writer per tenant chain at a time; released when the transaction ends.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${input.tenantId}`}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { tenantId: input.tenantId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const body = {
    tenantId: input.tenantId,
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  };
  // Store exactly what was hashed: JSON round-trip so the stored value reads back identically.
  const before = jsonValue(body.before);
  const after = jsonValue(body.after);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, { ...body, before, after });
  await tx.auditEvent.create({
    data: {
      ...body,
      before: before === null ? Prisma.DbNull : (before as Prisma.InputJsonValue),
      after: after === null ? Prisma.DbNull : (after as Prisma.InputJsonValue),
      prevHash,
      hash,
    },
  });
}

function jsonValue(value: unknown): unknown {
  return value === null || value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Recomputes a tenant's chain. */
export async function verifyAuditChain(tenantId: string): Promise<ChainVerdict> {
  const events = await withTenant(tenantId, (tx) =>
    tx.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } }),
    { timeout: 120_000 },
  );
  return verifyChain(events);
}
