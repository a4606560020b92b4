/**
 * Hostile text takes time linear in its length. CSV files are read, and descriptions
 * normalized, on the import worker's own thread, where nothing can stop a running regular
 * expression: one quadratic pattern (`\s*CR$` on a cell of spaces) turned a 1 MB cell into
 * hours of a blocked worker. Each case below took seconds to minutes before its fix (noted);
 * the bounds leave linear code a hundredfold margin on a slow machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { features } from "./categorize.ts";
import { directionOf } from "./csv/numbers.ts";
import { Decimal } from "./money.ts";
import { parseStatementFile } from "./parse.ts";
import { normalizePayee } from "./payee.ts";
import { rebuildLines } from "./pdf/extract.ts";
import { readStatementLines } from "./pdf/parse.ts";

const CELL = 100_000;

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** How long reading a whole statement file takes, refused or not. */
async function parsedMs(bytes: Uint8Array, fileName: string): Promise<number> {
  const started = performance.now();
  await parseStatementFile(bytes, { fileName });
  return performance.now() - started;
}

const csvMs = (lines: string[]) => parsedMs(new TextEncoder().encode(`${lines.join("\n")}\n`), "hostile.csv");

describe("a long cell of spaces, dots or dashes is read in linear time", () => {
  const runs = { spaces: `${" ".repeat(CELL)}x`, tabs: `${"\t".repeat(CELL)}x`, quotes: `${'" '.repeat(CELL / 2)}x` };
  for (const [name, cell] of Object.entries(runs)) {
    const quoted = `"${cell.replace(/"/g, '""')}"`;
    it(`CSV, ${name}: as a column name, an amount, a date and a description (was 25–200 s for spaces)`, async () => {
      expect(await csvMs([`Date,${quoted},Amount`, "2026-01-03,Deposit,100.00", "2026-01-06,Tea,-2.00"])).toBeLessThan(3_000);
      expect(await csvMs(["Date,Description,Amount", "2026-01-03,Deposit,100.00", `2026-01-05,Coffee,${quoted}`, "2026-01-06,Tea,-2.00"])).toBeLessThan(3_000);
      expect(await csvMs(["Date,Description,Amount", "2026-01-03,Deposit,100.00", `${quoted},Coffee,-1.00`, "2026-01-06,Tea,-2.00"])).toBeLessThan(3_000);
      expect(await csvMs(["Date,Description,Amount", "2026-01-03,Deposit,100.00", `2026-01-05,${quoted},-1.00`, "2026-01-06,Tea,-2.00"])).toBeLessThan(3_000);
    });
  }
});

describe("a long debit/credit mark is read in linear time", () => {
  it("dots and spaces after it (was ~9 s)", () => {
    expect(timed(() => directionOf(`Cr${". ".repeat(CELL / 2)}x`))).toBeLessThan(1_000);
  });
});

describe("a long description is normalized to a payee in linear time", () => {
  it("one word of punctuation after a letter (was ~6 s)", () => {
    expect(timed(() => normalizePayee(`a${"!".repeat(CELL)}x`))).toBeLessThan(1_000);
  });

  it("a run of leading filler words (was ~7 s)", () => {
    expect(timed(() => normalizePayee(`${"a ".repeat(CELL / 2)}x`))).toBeLessThan(1_000);
  });
});

describe("a long description's categorizing features are found in linear time", () => {
  it("320,000 distinct words (was ~10 s: each word looked for among those before it)", () => {
    const description = Array.from({ length: 320_000 }, (_, i) => `word${i.toString(36)}x`).join(" ");
    expect(timed(() => features({ description, amount: Decimal.parse("-1.00") }))).toBeLessThan(4_000);
  });
});

describe("a long PDF line is read in linear time", () => {
  const read = (texts: string[]) => {
    const lines = rebuildLines(
      [{ text: "Date Description Amount Balance", x: 10, y: 50, width: 160, height: 10 }, ...texts.map((text, i) => ({ text, x: 10, y: 100 + 20 * i, width: text.length * 5, height: 10 }))],
      1,
    );
    return timed(() => {
      try {
        readStatementLines([{ number: 1, width: 600, height: 800, itemCount: 1 + texts.length, lines }], {});
      } catch {
        // refused or not: only the time counts here
      }
    });
  };
  for (const [name, unit] of [["commas", ",,"], ["dots", ".."]] as const) {
    it(`a description of ${name} (was ~7 s)`, () => {
      expect(read([`12 Mar ${unit.repeat(CELL / 2)}x 12.34`])).toBeLessThan(1_500);
    });
  }

  it("a line of dashes under a row, in capitals, read as a possible section heading (was ~15 s)", () => {
    expect(read(["12 Mar Coffee 12.34", `${"- ".repeat(CELL / 2)}X`, "13 Mar Tea 2.00"])).toBeLessThan(1_500);
  });
});

describe("a long MT940 :86: field is read in linear time (on the parse thread, bounded only by its time limit)", () => {
  /** A corpus statement with `run` put where `at` finds the first transaction's information. */
  const withRun = (file: string, at: RegExp, run: string) => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../../fixtures/statements/mt940", file), "latin1");
    const m = at.exec(text)!;
    const end = m.index + m[0].length;
    return new Uint8Array(Buffer.from(`${text.slice(0, end)}${run}x${text.slice(end)}`, "latin1"));
  };
  const mt940Ms = (bytes: Uint8Array) => parsedMs(bytes, "hostile.sta");

  it("German structured form: 25,000 subfields of one number (was ~15 s)", async () => {
    expect(await mt940Ms(withRun("de-sparkasse-two-months.sta", /\?20/, "?2".repeat(25_000)))).toBeLessThan(1_500);
  });

  it("Dutch tagged form: a run of slashes in the remittance text (was ~16 s)", async () => {
    expect(await mt940Ms(withRun("nl-bank-tagged-86.sta", /\/REMI\//, "/".repeat(200_000)))).toBeLessThan(2_000);
  });

  it("free text: a run of spaces (was ~24 s)", async () => {
    expect(await mt940Ms(withRun("nl-bank-tagged-86.sta", /:86:/, " ".repeat(200_000)))).toBeLessThan(2_000);
  });
});
