/**
 * The audit log is append-only and hash-chained: the database refuses edits and deletes
 * (even from the owner), and verification names the first event that no longer matches.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "~/domain/audit-chain";
import { createTenant, type TestTenant } from "../../tests/support/fixtures.ts";
import { audit, verifyAuditChain } from "./audit.server.ts";
import { withTenant, withTenantSql } from "./db.server.ts";

let t: TestTenant;
let owner: pg.Client;
beforeAll(async () => {
  t = await createTenant("Audit");
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(() => owner.end());

describe("audit log", () => {
  it("numbers events per tenant and chains them, also under concurrency", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTenant(t.tenantId, (tx) =>
          audit(tx, { tenantId: t.tenantId, actorId: t.users.admin.id, action: "test.event", entityType: "thing", entityId: String(i), after: { i, amount: "12.30" } }),
        ),
      ),
    );
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ orderBy: { seq: "asc" } }));
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    expect(await verifyAuditChain(t.tenantId)).toEqual({ ok: true, checked: 12 });
  });

  it("is one chain whether events come through Prisma (requests) or a raw connection (imports)", async () => {
    const other = await createTenant("Audit mixed");
    for (let i = 0; i < 12; i++) {
      const input = { tenantId: other.tenantId, actorId: null, action: `test.mixed.${i}`, entityType: "thing" };
      if (i % 2) await withTenant(other.tenantId, (tx) => audit(tx, input));
      else await withTenantSql(other.tenantId, (client) => audit(client, input));
    }
    const events = await withTenant(other.tenantId, (tx) => tx.auditEvent.findMany({ orderBy: { seq: "asc" } }));
    expect(events.map((e) => [e.seq, e.action])).toEqual(Array.from({ length: 12 }, (_, i) => [BigInt(i + 1), `test.mixed.${i}`]));
    expect(await verifyAuditChain(other.tenantId)).toEqual({ ok: true, checked: 12 });
  });

  it("is rolled back with the change it records", async () => {
    const before = await withTenant(t.tenantId, (tx) => tx.auditEvent.count());
    await expect(
      withTenant(t.tenantId, async (tx) => {
        await audit(tx, { tenantId: t.tenantId, actorId: null, action: "test.rolled_back", entityType: "thing" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await withTenant(t.tenantId, (tx) => tx.auditEvent.count())).toBe(before);
  });

  it("cannot be updated or deleted by the app role", async () => {
    await expect(withTenant(t.tenantId, (tx) => tx.auditEvent.updateMany({ where: { tenantId: t.tenantId }, data: { action: "forged" } }))).rejects.toThrow(
      /permission denied/i,
    );
    await expect(withTenant(t.tenantId, (tx) => tx.auditEvent.deleteMany({ where: { tenantId: t.tenantId } }))).rejects.toThrow(/permission denied/i);
  });

  it("cannot be updated, deleted or truncated even by the owner", async () => {
    await expect(owner.query(`UPDATE "AuditEvent" SET action = 'forged' WHERE "tenantId" = $1`, [t.tenantId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM "AuditEvent" WHERE "tenantId" = $1`, [t.tenantId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("verification names the first event whose content or link was altered", async () => {
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ orderBy: { seq: "asc" } }));
    const edited = events.map((e) => (e.seq === 5n ? { ...e, after: { i: 999 } } : e));
    expect(verifyChain(edited)).toMatchObject({ ok: false, seq: 5n, reason: expect.stringMatching(/content/) });
    const dropped = events.filter((e) => e.seq !== 3n);
    expect(verifyChain(dropped)).toMatchObject({ ok: false, seq: 4n });
  });
});
