import { describe, expect, it } from "vitest";
import { StatementParseError } from "../statement.ts";
import { RecordSplitter, splitRecords, withoutTextMarker, type SourceRecord } from "./records.ts";

function chunked(text: string, sizes: number[]): SourceRecord[] {
  const out: SourceRecord[] = [];
  const splitter = new RecordSplitter(",", (r) => out.push(r));
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length];
    splitter.push(text.slice(at, at + size));
    at += size;
  }
  splitter.finish();
  return out;
}

describe("withoutTextMarker", () => {
  it("drops the one apostrophe Excel puts before a cell's text, and nothing else", () => {
    expect(["'02/01", " '0000", "'KARTU DEBIT", "''quoted", "no mark", "", "'"].map(withoutTextMarker)).toEqual(["02/01", " 0000", "KARTU DEBIT", "'quoted", "no mark", "", ""]);
  });
});

describe("splitRecords", () => {
  it("reads quoted delimiters, doubled quotes and line breaks inside quotes, with physical line numbers", () => {
    const text = 'a,"b,c","say ""hi"""\r\n"multi\nline\r\nfield",x\rlast,"",end';
    expect(splitRecords(text, ",")).toEqual([
      { line: 1, cells: ["a", "b,c", 'say "hi"'] },
      { line: 2, cells: ["multi\nline\r\nfield", "x"] },
      { line: 5, cells: ["last", "", "end"] },
    ]);
  });

  it("keeps blank lines as records (for line numbers) and no record after a final line break", () => {
    expect(splitRecords("a\n\nb\n", ",").map((r) => [r.line, r.cells])).toEqual([[1, ["a"]], [2, [""]], [3, ["b"]]]);
  });

  it("reads other delimiters and a quote after leading spaces", () => {
    expect(splitRecords('a;b;"c;d"\n', ";")[0].cells).toEqual(["a", "b", "c;d"]);
    expect(splitRecords("a\tb|c\n", "\t")[0].cells).toEqual(["a", "b|c"]);
    expect(splitRecords('x, "y,z"\n', ",")[0].cells).toEqual(["x", "y,z"]);
  });

  it("takes a spreadsheet text formula's string as the value: =\"0012\" as written, or quoted whole", () => {
    expect(splitRecords('="0012345678",="02/03/2026", ="a,b",x\n', ",")[0].cells).toEqual(["0012345678", "02/03/2026", "a,b", "x"]);
    expect(splitRecords('"=""0012""","=""say """"hi"""""""\n', ",")[0].cells).toEqual(["0012", 'say "hi"']);
    // Other formulas and a lone = stay as they are.
    expect(splitRecords("=SUM(A1:A2),=,a=\"b\"\n", ",")[0].cells).toEqual(["=SUM(A1:A2)", "=", 'a="b"']);
  });

  it("fails on a quote that is never closed, naming the line it starts on", () => {
    let error: unknown;
    try {
      splitRecords('a,b\n"open,\nc\n', ",");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as Error).message).toBe("row 2: a quoted field is never closed");
    expect(splitRecords('a,b\n"open,\nc\n', ",", { lenient: true })).toHaveLength(2);
  });

  it("gives the same records for every chunk boundary, including CR|LF and quote|quote splits", () => {
    const text = 'h1,h2\r\n"q ""x"" y",2\r\n"a\r\nb",3\rz,4\n"",5\r\n="0012",="6,7"\r\n';
    const whole = splitRecords(text, ",");
    for (let i = 0; i <= text.length; i++) {
      expect(chunked(text, [i || 1, text.length]), `split at ${i}`).toEqual(whole);
    }
    expect(chunked(text, [1])).toEqual(whole);
  });
});
