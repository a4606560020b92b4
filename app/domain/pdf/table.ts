/**
 * The transaction table of a statement PDF: found by its header row, its columns placed where
 * the header words are, and each later line cut into cells by position. Pure.
 */
import type { PdfLine, PdfSegment, PdfWord } from "./extract.ts";
import { letterMarkedMoney, looksLikeMoney, standaloneLetterMark, standaloneMark, type AmountMark } from "./amounts.ts";
import { textMemo } from "./text-memo.ts";
import { KNOWN_CURRENCIES } from "../money.ts";
import {
  AMOUNT_IN_CURRENCY_COLUMN,
  COMMON_CURRENCIES,
  BRANCH_COLUMN,
  CATEGORY_COLUMN,
  CURRENCY_COLUMN,
  currencyOfCell,
  DIRECTION_COLUMN,
  HEADER_PHRASE_ROLES,
  LONGEST_HEADER_PHRASE,
  NUMERIC_ROLES,
  fold,
  headerWordKey,
  isCurrencyUnitToken,
  isNeutralHeaderToken,
  OTHER_HEADER_WORDS,
  type ColumnRole,
} from "./vocabulary.ts";

export interface Column {
  role: ColumnRole;
  /** The header text, as printed. */
  label: string;
  x0: number;
  x1: number;
  /** The currency printed after the name in its cell ("Amount (BHD)": "(BHD)"), which the label leaves out. */
  unit?: string;
  /** A gross or fee column beside the net one (netBesideFees): its cells are neither the row's
   *  amount nor its text. */
  unread?: true;
}

export interface TableLayout {
  /** Left to right. */
  columns: Column[];
  /** The header's line(s) on its page (two when the header wraps: "Paid" over "out"). */
  headerLines: PdfLine[];
  /** Typical font size of the header, the unit for tolerances. */
  em: number;
  /** A second date is printed under each row's date, in the same column ("Data operacji" over "Data waluty"). */
  stackedDates?: boolean;
  /** Where the header names columns Cashline does not read apart ("Chq./Ref.No.", "Type", "Dekont No"): their text is the row's, after its description. */
  otherColumns?: OtherColumn[];
}

/** A column Cashline does not read apart, and its header's words (folded). */
export interface OtherColumn {
  x0: number;
  x1: number;
  label: string;
}

/** Header words that only count when they stand alone in their cell: "in" and "out" are
 *  columns in "Money | In | Out" but ordinary words in "Amount in EUR"; so are a currency's
 *  name in "PESOS | DÓLARES" and "Saldo en pesos". */
const WEAK_WORDS = new Set(["pesos", "dolares", "u$s", "in", "out", "af", "bij", "tag", "day", "text", "value", "naam", "data", "valeur", "posted", "processed", "val", "transaction", "payments", "charges", "reference", "activity", "memo", "operation", "umsatz", "buchung", "valor", "received", "spent", "frais", "fees", "gebuhren", "comisiones", "income"]);

/** Header phrases keyed like the words they are matched against. */
const PHRASE_ROLES = new Map<string, ColumnRole>(
  [...HEADER_PHRASE_ROLES].map(([phrase, role]) => [phrase.split(" ").map(headerWordKey).join(" "), role]),
);

/** The words a header phrase can start with: a line with none of them names no column. */
const PHRASE_FIRST_WORDS = new Set([...PHRASE_ROLES.keys()].map((phrase) => phrase.split(" ")[0]!));

// Every line of a statement is asked whether it is a table header, and the same words recur.
const wordKeys = textMemo<string>();

function wordKey(text: string): string {
  return wordKeys.get(text) ?? wordKeys.set(text, headerWordKey(text));
}

function mayNameAColumn(line: PdfLine): boolean {
  for (const s of line.segments) for (const w of s.words) if (PHRASE_FIRST_WORDS.has(wordKey(w.text))) return true;
  return false;
}

interface HeaderWord {
  key: string;
  text: string;
  x0: number;
  x1: number;
  /** The word is its line segment's only word. */
  alone: boolean;
  /** Which line segment (header cell) the word is printed in. */
  cell: number;
}

/** A dash standing alone between a column name's words ("Payments - out (€)": EBS, Bank of
 *  Ireland), which is no word of the name: "payments out" is the name. */
const LONE_DASH = /^[-‐‒–—―]$/;

function headerWords(segments: readonly PdfSegment[]): HeaderWord[] {
  return segments.flatMap((s, cell) => {
    const words: { text: string; x0: number; x1: number }[] = [];
    s.words.forEach((w, k) => {
      // The dash's room joins the word before it, so that no gap opens where it stood.
      if (LONE_DASH.test(w.text) && k > 0 && k < s.words.length - 1) words.at(-1)!.x1 = w.x1;
      else words.push({ text: w.text, x0: w.x0, x1: w.x1 });
    });
    return words.map((w) => ({ key: stackedKey(w.text), text: w.text, x0: w.x0, x1: w.x1, alone: words.length === 1, cell }));
  });
}

/**
 * A header cell's words are one name: a cell that starts with a description's name and goes on
 * in words that start no column's name ("Description of Transaction or Credit": Synchrony) is the
 * description, all of it — its "Credit" no credit column. The number of words after the phrase
 * that the cell takes (0 when the next word of the cell starts a name of its own: two names set
 * close together, "Buchung Valuta").
 */
function restOfDescriptionCell(words: readonly HeaderWord[], end: number): number {
  const cell = words[end - 1]!.cell;
  const next = words[end];
  if (next === undefined || next.cell !== cell || PHRASE_FIRST_WORDS.has(next.key)) return 0;
  let n = 0;
  while (words[end + n]?.cell === cell) n++;
  return n;
}

/** A stacked cell's words ("TRANS." over "DATE") keyed each as a word of a phrase is: "trans date".
 *  A currency's code closing the cell ("Дугује" over "(RSD)", "Сума в валюті" over "рахунку, UAH")
 *  is the column's unit, no word of its name (the label keeps it, and says the currency). */
function stackedKey(text: string): string {
  if (!text.includes(" ")) return wordKey(text);
  const keys = text.split(/\s+/).filter((w) => w !== "" && !LONE_DASH.test(w)).map(wordKey);
  if (keys.length > 1 && isCurrencyUnitToken(keys.at(-1)!)) keys.pop();
  return keys.join(" ");
}

interface HeaderMatch {
  columns: Column[];
  /** Header words that name no column Cashline reads apart, merged where they touch. */
  others: OtherColumn[];
  /** Share of the line's (non-neutral) words that are header words. */
  coverage: number;
  /** The words (as printed) that are no header word: names of columns Cashline does not know. */
  unknown: string[];
}

/** Finds header phrases among the words, longest first; the result says how much of the
 *  line they explain (a sentence that mentions "date" and "amount" explains little). */
function matchHeader(words: readonly HeaderWord[], em: number): HeaderMatch {
  const columns: Column[] = [];
  const others: OtherColumn[] = [];
  const unknown: string[] = [];
  let covered = 0;
  let counted = 0;
  for (let i = 0; i < words.length; ) {
    // A figure of the year so far beside the period's ("Income | Income Year To Date", "YTD"): a
    // column not read apart, and its "Date" no date column.
    const ytd = yearToDateAt(words, i, em);
    if (ytd > 0) {
      covered += ytd;
      counted += ytd;
      const named = words.slice(i, i + ytd);
      const last = others.at(-1);
      if (last && named[0]!.x0 - last.x1 <= 1.5 * em) {
        last.x1 = named.at(-1)!.x1;
        last.label = `${last.label} ${named.map((w) => w.key).join(" ")}`;
      } else others.push({ x0: named[0]!.x0, x1: named.at(-1)!.x1, label: named.map((w) => w.key).join(" ") });
      i += ytd;
      continue;
    }
    let matched = 0;
    for (let n = Math.min(LONGEST_HEADER_PHRASE, words.length - i); n >= 1 && matched === 0; n--) {
      const slice = words.slice(i, i + n);
      // A phrase does not jump across a column gap.
      if (slice.some((w, k) => k > 0 && w.x0 - slice[k - 1].x1 > 1.5 * em)) continue;
      const role = phraseRole(slice) ?? sideAfterAmountWord(words, i, n);
      if (!role) continue;
      // A weak word counts beside another word of its cell only when that one names a column too
      // (Commerzbank's "Buchung Valuta", set close together): two column names, not a sentence.
      // (So does one whose cell goes on with a longer name set close: "OUT ACCOUNT BALANCE", Starling's
      // "Out" and "Account Balance" read as one cell.)
      if (n === 1 && WEAK_WORDS.has(slice[0].key) && !slice[0].alone && !phraseFollows(words, i + 1, slice[0].x1, em)) continue;
      const rest = role === "description" ? restOfDescriptionCell(words, i + n) : 0;
      const named = words.slice(i, i + n + rest);
      // The unit printed after the name in its cell ("Amount (QAR)", "Balance BHD") is the
      // column's: right-aligned money under it is the column's, not a stray figure's.
      const unit = unitAfterName(words, i + n + rest, em);
      const extent = unit > 0 ? words[i + n + rest + unit - 1]!.x1 : named.at(-1)!.x1;
      columns.push({ role, label: named.map((w) => w.text).join(" "), x0: named[0]!.x0, x1: extent, ...(unit > 0 ? { unit: words[i + n + rest + unit - 1]!.text } : {}) });
      matched = n + rest + unit;
    }
    if (matched > 0) {
      covered += matched;
      counted += matched;
      i += matched;
    } else {
      const word = words[i];
      if (OTHER_HEADER_WORDS.has(word.key) || otherHeaderPhrase(word.key)) {
        covered++;
        counted++;
      } else if (!isNeutralHeaderToken(word.key)) {
        counted++;
        unknown.push(word.text);
      }
      if (!isNeutralHeaderToken(word.key)) {
        const last = others.at(-1);
        if (last && word.x0 - last.x1 <= 1.5 * em && !endsBranchName(last.label, word.key)) {
          last.x1 = word.x1;
          last.label = `${last.label} ${word.key}`;
        } else others.push({ x0: word.x0, x1: word.x1, label: word.key });
      }
      i++;
    }
  }
  referenceBesideDescription(columns, others);
  netBesideFees(columns, others);
  // A table whose only date column is its value date ("Date de valeur | Transactions | Débit |
  // Crédit": Qonto) dates its rows by it: the only date each row prints. (Only a column named a
  // date: "Value" alone may be an amount's name.)
  const valueDates = columns.filter((c) => c.role === "valueDate");
  if (!columns.some((c) => c.role === "date") && valueDates.length === 1 && VALUE_DATE_NAMED_DATE.test(fold(valueDates[0]!.label))) valueDates[0]!.role = "date";
  return { columns, others, coverage: counted === 0 ? 0 : covered / counted, unknown };
}

/** A word in brackets ("(QAR)", "[BHD]", "(€)"). */
const BRACKETED = /^[([].+[)\]]$/;

/**
 * The number of words from `i` on, in the cell of the word before and set close to it, that give
 * the column's unit: a currency ("(QAR)", "(BHD)", "(€)", "KWD"), after "in" or "en" or alone
 * ("Amount in OMR"). 0 for none. A bracketed code of any currency Cashline knows counts
 * ("Amount (QAR)"); an unbracketed one only if it is no word ("ALL"), as a header's neutral token is.
 */
function unitAfterName(words: readonly HeaderWord[], i: number, em: number): number {
  const before = words[i - 1];
  if (before === undefined) return 0;
  let k = i;
  if (words[k] !== undefined && (words[k]!.key === "in" || words[k]!.key === "en") && words[k]!.cell === before.cell) k++;
  const unit = words[k];
  if (unit === undefined || unit.cell !== before.cell || unit.x0 - words[k - 1]!.x1 > 1.5 * em) return 0;
  const bracketed = BRACKETED.test(unit.text);
  const code = unit.key.replace(/[()[\]]/g, "");
  const isUnit = isCurrencyUnitToken(code) || (/^[A-Z]{3}$/.test(unit.text.replace(/[()[\]]/g, "")) && (bracketed ? KNOWN_CURRENCIES : COMMON_CURRENCIES).has(code.toUpperCase()));
  return isUnit ? k - i + 1 : 0;
}

/** Whether the words from `i` on, starting close after `x1`, open with a column's name. */
function phraseFollows(words: readonly HeaderWord[], i: number, x1: number, em: number): boolean {
  if (!words[i] || words[i]!.x0 - x1 > 1.5 * em) return false;
  for (let n = Math.min(LONGEST_HEADER_PHRASE, words.length - i); n >= 1; n--) {
    const slice = words.slice(i, i + n);
    if (slice.some((w, k) => k > 0 && w.x0 - slice[k - 1]!.x1 > 1.5 * em)) continue;
    if (phraseRole(slice)) return true;
  }
  return false;
}

/** Words of the scripts that write a name with or without spaces between its words (Hangul, Han, kana), folded. */
const SPACE_OPTIONAL_WORD = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+$/u;

/**
 * The column a run of header words names: the phrase they make, or, in Korean, Japanese or
 * Chinese, the one they make written without spaces ("거래후 잔액(원)", "거래 후 잔액": the
 * balance after the row, "거래후잔액").
 */
function phraseRole(slice: readonly HeaderWord[]): ColumnRole | undefined {
  const role = PHRASE_ROLES.get(slice.map((w) => w.key).join(" "));
  if (role) return role;
  if (slice.length === 1) return slice[0]!.key.includes(" ") ? directionUnderAmount(slice[0]!.key) : undefined;
  if (!slice.every((w) => SPACE_OPTIONAL_WORD.test(w.key))) return undefined;
  return PHRASE_ROLES.get(slice.map((w) => w.key).join(""));
}

/**
 * A stacked cell that names no column as a whole, a money column's general name over the side of
 * the ledger it takes ("Amount" over "withdrawn ($)", "Amount" over "deposited ($)": Scotiabank;
 * "Montant" over "Retraits"): the debit or credit column its lower words name. (Read as the upper
 * line's "Amount" alone, both columns were amounts, one of them a second currency's, and every
 * withdrawal went unread.)
 */
function directionUnderAmount(key: string): ColumnRole | undefined {
  const keys = key.split(" ");
  for (let k = 1; k < keys.length; k++) {
    if (PHRASE_ROLES.get(keys.slice(0, k).join(" ")) !== "amount") continue;
    const side = PHRASE_ROLES.get(keys.slice(k).join(" "));
    if (side === "debit" || side === "credit") return side;
  }
  return undefined;
}

/**
 * A cell of two or more words, a money column's general name then the side of the ledger it takes
 * ("Bedrag af" | "Bedrag bij": Rabobank; "Amount in" | "Amount out"; "Betrag Soll"), as printed on
 * one line: that side's column, as when the words are stacked (directionUnderAmount). Only a cell
 * the words end (or a currency's sign in brackets ends, after a side that is no "in"): "Amount in
 * EUR" names the amount's currency, not money in. (Read word by word, the side's word was a weak
 * word beside another and dropped: both columns amounts, one a second currency's, and every
 * debit went unread.)
 */
function sideAfterAmountWord(words: readonly HeaderWord[], i: number, n: number): ColumnRole | undefined {
  if (n < 2) return undefined;
  const cell = words[i]!.cell;
  for (let k = i + 1; k < i + n; k++) if (words[k]!.cell !== cell) return undefined;
  const next = words[i + n];
  const last = words[i + n - 1]!.key;
  const endsCell = next === undefined || next.cell !== cell || (words[i + n + 1]?.cell !== cell && BRACKETED.test(next.text) && isCurrencyUnitToken(next.key) && last !== "in" && last !== "en");
  if (!endsCell) return undefined;
  return directionUnderAmount(words.slice(i, i + n).map((w) => w.key).join(" "));
}

/** The number of words of "year to date" (or "YTD") starting at `i`, set close together; 0 for none. */
function yearToDateAt(words: readonly HeaderWord[], i: number, em: number): number {
  if (words[i]!.key === "ytd") return 1;
  const three = words.slice(i, i + 3);
  if (three.length < 3 || three.map((w) => w.key).join(" ") !== "year to date") return 0;
  return three.every((w, k) => k === 0 || w.x0 - three[k - 1]!.x1 <= 1.5 * em) ? 3 : 0;
}

/**
 * Two names of columns not read apart set close together, one of them a branch's ("OFICINA
 * DOCUMENTO": Scotiabank Colpatria; "Documento Oficina"): two columns, so that the branch's is
 * known as one (BRANCH_COLUMN) and the document's text still follows the description. Words that
 * make one branch's name together ("Branch Code", "Home Branch") stay one column.
 */
function endsBranchName(label: string, word: string): boolean {
  return (BRANCH_COLUMN.test(label) || BRANCH_COLUMN.test(word)) && !BRANCH_COLUMN.test(`${label} ${word}`);
}

/** The net of a gross and its fee, named alone in its cell: "Total" (PayPal), "Net", "Net amount". */
const NET_COLUMN = /^(?:total|net|net amount|net total|amount net)$/;

/**
 * A fee column beside the row's gross and its net ("Amount | Fees | Total": PayPal; "Gross | Fee |
 * Net"): the net right of the fee is the ledger's amount, the gross plus its (negative) fee. The
 * fee is no debit of its own and the gross no second amount: both are kept as columns, so that
 * their figures are not taken for the net's, and left unread. Only where no other column says a
 * row's direction (no debit or credit but the fee).
 */
function netBesideFees(columns: Column[], others: OtherColumn[]): void {
  const fee = columns.find((c) => c.role === "debit" && FEE_COLUMN.test(headerWordKey(c.label.trim())));
  if (!fee || columns.some((c) => c !== fee && (c.role === "debit" || c.role === "credit"))) return;
  const net = others.find((o) => o.x0 > fee.x1 && NET_COLUMN.test(o.label.trim()));
  if (!net) return;
  others.splice(others.indexOf(net), 1);
  for (const c of columns) if (c === fee || c.role === "amount") Object.assign(c, { role: "foreignAmount", unread: true });
  columns.push({ role: "amount", label: net.label, x0: net.x0, x1: net.x1 });
  columns.sort((a, b) => a.x0 - b.x0);
}

/** A description's name that is a reference's too: the description only where no other column is
 *  (Vietnamese: the reference, Số tham chiếu; the entry's number, Số bút toán; the voucher's, Số
 *  chứng từ; the transaction's code or number, Mã giao dịch, Số giao dịch). */
const REFERENCE_NAME = /^(?:reference|referencia|referenz|referentie|(?:so )?tham chieu|so but toan|so chung tu|so ct|(?:ma|so) giao dich)$/;

/**
 * "Reference" beside "Description" (Techcombank: "Trans. Date | Reference | Description") names a
 * column of references, not a second description: it is a column not read apart, whose text
 * follows the description's (referenceBeforeDescription), as "Reference Number" is.
 */
function referenceBesideDescription(columns: Column[], others: OtherColumn[]): void {
  const named = columns.filter((c) => c.role === "description" && REFERENCE_NAME.test(headerWordKey(c.label)));
  if (named.length === 0 || named.length === columns.filter((c) => c.role === "description").length) return;
  for (const c of named) {
    columns.splice(columns.indexOf(c), 1);
    others.push({ x0: c.x0, x1: c.x1, label: headerWordKey(c.label) });
  }
  others.sort((a, b) => a.x0 - b.x0);
}

/**
 * A stacked header cell (two header lines read as one phrase) that names a column Cashline does
 * not read apart in words of such columns only: "Check number", "Reference number", "Sr No",
 * "Cheque no / Ref No" — a header word as much as "Check #" on one line is.
 */
function otherHeaderPhrase(key: string): boolean {
  const parts = key.split(" ").filter((w) => w !== "").map(headerWordKey);
  return parts.length > 1 && parts.some((w) => OTHER_HEADER_WORDS.has(w)) && parts.every((w) => OTHER_HEADER_WORDS.has(w) || isNeutralHeaderToken(w));
}

// Every line is asked whether it is a side-by-side header, then whether it is a table header
// (and, in a table without a date column, asked again): its header words are matched once.
const lineMatches = new WeakMap<PdfLine, HeaderMatch | null>();

/** The header phrases of one line; null for a line with money on it or no word a header starts with. */
function lineHeaderMatch(line: PdfLine): HeaderMatch | null {
  let match = lineMatches.get(line);
  if (match === undefined) {
    match = line.segments.some((s) => looksLikeMoney(s.text)) || !mayNameAColumn(line) ? null : matchHeader(headerWords(line.segments), line.height || 10);
    lineMatches.set(line, match);
  }
  return match;
}

/**
 * Second and later "date" columns are value/posting dates; of two amount columns, one is the
 * amount in the currency it was spent in (see accountAmount); other repeats are dropped.
 */
function settleRoles(columns: Column[]): Column[] {
  const seen = new Set<ColumnRole>();
  const settled: Column[] = [];
  const sorted = [...columns].sort((a, b) => a.x0 - b.x0);
  const amounts = sorted.filter((c) => c.role === "amount");
  const account = amounts.length > 1 ? accountAmount(amounts) : undefined;
  // "Charges" beside "Debits" (Absa: the bank's fees in a column of their own; "Frais" beside
  // "Retrait": UNI, Desjardins) are two columns of money out: both kept, where other repeats are dropped.
  // (Its name as a header word, without a footnote's mark after it: "Fee*", Capitec.)
  const fees = (c: Column) => FEE_COLUMN.test(headerWordKey(c.label.trim()));
  const debits = sorted.filter((c) => c.role === "debit");
  const feeColumn = debits.length === 2 && debits.filter(fees).length === 1 ? debits.find(fees) : undefined;
  // Of a transaction (purchase) date and a posting date, the posting date is the ledger's: the
  // day the money moved on the account, which statements, their periods and balances count —
  // whichever is printed first ("Post Date | Trans Date", Elan) and whatever order the rows are
  // listed in. The other is the row's value date. (As the CSV reader decides.)
  const dateColumns = sorted.filter((c) => c.role === "date");
  const posting = dateColumns.filter((c) => namesPostingDate(c.label));
  const ledger = posting.length > 0 && posting.length < dateColumns.length ? posting[0] : undefined;
  for (const column of sorted) {
    let role = column.role;
    if (ledger && role === "date" && column !== ledger) role = "valueDate";
    else if (role === "date" && seen.has("date")) role = "valueDate";
    // The other amount column keeps its place, so that its cells are not taken for the
    // account's amounts ("Betrag | Kurs | Betrag in EUR": "USD 45,00" would be the row's amount).
    if (role === "amount" && account !== undefined && column !== account) role = "foreignAmount";
    if (column === feeColumn || column.unread) {
      settled.push({ ...column, role });
      continue;
    }
    if (seen.has(role)) continue;
    seen.add(role);
    settled.push({ ...column, role });
  }
  return settled;
}

/** A value date's name that says it is a date ("Date de valeur", "Value date", "Valutadatum", "Fecha valor"). */
const VALUE_DATE_NAMED_DATE = /\b(?:date|dt|datum|data|fecha|f|dato)\b|datum\b/;

/** A column of the bank's fees by its name (folded): money out beside a column of withdrawals. */
const FEE_COLUMN = /^(?:bank )?(?:charges?|fees?|frais|gebuhren|comisiones)$/;

/**
 * A date column named as the posting (booking) date: "Post Date", "POSTED DATE", "Posting date",
 * "Date entered" (Halifax), "Date processed" (NAB), "Processing date", "Buchungstag", "Bu.Tag"
 * (DKB), "Boekdatum", "Datum verwerking" (processed: ICS), "Data księgowania", Swedish
 * "Reskontradatum", "Bokföringsdag", Croatian and Slovenian "Datum knjiženja", Serbian "Датум
 * књижења", Ukrainian "Дата проведення" ("Проведено"), Russian "Дата проводки"; a trade's
 * "Settlement Date" beside its trade date, a check's "Date Cleared" beside the date it was written.
 */
export function namesPostingDate(label: string): boolean {
  return POSTING_DATE_NAME.test(fold(label));
}

/** Chinese names of the day a row was booked: 帳務日期 (E.SUN: the account's date, beside 交易日期), 記帳日期 / 记账日期, 入帳日期 / 入账日期, 過帳日期. */
const CJK_POSTING_DATE = "帳務|帐务|账务|記帳|记帐|记账|記賬|入帳|入账|過帳|过账";

const POSTING_DATE_NAME = new RegExp(`${/\b(?:settle\w*|clear(?:ed|ing)|post|posted|posting|book|booked|booking|entered|process\w*|buchung\w*|bu\.?-?\s?tag|boek\w*|verwerk\w*|ksieg\w*|contab\w*|bokf\w*|bogf\w*|kirjaus\w*|zauctov\w*|lancamento|comptab\w*|reskontra\w*|konyveles\w*|knjizen\w*)|осчетоводяван|проведен|проводк|књижењ/.source}|${CJK_POSTING_DATE}`);

/** A currency code or symbol in a header label ("Betrag in EUR", "Amount (£)"). */
function namesCurrency(label: string): boolean {
  return /[$£€¥]/.test(label) || label.split(/[\s()]+/).some((w) => COMMON_CURRENCIES.has(w.toUpperCase()) && w.length === 3);
}

/** An amount column named as the amount billed: in the account's (card's) currency. */
const BILLED_AMOUNT = /\b(?:billing|billed)\b/;

/**
 * Which of several amount columns is in the account's currency: the one whose header names a
 * currency when the others name none ("Betrag | Kurs | Betrag in EUR"); otherwise the last, as a
 * converted amount is printed after the original amount and the rate.
 */
function accountAmount(amounts: readonly Column[]): Column {
  // A column per currency, each named by its currency alone ("PESOS | DÓLARES"): the account's
  // is the local currency, printed first; the other's amounts are billed apart.
  if (amounts.every((c) => AMOUNT_IN_CURRENCY_COLUMN.test(fold(c.label).trim()))) return amounts[0]!;
  // The same named as an amount each in its own currency ("MONTO ₡ | MONTO $": BAC Credomatic's
  // card, colones and dollars billed apart): the first, the local currency, as above.
  // (Or by its currency's word after the amount's: "MONTO COLONES | MONTO DÓLARES".)
  const units = amounts.map((c) => (c.unit ? fold(c.unit).replace(/[()[\]]/g, "") : AMOUNT_IN_CURRENCY_COLUMN.exec(fold(c.label).trim().split(/\s+/).at(-1)!)?.[0]));
  if (units.every((u) => u) && new Set(units).size === units.length) return amounts[0]!;
  // The amount billed, beside the amount as spent ("Transaction Amount | Billing Amount").
  const billed = amounts.filter((c) => BILLED_AMOUNT.test(fold(c.label)));
  if (billed.length === 1) return billed[0]!;
  const naming = amounts.filter((c) => namesCurrency(c.label) || c.unit !== undefined);
  return naming.length === 1 ? naming[0]! : amounts.at(-1)!;
}

function isTableHeader(columns: readonly Column[], coverage: number, dated: boolean): boolean {
  const roles = new Set(columns.map((c) => c.role));
  const hasMoney = roles.has("amount") || roles.has("debit") || roles.has("credit");
  if (!hasMoney) return false;
  if (dated) return roles.has("date") && coverage >= 0.65 && (columns.length >= 3 || coverage === 1);
  // A table without a date column (its rows print their dates under their descriptions) is
  // only taken from a line of nothing but header words: a description and two money columns.
  return !roles.has("date") && roles.has("description") && columns.length >= 3 && coverage === 1;
}

/**
 * Stacks the words of a second header line under the first ("Paid" over "out"). A word of
 * the first line over several of the second names a group of columns ("FECHA" over "OPER" and
 * "LIQ", Mexican banks): each of those becomes a column of its own, named with the group's
 * word ("FECHA OPER", "FECHA LIQ").
 */
function stackHeaderLines(top: PdfLine, below: PdfLine): PdfSegment[] {
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  const lower = below.segments.flatMap((s) => runsUnderCells(s, top.segments, overlaps));
  const upper = top.segments.flatMap((s) => {
    const apart = wordsOverCells(s, lower, overlaps);
    return apart.length > 1 ? apart : namesOverCells(s, lower, overlaps);
  });
  const groups = new Set(upper.filter((s) => lower.filter((b) => overlaps(s, b)).length >= 2));
  const segments = upper.filter((s) => !groups.has(s)).map((s) => ({ ...s, words: [...s.words] }));
  const extra: PdfSegment[] = [];
  for (const seg of lower) {
    const group = [...groups].find((s) => overlaps(s, seg));
    if (group) {
      const text = `${group.text} ${seg.text}`;
      extra.push({ ...seg, text, words: [{ text, x0: seg.x0, x1: seg.x1, height: seg.words[0]!.height }] });
      continue;
    }
    const over = segments.find((s) => overlaps(s, seg));
    if (over) {
      over.text = `${over.text} ${seg.text}`;
      over.x0 = Math.min(over.x0, seg.x0);
      over.x1 = Math.max(over.x1, seg.x1);
      // One stacked cell reads as one phrase.
      over.words = [{ text: over.text, x0: over.x0, x1: over.x1, height: over.words[0].height }];
    } else {
      extra.push(seg);
    }
  }
  return [...segments, ...extra].sort((a, b) => a.x0 - b.x0);
}

/**
 * A cell of the lower header line set so close to the next that it reads as one segment, though
 * its words stand under cells of their own above ("трансакције књижења" under "Датум" and "Датум":
 * the transaction's date and the booking date): the words apart, run by run under each cell above.
 * (Words under no cell above, or under two, keep the segment whole.)
 */
function runsUnderCells(segment: PdfSegment, cells: readonly PdfSegment[], overlaps: (a: PdfWord, b: PdfSegment) => boolean): PdfSegment[] {
  if (segment.words.length < 2) return [segment];
  const over = segment.words.map((w) => cells.filter((c) => overlaps(w, c)));
  if (over.some((o) => o.length !== 1) || new Set(over.map((o) => o[0])).size < 2) return [segment];
  const runs: PdfWord[][] = [];
  segment.words.forEach((w, k) => {
    if (k > 0 && over[k]![0] === over[k - 1]![0]) runs.at(-1)!.push(w);
    else runs.push([w]);
  });
  return runs.map((words) => ({ text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, x1: words.at(-1)!.x1, words }));
}

/** The most runs a segment of the upper header line is tried in (namesOverCells). */
const MOST_RUNS = 4;

/**
 * A cell of the upper header line set so close to the next that it holds two names, one stacked
 * over a cell below and one of a single line ("Сума в валюті" over "операції" beside "Валюта",
 * a column of one line: Ukrainian statements; "Р.бр." beside "Датум" over "трансакције"): read
 * whole, with the cell below, it names nothing. Cut into the fewest runs of words that each name a
 * column, with the cells below it alone (a cell below under two runs cuts nothing), or are words
 * of columns not read apart; none such, the segment stays whole.
 */
function namesOverCells(segment: PdfSegment, cells: readonly PdfSegment[], overlaps: (a: { x0: number; x1: number }, b: PdfSegment) => boolean): PdfSegment[] {
  const words = segment.words;
  const below = cells.filter((c) => overlaps(segment, c));
  if (words.length < 2 || words.length > 8 || below.length === 0) return [segment];
  const names = (text: string) => {
    const key = stackedKey(text);
    return PHRASE_ROLES.has(key) || OTHER_HEADER_WORDS.has(key) || otherHeaderPhrase(key);
  };
  if (names([segment.text, ...below.map((c) => c.text)].join(" "))) return [segment];
  for (let n = 2; n <= Math.min(MOST_RUNS, words.length); n++) {
    for (const cuts of cutsOf(words.length, n - 1)) {
      const runs = [0, ...cuts].map((start, k) => words.slice(start, [...cuts, words.length][k]));
      const under = runs.map((run) => below.filter((c) => overlaps({ x0: run[0]!.x0, x1: run.at(-1)!.x1 }, c)));
      if (below.some((c) => under.filter((u) => u.includes(c)).length !== 1)) continue;
      const text = (run: readonly PdfWord[]) => run.map((w) => w.text).join(" ");
      if (!runs.every((run, k) => names([text(run), ...under[k]!.map((c) => c.text)].join(" ")))) continue;
      return runs.map((run) => ({ text: text(run), x0: run[0]!.x0, x1: run.at(-1)!.x1, words: run }));
    }
  }
  return [segment];
}

/** Every way to cut `length` items in `count` places (each cut the index a run starts at), in order. */
function* cutsOf(length: number, count: number, from = 1): Generator<number[]> {
  if (count === 0) {
    yield [];
    return;
  }
  for (let at = from; at <= length - count; at++) for (const rest of cutsOf(length, count - 1, at + 1)) yield [at, ...rest];
}

/**
 * A cell of the upper header line set so close to the next that it reads as one segment, though
 * each of its words stands over a cell of its own below ("TRANSACTION POSTING" over "DATE" and
 * "DATE": Home Trust): the cells apart, each word naming a column with the cell under it. (A word
 * over several cells, "FECHA" over "OPER" and "LIQ", names a group of them, and the segment stays
 * whole.)
 */
function wordsOverCells(segment: PdfSegment, cells: readonly PdfSegment[], overlaps: (a: PdfWord, b: PdfSegment) => boolean): PdfSegment[] {
  if (segment.words.length < 2) return [segment];
  const under = segment.words.map((w) => cells.filter((c) => overlaps(w, c)));
  if (under.some((u) => u.length !== 1) || new Set(under.map((u) => u[0])).size < 2) return [segment];
  const runs: { words: PdfWord[]; cell: PdfSegment }[] = [];
  segment.words.forEach((w, k) => {
    if (k > 0 && under[k]![0] === under[k - 1]![0]) runs.at(-1)!.words.push(w);
    else runs.push({ words: [w], cell: under[k]![0]! });
  });
  // Each run with its cell must name a column: a title over the header ("Transaction details" over
  // "Date" and "Transaction details", "Posted transactions" over "Date" and "Description") does not.
  const text = (words: readonly PdfWord[]) => words.map((w) => w.text).join(" ");
  if (!runs.every((r) => PHRASE_ROLES.has(stackedKey(`${text(r.words)} ${r.cell.text}`)))) return [segment];
  return runs.map(({ words }) => ({ text: text(words), x0: words[0]!.x0, x1: words.at(-1)!.x1, words }));
}

/**
 * The table header on `line`, possibly continued on `next` (when close below it), or null.
 * A header names a date column and a money column, and consists (almost) only of header words;
 * with `dated` false, one that names no date column (see isTableHeader).
 */
export function findTableHeader(line: PdfLine, next?: PdfLine, dated = true, after?: PdfLine, before?: PdfLine): TableLayout | null {
  const em = line.height || 10;
  const single = lineHeaderMatch(line);
  if (single === null) return null;
  const around = before && next ? stackedAround(before, line, next, single, em, dated) : null;
  if (around) return { columns: settleRoles(around.columns), headerLines: [before!, line, next!], em, otherColumns: around.others };
  if (isTableHeader(single.columns, single.coverage, dated)) {
    const columns = settleRoles(single.columns);
    const otherColumns = single.others;
    if (next && namesStackedDate(columns, line, next, em)) return { columns, headerLines: [line, next], em, stackedDates: true, otherColumns };
    const completed = next && completedBelow(line.segments, single, line, next, em, dated);
    if (completed) return { columns: settleRoles(completed.columns), headerLines: [line, next], em, otherColumns: completed.others };
    return { columns, headerLines: [line], em, otherColumns };
  }
  const closeBelow = next && next.page === line.page && next.y - line.y < 1.8 * em && !next.segments.some((s) => looksLikeMoney(s.text));
  // (A first line of nothing but the start of a name, "Könyvelés" over "dátuma" at OTP, stacks
  // too; so does one of nothing but first words of names, "Post  Trans" over "Date  Date": Elan.)
  const firstWordsOnly = () => line.segments.every((s) => s.words.every((w) => PHRASE_FIRST_WORDS.has(wordKey(w.text))));
  if (closeBelow && (single.columns.length >= 1 || (line.segments.length === 1 && line.segments[0]!.words.length === 1) || firstWordsOnly())) {
    const segments = stackHeaderLines(line, next);
    const stacked = matchHeader(headerWords(segments), em);
    // (Three lines: "Transaction" and "Posting" over "date" and "date", with "Transaction details"
    // and "Amount" set between them: Barclaycard.)
    const completed = after && completedBelow(segments, stacked, next, after, em, dated);
    if (completed) return { columns: settleRoles(completed.columns), headerLines: [line, next, after], em, otherColumns: completed.others };
    if (isTableHeader(stacked.columns, stacked.coverage, dated)) return { columns: settleRoles(stacked.columns), headerLines: [line, next], em, otherColumns: stacked.others };
  }
  return null;
}

/**
 * How a line that is no table header reads as one, for a refusal to say why: the columns it names
 * and the words it holds that name none, read alone or with the line right under it (a header of
 * two lines, "Datum" over "knjiženja"), whichever names more. Null for a line with money on it or
 * that names no column.
 */
export function headerReading(line: PdfLine, next?: PdfLine): { columns: Column[]; unknown: string[]; lines: number } | null {
  const single = lineHeaderMatch(line);
  if (single === null) return null;
  const em = line.height || 10;
  let best = { match: single, lines: 1 };
  if (next && next.page === line.page && next.y - line.y < 1.8 * em && !next.segments.some((s) => looksLikeMoney(s.text))) {
    const stacked = matchHeader(headerWords(stackHeaderLines(line, next)), em);
    if (stacked.columns.length > single.columns.length) best = { match: stacked, lines: 2 };
  }
  if (best.match.columns.length === 0) return null;
  return { columns: settleRoles(best.match.columns), unknown: best.match.unknown, lines: best.lines };
}

/**
 * A header of one line with cells of two lines set around it, each cell's first line above the
 * header line and its second below, the one-line names centred between them ("Outstanding" over
 * "Balance" and "Time/" over "Eff.Date" beside "Date | Descriptions | Withdrawal | Deposit":
 * KASIKORNBANK). Read as the header line alone, the table had no balance column, and the balances
 * were read as the amounts. Every cell of the lines above and below must be such a half, standing
 * over (or under) exactly one cell of the other and where the header line prints nothing: a title
 * above the header or a first row under it does not pair so. The header with those cells, when it
 * is one and names more columns than the line alone (or as many, explained as well).
 */
function stackedAround(above: PdfLine, line: PdfLine, below: PdfLine, single: HeaderMatch, em: number, dated: boolean): HeaderMatch | null {
  if (above.page !== line.page || below.page !== line.page || line.y - above.y >= 1.8 * em || below.y - line.y >= 1.8 * em) return null;
  if (above.segments.length !== below.segments.length || [above, below].some((l) => l.segments.length === 0 || l.segments.some((s) => looksLikeMoney(s.text)))) return null;
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  const cells: PdfSegment[] = [];
  for (const top of above.segments) {
    const under = below.segments.filter((b) => overlaps(top, b));
    if (under.length !== 1 || above.segments.filter((a) => overlaps(a, under[0]!)).length !== 1) return null;
    const bottom = under[0]!;
    if (line.segments.some((s) => overlaps(s, top) || overlaps(s, bottom))) return null;
    const text = `${top.text} ${bottom.text}`;
    const x0 = Math.min(top.x0, bottom.x0);
    const x1 = Math.max(top.x1, bottom.x1);
    // One stacked cell reads as one phrase, as stackHeaderLines reads one.
    cells.push({ text, x0, x1, words: [{ text, x0, x1, height: top.words[0]!.height }] });
  }
  const segments = [...line.segments, ...cells].sort((a, b) => a.x0 - b.x0);
  const match = matchHeader(headerWords(segments), em);
  if (!isTableHeader(match.columns, match.coverage, dated)) return null;
  const more = match.columns.length > single.columns.length || (match.columns.length === single.columns.length && match.coverage >= single.coverage);
  return more ? match : null;
}

/**
 * A header's cells finished on the line right under it, each word there under a cell of the
 * header ("Transaction" and "Date" over "date" and "entered", with "Description" and "Amount"
 * set between them: Halifax; "TRANS." and "POSTED" over "DATE" and "DATE": Canadian Tire), or
 * beside them a whole name of its own ("Omschrijving" under no cell: ICS): the header with those
 * words, when it still is one and they complete names rather than start a row.
 */
function completedBelow(segments: readonly PdfSegment[], match: HeaderMatch, last: PdfLine, below: PdfLine, em: number, dated: boolean): HeaderMatch | null {
  if (below.page !== last.page || below.y - last.y >= 1.8 * em || below.segments.some((s) => looksLikeMoney(s.text))) return null;
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  // A cell below that stands under none of the header's is a name of one line set low beside the
  // names of two set high ("Omschrijving" beside "Datum" over "verwerking" and "Bedrag" over "in
  // euro": ICS): only a whole column name does. Anything else there is no part of the header.
  const under = below.segments.filter((b) => segments.some((s) => overlaps(s, b)));
  if (under.length === 0 || !below.segments.every((b) => under.includes(b) || namesAColumnAlone(b, em))) return null;
  const extended = matchHeader(headerWords(stackHeaderLines({ ...last, segments: [...segments] }, below)), em);
  if (!isTableHeader(extended.columns, extended.coverage, dated) || extended.coverage < match.coverage || extended.columns.length < match.columns.length) return null;
  return extended;
}

/**
 * A section's title with one money column's name at the right and no other column named ("Payments
 * … Amount", "JOHN SMITH  Card Ending 1-01005 … Amount", "Interest Charged … Amount": American
 * Express's Detail pages, which head their dates with nothing): the title is no column. Over rows
 * that start with a date and end with an amount, the line heads a table whose columns are the
 * rows' (addTitledSections). False for a line with money on it.
 */
export function titleOverMoneyColumn(line: PdfLine): boolean {
  const segments = line.segments;
  // (Cheap checks first: a column's name is a word or a few.)
  if (segments.length < 2 || segments.at(-1)!.words.length > 4 || segments.some((s) => looksLikeMoney(s.text))) return false;
  const em = line.height || 10;
  const last = matchHeader(headerWords([segments.at(-1)!]), em);
  const role = last.columns[0]?.role;
  if (last.columns.length !== 1 || last.coverage !== 1 || (role !== "amount" && role !== "debit" && role !== "credit")) return false;
  // (The title has letters, and names no date: a line that did would be a header of its own.)
  if (!segments.slice(0, -1).some((s) => /\p{L}{2}/u.test(s.text))) return false;
  return !matchHeader(headerWords(segments.slice(0, -1)), em).columns.some((c) => c.role === "date" || c.role === "valueDate");
}

/** A cell whose words are one column's name and nothing more ("Omschrijving", "Amount"). */
function namesAColumnAlone(cell: PdfSegment, em: number): boolean {
  const match = matchHeader(headerWords([cell]), em);
  return match.columns.length === 1 && match.coverage === 1;
}

/**
 * A line right under a header that names only a second date, under the date column ("Data
 * operacji" over "Data waluty", Polish banks): each row prints its two dates one over the other.
 */
function namesStackedDate(columns: readonly Column[], line: PdfLine, next: PdfLine, em: number): boolean {
  const date = columns.find((c) => c.role === "date");
  if (!date || next.page !== line.page || next.y - line.y >= 1.8 * em) return false;
  // Other names may stand beside it on that line, over the row's second line's other cells
  // ("Valuta … Název protiúčtu … KS SS" under "Datum … Protiúčet nebo poznámka … VS": ČSOB).
  const below = matchHeader(headerWords(next.segments), em);
  const dates = below.columns.filter((c) => c.role === "date" || c.role === "valueDate");
  return below.coverage === 1 && dates.length === 1 && (next.segments.length === 1 || !below.columns.some((c) => NUMERIC_ROLES.has(c.role))) && Math.abs(dates[0]!.x0 - date.x0) <= em;
}

/**
 * A header printed two or three times side by side ("Date  Check #  Amount    Date  Check #
 * Amount", how US banks list paid checks; Truist prints three): the same columns in the same
 * order, each copy with a date and money. Returns where each copy's first column starts (left to
 * right); null for any other line. Of the ways to cut the columns into equal copies, the most.
 */
export function sideBySideHeader(line: PdfLine, next?: PdfLine): { starts: number[]; columns: Column[]; lines: 1 | 2 } | null {
  const single = lineHeaderMatch(line);
  if (single === null) return null;
  const found = sideBySideColumns(single);
  if (found) return { ...found, lines: 1 };
  // A header over two lines ("Check" over "number", "Date" over "paid": PNC), stacked as findTableHeader stacks one.
  const em = line.height || 10;
  if (!next || next.page !== line.page || next.y - line.y >= 1.8 * em || next.segments.some((s) => looksLikeMoney(s.text))) return null;
  // (A heading over a header that is one alone, "DAILY ENDING BALANCE" over "DATE AMOUNT DATE AMOUNT", is no part of it.)
  const below = lineHeaderMatch(next);
  if (below !== null && sideBySideColumns(below)) return null;
  const stacked = sideBySideColumns(matchHeader(headerWords(stackHeaderLines(line, next)), em));
  return stacked ? { ...stacked, lines: 2 } : null;
}

function sideBySideColumns(match: HeaderMatch): { starts: number[]; columns: Column[] } | null {
  const { columns, coverage } = match;
  const n = columns.length;
  if (n < 4 || coverage < 0.65) return null;
  const sorted = [...columns].sort((a, b) => a.x0 - b.x0);
  for (let copies = Math.floor(n / 2); copies >= 2; copies--) {
    if (n % copies !== 0) continue;
    const width = n / copies;
    const first = sorted.slice(0, width);
    if (sorted.some((c, i) => c.role !== first[i % width]!.role)) continue;
    const roles = new Set(first.map((c) => c.role));
    if (!roles.has("date") || !(roles.has("amount") || roles.has("debit") || roles.has("credit"))) continue;
    // A copy starts at its first column, or at a column not read apart left of it ("Check
    // number" before "Amount"), past the previous copy's last column.
    const others = [...match.others].sort((a, b) => a.x0 - b.x0);
    const leading = others.filter((o) => o.x1 < sorted[0]!.x0).length;
    const starts = Array.from({ length: copies }, (_, k) => {
      const firstX = sorted[k * width]!.x0;
      const previousEnd = k === 0 ? -Infinity : sorted[k * width - 1]!.x1;
      const before = leading === 0 ? [] : others.filter((o) => o.x0 > previousEnd && o.x1 < firstX).slice(-leading);
      return Math.min(firstX, ...before.map((o) => o.x0));
    });
    return { starts, columns: sorted };
  }
  return null;
}

/** The header's text with digits masked, to recognize it when it is repeated on later pages. */
export function headerSignature(line: PdfLine): string {
  return fold(line.text).replace(/\d/g, "#");
}

// ---------------------------------------------------------------------------------------
// Cells

export interface MoneyCell {
  role: "debit" | "credit" | "amount" | "balance";
  text: string;
  x0: number;
  x1: number;
  /** A D or C printed after the amount ("1.234,56 D"), which `text` leaves out: read only in a money column. */
  letterMark?: AmountMark;
}

/** A table line cut into cells: leading text columns, money columns, and the rest as text. */
export interface LineCells {
  /** Text that is not a date or money, left to right. */
  textWords: PdfWord[];
  money: MoneyCell[];
  /** Where the line's text (not money) starts; for deciding what a continuation line is. */
  textStart?: number;
}

/** A layout's columns by kind, worked out once per layout (every line of its table asks). */
export interface ColumnKinds {
  /** Date and description columns, left to right. */
  text: Column[];
  /** Debit, credit, amount and balance columns, left to right. */
  numeric: Column[];
  /** Left edge of the leftmost money column (Infinity without one). */
  leftmostMoney: number;
  /** A column whose name is not known right of in and out columns (unnamedRightColumn), read as the balance. */
  unnamedRight?: Column;
}

const columnKinds = new WeakMap<TableLayout, ColumnKinds>();

export function columnsOf(layout: TableLayout): ColumnKinds {
  let kinds = columnKinds.get(layout);
  if (kinds === undefined) {
    const numeric = layout.columns.filter((c) => NUMERIC_ROLES.has(c.role));
    const unnamedRight = unnamedRightColumn(numeric, layout.otherColumns ?? []);
    kinds = { text: layout.columns.filter((c) => !NUMERIC_ROLES.has(c.role)), numeric, leftmostMoney: Math.min(...numeric.map((c) => c.x0)), ...(unnamedRight ? { unnamedRight } : {}) };
    columnKinds.set(layout, kinds);
  }
  return kinds;
}

/**
 * A column whose name Cashline does not know ("差引後の金額", a balance named in words it has not
 * learnt), right of a table's in and out columns where the table names no amount and no balance:
 * its figures are no figures of the nearest known column (taken as the credit column's, each
 * row's balance became money in beside its withdrawal, the opening balance's line a row, and
 * nothing could be checked). Read as the running balance, which is what such a column holds: the
 * balance proof then checks them, and where they do not chain the reading is doubted.
 */
function unnamedRightColumn(numeric: readonly Column[], others: readonly OtherColumn[]): Column | undefined {
  if (!numeric.some((c) => c.role === "debit" || c.role === "credit") || numeric.some((c) => c.role === "amount" || c.role === "balance")) return undefined;
  const right = Math.max(...numeric.map((c) => c.x1));
  const other = others.find((o) => o.x0 > right);
  return other ? { role: "balance", label: other.label, x0: other.x0, x1: other.x1 } : undefined;
}

/** How far a cell is from a column: the best of right-, left- and centre-alignment. */
function alignmentDistance(cell: { x0: number; x1: number }, column: Column): number {
  return Math.min(Math.abs(cell.x1 - column.x1), Math.abs(cell.x0 - column.x0), Math.abs((cell.x0 + cell.x1) / 2 - (column.x0 + column.x1) / 2));
}

/** The money column a money-shaped cell belongs to, or undefined when it sits in the text. */
export function moneyColumnFor(cell: { x0: number; x1: number }, layout: TableLayout): Column | undefined {
  const { numeric, text: textColumns, leftmostMoney } = columnsOf(layout);
  if (numeric.length === 0) return undefined;
  // Money printed left of every money column (an invoice total inside the description) is text;
  // right-aligned numbers may start left of a short header, so the right edge decides.
  const nearestText = textColumns.reduce<Column | undefined>((best, c) => (best && alignmentDistance(cell, best) <= alignmentDistance(cell, c) ? best : c), undefined);
  const nearestMoney = numeric.reduce((best, c) => (alignmentDistance(cell, best) <= alignmentDistance(cell, c) ? best : c));
  if (cell.x1 < leftmostMoney - layout.em && nearestText && nearestText.x0 <= cell.x0 + layout.em) return undefined;
  const { unnamedRight } = columnsOf(layout);
  if (unnamedRight && cell.x0 > nearestMoney.x1 && alignmentDistance(cell, unnamedRight) < alignmentDistance(cell, nearestMoney)) return unnamedRight;
  return nearestMoney;
}

/**
 * The money column of the ledger's money (amount, debit, credit, balance) a cell belongs to:
 * moneyColumnFor, but undefined under the amount in the currency the row was spent in ("USD
 * 13.76" under "Original Amount"), whose figures have that currency's decimals, not the account's
 * (a card billed in dinars lists dollars with two). What the statement's money looks like is
 * judged without them.
 */
export function ledgerMoneyColumnFor(cell: { x0: number; x1: number }, layout: TableLayout): Column | undefined {
  const column = moneyColumnFor(cell, layout);
  return column?.role === "foreignAmount" ? undefined : column;
}

/**
 * A figure under a header word that names no column Cashline reads (a running balance under a
 * name it does not know: "結存", "本日結算"), far from the money column it is nearest: none of
 * theirs where the line prints a figure in a money column too. Taken for the nearest one's, a
 * balance beside a withdrawal would be netted with it (29,984 − 18,000); it is dropped. (Alone on
 * its line, such a figure stays money: a section's total under "Total", BofA.)
 */
function underUnknownColumn(cell: { x0: number; x1: number }, nearestMoney: Column, layout: TableLayout): boolean {
  const others = layout.otherColumns;
  if (!others || others.length === 0) return false;
  const em = layout.em;
  if (alignmentDistance(cell, nearestMoney) <= 3 * em) return false;
  // (A name of letters: a figure set among the header's words names no column.)
  return others.some((o) => !/\d/.test(o.label) && alignmentDistance(cell, { ...o, role: "description" }) <= em && !overlapsAnyColumn(o, layout));
}

function overlapsAnyColumn(o: OtherColumn, layout: TableLayout): boolean {
  return layout.columns.some((c) => Math.min(c.x1, o.x1) > Math.max(c.x0, o.x0));
}

/**
 * The text a line prints under the columns Cashline does not read apart (a reference, a type
 * code, a category), right of where the description starts: segments that begin in such a
 * column. Null when there is none. A mark the line's cells read with an amount ("Cr" under
 * "DR/CR", beside the balance: Federal Bank) is the amount's, no text of the row. `cells`: the
 * line already cut (cutLine), when the caller has it.
 */
export function otherColumnText(line: PdfLine, layout: TableLayout, cells?: LineCells): string | null {
  const others = layout.otherColumns;
  const description = layout.columns.find((c) => c.role === "description");
  if (!others || others.length === 0 || !description) return null;
  const em = layout.em;
  const parts: string[] = [];
  let text: ReadonlySet<PdfWord> | undefined;
  for (const segment of line.segments) {
    if (segment.x0 <= description.x0 + em || looksLikeMoneyCell(segment.text) || directionMark(segment, layout)) continue;
    if (!others.some((o) => o.x0 > description.x0 && segment.x0 >= o.x0 - em && segment.x0 <= o.x1 + em)) continue;
    text ??= new Set((cells ?? cutLine(line, layout)).textWords);
    if (segment.words.some((w) => text!.has(w))) parts.push(segment.text);
  }
  return parts.length > 0 ? parts.join(" ") : null;
}

/**
 * A D or C alone in its cell under a column that may name a row's direction ("Tipo", "Type",
 * "D/C"), in a table of one amount column: the mark of the row's amount, printed apart from it
 * (Banco Pichincha: "Concepto | Tipo | Documento | Oficina | Monto", Monto unsigned). No text of
 * the row. (A lettered mark right after the amount is read by cutLine as it always was.)
 */
function directionMark(segment: PdfSegment, layout: TableLayout): AmountMark | undefined {
  const others = layout.otherColumns;
  if (!others || others.length === 0) return undefined;
  const mark = standaloneLetterMark(segment.text) ?? directionWord(segment.text);
  if (mark === undefined) return undefined;
  const { numeric } = columnsOf(layout);
  if (!numeric.some((c) => c.role === "amount") || numeric.some((c) => c.role === "debit" || c.role === "credit")) return undefined;
  const em = layout.em;
  const under = others.find((o) => segment.x0 >= o.x0 - em && segment.x1 <= o.x1 + em);
  return under !== undefined && DIRECTION_COLUMN.test(under.label) ? mark : undefined;
}

/** "DR" or "CR" (any case) alone, or the Greek letters Χ (χρέωση, debit) and Π (πίστωση, credit):
 *  a direction's word in a column of directions. */
function directionWord(text: string): AmountMark | undefined {
  const t = text.trim().toUpperCase();
  return t === "DR" || t === "DB" || t === "Χ" ? "debit" : t === "CR" || t === "Π" ? "credit" : undefined;
}

/** Money-shaped text, or money followed by a D/C letter (only a money column reads the letter). */
function looksLikeMoneyCell(text: string): boolean {
  return looksLikeMoney(text) || letterMarkedMoney(text) !== null;
}

/**
 * Cuts a line into cells by the layout's columns. Money-shaped segments go to the money column
 * they align with; a lone mark beside one ("CR", "S", "-", and there D or C) joins it;
 * everything else is text.
 */
export function cutLine(line: PdfLine, layout: TableLayout): LineCells {
  const money: MoneyCell[] = [];
  const textWords: PdfWord[] = [];
  const pieces = splitMoneyTails(line.segments, layout);
  // Figures under a column not read apart, far from every money column (underUnknownColumn).
  const stray: PdfSegment[] = [];
  // A row's direction printed in a column of its own ("Tipo": D or C), applied to its amount below.
  let direction: { mark: AmountMark; words: readonly PdfWord[] } | undefined;
  for (const [i, segment] of pieces.entries()) {
    // A currency's sign printed apart before the amount, an em or two left of it ("$    1,846.22":
    // U.S. Bank's first amount of each section) is the amount's, no word of the description.
    const after = pieces[i + 1];
    if (LONE_CURRENCY_SIGN.test(segment.text) && after !== undefined && after.x0 - segment.x1 < 3 * layout.em && looksLikeMoney(after.text) && moneyColumnFor(after, layout) !== undefined) continue;
    const mark = direction === undefined ? directionMark(segment, layout) : undefined;
    if (mark !== undefined) {
      direction = { mark, words: segment.words };
      continue;
    }
    const lettered = looksLikeMoney(segment.text) ? null : letterMarkedMoney(segment.text);
    const column = lettered || looksLikeMoney(segment.text) ? moneyColumnFor(segment, layout) : undefined;
    // An amount in the currency it was spent in says what the description says: text.
    if (column?.role === "foreignAmount") {
      if (!column.unread) textWords.push(...segment.words);
      continue;
    }
    if (column && !lettered && underUnknownColumn(segment, column, layout)) {
      stray.push(segment);
      continue;
    }
    if (column) {
      const role = column.role as MoneyCell["role"];
      money.push(lettered ? { role, text: lettered.money, letterMark: lettered.mark, x0: segment.x0, x1: segment.x1 } : { role, text: segment.text, x0: segment.x0, x1: segment.x1 });
      continue;
    }
    // A branch's code or name under its column (Branch Code: Canara), a category under its own
    // (Capitec), is no text of the row.
    if (underBranchColumn(segment, layout) || underCurrencyColumn(segment, layout)) continue;
    const previous = money.at(-1);
    const near = previous !== undefined && segment.x0 - previous.x1 < 3 * layout.em;
    if (near && standaloneMark(segment.text)) {
      previous.text = `${previous.text} ${segment.text}`;
      previous.x1 = segment.x1;
      continue;
    }
    const letter = near && previous.letterMark === undefined ? standaloneLetterMark(segment.text) : undefined;
    if (letter) {
      previous!.letterMark = letter;
      previous!.x1 = segment.x1;
      continue;
    }
    textWords.push(...segment.words);
  }
  // Beside the row's money, such a figure is dropped, as a second figure in one money column is
  // (a card's reward points under "Worldpuan"); alone, it is the line's money, as it always was.
  if (stray.length > 0 && money.length === 0) {
    for (const segment of stray) {
      const column = moneyColumnFor(segment, layout)!;
      money.push({ role: column.role as MoneyCell["role"], text: segment.text, x0: segment.x0, x1: segment.x1 });
    }
    money.sort((a, b) => a.x0 - b.x0);
  }
  if (direction !== undefined) {
    const amount = money.filter((m) => m.role === "amount");
    const cell = amount.length === 1 && amount[0]!.letterMark === undefined ? amount[0]! : undefined;
    // Only an amount without a sign of its own takes it ("12,00-" and a D would say it twice).
    if (cell && letterMarkedMoney(`${cell.text} ${direction.mark === "debit" ? "D" : "C"}`) !== null) cell.letterMark = direction.mark;
    else {
      // Not applied: the letter stays the row's text, where it stood.
      textWords.push(...direction.words);
      textWords.sort((a, b) => a.x0 - b.x0);
    }
  }
  return {
    textWords,
    money,
    ...(textWords.length > 0 ? { textStart: textWords[0].x0 } : {}),
  };
}

/** A currency's sign alone ("$", "US$", "€"). */
const LONE_CURRENCY_SIGN = /^(?:US\$|CA\$|C\$|A\$|R\$|[$£€¥₩₹])$/;

/** A segment that starts under a column of branches (BRANCH_COLUMN) or categories (CATEGORY_COLUMN), away from where the description starts. */
function underBranchColumn(segment: PdfSegment, layout: TableLayout): boolean {
  const others = layout.otherColumns;
  if (!others || others.length === 0) return false;
  const em = layout.em;
  const description = layout.columns.find((c) => c.role === "description");
  if (description !== undefined && Math.abs(segment.x0 - description.x0) <= em) return false;
  return others.some((o) => segment.x0 >= o.x0 - em && segment.x0 <= o.x1 + em && (BRANCH_COLUMN.test(o.label) || CATEGORY_COLUMN.test(o.label)));
}

/**
 * The currency of the row's amount under a column of currencies ("货币": 人民币 on every row,
 * China Merchants Bank; "Currency": EUR), in a table of no amounts in other currencies: the
 * statement's currency (parse.ts reads it there), no text of the row. Undefined for any other cell.
 */
export function currencyUnderColumn(segment: PdfSegment, layout: TableLayout): string | undefined {
  const others = layout.otherColumns;
  if (!others || others.length === 0 || layout.columns.some((c) => c.role === "foreignAmount")) return undefined;
  const em = layout.em;
  const column = others.find((o) => CURRENCY_COLUMN.test(o.label) && segment.x1 >= o.x0 - em && segment.x0 <= o.x1 + em);
  return column === undefined ? undefined : currencyOfCell(segment.text);
}

function underCurrencyColumn(segment: PdfSegment, layout: TableLayout): boolean {
  return currencyUnderColumn(segment, layout) !== undefined;
}

/**
 * Tight layouts put a description and its amount one space apart ("Fee 15.00"), so a segment
 * whose last words are money and reach into a money column is cut before them.
 */
function splitMoneyTails(segments: readonly PdfSegment[], layout: TableLayout): PdfSegment[] {
  const { numeric, leftmostMoney } = columnsOf(layout);
  if (numeric.length === 0) return [...segments];
  const out: PdfSegment[] = [];
  for (const seg of segments) {
    if (seg.words.length < 2 || looksLikeMoneyCell(seg.text) || seg.x1 < leftmostMoney) {
      out.push(seg);
      continue;
    }
    // Peel money words (with an optional mark after them) off the end.
    const tail: PdfSegment[] = [];
    let words = [...seg.words];
    for (;;) {
      let take = 0;
      for (const n of [3, 2, 1]) {
        if (words.length <= n) continue;
        const candidate = words.slice(-n);
        if (looksLikeMoneyCell(candidate.map((w) => w.text).join(" ")) && candidate[0].x1 >= leftmostMoney - layout.em) {
          take = n;
          break;
        }
      }
      if (take === 0) break;
      const cut = words.slice(-take);
      tail.unshift({ text: cut.map((w) => w.text).join(" "), x0: cut[0].x0, x1: cut.at(-1)!.x1, words: cut });
      words = words.slice(0, -take);
    }
    if (tail.length === 0) {
      out.push(seg);
    } else {
      out.push({ text: words.map((w) => w.text).join(" "), x0: words[0].x0, x1: words.at(-1)!.x1, words }, ...tail);
    }
  }
  return out;
}
