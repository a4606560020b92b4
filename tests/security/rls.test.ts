/**
 * Row-level security, proven as the application role with queries that forget the tenant
 * filter on purpose: only the current tenant's rows come back, nothing without a tenant,
 * and writes into another tenant are refused by the database itself.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDatabaseUrl, APP_ROLE } from "../../prisma/database-url.ts";
import { dateOnly, withScope, withTenant } from "~/services/db.server";
import { createTenant, type TestTenant } from "../support/fixtures.ts";

let a: TestTenant;
let b: TestTenant;
let owner: pg.Client;

async function addRows(t: TestTenant, count: number): Promise<void> {
  await withTenant(t.tenantId, async (tx) => {
    const statement = await tx.statement.create({
      data: {
        tenantId: t.tenantId, accountId: t.accountId, fileName: "x.csv", fileSize: 1, sha256: "0".repeat(64),
        storageKey: `k/${t.tenantId}`, keyVersion: 1, currency: "USD", uploadedById: t.users.admin.id, status: "posted",
      },
    });
    await tx.transaction.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        tenantId: t.tenantId, accountId: t.accountId, statementId: statement.id, sourceRow: i + 2,
        date: dateOnly("2026-01-15"), amount: "-1.00", currency: "USD", description: `row ${i}`, fingerprint: `${i}`.padStart(32, "0"),
      })),
    });
  });
}

beforeAll(async () => {
  a = await createTenant("RLS A");
  b = await createTenant("RLS B");
  await addRows(a, 3);
  await addRows(b, 5);
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
});

describe("row-level security as the app role", () => {
  it("an unfiltered query returns only the current tenant's rows", async () => {
    const seenByA = await withTenant(a.tenantId, (tx) => tx.$queryRaw<{ tenantId: string }[]>`SELECT "tenantId"::text FROM "Transaction"`);
    expect(seenByA).toHaveLength(3);
    expect(new Set(seenByA.map((r) => r.tenantId))).toEqual(new Set([a.tenantId]));

    const statementsSeenByB = await withTenant(b.tenantId, (tx) => tx.statement.findMany());
    expect(statementsSeenByB.every((s) => s.tenantId === b.tenantId)).toBe(true);
    const accounts = await withTenant(b.tenantId, (tx) => tx.bankAccount.findMany());
    expect(accounts.map((x) => x.id)).toEqual([b.accountId]);
  });

  it("with no tenant set, tenant tables are empty", async () => {
    const counts = await withScope({}, (tx) =>
      tx.$queryRaw<{ n: bigint }[]>`SELECT (SELECT count(*) FROM "Transaction") + (SELECT count(*) FROM "Statement")
        + (SELECT count(*) FROM "BankAccount") + (SELECT count(*) FROM "Membership") + (SELECT count(*) FROM "Tenant")
        + (SELECT count(*) FROM "User") + (SELECT count(*) FROM "AuditEvent") + (SELECT count(*) FROM "Session") AS n`,
    );
    expect(Number(counts[0]!.n)).toBe(0);
  });

  it("users of other tenants are invisible; a tenant sees only its members", async () => {
    const users = await withTenant(a.tenantId, (tx) => tx.user.findMany());
    expect(users.map((u) => u.id).sort()).toEqual(Object.values(a.users).map((u) => u.id).sort());
  });

  it("refuses to write a row into another tenant", async () => {
    await expect(
      withTenant(a.tenantId, (tx) => tx.bankAccount.create({ data: { tenantId: b.tenantId, name: "smuggled", currency: "USD" } })),
    ).rejects.toThrow(/row-level security|violates/i);
    // and cannot update or delete another tenant's rows: they are simply not there
    const deleted = await withTenant(a.tenantId, (tx) => tx.transaction.deleteMany({ where: { tenantId: b.tenantId } }));
    expect(deleted.count).toBe(0);
    const stillThere = await withTenant(b.tenantId, (tx) => tx.transaction.count());
    expect(stillThere).toBe(5);
  });

  it("does not leak the tenant setting to the next transaction on the same pool", async () => {
    await withTenant(a.tenantId, (tx) => tx.transaction.count());
    const after = await withScope({}, (tx) => tx.$queryRaw<{ t: string | null }[]>`SELECT NULLIF(current_setting('app.tenant_id', true), '') AS t`);
    expect(after[0]!.t).toBeNull();
  });
});

describe("the ingest role: COPY into the ledger, and nothing else", () => {
  const copyColumns = `"tenantId", "accountId", "statementId", id, "sourceRow", date, amount, description, currency, fingerprint, status`;
  async function statementOf(t: TestTenant): Promise<string> {
    return withTenant(t.tenantId, async (tx) => (await tx.statement.findFirstOrThrow({ where: { tenantId: t.tenantId } })).id);
  }
  /** Runs `sql` as cashline_ingest inside tenant `t`'s transaction; rolled back. */
  async function asIngest(t: TestTenant, sql: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: appDatabaseUrl() });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
      await client.query("SET LOCAL ROLE cashline_ingest");
      await client.query(sql, params);
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      await client.end();
    }
  }
  const row = (tenantId: string, accountId: string, statementId: string, extra: Partial<Record<"currency" | "status", string>> = {}) =>
    [tenantId, accountId, statementId, crypto.randomUUID(), 99, "2026-01-20", "-2.00", "smuggled", extra.currency ?? "USD", "f".repeat(32), extra.status ?? "posted"];
  const insert = `INSERT INTO "Transaction" (${copyColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

  it("may insert a row of the current tenant", async () => {
    await expect(asIngest(a, insert, row(a.tenantId, a.accountId, await statementOf(a)))).resolves.toBeUndefined();
  });

  it("cannot read, change or delete anything", async () => {
    await expect(asIngest(a, `SELECT count(*) FROM "Transaction"`)).rejects.toThrow(/permission denied/);
    await expect(asIngest(a, `SELECT count(*) FROM "Statement"`)).rejects.toThrow(/permission denied/);
    await expect(asIngest(a, `DELETE FROM "Transaction"`)).rejects.toThrow(/permission denied/);
    await expect(asIngest(a, `UPDATE "Transaction" SET description = 'x'`)).rejects.toThrow(/permission denied/);
  });

  it("cannot put a row into another tenant, though it bypasses row-level security", async () => {
    await expect(asIngest(a, insert, row(b.tenantId, b.accountId, await statementOf(b)))).rejects.toThrow(/must belong to the current tenant/);
  });

  it("is held to the row rules and to the statement a row claims (in place of the foreign key)", async () => {
    const statementId = await statementOf(a);
    await expect(asIngest(a, insert, row(a.tenantId, a.accountId, statementId, { currency: "usd" }))).rejects.toThrow(/ISO 4217/);
    await expect(asIngest(a, insert, row(a.tenantId, a.accountId, statementId, { status: "duplicate" }))).rejects.toThrow(/duplicateOfId/);
    await expect(asIngest(a, insert, row(a.tenantId, a.accountId, crypto.randomUUID()))).rejects.toThrow(/does not exist/);
    // The right statement with another account of the tenant: the row's account must be its statement's.
    const other = await withTenant(a.tenantId, (tx) => tx.bankAccount.create({ data: { tenantId: a.tenantId, name: `Other ${Date.now()}`, currency: "USD" } }));
    await expect(asIngest(a, insert, row(a.tenantId, other.id, statementId))).rejects.toThrow(/does not exist/);
  });

  it("is held to the category a row names (in place of the foreign key), on insert and on update", async () => {
    const t = await createTenant("RLS category");
    await addRows(t, 2);
    const statementId = await statementOf(t);
    const [mine, theirs] = await Promise.all(
      [t, b].map((x) => withTenant(x.tenantId, (tx) => tx.category.create({ data: { tenantId: x.tenantId, name: `Check ${Date.now()}`, kind: "operating" } }))),
    );
    const withCategory = `INSERT INTO "Transaction" (${copyColumns}, "categoryId") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
    await expect(asIngest(t, withCategory, [...row(t.tenantId, t.accountId, statementId), mine!.id])).resolves.toBeUndefined();
    await expect(asIngest(t, withCategory, [...row(t.tenantId, t.accountId, statementId), crypto.randomUUID()])).rejects.toThrow(/category .* does not exist/);
    // Another tenant's category is not one this tenant has.
    await expect(asIngest(t, withCategory, [...row(t.tenantId, t.accountId, statementId), theirs!.id])).rejects.toThrow(/category .* does not exist/);
    await expect(
      withTenant(t.tenantId, (tx) => tx.transaction.updateMany({ where: { tenantId: t.tenantId }, data: { categoryId: crypto.randomUUID() } })),
    ).rejects.toThrow(/does not exist/);
    await withTenant(t.tenantId, (tx) => tx.transaction.updateMany({ where: { tenantId: t.tenantId }, data: { categoryId: mine!.id } }));
    // A category rows refer to cannot be deleted, and no category's key changes.
    await expect(withTenant(t.tenantId, (tx) => tx.$executeRaw`DELETE FROM "Category" WHERE "tenantId" = ${t.tenantId}::uuid AND id = ${mine!.id}::uuid`)).rejects.toThrow(
      /used by ledger rows/,
    );
    await expect(
      withTenant(t.tenantId, (tx) => tx.category.update({ where: { tenantId_id: { tenantId: t.tenantId, id: mine!.id } }, data: { id: crypto.randomUUID() } })),
    ).rejects.toThrow(/never change/);
    await withTenant(t.tenantId, (tx) => tx.transaction.updateMany({ where: { tenantId: t.tenantId }, data: { categoryId: null } }));
    await withTenant(t.tenantId, (tx) => tx.category.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: mine!.id } } }));
  });

  it("deleting a statement deletes its rows, and its key cannot change", async () => {
    const t = await createTenant("RLS cascade");
    await addRows(t, 4);
    const statementId = await statementOf(t);
    await expect(
      withTenant(t.tenantId, (tx) => tx.statement.update({ where: { tenantId_id: { tenantId: t.tenantId, id: statementId } }, data: { accountId: a.accountId } })),
    ).rejects.toThrow(/never change/);
    await withTenant(t.tenantId, (tx) => tx.statement.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: statementId } } }));
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count())).toBe(0);
  });
});

describe("the database is set up so RLS cannot be bypassed by the app", () => {
  it("every table with a tenantId column has RLS enabled and forced, with a policy", async () => {
    const { rows } = await owner.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId') OR c.relname IN ('Tenant', 'User'))
         -- (TenantDeletion outlives its tenant and is not the app's to read at all: below)
         AND c.relname <> 'TenantDeletion'`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) {
      expect({ table: r.relname, rls: r.relrowsecurity, forced: r.relforcerowsecurity, policy: Number(r.policies) > 0 }).toEqual({
        table: r.relname, rls: true, forced: true, policy: true,
      });
    }
  });

  it("the app role has no access at all to the record of deleted tenants", async () => {
    const { rows } = await owner.query(
      `SELECT has_table_privilege($1, '"TenantDeletion"', 'SELECT,INSERT,UPDATE,DELETE') AS any`, [APP_ROLE]);
    expect(rows[0].any).toBe(false);
  });

  it("every tenant table has tenantId first in its primary key", async () => {
    const { rows } = await owner.query(`
      SELECT c.relname, a.attname AS first
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE i.indisprimary AND n.nspname = 'public'
         AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'tenantId')`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) expect({ table: r.relname, first: r.first }).toEqual({ table: r.relname, first: "tenantId" });
  });

  it("the app role owns nothing, cannot bypass RLS and is not a superuser", async () => {
    const role = await owner.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, [APP_ROLE]);
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`, [APP_ROLE]);
    expect(owned.rows[0].n).toBe(0);
    expect(new URL(appDatabaseUrl()).username).toBe(APP_ROLE);
  });
});
