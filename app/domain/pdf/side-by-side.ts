/**
 * Tables printed in two or three columns side by side — the paid checks of a US business
 * checking statement ("Date Check # Amount | Date Check # Amount"), each line holding two or three
 * rows — turned into one table the reader knows: each line's first part where it was, then the
 * others (moved onto the first copy's columns) after the table's last line, so the rows come in
 * the order the statement lists them (down the left column, then down the next). Pure.
 */
import type { PdfLine, PdfPage, PdfSegment, PdfWord } from "./extract.ts";
import { sideBySideHeader } from "./table.ts";
import { FOOTNOTE } from "./vocabulary.ts";

/**
 * The pages with each table printed side by side unfolded, and the header lines of those tables
 * (their first copies): a row read under one is a side-by-side table's. A line's later parts keep
 * their own line numbers past the page's last: a row needs its own.
 */
export function unfoldSideBySideTables(pages: readonly PdfPage[]): { pages: PdfPage[]; headers: ReadonlySet<PdfLine> } {
  const headers = new Set<PdfLine>();
  const unfolded = pages.map((page) => {
    let lines = page.lines;
    let nextNumber = page.lines.length + 1;
    for (let i = 0; i < lines.length; i++) {
      const header = sideBySideHeader(lines[i]!, lines[i + 1]);
      if (!header) continue;
      const em = lines[i]!.height || 10;
      const { starts } = header;
      const headerLines = lines.slice(i, i + header.lines);
      // Copy k holds the segments from just before its header's start to just before the next one's.
      const splits = [...starts.slice(1).map((x) => x - em / 2), Infinity];
      const copyAt = (x: number) => splits.findIndex((split) => x < split);
      const copyOf = (s: PdfSegment) => copyAt(s.x0);
      // A copy's cells start where the copy starts, or, its first columns left empty (the
      // "Number" of U.S. Bank's customer deposits, "Number | Date | Ref Number | Amount"), where
      // its date column does: the date opens a row wherever columns before it are blank — on a
      // line whose every segment stays inside one copy (else a copy's first cell may be run into
      // the copy before's last: "52.54 1452", the copies not cut apart).
      const width = header.columns.length / starts.length;
      const dateAt = header.columns.slice(0, width).findIndex((c) => c.role === "date");
      const dateStarts = starts.map((_, k) => (dateAt < 0 ? undefined : header.columns[k * width + dateAt]!.x0));
      const startsAt = (segments: readonly PdfSegment[], k: number, within: boolean) =>
        segments.length === 0 || Math.abs(segments[0]!.x0 - starts[k]!) <= em || (within && dateStarts[k] !== undefined && Math.abs(segments[0]!.x0 - dateStarts[k]!) <= em);
      const parts: PdfLine[][] = starts.map(() => []);
      const headerCut = headerLines.map((h) => cutAtCopies(h, copyAt, em));
      for (let k = 0; k < starts.length; k++) for (const h of headerCut) parts[k]!.push(halfOf(h, (s) => copyOf(s) === k, starts[k]! - starts[0]!));
      let end = i + header.lines;
      for (let previousY = lines[end - 1]!.y; end < lines.length; end++) {
        const line = cutAtCopies(lines[end]!, copyAt, em);
        if (line.y - previousY > 2.6 * em) break;
        // A footnote under the table ("* Gap in check sequence", explaining a mark) ends it.
        if (FOOTNOTE.test(line.text)) break;
        const byCopy = starts.map((_, k) => line.segments.filter((s) => copyOf(s) === k));
        // A line that does not start its parts where the copies of the header start (a "Total
        // checks" line with the total far right) ends the table.
        const within = line.segments.every((s) => copyOf(s) === copyAt(s.x1));
        if (byCopy.some((segments, k) => !startsAt(segments, k, within))) break;
        byCopy.forEach((segments, k) => {
          if (segments.length > 0) parts[k]!.push(halfOf(line, (s) => copyOf(s) === k, starts[k]! - starts[0]!));
        });
        previousY = line.y;
      }
      // The first copy stays where it is (its header is the table's); the others follow it,
      // each renumbered, their header copies left out.
      // With nothing in the later copies (the one check left for a continuation page, under the
      // header repeated whole) the header still becomes its first copy: read whole, its columns
      // would be the last copy's, and the rows under the first would stand in none.
      for (const h of parts[0]!.slice(0, header.lines)) headers.add(h);
      const later = parts.slice(1).flatMap((p) => p.slice(header.lines)).map((line) => ({ ...line, lineNumber: nextNumber++ }));
      lines = [...lines.slice(0, i), ...parts[0]!, ...later, ...lines.slice(end)];
      i += parts[0]!.length + later.length - 1;
    }
    return lines === page.lines ? page : { ...page, lines };
  });
  return { pages: unfolded, headers };
}

/**
 * The line with each segment cut where its words fall in different copies: with little room
 * between one copy's amount and the next copy's first cell ("52.54 1452", 6 pt apart: SECU's
 * checks three across) their words make one segment, which belongs to both copies. Only at a gap
 * wider than a space (half an em, and half as wide again as the segment's other gaps): a line of
 * words that runs on across the copies (a total, a note under the table) stays whole.
 */
function cutAtCopies(line: PdfLine, copyAt: (x: number) => number, em: number): PdfLine {
  if (line.segments.every((s) => copyAt(s.x0) === copyAt(s.words.at(-1)!.x0))) return line;
  const segments = line.segments.flatMap((s) => {
    const copies = s.words.map((w) => copyAt(w.x0));
    const gaps = s.words.slice(1).map((w, i) => w.x0 - s.words[i]!.x1);
    const inCopy = Math.max(0, ...gaps.filter((_, i) => copies[i] === copies[i + 1]));
    const runs: PdfWord[][] = [[s.words[0]!]];
    gaps.forEach((gap, i) => {
      if (copies[i] !== copies[i + 1] && gap > em / 2 && gap > 1.5 * inCopy) runs.push([]);
      runs.at(-1)!.push(s.words[i + 1]!);
    });
    return runs.length === 1 ? [s] : runs.map((words) => ({ text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, x1: words.at(-1)!.x1, words }));
  });
  return { ...line, segments };
}

/** The segments of a line that `keep` selects, moved `shift` to the left. */
function halfOf(line: PdfLine, keep: (segment: PdfSegment) => boolean, shift: number): PdfLine {
  const segments = line.segments.filter(keep).map((s) => ({
    text: s.text,
    x0: s.x0 - shift,
    x1: s.x1 - shift,
    words: s.words.map((w) => ({ ...w, x0: w.x0 - shift, x1: w.x1 - shift })),
  }));
  const words = segments.flatMap((s) => s.words);
  return { ...line, segments, words, text: words.map((w) => w.text).join(" ") };
}
