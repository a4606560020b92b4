/**
 * The import engine's trust rules on the real services: duplicates are recognized and
 * explained (never merged silently), identical purchases stay two rows, near-matches are shown
 * with a score, statements must chain, and any import can be undone — and redone.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { identityKey } from "~/domain/fingerprint";
import { Decimal } from "~/domain/money";
import { withTenant } from "~/services/db.server";
import { takeSingleton } from "~/services/singleton.server";
import { processStatement } from "~/services/statement-processing.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let operator: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTenant("Imports");
  entry = await signedIn(t.users["data-entry"].email);
  operator = await signedIn(t.users.operator.email);
  admin = await signedIn(t.users.admin.email);
});

async function newAccount(name: string, accountNumber?: string): Promise<string> {
  const res = await admin.json("/api/v1/accounts", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: `${name} ${Math.random().toString(36).slice(2, 8)}`, currency: "USD", ...(accountNumber ? { accountNumber } : {}) }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function importCsv(accountId: string, fileName: string, lines: string[]): Promise<any> {
  const up = await entry.upload(accountId, fileName, ["Date,Description,Amount,Balance", ...lines].join("\n"));
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  return entry.waitForStatement(up.body.id);
}

async function ledger(accountId: string): Promise<{ date: string; amount: string; description: string; status: string }[]> {
  return withTenant(t.tenantId, async (tx) =>
    (await tx.transaction.findMany({ where: { tenantId: t.tenantId, accountId }, orderBy: [{ date: "asc" }, { sourceRow: "asc" }] })).map((r) => ({
      date: r.date.toISOString().slice(0, 10),
      amount: r.amount.toFixed(2),
      description: r.description,
      status: r.status,
    })),
  );
}

const counted = <Row extends { status: string }>(rows: Row[]): Row[] => rows.filter((r) => r.status === "posted");

const JANUARY = [
  "2026-01-02,Opening deposit,1000.00,1000.00",
  "2026-01-10,Coffee Corner,-4.50,995.50",
  "2026-01-10,Coffee Corner,-4.50,991.00", // a second, genuinely identical purchase
  "2026-01-20,Acme Supplies,-91.00,900.00",
];
const JAN_FEB_OVERLAP = [
  "2026-01-20,Acme Supplies,-91.00,900.00", // already in the ledger from january.csv
  "2026-02-03,Stripe payout,250.00,1150.00",
  "2026-02-10,Rent,-600.00,550.00",
];

describe("duplicates", () => {
  let accountId: string;
  let january: any;
  let overlap: any;

  beforeAll(async () => {
    accountId = await newAccount("Dup");
    january = await importCsv(accountId, "january.csv", JANUARY);
    overlap = await importCsv(accountId, "jan-feb.csv", JAN_FEB_OVERLAP);
  });

  it("keeps two identical purchases on one day as two rows", async () => {
    expect(january).toMatchObject({ status: "posted", rowCount: 4, duplicateCount: 0 });
    expect((await ledger(accountId)).filter((r) => r.description === "Coffee Corner")).toHaveLength(2);
  });

  it("fingerprints rows exactly as app/domain/fingerprint.ts defines: md5(account | identity key | occurrence)", async () => {
    const coffees = await withTenant(t.tenantId, (tx) =>
      tx.transaction.findMany({ where: { tenantId: t.tenantId, accountId, description: "Coffee Corner" }, orderBy: { sourceRow: "asc" } }),
    );
    const key = identityKey({ date: "2026-01-10", amount: Decimal.parse("-4.50"), description: "Coffee Corner" });
    expect(coffees.map((c) => c.fingerprint)).toEqual([1, 2].map((n) => createHash("md5").update(`${accountId}|${key}|${n}`).digest("hex")));
  });

  it("recognizes rows of an overlapping statement, does not post them twice, and says where they came from", async () => {
    expect(overlap).toMatchObject({ status: "posted", rowCount: 3, duplicateCount: 1 });
    expect(overlap.warnings).toContain('1 row was already in the ledger (from "january.csv": 1) and was not posted again');
    const rows = await ledger(accountId);
    expect(rows.filter((r) => r.description === "Acme Supplies").map((r) => r.status).sort()).toEqual(["duplicate", "posted"]);
    const total = counted(rows).reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
    expect(total).toBe(55_000); // 550.00: the closing balance, with Acme counted once
    expect(overlap.chainIssue).toMatch(/overlaps "january.csv"/);
  });

  it("recognizes them also after rows that streamed in before the ledger's dates, and in rows after them", async () => {
    // The worker COPYs rows as it reads them while they lie outside the dates the ledger has
    // rows on (nothing there to repeat); from the first row within them, it checks first.
    const longAccount = await newAccount("Dup long");
    await importCsv(longAccount, "january.csv", JANUARY);
    let balance = 0;
    const line = (date: string, description: string, cents: number) =>
      `${date},${description},${(cents / 100).toFixed(2)},${((balance += cents) / 100).toFixed(2)}`;
    const before = Array.from({ length: 700 }, (_, i) => line(`2025-12-${String(1 + Math.floor(i / 25)).padStart(2, "0")}`, `Card ${i}`, -100));
    const repeated = JANUARY.map((l) => l.split(",")).map(([date, description, amount]) => line(date!, description!, Math.round(Number(amount) * 100)));
    // Enough rows after them that the repeated rows' 250-line chunk is complete before the end.
    const after = Array.from({ length: 300 }, (_, i) => line(`2026-01-${25 + Math.floor(i / 50)}`, `Later ${i}`, 700));
    const long = await importCsv(longAccount, "dec-jan.csv", [...before, ...repeated, ...after]);
    const expectLedger = async () => {
      const rows = await ledger(longAccount);
      expect(counted(rows)).toHaveLength(4 + 700 + 300);
      expect(rows.filter((r) => r.description === "Coffee Corner").map((r) => r.status).sort()).toEqual(["duplicate", "duplicate", "posted", "posted"]);
    };
    expect(long).toMatchObject({ status: "posted", rowCount: 1004, duplicateCount: 4 });
    await expectLedger();
    // The tests' worker posts in batches of 3 rows (tests/setup/global.ts): none is long enough
    // to stream. Run again here with the default batch size, so 700 rows stream in before the
    // first row within the ledger's dates — and the outcome is the same.
    const batchRows = process.env.IMPORT_BATCH_ROWS;
    takeSingleton("config");
    process.env.IMPORT_BATCH_ROWS = "20000";
    try {
      expect(await processStatement({ tenantId: t.tenantId, statementId: long.id }, { force: true })).toBe("posted");
    } finally {
      process.env.IMPORT_BATCH_ROWS = batchRows;
      takeSingleton("config");
    }
    expect(await entry.waitForStatement(long.id)).toMatchObject({ status: "posted", rowCount: 1004, duplicateCount: 4 });
    await expectLedger();
  });

  it("tells apart rows that share a bank id the bank reused (a card fee, a rewards credit): each meets only its own twin", async () => {
    // Chase gives a purchase's foreign-transaction fee, and a rewards credit redeemed against it,
    // the purchase's FITID. The later statement here arrives first and holds only the credit.
    const card = await newAccount("Reused FITID");
    const fitId = "2026020324692160000000000001";
    const txn = (date: string, amount: string, name: string, id = fitId) =>
      `<STMTTRN><TRNTYPE>${amount.startsWith("-") ? "DEBIT" : "CREDIT"}<DTPOSTED>${date}<TRNAMT>${amount}<FITID>${id}<NAME>${name}</STMTTRN>`;
    const ofx = (...txns: string[]) =>
      `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD<CCACCTFROM><ACCTID>4111000011112222</CCACCTFROM>` +
      `<BANKTRANLIST><DTSTART>20260201<DTEND>20260228${txns.join("")}</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n`;
    const importOfx = async (fileName: string, text: string) => {
      const up = await entry.upload(card, fileName, text);
      expect(up.status, JSON.stringify(up.body)).toBe(202);
      return entry.waitForStatement(up.body.id);
    };
    const late = await importOfx("late-feb.ofx", ofx(txn("20260220", "84.20", "REWARDS REDEMPTION"), txn("20260221", "-40.00", "FUEL", "F9")));
    expect(late).toMatchObject({ status: "posted", rowCount: 2, duplicateCount: 0 });
    const whole = await importOfx(
      "february.ofx",
      ofx(
        txn("20260203", "-84.20", "HOTEL LISBOA"),
        txn("20260203", "-2.53", "FOREIGN TRANSACTION FEE"),
        txn("20260220", "84.20", "REWARDS REDEMPTION"),
        txn("20260221", "-40.00", "FUEL", "F9"),
      ),
    );
    expect(whole).toMatchObject({ status: "posted", rowCount: 4, duplicateCount: 2 });
    const rows = await ledger(card);
    expect(counted(rows).map((r) => [r.date, r.amount, r.description])).toEqual([
      ["2026-02-03", "-84.20", "HOTEL LISBOA"],
      ["2026-02-03", "-2.53", "FOREIGN TRANSACTION FEE"],
      ["2026-02-20", "84.20", "REWARDS REDEMPTION"],
      ["2026-02-21", "-40.00", "FUEL"],
    ]);
    expect(rows.filter((r) => r.status === "duplicate").map((r) => r.description).sort()).toEqual(["FUEL", "REWARDS REDEMPTION"]);
  });

  it("shows a near-match with its score and reason, and merges nothing until a person decides", async () => {
    const similar = await importCsv(accountId, "card-export.csv", ["2026-02-10,RENT PAYMENT LANDLORD LTD,-600.00,"]);
    expect(similar).toMatchObject({ status: "posted", duplicateCount: 0 });
    expect(similar.warnings.join(" ")).toMatch(/1 row resembles rows already in the ledger/);
    const list = await entry.json(`/api/v1/duplicates?statementId=${similar.id}`);
    expect(list.status).toBe(200);
    expect(list.body.candidates).toHaveLength(1);
    const [candidate] = list.body.candidates;
    expect(candidate).toMatchObject({
      score: 70, // 40 same amount + 40 × ¼ alike + 20 same day
      reason: "same amount -600.00 on the same day, descriptions 25% alike",
      row: { description: "RENT PAYMENT LANDLORD LTD", amount: "-600.00" },
      match: { description: "Rent", fileName: "jan-feb.csv" },
    });
    expect(counted(await ledger(accountId)).filter((r) => r.amount === "-600.00")).toHaveLength(2);

    const decided = await entry.json(`/api/v1/duplicates/${candidate.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ decision: "confirmed" }),
    });
    expect(decided.status).toBe(200);
    expect(counted(await ledger(accountId)).filter((r) => r.amount === "-600.00")).toHaveLength(1);
    const again = await entry.json(`/api/v1/duplicates/${candidate.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ decision: "dismissed" }),
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.mark_duplicate" } }));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(t.users["data-entry"].id);
  });

  it("compares a statement of many equal amounts only with other statements' rows (no pairs within itself)", async () => {
    // 20,000 fees of 1.00 over March, beside one earlier fee of 1.00 on the 15th: joined on the
    // amount alone, the statement's own rows made 400 million pairs before "another statement"
    // dropped them, and the import never finished.
    const fees = await newAccount("Fees");
    const earlier = await importCsv(fees, "fee.csv", ["2026-03-15,Bank fee charged,-1.00,"]);
    expect(earlier.status).toBe("posted");
    const days = Array.from({ length: 20_000 }, (_, i) => 1 + Math.floor((i * 28) / 20_000));
    const many = await importCsv(fees, "fees.csv", days.map((d) => `2026-03-${String(d).padStart(2, "0")},Bank fee,-1.00,`));
    expect(many).toMatchObject({ status: "posted", rowCount: 20_000 });
    // Every row within three days of the 15th resembles the earlier fee, and only that one.
    const near = days.filter((d) => d >= 12 && d <= 18).length;
    expect(many.warnings.join(" ")).toContain(`${near} rows resemble rows already in the ledger`);
    const matches = await withTenant(t.tenantId, (tx) =>
      tx.duplicateCandidate.findMany({ where: { tenantId: t.tenantId, transaction: { statementId: many.id } }, select: { match: { select: { statementId: true } } } }),
    );
    expect(matches).toHaveLength(near);
    expect(new Set(matches.map((m) => m.match.statementId))).toEqual(new Set([earlier.id]));
  });

  it("undo takes an import out as a unit; its duplicates elsewhere take its place; it can be imported again", async () => {
    const undo = await operator.json(`/api/v1/statements/${january.id}/undo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "wrong account" }),
    });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body).toMatchObject({ status: "undone", duplicateCount: 0, undoneAt: expect.any(String) });

    let rows = await ledger(accountId);
    expect(rows.filter((r) => r.description === "Coffee Corner")).toHaveLength(0);
    // jan-feb.csv's Acme row was set aside as a duplicate of january's; now it is the one counted.
    expect(rows.filter((r) => r.description === "Acme Supplies")).toEqual([expect.objectContaining({ status: "posted" })]);
    expect((await entry.json(`/api/v1/statements/${overlap.id}`)).body.duplicateCount).toBe(0);

    const [event] = await withTenant(t.tenantId, (tx) =>
      tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.undo", entityId: january.id } }),
    );
    expect(event).toMatchObject({ actorId: t.users.operator.id });
    expect(event!.before).toMatchObject({ status: "posted", rows: 4, postedTotal: "900.0000" });
    expect(event!.after).toMatchObject({ status: "undone", removed: 4, promotedDuplicates: 1, reason: "wrong account" });

    const twice = await operator.json(`/api/v1/statements/${january.id}/undo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "again" }),
    });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });

    // The same file again: accepted (the undone upload does not block it) and posted, with the
    // Acme row now recognized as already in the ledger from jan-feb.csv.
    const redo = await importCsv(accountId, "january.csv", JANUARY);
    expect(redo).toMatchObject({ status: "posted", rowCount: 4, duplicateCount: 1 });
    rows = await ledger(accountId);
    expect(counted(rows).filter((r) => r.description === "Coffee Corner")).toHaveLength(2);
    expect(counted(rows).filter((r) => r.description === "Acme Supplies")).toHaveLength(1);
  });

  it("an undo needs a reason, and data entry may not undo", async () => {
    const noReason = await operator.json(`/api/v1/statements/${overlap.id}/undo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "" }),
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toMatch(/Say why the import is undone/);
    const denied = await entry.json(`/api/v1/statements/${overlap.id}/undo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "mine" }),
    });
    expect(denied.status).toBe(403);
  });
});

describe("posting in batches (the tests post 3 rows per batch)", () => {
  it("never cuts a day in two: identical purchases on a day that spans the batch size stay two rows", async () => {
    const accountId = await newAccount("Batches");
    const done = await importCsv(accountId, "batches.csv", [
      "2026-06-01,Rent,-600.00,",
      "2026-06-02,Coffee Corner,-4.50,",
      "2026-06-02,Coffee Corner,-4.50,",
      "2026-06-02,Coffee Corner,-4.50,",
      "2026-06-02,Stripe payout,90.00,",
      "2026-06-03,Fee,-1.00,",
    ]);
    expect(done).toMatchObject({ status: "posted", rowCount: 6, duplicateCount: 0 });
    expect(counted(await ledger(accountId)).filter((r) => r.description === "Coffee Corner")).toHaveLength(3);
  });

  it("posts a file out of date order correctly too (read again as one batch)", async () => {
    const accountId = await newAccount("Unordered");
    const done = await importCsv(accountId, "unordered.csv", [
      "2026-06-10,Coffee Corner,-4.50,",
      "2026-06-11,Lunch,-12.00,",
      "2026-06-12,Taxi,-20.00,",
      "2026-06-13,Books,-30.00,",
      "2026-06-14,Fee,-1.00,",
      "2026-06-10,Coffee Corner,-4.50,", // a second coffee on the 10th, listed late
    ]);
    // Dates going back make the date order a guess: a person confirms the mapping first …
    expect(done).toMatchObject({ status: "needs_mapping", rowCount: 0 });
    const { body: preview } = await entry.json(`/api/v1/statements/${done.id}/preview`);
    const confirm = await entry.json(`/api/v1/statements/${done.id}/mapping`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ layout: preview.layout }),
    });
    expect(confirm.status).toBe(202);
    // … then it posts, both coffees of the 10th counted (occurrences 1 and 2, not a duplicate).
    expect(await entry.waitForStatement(done.id)).toMatchObject({ status: "posted", rowCount: 6, duplicateCount: 0 });
    expect(counted(await ledger(accountId)).filter((r) => r.description === "Coffee Corner")).toHaveLength(2);
  });

  it("holds a file whose rows contradict its own running balances for a person, saying why, and posts nothing", async () => {
    const accountId = await newAccount("Contradicted");
    // Money out printed unsigned: the balances fall where the amounts, as read, would raise them.
    // (A header of its own: the test above saved a confirmed mapping for importCsv's, and a
    // confirmed mapping is not asked about again.)
    const up = await entry.upload(
      accountId,
      "unsigned.csv",
      ["Booking date,Details,Amount,Running balance", "2026-07-01,Salary,1000.00,1000.00", "2026-07-02,Rent,600.00,400.00", "2026-07-03,Grocer,45.10,354.90", "2026-07-04,Fuel,60.00,294.90"].join("\n"),
    );
    expect(up.status, JSON.stringify(up.body)).toBe(202);
    const done = await entry.waitForStatement(up.body.id);
    expect(done).toMatchObject({ status: "needs_mapping", rowCount: 0, confidence: "low" });
    expect(done.explain).toContainEqual(expect.objectContaining({ step: "balances", evidence: expect.stringMatching(/do not lead from one running balance to the next on 3 of 3 rows/) }));
    expect(await ledger(accountId)).toEqual([]);
  });
});

describe("statement chain", () => {
  it("names the gap when a statement's opening is not the previous closing", async () => {
    const accountId = await newAccount("Chain");
    await importCsv(accountId, "march.csv", ["2026-03-02,Deposit,100.00,100.00", "2026-03-30,Fee,-1.00,99.00"]);
    const may = await importCsv(accountId, "may.csv", ["2026-05-04,Deposit,10.00,130.00"]);
    expect(may.status).toBe("posted");
    expect(may.chainIssue).toBe(
      'its opening balance 120.00 is not the closing balance 99.00 of "march.csv" (2026-03-30): 21.00 is unaccounted for — a statement or rows between them may be missing',
    );
    const april = await importCsv(accountId, "april.csv", ["2026-04-10,Deposit,21.00,120.00"]);
    expect(april.chainIssue).toBeNull();
    expect((await entry.json(`/api/v1/statements/${may.id}`)).body.chainIssue).toBeNull();
  });

  it("records a quiet month's statement (a period, one balance, no transactions), so the next one follows on", async () => {
    const accountId = await newAccount("Quiet savings");
    const ofx = (from: string, to: string, balance: string, txns = "") =>
      `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>77<ACCTTYPE>SAVINGS</BANKACCTFROM>` +
      `<BANKTRANLIST><DTSTART>${from}<DTEND>${to}${txns}</BANKTRANLIST><LEDGERBAL><BALAMT>${balance}<DTASOF>${to}</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
    const importOfx = async (name: string, text: string) => {
      const up = await entry.upload(accountId, name, text);
      expect(up.status, JSON.stringify(up.body)).toBe(202);
      return entry.waitForStatement(up.body.id);
    };
    const march = await importOfx("march.ofx", ofx("20260301", "20260331", "500.00", "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260302<TRNAMT>500.00<FITID>M1</STMTTRN>"));
    expect(march.status).toBe("posted");
    const april = await importOfx("april.ofx", ofx("20260401", "20260430", "500.00"));
    expect(april).toMatchObject({ status: "posted", rowCount: 0, openingBalance: "500.00", closingBalance: "500.00", periodStart: "2026-04-01", periodEnd: "2026-04-30", chainIssue: null });
    expect(april.warnings).toContain("no transactions in 2026-04-01 to 2026-04-30; the statement was recorded with its balance, so the account's statements still follow on");
    const may = await importOfx("may.ofx", ofx("20260501", "20260531", "510.00", "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260529<TRNAMT>10.00<FITID>Y1</STMTTRN>"));
    expect(may).toMatchObject({ status: "posted", chainIssue: null });
    // An empty CSV is still a wrong file, not a quiet month.
    const up = await entry.upload(accountId, "empty.csv", "Date,Description,Amount,Balance\n");
    expect((await entry.waitForStatement(up.body.id)).error).toMatch(/no transactions/);
  });

  it("imports its own account's part of a file of several accounts when the account's number is set, and says how otherwise (twenty-sixth session)", async () => {
    const statementOf = (acct: string, type: string, fitId: string, amount: string, balance: string) =>
      `<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>256074974<ACCTID>${acct}<ACCTTYPE>${type}</BANKACCTFROM>` +
      `<BANKTRANLIST><DTSTART>20260601<DTEND>20260630<STMTTRN><TRNTYPE>OTHER<DTPOSTED>20260610<TRNAMT>${amount}<FITID>${fitId}<NAME>Row of ${acct}</STMTTRN></BANKTRANLIST>` +
      `<LEDGERBAL><BALAMT>${balance}<DTASOF>20260630</LEDGERBAL></STMTRS></STMTTRNRS>`;
    const ofxOf = (...statements: string[]) => `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1>${statements.join("")}</BANKMSGSRSV1></OFX>\n`;
    const combined = ofxOf(statementOf("7012003456", "CHECKING", "C1", "-42.10", "957.90"), statementOf("7012009981", "SAVINGS", "S1", "3.12", "1003.12"));
    const savings = await newAccount("Member savings", "7012-009981");
    expect(await entry.waitForStatement((await entry.upload(savings, "combined.ofx", combined)).body.id)).toMatchObject({ status: "posted", rowCount: 1, closingBalance: "1003.12" });
    expect(await ledger(savings)).toEqual([{ date: "2026-06-10", amount: "3.12", description: "Row of 7012009981", status: "posted" }]);

    // Two accounts whose numbers share their last four (a member's checking and savings): the
    // number kept sealed, read in full by the worker, tells them apart.
    const shared = ofxOf(statementOf("7018442291", "CHECKING", "C2", "-18.40", "981.60"), statementOf("3018442291", "SAVINGS", "S2", "0.97", "1000.97"));
    const checking = await newAccount("Member checking", "7018442291");
    const posted = await entry.waitForStatement((await entry.upload(checking, "shared.ofx", shared)).body.id);
    expect(posted).toMatchObject({ status: "posted", rowCount: 1, closingBalance: "981.60" });
    expect(await ledger(checking)).toEqual([{ date: "2026-06-10", amount: "-18.40", description: "Row of 7018442291", status: "posted" }]);
    // (Neither the refusal nor the explanation shows more of the number than its last four.)
    expect(JSON.stringify(posted)).not.toContain("701844");

    // An account without its number set: refused, saying what lets its part be imported.
    const plain = await newAccount("Member checking");
    const refused = await entry.waitForStatement((await entry.upload(plain, "combined.ofx", combined)).body.id);
    expect(refused.status).toBe("failed");
    expect(refused.error).toContain("holds statements for 2 accounts (checking account ending 3456, savings account ending 9981); set the bank account's number on the account in Cashline");
    expect(await ledger(plain)).toEqual([]);
  });
});
