// A stand-in parse thread for app/services/parse-pool.server.test.ts that takes 2.5 s to load
// (as a real one may on a busy machine, loading tsx and pdf.js), then answers.
import { parentPort } from "node:worker_threads";

await new Promise((resolve) => setTimeout(resolve, 2_500));

parentPort!.on("message", (message: { id: number; bytes: Uint8Array }) => {
  parentPort!.postMessage({ id: message.id, outcome: { ok: false, error: `answered ${message.bytes.length} bytes` } });
});
