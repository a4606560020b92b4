/**
 * Reading statement dates into ISO `YYYY-MM-DD`. Pure.
 *
 * `03/04/2026` is March or April depending on the bank's country, and a single value cannot
 * tell; `detectDateOrder` decides it once for a whole file, and `parseDate` applies it.
 * Month names are read in English, German, French, Dutch, Spanish, Italian and Portuguese,
 * full or abbreviated, with or without a dot. Dates without a year (`10 Feb`, `10.02.`) are
 * read by `parseDateParts`; the caller resolves the year from the rest of the file.
 */

export type DateOrder = "day-first" | "month-first";

export interface DateOrderDecision {
  order: DateOrder;
  /** True when the values never settled it and the order is a guess (see `warning`). */
  assumed: boolean;
  /** True when a date valid in only one order decided it (more dates cannot change it). */
  certain: boolean;
  warning?: string;
  /** Why, for the explain log: "3 dates valid only day-first (e.g. 23/04/2026)". */
  evidence?: string;
}

/** A calendar date that may lack its year (the file printed `10 Feb`). */
export interface DateParts {
  year?: number;
  month: number;
  day: number;
}

// (Indonesian names are the Dutch ones but for Maret, Agustus and Desember.)
// Then Romanian, Turkish, Hungarian, Czech (its months' own names and their genitives: "5. října")
// and Bulgarian (ING România's "09 octombrie 2026").
const MONTH_NAMES: Record<number, string[]> = {
  1: ["jan", "january", "januar", "janner", "janvier", "janv", "januari", "enero", "ene", "gennaio", "gen", "janeiro", "ianuarie", "ian", "ocak", "leden", "ledna", "януари", "яну"],
  2: ["feb", "february", "februar", "fevrier", "fevr", "fev", "februari", "febrero", "febbraio", "fevereiro", "februarie", "subat", "şubat", "unor", "únor", "unora", "února", "февруари", "фев"],
  3: ["mar", "march", "marz", "mrz", "maerz", "mars", "maart", "mrt", "marzo", "marco", "maret", "martie", "mart", "marcius", "március", "brezen", "březen", "brezna", "března", "март", "мар"],
  4: ["apr", "april", "avril", "avr", "abril", "abr", "aprile", "aprilie", "nisan", "aprilis", "április", "duben", "dubna", "април", "апр"],
  5: ["may", "mai", "mei", "mayo", "maggio", "mag", "maio", "mayis", "mayıs", "majus", "május", "kveten", "květen", "kvetna", "května", "май"],
  6: ["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho", "iunie", "iun", "haziran", "junius", "június", "cerven", "červen", "cervna", "června", "юни"],
  7: ["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "iulie", "iul", "temmuz", "julius", "július", "cervenec", "červenec", "cervence", "července", "юли"],
  8: ["aug", "august", "aout", "augustus", "agosto", "ago", "agustus", "agustos", "ağustos", "augusztus", "srpen", "srpna", "август", "авг"],
  9: ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "septembrie", "eylul", "eylül", "szeptember", "zari", "září", "септември", "сеп"],
  10: ["oct", "october", "okt", "oktober", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "octombrie", "ekim", "rijen", "říjen", "rijna", "října", "октомври", "окт"],
  11: ["nov", "november", "novembre", "noviembre", "novembro", "noiembrie", "kasim", "kasım", "listopad", "listopadu", "ноември", "ное"],
  12: ["dec", "december", "dez", "dezember", "decembre", "diciembre", "dic", "dicembre", "dezembro", "desember", "decembrie", "aralik", "aralık", "prosinec", "prosince", "декември", "дек"],
};

const MONTHS = new Map<string, number>(
  Object.entries(MONTH_NAMES).flatMap(([month, names]) => names.map((n) => [monthKey(n), Number(month)] as [string, number])),
);

/** A month name as it is looked up: no accents (Cyrillic "май" too: "маи"), lower case, no final dot. */
function monthKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\.$/, "");
}

/** Month number of a month name in any supported language; undefined if it is not one. */
export function monthNumber(name: string): number | undefined {
  return MONTHS.get(monthKey(name));
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/**
 * A year of the Republic of China (Minguo) first, as Taiwanese banks print dates: `115/11/02` is
 * 2026-11-02 (year 1 is 1912). Three digits from 100 (2011) on: no other date starts with three.
 */
const MINGUO = /^(1\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$/;
/** The Gregorian year before the Republic's first. */
const MINGUO_YEAR_ZERO = 1911;
/** Day and month in either order, year last: `10/02/2026`, `2-10-26`, `10.02.2026`. */
// Croatian, Serbian and Slovenian dates end with a dot of their own ("02.03.2026."): only after dotted ones.
const NUMERIC_YEAR_LAST = /^(\d{1,2})(?:([/-])(\d{1,2})\2(\d{2}|\d{4})|(\.)(\d{1,2})\.(\d{2}|\d{4})\.?)$/;
/** Day and month without a year: `10/02`, `10.02.`, `10.02`. */
const NUMERIC_NO_YEAR = /^(\d{1,2})([./-])(\d{1,2})\.?$/;
// Latin with its accents, and Cyrillic (Bulgarian "7 декември 2025").
const LETTERS = "a-z\\u00c0-\\u024f\\u0400-\\u04ff";
const DAY_MONTH_NAME = new RegExp(
  // Slashes too: Banamex's "10/dic/2025".
  `^(\\d{1,2})(?:st|nd|rd|th|er|e)?\\.?[\\s/-]+(?:de\\s+)?([${LETTERS}]+)\\.?,?(?:[\\s/-]+(?:de\\s+)?(\\d{2}|\\d{4}))?$`,
  "i",
);
const MONTH_NAME_DAY = new RegExp(`^([${LETTERS}]+)\\.?[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?\\.?(?:,?[\\s-]+(\\d{2}|\\d{4}))?$`, "i");
/** Japanese, Chinese and Korean: `2026年3月2日`, `2026년 3월 2일`, and without a year `3月2日`;
 *  Japanese years of an era too (`令和8年8月5日`: JAPANESE_ERAS). */
const CJK_DATE = /^(?:(\d{4}|(?:令和|平成|昭和)\s*(?:\d{1,2}|元))\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$/;
/** Japanese eras by the Gregorian year before their first: Reiwa 1 is 2019, Heisei 1 1989, Shōwa 1 1926 (its first year written 元). */
const JAPANESE_ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

function cjkYear(text: string): number {
  const era = /^(令和|平成|昭和)\s*(\d{1,2}|元)$/.exec(text);
  return era ? JAPANESE_ERAS[era[1]!]! + (era[2] === "元" ? 1 : Number(era[2])) : Number(text);
}
/**
 * A Japanese era's year written short, then month and day: `R8.8.5`, `R08/08/05`, `H30.12.31`,
 * `令和8.8.5` (bankbook-style statements). Only the capital initials of the three eras a
 * statement can date from: a row's reference is never a capital R, H or S run into three numbers.
 */
const ERA_NUMERIC = /^(R|H|S|令和|平成|昭和)(\d{1,2}|元)([./-])(\d{1,2})\3(\d{1,2})$/;
const ERA_INITIALS: Record<string, string> = { R: "令和", H: "平成", S: "昭和" };
/** `Feb-2026 10` never occurs, but `2026-Feb-10` and `2026 Feb 10` do (rarely). */
const YEAR_MONTH_NAME_DAY = new RegExp(`^(\\d{4})[\\s-]+([${LETTERS}]+)\\.?[\\s-]+(\\d{1,2})$`, "i");
// A time's zone: an offset, or its abbreviation after the time (Cash App's "2026-05-19 11:04:05 EDT").
// A time run into the date before it, no space between them ("01/07/202606:01", "2026-07-0106:01":
// a date printed wider than its column, into the time beside it), only after a four-digit year or
// an ISO date's two-digit day, where the date's end is certain, and as hours and minutes.
const TIME_SUFFIX =
  /(?:T|\s+|-(?=\d{1,2}:\d{2})|(?<=[./-]\d{4})(?=(?:[01]?\d|2[0-3]):[0-5]\d)|(?<=^\d{4}-\d{2}-\d{2})(?=(?:[01]\d|2[0-3]):[0-5]\d))\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|(?:[ECMPAH][SD]T|AK[SD]T|BST|CES?T|EES?T|WES?T|AE[SD]T|IST|JST|KST|SGT|HKT|NZ[SD]T)))?$/i;
/** A weekday after the date: `02/03/2026 Mon`, `02 Mar 2026 (Mon)`, Japanese `2026/03/02(月)`, `(星期一)`. */
const WEEKDAY_SUFFIX = new RegExp(
  "\\s*(?:[(（]\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?|[月火水木金土日](?:曜日?)?|(?:星期|周|週)[一二三四五六日天]|[월화수목금토일](?:요일)?)(?:\\s*[)）])?$",
  "i",
);
const WEEKDAY_PREFIX = new RegExp(
  "^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|" +
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|" +
    "(?:mo|di|mi|do|fr|sa|so|lu|ma|me|je|ve|wo|vr|za|zo)(?=[.,]))\\.?,?\\s+",
  "i",
);

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return Number.isInteger(day) && day >= 1 && day <= days;
}

/** Valid in some year (29 February included): what a year-less date can be checked against. */
function isValidMonthDay(month: number, day: number): boolean {
  return isValidCalendarDate(2000, month, day);
}

export function isoDate(year: number, month: number, day: number): string | null {
  // Rows come in date order, many to a day: the last date's text is kept and given again.
  if (year === last.year && month === last.month && day === last.day) return last.iso;
  if (!isValidCalendarDate(year, month, day)) return null;
  const iso = `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
  last.year = year;
  last.month = month;
  last.day = day;
  return (last.iso = iso);
}

/** isoDate's last valid date. */
const last = { year: NaN, month: NaN, day: NaN, iso: "" };

/**
 * Two-digit years are this century: bank exports are about recent money. Thai dates count
 * years of the Buddhist era: 2569 is 2026. No statement is dated past 2400 otherwise.
 */
const BUDDHIST_ERA_OFFSET = 543;

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return 2000 + year;
  return year > 2400 ? year - BUDDHIST_ERA_OFFSET : year;
}

/** NUMERIC_YEAR_LAST's match as [all, first, separator, second, year], whichever separator. */
function yearLast(s: string): (string | undefined)[] | null {
  const m = NUMERIC_YEAR_LAST.exec(s);
  if (!m) return null;
  return m[2] !== undefined ? [m[0], m[1], m[2], m[3], m[4]] : [m[0], m[1], m[5], m[6], m[7]];
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(TIME_SUFFIX, "").replace(WEEKDAY_SUFFIX, "").replace(WEEKDAY_PREFIX, "").trim();
}

function parts(year: number | undefined, month: number, day: number): DateParts | null {
  if (year === undefined) return isValidMonthDay(month, day) ? { month, day } : null;
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

const D0 = 48;
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - D0;
  return c >= 0 && c <= 9 ? c : -1;
}

/** `2026-02-10` without regular expressions: most files use it, and it is read per row. */
function fastIso(s: string): DateParts | null | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y0 = digitAt(s, 0), y1 = digitAt(s, 1), y2 = digitAt(s, 2), y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5), m1 = digitAt(s, 6), d0 = digitAt(s, 8), d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  return parts(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
}

/**
 * Reads one date into its parts; null if it is not a date (including impossible ones like
 * 2026-02-30). The year is absent when the text has none (`10 Feb`, `10/02`).
 * Dotted dates (`10.02.2026`) are always day-first: that convention has no month-first use.
 */
export function parseDateParts(text: string, order: DateOrder = "day-first"): DateParts | null {
  const fast = fastIso(text);
  if (fast !== undefined) return fast;
  const s = clean(text);
  let m = ISO.exec(s);
  if (m) return parts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(s);
  if (m) return parts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MINGUO.exec(s);
  if (m) return parts(Number(m[1]) + MINGUO_YEAR_ZERO, Number(m[2]), Number(m[3]));
  const numeric = yearLast(s);
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[3])];
    const dayFirst = numeric[2] === "." || order === "day-first";
    return dayFirst ? parts(fullYear(numeric[4]!), b, a) : parts(fullYear(numeric[4]!), a, b);
  }
  m = NUMERIC_NO_YEAR.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const dayFirst = m[2] === "." || order === "day-first";
    return dayFirst ? parts(undefined, b, a) : parts(undefined, a, b);
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? parts(m[3] ? fullYear(m[3]) : undefined, month, Number(m[1])) : null;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? parts(m[3] ? fullYear(m[3]) : undefined, month, Number(m[2])) : null;
  }
  m = YEAR_MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? parts(Number(m[1]), month, Number(m[3])) : null;
  }
  m = CJK_DATE.exec(s);
  if (m) return parts(m[1] ? cjkYear(m[1]) : undefined, Number(m[2]), Number(m[3]));
  m = ERA_NUMERIC.exec(s);
  if (m) return parts(cjkYear(`${ERA_INITIALS[m[1]!] ?? m[1]}${m[2]}`), Number(m[4]), Number(m[5]));
  return null;
}

/** Reads one date with its year; null if it is not one or has no year. */
export function parseDate(text: string, order: DateOrder = "day-first"): string | null {
  const p = parseDateParts(text, order);
  return p && p.year !== undefined ? isoDate(p.year, p.month, p.day) : null;
}

/** True if the text is a date in either order (with or without a year). */
export function looksLikeDate(text: string): boolean {
  if (text.length < 3 || text.length > 40 || !/\d/.test(text)) return false;
  return parseDateParts(text, "day-first") !== null || parseDateParts(text, "month-first") !== null;
}

/** The first two numbers of an order-dependent date (`03/04/2026` → [3, 4]), else null. */
export function orderDependentParts(text: string): [number, number] | null {
  const s = clean(text);
  const m = yearLast(s) ?? NUMERIC_NO_YEAR.exec(s);
  if (!m || m[2] === ".") return null;
  return [Number(m[1]), Number(m[3])];
}

/** Non-decreasing or non-increasing: a statement is sorted one way or the other. */
function isMonotonic(dates: string[]): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < dates.length; i++) {
    if (dates[i] < dates[i - 1]) up = false;
    if (dates[i] > dates[i - 1]) down = false;
  }
  return up || down;
}

/**
 * The order that full numeric dates printed outside the rows settle ("Statement period:
 * 03/01/2026 - 03/31/2026", "Data de fim;31-03-2026"), when the rows' own dates fit either:
 * a decision only if one of them is valid in one order alone, else undefined. Four-digit
 * years only ("40-11-62" is a sort code, not a date), and written with `separator` when it is
 * given (the rows' own: the same system printed both).
 */
export function orderFromDatesElsewhere(texts: readonly string[], separator?: string): DateOrderDecision | undefined {
  const dates: string[] = [];
  for (const text of texts) {
    // The shortest full date is "1/2/2026": a PDF statement asks this of each of its words.
    if (text.length < 8) continue;
    for (const [token, sep] of text.matchAll(/(?<![\d./-])\d{1,2}([./-])\d{1,2}\1\d{4}(?![\d./-])/g)) {
      if (separator !== undefined && sep !== separator) continue;
      if ((parseDate(token, "day-first") ?? parseDate(token, "month-first")) !== null) dates.push(token);
    }
  }
  const settled = detectDateOrder(dates);
  return settled.certain ? settled : undefined;
}

/** Human form of an order for messages. */
const MONTHS_IN_ENGLISH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Why a text shaped as a numeric date names no day of the calendar — a day past its month's
 * end, as in "31/02/2026" or "29.02.2025" — read in the file's order; null when it is not such
 * a date (then it is simply unreadable). A person fixing the file is told what is wrong with it.
 */
export function impossibleDate(text: string, order: DateOrder): string | null {
  const s = text.trim();
  let year: number | undefined;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) [year, month, day] = [fullYear(iso[1]!), Number(iso[2]), Number(iso[3])];
  else {
    const m = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(s);
    if (!m) return null;
    [day, month] = order === "day-first" ? [Number(m[1]), Number(m[3])] : [Number(m[3]), Number(m[1])];
    if (m[4] !== undefined) year = fullYear(m[4]);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const name = MONTHS_IN_ENGLISH[month - 1]!;
  if (year === undefined) {
    return isValidMonthDay(month, day) ? null : `"${s}" is no date: ${name} never has ${day} days`;
  }
  if (isValidCalendarDate(year, month, day)) return null;
  const days = [31, isValidCalendarDate(year, 2, 29) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (month === 2 && day === 29) return `"${s}" is no date: ${year} is not a leap year, so February has 28 days`;
  return `"${s}" is no date: ${name} ${year} has ${days} days`;
}

export function describeDateOrder(order: DateOrder): string {
  return order === "day-first" ? "day-first, DD/MM/YYYY" : "month-first, MM/DD/YYYY";
}

/** What else in a file suggests an order when the dates themselves don't: locale signals. */
export interface DateOrderHint {
  order: DateOrder;
  /** "decimal comma", "USD amounts" … */
  reason: string;
}

/**
 * Decides day-first vs month-first across all of a file's date values: any first number
 * above 12 means day-first, any second number above 12 means month-first. If every value is
 * ambiguous: the order that keeps the dates sorted when only one does, then the locale hint
 * (decimal comma, currency), then day-first — and the decision carries a warning saying so.
 */
export function detectDateOrder(values: readonly string[], hint?: DateOrderHint): DateOrderDecision {
  const found = values.map(orderDependentParts);
  let dayFirstOnly = 0;
  let monthFirstOnly = 0;
  let firstEvidence: { order: DateOrder; example: string } | undefined;
  found.forEach((p, i) => {
    if (!p) return;
    if (p[0] > 12 && p[1] <= 12) {
      dayFirstOnly++;
      firstEvidence ??= { order: "day-first", example: values[i].trim() };
    } else if (p[1] > 12 && p[0] <= 12) {
      monthFirstOnly++;
      firstEvidence ??= { order: "month-first", example: values[i].trim() };
    }
  });
  // Contradictory files: go with the side with evidence first seen; the rows that disagree
  // then fail individually with a message naming them.
  if (firstEvidence) {
    const count = firstEvidence.order === "day-first" ? dayFirstOnly : monthFirstOnly;
    return {
      order: firstEvidence.order,
      assumed: false,
      certain: true,
      evidence: `${count} date${count === 1 ? "" : "s"} valid only ${firstEvidence.order} (e.g. ${firstEvidence.example})`,
    };
  }

  const exampleIndex = found.findIndex((p) => p !== null && p[0] !== p[1]);
  // Nothing to decide: no numeric dates, or only ones like 05/05/2026.
  if (exampleIndex < 0) return { order: "day-first", assumed: false, certain: false };
  const example = values[exampleIndex].trim();

  const readAll = (order: DateOrder) =>
    values.map((v) => parseDate(v, order)).filter((d): d is string => d !== null);
  const dayFirstDates = readAll("day-first");
  const monthFirstDates = readAll("month-first");
  const dayFirstSorted = isMonotonic(dayFirstDates);
  const monthFirstSorted = isMonotonic(monthFirstDates);
  const closer = tighter(dayFirstDates, monthFirstDates);
  let order: DateOrder = "day-first";
  let why = "";
  if (monthFirstSorted && !dayFirstSorted) {
    order = "month-first";
    why = " because that keeps the dates in order";
  } else if (dayFirstSorted && !monthFirstSorted) {
    why = hint ? " because that keeps the dates in order" : "";
  } else if (closer) {
    // Both readings keep the file's order (or neither does): a statement's dates lie close
    // together, so the reading that puts them within weeks, not months, is the likely one.
    order = closer.order;
    why = ` because that puts them within ${closer.days} days (read the other way they span ${closer.otherDays})`;
  } else if (hint) {
    order = hint.order;
    why = ` because of the ${hint.reason}`;
  }
  return {
    order,
    assumed: true,
    certain: false,
    warning: `dates such as "${example}" could be day-first or month-first; assumed ${describeDateOrder(order)}${why}`,
    evidence: `every date is ambiguous (e.g. ${example})${why ? `; chosen${why}` : "; day-first by default"}`,
  };
}

/** The reading whose dates span at most ~6 weeks when the other's span is at least four times as long. */
function tighter(dayFirst: readonly string[], monthFirst: readonly string[]): { order: DateOrder; days: number; otherDays: number } | undefined {
  const span = (dates: readonly string[]) => (dates.length < 2 ? 0 : daysBetween(dates.reduce((a, b) => (a < b ? a : b)), dates.reduce((a, b) => (a > b ? a : b))));
  if (dayFirst.length !== monthFirst.length) return undefined; // one reading fails some dates: the order check decides
  const d = span(dayFirst);
  const m = span(monthFirst);
  if (d <= 45 && m >= Math.max(60, d * 4)) return { order: "day-first", days: d, otherDays: m };
  if (m <= 45 && d >= Math.max(60, m * 4)) return { order: "month-first", days: m, otherDays: d };
  return undefined;
}

/** Whole days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * Days since 1970-01-01 of an ISO date, exactly as Date.parse counts them (NaN for no date), by
 * arithmetic: the PDF reader asks this of every row's date, and parsing a built string cost more
 * than the rest of the row's date handling. Anything not shaped YYYY-MM-DD goes to Date.parse.
 */
function dayNumber(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  const y = digitsAt(iso, 0, 4);
  const m = digitsAt(iso, 5, 2);
  const d = digitsAt(iso, 8, 2);
  // Date.parse takes any day up to 31 in any month and counts on into the next ("02-30" is
  // March 2nd): so does this, so that the two agree on every input.
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  // Days from a civil date (Howard Hinnant's days_from_civil), in years that start in March.
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The number the `length` digits at `start` write; NaN if any is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}
