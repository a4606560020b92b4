/**
 * Reading amounts as banks print them: `1,234.56`, `1.234,56`, `1 234,56`, `1'234.56`,
 * `-12.34`, `12.34-`, `(12.34)`, `$-25.00`, `-$7,971.39`, `£1,100.00`, `12.34 CR`.
 *
 * Pure and format-agnostic (CSV today, PDF and others later). The decimal separator is not
 * guessed per value — `1,234` is a thousand or one-and-a-bit depending on the file — so the
 * caller decides it for a whole column with `inferDecimalSeparator` and passes it in.
 */
import { Decimal } from "./money.ts";
import { endMark } from "./text.ts";

export type DecimalSeparator = "." | ",";

export interface AmountOptions {
  decimalSeparator: DecimalSeparator;
}

// Thin, no-break and narrow no-break spaces appear as grouping in French and Swiss exports.
const SPACES = /[\u00a0\u2007\u202f]/g;
// U+2212 MINUS SIGN and dashes that spreadsheets substitute for "-".
const MINUS_SIGNS = /[\u2212\u2012\u2013\u2014]/g;

// S/ (S/. before 2015) is Peru's sol. ￥ is the full-width ¥ of Japanese and Chinese text; 円, 元 and 원 are written after the
// number ("1,234円"), as are руб. and TL. Any sign of Unicode's Currency Symbols block (₠–₾: ₹ ₩ ₪ ₺ ₽ ₴ ₦ ₱ ₫,
// Kaspi's "- 3 500,00 ₸", ₾ lari, ₼ manat, ₮ tögrög, ₵ cedi, ₭ kip, ₡ colón, ₲ guaraní, ₨ rupee …; not ₿, no
// account's currency) and the signs outside it (֏ dram, ؋ afghani, ৳ taka, ៛ riel, ﷼ rial) is a mark of money,
// before or after the number, whether or not it names one currency (SYMBOL_CURRENCY).
const SIGN = "£€¥￥\u20a0-\u20be\u058f\u060b\u09f3\u17db\ufdfc";
const CURRENCY_SYMBOL = new RegExp(`^(?:[A-Z]{0,2}\\$|[${SIGN}]|zł|Kč|Ft|kr\\.?|Fr\\.|R\\$|S\\/\\.?)`);
const CURRENCY_SYMBOL_AT_END = new RegExp(`(?:[A-Z]{0,2}\\$|[${SIGN}]|zł|Kč|Ft|kr\\.?|Fr\\.|Lei|lei|円|元|원|руб\\.?|TL)$`);
/** Symbols that name one currency; `$` and `kr` alone do not (USD, CAD, AUD …; SEK, NOK, DKK). */
const SYMBOL_CURRENCY: Record<string, string> = {
  "£": "GBP", "€": "EUR", "₹": "INR", "₩": "KRW", "₪": "ILS", "₺": "TRY", "₽": "RUB", "₴": "UAH", "₦": "NGN",
  "₱": "PHP", "₫": "VND", "฿": "THB", "₸": "KZT", "₾": "GEL", "₼": "AZN", "₮": "MNT", "৳": "BDT", "₵": "GHS",
  "₭": "LAK", "₡": "CRC", "₲": "PYG", "֏": "AMD", "؋": "AFN", "៛": "KHR", "zł": "PLN", "Kč": "CZK", "Ft": "HUF", "Lei": "RON", "lei": "RON",
  US$: "USD", A$: "AUD", AU$: "AUD", C$: "CAD", CA$: "CAD", NZ$: "NZD", HK$: "HKD", S$: "SGD", R$: "BRL",
  // The dollars and pesos whose letters say whose: RD$ the Dominican peso, MX$ the Mexican, J$ the
  // Jamaican dollar, TT$ Trinidad and Tobago's, N$ Namibia's, BZ$ Belize's, EC$ the East Caribbean,
  // FJ$ Fiji's, CI$ the Cayman Islands', G$ Guyana's. Not B$ (Bahamas or Brunei) nor a bare $.
  RD$: "DOP", MX$: "MXN", J$: "JMD", TT$: "TTD", N$: "NAD", BZ$: "BZD", EC$: "XCD", FJ$: "FJD", CI$: "KYD", G$: "GYD",
  "Fr.": "CHF", "S/": "PEN", "S/.": "PEN", NT$: "TWD", 円: "JPY", 元: "CNY", 원: "KRW", руб: "RUB", "руб.": "RUB", TL: "TRY", Rp: "IDR",
};
/** Codes and names printed in place of the ISO code: "RMB", Russia's old "RUR", "人民币", "日本円", "新臺幣". */
const CODE_ALIASES: Record<string, string> = { RMB: "CNY", RUR: "RUB", YTL: "TRY", 人民币: "CNY", 日本円: "JPY", рубль: "RUB", 新臺幣: "TWD", 新台幣: "TWD" };

/** The ISO code a currency mark stands for — a symbol (€, 円, руб.), or a name or old code printed for one — or undefined. */
export function currencyCodeOf(mark: string): string | undefined {
  return SYMBOL_CURRENCY[mark] ?? CODE_ALIASES[mark];
}
const CURRENCY_CODE_AT_START = /^[A-Z]{3}(?=[\s\d.,(+\-$£€¥])/;
const CURRENCY_CODE_AT_END = /(?<=[\s\d.,)+\-])[A-Z]{3}$/;
// `12.34 CR`, `12.34DR`: the bank's way of signing without a minus (found with endMark).
const CREDIT_DEBIT_SUFFIX = /(?<![A-Za-z])(CR|DR)\.?$/i;

/** The direction a CR or DR written after an amount names ("8,500.00 CR": money in), if any. */
export function creditDebitMark(text: string): "credit" | "debit" | undefined {
  const m = CREDIT_DEBIT_SUFFIX.exec(text.trimEnd());
  return m ? (m[1]!.toUpperCase() === "DR" ? "debit" : "credit") : undefined;
}

/** Sign and currency marks peeled off an amount, and the bare number left inside. */
interface Peeled {
  core: string;
  negative: boolean;
  signMarks: number;
  currencyMarks: number;
  /** ISO code of the currency mark, when it names one. */
  currency?: string;
}

/**
 * Strips signs, parentheses, currency symbols/codes and CR/DR from both ends, in any order
 * (`-$7.00`, `$-7.00`, `($7.00)`, `7.00 USD-`), counting them so that contradictory input
 * such as `-(7.00)` or `-7.00 CR` can be rejected instead of guessed.
 */
function peel(text: string): Peeled {
  let s = text.replace(SPACES, " ").replace(MINUS_SIGNS, "-").trim();
  let negative = false;
  let signMarks = 0;
  let currencyMarks = 0;
  let currency: string | undefined;

  const crdr = endMark(s, CREDIT_DEBIT_SUFFIX);
  if (crdr && crdr.start > 0) {
    negative = crdr.match[1]!.toUpperCase() === "DR";
    signMarks++;
    s = s.slice(0, crdr.start).trim();
  }

  for (let changed = true; changed; ) {
    changed = false;
    const before = s;
    if (s.startsWith("(") && s.endsWith(")")) {
      negative = true;
      signMarks++;
      s = s.slice(1, -1);
    } else if (s.startsWith("-") || s.endsWith("-")) {
      negative = true;
      signMarks++;
      s = s.startsWith("-") ? s.slice(1) : s.slice(0, -1);
    } else if (s.startsWith("+") || s.endsWith("+")) {
      signMarks++;
      s = s.startsWith("+") ? s.slice(1) : s.slice(0, -1);
    } else {
      const symbol = CURRENCY_SYMBOL.exec(s) ?? CURRENCY_CODE_AT_START.exec(s);
      const symbolAtEnd = symbol ? null : (CURRENCY_SYMBOL_AT_END.exec(s) ?? CURRENCY_CODE_AT_END.exec(s));
      const mark = symbol ?? symbolAtEnd;
      if (mark) {
        currencyMarks++;
        currency = /^[A-Z]{3}$/.test(mark[0]) ? (CODE_ALIASES[mark[0]] ?? mark[0]) : SYMBOL_CURRENCY[mark[0]];
        s = symbol ? s.slice(mark[0].length) : s.slice(0, mark.index);
      }
    }
    s = s.trim();
    changed = s !== before;
  }
  return { core: s, negative, signMarks, currencyMarks, ...(currency ? { currency } : {}) };
}

const GROUPING: Record<DecimalSeparator, string> = { ".": ", '’", ",": ". '’" };

/**
 * The integer part, validated: plain digits, or 1–3 digits then groups of exactly three
 * separated by one consistent grouping character (so `12,3,4` is rejected, not read as 1234).
 */
function readIntegerPart(text: string, decimalSeparator: DecimalSeparator): string | null {
  if (/^\d*$/.test(text)) return text;
  const separator = [...GROUPING[decimalSeparator]].find((g) => text.includes(g));
  if (separator === undefined) return null;
  const groups = text.split(separator);
  // Indian lakh/crore grouping: 12,34,567 (twos, then the last three).
  if (separator === "," && groups.length > 2 && /^\d{1,2}$/.test(groups[0]) && groups.slice(1, -1).every((g) => /^\d{2}$/.test(g)) && /^\d{3}$/.test(groups.at(-1)!)) {
    return groups.join("");
  }
  if (!/^\d{1,3}$/.test(groups[0])) return null;
  if (!groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
  return groups.join("");
}

/**
 * `-1234.56`, `1234,56`, `42`: digits, at most one decimal separator, an optional leading
 * minus — most cells of most files. Read without regular expressions; undefined otherwise.
 */
function readPlain(text: string, decimalSeparator: DecimalSeparator): Decimal | undefined {
  const n = text.length;
  if (n === 0 || n > 30) return undefined;
  const sep = decimalSeparator.charCodeAt(0);
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return undefined;
  let point = -1;
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) continue;
    if (c === sep && point < 0 && j > i && j < n - 1) {
      point = j;
      continue;
    }
    return undefined;
  }
  const digits = point < 0 ? text.slice(i) : text.slice(i, point) + text.slice(point + 1);
  const units = BigInt(digits);
  return Decimal.fromUnits(i === 1 ? -units : units, point < 0 ? 0 : n - point - 1);
}

/** An amount and the currency its text names (`EUR 12.00`, `£5`), if any. */
export interface ReadAmount {
  value: Decimal;
  currency?: string;
}

// Whole amounts with a dash for the cents (`2.450,-`, `-950,-`, `12.–`, `1.000,--`), German,
// Austrian and Swiss: the dash (or two) right after the decimal separator, at the end or before a
// currency mark. Only the file's own separator counts, so `1.059,-` is not read in a dot file.
// Read at the scale of the cents written so (`2.450,-` is 2450.00, as `2.450,00` would be): the
// currencies written so (EUR, CHF, the crowns) have two decimals.
const WHOLE_DASH = /(\d)([.,])[-\u2012\u2013\u2014\u2212]{1,2}(?=\s*[^\d\s.,\-\u2012\u2013\u2014\u2212]*$)/;

/** The text with a whole amount's dash cents (`2.450,-`) written as zeros (`2.450,00`), when after this separator. */
function withoutWholeDash(text: string, decimalSeparator: DecimalSeparator): string {
  const m = WHOLE_DASH.exec(text);
  return m && m[2] === decimalSeparator ? text.slice(0, m.index + 2) + "00" + text.slice(m.index + m[0].length) : text;
}

/** Reads one amount and any currency mark on it; null when the text is not a number in this convention. */
export function parseAmountWithCurrency(text: string, options: AmountOptions): ReadAmount | null {
  const plain = readPlain(text, options.decimalSeparator);
  if (plain !== undefined) return { value: plain };
  const peeled = peel(withoutWholeDash(text, options.decimalSeparator));
  const value = readPeeled(peeled, options);
  return value === null ? null : { value, ...(peeled.currency ? { currency: peeled.currency } : {}) };
}

/** Reads one amount; null when the text is not a number in this convention. */
export function parseAmount(text: string, options: AmountOptions): Decimal | null {
  return readPlain(text, options.decimalSeparator) ?? readPeeled(peel(withoutWholeDash(text, options.decimalSeparator)), options);
}

function readPeeled({ core, negative, signMarks, currencyMarks }: Peeled, options: AmountOptions): Decimal | null {
  if (core === "" || signMarks > 1 || currencyMarks > 1) return null;

  const parts = core.split(options.decimalSeparator);
  if (parts.length > 2) return null;
  const [intText, fraction = ""] = parts;
  if (parts.length === 2 && !/^\d+$/.test(fraction)) return null;

  const integer = readIntegerPart(intText, options.decimalSeparator);
  if (integer === null || (integer === "" && fraction === "")) return null;

  return Decimal.tryParse(`${negative ? "-" : ""}${integer || "0"}${fraction ? `.${fraction}` : ""}`);
}

/** What one value says about the decimal separator, if anything. */
function separatorEvidence(value: string): DecimalSeparator | undefined {
  const core = value.replace(/[^\d.,]/g, "");
  const lastDot = core.lastIndexOf(".");
  const lastComma = core.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? "." : ",";
  const mark: DecimalSeparator | undefined = lastDot >= 0 ? "." : lastComma >= 0 ? "," : undefined;
  if (mark === undefined) return undefined;
  const other: DecimalSeparator = mark === "." ? "," : ".";
  const pieces = core.split(mark);
  // Two or more of the same mark can only be grouping: `1,234,567` or `1.234.567`.
  if (pieces.length > 2) return other;
  const [before, after] = pieces;
  // Exactly three digits after a single mark (`1,234`) could be either; anything else can't
  // be grouping, and neither can a leading zero group (`0,125`) or a long one (`1234,567`).
  if (after.length !== 3 || before === "" || before === "0" || before.length > 3) return mark;
  return undefined;
}

/**
 * Decides the decimal separator for a set of values (typically one column of a file) by
 * majority of the values that are unambiguous; undefined when none of them tells.
 */
export function inferDecimalSeparator(values: Iterable<string>): DecimalSeparator | undefined {
  let dot = 0;
  let comma = 0;
  for (const value of values) {
    const evidence = separatorEvidence(value);
    if (evidence === ".") dot++;
    else if (evidence === ",") comma++;
  }
  if (dot === 0 && comma === 0) return undefined;
  return comma > dot ? "," : ".";
}
