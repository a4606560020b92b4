/**
 * Dates in statement PDFs: finding a date at the start of a row, finding the statement period
 * in free text, and giving year-less dates (`12 Mar`, `03/12`, `12.03.`) their year from the
 * period — including statements that run from December into January.
 */
import { daysBetween, isoDate, monthNumber, parseDateParts, type DateOrder, type DateParts } from "../dates.ts";
import { textMemo } from "./text-memo.ts";
import { MONTH_PERIOD_WORDS, PERIOD_WORDS, RANGE_SEPARATOR, fold } from "./vocabulary.ts";

/**
 * `12MAR`, `12MAR26`, `12-MAR-2026`, `12/MAR/2026` → `12 MAR 26`, `MAR05` → `MAR 05`, `FEB 28/26`
 * → `28 FEB 26`: compact forms some banks print (`FEB 28/26` Canadian, `05/MAR` Mexican).
 */
function spaced(text: string): string {
  text = text.replace(/^([A-Za-z]{3})(\d{1,2})$/, "$1 $2").replace(/^([A-Za-z]{3,9})\.? (\d{1,2})\/(\d{2}|\d{4})$/, "$2 $1 $3");
  return text.replace(/^(\d{1,2})(?:-?|\/)([A-Za-z\u00c0-\u024f]{3,9})\.?(?:-?|\/)(\d{2}|\d{4})?$/, (_m, d: string, mon: string, y?: string) => `${d} ${mon}${y ? ` ${y}` : ""}`);
}

/** A date word must look like one before the (more permissive) date reader sees it (a time run
 *  into it, "01/07/202606:01", "2026-07-0106:01", too: dates.ts reads it as the date it starts with). */
const DATE_WORD = /^(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{0,4})?\.?\*?|\d{1,2}[./-]\d{1,2}[./-]\d{4}\d{1,2}:\d{2}(?::\d{2})?|\d{4}-\d{2}-\d{4}:\d{2}(?::\d{2})?|(?:[RHS]|令和|平成|昭和)(?:\d{1,2}|元)[./-]\d{1,2}[./-]\d{1,2}|\d{8}|(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日|\d{1,2}(?:st|nd|rd|th|er|e)?\.?,?|\d{1,2}(?:-?|\/)[A-Za-z\u00c0-\u024f]{3,9}\.?(?:(?:-?|\/)\d{2,4})?|[A-Za-z]{3}\d{1,2}|[A-Za-z\u00c0-\u024f]{3,9}\.?,?|\d{4},?|de)$/;

// A statement prints the same few hundred dates, and begins its rows with the same words, again
// and again: each text is read once per date order.
const readDates = textMemo<Readonly<DateParts> | null>();

/** Reads a date from text that is exactly a date (with or without a year); null otherwise. */
export function readDate(text: string, order: DateOrder): Readonly<DateParts> | null {
  const key = `${order === "day-first" ? "d" : "m"}${text}`;
  const known = readDates.get(key);
  if (known !== undefined) return known;
  // A star after a numeric date marks a footnote ("03/02/26*": posted on another day).
  const t = spaced(text.trim().replace(/(?<=\d\.?)\*$/, "").replace(/,$/, ""));
  const parts = /\d/.test(t) ? parseDateParts(t, order) : null;
  return readDates.set(key, parts && Object.freeze(parts));
}

/** A date at the start of a list of words: how many words it takes and what it says. */
export interface LeadingDate {
  parts: DateParts;
  wordCount: number;
  text: string;
}

/**
 * The date the words start with (`12 Mar`, `12 Mar 2026`, `Mar 12, 2026`, `03/12`, `12.03.2026`),
 * taking as many words as make a valid date (at most four: `1 de marzo de 2026`).
 */
export function leadingDate(words: readonly string[], order: DateOrder): LeadingDate | null {
  for (let n = dateWordRun(words, 0); n >= 1; n--) {
    if (!canEndDate(words[n - 1]!)) continue;
    // "15 Jan 18 Jan": two day-month dates (transaction and posting), not 15 Jan 2018 — a
    // two-digit number between two month names is the next date's day, not this one's year.
    if (n >= 3 && n < words.length && /^\d{1,2}$/.test(words[n - 1]!) && isMonthWord(words[n - 2]!) && isMonthWord(words[n]!)) continue;
    const text = words.slice(0, n).join(" ");
    const parts = readDate(text, order);
    if (parts) return { parts, wordCount: n, text };
  }
  return null;
}

// Every date form the reader knows ends in a digit (day, year, time), a month name (`12 Mar.,`)
// or a time zone after a time (`10.30 UTC`): words run together with a description
// ("12 Mar Card payment") are not read as a date at all, which is most of the words tried.
const endsDate = textMemo<boolean>();
const TIME_ZONE = /^(?:z|utc|gmt)$/i;

function canEndDate(word: string): boolean {
  if (/\d/.test(word)) return true;
  const known = endsDate.get(word);
  if (known !== undefined) return known;
  return endsDate.set(word, TIME_ZONE.test(word) || isMonthWord(word));
}

/** A month's name or abbreviation as a word ("Mar", "März", "mars.", "Jan,"). */
function isMonthWord(word: string): boolean {
  const name = word.replace(/\.?,?$/, "");
  return /^[a-z\u00c0-\u024f]+$/i.test(name) && monthNumber(name) !== undefined;
}

/** How many words from `start` on (at most four, the longest date) look like date words. */
function dateWordRun(words: readonly string[], start: number): number {
  let n = 0;
  while (n < 4 && start + n < words.length && DATE_WORD.test(words[start + n]!)) n++;
  return n;
}

/** `01.03.2026-31.03.2026` arrives as one word: ranges glued with a dash become three words. */
export function splitGluedRanges(words: readonly string[]): string[] {
  return words.flatMap((w) => {
    const m = /^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})[–—-](\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})$/.exec(w);
    if (m) return [m[1], "-", m[2]];
    // A day and a month's name glued by an en or em dash: "Oct 1–Oct 31, 2026" (Mercury).
    const glued = /^(\d{1,2})([–—])(\p{L}{3,}\.?)$/u.exec(w);
    return glued && isMonthWord(glued[3]!) ? [glued[1]!, glued[2]!, glued[3]!] : [w];
  });
}

/** Every full date (with a year) in a list of words, left to right, as word index ranges. */
export function fullDatesIn(words: readonly string[], order: DateOrder): { iso: string; start: number; end: number }[] {
  const found: { iso: string; start: number; end: number }[] = [];
  const split = words;
  for (let i = 0; i < split.length; ) {
    let matched = false;
    for (let n = dateWordRun(split, i); n >= 1; n--) {
      const parts = readDate(split.slice(i, i + n).join(" "), order);
      if (parts && parts.year !== undefined) {
        const iso = isoDate(parts.year, parts.month, parts.day);
        if (iso) {
          found.push({ iso, start: i, end: i + n });
          i += n;
          matched = true;
          break;
        }
      }
    }
    if (!matched) i++;
  }
  return found;
}

/** A time zone printed after a date or a time: "[GMT+01:00]", "(UTC)", "GMT", "UTC+2". */
export const PRINTED_TIME_ZONE = /^[[(]?(?:GMT|UTC)(?:[+\-−]\d{1,2}(?::?\d{2})?)?[\])]?$/i;

export interface StatementPeriod {
  from: string;
  to: string;
  /** The text it was read from, for the explain log. */
  text: string;
}

/**
 * The statement period: two full dates on one line, joined by a range word (`to`, `-`, `bis`,
 * `au`, `al`, `t/m`) or introduced by a period word (`Statement period`, `Zeitraum`, `du`).
 * Two dates on a row without either (booking and value date) are not a period. Failing those,
 * a month and its year named as the period (`PERIODE : MARET 2026`): the whole month.
 */
export function findPeriod(lines: readonly string[], order: DateOrder): StatementPeriod | null {
  const rowShaped: StatementPeriod[] = [];
  return findDatedPeriod(lines, order, rowShaped) ?? findMonthPeriod(lines) ?? rowShaped[0] ?? null;
}

/**
 * A range of dates in a row's text ("31.03.2026 Abrechnung 01.01.2026 - 31.03.2026": a quarter's
 * fee booked on its last day, ING): a line that opens with a full date and words, then the range.
 * Such a line is a row, and its range the period of what it books: the statement's period only
 * when nothing else on it names one ("Kontoauszug März 2026").
 */
function rowShapedRange(dates: readonly { start: number; end: number }[], k: number): boolean {
  return k > 0 && dates[0]!.start === 0 && dates[k]!.start > dates[0]!.end;
}

function findDatedPeriod(lines: readonly string[], order: DateOrder, rowShaped: StatementPeriod[]): StatementPeriod | null {
  const wordsOf = (line: string) => splitGluedRanges(line.split(/\s+/).filter((w) => w !== "" && !PRINTED_TIME_ZONE.test(w)));
  for (const [i, line] of lines.entries()) {
    // (A date's time zone after it says nothing of the period: "1 October 2026 [GMT+02:00] - 31 October 2026 [GMT+01:00]".)
    const split = wordsOf(line);
    const dates = fullDatesIn(split, order);
    // The period over two lines, its end under its start ("Statement Period:  Feb 4, 2025" over
    // "through  Mar 5, 2025": U.S. Bank): a line that names the period and ends with its one date,
    // then one that is a range's separator and a date alone.
    if (dates.length === 1 && dates[0]!.end === split.length && dates[0]!.start > 0 && PERIOD_WORDS.test(fold(split.slice(0, dates[0]!.start).join(" "))) && i + 1 < lines.length) {
      const below = wordsOf(lines[i + 1]!);
      const end = below.length > 1 && RANGE_SEPARATOR.test(fold(below[0]!)) ? fullDatesIn(below, order) : [];
      const [a, b] = [dates[0]!, end[0]];
      if (b && end.length === 1 && b.start === 1 && b.end === below.length && a.iso <= b.iso && daysBetween(a.iso, b.iso) <= 400) {
        return { from: a.iso, to: b.iso, text: `${line.trim()} ${lines[i + 1]!.trim()}` };
      }
    }
    for (let k = 0; k + 1 < dates.length; k++) {
      const [a, b] = [dates[k], dates[k + 1]];
      // (A separator may end in a colon: "DESDE: 01/03/2026 HASTA: 31/03/2026".)
      const between = split.slice(a.end, b.start).map((w) => fold(w).replace(/:$/, ""));
      const joined = between.length === 1 && RANGE_SEPARATOR.test(between[0]);
      const introduced = between.length === 0 && PERIOD_WORDS.test(fold(split.slice(0, a.start).join(" ")));
      if (!joined && !introduced) continue;
      if (a.iso > b.iso || daysBetween(a.iso, b.iso) > 400) continue;
      if (rowShapedRange(dates, k)) {
        rowShaped.push({ from: a.iso, to: b.iso, text: line.trim() });
        continue;
      }
      return { from: a.iso, to: b.iso, text: line.trim() };
    }
    // The year printed once, after the second date: "Mar 1 - Mar 31, 2026", "1 Mar - 31 Mar
    // 2026". A row may print such a range among its words, so the line must say it is a
    // period, or be the range alone (a row goes on with its amount).
    for (const b of dates) {
      const start = yearlessStart(split.slice(0, b.start), b.iso, order);
      if (!start || daysBetween(start.iso, b.iso) > 400) continue;
      const alone = start.index === 0 && b.end === split.length;
      if (alone || PERIOD_WORDS.test(fold(split.slice(0, start.index).join(" ")))) return { from: start.iso, to: b.iso, text: line.trim() };
    }
  }
  return null;
}

/**
 * A period printed as a month's name and its year right after a word that names the period
 * ("PERIODE : MARET 2026": BCA, whose rows print day and month only; "Statement period: March
 * 2026"): the first to the last day of that month. A month after any other word ("GAJI MARET
 * 2026", a salary's month in a row) or opening a range of months is no period.
 */
function findMonthPeriod(lines: readonly string[]): StatementPeriod | null {
  for (const line of lines) {
    const words = line.split(/\s+/).filter(Boolean);
    for (let i = 1; i + 1 < words.length; i++) {
      const month = /^\p{L}+$/u.test(words[i]!) ? monthNumber(words[i]!) : undefined;
      const year = /^\d{4}$/.test(words[i + 1]!) ? Number(words[i + 1]) : undefined;
      if (month === undefined || year === undefined) continue;
      if (i + 2 < words.length && RANGE_SEPARATOR.test(fold(words[i + 2]!))) continue;
      const named = fold(words.slice(0, i).join(" ")).replace(/\s*:$/, "");
      if (!MONTH_PERIOD_WORDS.test(named)) continue;
      const from = isoDate(year, month, 1);
      const to = [31, 30, 29, 28].map((day) => isoDate(year, month, day)).find((iso) => iso !== null);
      if (from && to) return { from, to, text: line.trim() };
    }
  }
  return null;
}

/**
 * The start of a period whose year is printed only with its end: the year-less date just
 * before a range separator at the end of `words`, in the end's year (the year before when
 * it would fall after the end: "Dec 15 - Jan 14, 2026").
 */
function yearlessStart(words: readonly string[], to: string, order: DateOrder): { iso: string; index: number } | undefined {
  if (words.length < 2 || !RANGE_SEPARATOR.test(fold(words.at(-1)!))) return undefined;
  const before = words.slice(0, -1);
  for (let n = Math.min(3, before.length); n >= 1; n--) {
    const index = before.length - n;
    if (!before.slice(index).every((w) => DATE_WORD.test(w))) continue;
    const parts = readDate(before.slice(index).join(" "), order);
    if (!parts || parts.year !== undefined) continue;
    const year = Number(to.slice(0, 4));
    const iso = isoDate(year, parts.month, parts.day);
    if (!iso) continue;
    const start = iso <= to ? iso : isoDate(year - 1, parts.month, parts.day);
    return start ? { iso: start, index } : undefined;
  }
  return undefined;
}

/** Where a year-less date's year comes from. */
export type YearSource = { kind: "period"; from: string; to: string } | { kind: "anchor"; date: string; what: string };

/**
 * The year of a year-less date. With a period: the year that puts the date inside it (or
 * nearest to it), so `28 Dec` and `03 Jan` of a Dec–Jan statement get different years.
 * With only an anchor date (statement date, creation date): the latest year that does not put
 * the date more than a month after the anchor.
 */
export function resolveYear(parts: DateParts, source: YearSource): string | null {
  if (parts.year !== undefined) return isoDate(parts.year, parts.month, parts.day);
  if (source.kind === "period") {
    const fromYear = Number(source.from.slice(0, 4));
    const toYear = Number(source.to.slice(0, 4));
    let best: { iso: string; distance: number } | null = null;
    for (let year = fromYear - 1; year <= toYear + 1; year++) {
      const iso = isoDate(year, parts.month, parts.day);
      if (!iso) continue;
      const distance = iso < source.from ? daysBetween(iso, source.from) : iso > source.to ? daysBetween(source.to, iso) : 0;
      if (!best || distance < best.distance) best = { iso, distance };
    }
    return best?.iso ?? null;
  }
  const anchorYear = Number(source.date.slice(0, 4));
  for (let year = anchorYear + 1; year >= anchorYear - 1; year--) {
    const iso = isoDate(year, parts.month, parts.day);
    if (iso && daysBetween(source.date, iso) <= 31) return iso;
  }
  return null;
}
