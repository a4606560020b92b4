import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseMt940Statement } from "./mt940.ts";
import { parseStatementFile } from "./parse.ts";
import { sniffFormat } from "./sniff.ts";
import { errorOf } from "./test-support.ts";

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n") + "\r\n");
const rowsOf = (s: ReturnType<typeof parseMt940Statement>) => s.rows.map((r) => [r.date, r.valueDate ?? null, r.amount.toString(), r.payee ?? null, r.description]);

const german = [
  ":20:STARTUMSE",
  ":25:10020030/1234567890",
  ":28C:00001/001",
  ":60F:C260301EUR10000,00",
  ":61:2603020302DR1200,00NTRFNONREF//0302123",
  // Purpose lines of 27 characters, wrapped mid-word, and the field itself over two lines.
  ":86:177?00SEPA-UEBERWEISUNG?109310?20EREF+NOTPROVIDED SVWZ+Miete?21 Maerz 2026 Buero Nord",
  "?30COBADEFFXXX?31DE89370400440532013000?32Vermieter GmbH",
  ":61:2603050306CR4200,00NTRFNONREF",
  ":86:166?00SEPA-GUTSCHRIFT?20Rechnung 104?21Kunde 4711?32Kunde AG",
  ":61:260317D64,30NMSCNONREF",
  ":86:005?00KARTENZAHLUNG?20REWE SAGT DANKE",
  ":62F:C260331EUR12935,70",
  "-",
];

describe("MT940", () => {
  it("lists a statement line of exactly 0,00 among the skipped lines, not as a row (interest that came to nothing)", () => {
    const s = parseMt940Statement(
      bytes([...german.slice(0, -2), ":61:2603310331C0,00NINTNONREF", ":86:805?00ABSCHLUSS?20Habenzinsen", ":62F:C260331EUR12935,70", "-"]),
    );
    expect(rowsOf(s).map((r) => [r[0], r[2]])).toEqual([["2026-03-02", "-1200.00"], ["2026-03-06", "4200.00"], ["2026-03-17", "-64.30"]]);
    expect(s.skipped).toEqual([{ sourceRow: 12, reason: "zero-amount", text: "0.00 on 2026-03-31 (:61:), moves no money: ABSCHLUSS Habenzinsen" }]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["10000.00", "12935.70"]);
    expect(s.warnings).toEqual([]);
  });

  it("reads a statement whose closing balance contradicts its opening and lines, but with low confidence, saying where and by how much", () => {
    // :62F: 100,00 above what :60F: and the lines give (10000,00 + 2935,70 = 12935,70).
    const s = parseMt940Statement(bytes(german.map((l) => l.replace(":62F:C260331EUR12935,70", ":62F:C260331EUR13035,70"))));
    expect(s.rows).toHaveLength(3);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString()]).toEqual(["10000.00", "13035.70"]);
    const said =
      "statement 1: the closing balance :62F: 13,035.70 (line 12) does not equal the opening balance :60F: 10,000.00 (line 4) + its 3 lines 2,935.70 (= 12,935.70); the difference is 100.00";
    expect(s.warnings).toEqual([`${said}: a line may be missing, doubled or misread`]);
    expect(s.confidence).toBe("low");
    expect(s.explain.filter((e) => e.step === "balances").at(-1)).toEqual({
      step: "balances",
      decision: "the lines contradict the file's own balances: a person confirms the reading",
      evidence: said,
    });
    // A page's own balances too (:60M: … :62M:), named as the page.
    const page = (n: number, opening: string, closing: string, line: string) => [":20:P", ":25:CH9808390041226800005", `:28C:00014/00${n}`, `:60${n === 1 ? "F" : "M"}:${opening}`, line, `:62${n === 2 ? "F" : "M"}:${closing}`, "-"];
    const paged = parseMt940Statement(bytes([...page(1, "C260130CHF1000,00", "C260209CHF901,00", ":61:2602050205D100,00NTRFNONREF"), ...page(2, "C260209CHF901,00", "C260216CHF951,00", ":61:2602120212C50,00NTRFNONREF")]));
    expect(paged.warnings).toEqual([
      "page 1 of statement 1: the closing balance :62M: 901.00 (line 6) does not equal the opening balance :60F: 1,000.00 (line 4) + its 1 line -100.00 (= 900.00); the difference is 1.00: a line may be missing, doubled or misread",
    ]);
    expect(paged.confidence).toBe("low");
  });

  it("reads a German bank's statement: booking dates, signs, structured texts, balances", () => {
    const s = parseMt940Statement(bytes(german));
    expect(rowsOf(s)).toEqual([
      ["2026-03-02", null, "-1200.00", "Vermieter GmbH", "Vermieter GmbH · SEPA-UEBERWEISUNG Miete Maerz 2026 Buero Nord"],
      ["2026-03-06", "2026-03-05", "4200.00", "Kunde AG", "Kunde AG · SEPA-GUTSCHRIFT Rechnung 104 Kunde 4711"],
      ["2026-03-17", null, "-64.30", null, "KARTENZAHLUNG REWE SAGT DANKE"],
    ]);
    expect(s.openingBalance?.toString()).toBe("10000.00");
    expect(s.closingBalance?.toString()).toBe("12935.70");
    expect(s.currency).toBe("EUR");
    expect(s.confidence).toBe("high");
    expect(s.warnings).toEqual([]);
    expect(s.explain.find((e) => e.step === "account")?.decision).toBe("10020030/1234567890");
  });

  it("keeps a SEPA direct debit's own words (SVWZ+) and drops its reference, mandate and creditor ids", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:STARTUMSE",
        ":25:37050198/1234567890",
        ":60F:C260301EUR1000,00",
        ":61:2603040304DR39,99NDDTNONREF",
        ":86:105?00SEPA-BASISLASTSCHRIFT?20EREF+VF1234567890 MREF+VFM?21ANDAT0815 CRED+DE27ZZZ00000?22123456 SVWZ+Kundenkonto 4711?23 Rechnung 03/2026?32Vodafone GmbH",
        ":62F:C260331EUR960,01",
        "-",
      ]),
    );
    expect(s.rows.map((r) => r.description)).toEqual(["Vodafone GmbH · SEPA-BASISLASTSCHRIFT Kundenkonto 4711 Rechnung 03/2026"]);
  });

  it("separates a SEPA keyword written right after a value ending in a letter (Volksbank: EREF+NOTPROVIDEDSVWZ+)", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:STARTUMS",
        ":25:51390000/0012345601",
        ":60F:C260301EUR5000,00",
        ":61:2603020302D850,00NSTONONREF",
        ":86:117?00SEPA-DAUERAUFTRAG?107709?20EREF+NOTPROVIDEDSVWZ+Miete ?21Wohnung 2.OG links Maerz 20?2226?32Immobilien Lahn GmbH",
        // A mandate reference ending in a letter before CRED+, a purpose ending in one before ABWA+.
        ":61:2603030303D19,99NDDTNONREF",
        ":86:105?00SEPA-BASISLASTSCHRIFT?20EREF+A1B2C3MREF+MANDATXCRED+?21DE84ZZZ0000003738SVWZ+Kd 77 Rech?22nung MaerzABWA+Telefonica?32Telefonica Germany GmbH",
        // BIC ends words: one in the payer's own text, written before a "+", is not cut.
        ":61:2603040304D12,00NTRFNONREF",
        ":86:116?00SEPA-UEBERWEISUNG?20SVWZ+KURS ARABIC+ENGLISH 3?32Sprachschule",
        ":62F:C260331EUR4118,01",
        "-",
      ]),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "Immobilien Lahn GmbH · SEPA-DAUERAUFTRAG Miete Wohnung 2.OG links Maerz 2026",
      "Telefonica Germany GmbH · SEPA-BASISLASTSCHRIFT Kd 77 Rechnung Maerz Telefonica",
      "Sprachschule · SEPA-UEBERWEISUNG KURS ARABIC+ENGLISH 3",
    ]);
  });

  it("is what the sniffer and the one entry point make of such a file, also inside a SWIFT envelope", async () => {
    const enveloped = bytes(["{1:F01COBADEFFAXXX0000000000}{2:O9401200260401COBADEFFAXXX00000000002604011200N}{4:", ...german.slice(0, -1), "-}"]);
    expect(sniffFormat(enveloped)).toEqual({ format: "mt940" });
    const outcome = await parseStatementFile(enveloped);
    expect(outcome.ok && outcome.statement.format).toBe("mt940");
    expect(outcome.ok && outcome.statement.rows).toHaveLength(3);
  });

  it("reads the Dutch tagged :86: form, an entry date across the year's end, and reversals", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:ABN AMRO BANK NV",
        ":25:NL02ABNA0123456789EUR",
        ":28C:1",
        ":60F:C251231EUR500,00",
        ":61:2512310102D45,10N426NONREF",
        ":86:/TRTP/SEPA OVERBOEKING/IBAN/NL91RABO0315273637/BIC/RABONL2U/NAME/Verhuurder B.V./REMI/USTD//Huur januari/EREF/NOTPROVIDED",
        ":61:260105C100,00NTRFNONREF",
        ":86:/EREF/NOTPROVIDED/ORDP//NAME/Klant/ADDR/Utrecht/REMI/USTD//Factuur 12/ISDT/2026-01-05",
        ":61:260106RD20,00NMSCNONREF",
        ":86:Terugboeking incasso",
        ":62F:C260131EUR574,90",
      ]),
    );
    expect(rowsOf(s)).toEqual([
      ["2026-01-02", "2025-12-31", "-45.10", "Verhuurder B.V.", "Verhuurder B.V. · SEPA OVERBOEKING Huur januari"],
      ["2026-01-05", null, "100.00", "Klant", "Klant · Factuur 12"],
      ["2026-01-06", null, "20.00", null, "Terugboeking incasso"],
    ]);
    // A reversal read as the standard says is no doubt: explained, not warned about.
    expect(s.warnings).toEqual([]);
    expect(s.explain.find((e) => e.step === "reversals")).toEqual({ step: "reversals", decision: "1 line marked RC or RD, booked the opposite way to the entry reversed", evidence: "line 9" });
    expect(s.closingBalance?.toString()).toBe("574.90");
    // The currency written after the IBAN is the statement's, not part of the account.
    expect(s.explain.find((e) => e.step === "account")).toEqual({ step: "account", decision: "NL02ABNA0123456789", evidence: "1 statement" });
  });

  it("names the counterparty of ING's and Knab's /CNTP/ form before the remittance text, and says why a return came back (/RTRN/)", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:KNAB20240318",
        ":25:NL60KNAB0417164300EUR",
        ":60F:C240308EUR1000,00",
        ":61:2403040304D985,00NTRF20240304636439//06933516560574",
        // Wrapped at 65 characters, mid-name; the city is empty.
        ":86:/EREF/20240304636439//CNTP/NL12INGB4855235282/INGBNL2A/Mitros",
        " Vastgoed B.V.///REMI/USTD//Huur april 2024 Oudegracht 118-bis/",
        ":61:2403140314RD84,50NDDT20240314420474//09050759122155",
        ":86:/RTRN/MD06//EREF/123456789012//MARF/VF-1234567//CSID/NL43ZZZ330290000000//CNTP/NL11INGB9525147137/INGBNL2A/Vattenfall Klantenservice N.V./Amsterdam//REMI/USTD//Terugboeking incasso op verzoek klant/",
        ":61:2403150315C31,10NTRF20240315411881//37460622148196",
        // A name that holds a slash keeps it; no remittance text at all.
        ":86:/EREF/NOTPROVIDED//CNTP/NL77INGB7073447087/INGBNL2A/Jansen/De Vries/Utrecht/",
        ":61:2403180318D3,72NBEANONREF//52262796257850",
        ":86:/REMI/USTD//Albert Heijn 1403 UTRECHT Pasvolgnr:003/",
        ":62F:C240318EUR125,88",
      ]),
    );
    expect(s.rows.map((r) => [r.payee ?? null, r.description])).toEqual([
      ["Mitros Vastgoed B.V.", "Mitros Vastgoed B.V. · Huur april 2024 Oudegracht 118-bis"],
      ["Vattenfall Klantenservice N.V.", "Vattenfall Klantenservice N.V. · Terugboeking incasso op verzoek klant · returned (MD06: refund requested by the payer)"],
      ["Jansen/De Vries", "Jansen/De Vries · 20240315411881//37460622148196"],
      [null, "Albert Heijn 1403 UTRECHT Pasvolgnr:003"],
    ]);
  });

  it("reads a statement in pages (:60M: … :62M:) as one statement, and says which page does not follow on", () => {
    const page = (n: number, opening: string, closing: string, line: string) => [
      ":20:STMT2602000014",
      ":25:CH9808390041226800005",
      `:28C:00014/00${n}`,
      `:60${n === 1 ? "F" : "M"}:${opening}`,
      line,
      `:62${n === 3 ? "F" : "M"}:${closing}`,
      "-",
    ];
    const pages = [
      ...page(1, "C260130CHF1000,00", "C260209CHF900,00", ":61:2602050205D100,00NTRFNONREF"),
      ...page(2, "C260209CHF900,00", "C260216CHF950,00", ":61:2602120212C50,00NTRFNONREF"),
      ...page(3, "C260216CHF950,00", "C260227CHF925,00", ":61:2602200220D25,00NTRFNONREF"),
    ];
    const s = parseMt940Statement(bytes(pages));
    expect(s.explain.find((e) => e.step === "account")).toEqual({
      step: "account",
      decision: "CH9808390041226800005",
      evidence: "1 statement on 3 pages (:60M: … :62M: between them)",
    });
    expect(s.warnings).toEqual([]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.rows.length]).toEqual(["1000.00", "925.00", 3]);

    expect(s.confidence).toBe("high");

    // Page 3 follows on from a page the file does not hold: its own lines add up, the pages do not chain.
    const gap = pages.map((l) => l.replace(":60M:C260216CHF950,00", ":60M:C260216CHF990,00").replace(":62F:C260227CHF925,00", ":62F:C260227CHF965,00"));
    const gapped = parseMt940Statement(bytes(gap));
    expect(gapped.warnings).toEqual([
      "page 3 of statement 1 opens at 990.00 but page 2 of statement 1 closed at 950.00: a page between them is missing",
    ]);
    expect(gapped.confidence).toBe("low");
    expect(gapped.explain.find((e) => e.decision.startsWith("the lines contradict"))?.evidence).toBe(gapped.warnings[0]);
  });

  it("joins statements of one account, says where one does not follow on, and refuses several accounts", () => {
    const march = german;
    const april = [":20:STARTUMSE", ":25:10020030/1234567890", ":28C:00002/001", ":60F:C260331EUR12900,00", ":61:260402D100,00NTRFNONREF", ":86:005?00LASTSCHRIFT?32Stadtwerke", ":62F:C260430EUR12800,00", "-"];
    const s = parseMt940Statement(bytes([...march, ...april]));
    expect(s.rows).toHaveLength(4);
    expect(s.openingBalance?.toString()).toBe("10000.00");
    expect(s.closingBalance?.toString()).toBe("12800.00");
    expect(s.warnings).toEqual(["statement 2 opens at 12900.00 but statement 1 closed at 12935.70: a statement between them is missing"]);
    expect(s.confidence).toBe("low");
    const other = april.map((l) => l.replace("1234567890", "9999999999"));
    expect(errorOf(() => parseMt940Statement(bytes([...march, ...other]))).message).toBe(
      "this MT940 file holds statements for 2 accounts (10020030/1234567890, 10020030/9999999999); set the bank account's number on the account in Cashline (it picks that account's part of such a file), or upload each account's own statement",
    );
    // (Twenty-sixth session.) The account uploaded to has its number's last four set: its statements are read.
    const one = parseMt940Statement(bytes([...march, ...other]), { accountNumber: "9999" });
    expect([one.rows.length, one.openingBalance?.toString(), one.closingBalance?.toString(), one.warnings]).toEqual([1, "12900.00", "12800.00", []]);
    expect(one.explain.find((e) => e.step === "account")?.decision).toBe("read 10020030/9999999999 only");
  });

  it("refuses an MT942 interim report and names a line it cannot read", () => {
    expect(errorOf(() => parseMt940Statement(bytes([":20:INTRADAY", ":25:10020030/1234567890", ":28C:1", ":34F:EUR0,", ":13D:2603021200+0100", ":61:260302D5,00NMSCNONREF"]))).message).toContain(
      "this is an MT942 interim transaction report",
    );
    const bad = errorOf(() => parseMt940Statement(bytes([":20:X", ":25:1/2", ":60F:C260301EUR1,00", ":61:2603X2D5,00NMSC", ":62F:C260331EUR1,00"])));
    expect(bad.message).toBe('row 4: the statement line "2603X2D5,00NMSC" is not "value date, entry date, C/D mark, amount, type, reference"');
    expect(bad.location).toEqual({ row: 4 });
  });
  it("reads a Polish statement in Windows-1250 by its letters, not as Windows-1252 (KARTĄ, not KART¥)", () => {
    const polish = [
      ":20:MT940",
      ":25:/PL61109010140000071219812874",
      ":28C:1",
      ":60F:C251130PLN11845,30",
      ":61:2512021202D184,37S073NONREF//251202",
      ":86:073~00VE02~20TRANSAKCJA KARTĄ PŁATNICZĄ~21ŻABKA Z3318 K.1 KRAKÓW",
      ":61:2512051205D612,00S076NONREF//251205",
      ":86:076~00VE01~20PRZELEW ZEWNĘTRZNY WYCHODZĄCY~21CZYNSZ 12/2025 UL. DŁUGA 14~32SPÓŁDZIELNIA MIESZKANIOWA~33NOWY DOM",
      ":62F:C251231PLN11048,93",
      "-",
    ];
    const s = parseMt940Statement(new Uint8Array(iconv.encode(polish.join("\r\n") + "\r\n", "windows-1250")));
    const text = s.rows.map((r) => `${r.payee ?? ""} ${r.description}`).join("\n");
    for (const words of ["KARTĄ PŁATNICZĄ", "ŻABKA", "SPÓŁDZIELNIA", "ZEWNĘTRZNY WYCHODZĄCY", "DŁUGA"]) expect(text).toContain(words);
    const encoding = s.explain.find((e) => e.step === "encoding");
    expect(encoding?.decision).toBe("Windows-1250");
    expect(encoding?.evidence).toMatch(/^not valid UTF-8; .*fit pl/);
    // The slash before a Polish bank's IBAN (:25:/PL61…) is no part of the account.
    expect(s.explain.find((e) => e.step === "account")).toEqual({ step: "account", decision: "PL61109010140000071219812874", evidence: "1 statement" });
  });

  it("joins a purpose line to the next without a space only where a word was wrapped, and leaves out empty subfields", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:MT940",
        ":25:/PL45132000190000123456789012",
        ":28C:00361",
        ":60F:C251224PLN8422,37",
        // Full lines (27 characters and more) that end an item of their own, the next one another.
        ":61:2512271229D158,02NTRFNONREF//251229000001",
        ":86:073~00PŁATNOŚĆ KARTĄ~20ORLEN STACJA NR 4412 LUBLIN",
        "~21Data transakcji: 2025-12-29~22Karta: 4246 85** **** 1122~23~24",
        "~25~27~28~29~30~31~32~33~38~60~63REF.780465311229",
        // A title wrapped mid-word (L|OKAL), and a reference after empty subfields.
        ":61:2512291229D524,72NTRFNONREF//251229000002",
        ":86:020~00PRZELEW WYCHODZĄCY",
        "~20OPŁATA ZA MIESZKANIE STYCZEŃ 2026 L~21OKAL 14/3~22~23~24~25~27",
        "~28~29~3010201026~311934932293552532",
        "~32SPÓŁDZIELNIA MIESZKANIOWA~33~38PL53102010261934932293552532~60~63REF.212178422107",
        ":61:2512291229D249,18NTRFNONREF//251229000003",
        ":86:074~00PŁATNOŚĆ BLIK~20ALLEGRO.PL ZAMÓWIENIE 81234-55",
        "~21Nr transakcji BLIK 99812734~22~23~24~25~63REF.973877903408",
        ":61:2512311231D400,00NTRFNONREF//251231000007",
        ":86:075~00WYPŁATA Z BANKOMATU~20BANKOMAT EURONET LUBLIN KRAKOWSKIE",
        "~21Data transakcji: 2025-12-31~22~23~63REF.196095108421",
        ":62F:C251231PLN7090,45",
        "-",
        // German purpose lines of 27, wrapped after one capital (U|St) and between small letters.
        ":20:STARTUMSE",
        ":25:/PL45132000190000123456789012",
        ":60F:C251231PLN7090,45",
        ":61:2512311231D10,00NTRFNONREF",
        ":86:177?00ONLINE-UEBERWEISUNG?20Finanzamt Koeln-West Nr 7 U?21St 01/2026 fuer Mahngebuehr?22en 12,50",
        ":62F:C251231PLN7080,45",
        "-",
      ]),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "PŁATNOŚĆ KARTĄ ORLEN STACJA NR 4412 LUBLIN Data transakcji: 2025-12-29 Karta: 4246 85** **** 1122 REF.780465311229",
      "SPÓŁDZIELNIA MIESZKANIOWA · PRZELEW WYCHODZĄCY OPŁATA ZA MIESZKANIE STYCZEŃ 2026 LOKAL 14/3 REF.212178422107",
      "PŁATNOŚĆ BLIK ALLEGRO.PL ZAMÓWIENIE 81234-55 Nr transakcji BLIK 99812734 REF.973877903408",
      "WYPŁATA Z BANKOMATU BANKOMAT EURONET LUBLIN KRAKOWSKIE Data transakcji: 2025-12-31 REF.196095108421",
      "ONLINE-UEBERWEISUNG Finanzamt Koeln-West Nr 7 USt 01/2026 fuer Mahngebuehren 12,50",
    ]);
  });

  it("joins a free-form :86: line cut mid-word at the full width (65) without a space, in a file that cuts its texts so, not in one that wraps at the spaces", () => {
    // ASN Bank cuts every :86: text at 65 characters (the first line with its tag), mid-word and
    // mid-tag: its tagged texts show it, and its free-form card texts are cut the same way.
    const cut = (text: string) => {
      const lines = [`:86:${text.slice(0, 61)}`];
      for (let i = 61; i < text.length; i += 65) lines.push(text.slice(i, i + 65));
      return lines;
    };
    const asn = (texts: string[]) =>
      bytes([
        ":20:1772124478",
        ":25:NL56ASNB0556758968",
        ":60F:C260227EUR1000,00",
        ...texts.flatMap((text, i) => [`:61:26030${i + 2}030${i + 2}D1,00NMSCNONREF`, ...cut(text)]),
        `:62F:C260331EUR${1000 - texts.length},00`,
        "-",
      ]);
    const texts = [
      "/TRTP/SEPA OVERBOEKING/IBAN/NL92INGB9009265610/BIC/INGBNL2A/NAME/Stichting Woonbron Rotterdam/REMI/Huur maart 2026 Rozenlaan 14-B/EREF/NOTPROVIDED/",
      "BEA, Betaalpas                   Jumbo Rotterdam Kralingen,PAS203 NR:4H1W9P, 21.03.26/10:05 ROTTERDAM",
      "BEA, Betaalpas                   Albert Heijn 1427,PAS203 NR: 8K7Q2M, 04.03.26/17:42 ROTTERDAM",
    ];
    expect(cut(texts[1]!)[0]).toHaveLength(65);
    const s = parseMt940Statement(asn(texts));
    expect(s.rows.map((r) => r.description)).toEqual([
      "Stichting Woonbron Rotterdam · SEPA OVERBOEKING Huur maart 2026 Rozenlaan 14-B",
      // "…Kralingen,PA" + "S203": capital and capital go on a word; a space written at the cut stays.
      "BEA, Betaalpas Jumbo Rotterdam Kralingen,PAS203 NR:4H1W9P, 21.03.26/10:05 ROTTERDAM",
      "BEA, Betaalpas Albert Heijn 1427,PAS203 NR: 8K7Q2M, 04.03.26/17:42 ROTTERDAM",
    ]);
    expect(s.explain.find((e) => e.step === "texts")?.decision).toBe("1 free-form :86: line cut mid-word joined to the next without a space");

    // A bank that wraps at the spaces (Crelan) ends a line exactly at 65 only where a word ended
    // there: its other lines are shorter, and "…MANDAAT" + "DVV778812" keeps its space.
    const crelan = parseMt940Statement(
      bytes([
        ":20:CRL260205",
        ":25:BE68539007547034EUR",
        ":60F:C260204EUR1000,00",
        ":61:2602050205D187,74NDDTNONREF",
        ":86:EUROPESE DOMICILIERING SCHULDEISER: DVV VERZEKERINGEN MANDAAT",
        "DVV778812 MEDEDELING: POLIS 12.345.678 AUTO",
        ":61:2602050205D2,25NCHGNONREF",
        ":86:EUROPESE DOMICILIERING SCHULDEISER: BE34ZZZ0403170701 MANDAAT",
        "0045123 MEDEDELING: +++033/5406/48781+++",
        ":61:2602050205D10,00NMSCNONREF",
        ":86:BETALING MET DEBETKAART NUMMER 4871 04XX XXXX 1234 DELHAIZE",
        "BRUSSEL",
        ":62F:C260205EUR800,01",
        "-",
      ]),
    );
    expect(crelan.rows.map((r) => r.description)).toEqual([
      "EUROPESE DOMICILIERING SCHULDEISER: DVV VERZEKERINGEN MANDAAT DVV778812 MEDEDELING: POLIS 12.345.678 AUTO",
      "EUROPESE DOMICILIERING SCHULDEISER: BE34ZZZ0403170701 MANDAAT 0045123 MEDEDELING: +++033/5406/48781+++",
      "BETALING MET DEBETKAART NUMMER 4871 04XX XXXX 1234 DELHAIZE BRUSSEL",
    ]);
    expect(crelan.explain.find((e) => e.step === "texts")).toBeUndefined();
  });

  it("says the :61: line's supplementary details (its second line) after the :86: text, unless that holds them already (HSBC)", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:STMT240405HKH01",
        ":25:808123456838",
        ":60F:C240322HKD218456,30",
        ":61:2403250325DD45386,20NTRFNONREF//HK240325171303",
        "FPS OUTWARD",
        ":86:FPS PAYMENT TO GREAT HARVEST TRADING LTD FRN84468665381599",
        ":61:2403270327D31193,93NCHK410092//HK240327916256",
        "CHQ PRESENTED",
        ":86:CHEQUE NO 410092 PRESENTED",
        // Held whole by the :86: text: said once.
        ":61:2403280328DD5015,30NDDTNONREF//HK240328028091",
        "AUTOPAY OUT",
        ":86:AUTOPAY OUT HK ELECTRIC",
        // With a structured :86:, after its name and text.
        ":61:2403290329C100,00NTRFNONREF//HK240329000001",
        "INWARD TT",
        ":86:166?00SEPA-GUTSCHRIFT?20Rechnung 104?32Kunde AG",
        // No :86: text: the supplementary details and the bank's reference (after //) are the text.
        ":61:2403300330D180,00NCHGNONREF//HK240330981812",
        "SERVICE CHARGE",
        ":61:2403310331D10,00NCHGNONREF//HK240331000002",
        "SERVICE CHARGE",
        ":86:",
        ":62F:C240331HKD116320,87",
        "-",
      ]),
    );
    expect(s.rows.map((r) => r.description)).toEqual([
      "FPS PAYMENT TO GREAT HARVEST TRADING LTD FRN84468665381599 · FPS OUTWARD",
      "CHEQUE NO 410092 PRESENTED · CHQ PRESENTED",
      "AUTOPAY OUT HK ELECTRIC",
      "Kunde AG · SEPA-GUTSCHRIFT Rechnung 104 · INWARD TT",
      "SERVICE CHARGE HK240330981812",
      "SERVICE CHARGE HK240331000002",
    ]);
    expect(s.rows[3]!.payee).toBe("Kunde AG");
  });

  it("keeps an amount's scale as written: a yen amount with nothing after the comma has no decimals (330000, → 330000)", () => {
    const s = parseMt940Statement(
      bytes([":20:MUFG260331001", ":25:BOTKJPJT/007-8979811", ":60F:C260227JPY10175522,", ":61:2603020302D330000,NTRFNONREF", ":86:FURIKOMI SHIHARAI", ":62F:C260302JPY9845522,", "-"]),
    );
    expect([s.openingBalance, s.rows[0]!.amount, s.closingBalance].map((d) => [d!.toString(), d!.scale])).toEqual([
      ["10175522", 0],
      ["-330000", 0],
      ["9845522", 0],
    ]);
  });

  it("makes each run of spaces in a :86: text one space (ABN AMRO pads its lines to their width)", () => {
    const s = parseMt940Statement(
      bytes([
        ":20:ABN AMRO BANK NV",
        ":25:417164300",
        ":60F:C240205EUR1000,00",
        ":61:2402050205D12,34N426NONREF",
        ":86:BEA, Betaalpas                  Albert Heijn 1403,PAS689 NR:36K946, 05.02.24/17:04       AMSTERDAM",
        ":62F:C240205EUR987,66",
        "-",
      ]),
    );
    expect(s.rows.map((r) => r.description)).toEqual(["BEA, Betaalpas Albert Heijn 1403,PAS689 NR:36K946, 05.02.24/17:04 AMSTERDAM"]);
  });

  it("reads a Polish statement in DOS Latin-2 (CP852, Alior's export) by its letters, not as Windows-1250 (Płatność, not P�atno�†)", () => {
    const alior = [
      "{1:F01ALBPPLPWAXXX0000000000}{2:I940ALBPPLPWXXXXN}{4:",
      ":20:2403010001",
      ":25:/PL62249010570000990212345678",
      ":28C:00048",
      ":60F:D240229PLN1245,66",
      ":61:2403010301D157,24S073NONREF//854417196912",
      ":86:073~00Płatność kartą~20ROSSMANN 211 WARSZAWA 29.0~212.2024 kwota 157,24 PLN ka~22rta 4034***5581~63REF8544171969",
      ":61:2403010301C46,84S151NONREF//738626612700",
      ":86:151~00Przelew przychodzący~20Opłata eksploatacyjna marz~21ec~3010201055~311234567890123456~32Małgorzata Dąbrowska~63REF7386266127",
      ":61:2403010301D14,21S263NONREF//394237683800",
      ":86:263~00Odsetki~20Odsetki od zadłużenia za 0~212.2024~63REF3942376838",
      ":62F:D240301PLN1370,27",
      "-}",
    ];
    const s = parseMt940Statement(new Uint8Array(iconv.encode(alior.join("\r\n") + "\r\n", "cp852")));
    const text = s.rows.map((r) => r.description).join("\n");
    for (const words of ["Płatność kartą", "Małgorzata Dąbrowska", "Przelew przychodzący", "Odsetki od zadłużenia"]) expect(text).toContain(words);
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("CP852 (DOS Latin-2)");
    expect([s.confidence, s.warnings]).toEqual(["high", []]);
  });

  it("reads a statement whose letters no code page tried fits (Polish in Mac Central European), but says so and is not sure of it", () => {
    const polish = [
      ":20:MT940",
      ":25:PL61109010140000071219812874",
      ":60F:C251130PLN11845,30",
      ":61:2512021202D184,37S073NONREF//251202",
      ":86:073~00VE02~20TRANSAKCJA KARTĄ PŁATNICZĄ~21ŻABKA Z3318 K.1 KRAKÓW",
      ":61:2512051205D612,00S076NONREF//251205",
      ":86:076~00VE01~20PRZELEW ZEWNĘTRZNY WYCHODZĄCY~21CZYNSZ 12/2025 UL. DŁUGA 14~32SPÓŁDZIELNIA MIESZKANIOWA",
      ":61:2512081208D9,99S222NONREF//251208",
      ":86:222~00Opłata~20Opłata za prowadzenie rachunku, odsetki od zadłużenia~32Małgorzata Dąbrowska, Paweł Kozłowski",
      ":62F:C251231PLN11038,94",
      "-",
    ];
    const s = parseMt940Statement(new Uint8Array(iconv.encode(polish.join("\r\n") + "\r\n", "maccenteuro")));
    // The amounts stand; the words may not.
    expect(s.rows.map((r) => r.amount.toString())).toEqual(["-184.37", "-612.00", "-9.99"]);
    expect(s.confidence).toBe("low");
    expect(s.warnings).toEqual([expect.stringMatching(/^the text's encoding is in doubt: as .+, the best code page tried, only \d+% of the accented letters fit one language/)]);
  });

  it("keeps a German Latin-1 statement in Windows-1252 (umlauts as written)", () => {
    const umlauts = german.map((line) => line.replace("Vermieter GmbH", "Grundstücksgemeinschaft Venloer Straße").replace("REWE SAGT DANKE", "Bäckerei Schüren Köln"));
    const s = parseMt940Statement(new Uint8Array(iconv.encode(umlauts.join("\r\n") + "\r\n", "latin1")));
    expect(s.rows.map((r) => r.description)).toEqual([
      "Grundstücksgemeinschaft Venloer Straße · SEPA-UEBERWEISUNG Miete Maerz 2026 Buero Nord",
      "Kunde AG · SEPA-GUTSCHRIFT Rechnung 104 Kunde 4711",
      "KARTENZAHLUNG Bäckerei Schüren Köln",
    ]);
    expect(s.explain.find((e) => e.step === "encoding")?.decision).toBe("Windows-1252");
  });
});
