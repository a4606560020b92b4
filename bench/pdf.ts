/**
 * bench/pdf — PDF statements: the worker's whole job on a stored PDF (fetch, decrypt, pdf.js
 * text extraction, table reading, balance proof, categorizing, posting) in pages per second,
 * next to raw pdf.js text extraction (getTextContent on every page) of the same file.
 *
 *   npm run bench:pdf                 # two corpus statements of one layout: a quarter (4 pages,
 *                                     # 124 rows, 20 runs) and a year (29 pages, 1,000 rows, 10)
 *   BENCH_PDF_RUNS=40 npm run bench:pdf
 *
 * Each run is a triple, one right after the other: raw pdf.js, then the parser alone, then the
 * worker job. This machine's load drifts by tens of percent within minutes, and a triple meets it
 * in one state; the ratios printed are the medians of the triples' ratios. Each file's first job
 * is left out and printed apart: it starts what a running worker already has (the parse thread
 * and pdf.js; for the year, the categorizing thread, which 124-row imports never wake).
 *
 * Both sizes are printed because the worker's job has a fixed cost per file (object fetch,
 * key, transaction, chain, audit) that dominates a 4-page file and fades on a long one.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fmt, median, withBenchEnvironment, type BenchTenant } from "./support.ts";

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 20);
const FILES = [
  { name: "multi-page.pdf", runs: RUNS },
  { name: "multi-page-annual.pdf", runs: Math.max(3, Math.round(RUNS / 2)) },
];

await withBenchEnvironment("pdf", async ({ tenant }) => {
  // Loaded as Cashline loads it, so the raw figure too runs with V8's own Array push rather
  // than the slower one pdf.js's core-js installs (app/domain/pdf/extract.ts): pdf.js at its best.
  const { getDocument } = await (await import("../app/domain/pdf/extract.ts")).loadPdfJs();
  const { parsePdfStatement } = await import("../app/domain/pdf/parse.ts");
  const { uploadStatement } = await import("../app/services/statements.server.ts");
  const { processStatement } = await import("../app/services/statement-processing.server.ts");
  const { withTenant } = await import("../app/services/db.server.ts");
  const who = await tenant();
  const results: Record<string, unknown>[] = [];

  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  for (const { name, runs } of FILES) {
    const bytes = await readFile(path.resolve(import.meta.dirname, "../fixtures/statements/pdf", name));

    // 1. Raw pdf.js: open the document and get the text content of every page.
    async function rawExtraction(): Promise<number> {
      const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
      try {
        for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
        return doc.numPages;
      } finally {
        await doc.destroy();
      }
    }
    // 2. Parsing alone (pdf.js + lines + table), no I/O.
    const parse = () => parsePdfStatement(new Uint8Array(bytes), {});
    // 3. Stored → posted: each run imports the file into a fresh account (no run dedupes another).
    async function job(who: BenchTenant): Promise<number> {
      const accountId = await who.account("PDF", "GBP"); // the statement is in pounds
      const { id } = await uploadStatement(who, { accountId, fileName: name, bytes });
      const t0 = performance.now();
      const outcome = await processStatement({ tenantId: who.tenantId, statementId: id });
      const ms = performance.now() - t0;
      if (outcome !== "posted") {
        const s = await withTenant(who.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: who.tenantId, id } } }));
        throw new Error(`the PDF import ended ${outcome}: ${s.error}`);
      }
      return ms;
    }

    const pages = await rawExtraction();
    const rows = (await parse()).rows.length;
    const firstJob = await job(who);
    const raw: number[] = [];
    const parsed: number[] = [];
    const jobs: number[] = [];
    for (let i = 0; i < runs; i++) {
      raw.push(await timed(rawExtraction));
      parsed.push(await timed(parse));
      jobs.push(await job(who));
    }

    const perSecond = (ms: number) => +((pages / ms) * 1000).toFixed(1);
    const parseVsRaw = median(parsed.map((ms, i) => raw[i]! / ms));
    const jobVsRaw = median(jobs.map((ms, i) => raw[i]! / ms));
    const result = {
      file: name,
      pages,
      rows,
      runs,
      rawPdfjsPagesPerSec: perSecond(median(raw)),
      parsePagesPerSec: perSecond(median(parsed)),
      storedToPostedPagesPerSec: perSecond(median(jobs)),
      parseVsRaw: +parseVsRaw.toFixed(3),
      storedToPostedVsRaw: +jobVsRaw.toFixed(3),
      bestOfVsRaw: +(Math.min(...raw) / Math.min(...jobs)).toFixed(3),
      firstJobMs: Math.round(firstJob),
    };
    const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(" ");
    console.log(`bench/pdf: ${name}, ${pages} pages, ${rows} rows, ${runs} runs (medians)

  pdf.js getTextContent alone     ${fmt(result.rawPdfjsPagesPerSec).padStart(8)} pages/s   ms: ${ms(raw)}
  Cashline PDF parser             ${fmt(result.parsePagesPerSec).padStart(8)} pages/s   ms: ${ms(parsed)}
  stored → posted (worker job)    ${fmt(result.storedToPostedPagesPerSec).padStart(8)} pages/s   ms: ${ms(jobs)}
  against the raw run just before each: parser ${result.parseVsRaw}× pdf.js, worker job ${result.storedToPostedVsRaw}× pdf.js (best against best: ${result.bestOfVsRaw}×)
  first job of this file (not counted): ${result.firstJobMs} ms
`);
    results.push(result);
  }
  console.log(JSON.stringify(results));
});
