/**
 * `cashline` — command-line access to the statement parsers, for checking a bank's files
 * without running the server:
 *
 *   npm run -s cli -- parse FILE... [--json] [--explain] [--account-kind bank|credit-card]
 *
 * --explain adds, per file, how it was read: the detection decisions (encoding, delimiter,
 * header row, column roles, date order, sign rule …), the confidence, and the lines left out
 * of the ledger with the reason (pending, balance lines, …). --account-kind says what the
 * files' account is (card exports list charges as positive; the ledger wants them negative).
 *
 * Output is always JSON on stdout. A file that cannot be parsed is reported in the output
 * (exit 0); only a wrong command line exits non-zero (2, usage on stderr).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Decimal } from "../domain/money.ts";
import { parseStatementFile } from "../domain/parse.ts";
import type { AccountKind, ParsedStatement, StatementFormat } from "../domain/statement.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface Command {
  summary: string;
  usage: string;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

const EXIT_OK = 0;
const EXIT_USAGE = 2;

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------
// parse

export interface ParsedFileJson {
  file: string;
  format?: StatementFormat;
  rows?: { date: string; amount: string; description: string; balance?: string }[];
  openingBalance?: string;
  closingBalance?: string;
  currency?: string;
  error?: string;
  warnings: string[];
  // With --explain only:
  confidence?: "high" | "low";
  explain?: ParsedStatement["explain"];
  pending?: { sourceRow: number; date: string; amount: string; description: string }[];
  skipped?: ParsedStatement["skipped"];
}

/** Exact decimal text with at least two fraction digits ("-12.30", "100.00", "0.125"). */
export function amountText(value: Decimal): string {
  return value.scale < 2 ? value.rescale(2).toString() : value.toString();
}

export function statementToJson(file: string, statement: ParsedStatement): ParsedFileJson {
  return {
    file,
    format: statement.format,
    rows: statement.rows.map((r) => ({
      date: r.date,
      amount: amountText(r.amount),
      description: r.description,
      ...(r.balance !== undefined ? { balance: amountText(r.balance) } : {}),
    })),
    ...(statement.openingBalance !== undefined ? { openingBalance: amountText(statement.openingBalance) } : {}),
    ...(statement.closingBalance !== undefined ? { closingBalance: amountText(statement.closingBalance) } : {}),
    ...(statement.currency !== undefined ? { currency: statement.currency } : {}),
    warnings: statement.warnings,
  };
}

function explained(json: ParsedFileJson, statement: ParsedStatement): ParsedFileJson {
  return {
    ...json,
    confidence: statement.confidence,
    explain: statement.explain,
    pending: statement.pending.map((r) => ({ sourceRow: r.sourceRow, date: r.date, amount: amountText(r.amount), description: r.description })),
    skipped: statement.skipped,
  };
}

async function parseOne(file: string, options: { explain: boolean; accountKind?: AccountKind }): Promise<ParsedFileJson> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, error: `cannot read file: ${(error as Error).message}`, warnings: [] };
  }
  const outcome = await parseStatementFile(bytes, {
    fileName: path.basename(file),
    ...(options.accountKind ? { accountKind: options.accountKind } : {}),
  });
  if (outcome.ok) {
    const json = statementToJson(file, outcome.statement);
    return options.explain ? explained(json, outcome.statement) : json;
  }
  return { file, ...(outcome.format ? { format: outcome.format } : {}), error: outcome.error, warnings: [] };
}

const parse: Command = {
  summary: "parse bank statement files and print their rows",
  usage: "parse FILE... [--json] [--explain] [--account-kind bank|credit-card]",
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError("parse: no files given");
    const accountKind = args.values.get("--account-kind");
    if (accountKind !== undefined && accountKind !== "bank" && accountKind !== "credit-card") {
      throw new UsageError(`--account-kind must be bank or credit-card, not "${accountKind}"`);
    }
    const options = { explain: args.flags.has("--explain"), ...(accountKind ? { accountKind: accountKind as AccountKind } : {}) };
    const results: ParsedFileJson[] = [];
    // One at a time: output order is argument order, and files may be large.
    for (const file of args.positional) results.push(await parseOne(file, options));
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    return EXIT_OK;
  },
};

// ---------------------------------------------------------------------------------------

const COMMANDS: Record<string, Command> = { parse };
/** Flags every command accepts. JSON is the only output format for now, so --json is a no-op. */
const KNOWN_FLAGS = new Set(["--json", "--explain"]);
/** Options that take a value: `--name value` or `--name=value`. */
const KNOWN_VALUES = new Set(["--account-kind"]);

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([, c]) => `  cashline ${c.usage.padEnd(28)} ${c.summary}`);
  return `usage:\n${lines.join("\n")}\n`;
}

function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (onlyPositional || !arg.startsWith("--") || arg === "-") positional.push(arg);
    else if (arg === "--") onlyPositional = true;
    else if (KNOWN_FLAGS.has(arg)) flags.add(arg);
    else if (KNOWN_VALUES.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return { positional, flags, values };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return EXIT_OK;
  }
  try {
    if (name === undefined) throw new UsageError("no command given");
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(parseArgs(rest), io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`cashline: ${error.message}\n${usage()}`);
    return EXIT_USAGE;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`cashline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
