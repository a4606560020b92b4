/**
 * The statement worker: takes jobs from the queue and hands them to the processing service.
 * Thin on purpose — what processing means lives in app/services/statement-processing.server.ts.
 */
import type { Worker } from "bullmq";
import { startStatementWorker, type StatementJob } from "../app/services/queue.server.ts";
import { categorizeThread } from "../app/services/categorize-thread.server.ts";
import { config } from "../app/services/config.server.ts";
import { fail, processStatement } from "../app/services/statement-processing.server.ts";

export function runStatementWorker(options: { concurrency?: number } = {}): Worker<StatementJob> {
  // The categorizing thread starts with the worker, not inside the first import that needs it
  // (loading it takes ~300 ms). Parse threads stay on demand: a worker that only ever sees CSV
  // keeps pdf.js out of its memory.
  if (config().importCategorizeThread) categorizeThread();
  const worker = startStatementWorker(async (job) => {
    await processStatement(job.data);
  }, options);

  // Infrastructure errors (storage or database down) are retried by BullMQ; after the last
  // attempt the statement must not sit in `parsing` forever: say what happened.
  worker.on("failed", (job, error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const reason = `processing failed after ${job.attemptsMade} attempts (${error.message}); nothing was posted — try uploading again`;
    fail(job.data.tenantId, job.data.statementId, null, reason).catch((e) =>
      console.error(`[cashline] could not record failure of statement ${job.data.statementId}:`, e),
    );
  });
  worker.on("error", (error) => console.error("[cashline] worker error:", error.message));
  return worker;
}
