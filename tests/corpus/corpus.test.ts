import { describe, expect, it } from "vitest";
import { checkCorpusFile, loadCorpus } from "./corpus.ts";

const corpus = loadCorpus();

describe("statement corpus: every file parses exactly with zero configuration", () => {
  it("is big enough to mean something", () => {
    const csv = corpus.filter((f) => f.folder === "csv");
    expect(csv.length).toBeGreaterThanOrEqual(40);
    expect(new Set(csv.map((f) => f.expected.bank)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(csv.map((f) => f.expected.country)).size).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((f) => ["ofx", "qif", "camt"].includes(f.folder)).length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((f) => f.folder === "pdf").length).toBeGreaterThanOrEqual(10);
  });

  it.each(corpus.map((f) => [f.name, f] as const))("%s", async (_name, file) => {
    expect(await checkCorpusFile(file)).toEqual([]);
  });
});
