/**
 * Amounts as statement PDFs print them. Unlike a CSV cell, a PDF cell is found by position,
 * so the first question is "is this text money at all?" — a reference number, a year or a
 * card suffix must not become an amount. Money here has exactly two decimals (what every
 * bank prints for two-decimal currencies), optional grouping, and optional marks that say its
 * direction: a sign, parentheses, CR/DR (or DB), the German S (Soll) / H (Haben), or the Dutch
 * Af (money out) / Bij (money in). A statement in a currency of three decimals (dinars, rials)
 * has its three read too, once the reader has found it prints them (three-decimals.ts).
 */
import type { DecimalSeparator } from "../amount.ts";
import { Decimal } from "../money.ts";
import { forgetStatementTexts, textMemo } from "./text-memo.ts";
import { COMMON_CURRENCIES } from "./vocabulary.ts";
import { endMark } from "../text.ts";

/** How the printed amount says its direction, if it does. */
export type AmountMark = "minus" | "plus" | "credit" | "debit";

export interface PrintedAmount {
  /** The number without its sign (never negative). */
  magnitude: Decimal;
  mark?: AmountMark;
  /** ISO code when printed with the amount (symbols only for unambiguous ones: £, €, ¥). */
  currency?: string;
}

const SPACES = /[\u00a0\u2007\u202f]/g;
const MINUS = /[\u2212\u2012\u2013\u2014]/g;
const SYMBOL_CURRENCY: Record<string, string | undefined> = {
  "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW", $: undefined, US$: "USD", "CA$": "CAD", A$: "AUD", "C$": "CAD",
  // Printed after the amount, and each says one currency: koruna, złoty, forint, yen, Turkish lira, won.
  Kč: "CZK", zł: "PLN", Ft: "HUF", 円: "JPY", TL: "TRY", "₺": "TRY", 원: "KRW",
  // Before the amount: Brazil's real, Peru's sol (S/. before 2015).
  R$: "BRL", "S/": "PEN", "S/.": "PEN",
  // The ringgit's mark, as a statement names its currency ("Mata Wang / Currency : RM": Public
  // Bank); not read beside an amount (LEADING_CURRENCY), where "RM" may be any two capitals.
  RM: "MYR",
  // Paraguay's guaraní: its sign, and "Gs." as Paraguayan banks print it before or after an amount
  // ("Gs. 446.000") and name the currency ("Moneda: Gs."; read there in capitals).
  "₲": "PYG", Gs: "PYG", "Gs.": "PYG", GS: "PYG", "GS.": "PYG",
  // The dong's sign, after the amount ("1.250.000 ₫"), and the rupiah's, before it ("Rp 1.250.000").
  "₫": "VND", Rp: "IDR", "Rp.": "IDR",
  // Signs that each say one currency, after the amount or before it: the tenge ("- 5 949,00 ₸":
  // Kaspi), the tögrög ("2,981,682.50 ₮": Khan Bank), the lari, the manat, the hryvnia, the rouble.
  "₸": "KZT", "₮": "MNT", "₾": "GEL", "₼": "AZN", "₴": "UAH", "₽": "RUB",
  // The baht: its sign, and its name as a Thai statement prints it under a column's name ("(บาท)").
  "฿": "THB", บาท: "THB",
  // The colón before the amount ("₡14,288.00", "₡185,000.00-": BAC Credomatic), and the naira,
  // the peso of the Philippines, the cedi and the kip, each one currency's sign.
  "₡": "CRC", "₦": "NGN", "₱": "PHP", "₵": "GHS", "₭": "LAK",
  // A currency named in a word after the amount ("Alter Saldo 5.877,44 Euro": ING Deutschland;
  // "1.500,00 Euros"), only by words that say one currency (CURRENCY_WORD).
  Euro: "EUR", Euros: "EUR", EURO: "EUR", EUROS: "EUR", euro: "EUR", euros: "EUR",
  Franken: "CHF", Forint: "HUF", forint: "HUF", złotych: "PLN",
};
// "R" glued to the amount or a space before it ("R5 517.53", "R 5 517.53", "-R10.00"): the rand, as
// South African banks print every amount. Only before a digit: an "R" alone is no currency.
const LEADING_CURRENCY = /^(?:US\$|CA\$|A\$|C\$|R\$|S\/\.?|[$£€¥₩₺₲₫₸₮₾₼₴₽₡₦₱₵₭]|R(?= ?\d)|(?:Gs|Rp)\.?(?= ?\d)|[A-Z]{3}(?=[\s\d(+-]))\s*/;
/** A mark that says a currency only before an amount (not in a sentence or a column's name). */
const LEADING_ONLY: Record<string, string> = { R: "ZAR" };
// Both found with endMark (the whitespace before them measured apart: linear time).
// (A currency's word only a space after the amount: "2.984,56 Euro", never glued to a word's letters.)
const CURRENCY_WORD = "Euros?|EUROS?|euros?|Franken|[Ff]orint|złotych";
const TRAILING_CURRENCY = new RegExp(`(?:[$£€¥円₺원₲₫₸₮₾₼₴₽₡₦₱₵₭]|(?<=[\\d\\s)+-])(?:[A-Z]{3}|Kč|zł|Ft|TL|Gs\\.?)|(?<=\\d\\s)(?:${CURRENCY_WORD}))$`);
/** Money whose currency is named in a word after it ("2.984,56 Euro"): a balance's, or a foreign
 *  spend's noted in a row's text ("473.90 EURO 1.160400 Exchange Rate"), which says nothing of the
 *  statement's own currency. */
export const NAMED_IN_A_WORD = new RegExp(`\\d\\s+(?:${CURRENCY_WORD})$`);
// "OD": overdrawn, as UK banks print a balance below zero; "DB", debet, as Indonesian banks print a
// debit after its amount ("2,250,000.00 DB": BCA, whose credits are bare).
// The same marks in brackets, glued to the amount or a space apart ("5,09,496.47(Cr)", "1,84,250.50 (Dr)":
// Kotak's balances), as Indian banks print a balance's side.
// Dutch "Af" (off: money out) and "Bij" (on: money in) after the amount, as CR and DR ("91,34 Af": ICS).
// A balance's side in words after it, as French statements print it ("1 520,182 CREDITEUR",
// "84,10 Débiteur": BIAT) and Spanish ones ("acreedor", "deudor"): CR and DR.
const TRAILING_MARK = /(?<![A-Za-z])(?:(CR|DR|DB|Cr|Dr|Db|cr|dr|OD|S|H|Af|AF|Bij|BIJ)\.?|\((CR|DR|DB|Cr|Dr|Db|cr|dr)\)|(CR[EÉ]DITEUR|Cr[ée]diteur|cr[ée]diteur|D[EÉ]BITEUR|D[ée]biteur|d[ée]biteur|ACREEDOR|Acreedor|acreedor|DEUDOR|Deudor|deudor))$/;
/** The words of TRAILING_MARK that say a credit (the rest say a debit). */
const CREDIT_MARK = /^(?:CR|H|BIJ|CR[EÉ]DITEUR|ACREEDOR)$/;
/** Money's number: grouped or not, exactly two decimals, either decimal separator. */
const MONEY_CORE = /^(?:\d{1,3}(?:([.,'’ ])\d{3})*|\d{1,2}(?:,\d{2})+,\d{3}(?=\.)|\d+)([.,])\d{2}$/;
/** The same with two or three decimals, in a statement of three ("49.177", "1,714.813", "0.500"). */
const MONEY_CORE_3 = /^(?:\d{1,3}(?:([.,'’ ])\d{3})*|\d{1,2}(?:,\d{2})+,\d{3}(?=\.)|\d+)([.,])\d{2,3}$/;

/**
 * How many decimals the statement being read prints its money with: two, or three where its
 * currency has three (Jordanian, Kuwaiti, Bahraini, Tunisian, Libyan, Iraqi dinars, Omani rials:
 * "49.177", "1,714.813"). "49.177" is also a whole number grouped in thousands, so three are read
 * only in a statement found to print them (three-decimals.ts), never by default. One statement's
 * setting, as the memos are one statement's: the reader sets it as it starts and as it finds
 * three decimals, and sets it back when done.
 */
let statementDecimals: 2 | 3 = 2;

/** Reads money with `decimals` decimals from now on (what was read with the others forgotten). */
export function readMoneyWithDecimals(decimals: 2 | 3): void {
  if (decimals === statementDecimals) return;
  statementDecimals = decimals;
  forgetStatementTexts();
}

/** The ISO code a currency mark says: a symbol ("€", "TL") or a code ("EUR"). */
export function currencyOf(token: string): string | undefined {
  const t = token.trim();
  return t in SYMBOL_CURRENCY ? SYMBOL_CURRENCY[t] : /^[A-Z]{3}$/.test(t) ? t : undefined;
}

interface Peeled {
  core: string;
  mark?: AmountMark;
  currency?: string;
  /** The currency's mark as printed ("$", "₡", "USD"), also where it names no one currency. */
  currencyMark?: string;
  marks: number;
}

/** Only real currency codes: "INV 12.00" is a reference, not an amount in INV. */
function isCurrencyMark(m: RegExpExecArray): boolean {
  const t = m[0].trim();
  return !/^[A-Z]{3}$/.test(t) || COMMON_CURRENCIES.has(t);
}

/** Cheap test before the real one: money ends in a decimal separator and two digits (or three,
 *  in a statement of three), possibly followed by a mark or currency (most words on a page are not money). */
const MAYBE_MONEY = /\d[.,]\d\d(?![\d.,])/;
const MAYBE_MONEY_3 = /\d[.,]\d\d\d?(?![\d.,])/;

/** False when no end of `text` (a suffix of it) can be money: the cheap test finds nothing. */
export function mayEndInMoney(text: string): boolean {
  return (statementDecimals === 3 ? MAYBE_MONEY_3 : MAYBE_MONEY).test(text);
}

/** Takes signs, parentheses, CR/DR/S/H and currency off both ends; counts the direction marks. */
function peel(text: string): Peeled | null {
  let s = text.replace(SPACES, " ").replace(MINUS, "-").trim();
  let mark: AmountMark | undefined;
  let marks = 0;
  let currency: string | undefined;
  let currencyMark: string | undefined;
  for (let guard = 0; guard < 6; guard++) {
    const before = s;
    const trailing = endMark(s, TRAILING_MARK);
    if (trailing && trailing.start > 0) {
      const code = (trailing.match[1] ?? trailing.match[2] ?? trailing.match[3])!.toUpperCase();
      mark = CREDIT_MARK.test(code) ? "credit" : "debit";
      marks++;
      s = s.slice(0, trailing.start);
    } else if (s.startsWith("(") && s.endsWith(")")) {
      mark = "minus";
      marks++;
      s = s.slice(1, -1);
    } else if (s.startsWith("-") || s.endsWith("-")) {
      mark = "minus";
      marks++;
      s = s.startsWith("-") ? s.slice(1) : s.slice(0, -1);
    } else if (s.startsWith("+") || s.endsWith("+")) {
      mark = "plus";
      marks++;
      s = s.startsWith("+") ? s.slice(1) : s.slice(0, -1);
    } else {
      const lead = LEADING_CURRENCY.exec(s);
      const trail = endMark(s, TRAILING_CURRENCY);
      if (lead && isCurrencyMark(lead)) {
        currency ??= LEADING_ONLY[lead[0].trim()] ?? currencyOf(lead[0]);
        currencyMark ??= lead[0].trim();
        s = s.slice(lead[0].length);
      } else if (trail && isCurrencyMark(trail.match)) {
        currency ??= currencyOf(trail.match[0]);
        currencyMark ??= trail.match[0].trim();
        s = s.slice(0, trail.start);
      }
    }
    s = s.trim();
    if (s === before) break;
  }
  return { core: s, mark, currency, ...(currencyMark ? { currencyMark } : {}), marks };
}

/**
 * The currency a money text is printed with, as the code it names ("₡469,067.92": CRC) or its mark
 * as printed where it names none ("$0.00": "$"); undefined for a bare amount. (Which figure of a
 * line of one per currency is which: "Saldo anterior ₡231,475.40 $0.00".)
 */
export function printedCurrency(text: string): string | undefined {
  const peeled = peel(text);
  return peeled ? (peeled.currency ?? peeled.currencyMark) : undefined;
}

// A statement is read through its texts several times (finding the table, the decimal
// separator, cutting cells, reading rows): each money-shaped text is worked out once.
interface Money {
  separator: DecimalSeparator;
  amount: Readonly<PrintedAmount>;
}
const money = textMemo<Readonly<Money> | null>();

function moneyOf(text: string): Readonly<Money> | null {
  if (!mayEndInMoney(text)) return null;
  const known = money.get(text);
  return known !== undefined ? known : money.set(text, readMoney(text));
}

function readMoney(text: string): Readonly<Money> | null {
  const peeled = peel(text);
  if (!peeled || peeled.marks > 1) return null;
  const m = (statementDecimals === 3 ? MONEY_CORE_3 : MONEY_CORE).exec(peeled.core);
  if (!m) return null;
  const separator = m[2] as DecimalSeparator;
  // Grouping with the decimal character itself (`1.234.56`) is not a number.
  if (m[1] !== undefined && m[1] === separator) return null;
  // MONEY_CORE has checked the core's shape (digit groups, then the separator and two
  // decimals, or three), so its value is its digits: no general amount reader needed.
  const { core } = peeled;
  const decimals = core.length - core.lastIndexOf(separator) - 1;
  const magnitude = Decimal.parse(`${core.slice(0, -decimals - 1).replace(/\D/g, "")}.${core.slice(-decimals)}`);
  const amount = Object.freeze({ magnitude, ...(peeled.mark ? { mark: peeled.mark } : {}), ...(peeled.currency ? { currency: peeled.currency } : {}) });
  return Object.freeze({ separator, amount });
}

/** A whole number as a statement in whole units prints its amounts (whole-units.ts). */
export interface WholeNumber {
  /** The character grouping its thousands, when they are grouped. */
  grouping?: string;
  currency?: string;
}

/** Grouped in thousands by one character throughout, or not grouped. */
const WHOLE_CORE = /^(?:\d{1,3}([.,'’ ])\d{3}(?:\1\d{3})*|\d{1,15})$/;

/**
 * A text that would be money if its currency had no minor units: "-12 500", "245 300 HUF",
 * "¥1,234", "(600)". Null for anything else (a date, a reference with letters, a fraction).
 * Said of a text alone; whether a whole number is an amount is decided by where it stands.
 */
export function readWholeNumber(text: string): WholeNumber | null {
  if (!/\d/.test(text)) return null;
  const peeled = peel(text);
  if (!peeled || peeled.marks > 1) return null;
  const m = WHOLE_CORE.exec(peeled.core);
  if (!m) return null;
  return { ...(m[1] !== undefined ? { grouping: m[1] } : {}), ...(peeled.currency ? { currency: peeled.currency } : {}) };
}

/** A number with three decimals, as a statement in dinars or rials prints its amounts. */
export interface ThreeDecimalNumber {
  separator: DecimalSeparator;
  /**
   * It cannot be a whole number grouped in thousands: grouped with the other character
   * ("1,714.813"), or its whole part is none a grouping starts with ("0.500", "1714.813").
   */
  unambiguous: boolean;
  currency?: string;
}

/** Grouped or not (the whole part, its grouping character), then the decimal separator and three decimals. */
const THREE_DECIMAL_CORE = /^((?:\d{1,3}(?:([.,'’ ])\d{3})*|\d+))([.,])\d{3}$/;

/**
 * A text that would be money if its currency had three decimals: "49.177", "1,714.813",
 * "-0.500", "KWD 12.250". Null for anything else. Said of a text alone, with no regard to the
 * statement: whether such numbers are amounts is decided by the statement (three-decimals.ts).
 */
export function readThreeDecimalNumber(text: string): ThreeDecimalNumber | null {
  if (!/\d[.,]\d{3}/.test(text)) return null;
  const peeled = peel(text);
  if (!peeled || peeled.marks > 1) return null;
  const m = THREE_DECIMAL_CORE.exec(peeled.core);
  if (!m || (m[2] !== undefined && m[2] === m[3])) return null;
  const whole = m[1]!;
  const unambiguous = m[2] !== undefined || whole.startsWith("0") || whole.length > 3;
  return { separator: m[3] as DecimalSeparator, unambiguous, ...(peeled.currency ? { currency: peeled.currency } : {}) };
}

/** The decimal separator a money-shaped text uses, or undefined when it is not money. */
export function moneySeparator(text: string): DecimalSeparator | undefined {
  return moneyOf(text)?.separator;
}

export function looksLikeMoney(text: string): boolean {
  return moneySeparator(text) !== undefined;
}

/**
 * A grouped number with two decimals in a grouping `looksLikeMoney` does not know (`1.23.456,00`,
 * an unusual separator character): never read as an amount, but a line holding one is worth a
 * warning — a row of the table may have been missed. Dates (`05.03.24`: grouped with the decimal
 * character itself) are not such numbers.
 */
export function looksLikeUnknownNumber(text: string): boolean {
  const m = /^[(+-]?[^\d\s]{0,3}?(\d{1,3}(?:([^\d\s/:-])\d{2,3})+)([.,])\d{2}\)?-?$/.exec(text);
  return m !== null && m[2] !== m[3] && !looksLikeMoney(text);
}

/** Reads a printed amount in the document's decimal convention; null when it is not money. */
export function readPrintedAmount(text: string, decimalSeparator: DecimalSeparator): Readonly<PrintedAmount> | null {
  const read = moneyOf(text);
  return read !== null && read.separator === decimalSeparator ? read.amount : null;
}

/**
 * "1.234,56 D", "987,65 C": money followed by a single letter, D (débito) or C (crédito), as
 * Brazilian statements print every amount and balance. A letter alone says nothing anywhere
 * else (a "C" after a number may be a grade, a class, a column), so only a cell of a money
 * column is read this way (table.ts); elsewhere such text is not money. Returns the money
 * without its letter, and the letter's direction.
 */
export function letterMarkedMoney(text: string): { money: string; mark: AmountMark } | null {
  const t = text.trim();
  const letter = t.at(-1);
  if (letter !== "D" && letter !== "C") return null;
  const number = t.slice(0, -1).trimEnd();
  const read = moneyOf(number);
  // "12,00- D" would say its direction twice.
  if (read === null || read.amount.mark !== undefined) return null;
  return { money: number, mark: letter === "D" ? "debit" : "credit" };
}

/** A lone D or C printed in its own cell right after an amount (see letterMarkedMoney). */
export function standaloneLetterMark(text: string): AmountMark | undefined {
  const t = text.trim();
  return t === "D" ? "debit" : t === "C" ? "credit" : undefined;
}

/** A lone direction mark printed in its own cell next to an amount ("CR", "S", "-", Dutch "Af" and "Bij", French "CREDITEUR"). */
export function standaloneMark(text: string): AmountMark | undefined {
  const t = text.trim().replace(/\.$/, "");
  if (/^(?:CR|Cr|H|Bij|BIJ|CR[EÉ]DITEUR|Cr[ée]diteur|ACREEDOR|Acreedor)$/.test(t)) return "credit";
  if (/^(?:DR|Dr|DB|Db|OD|S|Af|AF|D[EÉ]BITEUR|D[ée]biteur|DEUDOR|Deudor)$/.test(t)) return "debit";
  if (t === "-" || t === "\u2212") return "minus";
  if (t === "+") return "plus";
  return undefined;
}

/**
 * A day and month with a dot between them and nothing else ("02.03", "31.12"): an Austrian or
 * German statement's dates without a year, printed in a date and a value-date column on every
 * row, which are money-shaped too (2.03). They say nothing about the decimal separator.
 */
const DAY_DOT_MONTH = /^(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])$/;

/**
 * The decimal separator most money-shaped texts use (a statement uses one convention). Texts
 * that may be a day and a month do not vote, unless nothing else does (a statement of small
 * amounts such as 12.05 and 3.10 only).
 */
export function decideDecimalSeparator(texts: Iterable<string>): { separator: DecimalSeparator; dot: number; comma: number } {
  let dot = 0;
  let comma = 0;
  let dayDotMonth = 0;
  for (const t of texts) {
    const s = moneySeparator(t);
    if (s === ".") {
      if (DAY_DOT_MONTH.test(t)) dayDotMonth++;
      else dot++;
    } else if (s === ",") comma++;
  }
  if (dot === 0 && comma === 0) dot = dayDotMonth;
  return { separator: comma > dot ? "," : ".", dot, comma };
}
