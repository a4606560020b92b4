// Starts a worker thread whose script is TypeScript: registers tsx in this thread (a thread
// does not reliably inherit the parent's --import hooks), then loads the script.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.tsScript);
