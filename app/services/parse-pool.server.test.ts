/**
 * The parse threads: a real statement comes back exact; a parse that hangs or eats memory is
 * stopped from outside and the statement gets a plain reason — and the pool goes on working.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Decimal } from "~/domain/money";
import { deflateBomb, pdfFile } from "~/domain/test-support";
import { ParseThreadPool } from "./parse-pool.server.ts";

const standIn = path.resolve("tests/support/parse-threads/stand-in.ts");
const pools: ParseThreadPool[] = [];
const pool = (script: string, timeoutMs = 60_000, memoryMb = 64, size = 1) => {
  const p = new ParseThreadPool({ script, size, timeoutMs, memoryMb });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("parse threads", () => {
  it("parse a real PDF statement on a thread, amounts exact", async () => {
    const bytes = await readFile("fixtures/statements/pdf/multi-page.pdf");
    const outcome = await pool(path.resolve("workers/parse-thread.ts"), 60_000, 384).parse(bytes, { fileName: "multi-page.pdf" });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.statement.rows).toHaveLength(124);
    expect(outcome.statement.rows[0]!.amount).toBeInstanceOf(Decimal);
    expect(Decimal.sum(outcome.statement.rows.map((r) => r.amount)).add(outcome.statement.openingBalance!).eq(outcome.statement.closingBalance!)).toBe(true);
  });

  it("refuse a PDF that unpacks to gigabytes (a 2 MB upload) in seconds, the process's memory barely moving", async () => {
    const p = pool(path.resolve("workers/parse-thread.ts"), 60_000, 384);
    await p.parse(await readFile("fixtures/statements/pdf/multi-page.pdf"), { fileName: "warm.pdf" }); // the thread and pdf.js loaded
    const bomb = pdfFile([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
      { dictionary: "<< /Filter /FlateDecode >>", stream: deflateBomb(2048) },
    ]);
    expect(bomb.length).toBeLessThan(2.5 * 1024 * 1024);
    const peakBefore = process.resourceUsage().maxRSS;
    const started = Date.now();
    const outcome = await p.parse(bomb, { fileName: "statement.pdf" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome).toEqual({ ok: false, format: "pdf", location: { page: 1 }, error: expect.stringMatching(/^page 1: this PDF holds compressed data that unpacks to more than 64 MB in one piece/) });
    // Unbounded, the thread's pdf.js held the 2 GB it unpacked (outside the thread's heap limit).
    expect((process.resourceUsage().maxRSS - peakBefore) / 1024).toBeLessThan(300);
  });

  it("stop a parse past the time limit, with a plain reason, and go on parsing", async () => {
    const p = pool(standIn, 1_500);
    const started = Date.now();
    const hung = await p.parse(new Uint8Array([1]), {});
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hung).toEqual({ ok: false, error: expect.stringMatching(/^reading this file took longer than 2 s and was stopped/) });
    expect(await p.parse(new Uint8Array([0, 0, 0]), {})).toEqual({ ok: false, error: "answered 3 bytes" });
  });

  it("time a parse from when its thread has loaded, not from its start (a thread that loads slower than the limit still parses)", async () => {
    const p = pool(path.resolve("tests/support/parse-threads/slow-start.ts"), 1_500);
    expect(await p.parse(new Uint8Array([0, 0]), {})).toEqual({ ok: false, error: "answered 2 bytes" });
  });

  it("stop a parse past the memory limit, and go on parsing", async () => {
    const p = pool(standIn, 60_000, 32);
    const hog = await p.parse(new Uint8Array([2]), {});
    expect(hog).toEqual({ ok: false, error: expect.stringMatching(/^reading this file needed more than 32 MB of memory and was stopped/) });
    expect(await p.parse(new Uint8Array([0]), {})).toEqual({ ok: false, error: "answered 1 bytes" });
  });

  it("report a thread that dies as an error (not as the file's fault), and queue beyond its size", async () => {
    const p = pool(standIn, 60_000, 64, 1);
    await expect(p.parse(new Uint8Array([3]), {})).rejects.toThrow(/exited/);
    const answers = await Promise.all([1, 2, 3].map((n) => p.parse(new Uint8Array(n).fill(0), {})));
    expect(answers.map((a) => (a.ok ? "" : a.error))).toEqual(["answered 1 bytes", "answered 2 bytes", "answered 3 bytes"]);
  });
});
