import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { StatementParseError } from "../statement.ts";
import { deflateBomb, pdfFile, type PdfObject } from "../test-support.ts";
import { extractPdfLines, withPdfDocument } from "./extract.ts";
import { DecodingMeter, loadPdfJs, MAX_DECODED_STREAM_BYTES } from "./pdfjs.ts";

describe("loadPdfJs", () => {
  it("leaves the thread its own built-in methods (pdf.js's bundled core-js swaps in slower ones: push, JSON)", async () => {
    const targets = { Array, "Array.prototype": Array.prototype, JSON, Object, "String.prototype": String.prototype, Promise, "Map.prototype": Map.prototype };
    const before = Object.entries(targets).flatMap(([name, target]) =>
      Reflect.ownKeys(target).map((key) => [`${name}.${String(key)}`, Reflect.getOwnPropertyDescriptor(target, key)?.value] as const),
    );
    const pdfjs = await loadPdfJs();
    // pdf.js's worker half (its own core-js) loads no later than here, not on the first document.
    const text = await withPdfDocument(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../../fixtures/statements/pdf/multi-page.pdf"))), async (doc) => {
      const content = await (await doc.getPage(1)).getTextContent();
      return content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    });
    expect(text).toMatch(/Balance/i);
    expect(typeof pdfjs.getDocument).toBe("function");
    const after = new Map(
      Object.entries(targets).flatMap(([name, target]) => Reflect.ownKeys(target).map((key) => [`${name}.${String(key)}`, Reflect.getOwnPropertyDescriptor(target, key)?.value] as const)),
    );
    const replaced = before.filter(([key, value]) => typeof value === "function" && after.get(key) !== value).map(([key]) => key);
    expect(replaced).toEqual([]);
    expect(Array.prototype.push).toBe(before.find(([key]) => key === "Array.prototype.push")![1]);
    expect(JSON.stringify).toBe(before.find(([key]) => key === "JSON.stringify")![1]);
  });
});

/** A PDF of text pages (Helvetica, not embedded) and, after them, one page whose content is `bomb`. */
function pdfWithBomb(options: { textPages: number; bomb?: Uint8Array; metadataBomb?: Uint8Array }): Uint8Array {
  const pages = options.textPages + (options.bomb ? 1 : 0);
  // 1 catalog, 2 pages, 3 font, 4 metadata, then a page and its content per page.
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + 2 * i);
  const objects: PdfObject[] = [
    `<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>`,
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    options.metadataBomb
      ? { dictionary: "<< /Type /Metadata /Subtype /XML /Filter /FlateDecode >>", stream: options.metadataBomb }
      : { dictionary: "<< /Type /Metadata /Subtype /XML >>", stream: '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>' },
  ];
  for (let i = 0; i < pages; i++) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`);
    const bombPage = options.bomb && i === pages - 1;
    objects.push(bombPage ? { dictionary: "<< /Filter /FlateDecode >>", stream: options.bomb! } : { dictionary: "<< >>", stream: `BT /F1 10 Tf 72 700 Td (Statement page ${i + 1}) Tj ET` });
  }
  return pdfFile(objects);
}

/** The refusal an extraction ends with, how long it took, and how far the process's peak memory rose meanwhile. */
async function refusalOf(bytes: Uint8Array): Promise<{ error: StatementParseError; ms: number; peakRiseMb: number }> {
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const error = await extractPdfLines(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  if (!(error instanceof StatementParseError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { error, ms, peakRiseMb: (process.resourceUsage().maxRSS - peakBefore) / 1024 };
}

describe("what pdf.js unpacks is bounded", () => {
  it("reads a page set in a standard font (the bomb tests' control)", async () => {
    const { pages } = await extractPdfLines(pdfWithBomb({ textPages: 2 }));
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([["Statement page 1"], ["Statement page 2"]]);
  });

  it("refuses a page whose content unpacks to 512 MB (from 520 KB), at that page, without holding it", async () => {
    const bytes = pdfWithBomb({ textPages: 2, bomb: deflateBomb(512) });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const { error, ms, peakRiseMb } = await refusalOf(bytes);
    expect(error.location).toEqual({ page: 3 });
    expect(error.message).toMatch(/^page 3: this PDF holds compressed data that unpacks to more than 64 MB in one piece, far more than any statement; it was not read/);
    // Unbounded, pdf.js unpacked all of it (twice over, in chunks and then joined) and then
    // read 512 MB of spaces as page content: gigabytes, and most of a minute.
    expect(ms).toBeLessThan(5_000);
    expect(peakRiseMb).toBeLessThan(256);
  });

  it("refuses a document whose metadata unpacks past the bound (pdf.js's own decoder, which it runs synchronously)", async () => {
    const { error, peakRiseMb } = await refusalOf(pdfWithBomb({ textPages: 1, metadataBomb: deflateBomb(256) }));
    expect(error.location).toEqual({});
    expect(error.message).toMatch(/^this PDF holds compressed data that unpacks to more than 64 MB in one piece/);
    expect(peakRiseMb).toBeLessThan(256);
  });

  it("still reads damaged compressed data (a wrong checksum, a cut-off stream) through pdf.js's forgiving decoder", async () => {
    const content = deflateSync(Buffer.from("BT /F1 10 Tf 72 700 Td (Statement page 1) Tj ET"));
    const wrongChecksum = Buffer.from(content);
    wrongChecksum.writeUInt32BE(0xdeadbeef, wrongChecksum.length - 4);
    for (const stream of [wrongChecksum, content.subarray(0, content.length - 6)]) {
      const pdf = pdfFile([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        { dictionary: "<< /Filter /FlateDecode >>", stream },
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      ]);
      const { pages } = await extractPdfLines(pdf);
      expect(pages[0]!.lines.map((l) => l.text)).toEqual(["Statement page 1"]);
    }
  });

  it("reads a document after refusing one: the count is per document", async () => {
    await refusalOf(pdfWithBomb({ textPages: 1, bomb: deflateBomb(100) }));
    const text = await withPdfDocument(pdfWithBomb({ textPages: 1 }), async (doc, _pdfjs, checkData) => {
      const content = await (await doc.getPage(1)).getTextContent();
      checkData(1);
      return content.items.map((item) => ("str" in item ? item.str : "")).join("");
    });
    expect(text).toBe("Statement page 1");
  });
});

describe("DecodingMeter", () => {
  it("refuses one stream past its bound, and a document past its bound in all, and counts each document apart", () => {
    const meter = new DecodingMeter({ stream: 100, document: 250 });
    const first = meter.watch();
    meter.allocate(64, 60);
    expect(() => meter.allocate(128, 101)).toThrow(/more than 100 bytes/);
    expect(first.refusal()).toBe("stream");

    const second = meter.watch();
    meter.allocate(100);
    meter.allocate(100);
    expect(second.refusal()).toBeNull();
    expect(() => meter.allocate(100)).toThrow(/more than 250 bytes with the rest of the document/);
    expect(second.refusal()).toBe("document");

    const third = meter.watch();
    meter.allocate(90);
    meter.allocate(90);
    expect(third.refusal()).toBeNull();
  });

  it("bounds a stream at 64 MB", () => {
    expect(MAX_DECODED_STREAM_BYTES).toBe(64 * 1024 * 1024);
  });
});
