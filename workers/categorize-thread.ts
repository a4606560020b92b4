// A categorizing thread (app/services/categorize-thread.server.ts): the import's per-row
// categorization (payee normalization, rules, the model) runs here, beside the worker thread
// that reads the file and writes the COPY — two cores instead of one on a large import.
import { parentPort } from "node:worker_threads";
import { categorizeChunk, createImportCategorizer, fromWireRows, type AutoCategorizer, type WireRows } from "../app/domain/auto-categorize.ts";
import { CategoryModel } from "../app/domain/categorize.ts";
import type { Rule } from "../app/domain/rules-schema.ts";

interface Job {
  currency: string;
  accountId: string;
  categorize: AutoCategorizer;
}

type Message =
  | { type: "start"; job: number; rules: Rule[]; model: unknown; threshold: number; active: string[]; currency: string; accountId: string }
  | { type: "rows"; job: number; id: number; rows: WireRows }
  | { type: "end"; job: number };

const jobs = new Map<number, Job>();

parentPort!.on("message", (message: Message) => {
  if (message.type === "start") {
    const model = CategoryModel.fromJSON(message.model);
    jobs.set(message.job, {
      currency: message.currency,
      accountId: message.accountId,
      categorize: createImportCategorizer({ rules: message.rules, model, threshold: message.threshold, activeCategories: new Set(message.active) }),
    });
  } else if (message.type === "end") {
    jobs.delete(message.job);
  } else {
    try {
      const job = jobs.get(message.job);
      if (!job) throw new Error(`no categorizing job ${message.job} started`);
      parentPort!.postMessage({ id: message.id, chunk: categorizeChunk(job.categorize, fromWireRows(message.rows), job) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
});
