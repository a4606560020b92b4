/**
 * Reading statement dates into ISO `YYYY-MM-DD`. Pure.
 *
 * `03/04/2026` is March or April depending on the bank's country, and a single value cannot
 * tell; `detectDateOrder` decides it once for a whole file, and `parseDate` applies it.
 */

export type DateOrder = "day-first" | "month-first";

export interface DateOrderDecision {
  order: DateOrder;
  /** True when the values never settled it and the order is a guess (see `warning`). */
  assumed: boolean;
  warning?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Day and month in either order, year last: `10/02/2026`, `2-10-26`, `10.02.2026`. */
const NUMERIC_YEAR_LAST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})$/;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{2}|\d{4})$/i;
const TIME_SUFFIX = /(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const WEEKDAY_PREFIX = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i;

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return Number.isInteger(day) && day >= 1 && day <= days;
}

function iso(year: number, month: number, day: number): string | null {
  if (!isValidCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Two-digit years are this century: bank exports are about recent money. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(TIME_SUFFIX, "").replace(WEEKDAY_PREFIX, "").trim();
}

/**
 * Reads one date; null if it is not one (including impossible ones like 2026-02-30).
 * Dotted dates (`10.02.2026`) are always day-first: that convention has no month-first use.
 */
export function parseDate(text: string, order: DateOrder = "day-first"): string | null {
  const s = clean(text);
  let m = ISO.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_YEAR_LAST.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const dayFirst = m[2] === "." || order === "day-first";
    return dayFirst ? iso(fullYear(m[4]), b, a) : iso(fullYear(m[4]), a, b);
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? iso(fullYear(m[3]), month, Number(m[1])) : null;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    return month ? iso(fullYear(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

/** The first two numbers of an order-dependent date (`03/04/2026` → [3, 4]), else null. */
function ambiguousParts(text: string): [number, number] | null {
  const m = NUMERIC_YEAR_LAST.exec(clean(text));
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

/** Human form of an order for messages. */
export function describeDateOrder(order: DateOrder): string {
  return order === "day-first" ? "day-first, DD/MM/YYYY" : "month-first, MM/DD/YYYY";
}

/**
 * Decides day-first vs month-first across all of a file's date values: any first number
 * above 12 means day-first, any second number above 12 means month-first. If every value is
 * ambiguous, day-first is assumed — unless that makes the dates jump around while
 * month-first keeps them sorted — and the decision carries a warning saying so.
 */
export function detectDateOrder(values: readonly string[]): DateOrderDecision {
  const parts = values.map(ambiguousParts).filter((p): p is [number, number] => p !== null);
  const dayFirstEvidence = parts.some(([a]) => a > 12);
  const monthFirstEvidence = parts.some(([, b]) => b > 12);
  // Contradictory files: pick the side with evidence first seen; the rows that disagree
  // then fail individually with a message naming them.
  if (dayFirstEvidence && monthFirstEvidence) {
    const first = parts.find(([a, b]) => a > 12 || b > 12)!;
    return { order: first[0] > 12 ? "day-first" : "month-first", assumed: false };
  }
  if (dayFirstEvidence) return { order: "day-first", assumed: false };
  if (monthFirstEvidence) return { order: "month-first", assumed: false };

  const example = values.find((v) => {
    const p = ambiguousParts(v);
    return p !== null && p[0] !== p[1];
  });
  // Nothing to decide: no numeric dates, or only ones like 05/05/2026.
  if (example === undefined) return { order: "day-first", assumed: false };

  const readAll = (order: DateOrder) =>
    values.map((v) => parseDate(v, order)).filter((d): d is string => d !== null);
  const order: DateOrder =
    !isMonotonic(readAll("day-first")) && isMonotonic(readAll("month-first")) ? "month-first" : "day-first";
  const why = order === "month-first" ? " because that keeps the dates in order" : "";
  return {
    order,
    assumed: true,
    warning: `dates such as "${example.trim()}" could be day-first or month-first; assumed ${describeDateOrder(order)}${why}`,
  };
}
