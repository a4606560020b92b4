import { describe, expect, it } from "vitest";
import type { ParsedStatement } from "../statement.ts";
import { errorOf } from "../test-support.ts";
import { readWholeNumber } from "./amounts.ts";
import { readStatementLines } from "./parse.ts";
import { pageOf, type Cell } from "./test-pages.ts";

const r = (x: number, text: string): Cell => [x, text, "right"];
const rowsOf = (s: ParsedStatement) => s.rows.map((row) => [row.date, row.amount.toString(), row.description, row.balance?.toString()]);
const refusal = (run: () => unknown): string => errorOf(run).message;

const HU_HEADER: Cell[] = [[36, "Könyvelés dátuma"], [180, "Megnevezés"], r(480, "Összeg"), r(560, "Egyenleg")];

/** An OTP-like forint statement: no decimals anywhere, the currency in its summary box. */
function forintStatement(summary: readonly Cell[][] = [[[36, "Nyitó egyenleg:"], r(240, "245 300 HUF")], [[36, "Záró egyenleg:"], r(240, "713 933 HUF")]]) {
  return pageOf([
    [[36, "Pannon Takarékbank Zrt."], r(560, "SZÁMLAKIVONAT")],
    [[36, "Időszak: 2026.03.01. - 2026.03.31."], r(560, "Kivonat sorszáma: 3/2026")],
    ...summary,
    HU_HEADER,
    [[180, "NYITÓ EGYENLEG"], r(560, "245 300")],
    [[36, "2026.03.02."], [180, "VÁSÁRLÁS KÁRTYÁVAL SPAR 1234"], r(480, "-12 500"), r(560, "232 800")],
    [[36, "2026.03.04."], [180, "TRANZAKCIÓS ILLETÉK"], r(480, "-600"), r(560, "232 200")],
    [[36, "2026.03.09."], [180, "ÁTUTALÁS JÓVÁÍRÁS MUNKABÉR 2026.03"], r(480, "481 733"), r(560, "713 933")],
    [[180, "ZÁRÓ EGYENLEG"], r(560, "713 933")],
    [[36, "Pannon Takarékbank Zrt. 1051 Budapest"], r(560, "1/1")],
  ]);
}

describe("statements in whole units", () => {
  it("reads a forint statement printed without decimals, its balances proved, and says so", () => {
    const s = readStatementLines([forintStatement()]);
    expect(rowsOf(s)).toEqual([
      ["2026-03-02", "-12500.00", "VÁSÁRLÁS KÁRTYÁVAL SPAR 1234", "232800.00"],
      ["2026-03-04", "-600.00", "TRANZAKCIÓS ILLETÉK", "232200.00"],
      ["2026-03-09", "481733.00", "ÁTUTALÁS JÓVÁÍRÁS MUNKABÉR 2026.03", "713933.00"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["245300.00", "713933.00", "HUF"]);
    expect(s.explain?.find((e) => e.step === "whole amounts")).toEqual({
      step: "whole amounts",
      decision: "HUF amounts are printed without decimals: read as whole HUF",
      evidence: '7 whole numbers in the table\'s money columns and no amount with decimals (e.g. "245 300")',
    });
    // What the user is shown of a line is what the statement printed.
    expect(s.skipped.map((k) => k.text)).toContain("Nyitó egyenleg: 245 300 HUF");
    expect(s.warnings).toEqual([]);
  });

  it("reads yen grouped with commas, the currency named in a header, and a year beside a balance label is no amount", () => {
    const page = pageOf([
      [[36, "Statement of Account (JPY)"]],
      [[36, "Closing balance as of March 31, 2026"], r(300, "¥1,204,330")],
      [[36, "Date"], [110, "Description"], r(380, "Withdrawals"), r(470, "Deposits"), r(560, "Balance")],
      [[36, "2026/03/02"], [110, "Balance brought forward"], r(560, "1,000,000")],
      [[36, "2026/03/05"], [110, "FURIKOMI YAMADA SHOJI"], r(470, "215,000")],
      [[36, "2026/03/10"], [110, "ATM SEVEN BANK"], r(380, "10,670"), r(560, "1,204,330")],
    ]);
    const s = readStatementLines([page]);
    expect(rowsOf(s)).toEqual([
      ["2026-03-05", "215000.00", "FURIKOMI YAMADA SHOJI", undefined],
      ["2026-03-10", "-10670.00", "ATM SEVEN BANK", "1204330.00"],
    ]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.currency]).toEqual(["1000000.00", "1204330.00", "JPY"]);
  });

  it("leaves a statement in a currency with minor units as it is: whole numbers there are not amounts", () => {
    const page = pageOf([
      [[36, "Account currency: EUR"]],
      [[36, "Date"], [110, "Description"], r(480, "Amount"), r(560, "Balance")],
      [[36, "02.03.2026"], [110, "Card payment"], r(480, "-12"), r(560, "988")],
      [[36, "04.03.2026"], [110, "Transfer"], r(480, "500"), r(560, "1.488")],
    ]);
    expect(refusal(() => readStatementLines([page]))).toMatch(/no transactions/i);
  });

  it("leaves a statement whose money columns hold one amount with decimals as it is (its whole numbers are not money)", () => {
    const page = forintStatement();
    const withDecimals = pageOf([
      [[36, "Számla devizaneme: HUF"]],
      HU_HEADER,
      [[36, "2026.03.02."], [180, "VÁSÁRLÁS"], r(480, "-12 500"), r(560, "232 800")],
      [[36, "2026.03.03."], [180, "KÁRTYADÍJ"], r(480, "-1 250,50"), r(560, "231 549,50")],
    ]);
    expect(readStatementLines([page]).rows).toHaveLength(3);
    const s = readStatementLines([withDecimals]);
    expect(rowsOf(s)).toEqual([["2026-03-03", "-1250.50", "KÁRTYADÍJ", "231549.50"]]);
  });

  it("does not read a page number standing alone under a money column, nor numbers grouped two ways", () => {
    const page = pageOf([
      [[36, "Számla devizaneme: HUF"]],
      HU_HEADER,
      [[36, "2026.03.02."], [180, "VÁSÁRLÁS"], r(480, "-12.500"), r(560, "232.800")],
      [r(560, "2")],
      [[36, "2026.03.03."], [180, "UTALÁS"], r(480, "1.500"), r(560, "234.300")],
    ]);
    const s = readStatementLines([page]);
    // The lone "2" stays text (it continues the row above, as any undated line without money).
    expect(s.rows.map((row) => [row.amount.toString(), row.balance?.toString()])).toEqual([
      ["-12500.00", "232800.00"],
      ["1500.00", "234300.00"],
    ]);
    expect(s.skipped).toEqual([]);
    const mixed = pageOf([
      [[36, "Számla devizaneme: HUF"]],
      HU_HEADER,
      [[36, "2026.03.02."], [180, "VÁSÁRLÁS"], r(480, "-12.500"), r(560, "232,800")],
    ]);
    expect(refusal(() => readStatementLines([mixed]))).toMatch(/no transactions/i);
  });
});

describe("Korean won", () => {
  /**
   * An NH NongHyup-like 거래내역조회, newest first: a row's number, its date and time in one cell, "0"
   * in the unused money column; the won named after the money columns' names (원 in brackets) or
   * after the amounts outside the table (the balance above it, the totals under it), or neither.
   */
  const nongHyup = (won: { inHeader: boolean; elsewhere: boolean }) =>
    pageOf([
      [[20, "NH농협은행"], [300, "거래내역조회"]],
      [[20, "조회기간"], [70, "2026.03.01 ~ 2026.03.31"]],
      [[20, "현재잔액"], [70, won.elsewhere ? "988,000원" : "988,000"]],
      [[20, "순번"], [40, "거래일시"], ...(["출금금액", "입금금액", "거래후잔액"].map((name, k): Cell => r([200, 260, 330][k]!, won.inHeader ? `${name}(원)` : name))), [340, "거래내용"], [390, "거래기록사항"], [480, "거래점"], [540, "거래메모"]],
      [[20, "1"], [40, "2026/03/03 10:11:12"], r(200, "12,000"), r(260, "0"), r(330, "988,000"), [340, "체크카드"], [390, "GS25 역삼점"], [480, "NH카드"]],
      [[20, "2"], [40, "2026/03/02 09:01:12"], r(200, "0"), r(260, "500,000"), r(330, "1,000,000"), [340, "급여"], [390, "(주)한빛소프트"], [480, "기업"]],
      [[20, "3"], [40, "2026/03/01 07:12:02"], r(200, "30,000"), r(260, "0"), r(330, "500,000"), [340, "자동이체"], [390, "SK텔레콤"], [480, "본점"]],
      [],
      [[20, `총 입금 1건 ${won.elsewhere ? "500,000원" : "500,000"}`], [250, `총 출금 2건 ${won.elsewhere ? "42,000원" : "42,000"}`]],
    ]);

  it("reads a Korean statement in whole won: the won named after the columns' names, row numbers no amounts, a 0 in the unused column no amount", () => {
    const s = readStatementLines([nongHyup({ inHeader: true, elsewhere: false })]);
    expect(rowsOf(s)).toEqual([
      ["2026-03-01", "-30000.00", "자동이체 SK텔레콤 본점", "500000.00"],
      ["2026-03-02", "500000.00", "급여 (주)한빛소프트 기업", "1000000.00"],
      ["2026-03-03", "-12000.00", "체크카드 GS25 역삼점 NH카드", "988000.00"],
    ]);
    expect([s.currency, s.closingBalance?.toString(), s.confidence]).toEqual(["KRW", "988000.00", "high"]);
    expect(s.explain?.find((e) => e.step === "whole amounts")?.evidence).toMatch(/^9 whole numbers in the table's money columns .*\(e\.g\. "12,000"\)$/);
  });

  it("takes the won from amounts printed with 원 when the headers do not name it, and reads nothing in whole units where no currency is named", () => {
    const s = readStatementLines([nongHyup({ inHeader: false, elsewhere: true })]);
    expect([s.rows.length, s.currency]).toEqual([3, "KRW"]);
    expect(refusal(() => readStatementLines([nongHyup({ inHeader: false, elsewhere: false })]))).toMatch(/no transactions/i);
  });
});

describe("Chilean pesos, named as pesos or printed with $", () => {
  /** A Bci-like cartola: pesos grouped with dots, no decimals, a document number beside the amounts. */
  const cartola = (top: readonly Cell[][]) =>
    pageOf([
      [[30, "Bci"], r(620, "CARTOLA DE CUENTA CORRIENTE")],
      [r(520, "CARTOLA N° 3 DESDE: 01/03/2026"), r(620, "HASTA: 31/03/2026")],
      ...top,
      [[33, "FECHA"], [68, "SUCURSAL"], [134, "DESCRIPCIÓN"], [352, "N° DOCTO"], r(470, "CARGOS"), r(540, "ABONOS"), r(620, "SALDO DIARIO")],
      [[33, "02/03"], [68, "PROVIDENCIA"], [134, "DEPOSITO EN EFECTIVO"], [352, "6011105"], r(540, "319.638")],
      [[33, "02/03"], [68, "INTERNET"], [134, "TRANSF. A 71.535.205-6 ANDINOS"], [352, "147274173"], r(470, "274.793"), r(620, "8.085.816")],
      [[33, "12/03"], [68, "MAIPU"], [134, "CHEQUE PAGADO POR CAJA"], [352, "8776773"], r(470, "1.226.941"), r(620, "6.858.875")],
      [[134, "TOTALES"], r(470, "1.501.734"), r(540, "319.638")],
    ]);

  it("reads a cartola whose currency is named PESOS in whole pesos, CLP: the document numbers and the RUT in a description are no amounts", () => {
    const s = readStatementLines([cartola([[[30, "RUT"], [140, "76.543.210-K"]], [[30, "MONEDA"], [140, "PESOS"]]])]);
    expect(rowsOf(s)).toEqual([
      ["2026-03-02", "319638.00", "PROVIDENCIA DEPOSITO EN EFECTIVO 6011105", undefined],
      ["2026-03-02", "-274793.00", "INTERNET TRANSF. A 71.535.205-6 ANDINOS 147274173", "8085816.00"],
      ["2026-03-12", "-1226941.00", "MAIPU CHEQUE PAGADO POR CAJA 8776773", "6858875.00"],
    ]);
    expect([s.currency, s.openingBalance?.toString(), s.closingBalance?.toString(), s.confidence]).toEqual(["CLP", "8040971.00", "6858875.00", "high"]);
    expect(s.explain?.find((e) => e.step === "currency")?.evidence).toMatch(/^"MONEDA PESOS", on a Chilean statement/);
  });

  it("reads a Chilean statement that prints its amounts with $ in whole pesos, and leaves pesos of no known country as they are", () => {
    const dollar = readStatementLines([cartola([[[56, "SALDO INICIAL"], r(240, "$ 8.040.971")]])]);
    expect([dollar.rows.length, dollar.currency, dollar.openingBalance?.toString()]).toEqual([3, "CLP", "8040971.00"]);
    // Without the cartola's own marks, "pesos" says no one currency: nothing is read in whole units.
    const unknown = pageOf([
      [[30, "MONEDA"], [140, "PESOS"]],
      [[33, "FECHA"], [134, "DESCRIPCIÓN"], r(470, "CARGOS"), r(540, "ABONOS"), r(620, "SALDO")],
      [[33, "02/03/2026"], [134, "DEPOSITO EN EFECTIVO"], r(540, "319.638"), r(620, "1.319.638")],
    ]);
    expect(refusal(() => readStatementLines([unknown]))).toMatch(/no transactions/i);
  });
});

describe("readWholeNumber", () => {
  it.each([
    ["-12 500", { grouping: " " }],
    ["245 300 HUF", { grouping: " ", currency: "HUF" }],
    ["¥1,204,330", { grouping: ",", currency: "JPY" }],
    ["₩35,000", { grouping: ",", currency: "KRW" }],
    ["1.250 Ft", { grouping: ".", currency: "HUF" }],
    ["(600)", {}],
    ["12 500-", { grouping: " " }],
    ["2026", {}],
  ])("%s is a whole number", (text, expected) => {
    expect(readWholeNumber(text)).toEqual(expected);
  });

  it.each(["2026.03.05.", "3/2026", "1 2345", "12,500.00", "-12 500 CR-", "INV 1200", "1/1", "12.34.567"])("%s is not", (text) => {
    expect(readWholeNumber(text)).toBeNull();
  });
});

describe("twenty-fifth session (2026-12-07): guaraníes and the other currencies without minor units", () => {
  /**
   * An Itaú Paraguay-like extracto de cuenta corriente: guaraníes grouped with dots, no decimals
   * (a grouped "1.000.000" is a whole number and nothing else), a voucher number (Comprobante)
   * beside the amounts, the currency named above the table in one of the ways Paraguayan banks do.
   */
  const extracto = (currency: readonly Cell[][], amounts: (text: string) => string = (t) => t, header = ["Débito", "Crédito", "Saldo"]) =>
    pageOf([
      [[36, "Banco Itaú Paraguay S.A."], r(560, "EXTRACTO DE CUENTA CORRIENTE")],
      ...currency,
      [[36, "Período: 01/09/2025 al 30/09/2025"]],
      [[36, "Fecha"], [100, "Concepto"], [270, "Comprobante"], r(410, header[0]!), r(495, header[1]!), r(580, header[2]!)],
      [[100, "SALDO ANTERIOR"], r(580, amounts("2.000.000"))],
      [[36, "01/09/2025"], [100, "COMPRA TARJ. DEBITO BIGGIE"], [270, "8969463"], r(410, amounts("446.000"))],
      [[36, "02/09/2025"], [100, "TRANSF. SIPAP RECIBIDA"], [270, "7745101"], r(495, amounts("5.282.000")), r(580, amounts("6.836.000"))],
      [[36, "04/09/2025"], [100, "EXTRACCION ATM INFONET"], [270, "1617933"], r(410, amounts("1.000.000")), r(580, amounts("5.836.000"))],
      [[36, "SALDO ACTUAL"], r(580, amounts("5.836.000"))],
    ]);
  const read = (page: ReturnType<typeof extracto>) => {
    const s = readStatementLines([page]);
    return [rowsOf(s), s.currency, s.openingBalance?.toString(), s.closingBalance?.toString()];
  };
  const expected = [
    [
      ["2025-09-01", "-446000.00", "COMPRA TARJ. DEBITO BIGGIE 8969463", undefined],
      ["2025-09-02", "5282000.00", "TRANSF. SIPAP RECIBIDA 7745101", "6836000.00"],
      ["2025-09-04", "-1000000.00", "EXTRACCION ATM INFONET 1617933", "5836000.00"],
    ],
    "PYG",
    "2000000.00",
    "5836000.00",
  ];

  it("reads guaraníes printed without decimals, the currency named in Spanish (\"Moneda: GUARANIES\", \"Guaraníes\")", () => {
    expect(read(extracto([[[36, "Moneda: GUARANIES"]]]))).toEqual(expected);
    expect(read(extracto([[[36, "Moneda:"], [120, "Guaraníes"]]]))).toEqual(expected);
    const s = readStatementLines([extracto([[[36, "Moneda: GUARANIES"]]])]);
    expect(s.explain?.find((e) => e.step === "whole amounts")?.decision).toBe("PYG amounts are printed without decimals: read as whole PYG");
  });

  it("reads them with the currency named by its code, by \"Gs.\" or ₲, and grouped with commas", () => {
    expect(read(extracto([[[36, "Moneda: PYG"]]]))).toEqual(expected);
    expect(read(extracto([[[36, "Moneda: Gs."]]]))).toEqual(expected);
    expect(read(extracto([], (t) => t, ["Débito (Gs.)", "Crédito (Gs.)", "Saldo (Gs.)"]))).toEqual(expected);
    expect(read(extracto([], (t) => `₲ ${t}`))).toEqual(expected);
    expect(read(extracto([], (t) => `Gs. ${t}`))).toEqual(expected);
    expect(read(extracto([[[36, "Moneda: GUARANIES"]]], (t) => t.replace(/\./g, ",")))).toEqual(expected);
  });

  it("reads the other currencies ISO 4217 gives no minor unit to, named by their code or name (Ugandan shillings, CFA francs, rupiah)", () => {
    for (const [named, code] of [["Account currency: UGX", "UGX"], ["Account currency: XOF", "XOF"], ["Currency: Uganda Shillings", "UGX"], ["Mata uang: Rupiah", "IDR"]]) {
      const page = pageOf([
        [[36, named!]],
        [[36, "Date"], [110, "Description"], r(400, "Debit"), r(480, "Credit"), r(560, "Balance")],
        [[36, "02/03/2026"], [110, "Mobile money transfer"], r(400, "125,000"), r(560, "1,875,000")],
        [[36, "04/03/2026"], [110, "Salary"], r(480, "2,400,000"), r(560, "4,275,000")],
      ]);
      const s = readStatementLines([page]);
      expect([s.rows.map((row) => row.amount.toString()), s.currency]).toEqual([["-125000.00", "2400000.00"], code]);
    }
  });

  it("leaves the same table as it is where the currency has two decimals: \"446.000\" is no amount in dollars", () => {
    expect(refusal(() => readStatementLines([extracto([[[36, "Moneda: USD"]]])]))).toMatch(/no transactions/i);
    expect(refusal(() => readStatementLines([extracto([[[36, "Moneda: DOLARES AMERICANOS"]]])]))).toMatch(/no transactions/i);
    expect(refusal(() => readStatementLines([extracto([])]))).toMatch(/no transactions/i);
  });

  it.each([
    ["Gs. 446.000", { grouping: ".", currency: "PYG" }],
    ["5.282.000 Gs.", { grouping: ".", currency: "PYG" }],
    ["₲ 1.000.000", { grouping: ".", currency: "PYG" }],
    ["-₲321.463", { grouping: ".", currency: "PYG" }],
    ["1.250.000 ₫", { grouping: ".", currency: "VND" }],
    ["Rp 1.250.000", { grouping: ".", currency: "IDR" }],
  ])("%s is a whole number in its currency", (text, expected) => {
    expect(readWholeNumber(text)).toEqual(expected);
  });
});
