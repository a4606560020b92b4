/**
 * The job queue (BullMQ on Redis). Redis holds no state we cannot lose: a statement's status
 * lives in PostgreSQL, the job id is the statement id (adding it twice is a no-op), and
 * `requeueStranded` re-adds work for statements still waiting after Redis was lost.
 */
import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { config } from "./config.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

export const STATEMENT_QUEUE = "statements";

export interface StatementJob {
  tenantId: string;
  statementId: string;
  /** The stored object, when the queuer knows it (an upload): fetched while the statement is read. Only a hint — the statement row has the last word. */
  storageKey?: string;
}

export function redisConnection(): Redis {
  // Workers block on Redis: BullMQ requires maxRetriesPerRequest null for them.
  return new Redis(config().redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
}

interface QueueHandle {
  queue: Queue<StatementJob>;
  connection: Redis;
}

function queueHandle(): QueueHandle {
  return singleton("statement-queue", () => {
    const connection = redisConnection();
    const queue = new Queue<StatementJob>(STATEMENT_QUEUE, {
      connection,
      prefix: config().queuePrefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    return { queue, connection };
  });
}

export function statementQueue(): Queue<StatementJob> {
  return queueHandle().queue;
}

/**
 * Queues a statement. The first run's job id is the statement id (adding it again is
 * harmless); a deliberate re-run (a confirmed mapping, a recovery) gets a fresh id, because
 * a finished job is kept for a day and would swallow the re-add.
 */
export async function enqueueStatement(job: StatementJob, options: { rerun?: boolean } = {}): Promise<void> {
  const jobId = options.rerun ? `${job.statementId}-rerun-${Date.now().toString(36)}` : job.statementId;
  await statementQueue().add("process", job, { jobId });
}

export function startStatementWorker(
  process: (job: Job<StatementJob>) => Promise<void>,
  options: { concurrency?: number } = {},
): Worker<StatementJob> {
  const connection = redisConnection();
  const worker = new Worker<StatementJob>(STATEMENT_QUEUE, process, {
    connection,
    prefix: config().queuePrefix,
    concurrency: options.concurrency ?? config().workerConcurrency,
  });
  // BullMQ leaves a connection it was given open; this one is ours to end.
  worker.on("closed", () => connection.disconnect());
  return worker;
}

export async function closeQueue(): Promise<void> {
  const handle = takeSingleton<QueueHandle>("statement-queue");
  if (!handle) return;
  await handle.queue.close();
  // The connection was passed in, so it is ours to end.
  handle.connection.disconnect();
}
