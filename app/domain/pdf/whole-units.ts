/**
 * Statements in a currency their bank prints without minor units: forints as Hungarian banks
 * print them ("-12 500", "245 300 HUF"), yen, won, krónur, Chilean pesos. The reader finds money
 * by its two decimals, so that a reference, a year or a count never becomes an amount; such a
 * statement would have no amounts at all, and be refused.
 *
 * Here such a statement's whole amounts are given the decimals they leave out ("-12 500" reads
 * as "-12 500,00"; the line's text, quoted to the user, stays as printed), and the statement is then
 * read like any other. Only where the evidence is
 * strong. The money columns of its table hold whole numbers and not one two-decimal amount, and
 * the statement names a currency printed in whole units. The whole numbers taken are:
 * - in a money column, on the table's lines (from its header to its last dated line);
 * - on a balance line anywhere, where grouped or printed with their currency.
 * Pure: pages in, pages out.
 */
import { PdfLine, PdfPage, PdfSegment } from "./extract.ts";
import { looksLikeMoney, readWholeNumber, type WholeNumber } from "./amounts.ts";
import { leadingDate } from "./dates.ts";
import { columnsOf, ledgerMoneyColumnFor, moneyColumnFor, type TableLayout } from "./table.ts";
import { CLOSING_BALANCE, OPENING_BALANCE, POSITIONAL_BALANCE, WHOLE_UNIT_CURRENCIES, fold } from "./vocabulary.ts";
import type { Explanation } from "../statement.ts";

export interface TableHeaderAt {
  layout: TableLayout;
  /** Index of the header's first line on its page. */
  index: number;
}

export interface WholeUnitReading {
  pages: PdfPage[];
  currency: string;
  explanation: Explanation;
}

/** A whole number found on a line: which words of which segment it is. */
interface Found {
  segment: number;
  /** Index of the first and one past the last of its words in the segment. */
  from: number;
  to: number;
  number: WholeNumber;
}

/**
 * The pages with their whole amounts given decimals, when the statement is one of whole units;
 * undefined otherwise (the statement is read as printed). `decideCurrency` is the reader's own
 * currency decision, given the currencies printed with the whole numbers found.
 */
export function readWholeUnitAmounts(
  pages: readonly PdfPage[],
  headers: ReadonlyMap<number, readonly TableHeaderAt[]>,
  decideCurrency: (printed: readonly { currency?: string }[]) => { code: string } | undefined,
): WholeUnitReading | undefined {
  const found = new Map<PdfLine, Found[]>();
  // Whole numbers printed with their currency on other lines ("현재잔액 3,341,470원", the balance
  // above the table): what they say of the currency counts, though they are not read as amounts.
  const marked: WholeNumber[] = [];
  let inColumns = 0;
  let example: string | undefined;
  let layout: TableLayout | undefined;
  for (const page of pages) {
    const here = headers.get(page.number) ?? [];
    const lastDated = lastDatedLine(page, here[0]?.layout ?? layout);
    for (let i = 0; i < page.lines.length; i++) {
      const header = here.find((h) => h.index === i);
      if (header) {
        layout = header.layout;
        i += header.layout.headerLines.length - 1;
        continue;
      }
      const line = page.lines[i]!;
      const inTable = layout !== undefined && (here.length === 0 || i > here[0]!.index) && i <= lastDated;
      if (inTable) {
        // One two-decimal amount in a money column: a statement of ordinary money. (Not one in the
        // currency the row was spent in: "USD 13.76" beside krónur.)
        if (line.segments.some((s) => looksLikeMoney(s.text) && ledgerMoneyColumnFor(s, layout!) !== undefined)) return undefined;
        const numbers = columnNumbers(line, layout!);
        if (numbers.length > 0) {
          found.set(line, numbers);
          inColumns += numbers.length;
          example ??= segmentText(line.segments[numbers[0]!.segment]!, numbers[0]!);
          continue;
        }
      }
      if (namesBalance(line)) {
        const numbers = balanceNumbers(line);
        if (numbers.length > 0) found.set(line, numbers);
      }
      if (!found.has(line)) marked.push(...balanceNumbers(line).map((f) => f.number).filter((n) => n.currency !== undefined));
    }
  }
  if (inColumns === 0) return undefined;
  const all = [...found.values()].flat();
  const groupings = new Set(all.map((f) => f.number.grouping).filter((g) => g === "." || g === ","));
  // "1.234" and "1,234" in one statement: one of them would be a decimal; not a whole statement.
  if (groupings.size > 1) return undefined;
  const currency = decideCurrency([...all.map((f) => f.number), ...marked]);
  if (!currency || !WHOLE_UNIT_CURRENCIES.has(currency.code)) return undefined;

  // The decimals take the separator the grouping does not use.
  const decimals = groupings.has(",") ? ".00" : ",00";
  return {
    pages: pages.map((page) => {
      const lines = page.lines.map((line) => {
        const numbers = found.get(line);
        return numbers ? withDecimals(line, numbers, decimals) : line;
      });
      return lines.some((l, i) => l !== page.lines[i]) ? { ...page, lines } : page;
    }),
    currency: currency.code,
    explanation: {
      step: "whole amounts",
      decision: `${currency.code} amounts are printed without decimals: read as whole ${currency.code}`,
      evidence: `${inColumns} whole number${inColumns === 1 ? "" : "s"} in the table's money columns and no amount with decimals (e.g. "${example}")`,
    },
  };
}

/**
 * Index of the page's last line that starts with a date (-1: none): its first word, or the first
 * word in the table's date column, after cells printed left of it ("순번", a row's number: NH
 * NongHyup's "1  2026/03/31 16:09:48 …").
 */
function lastDatedLine(page: PdfPage, layout: TableLayout | undefined): number {
  const dateColumn = layout?.columns.find((c) => c.role === "date");
  for (let i = page.lines.length - 1; i >= 0; i--) {
    const words = page.lines[i]!.words;
    const texts = words.map((w) => w.text);
    if (leadingDate(texts, "day-first") ?? leadingDate(texts, "month-first")) return i;
    if (!dateColumn) continue;
    const first = words.findIndex((w) => w.x0 >= dateColumn.x0 - layout!.em);
    if (first > 0 && first <= 2 && (leadingDate(texts.slice(first), "day-first") ?? leadingDate(texts.slice(first), "month-first"))) return i;
  }
  return -1;
}

function namesBalance(line: PdfLine): boolean {
  const folded = fold(line.text);
  return OPENING_BALANCE.test(folded) || CLOSING_BALANCE.test(folded) || POSITIONAL_BALANCE.test(folded);
}

/**
 * Whole segments that are whole numbers in a money column, when the line also has text: a lone
 * number under a money column (a page number) is not a row's amount, nor one under a column not
 * read apart left of the table's text columns (a row's number under "순번" or "No." before the
 * dates: NH NongHyup).
 */
function columnNumbers(line: PdfLine, layout: TableLayout): Found[] {
  const out: Found[] = [];
  const em = layout.em;
  const firstText = Math.min(...columnsOf(layout).text.map((c) => c.x0));
  const leading = (layout.otherColumns ?? []).filter((o) => o.x1 < firstText - em / 2);
  line.segments.forEach((segment, index) => {
    const number = readWholeNumber(segment.text);
    if (!number || moneyColumnFor(segment, layout) === undefined) return;
    if (segment.x1 < firstText && leading.some((o) => segment.x0 >= o.x0 - em && segment.x1 <= o.x1 + em)) return;
    out.push({ segment: index, from: 0, to: segment.words.length, number });
  });
  return out.length > 0 && out.length < line.segments.length ? out : [];
}

/**
 * Whole numbers on a balance line: whole segments, or the last words of a segment glued to
 * its label ("Nyitó egyenleg: 245 300 HUF"). Outside the table's columns, a bare number may be a
 * year or a day ("Closing balance on 31 March 2026"): only one grouped in thousands or printed
 * with its currency is taken.
 */
function balanceNumbers(line: PdfLine): Found[] {
  const out: Found[] = [];
  line.segments.forEach((segment, index) => {
    for (let n = Math.min(4, segment.words.length); n >= 1; n--) {
      const from = segment.words.length - n;
      const number = readWholeNumber(segment.words.slice(from).map((w) => w.text).join(" "));
      if (number && (number.grouping !== undefined || number.currency !== undefined)) {
        out.push({ segment: index, from, to: segment.words.length, number });
        break;
      }
    }
  });
  return out;
}

function segmentText(segment: PdfSegment, f: Found): string {
  return segment.words.slice(f.from, f.to).map((w) => w.text).join(" ");
}

/** The line with `decimals` after the last digit of each whole number found on it. */
function withDecimals(line: PdfLine, numbers: readonly Found[], decimals: string): PdfLine {
  const segments = line.segments.map((segment, index) => {
    const f = numbers.find((n) => n.segment === index);
    if (!f) return segment;
    // The last word with a digit holds the number's end; marks and currencies have none.
    let last = f.to - 1;
    while (last >= f.from && !/\d/.test(segment.words[last]!.text)) last--;
    const words = segment.words.map((w, i) => {
      if (i !== last) return w;
      const end = w.text.search(/\d(?!.*\d)/u) + 1;
      return { ...w, text: w.text.slice(0, end) + decimals + w.text.slice(end) };
    });
    return { ...segment, words, text: words.map((w) => w.text).join(" ") };
  });
  // The line's text stays as printed: it is what skipped lines, a row's source lines and the
  // explanation quote.
  return { ...line, segments, words: segments.flatMap((s) => s.words) };
}
