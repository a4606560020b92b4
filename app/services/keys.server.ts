/**
 * Key maintenance: data-key rotation, re-encryption onto the current key, master-key (KEK)
 * rotation, and the key status report — what `cashline keys …` runs (app/cli/cashline.ts).
 *
 * Rotation never makes anything unreadable: a new version becomes the one new writes use
 * and the older ones are only marked retired (TenantKey.retiredAt: "no new writes"). Every
 * object and sealed field names the version it was written under, so both generations read
 * side by side until `--reencrypt` has moved everything to the current version.
 *
 * Every step runs tenant by tenant, in transactions confined to that tenant (`TenantRunner`):
 * the app role's `withTenant` in the server, or `withOwnerTenant` — the database owner, with
 * app.tenant_id set so row-level security applies as it does to the app — in the CLI.
 * Each change is audited in the tenant's own chain, with no actor (the system).
 */
import { createHash, randomUUID } from "node:crypto";
import { PrismaClient } from "../generated/prisma/client.ts";
import { createPgAdapter } from "../../prisma/pg-adapter.ts";
import { audit } from "./audit.server.ts";
import { config } from "./config.server.ts";
import {
  createDataKeyVersion,
  currentDataKey,
  dataKeyVersion,
  decryptStream,
  encryptStream,
  FIELD_PURPOSE,
  fieldKeyVersion,
  keyRing,
  openFieldWith,
  sealFieldWith,
  type DataKey,
  type KeyRing,
} from "./crypto.server.ts";
import { sqlRunner, type ScopeOptions, type Tx } from "./db.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";
import { objectAad } from "./statements.server.ts";
import { deleteObject, getObjectStream, putObjectStream } from "./storage.server.ts";

/** Runs `fn` in one transaction confined to `tenantId` (withTenant, or withOwnerTenant). */
export type TenantRunner = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>, options?: ScopeOptions) => Promise<T>;

// ---------------------------------------------------------------------------------------
// The owner's connection (CLI)

function ownerClient(): PrismaClient {
  return singleton(
    "prisma-owner",
    () =>
      new PrismaClient({
        adapter: createPgAdapter({ connectionString: config().databaseUrl, max: 2, applicationName: "cashline-cli" }),
      }),
  );
}

/**
 * A tenant-confined transaction as the database owner. The owner is subject to the FORCE'd
 * row-level security like the app (unless it is a superuser), so the tenant is set the same
 * way; queries still filter by tenantId themselves, which is what counts for a superuser.
 */
export const withOwnerTenant: TenantRunner = (tenantId, fn, options = {}) =>
  ownerClient().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 60_000, maxWait: 10_000, isolationLevel: options.isolationLevel },
  );

export interface TenantSummary {
  id: string;
  name: string;
}

/** Every tenant (owner only: the policy owner_lists_tenants, 20261122113000_tenant_deletion). */
export async function listTenants(): Promise<TenantSummary[]> {
  return ownerClient().tenant.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
}

/** One tenant by id, as the owner; null when there is none. */
export async function findTenant(tenantId: string): Promise<TenantSummary | null> {
  return withOwnerTenant(tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true } }));
}

export async function closeOwnerDb(): Promise<void> {
  await takeSingleton<PrismaClient>("prisma-owner")?.$disconnect();
}

// ---------------------------------------------------------------------------------------
// Data-key rotation

const KEY_TX: ScopeOptions = { timeout: 120_000 };

/** One key writer per tenant at a time (rotation, master rotation); released with the transaction. */
async function lockTenantKeys(tx: Tx, tenantId: string): Promise<void> {
  await sqlRunner(tx)(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [`keys:${tenantId}`]);
}

export interface RotationResult {
  tenantId: string;
  /** The version new writes used before (null: the tenant had no key yet). */
  fromVersion: number | null;
  toVersion: number;
  /** Versions marked retired by this rotation (still readable). */
  retired: number[];
}

/** Creates the tenant's next data-key version and makes it the one new writes use. */
export async function rotateDataKey(db: TenantRunner, tenantId: string, keys: KeyRing = keyRing()): Promise<RotationResult> {
  return db(
    tenantId,
    async (tx) => {
      await lockTenantKeys(tx, tenantId);
      const rows = await tx.tenantKey.findMany({ where: { tenantId }, orderBy: { version: "asc" }, select: { version: true, retiredAt: true } });
      const usable = rows.filter((r) => r.retiredAt === null).map((r) => r.version);
      const toVersion = (rows.at(-1)?.version ?? 0) + 1;
      if (!(await createDataKeyVersion(tx, tenantId, toVersion, keys))) {
        // Only a first upload racing a rotation of a tenant without keys gets here.
        throw new Error(`tenant ${tenantId}: data key version ${toVersion} was created concurrently; run the rotation again`);
      }
      await tx.tenantKey.updateMany({ where: { tenantId, retiredAt: null, version: { lt: toVersion } }, data: { retiredAt: new Date() } });
      const result: RotationResult = { tenantId, fromVersion: usable.at(-1) ?? null, toVersion, retired: usable };
      await audit(tx, {
        tenantId,
        actorId: null,
        action: "keys.rotated",
        entityType: "tenant_key",
        entityId: String(toVersion),
        before: { version: result.fromVersion },
        after: { version: toVersion, kekId: keys.current.kekId, retired: usable },
      });
      return result;
    },
    KEY_TX,
  );
}

// ---------------------------------------------------------------------------------------
// Re-encryption onto the current version

/** A statement the worker may be reading right now: left alone, picked up by a later run. */
const IN_PROGRESS = ["queued", "parsing"] as const;

export interface ReencryptOptions {
  keys?: KeyRing;
  /** Stop after this many objects and fields (a run can be split, or interrupted, and resumed). */
  limit?: number;
  signal?: AbortSignal;
}

export interface ReencryptResult {
  tenantId: string;
  toVersion: number;
  statements: { reencrypted: number; skippedInProgress: string[]; failed: { statementId: string; error: string }[] };
  fields: { reencrypted: number; failed: { field: string; id: string; error: string }[] };
  /** Old objects that could not be deleted after their swap (unreferenced; still readable). */
  leftoverObjects: string[];
  /** Objects and fields still under an older version after this run. */
  remaining: number;
  /** True when the limit or the abort signal ended the run before everything was visited. */
  stoppedEarly: boolean;
}

interface SealedFieldKind {
  field: string;
  purpose: string;
  entityType: string;
  list(tx: Tx, tenantId: string): Promise<{ id: string; sealed: Uint8Array }[]>;
  /** Replaces `old` with `sealed` only if the row still holds `old`; returns whether it did. */
  swap(tx: Tx, tenantId: string, id: string, old: Uint8Array, sealed: Buffer): Promise<boolean>;
}

const SEALED_FIELDS: SealedFieldKind[] = [
  {
    field: "Membership.totpSecret",
    purpose: FIELD_PURPOSE.totpSecret,
    entityType: "membership",
    async list(tx, tenantId) {
      const rows = await tx.membership.findMany({ where: { tenantId, totpSecret: { not: null } }, select: { userId: true, totpSecret: true } });
      return rows.map((r) => ({ id: r.userId, sealed: r.totpSecret! }));
    },
    async swap(tx, tenantId, id, old, sealed) {
      const { count } = await tx.membership.updateMany({
        where: { tenantId, userId: id, totpSecret: { equals: new Uint8Array(old) } },
        data: { totpSecret: new Uint8Array(sealed) },
      });
      return count === 1;
    },
  },
  {
    field: "BankAccount.accountNumber",
    purpose: FIELD_PURPOSE.accountNumber,
    entityType: "bank_account",
    async list(tx, tenantId) {
      const rows = await tx.bankAccount.findMany({ where: { tenantId, accountNumber: { not: null } }, select: { id: true, accountNumber: true } });
      return rows.map((r) => ({ id: r.id, sealed: r.accountNumber! }));
    },
    async swap(tx, tenantId, id, old, sealed) {
      const { count } = await tx.bankAccount.updateMany({
        where: { tenantId, id, accountNumber: { equals: new Uint8Array(old) } },
        data: { accountNumber: new Uint8Array(sealed) },
      });
      return count === 1;
    },
  },
];

/**
 * Moves every statement file and sealed field of a tenant that is still under an older
 * data-key version onto the current one. Resumable: it selects by version, so a run that was
 * stopped (limit, abort, crash) is simply run again.
 *
 * A file is streamed — fetch → decrypt → encrypt → multipart upload to a new object name, in
 * constant memory — and checked against the statement's sha256 on the way. Only then does one
 * transaction point the statement at the new object (if it still points at the old one and
 * is not being imported), with its audit event; the old object is deleted after that commit.
 * A crash leaves either the old object in use and a stray new one, or the new one in use and
 * a stray old one: never a statement without its file.
 */
export async function reencryptTenant(db: TenantRunner, tenantId: string, options: ReencryptOptions = {}): Promise<ReencryptResult> {
  const keys = options.keys ?? keyRing();
  const current = await db(tenantId, (tx) => currentDataKey(tx, tenantId, keys));
  const result: ReencryptResult = {
    tenantId,
    toVersion: current.version,
    statements: { reencrypted: 0, skippedInProgress: [], failed: [] },
    fields: { reencrypted: 0, failed: [] },
    leftoverObjects: [],
    remaining: 0,
    stoppedEarly: false,
  };
  let budget = options.limit ?? Number.POSITIVE_INFINITY;
  const mayContinue = () => budget > 0 && !options.signal?.aborted;

  // Statements, one at a time in id order; the cursor keeps failed or skipped ones from
  // being picked again within this run.
  let cursor: string | undefined;
  for (;;) {
    if (!mayContinue()) {
      result.stoppedEarly = true;
      break;
    }
    const statement = await db(tenantId, (tx) =>
      tx.statement.findFirst({
        where: { tenantId, keyVersion: { lt: current.version }, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        select: { id: true, storageKey: true, keyVersion: true, sha256: true, status: true },
      }),
    );
    if (!statement) break;
    cursor = statement.id;
    if ((IN_PROGRESS as readonly string[]).includes(statement.status)) {
      result.statements.skippedInProgress.push(statement.id);
      continue;
    }
    budget--;
    try {
      const outcome = await reencryptStatement(db, tenantId, statement, current, keys);
      if (outcome.swapped) result.statements.reencrypted++;
      else result.statements.skippedInProgress.push(statement.id);
      if (outcome.leftover) result.leftoverObjects.push(outcome.leftover);
    } catch (error) {
      result.statements.failed.push({ statementId: statement.id, error: (error as Error).message });
    }
  }

  for (const kind of SEALED_FIELDS) {
    if (!mayContinue()) {
      result.stoppedEarly = true;
      break;
    }
    const stale = (await db(tenantId, (tx) => kind.list(tx, tenantId))).filter((f) => fieldKeyVersion(f.sealed) < current.version);
    for (const item of stale) {
      if (!mayContinue()) {
        result.stoppedEarly = true;
        break;
      }
      budget--;
      try {
        if (await resealField(db, tenantId, kind, item, current, keys)) result.fields.reencrypted++;
      } catch (error) {
        result.fields.failed.push({ field: kind.field, id: item.id, error: (error as Error).message });
      }
    }
  }

  result.remaining = await db(tenantId, async (tx) => {
    const versions = await keyUsage(tx, tenantId);
    return versions.filter((v) => v.version < current.version).reduce((n, v) => n + v.statements + v.fields, 0);
  });
  return result;
}

async function reencryptStatement(
  db: TenantRunner,
  tenantId: string,
  statement: { id: string; storageKey: string; keyVersion: number; sha256: string },
  current: DataKey,
  keys: KeyRing,
): Promise<{ swapped: boolean; leftover?: string }> {
  const newKey = `tenants/${tenantId}/statements/${randomUUID()}`;
  const keyFor = (version: number) => db(tenantId, (tx) => dataKeyVersion(tx, tenantId, version, keys));
  const hash = createHash("sha256");
  async function* verified(): AsyncGenerator<Buffer> {
    const source = await getObjectStream(statement.storageKey);
    for await (const chunk of decryptStream(keyFor, source, objectAad(tenantId, statement.storageKey))) {
      hash.update(chunk);
      yield chunk;
    }
    // Authenticated decryption already proves the file is intact; the hash proves it is the
    // file this statement row describes (a stray object under the name would not be).
    const digest = hash.digest("hex");
    if (digest !== statement.sha256) throw new Error(`statement ${statement.id}: decrypted file has sha256 ${digest}, not ${statement.sha256}`);
  }

  let swapped = false;
  try {
    await putObjectStream(newKey, encryptStream(current, verified(), objectAad(tenantId, newKey)));
    swapped = await db(tenantId, async (tx) => {
      const { count } = await tx.statement.updateMany({
        where: { tenantId, id: statement.id, storageKey: statement.storageKey, status: { notIn: [...IN_PROGRESS] } },
        data: { storageKey: newKey, keyVersion: current.version },
      });
      if (count !== 1) return false;
      await audit(tx, {
        tenantId,
        actorId: null,
        action: "keys.reencrypted",
        entityType: "statement",
        entityId: statement.id,
        before: { keyVersion: statement.keyVersion, storageKey: statement.storageKey },
        after: { keyVersion: current.version, storageKey: newKey },
      });
      return true;
    });
  } finally {
    if (!swapped) await deleteObject(newKey).catch(() => undefined);
  }
  if (!swapped) return { swapped };
  try {
    await deleteObject(statement.storageKey);
    return { swapped };
  } catch {
    return { swapped, leftover: statement.storageKey };
  }
}

async function resealField(
  db: TenantRunner,
  tenantId: string,
  kind: SealedFieldKind,
  item: { id: string; sealed: Uint8Array },
  current: DataKey,
  keys: KeyRing,
): Promise<boolean> {
  return db(
    tenantId,
    async (tx) => {
      const from = fieldKeyVersion(item.sealed);
      const plaintext = await openFieldWith((v) => dataKeyVersion(tx, tenantId, v, keys), tenantId, kind.purpose, item.sealed);
      if (!(await kind.swap(tx, tenantId, item.id, item.sealed, sealFieldWith(current, tenantId, kind.purpose, plaintext)))) return false;
      await audit(tx, {
        tenantId,
        actorId: null,
        action: "keys.reencrypted",
        entityType: kind.entityType,
        entityId: item.id,
        before: { field: kind.field, keyVersion: from },
        after: { field: kind.field, keyVersion: current.version },
      });
      return true;
    },
    KEY_TX,
  );
}

// ---------------------------------------------------------------------------------------
// Master-key (KEK) rotation

export interface MasterRotationResult {
  tenantId: string;
  kekId: string;
  rewrapped: { version: number; from: string }[];
  /** Versions already wrapped by the current KEK (a re-run, or keys made after the switch). */
  alreadyCurrent: number[];
}

/**
 * Re-wraps every data key of a tenant under the ring's current KEK (the new MASTER_KEY, or
 * the new KMS_KEY_ID), unwrapping each with the KEK its row names. The data keys themselves
 * do not change, so nothing stored has to be re-encrypted. One transaction per tenant.
 */
export async function rotateMasterKey(db: TenantRunner, tenantId: string, keys: KeyRing = keyRing()): Promise<MasterRotationResult> {
  return db(
    tenantId,
    async (tx) => {
      await lockTenantKeys(tx, tenantId);
      const rows = await tx.tenantKey.findMany({ where: { tenantId }, orderBy: { version: "asc" } });
      const result: MasterRotationResult = { tenantId, kekId: keys.current.kekId, rewrapped: [], alreadyCurrent: [] };
      for (const row of rows) {
        if (row.kekId === keys.current.kekId) {
          result.alreadyCurrent.push(row.version);
          continue;
        }
        const context = { tenantId, version: row.version };
        const key = await keys.forKekId(row.kekId).unwrap(Buffer.from(row.wrappedKey), context);
        const wrapped = await keys.current.wrap(key, context);
        // Proven before it replaces the old wrapping: a KEK that wraps but cannot unwrap
        // (a KMS grant without Decrypt) must not cost the tenant its keys.
        if (!(await keys.current.unwrap(wrapped, context)).equals(key)) {
          throw new Error(`tenant ${tenantId} key version ${row.version}: re-wrapped key does not unwrap to the same key`);
        }
        await tx.tenantKey.update({
          where: { tenantId_version: { tenantId, version: row.version } },
          data: { wrappedKey: new Uint8Array(wrapped), kekId: keys.current.kekId },
        });
        result.rewrapped.push({ version: row.version, from: row.kekId });
      }
      if (result.rewrapped.length > 0) {
        await audit(tx, {
          tenantId,
          actorId: null,
          action: "keys.master_rotated",
          entityType: "tenant_key",
          entityId: null,
          before: { kekIds: [...new Set(result.rewrapped.map((r) => r.from))] },
          after: { kekId: keys.current.kekId, versions: result.rewrapped.map((r) => r.version) },
        });
      }
      return result;
    },
    KEY_TX,
  );
}

// ---------------------------------------------------------------------------------------
// Status

export interface KeyVersionUsage {
  version: number;
  kekId: string | null;
  createdAt: string | null;
  ageDays: number | null;
  retiredAt: string | null;
  current: boolean;
  /** Statement files stored under this version. */
  statements: number;
  /** Sealed fields (TOTP secrets, account numbers) under this version. */
  fields: number;
}

export interface TenantKeyStatus {
  tenantId: string;
  name: string;
  currentVersion: number | null;
  versions: KeyVersionUsage[];
  /** Objects and fields under a version older than the current one: what --reencrypt would move. */
  pendingReencryption: number;
}

/**
 * Versions of a tenant's keys and what each one protects. A version referenced by data but
 * missing from TenantKey (which would be unreadable) is listed too, with kekId null.
 */
async function keyUsage(tx: Tx, tenantId: string, now = Date.now()): Promise<KeyVersionUsage[]> {
  const sql = sqlRunner(tx);
  const keys = await tx.tenantKey.findMany({ where: { tenantId }, orderBy: { version: "asc" } });
  const statements = await tx.statement.groupBy({ by: ["keyVersion"], where: { tenantId }, _count: { _all: true } });
  // The version is bytes 5–8 of a sealed field ("CLF1" | u32 version | …).
  const fields = await sql<{ keyVersion: number; n: number }>(
    `SELECT f.v AS "keyVersion", count(*)::int AS n FROM (
       SELECT ('x' || encode(substring("totpSecret" from 5 for 4), 'hex'))::bit(32)::int AS v
         FROM "Membership" WHERE "tenantId" = $1::uuid AND "totpSecret" IS NOT NULL
       UNION ALL
       SELECT ('x' || encode(substring("accountNumber" from 5 for 4), 'hex'))::bit(32)::int
         FROM "BankAccount" WHERE "tenantId" = $1::uuid AND "accountNumber" IS NOT NULL
     ) f GROUP BY f.v`,
    [tenantId],
  );
  const current = keys.filter((k) => k.retiredAt === null).at(-1)?.version ?? null;
  const versions = new Set<number>([...keys.map((k) => k.version), ...statements.map((s) => s.keyVersion), ...fields.map((f) => f.keyVersion)]);
  return [...versions]
    .sort((a, b) => a - b)
    .map((version) => {
      const key = keys.find((k) => k.version === version);
      return {
        version,
        kekId: key?.kekId ?? null,
        createdAt: key ? key.createdAt.toISOString() : null,
        ageDays: key ? Math.floor((now - key.createdAt.getTime()) / 86_400_000) : null,
        retiredAt: key?.retiredAt ? key.retiredAt.toISOString() : null,
        current: version === current,
        statements: statements.find((s) => s.keyVersion === version)?._count._all ?? 0,
        fields: fields.find((f) => f.keyVersion === version)?.n ?? 0,
      };
    });
}

export async function tenantKeyStatus(db: TenantRunner, tenant: TenantSummary): Promise<TenantKeyStatus> {
  return db(tenant.id, async (tx) => {
    const versions = await keyUsage(tx, tenant.id);
    const currentVersion = versions.find((v) => v.current)?.version ?? null;
    const pendingReencryption =
      currentVersion === null ? 0 : versions.filter((v) => v.version < currentVersion).reduce((n, v) => n + v.statements + v.fields, 0);
    return { tenantId: tenant.id, name: tenant.name, currentVersion, versions, pendingReencryption };
  });
}
