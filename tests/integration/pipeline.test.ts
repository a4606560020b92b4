/**
 * The pipeline end to end on the real services: upload (HTTP) → encrypted object in S3 →
 * BullMQ job → worker → ledger rows → transactions and cash-flow APIs. Bad files fail whole,
 * with the file, row and reason, and leave the ledger untouched.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { enqueueStatement } from "~/services/queue.server";
import { processStatement } from "~/services/statement-processing.server";
import { getObject } from "~/services/storage.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;

const GOOD = [
  "Date,Description,Amount,Balance",
  "2026-01-03,Opening deposit from owner,5000.00,5000.00",
  "2026-01-05,AWS EMEA invoice,-123.45,4876.55",
  '2026-01-20,"Stripe payout, January",2100.10,6976.65',
  "2026-02-02,Rent February,-1500.00,5476.65",
  "2026-02-14,Card fee,-0.65,5476.00",
].join("\n");

beforeAll(async () => {
  t = await createTenant("Pipeline");
  entry = await signedIn(t.users["data-entry"].email);
});

describe("a good statement", () => {
  let id: string;
  it("is accepted (202), stored encrypted, processed and posted with its balances proven", async () => {
    const up = await entry.upload(t.accountId, "january.csv", GOOD);
    expect(up.status).toBe(202);
    expect(up.body).toEqual({ id: expect.any(String), status: "queued" });
    id = up.body.id;
    const done = await entry.waitForStatement(id);
    expect(done).toMatchObject({
      id, status: "posted", rowCount: 5, error: null, format: "csv", fileName: "january.csv",
      openingBalance: "0.00", closingBalance: "5476.00", periodStart: "2026-01-03", periodEnd: "2026-02-14", warnings: expect.any(Array),
    });
    const row = await withTenant(t.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } } }));
    expect(row.storageKey).toMatch(new RegExp(`^tenants/${t.tenantId}/statements/[0-9a-f-]{36}$`));
    expect(row.storageKey).not.toContain("january");
    const stored = Buffer.from(await getObject(row.storageKey));
    expect(stored.includes(Buffer.from("Stripe payout"))).toBe(false);
  });

  it("shows its rows, newest first, exact amounts, with cursor pagination", async () => {
    const all = await entry.json(`/api/v1/transactions?accountId=${t.accountId}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: any) => [r.date, r.amount, r.description, r.balance])).toEqual([
      ["2026-02-14", "-0.65", "Card fee", "5476.00"],
      ["2026-02-02", "-1500.00", "Rent February", "5476.65"],
      ["2026-01-20", "2100.10", "Stripe payout, January", "6976.65"],
      ["2026-01-05", "-123.45", "AWS EMEA invoice", "4876.55"],
      ["2026-01-03", "5000.00", "Opening deposit from owner", "5000.00"],
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await entry.json(`/api/v1/transactions?accountId=${t.accountId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((r: any) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((r: any) => r.id));

    const filtered = await entry.json(`/api/v1/transactions?q=stripe&from=2026-01-01&to=2026-01-31`);
    expect(filtered.body.items.map((r: any) => r.description)).toEqual(["Stripe payout, January"]);
    const bad = await entry.json(`/api/v1/transactions?from=yesterday`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/from: Use a date like 2026-01-31/);
  });

  it("feeds the monthly cash flow (operators and admins)", async () => {
    const operator = await signedIn(t.users.operator.email);
    const res = await operator.json(`/api/v1/cashflow?accountId=${t.accountId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      currency: "USD",
      openingBalanceKnown: true,
      months: [
        { month: "2026-01", inflow: "7100.10", outflow: "123.45", net: "6976.65", closingBalance: "6976.65" },
        { month: "2026-02", inflow: "0.00", outflow: "1500.65", net: "-1500.65", closingBalance: "5476.00" },
      ],
    });
    const feb = await operator.json(`/api/v1/cashflow?accountId=${t.accountId}&from=2026-02-01&to=2026-03-31`);
    expect(feb.body.months[0]).toEqual({ month: "2026-02", inflow: "0.00", outflow: "1500.65", net: "-1500.65", closingBalance: "5476.00" });
    expect(feb.body.months[1]).toEqual({ month: "2026-03", inflow: "0.00", outflow: "0.00", net: "0.00", closingBalance: "5476.00" });
  });

  it("is recognized when uploaded again, and not imported twice", async () => {
    const again = await entry.upload(t.accountId, "january-copy.csv", GOOD);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("duplicate_file");
    expect(again.body.error.message).toMatch(/january-copy\.csv: this exact file was already uploaded to Checking on \d{4}-\d{2}-\d{2} \(as "january\.csv"/);
  });

  it("re-processing the same job never duplicates rows", async () => {
    const count = () => withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { statementId: id } }));
    expect(await count()).toBe(5);
    expect(await processStatement({ tenantId: t.tenantId, statementId: id })).toBe("skipped");
    expect(await processStatement({ tenantId: t.tenantId, statementId: id }, { force: true })).toBe("posted");
    expect(await processStatement({ tenantId: t.tenantId, statementId: id }, { force: true })).toBe("posted");
    await enqueueStatement({ tenantId: t.tenantId, statementId: id }); // same job id: a no-op
    await entry.waitForStatement(id);
    expect(await count()).toBe(5);
    const rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { statementId: id }, orderBy: { sourceRow: "asc" } }));
    expect(rows.map((r) => r.sourceRow)).toEqual([2, 3, 4, 5, 6]);
  });

  it("reads the object the statement names, whatever object its job names", async () => {
    const row = await withTenant(t.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } } }));
    const other = await entry.upload(t.accountId, "february.csv", GOOD.replace(/2026-0/g, "2025-0"));
    const otherRow = await withTenant(t.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: other.body.id } } }));
    await entry.waitForStatement(other.body.id);
    // A job naming the statement's own object (as an upload queues it), another statement's
    // object, or one that does not exist: the same rows, read from the statement's own object.
    for (const storageKey of [row.storageKey, otherRow.storageKey, `tenants/${t.tenantId}/statements/00000000-0000-4000-8000-000000000000`]) {
      expect(await processStatement({ tenantId: t.tenantId, statementId: id, storageKey }, { force: true })).toBe("posted");
      const rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { statementId: id }, orderBy: { sourceRow: "asc" } }));
      expect(rows.map((r) => [r.date.toISOString().slice(0, 10), r.amount.toFixed(2)])).toEqual([
        ["2026-01-03", "5000.00"], ["2026-01-05", "-123.45"], ["2026-01-20", "2100.10"], ["2026-02-02", "-1500.00"], ["2026-02-14", "-0.65"],
      ]);
    }
  });
});

describe("statements that cannot post", () => {
  it("a broken balance chain is held for review, naming the row; its rows do not count", async () => {
    const other = await createTenant("Pipeline review");
    const c = await signedIn(other.users.operator.email);
    const text = ["Date,Description,Amount,Balance", "2026-05-01,Sale,100.00,100.00", "2026-05-02,Coffee,-5.00,90.00", "2026-05-03,Sale,10.00,100.00"].join("\n");
    const up = await c.upload(other.accountId, "broken.csv", text);
    const done = await c.waitForStatement(up.body.id);
    expect(done.status).toBe("needs_review");
    expect(done.error).toMatch(/row 3/);
    const rows = await c.json(`/api/v1/transactions?accountId=${other.accountId}`);
    expect(rows.body.items).toHaveLength(3);
    expect(rows.body.items.every((r: any) => r.status === "review")).toBe(true);
    const flow = await c.json(`/api/v1/cashflow?accountId=${other.accountId}`);
    expect(flow.body.months).toEqual([]);
  });

  it("an unreadable amount fails the whole file with the file, row and reason", async () => {
    const text = ["Date,Description,Amount", "2026-06-01,Fine,1.00", "2026-06-02,Broken,twelve dollars", "2026-06-03,Fine too,2.00"].join("\n");
    const up = await entry.upload(t.accountId, "bad-amount.csv", text);
    expect(up.status).toBe(202);
    const done = await entry.waitForStatement(up.body.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^bad-amount\.csv: row 3: .*twelve dollars/);
    expect(done.rowCount).toBe(0);
    const rows = await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { statementId: up.body.id } }));
    expect(rows).toBe(0);
  });

  it("an amount with more decimals than the account's currency fails the file, naming the row; trailing zeros are no decimals", async () => {
    const tooFine = ["Date,Description,Amount", "2026-07-01,Fine,1.2300", "2026-07-02,Too fine,-4.125", "2026-07-03,Fine too,2.00"].join("\n");
    const up = await entry.upload(t.accountId, "too-fine.csv", tooFine);
    const done = await entry.waitForStatement(up.body.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("too-fine.csv: row 3: the amount -4.125 has more decimals than USD allows");
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { statementId: up.body.id } }))).toBe(0);
    // "1.2300" is 1.23: four digits written, two that count.
    const zeros = ["Date,Description,Amount", "2026-07-01,Fine,1.2300", "2026-07-03,Fine too,2.00"].join("\n");
    const ok = await entry.upload(t.accountId, "trailing-zeros.csv", zeros);
    expect((await entry.waitForStatement(ok.body.id)).status).toBe("posted");
  });

  it("a text PDF statement posts with its balances proven and its pending rows left out", async () => {
    const pdf = await readFile(path.resolve("fixtures/statements/pdf/us-business-checking.pdf"));
    const up = await entry.upload(t.accountId, "march.pdf", pdf);
    expect(up.status).toBe(202);
    const done = await entry.waitForStatement(up.body.id);
    expect(done).toMatchObject({
      status: "posted", format: "pdf", rowCount: 24, pendingCount: 2,
      openingBalance: "24310.55", closingBalance: "33161.71", periodStart: "2026-03-01", error: null,
    });
  });

  /** A new account in `currency`, opened by the tenant's admin. */
  async function accountIn(currency: string, name: string): Promise<string> {
    const admin = await signedIn(t.users.admin.email);
    const account = await admin.json("/api/v1/accounts", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: `${name} ${Date.now()}`, currency }),
    });
    return account.body.id;
  }

  /** Uploads a corpus file to a new account in `currency` (accepted: 202) and waits for its import. */
  async function importFixture(fixture: string, currency: string, accountName: string, fileName: string) {
    const bytes = await readFile(path.resolve("fixtures/statements", fixture));
    const up = await entry.upload(await accountIn(currency, accountName), fileName, bytes);
    expect(up.status).toBe(202);
    return { id: up.body.id as string, done: await entry.waitForStatement(up.body.id) };
  }

  it("an MT940 file of two monthly statements posts as one import, its balances proven, on a parse thread", async () => {
    const { done } = await importFixture("mt940/de-sparkasse-two-months.sta", "EUR", "Giro", "umsaetze.sta");
    expect(done).toMatchObject({ status: "posted", format: "mt940", rowCount: 8, openingBalance: "18230.45", closingBalance: "23062.70", error: null });
  });

  it("a Shift_JIS CSV of a Japanese bank posts in whole yen, streamed, its Japanese text read as written", async () => {
    const { id, done } = await importFixture("csv/jp-shift-jis.csv", "JPY", "Yen", "meisai.csv");
    expect(done).toMatchObject({ status: "posted", format: "csv", rowCount: 25, openingBalance: "9314026", closingBalance: "9811129", error: null });
    const first = await withTenant(t.tenantId, (tx) => tx.transaction.findFirst({ where: { statementId: id }, orderBy: { sourceRow: "asc" } }));
    expect(first!.description).toContain("ミドリ不動産株式会社");
  });

  it("a ZIP of daily CAMT.053 files is accepted and posts as one import, its days chained and its balances proven", async () => {
    const { done } = await importFixture("camt/de-sparkasse-camt053-days.zip", "EUR", "Sparkasse", "camt-juni.zip");
    expect(done).toMatchObject({ status: "posted", format: "camt053", rowCount: 5, openingBalance: "15230.12", closingBalance: "14001.65", error: null });
  });

  it("a multi-page PDF posts every row once (rows keyed across pages), in the account's currency", async () => {
    const pdf = await readFile(path.resolve("fixtures/statements/pdf/multi-page.pdf"));
    const up = await entry.upload(await accountIn("GBP", "Pounds"), "four-pages.pdf", pdf);
    const done = await entry.waitForStatement(up.body.id);
    expect(done).toMatchObject({ status: "posted", format: "pdf", rowCount: 124, duplicateCount: 0, error: null });
  });

  it("a scanned (image-only) PDF is stored, then fails with a plain reason and no rows", async () => {
    const pdf = await readFile(path.resolve("fixtures/statements/pdf/image-only.pdf"));
    const up = await entry.upload(t.accountId, "scan.pdf", pdf);
    expect(up.status).toBe(202);
    const done = await entry.waitForStatement(up.body.id);
    expect(done).toMatchObject({ status: "failed", format: "pdf", rowCount: 0 });
    expect(done.error).toMatch(/^scan\.pdf: .*needs OCR or manual entry/);
  });

  it("into an empty account, a whole-file statement refused after its parse, or one without rows, ends the ledger COPY opened while it parsed", async () => {
    // The COPY is opened ahead only when the account's ledger is empty; left open, it would
    // hold the connection and this import's rollback (or its posting) would never run.
    const scan = await entry.upload(await accountIn("USD", "Scanned"), "scan.pdf", await readFile(path.resolve("fixtures/statements/pdf/image-only.pdf")));
    expect(await entry.waitForStatement(scan.body.id)).toMatchObject({ status: "failed", format: "pdf", rowCount: 0 });
    const quietOfx =
      "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>78<ACCTTYPE>SAVINGS</BANKACCTFROM>" +
      "<BANKTRANLIST><DTSTART>20260401<DTEND>20260430</BANKTRANLIST><LEDGERBAL><BALAMT>500.00<DTASOF>20260430</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    const quiet = await entry.upload(await accountIn("USD", "Quiet"), "quiet.ofx", quietOfx);
    expect(await entry.waitForStatement(quiet.body.id)).toMatchObject({ status: "posted", format: "ofx", rowCount: 0, closingBalance: "500.00" });
  });

  it("a whole-file statement overlapping the ledger is checked before any row goes in: the COPY opened ahead ends unused first", async () => {
    const accountId = await accountIn("USD", "Overlapping OFX");
    const txn = (fitid: string, date: string, amount: string) => `<STMTTRN><TRNTYPE>OTHER<DTPOSTED>${date}<TRNAMT>${amount}<FITID>${fitid}<NAME>Row ${fitid}</STMTTRN>`;
    const ofx = (txns: string) =>
      "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>79<ACCTTYPE>CHECKING</BANKACCTFROM>" +
      `<BANKTRANLIST><DTSTART>20260101<DTEND>20260131${txns}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
    const first = await entry.upload(accountId, "first.ofx", ofx(txn("A1", "20260105", "100.00") + txn("A2", "20260110", "-20.00")));
    expect(await entry.waitForStatement(first.body.id)).toMatchObject({ status: "posted", rowCount: 2 });
    // Its first row lies within the dates the ledger has rows on: the batch looks up what the
    // ledger already counts before it COPYs, so the COPY opened while it parsed must end first.
    const again = await entry.upload(accountId, "again.ofx", ofx(txn("A1", "20260105", "100.00") + txn("A2", "20260110", "-20.00") + txn("A3", "20260120", "-5.00")));
    expect(await entry.waitForStatement(again.body.id)).toMatchObject({ status: "posted", rowCount: 3, duplicateCount: 2 });
  });

  it("the type is decided by content: an image named .csv is refused (415)", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const res = await entry.upload(t.accountId, "statement.csv", png);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/^statement\.csv: /);
  });

  it("an empty file is refused (400) and a file over the limit gets 413 with a clear message", async () => {
    const empty = await entry.upload(t.accountId, "empty.csv", "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe("empty.csv: the file is empty.");
    const big = "Date,Description,Amount\n" + "2026-01-01,x,1.00\n".repeat(130_000); // ≈ 2.3 MB > 2 MB test limit
    const res = await entry.upload(t.accountId, "huge.csv", big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(res.body.error.message).toMatch(/larger than the 2 MB upload limit/);
  });

  it("streams a CSV above the whole-file limit, but refuses an OFX that large (it would be parsed whole)", async () => {
    // The test server: UPLOAD_MAX_BYTES 2 MB for anything, UPLOAD_MAX_WHOLE_BYTES 1 MB for formats read whole.
    const before = await withTenant(t.tenantId, (tx) => tx.statement.count());
    const rows = Array.from({ length: 60_000 }, (_, i) => `2025-${String(1 + Math.floor(i / 5_000)).padStart(2, "0")}-15,streamed ${i},1.00\n`);
    const csv = "Date,Description,Amount\n" + rows.join(""); // ≈ 1.6 MB
    const ok = await entry.upload(t.accountId, "streamed.csv", csv);
    expect(ok.status).toBe(202);
    const done = await entry.waitForStatement(ok.body.id);
    expect(done).toMatchObject({ status: "posted", rowCount: 60_000 });

    const ofx = `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST>\n` +
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250115<TRNAMT>-1.00<FITID>x<NAME>padding\n".repeat(20_000);
    const res = await entry.upload(t.accountId, "big.ofx", ofx);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/^big\.ofx: OFX statements are read whole, and this one is larger than the 1 MB limit/);
    expect(await withTenant(t.tenantId, (tx) => tx.statement.count())).toBe(before + 1);
  });

  it("a request from another origin is refused before it does anything (CSRF)", async () => {
    const before = await withTenant(t.tenantId, (tx) => tx.statement.count());
    const form = new FormData();
    form.set("accountId", t.accountId);
    form.set("file", new Blob(["Date,Description,Amount\n2026-01-01,csrf,1.00\n"]), "csrf.csv");
    const res = await entry.fetch("/api/v1/statements", { method: "POST", body: form, headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "csrf_rejected" } });
    expect(await withTenant(t.tenantId, (tx) => tx.statement.count())).toBe(before);
  });

  it("missing fields get specific messages", async () => {
    const form = new FormData();
    form.set("file", new Blob(["a,b\n"]), "x.csv");
    const res = await entry.json("/api/v1/statements", { method: "POST", body: form });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/accountId: /);
  });

  it("text fields beside the file are bounded in all, not only one by one (they are held in memory)", async () => {
    const form = new FormData();
    form.set("accountId", t.accountId);
    for (let i = 0; i < 5; i++) form.set(`note${i}`, "x".repeat(60 * 1024));
    form.set("file", new Blob([GOOD]), "fields.csv");
    const res = await entry.json("/api/v1/statements", { method: "POST", body: form });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("The form's text fields are too long in all: send the account and the file only.");
  });
});
