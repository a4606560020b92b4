/**
 * The database. The application connects as the RLS-bound role `cashline_app`, and every
 * query runs inside `withScope`: one transaction whose first statement sets the tenant (and,
 * around login, the user / email being signed in with) as transaction-local settings that
 * the row-level-security policies read. Application code still filters by tenantId on every
 * query; RLS is the second, independent wall.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaClient, Prisma } from "../generated/prisma/client.ts";
import { AppError } from "../domain/errors.ts";
import { Decimal, Money } from "../domain/money.ts";
import { createPgAdapter } from "../../prisma/pg-adapter.ts";
import { config } from "./config.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

export { Prisma };
export type Tx = Prisma.TransactionClient;

export interface Scope {
  tenantId?: string;
  userId?: string;
  loginEmail?: string;
}

export interface ScopeOptions {
  /** Milliseconds the transaction may run (default 10 s; imports pass more). */
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

function appClient(): PrismaClient {
  return singleton(
    "prisma",
    () =>
      new PrismaClient({
        adapter: createPgAdapter({
          connectionString: config().databaseAppUrl,
          max: config().databasePoolSize,
          applicationName: "cashline-app",
        }),
      }),
  );
}

export async function withScope<T>(scope: Scope, fn: (tx: Tx) => Promise<T>, options: ScopeOptions = {}): Promise<T> {
  try {
    return await scopedTransaction(scope, fn, options);
  } catch (error) {
    throw lockedRefusal(error) ?? error;
  }
}

function scopedTransaction<T>(scope: Scope, fn: (tx: Tx) => Promise<T>, options: ScopeOptions): Promise<T> {
  return appClient().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${scope.tenantId ?? ""}, true),
                                set_config('app.user_id', ${scope.userId ?? ""}, true),
                                set_config('app.login_email', ${scope.loginEmail ?? ""}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 10_000, maxWait: 10_000, isolationLevel: options.isolationLevel },
  );
}

/** Runs `fn` in one transaction confined to `tenantId`. */
export function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, options?: ScopeOptions): Promise<T> {
  return withScope({ tenantId }, fn, options);
}

/** A raw connection inside a tenant-scoped transaction (see `withTenantSql`). */
export type SqlClient = pg.PoolClient;

// Dates stay 'YYYY-MM-DD' text (a JS Date would shift them by the time zone); numeric
// stays text by default, which is what Decimal parses.
const DATE_OID = 1082;
const rawTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function rawPool(): pg.Pool {
  return singleton(
    "pg-raw",
    () =>
      new pg.Pool({
        connectionString: config().databaseAppUrl,
        max: Math.max(2, Math.ceil(config().databasePoolSize / 2)),
        application_name: "cashline-import",
        types: rawTypes,
      }),
  );
}

/**
 * A read-only snapshot of one tenant's data on a connection of its own, for reading that
 * outlives one request handler call (a streamed export): every read sees the same moment.
 * `close()` ends it (always call it: the connection is held until then).
 */
export async function openTenantSnapshot(tenantId: string): Promise<{ client: SqlClient; close: () => Promise<void> }> {
  const client = await rawPool().connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ${tenantSetting(tenantId)}`);
  } catch (error) {
    client.release();
    throw error;
  }
  let closed = false;
  return {
    client,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    },
  };
}

/**
 * Like `withTenant`, on a raw `pg` connection: for what Prisma cannot do, above all COPY
 * (imports stream rows into a temporary table). Same app role, same RLS, same tenant setting,
 * one transaction.
 */
export async function withTenantSql<T>(tenantId: string, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await rawPool().connect();
  try {
    // One round trip: statements with no parameters can travel together.
    await client.query(`BEGIN; ${tenantSetting(tenantId)}`);
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw lockedRefusal(error) ?? error;
  } finally {
    client.release();
  }
}

/**
 * One statement in a transaction of its own, confined to `tenantId` and committed before this
 * returns (a status others must see at once), in one round trip: BEGIN, the tenant setting,
 * the statement and COMMIT travel as one text. So `text` takes no parameters: its values are
 * inlined with `sqlLiteral`.
 */
export async function committedTenantStatement<Row = Record<string, unknown>>(tenantId: string, text: string): Promise<Row[]> {
  const client = await rawPool().connect();
  try {
    const results = (await client.query(`BEGIN; ${tenantSetting(tenantId)}; ${text}; COMMIT`)) as unknown as pg.QueryResult[];
    return results[2]!.rows as Row[];
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw lockedRefusal(error) ?? error;
  } finally {
    client.release();
  }
}

/** A value as an SQL string literal, for statements sent without parameters (above). */
export function sqlLiteral(value: string): string {
  return pg.escapeLiteral(value);
}

function tenantSetting(tenantId: string): string {
  return `SELECT set_config('app.tenant_id', ${sqlLiteral(tenantId)}, true)`;
}

/**
 * Select-list items that turn the planner's nested loops and JIT off for the rest of the
 * transaction (set_config(…, true) is SET LOCAL), for queries that join rows the transaction
 * has just COPYed: the statistics do not know them yet (and the app's role may not ANALYZE), so
 * the planner estimates one row and picks a nested loop — over millions × thousands of rows
 * (measured: more than 5 minutes for one query after a 20.7 M-row import). Hash joins cost the
 * same for small imports and stay linear for large ones.
 *
 * JIT compilation goes off with them: a plan that still needs a nested loop (an OR join, an
 * anti-join on either of two ids) carries the planner's "disabled" cost of 10^10, far above
 * jit_above_cost, and PostgreSQL then spent ~400 ms compiling a query that runs in 0.4 ms
 * (measured with auto_explain on a 124-row PDF import).
 *
 * Items of a select list, not a statement: they ride on a query the caller sends anyway, and
 * take effect from the next statement on (this one is planned already).
 */
export const FRESH_ROWS_PLANNER = "set_config('enable_nestloop', 'off', true) AS nestloop, set_config('jit', 'off', true) AS jit";

/** `$1`-style SQL on either kind of transaction, returning rows. */
export function sqlRunner(tx: Tx | SqlClient): <Row = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<Row[]> {
  if ("$queryRawUnsafe" in tx) return (text, values = []) => tx.$queryRawUnsafe(text, ...values);
  return async (text, values = []) => {
    const name = preparedName(text);
    return (await tx.query(name === undefined ? { text, values } : { name, text, values })).rows;
  };
}

/**
 * Raw connections live as long as the pool, and an import sends the same few statements on
 * them for every file: each text is prepared once per connection, as a named statement —
 * parsed once, and after five runs planned once if the generic plan costs no more (PostgreSQL's
 * plan cache). Measured on the 4-page PDF import: the transfer check's bind (its planning) went
 * from 0.99 to 0.07 ms, the balance-and-neighbours check's from 0.37 to 0.06, the statement's
 * update and the chain's read to a third.
 *
 * A text with values written into it would make a statement per value, each held for the
 * connection's life: only the first PREPARED_TEXTS_MAX distinct texts this module sends are
 * prepared (the import's and the exports' own are a few dozen), any later one travels unnamed.
 */
const PREPARED_TEXTS_MAX = 256;
const preparedNames = new Map<string, string>();

function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_TEXTS_MAX) {
    // Named after the text itself: a process may hold this module twice (the app's server build
    // and the worker it runs, loaded apart) over one pool, and a connection must never meet one
    // name for two texts.
    name = `cashline_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    preparedNames.set(text, name);
  }
  return name;
}

export async function disconnectDb(): Promise<void> {
  await takeSingleton<PrismaClient>("prisma")?.$disconnect();
  await takeSingleton<pg.Pool>("pg-raw")?.end();
}

/** Postgres error code of a failed query, when there is one (e.g. '23505' unique violation). */
export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return "23505";
    const meta = error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined;
    return meta?.driverAdapterError?.cause?.originalCode;
  }
  if (error instanceof pg.DatabaseError) return error.code;
  const cause = (error as { cause?: { originalCode?: string } } | null)?.cause;
  return cause?.originalCode;
}

/**
 * The database refuses to touch a locked period or a reconciled row (SQLSTATE 55006, raised
 * by the triggers on "Transaction"): whatever path tried — an edit, an import, an undo — the
 * person gets the database's own sentence, as the one error shape.
 */
export function lockedRefusal(error: unknown): AppError | null {
  if (pgErrorCode(error) !== "55006" && !(error instanceof Error && LOCK_MESSAGE.test(error.message))) return null;
  const text = error instanceof Error ? error.message : String(error);
  const sentence = LOCK_MESSAGE.exec(text)?.[0] ?? text;
  return new AppError("locked", `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
}
const LOCK_MESSAGE = /(the period through \d{4}-\d{2}-\d{2} is locked[^.\n"]*|row [0-9a-f-]{36} is reconciled[^.\n"]*|row [0-9a-f-]{36} cannot be split or re-split[^.\n"]*)/;

/** A Date for a `@db.Date` column from 'YYYY-MM-DD' (UTC midnight, as Prisma reads it back). */
export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** 'YYYY-MM-DD' of a `@db.Date` value. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A numeric column as Money. Prisma's Decimal is only a carrier: its exact text is parsed. */
export function moneyFromDb(value: Prisma.Decimal, currency: string): Money {
  return Money.of(decimalFromDb(value), currency);
}

export function decimalFromDb(value: Prisma.Decimal | string): Decimal {
  return Decimal.parse(typeof value === "string" ? value : value.toFixed());
}
