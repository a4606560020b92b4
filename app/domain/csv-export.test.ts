import { describe, expect, it } from "vitest";
import { csvCell, csvRow, numberCell } from "./csv-export.ts";
import { Decimal } from "./money.ts";

describe("CSV the product writes", () => {
  it("neutralizes every cell a spreadsheet would run as a formula", () => {
    for (const [input, out] of [
      ["=HYPERLINK(\"http://evil.example\",\"click\")", `"'=HYPERLINK(""http://evil.example"",""click"")"`],
      ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
      ["\t=1+1", "'\t=1+1"],
      ["\r=1+1", "\"'\r=1+1\""],
      ["-12.50", "'-12.50"], // text that looks like a number is still text: only declared numbers pass
    ] as const) {
      expect(csvCell(input)).toBe(out);
    }
  });

  it("quotes per RFC 4180: commas, quotes, line breaks, edge spaces", () => {
    expect(csvCell("ACME, Inc.")).toBe('"ACME, Inc."');
    expect(csvCell('the "best" coffee')).toBe('"the ""best"" coffee"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("keeps numbers the product declares numeric, and refuses anything else declared as one", () => {
    expect(csvCell(Decimal.parse("-12.5000"))).toBe("-12.5000");
    expect(csvCell(numberCell("-7971.39"))).toBe("-7971.39");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(12345678901234567890n)).toBe("12345678901234567890");
    expect(() => csvCell(numberCell("=1+1"))).toThrow(/not a plain decimal number/);
    expect(() => csvCell(numberCell("1e5"))).toThrow(/not a plain decimal number/);
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });

  it("ends every row with CRLF", () => {
    expect(csvRow(["2026-01-02", "=cmd", numberCell("-4.50"), null])).toBe("2026-01-02,'=cmd,-4.50,\r\n");
  });
});
