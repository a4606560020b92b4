/**
 * bench/pdf — PDF statements: the worker's whole job on a stored PDF (fetch, decrypt, pdf.js
 * text extraction, table reading, balance proof, staging, posting) in pages per second, next
 * to raw pdf.js text extraction (getTextContent on every page) of the same file in the same run.
 *
 *   npm run bench:pdf                 # two corpus statements of one layout: a quarter (4 pages,
 *                                     # 124 rows, 20 imports) and a year (≈30 pages, 1,000 rows, 5)
 *   BENCH_PDF_RUNS=50 npm run bench:pdf
 *
 * Both sizes are printed because the worker's job has a fixed cost per file (object fetch,
 * key, transaction, chain, audit) that dominates a 4-page file and fades on a long one.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bestOfAsync, fmt, withBenchEnvironment } from "./support.ts";

const FILES = [
  { name: "multi-page.pdf", runs: Number(process.env.BENCH_PDF_RUNS ?? 20) },
  { name: "multi-page-annual.pdf", runs: Math.max(1, Math.round(Number(process.env.BENCH_PDF_RUNS ?? 20) / 4)) },
];

await withBenchEnvironment("pdf", async ({ tenant }) => {
  const results: Record<string, unknown>[] = [];
  for (const { name, runs: RUNS } of FILES) {
    const FILE = path.resolve(import.meta.dirname, "../fixtures/statements/pdf", name);
    const bytes = await readFile(FILE);
    // Loaded as Cashline loads it, so the raw figure too runs with V8's own Array push rather
    // than the slower one pdf.js's core-js installs (app/domain/pdf/extract.ts): pdf.js at its best.
    const { getDocument } = await (await import("../app/domain/pdf/extract.ts")).loadPdfJs();

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
    const pages = await rawExtraction();
    const raw = await bestOfAsync(RUNS, rawExtraction);

    // 2. Parsing alone (pdf.js + lines + table), no I/O.
    const { parsePdfStatement } = await import("../app/domain/pdf/parse.ts");
    const parsed = await bestOfAsync(RUNS, () => parsePdfStatement(new Uint8Array(bytes), {}));

    // 3. Stored → posted: each run imports the file into a fresh account (no run dedupes another).
    const { uploadStatement } = await import("../app/services/statements.server.ts");
    const { processStatement } = await import("../app/services/statement-processing.server.ts");
    const who = await tenant();
    let best = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const accountId = await who.account("PDF", "GBP"); // the statement is in pounds
      const { id } = await uploadStatement(who, { accountId, fileName: name, bytes });
      const t0 = performance.now();
      const outcome = await processStatement({ tenantId: who.tenantId, statementId: id });
      best = Math.min(best, performance.now() - t0);
      if (outcome !== "posted") {
        const { withTenant } = await import("../app/services/db.server.ts");
        const s = await withTenant(who.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: who.tenantId, id } } }));
        throw new Error(`the PDF import ended ${outcome}: ${s.error}`);
      }
    }

    const perSecond = (ms: number) => +((pages / ms) * 1000).toFixed(1);
    const result = {
      file: name,
      pages,
      rows: parsed.result.rows.length,
      rawPdfjsPagesPerSec: perSecond(raw.ms),
      parsePagesPerSec: perSecond(parsed.ms),
      storedToPostedPagesPerSec: perSecond(best),
      parseVsRaw: +(raw.ms / parsed.ms).toFixed(3),
      storedToPostedVsRaw: +(raw.ms / best).toFixed(3),
    };
    console.log(`bench/pdf: ${name}, ${pages} pages, ${result.rows} rows, best of ${RUNS}

  pdf.js getTextContent alone     ${fmt(result.rawPdfjsPagesPerSec).padStart(8)} pages/s
  Cashline PDF parser             ${fmt(result.parsePagesPerSec).padStart(8)} pages/s   (${result.parseVsRaw}× pdf.js)
  stored → posted (worker job)    ${fmt(result.storedToPostedPagesPerSec).padStart(8)} pages/s   (${result.storedToPostedVsRaw}× pdf.js)
`);
    results.push(result);
  }
  console.log(JSON.stringify(results));
});
