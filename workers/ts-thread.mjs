// Starts a worker thread whose script is TypeScript: registers tsx in this thread (a thread
// does not reliably inherit the parent's --import hooks), then loads the script.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.tsScript);
// Loaded (tsx, the script, what it imports): a pool times a parse from here, not from the
// thread's start, which takes seconds on a busy machine (app/services/parse-pool.server.ts).
parentPort?.postMessage({ ready: true });
