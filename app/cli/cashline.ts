/**
 * `cashline` — command-line access to the statement parsers, for checking a bank's files
 * without running the server:
 *
 *   npm run -s cli -- parse FILE... [--json] [--explain] [--account-kind bank|credit-card] [--account-number NUMBER]
 *
 * --explain adds, per file, how it was read: the detection decisions (encoding, delimiter,
 * header row, column roles, date order, sign rule …) and the balance proof the worker would
 * run, the confidence, and the lines left out of the ledger with the reason (pending, balance
 * lines, …). --account-kind says what the files' account is (card exports list charges as
 * positive; the ledger wants them negative). --account-number gives the account's number (or its
 * last four characters): of a file holding several accounts' statements (PDF, OFX, CAMT.053,
 * MT940), that account's part is read.
 *
 * Output is always JSON on stdout. A file that cannot be parsed is reported in the output
 * (exit 0); only a wrong command line exits non-zero (2, usage on stderr).
 *
 * The categorization learner on anyone's labelled data, without a database:
 *
 *   npm run -s cli -- categorize-eval --train A.csv --test B.csv [--json]
 *
 * Both CSVs have a header naming description, amount and category. Trains a fresh model on A
 * only and prints JSON `{ accuracy, predictions: [{ description, predicted, confidence }] }`
 * for B's rows in order. A file that cannot be read or has a bad row exits 1 with the file
 * and row on stderr (app/cli/categorize-eval.ts); a wrong command line exits 2.
 *
 * Maintenance commands, against the database (as its owner, DATABASE_URL) and the bucket:
 *
 *   npm run -s cli -- keys rotate [--tenant T] [--reencrypt] [--limit N] [--json]
 *   npm run -s cli -- keys reencrypt [--tenant T] [--limit N] [--json]
 *   npm run -s cli -- keys status [--tenant T] [--json]
 *   npm run -s cli -- keys rotate-master [--tenant T] [--json]
 *   npm run -s cli -- tenant delete --tenant T --yes [--json]
 *   npm run -s cli -- audit verify [--tenant T] [--json]      (exit 1 when a chain is broken)
 *
 * These print text, or JSON with --json; they exit 1 when something failed (the output says
 * what), 2 for usage errors.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BalanceChainChecker, formatForMessage } from "../domain/balance.ts";
import { currencyExponent, isCurrencyCode, type Decimal } from "../domain/money.ts";
import { parseStatementFile } from "../domain/parse.ts";
import type { AccountKind, Explanation, ParsedStatement, StatementFormat } from "../domain/statement.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface Command {
  summary: string;
  usage: string;
  /** Further usage lines (subcommands), printed beneath. */
  more?: string[];
  /** The options this command accepts; without them, the shared KNOWN_FLAGS / KNOWN_VALUES. */
  flags?: ReadonlySet<string>;
  values?: ReadonlySet<string>;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
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

/**
 * Exact decimal text. In the currency the statement states, with that currency's decimals
 * ("-480000" yen, "-133.562" Jordanian dinars, "-12.30" euros); otherwise with at least two
 * ("-12.30", "100.00", "0.125"). A value with more decimals than its currency has is shown as
 * read: the import refuses it, and the command line shows what it would refuse.
 */
export function amountText(value: Decimal, currency?: string): string {
  if (currency !== undefined && isCurrencyCode(currency)) {
    const exponent = currencyExponent(currency);
    return value.significantScale() <= exponent ? value.rescale(exponent).toString() : value.toString();
  }
  return value.scale < 2 ? value.rescale(2).toString() : value.toString();
}

export function statementToJson(file: string, statement: ParsedStatement): ParsedFileJson {
  const text = (value: Decimal) => amountText(value, statement.currency);
  return {
    file,
    format: statement.format,
    rows: statement.rows.map((r) => ({
      date: r.date,
      amount: text(r.amount),
      description: r.description,
      ...(r.balance !== undefined ? { balance: text(r.balance) } : {}),
    })),
    ...(statement.openingBalance !== undefined ? { openingBalance: text(statement.openingBalance) } : {}),
    ...(statement.closingBalance !== undefined ? { closingBalance: text(statement.closingBalance) } : {}),
    ...(statement.currency !== undefined ? { currency: statement.currency } : {}),
    warnings: statement.warnings,
  };
}

function explained(json: ParsedFileJson, statement: ParsedStatement): ParsedFileJson {
  const proof = balanceProofStep(statement);
  // Rows that do not add up to the balances are what a person must look at first: said among the warnings too.
  const broken = proof.decision.startsWith("broken") ? [`the balances do not add up (${proof.evidence}): the import would be held for review`] : [];
  return {
    ...json,
    warnings: [...json.warnings, ...broken],
    confidence: statement.confidence,
    explain: [...statement.explain, proof],
    pending: statement.pending.map((r) => ({ sourceRow: r.sourceRow, date: r.date, amount: amountText(r.amount, statement.currency), description: r.description })),
    skipped: statement.skipped,
  };
}

/**
 * The balance proof the worker runs before it posts a statement (app/domain/balance.ts): a
 * file that reads without an error but whose rows do not add up would be held for review.
 */
function balanceProofStep(statement: ParsedStatement): Explanation {
  if (statement.openingDerived) {
    return { step: "balance proof", decision: "not provable", evidence: "the file states only its closing balance; the opening was worked back from it and the rows, so they agree by construction" };
  }
  const checker = new BalanceChainChecker("ascending"); // parseStatementFile's rows are oldest first
  for (const row of statement.rows) checker.add(row);
  const proof = checker.result({ opening: statement.openingBalance, closing: statement.closingBalance });
  if (proof.status === "proven") {
    return {
      step: "balance proof",
      decision: "holds",
      evidence: `opening ${formatForMessage(proof.opening)} + ${statement.rows.length} row${statement.rows.length === 1 ? "" : "s"} = closing ${formatForMessage(proof.closing)}`,
    };
  }
  if (proof.status === "broken") return { step: "balance proof", decision: "broken: the import would be held for review", evidence: proof.message };
  return { step: "balance proof", decision: "not provable", evidence: proof.reason };
}

async function parseOne(file: string, options: { explain: boolean; accountKind?: AccountKind; accountNumber?: string }): Promise<ParsedFileJson> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, error: `cannot read file: ${(error as Error).message}`, warnings: [] };
  }
  const outcome = await parseStatementFile(bytes, {
    fileName: path.basename(file),
    ...(options.accountKind ? { accountKind: options.accountKind } : {}),
    ...(options.accountNumber ? { accountNumber: options.accountNumber } : {}),
  });
  if (outcome.ok) {
    const json = statementToJson(file, outcome.statement);
    return options.explain ? explained(json, outcome.statement) : json;
  }
  return { file, ...(outcome.format ? { format: outcome.format } : {}), error: outcome.error, warnings: [] };
}

const parse: Command = {
  summary: "parse bank statement files and print their rows",
  usage: "parse FILE... [--json] [--explain] [--account-kind bank|credit-card] [--account-number NUMBER]",
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError("parse: no files given");
    const accountKind = args.values.get("--account-kind");
    if (accountKind !== undefined && accountKind !== "bank" && accountKind !== "credit-card") {
      throw new UsageError(`--account-kind must be bank or credit-card, not "${accountKind}"`);
    }
    const accountNumber = args.values.get("--account-number");
    if (accountNumber !== undefined && !/^[0-9A-Za-z*•./\- ]{1,64}$/.test(accountNumber)) throw new UsageError(`--account-number must be the account's number (letters, digits, spaces, dots, dashes), not "${accountNumber}"`);
    const options = { explain: args.flags.has("--explain"), ...(accountKind ? { accountKind: accountKind as AccountKind } : {}), ...(accountNumber ? { accountNumber } : {}) };
    const results: ParsedFileJson[] = [];
    // One at a time: output order is argument order, and files may be large.
    for (const file of args.positional) results.push(await parseOne(file, options));
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    return EXIT_OK;
  },
};

// ---------------------------------------------------------------------------------------
// keys, tenant (database and bucket; services are loaded only when these run)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantOption(args: ParsedArgs): string | undefined {
  const tenant = args.values.get("--tenant");
  if (tenant !== undefined && !UUID.test(tenant)) throw new UsageError(`--tenant must be a tenant id (a UUID), not "${tenant}"`);
  return tenant;
}

function limitOption(args: ParsedArgs): number | undefined {
  const limit = args.values.get("--limit");
  if (limit === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(limit)) throw new UsageError(`--limit must be a positive whole number, not "${limit}"`);
  return Number(limit);
}

/** Connections the maintenance commands open, closed before the process exits. */
async function withServices<T>(fn: (services: MaintenanceServices) => Promise<T>): Promise<T> {
  const services = await loadServices();
  try {
    return await fn(services);
  } finally {
    await services.keys.closeOwnerDb();
    services.storage.closeStorage();
    services.crypto.closeKeyRing();
  }
}

async function loadServices() {
  const [keys, tenants, storage, crypto, audit] = await Promise.all([
    import("../services/keys.server.ts"),
    import("../services/tenants.server.ts"),
    import("../services/storage.server.ts"),
    import("../services/crypto.server.ts"),
    import("../services/audit.server.ts"),
  ]);
  return { keys, tenants, storage, crypto, audit };
}
type MaintenanceServices = Awaited<ReturnType<typeof loadServices>>;

/** The tenants a command applies to: the one named by --tenant, or all. */
async function selectTenants(services: MaintenanceServices, tenant: string | undefined): Promise<{ id: string; name: string }[]> {
  if (tenant === undefined) return services.keys.listTenants();
  const found = await services.keys.findTenant(tenant);
  if (!found) throw new OperationError(`there is no tenant ${tenant}`);
  return [found];
}

/** A failure to report (exit 1) rather than a usage error or a crash. */
class OperationError extends Error {}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type ReencryptSummary = Awaited<ReturnType<MaintenanceServices["keys"]["reencryptTenant"]>>;

function reencryptLine(r: ReencryptSummary): string {
  const parts = [
    `${r.statements.reencrypted} files and ${r.fields.reencrypted} fields moved to v${r.toVersion}`,
    r.remaining > 0 ? `${r.remaining} still on older versions${r.stoppedEarly ? " (stopped at --limit; run `keys reencrypt` again)" : ""}` : "none left on older versions",
  ];
  if (r.statements.skippedInProgress.length) parts.push(`${r.statements.skippedInProgress.length} being imported, left for a later run`);
  for (const f of r.statements.failed) parts.push(`FAILED statement ${f.statementId}: ${f.error}`);
  for (const f of r.fields.failed) parts.push(`FAILED ${f.field} ${f.id}: ${f.error}`);
  return parts.join("; ");
}

function reencryptFailed(r: ReencryptSummary): boolean {
  return r.statements.failed.length > 0 || r.fields.failed.length > 0;
}

const KEYS_USAGE = {
  rotate: "keys rotate [--tenant T] [--reencrypt] [--limit N] [--json]",
  reencrypt: "keys reencrypt [--tenant T] [--limit N] [--json]",
  status: "keys status [--tenant T] [--json]",
  "rotate-master": "keys rotate-master [--tenant T] [--json]",
} as const;

const keysCommand: Command = {
  summary: "rotate data keys, re-encrypt onto the current key, re-wrap under a new master key",
  usage: KEYS_USAGE.rotate,
  more: [KEYS_USAGE.reencrypt, KEYS_USAGE.status, KEYS_USAGE["rotate-master"]],
  flags: new Set(["--json", "--reencrypt"]),
  values: new Set(["--tenant", "--limit"]),
  async run(args, io) {
    const [sub, ...extra] = args.positional;
    if (sub === undefined) throw new UsageError("keys: say what to do: rotate, reencrypt, status or rotate-master");
    if (!(sub in KEYS_USAGE)) throw new UsageError(`keys: unknown subcommand "${sub}"`);
    if (extra.length > 0) throw new UsageError(`keys ${sub}: unexpected argument "${extra[0]}"`);
    if (args.flags.has("--reencrypt") && sub !== "rotate") throw new UsageError(`keys ${sub}: --reencrypt applies to keys rotate only`);
    if (args.values.has("--limit") && sub !== "reencrypt" && !(sub === "rotate" && args.flags.has("--reencrypt"))) {
      throw new UsageError(`keys ${sub}: --limit applies to re-encryption only`);
    }
    const tenant = tenantOption(args);
    const limit = limitOption(args);
    const asJson = args.flags.has("--json");

    return withServices(async (services) => {
      const { keys } = services;
      const db = keys.withOwnerTenant;
      const tenants = await selectTenants(services, tenant);
      const out: Record<string, unknown>[] = [];
      const lines: string[] = [];
      let failed = false;
      for (const t of tenants) {
        try {
          if (sub === "status") {
            const status = await keys.tenantKeyStatus(db, t);
            out.push(status as unknown as Record<string, unknown>);
            lines.push(`${t.id}  ${t.name}  current v${status.currentVersion ?? "-"}, ${status.pendingReencryption} to re-encrypt`);
            for (const v of status.versions) {
              lines.push(
                `  v${v.version}${v.current ? " (current)" : v.retiredAt ? " (retired)" : ""}  ${v.kekId ?? "MISSING KEY"}  ` +
                  `${v.ageDays ?? "?"} days old  ${v.statements} files  ${v.fields} fields`,
              );
            }
          } else if (sub === "rotate-master") {
            const r = await keys.rotateMasterKey(db, t.id);
            out.push(r as unknown as Record<string, unknown>);
            lines.push(`${t.id}  re-wrapped ${r.rewrapped.length} key versions under ${r.kekId}; ${r.alreadyCurrent.length} already were`);
          } else {
            const entry: Record<string, unknown> = { tenantId: t.id };
            if (sub === "rotate") {
              const r = await keys.rotateDataKey(db, t.id);
              Object.assign(entry, { rotated: r });
              lines.push(`${t.id}  data key v${r.fromVersion ?? "-"} -> v${r.toVersion}`);
            }
            if (sub === "reencrypt" || args.flags.has("--reencrypt")) {
              const r = await keys.reencryptTenant(db, t.id, { limit });
              Object.assign(entry, { reencrypted: r });
              lines.push(`${t.id}  ${reencryptLine(r)}`);
              failed ||= reencryptFailed(r);
            }
            out.push(entry);
          }
        } catch (error) {
          failed = true;
          out.push({ tenantId: t.id, error: errorText(error) });
          lines.push(`${t.id}  FAILED: ${errorText(error)}`);
        }
      }
      if (asJson) io.stdout(`${JSON.stringify({ tenants: out }, null, 2)}\n`);
      else io.stdout(lines.length ? `${lines.join("\n")}\n` : "no tenants\n");
      return failed ? EXIT_FAILED : EXIT_OK;
    });
  },
};

const tenantCommand: Command = {
  summary: "delete an organisation: keys destroyed first, then its files and every row",
  usage: "tenant delete --tenant T --yes [--json]",
  flags: new Set(["--json", "--yes"]),
  values: new Set(["--tenant"]),
  async run(args, io) {
    const [sub, ...extra] = args.positional;
    if (sub !== "delete") throw new UsageError(sub === undefined ? "tenant: say what to do: delete" : `tenant: unknown subcommand "${sub}"`);
    if (extra.length > 0) throw new UsageError(`tenant delete: unexpected argument "${extra[0]}"`);
    const tenant = tenantOption(args);
    if (tenant === undefined) throw new UsageError("tenant delete: name the tenant with --tenant");
    if (!args.flags.has("--yes")) {
      throw new UsageError("tenant delete: this destroys the organisation's keys, files and rows for good; add --yes to go ahead");
    }
    return withServices(async (services) => {
      const found = await services.keys.findTenant(tenant);
      if (!found) throw new OperationError(`there is no tenant ${tenant}`);
      let result: Awaited<ReturnType<MaintenanceServices["tenants"]["deleteTenant"]>>;
      try {
        result = await services.tenants.deleteTenant(tenant, { requestedById: null, db: services.keys.withOwnerTenant });
      } catch (error) {
        // Each step only removes what is left, so finishing is running it again.
        throw new OperationError(`deleting tenant ${tenant} did not finish: ${errorText(error)} — run the same command again to finish it`);
      }
      if (args.flags.has("--json")) io.stdout(`${JSON.stringify({ deleted: result }, null, 2)}\n`);
      else {
        const rows = Object.values(result.rowsDeleted).reduce((a, b) => a + b, 0);
        io.stdout(`deleted ${result.tenantName} (${tenant}): ${result.keysDestroyed} keys destroyed, ${result.objectsDeleted} files, ${rows} rows\n`);
      }
      return EXIT_OK;
    });
  },
};

const auditCommand: Command = {
  summary: "recompute every tenant's audit hash chain and name the first broken event",
  usage: "audit verify [--tenant T] [--json]",
  flags: new Set(["--json"]),
  values: new Set(["--tenant"]),
  async run(args, io) {
    const [sub, ...extra] = args.positional;
    if (sub !== "verify") throw new UsageError(sub === undefined ? "audit: say what to do: verify" : `audit: unknown subcommand "${sub}"`);
    if (extra.length > 0) throw new UsageError(`audit verify: unexpected argument "${extra[0]}"`);
    const tenant = tenantOption(args);
    return withServices(async (services) => {
      const tenants = await selectTenants(services, tenant);
      const results = [];
      for (const t of tenants) {
        const verdict = await services.audit.verifyAuditChain(t.id, services.keys.withOwnerTenant);
        results.push({ tenantId: t.id, tenant: t.name, ...verdict, ...(verdict.ok ? {} : { seq: verdict.seq.toString() }) });
      }
      const broken = results.filter((r) => !r.ok);
      if (args.flags.has("--json")) io.stdout(`${JSON.stringify({ ok: broken.length === 0, tenants: results }, null, 2)}\n`);
      else {
        const lines = results.map((r) =>
          r.ok ? `${r.tenant} (${r.tenantId}): ${r.checked} events, chain intact` : `${r.tenant} (${r.tenantId}): BROKEN at event ${"seq" in r ? r.seq : "?"} — ${"reason" in r ? r.reason : ""} (${r.checked} events before it verified)`,
        );
        io.stdout(lines.length ? `${lines.join("\n")}\n` : "no tenants\n");
      }
      return broken.length === 0 ? EXIT_OK : EXIT_FAILED;
    });
  },
};

// ---------------------------------------------------------------------------------------
// categorize-eval (app/cli/categorize-eval.ts)

const categorizeEvalCommand: Command = {
  summary: "train the categorization learner on one labelled CSV and score it on another",
  usage: "categorize-eval --train A.csv --test B.csv [--json]",
  flags: new Set(["--json"]),
  values: new Set(["--train", "--test"]),
  async run(args, io) {
    if (args.positional.length > 0) throw new UsageError(`categorize-eval: unexpected argument "${args.positional[0]}"`);
    const train = args.values.get("--train");
    const test = args.values.get("--test");
    if (!train || !test) throw new UsageError("categorize-eval: name the training file with --train and the test file with --test");
    const { categorizeEval, LabelledFileError } = await import("./categorize-eval.ts");
    try {
      io.stdout(`${JSON.stringify(await categorizeEval(train, test), null, 2)}\n`);
    } catch (error) {
      if (error instanceof LabelledFileError) throw new OperationError(error.message);
      throw error;
    }
    return EXIT_OK;
  },
};

// ---------------------------------------------------------------------------------------

const COMMANDS: Record<string, Command> = {
  parse,
  "categorize-eval": categorizeEvalCommand,
  keys: keysCommand,
  tenant: tenantCommand,
  audit: auditCommand,
};
/** Flags every command accepts. JSON is the only output format for now, so --json is a no-op. */
const KNOWN_FLAGS = new Set(["--json", "--explain"]);
/** Options that take a value: `--name value` or `--name=value`. */
const KNOWN_VALUES = new Set(["--account-kind", "--account-number"]);

function usage(): string {
  const lines = Object.entries(COMMANDS).flatMap(([, c]) => [
    `  cashline ${c.usage.padEnd(28)} ${c.summary}`,
    ...(c.more ?? []).map((u) => `  cashline ${u}`),
  ]);
  return `usage:\n${lines.join("\n")}\n`;
}

function parseArgs(argv: string[], command: Pick<Command, "flags" | "values">): ParsedArgs {
  const knownFlags = command.flags ?? KNOWN_FLAGS;
  const knownValues = command.values ?? KNOWN_VALUES;
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (onlyPositional || !arg.startsWith("--") || arg === "-") positional.push(arg);
    else if (arg === "--") onlyPositional = true;
    else if (knownFlags.has(arg)) flags.add(arg);
    else if (knownValues.has(name)) {
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
    return await command.run(parseArgs(rest, command), io);
  } catch (error) {
    if (error instanceof OperationError) {
      io.stderr(`cashline: ${error.message}\n`);
      return EXIT_FAILED;
    }
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
