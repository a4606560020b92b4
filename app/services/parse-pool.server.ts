/**
 * Whole-file statements (PDF, OFX, QIF, CAMT, MT940) are parsed on worker threads, not on the
 * statement worker's own thread. The parsers bound themselves (pages, a deadline checked per
 * page), but a hostile file can still spend unbounded time or memory inside one library call;
 * a thread can be stopped from outside. So each parse has a hard time limit and a heap limit:
 * past either, the thread is terminated (and replaced on the next parse) and the statement
 * fails with a plain reason — the worker itself carries on.
 *
 * Threads are kept between parses (starting one loads tsx and pdf.js: too slow per file).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParseOutcome } from "../domain/parse.ts";
import type { ParseOptions } from "../domain/statement.ts";
import { fromTransfer } from "../domain/thread-message.ts";
import { config } from "./config.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

const TS_THREAD = path.resolve("workers/ts-thread.mjs");

export interface ParsePoolOptions {
  /** The thread's script (tests pass stand-ins that hang or allocate without end). */
  script: string;
  size: number;
  /** Hard limit per parse, after which the thread is terminated. */
  timeoutMs: number;
  /** V8 old-generation limit of each thread. */
  memoryMb: number;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
  resolve: (outcome: ParseOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  /** The thread has loaded its script (workers/ts-thread.mjs says so): a job's time limit runs. */
  ready: boolean;
}

/**
 * How long a new thread may take to load before its job fails (as the worker's failure, not the
 * file's: the job is retried). A parse's own time limit starts once the thread is ready: loading
 * tsx and pdf.js takes a second or two, more on a busy machine, and is no part of reading a file —
 * counted in, a replacement thread's first parse could be refused for the machine's load.
 */
const THREAD_START_MS = 60_000;

export class ParseThreadPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {}

  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParseOutcome> {
    if (this.closed) return Promise.reject(new Error("the parse pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, options, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    for (const job of this.queue.splice(0)) job.reject(new Error("the parse pool is closed"));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      this.startTimer(slot);
      // A copy: the caller keeps its bytes, the thread gets the copy's buffer outright.
      const copy = new Uint8Array(job.bytes);
      slot.worker.postMessage({ id: job.id, bytes: copy, options: job.options }, [copy.buffer]);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(TS_THREAD, {
      // The thread runs TypeScript like the worker does (workers/ts-thread.mjs registers tsx);
      // process-wide flags (heap size) are not valid for a thread — resourceLimits cap it.
      execArgv: [],
      workerData: { tsScript: pathToFileURL(this.options.script).href },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: PARSE_THREAD_YOUNG_MB },
    });
    const slot: Slot = { worker, job: null, ready: false };
    worker.unref(); // an idle thread does not keep the process alive
    worker.on("message", (message: { id: number; outcome?: unknown; crash?: string; ready?: true }) => {
      if (message.ready) {
        slot.ready = true;
        if (slot.job) this.startTimer(slot);
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      this.finish(slot);
      if (message.crash !== undefined) job.reject(new Error(`statement parser failed: ${message.crash}`));
      else job.resolve(fromTransfer<ParseOutcome>(message.outcome));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const limit = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.kill(slot, limit ? tooBig(this.options.memoryMb) : null, error);
    });
    worker.on("exit", () => {
      // Gone for any reason (terminated, crashed): the job it held has been settled by kill();
      // a thread that exits on its own fails its job here.
      if (slot.job) this.kill(slot, null, new Error("statement parser thread exited"));
      this.slots = this.slots.filter((s) => s !== slot);
    });
    this.slots.push(slot);
    return slot;
  }

  /** The job's time limit, once the thread is ready; until then, the bound on its start. */
  private startTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = slot.ready
      ? setTimeout(() => this.kill(slot, tooLong(this.options.timeoutMs)), this.options.timeoutMs)
      : setTimeout(() => this.kill(slot, null, new Error(`statement parser thread did not start within ${THREAD_START_MS / 1000} s`)), THREAD_START_MS);
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    this.dispatch();
  }

  /** Settles the slot's job (as a refusal of the file, or as an error) and ends its thread. */
  private kill(slot: Slot, refusal: string | null, error?: Error): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = null;
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
    if (job) {
      if (refusal !== null) job.resolve({ ok: false, error: refusal });
      else job.reject(error ?? new Error("statement parser thread failed"));
    }
    this.dispatch();
  }
}

function tooLong(ms: number): string {
  return `reading this file took longer than ${Math.round(ms / 1000)} s and was stopped; if it is a genuine statement, try a shorter period`;
}

function tooBig(mb: number): string {
  return `reading this file needed more than ${mb} MB of memory and was stopped; if it is a genuine statement, try a shorter period`;
}

// The parsers' own deadline (checked per page) comes first, with a message naming the page;
// the thread is killed only if that does not happen.
export const PARSE_HARD_LIMIT_GRACE_MS = 10_000;
// A 25 MB PDF (UPLOAD_MAX_WHOLE_BYTES) parses in well under this.
export const PARSE_THREAD_MEMORY_MB = 384;
/**
 * V8's young generation of each parse thread (a thread's default is 48 MB: 16 MB halves).
 * Parsing a 4-page statement allocates ~15 MB, nearly all of it dead by the next collection;
 * with the default, a young collection came about once per statement and cost 3–4 ms of its
 * ~28 ms (--trace-gc). Twice the size runs it half as often, at the same cost each (it copies
 * only what is alive): 28.5 → 25.9 ms per parse, threads of both sizes alternating in one
 * process (docs/performance.md). At most 48 MB more per thread, and only as it grows into it.
 */
export const PARSE_THREAD_YOUNG_MB = 96;

export function parsePool(parserDeadlineMs: number): ParseThreadPool {
  return singleton(
    "parse-pool",
    () =>
      new ParseThreadPool({
        script: path.resolve("workers/parse-thread.ts"),
        size: config().workerConcurrency,
        timeoutMs: parserDeadlineMs + PARSE_HARD_LIMIT_GRACE_MS,
        memoryMb: PARSE_THREAD_MEMORY_MB,
      }),
  );
}

export async function closeParsePool(): Promise<void> {
  await takeSingleton<ParseThreadPool>("parse-pool")?.close();
}
