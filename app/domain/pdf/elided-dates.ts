/**
 * Dates printed year first, the month by its name, then the day, each part in a column of its
 * own, and the year and the month printed only when they change: "26 Marzo 10" (10 March 2026),
 * then "Febrero 05" under a row of January, then "01" alone under a row of the same month (the
 * Visa card statements of Argentine banks, "Resumen de cuenta": Galicia). Read as they stand,
 * "26 Marzo 10" is 26 March 2010, and a row printing its day alone has no date at all: it took
 * the date of the row above, its day pushed into its description.
 *
 * Here such a table's dates are written out in full (ISO, "2026-03-10") in the words of its rows,
 * each row that leaves out the year and the month taking them from the row above; the statement
 * is then read like any other. Only where the layout proves the order: a day printed alone on a
 * row with an amount, under the last number of the full dates — a date printed day first never
 * leaves its day out and prints its year alone. Pure: pages in, pages out; the lines' texts, which
 * the reader quotes, stay as printed.
 */
import type { Explanation } from "../statement.ts";
import { isoDate, monthNumber } from "../dates.ts";
import { looksLikeMoney } from "./amounts.ts";
import type { PdfLine, PdfPage, PdfSegment, PdfWord } from "./extract.ts";
import { columnsOf, type TableLayout } from "./table.ts";
import type { TableHeaderAt } from "./whole-units.ts";

export interface ElidedDateReading {
  pages: PdfPage[];
  explanation: Explanation;
}

/** The parts of a date a row prints at its start, and the words they are. */
interface PrintedParts {
  year?: number;
  month?: number;
  day: number;
  words: PdfWord[];
}

const DAY = /^\d{1,2}$/;
const TWO_DIGIT_YEAR = /^\d{2}$/;

/**
 * A month's name ("Marzo", "Enero"), or one cut short with a dot to fit its column ("Noviem.",
 * "Septie.", "Diciem."): its first letters are the month's abbreviation.
 */
function monthOf(word: string): number | undefined {
  const letters = word.replace(/\.$/, "");
  if (!/^\p{L}{3,}$/u.test(letters)) return undefined;
  const named = monthNumber(letters);
  if (named !== undefined || !word.endsWith(".")) return named;
  for (let n = letters.length - 1; n >= 3; n--) {
    const month = monthNumber(letters.slice(0, n));
    if (month !== undefined) return month;
  }
  return undefined;
}

/** The date parts the words start with, standing left of `end` (where the next text column starts). */
function printedParts(words: readonly PdfWord[], end: number): PrintedParts | undefined {
  const within = (n: number) => words.length >= n && words[n - 1]!.x1 < end;
  const [a, b, c] = words.map((w) => w.text);
  if (within(3) && TWO_DIGIT_YEAR.test(a!) && monthOf(b!) !== undefined && DAY.test(c!)) {
    return { year: 2000 + Number(a), month: monthOf(b!), day: Number(c), words: words.slice(0, 3) };
  }
  if (within(2) && monthOf(a!) !== undefined && DAY.test(b!)) return { month: monthOf(a!), day: Number(b), words: words.slice(0, 2) };
  if (within(1) && DAY.test(a!) && (b === undefined || monthOf(b) === undefined)) return { day: Number(a), words: words.slice(0, 1) };
  return undefined;
}

/** The lines of the tables, each with the table it is under: from a header's last line on, across pages. */
function tableLines(pages: readonly PdfPage[], headers: ReadonlyMap<number, readonly TableHeaderAt[]>): { line: PdfLine; layout: TableLayout }[] {
  const out: { line: PdfLine; layout: TableLayout }[] = [];
  let layout: TableLayout | undefined;
  for (const page of pages) {
    const here = headers.get(page.number) ?? [];
    page.lines.forEach((line, i) => {
      const header = here.findLast((h) => h.index <= i);
      if (header) {
        layout = header.layout;
        if (i < header.index + header.layout.headerLines.length) return;
      } else if (here.length > 0) return;
      if (layout) out.push({ line, layout });
    });
  }
  return out;
}

/**
 * The pages with their rows' dates written out in full, when a table prints them year, month and
 * day with the year and month left out where unchanged; undefined otherwise (read as printed).
 */
export function readElidedDates(pages: readonly PdfPage[], headers: ReadonlyMap<number, readonly TableHeaderAt[]>): ElidedDateReading | undefined {
  const found: { line: PdfLine; parts: PrintedParts; em: number }[] = [];
  for (const { line, layout } of tableLines(pages, headers)) {
    const { text, leftmostMoney } = columnsOf(layout);
    const date = text.find((c) => c.role === "date");
    if (!date || line.words.length < 2 || line.words[0]!.x0 < date.x0 - layout.em) continue;
    // The date's parts stand left of the next text column (the description) and of the money.
    const end = Math.min(leftmostMoney, ...text.filter((c) => c.x0 > date.x1).map((c) => c.x0 - layout.em / 2));
    const parts = printedParts(line.words, end);
    if (parts) found.push({ line, parts, em: layout.em });
  }
  const full = found.filter((f) => f.parts.year !== undefined);
  if (full.length === 0) return undefined;
  // Where the full dates print their day: every one in the same place.
  const day = full[0]!.parts.words[2]!;
  const month = full[0]!.parts.words[1]!;
  const under = (word: PdfWord, column: PdfWord, em: number) => Math.abs(word.x1 - column.x1) <= em / 2 || Math.abs(word.x0 - column.x0) <= em / 2;
  if (!full.every((f) => under(f.parts.words[2]!, day, f.em) && under(f.parts.words[1]!, month, f.em))) return undefined;
  // The proof: rows with an amount printing their day alone, under the full dates' day (right of their month).
  const hasMoney = (line: PdfLine) => line.segments.some((s) => looksLikeMoney(s.text));
  const placed = found.filter(
    (f) =>
      f.parts.year !== undefined ||
      (f.parts.month !== undefined && under(f.parts.words[0]!, month, f.em) && under(f.parts.words[1]!, day, f.em)) ||
      (f.parts.month === undefined && f.parts.words[0]!.x0 > month.x0 && under(f.parts.words[0]!, day, f.em)),
  );
  const dayAlone = placed.filter((f) => f.parts.month === undefined && hasMoney(f.line));
  if (dayAlone.length === 0) return undefined;

  const written = new Map<PdfLine, PdfLine>();
  let year: number | undefined;
  let current: number | undefined;
  for (const { line, parts } of placed) {
    if (parts.year !== undefined) year = parts.year;
    // (A month printed alone keeps the year above; a day alone, the month too.)
    if (parts.month !== undefined) current = parts.month;
    if (year === undefined || current === undefined) continue;
    const iso = isoDate(year, current, parts.day);
    // A date that does not exist is no date of this kind: the table is read as printed.
    if (!iso) return undefined;
    written.set(line, withDate(line, parts.words, iso));
  }
  const example = dayAlone[0]!.line.text.trim();
  return {
    pages: pages.map((page) => {
      const lines = page.lines.map((line) => written.get(line) ?? line);
      return lines.some((l, i) => l !== page.lines[i]) ? { ...page, lines } : page;
    }),
    explanation: {
      step: "date parts",
      decision: `dates printed year, month, day ("${full[0]!.parts.words.map((w) => w.text).join(" ")}": ${written.get(full[0]!.line)?.words[0]!.text}), the year and the month only when they change: a row without them takes them from the row above`,
      evidence: `${dayAlone.length} row${dayAlone.length === 1 ? "" : "s"} print${dayAlone.length === 1 ? "s" : ""} the day alone, under the full dates' last number (e.g. "${example}")`,
    },
  };
}

/** The line with its date's words replaced by one word, the date in full, where they stood. */
function withDate(line: PdfLine, dateWords: readonly PdfWord[], iso: string): PdfLine {
  const taken = new Set(dateWords);
  const date: PdfWord = { text: iso, x0: dateWords[0]!.x0, x1: dateWords.at(-1)!.x1, height: dateWords[0]!.height };
  const rest: PdfSegment[] = line.segments.flatMap((segment) => {
    const words = segment.words.filter((w) => !taken.has(w));
    if (words.length === segment.words.length) return [segment];
    return words.length === 0 ? [] : [{ text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, x1: words.at(-1)!.x1, words }];
  });
  const segments = [{ text: iso, x0: date.x0, x1: date.x1, words: [date] }, ...rest];
  // The line's text stays as printed: it is what skipped lines, a row's source lines and the explanation quote.
  return { ...line, segments, words: segments.flatMap((s) => s.words) };
}
