/**
 * bench/ingest — end-to-end import speed of one large CSV statement, next to the raw limits
 * measured in the same run on the same machine:
 *   - papaparse alone on the same text (the parsing library's ceiling),
 *   - PostgreSQL COPY of the same rows into a table shaped like "Transaction" (the database's
 *     ceiling for getting rows in).
 * End to end means what a user waits for: upload (sniff, hash, encrypt, store in S3, record,
 * queue) → worker (fetch, decrypt, parse, prove balances, post in one transaction) → posted.
 *
 *   npm run bench:ingest            # 100k rows
 *   BENCH_ROWS=20000 npm run bench:ingest
 *
 * Uses a throwaway database, its own s3rver and queue prefix; needs PostgreSQL and Redis.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/cashline_bench_${runId}`;

/** Integer cents as a decimal string, without going through floating point. */
function centsText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function generateCsv(rows: number): string {
  // Deterministic: a small LCG, integer cents only.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const payees = ["STRIPE PAYOUT", "AWS EMEA", "GUSTO PAYROLL", "GOOGLE *WORKSPACE", "SQ *BLUE BOTTLE", "RENT 42 MARKET ST", "PG&E UTILITIES", "ACME SUPPLY CO", "IRS EFTPS", "WIRE FROM CUSTOMER"];
  const lines = ["Date,Description,Amount,Balance"];
  let balance = 1_000_000_00;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const date = new Date(start + Math.floor((i / rows) * 700) * 86_400_000).toISOString().slice(0, 10);
    const cents = Math.floor(next() * 500_000) - 240_000;
    balance += cents;
    const payee = payees[Math.floor(next() * payees.length)]!;
    lines.push(`${date},"${payee} ${i}",${centsText(cents)},${centsText(balance)}`);
  }
  return lines.join("\n") + "\n";
}

function bestOf<T>(times: number, fn: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

async function main(): Promise<void> {
  const s3Dir = await mkdtemp(path.join(os.tmpdir(), "cashline-bench-s3-"));
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `cashline-bench-${runId}`,
    S3_BUCKET: "cashline-bench",
    WORKER_CONCURRENCY: "1",
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
    const csv = generateCsv(ROWS);
    const bytes = new TextEncoder().encode(csv);
    console.log(`bench/ingest: ${ROWS.toLocaleString("en-US")} rows, ${(bytes.length / 1e6).toFixed(1)} MB CSV`);

    // 1. papaparse alone (header mode, as a CSV statement parser must use it).
    const papa = bestOf(3, () => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.length);

    // 2. our parser alone (detection, numbers, dates, balance columns) — no I/O.
    const { parseCsvStatement } = await import("../app/domain/csv.ts");
    const { decodeText } = await import("../app/domain/sniff.ts");
    const ours = bestOf(3, () => parseCsvStatement(decodeText(bytes)).rows.length);

    // 3. COPY of the same rows into a table shaped like "Transaction" (same indexes).
    await owner.query(`CREATE TABLE bench_copy (LIKE "Transaction" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const tenantId = randomUUID();
    const accountId = randomUUID();
    const statementId = randomUUID();
    const copyRows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).map(
      (r, i) => `${tenantId}\t${randomUUID()}\t${accountId}\t${statementId}\t${i + 2}\t${r[0]}\t${r[2]}\tUSD\t${r[1]}\t${r[3]}\tposted\t2026-01-01 00:00:00+00\n`,
    );
    const copyStart = performance.now();
    const copyStream = owner.query(
      copyFrom(`COPY bench_copy ("tenantId", id, "accountId", "statementId", "sourceRow", date, amount, currency, description, balance, status, "createdAt") FROM STDIN`),
    );
    await pipeline(Readable.from(copyRows), copyStream);
    const copyMs = performance.now() - copyStart;
    await owner.query("DROP TABLE bench_copy");

    // 4. End to end through the product.
    const { runStatementWorker } = await import("../workers/statement-worker.ts");
    const { withTenant, withScope } = await import("../app/services/db.server.ts");
    const { uploadStatement } = await import("../app/services/statements.server.ts");
    const t = randomUUID();
    const userEmail = `bench-${runId}@example.test`;
    await withTenant(t, (tx) => tx.tenant.create({ data: { id: t, name: "Bench" } }));
    const user = await withScope({ loginEmail: userEmail }, (tx) => tx.user.create({ data: { email: userEmail, name: "Bench", passwordHash: "x" } }));
    const account = await withTenant(t, async (tx) => {
      await tx.membership.create({ data: { tenantId: t, userId: user.id, role: "admin" } });
      return tx.bankAccount.create({ data: { tenantId: t, name: "Bench", currency: "USD" } });
    });
    const worker = runStatementWorker({ concurrency: 1 });

    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);
    const e2eStart = performance.now();
    const { id } = await uploadStatement(
      { tenantId: t, user: { id: user.id, email: userEmail, name: "Bench" }, client: { ip: null, userAgent: "bench" } },
      { accountId: account.id, fileName: "bench.csv", bytes },
    );
    const uploadMs = performance.now() - e2eStart;
    let status = "queued";
    let rowCount = 0;
    let error: string | null = null;
    while (status === "queued" || status === "parsing") {
      await new Promise((r) => setTimeout(r, 50));
      const s = await withTenant(t, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t, id } } }));
      ({ status, rowCount, error } = s);
    }
    const e2eMs = performance.now() - e2eStart;
    clearInterval(sampler);
    await worker.close();
    if (status !== "posted" || rowCount !== ROWS) throw new Error(`end-to-end import ended ${status} with ${rowCount} rows: ${error}`);

    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
    const result = {
      rows: ROWS,
      megabytes: +(bytes.length / 1e6).toFixed(2),
      papaparseRowsPerSec: rate(ROWS, papa.ms),
      parserRowsPerSec: rate(ROWS, ours.ms),
      copyRowsPerSec: rate(ROWS, copyMs),
      endToEndRowsPerSec: rate(ROWS, e2eMs),
      endToEndSeconds: +(e2eMs / 1000).toFixed(2),
      uploadSeconds: +(uploadMs / 1000).toFixed(2),
      endToEndVsPapaparse: +(papa.ms / e2eMs).toFixed(3),
      endToEndVsCopy: +(copyMs / e2eMs).toFixed(3),
      parserVsPapaparse: +(papa.ms / ours.ms).toFixed(3),
      peakRssMB: Math.round(peakRss / 1e6),
      rssGrowthMB: Math.round((peakRss - baseRss) / 1e6),
    };
    const fmt = (n: number) => n.toLocaleString("en-US");
    console.log(`
  papaparse alone (header mode)   ${fmt(result.papaparseRowsPerSec).padStart(12)} rows/s
  Cashline parser alone           ${fmt(result.parserRowsPerSec).padStart(12)} rows/s   (${result.parserVsPapaparse}× papaparse)
  PostgreSQL COPY (same rows)     ${fmt(result.copyRowsPerSec).padStart(12)} rows/s
  end to end (upload → posted)    ${fmt(result.endToEndRowsPerSec).padStart(12)} rows/s   (${result.endToEndVsPapaparse}× papaparse, ${result.endToEndVsCopy}× COPY)
  end-to-end time ${result.endToEndSeconds} s (upload ${result.uploadSeconds} s), peak RSS ${result.peakRssMB} MB (+${result.rssGrowthMB} MB)
`);
    console.log(JSON.stringify(result));
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

main().catch((error) => {
  console.error("bench/ingest failed:", error);
  process.exit(1);
});
