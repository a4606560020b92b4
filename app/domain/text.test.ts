import { describe, expect, it } from "vitest";
import { collapseWhitespace, endMark, isSpace, trimCharacters } from "./text.ts";

describe("isSpace", () => {
  it("is a regular expression's \\s, for every character of the basic plane", () => {
    for (let code = 0; code <= 0xffff; code++) {
      expect(isSpace(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });
});

describe("endMark", () => {
  const texts = ["12.34 CR", "12.34CR", "12.34   \t CR", "CR", " CR", "12.34 ACR", "Betrag in EUR", "in EUR", "EUR", "a  b  EUR", "12.34 CR x", ""];
  it("finds what `\\s*` + the mark finds, at the same place", () => {
    for (const text of texts) {
      const old = /\s*(?<![A-Za-z])(CR|DR)$/.exec(text);
      const found = endMark(text, /(?<![A-Za-z])(CR|DR)$/);
      expect(found && { start: found.start, mark: found.match[1] }, text).toEqual(old && { start: old.index, mark: old[1] });
    }
  });

  it("finds what `\\s+` + the mark finds when the space is required", () => {
    for (const text of texts) {
      const old = /\s+([A-Z]{3})$/.exec(text);
      const found = endMark(text, /(?<=\s)([A-Z]{3})$/, "required");
      expect(found && { start: found.start, code: found.match[1] }, text).toEqual(old && { start: old.index, code: old[1] });
    }
  });

  it("takes time linear in the text: a 200,000-space run that does not end in the mark", () => {
    const text = `${" ".repeat(200_000)}x`;
    const started = performance.now();
    expect(endMark(text, /(?<![A-Za-z])(CR|DR)$/)).toBeNull();
    // `/\s*(CR|DR)$/` on this text scans the run from each of its positions: minutes.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("trimCharacters", () => {
  const quoteOrSpace = (c: number) => c === 0x22 || isSpace(c);
  it("trims each end by its own test, and returns the text itself when nothing is trimmed", () => {
    expect(trimCharacters(' "Date" ', quoteOrSpace)).toBe("Date");
    expect(trimCharacters('"#Date"', (c) => c === 0x22 || c === 0x23, (c) => c === 0x22)).toBe("Date");
    expect(trimCharacters('""', quoteOrSpace)).toBe("");
    const text = "Date";
    expect(trimCharacters(text, quoteOrSpace)).toBe(text);
  });
});

describe("collapseWhitespace", () => {
  it.each([
    "PLAIN TEXT",
    "TWO  SPACES",
    " LEADING AND TRAILING ",
    "TAB\tINSIDE",
    "LINE\r\nBREAK",
    "NO\u00a0BREAK",
    "FIGURE\u2007SPACE NARROW\u202fNO-BREAK",
    "IDEOGRAPHIC\u3000SPACE",
    "MIXED \t\u00a0 RUN",
    "",
    "   ",
  ])("%j as replace(/\\s+/g, \" \") gives it", (text) => {
    expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, " "));
  });
});
