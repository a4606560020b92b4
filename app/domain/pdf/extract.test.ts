import { describe, expect, it } from "vitest";
import { extractPdfLines, PageText, rebuildLines, segmentWords, type TextFragment } from "./extract.ts";
import { fragmentsOf, type Cell } from "./test-pages.ts";
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

describe("PageText", () => {
  // A landscape table (792 wide, 612 high upright), as test-pages.ts places it.
  const rows: Cell[][] = [
    [[40, "Date"], [100, "Description"], [600, "Amount", "right"], [700, "Balance", "right"]],
    [[40, "11/01"], [100, "FRED-MEYER #0364 PORTLAND OR"], [600, "-39.38", "right"], [700, "1,890.82", "right"]],
    [[40, "11/02"], [100, "ZELLE FROM KEVIN CHO"], [600, "100.29", "right"], [700, "1,991.11", "right"]],
  ];
  const upright = rebuildLines(fragmentsOf(rows));
  const [W, H] = [612, 792];
  // Where each upright fragment (x, y in the landscape frame) stands on the portrait page, and its
  // matrix there, for text turned clockwise by a quarter-turn, a half and three quarters.
  const placed = {
    0: (x: number, y: number, s: number) => [s, 0, 0, -s, x, y],
    90: (x: number, y: number, s: number) => [0, s, s, 0, W - y, x],
    // (Upside down, the page is landscape: 792 wide, 612 high.)
    180: (x: number, y: number, s: number) => [-s, 0, 0, s, H - x, W - y],
    270: (x: number, y: number, s: number) => [0, -s, -s, 0, y, H - x],
  } as const;
  const pageText = (turn: keyof typeof placed, width = turn === 90 || turn === 270 ? W : H, height = turn === 90 || turn === 270 ? H : W) => {
    const text = new PageText(width, height);
    for (const f of fragmentsOf(rows)) {
      const [a, b, c, d, e, g] = placed[turn](f.x, f.y, f.height);
      text.add(f.text, a!, b!, c!, d!, e!, g!, f.width, f.height);
    }
    return text;
  };

  it("reads a page whose text runs a quarter-turn, a half or three quarters from upright as upright, its width and height swapped as turned", () => {
    for (const turn of [90, 180, 270] as const) {
      const page = pageText(turn).page(1);
      expect(page.lines.map((l) => [l.text, l.segments.map((g) => [g.text, Math.round(g.x0), Math.round(g.x1)])])).toEqual(
        upright.map((l) => [l.text, l.segments.map((g) => [g.text, Math.round(g.x0), Math.round(g.x1)])]),
      );
      expect([page.turned, page.sideways, page.itemCount, page.width, page.height]).toEqual([turn, undefined, 12, 792, 612]);
    }
    expect(pageText(0).page(1)).toMatchObject({ itemCount: 12, width: 792, height: 612 });
    expect(pageText(0).page(1).turned).toBeUndefined();
  });

  it("keeps a page upright that holds a few sideways items (a margin note, a barcode's digits) and counts them as unread; text at a slant likewise", () => {
    const text = pageText(0);
    text.add("Statement ID 0042 7781", 0, -8, 8, 0, 780, 500, 90, 8);
    text.add("OMR 1101", 0, 8, -8, 0, 10, 100, 30, 8);
    text.add("VOID", 7, 7, -7, 7, 300, 300, 20, 10);
    const page = text.page(1);
    expect(page.lines.map((l) => l.text)).toEqual(upright.map((l) => l.text));
    expect([page.turned, page.sideways, page.itemCount]).toEqual([undefined, 3, 12]);
  });
});

/** A one-page PDF of lines of Courier text, each at (x, y from the top) of a `width`×`height` layout, drawn through `cm`. */
function courierPdf(lines: [x: number, top: number, text: string][], mediaBox: [number, number], cm: string, height: number): Uint8Array {
  const escape = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `q ${cm} cm BT\n${lines.map(([x, top, t]) => `/F1 10 Tf 1 0 0 1 ${x} ${height - top} Tm (${escape(t)}) Tj`).join("\n")}\nET Q\n`;
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${mediaBox[0]} ${mediaBox[1]}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    { dictionary: "<< >>", stream: content },
    "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
  ]);
}

describe("extractPdfLines on pages drawn turned", () => {
  const lines: [number, number, string][] = [
    [40, 60, "Willamette Valley Bank"],
    [40, 100, "11/01"],
    [100, 100, "FRED-MEYER #0364 PORTLAND OR"],
    [560, 100, "-39.38"],
    [40, 114, "11/02"],
    [100, 114, "ZELLE FROM KEVIN CHO"],
    [560, 114, "100.29"],
  ];
  const expected = ["Willamette Valley Bank", "11/01 FRED-MEYER #0364 PORTLAND OR -39.38", "11/02 ZELLE FROM KEVIN CHO 100.29"];

  it("reads a landscape page drawn a quarter-turn either way on a portrait page (no /Rotate) as it was laid out", async () => {
    for (const [cm, turned] of [["0 -1 1 0 0 792", 90], ["0 1 -1 0 612 0", 270]] as const) {
      const { pages } = await extractPdfLines(courierPdf(lines, [612, 792], cm, 612));
      expect(pages[0]!.lines.map((l) => l.text)).toEqual(expected);
      expect([pages[0]!.turned, pages[0]!.width, pages[0]!.height]).toEqual([turned, 792, 612]);
      // Positions as laid out: the amount's left edge where it was drawn.
      expect(pages[0]!.lines[1]!.segments.at(-1)!.x0).toBeCloseTo(560);
    }
    const { pages } = await extractPdfLines(courierPdf(lines, [792, 612], "1 0 0 1 0 0", 612));
    expect([pages[0]!.lines.map((l) => l.text), pages[0]!.turned]).toEqual([expected, undefined]);
  });
});
