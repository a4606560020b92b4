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
    expect(explained.explain.at(-1)).toEqual({ step: "balance proof", decision: "holds", evidence: "opening 84,215.37 + 31 rows = closing 88,993.55" });
  });

  it("--explain says when a file's rows do not add up to its balances, as the worker would find before posting", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cashline-cli-"));
    const file = path.join(dir, "broken.csv");
    // 95.50 - 10.00 is 85.50, not the 80.50 printed.
    await writeFile(file, "Date,Description,Amount,Balance\n2026-03-02,Coffee,-4.50,95.50\n2026-03-03,Lunch,-10.00,80.50\n");
    const [explained] = JSON.parse((await runMain("parse", file, "--explain")).stdout);
    expect(explained.rows).toHaveLength(2);
    const proof = explained.explain.at(-1);
    expect(proof.step).toBe("balance proof");
    expect(proof.decision).toBe("broken: the import would be held for review");
    expect(proof.evidence).toMatch(/row 3/);
    expect(explained.warnings).toEqual([`the balances do not add up (${proof.evidence}): the import would be held for review`]);
  });

  it("--explain does not call an OFX's balances proven when its opening was worked back from its closing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cashline-cli-"));
    const file = path.join(dir, "ledger-only.ofx");
    await writeFile(
      file,
      "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n" +
        "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>123456789<ACCTTYPE>CHECKING</BANKACCTFROM>" +
        "<BANKTRANLIST><DTSTART>20260101<DTEND>20260131<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260105<TRNAMT>-10.00<FITID>F1<NAME>Coffee</STMTTRN></BANKTRANLIST>" +
        "<LEDGERBAL><BALAMT>490.00<DTASOF>20260131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
    );
    const [explained] = JSON.parse((await runMain("parse", file, "--explain")).stdout);
    expect([explained.openingBalance, explained.closingBalance]).toEqual(["500.00", "490.00"]);
    expect(explained.explain.at(-1)).toMatchObject({ step: "balance proof", decision: "not provable" });
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

  it.each([
    ["-480000.00", "JPY", "-480000"],
    ["-133.562", "JOD", "-133.562"],
    ["-12.3", "EUR", "-12.30"],
    ["5", "KWD", "5.000"],
    // More decimals than the currency has: shown as read (the import refuses it).
    ["1.5", "JPY", "1.5"],
    ["-1.2340", "USD", "-1.2340"],
  ])("%s in %s → %s", (input, currency, expected) => {
    expect(amountText(Decimal.parse(input), currency)).toBe(expected);
  });
});

describe("cashline categorize-eval", () => {
  async function runMain(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  async function files(contents: Record<string, string | Uint8Array>): Promise<Record<string, string>> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cashline-categorize-"));
    const paths: Record<string, string> = {};
    for (const [name, content] of Object.entries(contents)) {
      paths[name] = path.join(dir, name);
      await writeFile(paths[name], content);
    }
    return paths;
  }

  const TRAIN = [
    "description,amount,category",
    "GUSTO DES:NET PAY ID:XHARMG2JB INDN:ACME CO ID:1278190352 PPD,-8200.00,wages",
    "ACH DEBIT GUSTO NET PAY,-7900.00,wages",
    "GITHUB INC SAN FRANCISCO CA,-21.00,tools",
    "POS PURCHASE 0301 GITHUB INC SAN FRANCISCO CA,-21.00,tools",
    "ATLASSIAN AMSTERDAM NL,-49.00,tools",
    "ACH CREDIT STRIPE TRANSFER ST-K2J8X9Q4,2418.77,sales",
    '"STRIPE DES:TRANSFER ID:ST-7NYRW674 INDN:ACME, INC CO ID:3994783138 CCD",1822.10,sales',
  ].join("\n");

  it("trains on A only and prints { accuracy, predictions } for B (subprocess, the documented command)", async () => {
    const p = await files({
      "a.csv": `${TRAIN}\n`,
      // Different column order and case, an extra column, any category names.
      "b.csv": "Category,Date,Description,Amount\nwages,2026-04-01,GUSTO DES:NET PAY ID:ZZ INDN:ACME CO ID:1 PPD,-8050.00\ntools,2026-04-02,CHECKCARD 0402 GITHUB INC SAN FRANCISCO CA,-21.00\nrent,2026-04-03,FASTER PAYMENT TO J SMITH PROPERTIES REF RENT,-2750.00\n",
    });
    const run = await cli("categorize-eval", "--train", p["a.csv"]!, "--test", p["b.csv"]!, "--json");
    expect(run.stderr).not.toContain("cashline:");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { accuracy: number; predictions: { description: string; predicted: string; confidence: number }[] };
    expect(Object.keys(output).sort()).toEqual(["accuracy", "predictions"]);
    expect(output.predictions.map((p) => Object.keys(p).sort())).toEqual(Array(3).fill(["confidence", "description", "predicted"]));
    expect(output.predictions.map((p) => p.description)).toEqual([
      "GUSTO DES:NET PAY ID:ZZ INDN:ACME CO ID:1 PPD",
      "CHECKCARD 0402 GITHUB INC SAN FRANCISCO CA",
      "FASTER PAYMENT TO J SMITH PROPERTIES REF RENT",
    ]);
    expect(output.predictions.slice(0, 2).map((p) => p.predicted)).toEqual(["wages", "tools"]);
    // "rent" is only in B: a model trained on A cannot know it.
    expect(["wages", "tools", "sales"]).toContain(output.predictions[2]!.predicted);
    expect(output.accuracy).toBeCloseTo(2 / 3, 4);
    for (const p of output.predictions) {
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
    }
    expect(output.predictions[0]!.confidence).toBeGreaterThan(0.9);
  }, 60_000);

  it("reads BOMs, semicolons and decimal commas, and prints JSON without --json too", async () => {
    const p = await files({
      "a.csv": `\uFEFFdescription;amount;category\nMIETE BÜRO HAUPTSTR 5;-2.150,00;Miete\nTELEKOM DEUTSCHLAND GMBH;-49,95;Telefon\nMIETE BÜRO APRIL;-2.150,00;Miete\n`,
      "b.csv": "description;amount;category\nMIETE BÜRO MAI;-2.150,00;Miete\n",
    });
    const run = await runMain("categorize-eval", "--train", p["a.csv"]!, "--test", p["b.csv"]!);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ accuracy: 1, predictions: [{ description: "MIETE BÜRO MAI", predicted: "Miete", confidence: expect.any(Number) }] });
  });

  it("learns only from the training file: the same test file scores differently on different training", async () => {
    const p = await files({
      "a.csv": `${TRAIN}\n`,
      "swapped.csv": TRAIN.replace(/,wages$/gm, ",X").replace(/,tools$/gm, ",wages").replace(/,X$/gm, ",tools"),
      "b.csv": "description,amount,category\nACH DEBIT GUSTO NET PAY,-7950.00,wages\n",
    });
    const right = JSON.parse((await runMain("categorize-eval", "--train", p["a.csv"]!, "--test", p["b.csv"]!)).stdout);
    const wrong = JSON.parse((await runMain("categorize-eval", "--train", p["swapped.csv"]!, "--test", p["b.csv"]!)).stdout);
    expect(right.accuracy).toBe(1);
    expect(wrong.accuracy).toBe(0);
    expect(wrong.predictions[0].predicted).toBe("tools");
  });

  it.each([
    [["categorize-eval", "--train", "a.csv"], "categorize-eval: name the training file with --train and the test file with --test"],
    [["categorize-eval", "--test", "b.csv"], "categorize-eval: name the training file with --train and the test file with --test"],
    [["categorize-eval", "--train", "a.csv", "--test", "b.csv", "extra.csv"], 'categorize-eval: unexpected argument "extra.csv"'],
    [["categorize-eval", "--train"], "--train needs a value"],
    [["categorize-eval", "--train", "a.csv", "--test", "b.csv", "--explain"], "unknown option --explain"],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const run = await runMain(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`cashline: ${message}\n`);
    expect(run.stderr).toContain("cashline categorize-eval --train A.csv --test B.csv [--json]");
  });

  it("reports a bad file with its name and row on stderr (exit 1)", async () => {
    const p = await files({
      "good.csv": `${TRAIN}\n`,
      "no-amount.csv": "description,value,category\nX,1,a\n",
      "bad-amount.csv": "description,amount,category\nX,1.00,a\nY,12;3,b\nZ,abc,c\n",
      "empty-amount.csv": "description,amount,category\nX,,a\n",
      "no-category.csv": "description,amount,category\nX,1.00,a\n\nY,2.00,  \n",
      "header-only.csv": "description,amount,category\n",
      "empty.csv": "",
      "short-row.csv": "description,amount,category\nX,1.00\n",
      "twice.csv": "description,amount,category,Amount\nX,1.00,a,2\n",
    });
    const cases: [string, string][] = [
      [path.join(path.dirname(p["good.csv"]!), "missing.csv"), `cannot read ${path.join(path.dirname(p["good.csv"]!), "missing.csv")}: ENOENT: no such file or directory`],
      [p["no-amount.csv"]!, `${p["no-amount.csv"]}: missing column "amount" — row 1 must name the columns description, amount and category (it has: description, value, category)`],
      [p["bad-amount.csv"]!, `${p["bad-amount.csv"]} row 3: cannot read the amount "12;3"`],
      [p["empty-amount.csv"]!, `${p["empty-amount.csv"]} row 2: the amount is empty`],
      [p["no-category.csv"]!, `${p["no-category.csv"]} row 4: the category is empty`],
      [p["header-only.csv"]!, `${p["header-only.csv"]} has no rows below the header`],
      [p["empty.csv"]!, `${p["empty.csv"]} is empty: it needs a header row with description, amount and category`],
      [p["short-row.csv"]!, `${p["short-row.csv"]} row 2: 2 fields, but the header has 3`],
      [p["twice.csv"]!, `${p["twice.csv"]}: the column "amount" appears twice in the header`],
    ];
    for (const [bad, message] of cases) {
      for (const argv of [
        ["categorize-eval", "--train", bad, "--test", p["good.csv"]!],
        ["categorize-eval", "--train", p["good.csv"]!, "--test", bad],
      ]) {
        const run = await runMain(...argv);
        expect(run.code, message).toBe(1);
        expect(run.stdout).toBe("");
        expect(run.stderr).toContain(`cashline: ${message}`);
        expect(run.stderr).not.toContain("usage:");
      }
    }
  });
});
