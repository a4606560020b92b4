/**
 * Test helper: builds pages of positioned text the way pdf.js reports them, from rows of
 * `[x, text]` cells, so the statement reader can be tested without a PDF. Monospaced widths
 * (half an em per character) keep the geometry predictable.
 */
import { rebuildLines, type PdfPage, type TextFragment } from "./extract.ts";

export type Cell = [x: number, text: string] | [x: number, text: string, align: "right"];

export const FONT_SIZE = 10;
const CHAR = 0.5 * FONT_SIZE;

export function fragmentsOf(rows: readonly (readonly Cell[])[], lineHeight = 14): TextFragment[] {
  return rows.flatMap((cells, i) =>
    cells.map(([x, text, align]) => ({
      text,
      x: align === "right" ? x - text.length * CHAR : x,
      y: 50 + i * lineHeight,
      width: text.length * CHAR,
      height: FONT_SIZE,
    })),
  );
}

export function pageOf(rows: readonly (readonly Cell[])[], number = 1, lineHeight = 14): PdfPage {
  const fragments = fragmentsOf(rows, lineHeight);
  return { number, width: 595, height: 842, itemCount: fragments.length, lines: rebuildLines(fragments, number) };
}
