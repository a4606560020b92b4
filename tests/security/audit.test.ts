/**
 * The audit log is append-only and tamper-evident: the app role can only add and read, the
 * database refuses changes even from the owner (outside the documented retention path), and
 * `cashline audit verify` recomputes the hash chain and names the first altered event. Admins
 * read it (page and API: filtered, paged by seq, with the chain verified on the spot) and
 * export it (JSON Lines or CSV, after a step-up, itself audited).
 */
import pg from "pg";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "~/cli/cashline";
import { verifyChain } from "~/domain/audit-chain";
import { verifyAuditChain } from "~/services/audit.server";
import { withTenant } from "~/services/db.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let owner: pg.Client;
let admin: Client;
const stepUp = (userId: string) => owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() WHERE "userId" = $1`, [userId]);
/** A page's text as a reader sees it: React's text separators out, entities decoded. */
const pageText = (html: string) =>
  html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

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
  admin = await signedIn(t.users.admin.email);
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
    // In a transaction that is rolled back whatever happens: a TRUNCATE that got through would
    // empty every tenant's log in the shared test database.
    await owner.query("BEGIN");
    try {
      await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.query("ROLLBACK");
    }
  });

  it("an event altered behind the database's back is named — by the CLI (exit 1), the API and the page — until restored", async () => {
    const tampered = await createTenant("Audit tampered");
    const tamperedAdmin = await signedIn(tampered.users.admin.email);
    await signedIn(tampered.users.operator.email);
    await tamperedAdmin.json("/api/v1/accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Honest", currency: "USD" }) });
    const { rows: [original] } = await owner.query(`SELECT seq::int AS seq, after FROM "AuditEvent" WHERE "tenantId" = $1 AND action = 'account.create'`, [tampered.tenantId]);
    expect(original.after).toMatchObject({ name: "Honest" });
    // The documented way past the trigger (the retention job's), used here to forge an edit.
    const forge = async (after: unknown) => {
      await owner.query("BEGIN");
      await owner.query("SET LOCAL cashline.audit_retention = 'on'");
      await owner.query(`UPDATE "AuditEvent" SET after = $3::jsonb WHERE "tenantId" = $1 AND seq = $2`, [tampered.tenantId, original.seq, JSON.stringify(after)]);
      await owner.query("COMMIT");
    };
    await forge({ ...original.after, name: "Forged" });
    try {
      const out = await cli("audit", "verify", "--tenant", tampered.tenantId);
      expect(out.code).toBe(1);
      expect(out.stdout).toContain(`BROKEN at event ${original.seq} — event content does not match its hash (${original.seq - 1} events before it verified)`);
      const json = await cli("audit", "verify", "--tenant", tampered.tenantId, "--json");
      expect(json.code).toBe(1);
      expect(json.json).toEqual({ ok: false, tenants: [expect.objectContaining({ ok: false, seq: String(original.seq), reason: "event content does not match its hash" })] });

      const api = await tamperedAdmin.json("/api/v1/audit?verify=1");
      expect(api.body.chain).toMatchObject({ ok: false, seq: String(original.seq), reason: "event content does not match its hash", checked: original.seq - 1 });
      const page = pageText(await (await tamperedAdmin.fetch("/audit")).text());
      expect(page).toContain(`Event ${original.seq} fails verification: event content does not match its hash`);
      expect(page).toContain('data-chain="broken"');
      // Another tenant's chain is not affected.
      expect(await cli("audit", "verify", "--tenant", t.tenantId)).toMatchObject({ code: 0 });
    } finally {
      await forge(original.after);
    }
    expect(await cli("audit", "verify", "--tenant", tampered.tenantId)).toMatchObject({ code: 0 });
    expect((await tamperedAdmin.json("/api/v1/audit?verify=1")).body.chain).toMatchObject({ ok: true });
  });

  it("the CLI refuses what it does not understand (exit 2)", async () => {
    expect((await cli("audit")).code).toBe(2);
    expect((await cli("audit", "fix")).code).toBe(2);
    expect((await cli("audit", "verify", "extra")).code).toBe(2);
  });
});

describe("reading the log (admins)", () => {
  it("lists events newest first, paged by seq, with the chain status on request", async () => {
    const all = await admin.json("/api/v1/audit?limit=500&verify=1");
    expect(all.status).toBe(200);
    const seqs = all.body.events.map((e: { seq: string }) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.chain).toMatchObject({ ok: true, checked: seqs[0], verifiedAt: expect.any(String) });
    expect(all.body.nextBefore).toBeNull();

    const first = await admin.json("/api/v1/audit?limit=2");
    expect(first.body.events.map((e: { seq: string }) => Number(e.seq))).toEqual(seqs.slice(0, 2));
    expect(first.body.nextBefore).toBe(String(seqs[1]));
    expect(first.body).not.toHaveProperty("chain");
    const second = await admin.json(`/api/v1/audit?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.events.map((e: { seq: string }) => Number(e.seq))).toEqual(seqs.slice(2, 4));
  });

  it("filters by action prefix, actor, entity and date, and names the actor", async () => {
    const logins = await admin.json("/api/v1/audit?action=auth.login");
    expect(logins.body.events.length).toBeGreaterThanOrEqual(2);
    for (const e of logins.body.events) expect(e.action).toMatch(/^auth\.login/);
    // The prefix is literal: "_" is not a wildcard, and "%" is not an action's character at all.
    expect((await admin.json("/api/v1/audit?action=auth_login")).body.events).toEqual([]);
    expect((await admin.json("/api/v1/audit?action=%25")).status).toBe(422);

    const byAdmin = await admin.json(`/api/v1/audit?actorId=${t.users.admin.id}`);
    expect(byAdmin.body.events.length).toBeGreaterThanOrEqual(2);
    for (const e of byAdmin.body.events) expect(e).toMatchObject({ actorId: t.users.admin.id, actorName: `admin user <${t.users.admin.email}>` });

    const account = await admin.json("/api/v1/audit?entityType=bank_account");
    expect(account.body.events.map((e: { action: string }) => e.action)).toContain("account.create");
    const entityId = account.body.events[0].entityId;
    expect((await admin.json(`/api/v1/audit?entityType=bank_account&entityId=${entityId}`)).body.events.every((e: { entityId: string }) => e.entityId === entityId)).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.json(`/api/v1/audit?from=${today}&to=${today}`)).body.events.length).toBeGreaterThanOrEqual(3);
    expect((await admin.json("/api/v1/audit?to=2000-01-01")).body.events).toEqual([]);
  });

  it("refuses bad filters with a specific message", async () => {
    const cases: [string, RegExp][] = [
      ["from=2026-13-45", /^from: Not a real date/],
      ["from=2026-02-01&to=2026-01-01", /^from: from must be on or before to/],
      ["actorId=nobody", /^actorId: A user or API key id, or system/],
      ["limit=0", /^limit: At least 1/],
      ["before=abc", /^before: A sequence number from the previous page/],
      ["action=auth%20login", /^action: Letters, digits/],
    ];
    for (const [qs, message] of cases) {
      const res = await admin.json(`/api/v1/audit?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(res.body.error.message, qs).toMatch(message);
    }
  });

  it("the page shows the events, the chain verified now, and the filters", async () => {
    const res = await admin.fetch(`/audit?action=account.`);
    expect(res.status).toBe(200);
    const html = pageText(await res.text());
    expect(html).toContain('data-chain="ok"');
    expect(html).toMatch(/All \d+ events verified against their hash chain/);
    expect(html).toContain("account.create");
    expect(html).not.toContain("auth.login<");
    // A bad filter is the page's own message, not an error page.
    const bad = await admin.fetch("/audit?from=nope");
    expect(bad.status).toBe(422);
    expect(pageText(await bad.text())).toContain("from: Use a date like 2026-01-31");
  });

  it("is for admins only", async () => {
    const operator = await signedIn(t.users.operator.email);
    expect((await operator.json("/api/v1/audit")).status).toBe(403);
    expect((await operator.fetch("/audit")).status).toBe(403);
    expect((await operator.fetch("/api/v1/audit/export")).status).toBe(403);
  });
});

describe("exporting the log", () => {
  it("needs a fresh step-up", async () => {
    // Admins always have two-factor sign-in; this one proved a code ten minutes ago: too long for an export.
    await owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() - interval '10 minutes' WHERE "userId" = $1`, [t.users.admin.id]);
    const res = await admin.json("/api/v1/audit/export?format=jsonl");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "step_up_required", details: { stepUpUrl: "/step-up?redirectTo=%2Fapi%2Fv1%2Faudit%2Fexport%3Fformat%3Djsonl" } });
    // The page offers the way to one instead of the download.
    expect(pageText(await (await admin.fetch("/audit")).text())).toContain("Export… (confirm with a code first)");
  });

  it("as JSON Lines: every event exactly as hashed — the file verifies on its own — and the export is audited in it", async () => {
    await stepUp(t.users.admin.id);
    expect(pageText(await (await admin.fetch("/audit")).text())).toContain('href="/api/v1/audit/export?format=jsonl"');
    const res = await admin.fetch("/api/v1/audit/export?format=jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/jsonl/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="cashline-audit-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    const events = lines.map((e) => ({ ...e, seq: BigInt(e.seq), at: new Date(e.at) }));
    expect(verifyChain(events)).toEqual({ ok: true, checked: lines.length });
    const last = lines.at(-1);
    expect(last).toMatchObject({ action: "audit.exported", actorId: t.users.admin.id, after: { format: "jsonl", filter: {}, rows: lines.length - 1 } });

    // A forged line no longer verifies.
    const forged = events.map((e, i) => (i === 1 ? { ...e, ip: "203.0.113.9" } : e));
    expect(verifyChain(forged)).toMatchObject({ ok: false, seq: 2n });
  });

  it("as CSV, filtered, with the filter and count in its own audit event", async () => {
    await stepUp(t.users.admin.id);
    const res = await admin.fetch("/api/v1/audit/export?format=csv&action=auth.");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe("seq,at,actorType,actorId,action,entityType,entityId,before,after,ip,userAgent,prevHash,hash");
    const rows = Papa.parse<Record<string, string>>(text.trimEnd(), { header: true }).data;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.action).toMatch(/^auth\./);
    const [event] = await withTenant(t.tenantId, (tx) =>
      tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "audit.exported" }, orderBy: { seq: "desc" }, take: 1 }),
    );
    expect(event).toMatchObject({ actorId: t.users.admin.id, after: { format: "csv", filter: { action: "auth." }, rows: rows.length } });
    expect((await admin.json("/api/v1/audit/export?format=xml")).body.error.message).toMatch(/^format: Choose jsonl or csv/);
  });
});
