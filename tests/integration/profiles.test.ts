/**
 * When detection is not sure, nothing is guessed into the ledger: the statement waits for a
 * person to confirm the mapping on a preview; the confirmed mapping is saved as a profile and
 * applied by itself to the next file of that layout; profiles move between tenants as JSON.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { previewStatement } from "~/services/profiles.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let admin: Client;

// No header, and every date reads both ways: the date order is a guess.
const AMBIGUOUS = "01/02/2026,Coffee Corner,-4.50\n03/02/2026,Rent March,-600.00\n05/02/2026,Stripe payout,250.00\n";
const SAME_LAYOUT = "07/02/2026,Coffee Corner,-3.10\n08/02/2026,Rent April,-600.00\n";

const post = (client: Client, path: string, body: unknown) =>
  client.json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTenant("Profiles");
  entry = await signedIn(t.users["data-entry"].email);
  admin = await signedIn(t.users.admin.email);
});

describe("a CSV whose columns cannot be recognized with certainty", () => {
  let id: string;
  let layout: any;

  it("is held with its detected mapping, and nothing is posted", async () => {
    const up = await entry.upload(t.accountId, "no-header.csv", AMBIGUOUS);
    id = up.body.id;
    const held = await entry.waitForStatement(id);
    expect(held).toMatchObject({ status: "needs_mapping", rowCount: 0, confidence: "low" });
    expect(held.error).toMatch(/check the detected mapping/);
    expect(held.explain.map((e: any) => e.step)).toContain("date order");
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { tenantId: t.tenantId, statementId: id } }))).toBe(0);
  });

  it("previews the file with the detected mapping and with an adjusted one", async () => {
    const detected = await entry.json(`/api/v1/statements/${id}/preview`);
    expect(detected.status).toBe(200);
    expect(detected.body.lines[0]).toBe("01/02/2026,Coffee Corner,-4.50");
    expect(detected.body.rows.map((r: any) => r.date)).toEqual(["2026-02-01", "2026-02-03", "2026-02-05"]);
    layout = { ...detected.body.layout, dateOrder: "month-first" };
    const adjusted = await post(entry, `/api/v1/statements/${id}/preview`, { layout });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.rows.map((r: any) => [r.date, r.amount])).toEqual([
      ["2026-01-02", "-4.50"],
      ["2026-03-02", "-600.00"],
      ["2026-05-02", "250.00"],
    ]);
    const broken = await post(entry, `/api/v1/statements/${id}/preview`, { layout: { ...layout, columns: layout.columns.filter((c: any) => c.role !== "date") } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toMatch(/exactly one column must be the date/);
  });

  it("previews a file's lines decoded as detected (Windows-1252, UTF-16), not as UTF-8", async () => {
    const text = "01/02/2026;Café Crème;-4,50\n03/02/2026;Loyer Février;-600,00\n05/02/2026;Virement reçu;250,00\n";
    for (const [name, bytes] of [
      ["latin.csv", Buffer.from(text, "latin1")],
      ["unicode.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ] as const) {
      const up = await entry.upload(t.accountId, name, bytes);
      expect(up.status, name).toBe(202);
      await entry.waitForStatement(up.body.id);
      const preview = await entry.json(`/api/v1/statements/${up.body.id}/preview`);
      expect(preview.body.lines.slice(0, 3), name).toEqual(["01/02/2026;Café Crème;-4,50", "03/02/2026;Loyer Février;-600,00", "05/02/2026;Virement reçu;250,00"]);
    }
  });

  it("previews a file of key: value blocks as the table the reader reads, its line numbers the file's", async () => {
    const up = await entry.upload(t.accountId, "santander.txt", await readFile(path.resolve("fixtures/statements/csv/uk-santander.txt")));
    expect(up.status).toBe(202);
    await entry.waitForStatement(up.body.id);
    const preview = (await entry.json(`/api/v1/statements/${up.body.id}/preview`)).body;
    expect(preview.layout.blocks).toEqual({ keys: ["Date", "Description", "Amount", "Balance"] });
    expect(preview.lines[preview.layout.headerLine - 1]).toBe('"Date","Description","Amount","Balance"');
    const firstRow = preview.lines.slice(preview.layout.dataStartLine - 1).find((l: string) => l.trim() !== "");
    expect(firstRow).toBe('"30/01/2026","FASTER PAYMENTS RECEIPT REF.MOT FROM D JONES","226.88","3428.49"');
  });

  it("previews a file from its head only, cut at a line, and says so (the preview runs in the web process)", async () => {
    const large = AMBIGUOUS.repeat(1_500); // 142 KB, 4,500 rows
    const up = await entry.upload(t.accountId, "no-header-large.csv", large);
    expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "needs_mapping" });
    // Over HTTP the head is 8 MB: the whole file.
    const whole = await entry.json(`/api/v1/statements/${up.body.id}/preview`);
    expect(whole.body).toMatchObject({ partial: false, rowCount: 4_500 });
    // A 64 KB head: whole lines only, and said to be partial.
    const head = await previewStatement({ tenantId: t.tenantId }, up.body.id, undefined, { headBytes: 64 * 1024 });
    expect(head.partial).toBe(true);
    const linesInHead = large.slice(0, 64 * 1024).lastIndexOf("\n") + 1;
    expect(head.rowCount).toBe(large.slice(0, linesInHead).split("\n").length - 1);
    expect(head.rows.slice(0, 3).map((r) => r.date)).toEqual(["2026-02-01", "2026-02-03", "2026-02-05"]);
  });

  it("imports with the confirmed mapping, saved as a profile and audited", async () => {
    const confirmed = await post(entry, `/api/v1/statements/${id}/mapping`, { layout, name: "Bank without header" });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(202);
    const done = await entry.waitForStatement(id);
    expect(done).toMatchObject({ status: "posted", rowCount: 3, confidence: "high", periodStart: "2026-01-02", periodEnd: "2026-05-02" });
    expect(done.explain[0]).toMatchObject({ step: "profile", decision: "Bank without header" });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "statement.mapping_confirmed" } }));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(t.users["data-entry"].id);
  });

  it("applies the profile by itself to the next file with that layout", async () => {
    const up = await entry.upload(t.accountId, "no-header-2.csv", SAME_LAYOUT);
    const done = await entry.waitForStatement(up.body.id);
    expect(done).toMatchObject({ status: "posted", rowCount: 2, periodStart: "2026-07-02", periodEnd: "2026-08-02" });
    expect(done.explain[0]).toMatchObject({ step: "profile", decision: "Bank without header" });
  });

  it("exports profiles as JSON that another tenant can import", async () => {
    const exported = await admin.json("/api/v1/profiles");
    expect(exported.status).toBe(200);
    expect(exported.body.profiles).toEqual([expect.objectContaining({ name: "Bank without header", format: "csv" })]);

    const other = await createTenant("Profiles other");
    const otherAdmin = await signedIn(other.users.admin.email);
    const imported = await post(otherAdmin, "/api/v1/profiles", { profiles: exported.body.profiles });
    expect(imported).toMatchObject({ status: 201, body: { imported: 1 } });
    const otherEntry = await signedIn(other.users["data-entry"].email);
    const up = await otherEntry.upload(other.accountId, "theirs.csv", AMBIGUOUS);
    expect(await otherEntry.waitForStatement(up.body.id)).toMatchObject({ status: "posted", periodStart: "2026-01-02" });

    const tampered = { ...exported.body.profiles[0], fingerprint: "csv1-0000000000000000" };
    const refused = await post(otherAdmin, "/api/v1/profiles", { profiles: [tampered] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/fingerprint does not match its layout/);
  });
});
