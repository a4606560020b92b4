/**
 * Tables printed in two columns side by side — the paid checks of a US business checking
 * statement ("Date Check # Amount | Date Check # Amount"), each line holding two rows — turned
 * into one table the reader knows: each line's left half where it was, then the right halves
 * (moved onto the left columns) after the table's last line, so the rows come in the order the
 * statement lists them (down the left column, then down the right). Pure.
 */
import type { PdfLine, PdfPage, PdfSegment } from "./extract.ts";
import { sideBySideHeader } from "./table.ts";

/** A line's right half keeps its own line number past the page's last: a row needs its own. */
export function unfoldSideBySideTables(pages: readonly PdfPage[]): PdfPage[] {
  return pages.map((page) => {
    let lines = page.lines;
    let nextNumber = page.lines.length + 1;
    for (let i = 0; i < lines.length; i++) {
      const header = sideBySideHeader(lines[i]!);
      if (!header) continue;
      const em = lines[i]!.height || 10;
      const split = header.rightStart - em / 2;
      const shift = header.rightStart - header.leftStart;
      const starts = (segments: readonly PdfSegment[], x: number) => segments.length === 0 || Math.abs(segments[0]!.x0 - x) <= em;
      const leftHalves: PdfLine[] = [halfOf(lines[i]!, (s) => s.x0 < split, 0)];
      const rightHalves: PdfLine[] = [];
      let end = i + 1;
      for (let previousY = lines[i]!.y; end < lines.length; end++) {
        const line = lines[end]!;
        if (line.y - previousY > 2.6 * em) break;
        const left = line.segments.filter((s) => s.x0 < split);
        const right = line.segments.filter((s) => s.x0 >= split);
        // A line that does not start its halves where the two copies of the header start (a
        // "Total checks" line with the total far right) ends the table.
        if (!starts(left, header.leftStart) || !starts(right, header.rightStart)) break;
        if (left.length > 0) leftHalves.push(halfOf(line, (s) => s.x0 < split, 0));
        if (right.length > 0) rightHalves.push({ ...halfOf(line, (s) => s.x0 >= split, shift), lineNumber: nextNumber++ });
        previousY = line.y;
      }
      if (rightHalves.length === 0) continue;
      lines = [...lines.slice(0, i), ...leftHalves, ...rightHalves, ...lines.slice(end)];
      i += leftHalves.length + rightHalves.length - 1;
    }
    return lines === page.lines ? page : { ...page, lines };
  });
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
