// `npm run worker`: a standalone statement worker (production runs as many as needed).
import { disconnectDb } from "../app/services/db.server.ts";
import { closeCategorizeThread } from "../app/services/categorize-thread.server.ts";
import { closeParsePool } from "../app/services/parse-pool.server.ts";
import { runStatementWorker } from "./statement-worker.ts";
import { config } from "../app/services/config.server.ts";

const worker = runStatementWorker();
console.log(`[cashline] statement worker running (concurrency ${config().workerConcurrency}, queue prefix "${config().queuePrefix}")`);

async function shutdown(signal: string): Promise<void> {
  console.log(`[cashline] ${signal}: finishing current jobs…`);
  await worker.close();
  await closeParsePool();
  await closeCategorizeThread();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
