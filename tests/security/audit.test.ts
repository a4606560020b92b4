/**
 * The audit log is append-only and tamper-evident: the app role can only add and read, the
 * database refuses changes even from the owner (outside the documented retention path), and
 * `cashline audit verify` recomputes the hash chain and names the first altered event.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "~/cli/cashline";
import { verifyAuditChain } from "~/services/audit.server";
import { withTenant } from "~/services/db.server";
import { createTenant, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let owner: pg.Client;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; json: any }> {
  const out: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: () => undefined });
  const stdout = out.join("");
  return { code, stdout, json: argv.includes("--json") ? JSON.parse(stdout) : undefined };
}

beforeAll(async () => {
  t = await createTenant("Audit");
  // Sign-ins and an account: a few events in the tenant's chain.
  await signedIn(t.users.operator.email);
  const admin = await signedIn(t.users.admin.email);
  await admin.json("/api/v1/accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Audit savings", currency: "USD" }) });
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
});

describe("the audit log", () => {
  it("verifies intact, from the CLI too (exit 0)", async () => {
    const verdict = await verifyAuditChain(t.tenantId);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.checked).toBeGreaterThanOrEqual(2);
    const out = await cli("audit", "verify", "--tenant", t.tenantId, "--json");
    expect(out.code).toBe(0);
    expect(out.json).toEqual({ ok: true, tenants: [expect.objectContaining({ tenantId: t.tenantId, ok: true, checked: verdict.checked })] });
  });

  it("the app role may add and read only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    for (const statement of [`UPDATE "AuditEvent" SET action = 'x'`, `DELETE FROM "AuditEvent"`, `TRUNCATE "AuditEvent"`]) {
      await expect(withTenant(t.tenantId, (tx) => tx.$executeRawUnsafe(statement))).rejects.toThrow(/permission denied/);
    }
  });

  it("the owner is refused too, outside the retention path", async () => {
    await expect(owner.query(`UPDATE "AuditEvent" SET action = 'x' WHERE "tenantId" = $1`, [t.tenantId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM "AuditEvent" WHERE "tenantId" = $1`, [t.tenantId])).rejects.toThrow(/append-only/);
  });

  it("an event altered behind the database's back is named by the CLI (exit 1)", async () => {
    const tampered = await createTenant("Audit tampered");
    await signedIn(tampered.users.admin.email);
    await signedIn(tampered.users.operator.email);
    // The documented way past the trigger (the retention job's), used here to forge an edit.
    await owner.query("BEGIN");
    await owner.query("SET LOCAL cashline.audit_retention = 'on'");
    await owner.query(`UPDATE "AuditEvent" SET "userAgent" = 'forged' WHERE "tenantId" = $1 AND seq = 2`, [tampered.tenantId]);
    await owner.query("COMMIT");
    const out = await cli("audit", "verify", "--tenant", tampered.tenantId);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/BROKEN at event 2 — event content does not match its hash \(1 events before it verified\)/);
    expect(await cli("audit", "verify", "--tenant", t.tenantId)).toMatchObject({ code: 0 });
  });
});
