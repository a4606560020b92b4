/**
 * pdf.js, loaded the way Cashline reads statements with it: its own built-in methods left to
 * the thread, and every stream it unpacks bounded.
 *
 * A PDF's streams are compressed, and a small file can unpack to gigabytes (a "decompression
 * bomb": 3 MB of FlateDecode holding 3 GB of spaces). pdf.js unpacks whatever a page asks for, in
 * ArrayBuffers — memory outside V8's heap, which the parse thread's heap limit does not cover —
 * so one such upload took a worker process to 6.8 GB and held its parse thread until the hard
 * time limit. So pdf.js's worker half is loaded with two changes, made to its source text as it
 * loads (each must match exactly once, or loading fails: a pdf.js upgrade is checked, not
 * trusted):
 *
 *  - `DecodeStream.ensureBuffer`, where every JavaScript decoder (Flate, LZW, predictors, …)
 *    grows its output, reports each growth to the meter below first, which refuses a stream past
 *    MAX_DECODED_STREAM_BYTES and a document past MAX_DECODED_DOCUMENT_BYTES in all;
 *  - `new DecompressionStream(…)`, which pdf.js uses for page content and fonts, is the bounded
 *    one below: zlib's own one-shot decoders with an output limit. (The platform's stream has
 *    none, and through web streams and the thread pool it was also slower: pdf.js's text
 *    extraction of the 4-page corpus statement ran ~10% faster without it.)
 *
 * pdf.js swallows most errors inside a page (it is built to show what it can), so a refusal
 * thrown from a decoder may never reach the caller; the meter remembers it, and the extraction
 * asks after each step (`watchDecoding`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, inflateSync } from "node:zlib";

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

/** No stream of a statement (a page's content, a font) unpacks to anywhere near this. */
export const MAX_DECODED_STREAM_BYTES = 64 * 1024 * 1024;
/** Everything one document unpacks, in all (a decoder's buffer counts each time it grows). */
export const MAX_DECODED_DOCUMENT_BYTES = 1024 * 1024 * 1024;

type DecodingBound = "stream" | "document";

/** What a thread's pdf.js has unpacked, and the refusals it met (one per thread: `meter`). */
export class DecodingMeter {
  decodedBytes = 0;
  /** Where the current document's count starts (see watchDecoding). */
  documentStart = 0;
  refusalCount = 0;
  lastRefusal: DecodingBound = "stream";

  constructor(readonly limits = { stream: MAX_DECODED_STREAM_BYTES, document: MAX_DECODED_DOCUMENT_BYTES }) {}

  /** A decoder is about to hold `bytes` (one stream's output so far, `requested` of it needed); throws past a bound. */
  allocate(bytes: number, requested = bytes): void {
    if (requested > this.limits.stream) this.refuse("stream");
    this.decodedBytes += bytes;
    if (this.decodedBytes - this.documentStart > this.limits.document) this.refuse("document");
  }

  /** Remembers a refusal and throws it (pdf.js may swallow the throw; the record stays). */
  refuse(bound: DecodingBound): never {
    this.refusalCount++;
    this.lastRefusal = bound;
    throw new DecodingRefused(bound, this.limits[bound]);
  }

  /** Starts a document's count; its `refusal()` is the first bound it went past, if any. */
  watch(): DecodingWatch {
    const refusalsBefore = this.refusalCount;
    this.documentStart = this.decodedBytes;
    return { refusal: () => (this.refusalCount > refusalsBefore ? this.lastRefusal : null) };
  }
}

/** A refusal for the caller to report (the caller knows the page); null while within bounds. */
export interface DecodingWatch {
  refusal(): DecodingBound | null;
}

class DecodingRefused extends RangeError {
  constructor(
    readonly bound: DecodingBound,
    limit: number,
  ) {
    super(`pdf stream refused: it unpacks to more than ${limit} bytes${bound === "document" ? " with the rest of the document" : ""}`);
  }
}

const meter = new DecodingMeter();

/** The key under which the patched pdf.js finds the meter and the bounded DecompressionStream. */
const HOOK = Symbol.for("cashline.pdfjs.decoding");

/**
 * A DecompressionStream as far as pdf.js uses one (`asyncGetBytesFromDecompressionStream`: one
 * write, then read to the end), decoding at once with zlib's one-shot decoders under the stream
 * bound. Past the bound it yields nothing rather than failing: a failure would send pdf.js to
 * its JavaScript decoder to unpack the same stream again, and the meter has refused the
 * document already.
 */
class BoundedDecompressionStream {
  readonly readable: AsyncIterable<Uint8Array>;
  readonly writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };

  constructor(format: string) {
    let settle!: (output: Uint8Array | Error) => void;
    const output = new Promise<Uint8Array | Error>((resolve) => (settle = resolve));
    let written = false;
    const ready = Promise.resolve();
    const writer = {
      ready,
      write: async (chunk: Uint8Array) => {
        if (written) throw new TypeError("a bounded decompression stream takes one chunk");
        written = true;
        settle(decompress(format, chunk));
      },
      close: async () => undefined,
    };
    this.writable = { getWriter: () => writer };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        const result = await output;
        if (result instanceof Error) throw result;
        yield result;
      },
    };
  }
}

function decompress(format: string, chunk: Uint8Array): Uint8Array | Error {
  const options = { maxOutputLength: MAX_DECODED_STREAM_BYTES };
  try {
    let out: Buffer;
    try {
      if (format === "deflate") out = inflateSync(chunk, options);
      else if (format === "brotli") out = brotliDecompressSync(chunk, options);
      else return new TypeError(`unsupported compression format ${format}`);
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") meter.refuse("stream");
      throw error;
    }
    meter.allocate(out.byteLength);
    // A small Buffer can be a view of Node's shared pool: pdf.js gets bytes of its own (it may
    // transfer what it holds, which would detach the pool under every other Buffer on it).
    return out.byteOffset === 0 && out.buffer.byteLength === out.byteLength ? new Uint8Array(out.buffer) : new Uint8Array(out);
  } catch (error) {
    if (error instanceof DecodingRefused) return new Uint8Array(0);
    // Damaged data (a bad checksum, a cut-off stream): pdf.js's own, more forgiving decoder
    // tries next, as it does when the platform's stream fails.
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Starts counting what this thread's pdf.js unpacks for one document. Documents read one after
 * another (as the parse thread and the CLI do) are counted apart; two read at once in one
 * thread would share the count and a refusal.
 */
export function watchDecoding(): DecodingWatch {
  return meter.watch();
}

/** The changes to pdf.js's worker source; each `find` must occur exactly once. */
const WORKER_PATCHES: { what: string; find: string; replace: string }[] = [
  {
    what: "DecodeStream.ensureBuffer reports each growth",
    find: "    const buffer2 = new Uint8Array(size);\n",
    replace: `    globalThis[Symbol.for("cashline.pdfjs.decoding")]?.meter.allocate(size, requested);\n    const buffer2 = new Uint8Array(size);\n`,
  },
  {
    what: "the bounded DecompressionStream",
    find: "} = new DecompressionStream(name);",
    replace: `} = new (globalThis[Symbol.for("cashline.pdfjs.decoding")]?.DecompressionStream ?? DecompressionStream)(name);`,
  },
];

/** pdf.js's worker source with WORKER_PATCHES applied, as a module URL. */
function patchedWorkerUrl(): string {
  const file = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");
  let source = readFileSync(file, "utf8");
  for (const patch of WORKER_PATCHES) {
    const at = source.indexOf(patch.find);
    if (at < 0 || source.indexOf(patch.find, at + 1) >= 0) {
      throw new Error(`pdfjs-dist's worker (${file}) no longer has the code for "${patch.what}": check app/domain/pdf/pdfjs.ts against this pdf.js version`);
    }
    source = source.slice(0, at) + patch.replace + source.slice(at + patch.find.length);
  }
  // Stack traces name the file it came from (not the data: URL, which is the whole source);
  // its source map would be looked for beside the data: URL, so it goes.
  source = `${source.replace(/^\/\/# sourceMappingURL=.*$/m, "")}\n//# sourceURL=${pathToFileURL(file).href}\n`;
  return `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
}

// The built-in objects whose methods pdf.js's bundled core-js may replace (below).
const BUILTINS: object[] = [
  globalThis, Object, Object.prototype, Function.prototype, Array, Array.prototype, String, String.prototype,
  Number, Number.prototype, Math, JSON, Reflect, Symbol, Promise, Promise.prototype, RegExp.prototype,
  Map.prototype, Set.prototype, WeakMap.prototype, WeakSet.prototype, ArrayBuffer.prototype, DataView.prototype,
  Uint8Array, Uint8Array.prototype, Object.getPrototypeOf(Uint8Array.prototype) as object,
];

/** Every built-in method of this thread as it is now. */
function builtinMethods(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  const methods = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (const target of BUILTINS) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (descriptor && typeof descriptor.value === "function") own.set(key, descriptor);
    }
    methods.set(target, own);
  }
  return methods;
}

let pdfjsModule: Promise<PdfJs> | undefined;

/**
 * Loaded on first use: pdf.js is large and only PDFs need it.
 *
 * pdf.js's legacy build (the one that runs on Node 20) bundles core-js, which replaces
 * built-in methods for the whole thread wherever V8's differ from the newest drafts of the
 * spec: Array.prototype.push (it does not throw on a read-only length), JSON.stringify and
 * JSON.parse (JSON.rawJSON, reviver source text) — corners no code here, and none of pdf.js's
 * text extraction, touches. The replacements are plain JavaScript: push several times slower,
 * JSON about three times. With V8's own methods pdf.js's text extraction runs ~17% faster and
 * the statement parser ~15% (29 pages, six alternating runs: 166 → 137 ms and 219 → 187 ms).
 * So every built-in method it replaced is put back once both halves of pdf.js have loaded;
 * what it only adds (methods this Node lacks) stays.
 */
export function loadPdfJs(): Promise<PdfJs> {
  if (pdfjsModule) return pdfjsModule;
  // Taken right before, so that only what pdf.js replaces is put back (this module is the only
  // one that loads it). core-js dresses its methods up as "[native code]": only these tell.
  const before = builtinMethods();
  Reflect.defineProperty(globalThis, HOOK, { value: { meter, DecompressionStream: BoundedDecompressionStream } });
  pdfjsModule = Promise.all([
    import("pdfjs-dist/legacy/build/pdf.mjs"),
    // pdf.js's own "worker" half runs in this thread (its fake worker) and bundles core-js too:
    // loaded here, not on the first document, so what it replaces is put back as well. It
    // registers itself as globalThis.pdfjsWorker, where the fake worker looks first — and this
    // is the only copy loaded, so the bounded one is the one pdf.js uses.
    import(patchedWorkerUrl()),
  ]).then(([pdfjs]) => {
    for (const [target, methods] of before) {
      for (const [key, descriptor] of methods) {
        if (Reflect.getOwnPropertyDescriptor(target, key)?.value !== descriptor.value) Reflect.defineProperty(target, key, descriptor);
      }
    }
    return pdfjs;
  });
  return pdfjsModule;
}
