/**
 * One worker job in a process of its own, for bench/ingest --big: the process's peak RSS
 * (getrusage maxrss) is then the worker's memory for that file and nothing else's.
 * Prints one JSON line: { outcome, rowCount, error, ms, maxRssMB }.
 */
import { disconnectDb, withTenant } from "../app/services/db.server.ts";
import { processStatement } from "../app/services/statement-processing.server.ts";
import { closeStorage } from "../app/services/storage.server.ts";

const [tenantId, statementId] = process.argv.slice(2);
if (!tenantId || !statementId) throw new Error("usage: ingest-worker.ts TENANT_ID STATEMENT_ID");
// Where the memory is at its highest, by V8's account (heap, Buffers) — RSS adds code and the rest.
const maxima: Record<string, number> = {};
const sampler = setInterval(() => {
  for (const [k, v] of Object.entries(process.memoryUsage())) maxima[k] = Math.max(maxima[k] ?? 0, Math.round(v / 1048576));
}, 50);
sampler.unref();
const start = performance.now();
const outcome = await processStatement({ tenantId, statementId });
const ms = performance.now() - start;
clearInterval(sampler);
const s = await withTenant(tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: statementId } } }));
console.log(JSON.stringify({ outcome, rowCount: s.rowCount, error: s.error, ms, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), sampledMB: maxima }));
await disconnectDb();
closeStorage();
