/**
 * Deleting an organisation (crypto-shredding). In this order:
 *
 *  1. its data keys are destroyed, in their own committed transaction (its sessions and API
 *     keys are revoked in it, so no new request of the tenant starts). From then on nothing of
 *     the tenant can be decrypted — not the files, not a backup of them, not a sealed field —
 *     even if everything after this fails;
 *  2. its stored objects are deleted from the bucket (every object under its prefix, and every
 *     object a statement row names);
 *  3. its rows — the audit log included — are deleted by the database function delete_tenant()
 *     (prisma/migrations/20261122113000_tenant_deletion), which also writes the TenantDeletion
 *     record: who asked, how many keys, objects and rows per table.
 *
 * Safe to run again after a failure: each step only removes what is left.
 */
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { AuthContext } from "./auth.server.ts";
import { config } from "./config.server.ts";
import { forgetTenantKeys } from "./crypto.server.ts";
import { withTenant } from "./db.server.ts";
import type { TenantRunner } from "./keys.server.ts";

/** Where a tenant's objects live (every object name the app writes starts with this). */
export function tenantObjectPrefix(tenantId: string): string {
  return `tenants/${tenantId}/`;
}

/** The bucket operations deletion needs. */
export interface TenantObjectStore {
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
  close(): void;
}

/** The configured bucket (S3 or the embedded s3rver). */
export function bucketObjectStore(): TenantObjectStore {
  const c = config().s3;
  const s3 = new S3Client({ region: c.region, endpoint: c.endpoint, forcePathStyle: Boolean(c.endpoint), credentials: c.credentials });
  return {
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: c.bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: c.bucket, Key: key }));
    },
    close: () => s3.destroy(),
  };
}

export interface TenantDeletionResult {
  tenantId: string;
  tenantName: string;
  keysDestroyed: number;
  objectsDeleted: number;
  /** Rows deleted per table (the tenant's own row counts as "Tenant": 1). */
  rowsDeleted: Record<string, number>;
}

export interface DeleteTenantOptions {
  /** Who asked (recorded in TenantDeletion); null for the CLI. */
  requestedById: string | null;
  /** withTenant (the app role, default) or withOwnerTenant (the CLI). */
  db?: TenantRunner;
  objects?: TenantObjectStore;
}

const DELETE_CONCURRENCY = 8;

export async function deleteTenant(tenantId: string, options: DeleteTenantOptions): Promise<TenantDeletionResult> {
  const db = options.db ?? withTenant;
  const tenant = await db(tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }));
  if (!tenant) throw new AppError("not_found", `There is no organisation ${tenantId} (already deleted?).`);

  // 1. Keys first, committed on their own.
  const keysDestroyed = await db(tenantId, async (tx) => {
    const { count } = await tx.tenantKey.deleteMany({ where: { tenantId } });
    // Revoked, not deleted: their rows go in step 3, counted in the deletion record.
    const now = new Date();
    await tx.session.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiKey.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
    return count;
  });
  forgetTenantKeys(tenantId);

  // 2. Objects. Listing the prefix also finds files no row names any more (an upload or a
  // re-encryption interrupted half-way); the rows name any stored elsewhere.
  const objects = options.objects ?? bucketObjectStore();
  let objectsDeleted: number;
  try {
    const prefix = tenantObjectPrefix(tenantId);
    const listed = await objects.list(prefix);
    const named = await db(tenantId, async (tx) =>
      (await tx.statement.findMany({ where: { tenantId }, select: { storageKey: true } })).map((s) => s.storageKey),
    );
    const all = [...new Set([...listed, ...named])];
    for (let i = 0; i < all.length; i += DELETE_CONCURRENCY) {
      await Promise.all(all.slice(i, i + DELETE_CONCURRENCY).map((key) => objects.delete(key)));
    }
    const left = await objects.list(prefix);
    if (left.length > 0) throw new Error(`${left.length} objects of tenant ${tenantId} are still in the bucket after deleting them (${left[0]} …)`);
    // Deleting a missing object succeeds, so count what existed: the listing, plus named
    // objects stored outside the prefix (none are written there today).
    objectsDeleted = listed.length + named.filter((k) => !k.startsWith(prefix)).length;
  } finally {
    if (!options.objects) objects.close();
  }

  // 3. Rows, the audit log included, and the record of the deletion.
  let rows: { deleted: string }[];
  try {
    rows = await db(
      tenantId,
      (tx) => tx.$queryRaw<{ deleted: string }[]>`
        SELECT delete_tenant(${tenantId}::uuid, ${options.requestedById}::uuid, ${keysDestroyed}::int, ${objectsDeleted}::int)::text AS deleted`,
      { timeout: 600_000 },
    );
  } catch (error) {
    if (/still has data keys/.test(String((error as Error).message))) {
      throw new AppError(
        "conflict",
        "A request created a new encryption key while the organisation was being deleted; run the deletion again to finish it.",
      );
    }
    throw error;
  }
  return {
    tenantId,
    tenantName: tenant.name,
    keysDestroyed,
    objectsDeleted,
    rowsDeleted: JSON.parse(rows[0]!.deleted) as Record<string, number>,
  };
}

export const confirmDeletionSchema = z.object({
  confirmName: z.string({ required_error: "Type the organisation's name to confirm" }).max(500),
});

/**
 * The admin's request (POST /api/v1/tenant/delete): permission and step-up are checked by the
 * route; here the typed name must be the organisation's own.
 */
export async function deleteOwnTenant(auth: Pick<AuthContext, "tenantId" | "tenantName" | "user">, input: unknown): Promise<TenantDeletionResult> {
  const { confirmName } = confirmDeletionSchema.parse(input);
  const name = await withTenant(auth.tenantId, async (tx) => (await tx.tenant.findUnique({ where: { id: auth.tenantId } }))?.name);
  if (name === undefined) throw new AppError("not_found", "This organisation no longer exists.");
  if (confirmName.trim().normalize("NFC") !== name.trim().normalize("NFC")) {
    throw new AppError("validation_failed", `confirmName: Type the organisation's name exactly as it is ("${name}") to confirm deleting it.`, {
      fields: { confirmName: "does not match the organisation's name" },
    });
  }
  return deleteTenant(auth.tenantId, { requestedById: auth.user.id });
}
