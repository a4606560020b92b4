import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { proveBalances } from "./balance.ts";
import { parseCsvStatement } from "./csv.ts";
import { headerCurrency, normalizeHeaderName, roleFromHeader } from "./csv/headers.ts";
import { Decimal } from "./money.ts";
import { parseStatementFile } from "./parse.ts";
import { decodeText } from "./sniff.ts";
import { StatementParseError, type ParsedStatement } from "./statement.ts";
import { errorOf } from "./test-support.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const fixture = (name: string) => parseCsvStatement(decodeText(fixtureBytes(name)));

/** Rows as plain data, for exact comparisons. */
function plain(statement: ParsedStatement) {
  return statement.rows.map((r) => ({
    sourceRow: r.sourceRow,
    date: r.date,
    amount: r.amount.toString(),
    description: r.description,
    ...(r.balance ? { balance: r.balance.toString() } : {}),
  }));
}

const parseError = (text: string): StatementParseError => errorOf(() => parseCsvStatement(text));

function expectProven(statement: ParsedStatement) {
  const proof = proveBalances(statement.rows, statement.openingBalance, statement.closingBalance);
  expect(proof.status, JSON.stringify(proof)).toBe("proven");
}

describe("CSV fixtures", () => {
  it("chase-style.csv: US signed amounts, MM/DD/YYYY, running balance", () => {
    const s = fixture("csv/chase-style.csv");
    expect(s.format).toBe("csv");
    expect(s.rows).toHaveLength(9);
    expect(plain(s).slice(0, 2)).toEqual([
      { sourceRow: 2, date: "2026-01-02", amount: "2418.77", description: "ACH CREDIT STRIPE TRANSFER ST-K2J8X9Q4", balance: "5668.77" },
      { sourceRow: 3, date: "2026-01-05", amount: "-1875.40", description: "GUSTO PAY 260105 ACME CO PAYROLL", balance: "3793.37" },
    ]);
    expect(plain(s)[8]).toEqual({
      sourceRow: 10,
      date: "2026-01-30",
      amount: "986.5",
      description: "ACH CREDIT STRIPE TRANSFER ST-P7M3L1R8",
      balance: "4969.63",
    });
    expect(s.openingBalance?.toString()).toBe("3250.00");
    expect(s.closingBalance?.toString()).toBe("4969.63");
    expect(s.currency).toBeUndefined();
    expect(s.warnings).toEqual([]);
    expectProven(s);
  });

  it("uk-debit-credit.csv: preamble, £ amounts, Paid Out/Paid In", () => {
    const s = fixture("csv/uk-debit-credit.csv");
    expect(plain(s).slice(0, 4)).toEqual([
      { sourceRow: 7, date: "2026-03-02", amount: "-1100.00", description: "HMRC VAT 123456789", balance: "8400.00" },
      { sourceRow: 8, date: "2026-03-03", amount: "2450.00", description: "ACME RETAIL LTD INV 2041", balance: "10850.00" },
      { sourceRow: 9, date: "2026-03-05", amount: "-8.95", description: "PRET A MANGER LONDON", balance: "10841.05" },
      // written "-£1,850.00" in the Paid Out column: still money out
      { sourceRow: 10, date: "2026-03-09", amount: "-1850.00", description: "LANDLORD PROPERTIES RENT", balance: "8991.05" },
    ]);
    expect(s.rows).toHaveLength(8);
    expect(s.openingBalance?.toString()).toBe("9500.00");
    expect(s.closingBalance?.toString()).toBe("9749.77");
    expectProven(s);
  });

  it("de-semicolon.csv: BOM, semicolons, 1.234,56, DD.MM.YYYY, currency", () => {
    const s = fixture("csv/de-semicolon.csv");
    expect(s.rows).toHaveLength(7);
    expect(plain(s)[0]).toEqual({
      sourceRow: 6,
      date: "2026-03-02",
      amount: "3450.00",
      description: "GUTSCHRIFT · Rechnung 2026-017 Müller Maschinenbau GmbH",
      balance: "8660.44",
    });
    expect(plain(s)[4]).toMatchObject({ date: "2026-03-16", amount: "1234.56", balance: "6461.68" });
    expect(plain(s)[6]).toMatchObject({ sourceRow: 12, date: "2026-03-31", amount: "-9.90", description: "ENTGELT · Kontoführung" });
    expect(s.currency).toBe("EUR");
    expect(s.openingBalance?.toString()).toBe("5210.44");
    expect(s.closingBalance?.toString()).toBe("3561.78");
    expectProven(s);
  });

  it("descending.csv: newest first is returned oldest first, same-day rows reversed with it", () => {
    const s = fixture("csv/descending.csv");
    expect(s.rows.map((r) => r.date)).toEqual([
      "2026-04-01", "2026-04-03", "2026-04-03", "2026-04-07", "2026-04-10", "2026-04-10", "2026-04-15", "2026-04-22",
    ]);
    expect(plain(s).slice(1, 3)).toEqual([
      { sourceRow: 8, date: "2026-04-03", amount: "1320.45", description: "Stripe payout", balance: "3824.63" },
      { sourceRow: 7, date: "2026-04-03", amount: "-3.10", description: "Stripe fee adjustment", balance: "3821.53" },
    ]);
    expect(s.rows[0].sourceRow).toBe(9);
    expect(s.openingBalance?.toString()).toBe("2004.18");
    expect(s.closingBalance?.toString()).toBe("3305.81");
    expectProven(s);
  });

  it("tab-delimited.tsv: tabs, Withdrawals/Deposits, '02 Feb 2026', grouped numbers", () => {
    const s = fixture("csv/tab-delimited.tsv");
    expect(plain(s)).toEqual([
      { sourceRow: 2, date: "2026-02-02", amount: "1842.10", description: "Square deposit batch 4471", balance: "7962.10" },
      { sourceRow: 3, date: "2026-02-04", amount: "-1106.35", description: "Sysco Food Services #22901", balance: "6855.75" },
      { sourceRow: 4, date: "2026-02-10", amount: "-412.88", description: "Con Edison electric", balance: "6442.87" },
      { sourceRow: 5, date: "2026-02-13", amount: "2015.60", description: "Square deposit batch 4498", balance: "8458.47" },
      { sourceRow: 6, date: "2026-02-17", amount: "-1390.00", description: "NY State sales tax", balance: "7068.47" },
      { sourceRow: 7, date: "2026-02-26", amount: "-4275.43", description: "ADP payroll", balance: "2793.04" },
    ]);
    expectProven(s);
  });

  it("broken-chain.csv parses, and the proof names line 5", () => {
    const s = fixture("csv/broken-chain.csv");
    expect(s.rows).toHaveLength(6);
    const proof = proveBalances(s.rows, s.openingBalance, s.closingBalance);
    expect(proof).toMatchObject({ status: "broken", sourceRow: 5 });
    if (proof.status === "broken") {
      expect(proof.message).toBe(
        "row 5: running balance 3,331.60 does not follow from the previous balance 3,413.60 + amount -72.00 (expected 3,341.60)",
      );
    }
  });

  it("bad-amount.csv fails the whole file at line 7", () => {
    const error = parseError(decodeText(fixtureBytes("csv/bad-amount.csv")));
    expect(error.message).toBe('row 7: cannot read the amount "12,3,4"');
    expect(error.location).toEqual({ row: 7 });
  });

  it("quoted-multiline.csv: quoted commas, quotes and newlines; line numbers count physical lines", () => {
    const s = fixture("csv/quoted-multiline.csv");
    expect(plain(s)).toEqual([
      { sourceRow: 2, date: "2026-02-02", amount: "1500.00", description: 'ACME, Inc. · Invoice 42 "final" payment' },
      { sourceRow: 3, date: "2026-02-03", amount: "-25.00", description: "Staples · Toner, paper and pens" },
      { sourceRow: 5, date: "2026-02-05", amount: "-7971.39", description: "IRS · Q4 estimated tax 2025 payment" },
      { sourceRow: 8, date: "2026-02-09", amount: "-412.60", description: "Delta Air Lines" },
      { sourceRow: 9, date: "2026-02-11", amount: "75.00", description: 'Refund: "Delta" change fee · Credit memo' },
      { sourceRow: 10, date: "2026-02-12", amount: "-12.34", description: "Bank charge" },
    ]);
    expect(s.warnings).toEqual([]);
    expect(s.skipped).toEqual([{ sourceRow: 11, reason: "summary", text: "Total, -$6,846.33" }]);
    expect(s.openingBalance).toBeUndefined();
    expect(proveBalances(s.rows).status).toBe("unprovable");
  });

  it("latin1-fr.csv: Windows-1252 bytes, 'Libellé' header, '1 234,56', Devise", () => {
    const s = fixture("csv/latin1-fr.csv");
    expect(plain(s)[0]).toEqual({
      sourceRow: 2,
      date: "2026-03-02",
      amount: "1234.56",
      description: "Virement reçu Société Générale — Café Zürich",
      balance: "3834.56",
    });
    expect(s.rows.map((r) => r.description)).toContain("Frais de tenue de compte 8€");
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["1234.56", "-187.42", "-23.80", "-8.00", "-1450.00"]);
    expect(s.currency).toBe("EUR");
    expectProven(s);
  });

  it("header-only.csv: no transactions found", () => {
    expect(parseError(decodeText(fixtureBytes("csv/header-only.csv"))).message).toBe(
      "no transactions found: the header is on line 1 but no row below it has a date and an amount",
    );
  });

  it("pipe-cr-dr.csv: pipes, CR/DR amounts and balances, 02-Feb-2026, AUD", () => {
    const s = fixture("csv/pipe-cr-dr.csv");
    expect(plain(s)).toEqual([
      { sourceRow: 2, date: "2026-02-02", amount: "-54.20", description: "EFTPOS WOOLWORTHS 1234 SYDNEY", balance: "967.98" },
      { sourceRow: 3, date: "2026-02-03", amount: "3200.00", description: "SALARY ACME PTY LTD", balance: "4167.98" },
      { sourceRow: 4, date: "2026-02-09", amount: "-188.65", description: "BPAY ORIGIN ENERGY", balance: "3979.33" },
      { sourceRow: 5, date: "2026-02-14", amount: "75.00", description: "TRANSFER FROM J CITIZEN", balance: "4054.33" },
    ]);
    expect(s.currency).toBe("AUD");
    expectProven(s);
  });

  it("mixed-currency.csv fails naming both currencies and the row", () => {
    const error = parseError(decodeText(fixtureBytes("csv/mixed-currency.csv")));
    expect(error.message).toBe(
      "row 4: this statement mixes currencies (row 2 is in USD, this row is in EUR); upload one file per currency",
    );
  });

  it("missing-amount.csv says what the header has and lacks", () => {
    expect(parseError(decodeText(fixtureBytes("csv/missing-amount.csv"))).message).toBe(
      'row 1: the header row has columns for date ("Date"), description ("Description"), reference ("Reference") but no amount column (expected Amount, or Debit and Credit)',
    );
  });

  it("ambiguous-dates.csv: month-first assumed because it keeps the order, with a warning", () => {
    const s = fixture("csv/ambiguous-dates.csv");
    expect(s.rows.map((r) => r.date)).toEqual(["2026-01-02", "2026-01-05", "2026-01-09", "2026-02-03", "2026-02-11", "2026-03-04"]);
    expect(s.warnings).toEqual([
      'dates such as "01/02/2026" could be day-first or month-first; assumed month-first, MM/DD/YYYY because that keeps the dates in order',
    ]);
  });

  it("every CSV fixture either parses or fails with a StatementParseError", async () => {
    for (const name of readdirSync(path.join(FIXTURES, "csv"))) {
      const outcome = await parseStatementFile(fixtureBytes(`csv/${name}`));
      if (!outcome.ok) expect(outcome.format, name).toBe("csv");
    }
  });
});

describe("demo statements", () => {
  const months = ["2026-07", "2026-08", "2026-09", "2026-10"];
  const statements = months.map((m) => fixture(`demo/${m}.csv`));

  it("are four months of 25–45 rows each, all in that month, in USD-style plain amounts", () => {
    statements.forEach((s, i) => {
      expect(s.rows.length).toBeGreaterThanOrEqual(25);
      expect(s.rows.length).toBeLessThanOrEqual(45);
      expect(s.rows.every((r) => r.date.startsWith(months[i]))).toBe(true);
      expect(s.rows.every((r) => r.amount.scale === 2)).toBe(true);
      expect(s.warnings).toEqual([]);
    });
  });

  it("chain exactly within each month", () => {
    for (const s of statements) expectProven(s);
  });

  it("chain across months: each opening is the previous closing", () => {
    for (let i = 1; i < statements.length; i++) {
      expect(statements[i].openingBalance!.eq(statements[i - 1].closingBalance!)).toBe(true);
    }
    expect(statements[0].openingBalance!.toString()).toBe("84215.37");
  });

  it("never go negative", () => {
    for (const s of statements) expect(s.rows.every((r) => !r.balance!.isNegative())).toBe(true);
  });
});

describe("column names a bank's export may use", () => {
  it("splits camel case: RunningBalance is the running balance, CheckNumber a reference", () => {
    expect(normalizeHeaderName("RunningBalance")).toBe("running balance");
    expect(roleFromHeader("RunningBalance")).toEqual({ role: "balance", exact: true });
    expect(roleFromHeader("CheckNumber")).toEqual({ role: "reference", exact: true });
    expect(roleFromHeader("CdtDbtInd")).toEqual({ role: "direction", exact: true });
  });

  it("knows Norwegian Ut fra konto / Inn på konto and Swedish Rubrik, so their files read with no guessing", () => {
    expect(roleFromHeader("Ut fra konto")).toEqual({ role: "debit", exact: true });
    expect(roleFromHeader("Inn på konto")).toEqual({ role: "credit", exact: true });
    expect(roleFromHeader("Rubrik")).toEqual({ role: "description", exact: true });
    const dnb = parseCsvStatement(
      ['"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"', '"02.03.2026";"Husleie mars";"02.03.2026";"120,50";""', '"03.03.2026";"Lønn";"03.03.2026";"";"2000,00"'].join("\n"),
    );
    expect(plain(dnb).map((r) => [r.date, r.amount, r.description])).toEqual([
      ["2026-03-02", "-120.50", "Husleie mars"],
      ["2026-03-03", "2000.00", "Lønn"],
    ]);
    // The names columns empty, the text in Rubrik: every row keeps its text.
    const nordea = parseCsvStatement(
      ["Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta", "2026-03-02;-120,50;;;;Hyra mars;4879,50;SEK", "2026-03-05;-45,99;;;;ICA Supermarket;4833,51;SEK"].join("\n"),
    );
    expect(plain(nordea).map((r) => r.description)).toEqual(["Hyra mars", "ICA Supermarket"]);
  });

  it("reads a name with a bare currency after it as the name: Finnish Määrä EUROA, Saldo CHF, Gutschrift in CHF", () => {
    expect(roleFromHeader("Määrä EUROA")).toEqual({ role: "amount", exact: true });
    expect(roleFromHeader("Saldo CHF")).toEqual({ role: "balance", exact: true });
    expect(roleFromHeader("Débit euros")).toEqual({ role: "debit", exact: true });
    expect(roleFromHeader("Gutschrift in CHF")).toEqual({ role: "credit", exact: true });
    // Lower case is a word, not a code.
    expect(roleFromHeader("Amount all")).toEqual({ role: "amount", exact: false });
    const op = parseCsvStatement(
      ["Kirjauspäivä;Arvopäivä;Määrä EUROA;Laji;Selitys;Saaja/Maksaja;Viesti", "02.03.2026;02.03.2026;-1250,00;106;TILISIIRTO;Kiinteistö Oy;Vuokra", "04.03.2026;04.03.2026;+3400,00;710;TILISIIRTO;Asiakas Oy;Lasku 1043"].join("\n"),
    );
    expect(op.confidence).toBe("high");
    expect(op.currency).toBe("EUR");
    expect(plain(op).map((r) => [r.date, r.amount])).toEqual([
      ["2026-03-02", "-1250.00"],
      ["2026-03-04", "3400.00"],
    ]);
  });

  it("reads a currency unit in brackets after a name as the column's currency: 출금액(원), 金額（円）, Сума (₴)", () => {
    expect(normalizeHeaderName("출금액(원)")).toBe(normalizeHeaderName("출금액"));
    expect(roleFromHeader("입금액(원)")).toEqual({ role: "credit", exact: true });
    expect(headerCurrency("잔액(원)")).toBe("KRW");
    expect(headerCurrency("金額（円）")).toBe("JPY");
    expect(headerCurrency("Сума (₴)")).toBe("UAH");
    expect(headerCurrency("Betrag (€)")).toBe("EUR");
    // A word in brackets is part of the name (원금: the principal).
    expect(normalizeHeaderName("금액(원금)")).not.toBe(normalizeHeaderName("금액"));
  });

  it("finds Korean keywords in names not listed (출금금액: money out), though NFD spells the name's syllables in letters", () => {
    expect(roleFromHeader("출금금액")).toEqual({ role: "debit", exact: false });
    expect(roleFromHeader("거래후 잔액")).toEqual({ role: "balance", exact: false });
  });

  it("reads gendered names as their word: Zahlungsempfänger*in is the payee, Zahlungspflichtige*r the payer", () => {
    expect(roleFromHeader("Zahlungsempfänger*in")).toEqual({ role: "payee", exact: true });
    expect(roleFromHeader("Zahlungspflichtige*r")).toEqual({ role: "payer", exact: true });
    expect(roleFromHeader("Empfänger:in")).toEqual({ role: "payee", exact: true });
    expect(roleFromHeader("Payer")).toEqual({ role: "payer", exact: true });
  });

  it("leaves a placeholder for 'none' out of the description: an Indian export's '-' cheque number", () => {
    expect(roleFromHeader("Cheque No.")).toEqual({ role: "reference", exact: true });
    const icici = parseCsvStatement(
      [
        "S No.,Value Date,Transaction Date,Cheque Number,Transaction Remarks,Withdrawal Amount (INR ),Deposit Amount (INR ),Balance (INR )",
        '1,02/03/2026,02/03/2026,-,UPI/PRET/123,450.00,0.00,"99,550.00"',
        '2,03/03/2026,03/03/2026,004512,NEFT ACME SALARY,0.00,"1,20,000.00","2,19,550.00"',
        '3,05/03/2026,05/03/2026,N/A,UPI/TESCO/456,"2,310.00",0.00,"2,17,240.00"',
      ].join("\n"),
    );
    expect(plain(icici).map((r) => [r.date, r.amount, r.description])).toEqual([
      ["2026-03-02", "-450.00", "UPI/PRET/123"],
      ["2026-03-03", "120000.00", "NEFT ACME SALARY · 004512"],
      ["2026-03-05", "-2310.00", "UPI/TESCO/456"],
    ]);
  });

  it("keeps a row with no booking date yet out of the ledger as pending, dated when it was made (Up's empty Settled Date)", () => {
    const up = parseCsvStatement(
      [
        "Time,BSB / Account Number,Transaction Type,Payee,Description,Category,Tags,Subtotal (AUD),Currency,Subtotal (Transaction Currency),Round Up (AUD),Total (AUD),Payment Method,Settled Date",
        "2026-03-05 18:30:00,633-123 123456789,Purchase,Woolworths,WOOLWORTHS 1234 SYDNEY,groceries,,-23.10,AUD,-23.10,-0.90,-24.00,card,",
        "2026-03-03 10:00:00,633-123 123456789,Transfer,Acme Pty Ltd,Salary,,,1200.00,AUD,1200.00,0.00,1200.00,,2026-03-03",
        "2026-03-02 09:12:01,633-123 123456789,Purchase,Pret A Manger,PRET A MANGER SYDNEY,restaurants-and-cafes,,-4.50,AUD,-4.50,-0.50,-5.00,card,2026-03-04",
      ].join("\n"),
    );
    // Settled rows are dated when they settled (the posting date), the unsettled one is pending.
    expect(plain(up).map((r) => [r.date, r.amount])).toEqual([
      ["2026-03-03", "1200.00"],
      ["2026-03-04", "-5.00"],
    ]);
    expect(up.pending.map((r) => [r.date, r.amount.toString()])).toEqual([["2026-03-05", "-24.00"]]);
    // A time-of-day column beside a date is no date: ignored by its values.
    const monzo = parseCsvStatement(["Date,Time,Name,Amount", "02/03/2026,09:12:01,Pret,-4.50", "13/03/2026,10:00:00,Acme,1200.00"].join("\n"));
    expect(plain(monzo).map((r) => [r.date, r.amount])).toEqual([
      ["2026-03-02", "-4.50"],
      ["2026-03-13", "1200.00"],
    ]);
  });

  it("reads a numbered column as its kind: Description1, Memo 2", () => {
    expect(roleFromHeader(" Description1")).toEqual({ role: "description", exact: true });
    expect(roleFromHeader("Description3")).toEqual({ role: "description", exact: true });
    expect(roleFromHeader("Memo 2")).toEqual({ role: "description", exact: true });
    // Not any trailing number: a name that is not listed stays unknown.
    expect(roleFromHeader("Field 7")).toBeUndefined();
  });

  it("knows narration, remarks, German compounds ending in -text, and a partner's name", () => {
    for (const name of ["Narration", "Transaction Remarks", "Avisierungstext", "Payment Reference"]) {
      expect(roleFromHeader(name)?.role, name).toBe("description");
    }
    expect(roleFromHeader("Zahlungsverkehrstext")?.role).toBe("description");
    expect(roleFromHeader("Partner Name")?.role).toBe("payee");
    expect(roleFromHeader("Partnername")?.role).toBe("payee");
    expect(roleFromHeader("Partner IBAN")?.role).toBe("ignore");
  });

  it("takes the text column as the description by its content when no name says so, without lowering confidence", () => {
    const s = parseCsvStatement(
      "Datum;Vorgangsbeschreibung XY;Kennung;Betrag\n" +
        "02.01.2026;Miete Januar Hausverwaltung;K1;-1.200,00\n" +
        "05.01.2026;Rechnung 2041 Berger GmbH;K2;3.450,00\n" +
        "09.01.2026;Kartenzahlung REWE;K3;-42,10\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual(["Miete Januar Hausverwaltung", "Rechnung 2041 Berger GmbH", "Kartenzahlung REWE"]);
    expect(s.confidence).toBe("high");
    expect(s.explain).toContainEqual({
      step: "column 2",
      decision: "description",
      evidence: 'header "Vorgangsbeschreibung XY", not a name known for it: taken as the description by its content',
    });
  });

  it("leaves out the counterparty's coordinates, the account holder's own name, and prefers the counterparty as payee", () => {
    const header = "Rekeningnummer;Naam;Datum;Omschrijving;Bedrag;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;Vrije mededeling\n";
    const rows = ["KLANT NV;1.250,00;Factuur 1", "ENGIE;-110,00;", "LEVERANCIER BV;-600,00;Factuur 7781", "KLANT NV;900,00;Factuur 2", "ENGIE;-95,00;"].map(
      (r, i) => {
        const [who, amount, message] = r.split(";");
        return `BE68 5390 0754 7034;ACME BV;0${i + 2}/01/2024;OVERSCHRIJVING ${who};${amount};BE71 0961 2345 6769;GKCCBEBB;${who};Kerkstraat 1 Antwerpen;${message}`;
      },
    );
    const s = parseCsvStatement(header + rows.join("\n") + "\n");
    expect(s.rows[0]).toMatchObject({ payee: "KLANT NV", description: "OVERSCHRIJVING KLANT NV · Factuur 1" });
    expect(s.rows.map((r) => r.description).join(" ")).not.toMatch(/ACME|GKCCBEBB|BE71|Kerkstraat/);
    expect(roleFromHeader("BIC tegenpartij")?.role).toBe("ignore");
    expect(roleFromHeader("Partner Kontonummer")?.role).toBe("ignore");
  });

  it("leaves it to a named payee when there is one (no text column is taken by content then)", () => {
    const s = parseCsvStatement("Date,Counterparty,Notiz X,Amount\n2026-01-02,ACME LTD,inv 1,10.00\n2026-01-03,BETA LLC,inv 2,-4.00\n");
    expect(s.rows.map((r) => [r.payee, r.description])).toEqual([["ACME LTD", "ACME LTD"], ["BETA LLC", "BETA LLC"]]);
  });
});

describe("parseCsvStatement details", () => {
  it("skips blank lines and counts them in line numbers", () => {
    const s = parseCsvStatement("Date,Description,Amount\n\n2026-01-02,A,1.00\n   \n,,\n2026-01-03,B,2.00\n");
    expect(s.rows.map((r) => r.sourceRow)).toEqual([3, 6]);
    expect(s.warnings).toEqual([]);
  });

  it("handles CRLF, lone CR and a trailing line without newline", () => {
    const s = parseCsvStatement("Date,Description,Amount\r\n2026-01-02,A,1.00\r2026-01-03,B,2.00");
    expect(s.rows.map((r) => [r.sourceRow, r.amount.toString()])).toEqual([[2, "1.00"], [3, "2.00"]]);
  });

  it("reads an undated opening balance line as the opening balance, and reports it as skipped", () => {
    const s = parseCsvStatement("Date,Description,Amount,Balance\n,Opening balance,,100.00\n2026-01-02,A,1.00,101.00\n");
    expect(s.rows).toHaveLength(1);
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.skipped).toEqual([{ sourceRow: 2, reason: "balance-line", text: "Opening balance, 100.00" }]);
    expect(s.warnings).toEqual([]);
  });

  it("skips dated balance lines, but not dated rows without amounts", () => {
    const ok = parseCsvStatement("Date,Description,Amount,Balance\n2026-01-01,Balance brought forward,,100.00\n2026-01-02,A,1.00,101.00\n");
    expect(ok.rows).toHaveLength(1);
    expect(ok.skipped).toMatchObject([{ sourceRow: 2, reason: "balance-line" }]);
    expect(ok.openingBalance?.toString()).toBe("100.00");
    expect(parseError("Date,Description,Amount\n2026-01-02,Coffee,\n").message).toBe("row 2: there is a date but no amount");
  });

  it("fails on an amount without a date (a payee named 'Totally …' is not a total line)", () => {
    expect(parseError("Date,Description,Amount\n2026-01-02,A,1.00\n,Coffee,-3.50\n").message).toBe(
      "row 3: there is an amount but no date",
    );
    expect(parseError("Date,Description,Amount\n2026-01-02,A,1.00\n,Totally Fresh Ltd,-3.50\n").message).toBe(
      "row 3: there is an amount but no date",
    );
  });

  it("fails on unreadable or impossible dates, saying which order the file uses", () => {
    // A day past its month's end is named as such: the person fixing the file sees what is wrong.
    expect(parseError("Date,Description,Amount\n2026-02-30,A,1.00\n").message).toBe('row 2: "2026-02-30" is no date: February 2026 has 28 days');
    expect(parseError("Date,Description,Amount\n13/01/2026,A,1.00\n31/04/2026,B,1.00\n").message).toBe(
      'row 3: "31/04/2026" is no date: April 2026 has 30 days (dates in this file are day-first, DD/MM/YYYY)',
    );
    expect(parseError("Datum;Text;Betrag\n01.02.2025;Kaffee;-3,50\n29.02.2025;Miete;-900,00\n").message).toBe(
      'row 3: "29.02.2025" is no date: 2025 is not a leap year, so February has 28 days (dates in this file are day-first, DD/MM/YYYY)',
    );
    expect(parseError("Date,Description,Amount\n13/01/2026,A,1.00\n01/13/2026,B,1.00\n").message).toBe(
      'row 3: cannot read the date "01/13/2026" (dates in this file are day-first, DD/MM/YYYY)',
    );
    expect(parseError("Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-0x,B,2.00\n").message).toBe(
      'row 3: cannot read the date "2026-01-0x"',
    );
  });

  it("fails on unreadable balances and debit/credit values", () => {
    expect(parseError("Date,Description,Amount,Balance\n2026-01-02,A,1.00,lots\n").message).toBe(
      'row 2: cannot read the balance "lots"',
    );
    expect(parseError("Date,Description,Debit,Credit\n2026-01-02,A,abc,\n").message).toBe('row 2: cannot read the debit "abc"');
  });

  it("rejects a row with both debit and credit filled, but accepts a zero in the other column", () => {
    expect(parseError("Date,Description,Debit,Credit\n2026-01-02,A,5.00,6.00\n").message).toBe(
      'row 2: both debit "5.00" and credit "6.00" are filled in',
    );
    const s = parseCsvStatement("Date,Description,Debit,Credit\n2026-01-02,A,5.00,0.00\n2026-01-03,B,0.00,6.00\n2026-01-04,C,-7.00,\n");
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-5.00", "6.00", "-7.00"]);
  });

  it("fails on an unclosed quote at the row where it starts", () => {
    expect(parseError('Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-03,"B,2.00\n2026-01-04,C,3.00\n').message).toBe(
      "row 3: a quoted field is never closed",
    );
  });

  it("finds the header below up to 60 lines of preamble; beyond that reads the table without one", () => {
    const preamble = Array.from({ length: 59 }, (_, i) => `Note ${i}: something`).join("\n");
    const found = parseCsvStatement(`${preamble}\nDate,Description,Amount\n2026-01-02,A,1.00\n`);
    expect(found.rows[0].sourceRow).toBe(61);
    expect(found.explain).toContainEqual(expect.objectContaining({ step: "header row", decision: "line 60" }));
    const beyond = parseCsvStatement(`${preamble}\nmore\nDate,Description,Amount\n2026-01-02,A,1.00\n`);
    expect(beyond.rows.map((r) => [r.sourceRow, r.date, r.amount.toString(), r.description])).toEqual([[62, "2026-01-02", "1.00", "A"]]);
    expect(beyond.explain).toContainEqual(expect.objectContaining({ step: "header row", decision: "none, inferred" }));
  });

  it("reports a header without a date column", () => {
    expect(parseError("Description,Amount,Balance\nA,1.00,1.00\n").message).toBe(
      'row 1: the header row has columns for description ("Description"), amount ("Amount"), balance ("Balance") but no date column (expected Date, Transaction Date, Posting Date …)',
    );
  });

  it("reports a date column without dates, naming a spreadsheet's serial dates as such", () => {
    expect(parseError("Date,Description,Amount\n46083,COFFEE,-4.50\n46084,DEPOSIT,100.00\n46090,RENT,-800.00\n").message).toBe(
      'row 1: column "Date" holds no dates (e.g. "46083"); numbers like this are spreadsheet serial dates — format the column as dates in the spreadsheet before saving it as CSV',
    );
    expect(parseError("Date,Description,Amount\nsoon,COFFEE,-4.50\nlater,DEPOSIT,100.00\nnever,RENT,-800.00\n").message).toBe('row 1: column "Date" holds no dates (e.g. "soon")');
  });

  it("reports a debit column without a credit column", () => {
    expect(parseError("Date,Memo,Debit\n2026-01-02,A,1.00\n").message).toContain(
      "no credit column to go with the debit column (or a single Amount column)",
    );
  });

  it("matches headers case-insensitively, with accents, colons and currency suffixes", () => {
    const s = parseCsvStatement("  DATE OPÉRATION ;LIBELLÉ:;Montant (EUR)\n02/03/2026;Café;-3,50\n");
    expect(plain(s)).toEqual([{ sourceRow: 2, date: "2026-03-02", amount: "-3.50", description: "Café" }]);
    expect(s.currency).toBe("EUR");
  });

  it("uses a value date only when there is no booking date", () => {
    const withBoth = parseCsvStatement("Value Date,Booking Date,Details,Amount\n2026-01-05,2026-01-04,A,1.00\n");
    expect(withBoth.rows[0].date).toBe("2026-01-04");
    const valueOnly = parseCsvStatement("Value Date,Details,Amount\n2026-01-05,A,1.00\n");
    expect(valueOnly.rows[0].date).toBe("2026-01-05");
  });

  it("joins description-like columns in column order, skipping empty and repeated ones", () => {
    const s = parseCsvStatement("Date,Payee,Amount,Memo,Reference\n2026-01-02,ACME,1.00,,ACME\n2026-01-03,,2.00,Note,R-1\n");
    expect(s.rows.map((r) => r.description)).toEqual(["ACME", "Note"]);
    // A reference column unique per row is the bank's id, not description text.
    expect(s.rows.map((r) => r.bankId)).toEqual(["ACME", "R-1"]);
    const shared = parseCsvStatement("Date,Memo,Amount,Reference\n2026-01-02,A,1.00,X\n2026-01-03,B,2.00,X\n");
    expect(shared.rows.map((r) => [r.description, r.bankId])).toEqual([["A · X", undefined], ["B · X", undefined]]);
  });

  it("decides the decimal separator per column", () => {
    // The amount column alone is ambiguous ("1,234"); the balance column shows commas are decimal.
    const s = parseCsvStatement("Datum;Text;Betrag;Saldo\n01.02.2026;A;1,234;10,50\n");
    expect(s.rows[0].amount.toString()).toBe("1.234");
    const us = parseCsvStatement('Date,Description,Amount\n2026-01-02,A,"1,234"\n2026-01-03,B,"2,000.50"\n');
    expect(us.rows.map((r) => r.amount.toString())).toEqual(["1234", "2000.50"]);
  });

  it("falls back to the delimiter's convention when nothing in the file tells", () => {
    expect(parseCsvStatement("Datum;Text;Betrag\n01.02.2026;A;1,234\n").rows[0].amount.toString()).toBe("1.234");
    expect(parseCsvStatement('Date,Text,Amount\n2026-02-01,A,"1,234"\n').rows[0].amount.toString()).toBe("1234");
  });

  it("takes the currency from a header suffix and checks it against a currency column", () => {
    expect(parseCsvStatement("Date,Description,Amount (GBP)\n2026-01-02,A,1.00\n").currency).toBe("GBP");
    expect(parseError("Date,Description,Amount (GBP),Currency\n2026-01-02,A,1.00,EUR\n").message).toBe(
      "row 2: this statement mixes currencies (the header says GBP, this row is in EUR); upload one file per currency",
    );
    expect(parseError("Date,Description,Amount,Currency\n2026-01-02,A,1.00,dollars\n").message).toBe(
      'row 2: cannot read the currency "dollars"',
    );
    expect(parseCsvStatement("Date,Description,Amount,Currency\n2026-01-02,A,1.00,eur\n2026-01-03,B,1.00,\n").currency).toBe("EUR");
  });

  it("keeps extra decimals exactly as written", () => {
    const s = parseCsvStatement("Date,Description,Amount\n2026-01-02,A,0.125\n2026-01-03,B,-1.2345\n");
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["0.125", "-1.2345"]);
  });

  it("orders a same-day file by its running balance", () => {
    const newestFirst = "Date,Description,Amount,Balance\n2026-01-02,C,3.00,106.00\n2026-01-02,B,2.00,103.00\n2026-01-02,A,1.00,101.00\n";
    const s = parseCsvStatement(newestFirst);
    expect(s.rows.map((r) => r.description)).toEqual(["A", "B", "C"]);
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.closingBalance?.toString()).toBe("106.00");
    const oldestFirst = "Date,Description,Amount,Balance\n2026-01-02,A,1.00,101.00\n2026-01-02,B,2.00,103.00\n";
    expect(parseCsvStatement(oldestFirst).rows.map((r) => r.description)).toEqual(["A", "B"]);
  });

  it("warns when dates are out of order and keeps the file order", () => {
    const s = parseCsvStatement("Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-05,B,1.00\n2026-01-03,C,1.00\n2026-01-09,D,1.00\n");
    expect(s.rows.map((r) => r.description)).toEqual(["A", "B", "C", "D"]);
    expect(s.warnings).toEqual(["the dates are not in order (row 4 goes back to 2026-01-03); rows were kept in the file's order"]);
  });

  it("derives opening and closing around rows without balances", () => {
    const s = parseCsvStatement("Date,Description,Amount,Balance\n2026-01-01,A,1.00,\n2026-01-02,B,2.00,103.00\n2026-01-03,C,4.00,\n");
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.closingBalance?.toString()).toBe("107.00");
    expectProven(s);
  });

  it("has no opening or closing without a balance column", () => {
    const s = parseCsvStatement("Date,Description,Amount\n2026-01-02,A,1.00\n");
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
    expect(s.warnings).toEqual([]);
  });

  it("says how many lines were skipped when nothing is left", () => {
    expect(parseError("Date,Description,Amount\nTotal,,\n,Footer text,\n").message).toBe(
      "no transactions found: the header is on line 1 but no row below it has a date and an amount (2 lines were skipped)",
    );
  });

  it("rejects text that is not a statement", () => {
    expect(parseError("hello world\nthis is a letter\n").message).toMatch(/^no header row found/);
    expect(parseError("").message).toMatch(/^no header row found/);
  });

  it("returns amounts as Decimals", () => {
    expect(parseCsvStatement("Date,Description,Amount\n2026-01-02,A,1.00\n").rows[0].amount).toBeInstanceOf(Decimal);
  });
});

describe("parseStatementFile", () => {
  it("parses CSV bytes", async () => {
    const outcome = await parseStatementFile(fixtureBytes("csv/chase-style.csv"));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.statement.rows).toHaveLength(9);
  });

  it("keeps the format and a precise message when a CSV fails", async () => {
    expect(await parseStatementFile(fixtureBytes("csv/bad-amount.csv"))).toEqual({
      ok: false,
      format: "csv",
      error: 'row 7: cannot read the amount "12,3,4"',
      location: { row: 7 },
    });
  });

  it("hands a PDF to the PDF parser", async () => {
    const outcome = await parseStatementFile(fixtureBytes("pdf/text-statement.pdf"));
    expect(outcome.ok && outcome.statement.format).toBe("pdf");
    if (!outcome.ok) return;
    expect(plain(outcome.statement)).toEqual([
      { sourceRow: 5, date: "2026-03-02", amount: "2310.45", description: "Stripe payout", balance: "14790.45" },
      { sourceRow: 6, date: "2026-03-03", amount: "-6125.00", description: "Gusto payroll", balance: "8665.45" },
      { sourceRow: 7, date: "2026-03-09", amount: "-412.18", description: "AWS", balance: "8253.27" },
      { sourceRow: 8, date: "2026-03-15", amount: "1500.00", description: "Customer payment - Harbor Dental", balance: "9753.27" },
      { sourceRow: 9, date: "2026-03-31", amount: "-15.00", description: "Monthly service fee", balance: "9738.27" },
    ]);
    expect(outcome.statement.openingBalance?.toString()).toBe("12480.00");
    expect(outcome.statement.closingBalance?.toString()).toBe("9738.27");
  });

  it("returns the sniffer's reason for other files, without a format", async () => {
    expect(await parseStatementFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({
      ok: false,
      error: "this is an image (PNG), not a statement; upload the bank's CSV or PDF export",
    });
  });
});
