// A measuring thread of bench/pdf: raw pdf.js, or Cashline's PDF parser, each on a thread of its
// own set up as the worker's parse threads are (their V8 heap limits, parse-pool.server.ts, and
// their young-generation collection after each parse, workers/young-generation.ts), so
// both run where and as the worker's parser runs and their ratio compares the parser's own work
// with pdf.js's, nothing else. Each message asks for one run on the bytes it carries, timed here
// in the thread (not across the hop).
import { parentPort } from "node:worker_threads";
import { loadPdfJs } from "../app/domain/pdf/pdfjs.ts";
import { parsePdfStatement } from "../app/domain/pdf/parse.ts";
import { collectYoungGeneration } from "../workers/young-generation.ts";

// Loaded as Cashline loads it, so the raw figure too runs with V8's own Array push rather than
// the slower one pdf.js's core-js installs (app/domain/pdf/extract.ts): pdf.js at its best.
const { getDocument } = await loadPdfJs();

/** Raw pdf.js: open the document and get the text content of every page. */
async function rawExtraction(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

parentPort!.on("message", async ({ measure, bytes }: { measure: "raw" | "parse"; bytes: Uint8Array }) => {
  const t0 = performance.now();
  const count = measure === "raw" ? await rawExtraction(bytes) : (await parsePdfStatement(bytes, {})).rows.length;
  parentPort!.postMessage({ count, ms: performance.now() - t0 });
  // As the worker's parse threads do after each parse (workers/young-generation.ts): both
  // measures, raw pdf.js too, start each run with an empty young generation.
  collectYoungGeneration();
});
