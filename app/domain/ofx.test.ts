import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BatchFingerprints } from "./fingerprint.ts";
import { parseOfxAmount, parseOfxDate, parseOfxSgml, parseOfxStatement } from "./ofx.ts";
import { errorOf } from "./test-support.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

const HEADER = (charset = "1252", encoding = "USASCII") =>
  `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:${encoding}\nCHARSET:${charset}\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n`;

interface TxnSpec {
  type?: string;
  posted?: string;
  amount?: string;
  fitId?: string;
  extra?: string;
}

const stmttrn = ({ type = "DEBIT", posted = "20260105", amount = "-10.00", fitId = "F1", extra = "" }: TxnSpec) =>
  `<STMTTRN><TRNTYPE>${type}<DTPOSTED>${posted}<TRNAMT>${amount}<FITID>${fitId}${extra}</STMTTRN>\n`;

function bankSgml(txns: string, { ledger = "<LEDGERBAL><BALAMT>500.00<DTASOF>20260131</LEDGERBAL>", acct = "123456789", currency = "USD" } = {}) {
  return (
    `<STMTRS><CURDEF>${currency}<BANKACCTFROM><BANKID>111<ACCTID>${acct}<ACCTTYPE>CHECKING</BANKACCTFROM>\n` +
    `<BANKTRANLIST><DTSTART>20260101<DTEND>20260131\n${txns}</BANKTRANLIST>${ledger}</STMTRS>`
  );
}

const wrapBank = (...statements: string[]) =>
  `<OFX><BANKMSGSRSV1>${statements.map((s) => `<STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>${s}</STMTTRNRS>`).join("\n")}</BANKMSGSRSV1></OFX>`;

const parseSgmlFile = (txns: string, options?: Parameters<typeof bankSgml>[1]) => parseOfxStatement(utf8(HEADER() + wrapBank(bankSgml(txns, options))));


describe("parseOfxDate", () => {
  it.each([
    ["20260105", "2026-01-05"],
    ["20260105120000", "2026-01-05"],
    ["20260105120000.000", "2026-01-05"],
    ["20260105235959.000[-5:EST]", "2026-01-05"],
    ["20260105000000[+9:JST]", "2026-01-05"],
    ["20260105120000[0:GMT]", "2026-01-05"],
    // The zone written bare, as some banks do.
    ["20260105120000.000 GMT", "2026-01-05"],
    ["20260105120000 +0100", "2026-01-05"],
    ["20260105233000-05:00", "2026-01-05"],
  ])("reads %s as the date the bank states (%s), without a timezone shift", (text, iso) => {
    expect(parseOfxDate(text)).toBe(iso);
  });

  it.each(["2026-01-05", "20261305", "20260230", "202601", "yesterday", "--", "20260105 next day"])("rejects %s", (text) => {
    expect(parseOfxDate(text)).toBeNull();
  });
});

describe("parseOfxAmount", () => {
  it.each([
    ["-12.34", "-12.34"],
    ["+12.34", "12.34"],
    ["12", "12"],
    ["-.5", "-0.5"],
    ["-12,34", "-12.34"],
    [" 1500.00 ", "1500.00"],
  ])("reads %s", (text, value) => {
    expect(parseOfxAmount(text)?.toString()).toBe(value);
  });

  it.each(["", "abc", "1,234.56", "12.34.56", "$12.00", "--1"])("rejects %s", (text) => {
    expect(parseOfxAmount(text)).toBeNull();
  });
});

describe("parseOfxSgml", () => {
  it("nests aggregates and reads unclosed leaves", () => {
    const ofx = parseOfxSgml("<OFX><A><B>1<C>two words\n<D>3</D></A><E>5</OFX>");
    expect(ofx.children.map((c) => c.name)).toEqual(["A", "E"]);
    expect(ofx.children[0].children.map((c) => [c.name, c.text])).toEqual([
      ["B", "1"],
      ["C", "two words"],
      ["D", "3"],
    ]);
  });

  it("keeps an empty unclosed leaf from swallowing its siblings", () => {
    const ofx = parseOfxSgml("<OFX><STMTTRN><MEMO><NAME>X</STMTTRN><STMTTRN><MEMO>m</MEMO><NAME>Y</STMTTRN></OFX>");
    expect(ofx.children).toHaveLength(2);
    expect(ofx.children[0].children.map((c) => [c.name, c.text])).toEqual([
      ["MEMO", ""],
      ["NAME", "X"],
    ]);
  });

  it("keeps a statement's aggregates whole when the file leaves them unclosed: an unclosed STMTTRN ends at the next", () => {
    const ofx = parseOfxSgml("<OFX><BANKTRANLIST><DTSTART>1<STMTTRN><TRNAMT>-1<NAME>A<STMTTRN><TRNAMT>2<NAME>B</BANKTRANLIST><LEDGERBAL><BALAMT>5</OFX>");
    const list = ofx.children[0]!;
    expect(list.children.map((c) => c.name)).toEqual(["DTSTART", "STMTTRN", "STMTTRN"]);
    expect(list.children.slice(1).map((t) => t.children.map((c) => c.text))).toEqual([["-1", "A"], ["2", "B"]]);
    expect(ofx.children[1]!.children.map((c) => [c.name, c.text])).toEqual([["BALAMT", "5"]]);
  });

  it("decodes entities once and ignores stray close tags and comments", () => {
    const ofx = parseOfxSgml("<OFX><!-- note --><NAME>AT&amp;T &lt;1&gt; &#233;t&#xE9; &amp;#38; B&B</NAME></FOO><X>1</OFX>");
    expect(ofx.children.map((c) => [c.name, c.text])).toEqual([
      ["NAME", "AT&T <1> été &#38; B&B"],
      ["X", "1"],
    ]);
  });
});

describe("parseOfxStatement: OFX 1.x SGML", () => {
  it("lists a transaction of exactly 0.00 among the skipped lines, not as a row (a credit union's month-end DIVIDEND EARNED 0.00)", () => {
    const s = parseSgmlFile(
      stmttrn({ amount: "-39.06", fitId: "Z1", posted: "20260130", extra: "<NAME>ZELLE TO MCKENZIE T" }) +
        stmttrn({ type: "DIV", amount: "0.00", fitId: "D1", posted: "20260131", extra: "<NAME>DIVIDEND EARNED" }),
      { ledger: "<LEDGERBAL><BALAMT>500.00<DTASOF>20260131235959.000[-7:MST]</LEDGERBAL>" },
    );
    expect(s.rows.map((r) => [r.bankId, r.date, r.amount.toString()])).toEqual([["Z1", "2026-01-30", "-39.06"]]);
    expect(s.skipped).toEqual([{ sourceRow: 2, reason: "zero-amount", text: "0.00 on 2026-01-31 (TRNTYPE DIV), moves no money: DIVIDEND EARNED" }]);
    // It changes no balance: closing is LEDGERBAL, opening closing less the rows.
    expect(s.closingBalance?.toString()).toBe("500.00");
    expect(s.openingBalance?.toString()).toBe("539.06");
    expect(s.warnings).toEqual([]);
  });

  it("applies the bank's corrections: a REPLACE takes the place of the FITID it names, a DELETE takes it away and is no row", () => {
    const s = parseSgmlFile(
      stmttrn({ amount: "-185.40", fitId: "R1", extra: "<NAME>ROGERS" }) +
        stmttrn({ amount: "-200.00", fitId: "E1", posted: "20260106", extra: "<NAME>E-TRANSFER J. WONG" }) +
        stmttrn({ amount: "-50.00", fitId: "K1", posted: "20260107", extra: "<NAME>KEEP" }) +
        stmttrn({ amount: "-85.40", fitId: "R2", extra: "<NAME>ROGERS<CORRECTFITID>R1<CORRECTACTION>REPLACE" }) +
        stmttrn({ amount: "-200.00", fitId: "E2", posted: "20260106", extra: "<NAME>E-TRANSFER J. WONG<CORRECTFITID>E1<CORRECTACTION>DELETE" }),
    );
    expect(s.rows.map((r) => [r.bankId, r.amount.toString()])).toEqual([["R2", "-85.40"], ["K1", "-50.00"]]);
    expect(s.skipped.map((k) => k.text)).toEqual(["FITID R1 replaced by the bank (FITID R2)", "FITID E1 deleted by the bank (FITID E2)", "FITID E2 deletes FITID E1"]);
    expect(s.warnings).toEqual([]);
  });

  it("joins a NAME cut at 32 characters to the MEMO its text goes on in, where the file cuts its names so (Wells Fargo)", () => {
    const names = [
      ["PURCHASE AUTHORIZED ON 01/04 TRA", "DER JOE S #127 SAN JOSE CA"],
      ["PURCHASE AUTHORIZED ON 01/05 SHE", "LL OIL 57444521800 SUNNYVALE CA"],
      ["ZELLE FROM NGUYEN TOM ON 01/05 R", "EF # BAC021397339"],
      ["ATM WITHDRAWAL", "MAIN ST"],
    ];
    const s = parseSgmlFile(names.map(([name, memo], i) => stmttrn({ fitId: `W${i}`, extra: `<NAME>${name}<MEMO>${memo}` })).join(""));
    expect(s.rows.map((r) => r.description)).toEqual([
      "PURCHASE AUTHORIZED ON 01/04 TRADER JOE S #127 SAN JOSE CA",
      "PURCHASE AUTHORIZED ON 01/05 SHELL OIL 57444521800 SUNNYVALE CA",
      "ZELLE FROM NGUYEN TOM ON 01/05 REF # BAC021397339",
      "ATM WITHDRAWAL · MAIN ST",
    ]);
    // One name of 32 characters is no file's habit: kept apart.
    const one = parseSgmlFile(stmttrn({ fitId: "X", extra: "<NAME>STARBUCKS STORE 12345 SEATTLE WA<MEMO>Coffee" }));
    expect(one.rows[0]!.description).toBe("STARBUCKS STORE 12345 SEATTLE WA · Coffee");
  });

  it("says a MEMO alone where it repeats the NAME from its start, the NAME cut at 32 characters or not (Navy Federal)", () => {
    const names = [
      ["POS Debit- Debit Card 4821 Trans", "POS Debit- Debit Card 4821 Transaction 02-29-24 NEX NORFOLK NAVAL STATION NORFOLK VA"],
      ["Deposit - ACH Paid From DFAS-CLE", "Deposit - ACH Paid From DFAS-CLEVELAND MIL PAY"],
      // Compared case and white space aside.
      ["ATM WITHDRAWAL - NFCU ATM NORFOL", "ATM Withdrawal -  NFCU ATM NORFOLK NAVAL BASE VA"],
      ["Zelle Transfer Conf# 588x26965;", "Zelle Transfer Conf# 588x26965; Alvarez, Maria"],
      // A NAME cut mid-word whose MEMO goes on from it is still one text.
      ["PURCHASE AUTHORIZED ON 01/04 TRA", "DER JOE S #127 SAN JOSE CA"],
    ];
    const s = parseSgmlFile(names.map(([name, memo], i) => stmttrn({ fitId: `N${i}`, extra: `<NAME>${name}<MEMO>${memo}` })).join(""));
    expect(s.rows.map((r) => r.description)).toEqual([
      "POS Debit- Debit Card 4821 Transaction 02-29-24 NEX NORFOLK NAVAL STATION NORFOLK VA",
      "Deposit - ACH Paid From DFAS-CLEVELAND MIL PAY",
      "ATM Withdrawal - NFCU ATM NORFOLK NAVAL BASE VA",
      "Zelle Transfer Conf# 588x26965; Alvarez, Maria",
      "PURCHASE AUTHORIZED ON 01/04 TRADER JOE S #127 SAN JOSE CA",
    ]);
    // The NAME stays the row's payee.
    expect(s.rows[0]!.payee).toBe("POS Debit- Debit Card 4821 Trans");
  });

  it("warns about a correction of a transaction the file does not hold (an earlier download's)", () => {
    const s = parseSgmlFile(stmttrn({ fitId: "K1" }) + stmttrn({ amount: "-20.00", fitId: "D9", extra: "<CORRECTFITID>OLD7<CORRECTACTION>DELETE" }));
    expect(s.rows.map((r) => r.bankId)).toEqual(["K1"]);
    expect(s.warnings).toEqual(["transaction 2 (FITID D9) deletes FITID OLD7, which is not in this file: if an earlier import posted it, void that row"]);
  });

  it("leaves out a CHECKNUM a file fills on (nearly) every row, not on cheques alone: its document numbers (Banco do Brasil)", () => {
    const rows = [
      ["OTHER", "-54.95", "390204", "Tarifa Pacote de Serviços"],
      ["OTHER", "-38.71", "656370", "Juros Cheque Especial"],
      ["DEBIT", "-203.87", "262751", "Compra com Cartão - 04/03 13:13 DROGARIA SÃO PAULO"],
      ["CREDIT", "6423.10", "942852", "Proventos - SECRETARIA DA FAZENDA"],
      ["DEBIT", "-120.00", "417492", "Pix - Enviado - 12/03 20:31 Padaria Pão de Mel"],
      ["CHECK", "-850.00", "850123", "Cheque Compensado"],
    ];
    const s = parseSgmlFile(
      rows.map(([type, amount, doc, memo], i) => stmttrn({ type, amount, fitId: `B${i}`, extra: `<CHECKNUM>${doc}<REFNUM>${doc.slice(0, 3)}.${doc.slice(3)}<MEMO>${memo}` })).join(""),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "Tarifa Pacote de Serviços",
      "Juros Cheque Especial",
      "Compra com Cartão - 04/03 13:13 DROGARIA SÃO PAULO",
      "Proventos - SECRETARIA DA FAZENDA",
      "Pix - Enviado - 12/03 20:31 Padaria Pão de Mel",
      "Cheque Compensado · check 850123",
    ]);
    expect(s.explain.find((e) => e.step === "check numbers")).toEqual({
      step: "check numbers",
      decision: "CHECKNUM is the file's document number, left out of descriptions (a cheque's is kept)",
      evidence: "6 of 6 transactions carry one, 5 of them not cheques (TRNTYPE)",
    });
  });

  it("reads a bank statement: fields, signs, balances, period and explain", () => {
    const s = parseSgmlFile(
      stmttrn({ posted: "20260103120000.000[-5:EST]", amount: "-100.50", fitId: "A1", extra: "<NAME>ACME &amp; CO<MEMO>Invoice 7" }) +
        stmttrn({ type: "CHECK", posted: "20260110", amount: "-20", fitId: "A2", extra: "<CHECKNUM>1042<NAME>CHECK 1042<DTAVAIL>20260111" }) +
        stmttrn({ type: "CREDIT", posted: "20260120", amount: "+300.00", fitId: "A3", extra: "<PAYEE><NAME>Client Ltd<ADDR1>1 Main St</PAYEE><DTUSER>20260119" }),
    );
    expect(s.format).toBe("ofx");
    expect(s.rows.map((r) => [r.sourceRow, r.date, r.amount.toString(), r.payee, r.bankId])).toEqual([
      [1, "2026-01-03", "-100.50", "ACME & CO", "A1"],
      [2, "2026-01-10", "-20", "CHECK 1042", "A2"],
      [3, "2026-01-20", "300.00", "Client Ltd", "A3"],
    ]);
    expect(s.rows[0].description).toBe("ACME & CO · Invoice 7");
    expect(s.rows[1].description).toBe("CHECK 1042");
    // A cheque's number its name already says is not said again, in any language.
    const fr = parseSgmlFile(stmttrn({ type: "CHECK", amount: "-42.00", fitId: "C1", extra: "<CHECKNUM>8412345<NAME>CHEQUE 8412345" }) + stmttrn({ type: "CHECK", amount: "-9.00", fitId: "C2", extra: "<CHECKNUM>8412346<NAME>Paper check" }));
    expect(fr.rows.map((r) => r.description)).toEqual(["CHEQUE 8412345", "Paper check · check 8412346"]);
    // A CHECKNUM on a row that is no cheque (TRNTYPE, words) is a reference, after the words.
    const ach = parseSgmlFile(stmttrn({ type: "DEBIT", amount: "-42.00", fitId: "D1", extra: "<CHECKNUM>884120<NAME>ACH PAYMENT GAS CO" }) + stmttrn({ type: "DEBIT", amount: "-9.00", fitId: "D2", extra: "<CHECKNUM>1043<NAME>Check paid" }));
    expect(ach.rows.map((r) => r.description)).toEqual(["ACH PAYMENT GAS CO · 884120", "Check paid · check 1043"]);
    expect(s.rows[1].valueDate).toBe("2026-01-11");
    expect(s.currency).toBe("USD");
    expect(s.period).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    expect(s.closingBalance?.toString()).toBe("500.00");
    expect(s.openingBalance?.toString()).toBe("320.50");
    expect(s.confidence).toBe("high");
    expect(s.pending).toEqual([]);
    expect(s.explain.map((e) => e.step)).toEqual(
      expect.arrayContaining(["format", "encoding", "account type", "sign rule", "balances", "counts"]),
    );
    expect(s.explain.find((e) => e.step === "format")?.decision).toBe("OFX 1.02 (SGML)");
    expect(s.explain.find((e) => e.step === "balances")?.decision).toContain("opening = closing − sum of amounts");
  });

  it("decodes CHARSET:1252 bytes (£, accents, €)", () => {
    const body = wrapBank(bankSgml(stmttrn({ extra: "<NAME>CAF\xc9 LUMI\xc8RE<MEMO>\xa36.85 \x80" }), { currency: "GBP" }));
    const s = parseOfxStatement(latin1(HEADER("1252") + body));
    expect(s.rows[0].payee).toBe("CAFÉ LUMIÈRE");
    expect(s.rows[0].description).toBe("CAFÉ LUMIÈRE · £6.85 €");
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("Windows-1252");
  });

  it("reads ENCODING:UTF-8, and falls back to Windows-1252 with a warning when the bytes are not UTF-8", () => {
    const good = parseOfxStatement(utf8(HEADER("NONE", "UTF-8") + wrapBank(bankSgml(stmttrn({ extra: "<NAME>Zürich Café" })))));
    expect(good.rows[0].payee).toBe("Zürich Café");
    const bad = parseOfxStatement(latin1(HEADER("NONE", "UTF-8") + wrapBank(bankSgml(stmttrn({ extra: "<NAME>Z\xfcrich" })))));
    expect(bad.rows[0].payee).toBe("Zürich");
    expect(bad.warnings.join()).toContain("not valid UTF-8");
  });

  it("reads bytes that are valid UTF-8 as UTF-8 though the header declares CHARSET:1252, and says why", () => {
    const body = wrapBank(bankSgml(stmttrn({ extra: "<NAME>Posto Ipê Roxo<MEMO>Mercadinho Bom Preço, São Luís" })));
    const s = parseOfxStatement(utf8(HEADER("1252") + body));
    expect(s.rows[0].payee).toBe("Posto Ipê Roxo");
    expect(s.rows[0].description).toBe("Posto Ipê Roxo · Mercadinho Bom Preço, São Luís");
    const encoding = s.explain.find((e) => e.step === "encoding");
    expect(encoding?.decision).toBe("UTF-8");
    expect(encoding?.evidence).toMatch(/CHARSET:1252.*valid UTF-8 with 4 multi-byte characters/);
    // The same letters in Windows-1252 bytes are what the header says.
    const genuine = parseOfxStatement(latin1(HEADER("1252") + body));
    expect(genuine.rows[0].payee).toBe("Posto Ipê Roxo");
    expect(genuine.explain.find((e) => e.step === "encoding")?.decision).toBe("Windows-1252");
  });

  it("keeps a genuine Windows-1252 file in Windows-1252: its 0x92 apostrophes and accents are not UTF-8", () => {
    const s = parseOfxStatement(latin1(HEADER("1252") + wrapBank(bankSgml(stmttrn({ extra: "<NAME>SAINSBURY\x92S<MEMO>CAF\xc9 N\xc9RO \x96 \xa34.10" })))));
    expect(s.rows[0].payee).toBe("SAINSBURY’S");
    expect(s.rows[0].description).toBe("SAINSBURY’S · CAFÉ NÉRO – £4.10");
    expect(s.explain.find((e) => e.step === "encoding")).toEqual({ step: "encoding", decision: "Windows-1252", evidence: "ENCODING:USASCII, CHARSET:1252" });
    expect(s.warnings).toEqual([]);
  });

  it("reads a file with no CHARSET that is not UTF-8 by its letters, as a CSV is (Polish: Windows-1250)", () => {
    const body = wrapBank(bankSgml(stmttrn({ extra: "<NAME>ŻABKA Z3318 KRAKÓW<MEMO>TRANSAKCJA KARTĄ PŁATNICZĄ, SPÓŁDZIELNIA MIESZKANIOWA" }), { currency: "PLN" }));
    const s = parseOfxStatement(new Uint8Array(iconv.encode(HEADER("NONE") + body, "windows-1250")));
    expect(s.rows[0].description).toBe("ŻABKA Z3318 KRAKÓW · TRANSAKCJA KARTĄ PŁATNICZĄ, SPÓŁDZIELNIA MIESZKANIOWA");
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("Windows-1250");
  });

  it("reads ENCODING:UNICODE as UTF-8", () => {
    const s = parseOfxStatement(utf8(HEADER("NONE", "UNICODE") + wrapBank(bankSgml(stmttrn({ extra: "<NAME>Ĺódź Café" })))));
    expect(s.rows[0].payee).toBe("Ĺódź Café");
  });

  it("reads comma decimals in TRNAMT and BALAMT", () => {
    const s = parseSgmlFile(stmttrn({ amount: "-12,50" }), { ledger: "<LEDGERBAL><BALAMT>87,50<DTASOF>20260131</LEDGERBAL>" });
    expect(s.rows[0].amount.toString()).toBe("-12.50");
    expect(s.closingBalance?.toString()).toBe("87.50");
    expect(s.openingBalance?.toString()).toBe("100.00");
  });

  it("reads leaf tags that are closed, and CRLF files", () => {
    const txn = "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260105</DTPOSTED><TRNAMT>-4.50</TRNAMT><FITID>Z9</FITID><NAME>Tea</NAME></STMTTRN>";
    const s = parseOfxStatement(utf8((HEADER() + wrapBank(bankSgml(txn))).replaceAll("\n", "\r\n")));
    expect(s.rows.map((r) => [r.amount.toString(), r.payee, r.bankId])).toEqual([["-4.50", "Tea", "Z9"]]);
  });

  it("sorts rows by date, keeping the file's ordinals", () => {
    const s = parseSgmlFile(stmttrn({ posted: "20260120", fitId: "B" }) + stmttrn({ posted: "20260105", fitId: "A" }));
    expect(s.rows.map((r) => [r.sourceRow, r.bankId])).toEqual([
      [2, "A"],
      [1, "B"],
    ]);
  });

  it("does not use a ledger balance dated before the last transaction", () => {
    const s = parseSgmlFile(stmttrn({ posted: "20260125" }), { ledger: "<LEDGERBAL><BALAMT>10.00<DTASOF>20260120</LEDGERBAL>" });
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
    expect(s.warnings.join()).toContain("before the last transaction");
  });

  it("reads the rows of a file whose ledger balance has a placeholder for its date, without using the balance", () => {
    const s = parseSgmlFile(stmttrn({ posted: "20260125" }), { ledger: "<LEDGERBAL><BALAMT>10.00<DTASOF>--</LEDGERBAL>" });
    expect(s.rows).toHaveLength(1);
    expect(s.closingBalance).toBeUndefined();
    expect(s.warnings).toEqual(['the ledger balance (10.00) is dated "--", which is not a date, so it is not used as the closing balance and no opening balance is derived']);
  });

  it("takes DTUSER when DTPOSTED is missing, with a warning", () => {
    const txn = "<STMTTRN><TRNTYPE>DEBIT<DTUSER>20260107<TRNAMT>-1.00<FITID>U1</STMTTRN>";
    const s = parseSgmlFile(txn);
    expect(s.rows[0].date).toBe("2026-01-07");
    expect(s.warnings.join()).toContain("DTUSER");
  });

  it("names the entry in errors: bad amount, missing date, bad date", () => {
    const bad = errorOf(() => parseSgmlFile(stmttrn({ fitId: "OK" }) + stmttrn({ amount: "12.3.4", fitId: "X7" })));
    expect(bad.message).toBe('row 2: transaction 2 (FITID X7): TRNAMT "12.3.4" is not an amount');
    expect(bad.location).toEqual({ row: 2 });
    const noDate = errorOf(() => parseSgmlFile("<STMTTRN><TRNTYPE>DEBIT<TRNAMT>-1.00<FITID>N1</STMTTRN>"));
    expect(noDate.message).toBe("row 1: transaction 1 (FITID N1): no DTPOSTED date");
    const badDate = errorOf(() => parseSgmlFile(stmttrn({ posted: "20260231" })));
    expect(badDate.message).toContain('DTPOSTED "20260231" is not an OFX date');
    const noAmount = errorOf(() => parseSgmlFile("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260101<FITID>N2</STMTTRN>"));
    expect(noAmount.message).toContain("no TRNAMT amount");
  });

  it("reads unsigned files by TRNTYPE, with low confidence", () => {
    const s = parseSgmlFile(stmttrn({ type: "DEBIT", amount: "25.00", fitId: "D" }) + stmttrn({ type: "CREDIT", amount: "40.00", fitId: "C" }));
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-25.00", "40.00"]);
    expect(s.confidence).toBe("low");
    expect(s.warnings.join()).toContain("direction was taken from TRNTYPE");
  });
});

describe("parseOfxStatement: credit cards, OFX 2.x XML, QFX", () => {
  const xml = (statements: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n` +
    `<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20260430</DTSERVER><LANGUAGE>ENG</LANGUAGE><INTU.BID>2430</INTU.BID></SONRS></SIGNONMSGSRSV1>` +
    `<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>0</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>${statements}</CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>`;
  const card = (txns: string, ledger = "-200.00") =>
    `<CCSTMTRS><CURDEF>USD</CURDEF><CCACCTFROM><ACCTID>4111222233334444</ACCTID></CCACCTFROM><BANKTRANLIST><DTSTART>20260401</DTSTART><DTEND>20260430</DTEND>${txns}</BANKTRANLIST>` +
    `<LEDGERBAL><BALAMT>${ledger}</BALAMT><DTASOF>20260430</DTASOF></LEDGERBAL>` +
    `<BANKTRANLISTP><DTASOF>20260430</DTASOF><STMTTRNP><TRNTYPE>DEBIT</TRNTYPE><DTTRAN>20260429</DTTRAN><TRNAMT>-9.99</TRNAMT><FITID>P1</FITID><NAME>PENDING SHOP</NAME></STMTTRNP></BANKTRANLISTP></CCSTMTRS>`;
  const txn = (amount: string, fitId: string, name: string, type = "DEBIT") =>
    `<STMTTRN><TRNTYPE>${type}</TRNTYPE><DTPOSTED>20260410120000.000[-7:MST]</DTPOSTED><TRNAMT>${amount}</TRNAMT><FITID>${fitId}</FITID><NAME>${name}</NAME></STMTTRN>`;

  it("reads a file whose code page is in doubt (Czech in Mac Central European, declared UTF-8) with a warning and low confidence", () => {
    const names = ["Převod z účtu, platba kartou Česká spořitelna", "Nájemné kancelář, poplatek za vedení účtu", "Úhrada faktury Žďár nad Sázavou"];
    const text = xml(card(names.map((n, i) => txn("-10.00", `C${i}`, n)).join("")));
    const s = parseOfxStatement(new Uint8Array(iconv.encode(text, "maccenteuro")));
    expect(s.confidence).toBe("low");
    expect(s.warnings).toContainEqual(expect.stringMatching(/^the text's encoding is in doubt: as .+ the text may be garbled/));
    expect(parseOfxStatement(utf8(text)).confidence).toBe("high");
  });

  it("takes card amounts as signed (charges negative) and lists STMTTRNP as pending", () => {
    const s = parseOfxStatement(utf8(xml(card(txn("-250.00", "C1", "Airline &amp; Co") + txn("50.00", "C2", "PAYMENT", "PAYMENT")))), {
      accountKind: "credit-card",
    });
    expect(s.rows.map((r) => [r.amount.toString(), r.payee])).toEqual([
      ["-250.00", "Airline & Co"],
      ["50.00", "PAYMENT"],
    ]);
    expect(s.closingBalance?.toString()).toBe("-200.00");
    expect(s.openingBalance?.toString()).toBe("0.00");
    expect(s.pending.map((p) => [p.date, p.amount.toString(), p.bankId])).toEqual([["2026-04-29", "-9.99", "P1"]]);
    expect(s.explain.find((e) => e.step === "format")).toEqual({
      step: "format",
      decision: "OFX 2.2 (XML)",
      evidence: "QFX: Quicken's OFX with an INTU.BID",
    });
    expect(s.explain.find((e) => e.step === "account type")?.decision).toBe("credit card (CCSTMTRS)");
    expect(s.warnings).toEqual([]);
  });

  it("warns when the upload was marked as the other account kind", () => {
    const s = parseOfxStatement(utf8(xml(card(txn("-1.00", "C1", "X")))), { accountKind: "bank" });
    expect(s.warnings.join()).toContain("the file is a credit-card statement");
  });

  it("reads an 'OFX 2' file whose body is SGML-style, with a warning", () => {
    const text = `<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="200"?>` + wrapBank(bankSgml(stmttrn({})));
    const s = parseOfxStatement(utf8(text));
    expect(s.rows).toHaveLength(1);
    expect(s.warnings.join()).toContain("not well-formed XML");
  });

  it("refuses a DOCTYPE (no entity expansion)", () => {
    const text = `<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="200"?><!DOCTYPE OFX [<!ENTITY a "aaaaaaaaaa">]><OFX></OFX>`;
    expect(errorOf(() => parseOfxStatement(utf8(text))).message).toContain("DOCTYPE");
  });
});

describe("parseOfxStatement: tags that do not nest as OFX requires", () => {
  // Commonwealth Bank of Australia's card export closes <CCSTMTRS> with </STMTRS> and leaves
  // FITID empty on most rows (buckets/application#336, #378).
  const cba = (txns: string) =>
    utf8(
      HEADER() +
        `<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>` +
        `<CCSTMTRS><CURDEF>AUD<CCACCTFROM><ACCTID>5523123412341234</CCACCTFROM><BANKTRANLIST><DTSTART>20260301<DTEND>20260331\n${txns}</BANKTRANLIST>` +
        `<LEDGERBAL><BALAMT>-1234.56<DTASOF>20260331</LEDGERBAL></STMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>`,
    );

  it("reads a card statement closed by the wrong name, and keeps two identical rows with empty FITIDs as two", () => {
    const s = parseOfxStatement(
      cba(
        stmttrn({ posted: "20260302", amount: "-45.10", fitId: "", extra: "<NAME>WOOLWORTHS 1234 SYDNEY" }).repeat(2) +
          stmttrn({ type: "CREDIT", posted: "20260315", amount: "500.00", fitId: "20260315000001", extra: "<NAME>PAYMENT RECEIVED" }),
      ),
      { accountKind: "credit-card" },
    );
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.bankId ?? null])).toEqual([
      ["2026-03-02", "-45.10", null],
      ["2026-03-02", "-45.10", null],
      ["2026-03-15", "500.00", "20260315000001"],
    ]);
    expect(s.closingBalance?.toString()).toBe("-1234.56");
    expect(s.currency).toBe("AUD");
  });

  it("reads every document of a file that is several OFX files one after another (a download of several months)", () => {
    const march = HEADER() + wrapBank(bankSgml(stmttrn({ posted: "20260305", fitId: "M1" }), { ledger: "<LEDGERBAL><BALAMT>490.00<DTASOF>20260331</LEDGERBAL>" }));
    const april = HEADER() + wrapBank(bankSgml(stmttrn({ posted: "20260405", fitId: "A1", amount: "-20.00" }), { ledger: "<LEDGERBAL><BALAMT>470.00<DTASOF>20260430</LEDGERBAL>" }));
    const s = parseOfxStatement(utf8(`${march}\n${april}`));
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([
      ["2026-03-05", "-10.00"],
      ["2026-04-05", "-20.00"],
    ]);
    expect(s.closingBalance?.toString()).toBe("470.00");
    expect(s.openingBalance?.toString()).toBe("500.00");
    expect(s.explain.find((e) => e.step === "documents")?.decision).toBe("2 OFX documents one after another, read as one file");
    expect(s.warnings).toEqual([]);
  });

  it("refuses a file whose transactions stand outside its statement's transaction list, rather than drop them", () => {
    // A transaction after the statement, still inside <OFX>.
    const statement = wrapBank(`<STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST><DTSTART>20260101<DTEND>20260131</BANKTRANLIST></STMTRS>`);
    const stray = HEADER() + statement.replace(/<\/OFX>$/, `${stmttrn({})}</OFX>`);
    expect(errorOf(() => parseOfxStatement(utf8(stray))).message).toBe(
      "1 of the file's 1 transactions (STMTTRN) are not inside a statement's transaction list (BANKTRANLIST): its tags do not nest as OFX requires; download the statement again, or as CSV",
    );
  });
});

describe("parseOfxStatement: several statements and refusals", () => {
  it("combines statements of the same account and keeps repeated FITIDs once", () => {
    const first = bankSgml(stmttrn({ posted: "20260105", fitId: "A" }) + stmttrn({ posted: "20260110", fitId: "B" }), {
      ledger: "<LEDGERBAL><BALAMT>80.00<DTASOF>20260115</LEDGERBAL>",
    });
    const second = bankSgml(stmttrn({ posted: "20260110", fitId: "B" }) + stmttrn({ posted: "20260120", fitId: "C" }), {
      ledger: "<LEDGERBAL><BALAMT>70.00<DTASOF>20260131</LEDGERBAL>",
    });
    const s = parseOfxStatement(utf8(HEADER() + wrapBank(first, second)));
    expect(s.rows.map((r) => r.bankId)).toEqual(["A", "B", "C"]);
    expect(s.skipped).toEqual([{ sourceRow: 3, reason: "not-a-transaction", text: "FITID B repeats a transaction of an earlier statement" }]);
    expect(s.closingBalance?.toString()).toBe("70.00");
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.explain.find((e) => e.step === "statements")?.decision).toContain("2 statements for the same account");
  });

  it("keeps every transaction of one statement that shares a FITID (a fee with its purchase's), dropping only another statement's repeats", () => {
    const fee = (posted: string) =>
      stmttrn({ posted, fitId: "P1", amount: "-84.20" }) + stmttrn({ posted, fitId: "P1", amount: "-2.53" });
    const january = bankSgml(fee("20260110"), { ledger: "<LEDGERBAL><BALAMT>13.27<DTASOF>20260131</LEDGERBAL>" });
    // February's download repeats January's last days: the purchase and its fee again, then its own.
    const february = bankSgml(fee("20260110") + stmttrn({ posted: "20260205", fitId: "P1", amount: "84.20" }), {
      ledger: "<LEDGERBAL><BALAMT>97.47<DTASOF>20260228</LEDGERBAL>",
    });
    const s = parseOfxStatement(utf8(HEADER() + wrapBank(january, february)));
    expect(s.rows.map((r) => [r.date, r.amount.toString()])).toEqual([
      ["2026-01-10", "-84.20"],
      ["2026-01-10", "-2.53"],
      ["2026-02-05", "84.20"],
    ]);
    expect(s.skipped.map((k) => k.sourceRow)).toEqual([3, 4]);
    const one = parseOfxStatement(utf8(HEADER() + wrapBank(january)));
    expect(one.rows).toHaveLength(2);
  });

  it("keeps two transactions that share a FITID but differ, warning of it by rows; the ledger's fingerprints keep them apart", () => {
    const s = parseSgmlFile(
      stmttrn({ posted: "20261102", fitId: "A1", amount: "-84.30" }) +
        stmttrn({ posted: "20261107", fitId: "20261136732985", amount: "-79.24", extra: "<NAME>TARGET" }) +
        stmttrn({ posted: "20261109", fitId: "20261136732985", amount: "-44.40", extra: "<NAME>STARBUCKS" }),
      { ledger: "<LEDGERBAL><BALAMT>4577.80<DTASOF>20261130</LEDGERBAL>" },
    );
    expect(s.rows.map((r) => [r.bankId, r.amount.toString()])).toEqual([["A1", "-84.30"], ["20261136732985", "-79.24"], ["20261136732985", "-44.40"]]);
    expect(s.warnings).toEqual([
      "FITID 20261136732985 is given to two transactions with different amounts (rows 2 and 3: -79.24 on 2026-11-07, -44.40 on 2026-11-09): both kept",
    ]);
    // The worker's fingerprints (fingerprint.ts): the id with the date and amount, so both post.
    const fingerprints = new BatchFingerprints("00000000-0000-0000-0000-000000000001");
    expect(new Set(s.rows.map((r) => fingerprints.next(r))).size).toBe(3);
    // The opening worked back from LEDGERBAL agrees with the rows by construction: no doubt there.
    expect([s.openingDerived, s.openingBalance?.toString(), s.confidence]).toEqual([true, "4785.74", "high"]);

    // The same date and amount too: both kept (two equal payments, or one listed twice), said as such.
    const twice = parseSgmlFile(stmttrn({ fitId: "T1", amount: "-4.50" }) + stmttrn({ fitId: "T1", amount: "-4.50" }) + stmttrn({ fitId: "T1", amount: "-4.50", posted: "20260106" }));
    expect(twice.rows).toHaveLength(3);
    expect(twice.warnings).toEqual([
      "FITID T1 is given to 3 transactions with the same amount on different dates (rows 1, 2 and 3: -4.50 on 2026-01-05, -4.50 on 2026-01-05, -4.50 on 2026-01-06): all kept",
    ]);
    const fp = new BatchFingerprints("00000000-0000-0000-0000-000000000001");
    expect(new Set(twice.rows.map((r) => fp.next(r))).size).toBe(3);
    expect(parseSgmlFile(stmttrn({ fitId: "T1" }) + stmttrn({ fitId: "T1" })).warnings).toEqual([
      "FITID T1 is given to two transactions with the same date and amount (rows 1 and 2: -10.00 on 2026-01-05, -10.00 on 2026-01-05): both kept — if the bank listed one transaction twice, void one",
    ]);
    // Different words: two transactions (a FITID made of the date and amount), no advice to void one.
    expect(parseSgmlFile(stmttrn({ fitId: "T1", extra: "<MEMO>PIX ANA" }) + stmttrn({ fitId: "T1", extra: "<MEMO>PIX CANTINA" })).warnings).toEqual([
      "FITID T1 is given to two transactions with the same date and amount (rows 1 and 2: -10.00 on 2026-01-05, -10.00 on 2026-01-05): both kept",
    ]);
  });

  it("says once that a file's statements number their FITIDs anew, rather than once per FITID", () => {
    const month = (m: string, amounts: string[], balance: string) =>
      bankSgml(amounts.map((amount, i) => stmttrn({ posted: `2026${m}0${i + 1}`, fitId: `000000${i + 1}`, amount })).join(""), {
        ledger: `<LEDGERBAL><BALAMT>${balance}<DTASOF>2026${m}28</LEDGERBAL>`,
      });
    const s = parseOfxStatement(utf8(HEADER() + wrapBank(month("02", ["-1.00", "-2.00", "-3.00"], "94.00"), month("03", ["-4.00", "-5.00", "-6.00"], "79.00"))));
    expect(s.rows).toHaveLength(6);
    expect(s.warnings).toEqual([
      "3 FITIDs (0000001, 0000002, 0000003) are each given to transactions of different statements in the file, 6 in all, which differ in date or amount — the bank numbers its FITIDs anew in each statement: all kept",
    ]);
    // Within one statement, the first five are said one by one and the rest counted.
    const pairs = Array.from({ length: 7 }, (_, i) => stmttrn({ fitId: `P${i}`, amount: "-1.00" }) + stmttrn({ fitId: `P${i}`, amount: "-2.00" })).join("");
    const many = parseSgmlFile(pairs);
    expect(many.rows).toHaveLength(14);
    expect(many.warnings).toHaveLength(6);
    expect(many.warnings[0]).toBe("FITID P0 is given to two transactions with different amounts (rows 1 and 2: -1.00 on 2026-01-05, -2.00 on 2026-01-05): both kept");
    expect(many.warnings[5]).toBe("2 more FITIDs are each given to more than one transaction (P5, P6): all kept");
  });

  it("refuses statements of different accounts, naming them", () => {
    const error = errorOf(() =>
      parseOfxStatement(utf8(HEADER() + wrapBank(bankSgml(stmttrn({}), { acct: "5550001111" }), bankSgml(stmttrn({}), { acct: "5550002222" })))),
    );
    expect(error.message).toBe(
      "this OFX file holds statements for 2 accounts (checking account ending 1111, checking account ending 2222); " +
        "set the bank account's number on the account in Cashline (it picks that account's part of such a file), or upload each account's own statement",
    );
  });

  it("reads the one account whose number agrees with the one set on the account uploaded to (twenty-sixth session)", () => {
    const two = utf8(HEADER() + wrapBank(bankSgml(stmttrn({}), { acct: "5550001111" }), bankSgml(stmttrn({ amount: "-9.99" }), { acct: "5550002222" })));
    const s = parseOfxStatement(two, { accountNumber: "2222" });
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-9.99"]);
    expect(s.explain.find((e) => e.step === "account")?.decision).toBe("read the checking account ending 2222 only");
    expect(errorOf(() => parseOfxStatement(two, { accountNumber: "3333" })).message).toContain("none of their numbers agrees with the number set for the account this file was uploaded to (…3333)");
  });

  it("says what an OFX without a statement is", () => {
    const investment = `<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD</INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>`;
    expect(errorOf(() => parseOfxStatement(utf8(HEADER() + investment))).message).toContain("investment");
    const failed = `<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>15500<SEVERITY>ERROR<MESSAGE>Signon invalid</STATUS></SONRS></SIGNONMSGSRSV1></OFX>`;
    expect(errorOf(() => parseOfxStatement(utf8(HEADER() + failed))).message).toContain("error 15500 Signon invalid");
    expect(errorOf(() => parseOfxStatement(utf8(HEADER()))).message).toContain("no <OFX> element");
  });
});
