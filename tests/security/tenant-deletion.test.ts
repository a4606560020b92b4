/**
 * Deleting an organisation (crypto-shredding): who may ask (admin, fresh step-up, the name
 * typed), what goes (keys first in their own transaction, then every object, then every
 * row — the audit log too — recorded in TenantDeletion), what stays (every other tenant), and
 * what the database still refuses (the app role deleting audit events itself).
 * Checks of "nothing left" run as the database owner, which row-level security does not
 * narrow in this environment (superuser), across every table that has a tenantId column.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "~/cli/cashline";
import { blobKeyVersion, currentDataKey, dataKeyVersion, decryptBlob, encryptBlob, FIELD_PURPOSE, sealField } from "~/services/crypto.server";
import { withTenant } from "~/services/db.server";
import { objectAad } from "~/services/statements.server";
import { getObject, putObject } from "~/services/storage.server";
import { bucketObjectStore, deleteTenant, tenantObjectPrefix, type TenantObjectStore } from "~/services/tenants.server";
import { baseUrl, Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant, ownerConnection } from "../support/fixtures.ts";

const owner = ownerConnection();

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Rows of the tenant in every table with a tenantId column (plus its Tenant row), as the owner. */
async function rowsOf(tenantId: string): Promise<Record<string, number>> {
  const { rows: tables } = await owner.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'TenantDeletion'`,
  );
  expect(tables.length).toBeGreaterThanOrEqual(14);
  const counts: Record<string, number> = {};
  for (const { table } of tables) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "tenantId" = $1`, [tenantId]);
    if (rows[0].n > 0) counts[table] = rows[0].n;
  }
  const tenant = await owner.query(`SELECT count(*)::int AS n FROM "Tenant" WHERE id = $1`, [tenantId]);
  if (tenant.rows[0].n > 0) counts.Tenant = tenant.rows[0].n;
  return counts;
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await getObject(key);
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return false;
    throw error;
  }
}

async function listPrefix(tenantId: string): Promise<string[]> {
  const store = bucketObjectStore();
  try {
    return await store.list(tenantObjectPrefix(tenantId));
  } finally {
    store.close();
  }
}

async function setStepUp(t: TestTenant, at: Date | null): Promise<void> {
  await owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = $3 WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.admin.id, at]);
}

const csv = (tag: string) => `Date,Description,Amount\n2026-06-01,${tag} one,-10.00\n2026-06-02,${tag} two,25.50\n2026-06-03,${tag} three,-1.25\n`;

/** What an interrupted upload leaves: an object under the tenant's prefix that no row names. */
async function strayObject(t: TestTenant): Promise<string> {
  const key = `tenants/${t.tenantId}/statements/${randomUUID()}`;
  const dataKey = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
  await putObject(key, await encryptBlob(dataKey, Buffer.from(csv("stray")), objectAad(t.tenantId, key)));
  return key;
}

describe("deleting an organisation through the API", () => {
  let doomed: TestTenant;
  let survivor: TestTenant;
  let admin: Client;
  let survivorAdmin: Client;
  let doomedStatement: { id: string; storageKey: string; blob: Buffer; keyVersion: number };
  let stray: string;
  let survivorRows: Record<string, number>;
  let survivorStatementId: string;
  const deletePath = "/api/v1/tenant/delete";
  const confirm = (c: Client, body: unknown) =>
    c.json(deletePath, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  beforeAll(async () => {
    doomed = await createTenant("Doomed");
    survivor = await createTenant("Survivor");
    admin = await signedIn(doomed.users.admin.email);
    survivorAdmin = await signedIn(survivor.users.admin.email);
    for (const [c, t, tag] of [[admin, doomed, "doomed"], [survivorAdmin, survivor, "survivor"]] as const) {
      const up = await c.upload(t.accountId, `${tag}.csv`, csv(tag));
      expect(up.status).toBe(202);
      expect(await c.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
      if (t === survivor) survivorStatementId = up.body.id;
    }
    const numbered = await admin.json("/api/v1/accounts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Numbered", currency: "USD", accountNumber: "123456789" }),
    });
    expect(numbered.status).toBe(201);
    await withTenant(doomed.tenantId, async (tx) => {
      const sealed = await sealField(tx, doomed.tenantId, FIELD_PURPOSE.totpSecret, "JBSWY3DPEHPK3PXP");
      await tx.membership.update({ where: { tenantId_userId: { tenantId: doomed.tenantId, userId: doomed.users.admin.id } }, data: { totpSecret: new Uint8Array(sealed) } });
    });
    const row = await withTenant(doomed.tenantId, (tx) => tx.statement.findFirstOrThrow({ where: { tenantId: doomed.tenantId } }));
    doomedStatement = { id: row.id, storageKey: row.storageKey, blob: Buffer.from(await getObject(row.storageKey)), keyVersion: row.keyVersion };
    stray = await strayObject(doomed);
    survivorRows = await rowsOf(survivor.tenantId);
  });

  it("is refused to anonymous callers, to operators and data entry, and to an admin without a fresh step-up", async () => {
    const anonymous = await confirm(new Client(), { confirmName: doomed.name });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    for (const role of ["operator", "data-entry"] as const) {
      const c = await signedIn(doomed.users[role].email);
      const res = await confirm(c, { confirmName: doomed.name });
      expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden", message: `Your role (${role}) does not allow this (tenant:delete).` } } });
    }
    // Verified at sign-in an hour ago: signed in, but no step-up.
    await setStepUp(doomed, new Date(Date.now() - 3_600_000));
    const noStepUp = await confirm(admin, { confirmName: doomed.name });
    expect(noStepUp).toMatchObject({ status: 403, body: { error: { code: "step_up_required" } } });
    await setStepUp(doomed, new Date(Date.now() - 6 * 60_000));
    expect((await confirm(admin, { confirmName: doomed.name })).body.error.code).toBe("step_up_required");
    expect(await rowsOf(doomed.tenantId)).toMatchObject({ Tenant: 1, TenantKey: 1, Statement: 1 });
  });

  it("needs the organisation's name typed exactly", async () => {
    await setStepUp(doomed, new Date());
    const wrong = await confirm(admin, { confirmName: doomed.name.toUpperCase() });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: "validation_failed" });
    expect(wrong.body.error.message).toContain(`Type the organisation's name exactly as it is ("${doomed.name}")`);
    const missing = await confirm(admin, {});
    expect(missing).toMatchObject({ status: 422, body: { error: { code: "validation_failed", message: "confirmName: Type the organisation's name to confirm" } } });
    const notJson = await admin.json(deletePath, { method: "POST", body: "confirmName=x" });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    // An admin of another organisation cannot name this one: the route only ever deletes the caller's own.
    await setStepUp(survivor, new Date());
    const foreign = await confirm(survivorAdmin, { confirmName: doomed.name });
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(foreign.body)).not.toContain(doomed.tenantId);
    expect(await rowsOf(doomed.tenantId)).toMatchObject({ Tenant: 1, TenantKey: 1 });
  });

  it("destroys the keys, the files and every row — the audit log included — and records the deletion", async () => {
    const before = await rowsOf(doomed.tenantId);
    expect(before.AuditEvent).toBeGreaterThan(3);
    expect(await objectExists(doomedStatement.storageKey)).toBe(true);

    const res = await confirm(admin, { confirmName: ` ${doomed.name} ` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { TenantKey: _keys, ...rowsBeforeWithoutKeys } = before;
    expect(res.body.deleted).toEqual({
      tenantId: doomed.tenantId,
      tenantName: doomed.name,
      keysDestroyed: 1,
      objectsDeleted: 2,
      // Everything but the keys (destroyed first, and counted as keysDestroyed).
      rowsDeleted: rowsBeforeWithoutKeys,
    });
    expect(res.res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);

    // No row of the tenant in any tenant table; nothing under its prefix in the bucket.
    expect(await rowsOf(doomed.tenantId)).toEqual({});
    expect(await objectExists(doomedStatement.storageKey)).toBe(false);
    expect(await objectExists(stray)).toBe(false);
    expect(await listPrefix(doomed.tenantId)).toEqual([]);

    const record = await owner.query(`SELECT * FROM "TenantDeletion" WHERE "tenantId" = $1`, [doomed.tenantId]);
    expect(record.rows[0]).toMatchObject({
      tenantName: doomed.name, requestedById: doomed.users.admin.id, keysDestroyed: 1, objectsDeleted: 2, rowsDeleted: res.body.deleted.rowsDeleted,
    });

    // A copy of a file taken before (a backup, a bucket snapshot) is useless: its key is gone.
    expect(blobKeyVersion(doomedStatement.blob)).toBe(doomedStatement.keyVersion);
    await expect(withTenant(doomed.tenantId, (tx) => dataKeyVersion(tx, doomed.tenantId, doomedStatement.keyVersion))).rejects.toThrow(
      `tenant ${doomed.tenantId} has no data key version ${doomedStatement.keyVersion}`,
    );

    // The session went with it; the people remain as identities, without an organisation.
    expect((await admin.json("/api/v1/session")).status).toBe(401);
    const signIn = await fetch(`${baseUrl()}/api/v1/session`, {
      method: "POST", headers: { "Content-Type": "application/json", Origin: baseUrl() },
      body: JSON.stringify({ email: doomed.users.operator.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(403);
  });

  it("leaves every other organisation exactly as it was", async () => {
    const after = await rowsOf(survivor.tenantId);
    // The survivor's own activity meanwhile (its admin's step-up attempt) is audit events only.
    const { AuditEvent: auditAfter, Session: _s1, ...restAfter } = after;
    const { AuditEvent: auditBefore, Session: _s2, ...restBefore } = survivorRows;
    expect(restAfter).toEqual(restBefore);
    expect(auditAfter).toBeGreaterThanOrEqual(auditBefore!);
    const statement = await withTenant(survivor.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: survivor.tenantId, id: survivorStatementId } } }));
    const blob = await getObject(statement.storageKey);
    const key = await withTenant(survivor.tenantId, (tx) => dataKeyVersion(tx, survivor.tenantId, statement.keyVersion));
    expect((await decryptBlob(key, blob, objectAad(survivor.tenantId, statement.storageKey))).toString()).toBe(csv("survivor"));
    expect((await survivorAdmin.json(`/api/v1/statements/${survivorStatementId}`)).body.status).toBe("posted");
  });
});

describe("deletion order and recovery", () => {
  it("destroys the keys in their own transaction first: a failure after that leaves nothing decryptable, and running it again finishes", async () => {
    const t = await createTenant("Half deleted");
    const c = await signedIn(t.users.admin.email);
    const up = await c.upload(t.accountId, "half.csv", csv("half"));
    await c.waitForStatement(up.body.id);
    const statement = await withTenant(t.tenantId, (tx) => tx.statement.findFirstOrThrow({ where: { tenantId: t.tenantId } }));

    const real = bucketObjectStore();
    const failing: TenantObjectStore = {
      list: (prefix) => real.list(prefix),
      delete: async () => {
        throw new Error("bucket unavailable");
      },
      close: () => undefined,
    };
    try {
      await expect(deleteTenant(t.tenantId, { requestedById: null, objects: failing })).rejects.toThrow("bucket unavailable");
    } finally {
      real.close();
    }
    // The keys are gone (committed), so the file still in the bucket can no longer be read…
    const left = await rowsOf(t.tenantId);
    expect(left.TenantKey).toBeUndefined();
    expect(left).toMatchObject({ Tenant: 1, Statement: 1 });
    expect(await objectExists(statement.storageKey)).toBe(true);
    await expect(withTenant(t.tenantId, (tx) => dataKeyVersion(tx, t.tenantId, statement.keyVersion))).rejects.toThrow(/has no data key/);
    // …and the tenant's sessions were revoked with them.
    expect((await c.json("/api/v1/session")).status).toBe(401);

    const finished = await deleteTenant(t.tenantId, { requestedById: null });
    expect(finished).toMatchObject({ keysDestroyed: 0, objectsDeleted: 1 });
    expect(await rowsOf(t.tenantId)).toEqual({});
    expect(await objectExists(statement.storageKey)).toBe(false);
  });
});

describe("tenant delete (CLI, as the database owner)", () => {
  it("refuses without --yes or --tenant, deletes with them, and says when there is nothing to delete", async () => {
    const t = await createTenant("CLI deleted");
    const c = await signedIn(t.users["data-entry"].email);
    const up = await c.upload(t.accountId, "cli.csv", csv("cli"));
    await c.waitForStatement(up.body.id);

    expect(await cli("tenant", "delete", "--tenant", t.tenantId)).toMatchObject({
      code: 2, stderr: expect.stringContaining("cashline: tenant delete: this destroys the organisation's keys, files and rows for good; add --yes to go ahead"),
    });
    expect(await cli("tenant", "delete", "--yes")).toMatchObject({ code: 2, stderr: expect.stringContaining("name the tenant with --tenant") });
    expect(await cli("tenant", "purge")).toMatchObject({ code: 2, stderr: expect.stringContaining('tenant: unknown subcommand "purge"') });
    expect(await rowsOf(t.tenantId)).toMatchObject({ Tenant: 1 });

    const run = await cli("tenant", "delete", "--tenant", t.tenantId, "--yes", "--json");
    expect(run.code, run.stderr).toBe(0);
    const { deleted } = JSON.parse(run.stdout);
    expect(deleted).toMatchObject({ tenantId: t.tenantId, tenantName: t.name, keysDestroyed: 1, objectsDeleted: 1 });
    expect(deleted.rowsDeleted).toMatchObject({ Tenant: 1, Statement: 1, Transaction: 3, Membership: 3, BankAccount: 1 });
    expect(await rowsOf(t.tenantId)).toEqual({});
    const record = await owner.query(`SELECT "requestedById", "objectsDeleted" FROM "TenantDeletion" WHERE "tenantId" = $1`, [t.tenantId]);
    expect(record.rows).toEqual([{ requestedById: null, objectsDeleted: 1 }]);

    expect(await cli("tenant", "delete", "--tenant", t.tenantId, "--yes")).toEqual({ code: 1, stdout: "", stderr: `cashline: there is no tenant ${t.tenantId}\n` });
  });
});

describe("what the database still refuses", () => {
  let t: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    t = await createTenant("Refusals");
    other = await createTenant("Refusals other");
    await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
    const c = await signedIn(t.users.admin.email);
    expect((await c.json("/api/v1/accounts")).status).toBe(200);
  });

  it("the app role cannot delete audit events itself, even declaring the retention setting", async () => {
    await expect(withTenant(t.tenantId, (tx) => tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "tenantId" = '${t.tenantId}'`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      withTenant(t.tenantId, async (tx) => {
        await tx.$queryRawUnsafe(`SELECT set_config('cashline.audit_retention', 'on', true)`);
        return tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "tenantId" = '${t.tenantId}'`);
      }),
    ).rejects.toThrow(/permission denied/);
    // Nor read the record of deleted tenants.
    await expect(withTenant(t.tenantId, (tx) => tx.$queryRawUnsafe(`SELECT count(*) FROM "TenantDeletion"`))).rejects.toThrow(/permission denied/);
    // The owner, without the function, is held by the append-only trigger.
    await expect(owner.query(`DELETE FROM "AuditEvent" WHERE "tenantId" = $1`, [t.tenantId])).rejects.toThrow(/append-only/);
    expect((await rowsOf(t.tenantId)).AuditEvent).toBeGreaterThan(0);
  });

  it("delete_tenant() deletes only the transaction's own tenant, and only once its keys are destroyed", async () => {
    const call = (scope: string, target: string) =>
      withTenant(scope, (tx) => tx.$queryRawUnsafe(`SELECT delete_tenant($1::uuid, NULL, 0, 0)::text`, target));
    await expect(call(t.tenantId, other.tenantId)).rejects.toThrow(/is not the tenant of this transaction/);
    await expect(call(t.tenantId, t.tenantId)).rejects.toThrow(/still has data keys; destroy them first/);
    expect(await rowsOf(other.tenantId)).toMatchObject({ Tenant: 1, Membership: 3 });
    expect(await rowsOf(t.tenantId)).toMatchObject({ Tenant: 1, TenantKey: 1 });
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "TenantDeletion" WHERE "tenantId" = ANY($1::uuid[])`, [[t.tenantId, other.tenantId]]);
    expect(rows[0].n).toBe(0);
  });
});
