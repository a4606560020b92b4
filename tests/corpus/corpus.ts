/**
 * The statement corpus (fixtures/statements) and the one definition of "parsed exactly" used by
 * both the corpus test and `npm run bench:accuracy`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BalanceChainChecker } from "../../app/domain/balance.ts";
import { Decimal } from "../../app/domain/money.ts";
import { parseStatementFile, type ParseOutcome } from "../../app/domain/parse.ts";
import type { ExpectedFacts } from "./facts.ts";

export type { ExpectedFacts };

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../fixtures/statements");


export interface CorpusFile {
  /** Path relative to fixtures/statements, e.g. "csv/us-chase-checking.csv". */
  name: string;
  folder: string;
  bytes: Uint8Array;
  expected: ExpectedFacts;
}

export function loadCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const folder of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = path.join(CORPUS_DIR, folder.name);
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith(".expected.json")) continue;
      const dataFile = entry.slice(0, -".expected.json".length);
      files.push({
        name: `${folder.name}/${dataFile}`,
        folder: folder.name,
        bytes: readFileSync(path.join(dir, dataFile)),
        expected: JSON.parse(readFileSync(path.join(dir, entry), "utf8")) as ExpectedFacts,
      });
    }
  }
  return files;
}

/** Every way the outcome differs from the facts; empty = parsed exactly. */
export function compareWithFacts(outcome: ParseOutcome, expected: ExpectedFacts): string[] {
  if (expected.error !== undefined) {
    if (outcome.ok) return [`expected an error containing "${expected.error}", but it parsed ${outcome.statement.rows.length} rows`];
    return outcome.error.includes(expected.error) ? [] : [`error "${outcome.error}" does not contain "${expected.error}"`];
  }
  if (!outcome.ok) return [`failed: ${outcome.error}`];
  const s = outcome.statement;
  const problems: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (wanted !== undefined && actual !== wanted) problems.push(`${what}: got ${String(actual)}, expected ${String(wanted)}`);
  };
  const sameAmount = (what: string, actual: Decimal | undefined, wanted: string | undefined) => {
    if (wanted === undefined) return;
    if (actual === undefined || !actual.eq(Decimal.parse(wanted))) problems.push(`${what}: got ${actual?.toString()}, expected ${wanted}`);
  };
  const dates = s.rows.map((r) => r.date).sort();
  check("rowCount", s.rows.length, expected.rowCount);
  sameAmount("netSum", Decimal.sum(s.rows.map((r) => r.amount)), expected.netSum);
  check("firstDate", dates[0], expected.firstDate);
  check("lastDate", dates.at(-1), expected.lastDate);
  sameAmount("openingBalance", s.openingBalance, expected.openingBalance);
  sameAmount("closingBalance", s.closingBalance, expected.closingBalance);
  check("currency", s.currency, expected.currency);
  check("pendingCount", s.pending.length, expected.pendingCount ?? 0);
  check("confidence", s.confidence, expected.confidence);
  // The contract every parser keeps: a row's sourceRow identifies it within the file.
  check("distinct sourceRows", new Set(s.rows.map((r) => r.sourceRow)).size, s.rows.length);
  // Every row says what it was: a ledger of bare amounts cannot be reviewed or categorized.
  const wordless = s.rows.filter((r) => r.description.trim() === "" && !r.payee);
  if (wordless.length > 0) problems.push(`${wordless.length} row(s) without a description or payee, the first at source row ${wordless[0]!.sourceRow}`);
  for (const text of expected.textIncludes ?? []) {
    if (!s.rows.some((r) => r.description.includes(text) || r.payee?.includes(text))) problems.push(`no row's description or payee holds "${text}"`);
  }
  // The worker's balance proof, run as the worker runs it: a statement the bank printed
  // consistently must prove (a wrong sign on one running balance would otherwise pass the
  // facts above and end as "needs review" in the ledger).
  // (parseStatementFile returns rows oldest first, whatever the file's order.)
  const checker = new BalanceChainChecker("ascending");
  for (const row of s.rows) checker.add(row);
  const proof = checker.result({ opening: s.openingBalance, closing: s.closingBalance });
  if (proof.status === "broken" && !expected.proofBreaks) problems.push(`balance proof: ${proof.message}`);
  return problems;
}

export async function checkCorpusFile(file: CorpusFile): Promise<string[]> {
  const outcome = await parseStatementFile(file.bytes, { fileName: path.basename(file.name), ...file.expected.options });
  return compareWithFacts(outcome, file.expected);
}
