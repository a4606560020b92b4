/**
 * A small, safe XML reader shared by the OFX 2.x and CAMT parsers: bytes of an uploaded file
 * to a plain element tree that is easy to walk (`child`, `children`, `text`). Pure.
 *
 * Safety: statements never declare a DOCTYPE, so any DOCTYPE is refused outright — that rules
 * out external entities and entity-expansion bombs before the parser sees the text. Only the
 * five predefined entities and numeric character references are decoded (by us, once, so
 * `&amp;#38;` stays `&#38;`). Size and nesting depth are capped.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import iconv from "iconv-lite";
import { decodeStatementBytes, describeEncoding } from "./encoding.ts";
import { StatementParseError } from "./statement.ts";
import { megabytes } from "./sizes.ts";

export interface XmlElement {
  /** Local name, namespace prefix removed (`camt:Ntry` → `Ntry`). */
  name: string;
  /** Attributes by their name as written (`Ccy`, `xmlns`, `xmlns:camt`), entities decoded. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (CDATA included), entities decoded, trimmed. */
  text: string;
}

/** Larger uploads are refused: the biggest real statements are a few MB. */
export const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;
/** OFX nests about 8 deep and CAMT about 12; anything far deeper is not a statement. */
const MAX_DEPTH = 64;

export function refuseOversized(byteLength: number, what: string): void {
  if (byteLength > MAX_STATEMENT_BYTES) {
    throw new StatementParseError(`the ${what} file is ${megabytes(byteLength)}; files over ${megabytes(MAX_STATEMENT_BYTES)} are refused`);
  }
}

export interface DecodedText {
  text: string;
  /** The encoding actually used, for `explain`: "UTF-8", "Windows-1252" … */
  encoding: string;
  /**
   * Set when the bytes, not the declaration, chose the encoding: the declared one did not fit
   * them (or none was declared and they are not UTF-8), and why the one used was taken.
   */
  fallback?: string;
  /** Set when the code page the bytes chose is a poor fit: the text may be garbled (encoding.ts). */
  doubt?: string;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Characters of more than one byte in bytes that are valid UTF-8: their lead bytes. */
function multiByteCharacters(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte >= 0xc0) count++;
  return count;
}

const HIGH_BYTES = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
const PRINTABLE_ASCII = Buffer.from(Array.from({ length: 95 }, (_, i) => 0x20 + i));

/**
 * An ASCII-compatible code page of one byte a character (Windows-125x, ISO-8859-x, KOI8 …), whose
 * text is practically never valid UTF-8 — not Shift_JIS or Big5, whose lone half-width katakana
 * or pairs can be, nor UTF-16 without its BOM.
 */
function isSingleByteCodePage(name: string): boolean {
  return iconv.decode(HIGH_BYTES, name).length === 128 && iconv.decode(PRINTABLE_ASCII, name) === PRINTABLE_ASCII.toString("latin1");
}

/**
 * Decodes bytes in the encoding a file declares (`UTF-8`, `1252`, `windows-1252`,
 * `ISO-8859-1` …). A BOM wins. Bytes that are valid UTF-8 and hold multi-byte characters are
 * UTF-8 whatever single-byte code page is declared (banks write CHARSET:1252 or ISO-8859-1 in the
 * header of a file they export in UTF-8; text in a legacy code page is practically never valid
 * UTF-8 by accident: its accented letters would have to come in exact lead/continuation pairs).
 * Bytes that declare UTF-8 (or nothing, or an unknown label) and are not valid UTF-8 are
 * detected as a CSV's are (encoding.ts: the language of their letters, chardet): Windows-1252
 * in Western Europe, Windows-1250 in Poland or Czechia …, and the evidence says so.
 */
export function decodeDeclared(bytes: Uint8Array, declared: string | undefined): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString("utf8"), encoding: "UTF-8 (byte-order mark)" };
  }
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    const le = buffer[0] === 0xff;
    return { text: iconv.decode(buffer.subarray(2), le ? "utf-16le" : "utf-16be"), encoding: `UTF-16${le ? "LE" : "BE"} (byte-order mark)` };
  }
  const label = (declared ?? "").trim().toLowerCase();
  const stated = declared ? `declared "${declared}"` : "declared no encoding";
  // Bytes that are not what was declared: the code page their letters fit (encoding.ts).
  const detected = (why: string): DecodedText => {
    const { text, encoding, evidence, doubt } = decodeStatementBytes(bytes);
    const detail = evidence.replace(/^not valid UTF-8; /, "");
    return { text, encoding: describeEncoding(encoding), fallback: declared ? `${stated} but ${why}; ${detail}` : evidence, ...(doubt ? { doubt } : {}) };
  };
  if (label === "" || label === "utf-8" || label === "utf8" || label === "none" || label === "usascii" || label === "us-ascii") {
    if (isUtf8(bytes)) return { text: buffer.toString("utf8"), encoding: label === "" || label.startsWith("utf") ? "UTF-8" : "UTF-8 (ASCII-compatible)" };
    return detected("the bytes are not valid UTF-8");
  }
  const iso = /^(?:iso-?)?8859-?(\d+)$/.exec(label);
  const name = label === "1252" || label === "cp1252" ? "windows-1252" : iso ? `iso-8859-${iso[1]}` : label;
  if (!iconv.encodingExists(name)) {
    if (isUtf8(bytes)) return { text: buffer.toString("utf8"), encoding: "UTF-8", fallback: `unknown encoding "${declared}"; the bytes are valid UTF-8` };
    return detected(`that is an unknown encoding`);
  }
  if (isSingleByteCodePage(name) && isUtf8(bytes)) {
    const multiByte = multiByteCharacters(bytes);
    if (multiByte > 0) {
      return {
        text: buffer.toString("utf8"),
        encoding: "UTF-8",
        fallback: `${stated} but the bytes are valid UTF-8 with ${multiByte} multi-byte character${multiByte === 1 ? "" : "s"}, which text in a single-byte code page practically never is`,
      };
    }
  }
  if (name === "windows-1252") return { text: iconv.decode(buffer, "win1252"), encoding: "Windows-1252" };
  return { text: iconv.decode(buffer, name), encoding: name.toUpperCase() };
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric references in one pass; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref.toLowerCase()] ?? whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon >= 0 ? name.slice(colon + 1) : name;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

/** fast-xml-parser's ordered output to our tree; recursion is safe because the parser caps nesting. */
function toElement(node: OrderedNode, name: string): XmlElement {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[":@"] ?? {})) attributes[key] = decodeEntities(String(value));
  const element: XmlElement = { name: localName(name), attributes, children: [], text: "" };
  const texts: string[] = [];
  for (const item of node[name] as OrderedNode[]) {
    const key = Object.keys(item).find((k) => k !== ":@")!;
    if (key === "#text") texts.push(String(item[key]));
    else if (!key.startsWith("?") && !key.startsWith("!")) element.children.push(toElement(item, key));
  }
  element.text = decodeEntities(texts.join("")).trim();
  return element;
}

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
  maxNestedTags: MAX_DEPTH,
});

// DOCTYPEs ----------------------------------------------------------------------------------

/** How much of a DOCTYPE is read to say what it declares (a refusal needs no more). */
const DOCTYPE_READ_LIMIT = 64 * 1024;

/**
 * Where the DOCTYPE starting at `from` (its `<!DOCTYPE`) ends: the index just after its `>`,
 * past an internal subset (`[ <!ENTITY …> … ]`) whose declarations hold `>` of their own, and
 * past quoted literals and comments, which may hold `>`, `[` or `]`. -1 when it does not end
 * in `text`. One pass, linear in the text read.
 */
export function doctypeEnd(text: string, from: number): number {
  let quote = "";
  let subset = false;
  for (let i = from + "<!DOCTYPE".length; i < text.length; i++) {
    const c = text[i];
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (subset) {
      if (c === "]") subset = false;
      else if (c === "<" && text.startsWith("<!--", i)) {
        const end = text.indexOf("-->", i + 4);
        if (end < 0) return -1;
        i = end + 2;
      }
    } else if (c === "[") {
      subset = true;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return -1;
}

/** A literal as it may be shown in a message: no control characters, cut when long. */
function shownLiteral(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

/**
 * What a DOCTYPE (its text from `<!DOCTYPE`) declares, for a refusal: "a DOCTYPE", "a DOCTYPE
 * with 10 entity declarations (lol, lol1, … lol9)", "… with an external entity (xxe: SYSTEM
 * "file:///etc/hostname")", "… with an external DTD (SYSTEM "…")". Only read, never resolved.
 */
export function describeDoctype(doctype: string): { words: string; declares: boolean } {
  const text = doctype.slice(0, DOCTYPE_READ_LIMIT);
  const end = doctypeEnd(text, 0);
  const whole = end >= 0 ? text.slice(0, end) : text;
  const subsetAt = whole.indexOf("[");
  const head = subsetAt >= 0 ? whole.slice(0, subsetAt) : whole;
  const externalDtd = /^<!DOCTYPE\s+[^\s[>]+\s+(SYSTEM|PUBLIC)\s+(?:"[^"]*"\s*|'[^']*'\s*){1,2}/i.exec(head);
  const entities: { name: string; external?: string }[] = [];
  for (const m of whole.matchAll(/<!ENTITY\s+(%\s+)?([^\s"'<>]+)\s+(?:(SYSTEM|PUBLIC)\s+((?:"[^"]{0,1000}"|'[^']{0,1000}')(?:\s*(?:"[^"]{0,1000}"|'[^']{0,1000}'))?))?/gi)) {
    entities.push({ name: `${m[1] ? "%" : ""}${m[2]}`, ...(m[3] ? { external: `${m[3].toUpperCase()} ${shownLiteral(m[4]!)}` } : {}) });
  }
  const said: string[] = [];
  const external = entities.filter((e) => e.external !== undefined);
  if (entities.length === 1) {
    const [e] = entities;
    said.push(e!.external ? `an external entity (${e!.name}: ${e!.external})` : `an entity declaration (${e!.name})`);
  } else if (entities.length > 1) {
    const names = entities.map((e) => e.name);
    const listed = names.length <= 4 ? names.join(", ") : `${names.slice(0, 3).join(", ")}, … ${names.at(-1)}`;
    const ofThem = external.length === 0 ? "" : `, ${external.length} of them external (${external[0]!.name}: ${external[0]!.external}${external.length > 1 ? " …" : ""})`;
    said.push(`${end < 0 ? "at least " : ""}${entities.length} entity declarations (${listed})${ofThem}`);
  }
  if (externalDtd) said.push(`an external DTD (${shownLiteral(externalDtd[0].replace(/^<!DOCTYPE\s+[^\s[>]+\s+/i, "").trim())})`);
  const words = said.length === 0 ? "a DOCTYPE" : `a DOCTYPE with ${said.join(" and ")}`;
  return { words, declares: said.length > 0 };
}

/**
 * The refusal of a document that declares a DOCTYPE: bank statements never do, and a DOCTYPE is
 * how entity-expansion bombs ("billion laughs") and external entities (XXE: a file or URL read
 * into the text) come in. Says what this one declares; nothing in it is expanded or fetched.
 */
export function doctypeRefusal(what: string, doctype: string): string {
  const { words, declares } = describeDoctype(doctype);
  return `the ${what} file declares ${words}, which bank statements never do; refused for safety${declares ? " (nothing in it was expanded or fetched)" : ""}`;
}

/**
 * Parses a whole XML document and returns its root element. Throws StatementParseError for a
 * DOCTYPE, for text that is not well-formed XML (naming the line) or for absurd nesting.
 * `what` names the format in messages ("CAMT.053", "OFX").
 */
export function parseXmlDocument(text: string, what: string): XmlElement {
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype >= 0) throw new StatementParseError(doctypeRefusal(what, text.slice(doctype, doctype + DOCTYPE_READ_LIMIT)));
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new StatementParseError(`the ${what} file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = PARSER.parse(text) as OrderedNode[];
  } catch (error) {
    throw new StatementParseError(`the ${what} file cannot be read as XML: ${(error as Error).message}`);
  }
  const rootNode = nodes.find((n) => {
    const key = Object.keys(n).find((k) => k !== ":@");
    return key !== undefined && !key.startsWith("?") && !key.startsWith("#") && !key.startsWith("!");
  });
  if (!rootNode) throw new StatementParseError(`the ${what} file has no XML root element`);
  return toElement(rootNode, Object.keys(rootNode).find((k) => k !== ":@")!);
}

// Navigation -----------------------------------------------------------------------------

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The element at a `/`-separated path of child names (`Tp/CdOrPrtry/Cd`), first match at each step. */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const name of path.split("/")) current = child(current, name);
  return current;
}

/** Trimmed text at `path`, or undefined when the element is missing or empty. */
export function textAt(element: XmlElement | undefined, path: string): string | undefined {
  const text = at(element, path)?.text;
  return text ? text : undefined;
}

/** Every descendant named `name`, in document order (not looking inside matches). */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...element.children].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.name === name) found.push(next);
    else for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]);
  }
  return found;
}
