// A parse thread (app/services/parse-pool.server.ts): reads whole-file statements (PDF, OFX,
// QIF, CAMT) away from the worker's own thread, so a hostile file that hangs or bloats the
// parser is killed with its thread and takes nothing else down.
import { parentPort } from "node:worker_threads";
import { parseStatementFile } from "../app/domain/parse.ts";
import type { ParseOptions } from "../app/domain/statement.ts";
import { toTransfer } from "../app/domain/thread-message.ts";
import { collectYoungGeneration } from "./young-generation.ts";

parentPort!.on("message", async (message: { id: number; bytes: Uint8Array; options: ParseOptions }) => {
  try {
    const outcome = await parseStatementFile(message.bytes, message.options);
    parentPort!.postMessage({ id: message.id, outcome: toTransfer(outcome) });
  } catch (error) {
    // A parser bug, not a problem with the file: reported as such to the caller.
    parentPort!.postMessage({ id: message.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  // The result is on its way; the parse's garbage goes now, while the worker posts the rows,
  // rather than in the middle of the next parse (workers/young-generation.ts).
  collectYoungGeneration();
});
