/**
 * What kind of file an upload is, decided from its bytes. Extensions and content types are
 * whatever the browser or the user's bank made up (`statement.xls` that is really HTML,
 * `export.csv` that is a PDF), so they are never consulted.
 */
import { looksLikeMt940 } from "./mt940.ts";
import { lineRanges } from "./text.ts";
import { doctypeEnd, doctypeRefusal } from "./xml.ts";

export type SniffResult = { format: "pdf" | "csv" | "ofx" | "qif" | "camt053" | "mt940" } | { format: "unknown"; reason: string };

const PDF_MAGIC = ascii("%PDF-");
/** Real PDFs may carry junk before the header; readers accept it within the first 1 KiB. */
const PDF_SEARCH_WINDOW = 1024;
/** How much of a file is inspected to call it text or binary. */
const TEXT_SAMPLE_BYTES = 64 * 1024;
/** How far a DOCTYPE's internal subset is followed to the root element after it. */
const PROLOG_WINDOW = 64 * 1024;

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[] | Uint8Array, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.length): number {
  const last = Math.min(to, bytes.length) - needle.length;
  for (let i = from; i <= last; i++) if (startsWith(bytes, needle, i)) return i;
  return -1;
}

/** True if `text` occurs in the first or last `window` bytes (ZIP names live in both). */
function mentions(bytes: Uint8Array, text: string, window = 64 * 1024): boolean {
  const needle = ascii(text);
  return indexOf(bytes, needle, 0, window) >= 0 || indexOf(bytes, needle, Math.max(0, bytes.length - window)) >= 0;
}

function isPdf(bytes: Uint8Array): boolean {
  return indexOf(bytes, PDF_MAGIC, 0, PDF_SEARCH_WINDOW + PDF_MAGIC.length) >= 0;
}

/**
 * A ZIP of XML files, as some banks deliver CAMT.053 statements (one per day): read as CAMT,
 * whose reader opens the archive and names any file in it that is not a statement. Office
 * formats are ZIPs of XML files too (an .xlsx starts with "[Content_Types].xml"): their own
 * parts tell them apart first.
 */
function isXmlArchive(bytes: Uint8Array): boolean {
  if (isOfficeDocument(bytes)) return false;
  // The first entry's name, in its local header: 30 bytes, then the name.
  if (bytes.length < 30) return false;
  const nameLength = bytes[26]! | (bytes[27]! << 8);
  const name = new TextDecoder("latin1").decode(bytes.subarray(30, 30 + nameLength));
  return /\.xml$/i.test(name) && !name.startsWith("[");
}

function isOfficeDocument(bytes: Uint8Array): boolean {
  return ["xl/workbook", "xl/worksheets", "application/vnd.oasis.opendocument", "word/document", "[Content_Types].xml"].some((part) => mentions(bytes, part));
}

/** ZIP containers: tell the user which office format it is, since that decides the advice. */
function describeZip(bytes: Uint8Array): string {
  if (mentions(bytes, "xl/workbook") || mentions(bytes, "xl/worksheets")) {
    return "this is an Excel workbook (.xlsx); export it as CSV";
  }
  if (mentions(bytes, "application/vnd.oasis.opendocument.spreadsheet")) {
    return "this is an OpenDocument spreadsheet (.ods); export it as CSV";
  }
  if (mentions(bytes, "word/document")) return "this is a Word document (.docx); upload the bank's CSV or PDF statement";
  return "this is a ZIP archive; unpack it and upload the statement files inside (CSV, PDF, OFX, QIF or CAMT .xml)";
}

const BINARY_SIGNATURES: { magic: readonly number[]; at?: number; reason: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], reason: "this is an Excel workbook (.xls, old Office format); export it as CSV" },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], reason: "this is an image (PNG), not a statement; upload the bank's CSV or PDF export" },
  { magic: [0xff, 0xd8, 0xff], reason: "this is an image (JPEG), not a statement; upload the bank's CSV or PDF export" },
  { magic: [...ascii("GIF87a")], reason: "this is an image (GIF), not a statement; upload the bank's CSV or PDF export" },
  { magic: [...ascii("GIF89a")], reason: "this is an image (GIF), not a statement; upload the bank's CSV or PDF export" },
  { magic: [...ascii("WEBP")], at: 8, reason: "this is an image (WebP), not a statement; upload the bank's CSV or PDF export" },
  { magic: [0x49, 0x49, 0x2a, 0x00], reason: "this is an image (TIFF), not a statement; upload the bank's CSV or PDF export" },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], reason: "this is an image (TIFF), not a statement; upload the bank's CSV or PDF export" },
  { magic: [0x1f, 0x8b], reason: "this is a compressed (gzip) file; unpack it and upload the CSV or PDF inside" },
];

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06], // empty archive
  [0x50, 0x4b, 0x07, 0x08], // spanned archive
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM);
}

/** Decodes `bytes` as strict UTF-8 (a truncated final sequence is allowed); false if invalid. */
function isValidUtf8(bytes: Uint8Array, sample: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: sample });
    return true;
  } catch {
    return false;
  }
}

/**
 * Control characters other than tab, CR, LF, form feed and EOF (0x1A, which old DOS tools
 * append) do not occur in text exports; a few percent of them means a binary format.
 */
function looksBinary(sample: Uint8Array): boolean {
  let control = 0;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control > 0 && control / sample.length > 0.01;
}

/**
 * A file of nothing but a byte-order mark (an empty sheet saved as "CSV UTF-8") or blank lines:
 * empty, said so. Null: something is in it.
 */
function emptyText(bytes: Uint8Array): string | null {
  const bom = startsWith(bytes, UTF8_BOM) ? 3 : hasUtf16Bom(bytes) ? 2 : 0;
  for (let i = bom; i < bytes.length; i++) {
    const b = bytes[i];
    if (!(b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || (bom === 2 && b === 0))) return null;
  }
  return bom > 0 ? "the file is empty: it holds only a byte-order mark (an empty sheet saved as CSV?)" : "the file is empty: it holds only blank lines";
}

/**
 * NUL bytes in what is otherwise text (a description padded with them, one stray byte): the
 * lines that hold one, named, so that the user knows the file is damaged rather than "binary".
 * Null when the rest is not text either (other control bytes: a binary format), or the NULs are
 * half the bytes or more (UTF-16's, which looksLikeBomlessUtf16 names first).
 */
function nulInText(sample: Uint8Array): string | null {
  let nuls = 0;
  let control = 0;
  let breaks = 0;
  let line = 1;
  let lines = 0;
  let lastNulLine = 0;
  const named: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0x0a || (b === 0x0d && sample[i + 1] !== 0x0a)) {
      line++;
      breaks++;
    } else if (b === 0) {
      nuls++;
      if (line === lastNulLine) continue;
      lastNulLine = line;
      if (lines++ < 20) named.push(line);
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  if (breaks === 0 || nuls * 2 >= sample.length || (control > 0 && control / (sample.length - nuls) > 0.01)) return null;
  const list = lineRanges(named);
  const where = lines === 1 ? `line ${list} holds a NUL byte` : `lines ${list}${lines > named.length ? ` (${lines} lines in all)` : ""} hold NUL bytes`;
  return `${where}, a control character no text has: the file was damaged or padded on its way — export it again from the bank`;
}

/**
 * UTF-16 without a byte-order mark shows up as NULs in every other byte; worth a specific
 * message because "save as UTF-8" fixes it.
 */
function looksLikeBomlessUtf16(sample: Uint8Array): boolean {
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  }
  const half = sample.length / 2;
  return half >= 4 && (evenNul / half > 0.8 || oddNul / half > 0.8) && Math.min(evenNul, oddNul) / half < 0.05;
}

/** What comes before an XML text's root element: a DOCTYPE (its text), and the root itself when it is in the text read. */
interface XmlProlog {
  doctype?: { name: string; text: string };
  root?: { name: string; tag: string };
}

/**
 * The prolog of an XML text: the declaration, processing instructions, comments and a DOCTYPE
 * skipped to the root element — its name (prefix kept) and the text of its start tag. A DOCTYPE's
 * internal subset (`[ <!ENTITY …> ]`, whose declarations hold `>` of their own) is skipped whole
 * (doctypeEnd); one running past the text read leaves the root unknown. Null: not XML markup.
 */
function xmlProlog(head: string): XmlProlog | null {
  let doctype: XmlProlog["doctype"];
  let i = 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i]!)) i++;
    if (head.startsWith("<?", i) || head.startsWith("<!--", i)) {
      const close = head.startsWith("<?", i) ? "?>" : "-->";
      const end = head.indexOf(close, i + 2);
      if (end < 0) return doctype ? { doctype } : null;
      i = end + close.length;
      continue;
    }
    if (/^<!DOCTYPE\s/i.test(head.slice(i, i + 10))) {
      const end = doctypeEnd(head, i);
      doctype = { name: /^<!DOCTYPE\s+([^\s[>]*)/i.exec(head.slice(i, i + 256))![1]!, text: head.slice(i, end < 0 ? head.length : end) };
      if (end < 0) return { doctype };
      i = end;
      continue;
    }
    const m = /^<([A-Za-z_][\w.:-]*)([^>]*)>?/.exec(head.slice(i, i + 4096));
    if (!m) return doctype ? { doctype } : null;
    return { ...(doctype ? { doctype } : {}), root: { name: m[1]!, tag: m[2]! } };
  }
}

const ISO20022_NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.\d{3}\.\d{2}/;

/**
 * The structured statement formats, recognized by content: OFX/QFX by its header or `<OFX>`,
 * QIF by its first line, CAMT.053 by the ISO 20022 namespace or its `BkToCstmrStmt` message.
 * Other XML is named so the user knows what to upload instead. Null: none of these (HTML
 * included, which `describeOtherText` names).
 */
function detectStatementFormat(text: string, prologText: () => string): SniffResult | null {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "").trimStart();
  // An XML document that declares a DOCTYPE (not a web page's): statements never do, and it is
  // how entity bombs and external entities come in. Told apart before anything else, since its
  // internal subset can say anything (`<OFX>`, `:20:` lines) and push the root element far down.
  if (xmlProlog(head)?.doctype) {
    const window = prologText().replace(/^\uFEFF/, "").trimStart();
    const prolog = xmlProlog(window);
    if (prolog?.doctype) {
      // XHTML's `<?xml …?><!DOCTYPE html PUBLIC …>` is a web page, said as such (describeOtherText).
      if (/^html$/i.test(prolog.doctype.name) || /^html$/i.test(prolog.root?.name ?? "")) return { format: "unknown", reason: HTML_REASON };
      return doctypeDocument(prolog.doctype.text, prolog.root, window);
    }
  }
  if (/^OFXHEADER\s*:/i.test(head) || /<\?OFX\b/i.test(head) || /<OFX>/i.test(head)) return { format: "ofx" };
  if (/^!(?:Type:|Account\b|Option:)/i.test(head.split(/\r\n|\r|\n/, 1)[0].trim())) return { format: "qif" };
  if (looksLikeMt940(head)) return { format: "mt940" };

  const root = xmlProlog(head)?.root;
  if (!root || /^html$/i.test(root.name)) return null;
  const localName = root.name.replace(/^[^:]*:/, "");
  const iso = ISO20022_NAMESPACE.exec(root.tag);
  const message = /<(?:[\w.-]+:)?(BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)\b/.exec(head)?.[1];
  const camt = iso?.[1] === "camt" ? iso[2] : undefined;
  if (camt === "053" || (camt === undefined && message === "BkToCstmrStmt")) return { format: "camt053" };
  if (camt === "052" || message === "BkToCstmrAcctRpt") {
    return { format: "unknown", reason: "this is a CAMT.052 intraday account report (XML), not a statement; upload the CAMT.053 end-of-day statement instead" };
  }
  if (camt === "054" || message === "BkToCstmrDbtCdtNtfctn") {
    return { format: "unknown", reason: "this is a CAMT.054 debit/credit notification (XML), not a statement; upload the CAMT.053 statement instead" };
  }
  if (iso) {
    return {
      format: "unknown",
      reason: `this is an ISO 20022 ${iso[1]}.${iso[2]} XML message, not a bank statement; upload the CAMT.053 statement, an OFX file or a CSV export`,
    };
  }
  return {
    format: "unknown",
    reason: `this is an XML file (root element <${localName}>) but not a statement format Cashline reads; upload a CAMT.053 or OFX file, or a CSV export`,
  };
}

/**
 * An XML document with a DOCTYPE: a CAMT.053 or OFX one goes to its reader, which refuses it
 * naming what the DOCTYPE declares (xml.ts, parseXmlDocument) — as "the CAMT.053 file …"; any
 * other, or one whose root element lies past the text read (a long internal subset), is refused
 * here with the same words. Nothing in it is expanded or fetched, here or there.
 */
function doctypeDocument(doctype: string, root: XmlProlog["root"], text: string): SniffResult {
  if (root) {
    if (root.name.replace(/^[^:]*:/, "") === "OFX") return { format: "ofx" };
    const iso = ISO20022_NAMESPACE.exec(root.tag);
    const after = text.slice(text.indexOf(doctype) + doctype.length);
    if (iso ? iso[1] === "camt" && iso[2] === "053" : /<(?:[\w.-]+:)?BkToCstmrStmt\b/.test(after)) return { format: "camt053" };
  }
  return { format: "unknown", reason: doctypeRefusal("XML", doctype) };
}

const HTML_REASON = "this is a web page (HTML), not a CSV file — some banks' \"Excel\" downloads are HTML; export as CSV instead";

/** Text formats that are statements but not CSV, named so the message can say what they are. */
function describeOtherText(text: string): string | null {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<\?xml[^>]*>\s*<html/.test(head)) return HTML_REASON;
  return null;
}

export function sniffFormat(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { format: "unknown", reason: "the file is empty" };
  const empty = emptyText(bytes);
  if (empty) return { format: "unknown", reason: empty };
  if (isPdf(bytes)) return { format: "pdf" };
  if (ZIP_SIGNATURES.some((sig) => startsWith(bytes, sig))) return isXmlArchive(bytes) ? { format: "camt053" } : { format: "unknown", reason: describeZip(bytes) };
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.magic, sig.at ?? 0)) return { format: "unknown", reason: sig.reason };
  }

  if (!hasUtf16Bom(bytes)) {
    const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
    if (sample.includes(0)) {
      return {
        format: "unknown",
        reason: looksLikeBomlessUtf16(sample)
          ? "binary file: it looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV"
          : (nulInText(sample) ?? "binary file: this is not a CSV or PDF statement"),
      };
    }
    // Invalid UTF-8 alone is fine (Latin-1 / Windows-1252 exports); with control bytes too,
    // it is something binary.
    if (!isValidUtf8(sample, sample.length < bytes.length) && looksBinary(sample)) {
      return { format: "unknown", reason: "binary file: this is not a CSV or PDF statement" };
    }
  }

  const statementFormat = detectStatementFormat(decodeText(bytes.subarray(0, 4096)), () => decodeText(bytes.subarray(0, PROLOG_WINDOW)));
  if (statementFormat) return statementFormat;
  const other = describeOtherText(decodeText(bytes.subarray(0, 4096)));
  if (other) return { format: "unknown", reason: other };
  return { format: "csv" };
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F (€, curly quotes, dashes, Š, ž …).
// Node 20's TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters, so
// the table is spelled out here. Undefined positions (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
// the same code point, as the WHATWG encoding standard does.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

/**
 * Bytes of a text file to a string, without BOM: UTF-8 (with or without BOM), UTF-16LE/BE
 * with BOM, and anything that is not valid UTF-8 as Windows-1252 (the usual encoding of
 * European bank exports that are not UTF-8).
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF16LE_BOM)) return new TextDecoder("utf-16le").decode(bytes);
  if (startsWith(bytes, UTF16BE_BOM)) return new TextDecoder("utf-16be").decode(bytes);
  // A UTF-8 BOM says what the file is; stray invalid bytes after it become U+FFFD.
  if (startsWith(bytes, UTF8_BOM)) return new TextDecoder("utf-8").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
