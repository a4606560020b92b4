/**
 * MT940 (SWIFT customer statement) files, as German, Dutch, Swiss, Austrian, Polish and Nordic
 * banks export them for accounting software (`.sta`, `.940`, `.txt`). Pure: bytes in,
 * statement out.
 *
 * A file holds one or more statements, each `:20:` … `:25:` account … `:60F:` opening balance,
 * `:61:` statement lines each followed by an optional `:86:` text, then `:62F:` closing
 * balance. Decisions worth knowing:
 * - The row's date is its booking (entry) date when the line gives one, else its value date
 *   (then also kept as the value date); the entry date's year is the one nearest the value date.
 * - The sign comes from the line's mark: C and RD (reversal of a debit) are money in, D and RC
 *   money out. Amounts use a decimal comma.
 * - `:86:` texts in the German structured form (`166?00SEPA-GUTSCHRIFT?20…?32Name`, Polish banks'
 *   `073~00…~20…` alike) give the booking text, the purpose lines (joined without a space only
 *   where a word was wrapped; empty ones left out) and the counterparty's name; the Dutch tagged form
 *   (`/NAME/…/REMI/…`, or ING's and Knab's `/CNTP/account/BIC/name/city/`) the name and the
 *   remittance text, and a return's reason (`/RTRN/MD06/`); anything else is taken as written,
 *   its lines joined with a space — but none where a file that cuts its texts at the full width
 *   (65) cut a word. The `:61:` line's supplementary details (its second line: "FPS OUTWARD",
 *   "CHQ PRESENTED") are said after that text, unless its words hold them already.
 * - Several statements of one account are one import: the first opening and the last closing
 *   balance, with a warning where one statement's closing is not the next one's opening.
 *   Statements of several accounts are refused, as an MT942 interim report is (its entries
 *   come again in the next MT940).
 */
import { accountsMatching, numberShown, severalAccountsAdvice } from "./account-match.ts";
import { formatForMessage, proveBalances } from "./balance.ts";
import { Decimal } from "./money.ts";
import {
  StatementParseError,
  zeroAmountLine,
  type Explanation,
  type ParsedStatement,
  type ParseOptions,
  type SkippedLine,
  type StatementRow,
} from "./statement.ts";
import { decodeStatementBytes, describeEncoding } from "./encoding.ts";
import { refuseOversized } from "./xml.ts";
import { holdsWords } from "./description.ts";
import { collapseWhitespace, trimCharacters } from "./text.ts";

interface Field {
  tag: string;
  value: string;
  line: number;
}

interface Balance {
  amount: Decimal;
  date: string;
  currency: string;
  /** The field it was stated in (`60F`, `62M` …) and its line, for messages. */
  tag: string;
  line: number;
}

interface Mt940Statement {
  account: string;
  /** Opened by an intermediate balance (:60M:): a further page of the statement before it. */
  continued: boolean;
  opening?: Balance;
  closing?: Balance;
  rows: StatementRow[];
}

/** `:TAG:` at the start of a line: 2 digits and an optional letter. */
const FIELD_START = /^:(\d{2}[A-Z]?):(.*)$/;

/** The fields of the file, in order; lines that start no field continue the one before. */
function readFields(text: string): Field[] {
  const fields: Field[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const start = FIELD_START.exec(raw);
    if (start) {
      fields.push({ tag: start[1]!, value: start[2]!, line: i + 1 });
      continue;
    }
    const trimmed = raw.trim();
    // End of a statement ("-"), the SWIFT envelope ("{1:…}{2:…}{4:", "-}") and blank lines.
    if (trimmed === "" || trimmed === "-" || trimmed.startsWith("-}") || /^\{\d:/.test(trimmed)) continue;
    const last = fields.at(-1);
    if (last) last.value += `\n${raw}`;
  }
  return fields;
}

/** `C260331EUR13000,00` → a balance; D is negative. */
function readBalance(field: Field): Balance {
  const m = /^\s*([CD])(\d{6})([A-Z]{3})(\d+(?:,\d*)?)\s*$/.exec(field.value.split("\n")[0]!);
  if (!m) throw new StatementParseError(`the balance :${field.tag}: "${field.value.trim()}" is not "C/D, date YYMMDD, currency, amount"`, { row: field.line });
  const amount = commaAmount(m[4]!);
  return { amount: m[1] === "D" ? amount.neg() : amount, date: swiftDate(m[2]!, field), currency: m[3]!, tag: field.tag, line: field.line };
}

function commaAmount(text: string): Decimal {
  const [whole, fraction = ""] = text.split(",");
  return Decimal.parse(`${whole}${fraction ? `.${fraction}` : ""}`);
}

/** YYMMDD → ISO; years 00–79 are 20xx, 80–99 19xx (statements are never older). */
function swiftDate(text: string, field: Field): string {
  const yy = Number(text.slice(0, 2));
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const iso = `${year}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new StatementParseError(`"${text}" in :${field.tag}: is not a date (YYMMDD)`, { row: field.line });
  }
  return iso;
}

/** The entry date MMDD in the year that puts it nearest the value date. */
function entryDate(mmdd: string, valueDate: string, field: Field): string {
  const year = Number(valueDate.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map((y) => `${y}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`);
  const valid = candidates.filter((iso) => new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso);
  if (valid.length === 0) throw new StatementParseError(`"${mmdd}" in :61: is not an entry date (MMDD)`, { row: field.line });
  const distance = (iso: string) => Math.abs(Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${valueDate}T00:00:00Z`));
  return valid.reduce((best, iso) => (distance(iso) < distance(best) ? iso : best));
}

/**
 * `:61:` value date, optional entry date, mark (C, D, RC, RD), optional funds code, amount,
 * transaction type (`NTRF`, `S202` …), then references; a second line of supplementary details.
 */
const STATEMENT_LINE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+,\d*)([A-Z][A-Z0-9]{3})?([^\n]*)(?:\n([\s\S]*))?$/;

/** The subfields of the purpose, in their order: ?20 … ?29, then ?60 … ?63. */
const PURPOSE_KEYS = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63];

/** Purpose subfields are one text wrapped at this width (or wider): only a full one may continue mid-word. */
const PURPOSE_WIDTH = 27;

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const DIGIT = /^\p{Nd}$/u;
/** Punctuation a writer follows with a space: what comes after it is never the same word. */
const ENDS_ITEM = /^[:;,!?)\]}]$/;

/**
 * Whether the purpose subfield `next` goes on with the word that ends `before` (a text wrapped
 * mid-word, joined without a space), told from the characters on both sides. Only a full line
 * (27 characters, the German width; Polish banks wrap at 35) can end mid-word; but a full line
 * also ends where an item of its own ends, and the next one begins another (`~20ORLEN STACJA NR
 * 4412 LUBLIN~21Data transakcji: 2025-12-29~22Karta: …`). A word goes on where a small letter
 * meets a small letter, a capital a capital (`L~21OKAL` → LOKAL) or a word's first capital a
 * small letter (`M?21ärz`), a digit a digit, a letter a digit; it does not where an upper-case
 * word meets a capitalised one (`LUBLIN` | `Data`) or a small letter, a small letter a
 * capital, a digit a capital, a full stop a capitalised word, nor after a colon, comma and the like.
 */
function continuesMidWord(before: string, next: string, width = PURPOSE_WIDTH): boolean {
  if (before.length < width || next === "") return false;
  // The characters either side (whole code points: a letter outside the BMP is one).
  const tail = Array.from(before.slice(-4));
  const [last, previous] = [tail.at(-1)!, tail.at(-2) ?? ""];
  const [first, second = ""] = Array.from(next.slice(0, 4));
  // A space on either side is kept as written.
  if (/\s/.test(last) || /\s/.test(first!)) return true;
  const capitalised = UPPER.test(first!) && LOWER.test(second);
  if (ENDS_ITEM.test(last) || /^[([{]$/.test(first!)) return false;
  if (LOWER.test(last)) return !UPPER.test(first!);
  // After one capital the word goes on (`M` + `ärz`, `U` + `St`); after an upper-case word of two
  // or more, a capitalised word or a small letter begins another.
  if (UPPER.test(last)) return !UPPER.test(previous) || !(capitalised || LOWER.test(first!));
  if (DIGIT.test(last)) return !UPPER.test(first!);
  if (last === ".") return !capitalised;
  // Any other letter (no case), a hyphen, a slash, a plus: the text goes on.
  return true;
}

/** What a `:86:` text says: the counterparty's name and the text of the payment. */
function readInformation(text: string, wrap: InformationWrap): { name?: string; text: string } {
  const flat = text.replace(/\r?\n/g, "");
  // German structured form: a 3-digit transaction code, then subfields "?NN" (the separator may
  // be another character, given right after the code).
  const structured = /^(\d{3})([^\w\s])(\d{2})/.exec(flat);
  if (structured) {
    const separator = structured[2]!;
    const subfields = new Map<number, string[]>();
    for (const part of flat.slice(3).split(separator).slice(1)) {
      const key = Number(part.slice(0, 2));
      if (Number.isNaN(key)) continue;
      const parts = subfields.get(key);
      if (parts) parts.push(part.slice(2));
      else subfields.set(key, [part.slice(2)]);
    }
    const of = (keys: number[]) => keys.flatMap((k) => subfields.get(k) ?? []);
    // The purpose is one text wrapped every 27 characters or more (often mid-word): a line goes
    // on from the one before only when that one is the subfield just before it and full (see
    // continuesMidWord). Empty subfields (`~23~24~25`, a Polish bank writes them all) say
    // nothing, but one between two lines ends the first (`~25…~60~63REF.…`).
    const purposeParts = PURPOSE_KEYS.flatMap((key, order) => (subfields.get(key) ?? []).map((text) => ({ order, text })));
    let purpose = "";
    purposeParts.forEach((part, i) => {
      if (part.text.trim() === "") return;
      const before = purposeParts[i - 1];
      const follows = before !== undefined && before.text.trim() !== "" && part.order - before.order <= 1;
      purpose += purpose === "" || (follows && continuesMidWord(before.text, part.text)) ? part.text : ` ${part.text}`;
    });
    const name = of([32, 33]).join("").trim();
    const bookingText = of([0]).join(" ").trim();
    return { ...(name ? { name } : {}), text: [bookingText, sepaPurpose(purpose.trim())].filter((t) => t !== "").join(" ") };
  }
  // Dutch tagged form: /TRTP/SEPA OVERBOEKING/IBAN/…/NAME/…/REMI/USTD//…/EREF/… (ABN AMRO,
  // Rabobank), or /EREF/…//CNTP/<account>/<BIC>/<name>/<city>//REMI/USTD//… (ING, Knab).
  if (/^\/[A-Z]{2,4}\//.test(flat) && /\/(?:NAME|REMI|CNTP)\//.test(flat)) {
    const tagged = new Map<string, string>();
    // The tags Dutch banks write (ABN AMRO, ING, Rabobank); a value ends where the next begins.
    const pattern =
      /\/(TRTP|IBAN|BIC|NAME|REMI|EREF|PREF|KREF|IREF|MARF|CSID|ORDP|BENM|CNTP|ID|ADDR|CDTRREF|CDTRREFTP|CD|ISSR|PURP|RTRN|ULTC|ULTD|ULTB|UDTR|UCRD|SVCL|ISDT|TRCD|EXCH|CHGS|OCMT|FX)\//g;
    const marks = [...flat.matchAll(pattern)];
    marks.forEach((m, i) => tagged.set(m[1]!, flat.slice(m.index! + m[0].length, marks[i + 1]?.index ?? flat.length)));
    const remi = withoutTrailingSlashes((tagged.get("REMI") ?? "").replace(/^(?:USTD|STRD)\/+(?:CUR\/+)?/, ""));
    const name = (withoutTrailingSlashes(tagged.get("NAME") ?? "").trim() || counterpartyName(tagged.get("CNTP"))).trim();
    const kind = withoutTrailingSlashes(tagged.get("TRTP") ?? "").trim();
    const returned = returnReason(tagged.get("RTRN"));
    const words = [kind, remi.trim()].filter((t) => t !== "").join(" ");
    return { ...(name ? { name } : {}), text: [words, returned].filter((t) => t !== "").join(" · ") };
  }
  return { text: joinFreeFormLines(text.split(/\r?\n/), wrap) };
}

/** The width of a `:86:` line (SWIFT's 6*65x): a free-form text is wrapped at it, often mid-word. */
const INFORMATION_LINE_WIDTH = 65;
/** The tag before the first line's text. */
const INFORMATION_TAG = ":86:";

/** Whether line `index` of a `:86:` field (as written, without its line break) is of the full width. */
function isFullInformationLine(line: string, index: number): boolean {
  return line.length === INFORMATION_LINE_WIDTH || (index === 0 && line.length + INFORMATION_TAG.length === INFORMATION_LINE_WIDTH);
}

/** How the file wraps its `:86:` texts, and how many free-form lines were found cut mid-word. */
interface InformationWrap {
  /** The file cuts its `:86:` texts at the full width, wherever that falls (see cutsInformationAtWidth). */
  cutAtWidth: boolean;
  joins: number;
}

/**
 * Whether the file cuts its `:86:` texts at the full width, mid-word where it falls (ASN Bank,
 * ABN AMRO's old form): every line of a `:86:` field but its last is of the full width, in two
 * lines or more. A bank that wraps at the spaces (Crelan, Credem) leaves its lines of every
 * length up to the width, and one that ends a line exactly at it has only ended a word there
 * ("…MANDAAT" + "DVV778812"): its lines are always joined with a space.
 */
function cutsInformationAtWidth(fields: Field[]): boolean {
  const inner = fields.filter((f) => f.tag === "86").flatMap((f) => f.value.split("\n").slice(0, -1).map((line, index) => ({ line, index })));
  return inner.length >= 2 && inner.every(({ line, index }) => isFullInformationLine(line, index));
}

/**
 * The lines of a free-form `:86:` text joined with single spaces — but, in a file that cuts its
 * texts at the full width (65 characters, counted on the line as written: the first one with
 * its `:86:` tag, as some banks count it, or without), without one where a word was cut, told
 * from the characters either side as for the purpose subfields (continuesMidWord): ASN Bank's
 * "…Kralingen,PA" + "S203 NR:…" is "PAS203", while "…PAS203 NR:" + "8K7Q2M" keeps its space. A
 * line ending or the next beginning with a space keeps one.
 * (Split, not `\s*\r?\n\s*`: that is quadratic on a long run of spaces.)
 */
function joinFreeFormLines(lines: string[], wrap: InformationWrap): string {
  let text = "";
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const before = lines[i - 1];
    // The line's width is checked here, not by continuesMidWord (whose width is the subfields').
    const cut =
      wrap.cutAtWidth && before !== undefined && text !== "" && isFullInformationLine(before, i - 1) &&
      !/\s$/.test(before) && !/^\s/.test(raw) && continuesMidWord(before, raw, 0);
    if (cut) wrap.joins++;
    text += text === "" || cut ? line : ` ${line}`;
  });
  return text;
}

/**
 * The name in a `/CNTP/` value: the counterparty's account, BIC, name and city, each ended by a
 * slash (`NL12INGB0001234567/INGBNL2A/Mitros Vastgoed B.V./Utrecht/`; any of them may be empty).
 * A name that holds a slash itself keeps it: the city is the last part, the account and BIC the first two.
 */
function counterpartyName(value: string | undefined): string {
  if (value === undefined) return "";
  const parts = value.split("/");
  if (value.endsWith("/")) parts.pop();
  return (parts.length >= 4 ? parts.slice(2, -1).join("/") : (parts[2] ?? "")).trim();
}

/** What the ISO 20022 return reasons Dutch banks give after `/RTRN/` mean (SEPA R-transactions). */
const RETURN_REASONS: Record<string, string> = {
  AC01: "account number incorrect",
  AC04: "account closed",
  AC06: "account blocked",
  AC13: "debtor account type invalid",
  AG01: "transaction forbidden on this account",
  AG02: "invalid bank operation code",
  AM04: "insufficient funds",
  AM05: "duplicate",
  BE05: "creditor unknown",
  CNOR: "creditor bank not reachable",
  DNOR: "debtor bank not reachable",
  FF01: "invalid file format",
  MD01: "no mandate",
  MD02: "mandate data missing or incorrect",
  MD06: "refund requested by the payer",
  MD07: "account holder deceased",
  MS02: "refused by the account holder",
  MS03: "reason not specified",
  RC01: "bank identifier incorrect",
  RR01: "regulatory reason",
  RR02: "regulatory reason",
  RR03: "regulatory reason",
  RR04: "regulatory reason",
  SL01: "service of the debtor's bank",
};

/** `/RTRN/MD06/` → "returned (MD06: refund requested by the payer)": a reversal says why. */
function returnReason(value: string | undefined): string {
  if (value === undefined) return "";
  const code = value.split("/").map((p) => p.trim()).find((p) => p !== "");
  if (!code) return "returned";
  const meaning = RETURN_REASONS[code.toUpperCase()];
  return `returned (${code}${meaning ? `: ${meaning}` : ""})`;
}

/**
 * The SEPA fields German banks write into the purpose ("EREF+…", "MREF+…", "SVWZ+…"), a value
 * running to the next. A field may follow the value before it with no space or subfield break
 * between them, even after a letter (Volksbank's "EREF+NOTPROVIDEDSVWZ+Miete …"), so a keyword is
 * taken after any character: the four-letter keywords are codes that end no word written before
 * a "+" (SVWZ, ABWA, EREF …; a "SACRED+" or "LIBAN+" is not met). BIC, three letters, ends
 * common words (ARABIC, CUBIC, AEROBIC): it is taken only where no letter comes before it
 * (after an IBAN's last digit, a space, the start), so a word in the payer's text is never cut.
 */
const SEPA_FIELD = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|IBAN|(?<![A-Za-z])BIC|BREF|RREF|PURP)\+/g;

/**
 * The purpose of a German SEPA line: what follows SVWZ+ (the payer's own words), without the
 * references, mandate and creditor ids around it ("EREF+NOTPROVIDED MREF+VFMANDAT0815 CRED+DE27…
 * SVWZ+Kundenkonto 4711"); a purpose without SVWZ+ keeps its words outside those fields.
 */
function sepaPurpose(purpose: string): string {
  const fields = [...purpose.matchAll(SEPA_FIELD)];
  if (fields.length === 0) return purpose;
  const value = (tag: string) => {
    const i = fields.findIndex((f) => f[1] === tag);
    return i < 0 ? undefined : purpose.slice(fields[i]!.index! + fields[i]![0].length, fields[i + 1]?.index ?? purpose.length).trim();
  };
  const before = purpose.slice(0, fields[0]!.index).trim();
  const words = [before, value("SVWZ") ?? "", value("ABWA") ?? value("ABWE") ?? ""].filter((t) => t !== "").join(" ");
  return words === "" ? purpose : words;
}

const isSlash = (code: number) => code === 0x2f;
const never = () => false;

/** A tagged value without the slashes that end it, trimmed in one pass (`\/+$` is quadratic on a long run). */
function withoutTrailingSlashes(value: string): string {
  return trimCharacters(value, never, isSlash);
}

function readStatements(fields: Field[], reversals: number[], wrap: InformationWrap): Mt940Statement[] {
  const statements: Mt940Statement[] = [];
  let current: Mt940Statement | undefined;
  let lastRow: StatementRow | undefined;
  /** The supplementary details of the :61: line lastRow is (its second line), for its :86: text. */
  let lastSupplementary = "";
  for (const field of fields) {
    switch (field.tag) {
      case "20":
        current = { account: "", continued: false, rows: [] };
        statements.push(current);
        lastRow = undefined;
        break;
      case "25":
        if (current) current.account = field.value.trim();
        break;
      case "60F":
      case "60M":
        if (current) {
          current.opening = readBalance(field);
          current.continued = field.tag === "60M";
        }
        break;
      case "62F":
      case "62M":
        if (current) current.closing = readBalance(field);
        lastRow = undefined;
        break;
      case "61": {
        if (!current) throw new StatementParseError("a statement line (:61:) before any statement (:20:)", { row: field.line });
        const m = STATEMENT_LINE.exec(field.value);
        if (!m) {
          throw new StatementParseError(
            `the statement line "${field.value.split("\n")[0]!.trim()}" is not "value date, entry date, C/D mark, amount, type, reference"`,
            { row: field.line },
          );
        }
        const valueDate = swiftDate(m[1]!, field);
        const booked = m[2] ? entryDate(m[2], valueDate, field) : valueDate;
        const magnitude = commaAmount(m[5]!);
        const moneyIn = m[3] === "C" || m[3] === "RD";
        if (m[3] === "RC" || m[3] === "RD") reversals.push(field.line);
        const references = (m[7] ?? "").trim();
        const supplementary = collapseWhitespace(m[8] ?? "").trim();
        lastSupplementary = supplementary;
        lastRow = {
          sourceRow: field.line,
          date: booked,
          ...(booked !== valueDate ? { valueDate } : {}),
          amount: moneyIn ? magnitude : magnitude.neg(),
          description: [supplementary, references.replace(/^NONREF(?=\/\/|$)/, "").replace(/^\/\//, "").trim()].filter((t) => t !== "").join(" "),
        };
        current.rows.push(lastRow);
        break;
      }
      case "86": {
        if (!lastRow) break; // the statement's own information, after :62F:
        const info = readInformation(field.value, wrap);
        // Runs of spaces (a subfield padded to its width, a blank one between) are one space.
        const name = info.name === undefined ? undefined : collapseWhitespace(info.name).trim();
        const text = collapseWhitespace(info.text).trim() || lastRow.description;
        const said = [name, text].filter((t): t is string => t !== undefined && t !== "").join(" · ");
        // The :61: line's supplementary details (HSBC's "FPS OUTWARD", "CHQ PRESENTED"; a
        // Slovak bank's "/VS…/SS/KS…" payment symbols) say what the :86: text may not: said
        // after it, unless its words stand there whole already ("AUTOPAY OUT" beside "AUTOPAY
        // OUT HK ELECTRIC") — as they do where an empty :86: left the :61: line's own text.
        const extra = lastSupplementary !== "" && !holdsWords(said, lastSupplementary);
        lastRow.description = extra ? `${said} · ${lastSupplementary}` : said;
        if (name) lastRow.payee = name;
        lastRow = undefined;
        break;
      }
      default:
        break;
    }
  }
  return statements;
}

export function parseMt940Statement(input: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  refuseOversized(input.byteLength, "MT940");
  // MT940 declares no encoding: UTF-8 when the bytes are, else the code page their letters fit.
  const decoded = decodeStatementBytes(input);
  const explain: Explanation[] = [
    { step: "format", decision: "MT940 (SWIFT customer statement)" },
    { step: "encoding", decision: describeEncoding(decoded.encoding), evidence: decoded.evidence },
  ];
  const warnings: string[] = [];
  // A code page whose letters fit no language: the amounts stand, the words may be garbled.
  if (decoded.doubt) warnings.push(`the text's encoding is in doubt: ${decoded.doubt}`);
  const fields = readFields(decoded.text);
  if (fields.some((f) => f.tag === "34F" || f.tag === "13D")) {
    throw new StatementParseError("this is an MT942 interim transaction report, not a statement; its entries come again in the MT940 — upload the MT940 or CAMT.053 statement instead");
  }
  const reversals: number[] = [];
  const wrap: InformationWrap = { cutAtWidth: cutsInformationAtWidth(fields), joins: 0 };
  let statements = readStatements(fields, reversals, wrap).filter((s) => s.rows.length > 0 || s.opening || s.closing);
  if (statements.length === 0) throw new StatementParseError("no statement found in the MT940 file (no :20: … :62F: block)");

  const currencies = [...new Set(statements.flatMap((s) => [s.opening?.currency, s.closing?.currency]).filter((c): c is string => c !== undefined))];
  if (currencies.length > 1) throw new StatementParseError(`this MT940 file's balances are in several currencies (${currencies.join(", ")})`);
  let accounts = [...new Set(statements.map((s) => accountNumber(s.account, currencies[0])))];
  if (accounts.length > 1) {
    const matches = accountsMatching(accounts, options.accountNumber);
    const chosen = matches.length === 1 ? matches[0]! : undefined;
    if (chosen === undefined) {
      throw new StatementParseError(`this MT940 file holds statements for ${accounts.length} accounts (${accounts.join(", ")}); ${severalAccountsAdvice(options.accountNumber, matches.length)}`);
    }
    explain.push({ step: "account", decision: `read ${accounts[chosen]} only`, evidence: `the file holds ${accounts.length} accounts (${accounts.join(", ")}); its number agrees with the one set for the account uploaded to (${numberShown(options.accountNumber!)})` });
    statements = statements.filter((s) => accountNumber(s.account, currencies[0]) === accounts[chosen]);
    accounts = [accounts[chosen]!];
    // (The reversals told of are the account's own.)
    const kept = new Set(statements.flatMap((s) => s.rows.map((r) => r.sourceRow)));
    reversals.splice(0, reversals.length, ...reversals.filter((line) => kept.has(line)));
  }
  // A long statement comes in pages (blocks): the first opens with :60F:, each further one with
  // the intermediate :60M: that the page before closed with (:62M:).
  const numbers: number[] = [];
  statements.forEach((s, i) => numbers.push(i > 0 && s.continued ? numbers[i - 1]! : (numbers.at(-1) ?? 0) + 1));
  const statementCount = numbers.at(-1)!;
  const pageNote = statements.length > statementCount ? ` on ${statements.length} pages (:60M: … :62M: between them)` : "";
  explain.push({
    step: "account",
    decision: accounts[0] || "(no :25: account)",
    evidence: `${statementCount} statement${statementCount === 1 ? "" : "s"}${pageNote}`,
  });

  // Consecutive statements (and pages) chain: one's closing is the next one's opening.
  const blockName = (i: number) => {
    const pages = numbers.filter((n) => n === numbers[i]).length;
    const page = numbers.slice(0, i + 1).filter((n) => n === numbers[i]).length;
    return pages > 1 ? `page ${page} of statement ${numbers[i]}` : `statement ${numbers[i]}`;
  };
  // Where the file's own balances and its lines disagree (balanceContradictions): a line missing,
  // doubled or misread, or a statement or page missing between two. Rows are still read and
  // said; the reading is not certain, so a person looks first.
  const contradictions: string[] = [];
  for (let i = 1; i < statements.length; i++) {
    const before = statements[i - 1]!.closing;
    const after = statements[i]!.opening;
    if (before && after && !before.amount.eq(after.amount)) {
      const missing = numbers[i] === numbers[i - 1] ? "a page between them is missing" : "a statement between them is missing";
      const said = `${blockName(i)} opens at ${after.amount.toString()} but ${blockName(i - 1)} closed at ${before.amount.toString()}: ${missing}`;
      warnings.push(said);
      contradictions.push(said);
    }
  }
  for (const [i, s] of statements.entries()) {
    const broken = blockContradiction(s, blockName(i));
    if (broken) {
      warnings.push(`${broken}: a line may be missing, doubled or misread`);
      contradictions.push(broken);
    }
  }
  const opening = statements[0]!.opening;
  const closing = statements.at(-1)!.closing;
  explain.push({
    step: "balances",
    decision: `opening = :60F: of ${opening?.date ?? "—"}, closing = :62F: of ${closing?.date ?? "—"}`,
  });
  if (contradictions.length > 0) {
    explain.push({ step: "balances", decision: "the lines contradict the file's own balances: a person confirms the reading", evidence: contradictions.join("; ") });
  }
  explain.push({ step: "sign rule", decision: "the line's mark: C and RD money in, D and RC money out" });
  // A reversal undoes an earlier entry, so it moves money the other way: read as the standard says, no doubt about it.
  if (reversals.length > 0) {
    explain.push({
      step: "reversals",
      decision: `${reversals.length} line${reversals.length === 1 ? "" : "s"} marked RC or RD, booked the opposite way to the entry reversed`,
      evidence: `line${reversals.length === 1 ? "" : "s"} ${reversals.slice(0, 5).join(", ")}${reversals.length > 5 ? " …" : ""}`,
    });
  }
  explain.push({ step: "dates", decision: "the entry (booking) date when the line gives one, else the value date" });
  if (wrap.joins > 0) {
    explain.push({
      step: "texts",
      decision: `${wrap.joins} free-form :86: line${wrap.joins === 1 ? "" : "s"} cut mid-word joined to the next without a space`,
      evidence: `the file cuts its :86: texts at ${INFORMATION_LINE_WIDTH} characters: every line but a text's last is that wide`,
    });
  }
  if (options.accountKind === "credit-card") warnings.push("the upload was marked as a credit-card account; MT940 amounts are signed by their C/D mark and were used as they are");

  // A statement line of exactly 0,00 moves no money (a closing-interest line that came to
  // nothing): listed among the skipped lines, not posted — as the CSV reader does.
  const skipped: SkippedLine[] = [];
  const rows: StatementRow[] = [];
  for (const r of statements.flatMap((s) => s.rows)) {
    if (r.description === "") r.description = "(no description)";
    if (r.amount.isZero()) skipped.push(zeroAmountLine(r, ":61:"));
    else rows.push(r);
  }
  if (rows.some((r, i) => i > 0 && r.date < rows[i - 1]!.date)) explain.push({ step: "order", decision: "sorted by date", evidence: "the file does not list its lines oldest first" });
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sourceRow - b.sourceRow));

  return {
    format: "mt940",
    rows,
    ...(opening ? { openingBalance: opening.amount } : {}),
    ...(closing ? { closingBalance: closing.amount } : {}),
    ...(currencies[0] ? { currency: currencies[0] } : {}),
    pending: [],
    skipped,
    warnings,
    explain,
    confidence: decoded.doubt || contradictions.length > 0 ? "low" : "high",
  };
}

/**
 * Whether one statement (or page) contradicts its own balances: its opening (:60F:/:60M:) plus
 * its lines is not its closing (:62F:/:62M:) — the balance proof (balance.ts) of the block.
 * The message names the block, both fields with their lines, and the difference.
 */
function blockContradiction(block: Mt940Statement, name: string): string | undefined {
  const { opening, closing } = block;
  if (!opening || !closing) return undefined;
  const proof = proveBalances(block.rows, opening.amount, closing.amount);
  if (proof.status !== "broken") return undefined;
  const sum = Decimal.sum(block.rows.map((r) => r.amount));
  const lines = `${block.rows.length} line${block.rows.length === 1 ? "" : "s"}`;
  return (
    `${name}: the closing balance :${closing.tag}: ${formatForMessage(closing.amount)} (line ${closing.line}) does not equal ` +
    `the opening balance :${opening.tag}: ${formatForMessage(opening.amount)} (line ${opening.line}) + its ${lines} ${formatForMessage(sum)} ` +
    `(= ${formatForMessage(proof.expected)}); the difference is ${formatForMessage(proof.found.sub(proof.expected))}`
  );
}

/**
 * The account of a :25: field. Some banks write the account's currency after the IBAN
 * (`NL83PLDR0417164300EUR`); it is the statement's currency, not part of the account. Polish
 * banks write a slash before it (`/PL62…`, SWIFT's mark of an account number): no part of it either.
 */
function accountNumber(field: string, currency: string | undefined): string {
  const account = field.replace(/^\/+/, "").trim();
  if (currency && account.endsWith(currency) && /\d$/.test(account.slice(0, -currency.length))) return account.slice(0, -currency.length);
  return account;
}

/** True when the text reads as an MT940 (or MT942) file: a :20: field, an account and a balance or line. */
export function looksLikeMt940(head: string): boolean {
  return /(?:^|\n)\s*:20:/.test(head) && /(?:^|\n):25:/.test(head) && /(?:^|\n):(?:60[FM]|61|34F|28C):/.test(head);
}
