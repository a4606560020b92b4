import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { isSpace, loadPdfJs, rebuildLines, segmentWords, withPdfDocument, type TextFragment } from "./extract.ts";

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
