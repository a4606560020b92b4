import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseQifStatement } from "./qif.ts";
import { errorOf } from "./test-support.ts";

const qif = (...lines: string[]) => `${lines.join("\n")}\n`;
const txn = (date: string, amount: string, ...rest: string[]) => [`D${date}`, `T${amount}`, ...rest, "^"];


describe("parseQifStatement: records", () => {
  it("lists a transaction of exactly 0.00 among the skipped lines, not as a row (a voided cheque)", () => {
    const s = parseQifStatement(
      qif("!Type:Bank", ...txn("01/05/2026", "-12.50", "PCoffee"), ...txn("01/31/2026", "0.00", "P**VOID** Cheque 1043", "N1043", "CX"), ...txn("01/20/2026", "20.00", "PRefund")),
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2026-01-05", "-12.50"], ["2026-01-20", "20.00"]]);
    expect(s.skipped).toEqual([{ sourceRow: 6, reason: "zero-amount", text: "0.00 on 2026-01-31, moves no money: **VOID** Cheque 1043" }]);
    expect(s.explain.find((e) => e.step === "counts")?.evidence).toContain("0 reconciled, 0 cleared, 2 uncleared");
  });

  it("reads a bank register: fields, signs, categories, line numbers", () => {
    const s = parseQifStatement(
      qif(
        "!Type:Bank",
        ...txn("01/05/2026", "-1,234.56", "PACME Supplies", "MInvoice 77", "N1001", "LOffice:Supplies", "CX"),
        ...txn("01/13/2026", "300.00", "PClient A", "LIncome", "C*"),
        ...txn("01/20/2026", "-5.00", "LBank Charges"),
      ),
    );
    expect(s.format).toBe("qif");
    expect(s.rows.map((r) => [r.sourceRow, r.date, r.amount.toString(), r.payee, r.bankCategory, r.description])).toEqual([
      [2, "2026-01-05", "-1234.56", "ACME Supplies", "Office:Supplies", "ACME Supplies · Invoice 77 · #1001"],
      [10, "2026-01-13", "300.00", "Client A", "Income", "Client A"],
      [16, "2026-01-20", "-5.00", undefined, "Bank Charges", "Bank Charges"],
    ]);
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
    expect(s.currency).toBeUndefined();
    expect(s.confidence).toBe("high");
    expect(s.explain.find((e) => e.step === "counts")?.evidence).toContain("1 reconciled, 1 cleared, 1 uncleared");
    expect(s.explain.map((e) => e.step)).toEqual(
      expect.arrayContaining(["format", "account type", "date order", "decimal separator", "sign rule", "balances", "counts"]),
    );
  });

  it("takes Quicken's first 'Opening Balance' record as the opening balance, not a row", () => {
    const s = parseQifStatement(
      qif("!Type:Bank", ...txn("01/01/2026", "2,500.00", "POpening Balance", "L[Business Checking]"), ...txn("01/02/2026", "-10.00", "PFee")),
    );
    expect(s.openingBalance?.toString()).toBe("2500.00");
    expect(s.rows).toHaveLength(1);
    expect(s.skipped).toEqual([{ sourceRow: 2, reason: "balance-line", text: "Opening Balance 2,500.00 on 2026-01-01" }]);
  });

  it("knows the opening-balance record of localized Quicken and Microsoft Money", () => {
    const s = parseQifStatement(
      qif("!Type:Bank", ...txn("28.02'2009", "2.29", "CX", "PSolde initial", "L[Compte courant]"), ...txn("13.03'2009", "-9.00", "PRS Equipement")),
    );
    expect(s.openingBalance?.toString()).toBe("2.29");
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2009-03-13", "-9.00"]]);
    expect(s.skipped[0]).toMatchObject({ reason: "balance-line", text: "Solde initial 2.29 on 2009-02-28" });
  });

  it("only treats the first record as the opening balance", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("01/02/2026", "-10.00", "PFee"), ...txn("01/03/2026", "5.00", "POpening Balance")));
    expect(s.openingBalance).toBeUndefined();
    expect(s.rows).toHaveLength(2);
  });

  it("keeps split lines inside their parent: one row, the parent's T", () => {
    const s = parseQifStatement(
      qif(
        "!Type:Bank",
        ...txn("02/13/2026", "-50.00", "POffice Depot", "L--Split--", "SOffice:Supplies", "EPaper", "$-40.00", "SOffice:Postage", "EStamps", "$-10.00"),
      ),
    );
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0].amount.toString()).toBe("-50.00");
    expect(s.rows[0].bankCategory).toBe("Office:Supplies, Office:Postage");
    expect(s.rows[0].description).toBe("Office Depot · Paper · Stamps");
    expect(s.warnings).toEqual([]);
  });

  it("warns when splits do not add up to the transaction", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("02/03/2026", "-50.00", "SA", "$-40.00", "SB", "$-5.00")));
    expect(s.rows[0].amount.toString()).toBe("-50.00");
    expect(s.warnings.join()).toContain("the splits add up to -45.00");
  });

  it("reads U when there is no T, and prefers T when both are there", () => {
    const s = parseQifStatement(qif("!Type:Bank", "D01/02/2026", "U-7.125", "^", "D01/03/2026", "U-1.00", "T-2.00", "^"));
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-7.125", "-2.00"]);
  });

  it.each([
    ["Bank", "bank account"],
    ["CCard", "credit card"],
    ["Cash", "cash account"],
    ["Oth A", "other asset account"],
    ["Oth L", "other liability account"],
  ])("reads !Type:%s", (type, label) => {
    const s = parseQifStatement(qif(`!Type:${type}`, ...txn("03/15/2026", "-20.00", "PX")));
    expect(s.rows).toHaveLength(1);
    expect(s.explain.find((e) => e.step === "account type")?.decision).toBe(`${label} (!Type:${type})`);
  });

  it("takes card charges as signed (negative) and warns if the upload said bank", () => {
    const s = parseQifStatement(qif("!Type:CCard", ...txn("03/15/2026", "-20.00", "PShop"), ...txn("03/20/2026", "100.00", "PPayment")), {
      accountKind: "bank",
    });
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-20.00", "100.00"]);
    expect(s.warnings.join()).toContain("the file is a credit card");
  });

  it("returns rows oldest first, keeping their line numbers", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("01/20/2026", "-1.00"), ...txn("01/13/2026", "-2.00")));
    expect(s.rows.map((r) => [r.sourceRow, r.date])).toEqual([
      [5, "2026-01-13"],
      [2, "2026-01-20"],
    ]);
  });

  it("reads an unterminated last record, with a warning", () => {
    const s = parseQifStatement("!Type:Bank\nD01/02/2026\nT-1.00\nPX");
    expect(s.rows).toHaveLength(1);
    expect(s.warnings.join()).toContain('no closing "^"');
  });
});

describe("parseQifStatement: dates and amounts", () => {
  it.each([
    ["MM/DD/YYYY", ["01/05/2026", "01/13/2026"], ["2026-01-05", "2026-01-13"]],
    ["MM/DD/YY", ["01/05/26", "01/13/26"], ["2026-01-05", "2026-01-13"]],
    ["M/D'YY", ["1/5'26", "1/13'26"], ["2026-01-05", "2026-01-13"]],
    ["Quicken space-padded M/D'YY", [" 1/ 5'26", " 1/13'26"], ["2026-01-05", "2026-01-13"]],
    ["MM-DD-YYYY", ["01-05-2026", "01-13-2026"], ["2026-01-05", "2026-01-13"]],
    ["DD/MM/YYYY", ["05/01/2026", "13/01/2026"], ["2026-01-05", "2026-01-13"]],
    ["DD.MM.YYYY", ["05.01.2026", "13.01.2026"], ["2026-01-05", "2026-01-13"]],
    ["Microsoft Money's DD.MM'YYYY", ["05.01'2026", "13.01'2026"], ["2026-01-05", "2026-01-13"]],
    ["DD-MM'YY", ["05-01'26", "13-01'26"], ["2026-01-05", "2026-01-13"]],
    ["YYYY-MM-DD", ["2026-01-05", "2026-01-13"], ["2026-01-05", "2026-01-13"]],
  ])("reads %s dates", (_style, dates, iso) => {
    const s = parseQifStatement(qif("!Type:Bank", ...dates.flatMap((d) => txn(d, "-1.00"))));
    expect(s.rows.map((r) => r.date)).toEqual(iso);
    expect(s.confidence).toBe("high");
  });

  it("decides the date order over the whole file", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("03/04/2026", "-1.00"), ...txn("20/04/2026", "-1.00")));
    expect(s.rows.map((r) => r.date)).toEqual(["2026-04-03", "2026-04-20"]);
    expect(s.explain.find((e) => e.step === "date order")?.decision).toBe("day-first, DD/MM/YYYY");
  });

  it("explains dates written year first as ISO, not as day-first (KMyMoney's D2026-01-02)", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("2026-01-02", "-48,23"), ...txn("2026-01-13", "-1.180,00")));
    expect(s.rows.map((r) => r.date)).toEqual(["2026-01-02", "2026-01-13"]);
    expect(s.explain.find((e) => e.step === "date order")).toMatchObject({
      decision: "ISO, year-month-day (YYYY-MM-DD)",
      evidence: 'every date is written year first (e.g. "2026-01-02")',
    });
    expect(s.confidence).toBe("high");
    // One date that is not year first: the order is the day-first/month-first one again.
    const mixed = parseQifStatement(qif("!Type:Bank", ...txn("2026-01-02", "-1.00"), ...txn("20/01/2026", "-1.00")));
    expect(mixed.explain.find((e) => e.step === "date order")?.decision).toBe("day-first, DD/MM/YYYY");
  });

  it("assumes month-first when nothing settles it, with low confidence", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("03/04/2026", "-1.00"), ...txn("03/05/2026", "-1.00")));
    expect(s.rows.map((r) => r.date)).toEqual(["2026-03-04", "2026-03-05"]);
    expect(s.confidence).toBe("low");
    expect(s.warnings.join()).toContain("read as month-first");
  });

  it("follows the date order the file states (!Option:MDY, !Option:DMY) when no date settles it", () => {
    const dates = ["03/04/2026", "03/05/2026"];
    const mdy = parseQifStatement(qif("!Option:MDY", "!Type:Bank", ...dates.flatMap((d) => txn(d, "-1.00"))));
    expect(mdy.rows.map((r) => r.date)).toEqual(["2026-03-04", "2026-03-05"]);
    expect(mdy.confidence).toBe("high");
    expect(mdy.warnings).toEqual([]);
    expect(mdy.explain.find((e) => e.step === "date order")).toMatchObject({ decision: "month-first, MM/DD/YYYY", evidence: 'the file states it: "!Option:MDY" (line 1)' });
    const dmy = parseQifStatement(qif("!Type:Bank", "!Option:DMY", ...dates.flatMap((d) => txn(d, "-1.00"))));
    expect(dmy.rows.map((r) => r.date)).toEqual(["2026-04-03", "2026-05-03"]);
    expect(dmy.confidence).toBe("high");
  });

  it("reads the dates as they must be when they contradict the stated order, and says so", () => {
    const s = parseQifStatement(qif("!Option:MDY", "!Type:Bank", ...txn("03/04/2026", "-1.00"), ...txn("20/04/2026", "-1.00")));
    expect(s.rows.map((r) => r.date)).toEqual(["2026-04-03", "2026-04-20"]);
    expect(s.warnings).toEqual(['line 1 says "!Option:MDY" but the date "20/04/2026" can only be day-first, DD/MM/YYYY; the dates were read that way']);
  });

  it("takes day-first when only that keeps ambiguous dates in order", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...["01/02/2026", "05/02/2026", "02/03/2026"].flatMap((d) => txn(d, "-1.00"))));
    expect(s.rows.map((r) => r.date)).toEqual(["2026-02-01", "2026-02-05", "2026-03-02"]);
    expect(s.confidence).toBe("low");
  });

  it("reads European amounts when the file uses comma decimals", () => {
    const s = parseQifStatement(qif("!Type:Bank", ...txn("13/01/2026", "-1.234,56"), ...txn("14/01/2026", "99,90")));
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-1234.56", "99.90"]);
    expect(s.explain.find((e) => e.step === "decimal separator")?.decision).toBe('","');
  });

  it("decodes Windows-1252 bytes", () => {
    const bytes = new Uint8Array(Buffer.from("!Type:Bank\nD13/01/2026\nT-5,00\nPB\xe4ckerei M\xfcller\n^\n", "latin1"));
    const s = parseQifStatement(bytes);
    expect(s.rows[0].payee).toBe("Bäckerei Müller");
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("Windows-1252");
  });
  it("reads Windows-1250 bytes by their letters, as a CSV's are (Polish), not as Windows-1252", () => {
    const text = qif("!Type:Bank", ...txn("02/12/2025", "-184,37", "PŻABKA Z3318 KRAKÓW", "MTRANSAKCJA KARTĄ PŁATNICZĄ"), ...txn("05/12/2025", "-612,00", "PSPÓŁDZIELNIA MIESZKANIOWA", "MCZYNSZ UL. DŁUGA, PRZELEW ZEWNĘTRZNY"));
    const s = parseQifStatement(new Uint8Array(iconv.encode(text, "windows-1250")));
    expect(s.rows.map((r) => r.payee)).toEqual(["ŻABKA Z3318 KRAKÓW", "SPÓŁDZIELNIA MIESZKANIOWA"]);
    expect(s.rows[0].description).toContain("KARTĄ PŁATNICZĄ");
    expect(s.explain.find((e) => e.step === "encoding")).toMatchObject({ decision: "Windows-1250", evidence: expect.stringMatching(/^not valid UTF-8; /) });
  });
  it("reads bytes whose letters no code page tried fits (Czech in Mac Central European), but says so and is not sure of it", () => {
    const text = qif("!Type:Bank", ...txn("02/12/2025", "-184,37", "PPřevod z účtu, platba kartou Česká spořitelna"), ...txn("05/12/2025", "-612,00", "PNájemné kancelář", "Mpoplatek za vedení účtu, Příjem úroků"));
    const s = parseQifStatement(new Uint8Array(iconv.encode(text, "maccenteuro")));
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-184.37", "-612.00"]);
    expect(s.confidence).toBe("low");
    expect(s.warnings).toContainEqual(expect.stringMatching(/^the text's encoding is in doubt: as .+, the best code page tried, only \d+% of the accented letters fit one language/));
  });
});

describe("parseQifStatement: blocks and errors", () => {
  it("follows !Account blocks and skips lists", () => {
    const s = parseQifStatement(
      qif(
        "!Option:AutoSwitch",
        "!Account",
        "NChecking",
        "TBank",
        "^",
        "NSavings",
        "TBank",
        "^",
        "!Clear:AutoSwitch",
        "!Type:Cat",
        "NRent",
        "E",
        "^",
        "!Account",
        "NChecking",
        "TBank",
        "^",
        "!Type:Bank",
        ...txn("01/05/2026", "-1.00"),
        "!Type:Memorized",
        ...txn("01/01/2026", "-9.00", "PTemplate"),
      ),
    );
    expect(s.rows).toHaveLength(1);
    expect(s.explain.find((e) => e.step === "account type")?.evidence).toBe('account "Checking"');
    expect(s.skipped.map((k) => k.text)).toEqual([
      "!Account block (2 account record(s))",
      "!Type:Cat (category list, 1 record(s))",
      "!Account block (1 account record(s))",
      "!Type:Memorized (memorized transactions, 1 record(s))",
    ]);
  });

  it("refuses transactions of several accounts, naming them", () => {
    const error = errorOf(() =>
      parseQifStatement(
        qif("!Account", "NChecking", "TBank", "^", "!Type:Bank", ...txn("01/05/2026", "-1.00"), "!Account", "NVisa", "TCCard", "^", "!Type:CCard", ...txn("01/05/2026", "-2.00")),
      ),
    );
    expect(error.message).toBe(
      'this QIF file holds transactions for 2 accounts ("Checking" (Bank), "Visa" (CCard)); export each account separately and upload them one at a time',
    );
  });

  it("names the line of a missing date or a bad amount", () => {
    const noDate = errorOf(() => parseQifStatement(qif("!Type:Bank", ...txn("01/05/2026", "-1.00"), "T-2.00", "PNo date", "^")));
    expect(noDate.message).toBe("row 5: the transaction starting on line 5 has no date (D line)");
    expect(noDate.location).toEqual({ row: 5 });
    const badAmount = errorOf(() => parseQifStatement(qif("!Type:Bank", ...txn("01/05/2026", "twelve"))));
    expect(badAmount.message).toBe('row 3: amount "twelve" on line 3 is not a number');
    const badDate = errorOf(() => parseQifStatement(qif("!Type:Bank", ...txn("02/30/2026", "-1.00"), ...txn("02/13/2026", "-1.00"))));
    expect(badDate.message).toContain('date "02/30/2026" on line 2 is not a valid date');
    const noAmount = errorOf(() => parseQifStatement(qif("!Type:Bank", "D01/05/2026", "PX", "^")));
    expect(noAmount.message).toContain("has no amount (T line)");
  });

  it("refuses investment accounts and files without transactions", () => {
    expect(errorOf(() => parseQifStatement(qif("!Type:Invst", ...txn("01/05/2026", "1.00")))).message).toContain("investment account");
    expect(errorOf(() => parseQifStatement(qif("!Type:Cat", "NRent", "^"))).message).toContain("no transactions found");
    expect(errorOf(() => parseQifStatement("D01/05/2026\n")).message).toContain('before any "!Type:" header');
  });
});

describe("QIF descriptions", () => {
  it("says a cheque's number once when its payee already says it", () => {
    const s = parseQifStatement(new TextEncoder().encode(qif("!Type:Bank", ...txn("02/01/2026", "-120.00", "PCheque 100234", "N100234"), ...txn("03/01/2026", "-80.00", "PLandlord", "N100235"))));
    expect(s.rows.map((r) => r.description)).toEqual(["Cheque 100234", "Landlord · #100235"]);
  });
});
