/**
 * OFX and QFX statements: OFX 1.x (SGML, leaf tags without close tags, a `KEY:VALUE` header
 * block) and OFX 2.x (XML with an `<?OFX …?>` processing instruction). QFX is Quicken's OFX
 * with an `INTU.BID` in the sign-on; it needs nothing special. Pure: bytes in, statement out.
 *
 * Decisions worth knowing:
 * - Amounts are taken as signed in the file: OFX signs from the account holder's view, also for
 *   credit cards (a charge is negative). Only when a file has no negative amount at all but has
 *   debit-type transactions are the debit types negated, with a warning and low confidence.
 * - Dates are the date part as the bank wrote it; the time and `[-5:EST]` zone are ignored, so a
 *   transaction posted late in the evening is not moved to another day by a timezone shift.
 * - Several statements in one file: if they are all for the same account they are combined
 *   (a transaction an earlier statement holds — same FITID, date and amount — is dropped once);
 *   statements for different accounts are refused, naming them, because importing one silently
 *   would leave the others out.
 * - CHECKNUM is a cheque's number on a cheque (TRNTYPE CHECK, or words that name one) and a
 *   reference elsewhere; a file that fills it on (nearly) every row numbers its rows with it
 *   (Banco do Brasil), and it is left out of their descriptions (describeRows).
 */
import { accountsMatching, numberShown, severalAccountsAdvice } from "./account-match.ts";
import { holdsWords, joinDescription } from "./description.ts";
import { transactionIdentity } from "./fingerprint.ts";
import { Decimal } from "./money.ts";
import { listInWords } from "./text.ts";
import {
  StatementParseError,
  zeroAmountLine,
  type Explanation,
  type ParsedStatement,
  type ParseOptions,
  type SkippedLine,
  type StatementRow,
} from "./statement.ts";
import {
  child,
  children,
  decodeDeclared,
  decodeEntities,
  descendants,
  parseXmlDocument,
  refuseOversized,
  textAt,
  type XmlElement,
} from "./xml.ts";

// Reading the file -----------------------------------------------------------------------

interface OfxHeader {
  flavour: "sgml" | "xml";
  version?: string;
  /** The encoding label we decode with, from ENCODING/CHARSET or the XML declaration. */
  charset?: string;
  /** How the header stated it, for `explain`. */
  stated: string;
}

/** `102` → `1.02`, `211` → `2.1.1`, `220` → `2.2`: how OFX versions are usually written. */
function versionName(version: string | undefined): string | undefined {
  if (!version || !/^\d{3}$/.test(version)) return version;
  if (version[0] === "1") return `${version[0]}.${version.slice(1)}`;
  return [version[0], version[1], version[2]].join(".").replace(/\.0$/, "");
}

/** The header is ASCII in every flavour, so it can be read before the encoding is known. */
function readHeader(bytes: Uint8Array): OfxHeader {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1").replace(/^\xef\xbb\xbf/, "");
  const pi = /<\?OFX\b([^?]*)\?>/i.exec(head);
  if (pi) {
    const attr = (name: string) => new RegExp(`${name}\\s*=\\s*"([^"]*)"`, "i").exec(pi[1])?.[1];
    const encoding = /<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
    return {
      flavour: "xml",
      version: attr("VERSION"),
      charset: encoding ?? "UTF-8",
      stated: encoding ? `XML declaration encoding="${encoding}"` : "no XML encoding declared (XML default UTF-8)",
    };
  }
  const fields = new Map<string, string>();
  const bodyStart = head.indexOf("<");
  const headerBlock = bodyStart >= 0 ? head.slice(0, bodyStart) : head;
  for (const line of headerBlock.split(/\r\n|\r|\n/)) {
    const m = /^\s*([A-Z]+)\s*:\s*(.*?)\s*$/i.exec(line);
    if (m) fields.set(m[1].toUpperCase(), m[2]);
  }
  const encoding = fields.get("ENCODING");
  const charset = fields.get("CHARSET");
  // OFX 1.x spells UTF-8 as ENCODING:UNICODE (and later as UTF-8).
  const utf8 = encoding !== undefined && /^(?:utf-?8|unicode)$/i.test(encoding);
  return {
    flavour: /<\?xml/i.test(head) && !fields.has("OFXHEADER") ? "xml" : "sgml",
    version: fields.get("VERSION"),
    charset: utf8 ? "UTF-8" : charset && !/^none$/i.test(charset) ? charset : "none",
    stated: `ENCODING:${encoding ?? "(none)"}, CHARSET:${charset ?? "(none)"}`,
  };
}

/** The aggregates a bank or card statement is made of (OFX 1.x), whether or not the file closes them. */
const STATEMENT_AGGREGATES = [
  "OFX", "SIGNONMSGSRSV1", "SONRS", "STATUS", "BANKMSGSRSV1", "CREDITCARDMSGSRSV1", "STMTTRNRS", "CCSTMTTRNRS", "STMTRS", "CCSTMTRS",
  "BANKACCTFROM", "CCACCTFROM", "BANKTRANLIST", "BANKTRANLISTP", "STMTTRN", "STMTTRNP", "LEDGERBAL", "AVAILBAL",
  "INVSTMTMSGSRSV1", "INVSTMTTRNRS", "INVSTMTRS",
];

/**
 * OFX 1.x SGML to the element tree. Aggregates have close tags (OFX requires them); leaves usually don't
 * (`<TRNAMT>-5.00` then the next tag), some banks close them anyway (`<TRNAMT>-5.00</TRNAMT>`).
 * A tag is an aggregate when it has no text of its own and the file closes that name after
 * other tags somewhere (not right after a value) — so an empty unclosed `<MEMO>` stays a leaf
 * instead of swallowing its siblings — or when it is one of the statement's own aggregates
 * (STATEMENT_AGGREGATES), which some banks leave unclosed or close by the wrong name
 * (`<CCSTMTRS>` … `</STMTRS>`). No OFX aggregate contains itself: one opened while the same
 * name is open closes the earlier one (an unclosed `<STMTTRN>` ends at the next). Close tags
 * that match nothing open are ignored.
 */
export function parseOfxSgml(body: string): XmlElement {
  const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z0-9_.:-]+)[^>]*>/g;
  interface Token {
    close: boolean;
    name: string;
    /** Text after the tag up to the next tag. */
    after: string;
  }
  const tokens: Token[] = [];
  let match: RegExpExecArray | null;
  let lastEnd = -1;
  while ((match = TOKEN.exec(body)) !== null) {
    if (lastEnd >= 0 && tokens.length > 0) tokens[tokens.length - 1].after = body.slice(lastEnd, match.index);
    lastEnd = TOKEN.lastIndex;
    if (match[2] === undefined) continue; // comment or processing instruction
    tokens.push({ close: match[1] === "/", name: match[2].toUpperCase(), after: "" });
  }
  if (tokens.length > 0 && lastEnd >= 0) tokens[tokens.length - 1].after = body.slice(lastEnd);

  const aggregateNames = new Set<string>(STATEMENT_AGGREGATES);
  for (let i = 1; i < tokens.length; i++) {
    const previous = tokens[i - 1];
    const closesAfterValue = !previous.close && previous.name === tokens[i].name;
    if (tokens[i].close && !closesAfterValue) aggregateNames.add(tokens[i].name);
  }

  const document: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [document];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.close) {
      const index = stack.findLastIndex((e) => e.name === token.name);
      if (index > 0) stack.length = index;
      continue;
    }
    const text = decodeEntities(token.after.trim());
    const element: XmlElement = { name: token.name, attributes: {}, children: [], text };
    if (text === "" && aggregateNames.has(token.name)) {
      const open = stack.findLastIndex((e) => e.name === token.name);
      if (open > 0) stack.length = open;
      if (stack.length > 64) throw new StatementParseError("the OFX file nests aggregates more than 64 deep; it is not a statement");
      stack[stack.length - 1].children.push(element);
      stack.push(element);
    } else {
      stack[stack.length - 1].children.push(element);
      if (tokens[i + 1]?.close && tokens[i + 1].name === token.name) i++; // the leaf's own close tag
    }
  }
  const roots = document.children.filter((e) => e.name === "OFX");
  if (roots.length === 0) throw new StatementParseError("the file has an OFX header but no <OFX> element");
  // Several OFX documents one after another (a bank's download of several months is the
  // monthly files concatenated, each with its own header): one envelope holding all their
  // messages, so no month is left unread.
  return roots.length === 1 ? roots[0]! : { ...roots[0]!, children: roots.flatMap((r) => r.children) };
}

// Values ---------------------------------------------------------------------------------

// The time zone in brackets as the specification has it, or bare as some banks write it
// ("20221028120000.000 GMT", "20221028120000 +0100").
const OFX_DATE = /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d{1,6})?)?)?)?\s*(?:\[[^\]]*\]|[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/;

/**
 * `20260105`, `20260105120000`, `20260105120000.000[-5:EST]`, `20260105120000.000 GMT` →
 * `2026-01-05`: the date as the bank wrote it, with no time zone shift.
 */
export function parseOfxDate(text: string): string | null {
  const m = OFX_DATE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** `-12.34`, `+12.34`, `12`, `-.5`, and `-12,34` (the comma decimal some European banks emit). */
export function parseOfxAmount(text: string): Decimal | null {
  const m = /^([+-]?)(\d*)(?:[.,](\d+))?$/.exec(text.trim().replace(/\s/g, ""));
  if (!m || (m[2] === "" && m[3] === undefined)) return null;
  return Decimal.tryParse(`${m[1] === "-" ? "-" : ""}${m[2] || "0"}${m[3] !== undefined ? `.${m[3]}` : ""}`);
}

// Statements -----------------------------------------------------------------------------

type StatementKind = "bank" | "credit-card";

interface OfxAccount {
  kind: StatementKind;
  id: string;
  /** CHECKING, SAVINGS, MONEYMRKT, CREDITLINE … (bank), absent for cards. */
  type?: string;
  bankId?: string;
}

interface OfxTransaction {
  ordinal: number;
  type: string;
  row: StatementRow;
  /** What the row's description is made of, once the file's CHECKNUMs are understood (describeRows). */
  words: { payee?: string; memo?: string; checkNumber?: string };
  /** A correction of an earlier transaction: CORRECTACTION (REPLACE or DELETE) of CORRECTFITID. */
  correction?: { action: "REPLACE" | "DELETE"; of: string };
}

interface OfxStatement {
  account: OfxAccount;
  currency?: string;
  transactions: OfxTransaction[];
  pending: OfxTransaction[];
  /** `unreadDate`: a DTASOF that is not a date ("--"): the balance cannot be placed in time. */
  ledger?: { amount: Decimal; date?: string; unreadDate?: string };
  period?: { from: string; to: string };
}

/** "checking account ending 6789": enough to recognize, without printing the full number. */
function describeAccount(account: OfxAccount): string {
  const ending = account.id.length > 4 ? `ending ${account.id.slice(-4)}` : account.id;
  const kind = account.kind === "credit-card" ? "credit card" : `${(account.type ?? "bank").toLowerCase()} account`;
  return `${kind} ${ending}`;
}

interface Counter {
  next: number;
}

function readTransaction(element: XmlElement, counter: Counter, dateTag: "DTPOSTED" | "DTTRAN", warnings: string[]): OfxTransaction {
  const ordinal = counter.next++;
  const fitId = textAt(element, "FITID");
  const where = `transaction ${ordinal}${fitId ? ` (FITID ${fitId})` : ""}`;
  const fail = (reason: string): never => {
    throw new StatementParseError(`${where}: ${reason}`, { row: ordinal });
  };

  let dateText = textAt(element, dateTag);
  if (dateText === undefined && textAt(element, "DTUSER") !== undefined) {
    dateText = textAt(element, "DTUSER");
    warnings.push(`${where} has no ${dateTag}; its DTUSER date was used`);
  }
  if (dateText === undefined) fail(`no ${dateTag} date`);
  const date = parseOfxDate(dateText!) ?? fail(`${dateTag} "${dateText}" is not an OFX date (YYYYMMDD…)`);
  const userDate = textAt(element, "DTUSER");
  if (userDate !== undefined && parseOfxDate(userDate) === null) fail(`DTUSER "${userDate}" is not an OFX date (YYYYMMDD…)`);
  const availableText = textAt(element, "DTAVAIL");
  const valueDate = availableText === undefined ? undefined : (parseOfxDate(availableText) ?? fail(`DTAVAIL "${availableText}" is not an OFX date`));

  const amountText = textAt(element, "TRNAMT") ?? fail("no TRNAMT amount");
  const amount = parseOfxAmount(amountText) ?? fail(`TRNAMT "${amountText}" is not an amount`);

  const type = (textAt(element, "TRNTYPE") ?? "OTHER").toUpperCase();
  const payee = textAt(element, "NAME") ?? textAt(element, "PAYEE/NAME") ?? textAt(element, "PAYEEID");
  const memo = textAt(element, "MEMO");
  const checkNumber = textAt(element, "CHECKNUM");
  const ownCurrency = textAt(element, "CURRENCY/CURSYM");

  const row: StatementRow = {
    sourceRow: ordinal,
    date,
    ...(valueDate ? { valueDate } : {}),
    amount,
    description: "", // describeRows, when the whole file is read
    ...(payee ? { payee: payee.replace(/\s+/g, " ") } : {}),
    ...(ownCurrency ? { currency: ownCurrency.toUpperCase() } : {}),
    ...(fitId ? { bankId: fitId } : {}),
  };
  const correctAction = textAt(element, "CORRECTACTION")?.toUpperCase();
  const correctFitId = textAt(element, "CORRECTFITID");
  if (correctAction !== undefined && correctAction !== "REPLACE" && correctAction !== "DELETE") fail(`CORRECTACTION "${correctAction}" is neither REPLACE nor DELETE`);
  if (correctAction !== undefined && !correctFitId) fail(`CORRECTACTION ${correctAction} names no CORRECTFITID`);
  const correction = correctAction && correctFitId ? { action: correctAction as "REPLACE" | "DELETE", of: correctFitId } : undefined;
  return {
    ordinal,
    type,
    row,
    words: { ...(payee ? { payee } : {}), ...(memo ? { memo } : {}), ...(checkNumber ? { checkNumber } : {}) },
    ...(correction ? { correction } : {}),
  };
}

/**
 * The bank's corrections applied (OFX's CORRECTFITID and CORRECTACTION): a REPLACE takes the
 * place of the transaction it names, a DELETE takes that transaction away and is none itself.
 * Both stay listed among the skipped lines. A correction of a transaction this file does not
 * hold (an earlier download's, perhaps already in the ledger) cannot be applied here: a
 * replacement is kept as a transaction of its own, a deletion dropped, and each is warned about.
 */
function applyCorrections(transactions: OfxTransaction[], skipped: SkippedLine[], warnings: string[]): OfxTransaction[] {
  const removed = new Set<OfxTransaction>();
  for (const t of transactions) {
    if (!t.correction) continue;
    const { action, of } = t.correction;
    const target = transactions.find((x) => x !== t && !removed.has(x) && x.row.bankId === of && !x.correction);
    const self = `FITID ${t.row.bankId ?? "(none)"}`;
    if (target) {
      removed.add(target);
      skipped.push({ sourceRow: target.ordinal, reason: "not-a-transaction", text: `FITID ${of} ${action === "DELETE" ? "deleted" : "replaced"} by the bank (${self})` });
    } else {
      warnings.push(
        `transaction ${t.ordinal} (${self}) ${action === "DELETE" ? "deletes" : "replaces"} FITID ${of}, which is not in this file: ` +
          (action === "DELETE" ? "if an earlier import posted it, void that row" : "it was kept as a transaction; if an earlier import posted the one it replaces, void that row"),
      );
    }
    if (action === "DELETE") {
      removed.add(t);
      skipped.push({ sourceRow: t.ordinal, reason: "not-a-transaction", text: `${self} deletes FITID ${of}` });
    }
  }
  return transactions.filter((t) => !removed.has(t));
}

/** Words that name a cheque, in the languages OFX files come in — not a US "check card" (a debit card). */
const CHEQUE_WORDS = /(?<![\p{L}\p{N}])(?:check(?!\s*card)|cheque|chèque|chq|cheq|scheck|assegno|czek)(?![\p{L}\p{N}])/iu;

/** The length of an OFX 1.x NAME: banks cut longer names there. */
const OFX_NAME_LIMIT = 32;

/** A text as a reader compares it: case and white space aside. */
function comparable(text: string): string {
  return text.replace(/\s+/g, "").toLowerCase();
}

/** A file whose CHECKNUMs are document numbers: on this share of its rows at least (and on this many). */
const DOCUMENT_NUMBERS_SHARE = 0.9;
const DOCUMENT_NUMBERS_MIN = 5;

/**
 * Each row's description: payee, memo, and its CHECKNUM as the standard means it, a cheque's
 * number ("check 1043", unless the words already say it) — only where the row is a cheque:
 * TRNTYPE CHECK, or words that name one. A CHECKNUM elsewhere is a reference, said bare after the
 * words; and in a file that fills CHECKNUM on (nearly) every row, not cheques alone (Banco do
 * Brasil's document numbers, "Juros Cheque Especial" an overdraft's interest), it is the file's
 * numbering of its rows and left out, cheques apart. Returns the explanation when it was.
 */
function describeRows(transactions: OfxTransaction[]): Explanation | undefined {
  // A NAME cut at OFX 1.x's 32 characters, its text going on in MEMO (Wells Fargo's "PURCHASE
  // AUTHORIZED ON 01/04 TRA" + "DER JOE S #127 …"): one text, joined where it was cut — when the
  // file cuts its names so (several at exactly 32), the cut falls inside a word, and MEMO goes
  // on from the NAME rather than repeating it from its start (below).
  const named = transactions.filter((t) => t.words.payee !== undefined);
  const cutAtLimit = named.filter((t) => t.words.payee!.length === OFX_NAME_LIMIT);
  const cutsNames = cutAtLimit.length >= 3 && cutAtLimit.length >= named.length * 0.2;
  const numbered = transactions.filter((t) => t.words.checkNumber !== undefined);
  const notCheques = numbered.filter((t) => t.type !== "CHECK");
  const documentNumbers = numbered.length >= DOCUMENT_NUMBERS_MIN && numbered.length >= transactions.length * DOCUMENT_NUMBERS_SHARE && notCheques.length > 0;
  for (const t of transactions) {
    const { checkNumber } = t.words;
    let { payee, memo } = t.words;
    // A NAME that is the start of MEMO, often cut short (Navy Federal's "POS Debit- Debit Card
    // 4821 Trans" beside "POS Debit- Debit Card 4821 Transaction 02-29-24 NEX NORFOLK …"): MEMO
    // repeats it and says the rest, so it is the text alone — neither continued by its own
    // beginning nor said twice.
    if (payee !== undefined && memo !== undefined && comparable(memo).startsWith(comparable(payee))) payee = undefined;
    if (cutsNames && payee?.length === OFX_NAME_LIMIT && memo !== undefined && /[\p{L}\p{N}]$/u.test(payee) && /^[\p{L}\p{N}]/u.test(memo)) {
      payee = `${payee}${memo}`;
      memo = undefined;
    }
    const said = [payee, memo].filter((w): w is string => w !== undefined);
    let number: string | undefined;
    if (checkNumber !== undefined) {
      const cheque = t.type === "CHECK" || (!documentNumbers && said.some((w) => CHEQUE_WORDS.test(w)));
      if (cheque) number = said.some((w) => holdsWords(w, checkNumber)) ? undefined : `check ${checkNumber}`;
      else if (!documentNumbers) number = checkNumber;
    }
    t.row.description = joinDescription([payee, memo, number]) || t.type;
  }
  if (!documentNumbers) return undefined;
  return {
    step: "check numbers",
    decision: "CHECKNUM is the file's document number, left out of descriptions (a cheque's is kept)",
    evidence: `${numbered.length} of ${transactions.length} transactions carry one, ${notCheques.length} of them not cheques (TRNTYPE)`,
  };
}

function readStatement(element: XmlElement, counter: Counter, warnings: string[]): OfxStatement {
  const card = element.name === "CCSTMTRS";
  const from = child(element, card ? "CCACCTFROM" : "BANKACCTFROM");
  const account: OfxAccount = {
    kind: card ? "credit-card" : "bank",
    id: textAt(from, "ACCTID") ?? "(no account id)",
    ...(textAt(from, "ACCTTYPE") ? { type: textAt(from, "ACCTTYPE")!.toUpperCase() } : {}),
    ...(textAt(from, "BANKID") ? { bankId: textAt(from, "BANKID") } : {}),
  };
  const list = child(element, "BANKTRANLIST");
  const transactions = children(list, "STMTTRN").map((t) => readTransaction(t, counter, "DTPOSTED", warnings));
  const pendingList = child(element, "BANKTRANLISTP");
  const pending = children(pendingList, "STMTTRNP").map((t) => readTransaction(t, counter, "DTTRAN", warnings));

  let ledger: OfxStatement["ledger"];
  const ledgerText = textAt(element, "LEDGERBAL/BALAMT");
  if (ledgerText !== undefined) {
    const amount = parseOfxAmount(ledgerText);
    if (!amount) throw new StatementParseError(`LEDGERBAL/BALAMT "${ledgerText}" is not an amount`);
    const dateText = textAt(element, "LEDGERBAL/DTASOF");
    const date = dateText === undefined ? undefined : parseOfxDate(dateText);
    // Not a reason to refuse the rows: a balance that cannot be dated is only not used.
    ledger = { amount, ...(date ? { date } : {}), ...(date === null ? { unreadDate: dateText } : {}) };
  }

  const start = textAt(list, "DTSTART");
  const end = textAt(list, "DTEND");
  const periodFrom = start ? parseOfxDate(start) : null;
  const periodTo = end ? parseOfxDate(end) : null;
  const currency = textAt(element, "CURDEF")?.toUpperCase();
  return {
    account,
    ...(currency ? { currency } : {}),
    transactions,
    pending,
    ...(ledger ? { ledger } : {}),
    ...(periodFrom && periodTo ? { period: { from: periodFrom, to: periodTo } } : {}),
  };
}

/** Why a file with an OFX envelope holds no bank or card statement, as specifically as it says. */
function noStatementReason(ofx: XmlElement): string {
  if (descendants(ofx, "INVSTMTRS").length > 0) {
    return "this OFX file is an investment (brokerage) statement; Cashline imports bank and credit-card statements";
  }
  const problems = [...descendants(ofx, "STATUS")]
    .filter((s) => textAt(s, "CODE") !== undefined && textAt(s, "CODE") !== "0")
    .map((s) => `${textAt(s, "CODE")}${textAt(s, "MESSAGE") ? ` ${textAt(s, "MESSAGE")}` : ""}`);
  if (problems.length > 0) return `the OFX file holds no statement; the bank's server answered with error ${problems.join("; ")}`;
  return "the OFX file holds no bank (STMTRS) or credit-card (CCSTMTRS) statement";
}

// Signs ------------------------------------------------------------------------------------

/** Transaction types that take money out of the account (for cards: charges). */
const DEBIT_TYPES: Record<StatementKind, ReadonlySet<string>> = {
  bank: new Set(["DEBIT", "PAYMENT", "CHECK", "ATM", "POS", "FEE", "SRVCHG", "DIRECTDEBIT", "REPEATPMT", "CASH"]),
  "credit-card": new Set(["DEBIT", "POS", "FEE", "SRVCHG", "ATM", "CASH", "CHECK"]),
};

/**
 * Some banks write every TRNAMT unsigned and let TRNTYPE carry the direction. Only a file with
 * no negative amount at all but with debit-type transactions is read that way.
 */
function unsignedDebits(transactions: OfxTransaction[], kind: StatementKind): OfxTransaction[] {
  if (transactions.some((t) => t.row.amount.isNegative())) return [];
  return transactions.filter((t) => DEBIT_TYPES[kind].has(t.type) && !t.row.amount.isZero());
}

/** Shared FITIDs warned about one by one; more are counted in one warning. */
const SHARED_FITIDS_SAID = 5;

/**
 * Warns of a FITID the file gives to more than one of the transactions it posts. All are kept:
 * the ledger knows a row with a bank id by the id with its date and amount (fingerprint.ts), so
 * transactions that differ in either stay apart — and banks do reuse FITIDs (a card fee carries
 * its purchase's). But a FITID is meant to name one transaction, and what keys on it (a bank's
 * own duplicate check, another program the file is imported into) may take one for the other:
 * said, naming the rows. Ones of the same date and amount are said too: two equal payments, or
 * (in the same words) perhaps one listed twice. A bank that numbers its FITIDs anew in each statement (0000001, 0000002 …)
 * gives many of them again in the next: that is said once, for all of them.
 */
function sharedFitIds(transactions: readonly OfxTransaction[], statementOf: ReadonlyMap<OfxTransaction, number>, warnings: string[]): void {
  const byId = new Map<string, OfxTransaction[]>();
  for (const t of transactions) {
    const id = t.row.bankId;
    if (id === undefined) continue;
    const same = byId.get(id);
    if (same) same.push(t);
    else byId.set(id, [t]);
  }
  const shared = [...byId].filter(([, ts]) => ts.length > 1);
  // Each in a statement of its own: the FITIDs of one statement given again by the next.
  const renumbered = shared.filter(([, ts]) => new Set(ts.map((t) => statementOf.get(t))).size === ts.length);
  const oneByOne = renumbered.length > 1 ? shared.filter((s) => !renumbered.includes(s)) : shared;
  const said = oneByOne.map(([id, ts]) => {
    const amounts = new Set(ts.map((t) => t.row.amount.textAtScale(4)));
    const dates = new Set(ts.map((t) => t.row.date));
    const how = amounts.size > 1 ? "different amounts" : dates.size > 1 ? "the same amount on different dates" : "the same date and amount";
    const ordinals = ts.map((t) => t.ordinal);
    const rows = listInWords(ordinals.map(String));
    const each = ts.map((t) => `${t.row.amount.toString()} on ${t.row.date}`).join(", ");
    // Words that differ too tell two transactions apart (a Brazilian bank's FITID made of the date and amount).
    const sameWords = new Set(ts.map((t) => t.row.description.trim().toLowerCase())).size === 1;
    const check = amounts.size === 1 && dates.size === 1 && sameWords ? " — if the bank listed one transaction twice, void one" : "";
    return `FITID ${id} is given to ${ts.length === 2 ? "two transactions" : `${ts.length} transactions`} with ${how} (rows ${rows}: ${each}): ${ts.length === 2 ? "both" : "all"} kept${check}`;
  });
  warnings.push(...said.slice(0, SHARED_FITIDS_SAID));
  if (said.length > SHARED_FITIDS_SAID) {
    const more = oneByOne.slice(SHARED_FITIDS_SAID).map(([id]) => id);
    warnings.push(`${more.length} more FITIDs are each given to more than one transaction (${listIds(more)}): all kept`);
  }
  if (renumbered.length > 1) {
    const ids = renumbered.map(([id]) => id);
    const rows = renumbered.reduce((n, [, ts]) => n + ts.length, 0);
    warnings.push(
      `${ids.length} FITIDs (${listIds(ids)}) are each given to transactions of different statements in the file, ${rows} in all, ` +
        "which differ in date or amount — the bank numbers its FITIDs anew in each statement: all kept",
    );
  }
}

/** `A, B, C … Z`: a list of ids short enough for a message. */
function listIds(ids: readonly string[]): string {
  return ids.length <= 4 ? ids.join(", ") : `${ids.slice(0, 3).join(", ")} … ${ids.at(-1)}`;
}

// Entry point ------------------------------------------------------------------------------

function sameAccount(a: OfxAccount, b: OfxAccount): boolean {
  return a.kind === b.kind && a.id === b.id && (a.bankId === undefined || b.bankId === undefined || a.bankId === b.bankId);
}

function byDate(rows: StatementRow[]): StatementRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : a.index - b.index))
    .map((r) => r.row);
}

export function parseOfxStatement(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  refuseOversized(bytes.byteLength, "OFX");
  const warnings: string[] = [];
  const explain: Explanation[] = [];
  let confidence: ParsedStatement["confidence"] = "high";

  const header = readHeader(bytes);
  const decoded = decodeDeclared(bytes, header.charset);
  if (decoded.fallback) warnings.push(`the OFX header ${decoded.fallback}; the file was read as ${decoded.encoding}`);
  // Text that may be garbled is shown to a person before it is posted (as MT940, QIF and CSV do).
  if (decoded.doubt) {
    warnings.push(`the text's encoding is in doubt: ${decoded.doubt}`);
    confidence = "low";
  }
  explain.push({
    step: "format",
    decision: header.flavour === "xml" ? `OFX ${versionName(header.version) ?? "2.x"} (XML)` : `OFX ${versionName(header.version) ?? "1.x"} (SGML)`,
    evidence: /INTU\.BID/i.test(decoded.text) ? "QFX: Quicken's OFX with an INTU.BID" : undefined,
  });
  explain.push({ step: "encoding", decision: decoded.encoding, evidence: decoded.fallback ? `${header.stated}; ${decoded.fallback}` : header.stated });

  const start = decoded.text.search(/<OFX\b/i);
  if (start < 0) throw new StatementParseError("the file has an OFX header but no <OFX> element");
  // A download of several periods can be the period files one after another, each a whole
  // OFX document: read as one file (parseOfxSgml joins their envelopes).
  const documents = decoded.text.match(/<OFX\b[^>]*>/gi)?.length ?? 0;
  if (documents > 1) explain.push({ step: "documents", decision: `${documents} OFX documents one after another, read as one file`, evidence: "each with its own <OFX> envelope" });
  let ofx: XmlElement;
  if (header.flavour === "xml") {
    try {
      // The whole document, prolog included, so that a DOCTYPE before <OFX> is seen and refused.
      ofx = parseXmlDocument(decoded.text.slice(Math.max(0, decoded.text.indexOf("<"))), "OFX");
    } catch (error) {
      if (!(error instanceof StatementParseError) || /DOCTYPE/.test(error.message)) throw error;
      // Several banks label SGML-style bodies (unclosed leaves) as OFX 2; read them tolerantly.
      // (Several XML documents in a row are no well-formed document either: read the same way.)
      if (documents < 2) warnings.push(`the file says it is OFX 2 (XML) but is not well-formed XML (${error.reason}); it was read as OFX 1 SGML`);
      ofx = parseOfxSgml(decoded.text.slice(start));
    }
  } else {
    ofx = parseOfxSgml(decoded.text.slice(start));
  }

  const counter: Counter = { next: 1 };
  const statementElements = [...descendants(ofx, "STMTRS"), ...descendants(ofx, "CCSTMTRS")];
  if (statementElements.length === 0) throw new StatementParseError(noStatementReason(ofx));
  const statements = statementElements.map((s) => readStatement(s, counter, warnings));
  const numbering = describeRows(statements.flatMap((s) => [...s.transactions, ...s.pending]));
  if (numbering) explain.push(numbering);
  // Every transaction in the file must have been read as part of a statement: one left outside
  // (tags that do not nest as OFX requires) would otherwise be lost without a word.
  const read = statements.reduce((n, s) => n + s.transactions.length + s.pending.length, 0);
  const inFile = descendants(ofx, "STMTTRN").length + descendants(ofx, "STMTTRNP").length;
  if (read < inFile) {
    throw new StatementParseError(
      `${inFile - read} of the file's ${inFile} transactions (STMTTRN) are not inside a statement's transaction list (BANKTRANLIST): ` +
        "its tags do not nest as OFX requires; download the statement again, or as CSV",
    );
  }

  let account = statements[0].account;
  if (statements.some((s) => !sameAccount(s.account, account))) {
    const accounts = statements.map((s) => s.account).filter((a, i, all) => all.findIndex((b) => sameAccount(a, b)) === i);
    const names = accounts.map(describeAccount);
    const matches = accountsMatching(accounts.map((a) => a.id), options.accountNumber);
    if (matches.length !== 1) {
      throw new StatementParseError(`this OFX file holds statements for ${accounts.length} accounts (${names.join(", ")}); ${severalAccountsAdvice(options.accountNumber, matches.length)}`);
    }
    account = accounts[matches[0]!]!;
    statements.splice(0, statements.length, ...statements.filter((s) => sameAccount(s.account, account)));
    explain.push({ step: "account", decision: `read the ${describeAccount(account)} only`, evidence: `the file holds ${accounts.length} accounts (${names.join(", ")}); its number agrees with the one set for the account uploaded to (${numberShown(options.accountNumber!)})` });
  }
  const currencies = [...new Set(statements.map((s) => s.currency).filter((c): c is string => c !== undefined))];
  if (currencies.length > 1) {
    throw new StatementParseError(`this OFX file holds statements for ${describeAccount(account)} in several currencies (${currencies.join(", ")})`);
  }
  const currency = currencies[0];

  explain.push({
    step: "account type",
    decision: account.kind === "credit-card" ? "credit card (CCSTMTRS)" : `bank account (STMTRS${account.type ? `, ${account.type}` : ""})`,
    evidence: describeAccount(account),
  });
  if (options.accountKind && options.accountKind !== account.kind) {
    warnings.push(
      `the upload was marked as a ${options.accountKind === "credit-card" ? "credit-card" : "bank"} account, but the file is a ` +
        `${account.kind === "credit-card" ? "credit-card" : "bank"} statement; the file's signs were used`,
    );
  }
  if (statements.length > 1) {
    explain.push({ step: "statements", decision: `${statements.length} statements for the same account, combined` });
  }

  // Combine, dropping transactions an earlier statement of the same account already holds
  // (overlapping periods). Within one statement every transaction stays: banks reuse FITIDs
  // (a card fee carries its purchase's), so a repeat is the same FITID, date and amount, and
  // counted — a statement with a FITID twice covers an earlier one's two, not more.
  const skipped: SkippedLine[] = [];
  const transactions: OfxTransaction[] = [];
  const earlier = new Map<string, number>();
  for (const statement of statements) {
    const here = new Map<string, number>();
    for (const t of statement.transactions) {
      const id = t.row.bankId;
      if (id === undefined) {
        transactions.push(t);
        continue;
      }
      // The ledger's own identity of a row with a bank id: the id with the date and amount.
      const key = transactionIdentity(t.row);
      const seen = (here.get(key) ?? 0) + 1;
      here.set(key, seen);
      if (seen <= (earlier.get(key) ?? 0)) {
        skipped.push({ sourceRow: t.ordinal, reason: "not-a-transaction", text: `FITID ${id} repeats a transaction of an earlier statement` });
        continue;
      }
      transactions.push(t);
    }
    for (const [key, count] of here) earlier.set(key, Math.max(count, earlier.get(key) ?? 0));
  }
  if (skipped.length > 0) warnings.push(`${skipped.length} transaction(s) appeared in more than one of the file's statements and were kept once`);
  const corrections = transactions.filter((t) => t.correction).length;
  if (corrections > 0) {
    explain.push({ step: "corrections", decision: `${corrections} correction(s) applied (CORRECTACTION)`, evidence: "a REPLACE takes the place of the transaction it names; a DELETE takes it away" });
    transactions.splice(0, transactions.length, ...applyCorrections(transactions, skipped, warnings));
  }
  // A transaction of exactly 0.00 moves no money (a credit union's month-end "DIVIDEND EARNED
  // 0.00"): listed among the skipped lines, not posted — as the CSV reader does. After the
  // corrections, so that a correction naming it still finds it.
  const zero = transactions.filter((t) => t.row.amount.isZero());
  if (zero.length > 0) {
    for (const t of zero) skipped.push(zeroAmountLine(t.row, `TRNTYPE ${t.type}`));
    transactions.splice(0, transactions.length, ...transactions.filter((t) => !zero.includes(t)));
  }
  const pending = statements.flatMap((s) => s.pending);

  const flipped = unsignedDebits(transactions, account.kind);
  if (flipped.length > 0) {
    for (const t of flipped) t.row = { ...t.row, amount: t.row.amount.neg() };
    for (const t of pending.filter((p) => DEBIT_TYPES[account.kind].has(p.type) && p.row.amount.sign() > 0)) {
      t.row = { ...t.row, amount: t.row.amount.neg() };
    }
    confidence = "low";
    warnings.push(
      `every TRNAMT in the file is positive, so the direction was taken from TRNTYPE: ${flipped.length} ` +
        `debit-type transaction(s) (${[...new Set(flipped.map((t) => t.type))].join(", ")}) were made negative`,
    );
    explain.push({ step: "sign rule", decision: "TRNTYPE decides the sign (amounts are unsigned in this file)" });
  } else {
    explain.push({
      step: "sign rule",
      decision: "TRNAMT as signed in the file",
      evidence: "OFX amounts are from the account holder's view (money out negative), also for credit cards",
    });
  }

  sharedFitIds(transactions, new Map(statements.flatMap((st, i) => st.transactions.map((t) => [t, i] as const))), warnings);

  const rows = byDate(transactions.map((t) => t.row));
  if (rows.some((r, i) => r !== transactions[i].row)) {
    explain.push({ step: "order", decision: "sorted by posting date", evidence: "the file does not list transactions oldest first" });
  }

  // Balances: LEDGERBAL is the closing balance. The latest one wins when statements combine.
  const ledgers = statements.map((s) => s.ledger).filter((l): l is NonNullable<OfxStatement["ledger"]> => l !== undefined);
  const ledger = ledgers.reduce<(typeof ledgers)[number] | undefined>(
    (latest, l) => (latest === undefined || (l.date ?? "") >= (latest.date ?? "") ? l : latest),
    undefined,
  );
  // LEDGERBAL is the closing balance only when it is dated at or after the last transaction;
  // one dated earlier (some banks date it to the request, mid-period) would misstate both ends.
  let openingBalance: Decimal | undefined;
  let closingBalance: Decimal | undefined;
  if (ledger) {
    const lastDate = rows.at(-1)?.date;
    const total = Decimal.sum(rows.map((r) => r.amount));
    if (ledger.date !== undefined && (lastDate === undefined || ledger.date >= lastDate)) {
      closingBalance = ledger.amount;
      openingBalance = ledger.amount.sub(total);
      explain.push({
        step: "balances",
        decision: "closing = LEDGERBAL; opening = closing − sum of amounts",
        evidence: `the ledger balance is dated ${ledger.date}${lastDate ? `, at or after the last transaction (${lastDate})` : ""}`,
      });
    } else {
      const why = ledger.date
        ? `the ledger balance (${ledger.amount.toString()}) is dated ${ledger.date}, before the last transaction (${lastDate})`
        : ledger.unreadDate !== undefined
          ? `the ledger balance (${ledger.amount.toString()}) is dated "${ledger.unreadDate}", which is not a date`
          : `the ledger balance (${ledger.amount.toString()}) has no DTASOF date`;
      warnings.push(`${why}, so it is not used as the closing balance and no opening balance is derived`);
      explain.push({ step: "balances", decision: "none", evidence: why });
    }
  } else {
    explain.push({ step: "balances", decision: "none", evidence: "the file has no LEDGERBAL" });
  }

  const periods = statements.map((s) => s.period).filter((p): p is { from: string; to: string } => p !== undefined);
  const period =
    periods.length > 0
      ? { from: periods.map((p) => p.from).sort()[0], to: periods.map((p) => p.to).sort().at(-1)! }
      : undefined;
  if (currency) explain.push({ step: "currency", decision: currency, evidence: "CURDEF" });
  explain.push({
    step: "counts",
    decision: `${rows.length} posted, ${pending.length} pending`,
    evidence: `${statements.length} statement(s), ${counter.next - 1} transaction element(s)${zero.length > 0 ? `, ${zero.length} of 0.00 skipped` : ""}`,
  });

  return {
    format: "ofx",
    rows,
    ...(openingBalance ? { openingBalance, openingDerived: true as const } : {}),
    ...(closingBalance ? { closingBalance } : {}),
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    pending: pending.map((p) => p.row),
    skipped,
    warnings,
    explain: explain.map((e) => (e.evidence === undefined ? { step: e.step, decision: e.decision } : e)),
    confidence,
  };
}
