import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CAMT052_MESSAGE, CAMT054_MESSAGE, parseCamtStatement } from "./camt.ts";
import { parseStatementFile } from "./parse.ts";
import { errorOf, zipArchive } from "./test-support.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);


const doc = (body: string, version = "camt.053.001.02") =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:${version}"><BkToCstmrStmt>` +
  `<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-31T20:00:00</CreDtTm></GrpHdr>${body}</BkToCstmrStmt></Document>`;

const bal = (code: string, amount: string, indicator = "CRDT", date = "2026-03-01") =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

const stmt = (entries: string, { id = "S1", iban = "DE44500105175407324931", from = "2026-03-01", to = "2026-03-31", balances = bal("OPBD", "100.00") + bal("CLBD", "90.00", "CRDT", to) } = {}) =>
  `<Stmt><Id>${id}</Id><FrToDt><FrDtTm>${from}T00:00:00</FrDtTm><ToDtTm>${to}T23:59:59</ToDtTm></FrToDt>` +
  `<Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${balances}${entries}</Stmt>`;

interface EntrySpec {
  amount?: string;
  indicator?: string;
  status?: string;
  booked?: string;
  value?: string;
  refs?: string;
  details?: string[];
  extra?: string;
}

const ntry = ({ amount = "10.00", indicator = "DBIT", status = "<Sts>BOOK</Sts>", booked = "<BookgDt><Dt>2026-03-02</Dt></BookgDt>", value = "<ValDt><Dt>2026-03-03</Dt></ValDt>", refs = "<AcctSvcrRef>REF1</AcctSvcrRef>", details = [], extra = "" }: EntrySpec) =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd>${status}${booked}${value}${refs}` +
  (details.length > 0 ? `<NtryDtls>${details.map((d) => `<TxDtls>${d}</TxDtls>`).join("")}</NtryDtls>` : "") +
  `${extra}</Ntry>`;

const parse = (xml: string) => parseCamtStatement(utf8(xml));

describe("a CAMT.053 whose code page is in doubt", () => {
  it("is read with a warning and low confidence (Czech in Mac Central European, declared UTF-8)", () => {
    const words = ["Převod z účtu, platba kartou Česká spořitelna", "Nájemné kancelář, poplatek za vedení účtu", "Úhrada faktury Žďár nad Sázavou"];
    const xml = doc(stmt(words.map((w, i) => ntry({ refs: `<AcctSvcrRef>R${i}</AcctSvcrRef>`, extra: `<AddtlNtryInf>${w}</AddtlNtryInf>` })).join(""), { balances: bal("OPBD", "100.00") + bal("CLBD", "70.00", "CRDT", "2026-03-31") }));
    const s = parseCamtStatement(new Uint8Array(iconv.encode(xml, "maccenteuro")));
    expect(s.confidence).toBe("low");
    expect(s.warnings).toContainEqual(expect.stringMatching(/^the text's encoding is in doubt: as .+ the text may be garbled/));
    expect(parse(xml).confidence).toBe("high");
  });
});

describe("parseCamtStatement: entries", () => {
  it("lists a booked entry of exactly 0.00 among the skipped lines, not as a row; a pending one stays pending", () => {
    const s = parse(
      doc(
        stmt(
          ntry({}) +
            ntry({ amount: "0.00", indicator: "CRDT", booked: "<BookgDt><Dt>2026-03-31</Dt></BookgDt>", refs: "<AcctSvcrRef>REF2</AcctSvcrRef>", extra: "<AddtlNtryInf>Habenzinsen</AddtlNtryInf>" }) +
            ntry({ amount: "0.00", status: "<Sts>PDNG</Sts>", refs: "<AcctSvcrRef>REF3</AcctSvcrRef>", extra: "<AddtlNtryInf>Kartenprüfung</AddtlNtryInf>" }),
        ),
      ),
    );
    expect(s.rows.map((r) => [r.bankId, r.amount.toString()])).toEqual([["REF1", "-10.00"]]);
    expect(s.skipped).toEqual([{ sourceRow: 2, reason: "zero-amount", text: "0.00 on 2026-03-31, moves no money: Habenzinsen" }]);
    expect(s.pending.map((r) => r.bankId)).toEqual(["REF3"]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["100.00", "90.00"]);
    expect(s.warnings).toEqual([]);
  });

  it("reads a booked debit: sign, dates, reference, counterparty, remittance, balances, period", () => {
    const s = parse(
      doc(
        stmt(
          ntry({
            details: [
              "<Refs><EndToEndId>E2E-1</EndToEndId></Refs><RltdPties><Dbtr><Nm>Us GmbH</Nm></Dbtr><Cdtr><Nm>Vermieter &amp; Co</Nm></Cdtr></RltdPties>" +
                "<RmtInf><Ustrd>Miete März</Ustrd><Ustrd>Büro 3.OG</Ustrd></RmtInf>",
            ],
            extra: "<AddtlNtryInf>SEPA-Überweisung</AddtlNtryInf>",
          }),
        ),
      ),
    );
    expect(s.format).toBe("camt053");
    expect(s.rows).toEqual([
      {
        sourceRow: 1,
        date: "2026-03-02",
        valueDate: "2026-03-03",
        amount: expect.anything(),
        description: "Vermieter & Co · Miete März Büro 3.OG · SEPA-Überweisung",
        payee: "Vermieter & Co",
        currency: "EUR",
        bankId: "REF1",
      },
    ]);
    expect(s.rows[0].amount.toString()).toBe("-10.00");
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.closingBalance?.toString()).toBe("90.00");
    expect(s.currency).toBe("EUR");
    expect(s.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(s.confidence).toBe("high");
    expect(s.explain.find((e) => e.step === "format")?.decision).toBe("CAMT.053.001.02");
  });

  it("leaves out an AddtlNtryInf whose words the party's name and the remittance text say already, in whatever order (SEB)", () => {
    const entry = (ref: string, creditor: string, remittance: string, additional: string) =>
      ntry({
        refs: `<AcctSvcrRef>${ref}</AcctSvcrRef>`,
        details: [`<RltdPties><Cdtr><Pty><Nm>${creditor}</Nm></Pty></Cdtr></RltdPties><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf>`],
        extra: `<AddtlNtryInf>${additional}</AddtlNtryInf>`,
      });
    const s = parse(
      doc(
        stmt(
          entry("R1", "Rigas udens SIA", "Rēķins Nr. 2974782", "Rēķins Nr. 2974782 Rigas udens SIA") +
            entry("R2", "NARVESEN 117", "Pirkums", "Pirkums NARVESEN 117") +
            // Punctuation and case aside.
            entry("R3", "Latvenergo AS", "Rēķins Nr. 0867512", "RĒĶINS NR 0867512, LATVENERGO AS") +
            // A word of its own: kept.
            entry("R4", "Balta AAS", "Rēķins Nr. 3427523", "Rēķins Nr. 3427523 Balta AAS apdrošināšana"),
          { balances: bal("OPBD", "100.00") + bal("CLBD", "60.00", "CRDT", "2026-03-31") },
        ),
        "camt.053.001.08",
      ),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "Rigas udens SIA · Rēķins Nr. 2974782",
      "NARVESEN 117 · Pirkums",
      "Latvenergo AS · Rēķins Nr. 0867512",
      "Balta AAS · Rēķins Nr. 3427523 · Rēķins Nr. 3427523 Balta AAS apdrošināšana",
    ]);
    expect(s.explain.map((e) => e.step)).toEqual(expect.arrayContaining(["format", "encoding", "account", "sign rule", "balances", "counts"]));
  });

  it("takes the debtor as payee of a credit", () => {
    const s = parse(
      doc(stmt(ntry({ indicator: "CRDT", details: ["<RltdPties><Dbtr><Nm>Kunde AG</Nm></Dbtr><Cdtr><Nm>Us GmbH</Nm></Cdtr></RltdPties>"] }))),
    );
    expect(s.rows[0].amount.toString()).toBe("10.00");
    expect(s.rows[0].payee).toBe("Kunde AG");
  });

  it("reads v08: Sts/Cd, DtTm dates as stated, Pty-wrapped parties, structured references", () => {
    const s = parse(
      doc(
        stmt(
          ntry({
            status: "<Sts><Cd>BOOK</Cd></Sts>",
            booked: "<BookgDt><DtTm>2026-03-02T23:30:00.000-05:00</DtTm></BookgDt>",
            value: "<ValDt><DtTm>2026-03-03T00:00:00+01:00</DtTm></ValDt>",
            details: [
              "<RltdPties><Cdtr><Pty><Nm>Société Électrique SA</Nm></Pty></Cdtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>210000000003139471430009017</Ref></CdtrRefInf></Strd></RmtInf>",
            ],
          }),
        ),
        "camt.053.001.08",
      ),
    );
    expect(s.rows[0].date).toBe("2026-03-02");
    expect(s.rows[0].valueDate).toBe("2026-03-03");
    expect(s.rows[0].payee).toBe("Société Électrique SA");
    expect(s.rows[0].description).toBe("Société Électrique SA · 210000000003139471430009017");
    expect(s.explain.find((e) => e.step === "format")?.decision).toBe("CAMT.053.001.08");
  });

  it("takes a summary that counts the booked entries only (not the pending ones listed) as agreeing; another count is warned about", () => {
    const summary = (n: number) => `<TxsSummry><TtlNtries><NbOfNtries>${n}</NbOfNtries></TtlNtries></TxsSummry>`;
    const entries = ntry({ amount: "10.00" }) + ntry({ status: "<Sts>PDNG</Sts>", booked: "", refs: "<NtryRef>P1</NtryRef>" });
    const balances = bal("OPBD", "100.00") + bal("CLBD", "90.00", "CRDT", "2026-03-31");
    expect(parse(doc(stmt(summary(1) + entries, { balances }))).warnings).toEqual([]);
    expect(parse(doc(stmt(summary(2) + entries, { balances }))).warnings).toEqual([]);
    expect(parse(doc(stmt(summary(3) + entries, { balances }))).warnings).toEqual(["statement S1 says it has 3 entries (TxsSummry) but lists 2"]);
  });

  it("lists PDNG and FUTR entries as pending (by value date) and skips INFO", () => {
    const s = parse(
      doc(
        stmt(
          ntry({}) +
            ntry({ status: "<Sts>PDNG</Sts>", booked: "", refs: "<NtryRef>P1</NtryRef>" }) +
            ntry({ status: "<Sts><Cd>FUTR</Cd></Sts>", booked: "", refs: "" }) +
            ntry({ status: "<Sts>INFO</Sts>", extra: "<AddtlNtryInf>Hinweis</AddtlNtryInf>" }),
        ),
      ),
    );
    expect(s.rows).toHaveLength(1);
    expect(s.pending.map((p) => [p.sourceRow, p.date, p.bankId])).toEqual([
      [2, "2026-03-03", "P1"],
      [3, "2026-03-03", undefined],
    ]);
    expect(s.skipped).toEqual([{ sourceRow: 4, reason: "not-a-transaction", text: "INFO entry: Hinweis" }]);
  });

  it("picks bankId: AcctSvcrRef, else NtryRef, else the single TxDtls EndToEndId", () => {
    const e2e = (id: string) => `<Refs><EndToEndId>${id}</EndToEndId></Refs>`;
    const s = parse(
      doc(
        stmt(
          ntry({ refs: "<NtryRef>N1</NtryRef><AcctSvcrRef>A1</AcctSvcrRef>" }) +
            ntry({ refs: "<NtryRef>N2</NtryRef>" }) +
            ntry({ refs: "", details: [e2e("E3")] }) +
            ntry({ refs: "", details: [e2e("NOTPROVIDED")] }) +
            ntry({ refs: "", amount: "20.00", details: [e2e("E5a"), e2e("E5b")] }),
        ),
      ),
    );
    expect(s.rows.map((r) => r.bankId)).toEqual(["A1", "N2", "E3", undefined, undefined]);
  });

  it("keeps a batch entry as one row with its details joined", () => {
    const detail = (name: string, text: string) => `<RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf>`;
    const s = parse(
      doc(
        stmt(
          ntry({
            amount: "300.00",
            indicator: "CRDT",
            details: [detail("A GmbH", "Rg 1"), detail("B KG", "Rg 2"), detail("C AG", "Rg 3")],
            extra: "<AddtlNtryInf>SEPA Sammler</AddtlNtryInf>",
          }),
        ),
      ),
    );
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0].amount.toString()).toBe("300.00");
    expect(s.rows[0].payee).toBeUndefined();
    expect(s.rows[0].description).toBe("SEPA Sammler · 3 transactions: A GmbH: Rg 1; B KG: Rg 2; C AG: Rg 3");
    expect(s.explain.find((e) => e.step === "counts")?.evidence).toContain("1 batch entry kept as one row");
  });

  it("says a cheque's number (Refs/ChqNb) after its words, as the QIF reader does, so that cheques of the same words are told apart", () => {
    const cheque = (number: string) => `<Refs><AcctSvcrRef>X</AcctSvcrRef><ChqNb>${number}</ChqNb></Refs>`;
    const s = parse(
      doc(
        stmt(
          ntry({ refs: "<AcctSvcrRef>C1</AcctSvcrRef>", details: [cheque("10482")], extra: "<AddtlNtryInf>CHECK PAID</AddtlNtryInf>" }) +
            ntry({ refs: "<AcctSvcrRef>C2</AcctSvcrRef>", details: [cheque("10485")], extra: "<AddtlNtryInf>CHECK PAID</AddtlNtryInf>" }) +
            // Words that already hold the number say it once.
            ntry({ refs: "<AcctSvcrRef>C3</AcctSvcrRef>", details: [cheque("10490")], extra: "<AddtlNtryInf>CHECK 10490 PAID</AddtlNtryInf>" }) +
            ntry({
              amount: "30.00",
              indicator: "CRDT",
              refs: "<AcctSvcrRef>C4</AcctSvcrRef>",
              details: [`${cheque("311")}<RltdPties><Dbtr><Nm>A GmbH</Nm></Dbtr></RltdPties>`, `${cheque("312")}<RltdPties><Dbtr><Nm>B KG</Nm></Dbtr></RltdPties>`],
              extra: "<AddtlNtryInf>SCHECKEINREICHUNG</AddtlNtryInf>",
            }),
          { balances: bal("OPBD", "100.00") + bal("CLBD", "100.00", "CRDT", "2026-03-31") },
        ),
      ),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "CHECK PAID · #10482",
      "CHECK PAID · #10485",
      "CHECK 10490 PAID",
      "SCHECKEINREICHUNG · 2 transactions: A GmbH: #311; B KG: #312",
    ]);
  });

  it("marks a detail that runs against its batch (a returned debit netted into a collection) with its signed amount", () => {
    const detail = (name: string, amount: string, indicator: string, text: string, currency = "EUR") =>
      `<Amt Ccy="${currency}">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>${name}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf>`;
    const s = parse(
      doc(
        stmt(
          ntry({
            amount: "54.00",
            indicator: "CRDT",
            refs: "<AcctSvcrRef>B1</AcctSvcrRef>",
            details: [detail("Anke Brinkmann", "120.00", "CRDT", "Beitrag Maerz"), detail("Petra Lindemann", "96.00", "DBIT", "RUECKLASTSCHRIFT Beitrag Februar"), detail("Jörg Wessel", "30.00", "CRDT", "Beitrag Maerz")],
            extra: "<AddtlNtryInf>SAMMLER-GUTSCHRIFT</AddtlNtryInf>",
          }) +
            // Every detail one way and the entry the other (a reversed batch): nothing to mark.
            ntry({
              amount: "50.00",
              indicator: "DBIT",
              refs: "<AcctSvcrRef>B2</AcctSvcrRef>",
              details: [detail("C AG", "20.00", "CRDT", "Rg 1"), detail("D AG", "30.00", "CRDT", "Rg 2")],
              extra: "<AddtlNtryInf>STORNO SAMMLER</AddtlNtryInf>",
            }) +
            // A detail's amount in another currency than the entry's names it.
            ntry({
              amount: "80.00",
              indicator: "DBIT",
              refs: "<AcctSvcrRef>B3</AcctSvcrRef>",
              details: [detail("E Ltd", "100.00", "DBIT", "Inv 7"), detail("F Inc", "21.50", "CRDT", "Credit note 2", "USD")],
              extra: "<AddtlNtryInf>SAMMELAUFTRAG</AddtlNtryInf>",
            }),
          { balances: bal("OPBD", "100.00") + bal("CLBD", "24.00", "CRDT", "2026-03-31") },
        ),
        "camt.053.001.08",
      ),
    );
    expect(s.rows.map((r) => [r.amount.toString(), r.description])).toEqual([
      ["54.00", "SAMMLER-GUTSCHRIFT · 3 transactions: Anke Brinkmann: Beitrag Maerz; Petra Lindemann: -96.00 RUECKLASTSCHRIFT Beitrag Februar; Jörg Wessel: Beitrag Maerz"],
      ["-50.00", "STORNO SAMMLER · 2 transactions: C AG: Rg 1; D AG: Rg 2"],
      ["-80.00", "SAMMELAUFTRAG · 2 transactions: E Ltd: Inv 7; F Inc: +21.50 USD Credit note 2"],
    ]);
  });

  it("books a reversal with the sign CdtDbtInd gives, noting it, and keeps the original's counterparty", () => {
    const s = parse(
      doc(stmt(ntry({ indicator: "CRDT", extra: "<RvslInd>true</RvslInd>", details: ["<RltdPties><Cdtr><Nm>Lieferant GmbH</Nm></Cdtr></RltdPties>"] }))),
    );
    expect(s.rows[0].amount.toString()).toBe("10.00");
    expect(s.rows[0].payee).toBe("Lieferant GmbH");
    expect(s.rows[0].description).toBe("Reversal · Lieferant GmbH");
  });

  it("reads DBIT balances as negative and PRCD as the opening when there is no OPBD", () => {
    const s = parse(doc(stmt(ntry({}), { balances: bal("PRCD", "50.00", "DBIT") + bal("CLBD", "60.00", "DBIT") })));
    expect(s.openingBalance?.toString()).toBe("-50.00");
    expect(s.closingBalance?.toString()).toBe("-60.00");
    expect(s.explain.find((e) => e.step === "balances")?.decision).toContain("PRCD");
  });

  it("decodes the encoding the XML declaration names", () => {
    const xml = doc(stmt(ntry({ details: ["<RltdPties><Cdtr><Nm>M\xfcller</Nm></Cdtr></RltdPties>"] }))).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const s = parseCamtStatement(new Uint8Array(Buffer.from(xml, "latin1")));
    expect(s.rows[0].payee).toBe("Müller");
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("ISO-8859-1");
  });

  it("accepts prefixed namespaces", () => {
    const xml = doc(stmt(ntry({})))
      .replace(/<(\/?)(\w+)/g, "<$1camt:$2")
      .replace('xmlns="', 'xmlns:camt="');
    expect(parse(xml).rows).toHaveLength(1);
  });

  it("names the entry in errors", () => {
    const badAmount = errorOf(() => parse(doc(stmt(ntry({}) + ntry({ amount: "-5.00", refs: "<AcctSvcrRef>X2</AcctSvcrRef>" })))));
    expect(badAmount.message).toBe('row 2: entry 2 (X2): Amt "-5.00" is not an ISO 20022 amount');
    expect(badAmount.location).toEqual({ row: 2 });
    expect(errorOf(() => parse(doc(stmt(ntry({ indicator: "" }))))).message).toContain("no CdtDbtInd");
    expect(errorOf(() => parse(doc(stmt(ntry({ booked: "" }))))).message).toBe("row 1: entry 1 (REF1): no booking date (BookgDt)");
    expect(errorOf(() => parse(doc(stmt(ntry({ booked: "<BookgDt><Dt>2026-02-30</Dt></BookgDt>" }))))).message).toContain("is not a date");
    expect(errorOf(() => parse(doc(stmt(ntry({ status: "<Sts>WHAT</Sts>" }))))).message).toContain('Sts "WHAT"');
  });
});

describe("parseCamtStatement: several statements and other messages", () => {
  const day = (n: number, opening: string, closing: string, entries: string) =>
    stmt(entries, {
      id: `D${n}`,
      from: `2026-03-0${n}`,
      to: `2026-03-0${n}`,
      balances: bal("PRCD", opening, "CRDT", `2026-03-0${n}`) + bal("CLBD", closing, "CRDT", `2026-03-0${n}`),
    });

  it("combines consecutive statements of one account, in date order", () => {
    const s = parse(
      doc(
        day(3, "90.00", "85.00", ntry({ amount: "5.00", booked: "<BookgDt><Dt>2026-03-03</Dt></BookgDt>", refs: "<AcctSvcrRef>C</AcctSvcrRef>" })) +
          day(2, "100.00", "90.00", ntry({ refs: "<AcctSvcrRef>B</AcctSvcrRef>" })),
      ),
    );
    expect(s.rows.map((r) => r.bankId)).toEqual(["B", "C"]);
    expect(s.openingBalance?.toString()).toBe("100.00");
    expect(s.closingBalance?.toString()).toBe("85.00");
    expect(s.period).toEqual({ from: "2026-03-02", to: "2026-03-03" });
    expect(s.explain.find((e) => e.step === "statements")?.decision).toBe("2 consecutive statements for the same account, combined");
  });

  const page = (number: number, last: boolean, balances: string, entries: string, summary = "", from = "2026-03-02", to = "2026-03-06") =>
    stmt(entries, { id: "W10", from, to, balances })
      .replace("<FrToDt>", `<StmtPgntn><PgNb>${number}</PgNb><LastPgInd>${last}</LastPgInd></StmtPgntn><FrToDt>`)
      .replace("</Acct>", `</Acct>${summary}`);
  const booked = (day: number, amount: string, ref: string, indicator = "DBIT") =>
    ntry({ amount, indicator, booked: `<BookgDt><Dt>2026-03-0${day}</Dt></BookgDt>`, value: "", refs: `<AcctSvcrRef>${ref}</AcctSvcrRef>` });

  it("reads a statement printed on several Stmt pages (StmtPgntn, the same Id, an interim balance between) as one statement", () => {
    const s = parse(
      doc(
        page(1, false, bal("PRCD", "100.00", "CRDT", "2026-02-27") + bal("ITBD", "80.00", "CRDT", "2026-03-03"), booked(2, "15.00", "A") + booked(3, "5.00", "B")) +
          // The last page also counts the whole statement's entries, as some banks do.
          page(2, true, bal("ITBD", "80.00", "CRDT", "2026-03-03") + bal("CLBD", "110.00", "CRDT", "2026-03-06"), booked(5, "30.00", "C", "CRDT"), "<TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries></TtlNtries></TxsSummry>"),
      ),
    );
    expect(s.rows.map((r) => [r.bankId, r.date, r.amount.toString()])).toEqual([["A", "2026-03-02", "-15.00"], ["B", "2026-03-03", "-5.00"], ["C", "2026-03-05", "30.00"]]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["100.00", "110.00"]);
    expect(s.period).toEqual({ from: "2026-03-02", to: "2026-03-06" });
    expect(s.warnings).toEqual([]);
    expect(s.explain.find((e) => e.step === "pages")).toEqual({
      step: "pages",
      decision: "statement W10: 2 pages (StmtPgntn 1–2) of the same account, read as one statement",
      evidence: "page 2 opens with the ITBD 80.00 of 2026-03-03 page 1 ended with",
    });
    expect(s.explain.find((e) => e.step === "balances")?.decision).toBe("opening = PRCD balance of 2026-02-27, closing = CLBD balance of 2026-03-06");

    // A bank that gives every day's statement the same Id: a second page 1 begins the next statement.
    const days = parse(
      doc(
        page(1, false, bal("OPBD", "100.00") + bal("ITBD", "90.00", "CRDT", "2026-03-02"), booked(2, "10.00", "A"), "", "2026-03-02", "2026-03-02") +
          page(2, true, bal("ITBD", "90.00", "CRDT", "2026-03-02") + bal("CLBD", "85.00", "CRDT", "2026-03-02"), booked(2, "5.00", "B"), "", "2026-03-02", "2026-03-02") +
          page(1, false, bal("OPBD", "85.00") + bal("ITBD", "80.00", "CRDT", "2026-03-03"), booked(3, "5.00", "C"), "", "2026-03-03", "2026-03-03") +
          page(2, true, bal("ITBD", "80.00", "CRDT", "2026-03-03") + bal("CLBD", "70.00", "CRDT", "2026-03-03"), booked(3, "10.00", "D"), "", "2026-03-03", "2026-03-03"),
      ),
    );
    expect(days.rows.map((r) => r.bankId)).toEqual(["A", "B", "C", "D"]);
    expect([days.openingBalance?.toString(), days.closingBalance?.toString(), days.warnings]).toEqual(["100.00", "70.00", []]);
    expect(days.explain.find((e) => e.step === "statements")?.decision).toBe("2 consecutive statements for the same account, combined");
  });

  it("reads a statement whose closing balance contradicts its opening and entries with low confidence, saying where and by how much", () => {
    // OPBD 100.00, two debits of 10.00, CLBD stated 90.00: 10.00 unaccounted for.
    const s = parse(doc(stmt(ntry({}) + ntry({ refs: "<AcctSvcrRef>REF2</AcctSvcrRef>" }))));
    expect(s.rows).toHaveLength(2);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["100.00", "90.00"]);
    const said = "statement S1: the closing balance CLBD 90.00 does not equal the opening balance OPBD 100.00 + its 2 booked entries (entries 1–2) -20.00 (= 80.00); the difference is 10.00";
    expect(s.warnings).toEqual([`${said}: an entry may be missing, doubled or misread`]);
    expect(s.confidence).toBe("low");
    expect(s.explain.filter((e) => e.step === "balances").at(-1)).toEqual({
      step: "balances",
      decision: "the entries contradict the file's own balances: a person confirms the reading",
      evidence: said,
    });
    expect(parse(doc(stmt(ntry({})))).confidence).toBe("high");

    // A page's own interim balances too, named as the page (its pages still follow on).
    const first = page(1, false, bal("OPBD", "100.00") + bal("ITBD", "80.00", "CRDT", "2026-03-03"), booked(2, "10.00", "A"));
    const last = page(2, true, bal("ITBD", "80.00", "CRDT", "2026-03-03") + bal("CLBD", "110.00", "CRDT", "2026-03-06"), booked(5, "30.00", "C", "CRDT"));
    const paged = parse(doc(first + last));
    expect(paged.warnings).toEqual([
      "page 1 of statement W10: the closing balance ITBD 80.00 does not equal the opening balance OPBD 100.00 + its 1 booked entry (entry 1) -10.00 (= 90.00); the difference is -10.00: an entry may be missing, doubled or misread",
    ]);
    expect(paged.confidence).toBe("low");
  });

  it("refuses the pages of a statement with a page missing, a page twice, or a page that does not follow on, naming the page", () => {
    const first = page(1, false, bal("OPBD", "100.00") + bal("ITBD", "80.00", "CRDT", "2026-03-03"), booked(2, "20.00", "A"));
    const middle = page(2, false, bal("ITBD", "80.00", "CRDT", "2026-03-03") + bal("ITBD", "70.00", "CRDT", "2026-03-04"), booked(4, "10.00", "B"));
    const last = page(3, true, bal("ITBD", "70.00", "CRDT", "2026-03-04") + bal("CLBD", "100.00", "CRDT", "2026-03-06"), booked(5, "30.00", "C", "CRDT"));
    expect(parse(doc(last + first + middle)).closingBalance?.toString()).toBe("100.00");
    // The last pages not in the file: read, with a warning, and no closing balance.
    const cut = parse(doc(first + middle));
    expect([cut.rows.length, cut.closingBalance, cut.warnings]).toEqual([
      2,
      undefined,
      ["the file ends statement W10 with its page 2, which says more pages follow (LastPgInd false): the rows of those are missing"],
    ]);
    expect(errorOf(() => parse(doc(first + last))).message).toBe("page 2 of statement W10 is missing from the file: its pages 1 and 3 do not follow on");
    expect(errorOf(() => parse(doc(first + middle + middle + last))).message).toBe("the file holds page 2 of statement W10 twice; upload the statement as the bank gave it");
    const astray = last.replace(bal("ITBD", "70.00", "CRDT", "2026-03-04"), bal("ITBD", "75.00", "CRDT", "2026-03-04"));
    expect(errorOf(() => parse(doc(first + middle + astray))).message).toBe(
      "the pages of statement W10 do not follow on: page 3 opens with 75.00 (ITBD) but page 2 ended with 70.00 (ITBD)",
    );
  });

  it("reads a ZIP of daily CAMT.053 files (a savings bank's range of days) as their statements together", () => {
    const zip = zipArchive([
      // Archives list files in any order; the statements are put in date order by their dates.
      { name: "2026-03-03_C53_DE44500105175407324931_EUR.xml", data: doc(day(3, "90.00", "85.00", ntry({ amount: "5.00", booked: "<BookgDt><Dt>2026-03-03</Dt></BookgDt>", refs: "<AcctSvcrRef>C</AcctSvcrRef>" }))) },
      { name: "2026-03-02_C53_DE44500105175407324931_EUR.xml", data: doc(day(2, "100.00", "90.00", ntry({ refs: "<AcctSvcrRef>B</AcctSvcrRef>" }))) },
    ]);
    const s = parseCamtStatement(zip);
    expect(s.rows.map((r) => [r.bankId, r.date, r.amount.toString()])).toEqual([["B", "2026-03-02", "-10.00"], ["C", "2026-03-03", "-5.00"]]);
    // Entries are numbered on through the files: each row keeps a number of its own.
    expect(new Set(s.rows.map((r) => r.sourceRow)).size).toBe(2);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["100.00", "85.00"]);
    expect(s.explain.find((e) => e.step === "archive")?.decision).toBe("ZIP of 2 CAMT.053 files");
  });

  it("refuses a ZIP holding anything but CAMT.053 statements, naming the file, and a gap between its days", () => {
    const withPdf = zipArchive([{ name: "a.xml", data: doc(day(2, "100.00", "90.00", ntry({}))) }, { name: "Kontoauszug.pdf", data: "%PDF-1.4" }]);
    expect(errorOf(() => parseCamtStatement(withPdf)).message).toBe(
      'the ZIP archive holds "Kontoauszug.pdf", which is not a CAMT.053 statement (.xml); upload the archive\'s statements on their own',
    );
    const with054 = zipArchive([{ name: "n.xml", data: '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>' }]);
    expect(errorOf(() => parseCamtStatement(with054)).message).toBe(`"n.xml" in the ZIP archive: ${CAMT054_MESSAGE}`);
    const gap = zipArchive([{ name: "2.xml", data: doc(day(2, "100.00", "90.00", ntry({}))) }, { name: "4.xml", data: doc(day(4, "70.00", "65.00", ntry({ amount: "5.00" }))) }]);
    expect(errorOf(() => parseCamtStatement(gap)).message).toContain("do not follow on");
  });

  it("refuses a gap between statements of one account", () => {
    const error = errorOf(() => parse(doc(day(2, "100.00", "90.00", ntry({})) + day(4, "70.00", "65.00", ntry({ amount: "5.00" })))));
    expect(error.message).toContain("do not follow on: statement D4 (2026-03-04 to 2026-03-04) opens with 70.00");
    expect(error.message).toContain("closed with 90.00");
  });

  it("refuses statements of different accounts, naming them", () => {
    const error = errorOf(() => parse(doc(stmt(ntry({})) + stmt(ntry({}), { iban: "NL91POLD0417164300" }))));
    expect(error.message).toBe(
      "this CAMT.053 file holds statements for 2 accounts (DE44…4931 (EUR), NL91…4300 (EUR)); set the bank account's number on the account in Cashline (it picks that account's part of such a file), or upload each account's own statement",
    );
  });

  it("reads the one account whose number agrees with the one set on the account uploaded to (twenty-sixth session)", () => {
    const two = doc(stmt(ntry({})) + stmt(ntry({ amount: "7.00" }), { iban: "NL91POLD0417164300" }));
    const s = parseCamtStatement(utf8(two), { accountNumber: "4300" });
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-7.00"]);
    expect(s.explain.find((e) => e.step === "account")?.decision).toBe("read NL91…4300 (EUR) only");
    expect(errorOf(() => parseCamtStatement(utf8(two), { accountNumber: "9999" })).message).toContain("none of their numbers agrees with the number set for the account this file was uploaded to (…9999)");
  });

  it("refuses CAMT.052 and CAMT.054 with advice", () => {
    const other = (ns: string, tag: string) =>
      `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:${ns}"><${tag}><GrpHdr><MsgId>1</MsgId></GrpHdr></${tag}></Document>`;
    expect(errorOf(() => parse(other("camt.052.001.02", "BkToCstmrAcctRpt"))).message).toBe(CAMT052_MESSAGE);
    expect(errorOf(() => parse(other("camt.054.001.08", "BkToCstmrDbtCdtNtfctn"))).message).toBe(CAMT054_MESSAGE);
    expect(errorOf(() => parse(other("pain.001.001.03", "CstmrCdtTrfInitn"))).message).toContain("not a CAMT.053 statement");
  });

  it("refuses DOCTYPEs, malformed XML and statements without Stmt", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document>&lol2;</Document>`;
    expect(errorOf(() => parse(bomb)).message).toContain("DOCTYPE");
    expect(errorOf(() => parse(doc(stmt(ntry({}))).replace("</Stmt>", ""))).message).toContain("not well-formed XML (line 1");
    expect(errorOf(() => parse(doc(""))).message).toContain("holds no statement");
  });

  it("refuses an uploaded CAMT.053 with an entity bomb or an external entity as CAMT.053, naming what its DOCTYPE declares (never read as CSV)", async () => {
    const body = doc(stmt(ntry({ details: ["<RmtInf><Ustrd>&e;</Ustrd></RmtInf>"] }), { balances: bal("OPBD", "100.00") + bal("CLBD", "90.00", "CRDT", "2026-03-31") }));
    const withDoctype = (subset: string) => body.replace("?>", `?>\n<!DOCTYPE Document [\n${subset}\n]>\n`);
    const bomb = withDoctype(['<!ENTITY e0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`), '<!ENTITY e "&e9;">'].join("\n"));
    const outcome = await parseStatementFile(utf8(bomb));
    expect(outcome).toEqual({
      ok: false,
      format: "camt053",
      error: "the CAMT.053 file declares a DOCTYPE with 11 entity declarations (e0, e1, e2, … e), which bank statements never do; refused for safety (nothing in it was expanded or fetched)",
    });
    const xxe = await parseStatementFile(utf8(withDoctype('<!ENTITY e SYSTEM "file:///etc/hostname">')));
    expect(xxe).toEqual({
      ok: false,
      format: "camt053",
      error: 'the CAMT.053 file declares a DOCTYPE with an external entity (e: SYSTEM "file:///etc/hostname"), which bank statements never do; refused for safety (nothing in it was expanded or fetched)',
    });
  });

  it("refuses absurd nesting", () => {
    const deep = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">${"<a>".repeat(500)}${"</a>".repeat(500)}</Document>`;
    expect(errorOf(() => parse(deep)).message).toContain("cannot be read as XML");
  });
});
