import { describe, expect, it } from "vitest";
import { extractPdfLines, rebuildLines, segmentWords, type TextFragment } from "./extract.ts";
import { pdfFile } from "../test-support.ts";

const frag = (text: string, x: number, y: number, width = text.length * 5, height = 10): TextFragment => ({ text, x, y, width, height });

describe("rebuildLines", () => {
  it("groups fragments by baseline within a tolerance and orders them left to right", () => {
    const lines = rebuildLines([frag("1,234.56", 400, 101.5), frag("02/03", 40, 100), frag("Coffee", 100, 100.8), frag("Next line", 100, 114)]);
    expect(lines.map((l) => l.text)).toEqual(["02/03 Coffee 1,234.56", "Next line"]);
    expect(lines.map((l) => l.lineNumber)).toEqual([1, 2]);
  });

  it("glues glyph-by-glyph fragments into words and keeps real gaps as spaces", () => {
    const glyphs = [..."Paid out"].map((c, i) => frag(c, 100 + i * 5, 50, 5)).filter((f) => f.text !== " ");
    const [line] = rebuildLines(glyphs);
    expect(line.words.map((w) => w.text)).toEqual(["Paid", "out"]);
    expect(line.segments.map((s) => s.text)).toEqual(["Paid out"]);
  });

  it("cuts one padded fragment (a whole line of a text report) into cells", () => {
    const text = "2026-03-02  Stripe payout        2,310.45    14,790.45";
    const [line] = rebuildLines([frag(text, 50, 700, text.length * 5.4, 9)]);
    expect(line.segments.map((s) => s.text)).toEqual(["2026-03-02", "Stripe payout", "2,310.45", "14,790.45"]);
    // Positions follow the characters: the balance's right edge is the line's right edge.
    expect(line.segments.at(-1)!.x1).toBeCloseTo(50 + text.length * 5.4);
  });

  it("skips whitespace-only fragments", () => {
    expect(rebuildLines([frag("   ", 10, 10), frag("", 10, 10)])).toEqual([]);
  });
});

describe("segmentWords", () => {
  it("starts a new segment at gaps wider than a couple of characters", () => {
    const words = [
      { text: "Card", x0: 0, x1: 20, height: 10 },
      { text: "payment", x0: 23, x1: 58, height: 10 },
      { text: "12.00", x0: 120, x1: 145, height: 10 },
    ];
    expect(segmentWords(words).map((s) => s.text)).toEqual(["Card payment", "12.00"]);
  });
});

/**
 * A one-page PDF whose font is a non-embedded Japanese CID font addressed through a predefined
 * CMap (UniJIS-UCS2-H), with no ToUnicode map: pdf.js needs its bundled CMaps to find any text.
 */
function predefinedCMapPdf(cells: [text: string, x: number, y: number][]): Uint8Array {
  const ucs2 = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")).join("");
  const content = `BT\n${cells.map(([t, x, y]) => `/F1 10 Tf 1 0 0 1 ${x} ${y} Tm <${ucs2(t)}> Tj`).join("\n")}\nET\n`;
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    { dictionary: "<< >>", stream: content },
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ]);
}

describe("extractPdfLines", () => {
  it("reads text set in a font the PDF does not embed, through pdf.js's predefined CMaps (Japanese, Chinese, Korean)", async () => {
    const bytes = predefinedCMapPdf([
      ["日付", 50, 760],
      ["摘要", 120, 760],
      ["お支払金額", 380, 760],
      ["振込手数料", 120, 740],
    ]);
    const { pages } = await extractPdfLines(bytes);
    expect(pages[0]!.lines.map((l) => l.text)).toEqual(["日付 摘要 お支払金額", "振込手数料"]);
  });
});
