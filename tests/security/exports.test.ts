/**
 * Export of everything, any time — for the roles allowed, after a fresh step-up, audited, and
 * safe to open in a spreadsheet (no cell runs as a formula; amounts stay numbers).
 */
import pg from "pg";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let operator: Client;
let owner: pg.Client;
const stepUp = (userId: string) => owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() WHERE "userId" = $1`, [userId]);

beforeAll(async () => {
  t = await createTenant("Exports");
  operator = await signedIn(t.users.operator.email);
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const lines = ["Date,Description,Amount", "2026-02-01,=HYPERLINK(\"http://evil.example\"),-12.50", "2026-02-02,\"ACME, Inc. invoice 7\",1500.00", "2026-02-03,@SUM(A1:A2),-0.99"];
  const up = await operator.upload(t.accountId, "feb.csv", lines.join("\n"));
  expect((await operator.waitForStatement(up.body.id)).status).toBe("posted");
});
afterAll(async () => {
  await owner.end();
});

describe("ledger export", () => {
  it("is refused to data-entry (403) and, without a fresh step-up, to an operator", async () => {
    const entry = await signedIn(t.users["data-entry"].email);
    expect((await entry.fetch("/api/v1/export")).status).toBe(403);
    const res = await operator.json("/api/v1/export");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "step_up_required", details: { stepUpUrl: "/step-up?redirectTo=%2Fapi%2Fv1%2Fexport" } });
  });

  it("gives every row as formula-safe CSV after a step-up, and audits it", async () => {
    await stepUp(t.users.operator.id);
    const res = await operator.fetch("/api/v1/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="cashline-ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain("'@SUM(A1:A2)");
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.data.map((r) => [r.date, r.amount, r.description])).toEqual([
      ["2026-02-01", "-12.5000", `'=HYPERLINK("http://evil.example")`],
      ["2026-02-02", "1500.0000", "ACME, Inc. invoice 7"],
      ["2026-02-03", "-0.9900", "'@SUM(A1:A2)"],
    ]);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.exported" } }));
    expect(event).toMatchObject({ actorId: t.users.operator.id, after: { format: "csv", rows: 3 } });
  });

  it("streams every row across pages (keyset by date, statement, row), in order", async () => {
    const account = await withTenant(t.tenantId, async (tx) => (await tx.bankAccount.create({ data: { tenantId: t.tenantId, name: "Busy", currency: "USD" } })).id);
    const lines = ["Date,Description,Amount", ...Array.from({ length: 2_500 }, (_, i) => `2025-${String(1 + Math.floor(i / 250)).padStart(2, "0")}-10,row ${i},1.00`)];
    const up = await operator.upload(account, "busy.csv", lines.join("\n"));
    expect((await operator.waitForStatement(up.body.id, 60_000)).rowCount).toBe(2_500);
    await stepUp(t.users.operator.id);
    const res = await operator.json(`/api/v1/export?format=json&accountId=${account}`);
    expect(res.body).toHaveLength(2_500);
    expect(res.body.map((r: { description: string }) => r.description)).toEqual(Array.from({ length: 2_500 }, (_, i) => `row ${i}`));
  });

  it("filters by date and gives JSON too", async () => {
    await stepUp(t.users.operator.id);
    const res = await operator.json("/api/v1/export?format=json&from=2026-02-02&to=2026-02-02");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ date: "2026-02-02", amount: "1500.0000", description: "ACME, Inc. invoice 7", account: "Checking", statement: "feb.csv" })]);
    expect((await operator.json("/api/v1/export?format=xml")).body.error.message).toMatch(/^format: Choose csv or json/);
  });

  it("the transactions page offers it to those allowed: turn on MFA, then a code, then the download links", async () => {
    const text = async (c: Client, path: string) => (await (await c.fetch(path)).text()).replace(/<!-- -->/g, "").replace(/&amp;/g, "&");
    const entry = await signedIn(t.users["data-entry"].email);
    const entryPage = await text(entry, "/transactions");
    for (const offer of ["Exporting needs", "Export the ledger", "Export every row"]) expect(entryPage).not.toContain(offer);
    expect(await text(operator, "/transactions")).toContain("Exporting needs two-factor sign-in: turn it on for your account first.");
    // MFA on, a code proved ten minutes ago: a fresh one first, and back here afterwards.
    await owner.query(`UPDATE "Membership" SET "totpEnabledAt" = now() WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.operator.id]);
    await owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() - interval '10 minutes' WHERE "userId" = $1`, [t.users.operator.id]);
    expect(await text(operator, `/transactions?accountId=${t.accountId}`)).toContain(`href="/step-up?redirectTo=${encodeURIComponent(`/transactions?accountId=${t.accountId}`)}"`);
    await stepUp(t.users.operator.id);
    const page = await text(operator, `/transactions?accountId=${t.accountId}&from=2026-02-02&q=ACME`);
    // The account and dates carry over to the export; the text search is not an export filter.
    expect(page).toContain(`href="/api/v1/export?format=csv&accountId=${t.accountId}&from=2026-02-02" download=""`);
    expect(page).toContain(`href="/api/v1/export?format=json&accountId=${t.accountId}&from=2026-02-02" download=""`);
    const res = await operator.json(`/api/v1/export?format=json&accountId=${t.accountId}&from=2026-02-02`);
    expect(res.body.map((r: { date: string }) => r.date)).toEqual(["2026-02-02", "2026-02-03"]);
  });
});
