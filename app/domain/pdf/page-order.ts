/**
 * The order a statement's pages are read in. A file may store its pages out of order (printed
 * back to front, pages shuffled when scanned or merged), and a statement's rows and running
 * balance only follow each other in the order the pages were printed: where every page prints its
 * number out of the whole ("Page 2 of 2", "Seite 1 von 3", "Page 1 sur 2", "2/2"), that order is
 * the printed one.
 */
import type { Explanation } from "../statement.ts";
import type { PdfPage } from "./extract.ts";

/** "Page 2 of 3" and its kin, anywhere in a line (a letterhead's "Willamette Valley Bank Page 1 of 2"). */
const PAGE_OF =
  /(?:^|[^\p{L}])(?:page|seite|blatt|p[aá]gina|pag\.?|folio|side|sida|strana|strona|str\.?|oldal|sivu|blad|bladzijde|σελίδα|σελιδα|страница|стр\.?)\s*(\d{1,4})\s*(?:of|von|sur|de|di|van|af|av|z|ze|из|από|απο|\/)\s*(\d{1,4})(?!\d)/iu;
/** A page's number alone in its cell, out of the whole ("2/3", "2 of 3", "- 2 / 3 -"). */
const BARE_PAGE_OF = /^[-–]?\s?(\d{1,4})\s?(?:\/|of|von|sur|de|di|van|af|av|z)\s?(\d{1,4})\s?[-–]?$/i;

/** Lines at a page's top and foot where its number is printed. */
const EDGE_LINES = 8;

/**
 * The number a page prints of itself, out of `count` pages, if it prints exactly one: a number
 * named as a page's ("Page 2 of 3") first, else one alone in its cell ("2/3").
 */
function printedNumber(page: PdfPage, count: number): { n: number; text: string } | undefined {
  const lines = page.lines;
  let named: { n: number; text: string } | undefined;
  let bare: { n: number; text: string } | undefined;
  let ambiguous = false;
  for (let i = 0; i < lines.length; i++) {
    // Its top and its foot only.
    if (i === EDGE_LINES && lines.length > 2 * EDGE_LINES) i = lines.length - EDGE_LINES;
    const line = lines[i]!;
    const m = PAGE_OF.exec(line.text);
    if (m && Number(m[2]) === count) {
      const n = Number(m[1]);
      if (n >= 1 && n <= count) {
        if (named !== undefined && named.n !== n) return undefined;
        named = { n, text: m[0].replace(/^[^\p{L}]/u, "") };
      }
      continue;
    }
    if (named !== undefined || ambiguous) continue;
    for (const segment of line.segments) {
      const b = segment.text.length <= 15 ? BARE_PAGE_OF.exec(segment.text) : null;
      if (!b || Number(b[2]) !== count) continue;
      const n = Number(b[1]);
      if (n < 1 || n > count) continue;
      if (bare !== undefined && bare.n !== n) ambiguous = true;
      bare = { n, text: segment.text };
    }
  }
  return named ?? (ambiguous ? undefined : bare);
}

/**
 * The pages in the order they were printed, when every page prints its number out of the whole
 * ("Page N of M", M the file's page count, each number once) and the file stores them otherwise;
 * else the pages as stored. The explanation says what was done.
 */
export function inPrintedOrder(pages: readonly PdfPage[]): { pages: readonly PdfPage[]; explanation?: Explanation } {
  const count = pages.length;
  if (count < 2) return { pages };
  const numbers: number[] = [];
  const byNumber: PdfPage[] = new Array(count);
  let stored = true;
  let firstText = "";
  for (const page of pages) {
    const printed = printedNumber(page, count);
    if (printed === undefined || byNumber[printed.n - 1] !== undefined) return { pages };
    byNumber[printed.n - 1] = page;
    if (printed.n !== numbers.length + 1) stored = false;
    if (numbers.length === 0) firstText = printed.text;
    numbers.push(printed.n);
  }
  if (stored) return { pages };
  const shown = numbers.length <= 12 ? numbers.join(", ") : `${numbers.slice(0, 12).join(", ")}, …`;
  return {
    pages: byNumber,
    explanation: {
      step: "page order",
      decision: "the pages were read in their printed order, not as the file stores them",
      evidence: `every page prints its number out of ${count}, the file's first "${firstText}"; the file stores them as pages ${shown} (page numbers elsewhere are the file's own)`,
    },
  };
}
