/**
 * bench/ingest — import speed and memory, next to the raw limits measured in the same run on
 * the same machine:
 *   - papaparse alone on the same text (the parsing library's ceiling),
 *   - PostgreSQL COPY of the same rows into a table shaped like "Transaction", same indexes
 *     (the database's ceiling for getting rows in).
 * COPY and the worker job run in pairs, BENCH_RUNS times (5), the COPY just before the job:
 * the machine's load drifts (one run of either moves by ±30% here), and a pair meets it in one
 * state. The ratio printed is the median of the pairs' ratios.
 * "Stored → posted" is the worker's whole job on a file already uploaded: fetch from S3,
 * decrypt, parse, prove balances, stage, dedupe against the ledger, post, audit — one
 * transaction. Upload time (hash, encrypt, store) is reported on its own.
 *
 *   npm run bench:ingest                       # 100k rows
 *   BENCH_ROWS=20000 npm run bench:ingest
 *   npm run bench:ingest -- --big              # also a 1 GB CSV, streamed: worker peak RSS
 *   BENCH_BIG_MB=200 npm run bench:ingest -- --big
 *
 * Uses a throwaway database, its own s3rver and queue prefix; needs PostgreSQL and Redis.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import { from as copyFrom } from "pg-copy-streams";
import { bestOf, cpuBetween, fmt, median, readCpu, withBenchEnvironment, type CpuReading } from "./support.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** Pairs of runs, COPY then the worker job; the ratio printed is the median of the pairs'. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_MB = process.argv.includes("--big") ? Number(process.env.BENCH_BIG_MB ?? 1024) : 0;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Integer cents as a decimal string, without going through floating point. */
function centsText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A statement CSV of `rows` rows, in chunks of lines (deterministic: a small LCG, integer cents only). */
function* csvChunks(rows: number, linesPerChunk = 5_000): Generator<string> {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const payees = ["STRIPE PAYOUT", "AWS EMEA", "GUSTO PAYROLL", "GOOGLE *WORKSPACE", "SQ *BLUE BOTTLE", "RENT 42 MARKET ST", "PG&E UTILITIES", "ACME SUPPLY CO", "IRS EFTPS", "WIRE FROM CUSTOMER"];
  let lines = ["Date,Description,Amount,Balance"];
  let balance = 1_000_000_00;
  const days = Math.max(700, Math.ceil(rows / 2_000));
  // From 2024-01-01, or earlier for a file so big that its days (2,000 rows each) would run past
  // 2026-11-30: the reader doubts rows dated after today (a bank books nothing ahead of time), and
  // the 1 GiB file's 28 years from 2024 ended in 2052.
  const start = Math.min(Date.UTC(2024, 0, 1), Date.UTC(2026, 10, 30) - days * 86_400_000);
  for (let i = 0; i < rows; i++) {
    const date = new Date(start + Math.floor((i / rows) * days) * 86_400_000).toISOString().slice(0, 10);
    const cents = Math.floor(next() * 500_000) - 240_000;
    balance += cents;
    const payee = payees[Math.floor(next() * payees.length)]!;
    lines.push(`${date},"${payee} ${i}",${centsText(cents)},${centsText(balance)}`);
    if (lines.length >= linesPerChunk) {
      yield lines.join("\n") + "\n";
      lines = [];
    }
  }
  if (lines.length) yield lines.join("\n") + "\n";
}

function generateCsv(rows: number): string {
  return [...csvChunks(rows)].join("");
}

/** Bytes per generated row, measured on a sample: to size the big file. */
function rowsForMegabytes(mb: number): number {
  const sample = generateCsv(10_000);
  return Math.round((mb * 1024 * 1024) / (sample.length / 10_000));
}

await withBenchEnvironment("ingest", async ({ owner, tenant }) => {
  const csv = generateCsv(ROWS);
  const bytes = new TextEncoder().encode(csv);
  console.log(`bench/ingest: ${ROWS.toLocaleString("en-US")} rows, ${(bytes.length / 1e6).toFixed(1)} MB CSV`);

  // 1. papaparse alone (header mode, as a CSV statement parser must use it).
  const papa = bestOf(3, () => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.length);

  // 2. our parser alone (detection, numbers, dates, balance columns) — no I/O; whole text,
  //    and the streaming reader the worker uses for large files, fed 64 KiB at a time.
  const { parseCsvStatement, detectCsvLayout, CsvStatementReader } = await import("../app/domain/csv/index.ts");
  const ours = bestOf(3, () => parseCsvStatement(csv).rows.length);
  const layout = detectCsvLayout(csv.slice(0, 1024 * 1024)).layout;
  const streamed = bestOf(3, () => {
    const reader = new CsvStatementReader(layout);
    let n = 0;
    for (let at = 0; at < csv.length; at += 65_536) n += reader.push(csv.slice(at, at + 65_536)).length;
    return n + reader.finish().rows.length;
  });

  // 3. COPY of the same rows into a table shaped like "Transaction" (same indexes), each run
  //    into a new table — run just before each worker job (4), so that each pair meets the
  //    machine in the same state.
  const tenantId = randomUUID();
  const accountId = randomUUID();
  const statementId = randomUUID();
  const copyRows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).map(
    (r, i) =>
      `${tenantId}\t${randomUUID()}\t${accountId}\t${statementId}\t${i + 2}\t${r[0]}\t${r[2]}\tUSD\t${r[1]}\t${r[3]}\tposted\t2026-01-01 00:00:00+00\t${randomUUID().replaceAll("-", "")}\n`,
  );
  const copyRuns: number[] = [];
  const copyCpu: (CpuReading | null)[] = [];
  const copyOnce = async () => {
    await owner.query(`CREATE TABLE bench_copy (LIKE "Transaction" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const cpuBefore = readCpu();
    const copyStart = performance.now();
    const copyStream = owner.query(
      copyFrom(`COPY bench_copy ("tenantId", id, "accountId", "statementId", "sourceRow", date, amount, currency, description, balance, status, "createdAt", fingerprint) FROM STDIN`),
    );
    await pipeline(Readable.from(copyRows), copyStream);
    copyRuns.push(performance.now() - copyStart);
    copyCpu.push(cpuBetween(cpuBefore, readCpu()));
    await owner.query("DROP TABLE bench_copy");
  };

  // 4. Through the product: upload (timed apart), then the worker's job, stored → posted — each
  //    run in a tenant of its own (the same file again would be recognized as a re-upload).
  const { processStatement } = await import("../app/services/statement-processing.server.ts");
  const { withTenant } = await import("../app/services/db.server.ts");
  const { statementQueue } = await import("../app/services/queue.server.ts");
  const { uploadStatement, uploadStatementStream } = await import("../app/services/statements.server.ts");
  let peakRss = process.memoryUsage.rss();
  const baseRss = peakRss;
  // rss() alone: memoryUsage() also gathers V8's heap statistics, which cost the measured job
  // ~1% of its thread every 25 ms (seen in its profile).
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 25);
  // Unref'd: when a run fails, the sampler must not keep the bench alive after its cleanup.
  sampler.unref();
  const jobRuns: number[] = [];
  const jobCpu: (CpuReading | null)[] = [];
  const uploadRuns: number[] = [];
  let who!: Awaited<ReturnType<typeof tenant>> & { accountId: string; bigAccountId: string };
  let seeded!: { rules: number; examples: number };
  let categorized!: { rule: number; model: number; none: number; payees: number };
  for (let run = 0; run < RUNS; run++) {
    const bench = await tenant();
    who = { ...bench, accountId: await bench.account("Bench"), bigAccountId: await bench.account("Bench big") };
    // Categorized on the way in, as a tenant that has used Cashline a while would have it: the
    // default chart, a few rules, and a model trained on the labelled set (674 examples).
    seeded = await seedCategorization(who.tenantId);
    const uploadStart = performance.now();
    const { id } = await uploadStatement(who, { accountId: who.accountId, fileName: "bench.csv", bytes });
    uploadRuns.push(performance.now() - uploadStart);
    // BENCH_PROFILE=file.cpuprofile: a CPU profile of the last (warm) worker job alone (open it in Chrome's DevTools).
    await copyOnce();
    const profiler = process.env.BENCH_PROFILE && run === RUNS - 1 ? await startProfile() : null;
    const queued = (await statementQueue().getJob(id))!.data; // the job the upload queued, as the worker takes it
    const cpuBefore = readCpu();
    const e2eStart = performance.now();
    const outcome = await processStatement(queued);
    jobRuns.push(performance.now() - e2eStart);
    jobCpu.push(cpuBetween(cpuBefore, readCpu()));
    if (profiler) await profiler.stop(process.env.BENCH_PROFILE!);
    const s = await withTenant(who.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: who.tenantId, id } } }));
    if (outcome !== "posted" || s.rowCount !== ROWS) throw new Error(`import ended ${outcome} with ${s.rowCount} rows: ${s.error}`);
    [categorized] = await owner.query(
      `SELECT count(*) FILTER (WHERE "categorySource" = 'rule')::int AS rule, count(*) FILTER (WHERE "categorySource" = 'model')::int AS model,
              count(*) FILTER (WHERE "categoryId" IS NULL)::int AS none, count(*) FILTER (WHERE payee IS NOT NULL)::int AS payees
         FROM "Transaction" WHERE "tenantId" = $1 AND "statementId" = $2`,
      [who.tenantId, id],
    ).then((r) => r.rows as { rule: number; model: number; none: number; payees: number }[]);
    if (categorized!.payees !== ROWS || categorized!.rule === 0 || categorized!.model === 0) {
      throw new Error(`categorization did not run as expected: ${JSON.stringify(categorized)}`);
    }
  }
  clearInterval(sampler);
  const copyMs = median(copyRuns);
  const e2eMs = median(jobRuns);
  // Each job against the COPY run just before it; the median of those ratios.
  const pairedRatio = median(jobRuns.map((ms, run) => copyRuns[run]! / ms));
  const uploadMs = median(uploadRuns);

  const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
  // CPU of each side, median over the runs (null off Linux).
  const cpuMedian = (readings: (CpuReading | null)[], key: keyof CpuReading) =>
    readings.every((r) => r !== null) ? Math.round(median(readings.map((r) => r![key]))) : null;
  const cpu = {
    jobWorkerMainMs: cpuMedian(jobCpu, "mainMs"),
    jobWorkerOtherThreadsMs: cpuMedian(jobCpu, "otherThreadsMs"),
    jobPostgresMs: cpuMedian(jobCpu, "postgresMs"),
    copyPostgresMs: cpuMedian(copyCpu, "postgresMs"),
    copyClientMs: cpuMedian(copyCpu, "mainMs"),
  };
  const result: Record<string, number> = {
    rows: ROWS,
    megabytes: +(bytes.length / 1e6).toFixed(2),
    papaparseRowsPerSec: rate(ROWS, papa.ms),
    parserRowsPerSec: rate(ROWS, ours.ms),
    streamingReaderRowsPerSec: rate(ROWS, streamed.ms),
    copyRowsPerSec: rate(ROWS, copyMs),
    storedToPostedRowsPerSec: rate(ROWS, e2eMs),
    storedToPostedSeconds: +(e2eMs / 1000).toFixed(2),
    uploadSeconds: +(uploadMs / 1000).toFixed(2),
    storedToPostedVsCopy: +pairedRatio.toFixed(3),
    runs: RUNS,
    parserVsPapaparse: +(papa.ms / ours.ms).toFixed(3),
    streamingReaderVsPapaparse: +(papa.ms / streamed.ms).toFixed(3),
    categorizedByRule: categorized!.rule,
    categorizedByModel: categorized!.model,
    leftForReview: categorized!.none,
    modelExamples: seeded.examples,
    peakRssMB: Math.round(peakRss / 1e6),
    rssGrowthMB: Math.round((peakRss - baseRss) / 1e6),
    ...(cpu.jobPostgresMs === null ? {} : (cpu as Record<string, number>)),
  };
  console.log(`
papaparse alone (header mode)   ${fmt(result.papaparseRowsPerSec!).padStart(12)} rows/s
Cashline parser, whole file     ${fmt(result.parserRowsPerSec!).padStart(12)} rows/s   (${result.parserVsPapaparse}× papaparse)
Cashline streaming reader       ${fmt(result.streamingReaderRowsPerSec!).padStart(12)} rows/s   (${result.streamingReaderVsPapaparse}× papaparse)
PostgreSQL COPY (same rows)     ${fmt(result.copyRowsPerSec!).padStart(12)} rows/s   (median of ${RUNS}: ${copyRuns.map(seconds).join(", ")})
stored → posted (worker job)    ${fmt(result.storedToPostedRowsPerSec!).padStart(12)} rows/s   (median of ${RUNS}: ${jobRuns.map(seconds).join(", ")})
  against the COPY just before each: ${jobRuns.map((ms, run) => (copyRuns[run]! / ms).toFixed(2)).join(", ")} → median ${result.storedToPostedVsCopy}× COPY
  categorized on the way in: ${fmt(result.categorizedByRule!)} by ${seeded.rules} rules, ${fmt(result.categorizedByModel!)} by the model, ${fmt(result.leftForReview!)} left for review
worker job ${result.storedToPostedSeconds} s; upload ${result.uploadSeconds} s; peak RSS ${result.peakRssMB} MB (+${result.rssGrowthMB} MB)${
    cpu.jobPostgresMs === null
      ? ""
      : `
CPU, median of the runs: the job ${fmt(cpu.jobWorkerMainMs! + cpu.jobWorkerOtherThreadsMs!)} ms in the worker (its thread ${fmt(cpu.jobWorkerMainMs!)}, the categorizing thread and V8's helpers ${fmt(cpu.jobWorkerOtherThreadsMs!)}) and ${fmt(cpu.jobPostgresMs)} ms in PostgreSQL;
  the COPY ${fmt(cpu.copyPostgresMs!)} ms in PostgreSQL (its client ${fmt(cpu.copyClientMs!)} ms). Both share ${os.availableParallelism()} cores: the ratio moves with how fast this machine's database is next to its JavaScript`
  }
`);

  // 5. A file too big to hold (--big): generated as a stream, uploaded as a stream, imported
  //    by a separate worker process whose peak RSS is the figure that matters.
  if (BIG_MB > 0) {
    const bigRows = rowsForMegabytes(BIG_MB);
    console.log(`  big file: ${fmt(bigRows)} rows, ~${BIG_MB} MiB, streamed …`);
    const bigStart = performance.now();
    const big = await uploadStatementStream(who, {
      accountId: who.bigAccountId,
      fileName: "big.csv",
      source: (function* () {
        for (const chunk of csvChunks(bigRows, 20_000)) yield Buffer.from(chunk);
      })() as unknown as AsyncIterable<Uint8Array>,
    });
    const bigUploadMs = performance.now() - bigStart;
    const child = await runWorkerProcess(who.tenantId, big.id);
    if (child.outcome !== "posted" || child.rowCount !== bigRows) throw new Error(`big import ended ${child.outcome} with ${child.rowCount} rows: ${child.error}`);
    Object.assign(result, {
      bigMegabytes: BIG_MB,
      bigRows,
      bigUploadSeconds: +(bigUploadMs / 1000).toFixed(1),
      bigStoredToPostedSeconds: +(child.ms / 1000).toFixed(1),
      bigStoredToPostedRowsPerSec: rate(bigRows, child.ms),
      bigWorkerPeakRssMB: child.maxRssMB,
    });
    console.log(`  big file stored → posted         ${fmt(result.bigStoredToPostedRowsPerSec!).padStart(12)} rows/s in ${result.bigStoredToPostedSeconds} s; upload ${result.bigUploadSeconds} s
worker process peak RSS          ${String(child.maxRssMB).padStart(12)} MB   (target < 300 MB; heap cap ${workerHeapMb() || "none"} MB; sampled highs: ${JSON.stringify(child.sampledMB)})
`);
  }
  console.log(JSON.stringify(result));

});

/** The default chart, three rules and a model trained on fixtures/categorize/labelled.csv. */
async function seedCategorization(tenantId: string): Promise<{ rules: number; examples: number }> {
  const { withTenant } = await import("../app/services/db.server.ts");
  const { ensureDefaultCategories } = await import("../app/services/categories.server.ts");
  const { trainModel } = await import("../app/domain/categorize.ts");
  const { Decimal } = await import("../app/domain/money.ts");
  const labelled = Papa.parse<Record<string, string>>(readFileSync(path.join(import.meta.dirname, "../fixtures/categorize/labelled.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return withTenant(tenantId, async (tx) => {
    await ensureDefaultCategories(tx, tenantId);
    const ids = new Map((await tx.category.findMany({ where: { tenantId } })).map((c) => [c.name, c.id]));
    const id = (name: string) => ids.get(name) ?? (() => { throw new Error(`no category ${name}`); })();
    const model = trainModel(labelled.map((r) => ({ description: r.description!, amount: Decimal.parse(r.amount!), category: id(r.category!) })));
    await tx.categoryModel.create({ data: { tenantId, state: model.toJSON() as object, examples: model.size } });
    const rules = [
      { name: "Payroll provider", value: "gusto", category: "Payroll" },
      { name: "Tax payments", value: "irs eftps", category: "Taxes" },
      { name: "Office rent", value: "rent 42 market", category: "Rent" },
    ];
    await tx.categoryRule.createMany({
      data: rules.map((r, i) => ({
        tenantId, name: r.name, priority: (i + 1) * 10, match: "all",
        conditions: [{ field: "description", op: "contains", value: r.value }],
        actions: [{ type: "setCategory", category: id(r.category) }],
      })),
    });
    return { rules: rules.length, examples: model.size };
  });
}

/**
 * The heap cap of the worker process: V8's, as the deployed worker runs with it (`npm run
 * worker` in package.json) — what stays under the cap is live memory, not garbage a lazy
 * collector has not yet returned. BENCH_WORKER_HEAP_MB overrides it; "0" runs uncapped.
 */
function workerHeapMb(): number {
  if (process.env.BENCH_WORKER_HEAP_MB !== undefined) return Number(process.env.BENCH_WORKER_HEAP_MB);
  const scripts = (JSON.parse(readFileSync(path.join(import.meta.dirname, "../package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const cap = /--max-old-space-size=(\d+)/.exec(scripts.worker ?? "");
  if (!cap) throw new Error("package.json's worker script sets no --max-old-space-size: say BENCH_WORKER_HEAP_MB");
  return Number(cap[1]);
}

/** Runs one worker job in its own process (bench/ingest-worker.ts) and reports its peak RSS. */
function runWorkerProcess(tenantId: string, statementId: string): Promise<{ outcome: string; rowCount: number; error: string | null; ms: number; maxRssMB: number; sampledMB: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const heapMb = workerHeapMb();
    const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
    const child = spawn(process.execPath, [...heap, "--import", "tsx", path.join(import.meta.dirname, "ingest-worker.ts"), tenantId, statementId], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`worker process exited ${code}: ${out}`));
      resolve(JSON.parse(last));
    });
  });
}

async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
