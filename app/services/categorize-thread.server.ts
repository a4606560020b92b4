/**
 * Categorizing an import's rows on a thread of its own. Reading a CSV, proving balances and
 * writing the COPY keep the worker's thread busy; payee normalization, rules and the model cost
 * as much again per row (docs/performance.md). On a thread beside it, the two run on two
 * cores: the worker sends a chunk of rows, reads the next chunk while the thread works, and
 * collects the results before it writes the first chunk's COPY lines.
 *
 * One thread per worker process, kept between imports (starting one loads tsx); several imports
 * at once each have a job on it. A thread that dies fails what waits on it — the imports then
 * go on categorizing in place (categories.server.ts: the same results) — and is replaced on the
 * next import.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CategorizedChunk, WireRows } from "../domain/auto-categorize.ts";
import type { Rule } from "../domain/rules-schema.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

const TS_THREAD = path.resolve("workers/ts-thread.mjs");
const SCRIPT = path.resolve("workers/categorize-thread.ts");
const THREAD_OLD_MB = 48;
const THREAD_YOUNG_MB = 4;

export interface CategorizeJobSetup {
  rules: Rule[];
  /** CategoryModel.toJSON() */
  model: unknown;
  threshold: number;
  active: string[];
  currency: string;
  accountId: string;
}

export class CategorizeThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (chunk: CategorizedChunk) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private nextJob = 1;
  private failure: Error | null = null;

  constructor(script = SCRIPT) {
    this.worker = new Worker(TS_THREAD, {
      execArgv: [],
      workerData: { tsScript: pathToFileURL(script).href },
      // It holds a model and one chunk of rows at a time: a small heap keeps the worker process
      // inside its memory budget (docs/performance.md: the 1 GB import under 300 MB).
      resourceLimits: { maxOldGenerationSizeMb: THREAD_OLD_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
    });
    this.worker.unref(); // idle, it does not keep the process alive
    this.worker.on("message", (message: { id: number; chunk?: CategorizedChunk; crash?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      this.settled();
      if (message.crash !== undefined) waiting.reject(new Error(`categorizing thread failed: ${message.crash}`));
      else waiting.resolve(message.chunk!);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`categorizing thread exited (code ${code})`)));
  }

  get alive(): boolean {
    return this.failure === null;
  }

  /** A job for one import: its rules, model and threshold go to the thread once. */
  start(setup: CategorizeJobSetup): CategorizeJob {
    const job = this.nextJob++;
    this.worker.postMessage({ type: "start", job, ...setup });
    return {
      categorize: (rows) => this.request(job, rows),
      end: () => {
        if (this.alive) this.worker.postMessage({ type: "end", job });
      },
    };
  }

  async close(): Promise<void> {
    this.fail(new Error("the categorizing thread is closed"));
    await this.worker.terminate();
  }

  private request(job: number, rows: WireRows): Promise<CategorizedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Busy: the process waits for it (an import is in progress).
      this.worker.ref();
      this.worker.postMessage({ type: "rows", job, id, rows });
    });
  }

  private settled(): void {
    if (this.pending.size === 0) this.worker.unref();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

export interface CategorizeJob {
  categorize(rows: WireRows): Promise<CategorizedChunk>;
  end(): void;
}

/** The process's thread, replaced if it has died. */
export function categorizeThread(): CategorizeThread {
  const thread = singleton("categorize-thread", () => new CategorizeThread());
  if (thread.alive) return thread;
  takeSingleton("categorize-thread");
  return singleton("categorize-thread", () => new CategorizeThread());
}

export async function closeCategorizeThread(): Promise<void> {
  await takeSingleton<CategorizeThread>("categorize-thread")?.close();
}
