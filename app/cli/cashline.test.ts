import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Decimal } from "../domain/money.ts";
import { amountText, main } from "./cashline.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI the way users do: `npx tsx app/cli/cashline.ts …`, from the repository root. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "app/cli/cashline.ts", ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const ROW_KEYS = ["amount", "balance", "date", "description"];
const OK_KEYS = ["closingBalance", "currency", "file", "format", "openingBalance", "rows", "warnings"];
const ERROR_KEYS = ["error", "file", "format", "warnings"];
const DECIMAL = /^-?\d+\.\d{2,}$/;

describe("cashline parse (subprocess)", () => {
  it("prints one JSON array, one element per file in argument order, and exits 0 even when files fail", async () => {
    const files = [
      "fixtures/csv/chase-style.csv",
      "fixtures/csv/bad-amount.csv",
      "fixtures/statements/pdf/password-protected.pdf",
      "fixtures/csv/does-not-exist.csv",
      "fixtures/csv/de-semicolon.csv",
      "fixtures/csv/quoted-multiline.csv",
    ];
    const run = await cli("parse", ...files, "--json");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(output)).toBe(true);
    expect(output.map((o) => o.file)).toEqual(files);

    for (const element of output) {
      const keys = Object.keys(element);
      if ("error" in element) {
        expect(keys.every((k) => ERROR_KEYS.includes(k)), keys.join()).toBe(true);
        expect(typeof element.error).toBe("string");
        expect(element.warnings).toEqual([]);
        expect(element).not.toHaveProperty("rows");
      } else {
        expect(keys.every((k) => OK_KEYS.includes(k)), keys.join()).toBe(true);
        expect(element.format).toBe("csv");
        expect(Array.isArray(element.warnings)).toBe(true);
        for (const row of element.rows as Record<string, unknown>[]) {
          expect(Object.keys(row).every((k) => ROW_KEYS.includes(k))).toBe(true);
          expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(row.amount).toMatch(DECIMAL);
          expect(typeof row.description).toBe("string");
          if ("balance" in row) expect(row.balance).toMatch(DECIMAL);
        }
      }
    }

    const [chase, bad, pdf, missing, german, quoted] = output;
    expect((chase.rows as unknown[]).length).toBe(9);
    expect((chase.rows as unknown[])[0]).toEqual({
      date: "2026-01-02",
      amount: "2418.77",
      description: "ACH CREDIT STRIPE TRANSFER ST-K2J8X9Q4",
      balance: "5668.77",
    });
    // "986.5" in the file: at least two fraction digits in the output
    expect((chase.rows as { amount: string }[])[8].amount).toBe("986.50");
    expect(chase.openingBalance).toBe("3250.00");
    expect(chase.closingBalance).toBe("4969.63");
    expect(chase).not.toHaveProperty("currency");

    expect(bad).toEqual({ file: files[1], format: "csv", error: 'row 7: cannot read the amount "12,3,4"', warnings: [] });
    expect(pdf).toEqual({ file: files[2], format: "pdf", error: expect.stringContaining("password-protected"), warnings: [] });
    expect(missing).toEqual({ file: files[3], error: expect.stringMatching(/^cannot read file: ENOENT/), warnings: [] });

    expect(german.currency).toBe("EUR");
    expect((german.rows as { amount: string }[])[4].amount).toBe("1234.56");

    expect(quoted).not.toHaveProperty("openingBalance");
    expect((quoted.rows as Record<string, unknown>[])[0]).toEqual({
      date: "2026-02-02",
      amount: "1500.00",
      description: 'ACME, Inc. · Invoice 42 "final" payment',
    });
    // The "Total" line is not a transaction: it is reported under `skipped` (see --explain), not as a warning.
    expect(quoted.warnings).toEqual([]);
  }, 60_000);

  it("prints JSON without --json too", async () => {
    const run = await cli("parse", "fixtures/csv/header-only.csv");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: "fixtures/csv/header-only.csv",
        format: "csv",
        error: "no transactions found: the header is on line 1 but no row below it has a date and an amount",
        warnings: [],
      },
    ]);
  }, 60_000);

  it("exits 2 with usage on stderr for usage errors", async () => {
    const run = await cli("parse", "--json");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("cashline: parse: no files given");
    expect(run.stderr).toContain("cashline parse FILE... [--json]");
  }, 60_000);
});

describe("cashline main (in process)", () => {
  async function runMain(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  it.each([
    [[], "no command given"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["parse"], "parse: no files given"],
    [["parse", "x.csv", "--xml"], "unknown option --xml"],
  ])("%j is a usage error", async (argv, message) => {
    const run = await runMain(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`cashline: ${message}`);
    expect(run.stderr).toContain("usage:");
  });

  it("prints usage for --help", async () => {
    const run = await runMain("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("cashline parse FILE...");
  });

  it.each([
    [["parse", "x.csv", "--account-kind"], "--account-kind needs a value"],
    [["parse", "x.csv", "--account-kind", "savings"], '--account-kind must be bank or credit-card, not "savings"'],
  ])("%j is a usage error too", async (argv, message) => {
    const run = await runMain(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cashline: ${message}`);
  });

  it("--explain adds how each file was read, without changing the contract fields", async () => {
    const file = path.join(ROOT, "fixtures/demo/2026-07.csv");
    const plain = JSON.parse((await runMain("parse", file, "--json")).stdout)[0];
    const run = await runMain("parse", file, "--json", "--explain");
    expect(run.code).toBe(0);
    const [explained] = JSON.parse(run.stdout);
    expect(Object.keys(plain).every((k) => OK_KEYS.includes(k))).toBe(true);
    expect(explained).toMatchObject(plain);
    expect(explained.confidence).toMatch(/^(high|low)$/);
    expect(explained.pending).toEqual([]);
    expect(Array.isArray(explained.skipped)).toBe(true);
    const steps = (explained.explain as { step: string; decision: string }[]).map((e) => e.step);
    expect(steps).toEqual(expect.arrayContaining(["delimiter", "header row", "date order"]));
    for (const e of explained.explain) expect(typeof e.decision).toBe("string");
  });

  it("--account-kind credit-card turns a card export's positive charges into money out", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cashline-cli-"));
    const file = path.join(dir, "card.csv");
    await writeFile(file, "Date,Description,Amount\n2026-03-02,Office chairs,120.00\n2026-03-20,Payment - thank you,-120.00\n");
    const asBank = JSON.parse((await runMain("parse", file)).stdout)[0];
    const asCard = JSON.parse((await runMain("parse", file, "--account-kind=credit-card")).stdout)[0];
    expect(asBank.rows.map((r: { amount: string }) => r.amount)).toEqual(["120.00", "-120.00"]);
    expect(asCard.rows.map((r: { amount: string }) => r.amount)).toEqual(["-120.00", "120.00"]);
  });

  it("treats arguments after -- as files", async () => {
    const run = await runMain("parse", "--", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ file: "--json", error: expect.stringMatching(/^cannot read file: ENOENT/), warnings: [] }]);
  });

  it("parses the demo statements with chaining balances", async () => {
    const files = ["07", "08", "09", "10"].map((m) => path.join(ROOT, `fixtures/demo/2026-${m}.csv`));
    const run = await runMain("parse", ...files, "--json");
    const output = JSON.parse(run.stdout) as { openingBalance: string; closingBalance: string; rows: unknown[] }[];
    expect(output).toHaveLength(4);
    for (let i = 1; i < 4; i++) expect(output[i].openingBalance).toBe(output[i - 1].closingBalance);
  });
});

describe("amountText", () => {
  it.each([
    ["-12.3", "-12.30"],
    ["100", "100.00"],
    ["0.125", "0.125"],
    ["-1.2340", "-1.2340"],
    ["5.00", "5.00"],
  ])("%s → %s", (input, expected) => {
    expect(amountText(Decimal.parse(input))).toBe(expected);
  });
});
