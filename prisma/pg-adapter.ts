/**
 * The one place that creates Prisma's PostgreSQL driver adapter — used by the Prisma CLI
 * (prisma.config.ts, for offline migrations through the WASM schema engine) and by the
 * runtime client (app/services/db.server.ts).
 *
 * @prisma/adapter-pg 6.19.3 has three defects this wrapper corrects (see
 * docs/toolchain.md and upstream prisma/orm#27403):
 *  1. result columns of type "char" (OID 18) and name (OID 19) cannot be deserialized,
 *     which breaks the schema engine's catalogue queries and `$queryRaw` on pg_catalog;
 *  2. executeScript splits on every ';', which breaks DO $$…$$ blocks, plpgsql bodies and
 *     string literals — and makes a failing migration half-applied;
 *  3. the shadow database is built from `{...config, database}` which loses to a
 *     connection string, so the "shadow" database is the main one, and it is dropped
 *     before its pool is closed.
 * The adapter internals it relies on are checked at creation: if an upgrade changes them,
 * this throws instead of silently misbehaving.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";

const require = createRequire(import.meta.url);
const EXPECTED_ADAPTER_VERSION = "6.19.3";
const TEXT_OID = 25;
const UNSUPPORTED_TEXTUAL_OIDS = new Set([18, 19]);

type Query = { sql: string; args: unknown[]; argTypes: unknown[] };
type PgResult = { fields: { dataTypeID: number }[]; rows: unknown[]; rowCount: number | null };
type Queryable = { performIO(query: Query): Promise<PgResult> };
type Adapter = Queryable & {
  client: pg.Pool;
  startTransaction(isolationLevel?: string): Promise<Queryable>;
  executeScript(script: string): Promise<void>;
  onError(error: unknown): never;
  dispose(): Promise<void>;
};

function assertAdapterVersion(): void {
  // The package's exports map hides package.json: find it next to the resolved entry point.
  const entry = require.resolve("@prisma/adapter-pg");
  const manifest = path.join(path.dirname(entry), "..", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  if (version !== EXPECTED_ADAPTER_VERSION) {
    throw new Error(
      `prisma/pg-adapter.ts patches @prisma/adapter-pg ${EXPECTED_ADAPTER_VERSION} internals, ` +
        `found ${version}: re-verify the three fixes before changing the pin`,
    );
  }
}

function requireMethod(target: object, name: string): void {
  if (typeof (target as Record<string, unknown>)[name] !== "function") {
    throw new Error(`@prisma/adapter-pg internals changed: ${name}() is missing; pg-adapter.ts must be revisited`);
  }
}

/** Fix 1: relabel "char"/name columns as text so Prisma deserializes them as strings. */
function relabelTextualColumns(queryable: Queryable): void {
  requireMethod(queryable, "performIO");
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    // A multi-statement script (the shadow database applying a migration) yields an array.
    for (const one of Array.isArray(result) ? (result as PgResult[]) : [result]) {
      for (const field of one.fields ?? []) {
        if (UNSUPPORTED_TEXTUAL_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      }
    }
    return result;
  };
}

function patchAdapter<T>(adapter: T): T {
  const a = adapter as unknown as Adapter;
  for (const name of ["performIO", "startTransaction", "executeScript", "onError"]) requireMethod(a, name);
  if (!(a.client instanceof pg.Pool)) throw new Error("@prisma/adapter-pg internals changed: adapter.client is not a pg.Pool");
  relabelTextualColumns(a);
  const startTransaction = a.startTransaction.bind(a);
  a.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    relabelTextualColumns(tx);
    return tx;
  };
  // Fix 2: one round trip for the whole script — a simple-protocol multi-statement query
  // runs as one implicit transaction, so a failing migration leaves nothing behind.
  a.executeScript = async (script) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

export type PgAdapterOptions = { connectionString: string; max?: number; applicationName?: string };

/** A Prisma driver-adapter factory for PostgreSQL with the fixes above applied. */
export function createPgAdapter(options: PgAdapterOptions): PrismaPg {
  assertAdapterVersion();
  const poolConfig: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "cashline",
  };
  const factory = new PrismaPg(poolConfig);
  requireMethod(factory, "connect");
  requireMethod(factory, "connectToShadowDb");
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchAdapter(await connect());

  // Fix 3: a real, separate shadow database built from parsed connection parts, dropped
  // only after its pool has been closed.
  factory.connectToShadowDb = async () => {
    const parts = parseConnectionString(options.connectionString);
    const base: pg.ClientConfig = {
      host: parts.host ?? undefined,
      port: parts.port ? Number(parts.port) : undefined,
      user: parts.user,
      password: parts.password,
      ssl: parts.ssl as pg.ClientConfig["ssl"],
    };
    const shadowName = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ ...base, database: parts.database ?? "postgres" });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${shadowName}"`);
    } finally {
      await admin.end();
    }
    const shadow = new PrismaPg({ ...base, database: shadowName, max: 2 });
    const adapter = patchAdapter(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ ...base, database: parts.database ?? "postgres" });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}"`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  };
  return factory;
}
