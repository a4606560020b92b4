/**
 * The engine end to end on small texts: number and date dialects, direction columns,
 * preambles and footers, files without a header, pending and continuation rows, sign rules.
 */
import { describe, expect, it } from "vitest";
import { proveBalances } from "../balance.ts";
import { StatementParseError, type ParsedStatement } from "../statement.ts";
import { parseCsvStatement, type CsvParseOptions } from "./statement.ts";
import { detectCsvLayout } from "./detect.ts";
import { errorOf } from "../test-support.ts";

const parse = (text: string, options?: CsvParseOptions) => parseCsvStatement(text, options);
const amounts = (s: ParsedStatement) => s.rows.map((r) => r.amount.toString());
const dates = (s: ParsedStatement) => s.rows.map((r) => r.date);
const parseError = (text: string, options?: CsvParseOptions): StatementParseError => errorOf(() => parseCsvStatement(text, options));
const step = (s: ParsedStatement, name: string) => s.explain.find((e) => e.step === name);

describe("numbers", () => {
  it.each([
    ["1,234.56", "1234.56"],
    ["-12.34", "-12.34"],
    ["12.34-", "-12.34"],
    ["(12.34)", "-12.34"],
    ["$-25.00", "-25.00"],
    ["-$7,971.39", "-7971.39"],
    ["- $220.00", "-220.00"],
    ["+ £1,100.00", "1100.00"],
    ["12.34 CR", "12.34"],
    ["12.34 DR", "-12.34"],
    ["1'234.56", "1234.56"],
    ["USD 5.00", "5.00"],
    ["3,87,254.00", "387254.00"],
  ])("point files: %j → %s", (cell, expected) => {
    const s = parse(`Date,Description,Amount\n2026-01-02,A,"${cell}"\n2026-01-03,B,"1,000.50"\n`);
    expect(s.rows[0].amount.toString()).toBe(expected);
  });

  it.each([
    ["1.234,56", "1234.56"],
    ["1 234,56", "1234.56"],
    ["1\u00a0234,56", "1234.56"],
    ["1\u202f234,56", "1234.56"],
    ["-45,90", "-45.90"],
    ["12,34-", "-12.34"],
    ["1.234,56 €", "1234.56"],
    ["EUR -3,00", "-3.00"],
  ])("comma files: %j → %s", (cell, expected) => {
    const s = parse(`Datum;Text;Betrag\n02.01.2026;A;${cell}\n03.01.2026;B;1.000,50\n`);
    expect(s.rows[0].amount.toString()).toBe(expected);
  });

  it("decides the separator per column from the whole file, not per cell", () => {
    // "1,234" alone is ambiguous; the rest of the column settles it.
    const us = parse('Date,Description,Amount\n2026-01-02,A,"1,234"\n2026-01-03,B,"2,000.50"\n');
    expect(amounts(us)).toEqual(["1234", "2000.50"]);
    const eu = parse("Datum;Text;Betrag\n02.01.2026;A;1,234\n03.01.2026;B;7,50\n");
    expect(amounts(eu)).toEqual(["1.234", "7.50"]);
    expect(step(eu, "decimal separator")?.decision).toBe("comma");
  });

  it("names the row of an amount it cannot read", () => {
    expect(parseError("Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-03,B,1.2.3\n").message).toBe('row 3: cannot read the amount "1.2.3"');
  });
});

describe("placeholder dates", () => {
  it("takes a row dated 1900-01-01 or 01/01/0001 as not booked yet: pending, out of the ledger, said once", () => {
    const s = parse("Date,Description,Amount,Balance\n2026-03-01,Coffee,-4.50,995.50\n2026-03-02,Client,100.00,1095.50\n1900-01-01,Card authorization SHELL,-40.00,\n0001-01-01,Card authorization BP,-12.00,\n");
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2026-03-01", "-4.50"], ["2026-03-02", "100.00"]]);
    expect(s.pending.map((r) => r.description)).toEqual(["Card authorization SHELL", "Card authorization BP"]);
    expect(s.warnings).toEqual(['2 rows are dated "1900-01-01" (the first, row 4), a placeholder rather than a booking date: taken as not booked yet (pending) and left out of the ledger']);
  });

  it("keeps old but real dates", () => {
    const s = parse("Date,Description,Amount\n1987-03-01,Coffee,-4.50\n1987-03-02,Client,100.00\n");
    expect(s.rows.map((r) => r.date)).toEqual(["1987-03-01", "1987-03-02"]);
    expect(s.pending).toEqual([]);
  });
});

describe("amounts that read two ways", () => {
  it("reads \"1.500\" by the file's convention when no amount settles it, and lets a person confirm (low confidence, said why)", () => {
    const german = parse("Buchungstag;Verwendungszweck;Betrag\n01.03.2026;Miete;-1.500\n02.03.2026;Kunde;2.250\n03.03.2026;Gebühr;-12\n");
    expect(amounts(german)).toEqual(["-1500", "2250", "-12"]);
    expect(german.confidence).toBe("low");
    expect(step(german, "confidence")?.evidence).toBe(
      'guessed: "-1.500" was read as 1500 by the file\'s convention (decimal comma); no amount shows which mark is the decimal one, and it could be 1.5',
    );
    const english = parse("Date,Description,Amount\n2026-03-01,Rent,-1.500\n2026-03-02,Client,2.250\n");
    expect(amounts(english)).toEqual(["-1.500", "2.250"]);
    expect(english.confidence).toBe("low");
    expect(step(english, "confidence")?.evidence).toContain('"-1.500" was read as 1.5 by the file\'s convention (decimal point)');
  });

  it("is certain when one amount shows the decimal mark, or when no amount could read two ways", () => {
    expect(parse("Buchungstag;Verwendungszweck;Betrag\n01.03.2026;Miete;-1.500\n02.03.2026;Kunde;12,50\n").confidence).toBe("high");
    expect(parse("Date,Description,Amount\n2026-03-01,Rent,-1500\n2026-03-02,Client,22.5\n").confidence).toBe("high");
  });
});

describe("a delimiter left unquoted inside a text", () => {
  it("reads the row whole when only one text column can hold the extra pieces, and says so", () => {
    const s = parse("Date,Description,Amount,Balance\n2026-03-01,Coffee,-4.50,995.50\n2026-03-02,ACME, INC,-500.00,495.50\n2026-03-03,Smith, Jones, and Co,1000.00,1495.50\n");
    expect(s.rows.map((r) => [r.description, r.amount.toString(), r.balance?.toString()])).toEqual([
      ["Coffee", "-4.50", "995.50"],
      ["ACME, INC", "-500.00", "495.50"],
      ["Smith, Jones, and Co", "1000.00", "1495.50"],
    ]);
    expect(s.warnings).toContain('2 rows have more fields than the header: a text held the delimiter without quotes and was read whole (first row 3: "ACME, INC")');
  });

  it("names the cause when two text columns could each hold the pieces (nothing is guessed)", () => {
    expect(parseError("Date,Payee,Memo,Amount\n2026-03-01,Coffee,Latte,-4.50\n2026-03-02,ACME, INC,Invoice 5,-500.00\n").message).toBe(
      'row 3: cannot read the amount "Invoice 5" — the row has 5 fields where the header has 4: a text with a "," in it is probably not in quotes; export the file again, or put that text in quotes',
    );
  });

  it("leaves rows alone that read as they are: empty trailing fields, or an unnamed extra column", () => {
    const trailing = parse("Date,Description,Amount\n2026-03-01,Coffee,-4.50,,\n2026-03-02,Tea,-3.00,\n");
    expect(trailing.rows.map((r) => r.description)).toEqual(["Coffee", "Tea"]);
    expect(trailing.warnings).toEqual([]);
    const unnamed = parse("Date,Description,Amount\n2026-03-01,Coffee,-4.50,note a\n2026-03-02,Tea,-3.00,note b\n");
    expect(unnamed.rows.map((r) => [r.description, r.amount.toString()])).toEqual([["Coffee", "-4.50"], ["Tea", "-3.00"]]);
    expect(unnamed.warnings.join()).not.toMatch(/more fields/);
  });
});

describe("dates", () => {
  it.each([
    ["2026-02-10", "2026-02-10"],
    ["20260210", "2026-02-10"],
    ["10.02.2026", "2026-02-10"],
    ["10.02.26", "2026-02-10"],
    ["2026.02.10.", "2026-02-10"],
    ["10 Feb 18", "2018-02-10"],
    ["Feb 10, 2026", "2026-02-10"],
    ["10. Februar 2026", "2026-02-10"],
    ["10 févr. 2026", "2026-02-10"],
    ["10 februari 2026", "2026-02-10"],
    ["10 de febrero de 2026", "2026-02-10"],
    ["10 feb 2026", "2026-02-10"],
    ["10-mrt-2026", "2026-03-10"],
    ["1 dicembre 2026", "2026-12-01"],
    ["3 março 2026", "2026-03-03"],
    ["Mär 3, 2026", "2026-03-03"],
    ["2026-02-10T08:00:00Z", "2026-02-10"],
  ])("%j → %s", (cell, expected) => {
    expect(dates(parse(`Date,Description,Amount\n"${cell}",A,1.00\n`))).toEqual([expected]);
  });

  it("decides DD/MM vs MM/DD for the whole file from any unambiguous date", () => {
    const dayFirst = parse("Date,Description,Amount\n01/02/2026,A,1.00\n13/02/2026,B,1.00\n");
    expect(dates(dayFirst)).toEqual(["2026-02-01", "2026-02-13"]);
    expect(step(dayFirst, "date order")?.evidence).toBe("1 date valid only day-first (e.g. 13/02/2026)");
    expect(dayFirst.confidence).toBe("high");
    expect(dates(parse("Date,Description,Amount\n01/02/2026,A,1.00\n02/13/2026,B,1.00\n"))).toEqual(["2026-01-02", "2026-02-13"]);
  });

  it("uses file order, then locale hints for truly ambiguous dates, warns and lowers confidence", () => {
    const sorted = parse("Date,Description,Amount\n01/02/2026,A,1.00\n01/05/2026,B,1.00\n02/03/2026,C,1.00\n");
    expect(dates(sorted)).toEqual(["2026-01-02", "2026-01-05", "2026-02-03"]);
    expect(sorted.confidence).toBe("low");
    const comma = parse("Date;Text;Amount\n01/02/2026;A;1,50\n02/02/2026;B;2,50\n");
    expect(dates(comma)).toEqual(["2026-02-01", "2026-02-02"]);
    expect(comma.warnings[0]).toContain("because of the decimal comma");
    const usd = parse("Date,Description,Amount\n01/02/2026,A,$1.50\n02/02/2026,B,$2.50\n");
    expect(dates(usd)).toEqual(["2026-01-02", "2026-02-02"]);
  });

  it("settles rows that fit either order by a full date above or below them, written the rows' way", () => {
    // An export taken mid-month: every row's day is 12 or less; the day it was taken is not.
    const rows = "Data lançamento;Descrição;Montante\n02-03-2026;A;-1,50\n09-03-2026;B;2,50\n";
    const taken = parse(`Data de fim;12-03-2026\nData da consulta;16-03-2026\n\n${rows}`);
    expect(dates(taken)).toEqual(["2026-03-02", "2026-03-09"]);
    expect(taken.confidence).toBe("high");
    expect(taken.warnings).toEqual([]);
    expect(step(taken, "date order")?.evidence).toBe("1 date valid only day-first (e.g. 16-03-2026), printed above or below the rows; the rows' dates fit either order");
    // Month-first from a footer.
    const us = parse("Date,Description,Amount\n03/02/2026,A,1.00\n03/09/2026,B,1.00\nDownloaded 03/16/2026\n");
    expect(dates(us)).toEqual(["2026-03-02", "2026-03-09"]);
    expect(us.confidence).toBe("high");
    // A date written another way (16.03.2026) may come from another system: still a guess.
    const other = parse(`Exportiert;16.03.2026\n\n${rows}`);
    expect(other.confidence).toBe("low");
    expect(other.warnings[0]).toContain("could be day-first or month-first");
  });

  it("gives dates without a year the year of the statement period, across December → January", () => {
    const s = parse("Statement Period: 12/15/2025 - 01/14/2026\n\nDate,Description,Amount\nDec 15,A,1.00\nDec 30,B,1.00\nJan 2,C,1.00\nJan 14,D,1.00\n");
    expect(dates(s)).toEqual(["2025-12-15", "2025-12-30", "2026-01-02", "2026-01-14"]);
    expect(s.period).toEqual({ from: "2025-12-15", to: "2026-01-14" });
  });

  it("rolls year-less dates over from the export date, newest first", () => {
    const s = parse("Exported 05.01.2026\nDatum;Text;Betrag\n03.01.;C;1,00\n28.12.;B;1,00\n20.12.;A;1,00\n");
    expect(dates(s)).toEqual(["2025-12-20", "2025-12-28", "2026-01-03"]);
  });
});

describe("column roles", () => {
  it("reads debit/credit pairs: debit negative whether printed with or without a minus", () => {
    const s = parse("Date,Description,Debit,Credit\n2026-01-02,A,5.00,\n2026-01-03,B,,6.00\n2026-01-04,C,-7.00,\n");
    expect(amounts(s)).toEqual(["-5.00", "6.00", "-7.00"]);
    expect(step(s, "sign rule")?.decision).toBe("debit column negative, credit column positive");
  });

  it.each([
    ["Debit/Credit", "Debit", "Credit"],
    ["DR/CR", "DR", "CR"],
    ["D/C", "D", "C"],
    ["Af Bij", "Af", "Bij"],
    ["S/H", "S", "H"],
    ["Sens", "Débit", "Crédit"],
    ["Χ/Π", "Χ", "Π"],
    ["Χρέωση/Πίστωση", "Χρέωση", "Πίστωση"],
  ])("signs unsigned amounts by a direction column %s (%s/%s)", (name, debit, credit) => {
    const s = parse(`Date;Description;Amount;${name}\n2026-01-02;A;5,00;${debit}\n2026-01-03;B;6,00;${credit}\n`);
    expect(amounts(s)).toEqual(["-5.00", "6.00"]);
    expect(step(s, "direction values")?.decision).toBe(`debit: ${debit}; credit: ${credit}`);
  });

  it("finds an unnamed direction column by its values", () => {
    const s = parse('"Buchungstag";"Umsatz";""\n"02.01.2026";"5,00";"S"\n"03.01.2026";"6,00";"H"\n');
    expect(amounts(s)).toEqual(["-5.00", "6.00"]);
  });

  it("joins description, payee and memo columns; category, currency, value date, unique reference", () => {
    const s = parse(
      "Booking Date,Value Date,Payee,Memo,Category,Currency,Amount,Transaction ID\n2026-01-02,2026-01-01,ACME,Invoice 1,Sales,eur,1.00,T-1\n2026-01-03,2026-01-03,Shop,,Office,EUR,-2.00,T-2\n",
    );
    expect(s.rows[0]).toMatchObject({ description: "ACME · Invoice 1", payee: "ACME", bankCategory: "Sales", currency: "EUR", valueDate: "2026-01-01", bankId: "T-1" });
    expect(s.currency).toBe("EUR");
  });

  it("reads numbered names as numbered (\"Transaction Ref2\" is a reference, as \"Ref 2\" is): a payee in the second is kept (DBS)", () => {
    const s = parse(
      "Transaction Date,Reference,Debit Amount,Credit Amount,Transaction Ref1,Transaction Ref2,Transaction Ref3\n" +
        "26 Jun 2026,SAL, ,5420.00,SALARY,PACIFIC HARBOUR PTE LTD,\n" +
        "27 Jun 2026,MST,144.68, ,KOPITIAM INVESTMENT PT SI,5264-7110-1234-5678,\n" +
        "28 Jun 2026,ICT, ,184.96,PayNow Transfer,From: LIM SOO HUAT,OTHR\n" +
        "29 Jun 2026,MST,12.40, ,KOPITIAM INVESTMENT PT SI,5264-7110-1234-5678,\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "SAL · SALARY · PACIFIC HARBOUR PTE LTD",
      "MST · KOPITIAM INVESTMENT PT SI · 5264-7110-1234-5678",
      "ICT · PayNow Transfer · From: LIM SOO HUAT · OTHR",
      "MST · KOPITIAM INVESTMENT PT SI · 5264-7110-1234-5678",
    ]);
    expect(["column 5", "column 6", "column 7"].map((c) => step(s, c)?.decision)).toEqual(["reference", "reference", "reference"]);
  });

  it("reads a currency column's local names and old codes as the ISO code (RMB, 人民币, RUR, 円)", () => {
    for (const [written, code] of [["RMB", "CNY"], ["人民币", "CNY"], ["RUR", "RUB"], ["円", "JPY"], ["TL", "TRY"]]) {
      const s = parse(`Date,Description,Amount,Currency\n2026-03-01,Coffee,-35.00,${written}\n2026-03-02,Client,100.00,${written}\n`);
      expect(s.currency, written).toBe(code);
    }
  });

  it("reads a Greek export: Ημ/νία Αξίας is the value date, Ποσό unsigned with Χ/Π beside it, Υπόλοιπο the running balance", () => {
    const s = parse(
      "Α/Α;Ημερομηνία;Ημ/νία Αξίας;Περιγραφή;Ποσό;Χ/Π;Υπόλοιπο\n1;02/11/2026;31/10/2026;ΕΝΟΙΚΙΟ ΝΟΕΜΒΡΙΟΥ;520,00;Χ;1.790,45\n2;13/11/2026;13/11/2026;ΜΙΣΘΟΔΟΣΙΑ;1.385,60;Π;3.176,05\n",
    );
    expect(amounts(s)).toEqual(["-520.00", "1385.60"]);
    expect(s.rows[0]).toMatchObject({ date: "2026-11-02", valueDate: "2026-10-31", description: "ΕΝΟΙΚΙΟ ΝΟΕΜΒΡΙΟΥ", balance: expect.anything() });
    expect(s.openingBalance?.toString()).toBe("2310.45");
    expect(s.confidence).toBe("high");
  });

  it("reads an Estonian export (Swedbank): Kuupäev, Saaja/Maksja, Selgitus, unsigned Summa with D/K beside it; Algsaldo, Käive and lõppsaldo lines are no rows", () => {
    const s = parse(
      '"Kliendi konto";"Reatüüp";"Kuupäev";"Saaja/Maksja";"Selgitus";"Summa";"Valuuta";"Deebet/Kreedit";"Arhiveerimistunnus";"Tehingu tüüp";"Viitenumber";\n' +
        '"EE382200221020145685";"10";"01.01.2026";"";"Algsaldo";"1532,18";"EUR";"K";"";"AS";"";\n' +
        '"EE382200221020145685";"20";"03.01.2026";"Telia Eesti AS";"Arve nr 69010169";"117,68";"EUR";"D";"2026010308567122";"MV";"95030933774";\n' +
        '"EE382200221020145685";"20";"09.01.2026";"PÕHJALA TARKVARA OÜ";"Töötasu detsember";"2450,00";"EUR";"K";"2026010902996659";"MV";"";\n' +
        '"EE382200221020145685";"82";"31.01.2026";"";"Käive";"117,68";"EUR";"D";"";"K2";"";\n' +
        '"EE382200221020145685";"82";"31.01.2026";"";"Käive";"2450,00";"EUR";"K";"";"K2";"";\n' +
        '"EE382200221020145685";"86";"31.01.2026";"";"lõppsaldo";"3864,50";"EUR";"K";"";"LS";"";\n' +
        '"EE382200221020145685";"900";"31.01.2026";"";"Intress";"0,00";"EUR";"K";"";"I";"";\n',
    );
    expect(amounts(s)).toEqual(["-117.68", "2450.00"]);
    expect(s.rows[0]).toMatchObject({ date: "2026-01-03", payee: "Telia Eesti AS", description: "Telia Eesti AS · Arve nr 69010169 · 95030933774", bankId: "2026010308567122" });
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["1532.18", "3864.50", "EUR"]);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toEqual([[2, "balance-line"], [5, "summary"], [6, "summary"], [7, "balance-line"], [8, "zero-amount"]]);
    expect(s.confidence).toBe("high");
  });

  it("keeps turnover lines and rows of zero out of the ledger in any language (Turnover, Interest 0.00)", () => {
    const s = parse(
      "Account;Date;Details;Amount;Debit/Credit\nEE38;01.01.2026;Opening balance;100,00;C\nEE38;03.01.2026;Coffee;2,50;D\n" +
        "EE38;31.01.2026;Turnover;2,50;D\nEE38;31.01.2026;Closing balance;97,50;C\nEE38;31.01.2026;Interest;0,00;C\n",
    );
    expect(amounts(s)).toEqual(["-2.50"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["100.00", "97.50"]);
  });

  it("reads a Hebrew export: חובה and זכות, a balance named with its currency (יתרה בש\"ח), אסמכתא, תאריך ערך", () => {
    const s = parse(
      'תאריך,הפעולה,פרטים,אסמכתא,חובה,זכות,"יתרה בש""ח",תאריך ערך\n' +
        '01/12/2026,משכורת,טכנולוגיות גליל בעמ,22277485,,"14,820.30","13,978.20",01/12/2026\n' +
        '14/12/2026,הוראת קבע,חברת החשמל,38901886,412.77,,"13,565.43",15/12/2026\n',
    );
    expect(amounts(s)).toEqual(["14820.30", "-412.77"]);
    expect(s.rows[1]).toMatchObject({ date: "2026-12-14", valueDate: "2026-12-15", description: "הוראת קבע · חברת החשמל", bankId: "38901886" });
    expect(s.openingBalance?.toString()).toBe("-842.10");
    expect(s.confidence).toBe("high");
  });

  it("keeps the bank's category from Russian, Japanese and Chinese category columns (not a reference)", () => {
    for (const [header, row, category] of [
      ["Дата;Категория;Описание;Сумма", "15.01.2026;Супермаркеты;Пятёрочка;-1 250,00", "Супермаркеты"],
      ["日付,カテゴリ,内容,金額", "2026/01/15,食費,ローソン,-540", "食費"],
      ["交易日期,类别,摘要,金额", "2026-01-15,餐饮,星巴克,-38.00", "餐饮"],
    ] as const) {
      const s = parse(`${header}\n${row}\n`);
      expect(s.rows[0]?.bankCategory, header).toBe(category);
      expect(s.rows[0]?.bankId, header).toBeUndefined();
    }
  });

  it("reads a Ukrainian card export: Опис операції is the description, Категорія the bank's category, the card-currency amount the ledger's", () => {
    const s = parse(
      "Дата;Категорія;Картка;Опис операції;Сума в валюті картки;Валюта картки;Сума в валюті транзакції;Валюта транзакції;Залишок на кінець періоду;Валюта залишку\n" +
        "24.01.2026 11:24;Інтернет-сервіси;5168 **** **** 4821;SPOTIFY;-370,50;UAH;-8,79;EUR;38 074,12;UAH\n" +
        "20.01.2026 17:24;Продукти, супермаркети;5168 **** **** 4821;Сільпо, Київ;-1 594,28;UAH;-1 594,28;UAH;38 444,62;UAH\n",
      { accountKind: "credit-card" },
    );
    expect(amounts(s)).toEqual(["-1594.28", "-370.50"]);
    expect(s.rows[1]).toMatchObject({ description: "SPOTIFY", bankCategory: "Інтернет-сервіси" });
    expect(s.currency).toBe("UAH");
    expect(s.closingBalance?.toString()).toBe("38074.12");
    expect(s.confidence).toBe("high");
  });

  it("reads a Korean export: 출금액(원)/입금액(원) with 0 on the empty side, 보낸분/받는분 the other party, a 합계 totals line, KRW from the names", () => {
    const s = parse(
      "거래내역조회\n계좌번호\t123456-01-234567\n\n" +
        "거래일시\t적요\t보낸분/받는분\t출금액(원)\t입금액(원)\t잔액(원)\t송금메모\n" +
        "2026.02.12 04:11:11\t체크카드\t이마트성수점\t38,900\t0\t1,681,847\t\n" +
        "2026.01.23 09:00:00\t급여\t(주)한빛소프트\t0\t3,284,500\t1,720,747\t\n" +
        "합계\t\t\t38,900\t3,284,500\t\t\n",
    );
    expect(amounts(s)).toEqual(["3284500", "-38900"]);
    expect(s.rows[1]).toMatchObject({ date: "2026-02-12", payee: "이마트성수점" });
    expect(s.currency).toBe("KRW");
    expect(s.closingBalance?.toString()).toBe("1681847");
    expect(s.confidence).toBe("high");
  });

  it("reads the Japanese debit and credit names with and without い, か and お (支払い金額, 預かり金額, お預かり金額)", () => {
    for (const [out, into] of [["支払い金額", "預かり金額"], ["お支払い金額", "お預かり金額"], ["支払金額", "預り金額"]]) {
      const s = parse(`"日付","摘要","${out}","${into}","差引残高"\n"2026/1/6","振込","","74,000","1,358,530"\n"2026/1/7","デビット","3,107","","1,355,423"\n`);
      expect(amounts(s), out).toEqual(["74000", "-3107"]);
      expect(s.confidence, out).toBe("high");
    }
  });

  it("prefers the posting date over the transaction date", () => {
    const s = parse("Transaction Date,Post Date,Description,Amount\n01/30/2026,02/02/2026,A,-1.00\n");
    expect(s.rows[0]).toMatchObject({ date: "2026-02-02", valueDate: "2026-01-30" });
    // The explain output names the posting date column the ledger date, not the "transaction date".
    expect(s.explain).toContainEqual({ step: "column 2", decision: "ledger date", evidence: 'header "Post Date"' });
    expect(s.explain).toContainEqual({ step: "column 1", decision: "value date", evidence: 'header "Transaction Date"' });
  });

  it("uses Net when a file has Gross, Fee and Net", () => {
    const s = parse("Date,Name,Gross,Fee,Net,Balance\n2026-01-02,A,100.00,-3.49,96.51,196.51\n");
    expect(amounts(s)).toEqual(["96.51"]);
  });

  it("reads headers in many languages", () => {
    for (const header of ["Data operazione;Descrizione;Importo", "Data operacji;Opis;Kwota", "Datum;Popis;Částka", "Fecha;Concepto;Importe", "Bokföringsdag;Text;Belopp", "Data;Descrição;Valor", "Könyvelés dátuma;Közlemény;Összeg"]) {
      const s = parse(`${header}\n02.01.2026;A;-1,50\n`);
      expect(amounts(s), header).toEqual(["-1.50"]);
    }
  });

  it("reads Japanese, Chinese, Korean, Russian, Turkish, Greek and Hebrew headers: money out and in, balance, text, the other party", () => {
    const files = [
      "日付,摘要,お支払金額,お預り金額,差引残高\n2026/3/2,振込　カ）ヤマダ,,150000,1250000\n2026/3/3,口座振替　電気料金,12345,,1237655\n",
      "交易日期,交易摘要,对方户名,支出金额,存入金额,账户余额\n2026-03-02,转账,上海某某科技,,150000,1250000\n2026-03-03,代扣电费,国网上海市电力公司,12345,,1237655\n",
      "거래일자,적요,출금액,입금액,잔액\n2026-03-02,급여 입금,,150000,1250000\n2026-03-03,전기요금,12345,,1237655\n",
      "Дата операции;Назначение платежа;Контрагент;Списание;Зачисление;Остаток\n02.03.2026;Оплата по договору;ООО Ромашка;;150000;1250000\n03.03.2026;Электроэнергия;ПАО Мосэнергосбыт;12345;;1237655\n",
      "İşlem Tarihi;Açıklama;Borç;Alacak;Bakiye\n02.03.2026;Gelen EFT;;150000;1250000\n03.03.2026;Elektrik faturası;12345;;1237655\n",
      "Ημερομηνία;Αιτιολογία;Δικαιούχος;Χρέωση;Πίστωση;Υπόλοιπο\n13/03/2026;Μισθοδοσία;Άλφα Α.Ε.;;150000;1250000\n16/03/2026;Λογαριασμός ρεύματος;ΔΕΗ;12345;;1237655\n",
      "תאריך,תיאור,שם המוטב,בחובה,בזכות,יתרה\n13/03/2026,משכורת,טכנולוגיות גליל,,150000,1250000\n16/03/2026,הוראת קבע,חברת החשמל,12345,,1237655\n",
    ];
    for (const file of files) {
      const s = parse(file);
      expect(amounts(s), file.split("\n")[0]).toEqual(["150000", "-12345"]);
      expect(s.rows.every((r) => r.description !== ""), file.split("\n")[0]).toBe(true);
      expect(s.confidence, file.split("\n")[0]).toBe("high");
    }
  });
});

describe("files without a header", () => {
  it("tells a card's charge column from its credit column by the payments in it (CIBC, no header, no balance)", () => {
    const s = parse(
      '2026-01-09,"LOBLAWS #1082 TORONTO, ON",39.14,,4505********3318\n' +
        '2026-01-08,"LCBO/RAO #0217 TORONTO, ON",172.31,,4505********3318\n' +
        "2025-12-22,PAYMENT THANK YOU/PAIEMENT MERCI,,552.72,4505********3318\n" +
        '2025-12-20,"UBER CANADA/UBERTRIP TORONTO, ON",18.40,,4505********3318\n',
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-18.40", "552.72", "-172.31", "-39.14"]);
    expect(s.confidence).toBe("high");
  });

  it("leaves a column of short codes (a record type, a transaction code) and the counterparty's IBAN out of the description", () => {
    const s = parse(
      '"02-01-2026","NL47TRIO0198765432","37,17","Debet","HEMA Utrecht","","BA","HEMA Utrecht Pasnr. 002"\n' +
        '"03-01-2026","NL47TRIO0198765432","80,00","Debet","","","GM","Geldautomaat ING UTRECHT"\n' +
        '"05-01-2026","NL47TRIO0198765432","1250,00","Credit","Stichting Groen","NL88INGB0465543903","OV","Salaris januari"\n' +
        '"06-01-2026","NL47TRIO0198765432","12,50","Debet","Albert Heijn","","BA","AH 1234 Pasnr. 002"\n' +
        '"07-01-2026","NL47TRIO0198765432","30,00","Debet","","","GM","Geldautomaat ABN"\n' +
        '"08-01-2026","NL47TRIO0198765432","4,20","Debet","Bakker Bart","","BA","Bakker Bart Pasnr. 002"\n' +
        '"09-01-2026","NL47TRIO0198765432","8,99","Debet","Spotify","","BA","Spotify P1234"\n',
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "HEMA Utrecht Pasnr. 002",
      "Geldautomaat ING UTRECHT",
      "Stichting Groen · Salaris januari",
      "Albert Heijn · AH 1234 Pasnr. 002",
      "Geldautomaat ABN",
      "Bakker Bart Pasnr. 002",
      "Spotify P1234",
    ]);
  });

  it("infers date, amount, description and a balance that chains", () => {
    const s = parse("02/01/2026,-10.00,Coffee shop,90.00\n03/01/2026,25.50,Customer payment,115.50\n05/01/2026,-5.50,Fee,110.00\n");
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description, r.balance?.toString()])).toEqual([
      ["2026-01-02", "-10.00", "Coffee shop", "90.00"],
      ["2026-01-03", "25.50", "Customer payment", "115.50"],
      ["2026-01-05", "-5.50", "Fee", "110.00"],
    ]);
    expect(step(s, "header row")?.decision).toBe("none, inferred");
    expect(s.openingBalance?.toString()).toBe("100.00");
  });

  it("tells debit from credit by the balance chain", () => {
    const s = parse("2026-01-02,Shop,,10.00,90.00\n2026-01-03,Client,25.00,,115.00\n");
    expect(amounts(s)).toEqual(["-10.00", "25.00"]);
  });

  it("reads Wells Fargo-style rows (quoted, an asterisk column, an empty column)", () => {
    const s = parse('"01/15/2026","-12.50","*","","COFFEE"\n"01/16/2026","100.00","*","","DEPOSIT"\n');
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2026-01-15", "-12.50", "COFFEE"],
      ["2026-01-16", "100.00", "DEPOSIT"],
    ]);
  });
});

describe("non-transaction lines", () => {
  it("reads opening and closing balances from preamble, balance lines and footers", () => {
    const s = parse(
      "Account;123\nOpening balance: 1.000,00\n\nDatum;Text;Betrag\n02.01.2026;A;-10,00\n03.01.2026;Summe;-10,00\n;Total;-10,00\nClosing balance;;990,00\n",
    );
    expect(s.openingBalance?.toString()).toBe("1000.00");
    expect(s.closingBalance?.toString()).toBe("990.00");
    expect(s.rows).toHaveLength(2);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toEqual([[1, "not-a-transaction"], [2, "balance-line"], [7, "summary"], [8, "balance-line"]]);
  });

  it("reads the currency a preamble states by its local name or old code (币种: [人民币], Currency: RMB, Валюта: рубль)", () => {
    const table = "交易日期,收入,支出,余额,交易备注\n20260110,18560.00,,42100.89,工资\n20260120,,7832.50,34268.39,信用卡还款\n";
    for (const [line, code] of [["# 币    种: [人民币]", "CNY"], ["Currency: RMB", "CNY"], ["Валюта: рубль", "RUB"], ["通貨：円", "JPY"], ["Currency: EUR", "EUR"]]) {
      expect(parse(`# 导出时间: [2026-02-02 10:12:33]\n${line}\n${table}`).currency, line).toBe(code);
    }
  });

  it("takes an undated preamble balance as the closing one only where the rows' running balances do not say otherwise", () => {
    const table = "Date,Amount,Balance,Description\n2026/03/02,-150.00,10200.00,POS PURCHASE\n2026/03/09,-1200.00,9000.00,DEBIT ORDER\n";
    // The account's balance when the file was exported, after postings the file does not hold.
    const later = parse(`ACCOUNT TRANSACTION HISTORY\nBalance:,8750.00\n\n${table}`);
    expect([later.openingBalance?.toString(), later.closingBalance?.toString()]).toEqual(["10350.00", "9000.00"]);
    expect(later.warnings).toEqual([
      "line 2 states a balance of 8750.00 without a date, but the rows' running balances end at 9000.00: it was taken as the balance at another moment (when the file was exported, or available funds), not as the closing balance",
    ]);
    const same = parse(`ACCOUNT TRANSACTION HISTORY\nBalance:,9000.00\n\n${table}`);
    expect(same.closingBalance?.toString()).toBe("9000.00");
    expect(same.warnings).toEqual([]);
    // Rows without running balances: the stated one is the only closing balance there is; a
    // ledger balance before an available one.
    const bare = parse("Available Balance:,700.00\nLedger Balance:,650.00\n\nDate,Description,Amount\n2026-03-02,Fee,-10.00\n");
    expect(bare.closingBalance?.toString()).toBe("650.00");
    expect(bare.warnings).toEqual([]);
  });

  it("reads 'Beginning balance as of' rows in the table as the opening balance", () => {
    const s = parse("Date,Description,Amount,Running Bal.\n01/01/2026,Beginning balance as of 01/01/2026,,\"1,000.00\"\n01/02/2026,A,-10.00,990.00\n");
    expect(s.openingBalance?.toString()).toBe("1000.00");
    expect(s.rows).toHaveLength(1);
  });

  it("puts pending rows aside: status column, PENDING marker, pending section, 'Pending' instead of a date", () => {
    const status = parse("Status,Date,Description,Amount\nPending,01/05/2026,A,-1.00\nPosted,01/04/2026,B,-2.00\nDeclined,01/04/2026,C,-3.00\n");
    expect(status.rows.map((r) => r.description)).toEqual(["B"]);
    expect(status.pending.map((r) => r.description)).toEqual(["A"]);
    expect(status.skipped.map((l) => l.reason)).toEqual(["void"]);
    const marker = parse("Date,Description,Amount\n2026-01-05,PENDING - Coffee,-1.00\n2026-01-04,Shop,-2.00\n");
    expect(marker.pending).toHaveLength(1);
    const inDate = parse("Date;Text;Amount\nReserverat;A;-1,00\n2026/02/03;B;-2,00\n");
    expect(inDate.pending.map((r) => r.description)).toEqual(["A"]);
    const section = parse("Date,Description,Amount\nPending transactions\n2026-01-05,A,-1.00\nPosted transactions\n2026-01-04,B,-2.00\n");
    expect([section.pending.length, section.rows.length]).toEqual([1, 1]);
  });

  it("puts comdirect's \"offen\" rows (no booking date yet, \"--\" for the value date) aside as pending", () => {
    const s = parse(
      '"Buchungstag";"Wertstellung (Valuta)";"Vorgang";"Buchungstext";"Umsatz in EUR";\n' +
        '"offen";"--";"Visa-Umsatz";"AMAZON.DE AMZN.COM/BILL LU";"-42,99";\n' +
        '"29.01.2026";"29.01.2026";"Gehalt/Rente";"LOHN/GEHALT 01/2026";"3.847,12";\n' +
        '"02.01.2026";"02.01.2026";"Dauerauftrag / Belastung";"Miete";"-1.150,00";\n',
    );
    expect(amounts(s)).toEqual(["-1150.00", "3847.12"]);
    expect(s.pending.map((r) => [r.description, r.amount.toString()])).toEqual([["Visa-Umsatz · AMAZON.DE AMZN.COM/BILL LU", "-42.99"]]);
    expect(s.confidence).toBe("high");
  });

  it("reads an M-Pesa statement: Completion Time is the date, Withdrawn (already negative) the money out; a footer after a blank line continues no row", () => {
    const s = parse(
      "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n" +
        'U3SU1SWU3M,2026-01-28 23:02:10,"Customer Transfer of Funds Charge",Completed,,-13.00,"42,408.50"\n' +
        'U3SU1SWU3M,2026-01-28 23:02:10,"Customer Transfer to 0702***278 - MARY AKINYI",Completed,,-500.00,"42,421.50"\n' +
        'U3SU1SWU3L,2026-01-28 23:01:31,"Merchant Payment Online to 6915222 - JAVA HOUSE",Completed,,"-1,464.00","42,921.50"\n' +
        'U4DSPZ2C0X,2026-01-27 15:20:09,"Funds received from - 0712***345 JANE WANJIRU",Completed,"2,000.00",,"44,385.50"\n' +
        ",,,,,,\nDisclaimer: This record is produced for your information only.,,,,,,\n",
    );
    expect(amounts(s)).toEqual(["2000.00", "-1464.00", "-500.00", "-13.00"]);
    // A transfer and its charge share a receipt: no bank id, the receipt is part of the text.
    expect(s.rows.map((r) => [r.date, r.description])).toEqual([
      ["2026-01-27", "Funds received from - 0712***345 JANE WANJIRU · U4DSPZ2C0X"],
      ["2026-01-28", "Merchant Payment Online to 6915222 - JAVA HOUSE · U3SU1SWU3L"],
      ["2026-01-28", "Customer Transfer to 0702***278 - MARY AKINYI · U3SU1SWU3M"],
      ["2026-01-28", "Customer Transfer of Funds Charge · U3SU1SWU3M"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["42385.50", "42408.50"]);
    expect(s.confidence).toBe("high");
  });

  it("reads a KlikBCA mutasi rekening: Excel's text marker on cells, Indonesian names, DD/MM dates in the stated period, PEND rows, the Saldo Awal … Saldo Akhir footer", () => {
    const s = parse(
      "No. rekening : ,'0123456789\nPeriode : ,01/01/2026 - 31/01/2026\nKode Mata Uang : ,Rp\n\n" +
        "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n" +
        "'02/01,'SWITCHING CR TRF BRI AHMAD HIDAYAT,'0000,1350000.00,CR,55671000.00\n" +
        "'03/01,'BYR VIA E-BANKING 0301 TELKOMSEL HALO,'0000,1550000.00,DB,54121000.00\n" +
        "'PEND,'KARTU DEBIT TOKOPEDIA JKT,'0000,456000.00,DB,\n" +
        "Saldo Awal,=,54321000.00\nMutasi Kredit,=,1350000.00,1\nMutasi Debet,=,1550000.00,1\nSaldo Akhir,=,54121000.00\n",
    );
    expect(amounts(s)).toEqual(["1350000.00", "-1550000.00"]);
    expect(s.rows.map((r) => [r.date, r.description])).toEqual([
      ["2026-01-02", "SWITCHING CR TRF BRI AHMAD HIDAYAT"],
      ["2026-01-03", "BYR VIA E-BANKING 0301 TELKOMSEL HALO"],
    ]);
    expect(s.pending.map((r) => [r.description, r.amount.toString()])).toEqual([["KARTU DEBIT TOKOPEDIA JKT", "-456000.00"]]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["54321000.00", "54121000.00", "IDR"]);
    expect(s.confidence).toBe("high");
  });

  it("keeps an apostrophe that starts a text when no date or number carries Excel's text marker", () => {
    const s = parse("Date,Description,Amount\n2026-01-02,'Tis the season shop,-1.00\n2026-01-03,'s-Hertogenbosch parking,-2.00\n");
    expect(s.rows.map((r) => r.description)).toEqual(["'Tis the season shop", "'s-Hertogenbosch parking"]);
  });

  it("appends continuation lines to the previous row's description", () => {
    const s = parse("Date,Transaction Details,Amount,Balance\n02/01/2026,TRANSFER TO,-5.00,95.00\n,J SMITH REF 42,,\n03/01/2026,FEE,-1.00,94.00\n");
    expect(s.rows.map((r) => r.description)).toEqual(["TRANSFER TO J SMITH REF 42", "FEE"]);
  });

  it("skips repeated header rows", () => {
    const s = parse("Date,Description,Amount\n2026-01-02,A,1.00\nDate,Description,Amount\n2026-01-03,B,1.00\n");
    expect(s.rows).toHaveLength(2);
    expect(s.skipped).toEqual([{ sourceRow: 3, reason: "repeated-header", text: "Date, Description, Amount" }]);
  });

  it("fails, naming the row, on a date without an amount", () => {
    expect(parseError("Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-03,B,\n").message).toBe("row 3: there is a date but no amount");
  });
});

describe("sign rule", () => {
  const card = "Date,Description,Amount\n01/05/2026,COFFEE,4.50\n01/06/2026,AIRLINE,350.00\n01/10/2026,PAYMENT - THANK YOU,-300.00\n";

  it("flips a card export with positive charges when the account is a credit card", () => {
    const s = parse(card, { accountKind: "credit-card" });
    expect(amounts(s)).toEqual(["-4.50", "-350.00", "300.00"]);
    expect(step(s, "sign rule")?.decision).toMatch(/^inverted/);
  });

  it("keeps a card export that already signs charges negative", () => {
    const s = parse("Date,Description,Amount\n01/05/2026,COFFEE,-4.50\n01/10/2026,Payment Thank You,300.00\n", { accountKind: "credit-card" });
    expect(amounts(s)).toEqual(["-4.50", "300.00"]);
  });

  it("recognizes a card export from its content when nobody said so", () => {
    const s = parse(card.replace("Date,Description,Amount", "Date,Description,Card Member,Amount").replace(/,(-?\d)/g, ",J DOE,$1"));
    expect(amounts(s)).toEqual(["-4.50", "-350.00", "300.00"]);
    expect(step(s, "sign rule")?.evidence).toContain("card member");
  });

  it("knows payments to a card in more languages (Nubank's 'Pagamento recebido')", () => {
    const s = parse("date,title,amount\n2026-03-01,Uber *Trip,23.90\n2026-03-03,Mercado Livre,159.00\n2026-03-08,Pagamento recebido,-500.00\n");
    expect(amounts(s)).toEqual(["-23.90", "-159.00", "500.00"]);
    // Payments alone do not make a card export certain: a person confirms.
    expect(s.confidence).toBe("low");
  });

  it("reads CR after an amount as money in and the bare amounts as money out, for any account kind (Emirates NBD's card export)", () => {
    const enbd =
      "Emirates Credit Card Statement\nCard Number,XXXX XXXX XXXX 4821\n\nTransaction Date,Posting Date,Description,Amount (AED)\n" +
      "26/12/2025,26/12/2025,SPINNEYS JUMEIRAH DUBAI ARE,518.75\n27/12/2025,28/12/2025,REFUND NOON.COM DUBAI ARE,132.81 CR\n" +
      '08/01/2026,09/01/2026,PAYMENT RECEIVED - THANK YOU,"8,500.00 CR"\n10/01/2026,10/01/2026,CAREEM RIDE DUBAI ARE,"1,303.90"\n';
    for (const accountKind of ["credit-card", "bank", undefined] as const) {
      const s = parse(enbd, accountKind ? { accountKind } : {});
      expect(amounts(s), accountKind).toEqual(["-518.75", "132.81", "8500.00", "-1303.90"]);
      expect(step(s, "sign rule")?.decision, accountKind).toMatch(/^bare amounts are money out/);
      expect(s.confidence, accountKind).toBe("high");
    }
  });

  it("keeps a CR or DR on an amount as its sign when the sign rule inverts the others (a saved card profile)", () => {
    const file = "Date,Description,Amount\n01/05/2026,COFFEE,4.50\n01/06/2026,AIRLINE,350.00\n01/10/2026,PAYMENT - THANK YOU,300.00 CR\n";
    const layout = { ...parse(file).layout!, sign: "inverted" as const };
    expect(amounts(parse(file, { layout }))).toEqual(["-4.50", "-350.00", "300.00"]);
  });

  it("posts on the posting date even when the rows are listed by the transaction date (kept as the value date)", () => {
    const s = parse(
      "Transaction Date,Posting Date,Description,Amount\n02/01/2026,05/01/2026,A,-1.00\n03/01/2026,03/01/2026,B,-2.00\n" +
        "14/01/2026,16/01/2026,C,-3.00\n15/01/2026,15/01/2026,D,-4.00\n",
    );
    expect(dates(s)).toEqual(["2026-01-05", "2026-01-03", "2026-01-16", "2026-01-15"]);
    expect(s.rows[0]!.valueDate).toBe("2026-01-02");
    expect([s.confidence, s.warnings, step(s, "file order")?.decision]).toEqual(["high", [], "oldest-first"]);
    // Said once, by the detector (the reader finds the same and does not repeat it).
    expect(s.explain.filter((e) => e.step === "file order").map((e) => e.evidence)).toEqual([expect.stringMatching(/^by the value dates/)]);
  });

  it("posts on the date the rows are in the order of when neither name says which is the booking date", () => {
    const s = parse(
      "Operation Date,Transaction Date,Description,Amount\n05/01/2026,02/01/2026,A,-1.00\n03/01/2026,03/01/2026,B,-2.00\n" +
        "16/01/2026,14/01/2026,C,-3.00\n15/01/2026,15/01/2026,D,-4.00\n",
    );
    expect(dates(s)).toEqual(["2026-01-02", "2026-01-03", "2026-01-14", "2026-01-15"]);
    expect(step(s, "ledger date")?.evidence).toContain('the rows are in the order of "Transaction Date"');
  });

  it("never flips a bank account", () => {
    expect(amounts(parse(card, { accountKind: "bank" }))).toEqual(["4.50", "350.00", "-300.00"]);
  });
});

describe("who paid and who was paid", () => {
  it("takes the other party from the payer column for money in and the payee column for money out (DKB)", () => {
    const s = parse(
      '"Buchungsdatum";"Wertstellung";"Status";"Zahlungspflichtige*r";"Zahlungsempfänger*in";"Verwendungszweck";"Umsatztyp";"Betrag (€)"\n' +
        '"02.03.26";"02.03.26";"Gebucht";"Firma Beispiel GmbH";"Vermieter GmbH";"Miete März";"Ausgang";"-1.200,00"\n' +
        '"05.03.26";"05.03.26";"Gebucht";"Kunde AG";"Firma Beispiel GmbH";"Rechnung 104";"Eingang";"2.500,00"\n',
    );
    expect(s.rows.map((r) => [r.amount.toString(), r.payee, r.description])).toEqual([
      ["-1200.00", "Vermieter GmbH", "Vermieter GmbH · Miete März"],
      ["2500.00", "Kunde AG", "Kunde AG · Rechnung 104"],
    ]);
    expect(step(s, "column 4")?.decision).toBe("payer (the other party of money in; the payee column names that of money out)");
    expect(s.confidence).toBe("high");
  });

  it("takes a payer column alone as the other party, and leaves one that names the account's holder on every row", () => {
    const alone = parse("Date,Payer,Description,Amount\n2026-03-02,Kunde AG,Invoice 104,2500.00\n2026-03-03,Shop Ltd,Refund,12.00\n");
    expect(alone.rows.map((r) => r.payee)).toEqual(["Kunde AG", "Shop Ltd"]);
    const holder = parse(`Date,Payer,Description,Amount\n${["02", "03", "04", "05", "06"].map((d) => `2026-03-${d},Anna Huber,Card ${d},-1.00`).join("\n")}\n`);
    expect(holder.rows.map((r) => r.description)).toEqual(["Card 02", "Card 03", "Card 04", "Card 05", "Card 06"]);
  });
});

describe("rows of more than one account", () => {
  it("refuses a file whose column naming the statement's own account holds several, naming each account and its rows", () => {
    const error = parseError(
      "Account Number,Date,Description,Amount\n****1234,2026-03-02,COFFEE,-4.50\n****5678,2026-03-02,INTEREST,1.25\n****1234,2026-03-03,DEPOSIT,100.00\n",
    );
    expect(error.message).toBe(
      'the file holds rows of 2 accounts in its column "Account Number" (****1234: 2 rows, ****5678: 1 row); an import goes into one account — export each account on its own and upload one file per account',
    );
  });

  it("refuses Bank of Scotland's two accounts one after the other, each row naming its account, the header again before the second", () => {
    const header = "Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance";
    const error = parseError(
      `${header}\n31/03/2026,DEB,'80-22-60,11928374,TESCO STORES 2264 CD 4821,45.10,,9954.90\n30/03/2026,FPI,'80-22-60,11928374,MCKENZIE JOINERY LTD INV 2210,,1200.00,10000.00\n` +
        `\n${header}\n31/03/2026,INT,'80-22-60,38119902,INTEREST (GROSS),,52.10,45052.10\n`,
    );
    expect(error.message).toContain('rows of 2 accounts in its column "Account Number" (11928374: 2 rows, 38119902: 1 row)');
  });

  it("only warns when the account numbers are a card export's cards (Amex prints each card member's Account #)", () => {
    const text =
      "Date,Description,Card Member,Account #,Amount\n03/12/2026,UBER *TRIP,ANNA SMITH,-11008,23.50\n03/13/2026,PRET,JOHN SMITH,-12016,6.10\n03/14/2026,SHELL,ANNA SMITH,-11008,40.00\n";
    // A card account's several cards are one bill: said, and no doubt about the reading.
    const card = parse(text, { accountKind: "credit-card" });
    expect(card.rows).toHaveLength(3);
    expect(card.warnings).toEqual([
      'column "Account #" names 2 cards (-11008: 2 rows, -12016: 1 row): read as the cards of this one card account, billed together — if one of them is another card account, export each on its own',
    ]);
    expect(card.confidence).toBe("high");
    // Only the columns say cards: the account may be a bank's, and a person confirms.
    const cued = parse(text);
    expect(cued.warnings).toContain(
      'column "Account #" names 2 accounts (-11008: 2 rows, -12016: 1 row); this import puts all of them in one account — if they are different accounts, export each on its own',
    );
    expect(cued.confidence).toBe("low");
    // Read as a card account, numbers that are a bank's accounts (eight digits, no mask) still leave the reading to a person.
    const banks = parse(text.replaceAll("-11008", "11928374").replaceAll("-12016", "38119902"), { accountKind: "credit-card" });
    expect(banks.warnings[0]).toMatch(/^column "Account #" names 2 accounts \(11928374: 2 rows, 38119902: 1 row\)/);
    expect(banks.confidence).toBe("low");
  });

  it("refuses a second account's section — an account line, then the header again — naming each account and its rows", () => {
    const error = parseError(
      "Account: Business Current 12345678\nDate,Description,Amount,Balance\n2026-03-02,RENT,-1200.00,3800.00\n2026-03-17,TESCO,-45.10,3754.90\n\n" +
        "Account: Business Savings 87654321\nDate,Description,Amount,Balance\n2026-03-18,INTEREST,1.20,20001.20\n",
    );
    expect(error.message).toBe(
      "the file holds rows of 2 accounts (12345678: 2 rows, 87654321: 1 row), each in a section under a line naming it (lines 1 and 6) and the header again; " +
        "an import goes into one account — export each account on its own and upload one file per account",
    );
  });

  it("is quiet about a header repeated without an account line, or under the same account's page header", () => {
    const plain = parse("Date,Description,Amount\n2026-03-02,RENT,-1200.00\n\nDate,Description,Amount\n2026-03-17,TESCO,-45.10\n");
    expect(plain.warnings).toEqual([]);
    expect(plain.confidence).toBe("high");
    // No account named before the rows: a later account line may be a page header.
    const unnamed = parse("Date,Description,Amount\n2026-03-02,RENT,-1200.00\nAccount 12345678 page 2\nDate,Description,Amount\n2026-03-17,TESCO,-45.10\n");
    expect(unnamed.warnings).toEqual([]);
    const paged = parse(
      "Account: 12-34-56 12345678 Business Current, page 1\nDate,Description,Amount\n2026-03-02,RENT,-1200.00\n" +
        "Account: 12-34-56 12345678 Business Current, page 2\nDate,Description,Amount\n2026-03-17,TESCO,-45.10\n",
    );
    expect(paged.rows).toHaveLength(2);
    expect(paged.warnings).toEqual([]);
    expect(paged.confidence).toBe("high");
  });

  it("is quiet about one account named on every row, and about the other party's accounts", () => {
    const ing = parse(
      "Datum,Naam / Omschrijving,Rekening,Tegenrekening,Af Bij,Bedrag (EUR)\n20260302,Albert Heijn,NL01INGB0001234567,NL02RABO0123456789,Af,\"4,50\"\n20260303,Acme BV,NL01INGB0001234567,NL03ABNA0987654321,Bij,\"100,00\"\n",
    );
    expect(ing.rows).toHaveLength(2);
    expect(ing.warnings).toEqual([]);
    expect(ing.confidence).toBe("high");
  });
});

describe("output", () => {
  it("explains each decision", () => {
    const s = parse("Datum;Text;Betrag;Saldo\n02.01.2026;A;-10,00;90,00\n03.01.2026;B;5,00;95,00\n", { encoding: { name: "Windows-1252", evidence: "test" } });
    expect(s.explain.map((e) => e.step)).toEqual(
      expect.arrayContaining(["encoding", "delimiter", "header row", "column 1", "column 3", "date order", "decimal separator", "sign rule", "file order", "skipped rows"]),
    );
    expect(step(s, "delimiter")?.decision).toBe("';'");
    expect(s.confidence).toBe("high");
  });
});

describe("fee columns", () => {
  // Revolut's personal export: Amount is before the fee; the balance moves by Amount less Fee.
  const revolut = [
    "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance",
    "TOPUP,Current,2024-03-01 09:12:44,2024-03-01 09:12:45,Top-Up by *4417,500.00,0.00,EUR,COMPLETED,500.00",
    "CARD_PAYMENT,Current,2024-03-02 12:01:10,2024-03-03 08:00:02,Amazon,-42.99,0.00,EUR,COMPLETED,457.01",
    "CARD_PAYMENT,Current,2024-03-04 18:22:00,2024-03-05 07:11:20,Uber,-12.40,0.25,EUR,COMPLETED,444.36",
    "EXCHANGE,Current,2024-03-06 10:00:00,2024-03-06 10:00:00,Exchanged to USD,-100.00,0.50,EUR,COMPLETED,343.86",
    "CARD_PAYMENT,Current,2024-03-08 13:30:00,,Lidl,-23.10,0.00,EUR,PENDING,",
    "ATM,Current,2024-03-11 16:00:00,2024-03-11 16:00:01,Cash at Sparkasse,-100.00,2.00,EUR,COMPLETED,241.86",
  ].join("\n");

  it("takes a fee charged on top off the amount when the running balance moves by both", () => {
    const s = parse(revolut);
    expect(amounts(s)).toEqual(["500.00", "-42.99", "-12.65", "-100.50", "-102.00"]);
    expect(s.closingBalance?.toString()).toBe("241.86");
    expect(step(s, "column 7")?.decision).toMatch(/^fee \(charged on top/);
    expect(step(s, "fee")).toMatchObject({ decision: "taken off the amount", evidence: expect.stringMatching(/moves by the amount and the fee \(100% of rows; by the amount alone 33%\)/) });
    expect(s.confidence).toBe("high");
  });

  it("dates a pending row without a booking date by the date it was made", () => {
    expect(parse(revolut).pending.map((r) => [r.date, r.amount.toString()])).toEqual([["2024-03-08", "-23.10"]]);
  });

  it("leaves a fee alone that the amount already includes (the balance moves by the amount alone)", () => {
    const text = ["Date,Description,Amount,Fee,Balance", "2024-03-01,Top-up,500.00,0.00,500.00", "2024-03-02,Transfer out,-101.00,1.00,399.00", "2024-03-03,Card,-20.35,0.35,378.65"].join("\n");
    const s = parse(text);
    expect(amounts(s)).toEqual(["500.00", "-101.00", "-20.35"]);
    expect(step(s, "column 4")?.decision).toBe("ignored");
    expect(step(s, "fee")).toMatchObject({ decision: "already in the amount" });
  });

  it("leaves the fee of a net or total amount alone (gross, fee, net)", () => {
    const s = parse(["Date,Description,Gross,Fee,Net", "2024-03-01,Sale,100.00,-3.39,96.61", "2024-03-02,Sale,50.00,-1.94,48.06"].join("\n"));
    expect(amounts(s)).toEqual(["96.61", "48.06"]);
    expect(s.confidence).toBe("high");
  });

  it("without a running balance, takes a fee off but asks a person to confirm (confidence low)", () => {
    const s = parse(["Date,Description,Amount,Fee", "2024-03-01,Top-up,500.00,0.00", "2024-03-02,Transfer out,-100.00,1.00", "2024-03-03,Card,-20.00,-0.35"].join("\n"));
    expect(amounts(s)).toEqual(["500.00", "-101.00", "-20.35"]); // a fee printed negative is still a charge
    expect(s.confidence).toBe("low");
  });

  it("a fee column of zeros changes nothing and asks nothing", () => {
    const s = parse(["Date,Description,Amount,Fee", "2024-03-01,Top-up,500.00,0.00", "2024-03-02,Card,-20.00,0.00"].join("\n"));
    expect(amounts(s)).toEqual(["500.00", "-20.00"]);
    expect(s.confidence).toBe("high");
  });

  it("on a card export with charges positive, the fee still makes the charge larger", () => {
    const text = ["Date,Description,Amount,Fee,Balance", "2024-03-01,Hotel,200.00,3.00,203.00", "2024-03-02,Payment,-203.00,0.00,0.00", "2024-03-03,Taxi,30.00,0.45,30.45"].join("\n");
    const s = parse(text, { accountKind: "credit-card" });
    expect(amounts(s)).toEqual(["-203.00", "203.00", "-30.45"]);
  });

  it("names the row and the column of a fee it cannot read", () => {
    const text = ["Date,Description,Amount,Fee,Balance", "2024-03-01,Top-up,500.00,0.00,500.00", "2024-03-02,Card,-20.00,0.35,479.65", "2024-03-03,Card,-10.00,n/a,469.65"].join("\n");
    const error = parseError(text);
    expect(error.message).toMatch(/cannot read the fee "n\/a"/);
    expect(error.message).toMatch(/^row 4: /);
  });
});

describe("amount, payee and date columns of exports outside the corpus", () => {
  it("leaves out a counterparty column of IBANs (bunq): the name column names the counterparty", () => {
    const s = parse(
      [
        '"Date";"Interest Date";"Amount";"Account";"Counterparty";"Name";"Description"',
        '"2024-03-01";"2024-03-01";"-12,50";"NL12BUNQ2025403678";"NL91ABNA0417164300";"Albert Heijn 1234";"Betaling Albert Heijn"',
        '"2024-03-02";"2024-03-02";"1.500,00";"NL12BUNQ2025403678";"NL20 INGB 0001 2345 67";"Acme Consulting BV";"Factuur 2024-017"',
        '"2024-03-04";"2024-03-04";"-89,99";"NL12BUNQ2025403678";"";"Coolblue";"iDEAL betaling"',
      ].join("\n"),
    );
    expect(s.rows.map((r) => r.description)).toEqual(["Albert Heijn 1234 · Betaling Albert Heijn", "Acme Consulting BV · Factuur 2024-017", "Coolblue · iDEAL betaling"]);
    expect(step(s, "column 5")?.decision).toBe("ignored");
  });

  it("takes the total over a subtotal when no balance says (Up: the round-up leaves the account too)", () => {
    const s = parse(
      [
        "Time,Payee,Description,Subtotal (AUD),Currency,Round Up (AUD),Total (AUD),Settled Date",
        "2024-03-01T08:12:33+11:00,Coles,Coles Bondi,-45.30,AUD,-0.70,-46.00,2024-03-02",
        "2024-03-02T09:00:00+11:00,Acme Pty Ltd,Salary,2800.00,AUD,,2800.00,2024-03-02",
        "2024-03-03T19:45:10+11:00,Uber Eats,Uber Eats,-32.15,AUD,-0.85,-33.00,2024-03-04",
      ].join("\n"),
    );
    expect(amounts(s)).toEqual(["-46.00", "2800.00", "-33.00"]);
    expect(s.confidence).toBe("high");
  });

  it("reads a bare Total beside debit and credit columns as the running balance, not the amount", () => {
    const s = parse(["Date,Description,Debit,Credit,Total", "2024-03-01,Deposit,,1000.00,1000.00", "2024-03-02,Supplies,45.10,,954.90", "2024-03-05,Rent,800.00,,154.90"].join("\n"));
    expect(amounts(s)).toEqual(["1000.00", "-45.10", "-800.00"]);
    expect(s.closingBalance?.toString()).toBe("154.90");
  });

  it("posts on Handelsbanken's ledger date (Reskontradatum), not the purchase date", () => {
    const s = parse(["Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo", "2024-03-02;2024-03-01;LON ACME AB;32 500,00;45 254,50", "2024-03-04;2024-03-03;SL ACCESS;-970,00;44 284,50"].join("\n"));
    expect(dates(s)).toEqual(["2024-03-02", "2024-03-04"]);
  });
});

describe("exports from a blind test (banks the corpus did not have)", () => {
  it("keeps an Italian 'Autorizzato' row out of the ledger as pending (Fineco's Stato)", () => {
    const s = parse(
      "Data;Entrate;Uscite;Descrizione;Stato\n" +
        "03/03/2026;;-96,11;Prelievo Bancomat;Autorizzato\n" +
        "01/03/2026;1817,45;;Bonifico stipendio;Contabilizzato\n" +
        "28/02/2026;;-42,27;Pagamento Visa Debit;Contabilizzato\n",
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([
      ["2026-02-28", "-42.27"],
      ["2026-03-01", "1817.45"],
    ]);
    expect(s.pending.map((r) => r.amount.toString())).toEqual(["-96.11"]);
  });

  it("reads a Romanian extras: Sold contabil is the balance, SOLD ANTERIOR and SOLD FINAL CONT the balances, RULAJ ZI and SOLD FINAL ZI no rows", () => {
    const s = parse(
      "Data tranzactie,Data valuta,Descriere,Referinta tranzactiei,Debit,Credit,Sold contabil\n" +
        ',,SOLD ANTERIOR,,,,"12,345.67"\n' +
        '2026-02-02,2026-02-02,"Comision plata OP",BT1,"2.50",,\n' +
        '2026-02-02,2026-02-02,"Incasare OP ACME SRL",BT2,,"1,000.00",\n' +
        ',,RULAJ ZI,,"2.50","1,000.00",\n' +
        ',,SOLD FINAL ZI,,,,"13,343.17"\n' +
        '2026-02-03,2026-02-03,"Plata la POS KAUFLAND",BT3,"356.66",,\n' +
        ',,RULAJ ZI,,"356.66","0.00",\n' +
        ',,SOLD FINAL ZI,,,,"12,986.51"\n' +
        ',,RULAJ TOTAL CONT,,"359.16","1,000.00",\n' +
        ',,SOLD FINAL CONT,,,,"12,986.51"\n',
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([
      ["2026-02-02", "-2.50"],
      ["2026-02-02", "1000.00"],
      ["2026-02-03", "-356.66"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["12345.67", "12986.51"]);
  });

  it("knows Icelandic column names (Dagsetning, Texti, Upphæð, Staða) and reads whole-krónur amounts by them", () => {
    const s = parse(
      "Dagsetning;Vaxtadagur;Tilvísun;Skýring;Texti;Upphæð;Staða\n" +
        "09.03.2026;09.03.2026;01010903;Millifærsla;Millifærsla frá Guðrúnu;27.042;3.532.553\n" +
        "06.03.2026;04.03.2026;01010603;Debetkort;Strætó bs.;-570;3.505.511\n" +
        "02.03.2026;02.03.2026;01010203;Debetkort;Bónus Kringlunni;-12.500;3.506.081\n",
    );
    expect(s.confidence).toBe("high");
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.balance?.toString()])).toEqual([
      ["2026-03-02", "-12500", "3506081"],
      ["2026-03-06", "-570", "3505511"],
      ["2026-03-09", "27042", "3532553"],
    ]);
  });

  it("reads a closing balance labelled with its currency in brackets (La Banque Postale's 'Solde (EUROS)')", () => {
    const s = parse(
      "Numéro Compte   ;0123456X020\nType            ;CCP\nDate            ;02/03/2026\nSolde (EUROS)   ;1 808,96\nSolde (FRANCS)  ;11 866,00\n\n" +
        "Date;Libellé;Montant(EUROS);Montant(FRANCS)\n" +
        "02/03/2026;PRLV SEPA EDF;-82,40;-540,51\n" +
        "01/03/2026;VIREMENT DE ACME;1 500,00;9 839,36\n",
    );
    expect(s.closingBalance?.toString()).toBe("1808.96");
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["1500.00", "-82.40"]);
  });

  it("reads a row that is a fee alone (Capitec: Money In and Money Out empty, Fee -7.50)", () => {
    const s = parse(
      "Nr,Account,Posting Date,Transaction Date,Description,Money In,Money Out,Fee,Balance\n" +
        "1,1412345678,2026-02-02,2026-02-02,Prepaid Airtime,,-56.74,-0.50,5176.86\n" +
        "2,1412345678,2026-02-03,2026-02-02,Monthly Account Admin Fee,,,-7.50,5169.36\n" +
        "3,1412345678,2026-02-04,2026-02-03,Salary ACME,24636.46,,,29805.82\n",
    );
    expect(s.rows.map((r) => [r.description, r.amount.toString()])).toEqual([
      ["Prepaid Airtime", "-57.24"],
      ["Monthly Account Admin Fee", "-7.50"],
      ["Salary ACME", "24636.46"],
    ]);
  });
});

describe("exports from a second blind test (seventeenth session)", () => {
  it("knows DR, CR and BAL as debit, credit and balance columns (Axis Bank)", () => {
    const s = parse(
      "Tran Date,CHQNO,PARTICULARS,DR,CR,BAL,SOL\n" +
        ",,OPENING BALANCE,,,287456.32,\n" +
        "01-01-2026,,UPI/P2M/366905540257/IRCTC,390.81,,287065.51,1247\n" +
        "11-01-2026,,IMPS/P2A/523924236397/ANIL SHARMA,,7575.55,294641.06,1247\n" +
        ",,CLOSING BALANCE,,,294641.06,\n",
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.balance?.toString()])).toEqual([
      ["2026-01-01", "-390.81", "287065.51"],
      ["2026-01-11", "7575.55", "294641.06"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["287456.32", "294641.06"]);
  });

  it("reads Qonto: '(TTC)' is no currency, a refused payment is no row and not pending, the counterparty describes the row", () => {
    const s = parse(
      "Statut;Date de l'opération (UTC);Date de règlement (UTC);Montant total (TTC);Devise;Montant local (TTC);Devise locale;Nom de la contrepartie;Note\n" +
        "En attente;30-01-2026 15:54:32;;-150,82;EUR;-150,82;EUR;Le Pain Quotidien;\n" +
        "Exécuté;29-01-2026 19:40:37;30-01-2026 19:40:37;-245,55;EUR;-266,38;USD;Amazon Web Services;\n" +
        "Refusé;04-01-2026 19:32:41;;-56,55;EUR;-56,55;EUR;Monoprix;\n" +
        "Exécuté;02-01-2026 10:00:00;02-01-2026 10:00:00;2638,24;EUR;2638,24;EUR;Maison Lefèvre SARL;FACT-2026-760\n",
    );
    expect(s.currency).toBe("EUR");
    expect(s.rows.map((r) => [r.amount.toString(), r.description])).toEqual([
      ["2638.24", "Maison Lefèvre SARL · FACT-2026-760"],
      ["-245.55", "Amazon Web Services"],
    ]);
    expect(s.pending.map((r) => r.amount.toString())).toEqual(["-150.82"]);
    expect(s.skipped.map((k) => k.sourceRow)).toEqual([4]);
  });

  it("takes the amount and currency in the account's currency over the payment's (SEB: Suma sąskaitos valiuta)", () => {
    const s = parse(
      '"DATA";"VALIUTA";"SUMA";"MOKĖTOJO ARBA GAVĖJO PAVADINIMAS";"MOKĖJIMO PASKIRTIS";"DEBETAS/KREDITAS";"SUMA SĄSKAITOS VALIUTA";"SĄSKAITOS VALIUTA"\n' +
        '"2026-01-02";"EUR";"11,17";"MAXIMA LT, UAB";"Kortelės operacija";"D";"11,17";"EUR"\n' +
        '"2026-01-06";"PLN";"100,59";"ZABKA WARSZAWA";"Kortelės operacija";"D";"23,55";"EUR"\n' +
        '"2026-01-07";"USD";"98,34";"GITHUB";"Kortelės operacija";"D";"90,83";"EUR"\n' +
        '"2026-01-09";"EUR";"1500,00";"UAB ACME";"Atlyginimas";"C";"1500,00";"EUR"\n',
    );
    expect(s.currency).toBe("EUR");
    expect(s.rows.map((r) => [r.amount.toString(), r.description])).toEqual([
      ["-11.17", "MAXIMA LT, UAB · Kortelės operacija"],
      ["-23.55", "ZABKA WARSZAWA · Kortelės operacija"],
      ["-90.83", "GITHUB · Kortelės operacija"],
      ["1500.00", "UAB ACME · Atlyginimas"],
    ]);
  });

  it("takes the year of dates without one from a period written with month names and dashes (Banorte: 16-DIC-2025 al 15-ENE-2026)", () => {
    const s = parse(
      "BANORTE - Movimientos de Tarjeta de Crédito,,\nPeriodo:,16-DIC-2025 al 15-ENE-2026,\nMoneda:,MXN,\n,,\n" +
        "Fecha,Descripción,Importe\n" +
        '16-DIC,WALMART SUPERCENTER COYOACAN,"$607.39"\n' +
        '02-ENE,PAGO RECIBIDO GRACIAS,"-$5,000.00"\n' +
        '14-ENE,UBER *TRIP CDMX,"$1,320.91"\n',
      { accountKind: "credit-card" },
    );
    expect(dates(s)).toEqual(["2025-12-16", "2026-01-02", "2026-01-14"]);
    expect(s.warnings).toEqual([]);
  });

  it("never dates rows without a year in the future when nothing states the year", () => {
    const s = parse("Fecha,Descripción,Importe\n" + '31-DIC,TIENDA,"-10.00"\n' + '02-ENE,PAGO,"5.00"\n');
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const first = `${today >= `${year}-12-31` ? year : year - 1}-12-31`;
    expect(dates(s)[0]).toBe(first);
    expect(dates(s)[1]).toBe(`${Number(first.slice(0, 4)) + 1}-01-02`);
    expect(s.warnings[0]).toContain(`assumed ${first.slice(0, 4)}`);
  });

  it("does not take the payment's original currency for the account's (Komerční banka: Originální měna)", () => {
    const s = parse(
      "Měna účtu;CZK;\n;\n" +
        "Datum splatnosti;Název protiúčtu;Částka;Originální částka;Originální měna;Kurz;Systémový popis\n" +
        "23.01.2026;;-2 142,86;-85,22;EUR;25,145;Platba kartou\n" +
        "30.01.2026;Jiří Procházka;1 995,93;;;;Příchozí úhrada\n",
    );
    expect(s.currency).toBe("CZK");
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-2142.86", "1995.93"]);
  });

  it.each([
    ['"Account","ACME ROBOTICS INC - OPERATING xxxxxx4821 (USD)"\n', "USD"],
    ["Conta ;0123012345600 - EUR - Conta Caixa\n", "EUR"],
    ['"Account","ALL ACCOUNTS - OPERATING INC"\n', undefined],
  ])("reads the currency set apart in the account's name before the table: %s", (preamble, currency) => {
    const s = parse(`${preamble}\nDate,Description,Amount\n01/02/2026,ADP WAGE PAY,-11658.21\n01/05/2026,STRIPE TRANSFER,2500.00\n`);
    expect(s.currency).toBe(currency);
  });

  it("reads a Portuguese closing balance with its currency in the footer (CGD: Saldo contabilístico 2.408,08 EUR)", () => {
    const s = parse(
      "Data mov. ;Data valor ;Descrição ;Débito ;Crédito ;Saldo contabilístico ;\n" +
        "02-01-2026;02-01-2026;COMISSAO CONTA CAIXA ;5,95;;3.208,82;\n" +
        "30-01-2026;30-01-2026;COMPRA 0637 PINGO DOCE LISBOA ;53,90;;3.154,92;\n" +
        " ; ; ;Saldo contabilístico ;3.154,92 EUR ;\n",
    );
    expect([s.closingBalance?.toString(), s.currency]).toEqual(["3154.92", "EUR"]);
  });

  it("does not take a collective payment's detail line, a value date and its own amount, for a balance (ZKB)", () => {
    const s = parse(
      '"Datum";"Buchungstext";"Whg";"Betrag Detail";"Belastung CHF";"Gutschrift CHF";"Valuta";"Saldo CHF"\n' +
        '"30.01.2026";"Belastung TWINT *Valora";"";"";"17.75";"";"30.01.2026";"14\'171.47"\n' +
        '"30.01.2026";"Sammelauftrag eBanking (2 Zahlungen)";"";"";"3\'288.58";"";"30.01.2026";"14\'189.22"\n' +
        '"";"Zahlung an Swisscom (Schweiz) AG, Bern";"CHF";"1\'305.67";"";"";"30.01.2026";""\n' +
        '"";"Zahlung an Serafe AG, Fehraltorf";"CHF";"1\'982.91";"";"";"30.01.2026";""\n' +
        '"28.01.2026";"Einkauf Coop";"";"";"81.31";"";"28.01.2026";"17\'477.80"\n',
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-81.31", "-3288.58", "-17.75"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["17559.11", "14171.47"]);
  });

  it("does not take a column named like a balance that the amounts never move for a running balance (Rakuten's 3月繰越残高)", () => {
    const s = parse(
      '"利用日","利用店名・商品名","利用金額","支払総額","3月繰越残高"\n' +
        '"2026/01/03","ファミリーマート","1444","1444","0"\n' +
        '"2026/01/04","Amazon.co.jp","10032","10032","0"\n' +
        '"2026/01/06","NETFLIX.COM","990","990","0"\n',
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => [r.amount.toString(), r.balance])).toEqual([
      ["-1444", undefined],
      ["-10032", undefined],
      ["-990", undefined],
    ]);
    expect([s.openingBalance, s.closingBalance, s.confidence]).toEqual([undefined, undefined, "high"]);
  });

  it("reads Postbank's Auftraggeber as who paid and Empfänger as who was paid: the other party describes each row, not the holder", () => {
    const s = parse(
      "Buchungstag;Wertstellung;Umsatzart;Buchungsdetails;Auftraggeber;Empfänger;Betrag (€);Saldo (€)\n" +
        "30.01.2026;30.01.2026;Kartenzahlung;Referenz 67894897744;Jana Becker;EDEKA CENTER BONN;-26,51 €;1.169,76 €\n" +
        "27.01.2026;25.01.2026;Gutschrift;Referenz 04920855563;PayPal Europe S.a.r.l.;Jana Becker;175,75 €;1.196,27 €\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual(["PayPal Europe S.a.r.l. · Referenz 04920855563", "EDEKA CENTER BONN · Referenz 67894897744"]);
  });
});

describe("exports from a third blind test (seventeenth session)", () => {
  it("reads Spanish C (cargo) and A (abono) as money out and money in (Santander Chile, whole pesos)", () => {
    const s = parse(
      "MONTO;DESCRIPCIÓN MOVIMIENTO;FECHA;N° DOCUMENTO;SUCURSAL;CARGO/ABONO\n" +
        "$1.131;IVA COMISION MANTENCION;30/11/2026;0;Of. Central;C\n" +
        "$450.000;TRANSFERENCIA DE SOFIA ROJAS;29/11/2026;0;Internet;A\n" +
        "$27.960;COMPRA NACIONAL UBER TRIP;28/11/2026;4013568;Of. Providencia;C\n",
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-27960", "450000", "-1131"]);
  });

  it("reads the account's currency named in words in the preamble (Santander Chile: Moneda: Peso Chileno)", () => {
    const s = parse("Moneda: Peso Chileno;;\n;;\nMONTO;DESCRIPCIÓN MOVIMIENTO;FECHA\n-$1.131;IVA COMISION;30/11/2026\n$450.000;TRANSFERENCIA;29/11/2026\n");
    expect(s.currency).toBe("CLP");
  });

  it("reads Bank of Taiwan: Minguo dates, the currency in words, and '14,644' as whole dollars since the file's currency has no third decimal", () => {
    const s = parse(
      "臺灣銀行 存款交易明細查詢\n帳號：,004-001-23456-7\n查詢期間：,115/11/01 ~ 115/11/30\n幣別：,新臺幣\n\n" +
        "交易日期,摘要,支出金額,存入金額,結存餘額,備註\n" +
        '115/11/02,轉帳支出,"14,644",,"111,839",國泰世華信用卡款\n' +
        '115/11/05,薪資轉入,,"52,000","163,839",公司薪資\n',
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([
      ["2026-11-02", "-14644"],
      ["2026-11-05", "52000"],
    ]);
    expect([s.currency, s.confidence]).toEqual(["TWD", "high"]);
  });

  it("reads Kasikorn: Thai names, Buddhist-era years, the balance brought forward and carried, and total lines", () => {
    const s = parse(
      "วันที่,เวลา,รายการ,ถอนเงิน,ฝากเงิน,ยอดคงเหลือ,ช่องทาง,รายละเอียด\n" +
        ',,ยอดยกมา,,,"25,430.50",,\n' +
        '01/11/2569,07:35,รับโอนเงิน,,"6,208.00","31,638.50",Internet/Mobile,จาก KTB X0253\n' +
        '01/11/2569,20:42,ชำระเงิน,494.72,,"31,143.78",K PLUS,ชำระเงินให้ GRAB\n' +
        '\nรวมถอนเงิน,1 รายการ,,494.72,,,,\nรวมฝากเงิน,1 รายการ,,,"6,208.00",,,\nยอดยกไป,,,,,"31,143.78",,\n',
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2026-11-01", "6208.00", "รับโอนเงิน · จาก KTB X0253"],
      ["2026-11-01", "-494.72", "ชำระเงิน · ชำระเงินให้ GRAB"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["25430.50", "31143.78"]);
  });

  it("reads Nota Débito and Nota Crédito as the direction of unsigned amounts (Davivienda)", () => {
    const s = parse(
      "Fecha de Sistema,Documento,Descripción motivo,Transacción,Valor Total\n" +
        '03/11/2026,0485503,Transferencia A Otras Cuentas,Nota Débito,"$ 1,087,000.00"\n' +
        '04/11/2026,1496109,Abono Nomina,Nota Crédito,"$ 4,250,000.00"\n' +
        '05/11/2026,8726473,Compra Establecimiento,Nota Débito,"$ 40,700.00"\n',
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-1087000.00", "4250000.00", "-40700.00"]);
  });

  it("reads Débitos and Créditos filled with 0,00 as debit and credit columns, beside a redundant direction column (Galicia)", () => {
    const s = parse(
      '"Fecha","Descripción","Débitos","Créditos","Tipo de Movimiento","Saldo"\n' +
        '"27/11/2026","COMPRA DEBITO","21.944,21","0,00","Débito","2.863.873,56"\n' +
        '"13/11/2026","ACREDITAMIENTO DE HABERES","0,00","2.450.037,50","Crédito","2.885.817,77"\n' +
        '"12/11/2026","IMP. DEB. LEY 25413","610,19","0,00","Débito","435.780,27"\n',
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-610.19", "2450037.50", "-21944.21"]);
  });

  it("keeps planned rows out of the ledger as pending (Consorsbank's Umsatz geplant: Ja)", () => {
    const s = parse(
      "Buchung;Valuta;Sender / Empfänger;Buchungstext;Verwendungszweck;Umsatz geplant;Betrag;Währung\n" +
        "30.12.2026;30.12.2026;Wohnbau Nürnberg eG;DAUERAUFTRAG;Miete Januar 2027;Ja;-1.050,00;EUR\n" +
        "04.12.2026;04.12.2026;Lena Schmidt;GUTSCHRIFT;Anteil Weihnachtsfeier;Nein;466,75;EUR\n" +
        "02.12.2026;02.12.2026;REWE;LASTSCHRIFT;Einkauf;Nein;-42,10;EUR\n",
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-42.10", "466.75"]);
    expect(s.pending.map((r) => r.amount.toString())).toEqual(["-1050.00"]);
    // A column named so whose cells are statuses, not a yes or no, reads them as statuses.
    const named = parse("Date,Description,Amount,Pending\n2026-01-02,A,-1.00,Pending\n2026-01-03,B,-2.00,Posted\n");
    expect([named.rows.map((r) => r.amount.toString()), named.pending.map((r) => r.amount.toString())]).toEqual([["-2.00"], ["-1.00"]]);
  });

  it("describes rows by a column named label (Boursorama)", () => {
    const s = parse(
      "dateOp;dateVal;label;category;amount;comment;accountNum\n" +
        '2026-11-30;2026-11-30;"RETRAIT DAB 28/11/26 PARIS 11";"Retraits";-40,00;;00040728163\n' +
        '2026-11-29;2026-11-29;"VIR SEPA DATAGORA SAS SALAIRE";"Salaires";3124,80;;00040728163\n',
    );
    expect(s.rows.map((r) => r.description)).toEqual(["VIR SEPA DATAGORA SAS SALAIRE", "RETRAIT DAB 28/11/26 PARIS 11"]);
  });

  it("takes the card-currency amount, and leaves the payment's currency column to the payment's amount (monobank)", () => {
    const s = parse(
      '"Дата i час операції","Деталі операції",MCC,"Сума в валюті картки (UAH)","Сума в валюті операції",Валюта,Курс,"Залишок після операції"\n' +
        "01.11.2026 10:08:37,Steam Purchase,5816,-754.61,-18.03,USD,41.8532,17979.51\n" +
        "02.11.2026 09:49:45,Аптека АНЦ,5912,-1334.10,-1334.10,UAH,—,16645.41\n" +
        "03.11.2026 12:00:00,Зарплата,4829,25000.00,25000.00,UAH,—,41645.41\n",
    );
    expect([s.currency, ...s.rows.map((r) => r.amount.toString())]).toEqual(["UAH", "-754.61", "-1334.10", "25000.00"]);
  });

  it("skips Vietnamese and Hebrew total lines after the rows (Tổng số tiền ghi nợ, סה\"כ) and reads ₪ in a currency column", () => {
    const vn = parse(
      "Loại tiền:,VND,,,,\n" +
        "STT,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả\n" +
        '1,02/11/2026,"1,034,000",,"14,216,000",MBVCB chuyen tien\n' +
        '2,05/11/2026,,"30,000,000","44,216,000",LUONG THANG 11\n' +
        ',,,,,\nTổng số tiền ghi nợ:,,"1,034,000",,,\nTổng số tiền ghi có:,,,"30,000,000",,\n',
    );
    expect(vn.rows.map((r) => r.amount.toString())).toEqual(["-1034000", "30000000"]);
    const il = parse(
      'תאריך עסקה,שם בית העסק,סכום חיוב,מטבע חיוב\n14/09/2026,שופרסל דיל,245.90,₪\n20/09/2026,פז יילו,180.00,₪\n,"סה""כ",425.90,₪\n',
      { accountKind: "credit-card" },
    );
    expect([il.currency, ...il.rows.map((r) => r.amount.toString())]).toEqual(["ILS", "-245.90", "-180.00"]);
  });
});

describe("exports from a fourth blind test (eighteenth session)", () => {
  it("reads Zagrebačka banka: a label-and-value line is no header, Isplata/Uplata, dates ending in a dot, Stanje, Početno/Završno stanje and Ukupno", () => {
    const s = parse(
      "Zagrebačka banka d.d.\nValuta:;EUR\nPočetno stanje:;964,18\n" +
        "Datum knjiženja;Datum valute;Opis plaćanja;Primatelj / Platitelj;Isplata;Uplata;Stanje\n" +
        "02.03.2026.;02.03.2026.;Kartično plaćanje DM 0311;;60,92;;903,26\n" +
        "20.03.2026.;20.03.2026.;Plaća za 02/2026;INFOBIP D.O.O.;;1.875,00;2.778,26\n" +
        "Ukupno:;;;;60,92;1.875,00;\nZavršno stanje:;2.778,26\n",
    );
    expect([s.currency, s.openingBalance?.toString(), s.closingBalance?.toString(), proveBalances(s.rows, s.openingBalance, s.closingBalance).status]).toEqual(["EUR", "964.18", "2778.26", "proven"]);
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2026-03-02", "-60.92"], ["2026-03-20", "1875.00"]]);
  });

  it("reads NLB: Breme/Dobro, Prejemnik / Plačnik, Začetno/Končno stanje and Skupaj promet", () => {
    const s = parse(
      "Začetno stanje (EUR):;3.120,77;;;;\n" +
        "Datum knjiženja;Prejemnik / Plačnik;Namen plačila;Breme;Dobro;Stanje\n" +
        "02.06.2025;SPAR SLOVENIJA;NAKUP S KARTICO;20,48;;3.100,29\n" +
        "03.06.2025;ACME D.O.O.;PLACA;;1.000,00;4.100,29\n" +
        "Skupaj promet:;;;20,48;1.000,00;\nKončno stanje (EUR):;4.100,29;;;;\n",
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), proveBalances(s.rows, s.openingBalance, s.closingBalance).status]).toEqual(["3120.77", "4100.29", "proven"]);
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-20.48", "1000.00"]);
  });

  it("reads UniCredit Bulbank: Cyrillic Д/К directions, and the balance lines' own currency before their BGN counter-value", () => {
    const s = parse(
      "Начално салдо:;2 715,40;EUR;5 310,86;BGN\nКрайно салдо:;4 711,46;EUR;9 214,89;BGN\n\n" +
        "Дата;Вальор;Описание;Сума;Валута;Д/К;Равностойност BGN\n" +
        "05.01.2026;05.01.2026;СКЕЙЛФОКУС АД ЗАПЛАТА;2 045,17;EUR;К;4 000,00\n" +
        "06.01.2026;06.01.2026;SOFIA PUBLIC TRANSPORT;49,11;EUR;Д;96,05\n",
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), proveBalances(s.rows, s.openingBalance, s.closingBalance).status]).toEqual(["2715.40", "4711.46", "proven"]);
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["2045.17", "-49.11"]);
  });

  it("does not take a preamble's label and value (Valuta:;EUR) for the header, though both name columns", () => {
    const s = parse("Valuta:;EUR\nDatum;Opis;Promet\n02.03.2026;Kartično plaćanje DM;-60,92\n03.03.2026;Plaća;1.875,00\n");
    expect([s.currency, ...s.rows.map((r) => r.amount.toString())]).toEqual(["EUR", "-60.92", "1875.00"]);
  });

  it("takes Sabadell's F. Operativa as the ledger date beside F. Valor", () => {
    const s = parse("F. Operativa;Concepto;F. Valor;Importe;Saldo\n01/08/2025;COMPRA TARJ. CAFETERIA;30/07/2025;-53,89;3.467,35\n02/08/2025;BIZUM;02/08/2025;20,00;3.487,35\n");
    expect(s.rows.map((r) => [r.date, r.valueDate])).toEqual([["2025-08-01", "2025-07-30"], ["2025-08-02", "2025-08-02"]]);
  });

  it("reads BCP: amounts in soles (S/) and the currency named in words (Moneda: Soles)", () => {
    const s = parse('Moneda:,Soles\nFecha,Descripción operación,Monto,Saldo\n01/05/2026,COMPRA TOTTUS,"S/ -71.03","S/ 6,774.09"\n02/05/2026,ABONO HABERES,"S/ 2,500.00","S/ 9,274.09"\n');
    expect([s.currency, ...s.rows.map((r) => r.amount.toString())]).toEqual(["PEN", "-71.03", "2500.00"]);
  });

  it("reads Al Rajhi's Arabic names, and leaves its Hijri date column out", () => {
    const s = parse("التاريخ,التاريخ الهجري,تفاصيل العملية,مدين,دائن,الرصيد\n2026-03-31,1447/10/12,شراء نقاط البيع,150.00,,18504.20\n2026-04-01,1447/10/13,راتب,,9000.00,27504.20\n");
    expect([s.confidence, ...s.rows.map((r) => [r.date, r.amount.toString(), r.valueDate ?? null])]).toEqual(["high", ["2026-03-31", "-150.00", null], ["2026-04-01", "9000.00", null]]);
  });

  it("reads SMBC's Vpass card export: no header, amounts in whole yen, and each card's holder named over its rows", () => {
    const s = parse(
      "三井住友　花子　様,4980-****-****-2210,三井住友カード（ＮＬ）\n" +
        "2026/06/01,マツモトキヨシ,3112,１,１,3112,\n2026/06/19,ユニクロ,-3980,１,１,-3980,\n2026/06/19,ＯＰＥＮＡＩ,1587,１,１,1587,現地通貨額　10.42　ＵＳＤ\n" +
        "三井住友　一郎　様,4980-****-****-7745,三井住友カード（ＮＬ）家族カード\n" +
        "2026/06/05,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,2694,１,１,2694,現地通貨額　18.10　ＵＳＤ\n,,,,,3413,\n",
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2026-06-01", "-3112", "マツモトキヨシ"],
      ["2026-06-19", "3980", "ユニクロ"],
      ["2026-06-19", "-1587", "ＯＰＥＮＡＩ · 現地通貨額　10.42　ＵＳＤ"],
      ["2026-06-05", "-2694", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ · 現地通貨額　18.10　ＵＳＤ"],
    ]);
    expect(s.confidence).toBe("low");
    expect(s.skipped.map((k) => [k.sourceRow, k.reason])).toContainEqual([5, "not-a-transaction"]);
  });

  it("does not take row numbers or a constant for whole-number amounts, and still refuses a file with no amounts", () => {
    expect(parseError("2026-01-02,1,Coffee,1\n2026-01-03,2,Lunch,1\n2026-01-04,3,Taxi,1\n").message).toMatch(/no header row found/);
  });

  it("says a payee once when the description starts with it (bunq), and keeps both when neither contains the other", () => {
    const s = parse(
      '"Date";"Amount";"Account";"Counterparty";"Name";"Description"\n' +
        '"2026-02-03";"-68,25";"NL12BUNQ2040123456";"";"Kruidvat 7412";"Kruidvat 7412 AMSTERDAM, NL Apple Pay"\n' +
        '"2026-02-04";"-67,65";"NL12BUNQ2040123456";"NL57INGB0705001903";"Ziggo Services B.V.";"Incasso machtiging 55735844"\n',
    );
    expect(s.rows.map((r) => r.description)).toEqual(["Kruidvat 7412 AMSTERDAM, NL Apple Pay", "Ziggo Services B.V. · Incasso machtiging 55735844"]);
  });

  it("leaves Chase's Details codes (DEBIT, CREDIT, CHECK, DSLIP) out of the description, and a check number its words hold", () => {
    const s = parse(
      "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\n" +
        "DEBIT,03/02/2026,ADP PAYROLL FEES,-112.40,ACH_DEBIT,20112.60,,\n" +
        "CHECK,03/03/2026,CHECK 1041,-850.00,CHECK_PAID,19262.60,1041,\n" +
        "CREDIT,03/04/2026,STRIPE TRANSFER,2480.15,ACH_CREDIT,21742.75,,\n" +
        "DSLIP,03/05/2026,DEPOSIT ID NUMBER 402113,500.00,DEPOSIT,22242.75,,\n" +
        "DEBIT,03/06/2026,AMAZON WEB SERVICES,-61.20,DEBIT_CARD,22181.55,,\n" +
        "DEBIT,03/09/2026,COMCAST BUSINESS,-189.99,ACH_DEBIT,21991.56,,\n" +
        "CREDIT,03/10/2026,SQUARE INC TRANSFER,1210.00,ACH_CREDIT,23201.56,,\n" +
        "DEBIT,03/11/2026,GUSTO PAYROLL,-4100.00,ACH_DEBIT,19101.56,,\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "ADP PAYROLL FEES", "CHECK 1041", "STRIPE TRANSFER", "DEPOSIT ID NUMBER 402113", "AMAZON WEB SERVICES", "COMCAST BUSINESS", "SQUARE INC TRANSFER", "GUSTO PAYROLL",
    ]);
  });

  it("reads Raiffeisen Hungary's Nyitó/Záró egyenleg and Landsbankinn's Mynt: ISK, which settles '-1.240' as whole krónur", () => {
    const hu = parse("Nyitó egyenleg:;512 385;;\nZáró egyenleg:;502 385;;\nKönyvelés dátuma;Közlemény;Összeg\n2025.10.02;SPAR;-4 000\n2025.10.03;TESCO;-6 000\n");
    expect([hu.openingBalance?.toString(), hu.closingBalance?.toString()]).toEqual(["512385", "502385"]);
    const is = parse("Mynt:;ISK;;\nDagsetning;Texti;Upphæð;Staða\n31.10.2025;Færslugjöld;-1.240;453.309\n29.10.2025;Bónus;-21.296;454.549\n28.10.2025;Laun;-690;475.845\n");
    expect([is.currency, is.confidence, ...is.rows.map((r) => r.amount.toString())]).toEqual(["ISK", "high", "-690", "-21296", "-1240"]);
  });

  it("reads Swedbank Latvia's opening and closing balance records among the rows (Sākuma/Beigu atlikums), and its payment details", () => {
    const s = parse(
      '"Klienta konts";"Ieraksta tips";"Datums";"Saņēmējs/Maksātājs";"Informācija saņēmējam";"Summa";"Valūta";"Debets/Kredīts"\n' +
        '"LV12HABA0551012345678";"10";"01.11.2025";"";"Sākuma atlikums";"1284,37";"EUR";"K"\n' +
        '"LV12HABA0551012345678";"20";"03.11.2025";"SIA Tet";"Rēķins Nr. 73907052";"74,06";"EUR";"D"\n' +
        '"LV12HABA0551012345678";"82";"30.11.2025";"";"Apgrozījums";"74,06";"EUR";"D"\n' +
        '"LV12HABA0551012345678";"86";"30.11.2025";"";"Beigu atlikums";"1210,31";"EUR";"K"\n',
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["1284.37", "1210.31"]);
    expect(s.rows.map((r) => [r.amount.toString(), r.description])).toEqual([["-74.06", "SIA Tet · Rēķins Nr. 73907052"]]);
  });

  it("dates Nordea Denmark's rows by Bogført, not by Rentedato", () => {
    const s = parse("Bogført;Tekst;Rentedato;Beløb;Saldo\n02-02-2026;Dankort-nota Bilka 01.02;01-02-2026;-84,17;17.959,66\n03-02-2026;Løn;03-02-2026;1.000,00;18.959,66\n");
    expect(s.rows.map((r) => [r.date, r.valueDate])).toEqual([["2026-02-02", "2026-02-01"], ["2026-02-03", "2026-02-03"]]);
  });

  it("reads Erste Croatia's card reservations as pending, under their own header, as money out", () => {
    const s = parse(
      "Datum knjiženja;Datum valute;Opis plaćanja;Isplata;Uplata;Stanje\n" +
        "26.02.2026.;26.02.2026.;Kupnja BOLT.EU;89,92;;837,37\n;;;;;\n" +
        "Rezervacije po karticama;;;;;\nDatum transakcije;Opis;Iznos;Valuta;;\n" +
        "26.02.2026.;KONZUM 1234 ZAGREB;23,45;EUR;;\n27.02.2026.;WOLT ZAGREB;18,99;EUR;;\n",
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-89.92"]);
    expect(s.pending.map((p) => [p.date, p.amount.toString(), p.description])).toEqual([
      ["2026-02-26", "-23.45", "KONZUM 1234 ZAGREB"],
      ["2026-02-27", "-18.99", "WOLT ZAGREB"],
    ]);
  });

  it("reads Banca Intesa Serbia's Zaduženje/Odobrenje and Naziv primaoca/platioca, and Banamex's Depósitos", () => {
    const rs = parse("Datum knjiženja;Opis transakcije;Naziv primaoca/platioca;Zaduženje;Odobrenje;Stanje\n03.11.2025;Plaćanje računa;EPS SNABDEVANJE;4.512,30;;180.000,00\n10.11.2025;Zarada za oktobar 2025;NCR VOYIX DOO BEOGRAD;;145.000,00;325.000,00\n");
    expect(rs.rows.map((r) => [r.amount.toString(), r.description])).toEqual([["-4512.30", "Plaćanje računa · EPS SNABDEVANJE"], ["145000.00", "Zarada za oktobar 2025 · NCR VOYIX DOO BEOGRAD"]]);
    const mx = parse("Fecha,Descripción,Retiros,Depósitos,Saldo\n10/dic/2025,OXXO INSURGENTES,125.50,,42193.00\n11/dic/2025,DEPOSITO NOMINA,,18500.00,60693.00\n");
    expect(mx.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2025-12-10", "-125.50"], ["2025-12-11", "18500.00"]]);
  });

  it("skips Ziraat's Toplam lines, reads Döviz Cinsi: TL, and Bank Leumi's balance named in shekels (היתרה בש\"ח)", () => {
    const tr = parse("Döviz Cinsi:;TL\nTarih;Açıklama;Tutar;Bakiye\n02.02.2026;POS İşlemi;-245,90;23.172,65\n03.02.2026;FAST Gelen;500,00;23.672,65\n;Toplam Borç;-245,90;\n;Toplam Alacak;500,00;\n");
    expect([tr.currency, ...tr.rows.map((r) => r.amount.toString())]).toEqual(["TRY", "-245.90", "500.00"]);
    const il = parse('"תאריך","תיאור","בחובה","בזכות","היתרה בש""ח"\n"01/09/25","סופר-פארם","546.05","","11,904.25"\n"02/09/25","משכורת","","9,000.00","20,904.25"\n');
    expect([il.currency, ...il.rows.map((r) => r.amount.toString())]).toEqual(["ILS", "-546.05", "9000.00"]);
  });

  it("takes Itaú's card amount in the account's currency, on every row, over the one in dollars, and skips its exchange-rate line", () => {
    const s = parse(
      "data;lançamento;valor (US$);valor (R$)\n10/10/2025;PAGAMENTO EFETUADO;;-3.812,45\n12/10/2025;NETFLIX.COM;;55,90\n14/10/2025;OPENAI *CHATGPT;20,00;111,62\n;;;\ndólar de conversão;;;R$ 5,5812\n",
      { accountKind: "credit-card" },
    );
    expect([s.currency, ...s.rows.map((r) => r.amount.toString())]).toEqual(["BRL", "3812.45", "-55.90", "-111.62"]);
  });

  it("reads Santander Poland's export without a header: the ledger date is the column the rows are sorted by; account numbers in text marks and row numbers stay out of descriptions", () => {
    const s = parse(
      "01-11-2025,30-11-2025,'61109010140000071219812874',Konto Jakie Chcę,PLN,\"4210,98\",\"6173,11\",5,\n" +
        "28-11-2025,28-11-2025,\"OPŁATA ZA KARTĘ\",,\"\",\"-10,00\",\"6173,11\",4\n" +
        "25-11-2025,27-11-2025,\"CZYNSZ GRUDZIEŃ\",'49114088717269266127032703',\"JAN MAZUR\",\"-1200,00\",\"6183,11\",3\n" +
        "26-11-2025,26-11-2025,\"BLIK allegro.pl\",,\"\",\"-89,99\",\"7383,11\",2\n" +
        "24-11-2025,25-11-2025,\"WYNAGRODZENIE\",'27124020664750828923348160',\"COMARCH\",\"3000,00\",\"7473,10\",1\n",
    );
    expect([s.confidence, ...s.rows.map((r) => [r.date, r.description])]).toEqual([
      "high",
      ["2025-11-25", "WYNAGRODZENIE · COMARCH"],
      ["2025-11-26", "BLIK allegro.pl"],
      ["2025-11-27", "CZYNSZ GRUDZIEŃ · JAN MAZUR"],
      ["2025-11-28", "OPŁATA ZA KARTĘ"],
    ]);
  });

  it("reads ING Śląski's card holds (Kwota blokady, no booking date) as pending, and leaves its Szczegóły codes out", () => {
    const s = parse(
      '"Data transakcji";"Data księgowania";"Dane kontrahenta";"Tytuł";"Szczegóły";"Kwota transakcji (waluta rachunku)";"Waluta";"Kwota blokady/zwolnienie blokady";"Waluta";"Saldo po transakcji"\n' +
        '2025-10-31;;"UBER *TRIP";"Płatność kartą 31.10.2025";"";;;-24,00;PLN;\n' +
        '2025-10-29;2025-10-29;"olx.pl";"Płatność BLIK";"TR.BLIK";-275,56;PLN;;;13353,44\n' +
        '2025-10-26;2025-10-28;"KAUFLAND";"Płatność kartą";"TR.KART";-114,86;PLN;;;13629,00\n' +
        '2025-10-24;2025-10-26;"PIOTR WIŚNIEWSKI";"Zwrot za zakupy";"PRZELEW";392,32;PLN;;;13743,86\n' +
        '2025-10-20;2025-10-21;"ACME";"Wynagrodzenie";"PRZELEW";5000,00;PLN;;;13351,54\n' +
        '2025-10-18;2025-10-19;"ROSSMANN";"Płatność kartą";"TR.KART";-83,66;PLN;;;8351,54\n' +
        '2025-10-17;2025-10-17;"allegro.pl";"Płatność BLIK";"TR.BLIK";-40,00;PLN;;;8435,20\n',
    );
    expect(s.pending.map((p) => [p.date, p.amount.toString()])).toEqual([["2025-10-31", "-24.00"]]);
    expect(s.rows.map((r) => r.description)).toEqual([
      "allegro.pl · Płatność BLIK", "ROSSMANN · Płatność kartą", "ACME · Wynagrodzenie", "PIOTR WIŚNIEWSKI · Zwrot za zakupy", "KAUFLAND · Płatność kartą", "olx.pl · Płatność BLIK",
    ]);
  });

  it("reads Belfius's Dernier solde and Banco BPM's Saldo contabile iniziale/finale as the balances", () => {
    const be = parse("Date de comptabilisation;Contrepartie;Montant;Devise\n30/09/2025;PROXIMUS;-45,00;EUR\n29/09/2025;SALAIRE;2.284,16;EUR\n\nDernier solde;2.239,16 EUR\n");
    expect(be.closingBalance?.toString()).toBe("2239.16");
    const it = parse("Saldo contabile iniziale;4.215,38\nData contabile;Descrizione;Importo\n03/03/2025;BONIFICO;-1.934,00\n\nSaldo contabile finale al 31/03/2025;2.281,38\n");
    expect([it.openingBalance?.toString(), it.closingBalance?.toString()]).toEqual(["4215.38", "2281.38"]);
  });

  it("names HVB's counterparty (Empfaenger 1), keeps Swisscard's merchant category out of the description, and ELBA's time stamps", () => {
    const hvb = parse("Buchungsdatum;Valuta;Empfaenger 1;Verwendungszweck;Betrag;Waehrung\n01.10.2025;01.10.2025;REWE Markt GmbH;Kartenzahlung girocard;-8,62;EUR\n02.10.2025;02.10.2025;Siemens AG;LOHN/GEHALT 10/2025;3.400,00;EUR\n");
    expect(hvb.rows.map((r) => r.description)).toEqual(["REWE Markt GmbH · Kartenzahlung girocard", "Siemens AG · LOHN/GEHALT 10/2025"]);
    const sc = parse("Transaction date,Description,Merchant,Merchant Category,Amount,Currency\n01.09.2025,Purchase,Zalando SE,Family clothing stores,89.90,CHF\n02.09.2025,Purchase,Shell Zürich,Service stations,72.10,CHF\n", { accountKind: "credit-card" });
    expect(sc.rows.map((r) => r.description)).toEqual(["Purchase · Zalando SE", "Purchase · Shell Zürich"]);
    const at = parse("03.11.2025;Dauerauftrag Miete November;03.11.2025;-850,00;EUR;03.11.2025 01:00:25:689\n04.11.2025;Bezahlung Karte PENNY;04.11.2025;-23,40;EUR;04.11.2025 06:08:15:884\n05.11.2025;Gutschrift Florian;05.11.2025;50,00;EUR;05.11.2025 04:53:07:296\n");
    expect(at.rows.map((r) => r.description)).toEqual(["Dauerauftrag Miete November", "Bezahlung Karte PENNY", "Gutschrift Florian"]);
  });

  it("reads PayPal's download of a EUR account: USD rows that cancel out are left out with a warning; Typ describes, Guthaben is the balance", () => {
    const header = '"Datum","Name","Typ","Status","Währung","Netto","Guthaben","Betreff"\n';
    const rows =
      '"01.11.2025","","Allgemeine Abbuchung","Abgeschlossen","EUR","-150,00","34,20","Abbuchung auf Bankkonto"\n' +
      '"04.11.2025","Stefan Lindner","Allgemeine Zahlung","Abgeschlossen","EUR","51,59","85,79",""\n' +
      '"06.11.2025","Gumroad Inc","Express-Checkout-Zahlung","Abgeschlossen","USD","-50,35","-50,35",""\n' +
      '"06.11.2025","","Allgemeine Währungsumrechnung","Abgeschlossen","USD","50,35","0,00",""\n' +
      '"06.11.2025","","Allgemeine Währungsumrechnung","Abgeschlossen","EUR","-47,18","38,61",""\n';
    const s = parse(header + rows);
    expect([s.currency, s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["EUR", "184.20", "38.61"]);
    expect(s.rows.map((r) => [r.amount.toString(), r.description])).toEqual([
      ["-150.00", "Allgemeine Abbuchung · Abbuchung auf Bankkonto"],
      ["51.59", "Stefan Lindner · Allgemeine Zahlung"],
      ["-47.18", "Allgemeine Währungsumrechnung"],
    ]);
    expect(s.warnings).toEqual([
      "2 rows in USD (the first, row 4) left out: they add up to 0.00 USD, money that passed through another currency (a purchase and the conversion that paid it); the EUR side is in the ledger",
    ]);
    // USD rows that do not cancel out are still a file of two currencies.
    expect(parseError(header + rows.split("\n").filter((l) => !l.includes('"50,35"')).join("\n") + "\n").message).toBe(
      "row 4: this statement mixes currencies (row 2 is in EUR, this row is in USD); upload one file per currency",
    );
  });

  it("names Cash App's counterparty (Name of sender/receiver)", () => {
    const s = parse("Transaction ID,Date,Transaction Type,Currency,Net Amount,Notes,Name of sender/receiver\nx1,2026-05-01 09:12:44 EDT,P2P,USD,-$850.00,rent,$jamie\nx2,2026-05-02 10:00:00 EDT,Direct Deposit,USD,$2100.00,,GUSTO PAYROLL\n");
    expect(s.rows.map((r) => [r.date, r.description])).toEqual([["2026-05-01", "P2P · rent · $jamie"], ["2026-05-02", "Direct Deposit · GUSTO PAYROLL"]]);
  });
});

describe("exports from a fifth blind test (nineteenth session)", () => {
  it("keeps Shopify's charges whose payout is pending: Payout Status is the payout's state, not the charge's", () => {
    const s = parse(
      "Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Payout ID,Available On,Amount,Fee,Net,Currency\n" +
        "2025-04-30 10:06:28 -0400,charge,#1480,apple_pay,online,pending,,,2025-05-02,106.53,3.39,103.14,USD\n" +
        "2025-04-29 13:22:23 -0400,charge,#1478,american_express,online,in_transit,,,2025-05-01,320.40,9.59,310.81,USD\n" +
        "2025-04-28 09:12:00 -0400,charge,#1477,visa,online,paid,2025-04-30,93411,2025-04-30,50.00,1.75,48.25,USD\n",
    );
    expect([s.pending.length, s.rows.length, s.rows.map((r) => r.amount.toString())]).toEqual([0, 3, ["48.25", "310.81", "103.14"]]);
  });

  it("reads Mercado Pago's names joined by underscores, under its summary of balances", () => {
    const s = parse(
      "INITIAL_BALANCE;CREDITS;DEBITS;FINAL_BALANCE\n412.310,45;1.000,00;-73.037,88;340.272,57\n\n" +
        "RELEASE_DATE;TRANSACTION_TYPE;REFERENCE_ID;TRANSACTION_NET_AMOUNT;PARTIAL_BALANCE\n" +
        "01-06-2024;Pago con QR Café Martínez;79453428429;-30.766,88;381.543,57\n" +
        "01-06-2024;Transferencia enviada María Gómez;71668059372;-42.271,00;339.272,57\n" +
        "13-06-2024;Rendimientos;71668059373;1.000,00;340.272,57\n",
    );
    expect([s.confidence, s.rows.length, s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["high", 3, "412310.45", "340272.57"]);
  });

  it("reads Bangkok Bank's brought-forward line (ยอดยกมา: a date and a balance, no amount) as the opening balance", () => {
    const s = parse(
      "วันที่\tเวลา\tรายการ\tถอน\tฝาก\tยอดคงเหลือ\n" +
        "01/06/2567\t\tยอดยกมา\t\t\t23,456.78\n" +
        "01/06/2567\t15:37\tโอนเงินพร้อมเพย์\t372.21\t\t23,084.57\n" +
        "02/06/2567\t09:12\tรับโอนเงิน\t\t1,000.00\t24,084.57\n",
    );
    expect([s.rows.length, s.openingBalance?.toString(), s.closingBalance?.toString(), s.rows[0]!.date]).toEqual([2, "23456.78", "24084.57", "2024-06-01"]);
  });

  it("skips Eurobank's totals line (Σύνολα) and keeps Sbanken's reserved rows (no date, TYPE RESERVERT) as pending", () => {
    const gr = parse(
      "Ημ/νία;Ημ/νία αξίας;Περιγραφή;Αιτιολογία;Χρέωση;Πίστωση;Υπόλοιπο\n" +
        "30/01/2025;30/01/2025;ΑΓΟΡΑ ΜΕ ΚΑΡΤΑ;ΣΚΛΑΒΕΝΙΤΗΣ;114,77;;2.468,29\n31/01/2025;31/01/2025;ΠΛΗΡΩΜΗ;ΕΦΚΑ;59,48;;2.408,81\n;;Σύνολα;;174,25;0,00;\n",
    );
    expect([gr.rows.length, gr.closingBalance?.toString()]).toEqual([2, "2408.81"]);
    const no = parse(
      "BOKFØRINGSDATO\tRENTEDATO\tARKIVREFERANSE\tMOTKONTO\tTYPE\tTEKST\tUT FRA KONTO\tINN PÅ KONTO\n" +
        "\t\t\t\tRESERVERT\t*5134 30.04 NOK 349.00 REMA 1000 Kurs: 1.0000\t-349,00\t\n" +
        "29.04.2025\t29.04.2025\t35851175\t\tVARER\t*5134 27.04 NOK 192.36 CIRCLE K Kurs: 1.0000\t-192,36\t\n" +
        "28.04.2025\t28.04.2025\t35851176\t\tOVERFØRSEL\tLønn april\t\t42 100,00\n",
    );
    expect([no.rows.length, no.pending.map((p) => p.amount.toString())]).toEqual([2, ["-349.00"]]);
  });

  it("reads Israel Discount Bank's names with the shekel before them (₪ יתרה, ₪ זכות/חובה): the balance, a signed amount, and ILS", () => {
    const s = parse(
      "תאריך,יום ערך,תיאור התנועה,₪ זכות/חובה,₪ יתרה,אסמכתא\n" +
        '27/05/2025,27/05/2025,משיכת מזומן מכספומט,-800.00,"14,824.45",0529851\n' +
        '26/05/2025,26/05/2025,העברה מחשבון,"1,500.00","15,624.45",0390094\n',
    );
    expect([s.confidence, s.currency, s.openingBalance?.toString(), s.closingBalance?.toString(), s.rows.map((r) => r.amount.toString())]).toEqual([
      "high", "ILS", "14124.45", "14824.45", ["1500.00", "-800.00"],
    ]);
  });

  it("reads Cembra's Saldo Vorperiode as the card's opening balance (owed: negative)", () => {
    const s = parse(
      "Transaktionsdatum;Buchungsdatum;Beschreibung;Belastung CHF;Gutschrift CHF\n;;Saldo Vorperiode;1'865.40;\n" +
        "02.05.2025;02.05.2025;MIGROS M ZUERICH HB;376.78;\n20.05.2025;20.05.2025;IHRE ZAHLUNG;;1'000.00\n;;Neuer Saldo zu Ihren Lasten;1'242.18;\n",
      { accountKind: "credit-card" },
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.rows.length]).toEqual(["-1865.40", "-1242.18", 2]);
  });

  it("dates a card export by its Settlement Date, the day the charge was booked, when the rows are in that order; a Receipt yes/no is no text", () => {
    const s = parse(
      "Transaction Time,Settlement Date,Merchant,Amount,Currency,Receipt\n2024-06-01 12:10:00,2024-06-03,Sweetgreen,18.40,USD,Yes\n2024-06-03 09:00:00,2024-06-04,Atlassian,73.14,USD,No\n2024-06-02 20:00:00,2024-06-04,Uber,22.10,USD,Yes\n",
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => [r.date, r.valueDate, r.description])).toEqual([["2024-06-03", "2024-06-01", "Sweetgreen"], ["2024-06-04", "2024-06-03", "Atlassian"], ["2024-06-04", "2024-06-02", "Uber"]]);
  });

  it("names Raiffeisenbank's card payments by their merchant (Název obchodníka) when the counter-account is empty", () => {
    const s = parse(
      '"Datum zaúčtování";"Název protiúčtu";"Zpráva";"Zaúčtovaná částka";"Měna účtu";"Název obchodníka"\n' +
        '"13.02.2025";"";"";"-2 500,00";"CZK";"ATM RB Anděl"\n"14.02.2025";"Petra Dvořáková";"dárek";"1 000,00";"CZK";""\n',
    );
    expect(s.rows.map((r) => r.description)).toEqual(["ATM RB Anděl", "Petra Dvořáková · dárek"]);
  });

  it("reads Mizuho's yen (\"4,369\" under Japanese names) as whole thousands, with certainty: no yen amount has a third decimal", () => {
    const s = parse('"日付","摘要","お引出金額","お預入金額","残高"\n"2024.06.03","NTTﾄﾞｺﾓ","4,369","","680,841"\n"2024.06.04","ｷﾕｳﾖ","","250,000","930,841"\n');
    expect([s.confidence, s.rows.map((r) => r.amount.toString())]).toEqual(["high", ["-4369", "250000"]]);
  });
});

describe("exports from a sixth blind test (nineteenth session)", () => {
  it("leaves Tinkoff's FAILED operations out, takes the amount the account paid (Сумма платежа) and the day it was paid", () => {
    const s = parse(
      '"Дата операции";"Дата платежа";"Статус";"Сумма операции";"Валюта операции";"Сумма платежа";"Валюта платежа";"Описание"\n' +
        '"30.03.2025 21:16:21";"31.03.2025";"OK";"-9,99";"EUR";"-912,40";"RUB";"Spotify"\n' +
        '"30.03.2025 08:16:21";"30.03.2025";"FAILED";"-12990,00";"RUB";"-12990,00";"RUB";"М.Видео"\n' +
        '"29.03.2025 07:55:18";"29.03.2025";"OK";"-1431,77";"RUB";"-1431,77";"RUB";"Магнит"\n',
    );
    expect([s.currency, s.rows.map((r) => [r.date, r.amount.toString()])]).toEqual(["RUB", [["2025-03-29", "-1431.77"], ["2025-03-31", "-912.40"]]]);
  });

  it("reads Citadele's Latvian columns: Debets is money out, Kredīts money in, Apraksts the text", () => {
    const s = parse(
      "Datums;Dokumenta Nr.;Maksātājs/Saņēmējs;Apraksts;Debets;Kredīts\n" +
        "03.03.2025;10207573;Ēriks Kalniņš;Atmaksa par vakariņām;124,88;\n04.03.2025;80451628;NARVESEN;Pirkums NARVESEN RĪGA;29,15;\n",
    );
    expect([s.confidence, s.rows.map((r) => [r.amount.toString(), r.description])]).toEqual([
      "high", [["-124.88", "Ēriks Kalniņš · Atmaksa par vakariņām"], ["-29.15", "Pirkums NARVESEN RĪGA"]],
    ]);
  });

  it("reads YES BANK's summary after the rows (labels over one line of numbers) as the balances, its Dr/Cr still the direction", () => {
    const s = parse(
      "Txn Date,Value Dt,Description,Chq/Ref No,Amount,Dr/Cr,Balance\n" +
        '01/04/2025,01/04/2025,UPI/DR/DMART,UPI-2149,"2,557.66",Dr,"1,21,973.09"\n' +
        '14/04/2025,14/04/2025,NEFT/CR/SALARY,NEFT-88,"1,00,000.00",Cr,"2,21,973.09"\n\n' +
        "Statement Summary\nOpening Balance,Debit Count,Credit Count,Total Debits,Total Credits,Closing Balance\n" +
        '"1,24,530.75",1,1,"2,557.66","1,00,000.00","2,21,973.09"\n',
    );
    expect([s.rows.map((r) => r.amount.toString()), s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual([
      ["-2557.66", "100000.00"], "124530.75", "221973.09",
    ]);
  });

  it("reads İş Bankası's date and time joined by a dash (27/02/2025-09:34:46)", () => {
    const s = parse("Tarih/Saat;Açıklama;İşlem Tutarı;Bakiye\n27/02/2025-09:34:46;MIGROS;-1.234,56;18.345,67\n28/02/2025-17:02:11;MAAS;5.000,00;23.345,67\n");
    expect(s.rows.map((r) => r.date)).toEqual(["2025-02-27", "2025-02-28"]);
  });

  it("dates Firefly III's export by its date when its book_date is empty on every row", () => {
    const s = parse(
      "user_id,created_at,type,currency_code,amount,description,date,book_date,process_date\n" +
        "1,2025-03-01T10:00:00+01:00,Withdrawal,EUR,-61.28,Zilveren Kruis invoice,2025-03-01T00:15:00+01:00,,\n" +
        "1,2025-03-02T10:00:00+01:00,Deposit,EUR,2400.00,Salary,2025-03-02T09:00:00+01:00,,\n",
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([["2025-03-01", "-61.28"], ["2025-03-02", "2400.00"]]);
  });

  it("joins UniCredit's six Detaily transakce columns, and names S-Pankki's other party (Maksaja beside Saajan nimi)", () => {
    const cz = parse(
      "Částka;Měna;Datum zaúčtování;Detaily transakce;Detaily transakce;Detaily transakce;Variabilní symbol\n" +
        "-2468,08;CZK;28.03.2025;PLATBA KARTOU 28.03.2025;LIDL DEKUJE ZA NAKUP;Karta 5169********9637;\n-15000,00;CZK;29.03.2025;ODCHOZÍ PLATBA;nájem;;367903\n",
    );
    expect(cz.rows.map((r) => r.description)).toEqual(["PLATBA KARTOU 28.03.2025 · LIDL DEKUJE ZA NAKUP · Karta 5169********9637", "ODCHOZÍ PLATBA · nájem · 367903"]);
    const fi = parse(
      "Kirjauspäivä;Summa;Maksaja;Saajan nimi;Viesti\n27.03.2025;-377,49;MEIKÄLÄINEN MATTI;Virtanen Jussi;laskun maksu\n28.03.2025;250,24;KORHONEN PEKKA;MEIKÄLÄINEN MATTI;Asumistuki 03/2025\n",
    );
    expect(fi.rows.map((r) => r.description)).toEqual(["Virtanen Jussi · laskun maksu", "KORHONEN PEKKA · Asumistuki 03/2025"]);
  });

  it("reads Akbank's card debts (Önceki Dönem Borcu, Dönem Borcu) as negative balances; PKR and Devizanem name currencies", () => {
    const tr = parse(
      "Önceki Dönem Borcu;1.000,00 TL\nDönem Borcu;1.350,50 TL\n\nİşlem Tarihi;Açıklama;Tutar\n01.03.2025;MIGROS;250,50 TL\n05.03.2025;TRENDYOL;100,00 TL\n",
      { accountKind: "credit-card" },
    );
    expect([tr.openingBalance?.toString(), tr.closingBalance?.toString()]).toEqual(["-1000.00", "-1350.50"]);
    expect(parse("Currency,PKR\n\nDate,Description,Amount\n2025-03-01,Utility,-1500.00\n").currency).toBe("PKR");
    expect(parse("Könyvelés dátuma;Összeg;Devizanem;Közlemény\n2025.03.04.;-12 500;HUF;ALDI\n").currency).toBe("HUF");
  });
});

describe("exports from a seventh blind test (nineteenth session)", () => {
  it("reads Barclays US's card balance above the rows, its thousands cut by an unquoted comma, as what is owed", () => {
    const s = parse(
      "Barclays Bank Delaware\nAccount Balance as of July 18 2025:    $1,727.20\n\nTransaction Date,Description,Category,Amount\n" +
        '07/17/2025,"INTEREST CHARGE PURCHASES",DEBIT,-23.14\n07/18/2025,"PAYMENT RECEIVED",CREDIT,500.00\n',
      { accountKind: "credit-card" },
    );
    expect(s.closingBalance?.toString()).toBe("-1727.20");
  });

  it("reads Rakuten Bank's 入出金(円) as one signed column, and a count of rows after the table as no row (Mandiri's Number of Debit)", () => {
    const jp = parse("取引日,入出金(円),取引後残高(円),入出金内容\n20250301,-1200,98800,ﾗｸﾃﾝｲﾁﾊﾞ\n20250302,5000,103800,ﾌﾘｺﾐ ﾀﾅｶ\n");
    expect(jp.rows.map((r) => r.amount.toString())).toEqual(["-1200", "5000"]);
    const id = parse("Date,Description,Debit,Credit,Balance\n01/03/25,TRANSFER,0.00,5000.00,105000.00\n02/03/25,ATM,2000.00,0.00,103000.00\n\nNumber of Debit,,1,,\nNumber of Credit,,,1,\n");
    expect(id.rows.length).toBe(2);
  });

  it("reads Knab's Valutacode as the currency and Tegenrekeninghouder as the other party; Citizens' Original Description beside its Simple one", () => {
    const nl = parse(
      "Transactiedatum;Valutacode;CreditDebet;Bedrag;Tegenrekeninghouder;Omschrijving;Boekdatum\n" +
        '"01-10-2025";"EUR";"C";"429,00";"Klant: Studio Noord BV";"Factuur 2025-438";"01-10-2025"\n"02-10-2025";"EUR";"D";"12,50";"Albert Heijn";"Pinbetaling";"03-10-2025"\n',
    );
    expect([nl.currency, nl.rows.map((r) => r.description)]).toEqual(["EUR", ["Klant: Studio Noord BV · Factuur 2025-438", "Albert Heijn · Pinbetaling"]]);
    const us = parse(
      "Status,Date,Original Description,Currency,Amount,Simple Description\n" +
        'Posted,04/28/2025,"DBT PURCHASE - 804005 MARKET BASKET 71 PROVIDENCE RI",USD,-64.20,"Market Basket"\n',
    );
    expect(us.rows[0]!.description).toContain("MARKET BASKET 71 PROVIDENCE RI");
  });
});

describe("exports from an eighth blind test (nineteenth session): business banking", () => {
  it("reads Resona's 入払区分 (入金 in, 出金 out) and its balances above the table (繰越残高, 現在残高)", () => {
    const s = parse(
      '"繰越残高","18,435,210"\n"現在残高","21,314,694"\n\n"取引日","入払区分","摘要","金額"\n' +
        '"2025/04/01","出金","ﾆﾎﾝﾂｳｳﾝ(ｶ","114,652"\n"2025/04/02","入金","ﾀｶﾊｼｺｳｷﾞﾖｳ(ｶ","2,994,136"\n',
    );
    expect([s.rows.map((r) => r.amount.toString()), s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual([
      ["-114652", "2994136"], "18435210", "21314694",
    ]);
  });

  it("leaves Banco do Brasil's Saldo do dia lines out (a day's balance among the rows), and ICBC's 交易时间 is its date", () => {
    const br = parse(
      "Data,Lançamento,Valor,\n01/04/2025,Saldo Anterior,100000.00,\n01/04/2025,Pix - Enviado,-15338.70,\n01/04/2025,Saldo do dia,84661.30,\n02/04/2025,TED Recebida,5000.00,\n02/04/2025,Saldo do dia,89661.30,\n",
    );
    expect([br.rows.map((r) => r.amount.toString()), br.openingBalance?.toString()]).toEqual([["-15338.70", "5000.00"], "100000.00"]);
    const cn = parse("交易时间\t摘要\t借方发生额\t贷方发生额\t余额\n2025-04-01 09:30:12\t货款\t\t12000.00\t112000.00\n2025-04-02 14:05:44\t工资\t8000.00\t\t104000.00\n");
    expect([cn.confidence, cn.rows.map((r) => r.date)]).toEqual(["high", ["2025-04-01", "2025-04-02"]]);
  });

  it("says nothing of Mashreq's available balance above the table beside its stated closing one", () => {
    const s = parse(
      'Opening Balance,"482,165.30"\nClosing Balance,"481,665.30"\nAvailable Balance,"470,000.00"\n\nTransaction Date,Description,Debit,Credit,Balance\n' +
        '02 Apr 2025,DEWA,500.00,,"481,665.30"\n',
    );
    expect([s.warnings, s.closingBalance?.toString()]).toEqual([[], "481665.30"]);
  });
});

describe("exports from a ninth blind test (nineteenth session): messy real-world files", () => {
  it("reads Skrill's [-] EUR and [+] EUR as money out and in, not its unsigned Amount Sent", () => {
    const s = parse(
      '"ID","Time (CET)","Type","Transaction Details","[-] EUR","[+] EUR","Status","balance","Amount Sent","Currency sent"\n' +
        '"5301281830","30 Mar 25 13:40","Send Money","Fee",".86","","processed","49.11","",""\n' +
        '"5301277993","30 Mar 25 13:40","Send Money","to alex.ionescu@yahoo.com","58.97","","processed","49.97","58.97","EUR"\n' +
        '"5301284835","31 Mar 25 10:43","Receive Money","from daniel.k@gmx.de","","43.65","processed","92.76","43.65","EUR"\n',
    );
    expect(s.rows.map((r) => r.amount.toString()).sort()).toEqual(["-0.86", "-58.97", "43.65"]);
  });

  it("leaves the parts of Quicken's --Split-- rows (undated lines of amounts under it) out", () => {
    const s = parse(
      '"","Date","Account","Num","Description","Memo","Category","Clr","Amount"\n' +
        '"","3/15/2025","Chase Checking","","Costco","","--Split--","","-218.43"\n"","","","","","food","Groceries","","-142.10"\n"","","","","","paper goods","Household","","-76.33"\n' +
        '"","3/17/2025","Chase Checking","","Kroger","","Groceries","R","-103.38"\n',
    );
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-218.43", "-103.38"]);
  });

  it("takes Paysera's Account No. beside Beneficiary/Payer for the other party's, not the statement's; Hype's Nome and Tipologia describe; Nordnet's cancellation date is no date", () => {
    const lt = parse(
      '"Type","Date","Beneficiary/Payer","Account No.","Purpose of payment","Amount","Currency","D/C"\n' +
        '"Transfer","2025-03-03 07:00:15","Rasa Petrauskienė","LT741748854057029954","Sąskaita Nr. 4471223","83.36","EUR","D"\n' +
        '"Transfer","2025-03-04 09:00:00","UAB Baltic Webworks","LT121000011101001000","Apmokėjimas už paslaugas","1200.00","EUR","C"\n',
    );
    expect([lt.confidence, lt.warnings, lt.rows[0]!.description]).toEqual(["high", [], "Rasa Petrauskienė · Sąskaita Nr. 4471223"]);
    const it = parse('Data operazione,Data contabilizzazione,Tipologia,Nome,Descrizione,Importo ( € )\n28/03/2025,30/03/2025,Pagamento,Esselunga,Pagamento con carta,"-55,61"\n');
    expect(it.rows[0]!.description).toBe("Pagamento con carta · Esselunga");
    const se = parse("Bokföringsdag\tMakuleringsdatum\tTransaktionstyp\tVärdepapper\tBelopp\n2025-03-03\t\tKÖPT\tERIC B\t-1 234,50\n2025-03-04\t\tINSÄTTNING\t\t5 000,00\n");
    expect(se.rows.map((r) => [r.date, r.valueDate, r.description])).toEqual([["2025-03-03", undefined, "KÖPT · ERIC B"], ["2025-03-04", undefined, "INSÄTTNING"]]);
  });
});

describe("exports from the seventeenth blind CSV test: banks, wallets and accounting reports", () => {
  it("reads names qualified by the transaction (BAC's \"Débito de Transacción\", \"Crédito de Transacción\") as the names they qualify", () => {
    const s = parse(
      "Fecha de Transacción,Referencia de Transacción,Código de Transacción,Descripción de Transacción,Débito de Transacción,Crédito de Transacción,Balance\n" +
        "01/07/2025,709224347,TF,SINPE MOVIL ANDREA CAMPOS,51755.00,0.00,793965.50\n" +
        "01/07/2025,944331783,TF,SINPE MOVIL LUIS QUESADA,0.00,23990.00,817955.50\n" +
        "23/07/2025,279102312,CP,FARMACIA FISCHEL,17720.14,0.00,800235.36\n",
    );
    expect([amounts(s), s.openingBalance?.toString(), s.confidence]).toEqual([["-51755.00", "23990.00", "-17720.14"], "845720.50", "high"]);
  });

  it("takes the header whose next lines are dated rows, not a summary block's header below the rows that names more", () => {
    const s = parse(
      "Fecha,Glosa,Importe\n" +
        "02/07/2025,SUPERMERCADO,-1500.00\n03/07/2025,PLANILLA,25000.00\n\n" +
        "Resumen\nSaldo inicial,Débitos,Créditos,Saldo final,Moneda\n10000.00,1500.00,25000.00,33500.00,CRC\n",
    );
    expect([step(s, "header row")?.decision, amounts(s), s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual([
      "line 1",
      ["-1500.00", "25000.00"],
      "10000.00",
      "33500.00",
    ]);
  });

  it("reads Chunghwa Post's 支出金額 / 存入金額 as money out and in and 結存金額 as the balance (traditional Chinese), 備註 as words", () => {
    const s = parse(
      "交易日期,交易時間,摘要,支出金額,存入金額,結存金額,備註\n" +
        '114/08/01,12:14:12,金融卡消費,"1,489",,"46,741",全聯福利中心\n' +
        '114/08/02,09:54:33,跨行轉入,,"1,876.00","48,617",013-701195349558\n',
    );
    expect([amounts(s), s.rows.map((r) => r.balance?.toString()), s.rows[0]!.description]).toEqual([
      ["-1489", "1876.00"],
      ["46741", "48617"],
      "金融卡消費 · 全聯福利中心",
    ]);
  });

  it("reads an accounting report of a bank account (Debit = money in) the way its running balance follows, and says so", () => {
    const text =
      '"Date","Transaction Details","Transaction Type","Debit","Credit","Balance"\n' +
      '"13/08/2025","Opening Balance","","4,52,310.00","","4,52,310.00"\n' +
      '"13/08/2025","Travel Expense","Expense","","5,947.68","4,46,362.32"\n' +
      '"13/08/2025","Office Rent","Expense","","3,617.05","4,42,745.27"\n' +
      '"14/08/2025","Meridian Textiles","Customer Payment","56,946.00","","4,99,691.27"\n' +
      '"15/08/2025","Kanha Organics","Customer Payment","1,10,086.00","","6,09,777.27"\n';
    const s = parse(text);
    expect([amounts(s), s.confidence, proveBalances(s.rows, s.openingBalance, s.closingBalance).status]).toEqual([
      ["-5947.68", "-3617.05", "56946.00", "110086.00"],
      "high",
      "proven",
    ]);
    expect(step(s, "sign rule")?.decision).toMatch(/"Debit" is money in/);
    // A card's balance is what is owed, rising by its debits: a card keeps the bank's sense.
    expect(amounts(parse(text, { accountKind: "credit-card" }))).toEqual(["5947.68", "3617.05", "-56946.00", "-110086.00"]);
  });

  it("is not sure of debit and credit columns whose running balance follows neither way", () => {
    const s = parse(
      "Date,Details,Debit,Credit,Balance\n" +
        "2025-08-01,A,10.00,,500.00\n2025-08-02,B,,20.00,470.00\n2025-08-03,C,5.00,,401.00\n2025-08-04,D,,7.00,333.00\n2025-08-05,E,3.00,,222.00\n",
    );
    expect([s.confidence, step(s, "confidence")?.evidence]).toEqual(["low", expect.stringMatching(/running balance follows the debit and credit columns on 0% of rows/)]);
  });

  it("reads a currency a preamble sentence states (Amazon's \"All amounts in USD, unless specified\")", () => {
    const s = parse('"Includes Amazon Marketplace transactions"\n"All amounts in USD, unless specified"\n"date/time","description","total"\n"Mar 1, 2025 6:28:53 AM PST","Order","9.12"\n');
    expect(s.currency).toBe("USD");
  });

  it("reads Etsy's Title, a bilingual Đối tác / Remitter, MBH's Tranzakció típusa as words; a merchant's category and postal code are not the payee", () => {
    const etsy = parse('Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net\n"April 27, 2025",Sale,Payment for Order #1788213103,Order #1788213103,USD,$27.95,--,$27.95\n"April 28, 2025",Fee,Processing fee,Order #1788213103,USD,--,-$1.09,-$1.09\n');
    expect(etsy.rows.map((r) => r.description)).toEqual(["Sale · Payment for Order #1788213103", "Processing fee · Order #1788213103"]);
    const vn = parse(
      "Ngày giao dịch / Transaction Date,Đối tác / Remitter,Diễn giải / Details,Nợ TKTT / Debit,Có TKTT / Credit,Số dư / Balance\n" +
        '05/07/2025,CONG TY TNHH FPT SOFTWARE,Luong thang 06/2025,,"28.500.000","40.845.678"\n07/07/2025,,Thanh toan QR GRAB,"477.000",,"40.368.678"\n',
    );
    expect(vn.rows[0]!.payee).toBe("CONG TY TNHH FPT SOFTWARE");
    const hu = parse("Könyvelés dátuma;Tranzakció típusa;Partner neve;Közlemény;Összeg;Pénznem\n2025.09.01.;Kártyás vásárlás;LIDL BUDAPEST;Kártyaszám: 5167;-21 763;HUF\n2025.09.02.;Jóváírás - átutalás;SZABO PETRA;vacsora;11 023;HUF\n");
    expect(hu.rows[0]!.description).toBe("Kártyás vásárlás · LIDL BUDAPEST · Kártyaszám: 5167");
    const ca = parse(
      '"Date","Merchant Category Description","Merchant Name","Merchant Postal Code/Zip","Amount"\n' +
        '"2025-11-19","Transportation Services","UBER CANADA/UBERTRIP","M5V 3L9","$125.76"\n"2025-11-20","Drug Stores and Pharmacies","SHOPPERS DRUG MART #0811","M4K 1N2","$67.50"\n',
      { accountKind: "credit-card" },
    );
    expect(ca.rows.map((r) => [r.payee, r.description, r.bankCategory])).toEqual([
      ["UBER CANADA/UBERTRIP", "UBER CANADA/UBERTRIP", "Transportation Services"],
      ["SHOPPERS DRUG MART #0811", "SHOPPERS DRUG MART #0811", "Drug Stores and Pharmacies"],
    ]);
  });
});

describe("exports from the eighteenth blind CSV test: business banking", () => {
  // de Volksbank (SNS, ASN, RegioBank): no header; col 9 the balance BEFORE the row, col 11 the amount.
  const volksbank = (rows: [string, string, string, string][]) =>
    rows
      .map(([date, before, amount, text]) =>
        [date, "NL61RBRB0941267338", "", "", "", "", "", "EUR", before, "EUR", amount, date, date, "5280", "BEA", "", "", text, "5"].map((c) => `"${c}"`).join(","),
      )
      .join("\n") + "\n";
  const oldestFirst = volksbank([
    ["01-05-2024", "15420.50", "-174.63", "'BEA, Betaalpas Action 1213,PAS412 NR:147957, 01.05.24/12:03 KAMPEN'"],
    ["01-05-2024", "15245.87", "-98.60", "'Termijn mei 2024 klantnr 18773633'"],
    ["03-05-2024", "15147.27", "50.86", "'Factuur 2024-228 reparatie'"],
    ["14-05-2024", "15198.13", "-50.00", "'GEA, Betaalpas Geldmaat Diezerstraat'"],
    ["31-05-2024", "15148.13", "-9.95", "'Kosten zakelijke rekening mei 2024'"],
  ]);

  it("reads a column the amounts move from, not to, as the balance before each row (de Volksbank's headerless download)", () => {
    const s = parse(oldestFirst);
    expect(amounts(s)).toEqual(["-174.63", "-98.60", "50.86", "-50.00", "-9.95"]);
    expect(s.rows.map((r) => r.balance?.toString())).toEqual(["15245.87", "15147.27", "15198.13", "15148.13", "15138.18"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["15420.50", "15138.18"]);
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("proven");
    expect(step(s, "column 9")?.decision).toMatch(/^running balance before the row's amount/);
    // Three date columns with the same date on every row: which is the ledger's is no guess.
    expect([s.confidence, s.warnings]).toEqual(["high", []]);
  });

  it("reads a balance before each row newest first, and in a header named column", () => {
    const lines = oldestFirst.trimEnd().split("\n").reverse().join("\n") + "\n";
    const s = parse(lines);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["15420.50", "15138.18"]);
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("proven");
    const named = parse(
      "Boekingsdatum;Omschrijving;Saldo voor mutatie;Bedrag\n02-01-2026;Huur;1.000,00;-400,00\n05-01-2026;Factuur 12;600,00;250,00\n09-01-2026;KPN;850,00;-45,50\n12-01-2026;Rente;804,50;1,25\n",
    );
    expect([named.openingBalance?.toString(), named.closingBalance?.toString()]).toEqual(["1000.00", "805.75"]);
    expect(proveBalances(named.rows, named.openingBalance, named.closingBalance).status).toBe("proven");
  });

  it("takes off the single quotes wrapping every value of a description column, and only then", () => {
    expect(parse(oldestFirst).rows.map((r) => r.description).slice(0, 2)).toEqual([
      "BEA, Betaalpas Action 1213,PAS412 NR:147957, 01.05.24/12:03 KAMPEN",
      "Termijn mei 2024 klantnr 18773633",
    ]);
    const some = parse("Date,Description,Amount\n2026-01-02,'t Winkeltje',-1.00\n2026-01-03,Rent,-2.00\n2026-01-04,'Quoted',-3.00\n");
    expect(some.rows.map((r) => r.description)).toEqual(["'t Winkeltje'", "Rent", "'Quoted'"]);
  });

  it("lists a dated balance line without an opening or closing word (\"Kontostand vom 31.01.2024\") as a balance line", () => {
    const s = parse(
      '"Kontostand vom 31.01.2024:";"23.418,55 EUR"\n"Kontostand vom 29.02.2024:";"23.398,55 EUR"\n\n' +
        '"Buchungstag";"Verwendungszweck";"Betrag"\n"01.02.2024";"Miete";"-30,00"\n"02.02.2024";"Honorar";"10,00"\n',
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["23418.55", "23398.55"]);
    expect(s.skipped.filter((k) => k.sourceRow <= 2).map((k) => k.reason)).toEqual(["balance-line", "balance-line"]);
  });
});

describe("exports from the nineteenth blind CSV test: consumer exports", () => {
  it("reads Hana Bank's 의뢰인/수취인 (sender/recipient) as the other party, beside the 적요 (transaction type)", () => {
    const s = parse(
      "거래일시,적요,의뢰인/수취인,출금액,입금액,거래후잔액,거래점\n" +
        '2025.04.02 10:01:12,타행이체,(주)한빛디자인,"0","922,619","9,428,260",인터넷\n' +
        '2025.04.04 12:30:05,체크카드,스타벅스강남대로점,"54,271","0","9,373,989",카드\n',
    );
    expect(s.rows.map((r) => [r.description, r.payee])).toEqual([
      ["타행이체 · (주)한빛디자인", "(주)한빛디자인"],
      ["체크카드 · 스타벅스강남대로점", "스타벅스강남대로점"],
    ]);
    // The two sides on their own, and a name with more words around them, are the other party too.
    for (const name of ["수취인", "의뢰인", "수취인명"]) {
      const one = parse(`거래일자,적요,${name},거래금액\n2025.04.02,타행이체,홍길동,-1000\n2025.04.03,타행이체,김철수,-2000\n`);
      expect(one.rows[0]?.payee).toBe("홍길동");
    }
  });

  it("reads BROU's Asunto (subject) as description text beside a Descripción of generic types", () => {
    const s = parse(
      "Fecha,Descripción,Documento,Asunto,Dependencia,Débito,Crédito,Saldo\n" +
        '16-12-2024,TRANSFERENCIA RECIBIDA,639303637,PANADERIA LA ESPIGA SRL,Internet,,"20.568,64","105.135,76"\n' +
        '16-12-2024,COMPRA CON TARJETA DEBITO,389655311,FARMASHOP 34,Casa Central,"3.761,18",,"101.374,58"\n',
    );
    expect(s.rows.map((r) => r.description)).toEqual(["TRANSFERENCIA RECIBIDA · PANADERIA LA ESPIGA SRL", "COMPRA CON TARJETA DEBITO · FARMASHOP 34"]);
  });

  it("reads a column named Check holding numbers as the check number, and one of marks or flags as nothing", () => {
    const checks = parse('"Post Date","Check","Description","Debit","Credit"\n"2/10/2025","1046","CHECK","1,180.56",""\n"2/11/2025","","DIVIDEND","","2.14"\n');
    expect(step(checks, "column 2")?.decision).toBe("reference");
    expect(checks.rows.map((r) => r.description)).toEqual(["CHECK · 1046", "DIVIDEND"]);
    for (const marks of [["X", "", "X"], ["yes", "no", "yes"], ["cleared", "pending", "void"]]) {
      const s = parse(`Date,Check,Description,Amount\n2025-02-10,${marks[0]},Rent,-10.00\n2025-02-11,${marks[1]},Fee,-2.00\n2025-02-12,${marks[2]},Pay,30.00\n`);
      expect(step(s, "column 2")?.decision).toBe("ignored");
      expect(s.rows.map((r) => r.description)).toEqual(["Rent", "Fee", "Pay"]);
    }
  });
});

describe("exports from the twentieth blind CSV test", () => {
  const kaspi =
    "ВЫПИСКА\n" +
    "Доступно на 01.03.25\t+ 225\u00a0430,00 ₸\n" +
    "Пополнения\t+ 786\u00a0000,00 ₸\n" +
    "Доступно на 31.03.25\t+ 225\u00a0451,00 ₸\n" +
    "\n" +
    "Дата\tСумма\tОперация\tДетали\tСтатус\n" +
    "31.03.25\t- 3\u00a0500,00 ₸\tПокупка\tYandex.Go\tВ обработке\n" +
    "29.03.25\t+ 55\u00a0000,00 ₸\tПополнение\tС Kaspi Депозита\tВыполнено\n" +
    "19.03.25\t- 45\u00a0990,00 ₸\tПокупка\tTechnodom\tОтменено\n" +
    "02.03.25\t- 54\u00a0979,00 ₸\tПокупка\tMagnum\tВыполнено\n";

  it("reads amounts carrying a currency sign of any currency (Kaspi's \"- 3 500,00 ₸\") as the amount column", () => {
    const s = parse(kaspi);
    expect(step(s, "header row")?.evidence).toContain('amount ("Сумма")');
    expect(amounts(s)).toEqual(["-54979.00", "55000.00"]);
    expect(s.currency).toBe("KZT");
  });

  it("takes Russian statuses: В обработке (in processing) is pending, Отменено (cancelled) is void", () => {
    const s = parse(kaspi);
    expect(s.pending.map((r) => [r.date, r.amount.toString()])).toEqual([["2025-03-31", "-3500.00"]]);
    expect(s.skipped.filter((l) => l.reason === "void").map((l) => l.sourceRow)).toEqual([9]);
  });

  it("reads Kaspi's \"Доступно на DATE\" (available on) lines as the balances on those dates: the earliest opening, the latest closing", () => {
    const s = parse(kaspi);
    expect(s.openingBalance?.toString()).toBe("225430.00");
    expect(s.closingBalance?.toString()).toBe("225451.00");
    expect(s.skipped.filter((l) => l.reason === "balance-line").map((l) => l.sourceRow)).toEqual([2, 4]);
  });

  it("reads Cathay's 提出 (withdrawn) beside 存入 as money out, and 說明, 交易資訊 and 備註 as description text, 說明 first", () => {
    const s = parse(
      "交易日期,帳務日期,說明,提出,存入,餘額,交易資訊,備註\n" +
        '114/02/03,114/02/03,自動加值,"500",,"287,154",悠遊卡自動加值,\n' +
        '114/02/03,114/02/04,消費扣款,"2,138",,"285,016",7-ELEVEN,簽帳金融卡\n' +
        '114/02/05,114/02/05,薪資,,"52,000","337,016",台灣精密科技股份有限公司,\n',
    );
    expect(amounts(s)).toEqual(["-500", "-2138", "52000"]);
    expect(s.rows.map((r) => r.description)).toEqual(["自動加值 · 悠遊卡自動加值", "消費扣款 · 7-ELEVEN · 簽帳金融卡", "薪資 · 台灣精密科技股份有限公司"]);
  });

  const isracard =
    "פירוט עסקאות\n" +
    "\n" +
    "עסקאות בארץ\n" +
    "תאריך רכישה,שם בית עסק,סכום עסקה,מטבע עסקה,סכום חיוב,מטבע חיוב,מספר שובר,פירוט נוסף\n" +
    "01/03/25,גט טקסי,448.53,₪,448.53,₪,931421722,\n" +
    '12/03/25,מחסני חשמל,"1,800.00",₪,600.00,₪,703503283,תשלום 1 מתוך 3\n' +
    "17/03/25,ZARA דיזנגוף סנטר,-249.90,₪,-249.90,₪,189439896,זיכוי\n" +
    '"סה""כ עסקאות בארץ",,,,"798.63",₪,,\n' +
    "\n" +
    '"עסקאות בחו""ל"\n' +
    "תאריך רכישה,תאריך חיוב,שם בית עסק,עיר,סכום מקורי,מטבע מקור,סכום חיוב,מטבע חיוב\n" +
    "02/03/25,04/03/25,AMAZON MKTPLACE PMTS,SEATTLE,45.99,USD,168.32,₪\n" +
    "29/03/25,01/04/25,APPLE.COM/BILL,CORK,9.99,USD,36.56,₪\n" +
    '"סה""כ עסקאות בחו""ל",,,,,,"204.88",₪\n';

  it("reads the amount a card charged (Isracard's סכום חיוב) beside the purchase's own (סכום עסקה: a whole instalment plan)", () => {
    const s = parse(isracard.split("\n").slice(0, 8).join("\n") + "\n", { accountKind: "credit-card" });
    expect(amounts(s)).toEqual(["-448.53", "-600.00", "249.90"]);
    expect(s.currency).toBe("ILS");
  });

  it("reads a later section under a header of its own (Isracard's foreign purchases) by that header: charge date, the shekels charged", () => {
    const s = parse(isracard, { accountKind: "credit-card" });
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2025-03-01", "-448.53", "גט טקסי"],
      ["2025-03-12", "-600.00", "מחסני חשמל"],
      ["2025-03-17", "249.90", "ZARA דיזנגוף סנטר"],
      ["2025-03-04", "-168.32", "AMAZON MKTPLACE PMTS"],
      ["2025-04-01", "-36.56", "APPLE.COM/BILL"],
    ]);
    // The purchase date is kept as the value date; the section's header is no row.
    expect(s.rows[3]?.valueDate).toBe("2025-03-02");
    expect(s.skipped.find((l) => l.sourceRow === 11)?.reason).toBe("repeated-header");
    // Each section is in order on its own: no warning that the dates go back.
    expect(s.warnings).toEqual([]);
    expect(s.confidence).toBe("high");
  });

  it("goes back to the table's columns when its own header comes again after another section's", () => {
    // The section is named above its header (right under the rows, a header of other columns is
    // another export: see bad-input.test.ts).
    const s = parse(
      "Date,Description,Amount\n2025-03-01,A,-1.00\nForeign purchases\n" +
        "Date,Posting Date,Merchant,Original Amount,Billing Amount\n2025-03-02,2025-03-03,B,-9.00,-2.00\n" +
        "Date,Description,Amount\n2025-03-04,C,-3.00\n",
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2025-03-01", "-1.00", "A"],
      ["2025-03-03", "-2.00", "B"],
      ["2025-03-04", "-3.00", "C"],
    ]);
  });

  it("takes a card's charge date that is the same on every row (Max's bill date) for the bill's, not the rows' date", () => {
    const rows = ["14-09-2026,A,416.50,10-12-2026", "28-10-2026,B,105.25,10-12-2026", "29-10-2026,C,275.14,10-12-2026", "31-10-2026,D,272.40,10-12-2026", "02-11-2026,E,523.85,10-12-2026"];
    const s = parse(`תאריך עסקה,שם בית העסק,סכום חיוב,תאריך חיוב\n${rows.join("\n")}\n`, { accountKind: "credit-card" });
    expect(dates(s)).toEqual(["2026-09-14", "2026-10-28", "2026-10-29", "2026-10-31", "2026-11-02"]);
    // A charge date per row is the ledger's (its name says the posting).
    const perRow = parse(`תאריך רכישה,תאריך חיוב,שם בית עסק,סכום חיוב\n02/03/25,04/03/25,A,10.00\n05/03/25,06/03/25,B,20.00\n`, { accountKind: "credit-card" });
    expect(dates(perRow)).toEqual(["2025-03-04", "2025-03-06"]);
  });

  it("reads a card statement's \"Nuevo saldo\" (Banco de Bogotá) and \"Statement Balance\" (BPI) as its closing balance, owed", () => {
    const bogota = parse(
      "Saldo anterior;$ 1.845.320,00\nNuevo saldo;$ 1.934.131,00\n\nFecha transacción;Descripción;Valor\n16 dic 2024;TERPEL;$ 12.811,00\n17 dic 2024;AVIANCA.COM;$ 76.000,00\n",
      { accountKind: "credit-card" },
    );
    expect([bogota.openingBalance?.toString(), bogota.closingBalance?.toString()]).toEqual(["-1845320.00", "-1934131.00"]);
    const bpi = parse(
      'Previous Balance,"PHP 23,450.75"\nStatement Balance,"PHP 23,500.75"\n\nTransaction Date,Description,Amount\n12/20/2024,SM SUPERMARKET,30.00\n12/21/2024,GRAB,20.00\n',
      { accountKind: "credit-card" },
    );
    expect([bpi.openingBalance?.toString(), bpi.closingBalance?.toString()]).toEqual(["-23450.75", "-23500.75"]);
  });

  it("reads Riyad Bank's Arabic names: تاريخ القيد (posting date), تاريخ القيمة (value date), رقم المرجع, and the currency its preamble states (العملة)", () => {
    const s = parse(
      "العملة,ريال سعودي SAR\n" +
        "\n" +
        "تاريخ القيد,تاريخ القيمة,الوصف,رقم المرجع,المبلغ,الرصيد\n" +
        '2025/01/03,2025/01/01,شراء - ساكو,FT2528112678,"1,093.73-","22,573.42"\n' +
        '2025/01/04,2025/01/04,راتب,FT2559159078,"408.70","22,982.12"\n',
    );
    expect(s.currency).toBe("SAR");
    expect(s.confidence).toBe("high");
    expect(s.rows[0]).toMatchObject({ date: "2025-01-03", valueDate: "2025-01-01", bankId: "FT2528112678" });
    // Withdrawals and deposits (سحوبات, إيداعات) and a balance named with رصيد.
    const pair = parse("التاريخ,البيان,السحوبات,الإيداعات,الرصيد المتاح\n2025/01/03,أ,10.00,,90.00\n2025/01/04,ب,,5.00,95.00\n");
    expect(amounts(pair)).toEqual(["-10.00", "5.00"]);
    expect(pair.rows.map((r) => r.balance?.toString())).toEqual(["90.00", "95.00"]);
  });

  it("reads MYOB's Card Name (the contact card) as the payee, before the memo; a Card Name beside a merchant, or naming cards, is the card's", () => {
    const myob = parse(
      "Date\tID No.\tSrc\tCard Name\tMemo\tDeposit\tWithdrawal\tBalance\n" +
        "3/02/2025\tCR000214\tCR\tBayside Builders Pty Ltd\tPayment; Inv 00279\t$8,878.65\t\t$3,971.75\n" +
        "5/02/2025\tCD000534\tCD\tTelstra\tPurchase - fuel\t\t$35.93\t$3,935.82\n",
    );
    expect(myob.rows.map((r) => [r.description, r.payee])).toEqual([
      ["Bayside Builders Pty Ltd · Payment; Inv 00279", "Bayside Builders Pty Ltd"],
      ["Telstra · Purchase - fuel", "Telstra"],
    ]);
    const curve = parse("Date,Merchant,Amount,Card Name\n2025-03-01,UBER *TRIP,-45.62,Monzo Mastercard\n2025-03-02,PRET,-6.61,Amex Gold\n");
    expect(curve.rows.map((r) => r.description)).toEqual(["UBER *TRIP", "PRET"]);
    const cards = parse("Date,Description,Amount,Card Name\n2025-03-01,UBER *TRIP,-45.62,Monzo Mastercard\n2025-03-02,PRET,-6.61,Barclaycard Visa\n");
    expect(cards.rows.map((r) => r.description)).toEqual(["UBER *TRIP", "PRET"]);
  });
});

describe("exports from the twenty-first blind CSV test: processors, marketplaces, corrections", () => {
  it("reads a processor's Net Total (Square) as the amount, and never a deposit's details, id or date as money", () => {
    const s = parse(
      "Date,Time,Gross Sales,Total Collected,Fees,Net Total,Transaction ID,Details,Description,Event Type,Deposit ID,Deposit Date,Deposit Details\n" +
        "03/31/2026,16:02:11,$9.75,$10.62,-$0.43,$10.19,K3Q8ZJ2M,https://squareup.com/dashboard/sales/transactions/K3Q8ZJ2M,Avocado Toast,Payment,D7W2,04/01/2026,\n" +
        "03/30/2026,09:14:52,-$5.25,-$5.72,$0.00,-$5.72,P9X4LL7A,https://squareup.com/dashboard/sales/transactions/P9X4LL7A,Latte,Refund,D7W1,03/31/2026,\n" +
        "03/30/2026,08:01:09,$3.00,$3.00,$0.00,$0.00,Z2B5NN1C,https://squareup.com/dashboard/sales/transactions/Z2B5NN1C,Drip Coffee,Payment,,,\n",
    );
    expect(step(s, "header row")?.evidence).toContain('amount ("Net Total")');
    expect(step(s, "header row")?.evidence).not.toContain("credit");
    expect(amounts(s)).toEqual(["-5.72", "10.19"]);
    expect(s.confidence).toBe("high");
  });

  it("leaves a column of links (Square's Details) out of the description while another column describes the rows", () => {
    const s = parse(
      "Date,Details,Description,Amount\n2026-03-30,https://squareup.com/dashboard/sales/transactions/P9X4,Latte,-5.72\n2026-03-31,https://squareup.com/dashboard/sales/transactions/K3Q8,Avocado Toast,10.19\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual(["Latte", "Avocado Toast"]);
    expect(step(s, "column 2")?.evidence).toBe('header "Details", links, not words about the row');
  });

  const sumup =
    "Datum;Status;Beschreibung;Währung;Preis (Netto);MwSt.;Gesamtbetrag;Trinkgeld;Gebühr;Auszahlung\n" +
    "28.03.2026 19:02;Erfolgreich;2x Currywurst;EUR;8,24;1,56;10,80;1,00;0,15;10,65\n" +
    "27.03.2026 12:40;Erfolgreich;Erstattung: 1x Kaffee;EUR;-2,35;-0,45;-2,80;0,00;0,00;-2,80\n" +
    "27.03.2026 11:05;Fehlgeschlagen;1x Brezel;EUR;1,01;0,19;1,20;0,00;0,00;0,00\n";

  it("reads SumUp's Auszahlung (the payout, after the fee) as the amount, before Gesamtbetrag (before the fee) and never Preis (Netto)", () => {
    const s = parse(sumup);
    expect(step(s, "header row")?.evidence).toContain('amount ("Auszahlung")');
    expect(amounts(s)).toEqual(["-2.80", "10.65"]);
    expect(s.confidence).toBe("high");
    // Without the payout, the total (its fee charged beside it, already out of the payout) …
    const total = parse(sumup.split("\n").map((l) => l.split(";").slice(0, 9).join(";")).join("\n"));
    expect(step(total, "header row")?.evidence).toContain('amount ("Gesamtbetrag")');
  });

  it("warns of a row dated more than a year from every other (2099 among rows of March 2026), and the reading is uncertain", () => {
    const stray = parse("Date,Description,Amount\n02/03/2026,CARD PAYMENT TO TESCO,-23.40\n04/03/2026,SALARY,1500.00\n05/03/2026,CARD PAYMENT TO COSTA,-3.10\n07/03/2099,CARD PAYMENT TO BOOTS,-6.95\n");
    expect(stray.rows).toHaveLength(4);
    expect(stray.warnings.join("\n")).toContain("row 5 is dated 2099-03-07, more than a year from every other row (the nearest is dated 2026-03-05)");
    expect(stray.confidence).toBe("low");
    // The earliest row too; and rows a year apart in steps (a dormant account's) are no stray.
    const early = parse("Date,Description,Amount\n02/03/2019,OLD,-1.00\n04/03/2026,SALARY,1500.00\n05/03/2026,COSTA,-3.10\n");
    expect(early.warnings.join("\n")).toContain("row 2 is dated 2019-03-02");
    const steps = parse("Date,Description,Amount\n02/01/2025,A,-1.00\n02/10/2025,B,-2.00\n02/06/2026,C,-3.00\n");
    expect(steps.warnings.join("\n")).not.toContain("more than a year from every other row");
  });

  it("reads a cash book's Einzahlung and Auszahlung as money in and money out (Auszahlung alone stays a payout)", () => {
    const s = parse(
      "Datum;Buchungstext;Einzahlung;Auszahlung;Saldo\n01.03.2026;Anfangsbestand;;;1.000,00\n02.03.2026;Bareinnahme Kasse;250,00;;1.250,00\n" +
        "03.03.2026;Bürobedarf;;45,90;1.204,10\n04.03.2026;Porto;;12,00;1.192,10\n",
    );
    expect(amounts(s)).toEqual(["250.00", "-45.90", "-12.00"]);
    expect(s.openingBalance?.toString()).toBe("1000.00");
  });

  it("never takes a price before tax (Preis (Netto), Prix HT) for the amount by its content", () => {
    const error = parseError("Datum;Beschreibung;Preis (Netto)\n28.03.2026;2x Currywurst;8,24\n27.03.2026;1x Kaffee;2,35\n");
    expect(error.message).toContain("no amount column");
  });

  it("reads eBay's Item title as description text and its Buyer name as the payee", () => {
    const s = parse(
      '"Transaction creation date","Type","Order number","Buyer username","Buyer name","Net amount","Item title","Description"\n' +
        '"Mar 5, 2026","Order","12-34567-89012","mkt_collector88","Terry Walsh","98.80","Vintage Pyrex Butterprint Mixing Bowl 2.5 Qt",""\n' +
        '"Mar 6, 2026","Shipping label","12-34567-89012","--","--","-8.12","USPS Ground Advantage shipping label","Shipping label purchased on eBay"\n',
    );
    expect(s.rows.map((r) => [r.payee, r.description])).toEqual([
      ["Terry Walsh", "Order · Terry Walsh · Vintage Pyrex Butterprint Mixing Bowl 2.5 Qt"],
      // "--" is no buyer; the type, said again by the item's title, is said once.
      [undefined, "USPS Ground Advantage shipping label · Shipping label purchased on eBay"],
    ]);
  });

  const frost = (rows: string[]) => `"Date","Description","Debit","Credit","Balance"\n"02/01/2026","BEGINNING BALANCE","","","24,118.52"\n${rows.join("\n")}\n`;

  it("reads a correction with both debit and credit filled as credit − debit where the running balance moves by that, and says so", () => {
    const s = parse(
      frost([
        '"02/11/2026","DEBIT CARD PURCHASE HEB #0412","45.10","","24,073.42"',
        '"02/12/2026","DEPOSIT CORRECTION ADJ REF 2026021609","1,250.00","1,205.00","24,028.42"',
        '"02/13/2026","DEPOSIT","","500.00","24,528.42"',
      ]),
    );
    expect(amounts(s)).toEqual(["-45.10", "-45.00", "500.00"]);
    expect(step(s, "debit and credit")).toEqual({
      step: "debit and credit",
      decision: "both filled on 1 row: read as credit − debit",
      evidence: "the running balance moves by exactly that (row 4: credit 1,205.00 − debit 1,250.00 = -45.00)",
    });
    // The first row, confirmed by the opening balance; newest first, by the row below it.
    expect(amounts(parse(frost(['"02/12/2026","CORRECTION","1,250.00","1,205.00","24,073.52"'])))).toEqual(["-45.00"]);
    const newestFirst = parse(
      'Date,Description,Debit,Credit,Balance\n02/13/2026,DEPOSIT,,500.00,24528.42\n02/12/2026,CORRECTION,"1,250.00","1,205.00",24028.42\n02/11/2026,HEB,45.10,,24073.42\n',
    );
    expect(amounts(newestFirst)).toEqual(["-45.10", "-45.00", "500.00"]);
  });

  it("still refuses a row with both filled that the running balance does not confirm as credit − debit", () => {
    const error = parseError(frost(['"02/12/2026","CORRECTION","1,250.00","1,205.00","22,868.52"', '"02/13/2026","DEPOSIT","","500.00","23,368.52"']));
    expect(error.message).toBe('row 3: both debit "1,250.00" and credit "1,205.00" are filled in, and the running balance does not move by credit − debit (-45.00)');
    // The last row, with no row after it to confirm it either.
    expect(parseError(frost(['"02/12/2026","CORRECTION","1,250.00","1,205.00","22,868.52"'])).message).toContain("does not move by credit − debit");
  });

  it("reads BIDV's Vietnamese statement: its column names, Số dư đầu kỳ / cuối kỳ (opening, closing) and the Tổng cộng (total) line", () => {
    const s = parse(
      "SAO KÊ TÀI KHOẢN\nLoại tiền:\tVND\nSố dư đầu kỳ:\t125.430.000\n\n" +
        "STT\tNgày giao dịch\tNgày hiệu lực\tSố tiền ghi nợ\tSố tiền ghi có\tSố dư\tMô tả giao dịch\n" +
        "1\t01/03/2026 08:39:22\t01/03/2026\t13.496.000\t\t111.934.000\tBIDV;056084686272;CONG TY TNHH VAN TAI HOANG LONG\n" +
        "2\t02/03/2026 17:02:10\t03/03/2026\t\t2.500.000\t114.434.000\tREM Tfr Ac: 12345678901234 thanh toan tien hang\n" +
        "\tTổng cộng\t\t13.496.000\t2.500.000\t\t\n" +
        "Số dư cuối kỳ:\t114.434.000\n",
    );
    expect(step(s, "header row")?.decision).toBe("line 5");
    expect(step(s, "header row")?.evidence).toBe(
      'date ("Ngày giao dịch"), value date ("Ngày hiệu lực"), debit ("Số tiền ghi nợ"), credit ("Số tiền ghi có"), balance ("Số dư"), description ("Mô tả giao dịch")',
    );
    expect(amounts(s)).toEqual(["-13496000", "2500000"]);
    expect(s.rows.map((r) => r.valueDate)).toEqual(["2026-03-01", "2026-03-03"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["125430000", "114434000", "VND"]);
    expect(s.skipped.filter((l) => l.reason === "balance-line").map((l) => l.sourceRow)).toEqual([3, 9]);
    expect(s.skipped.find((l) => l.sourceRow === 8)?.reason).toBe("summary");
  });

  it("says what the card sign rule counts: rows worded as payments to the card, not every negative row", () => {
    const s = parse("Date,Merchant,Amount\n2026-03-01,DELTA,189.00\n2026-03-02,UBER,11.00\n2026-03-03,Refund STAPLES,-12.00\n", { accountKind: "credit-card" });
    expect(step(s, "sign rule")?.evidence).toBe("credit-card account; 2 of 3 amounts positive, 1 negative; 0 rows worded as a payment to the card");
  });
});

describe("exports from the twenty-second blind CSV test: whole amounts, overdrawn balances, party columns", () => {
  it("reads Hypo Tirol's whole euros with a dash for the cents (2.450,-) in amounts and balances, and its Zahlungsreferenz as description text", () => {
    const s = parse(
      [
        "Kontoinhaber;Katharina Gruber;;;;",
        "Buchungsdatum;Valutadatum;Buchungstext;Zahlungsreferenz;Betrag;Saldo",
        "31.01.2026;;Alter Saldo;;;1.281,02",
        "02.02.2026;02.02.2026;Lastschrift A1 Telekom Austria AG;Mandat 8642866457;-96,28;1.184,74",
        "03.02.2026;01.02.2026;Gutschrift Holzbau GmbH;Gehalt 02/2026;2.450,-;3.634,74",
        "11.02.2026;09.02.2026;Dauerauftrag Bausparen;Vertrag 14834777;-2.575,74;1.059,-",
        "",
      ].join("\n"),
    );
    expect(amounts(s)).toEqual(["-96.28", "2450.00", "-2575.74"]);
    expect(s.rows.map((r) => r.balance?.toString())).toEqual(["1184.74", "3634.74", "1059.00"]);
    expect(s.rows[1].description).toBe("Gutschrift Holzbau GmbH · Gehalt 02/2026");
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["1281.02", "1059.00"]);
  });

  it("reads a balance marked OD (overdrawn, Coutts) as below zero, in the rows and on the carried-forward line", () => {
    const s = parse(
      [
        "Date,Narrative,Type,Paid out,Paid in,Balance",
        '01/02/2026,BALANCE BROUGHT FORWARD,,,,"5,174.25"',
        '27/03/2026,TO RESERVE,TFR,"(6,000.00)",,825.75 OD',
        '27/03/2026,BRITISH GAS,D/D,(269.38),,"1,095.13 OD"',
        '31/03/2026,SALARY,BAC,,"2,000.00",904.87',
        '31/03/2026,SKY DIGITAL,D/D,(1000.00),,95.13 OD',
        '31/03/2026,BALANCE CARRIED FORWARD,,,,95.13 OD',
      ].join("\n"),
    );
    expect(amounts(s)).toEqual(["-6000.00", "-269.38", "2000.00", "-1000.00"]);
    expect(s.rows.map((r) => r.balance?.toString())).toEqual(["-825.75", "-1095.13", "904.87", "-95.13"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["5174.25", "-95.13"]);
  });

  it("takes the currency a title line over the header names (Länsförsäkringar's \"Belopp i SEK\")", () => {
    const s = parse(
      [
        "Kontoutdrag – Privatkonto 9021 12 34567\t\t\t\t\t",
        "Datum\t\tTransaktion\t\tBelopp i SEK\t",
        "Bokföringsdag\tTransaktionsdag\tText\tTyp\tBelopp\tSaldo",
        "2026-03-31\t2026-03-31\tAutogiro Stångåstaden\tAutogiro\t-3 872,51\t73 187,69",
        "2026-03-29\t2026-03-29\tICA KVANTUM\tKortköp\t-1 412,11\t77 060,20",
      ].join("\n"),
    );
    expect(s.currency).toBe("SEK");
  });

  it("leaves the account holder out of two party columns (GLS's Auftraggeber/Zahlungsempfänger, Empfänger/Zahlungspflichtiger): the other party is the payee", () => {
    const rows = [
      ["02.03.2026", "Lena Hoffmann", "Stadtbaeckerei Bochum", "Kartenzahlung girocard", "40,30", "S"],
      ["02.03.2026", "Lena Hoffmann", "Vonovia GmbH", "Dauerauftrag Miete", "870,00", "S"],
      ["03.03.2026", "Jonas Becker", "Lena Hoffmann", "Gutschrift Rückzahlung", "25,00", "H"],
      ["04.03.2026", "", "", "Abschluss Kontoführung", "4,90", "S"],
      ["05.03.2026", "Lena Hoffmann", "Bio Company GmbH", "Kartenzahlung girocard", "12,10", "S"],
    ];
    const text = (preamble: string[]) =>
      [...preamble, "Buchungstag;Auftraggeber/Zahlungsempfänger;Empfänger/Zahlungspflichtiger;Vorgang/Verwendungszweck;Umsatz;Soll/Haben", ...rows.map((r) => r.join(";"))].join("\n");
    const s = parse(text([]));
    expect(s.rows.map((r) => r.payee)).toEqual(["Stadtbaeckerei Bochum", "Vonovia GmbH", "Jonas Becker", undefined, "Bio Company GmbH"]);
    expect(s.rows.map((r) => r.description)).toEqual([
      "Stadtbaeckerei Bochum · Kartenzahlung girocard",
      "Vonovia GmbH · Dauerauftrag Miete",
      "Jonas Becker · Gutschrift Rückzahlung",
      "Abschluss Kontoführung",
      "Bio Company GmbH · Kartenzahlung girocard",
    ]);
    expect(step(s, "account holder")?.decision).toBe('"Lena Hoffmann" left out of the rows\' text');
    // A row where neither is the holder: the preamble names the holder, who is on most rows.
    rows.push(["06.03.2026", "Paul Nowak", "Mira Schulte", "Weiterleitung", "5,00", "H"]);
    const named = parse(text(['"Kontoinhaber:";"Lena Hoffmann"', ""]));
    expect(named.rows.at(-1)?.description).toBe("Paul Nowak · Mira Schulte · Weiterleitung");
    expect(named.rows[0].description).toBe("Stadtbaeckerei Bochum · Kartenzahlung girocard");
  });

  it("reads a memo that is the same on the few rows that have one (Novo's \"Check from T. Alvarez\") as their text", () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? `03/${String(i + 1).padStart(2, "0")}/2026,Mobile Deposit,100.00,Posted,Check,Check from T. Alvarez` : `03/${String(i + 1).padStart(2, "0")}/2026,Google Ads ${i},-43.89,Posted,Debit Card,`,
    );
    const s = parse(["Date,Description,Amount,Status,Type,Memo", ...rows].join("\n"));
    expect(s.rows[0].description).toContain("Check from T. Alvarez");
  });

  it("counts a card payment worded \"Ihre Zahlung – besten Dank\" (Viseca) as a payment to the card", () => {
    const s = parse("Datum;Beschreibung;Betrag\n01.03.2026;MIGROS ZUERICH;189.00\n02.03.2026;Ihre Zahlung – besten Dank;-1845.60\n03.03.2026;SBB CFF FFS;11.00\n", { accountKind: "credit-card" });
    expect(step(s, "sign rule")?.evidence).toBe("credit-card account; 2 of 3 amounts positive, 1 negative; 1 row worded as a payment to the card (1 of them negative)");
  });
});

describe("exports from the twenty-third blind test (twenty-first session)", () => {
  it("reads Japan Post Bank's 詳細１ and 詳細２ as the description and 現在（貸付）高 as the running balance (full-width digits and brackets)", () => {
    const s = parse(
      '"取扱日付","受入金額（円）","払出金額（円）","詳細１","詳細２","現在（貸付）高"\n' +
        '"20250106","","63294","振込","ﾆﾎﾝﾂｳｳﾝ(ｶ","1324126"\n"20250110","358250","","振込入金","ｶ)ﾔﾏﾄｼｮｳｼﾞ","1682376"\n',
    );
    expect([s.rows.map((r) => [r.description, r.balance?.toString()]), s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual([
      [["振込 · ﾆﾎﾝﾂｳｳﾝ(ｶ", "1324126"], ["振込入金 · ｶ)ﾔﾏﾄｼｮｳｼﾞ", "1682376"]], "1387420", "1682376",
    ]);
  });
});

describe("exports from the twenty-fourth blind CSV test", () => {
  const hellenicHeader = "Transaction Date,Posting Date,Description,Original Amount,Amount (EUR),DR/CR";

  it("signs a card's unsigned amounts by its DR/CR column when the header comes again over the pending authorisations", () => {
    const s = parse(
      "Credit Card Statement\nPrevious Balance,\"EUR 1,245.60\"\nNew Balance,\"EUR 295.60\"\n\n" +
        `${hellenicHeader}\n` +
        "14/01/2026,17/01/2026,NETFLIX.COM LOS GATOS US,USD 109.07,104.75,DR\n" +
        "26/01/2026,26/01/2026,PAYMENT RECEIVED - THANK YOU,,\"1,245.60\",CR\n" +
        "06/02/2026,07/02/2026,AIRBNB * HMXY2 LONDON GB,GBP 178.17,212.23,DR\n" +
        "08/02/2026,09/02/2026,ZARA CYPRUS REFUND,,52.35,CR\n" +
        "12/02/2026,14/02/2026,EKO 3012 GERMASOGEIA,,30.97,DR\n\n" +
        `Pending Authorisations\n${hellenicHeader}\n` +
        "14/02/2026,,WOLT CY,,43.50,DR\n15/02/2026,,PUBLIC SUPERSTORE REFUND,,12.00,CR\n",
      { accountKind: "credit-card" },
    );
    expect(step(s, "column 6")?.decision).toMatch(/direction/);
    expect(amounts(s)).toEqual(["-104.75", "1245.60", "-212.23", "52.35", "-30.97"]);
    expect(s.pending.map((r) => r.amount.toString())).toEqual(["-43.50", "12.00"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.confidence]).toEqual(["-1245.60", "-295.60", "high"]);
  });

  it("signs a pending section under a header of its own by its DR/CR column, as the table's rows are", () => {
    const s = parse(
      `${hellenicHeader}\n` +
        "14/01/2026,17/01/2026,NETFLIX.COM LOS GATOS US,USD 109.07,104.75,DR\n" +
        "26/01/2026,26/01/2026,PAYMENT RECEIVED - THANK YOU,,\"1,245.60\",CR\n" +
        "12/02/2026,14/02/2026,EKO 3012 GERMASOGEIA,,30.97,DR\n\n" +
        "Pending Authorisations\nTransaction Date,Description,Amount (EUR),DR/CR\n" +
        "14/02/2026,WOLT CY,43.50,DR\n15/02/2026,PUBLIC SUPERSTORE REFUND,12.00,CR\n",
      { accountKind: "credit-card" },
    );
    expect(amounts(s)).toEqual(["-104.75", "1245.60", "-30.97"]);
    expect(s.pending.map((r) => [r.description, r.amount.toString()])).toEqual([["WOLT CY", "-43.50"], ["PUBLIC SUPERSTORE REFUND", "12.00"]]);
  });

  it("is not certain of a reading whose rows do not add up from the opening balance the file states to its closing one", () => {
    // The rows read as money in (3 × +10.00) where the file says the balance went down by 30.00.
    const s = parse("Opening balance,100.00\nClosing balance,70.00\n\nDate,Description,Amount\n2026-03-02,A,10.00\n2026-03-03,B,10.00\n2026-03-04,C,10.00\n");
    expect(s.confidence).toBe("low");
    expect(step(s, "balances")?.evidence).toBe("the opening balance 100.00 the file states plus the rows (30.00) is 130.00, not the closing balance 70.00 it states");
    const consistent = parse("Opening balance,100.00\nClosing balance,130.00\n\nDate,Description,Amount\n2026-03-02,A,10.00\n2026-03-03,B,10.00\n2026-03-04,C,10.00\n");
    expect([consistent.confidence, step(consistent, "balances")]).toEqual(["high", undefined]);
  });

  it("is not certain of a reading whose amounts miss the running balances on most rows, nor of one whose stated closing is not where they end", () => {
    // Every amount printed unsigned: the running balance falls by them, the rows say they rise.
    const misread = parse("Date,Description,Amount,Balance\n2026-03-02,A,10.00,90.00\n2026-03-03,B,5.00,85.00\n2026-03-04,C,20.00,65.00\n2026-03-05,D,1.00,64.00\n");
    expect(misread.confidence).toBe("low");
    expect(step(misread, "balances")?.evidence).toBe("the amounts do not lead from one running balance to the next on 3 of 3 rows (the first, row 3)");
    const closing = parse("Closing balance,99.00\nDate,Description,Amount,Balance\n2026-03-02,A,-10.00,90.00\n2026-03-03,B,-5.00,85.00\n");
    expect(step(closing, "balances")?.evidence).toBe("the closing balance 99.00 the file states is not where its running balances end (85.00)");
    expect(closing.confidence).toBe("low");
  });

  it("stays certain of a reading whose running balance breaks once among steps that hold (a row missing: the balance proof holds the import for review)", () => {
    const s = parse(
      "Date,Description,Amount,Balance\n2026-03-02,A,-10.00,90.00\n2026-03-03,B,-5.00,85.00\n2026-03-04,C,-20.00,60.00\n2026-03-05,D,-1.00,59.00\n",
    );
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("broken");
    expect([s.confidence, step(s, "balances")]).toEqual(["high", undefined]);
  });

  it("counts a card's bills paid by autopay ('PAGO AUTOMATICO EDESUR', 'AUTOPAY NETFLIX') as charges, not payments to the card", () => {
    const pago = parse(
      "Fecha,Descripción,Monto\n21-Ene-2026,UBER *TRIP,\"2,185.29\"\n22-Ene-2026,PAGO AUTOMATICO ALTICE DOMINICANA,\"4,561.26\"\n" +
        "24-Ene-2026,PAGO AUTOMATICO CAASD,\"4,926.08\"\n25-Ene-2026,PAGO AUTOMATICO EDESUR DOMINICANA,\"2,056.64\"\n" +
        "05-Feb-2026,PAGO RECIBIDO - GRACIAS,\"-10,000.00\"\n",
      { accountKind: "credit-card" },
    );
    expect(step(pago, "sign rule")?.decision).toMatch(/^inverted/);
    expect(amounts(pago)).toEqual(["-2185.29", "-4561.26", "-4926.08", "-2056.64", "10000.00"]);
    const autopay = parse(
      "Date,Description,Amount\n01/05/2026,AUTOPAY NETFLIX.COM,15.49\n01/06/2026,AUTOPAY SPOTIFY USA,11.99\n01/09/2026,COFFEE,4.50\n01/20/2026,AUTOPAY PAYMENT - THANK YOU,-200.00\n",
      { accountKind: "credit-card" },
    );
    expect(amounts(autopay)).toEqual(["-15.49", "-11.99", "-4.50", "200.00"]);
  });

  it("still counts the ways a card's own payment is worded as payments", () => {
    // Charges already negative, payments positive: the export is the ledger's already.
    for (const payment of ["PAGO AUTOMATICO", "PAGO AUTOMATICO TARJETA", "SU PAGO GRACIAS", "CAPITAL ONE AUTOPAY PYMT", "AUTOPAY 000000000012345RAUTOPAY AUTO-PMT", "PAGO"]) {
      const s = parse(`Date,Description,Amount\n2026-01-05,SHOP A,-15.49\n2026-01-06,SHOP B,-11.99\n2026-01-20,${payment},200.00\n2026-01-21,SHOP C,4.50\n`, { accountKind: "credit-card" });
      expect(step(s, "sign rule")?.decision, payment).toMatch(/^as printed/);
    }
  });

  it("reads the currency a card's preamble names by a dollar sign with letters ('Moneda:,RD$')", () => {
    const s = parse("Tarjeta:,VISA ****-4417\nMoneda:,RD$\n\nFecha,Descripción,Monto\n21-Ene-2026,UBER *TRIP,\"2,185.29\"\n22-Ene-2026,FARMACIA CAROL,\"3,392.69\"\n", {
      accountKind: "credit-card",
    });
    expect(s.currency).toBe("DOP");
  });

  it("reads Serbian 'Prethodno stanje' and 'Novo stanje' as the opening and closing balances, and 'Svrha plaćanja' with the partner's name", () => {
    const s = parse(
      "Izvod broj:;42\nValuta:;RSD\nPrethodno stanje:;4.218.360,55\nNovo stanje:;5.095.201,40\n\n" +
        "Datum knjiženja;Datum valute;Naziv primaoca/platioca;Svrha plaćanja;Šifra plaćanja;Duguje;Potražuje\n" +
        "02.03.2026.;02.03.2026.;DELHAIZE SERBIA DOO;Uplata po fakturi 0349/26;289;0,00;876.912,56\n" +
        "03.03.2026.;02.03.2026.;AIK BANKA AD BEOGRAD;Naknada za platni promet;221;71,71;0,00\n",
    );
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["4218360.55", "5095201.40"]);
    expect(s.rows.map((r) => r.description)).toEqual(["DELHAIZE SERBIA DOO · Uplata po fakturi 0349/26", "AIK BANKA AD BEOGRAD · Naknada za platni promet"]);
  });

  it("reads Bank of Georgia's 'Operation Content' as the rows' words, with the partner's name", () => {
    const s = parse(
      "Date,Document No,Partner Name,Partner Account,Operation Content,Debit,Credit,Currency\n" +
        "09/02/2026,5363352,შპს სპარი ჯორჯია,GE16TB3861047091204356,გადახდა ხელშეკრულების მიხედვით N269,,5565.45,GEL\n" +
        "12/02/2026,3521421,სს სილქნეტი,GE53PC8961460084965146,ინვოისი N67212-ის გადახდა,4570.99,,GEL\n",
    );
    expect(s.rows.map((r) => r.description)).toEqual(["შპს სპარი ჯორჯია · გადახდა ხელშეკრულების მიხედვით N269", "სს სილქნეტი · ინვოისი N67212-ის გადახდა"]);
  });
});

describe("exports from the twenty-fifth blind CSV test", () => {
  it("skips a general ledger's undated turnover line (Fortnox's Omslutning) and reads Ingående and Utgående balans as its balances", () => {
    const s = parse(
      "Huvudbok\nKonto;1930 - 1930\n\nKonto;Benämning;Vernr;Datum;Text;Debet;Kredit;Saldo\n" +
        "1930;Företagskonto;;;Ingående balans;;;1000,00\n" +
        ";;E 1;2026-03-02;Leverantörsbetalning;;200,00;800,00\n" +
        ";;C 1;2026-03-03;Kundinbetalning;500,00;;1300,00\n" +
        ";;A 1;2026-03-04;Bankavgift;;25,00;1275,00\n" +
        ";;C 2;2026-03-05;Swish Företag;75,00;;1350,00\n" +
        ";;;;Omslutning;575,00;225,00;\n" +
        ";;;;Utgående balans;;;1350,00\n",
    );
    expect(amounts(s)).toEqual(["-200.00", "500.00", "-25.00", "75.00"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["1000.00", "1350.00"]);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toContainEqual([10, "summary"]);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toContainEqual([11, "balance-line"]);
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("proven");
  });

  it("reads a Tally ledger of the bank account by its voucher types: Debit = receipt (money in), Credit = payment, balances in the debit column positive", () => {
    const s = parse(
      "Sai Krishna Traders\nHDFC Bank Current A/c\nLedger Account\n1-Apr-2025 to 30-Apr-2025\n\n" +
        "Date,Particulars,Vch Type,Vch No.,Debit,Credit\n" +
        '1-Apr-25,Kaveri Agro Industries Pvt Ltd,Receipt,1,"2,15,862.40",\n' +
        '1-Apr-25,Sundaram Fasteners Ltd,Payment,1,,"1,55,666.76"\n' +
        '3-Apr-25,Cash,Contra,1,"46,242.52",\n' +
        '7-Apr-25,JSW Steel Ltd,Payment,2,,"1,46,774.71"\n' +
        '15-Apr-25,Ramesh Steel Corporation,Receipt,2,"29,208.09",\n' +
        ',Opening Balance,,,"10,00,000.00",\n' +
        ',Current Total,,,"2,91,313.01","3,02,441.47"\n' +
        ',Closing Balance,,,"9,88,871.54",\n',
    );
    expect(amounts(s)).toEqual(["215862.40", "-155666.76", "46242.52", "-146774.71", "29208.09"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["1000000.00", "988871.54"]);
    expect(step(s, "sign rule")?.decision).toBe('"Debit" is money in and "Credit" money out (a ledger of the bank account in the books: debit = money in)');
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("proven");
    expect(s.confidence).toBe("high");
  });

  it("keeps a bank's Debit = money out when the row types do not put receipts in the debit column", () => {
    // A bank export whose type column says payments are its debits: the bank's sense.
    const bank = parse(
      "Date,Description,Voucher Type,Debit,Credit\n2025-04-01,Rent,Payment,1000.00,\n2025-04-02,Invoice 7,Receipt,,500.00\n2025-04-03,Supplier,Payment,200.00,\n2025-04-04,Invoice 8,Receipt,,300.00\n",
    );
    expect(amounts(bank)).toEqual(["-1000.00", "500.00", "-200.00", "300.00"]);
    // Voucher types that agree on too few rows prove nothing.
    const unsure = parse(
      "Date,Particulars,Vch Type,Debit,Credit\n2025-04-01,A,Receipt,100.00,\n2025-04-02,B,Payment,,50.00\n2025-04-03,C,Receipt,,70.00\n2025-04-04,D,Payment,20.00,\n2025-04-05,E,Receipt,30.00,\n",
    );
    expect(amounts(unsure)).toEqual(["-100.00", "50.00", "70.00", "-20.00", "-30.00"]);
  });

  it("takes Itaú's SALDO TOTAL DISPONÍVEL DIA lines as the days' balances: they check the rows, and the last is the closing balance", () => {
    const s = parse(
      "Data;Lançamento;Ag./Origem;Valor (R$);Saldo (R$)\n" +
        "27/02/2026;SALDO ANTERIOR;;;1.000,00\n" +
        "02/03/2026;PIX TRANSF MERCADINHO;;100,00;\n" +
        "02/03/2026;SALDO TOTAL DISPONÍVEL DIA;;;1.100,00\n" +
        "03/03/2026;PAG BOLETO ENEL;;-300,00;\n" +
        "03/03/2026;REDE VISA CD;;50,00;\n" +
        "03/03/2026;SALDO TOTAL DISPONÍVEL DIA;;;850,00\n" +
        "05/03/2026;TAR PACOTE;;-10,00;\n" +
        "05/03/2026;SALDO TOTAL DISPONÍVEL DIA;;;840,00\n",
    );
    expect(amounts(s)).toEqual(["100.00", "-300.00", "50.00", "-10.00"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.warnings]).toEqual(["1000.00", "840.00", []]);
    expect(proveBalances(s.rows, s.openingBalance, s.closingBalance).status).toBe("proven");
    expect(s.skipped.filter((l) => l.reason === "balance-line").map((l) => l.sourceRow)).toEqual([2, 4, 7, 9]);
  });

  it("leaves out days' balances the rows do not lead to on most days, and says so; one that breaks among many that hold still closes", () => {
    const head = "Data;Lançamento;Valor;Saldo\n27/02/2026;SALDO ANTERIOR;;1.000,00\n02/03/2026;PIX;100,00;\n";
    const other = parse(`${head}02/03/2026;SALDO DO DIA;;6.100,00\n03/03/2026;BOLETO;-300,00;\n03/03/2026;SALDO DO DIA;;9.999,00\n`);
    expect([other.openingBalance?.toString(), other.closingBalance]).toEqual(["1000.00", undefined]);
    expect(other.warnings).toEqual([
      "the days' balances under the rows (line 4 and 1 more) are not where the rows lead on 2 of 2 days (the first, line 4): taken as another balance than the account's (funds available), not as the statement's",
    ]);
    // A row missing on the last day: the bank's closing balance stands, and the proof fails (held for review).
    const missing = parse(
      `${head}02/03/2026;SALDO DO DIA;;1.100,00\n03/03/2026;BOLETO;-300,00;\n03/03/2026;SALDO DO DIA;;800,00\n04/03/2026;TARIFA;-10,00;\n04/03/2026;SALDO DO DIA;;750,00\n`,
    );
    expect([missing.closingBalance?.toString(), missing.warnings]).toEqual(["750.00", ["the day's balance on line 8 is not where the rows before it lead: a row may be missing"]]);
    expect(proveBalances(missing.rows, missing.openingBalance, missing.closingBalance).status).not.toBe("proven");
  });

  it("takes the balance column the amounts move for the running balance, not balances repeated on every row before it (HSBCnet)", () => {
    const header = "Account name,Currency,Closing ledger balance,Closing available balance,Narrative,Credit amount,Debit amount,Balance,Post date\n";
    const s = parse(
      header +
        'PINNACLE,HKD,"1,150.00","1,150.00",TT DEBIT,,-50.00,"1,150.00",30/03/2026\n' +
        'PINNACLE,HKD,"1,150.00","1,150.00",CHQ 300211,,-100.00,"1,200.00",27/03/2026\n' +
        'PINNACLE,HKD,"1,150.00","1,150.00",FPS CREDIT,300.00,,"1,300.00",24/03/2026\n' +
        'PINNACLE,HKD,"1,150.00","1,150.00",CHQ 300212,,-200.00,"1,000.00",20/03/2026\n',
    );
    expect(step(s, "column 8")?.decision).toBe("running balance (decimal '.')");
    expect(step(s, "column 3")?.evidence).toContain("not the running balance");
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["1200.00", "1150.00"]);
  });

  it("takes a card's Clear Date for the ledger date beside its Transaction Date, whatever order the rows are in (Divvy)", () => {
    const s = parse(
      "Transaction ID,Transaction Date,Clear Date,Merchant Name,Amount,Currency,Status\n" +
        "t1,03/30/2026,,SHELL OIL,21.04,USD,Pending\n" +
        "t2,03/26/2026,03/27/2026,HILTON,109.53,USD,Cleared\n" +
        "t3,03/21/2026,03/22/2026,GOOGLE ADS,225.22,USD,Cleared\n" +
        "t4,03/19/2026,03/19/2026,AMAZON,61.14,USD,Cleared\n",
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => [r.date, r.valueDate])).toEqual([
      ["2026-03-19", "2026-03-19"],
      ["2026-03-22", "2026-03-21"],
      ["2026-03-27", "2026-03-26"],
    ]);
    expect(s.pending.length).toBe(1);
    expect(step(s, "column 3")?.decision).toBe("ledger date");
  });

  it("refuses a multi-currency account's export naming every currency with its rows, and the row where they first mix", () => {
    const rows = [
      ["02 Mar 2026", "USD", "", "10.00"],
      ["03 Mar 2026", "EUR", "5.00", ""],
      ["05 Mar 2026", "SGD", "", "1.00"],
      ["05 Mar 2026", "SGD", "2.00", ""],
      ["06 Mar 2026", "SGD", "3.00", ""],
      ["07 Mar 2026", "USD", "", "4.00"],
    ];
    const text = "Transaction Date,Currency,Description,Debit Amount,Credit Amount\n" + rows.map(([d, c, debit, credit]) => `${d},${c},X,${debit},${credit}`).join("\n") + "\n";
    expect(errorOf(() => parse(text)).message).toBe(
      "row 3: this statement mixes currencies (row 2 is in USD, this row is in EUR; the file holds rows in 3 currencies: SGD 3 rows, USD 2, EUR 1); upload one file per currency",
    );
  });
});

describe("exports of processors, spend platforms and bookkeeping (a blind test of business sources)", () => {
  it("reads a settlement report's net debit and credit in the settlement's currency, not the gross pair in each payment's (Adyen)", () => {
    const header =
      "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference," +
      "Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Batch Number";
    const s = parse(
      `${header}\n` +
        "Shop,Shop_ECOM,5269058083859751,NL-ORD-665899,mc,2026-03-09 12:38:14,CET,Settled,3038387682554560,EUR,,255.63,1,EUR,,252.91,2.72,148\n" +
        "Shop,Shop_ECOM,1415375174035776,NL-ORD-699354,visa,2026-03-09 16:23:57,CET,Settled,6870359845685225,GBP,,51.47,1.1734,EUR,,59.67,0.72,148\n" +
        "Shop,Shop_ECOM,6027647466580272,,,2026-03-10 00:15:02,CET,InvoiceDeduction,Invoice 2026-02 ID 346667,EUR,,,,EUR,42.35,,,148\n" +
        "Shop,Shop_ECOM,9053157048419657,NL-ORD-011601,visa,2026-03-10 13:54:28,CET,Refunded,7842895682321416,EUR,77.71,,,EUR,77.71,,,148\n" +
        "Shop,Shop_ECOM,0512989554931523,NL-ORD-321176,mc,2026-03-11 09:19:05,CET,Settled,1754834120892581,SEK,,127.41,0.0871,EUR,,10.88,0.22,148\n" +
        "Shop,Shop_ECOM,3259682895441312,,,2026-03-12 13:57:40,CET,Fee,Chargeback Fee,EUR,,,,EUR,15.00,,,148\n" +
        // The payout sweeps the batch to the bank: money leaving the processor's balance.
        "Shop,Shop_ECOM,2195404118132160,,,2026-03-16 06:01:44,CET,MerchantPayout,TX4072145772XT batch 148,,,,,EUR,188.10,,,148\n",
    );
    expect(amounts(s)).toEqual(["252.91", "59.67", "-42.35", "-77.71", "10.88", "-15.00", "-188.10"]);
    expect(s.currency).toBe("EUR");
    expect(step(s, "column 15")?.decision).toMatch(/^debit/);
    expect(step(s, "column 11")).toEqual({
      step: "column 11",
      decision: "ignored",
      evidence: 'header "Gross Debit (GC)", not the net: "Net Debit (NC)" and "Net Credit (NC)" are the money that moved',
    });
    expect(step(s, "column 14")?.decision).toBe("currency");
    // The merchant's own reference is the order's number, not who was paid.
    expect(s.rows.map((r) => [r.description, r.payee])).toEqual([
      ["Settled · NL-ORD-665899", undefined],
      ["Settled · NL-ORD-699354", undefined],
      ["InvoiceDeduction", undefined],
      ["Refunded · NL-ORD-011601", undefined],
      ["Settled · NL-ORD-321176", undefined],
      ["Fee", undefined],
      ["MerchantPayout", undefined],
    ]);
    expect(s.confidence).toBe("high");
  });

  it("reads a settlement recon's debit and credit (the amount less the fee) over its gross amount, dated by when it was settled (Razorpay)", () => {
    const s = parse(
      "entity_id,type,debit,credit,amount,currency,fee,tax,created_at,settled_at,notes\n" +
        "pay_PGrZCO1U86Vfnd,payment,0.00,10127.02,10371.80,INR,244.78,37.34,02/03/2026 09:04:15,04/03/2026 10:04:57,INV/853\n" +
        "pay_fV0dOgvi5MS0XN,payment,0.00,11421.17,11421.17,INR,0.00,0.00,06/03/2026 14:40:27,10/03/2026 10:41:20,INV/870\n" +
        "rfnd_i3PZXTgamTf9Dw,refund,1750.68,0.00,1750.68,INR,0.00,0.00,07/03/2026 16:55:22,10/03/2026 09:32:11,INV/853 refund\n" +
        "pay_yvS4I7Hz9AIHQC,payment,0.00,11527.15,11805.77,INR,278.62,42.50,11/03/2026 10:20:48,13/03/2026 10:41:20,INV/881\n",
    );
    expect(amounts(s)).toEqual(["10127.02", "11421.17", "-1750.68", "11527.15"]);
    expect(s.rows.map((r) => [r.date, r.valueDate])).toEqual([
      ["2026-03-04", "2026-03-02"],
      ["2026-03-10", "2026-03-06"],
      ["2026-03-10", "2026-03-07"],
      ["2026-03-13", "2026-03-11"],
    ]);
    expect(step(s, "column 5")?.evidence).toBe('header "amount", the gross: "debit" and "credit" hold the amount less the fee (100% of 4 rows)');
    expect(step(s, "column 7")?.decision).toBe("ignored");
    expect(s.confidence).toBe("high");
  });

  it("still takes a fee off the amount beside a debit and credit that do not hold the amount less it", () => {
    const s = parse(
      "Date,Description,Debit,Credit,Amount,Fee\n2026-03-02,A,,100.00,100.00,1.00\n2026-03-03,B,50.00,,-50.00,0.50\n2026-03-04,C,,20.00,20.00,0.20\n",
    );
    expect(amounts(s)).toEqual(["99.00", "-50.50", "19.80"]);
  });

  it("takes a spend platform's supplier as the payee, not its payer (the team member who paid), and no receipt flag as text (Spendesk)", () => {
    const s = parse(
      "Payment date,Settlement date,Supplier,Description,Payer,Team,Debit,Credit,Currency,Receipt\n" +
        "02/03/2026,02/03/2026,Atlassian,Fournitures bureau,Inès Moreau,Product,404.64,,EUR,Yes\n" +
        "01/03/2026,03/03/2026,Hotel Bern AG,Repas équipe,Hugo Lefèvre,Ops,141.88,,EUR,Yes\n" +
        "13/03/2026,13/03/2026,OpenAI,Fournitures bureau,Hugo Lefèvre,Ops,88.75,,EUR,Missing\n" +
        "13/03/2026,15/03/2026,Spendesk,Wallet funding - transfer from Qonto,,,,5000.00,EUR,N/A\n" +
        "16/03/2026,18/03/2026,SNCF Connect,Remboursement billet annulé,Inès Moreau,Sales,,17.33,EUR,Yes\n",
    );
    expect(s.rows.map((r) => [r.amount.toString(), r.payee, r.description])).toEqual([
      ["-404.64", "Atlassian", "Atlassian · Fournitures bureau"],
      ["-141.88", "Hotel Bern AG", "Hotel Bern AG · Repas équipe"],
      ["-88.75", "OpenAI", "OpenAI · Fournitures bureau"],
      ["5000.00", "Spendesk", "Spendesk · Wallet funding - transfer from Qonto"],
      ["17.33", "SNCF Connect", "SNCF Connect · Remboursement billet annulé"],
    ]);
    expect(step(s, "column 5")?.evidence).toBe('header "Payer", who on the account\'s side paid: beside "Supplier" on the same rows, never the same name');
    expect(step(s, "column 10")?.decision).toBe("ignored");
  });

  it("joins a bookkeeping report's Contact (the customer or supplier) to the row's words (Sage)", () => {
    const s = parse(
      "Date,Type,Reference,Contact,Description,Money In,Money Out,Balance\n" +
        ',,,,Opening Balance,,,"18,345.67"\n' +
        '02/03/2026,Other Payment,BACS,,Net wages - March 2026,,"8,830.21","9,515.46"\n' +
        '02/03/2026,Customer Receipt,SI-1040,Clifton Interiors,Payment for SI-1040,"4,039.15",,"13,554.61"\n' +
        '03/03/2026,Other Payment,DD,Octopus Energy,Octopus Energy direct debit,,42.66,"13,511.95"\n' +
        '06/03/2026,Other Payment,DD,,Bristol Water direct debit,,25.26,"13,486.69"\n',
    );
    expect(s.rows.map((r) => [r.payee, r.description])).toEqual([
      [undefined, "Other Payment · Net wages - March 2026 · BACS"],
      ["Clifton Interiors", "Customer Receipt · Clifton Interiors · Payment for SI-1040"],
      ["Octopus Energy", "Other Payment · Octopus Energy direct debit · DD"],
      [undefined, "Other Payment · Bristol Water direct debit · DD"],
    ]);
  });
});

describe("exports from a twenty-sixth blind test (twenty-second session)", () => {
  const card = (footer: string, previous = '"1,000.00"') =>
    `SECURITY BANK CORPORATION\nCurrency,PHP\nPrevious Statement Balance,${previous}\n\nTransaction Date,Posting Date,Description,Amount\n` +
    '06/08/24,06/08/24,"NETFLIX.COM","720.00"\n06/15/24,06/17/24,"PAYMENT - THANK YOU","500.00 CR"\n06/20/24,06/20/24,"SM SUPERMARKET","1,280.00"\n\n' +
    footer + "\n";

  it("reads a card's balance after the rows as the one before them: unsigned, what is owed; CR, a credit balance", () => {
    for (const label of ["Total Statement Balance", "Statement Balance", "New Balance", "Closing Balance"]) {
      const s = parse(card(`${label},,,"2,500.00"`), { accountKind: "credit-card" });
      expect([label, s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual([label, "-1000.00", "-2500.00"]);
    }
    const credit = parse(card('Total Statement Balance,,,"1,000.00 CR"', '"2,500.00 CR"'), { accountKind: "credit-card" });
    expect([credit.openingBalance?.toString(), credit.closingBalance?.toString()]).toEqual(["2500.00", "1000.00"]);
  });

  it("reads no balance from a card's Total Amount Due (what is due is not the balance: a credit balance owes nothing)", () => {
    expect(parse(card('Total Amount Due,,,"2,500.00"'), { accountKind: "credit-card" }).closingBalance).toBeUndefined();
  });
});

describe("a card statement's bill under its rows", () => {
  it("skips what is due, by when, and the limit as summary lines, not rows (Security Bank's footer)", () => {
    const s = parse(
      'Statement Date,07/05/24\nCurrency,PHP\nPrevious Statement Balance,"31,874.55"\n\nDate,Description,Reference,Amount\n' +
        '06/08/24,SM SUPERMARKET,123,"1,250.00"\n06/10/24,PAYMENT THANK YOU,124,"25,000.00 CR"\n06/12/24,GRAB,125,350.00\n\n' +
        'Total Statement Balance,,,"8,474.55"\nMinimum Amount Due,,,"2,500.00"\nCredit Limit,,,"100,000.00"\nPayment Due Date,07/25/24\n',
      { accountKind: "credit-card" },
    );
    expect(amounts(s)).toEqual(["-1250.00", "25000.00", "-350.00"]);
    expect(s.closingBalance?.toString()).toBe("-8474.55");
    expect(s.skipped.filter((k) => k.reason === "summary").map((k) => k.sourceRow)).toEqual(expect.arrayContaining([11, 12]));
  });
});

describe("exports from the twenty-seventh blind CSV test (twenty-third session)", () => {
  it("reads the amount in the account's currency, and the operation's own currency beside it as the original amount's, not the row's (Oschadbank)", () => {
    const s = parse(
      'АТ "Ощадбанк"\nВалюта рахунку: UAH\n\n' +
        "Дата операції;Дата обробки;Опис операції;Сума операції;Валюта операції;Сума у валюті рахунку;Залишок після операції\n" +
        "03.11.2025 10:12:01;03.11.2025;СІЛЬПО КИЇВ;-422,55;UAH;-422,55;7 792,85\n" +
        "05.11.2025 21:40:13;05.11.2025;NETFLIX.COM;-9,99;USD;-415,78;7 377,07\n" +
        "07.11.2025 08:02:55;07.11.2025;Поповнення з картки іншого банку;2 000,00;UAH;2 000,00;9 377,07\n",
    );
    expect(amounts(s)).toEqual(["-422.55", "-415.78", "2000.00"]);
    expect(s.currency).toBe("UAH");
    expect(step(s, "column 5")?.decision).toBe("ignored");
  });

  it("reads income and spending in the account's currency, not the operation's amount in its own (Halyk), and balances in one-cell lines above and below", () => {
    const s = parse(
      '"Валюта счета: KZT"\n"Входящий остаток: 245 300,00"\n\n' +
        '"Дата проведения операции","Дата обработки операции","Описание операции","Сумма операции","Валюта операции","Приход в валюте счета","Расход в валюте счета","Комиссия"\n' +
        '"01.10.2025","01.10.2025","GLOVO KZ","-3 330,81","KZT","0,00","3 330,81","0,00"\n' +
        '"04.10.2025","04.10.2025","Входящий перевод","30 235,88","KZT","30 235,88","0,00","0,00"\n' +
        '"06.10.2025","07.10.2025","OZON.RU MOSCOW","-1 500,00","RUB","0,00","9 960,00","0,00"\n' +
        '\n"Итого обороты:","","","","","30 235,88","13 290,81","0,00"\n"Исходящий остаток: 262 245,07"\n',
    );
    expect(amounts(s)).toEqual(["-3330.81", "30235.88", "-9960.00"]);
    expect(s.currency).toBe("KZT");
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["245300.00", "262245.07"]);
  });

  it("skips a Spanish TOTALES line under the rows as a summary (Itaú Uruguay)", () => {
    const s = parse(
      "Moneda:;Pesos Uruguayos;;;;\nFecha;Concepto;Referencia;Débitos;Créditos;Saldo\n;SALDO ANTERIOR;;;;45.210,35\n" +
        "01/10/25;COMPRA DEBITO DISCO;;1.234,50;;43.975,85\n02/10/25;ACREDITACION SUELDO;1234567;;84.500,00;128.475,85\n" +
        ";SALDO FINAL;;;;128.475,85\n;TOTALES;;1.234,50;84.500,00;\n",
    );
    expect(amounts(s)).toEqual(["-1234.50", "84500.00"]);
    expect(s.skipped.find((k) => k.sourceRow === 7)?.reason).toBe("summary");
  });

  it("reads French 'Solde au DATE : X Créditeur' lines as the opening and closing balances, 'Débiteur' below zero (Amen Bank)", () => {
    const file = (open: string, close: string) =>
      `AMEN BANK\nDevise : TND\nSolde au 01/10/2025 : ${open}\n\nDate opération;Date valeur;Libellé;Débit;Crédit\n` +
      "02/10/2025;02/10/2025;PAIEMENT TPE MONOPRIX;45,250;\n06/10/2025;06/10/2025;VIR RECU SALAIRE;;2 875,400\n" +
      `Total des mouvements;;;45,250;2 875,400\nSolde au 31/10/2025 : ${close}\n`;
    const s = parse(file("3 456,789 Créditeur", "6 286,939 Créditeur"));
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["3456.789", "6286.939"]);
    const overdrawn = parse(file("1 000,000 Débiteur", "1 830,150 Créditeur"));
    expect([overdrawn.openingBalance?.toString(), overdrawn.closingBalance?.toString()]).toEqual(["-1000.000", "1830.150"]);
  });

  it("refuses a treasury export of several accounts by its accounts first, and says it mixes currencies too (Kyriba)", () => {
    const rows = [
      "BNP PARIBAS;FR7630004008180001234567890;EUR;03/11/2025;CUSTOMER RECEIPT;1500,00;101500,00",
      "JPMORGAN CHASE;US-021000021-735918264;USD;03/11/2025;INCOMING WIRE;2500,00;52500,00",
      "BNP PARIBAS;FR7630004008180001234567890;EUR;04/11/2025;BANK FEES;-12,00;101488,00",
      "JPMORGAN CHASE;US-021000021-735918264;USD;05/11/2025;OUTGOING WIRE;-700,00;51800,00",
    ];
    const message = parseError(`Bank;Account;Currency;Transaction date;Description;Amount;Balance\n${rows.join("\n")}\n`).message;
    expect(message).toMatch(/^the file holds rows of 2 accounts in its column "Account" \(.*\) and mixes currencies \(EUR, USD\); /);
  });
});

describe("twenty-fourth session (2026-12-07)", () => {
  /** A treasury report of account blocks, each with its own number, currency and balances, then its header and rows (KeyBank's KeyNavigator). */
  const blocks = (second: { account: string; currency: string }) =>
    '"Transaction Detail Report"\n"Company","CASCADE FIXTURE CO"\n\n' +
    '"Account Number","XXXXXX4471"\n"Account Name","OPERATING"\n"Currency","USD"\n"Opening Ledger Balance","$1,000.00"\n"Closing Ledger Balance","$1,010.00"\n' +
    '"As of Date","BAI Code","Type","Description","Amount"\n"04/01/2025","455","Debit","PUGET SOUND ENERGY","$10.00"\n"04/02/2025","165","Credit","BOEING CO","$20.00"\n\n' +
    `"Account Number","${second.account}"\n"Account Name","PAYROLL ZBA"\n"Currency","${second.currency}"\n"Opening Ledger Balance","$500.00"\n"Closing Ledger Balance","$495.00"\n` +
    '"As of Date","BAI Code","Type","Description","Amount"\n"04/03/2025","451","Debit","ADP PAYROLL","$5.00"\n\n"End of Report"\n';

  it("refuses a report of two account sections, each under its own account block and header, naming both accounts — in one currency or two", () => {
    const message =
      "the file holds rows of 2 accounts (XXXXXX4471: 2 rows, XXXXXX9902: 1 row), each in a section under a line naming it (lines 4 and 13) and the header again; " +
      "an import goes into one account — export each account on its own and upload one file per account";
    expect(parseError(blocks({ account: "XXXXXX9902", currency: "USD" })).message).toBe(message);
    expect(parseError(blocks({ account: "XXXXXX9902", currency: "CAD" })).message).toBe(message);
    // A card account's reading does not make a section headed by an account's own block a card.
    expect(parseError(blocks({ account: "XXXXXX9902", currency: "USD" }), { accountKind: "credit-card" }).message).toBe(message);
  });

  it("reads one account's sections as one: its page headers, its number masked or whole, and an account in a preamble repeated in a column", () => {
    // The same account's block again (a page header), masked once and whole once: one account.
    for (const account of ["XXXXXX4471", "0012034471"]) {
      const s = parse(blocks({ account, currency: "USD" }));
      expect(s.rows).toHaveLength(3);
      expect(s.warnings.filter((w) => /account/.test(w))).toEqual([]);
    }
    // A line of a date after the rows names no account.
    const dated = parse("Account 12345678\nDate,Description,Amount\n2026-03-02,RENT,-1200.00\nAccount summary as of 2026-03-31\nDate,Description,Amount\n2026-04-01,TESCO,-45.10\n");
    expect(dated.rows).toHaveLength(2);
    const column = parse("Account Number,12345678\n\nAccount Number,Date,Description,Amount\n12345678,2026-03-02,RENT,-1200.00\n12345678,2026-03-03,TESCO,-45.10\n");
    expect(column.rows).toHaveLength(2);
    expect(column.confidence).toBe("high");
  });

  it("reads the other party's accounts in a column as no account of the statement's", () => {
    for (const name of ["Counterparty account", "Beneficiary IBAN", "Gegenkonto", "Tegenrekening"]) {
      const s = parse(
        `Account,Date,Description,${name},Amount\n` +
          "DE89370400440532013000,2026-03-02,RENT,DE02120300000000202051,-1200.00\nDE89370400440532013000,2026-03-03,REFUND,GB29NWBK60161331926819,45.10\n",
      );
      expect(s.rows).toHaveLength(2);
      expect(s.confidence).toBe("high");
    }
  });
});

describe("twenty-fifth session (2026-12-07): Vietnamese Nợ / Có, a currency's label and local names in a preamble, Georgian column names", () => {
  it("reads Techcombank's Nợ (debit) and Có (credit), its opening and closing balance lines and its totals line", () => {
    const s = parse(
      "NGÂN HÀNG TMCP KỸ THƯƠNG VIỆT NAM (TECHCOMBANK)\nSố tài khoản:,19036812345017\nLoại tiền:,VND\nSố dư đầu kỳ:,\"14,286,000\"\n\n" +
        "STT,Ngày giao dịch,Số bút toán,Diễn giải,Nợ,Có,Số dư\n" +
        '1,01/08/2026,FT26423JMOY3,"THANH TOAN BACH HOA XANH","243,000",,"14,043,000"\n' +
        '2,04/08/2026,FT26425WEQLJ,"CONG TY TNHH FPT SOFTWARE TRA LUONG THANG",,"28,500,000","42,543,000"\n' +
        '3,08/08/2026,FT269768A55W,"LE MINH TUAN gop quy lop","1,760,000",,"40,783,000"\n' +
        ',,,Tổng phát sinh,"2,003,000","28,500,000",\nSố dư cuối kỳ:,"40,783,000"\n',
    );
    expect(amounts(s)).toEqual(["-243000", "28500000", "-1760000"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["14286000", "40783000", "VND"]);
    expect(step(s, "header row")?.evidence).toMatch(/debit \("Nợ"\), credit \("Có"\)/);
  });

  it("makes a file with only debits in its Nợ column money out", () => {
    const s = parse('Ngày giao dịch,Diễn giải,Nợ,Có,Số dư\n01/08/2026,A,"243,000",,"14,043,000"\n04/08/2026,B,"500,000",,"13,543,000"\n08/08/2026,C,"1,760,000",,"11,783,000"\n');
    expect(amounts(s)).toEqual(["-243000", "-500000", "-1760000"]);
  });

  it("tells Nợ and Có by their accents: an English 'No' (a row's number) or 'Co' names no money", () => {
    const s = parse("No,Date,Co,Description,Amount\n1,2026-03-02,ACME,RENT,-1200.00\n2,2026-03-03,ACME,REFUND,45.10\n3,2026-03-04,ACME,TESCO,-12.00\n");
    expect(amounts(s)).toEqual(["-1200.00", "45.10", "-12.00"]);
    expect(step(s, "header row")?.evidence ?? "").not.toMatch(/debit|credit/);
  });

  it("reads a currency's label in Hebrew, Georgian, Vietnamese, Thai, Russian and Arabic, with the currency's sign, code or local name, in one cell or two", () => {
    const table = "תאריך,תיאור,חובה,זכות,יתרה\n01/07/26,A,100.00,,900.00\n02/07/26,B,,50.00,950.00\n";
    for (const line of ["מטבע: ₪", "מטבע,₪", "מטבע: ILS", "מטבע: שקל חדש", 'מטבע: ש"ח', "מטבע,ש״ח"]) {
      expect(parse(`בנק לאומי\n${line}\n\n${table}`).currency, line).toBe("ILS");
    }
    const rows = "Date,Description,Amount\n2026-03-02,A,-12.00\n2026-03-03,B,45.10\n";
    const stated: [string, string][] = [
      ["ვალუტა: ₾", "GEL"], ["ვალუტა,ლარი", "GEL"], ["Loại tiền: VNĐ", "VND"], ["Tiền tệ,Đồng", "VND"], ["สกุลเงิน: บาท", "THB"],
      ["Валюта: ₸", "KZT"], ["Валюта: тенге", "KZT"], ["Валюта: ₮", "MNT"], ["العملة: ₪", "ILS"], ["Արժույթ: ֏", "AMD"],
    ];
    for (const [line, code] of stated) expect(parse(`${line}\n${rows}`).currency, line).toBe(code);
    // A local name without a currency's label states nothing: "Dong" is a name here.
    expect(parse(`Tên tài khoản:,DONG VAN AN\n${rows}`).currency).toBeUndefined();
  });

  it("reads Bank of Georgia's Georgian column names, and TBC's debit and credit", () => {
    const bog = parse(
      "თარიღი;საბუთის №;ოპერაციის აღწერა;თანხა;ვალუტა;ნაშთი\n31.08.2026;118274651;საკომისიო - ბარათის მომსახურება;-3.00;GEL;10355.30\n28.08.2026;552310982;გადახდა - Wolt Georgia;-24.50;GEL;10358.30\n",
    );
    expect(step(bog, "header row")?.decision).toBe("line 1");
    expect(step(bog, "header row")?.evidence).toBe('date ("თარიღი"), reference ("საბუთის №"), description ("ოპერაციის აღწერა"), amount ("თანხა"), currency ("ვალუტა"), balance ("ნაშთი")');
    expect(bog.currency).toBe("GEL");
    const tbc = parse("საწყისი ნაშთი: 100.00\nთარიღი,აღწერა,დებეტი,კრედიტი,ნაშთი\n2026-07-01,გადახდა,12.50,,87.50\n2026-07-02,ჩარიცხვა,,40.00,127.50\nსაბოლოო ნაშთი: 127.50\n");
    expect(amounts(tbc)).toEqual(["-12.50", "40.00"]);
    expect([tbc.openingBalance?.toString(), tbc.closingBalance?.toString()]).toEqual(["100.00", "127.50"]);
  });
});

describe("twenty-sixth session (2026-12-07): a third money column the balance proves, accounts one after another without a header, a foreign purchase's currency, a stamp on every memo, four-decimal amounts", () => {
  // Desjardins AccèsD: no header; caisse, folio, account, date, number, description, cheque,
  // withdrawal, deposit, interest, three loan columns, balance.
  const desjardins = (rows: string[][]) => rows.map((r) => r.join(",")).join("\r\n") + "\r\n";
  const row = (account: string, date: string, no: string, text: string, out: string, inn: string, interest: string, balance: string) =>
    [`"Plateau"`, `"045678"`, `"${account}"`, `"${date}"`, no, `"${text}"`, `""`, out || `""`, inn || `""`, interest || `""`, `""`, `""`, `""`, balance];
  const eop = [
    row("EOP", "2025/03/03", "00001", "Achat direct Interac /IGA", "42.10", "", "", "957.90"),
    row("EOP", "2025/03/05", "00002", "Paie /ACME", "", "1500.00", "", "2457.90"),
    row("EOP", "2025/03/10", "00003", "Retrait au GA", "100.00", "", "", "2357.90"),
    row("EOP", "2025/03/20", "00004", "Paiement facture /HYDRO", "87.43", "", "", "2270.47"),
    row("EOP", "2025/03/31", "00005", "Frais mensuels", "7.95", "", "", "2262.52"),
  ];

  it("takes money in a column not read when the row's own are empty and the running balance moves by it (Desjardins' Intérêt)", () => {
    const s = parse(desjardins([...eop, row("EOP", "2025/03/31", "00006", "Intérêt", "", "", "0.11", "2262.63")]));
    expect(amounts(s)).toEqual(["-42.10", "1500.00", "-100.00", "-87.43", "-7.95", "0.11"]);
    expect(s.closingBalance?.toString()).toBe("2262.63");
    expect(s.confidence).toBe("high");
    expect(step(s, "column 10")?.evidence).toBe("the running balance moves by exactly that (row 6: 2262.52 + 0.11 = 2262.63)");
    // Newest first: the row after it (the older one) proves it.
    const newest = parse(desjardins([row("EOP", "2025/03/31", "00006", "Intérêt", "", "", "0.11", "2262.63"), ...[...eop].reverse()]));
    expect(newest.rows.at(-1)?.amount.toString()).toBe("0.11");
    // Money out as well, when the balance goes down by it.
    const charge = parse(desjardins([...eop, row("EOP", "2025/03/31", "00006", "Intérêt débiteur", "", "", "1.20", "2261.32")]));
    expect(charge.rows.at(-1)?.amount.toString()).toBe("-1.20");
  });

  it("still refuses a dated row whose only money the running balance does not prove", () => {
    expect(parseError(desjardins([...eop, row("EOP", "2025/03/31", "00006", "Intérêt", "", "", "0.11", "2262.52")])).message).toBe(
      "row 6: there is a date but no amount (only column 10 holds money, and the running balance does not move by it)",
    );
  });

  it("refuses a headerless file of two accounts one after the other, naming them, and reads no row number as words", () => {
    const es1 = [
      row("ES1", "2025/03/06", "00001", "Virement entre folios /de 045678 EOP", "", "175.00", "", "2175.00"),
      row("ES1", "2025/03/07", "00002", "Virement entre folios /de 045678 EOP", "", "240.00", "", "2415.00"),
      row("ES1", "2025/03/31", "00003", "Intérêt", "", "", "1.84", "2416.84"),
    ];
    expect(parseError(desjardins([...eop, ...es1])).message).toBe(
      "the file holds rows of 2 accounts one after the other, named in column 3 (EOP: 5 rows, ES1: 3 rows): where it changes (row 6), the running balance starts over; " +
        "an import goes into one account — export each account on its own and upload one file per account",
    );
    // The number counting again from 00001 is a row's number, not its description.
    const columns = detectCsvLayout(desjardins([...eop, ...es1])).layout.columns;
    expect(columns.filter((c) => c.role === "description").map((c) => c.index)).toEqual([5]);
  });

  it("keeps a code column that changes where the balance goes on (a kind of row, not an account)", () => {
    const kinds = eop.map((r, i) => r.map((c, k) => (k === 2 ? (i % 2 ? "DEP" : "RET") : c)));
    expect(parse(desjardins(kinds)).rows).toHaveLength(5);
  });

  it("never takes a foreign purchase's currency for the statement's (Navy Federal's Instructed Currency, a currency column filled on one row)", () => {
    const head = "Posting Date,Transaction Date,Amount,Credit Debit Indicator,Reference,Instructed Currency,Currency Exchange Rate,Instructed Amount,Description\n";
    const lines = [
      "11/14/2025,11/14/2025,12.40,Debit,1,,,,COMMISSARY NORFOLK VA",
      "11/12/2025,11/10/2025,53.84,Debit,2,EUR,0.86420,46.53,RISTORANTE DA MARIO NAPOLI ITA",
      "11/03/2025,11/03/2025,1984.63,Credit,3,,,,DFAS-CLEVELAND NET PAY",
      "10/31/2025,10/31/2025,88.10,Debit,4,,,,DOMINION ENERGY BILLPAY",
      "10/30/2025,10/30/2025,7.25,Debit,5,,,,WAWA 8123",
    ];
    const s = parse(head + lines.join("\n") + "\n");
    expect(s.currency).toBeUndefined();
    expect(amounts(s)).toEqual(["-7.25", "-88.10", "1984.63", "-53.84", "-12.40"]);
    // Under a bare "Currency" too: filled on one row of five, it is no currency of the account's.
    const bare = parse("Date,Description,Amount,Currency\n2025-11-03,A,-12.40,\n2025-11-04,B,-53.84,EUR\n2025-11-05,C,1984.63,\n2025-11-06,D,-88.10,\n2025-11-07,E,-7.25,\n");
    expect(bare.currency).toBeUndefined();
    expect(bare.rows).toHaveLength(5);
    expect(step(bare, "column 4")?.evidence).toBe("header \"Currency\", filled on 1 of 5 rows with money: the currency of some rows' other amount, not the account's");
    // On every row it is the account's.
    expect(parse("Date,Description,Amount,Currency\n2025-11-03,A,-12.40,USD\n2025-11-04,B,-53.84,USD\n2025-11-05,C,1984.63,USD\n2025-11-06,D,-88.10,USD\n").currency).toBe("USD");
  });

  it("reads four-decimal amounts of zeros at the currency's decimals, and leaves the stamp every memo begins with out of the description (U.S. Bank)", () => {
    const s = parse(
      '"Date","Transaction","Name","Memo","Amount"\n' +
        '"2025-07-28","DEBIT","DEBIT PURCHASE -VISA TARGET T-1427 MINNEAPOLIS MN","Download from usbank.com. TARGET T-1427 MINNEAPOLIS MN","-121.0800"\n' +
        '"2025-07-25","FEE","ATM FEE NON-U.S. BANK ATM","Download from usbank.com. ATM FEE NON-U.S. BANK ATM","-4.0000"\n' +
        '"2025-07-24","CREDIT","ELECTRONIC DEPOSIT NORTHSTAR MEDIC PAYROLL","Download from usbank.com. ELECTRONIC DEPOSIT NORTHSTAR MEDIC PAYROLL","2318.7700"\n' +
        '"2025-07-22","CHECK","CHECK 2215","Download from usbank.com. CHECK 2215","-350.1900"\n' +
        '"2025-07-21","DEBIT","WEB AUTHORIZED PMT XCEL ENERGY-MN XCELENERGY","Download from usbank.com. XCEL ENERGY-MN XCELENERGY","-88.1234"\n',
    );
    expect(amounts(s)).toEqual(["-88.1234", "-350.19", "2318.77", "-4.00", "-121.08"]);
    expect(s.rows.map((r) => r.description)).toEqual([
      "WEB AUTHORIZED PMT XCEL ENERGY-MN XCELENERGY",
      "CHECK 2215",
      "ELECTRONIC DEPOSIT NORTHSTAR MEDIC PAYROLL",
      "ATM FEE NON-U.S. BANK ATM",
      "DEBIT PURCHASE -VISA TARGET T-1427 MINNEAPOLIS MN",
    ]);
    expect(step(s, "column 4")?.decision).toBe('description (without "Download from usbank.com.", which every value begins with)');
    // Three decimals stay as printed (a dinar's, or a reading in doubt).
    expect(amounts(parse("Date,Description,Amount\n2026-03-01,Rent,-1.500\n2026-03-02,Client,2.250\n"))).toEqual(["-1.500", "2.250"]);
  });
});

describe("twenty-sixth session (2026-12-07): a balance column that repeats the account's balance at the export on every row", () => {
  // KBC's CSV (newest first) prints the account's balance when the file was exported in "Saldo"
  // on every row. Taken as a running balance, every row contradicted it, the file was held for
  // review and an opening balance was invented from the first row.
  const kbc = [
    "Rekeningnummer;Rekeningnaam;Munt;Datum;Omschrijving;Bedrag;Saldo",
    "BE68 7340 1234 5678;KBC-Plus Rekening;EUR;29/04/2025;BETALING MET DEBETKAART COLRUYT;-78,24;8926,41",
    "BE68 7340 1234 5678;KBC-Plus Rekening;EUR;25/04/2025;OVERSCHRIJVING VAN ACME LOON;2876,90;8926,41",
    "BE68 7340 1234 5678;KBC-Plus Rekening;EUR;22/04/2025;BETALING MET DEBETKAART ALDI;-106,52;8926,41",
    "BE68 7340 1234 5678;KBC-Plus Rekening;EUR;21/04/2025;OVERSCHRIJVING NAAR IMMO VERHUUR BV;-614,70;8926,41",
    "",
  ].join("\r\n");

  it("reads it once, as the balance the file states without a date (the closing one), not as a running balance", () => {
    const s = parse(kbc);
    expect(amounts(s)).toEqual(["-614.70", "-106.52", "2876.90", "-78.24"]);
    expect(s.rows.every((r) => r.balance === undefined)).toBe(true);
    expect(s.closingBalance?.toString()).toBe("8926.41");
    expect(s.openingBalance).toBeUndefined();
    expect(s.confidence).toBe("high");
    expect(s.warnings).toEqual([]);
    expect(step(s, "column 7")?.decision).toBe("the account's balance at the export (decimal ',')");
  });

  it("any bank's: oldest first, in English, with a debit and a credit column", () => {
    const s = parse("Date,Description,Debit,Credit,Balance\n2026-03-02,Rent,1200.00,,5000.00\n2026-03-05,Salary,,3000.00,5000.00\n2026-03-09,Groceries,85.10,,5000.00\n");
    expect(amounts(s)).toEqual(["-1200.00", "3000.00", "-85.10"]);
    expect([s.closingBalance?.toString(), s.openingBalance, s.confidence]).toEqual(["5000.00", undefined, "high"]);
  });

  it("a balance that does not move because the amounts after the first are zero is still a running balance", () => {
    const text = "Date,Description,Amount,Balance\n2026-03-02,Deposit,100.00,500.00\n2026-03-05,Card check,0.00,500.00\n2026-03-09,Card check,0.00,500.00\n";
    expect(detectCsvLayout(text).layout.columns.find((c) => c.role === "balance")?.current).toBeUndefined();
    const s = parse(text);
    expect(s.rows.map((r) => r.balance?.toString())).toEqual(["500.00"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["400.00", "500.00"]);
  });
});
