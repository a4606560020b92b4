/**
 * A thread's young-generation collection, run when the thread has just finished a parse and
 * sits idle while its worker posts the rows.
 *
 * Reading a 4-page PDF allocates ~15 MB. A parse thread's young generation (96 MB, parse
 * pool) filled up every few parses, and the collection then ran in the middle of a parse,
 * copying everything pdf.js and the reader still held. Counted with V8's gc entries on two
 * parse threads alternating on the 4-page statement: 0.4 collections per parse at 3.5 ms each
 * (1.4 ms a parse on average) without this, none with it; the idle collection itself takes
 * ~2 ms, off the job's path (docs/performance.md).
 */
import v8 from "node:v8";
import vm from "node:vm";

type Collect = (options: { type: "minor" | "major" }) => void;

let collect: Collect | undefined;

export function collectYoungGeneration(): void {
  collect ??= exposedCollector();
  collect({ type: "minor" });
}

/**
 * V8's gc(), which it exposes only to contexts created while --expose-gc is set: the flag is
 * set for the moment a context is made to take the function from, then cleared again, so no
 * other code's context gets it.
 */
function exposedCollector(): Collect {
  v8.setFlagsFromString("--expose-gc");
  try {
    return vm.runInNewContext("gc") as Collect;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
}
