/**
 * The one audit call. Every posting, edit, void, lock, unlock, login and export goes through
 * `audit(tx, …)` inside the same transaction as the change it records, so a change and its
 * audit event commit together or not at all.
 */
import { ChainVerifier, eventHash, GENESIS_HASH, type ChainVerdict } from "../domain/audit-chain.ts";
import { sqlRunner, withTenant, type SqlClient, type Tx } from "./db.server.ts";

export interface AuditInput {
  tenantId: string;
  actorId: string | null;
  /** 'api_key' when an API key acted (actorId is then the key's id); omitted for users. */
  actorType?: string | null;
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

/**
 * Appends one event to the tenant's chain, in the caller's transaction: a Prisma transaction
 * (requests) or a raw tenant-scoped connection (imports stream rows through COPY on one).
 * Plain SQL, so both run the very same statements.
 */
export async function audit(tx: Tx | SqlClient, input: AuditInput): Promise<void> {
  const sql = sqlRunner(tx);
  // One writer per tenant chain at a time; released when the transaction ends.
  await sql(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit:${input.tenantId}`]);
  // (Aliased apart from seq: ORDER BY would otherwise sort the text alias, "9" after "10".)
  const [last] = await sql<{ lastSeq: string; hash: string }>(
    `SELECT seq::text AS "lastSeq", hash FROM "AuditEvent" WHERE "tenantId" = $1::uuid ORDER BY seq DESC LIMIT 1`,
    [input.tenantId],
  );
  // Store exactly what was hashed: JSON round-trip so the stored value reads back identically.
  const event = {
    tenantId: input.tenantId,
    seq: (last ? BigInt(last.lastSeq) : 0n) + 1n,
    at: new Date(),
    actorId: input.actorId,
    actorType: input.actorType ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: jsonValue(input.before),
    after: jsonValue(input.after),
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, event);
  await sql(
    `INSERT INTO "AuditEvent" ("tenantId", seq, at, "actorId", action, "entityType", "entityId", before, after, ip, "userAgent", "prevHash", hash, "actorType")
     VALUES ($1::uuid, $2::bigint, $3::timestamptz, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14)`,
    [
      event.tenantId, event.seq.toString(), event.at.toISOString(), event.actorId, event.action, event.entityType,
      event.entityId, event.before === null ? null : JSON.stringify(event.before),
      event.after === null ? null : JSON.stringify(event.after), event.ip, event.userAgent, prevHash, hash, event.actorType,
    ],
  );
}

function jsonValue(value: unknown): unknown {
  return value === null || value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Runs a function in one tenant-scoped transaction: the app's (withTenant) or the owner's (the CLI). */
export type TenantTxRunner = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }) => Promise<T>;

const VERIFY_PAGE = 5_000;

/** Recomputes a tenant's chain page by page (constant memory) and names the first broken event. */
export async function verifyAuditChain(tenantId: string, run: TenantTxRunner = withTenant): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0n;
  for (;;) {
    const events = await run(tenantId, (tx) =>
      tx.auditEvent.findMany({ where: { tenantId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: VERIFY_PAGE }),
    );
    for (const e of events) if (!verifier.add(e)) return verifier.result();
    if (events.length < VERIFY_PAGE) return verifier.result();
    after = events.at(-1)!.seq;
  }
}
