/**
 * The one audit call. Every posting, edit, void, lock, unlock, login and export goes through
 * `audit(tx, …)` inside the same transaction as the change it records, so a change and its
 * audit event commit together or not at all.
 */
import { z } from "zod";
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
  // The chain's last event, read under the tenant's one-writer lock (held until the transaction
  // ends): lock and read in one round trip (prisma/migrations/20261209090000_audit_chain_head).
  const [last] = await sql<{ lastSeq: string; hash: string }>(`SELECT "lastSeq", hash FROM audit_chain_head($1::uuid)`, [input.tenantId]);
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

// ---------------------------------------------------------------------------------------
// Reading: the admin page, the API and the export filter the log the same way.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31")
  .refine((s) => !Number.isNaN(Date.parse(s)), "Not a real date");

const auditFilterFields = {
  /** Action prefix: "auth." matches auth.login, auth.logout, … */
  action: z.preprocess(blankToUndefined, z.string().trim().max(100, "At most 100 characters").regex(/^[a-z0-9_.:-]+$/i, "Letters, digits and . _ : - only (e.g. auth. or ledger.exported)").optional()),
  /** A user's or API key's id, or "system" for events no one made. */
  actorId: z.preprocess(blankToUndefined, z.union([z.literal("system"), z.string().uuid("A user or API key id, or system")]).optional()),
  entityType: z.preprocess(blankToUndefined, z.string().trim().max(100, "At most 100 characters").optional()),
  entityId: z.preprocess(blankToUndefined, z.string().trim().max(200, "At most 200 characters").optional()),
  from: z.preprocess(blankToUndefined, isoDay.optional()),
  to: z.preprocess(blankToUndefined, isoDay.optional()),
};
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_AFTER_TO = { message: "from must be on or before to", path: ["from"] };

export const auditFilterSchema = z.object(auditFilterFields).refine(fromNotAfterTo, FROM_AFTER_TO);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListSchema = z
  .object({
    ...auditFilterFields,
    /** Events older than this seq (the previous page's nextBefore). */
    before: z.preprocess(blankToUndefined, z.string().regex(/^[1-9]\d{0,18}$/, "A sequence number from the previous page").optional()),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int("A whole number").min(1, "At least 1").max(500, "At most 500").default(50)),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type AuditListQuery = z.infer<typeof auditListSchema>;

/** The filter as SQL conditions on "AuditEvent" e, numbered from $first. */
export function auditFilterSql(f: AuditFilter, first: number): { where: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    parts.push(sql.replaceAll("?", `$${first + values.length - 1}`));
  };
  // A prefix, literally: LIKE's own wildcards in it are escaped.
  if (f.action) add(`e.action LIKE ? ESCAPE '\\'`, `${f.action.replace(/[\\%_]/g, "\\$&")}%`);
  if (f.actorId === "system") parts.push(`e."actorId" IS NULL`);
  else if (f.actorId) add(`e."actorId" = ?`, f.actorId);
  if (f.entityType) add(`e."entityType" = ?`, f.entityType);
  if (f.entityId) add(`e."entityId" = ?`, f.entityId);
  // Days are UTC days, as the timestamps are shown.
  if (f.from) add(`e.at >= (?::date::timestamp AT TIME ZONE 'UTC')`, f.from);
  if (f.to) add(`e.at < ((?::date + 1)::timestamp AT TIME ZONE 'UTC')`, f.to);
  return { where: parts.length ? ` AND ${parts.join(" AND ")}` : "", values };
}

/** One event as stored, JSON-ready: everything its hash covers, and the hashes. */
export interface StoredAuditEvent {
  tenantId: string;
  seq: string;
  at: string;
  actorId: string | null;
  actorType: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

// seq travels as text (bigint); aliased apart from the column so ORDER BY sorts the number.
const EVENT_COLUMNS = `e."tenantId"::text AS "tenantId", e.seq::text AS "seqText",
  to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e."actorId", e."actorType", e.action,
  e."entityType", e."entityId", e.before, e.after, e.ip, e."userAgent", e."prevHash", e.hash`;

type EventRow = Omit<StoredAuditEvent, "seq"> & { seqText: string };
const toStored = ({ seqText, ...rest }: EventRow): StoredAuditEvent => ({ ...rest, seq: seqText });

/**
 * A page of events, oldest first, after `afterSeq`, matching the filter: the export's keyset
 * read (on the caller's connection, e.g. a read-only snapshot).
 */
export async function auditEventsAfter(client: Tx | SqlClient, tenantId: string, filter: AuditFilter, afterSeq: string, limit: number): Promise<StoredAuditEvent[]> {
  const f = auditFilterSql(filter, 3);
  const rows = await sqlRunner(client)<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" e
      WHERE e."tenantId" = $1::uuid AND e.seq > $2::bigint${f.where}
      ORDER BY e.seq ASC LIMIT ${Math.floor(limit)}`,
    [tenantId, afterSeq, ...f.values],
  );
  return rows.map(toStored);
}

export async function countAuditEvents(tx: Tx, tenantId: string, filter: AuditFilter): Promise<number> {
  const f = auditFilterSql(filter, 2);
  const [row] = await sqlRunner(tx)<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent" e WHERE e."tenantId" = $1::uuid${f.where}`, [tenantId, ...f.values]);
  return Number(row!.n);
}

export interface AuditEventView extends StoredAuditEvent {
  /** The member's or key's name, when they are still one of this organisation's. */
  actorName: string | null;
}

/** The log newest first, a page at a time (by seq), filtered; actors named where known. */
export async function listAuditEvents(tenantId: string, query: AuditListQuery): Promise<{ events: AuditEventView[]; nextBefore: string | null }> {
  return withTenant(tenantId, async (tx) => {
    const f = auditFilterSql(query, 3);
    const rows = await sqlRunner(tx)<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" e
        WHERE e."tenantId" = $1::uuid AND ($2::bigint IS NULL OR e.seq < $2::bigint)${f.where}
        ORDER BY e.seq DESC LIMIT ${query.limit + 1}`,
      [tenantId, query.before ?? null, ...f.values],
    );
    const page = rows.slice(0, query.limit).map(toStored);
    const names = await actorNames(tx, tenantId);
    return {
      events: page.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })),
      nextBefore: rows.length > query.limit ? page.at(-1)!.seq : null,
    };
  });
}

/** Everyone who can appear as an actor here: members (by user id) and API keys (by key id). */
export async function actorNames(tx: Tx, tenantId: string): Promise<Map<string, string>> {
  const [members, keys] = await Promise.all([
    tx.membership.findMany({ where: { tenantId }, select: { userId: true, user: { select: { name: true, email: true } } } }),
    tx.apiKey.findMany({ where: { tenantId }, select: { id: true, name: true } }),
  ]);
  const names = new Map<string, string>();
  for (const m of members) names.set(m.userId, `${m.user.name} <${m.user.email}>`);
  for (const k of keys) names.set(k.id, `API key "${k.name}"`);
  return names;
}

/** A verdict, JSON-ready (seq as text), with the moment it was reached. */
export type ChainStatus =
  | { ok: true; checked: number; verifiedAt: string }
  | { ok: false; checked: number; seq: string; reason: string; verifiedAt: string };

/** The chain recomputed now, and when. */
export async function auditChainStatus(tenantId: string, run: TenantTxRunner = withTenant): Promise<ChainStatus> {
  const verdict = await verifyAuditChain(tenantId, run);
  const verifiedAt = new Date().toISOString();
  return verdict.ok ? { ...verdict, verifiedAt } : { ...verdict, seq: verdict.seq.toString(), verifiedAt };
}

/** The actors a filter can pick from: members and API keys, by name. */
export async function listAuditActors(tenantId: string): Promise<{ id: string; name: string }[]> {
  const names = await withTenant(tenantId, (tx) => actorNames(tx, tenantId));
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
