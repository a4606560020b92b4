/**
 * What every benchmark needs around it: a throwaway database (migrated), its own s3rver and
 * queue prefix, a tenant with a user and accounts — and all of it removed afterwards.
 * Needs PostgreSQL and Redis, like the tests.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface BenchTenant {
  tenantId: string;
  user: { id: string; email: string; name: string };
  client: { ip: null; userAgent: string };
  /** Creates a fresh account (each import in a bench gets its own, so none dedupes another). */
  account(name: string, currency?: string): Promise<string>;
}

export interface BenchEnvironment {
  runId: string;
  /** A connection as the database owner, for raw-limit measurements. */
  owner: pg.Client;
  tenant(): Promise<BenchTenant>;
}

export async function withBenchEnvironment(
  name: string,
  fn: (env: BenchEnvironment) => Promise<void>,
  /** The worker's concurrency, which also sizes its parse-thread pool (a deployed worker's default is 2). */
  options: { workerConcurrency?: number } = {},
): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/cashline_bench_${runId}`;
  const s3Dir = await mkdtemp(path.join(os.tmpdir(), "cashline-bench-s3-"));
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `cashline-bench-${runId}`,
    S3_BUCKET: "cashline-bench",
    WORKER_CONCURRENCY: String(options.workerConcurrency ?? 1),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  const { startEmbeddedS3 } = await import("../app/services/storage.server.ts");
  const s3 = await startEmbeddedS3({ port: 0, directory: s3Dir, bucket: "cashline-bench" });
  process.env.S3_ENDPOINT = s3.endpoint;

  const { ensureDatabase, migrateDatabase, dropDatabase } = await import("../app/server/database-setup.ts");
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  try {
    await fn({ runId, owner, tenant: () => createBenchTenant(runId) });
  } catch (error) {
    console.error(`bench/${name} failed:`, error);
    process.exitCode = 1;
  } finally {
    await owner.end();
    const { statementQueue, closeQueue } = await import("../app/services/queue.server.ts");
    await statementQueue().obliterate({ force: true }).catch(() => undefined);
    await closeQueue();
    const { disconnectDb } = await import("../app/services/db.server.ts");
    await disconnectDb();
    const { closeStorage } = await import("../app/services/storage.server.ts");
    closeStorage();
    await s3.close();
    await rm(s3Dir, { recursive: true, force: true });
    await dropDatabase(databaseUrl);
  }
}

async function createBenchTenant(runId: string): Promise<BenchTenant> {
  const { withScope, withTenant } = await import("../app/services/db.server.ts");
  const tenantId = randomUUID();
  const email = `bench-${runId}-${tenantId.slice(0, 8)}@example.test`;
  await withTenant(tenantId, (tx) => tx.tenant.create({ data: { id: tenantId, name: "Bench" } }));
  const user = await withScope({ loginEmail: email }, (tx) => tx.user.create({ data: { email, name: "Bench", passwordHash: "x" } }));
  await withTenant(tenantId, (tx) => tx.membership.create({ data: { tenantId, userId: user.id, role: "admin" } }));
  return {
    tenantId,
    user: { id: user.id, email, name: "Bench" },
    client: { ip: null, userAgent: "bench" },
    account: async (name, currency = "USD") =>
      (await withTenant(tenantId, (tx) => tx.bankAccount.create({ data: { tenantId, name: `${name} ${randomUUID().slice(0, 8)}`, currency } }))).id,
  };
}

export function bestOf<T>(times: number, fn: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

export async function bestOfAsync<T>(times: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (n: number): string => n.toLocaleString("en-US");

/**
 * CPU time spent so far, split where a job's time goes: this process's main thread, its other
 * threads (the categorizing and parse threads, V8's collector helpers), and every PostgreSQL
 * process on the machine (the benches' databases are local). From /proc, so Linux only: null
 * elsewhere. Differences of two readings say what one job cost each side — which the ratios
 * against COPY hide: a job is bound by the machine's cores, shared by the worker and the database.
 */
export interface CpuReading {
  mainMs: number;
  otherThreadsMs: number;
  postgresMs: number;
}

export function readCpu(): CpuReading | null {
  if (!existsSync("/proc/self/task")) return null;
  const ticks = (stat: string) => {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  };
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return null; // a thread or process that ended meanwhile
    }
  };
  let mainMs = 0;
  let otherThreadsMs = 0;
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = read(`/proc/self/task/${tid}/stat`);
    if (stat === null) continue;
    if (Number(tid) === process.pid) mainMs += ticks(stat);
    else otherThreadsMs += ticks(stat);
  }
  let postgresMs = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat?.includes("(postgres)")) postgresMs += ticks(stat);
  }
  return { mainMs, otherThreadsMs, postgresMs };
}

/** What happened between two readings (null if either is). */
export function cpuBetween(before: CpuReading | null, after: CpuReading | null): CpuReading | null {
  if (!before || !after) return null;
  return { mainMs: after.mainMs - before.mainMs, otherThreadsMs: after.otherThreadsMs - before.otherThreadsMs, postgresMs: after.postgresMs - before.postgresMs };
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 a second on every Linux that Node supports). */
const CLOCK_TICKS = 100;
