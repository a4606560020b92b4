// A stand-in parse thread for app/services/parse-pool.server.test.ts: the first byte says how
// to misbehave — 1: spin forever, 2: allocate until the heap limit, 3: exit; else answer.
import { parentPort } from "node:worker_threads";

parentPort!.on("message", (message: { id: number; bytes: Uint8Array }) => {
  const mode = message.bytes[0];
  if (mode === 1) for (;;);
  if (mode === 2) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(1));
  }
  if (mode === 3) process.exit(7);
  parentPort!.postMessage({ id: message.id, outcome: { ok: false, error: `answered ${message.bytes.length} bytes` } });
});
