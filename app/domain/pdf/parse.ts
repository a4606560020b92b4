/**
 * Text-PDF statements → the statement model. pdf.js gives positioned text (extract.ts); this
 * module finds the transaction table by its header, reads each row by column position, merges
 * wrapped descriptions, reads the balance lines and the statement period, and refuses files
 * that have no usable text instead of guessing rows.
 *
 * `readStatementLines` is pure (lines in, statement out) so that every decision can be tested
 * without a PDF; `parsePdfStatement` adds pdf.js.
 */
import { daysBetween, describeDateOrder, detectDateOrder, isoDate, looksLikeDate, orderFromDatesElsewhere, parseDateParts, type DateOrder, type DateOrderDecision, type DateOrderHint, type DateParts } from "../dates.ts";
import { accountsMatching, numberShown, severalAccountsAdvice } from "../account-match.ts";
import type { DecimalSeparator } from "../amount.ts";
import { BalanceChainChecker, formatForMessage, type BalanceProof } from "../balance.ts";
import { Decimal } from "../money.ts";
import {
  StatementParseError,
  type Explanation,
  type ParsedStatement,
  type ParseOptions,
  type SkippedLine,
  type StatementRow,
} from "../statement.ts";
import { NAMED_IN_A_WORD, currencyOf, decideDecimalSeparator, letterMarkedMoney, looksLikeMoney, mayEndInMoney, looksLikeUnknownNumber, printedCurrency, readMoneyWithDecimals, readPrintedAmount, type AmountMark, type PrintedAmount } from "./amounts.ts";
import { PRINTED_TIME_ZONE, findPeriod, fullDatesIn, leadingDate, resolveYear, type LeadingDate, type YearSource } from "./dates.ts";
import { extractPdfLines, type PdfDocumentInfo, type PdfLine, type PdfPage, type PdfWord, type QuarterTurn } from "./extract.ts";
import { indexOfWords } from "../description.ts";
import { isSpace, listInWords, trimCharacters } from "../text.ts";
import { forgetStatementTexts } from "./text-memo.ts";
import { unfoldSideBySideTables } from "./side-by-side.ts";
import { inPrintedOrder } from "./page-order.ts";
import { readWholeUnitAmounts } from "./whole-units.ts";
import { readThreeDecimalAmounts } from "./three-decimals.ts";
import { readElidedDates } from "./elided-dates.ts";
import { columnsOf, currencyUnderColumn, cutLine, findTableHeader, headerReading, headerSignature, namesPostingDate, otherColumnText, titleOverMoneyColumn, type Column, type LineCells, type MoneyCell, type TableLayout } from "./table.ts";
import type { ColumnRole } from "./vocabulary.ts";
import {
  BALANCE_IN_EUROS,
  BALANCE_NAMED_IN_CURRENCY,
  BALANCE_SECTION,
  BARE_BALANCE,
  CARD_CREDIT_ROW,
  CLOSING_BALANCE,
  COMMON_CURRENCIES,
  CARD_HEADING,
  CARD_MEMBER_TOTAL,
  SPEND_BY_HEADING,
  CHILEAN_MARKS,
  CREDIT_CARD_SIGNS,
  CURRENCY_ACCOUNT,
  ACCOUNT_IN_CURRENCY,
  CURRENCY_COLUMN,
  CURRENCY_TITLE,
  FOOTNOTE,
  FUTURE_INSTALLMENTS,
  HEADER_PHRASE_ROLES,
  LONGEST_HEADER_PHRASE,
  MONEY_IN_SECTION,
  MONEY_OUT_SECTION,
  NUMERIC_ROLES,
  OPENING_BALANCE,
  PAGE_FURNITURE,
  PENDING_SECTION,
  POSTED_SECTION,
  SUB_ACCOUNT_SECTION,
  PERIOD_FIGURE,
  NOT_YET_POSTED,
  PERIOD_WORDS,
  PESOS_NAMED,
  POSITIONAL_BALANCE,
  PURCHASES_TOTAL,
  RANGE_SEPARATOR,
  REVERTED_SECTION,
  SALDO_COMPOUND,
  STATED_CURRENCY,
  DATED_BALANCE_WORDS,
  STATEMENT_DATE_LABEL,
  isSummaryLabel,
  WEAK_CARRY,
  balanceSideNamed,
  currencyInColumnName,
  currencyNamedBy,
  fold,
  headerWordKey,
} from "./vocabulary.ts";

export async function parsePdfStatement(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedStatement> {
  const { info, pages } = await extractPdfLines(bytes, {
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
  });
  return readStatementLines(pages, options, info);
}

// ---------------------------------------------------------------------------------------
// Refusals

/** Pieces of text at a slant that make a page's text, not a stamp's or a watermark's. */
const SIDEWAYS_TEXT = 10;

function needsOcr(why: string): StatementParseError {
  return new StatementParseError(`${why}; it needs OCR or manual entry`);
}

/** Image-only scans have no text; PDFs whose fonts map glyphs to nonsense have "text" that is
 *  mostly symbols. Neither can be read, and neither may be guessed at. */
function checkTextLayer(pages: readonly PdfPage[]): Explanation {
  const items = pages.reduce((n, p) => n + p.itemCount, 0);
  let visible = 0;
  let readable = 0;
  for (const page of pages) {
    for (const line of page.lines) {
      const counts = countReadable(line.text);
      visible += counts.visible;
      readable += counts.readable;
    }
  }
  if (items === 0 || visible < 40) {
    // Text that runs at a slant (or sideways beside too little upright text) is there: the
    // PDF is no scan, though its lines cannot be rebuilt. (A word or two at a slant, a
    // watermark's "COPY" over a scan, says nothing of the kind.)
    const sideways = pages.reduce((n, p) => n + (p.sideways ?? 0), 0);
    if (sideways >= SIDEWAYS_TEXT) {
      const on = pages.filter((p) => (p.sideways ?? 0) > 0).map((p) => p.number);
      throw new StatementParseError(
        `this PDF has a text layer, but its text runs at an angle (${sideways} piece${sideways === 1 ? "" : "s"} of text on page${on.length === 1 ? "" : "s"} ${on.join(", ")} ` +
          "run neither across the page nor a quarter-turn from it), so its lines cannot be rebuilt; download the statement again (upright), or as CSV or OFX",
      );
    }
    throw needsOcr(`this PDF has no text layer (${visible === 0 ? "no text at all" : `only ${visible} characters of text`} on ${pages.length} page${pages.length === 1 ? "" : "s"}: a scan or an image)`);
  }
  const share = readable / visible;
  if (share < 0.6) {
    throw needsOcr(`this PDF's text is not readable (only ${Math.round(share * 100)}% of its ${visible} characters are letters, digits or punctuation: the fonts do not map to real characters)`);
  }
  return { step: "text layer", decision: `${visible} characters on ${pages.length} page${pages.length === 1 ? "" : "s"}`, evidence: `${Math.round(share * 100)}% letters, digits and punctuation` };
}

const TURN_WORDS: Record<QuarterTurn, { back: string; runs: string }> = {
  90: { back: "a quarter-turn anticlockwise", runs: "runs down the page" },
  180: { back: "upside down", runs: "is upside down" },
  270: { back: "a quarter-turn clockwise", runs: "runs up the page" },
};

/** Pages whose text ran sideways and were read turned upright (extract.ts), said in one step. */
function turnedPages(pages: readonly PdfPage[]): Explanation | undefined {
  const turned = pages.filter((p) => p.turned !== undefined);
  if (turned.length === 0) return undefined;
  const turn = turned[0]!.turned!;
  const same = turned.every((p) => p.turned === turn);
  const which = turned.length === pages.length ? (pages.length === 1 ? "the page" : `all ${pages.length} pages`) : `page${turned.length === 1 ? "" : "s"} ${turned.map((p) => p.number).join(", ")}`;
  return {
    step: "page orientation",
    decision: same ? `${which} read turned ${TURN_WORDS[turn].back}` : `${which} read turned upright`,
    evidence: same ? `the text ${TURN_WORDS[turn].runs} (drawn rotated on the page, its rotation not flagged)` : "the text runs sideways (drawn rotated on the page, its rotation not flagged)",
  };
}

// Punctuation that statements are full of (dotted leaders, dates, amounts) is not garbage.
const READABLE = /[\p{L}\p{N}.,:;/()'"%&*#@+\-€$£¥]/u;
/** Readable ASCII by code: letters, digits and the punctuation READABLE lists. */
const READABLE_ASCII = new Uint8Array(128).map((_, code) => (READABLE.test(String.fromCharCode(code)) ? 1 : 0));

/** Characters of a text that are not whitespace, and how many of those are READABLE
 *  (counted by code point, so a character outside the BMP counts once). */
export function countReadable(text: string): { visible: number; readable: number } {
  let visible = 0;
  let readable = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (isSpace(code)) continue;
    visible++;
    readable += code < 128 ? READABLE_ASCII[code]! : READABLE.test(String.fromCodePoint(code)) ? 1 : 0;
  }
  return { visible, readable };
}

// ---------------------------------------------------------------------------------------
// Whole-document facts

// A line's money texts and furniture key are asked for several times as the statement is read
// (decimal separator, furniture, balance lines, skipped lines): worked out once per line.
const moneyTextsOf = new WeakMap<PdfLine, readonly string[]>();
const furnitureKeyOf = new WeakMap<PdfLine, string>();

function lineMoneyTexts(line: PdfLine): readonly string[] {
  let texts = moneyTextsOf.get(line);
  if (texts === undefined) {
    texts = findLineMoneyTexts(line);
    moneyTextsOf.set(line, texts);
  }
  return texts;
}

/** Money, or money with a D/C letter after it ("1.234,56 D"): a line holding one has money
 *  (it is no page furniture), though only a money column's cell reads the letter. */
function isMoneyText(text: string): boolean {
  return looksLikeMoney(text) || letterMarkedMoney(text) !== null;
}

function findLineMoneyTexts(line: PdfLine): string[] {
  // Segments, plus money glued to a label by a single space ("Opening balance 1,234.56").
  const out: string[] = [];
  for (const s of line.segments) {
    if (isMoneyText(s.text)) out.push(s.text);
    // A tail is the end of the segment's text: no money-shaped end there, no money tail.
    else if (mayEndInMoney(s.text)) {
      for (const n of [3, 2, 1]) {
        if (s.words.length <= n) continue;
        const tail = s.words.slice(-n).map((w) => w.text).join(" ");
        if (isMoneyText(tail)) {
          out.push(tail);
          break;
        }
      }
    }
  }
  return out;
}

/** A dollar (or real) marked with its country in a column's name: "Amount (A$)", "Valor (R$)". */
const DOLLAR_MARKS: Record<string, string> = { US: "USD", AU: "AUD", A: "AUD", NZ: "NZD", CA: "CAD", C: "CAD", S: "SGD", HK: "HKD", R: "BRL" };

/** The general currency sign "¤" as a column's unit: "(¤)", "[¤]", or alone as a word. */
const CURRENCY_SIGN_UNIT = /(?:^|\s|\p{L})[([]?¤[)\]]?(?=\s|$)/u;

/** An IBAN of a country whose currency is the euro (its own or by agreement), as printed: "FR61 2004
 *  1010 1612 3456 7J03 112", "DE71500105175401234567". */
const EURO_AREA_IBAN = /\b(?:AT|BE|CY|DE|EE|ES|FI|FR|GR|HR|IE|IT|LT|LU|LV|MT|NL|PT|SI|SK|MC|SM|AD|VA|ME|XK)\d{2}(?: ?[A-Z0-9]{4}){3}/;

/** A foreign amount noted in brackets with its code: "(USD 63.63)", "(EUR 285.04)". */
const BRACKETED_CODE_AMOUNT = /^\([A-Z]{3}\s?[\d.,' ]+\)$/;

/** `amounts`: every money text read as an amount, only asked for when no line or header says the currency. */
function decideCurrency(lines: readonly PdfLine[], layouts: readonly TableLayout[], amounts: () => readonly { currency?: string; text?: string }[]): { code: string; evidence: string } | undefined {
  // "Pesos" or "$" say a peso but not whose; a Chilean statement's own marks say whose.
  const chilean = lines.find((line) => CHILEAN_MARKS.test(fold(line.text)));
  const chileanPeso = (what: string) => ({ code: "CLP", evidence: `${what}, on a Chilean statement ("${chilean!.text.trim()}")` });
  for (const line of lines) {
    const folded = fold(line.text);
    if (chilean && PESOS_NAMED.test(folded.trim())) return chileanPeso(`"${line.text.trim()}"`);
    const m = STATED_CURRENCY.exec(folded) ?? CURRENCY_TITLE.exec(folded.trim());
    // "All amounts are in New Zealand dollars (NZD)": the code in brackets after the name.
    const bracketed = m ? /\(([a-z]{3})\)/.exec(folded.slice(m.index))?.[1] : undefined;
    const stated = m ? [m[1]!, bracketed].map((c) => c && currencyOf(c.toUpperCase())).find((c) => c !== undefined && COMMON_CURRENCIES.has(c)) : undefined;
    if (stated) return { code: stated, evidence: `"${line.text.trim()}"` };
    const named = currencyNamedBy(folded.trim());
    if (named) return { code: named, evidence: `"${line.text.trim()}"` };
  }
  // Accounts named by their currency ("HKD Savings", "HKD Current"): only when all name one
  // currency, as a multi-currency portfolio names several.
  const accounts = lines.flatMap((line) => {
    const folded = fold(line.text).trim();
    const code = (CURRENCY_ACCOUNT.exec(folded) ?? ACCOUNT_IN_CURRENCY.exec(folded))?.[1]?.toUpperCase();
    return code && COMMON_CURRENCIES.has(code) ? [{ code, line }] : [];
  });
  if (accounts.length > 0 && accounts.every((a) => a.code === accounts[0]!.code)) {
    return { code: accounts[0]!.code, evidence: `accounts named by their currency, e.g. "${accounts[0]!.line.text.trim()}"` };
  }
  for (const layout of layouts) {
    for (const headerLine of layout.headerLines) {
      const text = headerLine.text;
      const dollar = /(?<![A-Za-z])(US|AU|A|NZ|CA|C|S|HK|R)\$/.exec(text)?.[1];
      // A unit in brackets after a column's name: "출금금액(원)" (won), "金額(円)" (yen), full-width
      // ones too ("お支払金額（円）", "金額［円］"); the guaraní's ("Débito (Gs.)", "Saldo (₲)"); the baht's ("(บาท)").
      const unit = /[(（[［](원|₩|円|₲|Gs\.?|บาท|฿)[)）\]］]/.exec(text)?.[1];
      const code =
        /\b([A-Z]{3})\b/.exec(text)?.[1] ?? (dollar ? DOLLAR_MARKS[dollar] : text.includes("€") ? "EUR" : text.includes("£") ? "GBP" : unit ? currencyOf(unit) : undefined);
      if (code && COMMON_CURRENCIES.has(code)) return { code, evidence: `table header "${headerLine.text.trim()}"` };
      // The general currency sign as a column's unit ("Débit (¤) | Crédit (¤)": La Banque Postale),
      // the euro's byte of ISO 8859-15 read as ISO 8859-1: the euro, on a statement of an account
      // whose IBAN is of a country of the euro. (Elsewhere "¤" says no currency.)
      if (CURRENCY_SIGN_UNIT.test(text)) {
        const iban = lines.find((line) => EURO_AREA_IBAN.test(line.text));
        if (iban) return { code: "EUR", evidence: `table header "${headerLine.text.trim()}", "¤" the euro of an account in the euro area ("${iban.text.trim()}")` };
      }
    }
    // A money column named with its currency in words ("Bedrag" over "in euro": ICS).
    for (const column of layout.columns) {
      const named = column.role === "foreignAmount" || !NUMERIC_ROLES.has(column.role) ? undefined : currencyInColumnName(fold(column.label));
      if (named) return { code: named, evidence: `the table's column "${column.label}"` };
    }
  }
  // A balance named with its currency in words, as a column is ("SOLDE EN EUROS + 444,45": LCL).
  for (const line of lines) {
    const money = lineMoneyTexts(line);
    if (money.length === 0) continue;
    let label = fold(line.text);
    for (const text of money) label = label.replace(fold(text), " ");
    label = label.replace(/[+:*-]+/g, " ").replace(/\s+/g, " ").trim();
    const named = BALANCE_NAMED_IN_CURRENCY.test(label) ? currencyInColumnName(label) : undefined;
    if (named) return { code: named, evidence: `a balance stated in its currency: "${line.text.trim()}"` };
  }
  const column = currencyColumn(lines, layouts);
  if (column) return column;
  // An amount in another currency noted in brackets in a description ("Adobe (USD 63.63)",
  // "DeepL SE (EUR 285.04)") says nothing against the marks the amounts themselves print: "£" in
  // every cell is the pound's; "$" in every cell is a dollar, not the euro of a noted spend.
  // (Not money whose currency a word after it names, "473.90 EURO 1.160400 Exchange Rate": a
  // foreign spend's note; the euro so named is the statement's only as the last resort below.)
  const read = amounts().filter((a) => a.text === undefined || !NAMED_IN_A_WORD.test(a.text.trim()));
  const noted = (a: { text?: string }) => a.text !== undefined && BRACKETED_CODE_AMOUNT.test(a.text.trim());
  const dollars = read.filter((a) => a.currency === undefined && a.text !== undefined && /(?<![A-Za-z])\$/.test(a.text)).length;
  const own = read.filter((a) => !noted(a) && a.currency !== undefined && COMMON_CURRENCIES.has(a.currency));
  const notes = read.filter((a) => noted(a) && a.currency !== undefined).length;
  if (notes > 0 && dollars > notes && own.length === 0) return undefined;
  const ownCodes = new Set(own.map((a) => a.currency));
  if (notes > 0 && ownCodes.size === 1 && own.length > notes && dollars === 0) {
    const [code] = ownCodes;
    return { code: code!, evidence: "printed with the amounts" };
  }
  const marked = read.map((a) => a.currency).filter((c): c is string => c !== undefined && COMMON_CURRENCIES.has(c));
  const codes = new Set(marked);
  // (The rand's "R" says the currency only where the statement prints its amounts so, not on an
  // amount or two: "R 125.00" may be a reference's letter before a number.)
  if (codes.size === 1 && !(codes.has("ZAR") && marked.length < 3)) {
    const [code] = codes;
    return { code, evidence: "printed with the amounts" };
  }
  // The euro named in words after an amount ("Ihr Dispositionskredit: 2.500,00 Euro": Postbank),
  // when nothing else names a currency.
  // (Only on a statement that prints no other currency's sign: a card's conversion line names the
  // euros a dollar purchase cost.)
  const euro = lines.find((line) => /\d[.,]\d\d\s+euros?\b/i.test(line.text));
  if (euro && !chilean && !lines.some((line) => /[$£¥₹]/.test(line.text))) return { code: "EUR", evidence: `an amount named in euros: "${euro.text.trim()}"` };
  const dollarSign = chilean && lines.find((line) => /(?<![A-Za-z])\$\s?\d/.test(line.text));
  return dollarSign ? chileanPeso(`amounts printed with "$" ("${dollarSign.text.trim()}")`) : undefined;
}

/**
 * The currency of the codes printed under a "Currency" heading outside the transaction table (an
 * overview of accounts: "UOB One Account  372-318-845-1  SGD  7,622.06"), when they all name one:
 * the lines right under the heading, as long as each prints a code in its column.
 */
function currencyColumn(lines: readonly PdfLine[], layouts: readonly TableLayout[]): { code: string; evidence: string } | undefined {
  const tableHeaders = new Set(layouts.flatMap((l) => l.headerLines));
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0);
  const codes = new Set<string>();
  let example: string | undefined;
  lines.forEach((line, i) => {
    if (tableHeaders.has(line)) return;
    const heading = line.segments.find((s) => CURRENCY_COLUMN.test(fold(s.text)));
    if (!heading) return;
    for (const below of lines.slice(i + 1, i + 13)) {
      const cell = below.page === line.page ? below.segments.find((s) => overlaps(s, heading)) : undefined;
      const code = cell?.text.trim();
      if (!code || !/^[A-Z]{3}$/.test(code) || !COMMON_CURRENCIES.has(code)) break;
      codes.add(code);
      example ??= below.text.trim();
    }
  });
  if (codes.size !== 1) return rowsCurrency(lines, layouts);
  const [code] = codes;
  return { code: code!, evidence: `under a "Currency" heading: "${example}"` };
}

/**
 * The currency the table's rows print in a column of their own ("记账日期 | 货币 | 交易金额" over
 * "2026-08-03  人民币  -650.19": China Merchants Bank), when every one printed names one
 * currency, on three rows at least.
 */
function rowsCurrency(lines: readonly PdfLine[], layouts: readonly TableLayout[]): { code: string; evidence: string } | undefined {
  const codes = new Set<string>();
  let count = 0;
  let example: string | undefined;
  for (const layout of layouts) {
    if (!layout.otherColumns?.some((o) => CURRENCY_COLUMN.test(o.label))) continue;
    const start = lines.indexOf(layout.headerLines.at(-1)!);
    for (const line of lines.slice(start + 1)) {
      if (line.page !== layout.headerLines[0]!.page) break;
      for (const segment of line.segments) {
        const code = currencyUnderColumn(segment, layout);
        if (code === undefined) continue;
        codes.add(code);
        count++;
        example ??= line.text.trim();
      }
    }
  }
  if (codes.size !== 1 || count < 3) return undefined;
  const [code] = codes;
  return { code: code!, evidence: `in the table's column of currencies, on ${count} rows (e.g. "${example}")` };
}

/** Lines that repeat at the same height on several pages: letterhead, address, footer. */
function repeatedFurniture(pages: readonly PdfPage[]): Set<string> {
  const repeated = new Set<string>();
  if (pages.length < 2) return repeated;
  // The first page each key is on; a key seen on a later page is repeated.
  const firstPage = new Map<string, number>();
  for (const page of pages) {
    for (const line of page.lines) {
      const key = furnitureKey(line);
      const first = firstPage.get(key);
      if (first === undefined) firstPage.set(key, page.number);
      else if (first !== page.number) repeated.add(key);
    }
  }
  return repeated;
}

function furnitureKey(line: PdfLine): string {
  let key = furnitureKeyOf.get(line);
  if (key === undefined) {
    key = `${Math.round(line.y / 4)}|${fold(line.text).replace(/\d+/g, "#")}`;
    furnitureKeyOf.set(line, key);
  }
  return key;
}

// ---------------------------------------------------------------------------------------
// Rows

interface Draft {
  /** The direction its section heading gave ("DEPOSITS AND ADDITIONS"), for amounts printed without one. */
  section?: Direction;
  page: number;
  sourceRow: number;
  /** Undefined until found, in a table without a date column (its dates under or above the rows). */
  date?: DateParts;
  dateText: string;
  valueDate?: DateParts;
  description: string[];
  money: MoneyCell[];
  balance?: MoneyCell;
  status: RowStatus;
  lastY: number;
  /** The lines the row was read from. */
  lines: PdfLine[];
  /** How many of its last lines (each a part of its description) were read after its amount's line. */
  afterAmount?: number;
}

type BalanceKind = "opening" | "closing" | "positional";

/** Where a row stands, by the section heading above it: pending rows are reported but not
 *  posted; reverted ones (authorised, then released) never touched the balance and are skipped. */
type RowStatus = "posted" | "pending" | "reverted";

/** The status a heading's folded label gives the rows under it ("Pending transactions", "Reverted from …"). */
function statusHeading(label: string): { status: RowStatus; words: string } | undefined {
  // ("Posted transactions" alone on its line: the section of booked rows after a pending one.)
  if (POSTED_SECTION.test(label)) return { status: "posted", words: label };
  const pending = PENDING_SECTION.exec(label);
  if (pending) return { status: "pending", words: pending[0] };
  const reverted = REVERTED_SECTION.exec(label);
  return reverted ? { status: "reverted", words: reverted[0] } : undefined;
}

/**
 * A status heading outside the table, above its header ("Pending from 29 March 2026 to 31 March
 * 2026"): only a line that is the heading and nothing else, beside the dates and words of a
 * period and a remark in brackets ("Nezaúčtované transakce (blokace na kartě)") — a sentence
 * there that mentions pending transactions is no heading.
 */
function statusHeadingAbove(line: PdfLine, order: DateOrder): RowStatus | undefined {
  const label = freeLabel(line, order)
    .replace(/\([^()]*\)/g, " ")
    .split(" ")
    .filter((w) => w !== "" && !PERIOD_WORDS.test(w) && !RANGE_SEPARATOR.test(w))
    .join(" ");
  const heading = statusHeading(label);
  return heading && heading.words === label ? heading.status : undefined;
}

type Direction = "in" | "out";

const CONTINUED = /\(?(?:continued|cont'd|cont\.)\)?\s*$/;
const isSpaceOrDash = (code: number) => code === 0x2d || isSpace(code);

/** A heading without "(continued)" and the spaces and dashes before it ("Deposits - continued"). */
function withoutContinued(label: string): string {
  const m = CONTINUED.exec(label);
  // The dashes and spaces before it trimmed in one pass: as `[\s-]*` in the pattern, a line of
  // dashes was quadratic.
  return m ? trimCharacters(label.slice(0, m.index), () => false, isSpaceOrDash) : label;
}

/**
 * The count and total a section's heading bar prints after its name ("Withdrawals / Debits   26
 * items totaling $42,019.93": Fifth Third): the heading's, not a row's amount.
 */
const COUNT_AND_TOTAL = /\s\d{1,5}\s+(?:items?|checks?|cheques?|transactions?|entries|entry|deposits?|withdrawals?|debits?|credits?|payments?)\s+(?:totaling|totalling|for a total of|total(?: of)?|amounting to)\s*:?\s*[-+]?\s?(?:[$£€]|usd|cad|gbp|eur)?\s?[\d,.' ]*\d\s*$/;

/** A heading's name and the sign it prints after it, in brackets ("other credits (+)", "checks (-)"). */
const SIGNED_HEADING = /^(\p{L}[\p{L}&/,' ]{0,40}?) ?\(([+\-\u2212\u2013])\)$/u;
/** Words of a column header or a total, not of a section's name ("Amount (-)", "Total (+)"). */
const NOT_A_SECTION_NAME = /\b(?:date|amount|balance|description|total|sum)\b/;

/** What a section heading line says: the direction of the rows under it, or that they are balances. */
function sectionHeading(line: PdfLine): Direction | "balances" | undefined {
  const folded = fold(line.text);
  // (Money on the line is a row's — unless it is the section's count and total.)
  const countAndTotal = COUNT_AND_TOTAL.exec(folded);
  if (!countAndTotal && lineMoneyTexts(line).length > 0) return undefined;
  const named = countAndTotal ? folded.slice(0, countAndTotal.index) : folded;
  const label = withoutContinued(named.replace(/[:*]+/g, " ")).replace(/\s+/g, " ").trim();
  // (A list of balances across may be long: "Date Ending Balance" four times.)
  if (BALANCE_SECTION.test(label)) return "balances";
  if (label.length > 60) return undefined;
  // A heading that prints its rows' sign after its name ("Deposits (+)", "Other Debits (-)":
  // Huntington, whose amounts print none): the sign says the direction.
  const signed = SIGNED_HEADING.exec(label);
  if (signed) {
    const name = signed[1]!;
    const known = MONEY_IN_SECTION.test(name) || MONEY_OUT_SECTION.test(name);
    if (known || !NOT_A_SECTION_NAME.test(name)) return signed[2] === "+" ? "in" : "out";
  }
  if (MONEY_IN_SECTION.test(label)) return "in";
  if (MONEY_OUT_SECTION.test(label)) return "out";
  return undefined;
}

interface BalanceLine {
  kind: BalanceKind;
  /** As printed: its sign is read once the statement's sign rule is settled. */
  printed: PrintedAmount;
  /** Rows (posted or pending) read before the line. */
  rowsBefore: number;
  /** Lines skipped before it (itself included). */
  skippedBefore: number;
  page: number;
  line: number;
  text: string;
}

function balanceKind(label: string, hasTransactionAmount: boolean): BalanceKind | undefined {
  const words = label.split(" ").filter(Boolean).length;
  // Balance lines are short labels; a long description that happens to contain one of the
  // phrases ("transfer of closing balance to …") is a transaction when it has an amount.
  // (A note in brackets after the balance's name is no part of it: "ПРЕТХОДНО СТАЊЕ (дуг по изводу
  // бр. 8/2025)", the debt brought from statement 8: the name read without it.)
  if (words > 12 || (hasTransactionAmount && words > 6)) {
    const named = label.replace(/\([^()]*\)/g, " ").replace(/\s+/g, " ").trim();
    return named !== "" && named !== label.trim() ? balanceKind(named, hasTransactionAmount) : undefined;
  }
  if (OPENING_BALANCE.test(label)) return "opening";
  if (CLOSING_BALANCE.test(label)) return "closing";
  if (POSITIONAL_BALANCE.test(label) || WEAK_CARRY.test(label) || BARE_BALANCE.test(label.trim())) return "positional";
  // A balance's word alone but for its date, or a word made with "saldo" (the balance's word in
  // German, Dutch, the Nordic and Baltic languages: "Slutsaldo 31.03.2026", "Tagessaldo"), though
  // no list above names it: where it stands says which balance it is. Read as a row (dated with
  // the row above), it added the whole balance to the rows.
  const word = label.split(" ").filter((w) => w !== "" && !DATE_OR_NUMBER.test(w)).join(" ");
  if (BARE_BALANCE.test(word) || SALDO_COMPOUND.test(word)) return "positional";
  return undefined;
}

/** A table of a debit column left of a credit column and no balance column ("Date | Opérations |
 *  Débit | Crédit"): a balance line's figure says its side by the column it stands in. (Where the
 *  debit column is the last, "Entrate | Uscite": Fineco, a balance set at the line's end stands
 *  there whatever its side, and says none.) */
function debitAndCreditOnly(layout: TableLayout): boolean {
  const numeric = columnsOf(layout).numeric;
  const debit = numeric.find((c) => c.role === "debit");
  const credit = numeric.find((c) => c.role === "credit");
  return debit !== undefined && credit !== undefined && debit.x1 < credit.x0 && !numeric.some((c) => c.role === "balance");
}

/** A date or a number among a label's words ("31.03.2026", "2026-03-31", "12"). */
const DATE_OR_NUMBER = /^[\d.,/:-]*\d[\d.,/:-]*$/;

/**
 * The sign rule: how a printed amount becomes a ledger amount. "signed-card": a card statement
 * that signs every amount from the cardholder's side, as a bank account does (see cardholderSigns).
 */
type SignRule = "bank" | "credit-card" | "signed-card";

/** Ledger value of a printed amount in a single amount (or balance) column. */
function signedByMark(amount: PrintedAmount, rule: SignRule): Decimal {
  const { magnitude, mark } = amount;
  if (rule === "credit-card") {
    // Card statements print charges bare and payments/credits with CR or a minus: from the
    // business's ledger a charge is money out, a payment to the card money in.
    return mark === "credit" || mark === "minus" ? magnitude : magnitude.neg();
  }
  if (rule === "signed-card") {
    // A plus (or CR) is a payment or credit; a minus, and anything bare, is a charge or an amount owed.
    return mark === "credit" || mark === "plus" ? magnitude : magnitude.neg();
  }
  return mark === "minus" || mark === "debit" ? magnitude.neg() : magnitude;
}

interface Context {
  separator: DecimalSeparator;
  order: DateOrder;
  rule: SignRule;
}

function read(cell: { text: string; letterMark?: AmountMark } | undefined, ctx: Pick<Context, "separator">): PrintedAmount | null {
  const amount = cell ? readPrintedAmount(cell.text, ctx.separator) : null;
  if (amount === null || cell?.letterMark === undefined) return amount;
  // "12,00- D" says its direction twice: not an amount, as any doubly marked text.
  return amount.mark === undefined ? { ...amount, mark: cell.letterMark } : null;
}

/**
 * The text column a word starts in. Text columns are left-aligned, so a column's zone runs
 * from (just before) its header's left edge to the next text column's.
 */
function textColumnAt(x0: number, layout: TableLayout): Column | undefined {
  const { text } = columnsOf(layout);
  let found = text[0];
  for (const c of text) if (c.x0 - layout.em <= x0) found = c;
  return found;
}

/** The words of a line that gives a value date and nothing else: the value date's label
 *  (as a column header names it: "Wertstellung", "Value Date:", "Valuta") and a date. */
function valueDateLine(words: readonly PdfWord[], order: DateOrder): DateParts | undefined {
  for (let n = Math.min(LONGEST_HEADER_PHRASE, words.length - 1); n >= 1; n--) {
    const label = words.slice(0, n).map((w) => headerWordKey(w.text)).join(" ");
    if (HEADER_PHRASE_ROLES.get(label) !== "valueDate") continue;
    const rest = words.slice(n).map((w) => w.text);
    const date = leadingDate(rest, order);
    if (date && date.wordCount === rest.length) return date.parts;
  }
  return undefined;
}

/**
 * The label of a line that opens with a footnote, its words after the footnote's ("* Gap in check
 * sequence   Conventional Checks Paid (5)   $ 1,629.47-": U.S. Bank prints its checks' total on
 * the line of the note explaining their marks): what the line is, the note aside. "" for a line
 * that opens with no footnote or is one alone.
 */
function labelAfterFootnote(line: PdfLine, read: ReadLine): string {
  const note = line.segments[0];
  if (line.segments.length < 2 || !FOOTNOTE.test(note!.text)) return "";
  return fold(texts(read.descriptionWords.filter((w) => w.x0 > note!.x1)).join(" ").replace(/[:*]+/g, " ")).trim();
}

function isDateColumn(column: Column | undefined): boolean {
  return column === undefined || column.role === "date" || column.role === "valueDate";
}

interface ReadLine {
  date: LeadingDate | null;
  valueDate: LeadingDate | null;
  /** The posting-date cell says the row has not posted yet ("Pending"). */
  pending?: boolean;
  descriptionWords: PdfWord[];
  transactionMoney: MoneyCell[];
  balance?: MoneyCell;
  label: string;
  /** Text under a column not read apart that stood before the description, moved after it. */
  referenceText?: string;
  /** The line cut into cells by the table's columns. */
  cells: LineCells;
}

/**
 * Cells printed in narrow columns left of the date columns, before a word in a date column: a row
 * number ("Lp." on Polish statements, "Sr No" on ICICI's), a reference ("Receipt No." on M-PESA
 * statements, "Tran Id") or a check's number ("Check number", PNC's paid checks). Read as part of
 * the date, they left every row undated — each then took the date of the row above, or none was
 * read at all. A row number is dropped; a reference or check number, only taken when the date
 * follows it, joins the description.
 */
function cellsBeforeDate(words: readonly PdfWord[], layout: TableLayout, order: DateOrder): { drop: number; reference: PdfWord[] } | undefined {
  const dates = columnsOf(layout).text.filter((c) => c.role === "date" || c.role === "valueDate");
  if (dates.length === 0 || words.length < 2) return undefined;
  const firstDate = Math.min(...dates.map((c) => c.x0));
  // Only where the dates come before the description: words left of a date column printed after
  // it (TD: "Description … Date", N26) are the description's.
  const description = columnsOf(layout).text.find((c) => c.role === "description");
  if (description !== undefined && description.x0 < firstDate) return undefined;
  let n = 0;
  while (n < words.length && words[n]!.x1 < firstDate) n++;
  if (n === 0 || n >= words.length || n > 2 || words[n]!.x0 < firstDate - layout.em) return undefined;
  const texts = words.map((w) => w.text);
  if (leadingDate(texts, order) !== null) return undefined;
  const dated = leadingDate(texts.slice(n), order) !== null;
  const reference: PdfWord[] = [];
  for (const word of words.slice(0, n)) {
    const header = layout.otherColumns?.find((o) => word.x0 <= o.x1 + layout.em && word.x1 >= o.x0 - layout.em)?.label ?? "";
    // In a table with no description column (paid checks: "Number | Date Paid | Amount", Fifth
    // Third) the number is the check's, all the row says of itself: no row number.
    const rowNumber = /^\d{1,5}\.?$/.test(word.text) && description !== undefined && !/\b(?:check|cheque|chq|ref|reference|receipt|doc|document|id|tran|txn)\b/.test(header);
    // A lone small letter beside it there is a flag ("i": the check's image is enclosed), no text of the row.
    const flag = description === undefined && /^[a-z]$/.test(word.text);
    if (!rowNumber && !flag) reference.push(word);
  }
  // A row number alone is dropped even where no date follows (the second line of a row); anything else only before a date.
  if (!dated && (n > 1 || reference.length > 0)) return undefined;
  return { drop: n, reference };
}

/**
 * How many words, at the start of `words`, fill the posting-date cell with a word that says the
 * row has not posted (NOT_YET_POSTED: "Pending", "Memo post"); 0 when they do not.
 */
function notYetPostedCell(words: readonly PdfWord[], layout: TableLayout): number {
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const cell = words.slice(0, n);
    if (cell.some((w) => textColumnAt(w.x0, layout)?.role !== "date")) continue;
    if (NOT_YET_POSTED.test(fold(texts(cell).join(" ")).replace(/[*:.]+$/, ""))) return n;
  }
  return 0;
}

/**
 * How many words, at the start of `words`, stand under a column not read apart that lies left of
 * every date column (a row's receipt date, "Beleg", before its booking date, "Buchung"); 0 when the
 * first word does not.
 */
function dateUnderOtherColumn(words: readonly PdfWord[], layout: TableLayout): number {
  const dates = columnsOf(layout).text.filter((c) => c.role === "date" || c.role === "valueDate");
  if (dates.length === 0 || !layout.otherColumns) return 0;
  const firstDate = Math.min(...dates.map((c) => c.x0)) - layout.em / 2;
  const first = words[0]!;
  if (first.x1 >= firstDate || !layout.otherColumns.some((o) => o.x1 < firstDate && first.x0 <= o.x1 + layout.em && first.x1 >= o.x0 - layout.em)) return 0;
  let n = 0;
  while (n < words.length && words[n]!.x1 < firstDate) n++;
  return n;
}

/**
 * How many words, at the start of `words`, stand in `column` when a word after them starts in
 * another date column; 0 when none does. Two dates side by side in two date columns are two
 * dates ("18.01.26 19.01.26" under "Belegdatum | Buchungsdatum"), never one date and its time.
 */
function wordsInDateColumn(words: readonly PdfWord[], column: Column | undefined, layout: TableLayout): number {
  for (let n = 1; n < words.length && n < 4; n++) {
    const other = textColumnAt(words[n]!.x0, layout);
    if (other !== undefined && other !== column && isDateColumn(other)) return n;
  }
  return 0;
}

/** A time of day printed after a row's date, in its cell ("2026-03-29 21:03:36", "10:19:35 AM"). */
const TIME_OF_DAY = /^\d{1,2}:\d{2}(?::\d{2})?$/;
const MERIDIEM = /^(?:am|pm|a\.m\.|p\.m\.)$/i;

/** How many of the words a time of day takes ("21:03:36", "10:19:35 AM"), 0 if they do not start with one. */
function timeOfDayWords(words: readonly PdfWord[]): number {
  if (words.length === 0 || !TIME_OF_DAY.test(words[0]!.text)) return 0;
  return words.length > 1 && MERIDIEM.test(words[1]!.text) ? 2 : 1;
}

/**
 * Two dates in one cell, under a header that names both ("Buchung/Wert": "02.03./02.03.",
 * Postbank): the first the booking date, the second the value date.
 */
function datePair(word: PdfWord | undefined, order: DateOrder): { date: LeadingDate; valueDate: LeadingDate } | undefined {
  if (!word || !word.text.includes("/")) return undefined;
  const halves = word.text.split("/");
  if (halves.length !== 2) return undefined;
  const [a, b] = halves.map((h) => leadingDate([h], order));
  return a && b && a.wordCount === 1 && b.wordCount === 1 ? { date: { ...a, wordCount: 1 }, valueDate: { ...b, wordCount: 1 } } : undefined;
}

/**
 * A value date printed as four digits without a separator, in the value-date column only
 * (Norwegian "Rentedato" 0202: day then month; month then day where dates are month-first).
 * Its year is the row's, as for any date printed without one.
 */
function compactDayMonth(text: string, order: DateOrder): LeadingDate | null {
  const m = /^(\d\d)(\d\d)$/.exec(text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [day, month] = order === "month-first" ? [b, a] : [a, b];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { parts: { day, month }, wordCount: 1, text };
}

/** A line shaped like a transaction row without a table: a date alone first (its own segment),
 *  words, then an amount last. */
function rowShapedBeforeTable(line: PdfLine, order: DateOrder): boolean {
  const segments = line.segments;
  if (segments.length < 3) return false;
  const first = segments[0]!.text.trim();
  const date = leadingDate(first.split(/\s+/), order);
  if (!date || date.text.replace(/\s+/g, "") !== first.replace(/\s+/g, "")) return false;
  if (!looksLikeMoney(segments.at(-1)!.text.trim())) return false;
  return segments.slice(1, -1).some((s) => /\p{L}{3}/u.test(s.text));
}

// Helpers of the per-line reading, at module level: a function defined inside one called for
// every line of a statement is created, and named, on every call (the worker runs TypeScript
// through tsx, whose keepNames adds a property definition per creation).

/** Every word's text of the lines, in order. */
function wordTexts(lines: readonly PdfLine[]): string[] {
  const out: string[] = [];
  for (const line of lines) for (const word of line.words) out.push(word.text);
  return out;
}

/** The words' texts. */
function texts(words: readonly PdfWord[]): string[] {
  return words.map((w) => w.text);
}

/** Whether the first of the words stands in a date column (or left of every text column). */
function startsInDateColumn(words: readonly PdfWord[], layout: TableLayout): boolean {
  return words.length > 0 && isDateColumn(textColumnAt(words[0]!.x0, layout));
}

/** The text of a row's date column that no date was read from, where it holds a digit (a date in
 *  a form not read, "01/07/202606:01"); undefined for an empty date cell or words alone. */
function unreadDateCell(words: readonly PdfWord[], layout: TableLayout): string | undefined {
  return startsInDateColumn(words, layout) && /\d/.test(words[0]!.text) ? words[0]!.text : undefined;
}

/** A character a font without a text mapping puts out: the missing glyph's box (□), the
 *  replacement character, a private-use code point, a control character. */
function unmappedCharacter(code: number): boolean {
  // (By UTF-16 code unit: a high surrogate from 0xDB80 opens the private-use planes 15 and 16.)
  return code === 0x25a1 || code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0xdb80 && code <= 0xdbff) || code < 0x20 || (code >= 0x7f && code < 0xa0);
}

/** An amount whose digits were printed as placeholders ("???.??", "#,###.##"): no digit where money belongs. */
const PLACEHOLDER_AMOUNT = /^[-+]?[?#]+(?:[.,'][?#]+)*[.,][?#]{1,3}$/;

/**
 * The text of a word in a transaction's money column (amount, debit, credit) that cannot be an
 * amount because its characters have no text mapping, if any: a row whose amount is unreadable,
 * though its date and description read. Asked of lines that read no amount.
 */
function unreadableAmountCell(cells: LineCells, layout: TableLayout): string | undefined {
  const { numeric, leftmostMoney } = columnsOf(layout);
  const em = layout.em;
  for (const word of cells.textWords) {
    // (Cheap first: most such lines are a description's, left of every money column.)
    if (word.x1 < leftmostMoney - em) continue;
    const text = word.text;
    let unmapped = false;
    for (let i = 0; i < text.length && !unmapped; i++) unmapped = unmappedCharacter(text.charCodeAt(i));
    if (!unmapped && !PLACEHOLDER_AMOUNT.test(text)) continue;
    for (const column of numeric) {
      if (column.role === "balance" || column.role === "foreignAmount") continue;
      if (word.x1 >= column.x0 - em && word.x0 <= column.x1 + em) return text;
    }
  }
  return undefined;
}

/** A word shaped like an amount whose digits a scan's text layer misread: digits, the letters
 *  taken for them (O, l, I, S, B, Z), separators — a digit among them. (No rate: "4.25%".) */
const DAMAGED_AMOUNT = /^[-+]?(?=[^\d]*\d)[\dOolISsBZ.,' ]+[-+]?$/;

/**
 * A word with a digit standing in a transaction's money column (amount, debit, credit) of a row
 * that read no amount: what the column holds instead of an amount ("73,5O", "S,32", "10534"), and
 * the column's name. Undefined when the row's money columns are empty.
 */
function unreadableMoneyCell(draft: Draft, layout: TableLayout | undefined): { text: string; column: string } | undefined {
  if (!layout) return undefined;
  const em = layout.em;
  const columns = columnsOf(layout).numeric.filter((c) => c.role === "amount" || c.role === "debit" || c.role === "credit");
  for (const line of draft.lines) {
    for (const word of line.words) {
      if (!DAMAGED_AMOUNT.test(word.text) || looksLikeDate(word.text)) continue;
      const column = columns.find((c) => word.x1 >= c.x0 - em && word.x0 <= c.x1 + em);
      if (column) return { text: word.text, column: `"${column.label}"` };
    }
  }
  return undefined;
}

/** Text of two or more words (spaces between two non-spaces). */
const SEVERAL_WORDS = /\S\s+\S/;

function readTableLine(line: PdfLine, layout: TableLayout, order: DateOrder): ReadLine {
  const cells = cutLine(line, layout);
  let words = cells.textWords;
  let date: LeadingDate | null = null;
  let valueDate: LeadingDate | null = null;
  // The column the row's date was read in.
  let dateRole: ColumnRole | undefined;
  let pending = false;
  const before = cellsBeforeDate(words, layout, order);
  const reference = before?.reference ?? [];
  if (before) words = words.slice(before.drop);
  const pair = startsInDateColumn(words, layout) ? datePair(words[0], order) : undefined;
  if (pair) {
    ({ date, valueDate } = pair);
    words = words.slice(1);
  } else if (startsInDateColumn(words, layout)) {
    // The dates in the date columns, each with the column it stands in: of a value date and a
    // transaction date printed in that order (ICICI), the transaction date is the row's.
    const found: { date: LeadingDate; role: ColumnRole | undefined }[] = [];
    const unread = words;
    while (startsInDateColumn(words, layout) && found.length < 3) {
      // A date under a column not read apart, left of the date columns ("Beleg | Buchung": DKB's
      // receipt date before its booking date) is a date of its own, no column's the ledger reads:
      // it ends where the date columns start (else "30.09 01.10" read as a date and its time).
      const column = textColumnAt(words[0]!.x0, layout);
      const under = found.length === 0 ? dateUnderOtherColumn(words, layout) : 0;
      const own = under || wordsInDateColumn(words, column, layout);
      // (Only beside a date column named as the booking date, the ledger's: "Received By Us | Transaction
      // Date" (M&S Bank) prints its posting date first, under a column not read apart.)
      const role = under > 0 && columnsOf(layout).text.some((c) => c.role === "date" && namesPostingDate(c.label)) ? undefined : column?.role;
      const next = leadingDate(texts(own > 0 ? words.slice(0, own) : words), order);
      if (!next) {
        // "Pending" where the posting date goes, beside the transaction's date (KeyBank's account
        // activity: its pending card purchases on top, without a balance): the row has not posted.
        const held = role === "date" && !pending ? notYetPostedCell(words, layout) : 0;
        if (held === 0) break;
        pending = true;
        words = words.slice(held);
        continue;
      }
      found.push({ date: next, role });
      words = words.slice(next.wordCount);
      // A time of day after a date, in its cell.
      if (startsInDateColumn(words, layout)) words = words.slice(timeOfDayWords(words));
    }
    if (found.length > 0) {
      const first = found.find((f) => f.role === "date") ?? found[0]!;
      date = first.date;
      dateRole = first.role;
      valueDate = found.find((f) => f !== first && f.role === "valueDate")?.date ?? found.find((f) => f !== first)?.date ?? null;
    } else if (pending) {
      // No date beside it: not a row this reading dates (its words are left as they were).
      pending = false;
      words = unread;
    }
  }
  // A row's time of day printed on its second line, under a date column (ICICI's "Transaction
  // Posted Date": "10:19:35 AM"): no words of its description.
  if (!date && startsInDateColumn(words, layout)) words = words.slice(timeOfDayWords(words));
  // A date column after others ("Check No. | Description | Date Paid | Amount").
  if (!date) {
    const dateColumn = columnsOf(layout).text.find((c) => c.role === "date");
    const startsBefore = words.length > 0 && (!isDateColumn(textColumnAt(words[0]!.x0, layout)) || (dateColumn !== undefined && words[0]!.x1 < dateColumn.x0 - layout.em));
    const start = words.findIndex((w, i) => i > 0 && textColumnAt(w.x0, layout)?.role === "date" && startsBefore);
    const found = start > 0 ? leadingDate(texts(words.slice(start)), order) : null;
    if (found) {
      date = found;
      words = [...words.slice(0, start), ...words.slice(start + found.wordCount)];
    }
  }
  // A row's date read in a value-date column left of the ledger's date column, with other cells
  // between them ("Date Written | Check Number | Date Cleared": a check clears, and leaves the
  // account, on the date cleared): the date in the date column is the row's, the first its value date.
  if (date && !valueDate && dateRole === "valueDate") {
    const start = words.findIndex((w) => textColumnAt(w.x0, layout)?.role === "date");
    const found = start >= 0 ? leadingDate(texts(words.slice(start)), order) : null;
    if (found) {
      valueDate = date;
      date = found;
      words = [...words.slice(0, start), ...words.slice(start + found.wordCount)];
    }
  }
  // A value-date column right of the description ("Date | Libellé | Valeur | Débit").
  if (date && !valueDate) {
    const start = words.findIndex((w) => textColumnAt(w.x0, layout)?.role === "valueDate");
    if (start > 0) {
      const found = leadingDate(texts(words.slice(start)), order) ?? (words.length - start === 1 ? compactDayMonth(words[start]!.text, order) : null);
      if (found && found.wordCount === words.length - start) {
        valueDate = found;
        words = words.slice(0, start);
      }
    }
  }
  const behind = referenceBeforeDescription(words, layout);
  if (behind.length > 0) words = [...words.slice(behind.length), ...behind];
  const label = fold(texts(words).join(" ").replace(/[:*]+/g, " "));
  const balance = cells.money.find((m) => m.role === "balance");
  return {
    date,
    valueDate,
    ...(pending ? { pending } : {}),
    ...(behind.length > 0 ? { referenceText: texts(behind).join(" ") } : {}),
    descriptionWords: [...reference, ...words],
    transactionMoney: cells.money.filter((m) => m.role !== "balance"),
    ...(balance ? { balance } : {}),
    label,
    cells,
  };
}

/**
 * The words a row opens with under a column not read apart set between the dates and the
 * description ("Reference Number": Synchrony's 18 characters; "Ref #": Elan's four digits; a
 * transaction-type code, "COD.": Inbursa's T17 and S40; a document's number, "Nr. Doc.": Caixa's
 * 474459), when the description's words follow: they go after the description, as a reference's
 * do (otherColumnsLast), and do not open it.
 */
const REFERENCE_COLUMN =
  /^(?:ref(?:erence)?(?: (?:number|no|#))?|ref ?#|cod|code|codigo|(?:tran|txn|transaction) code|(?:(?:nr|no|n°|nº|num|numero) ?)?(?:doc|docto|documento)(?: (?:nr|no|n°|nº))?)$/;

function referenceBeforeDescription(words: readonly PdfWord[], layout: TableLayout): PdfWord[] {
  const description = columnsOf(layout).text.find((c) => c.role === "description");
  const others = layout.otherColumns ?? [];
  if (description === undefined || others.length === 0) return [];
  const em = layout.em;
  const between = others.filter((o) => o.x1 < description.x0 - em / 2 && REFERENCE_COLUMN.test(o.label));
  let n = 0;
  while (n < words.length && words[n]!.x1 < description.x0 - em / 2 && between.some((o) => words[n]!.x0 >= o.x0 - em && words[n]!.x0 <= o.x1 + em)) n++;
  // Only before the description's own words.
  if (n === 0 || n === words.length || words[n]!.x0 < description.x0 - em) return [];
  return words.slice(0, n);
}

/**
 * A row's description with the text of the columns not read apart (a reference, a type code,
 * printed on the row's first line beside the description's first words) moved after it:
 * "UPI-BLINKIT-…-HDFC0 0000788638298920 MERUPI-…-COLLECT REQUEST" (HDFC) reads
 * "UPI-BLINKIT-…-HDFC0 MERUPI-…-COLLECT REQUEST 0000788638298920". Only where it was found
 * among the description's words. A line may hold the text of several such columns, each moved
 * on its own: those right of the description, then a reference printed before it ("FT260321VTU6"
 * under QNB's Reference, "0900 E-BANKING" under its Branch), as a row of one line reads them.
 */
function otherColumnsLast(description: string, lines: readonly PdfLine[], otherTextOf: WeakMap<PdfLine, readonly string[]>): string {
  if (lines.length < 2) return description;
  let text = description;
  const moved: string[] = [];
  for (const line of lines) {
    for (const other of otherTextOf.get(line) ?? []) {
      const at = indexOfWords(text, other);
      if (at < 0) continue;
      text = `${text.slice(0, at)} ${text.slice(at + other.length)}`.replace(/\s+/g, " ").trim();
      moved.push(other);
    }
  }
  return moved.length > 0 ? `${text} ${moved.join(" ")}` : description;
}

/**
 * The marks the statement's footnotes explain ("* Indicates a break in check number sequence":
 * Frost, Regions), each as a pattern of the mark after a number, glued to it or a space apart
 * ("2311*", "2045 *"): a footnote's mark, no part of the number (a check's).
 */
function footnoteMarks(lines: readonly PdfLine[]): RegExp[] {
  const marks = new Set<string>();
  for (const line of lines) if (FOOTNOTE.test(line.text)) marks.add(line.text.trim().split(/\s/, 1)[0]!);
  return [...marks].map((mark) => new RegExp(`((?:^|\\s)\\d+) ?${mark.replace(/\*/g, "\\*")}(?=\\s|$)`, "gu"));
}

/** A description without the footnote marks after its numbers. */
function withoutFootnoteMarks(description: string, marks: readonly RegExp[]): string {
  let text = description;
  for (const mark of marks) text = text.replace(mark, "$1");
  return text;
}

/** Wording of security advice: what never to share or disclose, what the bank never asks for. */
const SECURITY_ADVICE = /\b(?:do not|don't|never|not to) (?:share|disclose|reveal|give)\b|\bnever asks?\b|\b(?:pin|otp|cvv|cvc|password)s?\b|\bphishing\b|\bfraudsters?\b/;

/**
 * Credit-card wording in a (folded) line, unless it only explains a code: a legend of the
 * abbreviations the rows use ("BPY - Bill payment   C/C - Credit card", TD's chequing statement)
 * says what a row's code means, not what the account is.
 */
function cardWording(text: string): string | undefined {
  const m = CREDIT_CARD_SIGNS.exec(text);
  if (!m) return undefined;
  // Security and legal advice that names cards among other things ("Please do not share your ATM,
  // Debit/Credit card number, PIN and OTP", ICICI's current account) says nothing of the account.
  if (SECURITY_ADVICE.test(text) || /\bdebit ?(?:\/|or|and|&) ?credit card/.test(text)) return undefined;
  return /(?:^|\s)[a-z][a-z/.&-]{0,5}\s*[-=:]\s*$/.test(text.slice(0, m.index)) ? undefined : m[0];
}

/** A number in groups of thousands ("12.971.962": a total in whole pesos). */
const GROUPED_NUMBER = /\d{1,3}(?:[.,'’ ]\d{3})+(?![\d])/;

/** A line that starts where the table's descriptions start, or right of it: the words of a row's description, wrapped. */
function continuesDescription(line: PdfLine, layout: TableLayout): boolean {
  const description = layout.columns.find((c) => c.role === "description");
  const x0 = line.words[0]?.x0;
  return description !== undefined && x0 !== undefined && x0 >= description.x0 - layout.em;
}

/** Folded label of a line outside the table: text without its money and dates. */
function freeLabel(line: PdfLine, order: DateOrder): string {
  const words = line.words.map((w) => w.text);
  const dates = fullDatesIn(words, order);
  const keep = words.filter((_, i) => !dates.some((d) => i >= d.start && i < d.end));
  const money = new Set(lineMoneyTexts(line).flatMap((t) => t.split(" ")));
  return fold(keep.filter((w) => !money.has(w)).join(" ").replace(/[:*]+/g, " "));
}

// ---------------------------------------------------------------------------------------

interface HeaderAt {
  layout: TableLayout;
  /** Index of the header's first line on its page. */
  index: number;
}

/**
 * The transaction table's headers, page by page. When no header names a date column: a table
 * whose rows print their dates under their descriptions or as headings above them (e-money
 * accounts), when a header of nothing but header words is found (`noDateColumn`).
 */
function findTable(pages: readonly PdfPage[]): { headers: Map<number, HeaderAt[]>; noDateColumn: boolean } {
  let headers = findHeaders(pages, true);
  addTitledSections(pages, headers);
  const noDateColumn = headers.size === 0;
  if (noDateColumn) headers = findHeaders(pages, false);
  if (headers.size === 0) {
    // The text is readable (checked before): OCR would not help. Say what would — and, when
    // lines of it look like rows, that it is their columns that are missing, not the rows.
    const rowLike = pages.flatMap((p) => p.lines).filter(looksLikeARow);
    const first = rowLike[0];
    const why =
      first && rowLike.length >= 2
        ? `: ${rowLike.length} lines look like transactions, with a date and an amount (the first on page ${first.page}, line ${first.lineNumber}: "${first.text.length > 80 ? `${first.text.slice(0, 79)}…` : first.text}"), ` +
          "but no header row above them names their columns (a date column and an amount, debit or credit column)" +
          nearestHeaderLike(pages, first)
        : " (no header row naming a date column and an amount, debit or credit column)";
    throw new StatementParseError(
      `no transaction table was found in this PDF's text${why}; ` +
        "if it is a bank statement, download the same period as CSV or OFX from online banking, or enter it manually",
    );
  }
  return { headers, noDateColumn };
}

/** Layouts taken from the shape of a titled section's first row, not from a header that names columns. */
const shapedLayouts = new WeakSet<TableLayout>();

/**
 * Sections of rows under a title that gives their direction and no column header (Regions:
 * "DEPOSITS & CREDITS", "WITHDRAWALS", "FEES" over lines of a date, a description and an amount,
 * only its checks under a header): each such title starts a table whose columns are where its
 * first row prints its date, its description and its amount — where no table above (a header
 * read earlier in the statement) reads that row already. The title then gives the rows' direction
 * as a section heading does. Added to the headers found, in their places.
 */
function addTitledSections(pages: readonly PdfPage[], headers: Map<number, HeaderAt[]>): void {
  let above: TableLayout | undefined;
  for (const page of pages) {
    const found = headers.get(page.number) ?? [];
    // (A page with a header of its own does not go on with the table of the page before.)
    if (found.length > 0) above = undefined;
    const headerLines = new Set(found.flatMap((h) => h.layout.headerLines));
    const added: HeaderAt[] = [];
    let next = 0;
    for (let i = 0; i + 1 < page.lines.length; i++) {
      while (next < found.length && found[next]!.index <= i) above = found[next++]!.layout;
      const line = page.lines[i]!;
      let row = page.lines[i + 1]!;
      if (headerLines.has(line) || headerLines.has(row)) continue;
      const heading = sectionHeading(line);
      const titled = heading !== "in" && heading !== "out" && titleOverMoneyColumn(line);
      if (heading !== "in" && heading !== "out" && !titled) continue;
      // (Under a title over a money column, a line of words without money may come before the
      // first row: the card member's name and card, "JOHN SMITH  Card Ending 1-01005".)
      const between = titled && row.segments.length < 3 && i + 2 < page.lines.length && lineMoneyTexts(row).length === 0 && !looksLikeARow(row) ? page.lines[i + 2]! : undefined;
      if (between) row = between;
      if (headerLines.has(row) || row.segments.length < 3) continue;
      const order = (["month-first", "day-first"] as const).find((o) => rowShapedBeforeTable(row, o));
      // (One amount, last: a row that prints its balance too is not read by its shape.)
      if (!order || row.segments.slice(1, -1).some((segment) => isMoneyText(segment.text.trim()))) continue;
      // (The money column a title names stands over the row's amount.)
      if (titled && (line.segments.at(-1)!.x1 <= row.segments.at(-1)!.x0 || row.segments.at(-1)!.x1 <= line.segments.at(-1)!.x0)) continue;
      // (A title over a money column names one: it heads a table of its own, after a summary
      // that closed the one above.)
      if (above && !titled) {
        const read = readTableLine(row, above, order);
        if (read.date && read.transactionMoney.length > 0 && read.descriptionWords.length > 0) continue;
      }
      const [date, text, money] = [row.segments[0]!, row.segments[1]!, row.segments.at(-1)!];
      const em = row.height;
      const layout: TableLayout = {
        columns: [
          { role: "date", label: "", x0: date.x0, x1: date.x1 },
          { role: "description", label: "", x0: text.x0, x1: Math.max(text.x1, money.x0 - em) },
          { role: "amount", label: "", x0: money.x0, x1: money.x1 },
        ],
        headerLines: [line],
        em,
      };
      shapedLayouts.add(layout);
      added.push({ layout, index: i });
      above = layout;
    }
    if (added.length > 0) headers.set(page.number, [...found, ...added].sort((a, b) => a.index - b.index));
  }
  // (In the pages' order: the first is the statement's first table.)
  const byPage = [...headers].sort(([a], [b]) => a - b);
  headers.clear();
  for (const [page, here] of byPage) headers.set(page, here);
}

/** How many lines above the first row-like line a refusal looks for a header that was not read as one. */
const HEADER_LOOKBACK = 8;

/**
 * The line right above the first row-like line that reads most like a header (the most columns
 * named, the nearest of equals; at least two named), said in a refusal: where it is, which of a
 * date and a money column it names, and the words in it that name no column Cashline knows ("Breme",
 * "Dobro": a vocabulary's gap, the likeliest cause). Empty when no line there reads so.
 */
function nearestHeaderLike(pages: readonly PdfPage[], first: PdfLine): string {
  const lines = pages.find((p) => p.number === first.page)?.lines ?? [];
  const at = lines.indexOf(first);
  let best: { line: PdfLine; reading: NonNullable<ReturnType<typeof headerReading>> } | undefined;
  for (let i = Math.max(0, at - HEADER_LOOKBACK); i < at; i++) {
    const reading = headerReading(lines[i]!, lines[i + 1] === first ? undefined : lines[i + 1]);
    if (reading && reading.columns.length >= 2 && (!best || reading.columns.length >= best.reading.columns.length)) best = { line: lines[i]!, reading };
  }
  if (!best) return "";
  const { line, reading } = best;
  const roles = new Set(reading.columns.map((c) => c.role));
  const hasDate = roles.has("date");
  const hasMoney = roles.has("amount") || roles.has("debit") || roles.has("credit");
  const names = hasDate && hasMoney ? "names a date column and a money column, but too few of its words are column names" : hasDate ? "names a date column but no amount, debit or credit column" : hasMoney ? "names a money column but no date column" : "names neither a date column nor an amount, debit or credit column";
  const text = line.text.length > 80 ? `${line.text.slice(0, 79)}…` : line.text;
  const unknown = reading.unknown.slice(0, 8).map((w) => `"${w}"`).join(", ");
  return `; the line most like one, page ${line.page}, line ${line.lineNumber} ("${text}"${reading.lines === 2 ? " and the line under it" : ""}), ${names}` + (unknown ? ` (words not understood as column names: ${unknown}${reading.unknown.length > 8 ? ", …" : ""})` : "");
}

/** A line that starts with a date, in either order, and holds money: a row, were its columns known. */
function looksLikeARow(line: PdfLine): boolean {
  const words = line.words.map((w) => w.text);
  return (leadingDate(words, "day-first") !== null || leadingDate(words, "month-first") !== null) && lineMoneyTexts(line).length > 0;
}

function layoutsOf(headers: ReadonlyMap<number, readonly HeaderAt[]>): TableLayout[] {
  return [...headers.values()].flat().map((h) => h.layout);
}

function findHeaders(pages: readonly PdfPage[], dated: boolean): Map<number, HeaderAt[]> {
  const found = new Map<number, HeaderAt[]>();
  for (const page of pages) {
    const here: HeaderAt[] = [];
    // The line above, when no header found already holds it: a header's cells may start there.
    let above: PdfLine | undefined;
    for (let i = 0; i < page.lines.length; i++) {
      const layout = findTableHeader(page.lines[i], page.lines[i + 1], dated, page.lines[i + 2], above);
      if (layout) {
        // (Its first line is the one above when its cells start there.)
        const index = layout.headerLines[0] === above ? i - 1 : i;
        here.push({ layout, index });
        i = index + layout.headerLines.length - 1;
        above = undefined;
      } else above = page.lines[i];
    }
    if (here.length > 0) found.set(page.number, here);
  }
  return found;
}

function describeLayout(layout: TableLayout): string {
  if (shapedLayouts.has(layout)) return `no column header: the rows under "${layout.headerLines[0]!.text}" read by their shape, a date, a description and an amount`;
  const unnamed = columnsOf(layout).unnamedRight;
  return [...layout.columns.map((c) => `${c.label} → ${c.role}`), ...(unnamed ? [`${unnamed.label} → balance (a name not known, right of the in and out columns)`] : [])].join(", ");
}

/**
 * The balances a line outside the table states: where its amounts have words between them — a
 * summary box's pairs on one line ("Beginning Balance 4,742.87 Deposits/Credits 5,729.37
 * Withdrawals/Debits 7,098.82- Ending Balance 3,373.42": SECU), two boxes side by side read as one
 * ("Opening Balance 12,345.67Cr Credit Rate 0.00% … Overdraft Limit 0.00", "Minimum Payment Due
 * $40.00 Previous Balance $2,418.77") — each balance's label its own amount, the one right after
 * it; otherwise the line's kind with its last amount ("Opening balance on 1 March 1,234.56").
 */
function summaryBoxBalances(line: PdfLine, money: readonly string[], kind: BalanceKind, label: string, code: string | undefined): { kind: BalanceKind; text: string; label: string }[] | null {
  // One figure per currency ("Saldo anterior ₡231,475.40 $0.00": a card billing colones and
  // dollars apart, under "COLONES | DÓLARES"): the balance is the statement's currency's figure,
  // and none where no one figure is known to be it (null).
  const perCurrency = oneFigurePerCurrency(money, code);
  if (perCurrency === null) return null;
  const whole = [{ kind, text: perCurrency ?? money.at(-1)!, label }];
  // The text before each amount, back to the amount before it.
  const labels: string[] = [];
  // The words as read (a statement in whole units has its amounts' decimals there).
  const read = line.words.map((w) => w.text).join(" ");
  let from = 0;
  for (const text of money) {
    const at = read.indexOf(text, from);
    if (at < 0) return whole;
    labels.push(fold(read.slice(from, at).replace(/[:*]+/g, " ")).trim());
    from = at + text.length;
  }
  if (!labels.slice(1).some((label) => /\p{L}{2,}/u.test(label))) return whole;
  const pairs = labels.flatMap((own, i) => {
    const named = balanceKind(own, false);
    return named ? [{ kind: named, text: money[i]!, label: own }] : [];
  });
  return pairs.length > 0 ? pairs : whole;
}

/**
 * Of a line's figures each printed with a currency of its own ("₡231,475.40 $0.00"), the one in
 * the statement's currency `code`: the one printed with that code or its sign ("$" names no one
 * currency, and is never known to be the statement's). Null when the figures are one
 * per currency but none is known to be the statement's; undefined when they are not (no currency
 * printed with each, or one printed twice).
 */
function oneFigurePerCurrency(money: readonly string[], code: string | undefined): string | null | undefined {
  if (money.length < 2) return undefined;
  const marks = money.map(printedCurrency);
  if (marks.some((m) => m === undefined) || new Set(marks).size !== marks.length) return undefined;
  const own = money.filter((_, i) => marks[i] === code);
  return own.length === 1 ? own[0]! : null;
}

/**
 * The balances of a line of amounts alone, each under its label on the line or two lines right
 * above it, in a box of labels over values ("Beginning | balance" over "17,292.19", PNC's Balance
 * Summary; "Opening Balance … Closing Balance" over "INR 2,08,302.25 … INR 35,03,672.10", ICICI's
 * Statement Summary): the amounts whose label is an opening or closing balance's.
 */
function balancesUnderLabels(line: PdfLine, above: readonly PdfLine[]): { kind: BalanceKind; text: string; label: string }[] {
  const labels: PdfLine[] = [];
  let below = line;
  for (const candidate of [...above].reverse()) {
    if (candidate.page !== line.page || below.y - candidate.y > 2.2 * (below.height || 10) || lineMoneyTexts(candidate).length > 0) break;
    labels.unshift(candidate);
    below = candidate;
  }
  if (labels.length === 0) return [];
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0);
  const found: { kind: BalanceKind; text: string; label: string }[] = [];
  for (const cell of line.segments) {
    if (!isMoneyText(cell.text)) continue;
    const label = fold(labels.flatMap((l) => l.segments.filter((s) => overlaps(s, cell)).map((s) => s.text)).join(" ").replace(/[:*]+/g, " ")).trim();
    const kind = label ? balanceKind(label, false) : undefined;
    if (kind === "opening" || kind === "closing") found.push({ kind, text: cell.text, label });
  }
  // Two openings (or two closings) on one line, the period's and the year's: neither is known to be the statement's.
  if (found.some((b, i) => found.some((o, j) => j !== i && o.kind === b.kind))) return [];
  return found;
}

/**
 * The day of a balance stated as "<code> on <date>" ("EUR on 31 October 2026 [GMT+01:00]", "USD as
 * of 31 January 2026") in the statement's own currency: on the amount's line ("EUR on 30 November
 * 2025 [GMT]  697.15 EUR"), or on a line of no money right under or over a line of the amount alone
 * ("9,078.00 EUR" in large type over its caption). The words say nothing else. Or stated by a
 * balance's word and its day ("Доступно на 01.09.26  359 274,22 ₸": DATED_BALANCE_WORDS), on the
 * amount's line or so beside it: `named` then.
 */
function balanceDay(line: PdfLine, money: readonly string[], label: string, above: PdfLine | undefined, below: PdfLine | undefined, code: string | undefined, order: DateOrder): { day: string; named: boolean } | undefined {
  const caption = (words: readonly string[]): { day: string; named: boolean } | undefined => {
    const kept = words.filter((w) => !PRINTED_TIME_ZONE.test(w));
    const dates = fullDatesIn(kept, order);
    if (dates.length !== 1) return undefined;
    const [date] = dates;
    const rest = fold(kept.filter((_, i) => i < date!.start || i >= date!.end).join(" ")).trim();
    if (DATED_BALANCE_WORDS.test(rest)) return { day: date!.iso, named: true };
    return code !== undefined && new RegExp(`^${code.toLowerCase()} (?:on|as (?:at|of))$`).test(rest) ? { day: date!.iso, named: false } : undefined;
  };
  // On the amount's line: its words but the amount's.
  const words = line.words.map((w) => w.text);
  const amount = money[0]!.split(" ");
  for (let i = words.length - amount.length; i >= 0; i--) {
    if (amount.every((w, k) => words[i + k] === w)) {
      const own = caption([...words.slice(0, i), ...words.slice(i + amount.length)]);
      if (own !== undefined) return own;
      break;
    }
  }
  // Over or under it: the amount alone (or with its currency's code).
  const bare = label.trim();
  if (bare !== "" && bare !== code?.toLowerCase()) return undefined;
  for (const next of [below, above]) {
    if (!next || next.page !== line.page || lineMoneyTexts(next).length > 0) continue;
    if (Math.abs(next.y - line.y) > 1.5 * Math.max(next.height || 10, line.height || 10)) continue;
    const day = caption(next.words.map((w) => w.text));
    if (day !== undefined) return day;
  }
  return undefined;
}

/**
 * A second line of figures close under a line of figures, in a box of labels over values: a line
 * per currency ("USD | 298.76 …" over "EUR | 41.20 …") or per span ("This period" over "Year to
 * date"): amounts alone, or beside a currency's code or another short label.
 */
function anotherLineOfFigures(line: PdfLine, next: PdfLine | undefined, order: DateOrder): boolean {
  if (!next || next.page !== line.page || next.y - line.y > 2.2 * (next.height || 10)) return false;
  const money = lineMoneyTexts(next);
  if (money.length < 2) return false;
  const label = freeLabel(next, order).trim();
  return label.split(" ").filter(Boolean).length <= 4 && balanceKind(label, false) === undefined;
}

/** The words of a foreign purchase's conversion line, printed under the purchase. */
const FX_DETAIL = /\b(?:exchange rate|exchg rate|conversion rate|foreign spend amount|wechselkurs|umrechnungskurs|taux de change|tipo de cambio|wisselkoers)\b/;

/** A percentage: an interest rate, as an APR table prints it. */
const RATE = /\d%/;
/** A rate marked variable or daily ("19.49% (v)", "20.49%(v)(d)"): a line of a card's APR table, undated. */
const MARKED_RATE = /\d%\s?\((?:v|d)\)/i;

/**
 * Whether a line's balance follows from the row above's balance and the line's one amount, added
 * or taken away (the line is a row of the running balance, whatever its text holds).
 */
function balanceFollows(above: Draft | undefined, line: ReadLine, separator: DecimalSeparator): boolean {
  if (!above?.balance || !line.balance || line.transactionMoney.length !== 1) return false;
  const signed = (a: PrintedAmount | null) => (a === null ? undefined : a.mark === "minus" || a.mark === "debit" ? a.magnitude.neg() : a.magnitude);
  const before = signed(read(above.balance, { separator }));
  const after = signed(read(line.balance, { separator }));
  const amount = read(line.transactionMoney[0], { separator })?.magnitude;
  if (before === undefined || after === undefined || amount === undefined || amount.isZero()) return false;
  return before.add(amount).eq(after) || before.sub(amount).eq(after);
}

/** How far a row's date may lie outside the stated period (a card purchase posted days later). */
const PERIOD_SLACK_DAYS = 7;

/** Whether a date lies within the period, give or take `slack` days. */
function withinPeriod(iso: string, period: { from: string; to: string }, slack = PERIOD_SLACK_DAYS): boolean {
  return daysBetween(iso, period.from) <= slack && daysBetween(period.to, iso) <= slack;
}

/** A two-digit year read as this century's ("69" as 2069): the year the date's text does not print in full. */
function shortYear(parts: DateParts | undefined, text: string): boolean {
  return parts?.year !== undefined && parts.year >= 2000 && parts.year < 2100 && !text.includes(String(parts.year));
}

/** 2569 of the Buddhist era is 2026, and "69" its year written short: 2000 + 69, less 43 years. */
const BUDDHIST_SHORT_YEAR_SHIFT = 2500 - 543 - 2000;

/**
 * Two-digit years of the Buddhist era ("01/07/69": 2569, that is 2026, as Thai banks print their
 * rows under a period "01/07/2569 - 31/07/2569"): where every row whose year is printed short lies
 * decades from the stated period as this century's (2069) and within it read in the Buddhist era,
 * the rows are dated so (their value dates with them). How many rows were re-dated, and one's date as printed.
 */
function buddhistShortYears(drafts: Draft[], period: { from: string; to: string }): { rows: number; example: string; year: number } | undefined {
  const short = drafts.filter((d) => shortYear(d.date, d.dateText));
  if (short.length === 0) return undefined;
  const shifted = (parts: DateParts) => isoDate(parts.year! + BUDDHIST_SHORT_YEAR_SHIFT, parts.month, parts.day);
  const fits = short.every((d) => {
    const read = isoDate(d.date!.year!, d.date!.month, d.date!.day);
    const era = shifted(d.date!);
    return read !== null && era !== null && !withinPeriod(read, period, 366) && withinPeriod(era, period);
  });
  if (!fits) return undefined;
  for (const d of short) {
    d.date = { ...d.date!, year: d.date!.year! + BUDDHIST_SHORT_YEAR_SHIFT };
    const value = d.valueDate;
    if (value?.year !== undefined && value.year >= 2000 && value.year < 2100) {
      const era = shifted(value);
      if (era && withinPeriod(era, period, 31)) d.valueDate = { ...value, year: value.year + BUDDHIST_SHORT_YEAR_SHIFT };
    }
  }
  return { rows: short.length, example: short[0]!.dateText, year: short[0]!.date!.year! };
}

/**
 * The date order, settled by a statement period printed in words ("1 March 2026 to 12 March
 * 2026", the same in either order) when the rows' dates fit either order: the order whose
 * reading puts every row's date within the period, if the other's does not.
 */
function orderFromPeriod(lines: readonly PdfLine[], rowDates: readonly string[]): DateOrderDecision | undefined {
  if (rowDates.length === 0) return undefined;
  const texts = lines.map((l) => l.text);
  const period = findPeriod(texts, "day-first");
  const other = findPeriod(texts, "month-first");
  if (!period || !other || period.from !== other.from || period.to !== other.to) return undefined;
  const source: YearSource = { kind: "period", from: period.from, to: period.to };
  const fits = (order: DateOrder) =>
    rowDates.every((text) => {
      const parts = parseDateParts(text, order);
      const iso = parts && resolveYear(parts, source);
      return !!iso && daysBetween(iso, period.from) <= PERIOD_SLACK_DAYS && daysBetween(period.to, iso) <= PERIOD_SLACK_DAYS;
    });
  const dayFirst = fits("day-first");
  if (dayFirst === fits("month-first")) return undefined;
  const order: DateOrder = dayFirst ? "day-first" : "month-first";
  return {
    order,
    assumed: false,
    certain: true,
    evidence: `the rows' dates (e.g. ${rowDates[0]!.trim()}) fall within the statement period, ${period.from} to ${period.to} ("${period.text}"), only when read ${describeDateOrder(order)}`,
  };
}

function dateOrderHint(separator: DecimalSeparator, currency: string | undefined, text: string): DateOrderHint | undefined {
  if (separator === ",") return { order: "day-first", reason: "decimal comma" };
  if (currency === "USD" || (currency === undefined && /\$\s?\d/.test(text) && !/[£€]/.test(text))) return { order: "month-first", reason: "US dollar amounts" };
  return undefined;
}

/**
 * Reads a statement from the rebuilt lines of its pages. Pure: the same lines give the same
 * statement. Throws StatementParseError for files that cannot be read into rows.
 */
export function readStatementLines(printedPages: readonly PdfPage[], options: ParseOptions = {}, info: Partial<PdfDocumentInfo> = {}): ParsedStatement {
  // Money has two decimals unless the statement is found to print three (and has them again after).
  readMoneyWithDecimals(2);
  try {
    return readLines(printedPages, options, info);
  } finally {
    readMoneyWithDecimals(2);
  }
}

/** The reading itself; readStatementLines settles, around it, how many decimals money has. */
function readLines(printedPages: readonly PdfPage[], options: ParseOptions, info: Partial<PdfDocumentInfo>): ParsedStatement {
  forgetStatementTexts();
  // Pages stored out of their printed order ("Page 2 of 2" first) are read in the printed one.
  const inOrder = inPrintedOrder(printedPages);
  const { pages: printed, headers: sideBySideHeaders } = unfoldSideBySideTables(inOrder.pages);
  const explain: Explanation[] = [checkTextLayer(printed)];
  const turned = turnedPages(printed);
  if (turned) explain.push(turned);
  if (inOrder.explanation) explain.push(inOrder.explanation);
  const table = findTable(printed);
  // A statement in whole units (forints, yen) has its whole amounts given decimals, and its
  // table found again on the lines that now hold them.
  const printedLines = printed.flatMap((p) => p.lines);
  const whole = readWholeUnitAmounts(printed, table.headers, (amounts) => decideCurrency(printedLines, layoutsOf(table.headers), () => amounts));
  // A statement in a currency of three decimals (dinars: "49.177") has its money read with three,
  // and its table found again on the lines that now hold money.
  const three = whole ? undefined : readThreeDecimalAmounts(printed, table.headers, (amounts) => decideCurrency(printedLines, layoutsOf(table.headers), () => amounts));
  if (three) readMoneyWithDecimals(3);
  const adjusted = whole?.pages ?? three?.pages ?? printed;
  // A table that prints its dates year, month and day, each part only when it changes, has them
  // written out in full on every row (the header lines stay as they were: its table is the same).
  const elided = table.noDateColumn ? undefined : readElidedDates(adjusted, table.headers);
  const pages = elided?.pages ?? adjusted;
  const { headers, noDateColumn } = whole || three ? findTable(pages) : table;
  const warnings: string[] = [];
  const doubts: string[] = [];
  const allLines = pages.flatMap((p) => p.lines);
  // A row's sourceRow must identify it in the whole file (it keys the ledger row with the
  // statement): lines are numbered on through the pages; `page` still says where it is.
  const pageOffset = new Map<number, number>();
  pages.reduce((before, p) => (pageOffset.set(p.number, before), before + p.lines.length), 0);
  const fileLine = (line: PdfLine) => (pageOffset.get(line.page) ?? 0) + line.lineNumber;
  const allText = allLines.map((l) => l.text).join("\n");

  const layouts = layoutsOf(headers);
  const first = [...headers.entries()][0];
  explain.push({
    step: "table header",
    decision: `page ${first[0]}, line ${first[1][0].layout.headerLines[0].lineNumber}`,
    evidence: describeLayout(first[1][0].layout),
  });
  if (whole) explain.push(whole.explanation);
  if (three) explain.push(three.explanation);
  if (elided) explain.push(elided.explanation);

  // Decimal separator: one convention per statement, decided by every money-shaped text.
  const moneyTexts = allLines.flatMap(lineMoneyTexts);
  const separatorDecision = decideDecimalSeparator(moneyTexts.map((t) => letterMarkedMoney(t)?.money ?? t));
  const separator = separatorDecision.separator;
  explain.push({
    step: "decimal separator",
    decision: JSON.stringify(separator),
    evidence: `${separator === "," ? separatorDecision.comma : separatorDecision.dot} of ${separatorDecision.comma + separatorDecision.dot} amounts`,
  });
  const currency =
    decideCurrency(allLines, layouts, () => moneyTexts.flatMap((t) => {
      const a = readPrintedAmount(t, separator);
      return a === null ? [] : [{ currency: a.currency, text: t }];
    })) ??
    // The currency the whole numbers were printed with ("988,000원"), which the amounts read with decimals no longer show.
    (whole ? { code: whole.currency, evidence: "printed with the whole amounts" } : undefined);
  if (currency) explain.push({ step: "currency", decision: currency.code, evidence: currency.evidence });

  // Date order, from the dates that start table rows.
  const tableDateTexts: string[] = [];
  for (const page of pages) {
    for (const line of page.lines) {
      const words = line.words.map((w) => w.text);
      const date = leadingDate(words, "day-first") ?? leadingDate(words, "month-first");
      // A page's number ("1/2" at its foot) is no date of the table: it would decide the order ("2/13").
      if (date && !(date.wordCount === words.length && isPageFurniture(fold(line.text)))) tableDateTexts.push(date.text);
    }
  }
  let dateDecision = detectDateOrder(tableDateTexts, dateOrderHint(separator, currency?.code, allText));
  if (!dateDecision.certain) {
    // The rows' dates fit either order (a short statement, days up to 12): full dates printed
    // elsewhere ("Statement period: 03/01/2026 - 03/31/2026") may settle it.
    const settled = orderFromDatesElsewhere(wordTexts(allLines));
    if (settled) dateDecision = { ...settled, evidence: `${settled.evidence}, printed elsewhere on the statement; the rows' dates fit either order` };
    // Else, when the rows' numeric dates left it a guess, a period printed in words may.
    else if (dateDecision.assumed) dateDecision = orderFromPeriod(allLines, tableDateTexts) ?? dateDecision;
  }
  const order = dateDecision.order;
  // Month-name dates (`12 Mar`) need no order; say so only when numeric dates were read.
  if (dateDecision.evidence || dateDecision.assumed) explain.push({ step: "date order", decision: order, ...(dateDecision.evidence ? { evidence: dateDecision.evidence } : {}) });
  if (dateDecision.warning) {
    warnings.push(dateDecision.warning);
    doubts.push("date order");
  }

  let period = findPeriod(
    allLines.map((l) => l.text),
    order,
  );
  if (period) explain.push({ step: "period", decision: `${period.from} to ${period.to}`, evidence: `"${period.text}"` });

  const furniture = repeatedFurniture(pages);
  const firstSignature = headerSignature(first[1][0].layout.headerLines[0]);

  const skipped: SkippedLine[] = [];
  const drafts: Draft[] = [];
  const balanceLines: BalanceLine[] = [];
  // Balance lines whose amount could not be read.
  // Balance lines whose figure the proof does not have: printed in a form not read, or one figure
  // per currency and none known to be the statement's ("Opening balance €231.40 $0.00" in pounds).
  const unreadBalances: { line: PdfLine; otherCurrencies?: true }[] = [];
  let layout: TableLayout | undefined;
  let current: Draft | undefined;
  let lastDate: { parts: DateParts; text: string } | undefined;
  let rowStatus: RowStatus = "posted";
  // The table whose rows a pending (or reverted) section holds, once one is read under it.
  let statusLayout: TableLayout | undefined;
  let statusDrafts = 0;
  let undatedRows = 0;
  // The texts of undated rows' date cells that held something no date was read from ("01/07/202606:01").
  const unreadDateTexts: string[] = [];
  // A balance line has been read inside a table (a dated balance after it is no opening one).
  let balanceInTable = false;
  // The section the rows are in, when the statement groups them under headings, and where
  // its heading stands.
  let section: Direction | "balances" | undefined;
  let sectionAt: { page: number; index: number } | undefined;

  // Text under the columns not read apart, per line: it goes after the row's description (otherColumnsLast).
  const otherTextOf = new WeakMap<PdfLine, readonly string[]>();
  const skip = (line: PdfLine, reason: SkippedLine["reason"]) => skipped.push({ sourceRow: fileLine(line), page: line.page, reason, text: line.text });
  // How the statement lays out a row of several lines: rows whose amount came on a later line
  // than their first (date first, amount last), and rows that had lines after their amount's.
  let amountLastRows = 0;
  let linesAfterAmountRows = 0;
  // The closest two lines of the table's rows have stood (a row's wrapped lines, or rows of one
  // line each), per page: a line without a date or an amount further below a row than half as
  // much again is text after a gap (a disclaimer under the table), no part of the row.
  let lineStep: number | undefined;
  let lastRowLine: PdfLine | undefined;
  const noteRowLine = (line: PdfLine) => {
    if (lastRowLine && lastRowLine.page === line.page && line.y > lastRowLine.y) lineStep = Math.min(lineStep ?? Infinity, line.y - lastRowLine.y);
    lastRowLine = line;
  };
  const continuesRow = (line: PdfLine, table: TableLayout): boolean => {
    if (!current) return false;
    const gap = line.y - current.lastY;
    return gap <= 2.6 * table.em && (lineStep === undefined || gap <= 1.6 * lineStep);
  };
  // A line close under the row, starting where the descriptions start: its description, wrapped.
  const wrapsDescription = (line: PdfLine, table: TableLayout): boolean => continuesRow(line, table) && continuesDescription(line, table);
  // Rows read under a table printed side by side (checks three across).
  const sideBySideDrafts = new WeakSet<Draft>();
  // The table each row was read under.
  const layoutOf = new WeakMap<Draft, TableLayout>();
  const finish = () => {
    if (current) {
      if (layout && sideBySideHeaders.has(layout.headerLines[0]!)) sideBySideDrafts.add(current);
      if (layout) layoutOf.set(current, layout);
      for (const l of current.lines) noteRowLine(l);
      if (current.afterAmount) linesAfterAmountRows++;
      drafts.push(current);
    }
    current = undefined;
  };
  const recordBalance = (line: PdfLine, kind: BalanceKind, cell: { text: string; role?: ColumnRole } | undefined, label: string, skipLine = true) => {
    let amount = read(cell, { separator });
    if (skipLine) skip(line, "balance-line");
    if (!amount) {
      // A balance printed in a form not read ("1 520,182" with a word glued after it): the
      // statement states a balance the proof does not have.
      if (printsAmount(line.text)) unreadBalances.push({ line });
      return;
    }
    // A balance printed without a sign may say its side in words ("SOLDE DEBITEUR AU …").
    // Or by the column it stands in, in a table of a debit and a credit column and no balance
    // column: "Nouveau solde au 31/03/2026 320,00" under "Débit" is overdrawn, as the opening
    // balance under "Crédit" is in credit (La Banque Postale). (Read as the bare figure, the
    // overdrawn closing balance was positive and the proof failed by twice its amount.)
    const side = amount.mark === undefined ? (balanceSideNamed(label) ?? (cell?.role === "debit" && layout !== undefined && debitAndCreditOnly(layout) ? "debit" : undefined)) : undefined;
    if (side) amount = { ...amount, mark: side };
    balanceLines.push({ kind, printed: amount, rowsBefore: drafts.length + (current ? 1 : 0), skippedBefore: skipped.length, page: line.page, line: line.lineNumber, text: line.text });
  };
  /** A summary line's balances (summaryBoxBalances); null: its figures are other currencies'. */
  const recordSummaryBalances = (line: PdfLine, found: { kind: BalanceKind; text: string; label: string }[] | null) => {
    if (found === null) {
      skip(line, "balance-line");
      unreadBalances.push({ line, otherCurrencies: true });
      return;
    }
    found.forEach((b, k) => recordBalance(line, b.kind, { text: b.text }, b.label, k === 0));
  };

  // A row of a table without a date column: the line with its amount starts it (its
  // description may begin with the date). Where the other rows' dates stand is decided by the
  // table's first date line: right under a row that has none, each row's date is on the line
  // under it ("31 March 2026  Transaction: …", the lines close under a row continue it); anywhere
  // else, dates are headings and date the rows below them ("Monday, 2 March 2026").
  let datePlacement: "below" | "above" | undefined;
  let headingDate: LeadingDate | undefined;
  // A card purchase's conversion, printed under it ("Foreign Spend Amount: 45.00 Euros …
  // Currency Exchange Rate: 1.0923"): its amounts are the purchase's, told again, so the line
  // joins the purchase's description rather than starting a row.
  const joinsConversion = (line: PdfLine, close: boolean): boolean => {
    if (!current || !close || current.money.length === 0 || !FX_DETAIL.test(fold(line.text))) return false;
    current.description.push(line.text);
    current.lastY = line.y;
    current.lines.push(line);
    return true;
  };

  // A summary box's balance on the period's last day, before any row ("Balance on 31/03/2026
  // £2,153.02" under "Balance on 01/03/2026 £1,328.21": Monzo) is the closing balance, as one named
  // so is; it was left unused (a balance of no named kind counts as the closing one only after the rows).
  const closingOnLastDay = (kind: BalanceKind, text: string): BalanceKind => {
    if (kind !== "positional" || !period || drafts.length > 0 || current) return kind;
    const dates = fullDatesIn(text.split(" "), order);
    return dates.length === 1 && dates[0]!.iso === period.to ? "closing" : kind;
  };

  const readDatelessTableLine = (line: PdfLine, read: ReadLine, pageNumber: number, em: number) => {
    const words = read.descriptionWords.map((w) => w.text);
    if (read.transactionMoney.length > 0) {
      if (joinsConversion(line, current !== undefined && line.y - current.lastY <= 2.6 * em)) return;
      finish();
      const own = leadingDate(words, order);
      const dated = own ?? (datePlacement === "above" ? headingDate : undefined);
      const rest = own ? words.slice(own.wordCount) : words;
      current = {
        page: pageNumber,
        sourceRow: fileLine(line),
        ...(dated ? { date: dated.parts } : {}),
        dateText: dated?.text ?? "",
        description: rest.length > 0 ? [rest.join(" ")] : [],
        money: read.transactionMoney,
        ...(read.balance ? { balance: read.balance } : {}),
        status: rowStatus,
        // (Lines under a "balances" heading never come here: the main loop reads them first.)
        ...(section && section !== "balances" ? { section } : {}),
        lastY: line.y,
        lines: [line],
      };
      return;
    }
    const below = current !== undefined && line.y - current.lastY <= 2.6 * em;
    const found = words.length > 0 ? leadingDate(words, order) : null;
    if (found) {
      const waiting = below && current!.date === undefined;
      datePlacement ??= waiting ? "below" : "above";
      if (datePlacement === "above") {
        finish();
        headingDate = found;
        return;
      }
      if (!waiting) {
        // Under dates that stand below their rows, a date no row waits for means the reading is
        // wrong somewhere: guessing would date rows with their neighbours' dates.
        throw new StatementParseError(
          `line ${line.lineNumber}: the date "${found.text}" stands where no row above it waits for one, so the rows' dates ` +
            "cannot be placed with certainty; download the same period as CSV or OFX from online banking, or enter it manually",
          { page: pageNumber },
        );
      }
    }
    if (current && below && words.length > 0) {
      let rest = words;
      if (found) {
        current.date = found.parts;
        current.dateText = found.text;
        rest = words.slice(found.wordCount);
      }
      if (rest.length > 0) current.description.push(rest.join(" "));
      current.lastY = line.y;
      current.lines.push(line);
      return;
    }
    finish();
    if (read.balance || lineMoneyTexts(line).length > 0) skip(line, "not-a-transaction");
  };

  // Lines that repeat at the same height on several pages are furniture (letterhead, footer), but
  // a table's own lines may happen to repeat too, when its rows start at the same place on every
  // page: a row's dated line, or a line right under a row in the description column (a card's
  // "Ref No. : 7454…" under every row; digits do not count in the comparison).
  const holdsRowText = (line: PdfLine, tableOpen: boolean): boolean => {
    if (!layout || !tableOpen || line.words.length === 0) return false;
    // Close under the row and starting right of its dates: the row's text goes on (in the
    // description, or under a column whose text joins it, such as a check number's), though
    // its shape repeats at the same height on another page.
    if (current && line.y - current.lastY <= 2.6 * layout.em) {
      const x0 = line.words[0]!.x0;
      const column = textColumnAt(x0, layout);
      if (column && (!isDateColumn(column) || x0 > column.x1 + layout.em)) return true;
    }
    return readTableLine(line, layout, order).date !== null;
  };

  /**
   * A date alone under a row, where its description's words start, with another row right after
   * it: the row's description goes on ("PAIEMENT CARTE … GLOVO CASABLANCA" over "02/07", the
   * purchase's date: Attijariwafa), though "02/07" is shaped like a page number ("2/7"). Only in a
   * table whose dates stand in a date column (there the date never dates a row) and never after
   * a page's last row. So too a number over a number alone there, shaped like "page 3 of 26":
   * the invoice a transfer pays, its description's last line ("… CAUSALE FT" over "315/26": BPER).
   */
  const dateContinuesRow = (line: PdfLine, next: PdfLine | undefined, tableOpen: boolean): boolean => {
    if (!layout || !tableOpen || noDateColumn || !current || !next || line.words.length !== 1) return false;
    const word = line.words[0]!.text;
    if (line.y - current.lastY > 2.6 * layout.em || (leadingDate([word], order)?.wordCount !== 1 && !/^\d{1,6}\/\d{1,4}$/.test(word))) return false;
    const column = textColumnAt(line.words[0]!.x0, layout);
    if (column?.role !== "description") return false;
    const start = readTableLine(current.lines[0]!, layout, order).descriptionWords[0]?.x0 ?? column.x0;
    if (Math.abs(line.words[0]!.x0 - start) > layout.em) return false;
    const after = readTableLine(next, layout, order);
    return after.date !== null;
  };

  // The heading of a sub-account's statement after the rows, and how many lines under it were left out.
  let subAccount: { line: PdfLine; lines: number } | undefined;
  // Lines of text read under no row, one under another (see where they are taken).
  let looseLines: { lines: PdfLine[]; description: string[] } | undefined;
  // A description's first line printed above its row's dated line, held for that row.
  let heldAbove: { line: PdfLine; text: string; row: PdfLine } | undefined;
  // Whether a line of text is the first line of the row printed right under it: much closer to
  // that row's dated line than to the row above (its cells centred on the date's baseline), and
  // where the descriptions start. (Cheap geometry first: most lines fail it.)
  const firstLineOfNextRow = (line: PdfLine, next: PdfLine | undefined, table: TableLayout): boolean => {
    if (!next || next.page !== line.page) return false;
    const below = next.y - line.y;
    if (below <= 0 || below > 0.8 * table.em) return false;
    if (current !== undefined && line.y - current.lastY < 2.5 * below) return false;
    const column = textColumnAt(line.words[0]!.x0, table);
    if (column?.role !== "description") return false;
    const after = readTableLine(next, table, order);
    return after.date !== null && after.transactionMoney.length > 0 && Math.abs((after.descriptionWords[0]?.x0 ?? line.words[0]!.x0) - line.words[0]!.x0) <= table.em;
  };

  for (const page of pages) {
    finish(); // Wrapped descriptions do not continue across a page break.
    const pageHeaders = headers.get(page.number) ?? [];
    const headerLineIndexes = new Map<number, HeaderAt>();
    for (const h of pageHeaders) h.layout.headerLines.forEach((_, k) => headerLineIndexes.set(h.index + k, h));
    // A page without a header continues the previous page's table (same columns).
    let tableOpen = layout !== undefined && pageHeaders.length === 0;

    page.lines.forEach((line, index) => {
      // A sub-account's own statement under the account's rows (a pot's: its balances, its table
      // and rows, Monzo): from its heading on, no line is the account's. (Read on, its rows were
      // added to the account's, and its closing balance taken for the account's.)
      if (subAccount) {
        const pageFurniture = isPageFurniture(fold(line.text)) || furniture.has(furnitureKey(line));
        skip(line, pageFurniture ? "page-header-footer" : "summary");
        if (!pageFurniture) subAccount.lines++;
        return;
      }
      if ((drafts.length > 0 || current) && layout && !(current && continuesRow(line, layout)) && SUB_ACCOUNT_SECTION.test(fold(line.text)) && lineMoneyTexts(line).length === 0) {
        finish();
        subAccount = { line, lines: 0 };
        skip(line, "summary");
        return;
      }
      const header = headerLineIndexes.get(index);
      if (header) {
        finish();
        // A heading read as the first line of its table's header ("DAILY ENDING BALANCE" over
        // "DATE  AMOUNT"); a table with a description column is transactions again.
        // A table header far below the last heading (a "Deposits" label in a summary box) starts
        // a table of its own: its rows are in no section.
        const heading = sectionHeading(line);
        const justBelowHeading = sectionAt !== undefined && sectionAt.page === page.number && index - sectionAt.index <= 3;
        if (heading) [section, sectionAt] = [heading, { page: page.number, index }];
        else if (index === header.index && !justBelowHeading) section = undefined;
        else if (section === "balances" && header.layout.columns.some((c) => c.role === "description")) section = undefined;
        if (index === header.index) {
          // A table of another header after a pending section ("Reserverade belopp" over its
          // own table, then "Bokförda transaktioner": Handelsbanken) ends it: booked rows follow.
          // (The section's own header, right under its heading, starts it.)
          if (rowStatus !== "posted") {
            if (drafts.length === statusDrafts) statusLayout = header.layout;
            else if (statusLayout === undefined || headerSignature(line) !== headerSignature(statusLayout.headerLines[0]!)) rowStatus = "posted";
          }
          if (layout !== undefined && headerSignature(line) === firstSignature) skip(line, "repeated-header");
          layout = header.layout;
          tableOpen = true;
        } else {
          skip(line, "repeated-header");
        }
        return;
      }
      // A section heading: the rows under it go one way. Right under a row it could be that
      // row's wrapped description; it is a heading there only in capitals under a row that
      // has its amount already ("PURCHASE" under a payment on a card statement).
      const underRow = current && layout && line.y - current.lastY <= 2.6 * layout.em;
      // (Or in words of two or more, "Interest & fees": no wrapped description says only that.)
      const heading = underRow && (current!.money.length === 0 || (line.text !== line.text.toUpperCase() && !SEVERAL_WORDS.test(line.text))) ? undefined : sectionHeading(line);
      if (heading) {
        finish();
        [section, sectionAt] = [heading, { page: page.number, index }];
        rowStatus = "posted";
        return;
      }
      if (section === "balances") {
        // Dates and balances ("01/05 $14,345.67 01/12 $13,595.67"), not transactions.
        const money = lineMoneyTexts(line);
        if (money.length === 0) return;
        const label = freeLabel(line, order);
        const kind = balanceKind(label, false);
        // (A summary box's line may say more after its balance: "Beginning balance on April 1, 2026
        // $14,048.41  Interest Paid Year To Date: $1.02", the next account's box under a list of daily balances.)
        if (kind) recordSummaryBalances(line, summaryBoxBalances(line, money, kind, label, currency?.code));
        else skip(line, "summary");
        return;
      }
      const folded = fold(line.text);
      if ((isPageFurniture(folded) && !dateContinuesRow(line, page.lines[index + 1], tableOpen)) || (furniture.has(furnitureKey(line)) && lineMoneyTexts(line).length === 0 && !holdsRowText(line, tableOpen))) {
        if (layout) skip(line, "page-header-footer");
        // Furniture printed between a row's lines does not cut the row: the lines under it are
        // still the row's (else they were dropped unreported as text after a gap).
        if (layout && tableOpen && current && current.page === page.number && continuesRow(line, layout)) current.lastY = line.y;
        return;
      }

      if (!layout || !tableOpen) {
        // Outside any table: only balance lines matter ("Opening balance 1,234.56" in a summary box).
        const money = lineMoneyTexts(line);
        // A line shaped like a row after its table was closed (by a total, a summary heading) is
        // listed as unread, never dropped in silence.
        if (layout && money.length > 0 && balanceKind(freeLabel(line, order), false) === undefined) {
          const shaped = readTableLine(line, layout, order);
          if (shaped.date && shaped.transactionMoney.length > 0) {
            skip(line, "not-a-transaction");
            return;
          }
        }
        // Before the first table, a line that starts with a date and ends with an amount, and
        // names no balance, is a row the reader found no header for (under a title that gives
        // their direction, such rows are a table of their own: addTitledSections): listed as
        // unread, so that the reading is uncertain, never dropped in silence.
        if (!layout && money.length > 0 && balanceKind(freeLabel(line, order), false) === undefined && rowShapedBeforeTable(line, order)) {
          skip(line, "not-a-transaction");
          return;
        }
        if (money.length === 0) {
          const status = statusHeadingAbove(line, order);
          if (status === "posted") {
            // ("Posted transactions" over the next table ends the pending section above it.)
            rowStatus = "posted";
            return;
          }
          if (status) [rowStatus, statusLayout, statusDrafts] = [status, layout, drafts.length];
          // Pending rows listed after the closing balance (Westpac NZ: "Pending transactions … not
          // included in the balances above") are read under the table's columns, as pending.
          if (status && layout) tableOpen = true;
          return;
        }
        const label = freeLabel(line, order);
        const kind = balanceKind(label, false);
        // The statement's balance stated as its currency's amount on a day ("EUR on 31 October 2026
        // [GMT+01:00]" beside "9,078.00 EUR", or under or over it: a balance statement's, Wise's):
        // on the period's last day it is the closing balance. One stated by a balance's word and
        // its day ("Доступно на 01.09.26", "Доступно на 30.09.26": Kaspi Gold's summary) is the
        // opening balance on the period's first day too. (On any other day it is none of the
        // statement's balances: left unread.)
        const dated = !kind && period && money.length === 1 ? balanceDay(line, money, label, page.lines[index - 1], page.lines[index + 1], currency?.code, order) : undefined;
        if (dated !== undefined) {
          if (dated.day === period!.to) recordBalance(line, "closing", { text: money[0]! }, label);
          else if (dated.named && dated.day === period!.from) recordBalance(line, "opening", { text: money[0]! }, label);
        } else if (kind) recordSummaryBalances(line, summaryBoxBalances(line, money, kind, label, currency?.code)?.map((b) => ({ ...b, kind: closingOnLastDay(b.kind, b.label === label ? line.text : b.label) })) ?? null);
        else if (label.trim() === "" || (currency !== undefined && label.trim() === currency.code.toLowerCase())) {
          // Amounts alone, under their labels ("Beginning balance … Ending balance" over
          // "17,292.19 … 6,896.12": a summary box of labels over values), or beside the code of
          // the statement's own currency in a cell of their line ("CURRENCY | BEGINNING BALANCE |
          // … | ENDING BALANCE" over "USD | 298.76 | … | 1,111.67": PayPal's Balance summary).
          // Only the one line of figures under the labels: a box with a line per currency, or one
          // for the period and one for the year to date, says no one balance of the statement.
          if (!anotherLineOfFigures(line, page.lines[index + 1], order)) {
            balancesUnderLabels(line, page.lines.slice(Math.max(0, index - 2), index)).forEach((b, k) => recordBalance(line, b.kind, { text: b.text }, b.label, k === 0));
          }
        }
        return;
      }

      const read = readTableLine(line, layout, order);
      const other = [otherColumnText(line, layout, read.cells), read.referenceText].filter((t): t is string => typeof t === "string");
      if (other.length > 0) otherTextOf.set(line, other);
      const hasAmount = read.transactionMoney.length > 0;
      const dated = hasAmount && read.date !== null;
      let kind = balanceKind(read.label, dated);
      // The balance stated in euros under the rows ("SOLDE EN EUROS + 444,45": LCL) is the closing
      // balance where no other was read; after one ("SOLDE CREDITEUR AU …") it repeats it, in the
      // credit column whatever its side, and is a summary (SUMMARY_LINE).
      if (!kind && !read.date && BALANCE_IN_EUROS.test(read.label) && !balanceLines.some((b) => b.kind === "closing" || (b.kind === "positional" && b.rowsBefore === drafts.length + (current ? 1 : 0)))) kind = "closing";
      // A dated line with an amount among the rows is a transaction, though its words name a
      // dated balance: "Zahlung – Saldo vom 16.01.2026 ausgeglichen 612,40+" pays off the last
      // card balance. Only before any row or balance line of the table does such a line open it.
      if (kind === "positional" && dated && (drafts.length > 0 || current !== undefined || balanceInTable)) kind = undefined;
      // A carry word that is an ordinary word too, alone on a line without any amount, close under
      // a row where its description wraps: the description's last word ("SAI BALAJI" over
      // "TRANSPORT": Kotak), not the Swiss or French carry "Transport", which carries its balance.
      if (kind === "positional" && !hasAmount && !read.balance && WEAK_CARRY.test(read.label) && lineMoneyTexts(line).length === 0 && wrapsDescription(line, layout)) kind = undefined;
      // A carry that prints a sum under the debit column and one under the credit column ("VAN
      // 8,761.34 6,380.36" at a page's foot, "VIENEN" at the next one's head: BCP) carries the
      // page's column sums, not a balance: neither a row nor a balance to open or close with.
      if (kind === "positional" && !read.balance && read.transactionMoney.some((m) => m.role === "debit") && read.transactionMoney.some((m) => m.role === "credit")) {
        finish();
        skip(line, "summary");
        return;
      }
      if (kind) {
        finish();
        balanceInTable = true;
        // (Outside a balance column, a figure per currency — "SALDO AL CORTE ₡469,067.92 $0.00"
        // under the colones and the dollars — is the statement's currency's figure, or none.)
        const perCurrency = read.balance ? undefined : oneFigurePerCurrency(lineMoneyTexts(line), currency?.code);
        if (perCurrency === null) {
          recordSummaryBalances(line, null);
          return;
        }
        const cell =
          perCurrency !== undefined
            ? (read.transactionMoney.find((m) => m.text === perCurrency) ?? { text: perCurrency })
            : (read.balance ?? [...read.transactionMoney].at(-1) ?? (lineMoneyTexts(line).length > 0 ? { text: lineMoneyTexts(line).at(-1)! } : undefined));
        // A day's balance printed on a line of its own, right under the day's last row (no other
        // balance line between them), in the balance column and dated that day ("31/03/2026
        // 000000 SALDO DIA 688,95 D": Caixa, whose rows print no balance): that row's running
        // balance, as if printed beside it.
        const row = drafts.at(-1);
        const dayBalance = kind === "positional" && read.balance !== undefined && !hasAmount && read.date !== null;
        if (dayBalance && row && !row.balance && row.status === rowStatus && sameDay(row.date, read.date!.parts) && balanceLines.at(-1)?.rowsBefore !== drafts.length) {
          row.balance = read.balance;
        }
        recordBalance(line, kind, cell, read.label);
        // A balance dated in the date column dates the rows under it that print none: banks
        // that print a day's date once print it on "02 Mar 2026 BALANCE FORWARD" when the day's
        // first rows come straight after it.
        if (read.date) lastDate = { parts: read.date.parts, text: read.date.text };
        // A closing balance ends the table; a later header opens the next one.
        if (kind === "closing") tableOpen = false;
        return;
      }
      if (!read.date && PERIOD_FIGURE.test(read.label)) {
        // The period's average balance, the year's interest ("SALDO PROMEDIO DEL PERIODO",
        // "INTERESES PAGADOS EN EL AÑO" under the last row): no row, nor the last row's text.
        finish();
        skip(line, "summary");
        return;
      }
      if (!hasAmount && !read.date && FOOTNOTE.test(line.text)) {
        // A footnote explaining a mark the rows use ("* Gap in check sequence … There were 6
        // checks listed totaling $11,417.80."): no row's text, nor a row.
        finish();
        skip(line, "summary");
        return;
      }
      // A total's word opening a line of a row's description ("TOTAL ENERGIES WAVRE", a merchant
      // under a card payment) is no total: a total line carries its total, or is a heading alone.
      const rowText = !hasAmount && !read.balance && !lineHasAmountLike(line.text) && !GROUPED_NUMBER.test(line.text) && !endsInGluedMoney(line) && current !== undefined && current.money.length > 0 && continuesRow(line, layout) && continuesDescription(line, layout);
      // (So is a card member's total, undated, and a heading of the spending per user over such
      // totals, "Spend by user": no rows.)
      const perMember = !read.date && (hasAmount ? CARD_MEMBER_TOTAL.test(read.label) : SPEND_BY_HEADING.test(read.label));
      if ((isSummaryLabel(read.label, read.date !== null) || PURCHASES_TOTAL.test(read.label) || FUTURE_INSTALLMENTS.test(read.label) || perMember || (hasAmount && !read.date && isSummaryLabel(labelAfterFootnote(line, read), false))) && !rowText) {
        // (Figures in the text of a line close under a row, under no money column, are that row's
        // detail, with more rows under it: "Total financed $999.00 Total billed $166.48 Remaining
        // $832.52" under a card's monthly installment, Apple Card.)
        const rowDetail = !hasAmount && current !== undefined && continuesRow(line, layout) && lineMoneyTexts(line).length > 0;
        finish();
        skip(line, "summary");
        // A summary heading without money ("STATEMENT SUMMARY :-", "CUOTAS A VENCER") ends the table;
        // a section's total does not, though its amount touches its label, read as one word
        // ("TOTAL PAYMENTS AND OTHER CREDITS$9,190.10CR": First Horizon), nor a row's detail.
        if (!hasAmount && !read.balance && !endsInGluedMoney(line) && !rowDetail) tableOpen = false;
        return;
      }
      // (A posted heading matters only to end a pending or reverted section: under posted rows
      // "Completed" alone may be a row's wrapped description.)
      const statusLine = hasAmount || read.date ? undefined : statusHeading(read.label);
      const status = statusLine?.status === "posted" && rowStatus === "posted" ? undefined : statusLine;
      if (status) {
        finish();
        // (The pending section is read under the table it is in.) The section's own note among its
        // rows ("Pending transactions may change or be removed …" under them) restarts nothing:
        // restarted, the section would take the next table's header for its own and never end.
        if (status.status !== rowStatus || drafts.length === statusDrafts) [rowStatus, statusLayout, statusDrafts] = [status.status, layout, drafts.length];
        skip(line, "not-a-transaction");
        return;
      }

      // An amount cell printed in glyphs without a text mapping ("□□□.□□"): the row cannot be
      // read, and skipping it would lose it in silence (and blame the next row's balance).
      if (!hasAmount) {
        const unreadable = unreadableAmountCell(read.cells, layout);
        if (unreadable !== undefined) {
          throw new StatementParseError(
            `line ${line.lineNumber}: the amount is printed in characters without a text mapping ('${unreadable}'); ` +
              "the PDF's text cannot be trusted for this row — download the statement again, or the same period as CSV or OFX",
            { page: page.number },
          );
        }
      }
      if (noDateColumn) {
        readDatelessTableLine(line, read, page.number, layout.em);
        return;
      }
      const close = current !== undefined && line.y - current.lastY <= 2.6 * layout.em;
      const text = read.descriptionWords.map((w) => w.text).join(" ");
      if (read.date && layout.stackedDates && current && close && current.lines.length === 1 && current.money.length > 0 && !current.valueDate && !hasAmount) {
        // The row's second date, printed under its first ("Data operacji" over "Data waluty").
        current.valueDate = read.date.parts;
        if (text) current.description.push(text);
        current.lastY = line.y;
        current.lines.push(line);
        return;
      }
      // A cell's first line printed above its row's date and amount (Servus: the bold kind,
      // "Visa Debit Authorization", over the baseline; the merchant under it): the next row's
      // first line, held for it.
      if (!read.date && !hasAmount && !read.balance && text && firstLineOfNextRow(line, page.lines[index + 1], layout)) {
        heldAbove = { line, text, row: page.lines[index + 1]! };
        return;
      }
      const above = heldAbove?.row === line ? heldAbove : undefined;
      heldAbove = undefined;
      if (read.date) {
        finish();
        lastDate = { parts: read.date.parts, text: read.date.text };
        current = {
          page: page.number,
          sourceRow: fileLine(line),
          date: read.date.parts,
          dateText: read.date.text,
          ...(read.valueDate ? { valueDate: read.valueDate.parts } : {}),
          description: [...(above ? [above.text] : []), ...(read.descriptionWords.length > 0 ? [read.descriptionWords.map((w) => w.text).join(" ")] : [])],
          money: read.transactionMoney,
          ...(read.balance ? { balance: read.balance } : {}),
          // (A row its posting date calls pending is one in any section of posted rows.)
          status: read.pending && rowStatus === "posted" ? "pending" : rowStatus,
          ...(section ? { section } : {}),
          lastY: line.y,
          lines: above ? [above.line, line] : [line],
        };
        return;
      }
      if (hasAmount && !read.date && figuresAlone(read.descriptionWords)) {
        // A line of figures and nothing else, without a date, its text columns holding money too
        // ("18,649.77 24,059.08 21,766.22 20,922.77 19,808.20 0.10" under "Opening Balance |
        // Deposits | Withdrawals | Closing Balance | Average Deposit Balance | Current Yield%":
        // a summary box's values under their labels, Merrill's Bank Deposit Interest Summary):
        // no row, nor a row's text. (Read as one, it took the row above's date and one of its
        // figures as its amount.)
        finish();
        skip(line, "summary");
        return;
      }
      if (hasAmount) {
        if (current && close && current.money.length === 0) {
          // The amount is printed on the last line of a wrapped description.
          amountLastRows++;
          current.money = read.transactionMoney;
          if (read.balance) current.balance = read.balance;
          if (text) current.description.push(text);
          current.lastY = line.y;
          current.lines.push(line);
          return;
        }
        if (joinsConversion(line, close)) return;
        // A rate with amounts and no date ("Purchases 21.49%(v)(d) $1,023.45 $18.34": a card
        // statement's interest table under its transactions) is no row of the last date; a
        // percentage in a row's text is ("AIT ON INTEREST @ 5% 70.43 376,333.78", the tax withheld
        // on the interest above it) where its balance follows from the row above's.
        if (lastDate && (!RATE.test(text) || balanceFollows(current ?? drafts.at(-1), read, separator))) {
          // Banks that print the date once per day leave it off the day's later rows. Where every
          // row of several lines has its amount on its last line, the lines read after the last
          // row's amount are this row's first ones (HSBC: "FPS CREDIT / LAU WING KEI / FRN… 580.00").
          const amountLast = amountLastRows > 0 && linesAfterAmountRows === 0;
          // (So are the lines read under a balance line, with no row to go on, right above this
          // one: "BROUGHT FORWARD" over "Card Transaction … UBER *TRIP" over "HELP.UBER.COM GB
          // 87.87" at a page's head, NatWest; they were dropped in silence.)
          const loose = amountLast && !current && looseLines?.lines.at(-1) === page.lines[index - 1] && line.y - looseLines!.lines.at(-1)!.y <= 2.6 * layout.em ? looseLines! : undefined;
          const first = loose ?? (close && amountLast ? takeLinesAfterAmount(current) : { lines: [], description: [] });
          looseLines = undefined;
          if (first.lines.length > 0) amountLastRows++;
          finish();
          undatedRows++;
          const unreadDate = unreadDateCell(read.descriptionWords, layout);
          if (unreadDate !== undefined) unreadDateTexts.push(unreadDate);
          current = {
            page: page.number,
            sourceRow: fileLine(first.lines[0] ?? line),
            date: lastDate.parts,
            dateText: lastDate.text,
            description: [...first.description, ...(text ? [text] : [])],
            money: read.transactionMoney,
            ...(read.balance ? { balance: read.balance } : {}),
            status: rowStatus,
            ...(section ? { section } : {}),
            lastY: line.y,
            lines: [...first.lines, line],
          };
          return;
        }
        finish();
        // (A line of a card's APR table, its rate marked variable, "Pay Over Time 19.49% (v)
        // $2,978.15 $48.37": the interest calculated, no row that went unread.)
        skip(line, MARKED_RATE.test(text) ? "summary" : "not-a-transaction");
        return;
      }
      if (current && current.money.length > 0 && !hasAmount && CARD_HEADING.test(fold(line.text))) {
        // A card's holder and number over its rows (CommBank's additional cardholder): no part of the row above.
        finish();
        skip(line, "not-a-transaction");
        return;
      }
      if (current && close && text && continuesRow(line, layout)) {
        // A value date printed under the row ("Wertstellung 27.02.2026", "Value Date: 02/03/2026")
        // dates the row's value, not its description.
        const valueDate = current.valueDate || hasAmount ? undefined : valueDateLine(read.descriptionWords, order);
        if (valueDate) current.valueDate = valueDate;
        else current.description.push(text);
        // (A value date's line is no description to hand on.)
        if (current.money.length > 0) current.afterAmount = valueDate ? undefined : (current.afterAmount ?? 0) + 1;
        current.lastY = line.y;
        current.lines.push(line);
        if (read.balance && !current.balance) current.balance = read.balance;
        return;
      }
      // A line of text in the descriptions under no row (under a balance line): held, in case the
      // undated row whose amount comes on a later line starts with it (above).
      const loose = !current && text && !read.balance && lineMoneyTexts(line).length === 0 && continuesDescription(line, layout);
      if (loose) {
        const chained = looseLines?.lines.at(-1) === page.lines[index - 1] ? looseLines! : { lines: [], description: [] };
        looseLines = { lines: [...chained.lines, line], description: [...chained.description, text] };
      }
      finish();
      if (read.balance || lineMoneyTexts(line).length > 0) skip(line, "not-a-transaction");
    });
  }
  finish();

  // Rows dated in two-digit years of the Buddhist era, under a period printed in full ("01/07/69"
  // under "01/07/2569 - 31/07/2569"): read in that era, as the period is.
  const buddhist = period ? buddhistShortYears(drafts, period) : undefined;
  if (buddhist) {
    explain.push({
      step: "year",
      decision: `two-digit years of the Buddhist era (${String((buddhist.year + 543) % 100).padStart(2, "0")}: ${buddhist.year + 543}, that is ${buddhist.year})`,
      evidence: `${buddhist.rows} row${buddhist.rows === 1 ? "'s date" : "s' dates"} (e.g. ${buddhist.example}) fall within the statement period, ${period!.from} to ${period!.to} ("${period!.text}"), only so; read as this century's, decades from it`,
    });
  }

  if (noDateColumn) {
    explain.push({
      step: "row dates",
      decision: datePlacement === "above" ? "from the date heading above each group of rows" : "from the line under each row's description",
      evidence: "the table has no date column",
    });
  }
  if (subAccount) {
    const { line, lines } = subAccount;
    explain.push({
      step: "sub-account",
      decision: `left out: the ${lines + 1} lines from page ${line.page}, line ${line.lineNumber} on are a sub-account's own statement, with its own balances and rows, not this account's (see skipped lines)`,
      evidence: `"${line.text.trim()}"`,
    });
  }
  if (undatedRows > 0) {
    explain.push({ step: "undated rows", decision: `${undatedRows} row${undatedRows === 1 ? "" : "s"} took the date of the row above`, evidence: "the statement prints each date once per day" });
  }
  // Most rows dated by the row above while their date column holds text read as no date: the
  // rows print their dates, in a form not read ("01/07/202606:01"), and the dates taken for them
  // are guesses the balances cannot check — doubted, and the text named.
  if (unreadDateTexts.length > 0 && 2 * unreadDateTexts.length >= drafts.length) {
    warnings.push(
      `${unreadDateTexts.length} row${unreadDateTexts.length === 1 ? "" : "s"} took the date of the row above, though ${unreadDateTexts.length === 1 ? "its" : "their"} date column holds text not read as a date (e.g. "${unreadDateTexts[0]}"): check the rows' dates`,
    );
    doubts.push("undated rows");
  }

  // A list of the checks paid that repeats checks the account's table has read as rows already.
  const checkList = repeatedCheckList(drafts, layoutOf, separator);
  if (checkList?.repeats === "all") {
    explain.push({ step: "checks list", decision: `${checkList.drafts.length} check${checkList.drafts.length === 1 ? "" : "s"} listed again after the rows: a summary, not rows`, evidence: checkList.evidence });
  } else if (checkList) {
    warnings.push(`a list of checks after the rows was read as rows, but ${checkList.evidence} — check for checks counted twice`);
    doubts.push("checks list");
  }
  const summaryDrafts = new Set(checkList?.repeats === "all" ? checkList.drafts : []);

  const statements = statementRuns(balanceLines, drafts, separator);
  if (statements?.kind === "separate") {
    // A PDF of several accounts' statements (a relevé of every account of a Desjardins folio)
    // has the part of the account whose number the user set read, when one account's number
    // ends in its last four characters; the other accounts' rows and balances are left out.
    const chosen = accountOfNumber(statements.runs, pages, options.accountNumber);
    if (!chosen.one) throw separateStatements(statements.runs, pages, options.accountNumber, chosen.matches);
    const { run, name } = chosen.one;
    const others = drafts.filter((_, i) => i < run.from || i >= run.to);
    for (const draft of others) skipped.push({ ...unreadDraft(draft), reason: "summary" });
    const first = balanceLines.indexOf(run.opening);
    const last = balanceLines.indexOf(run.closing);
    const own = balanceLines.slice(Math.min(first, last), Math.max(first, last) + 1).map((b) => ({ ...b, rowsBefore: Math.min(Math.max(b.rowsBefore - run.from, 0), run.to - run.from) }));
    balanceLines.splice(0, balanceLines.length, ...own);
    drafts.splice(0, drafts.length, ...drafts.slice(run.from, run.to));
    explain.push({
      step: "account",
      decision: `only ${name}'s rows and balances read (${describeRun(run)}); the other account${statements.runs.length === 2 ? "'s" : "s'"} ${others.length} row${others.length === 1 ? "" : "s"} left out (see skipped lines)`,
      evidence: `this PDF holds statements for ${statements.runs.length} accounts, and only ${name}'s number agrees with the one set for the account uploaded to (${numberShown(options.accountNumber!)})`,
    });
  }
  if (statements?.kind === "consecutive") {
    const consecutive = consecutiveStatements(statements.runs, pages, order);
    if (consecutive) explain.push(consecutive.explanation);
    if (consecutive && period) {
      period = consecutive.period;
      const step = explain.find((e) => e.step === "period");
      if (step) Object.assign(step, { decision: `${period.from} to ${period.to}`, evidence: `the statements' periods: ${period.text}` });
    }
  }

  // Account kind: what the user told us wins; otherwise the statement's own words, outside its
  // rows — a row's description ("CREDIT CARD REPAYMENT" paid from a savings account) says where
  // the money went, not what the account is.
  const rowLines = new Set(drafts.flatMap((d) => d.lines));
  const cardWords = allLines.filter((l) => !rowLines.has(l)).map((l) => cardWording(fold(l.text))).find((w) => w !== undefined);
  let rule: SignRule = options.accountKind ?? (cardWords ? "credit-card" : "bank");
  if (options.accountKind) {
    explain.push({ step: "account kind", decision: options.accountKind === "credit-card" ? "credit card" : "bank account", evidence: "as told with the upload" });
    if (options.accountKind === "bank" && cardWords) warnings.push(`the statement mentions "${cardWords}" but the upload was marked as a bank account; bank signs were used`);
  } else {
    explain.push({
      step: "account kind",
      decision: rule === "credit-card" ? "credit card" : "bank account",
      evidence: cardWords ? `the statement says "${cardWords}": charges are money out, payments and credits money in` : "no credit-card wording outside the rows",
    });
  }
  const ctx: Context = { separator, order, rule };

  if (rule === "credit-card") {
    const cardholder = cardholderSigns(drafts, balanceLines, ctx);
    if (cardholder) {
      rule = ctx.rule = "signed-card";
      explain.push({ step: "card signs", decision: "minus or no sign a charge, plus a payment or credit (signed from the cardholder's side)", evidence: cardholder });
    }
  }

  // A money column right of the in and out columns, unread beside them ("Incoming | Outgoing |
  // Amount": a balance statement's, Wise's), is the running balance where its figures chain with
  // the rows, the one row after the other, whichever way the rows are listed.
  const chained = unnamedBalanceColumn(drafts, ctx);
  if (chained) explain.push({ step: "balance column", decision: "the amount column right of the in and out columns is the running balance", evidence: `its figures chain with the ${chained} rows' amounts` });

  // Years for dates printed without one.
  const needsYear = drafts.some((d) => (d.date && d.date.year === undefined) || (d.valueDate && d.valueDate.year === undefined));
  let yearSource: YearSource | undefined;
  if (needsYear) {
    const balanceDates = period ? undefined : datedBalanceLines(balanceLines, drafts.length, order);
    if (period) {
      yearSource = { kind: "period", from: period.from, to: period.to };
      explain.push({ step: "year", decision: "from the statement period", evidence: `${period.from} to ${period.to}` });
    } else if (balanceDates) {
      yearSource = { kind: "period", from: balanceDates.from, to: balanceDates.to };
      explain.push({ step: "year", decision: `from the dates of the opening and closing balances, ${balanceDates.from} to ${balanceDates.to}`, evidence: balanceDates.evidence });
    } else {
      const stated = anchorDate(pages, headers, order);
      if (stated) {
        const source = { kind: "anchor", date: stated.iso, what: stated.text } as const;
        yearSource = source;
        // The statement's own date, named so ("Statement Date : 31 Mar 2026"), is the day it was
        // drawn up, its rows up to it: each row's year is the one that puts it in the months before
        // — a reading, not a guess, when every row then falls in a statement's span before it.
        const outside = stated.statementDate ? rowsOutsideStatementSpan(drafts, source) : undefined;
        if (outside === 0) {
          explain.push({
            step: "year",
            decision: `from the statement date ${stated.iso}: each row in the year that puts it on or before that day`,
            evidence: `"${stated.text}"; every row falls within ${STATEMENT_SPAN_DAYS} days before it`,
          });
        } else {
          explain.push({ step: "year", decision: `from the date ${stated.iso} printed above the table`, evidence: `"${stated.text}"` });
          // A guess, and so low confidence: say so, or the reading is held for review without a word why.
          warnings.push(
            outside
              ? `the statement prints dates without a year and states no period; years were taken from its statement date ("${stated.text}"), but ${outside} row${outside === 1 ? "" : "s"} then fall${outside === 1 ? "s" : ""} outside the ${STATEMENT_SPAN_DAYS} days before it`
              : `the statement prints dates without a year and states no period; years were taken from the date printed above the table ("${stated.text}")`,
          );
          doubts.push("year");
        }
      } else if (info.creationDate) {
        yearSource = { kind: "anchor", date: info.creationDate, what: "the PDF's creation date" };
        explain.push({ step: "year", decision: `from the PDF's creation date ${info.creationDate}`, evidence: "the statement prints dates without a year and states no period" });
        warnings.push(`the statement prints dates without a year and states no period; years were taken from the PDF's creation date (${info.creationDate})`);
        doubts.push("year");
      } else {
        throw new StatementParseError("the statement prints dates without a year and states no period, so the year of its rows cannot be known; it needs manual entry");
      }
    }
  }

  const rows: StatementRow[] = [];
  const pending: StatementRow[] = [];
  const reverted: SkippedLine[] = [];
  const marks = footnoteMarks(allLines);
  const unsigned: { row: StatementRow; magnitude: Decimal }[] = [];
  // The marks printed in the single amount column (posted and pending rows): which directions
  // the statement marks says what its unmarked amounts are.
  const amountMarks = new Set<AmountMark>();
  // Posted rows per table read, and how many of them had an amount without a sign or a section's direction.
  const rowsPerTable = new Map<TableLayout, { rows: number; unsigned: number }>();
  let letterMarked = 0;
  // Dated rows whose money column holds a word that is no amount ("73,5O", "l22,52", "10534": a
  // scan's text layer misreading digits): not read, and never repaired — named in a warning.
  const unreadableAmounts: { draft: Draft; text: string; column: string }[] = [];
  for (const draft of drafts) {
    if (summaryDrafts.has(draft)) {
      skipped.push({ ...unreadDraft(draft), reason: "summary" });
      continue;
    }
    letterMarked += draft.money.filter((m) => m.letterMark !== undefined).length + (draft.balance?.letterMark !== undefined ? 1 : 0);
    if (draft.status === "reverted") {
      const line = unreadDraft(draft);
      skipped.push(line);
      reverted.push(line);
      continue;
    }
    const date = draft.date ? toIso(draft.date, yearSource) : null;
    if (!date) {
      skipped.push(unreadDraft(draft));
      continue;
    }
    const amount = draftAmount(draft, ctx);
    if (!amount) {
      skipped.push(unreadDraft(draft));
      const cell = draft.money.length === 0 ? unreadableMoneyCell(draft, layoutOf.get(draft)) : undefined;
      if (cell) unreadableAmounts.push({ draft, ...cell });
      continue;
    }
    // A row of exactly nothing moves no money ("Interest Charge on Purchases $0.00", a card's
    // interest summary): listed among the skipped lines, as a CSV's zero row is, never posted.
    if (amount.value.isZero()) {
      skipped.push({ ...unreadDraft(draft), reason: "summary" });
      continue;
    }
    const valueDate = draft.valueDate ? toIso(draft.valueDate, yearSource) : null;
    const balance = read(draft.balance, ctx);
    const row: StatementRow = {
      sourceRow: draft.sourceRow,
      page: draft.page,
      date,
      ...(valueDate ? { valueDate } : {}),
      amount: amount.value,
      description: withoutFootnoteMarks(otherColumnsLast(draft.description.join(" ").replace(/\s+/g, " ").trim(), draft.lines, otherTextOf), marks),
      ...(balance ? { balance: signedByMark(balance, rule) } : {}),
    };
    if (draft.status === "pending") pending.push(row);
    else rows.push(row);
    if (amount.unsigned) unsigned.push({ row, magnitude: amount.value.abs() });
    if (amount.mark) amountMarks.add(amount.mark);
    const table = layoutOf.get(draft);
    if (table && draft.status === "posted") {
      const count = rowsPerTable.get(table) ?? { rows: 0, unsigned: 0 };
      count.rows++;
      if (amount.unsigned) count.unsigned++;
      rowsPerTable.set(table, count);
    }
  }

  // Rows dated more than a year from the stated period: their year misread (printed short, in
  // another era or century) or the period not theirs. Either way the dates are not proven by the
  // balances, which chain whatever the year: doubted, and the dates named.
  if (period) {
    const far = rows.filter((r) => !withinPeriod(r.date, period!, 366));
    if (far.length > 0) {
      warnings.push(`${far.length} row${far.length === 1 ? " is" : "s are"} dated more than a year from the statement period ${period.from} to ${period.to} ("${period.text}"), e.g. ${far[0]!.date}: check the rows' years`);
      doubts.push("dates outside period");
    }
  }

  // Every row read as pending while the statement prints balances: the pending section was never
  // ended (a "Posted transactions" heading not read as one), and the posted rows are among them.
  if (rows.length === 0 && pending.length > 0 && (pending.some((r) => r.balance !== undefined) || layouts.some((l) => l.columns.some((c) => c.role === "balance")))) {
    warnings.push(`all ${pending.length} rows were read as pending, though the statement prints balances: the posted rows may be among them`);
    doubts.push("all rows pending");
  }
  if (rows.length === 0 && pending.length === 0) {
    throw new StatementParseError(
      `no transactions found: the table header is on page ${first[0]} but no line below it has a date and an amount` +
        (skipped.length > 0 ? ` (${skipped.length} line${skipped.length === 1 ? " was" : "s were"} skipped)` : ""),
      { page: first[0] },
    );
  }

  // The rows the balances account for end with the last posted one: pending rows listed after
  // the last balance ("Lançamentos futuros" under Caixa's last SALDO DIA) are in none of them.
  const postedEnd = drafts.findLastIndex((d) => d.status === "posted" && !summaryDrafts.has(d)) + 1;
  const opening = openingLine(balanceLines);
  const closing = closingLine(balanceLines, postedEnd);
  const openingAmount = opening && signedByMark(opening.printed, rule);
  const closingAmount = closing && signedByMark(closing.printed, rule);
  if (opening) explain.push({ step: "opening balance", decision: openingAmount!.toString(), evidence: `page ${opening.page}, line ${opening.line}: "${opening.text.trim()}"` });
  if (closing) explain.push({ step: "closing balance", decision: closingAmount!.toString(), evidence: `page ${closing.page}, line ${closing.line}: "${closing.text.trim()}"` });

  if (reverted.length > 0) {
    explain.push({
      step: "reverted rows",
      decision: `${reverted.length} row${reverted.length === 1 ? "" : "s"} not posted (see skipped lines)`,
      evidence: `listed under a heading of reverted transactions (authorised, then released: never in the balance), e.g. "${reverted[0]!.text}"`,
    });
  }
  // A row under a table printed side by side whose description holds a date and an amount holds
  // cells of the other copies ("1451 1452 05-01 608.75 1455 05-05": the copies not cut apart).
  const fragments = drafts.filter((d) => sideBySideDrafts.has(d) && d.status !== "reverted" && holdsDateAndAmount(d.description.join(" "), order));
  if (fragments.length > 0) {
    const text = fragments[0]!.lines.map((l) => l.text).join(" ");
    warnings.push(`${fragments.length} row${fragments.length === 1 ? "" : "s"} of a table printed side by side hold${fragments.length === 1 ? "s" : ""} a date and an amount in ${fragments.length === 1 ? "its" : "their"} description (cells of the table's other copies, not cut apart), e.g. page ${fragments[0]!.page}: "${text}"`);
    doubts.push("side-by-side fragments");
  }
  // After the closing balance, below every posted row, the statement is over: what follows
  // (Sparkasse's list of the month's fees, "Grundpreis Girokonto 6,95"; Caixa's "Limite cheque
  // especial 1.500,00" above its pending rows) is no row that went unread.
  const endsAt = closing && closing.rowsBefore >= postedEnd ? closing.skippedBefore : skipped.length;
  // (A line whose amounts are all zero moved no money: a note of rates and limits, "Rente af
  // indestående: 0,00 % · Trækningsret: 0,00" under Lån & Spar's rows, is no row that went unread.)
  const unread = skipped.filter((k, i) => i < endsAt && k.reason === "not-a-transaction" && lineHasNonZeroAmountLike(k.text) && !reverted.includes(k));
  if (unread.length > 0) {
    warnings.push(`${unread.length} line${unread.length === 1 ? "" : "s"} with an amount could not be read as a transaction (see skipped lines), e.g. page ${unread[0].page}: "${unread[0].text}"`);
    doubts.push("unread lines");
  }

  if (unreadableAmounts.length > 0) {
    const n = unreadableAmounts.length;
    const named = unreadableAmounts
      .slice(0, 5)
      .map((u) => `page ${u.draft.page}, line ${u.draft.lines[0]!.lineNumber}: "${u.draft.lines.map((l) => l.text).join(" ")}" ('${u.text}' under ${u.column})`)
      .join("; ");
    warnings.push(
      `${n} row${n === 1 ? "" : "s"} with a date ha${n === 1 ? "s" : "ve"} an amount that cannot be read (${named}${n > 5 ? "; …" : ""}): ` +
        `${n === 1 ? "it was" : "they were"} not imported — check ${n === 1 ? "it" : "them"} against the statement (a scan's text may misread digits as letters) and enter ${n === 1 ? "it" : "them"} by hand`,
    );
    doubts.push("unreadable amounts");
  }
  if (letterMarked > 0) {
    explain.push({ step: "direction letters", decision: "D money out, C money in", evidence: `${letterMarked} amounts and balances printed with a D or C after them` });
  }
  const unmarkedOut = onlyMoneyInMarked(amountMarks, unsigned.length, ctx);
  if (unmarkedOut) signUnmarkedAsMoneyOut(rows, unsigned, amountMarks, openingAmount, explain, warnings, doubts);
  else resolveUnsignedAmounts(rows, unsigned, openingAmount, explain, warnings, doubts, ctx);
  explain.push({ step: "sign rule", decision: unmarkedOut ? "money in marked (CR or plus) positive, unmarked amounts negative" : signRuleDecision(layouts, rule) });

  const ordered = chronological(rows, explain);
  const implied = opening && closing ? {} : impliedBalances(ordered);
  const openingBalance = openingAmount ?? implied.openingBalance;
  const closingBalance = closingAmount ?? implied.closingBalance;
  // The balance proof the worker runs before it posts the rows: rows that do not add up to the
  // balances the statement prints were misread somewhere (a row missed, or read twice).
  const proof = balanceProof(ordered, openingBalance, closingBalance);
  if (proof.status === "broken") {
    warnings.push(`the rows do not add up to the statement's balances (${proof.message}): a row may have been missed or read twice`);
    doubts.push("balance proof");
  }
  // A balance line that prints an amount the reader could not read, where the balances read do
  // not prove the rows: the statement states a balance (its closing one, most often) that nothing
  // checked the rows against — the reading is not confirmed as a statement with no balance is.
  if (proof.status === "unprovable" && unreadBalances.length > 0) {
    const { line, otherCurrencies } = unreadBalances[0]!;
    const what = otherCurrencies ? `a balance line states its figures in other currencies than the statement's${currency ? ` (${currency.code})` : ""}` : "a balance line's amount could not be read";
    warnings.push(`${what} (page ${line.page}, line ${line.lineNumber}: "${line.text}"), so the rows were not checked against it`);
    doubts.push("unread balance");
  }
  // A table of its own among others whose amounts print no sign, under no heading that gives their
  // direction (a list of checks under a heading not known as money out, beside a table of debit and
  // credit columns): read as money in, as printed, which nothing but the balances can confirm.
  // (When every row of the statement is so, resolveUnsignedAmounts has said it already; when the
  // balances disprove the rows, the proof has.)
  if (proof.status === "unprovable" && unsigned.length < rows.length) {
    const bare = [...rowsPerTable].filter(([, count]) => count.unsigned > 0 && count.unsigned === count.rows);
    if (bare.length > 0) {
      const [table, count] = bare[0]!;
      const header = table.headerLines[0]!;
      warnings.push(
        `${count.rows} row${count.rows === 1 ? "" : "s"} of the table headed on page ${header.page}, line ${header.lineNumber} ("${header.text}") print${count.rows === 1 ? "s" : ""} no sign and no heading gives ${count.rows === 1 ? "its" : "their"} direction; ` +
          "they were read as money in and the balances cannot confirm it — check the direction",
      );
      doubts.push("sign");
    }
  }

  return {
    format: "pdf",
    rows: ordered,
    ...(openingBalance ? { openingBalance } : {}),
    ...(closingBalance ? { closingBalance } : {}),
    ...(currency ? { currency: currency.code } : {}),
    ...(period ? { period: { from: period.from, to: period.to } } : {}),
    pending,
    skipped,
    warnings,
    explain,
    confidence: doubts.length === 0 ? "high" : "low",
  };
}

/** An opening and a closing balance of one statement (or account) and how many posted rows they account for. */
interface BalanceRun {
  opening: BalanceLine;
  closing: BalanceLine;
  rows: number;
  /** The rows (drafts) it accounts for: from, up to (not with) to. */
  from: number;
  to: number;
}

/**
 * The runs of a PDF's balance lines: each opening balance with the closing balance after it, and
 * the rows they account for — the rows between them, or, where the pair stands in a summary above
 * its rows (no row between them: "Beginning balance on April 1 … Ending balance on April 30" over
 * the account's tables), the rows after it up to the next opening balance. A pair that repeats the
 * one before (a summary box's balances, then the table's own lines) is the same run; pairs that
 * account for no posted row (an account without transactions this period) are left out.
 */
function balanceRuns(balanceLines: readonly BalanceLine[], drafts: readonly Draft[], separator: DecimalSeparator): BalanceRun[] {
  // (A row of 0.00 moves no money and is no row: "Remise de frais de service 0,00", Desjardins.)
  const movesMoney = (d: Draft) => d.money.length === 0 || d.money.some((m) => !(read(m, { separator })?.magnitude.isZero() ?? false));
  const runs: BalanceRun[] = [];
  let opening: BalanceLine | undefined;
  balanceLines.forEach((b, i) => {
    if (b.kind === "opening") opening = b;
    else if (b.kind === "closing" && opening) {
      const nextOpening = balanceLines.find((n, j) => j > i && n.kind === "opening");
      const [from, to] = b.rowsBefore > opening.rowsBefore ? [opening.rowsBefore, b.rowsBefore] : [b.rowsBefore, nextOpening?.rowsBefore ?? drafts.length];
      // (Posted rows: pending ones listed under a summary, "Reserverade belopp", are in no balance.)
      const posted = drafts.slice(from, to).filter((d) => d.status === "posted" && movesMoney(d)).length;
      const last = runs.at(-1);
      // The same balances again (a summary's, then the table's own lines) are one statement's.
      if (last && sameBalance(last.opening.printed, opening.printed) && sameBalance(last.closing.printed, b.printed)) {
        last.rows += posted;
        last.from = Math.min(last.from, from);
        last.to = Math.max(last.to, to);
      } else if (posted > 0) runs.push({ opening, closing: b, rows: posted, from, to });
      opening = undefined;
    }
  });
  return runs;
}

/** Whether two printed balances are the same balance (the same amount on the same side). */
function sameBalance(a: PrintedAmount, b: PrintedAmount): boolean {
  const side = (x: PrintedAmount) => (x.magnitude.isZero() ? 0 : x.mark === "minus" || x.mark === "debit" ? -1 : 1);
  return a.magnitude.eq(b.magnitude) && side(a) === side(b);
}

/**
 * What a PDF holding several runs of opening balance, rows and closing balance is (balanceRuns):
 * statements of one account one after the other, when each opens with the balance the one before
 * closed with ("consecutive": a year's statements downloaded as one file); otherwise statements
 * that do not follow on — several accounts (a combined statement's checking and savings, a credit
 * union's Share Savings and Share Draft), or one account's with a gap — whose rows, read as one,
 * would merge between the first one's opening balance and the last one's closing ("separate").
 * Undefined for one run: a single account, in sections or not.
 */
function statementRuns(balanceLines: readonly BalanceLine[], drafts: readonly Draft[], separator: DecimalSeparator): { kind: "consecutive" | "separate"; runs: BalanceRun[] } | undefined {
  const runs = balanceRuns(balanceLines, drafts, separator);
  if (runs.length < 2) return undefined;
  const follows = runs.slice(1).every((r, i) => sameBalance(r.opening.printed, runs[i]!.closing.printed));
  return { kind: follows ? "consecutive" : "separate", runs };
}

/** A run's balances and rows, as a message names them: "page 2: 1,336.36 to 2,217.22, 28 rows". */
function describeRun(run: BalanceRun): string {
  const pages = run.opening.page === run.closing.page || run.closing.rowsBefore <= run.opening.rowsBefore ? `page ${run.opening.page}` : `pages ${run.opening.page}–${run.closing.page}`;
  const rows = run.rows;
  return `${pages}: ${formatForMessage(signedByMark(run.opening.printed, "bank"))} to ${formatForMessage(signedByMark(run.closing.printed, "bank"))}, ${rows} row${rows === 1 ? "" : "s"}`;
}

/** The refusal of a PDF whose runs of balances and rows do not follow on from one another. */
function separateStatements(runs: readonly BalanceRun[], pages: readonly PdfPage[], last4: string | undefined, matches: number): StatementParseError {
  const names = accountNames(runs, pages);
  const distinct = names.every((n) => n !== undefined) && new Set(names).size === names.length;
  if (distinct) {
    return new StatementParseError(
      `this PDF holds statements for ${runs.length} accounts (${names.join(", ")}), each with its own opening and closing balance and its own rows ` +
        `(${runs.map((r, i) => `${names[i]}: ${describeRun(r)}`).join("; ")}); ` +
        `read as one, their rows would be merged into one account — ${severalAccountsAdvice(last4, matches)}`,
    );
  }
  return new StatementParseError(
    `this PDF holds ${runs.length} statements, each with its own opening and closing balance and its own rows (${listInWords(runs.map(describeRun))}), ` +
      "and they do not follow on from one another (a statement does not open with the balance the one before it closed with): they may be statements of different accounts. " +
      "Download each account's statement separately and upload them one at a time",
  );
}

/** An account's number on a line ("Account # 4350 6487 8655", "Account XXXXXX5678", "Konto 1234567"). */
const ACCOUNT_NUMBER = /\b(?:account|acct|a\/c|konto|compte|cuenta|conto|rekening)\b\.?\s*(?:number|no\.?|nr\.?|n°|#)?\s*:?\s*([0-9Xx*•][0-9Xx*•\- ]{2,}[0-9])/i;

/** A code of letters (and a digit) printed right after an account's number, part of it ("Compte 815-30012-0456789 EOP", "… ES1": Desjardins's accounts of one folio). */
const ACCOUNT_CODE_AFTER = /^[\s-]*([A-Z]{1,4}\d?)\b(?![\p{L}])/u;

/** The account number printed with each run's heading (see accountNames), and a code right after it; undefined where none is. */
function accountNumbers(runs: readonly BalanceRun[], pages: readonly PdfPage[]): ({ number: string; code?: string } | undefined)[] {
  const names = accountNames(runs, pages);
  return headingLines(runs, pages).map((lines, i) => {
    for (const line of lines) {
      const match = ACCOUNT_NUMBER.exec(line.text);
      if (!match) continue;
      const code = ACCOUNT_CODE_AFTER.exec(line.text.slice(match.index + match[0].length))?.[1];
      return { number: match[1]!.trim(), ...(code ? { code } : {}) };
    }
    // Else the number that ends the account's heading ("EveryDay Checking - 7018442291": Navy Federal).
    const trailing = names[i] === undefined ? null : HEADING_NUMBER.exec(names[i]!);
    return trailing ? { number: trailing[1]!.trim() } : undefined;
  });
}

/** A number of six or more digits (or masks) ending an account's heading, after a dash or a space. */
const HEADING_NUMBER = /(?:^|[\s\u2013-])([0-9Xx*•][0-9Xx*•\- ]{4,}[0-9])$/;

/**
 * The run of the one account whose printed number (with its code after it, or without) ends in
 * the user's `last4` (account-match.ts), and its name; `matches`: how many end in it.
 */
function accountOfNumber(runs: readonly BalanceRun[], pages: readonly PdfPage[], last4: string | undefined): { one?: { run: BalanceRun; name: string }; matches: number } {
  if (last4 === undefined) return { matches: 0 };
  const numbers = accountNumbers(runs, pages);
  const matching = accountsMatching(numbers.map((n) => (n === undefined ? undefined : [n.number, ...(n.code ? [`${n.number}${n.code}`] : [])])), last4);
  if (matching.length !== 1) return { matches: matching.length };
  const i = matching[0]!;
  return { one: { run: runs[i]!, name: accountNames(runs, pages)[i] ?? `account ${numbers[i]!.number}` }, matches: 1 };
}

/**
 * What names each run's account: the heading nearest above its opening balance that the other
 * runs do not share (the bank's letterhead and an "Account summary" over every account's box are
 * shared; "Your Adv Plus Banking" and "Your Advantage Savings" are not) — within a few lines on
 * its page, below any money (the account before's), no table header or page number — and the account's number printed there, when
 * the heading does not hold it. Undefined for a run without either.
 */
function accountNames(runs: readonly BalanceRun[], pages: readonly PdfPage[]): (string | undefined)[] {
  // (By its first cell: "Account summary" beside a rate on one account's box, alone on the other's.)
  const key = (line: PdfLine) => fold(line.segments[0]?.text ?? line.text).replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
  const above = headingLines(runs, pages);
  const shared = new Set([...new Set(above.flatMap((lines) => lines.map(key)))].filter((k) => above.every((lines) => lines.some((l) => key(l) === k))));
  return above.map((lines) => {
    const heading = lines.find((l) => !shared.has(key(l)))?.text.replace(/\s+/g, " ").trim();
    const number = lines.map((l) => ACCOUNT_NUMBER.exec(l.text)?.[1]?.trim()).find((n) => n !== undefined);
    const short = heading && heading.length > 60 ? `${heading.slice(0, 57)}…` : heading;
    if (short && (!number || short.includes(number))) return short;
    if (number) return short ? `${short} (account ${number})` : `account ${number}`;
    return undefined;
  });
}

/** The lines above each run's opening balance that may name its account (see accountNames), nearest first. */
function headingLines(runs: readonly BalanceRun[], pages: readonly PdfPage[]): PdfLine[][] {
  return runs.map((run) => {
    const lines = pages.find((p) => p.number === run.opening.page)?.lines ?? [];
    const at = lines.findIndex((l) => l.lineNumber === run.opening.line);
    const found: PdfLine[] = [];
    for (let i = at - 1; i >= 0 && i >= at - 8; i--) {
      const line = lines[i]!;
      // (Money above it is the account before's, its rows or its balances: its heading is not this one's.)
      if (lineMoneyTexts(line).length > 0) break;
      if (findTableHeader(line, lines[i + 1]) || isPageFurniture(fold(line.text))) continue;
      found.push(line);
    }
    return found;
  });
}

/**
 * Statements of one account one after the other (statementRuns, "consecutive"), said in one step,
 * and the period they cover together: from the first one's period to the last one's, each as the
 * page its opening balance is on states it (a file's first period alone would leave the later
 * statements' rows outside it). Undefined unless each states a period after the one before (one
 * statement's pages, each with its balances, under one period).
 */
function consecutiveStatements(runs: readonly BalanceRun[], pages: readonly PdfPage[], order: DateOrder): { explanation: Explanation; period: { from: string; to: string; text: string } } | undefined {
  const periods = runs.map((r) => findPeriod(pages.find((p) => p.number === r.opening.page)?.lines.map((l) => l.text) ?? [], order));
  // (Each page's balances of one statement, under its one period, are no statements of their own.)
  if (!periods.every((p, i) => p && (i === 0 || p.from > periods[i - 1]!.to))) return undefined;
  const each = runs.map((r, i) => `${describeRun(r)} (${periods[i]!.from} to ${periods[i]!.to})`);
  return {
    explanation: {
      step: "statements",
      decision: `${runs.length} statements of one account, one after the other, read as one`,
      evidence: `each opens with the balance the one before it closed with: ${listInWords(each)}`,
    },
    period: { from: periods[0]!.from, to: periods.at(-1)!.to, text: listInWords(periods.map((p) => p!.text)) },
  };
}

/** The longest a statement's period may be for its balance lines' dates to stand for it. */
const MAX_BALANCE_SPAN_DAYS = 400;

/**
 * The period that dated opening and closing balance lines enclose ("Alter Kontostand vom
 * 28.02.2026" … "Neuer Kontostand vom 31.03.2026"): what a statement that prints its rows'
 * dates without a year and states no period says about their years. Each line must carry
 * exactly one full date, the opening's no later than the closing's, a statement's span apart.
 */
function datedBalanceLines(balanceLines: readonly BalanceLine[], totalDrafts: number, order: DateOrder): { from: string; to: string; evidence: string } | undefined {
  const opening = openingLine(balanceLines);
  const closing = closingLine(balanceLines, totalDrafts);
  if (!opening || !closing || opening === closing) return undefined;
  const dateOf = (b: BalanceLine) => {
    const dates = fullDatesIn(b.text.split(" "), order);
    return dates.length === 1 ? dates[0]!.iso : undefined;
  };
  const from = dateOf(opening);
  const to = dateOf(closing);
  if (!from || !to || from > to || daysBetween(from, to) > MAX_BALANCE_SPAN_DAYS) return undefined;
  return { from, to, evidence: `page ${opening.page}, line ${opening.line}: "${opening.text}"; page ${closing.page}, line ${closing.line}: "${closing.text}"` };
}

function openingLine(balanceLines: readonly BalanceLine[]): BalanceLine | undefined {
  return balanceLines.find((b) => b.kind === "opening") ?? balanceLines.find((b) => b.kind === "positional" && b.rowsBefore === 0);
}

function closingLine(balanceLines: readonly BalanceLine[], totalDrafts: number): BalanceLine | undefined {
  let last = balanceLines.findLastIndex((b) => b.kind === "closing");
  // A later section of no rows of its own, after the read table's closing balance (a second
  // account: "Online Saver … Opening Balance 5,120.66 · No transactions this period · Closing
  // Balance 5,120.66", TSB): its opening and closing enclose no row, and its closing is not the
  // statement's. (The table's closing is the last one with rows before it.)
  while (last > 0) {
    const closing = balanceLines[last]!;
    const opening = balanceLines.findLastIndex((b, i) => i < last && b.kind === "opening");
    const earlier = opening > 0 ? balanceLines.findLastIndex((b, i) => i < opening && b.kind === "closing") : -1;
    if (earlier < 0 || closing.rowsBefore === 0 || balanceLines[opening]!.rowsBefore !== closing.rowsBefore || balanceLines[earlier]!.rowsBefore !== closing.rowsBefore) break;
    last = earlier;
  }
  return balanceLines[last] ?? balanceLines.findLast((b) => b.kind === "positional" && b.rowsBefore === totalDrafts && totalDrafts > 0);
}

/**
 * Whether a card statement signs its amounts from the cardholder's side, as German and Austrian
 * ones do ("41,51-" a charge, "612,40+" a payment), rather than from the issuer's (charges bare,
 * a payment "-500.00" or "500.00 CR": US and UK ones). Read the issuer's way, every charge of
 * the first kind is money in. Asked only when every amount of the amount column carries a plus
 * or a minus, some a minus: there the two readings mirror each other, and so do the balances
 * printed with the same signs — both readings add up — so the statement's own evidence decides,
 * in this order:
 *  - the rows that pay or credit the card ("Zahlung – Saldo vom … ausgeglichen", "Gutschrift",
 *    "PAYMENT - THANK YOU"), when they all carry the same sign: theirs is a payment's;
 *  - the balance arithmetic, when it holds one way only (balances printed without a sign);
 *  - the count: on a card statement charges outnumber payments and credits.
 * A card that marks only its credits, with a plus, is signed from the cardholder's side too
 * (plusMarksCredits).
 * Returns the evidence for the cardholder's side, or undefined (the issuer's, as before).
 */
function cardholderSigns(drafts: readonly Draft[], balanceLines: readonly BalanceLine[], ctx: Context): string | undefined {
  const rows: { draft: Draft; amount: PrintedAmount }[] = [];
  for (const draft of drafts) {
    // Debit and credit columns say the direction themselves.
    if (draft.money.some((m) => m.role === "debit" || m.role === "credit")) return undefined;
    const amount = read(draft.money.find((m) => m.role === "amount"), ctx);
    if (amount) rows.push({ draft, amount });
  }
  if (rows.length === 0) return undefined;
  const plusOnly = plusMarksCredits(rows);
  if (plusOnly !== null) return plusOnly;
  if (rows.some((r) => r.amount.mark !== "minus" && r.amount.mark !== "plus")) return undefined;
  const minus = rows.filter((r) => r.amount.mark === "minus").length;
  const plus = rows.length - minus;
  if (minus === 0) return undefined;

  const credits = rows.filter((r) => CARD_CREDIT_ROW.test(fold(r.draft.description.join(" "))));
  const creditMarks = new Set(credits.map((r) => r.amount.mark));
  if (creditMarks.size === 1) {
    if (!creditMarks.has("plus")) return undefined;
    return `the rows that pay or credit the card are marked plus (${credits.length}, e.g. "${credits[0]!.draft.description.join(" ")}"); ${minus} amounts are marked minus`;
  }

  const posted = rows.filter((r) => r.draft.date !== undefined && r.draft.status === "posted");
  const opening = openingLine(balanceLines);
  const closing = closingLine(balanceLines, drafts.length);
  if (opening && closing) {
    const addsUp = (rule: SignRule) =>
      signedByMark(opening.printed, rule)
        .add(Decimal.sum(posted.map((r) => signedByMark(r.amount, rule))))
        .eq(signedByMark(closing.printed, rule));
    const cardholder = addsUp("signed-card");
    if (cardholder !== addsUp("credit-card")) {
      return cardholder ? `"${opening.text.trim()}" and the rows add up to "${closing.text.trim()}" only with minus a charge` : undefined;
    }
  }
  return minus > plus ? `${minus} of ${rows.length} amounts are marked minus: on a card statement charges outnumber payments and credits` : undefined;
}

/**
 * A card statement that prints its charges bare and only its payments and refunds with a plus
 * ("+14.237,80": Yapı Kredi), no amount with a minus: there the plus marks a credit, as the
 * cardholder's side signs it, and the bare amounts are charges. Read the issuer's way, the plus
 * said nothing and every payment was a charge. Decided, as for signs on every row, by the rows
 * that pay or credit the card when they all carry the same mark (the plus, or none), else by the
 * count: charges outnumber payments and credits. Null when the amounts are not marked so (some
 * minus, or no plus); undefined when they are but the plus is a charge's.
 */
function plusMarksCredits(rows: readonly { draft: Draft; amount: PrintedAmount }[]): string | undefined | null {
  if (!rows.every((r) => r.amount.mark === "plus" || r.amount.mark === undefined)) return null;
  const plus = rows.filter((r) => r.amount.mark === "plus").length;
  const bare = rows.length - plus;
  if (plus === 0 || bare === 0) return null;
  const credits = rows.filter((r) => CARD_CREDIT_ROW.test(fold(r.draft.description.join(" "))));
  const creditMarks = new Set(credits.map((r) => r.amount.mark));
  if (creditMarks.size === 1) {
    if (!creditMarks.has("plus")) return undefined;
    return `the rows that pay or credit the card are marked plus (${credits.length}, e.g. "${credits[0]!.draft.description.join(" ")}"); the other ${bare} amounts are bare`;
  }
  return plus < bare ? `${plus} of ${rows.length} amounts are marked plus and none minus: on a card statement charges outnumber payments and credits` : undefined;
}

/**
 * A list of checks under a table of its own, without a description column ("Checks Cleared":
 * "Check # | Date | Amount", three across: SchoolsFirst), whose checks the account's table has
 * read as rows already ("03/04  Check 1041  958.90"): each check's number in such a row's
 * description, on the same day, for the same amount. Read as rows, every check would count twice.
 * Returns the list's rows and whether all or only some of them repeat rows; undefined when none do.
 */
function repeatedCheckList(
  drafts: readonly Draft[],
  layoutOf: WeakMap<Draft, TableLayout>,
  separator: DecimalSeparator,
): { drafts: Draft[]; repeats: "all" | "some"; evidence: string } | undefined {
  const magnitude = (d: Draft) => {
    const cell = d.money.find((m) => m.role !== "balance");
    return cell ? read(cell, { separator })?.magnitude : undefined;
  };
  const lists = new Map<TableLayout, Draft[]>();
  for (const d of drafts) {
    const layout = layoutOf.get(d);
    if (!layout || layout.columns.some((c) => c.role === "description")) continue;
    const list = lists.get(layout);
    if (list) list.push(d);
    else lists.set(layout, [d]);
  }
  // Several copies of the list's header (one per page, or side by side) are one list.
  const listDrafts = [...lists.values()].flat();
  if (listDrafts.length === 0) return undefined;
  const listed = new Set(listDrafts);
  const others = drafts.filter((d) => !listed.has(d));
  const repeating = listDrafts.filter((d) => {
    const number = /(?<!\d)\d{2,10}(?!\d)/.exec(d.description.join(" "))?.[0];
    const amount = magnitude(d);
    if (!number || !amount || !d.date) return false;
    const word = new RegExp(`(?<!\\d)${number}(?!\\d)`);
    return others.some((o) => sameDay(o.date, d.date!) && magnitude(o)?.eq(amount) && word.test(o.description.join(" ")));
  });
  if (repeating.length === 0) return undefined;
  const first = repeating[0]!;
  const evidence = `${repeating.length} of its ${listDrafts.length} checks repeat rows of the account's table by number, date and amount (e.g. "${first.lines[0]!.text.trim()}")`;
  return { drafts: listDrafts, repeats: repeating.length === listDrafts.length ? "all" : "some", evidence };
}

/** Whether two dates are one day (a date printed without its year matches one with it). */
function sameDay(a: DateParts | undefined, b: DateParts): boolean {
  return a !== undefined && a.day === b.day && a.month === b.month && (a.year === undefined || b.year === undefined || a.year === b.year);
}

/** Takes from a row the lines read after its amount's line (and their description). */
function takeLinesAfterAmount(draft: Draft | undefined): { lines: PdfLine[]; description: string[] } {
  const n = draft?.afterAmount ?? 0;
  if (!draft || n === 0) return { lines: [], description: [] };
  draft.afterAmount = undefined;
  return { lines: draft.lines.splice(-n), description: draft.description.splice(-n) };
}

function unreadDraft(draft: Draft): SkippedLine {
  return { sourceRow: draft.sourceRow, page: draft.page, reason: "not-a-transaction", text: draft.lines.map((l) => l.text).join(" ") };
}

/** Whether a text holds a date and an amount, each a word of its own. */
function holdsDateAndAmount(text: string, order: DateOrder): boolean {
  const words = text.split(/\s+/);
  return words.some((w) => looksLikeMoney(w)) && words.some((w) => parseDateParts(w, order) !== null);
}

/** A line whose last word is a label with money glued to its end ("CREDITS$9,190.10CR"). */
function endsInGluedMoney(line: PdfLine): boolean {
  const last = line.words.at(-1)?.text ?? "";
  const glued = /^\p{L}{2,}([-(]?\p{Sc}?\d.*)$/u.exec(last);
  return glued !== null && isMoneyText(glued[1]!);
}

function lineHasAmountLike(text: string): boolean {
  return text.split(/\s+/).some((w) => looksLikeMoney(w) || looksLikeUnknownNumber(w));
}

/** A line that prints money (not zero, not a date) among its words. */
function printsAmount(text: string): boolean {
  return text.split(/\s+/).some((w) => looksLikeMoney(w) && /[1-9]/.test(w) && !looksLikeDate(w));
}

/** A line with an amount-like word that is not zero ("0,00", "-0.00" are zero). */
function lineHasNonZeroAmountLike(text: string): boolean {
  return text.split(/\s+/).some((w) => (looksLikeMoney(w) || looksLikeUnknownNumber(w)) && /[1-9]/.test(w));
}

function toIso(parts: DateParts, source: YearSource | undefined): string | null {
  if (parts.year !== undefined) return isoDate(parts.year, parts.month, parts.day);
  return source ? resolveYear(parts, source) : null;
}

/**
 * A full date printed above the first table: the statement's date, named so, when it prints one
 * ("Statement Date : 31 Mar 2026", "Closing Date: 12/12/2025"; the latest such), otherwise the
 * latest date there (a payment's due date, a date of printing), if any.
 */
function anchorDate(pages: readonly PdfPage[], headers: Map<number, HeaderAt[]>, order: DateOrder): { iso: string; text: string; statementDate: boolean } | undefined {
  const [pageNumber, [first]] = [...headers.entries()][0];
  const page = pages.find((p) => p.number === pageNumber)!;
  let latest: { iso: string; text: string; statementDate: boolean } | undefined;
  let named: typeof latest;
  // A statement is not dated ahead of today: a "date" there is another number shaped like one
  // (Nationwide's sort code 07-04-36, read as 7 April 2036, put every row ten years ahead).
  const today = new Date().toISOString().slice(0, 10);
  for (const line of page.lines.slice(0, first.index)) {
    const words = line.words.map((w) => w.text);
    for (const d of fullDatesIn(words, order)) {
      if (d.iso > today) continue;
      if (!latest || d.iso > latest.iso) latest = { iso: d.iso, text: line.text.trim(), statementDate: false };
      // The words right before the date name it ("… Statement Date :").
      if (STATEMENT_DATE_LABEL.test(fold(words.slice(0, d.start).join(" "))) && (!named || d.iso > named.iso)) named = { iso: d.iso, text: line.text.trim(), statementDate: true };
    }
  }
  return named ?? latest;
}

/** How many days before its statement date a statement's rows may lie (a quarter's, and some). */
const STATEMENT_SPAN_DAYS = 100;

/**
 * How many posted rows, dated by the statement date, fall outside the span a statement covers up
 * to its date (STATEMENT_SPAN_DAYS before it, PERIOD_SLACK_DAYS after): a date named as the
 * statement's that opens its period instead ("Statement date 01 Mar" over March's rows) leaves
 * rows eleven months back, or after it.
 */
function rowsOutsideStatementSpan(drafts: readonly Draft[], source: YearSource & { kind: "anchor" }): number {
  let outside = 0;
  for (const draft of drafts) {
    if (draft.status !== "posted" || !draft.date) continue;
    const iso = toIso(draft.date, source);
    if (!iso) continue;
    const before = daysBetween(iso, source.date);
    if (before > STATEMENT_SPAN_DAYS || before < -PERIOD_SLACK_DAYS) outside++;
  }
  return outside;
}

/**
 * The running balance in a column named as an amount, right of a table's in and out columns
 * ("Description | Incoming | Outgoing | Amount", each row's figure there the balance after it):
 * read as the balance only when, on every row, one figure stands there right of the row's in or
 * out amount, no balance is read, and the figures chain with the amounts row after row (each the
 * one before plus the row's amount, or, listed newest first, minus the amount above). Anything
 * else the column may hold (the amount in another currency) does not chain.
 */
function unnamedBalanceColumn(drafts: readonly Draft[], ctx: Context): number | undefined {
  const posted = drafts.filter((d) => d.status === "posted");
  if (posted.length < 3) return undefined;
  const cells: { draft: Draft; cell: MoneyCell; amount: Decimal; balance: Decimal }[] = [];
  for (const draft of posted) {
    const amounts = draft.money.filter((m) => m.role === "amount");
    const sides = draft.money.filter((m) => m.role === "debit" || m.role === "credit");
    if (draft.balance || amounts.length !== 1 || sides.length === 0 || sides.some((m) => m.x1 >= amounts[0]!.x0)) return undefined;
    const amount = draftAmount(draft, ctx);
    const balance = read(amounts[0], ctx);
    if (!amount || !balance) return undefined;
    cells.push({ draft, cell: amounts[0]!, amount: amount.value, balance: signedByMark(balance, ctx.rule) });
  }
  const oldestFirst = cells.every((c, i) => i === 0 || c.balance.sub(cells[i - 1]!.balance).eq(c.amount));
  const newestFirst = cells.every((c, i) => i === 0 || cells[i - 1]!.balance.sub(c.balance).eq(cells[i - 1]!.amount));
  if (!oldestFirst && !newestFirst) return undefined;
  for (const { draft, cell } of cells) {
    draft.balance = cell;
    draft.money = draft.money.filter((m) => m !== cell);
  }
  return cells.length;
}

interface DraftAmount {
  value: Decimal;
  /** Printed without any direction in a single amount column of a bank statement. */
  unsigned: boolean;
  /** The direction mark printed with it in a single amount column, if any. */
  mark?: AmountMark;
}

function draftAmount(draft: Draft, ctx: Context): DraftAmount | null {
  // (Every cell of a side: a row may print a fee beside its withdrawal, "Frais | Retrait", both money out.)
  const debits = draft.money.filter((m) => m.role === "debit").map((m) => read(m, ctx));
  const credits = draft.money.filter((m) => m.role === "credit").map((m) => read(m, ctx));
  if (debits.some((a) => a !== null) || credits.some((a) => a !== null)) {
    // Separate columns say the direction themselves; a sign inside them only repeats it.
    let value = Decimal.ZERO;
    for (const debit of debits) if (debit) value = value.sub(debit.magnitude);
    for (const credit of credits) if (credit) value = value.add(credit.magnitude);
    return { value, unsigned: false };
  }
  const amount = read(draft.money.find((m) => m.role === "amount"), ctx);
  if (!amount) return null;
  // Under a section heading that gives the direction, an amount printed without one takes it
  // (a printed sign still wins: it says more than the heading).
  if (draft.section && amount.mark === undefined && ctx.rule === "bank") {
    return { value: draft.section === "out" ? amount.magnitude.neg() : amount.magnitude, unsigned: false };
  }
  return { value: signedByMark(amount, ctx.rule), unsigned: amount.mark === undefined && ctx.rule === "bank", ...(amount.mark ? { mark: amount.mark } : {}) };
}

const MONEY_IN_MARKS: ReadonlySet<AmountMark> = new Set(["credit", "plus"]);

/**
 * A bank statement whose amount column marks money in only ("1 250.00 Cr", "+80.00") and
 * prints the rest bare (South African banks): the bare amounts are the other direction, money
 * out. Read as bank signs they would all be money in — every debit silently positive.
 */
function onlyMoneyInMarked(marks: ReadonlySet<AmountMark>, unsignedCount: number, ctx: Context): boolean {
  return ctx.rule === "bank" && unsignedCount > 0 && marks.size > 0 && [...marks].every((m) => MONEY_IN_MARKS.has(m));
}

/**
 * Signs the unmarked amounts of a statement that marks money in only as money out, and checks
 * them against the running balance where there is one: a row whose balance went up by its
 * amount was money in after all (the balance is the statement's own arithmetic), which the
 * marks did not say — a warning, and low confidence.
 */
function signUnmarkedAsMoneyOut(
  rows: StatementRow[],
  unsigned: { row: StatementRow; magnitude: Decimal }[],
  marks: ReadonlySet<AmountMark>,
  opening: Decimal | undefined,
  explain: Explanation[],
  warnings: string[],
  doubts: string[],
): void {
  const unmarked = new Set(unsigned.map((u) => u.row));
  for (const { row, magnitude } of unsigned) row.amount = magnitude.neg();
  let confirmed = 0;
  let contradicted = 0;
  let previous = opening;
  for (const row of rows) {
    if (unmarked.has(row) && previous !== undefined && row.balance !== undefined) {
      const delta = row.balance.sub(previous);
      if (delta.eq(row.amount)) confirmed++;
      else if (delta.eq(row.amount.neg())) {
        row.amount = row.amount.neg();
        contradicted++;
      }
    }
    previous = row.balance;
  }
  const printedMarks = [...marks].map((m) => (m === "credit" ? "CR" : "plus")).join(" or ");
  const unmarkedPosted = rows.filter((r) => unmarked.has(r)).length;
  const check =
    contradicted > 0
      ? `; the running balance went up by ${contradicted} of them, which were read as money in`
      : confirmed > 0
        ? `; the running balance confirms ${confirmed === unmarkedPosted ? "every one" : `${confirmed} of ${unmarkedPosted}`}`
        : "";
  explain.push({
    step: "amount direction",
    decision: "unmarked amounts are money out",
    evidence: `amounts marked ${printedMarks} (money in), none marked as money out; ${unsigned.length} printed without a mark${check}`,
  });
  if (contradicted > 0) {
    warnings.push(
      `the statement marks money in (${printedMarks}) and leaves money out unmarked, but the running balance went up by ${contradicted} unmarked amount${contradicted === 1 ? "" : "s"}; those were read as money in — check the direction`,
    );
    doubts.push("sign");
  }
}

/**
 * Bank statements with one amount column and no sign anywhere (direction shown only by the
 * running balance): the balance says which way each row went. Without balances the amounts
 * stay as printed and the statement is flagged for review.
 */
function resolveUnsignedAmounts(
  rows: StatementRow[],
  unsigned: { row: StatementRow; magnitude: Decimal }[],
  opening: Decimal | undefined,
  explain: Explanation[],
  warnings: string[],
  doubts: string[],
  ctx: Context,
): void {
  if (unsigned.length === 0 || unsigned.length < rows.length || ctx.rule !== "bank") return;
  const hasBalances = rows.every((r) => r.balance !== undefined);
  if (!hasBalances) {
    warnings.push("every amount is printed without a sign and there is no balance column; all were read as money in — check the direction");
    doubts.push("sign");
    return;
  }
  let previous = opening;
  const signs: (1 | -1 | 0)[] = [];
  for (const row of rows) {
    const delta = previous === undefined ? undefined : row.balance!.sub(previous);
    signs.push(delta === undefined ? 0 : delta.eq(row.amount.abs()) ? 1 : delta.eq(row.amount.abs().neg()) ? -1 : 0);
    previous = row.balance;
  }
  // The first row has no balance before it when there is no opening: it follows the balance
  // chain backwards only if every other row fitted.
  if (signs[0] === 0 && signs.slice(1).every((s) => s !== 0)) signs[0] = 1;
  if (signs.some((s) => s === 0)) {
    warnings.push("every amount is printed without a sign and the running balance does not tell the direction of every row; all were read as money in — check the direction");
    doubts.push("sign");
    return;
  }
  rows.forEach((row, i) => {
    if (signs[i] === -1) row.amount = row.amount.abs().neg();
  });
  explain.push({ step: "amount direction", decision: "from the running balance", evidence: `${rows.length} amounts printed without a sign; each matches the change in the balance column` });
}

function signRuleDecision(layouts: readonly TableLayout[], rule: SignRule): string {
  const roles = new Set(layouts.flatMap((l) => l.columns.map((c) => c.role)));
  if (roles.has("debit") || roles.has("credit")) return "debit column negative, credit column positive";
  if (rule === "signed-card") return "credit card signed from the cardholder's side: minus or no sign (charges) negative, plus (payments and credits) positive";
  return rule === "credit-card"
    ? "credit card: charges negative, payments and credits (CR or minus) positive"
    : "signed amount column (minus, parentheses, DR, DB or S negative)";
}

/** A figure: money, a number, a percentage ("19,808.20", "12", "0.10%"). */
const FIGURE = /^[(+-]?[$£€]?\d[\d.,'’]*%?\)?-?$/;

/** Words of figures alone, one of them money: a box's values, no description. */
function figuresAlone(words: readonly PdfWord[]): boolean {
  return words.length > 0 && words.every((w) => FIGURE.test(w.text)) && words.some((w) => looksLikeMoney(w.text));
}

/** Oldest first, as the rest of Cashline expects; statements printed newest first are reversed. */
function chronological(rows: StatementRow[], explain: Explanation[]): StatementRow[] {
  if (rows.length < 2) return rows;
  const ascending = rows.every((r, i) => i === 0 || r.date >= rows[i - 1].date);
  const descending = rows.every((r, i) => i === 0 || r.date <= rows[i - 1].date);
  if (descending && !ascending) {
    explain.push({ step: "row order", decision: "reversed", evidence: "the statement lists the newest transaction first" });
    return [...rows].reverse();
  }
  return rows;
}

/** The balance proof (balance.ts) of the rows, oldest first, between the balances read. */
function balanceProof(rows: readonly StatementRow[], opening: Decimal | undefined, closing: Decimal | undefined): BalanceProof {
  const checker = new BalanceChainChecker("ascending");
  for (const row of rows) checker.add(row);
  return checker.result({ opening, closing });
}

/**
 * Balances the rows imply when no balance line states them: the opening, the first balance
 * printed less the rows up to it; the closing, the last row's own balance. A closing worked out
 * by adding rows printed after the last balance would be a figure the statement never states —
 * and wrong whenever those rows are not in the balance (pending or reverted items read as rows).
 */
function impliedBalances(rows: readonly StatementRow[]): { openingBalance?: Decimal; closingBalance?: Decimal } {
  const first = rows.findIndex((r) => r.balance !== undefined);
  if (first < 0) return {};
  const before = Decimal.sum(rows.slice(0, first + 1).map((r) => r.amount));
  const closing = rows.at(-1)!.balance;
  return { openingBalance: rows[first].balance!.sub(before), ...(closing ? { closingBalance: closing } : {}) };
}

/** A page number or continuation note; a bare "N/M" only when N is no more than M ("2/3", not "315/26"). */
function isPageFurniture(folded: string): boolean {
  if (!PAGE_FURNITURE.test(folded)) return false;
  const bare = /^(\d+)\s*\/\s*(\d+)$/.exec(folded.trim());
  return !bare || (Number(bare[1]) >= 1 && Number(bare[1]) <= Number(bare[2]));
}
