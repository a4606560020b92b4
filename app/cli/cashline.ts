/**
 * `cashline` — command-line access to the statement parsers, for checking a bank's files
 * without running the server:
 *
 *   npm run -s cli -- parse FILE... [--json]
 *
 * Output is always JSON on stdout. A file that cannot be parsed is reported in the output
 * (exit 0); only a wrong command line exits non-zero (2, usage on stderr).
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Decimal } from "../domain/money.ts";
import { parseStatementFile } from "../domain/parse.ts";
import type { ParsedStatement, StatementFormat } from "../domain/statement.ts";

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

async function parseOne(file: string): Promise<ParsedFileJson> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, error: `cannot read file: ${(error as Error).message}`, warnings: [] };
  }
  const outcome = await parseStatementFile(bytes);
  if (outcome.ok) return statementToJson(file, outcome.statement);
  return { file, ...(outcome.format ? { format: outcome.format } : {}), error: outcome.error, warnings: [] };
}

const parse: Command = {
  summary: "parse bank statement files and print their rows",
  usage: "parse FILE... [--json]",
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError("parse: no files given");
    const results: ParsedFileJson[] = [];
    // One at a time: output order is argument order, and files may be large.
    for (const file of args.positional) results.push(await parseOne(file));
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    return EXIT_OK;
  },
};

// ---------------------------------------------------------------------------------------

const COMMANDS: Record<string, Command> = { parse };
/** Flags every command accepts. JSON is the only output format for now, so --json is a no-op. */
const KNOWN_FLAGS = new Set(["--json"]);

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([, c]) => `  cashline ${c.usage.padEnd(28)} ${c.summary}`);
  return `usage:\n${lines.join("\n")}\n`;
}

function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Set<string>();
  let onlyPositional = false;
  for (const arg of argv) {
    if (onlyPositional || !arg.startsWith("--") || arg === "-") positional.push(arg);
    else if (arg === "--") onlyPositional = true;
    else if (KNOWN_FLAGS.has(arg)) flags.add(arg);
    else throw new UsageError(`unknown option ${arg}`);
  }
  return { positional, flags };
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
