import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zipArchive } from "./test-support.ts";
import { decodeText, sniffFormat } from "./sniff.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../fixtures", name)));
const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("sniffFormat", () => {
  it("recognizes PDFs by magic, also after leading junk", () => {
    expect(sniffFormat(fixture("pdf/text-statement.pdf"))).toEqual({ format: "pdf" });
    expect(sniffFormat(bytes("%PDF-1.7\n"))).toEqual({ format: "pdf" });
    expect(sniffFormat(bytes(new Array(1000).fill(0x20), "%PDF-1.4\n"))).toEqual({ format: "pdf" });
    expect(sniffFormat(bytes(new Array(1024).fill(0), "%PDF-1.4\n"))).toEqual({ format: "pdf" });
  });

  it("does not look for the PDF magic beyond 1 KiB", () => {
    expect(sniffFormat(bytes(new Array(2000).fill(0x41), "%PDF-1.4\n"))).toEqual({ format: "csv" });
  });

  it("recognizes CSV text in UTF-8, with or without BOM, and UTF-16 with BOM", () => {
    expect(sniffFormat(fixture("csv/chase-style.csv"))).toEqual({ format: "csv" });
    expect(sniffFormat(fixture("csv/de-semicolon.csv"))).toEqual({ format: "csv" });
    expect(sniffFormat(fixture("csv/latin1-fr.csv"))).toEqual({ format: "csv" });
    expect(sniffFormat(bytes([0xff, 0xfe], "D\0a\0t\0e\0,\0A\0\n\0"))).toEqual({ format: "csv" });
    expect(sniffFormat(bytes([0xfe, 0xff], "\0D\0a\0t\0e\0,\0A\0\n"))).toEqual({ format: "csv" });
  });

  it.each([
    ["an xlsx", bytes([0x50, 0x4b, 0x03, 0x04], "\x14\0\0\0\0\0", "[Content_Types].xml...xl/workbook.xml"), "this is an Excel workbook (.xlsx); export it as CSV"],
    ["an ods", bytes([0x50, 0x4b, 0x03, 0x04], "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), "this is an OpenDocument spreadsheet (.ods); export it as CSV"],
    ["a plain zip", bytes([0x50, 0x4b, 0x03, 0x04], "statements/march.csv"), "this is a ZIP archive; unpack it and upload the statement files inside (CSV, PDF, OFX, QIF or CAMT .xml)"],
    ["an old .xls", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(100).fill(0)), "this is an Excel workbook (.xls, old Office format); export it as CSV"],
    ["a PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "this is an image (PNG), not a statement; upload the bank's CSV or PDF export"],
    ["a JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), "this is an image (JPEG), not a statement; upload the bank's CSV or PDF export"],
    ["a GIF", bytes("GIF89a", [1, 0, 1, 0]), "this is an image (GIF), not a statement; upload the bank's CSV or PDF export"],
    ["gzip", bytes([0x1f, 0x8b, 8, 0]), "this is a compressed (gzip) file; unpack it and upload the CSV or PDF inside"],
  ])("rejects %s with a clear reason", (_name, input, reason) => {
    expect(sniffFormat(input)).toEqual({ format: "unknown", reason });
  });

  it("takes a ZIP of XML files for CAMT.053 statements (its reader names any file that is not one), but not an Office document", () => {
    const camt = zipArchive([{ name: "2026-03-31_C53_DE89370400440532013000_EUR_A00001.xml", data: "<Document/>" }]);
    expect(sniffFormat(camt)).toEqual({ format: "camt053" });
    const xlsx = zipArchive([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "xl/workbook.xml", data: "<workbook/>" }]);
    expect(sniffFormat(xlsx)).toEqual({ format: "unknown", reason: "this is an Excel workbook (.xlsx); export it as CSV" });
    expect(sniffFormat(zipArchive([{ name: "march.csv", data: "Date,Amount" }]))).toMatchObject({ format: "unknown" });
  });

  it("rejects empty files, and those of only a byte-order mark or blank lines", () => {
    expect(sniffFormat(new Uint8Array())).toEqual({ format: "unknown", reason: "the file is empty" });
    const onlyBom = "the file is empty: it holds only a byte-order mark (an empty sheet saved as CSV?)";
    expect(sniffFormat(bytes([0xef, 0xbb, 0xbf]))).toEqual({ format: "unknown", reason: onlyBom });
    expect(sniffFormat(bytes([0xff, 0xfe], "\r\0\n\0"))).toEqual({ format: "unknown", reason: onlyBom });
    expect(sniffFormat(bytes("\r\n \r\n"))).toEqual({ format: "unknown", reason: "the file is empty: it holds only blank lines" });
  });

  it("names the lines of text that hold NUL bytes, calls bytes with other control bytes too binary, and says so when it is BOM-less UTF-16", () => {
    expect(sniffFormat(bytes("Date,Amount\n", [0], "2026-01-01,1\n"))).toEqual({
      format: "unknown",
      reason: "line 2 holds a NUL byte, a control character no text has: the file was damaged or padded on its way — export it again from the bank",
    });
    const padded = bytes("Date,Description,Amount\n", ...[2, 3, 4, 0, 7].flatMap((d) => (d ? [`0${d}/11/2026,"TESCO`, new Array(15).fill(0), `",-1.00\n`] : ["05/11/2026,BOOTS,-2.00\n"])));
    expect(sniffFormat(padded)).toMatchObject({ format: "unknown", reason: expect.stringMatching(/^lines 2–4 and 6 hold NUL bytes, a control character no text has/) });
    expect(sniffFormat(bytes("Date,Amount\n", [0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0x11, 0x12], "2026-01-01,1\n"))).toEqual({
      format: "unknown",
      reason: "binary file: this is not a CSV or PDF statement",
    });
    const utf16NoBom = bytes("D\0a\0t\0e\0,\0A\0m\0o\0u\0n\0t\0\n\0");
    expect(sniffFormat(utf16NoBom)).toEqual({
      format: "unknown",
      reason: "binary file: it looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV",
    });
  });

  it("calls invalid UTF-8 with control bytes binary, but not plain Latin-1 text", () => {
    const junk = bytes([0x01, 0x02, 0x03, 0xff, 0xfe, 0x80, 0x05, 0x06, 0x07, 0x9c, 0x41, 0x42]);
    expect(sniffFormat(junk)).toEqual({ format: "unknown", reason: "binary file: this is not a CSV or PDF statement" });
    expect(sniffFormat(bytes("Libell", [0xe9], ";Montant\nCaf", [0xe9], ";1,00\n"))).toEqual({ format: "csv" });
  });

  it("names other text formats instead of failing later as a CSV", () => {
    expect(sniffFormat(utf8("<!DOCTYPE html><html><table>"))).toMatchObject({ format: "unknown", reason: expect.stringContaining("HTML") });
    expect(sniffFormat(utf8('<?xml version="1.0"?><Document>'))).toMatchObject({ format: "unknown", reason: expect.stringContaining("XML") });
  });
});

describe("sniffFormat: OFX/QFX, QIF and CAMT.053", () => {
  const corpus = (name: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/statements", name)));

  it.each([
    ["OFX 1.x header", "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>"],
    ["OFX header after a BOM and blank lines", "\uFEFF\n\r\nOFXHEADER:100\nDATA:OFXSGML"],
    ["OFX 2.x processing instruction", '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211"?>\n<OFX>'],
    ["a bare <OFX> body", "<OFX><SIGNONMSGSRSV1>"],
  ])("recognizes OFX: %s", (_name, text) => {
    expect(sniffFormat(utf8(text))).toEqual({ format: "ofx" });
  });

  it.each([
    ["!Type:Bank", "!Type:Bank\nD02/10/2026\nT-1.00\n^"],
    ["!Type:CCard after blank lines", "\n\n!Type:CCard\r\nD1/5'26"],
    ["!Account", "!Account\nNChecking\nTBank\n^"],
    ["!Option", "!Option:AutoSwitch\n!Account"],
    ["lower case", "!type:oth a\nD01/02/2026"],
  ])("recognizes QIF: %s", (_name, text) => {
    expect(sniffFormat(utf8(text))).toEqual({ format: "qif" });
  });

  it("does not call a CSV that mentions !Type: later a QIF", () => {
    expect(sniffFormat(utf8("Date,Description\n2026-01-02,!Type:Bank\n"))).toEqual({ format: "csv" });
  });

  it.each([
    ["default namespace", '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'],
    ["version .08", '<Document xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'],
    ["prefixed", '<?xml version="1.0"?><camt:Document xmlns:camt="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><camt:BkToCstmrStmt>'],
    ["no namespace but BkToCstmrStmt", "<?xml version=\"1.0\"?><!-- export --><Document><BkToCstmrStmt><GrpHdr>"],
  ])("recognizes CAMT.053: %s", (_name, text) => {
    expect(sniffFormat(utf8(text))).toEqual({ format: "camt053" });
  });

  it.each([
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt>', "CAMT.052 intraday account report"],
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>', "CAMT.054 debit/credit notification"],
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>', "ISO 20022 pain.001 XML message, not a bank statement"],
    ['<?xml version="1.0"?><invoice><total>1</total></invoice>', "XML file (root element <invoice>)"],
  ])("names other XML: %s", (text, reason) => {
    expect(sniffFormat(utf8(text))).toMatchObject({ format: "unknown", reason: expect.stringContaining(reason) });
  });

  it("recognizes the corpus files", () => {
    expect(sniffFormat(corpus("ofx/us-lakeshore-checking.qfx"))).toEqual({ format: "ofx" });
    expect(sniffFormat(corpus("ofx/uk-thameside-gbp-1252.ofx"))).toEqual({ format: "ofx" });
    expect(sniffFormat(corpus("ofx/us-business-card-ofx2.ofx"))).toEqual({ format: "ofx" });
    expect(sniffFormat(corpus("qif/de-dayfirst-comma.qif"))).toEqual({ format: "qif" });
    expect(sniffFormat(corpus("qif/us-quicken-full-export.qif"))).toEqual({ format: "qif" });
    expect(sniffFormat(corpus("camt/ch-alpenbank-camt053-001-08.xml"))).toEqual({ format: "camt053" });
    expect(sniffFormat(corpus("camt/de-mainbank-camt054-refused.xml"))).toMatchObject({ format: "unknown" });
  });

  it("still names HTML, also XHTML", () => {
    expect(sniffFormat(utf8('<?xml version="1.0"?>\n<html><body>'))).toMatchObject({ format: "unknown", reason: expect.stringContaining("HTML") });
  });
});

describe("sniffFormat: XML that declares a DOCTYPE (entity bombs, external entities)", () => {
  const camtRoot = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>';
  const bomb =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Document [\n  <!ENTITY lol "lol">\n' +
    Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">\n`).join("") +
    "]>\n" +
    camtRoot;
  const xxe = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Document [\n  <!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n' + camtRoot;

  it("reads past an internal subset whose declarations hold '>' to the root element: a CAMT.053, for its reader to refuse", () => {
    expect(sniffFormat(utf8(bomb))).toEqual({ format: "camt053" });
    expect(sniffFormat(utf8(xxe))).toEqual({ format: "camt053" });
    expect(sniffFormat(utf8(`\uFEFF  <!-- export -->\n${bomb.replace(/^<\?xml[^>]*>/, "")}`))).toEqual({ format: "camt053" });
  });

  it("follows a long internal subset past the first 4 KiB, and refuses one that runs past the prolog window as XML with a DOCTYPE", () => {
    const entities = (n: number) => Array.from({ length: n }, (_, i) => `<!ENTITY pad${i} "${"x".repeat(60)}">\n`).join("");
    const long = `<?xml version="1.0"?><!DOCTYPE Document [\n${entities(200)}]>${camtRoot}`;
    expect(long.indexOf("<Document ")).toBeGreaterThan(4096);
    expect(sniffFormat(utf8(long))).toEqual({ format: "camt053" });
    const endless = `<?xml version="1.0"?><!DOCTYPE Document [\n${entities(2000)}]>${camtRoot}`;
    expect(sniffFormat(utf8(endless))).toEqual({
      format: "unknown",
      reason: "the XML file declares a DOCTYPE with at least 820 entity declarations (pad0, pad1, pad2, … pad819), which bank statements never do; refused for safety (nothing in it was expanded or fetched)",
    });
  });

  it("refuses other XML with a DOCTYPE, saying what it declares, whatever its subset holds (no OFX, MT940 or QIF read from it)", () => {
    expect(sniffFormat(utf8('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>'))).toEqual({
      format: "unknown",
      reason: "the XML file declares a DOCTYPE with 2 entity declarations (lol, lol2), which bank statements never do; refused for safety (nothing in it was expanded or fetched)",
    });
    const disguised = '<!DOCTYPE x [<!ENTITY a "\n:20:STARTUMSE\n:25:1/2\n:61:2601010101D1,00NTRF\n<OFX>">]><x/>';
    expect(sniffFormat(utf8(disguised))).toMatchObject({ format: "unknown", reason: expect.stringContaining("declares a DOCTYPE with an entity declaration (a)") });
    expect(sniffFormat(utf8('<!DOCTYPE note SYSTEM "http://example.com/note.dtd"><note/>'))).toMatchObject({
      format: "unknown",
      reason: expect.stringContaining('a DOCTYPE with an external DTD (SYSTEM "http://example.com/note.dtd")'),
    });
  });

  it("sends OFX 2 with a DOCTYPE to the OFX reader, which refuses it", () => {
    expect(sniffFormat(utf8('<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="211"?><!DOCTYPE OFX [<!ENTITY a "b">]><OFX></OFX>'))).toEqual({ format: "ofx" });
  });

  it("still names a web page with a DOCTYPE as HTML, also XHTML's after an XML declaration", () => {
    const xhtml = '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html><body>';
    expect(sniffFormat(utf8(xhtml))).toMatchObject({ format: "unknown", reason: expect.stringContaining("HTML") });
    expect(sniffFormat(utf8("<!DOCTYPE HTML>\n<html>"))).toMatchObject({ format: "unknown", reason: expect.stringContaining("HTML") });
  });
});

describe("decodeText", () => {
  it("decodes UTF-8 and strips its BOM", () => {
    expect(decodeText(utf8("Grüße"))).toBe("Grüße");
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], [...utf8("Währung")]))).toBe("Währung");
  });

  it("decodes UTF-16 with either BOM", () => {
    expect(decodeText(bytes([0xff, 0xfe], "W\0\xe4\0h\0"))).toBe("Wäh");
    expect(decodeText(bytes([0xfe, 0xff], "\0W\0\xe4\0h"))).toBe("Wäh");
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8", () => {
    // é ü, and the 0x80–0x9F range where Windows-1252 differs from Latin-1: € — ’ “ ”
    expect(decodeText(bytes("Caf", [0xe9], " Z", [0xfc], "rich ", [0x80, 0x20, 0x97, 0x20, 0x92, 0x93, 0x94]))).toBe(
      "Café Zürich € — ’“”",
    );
  });

  it("decodes the Latin-1 fixture", () => {
    const text = decodeText(fixture("csv/latin1-fr.csv"));
    expect(text.startsWith("Date;Libellé;Montant;Solde;Devise\r\n")).toBe(true);
    expect(text).toContain("Virement reçu Société Générale — Café Zürich");
    expect(text).toContain("Frais de tenue de compte 8€");
  });
});
