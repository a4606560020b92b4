import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { extractPdfLines, isSpace, loadPdfJs, rebuildLines, segmentWords, withPdfDocument, type TextFragment } from "./extract.ts";

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

describe("loadPdfJs", () => {
  it("leaves the thread its own built-in methods (pdf.js's bundled core-js swaps in slower ones: push, JSON)", async () => {
    const targets = { Array, "Array.prototype": Array.prototype, JSON, Object, "String.prototype": String.prototype, Promise, "Map.prototype": Map.prototype };
    const before = Object.entries(targets).flatMap(([name, target]) =>
      Reflect.ownKeys(target).map((key) => [`${name}.${String(key)}`, Reflect.getOwnPropertyDescriptor(target, key)?.value] as const),
    );
    const pdfjs = await loadPdfJs();
    // pdf.js's worker half (its own core-js) loads no later than here, not on the first document.
    const text = await withPdfDocument(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../../fixtures/statements/pdf/multi-page.pdf"))), async (doc) => {
      const content = await (await doc.getPage(1)).getTextContent();
      return content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    });
    expect(text).toMatch(/Balance/i);
    expect(typeof pdfjs.getDocument).toBe("function");
    const after = new Map(
      Object.entries(targets).flatMap(([name, target]) => Reflect.ownKeys(target).map((key) => [`${name}.${String(key)}`, Reflect.getOwnPropertyDescriptor(target, key)?.value] as const)),
    );
    const replaced = before.filter(([key, value]) => typeof value === "function" && after.get(key) !== value).map(([key]) => key);
    expect(replaced).toEqual([]);
    expect(Array.prototype.push).toBe(before.find(([key]) => key === "Array.prototype.push")![1]);
    expect(JSON.stringify).toBe(before.find(([key]) => key === "JSON.stringify")![1]);
  });
});

describe("isSpace", () => {
  it("is a regular expression's \\s, for every character of the basic plane", () => {
    for (let code = 0; code <= 0xffff; code++) {
      expect(isSpace(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });
});

/**
 * A one-page PDF whose font is a non-embedded Japanese CID font addressed through a predefined
 * CMap (UniJIS-UCS2-H), with no ToUnicode map: pdf.js needs its bundled CMaps to find any text.
 */
function predefinedCMapPdf(cells: [text: string, x: number, y: number][]): Uint8Array {
  const ucs2 = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")).join("");
  const content = `BT\n${cells.map(([t, x, y]) => `/F1 10 Tf 1 0 0 1 ${x} ${y} Tm <${ucs2(t)}> Tj`).join("\n")}\nET\n`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}endstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(pdf);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
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
