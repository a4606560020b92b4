import { describe, expect, it } from "vitest";
import { detectCsvLayout, detectCsvLayoutOnHead, HEAD_SAMPLE_RECORDS } from "./detect.ts";

/** A statement CSV of `rows` rows; `date(i)` and `extra(i)` shape each row. */
function csv(rows: number, date: (i: number) => string, options: { header?: string; extra?: (i: number) => string } = {}): string {
  const lines = [options.header ?? "Date,Description,Amount"];
  for (let i = 0; i < rows; i++) {
    const cents = ((i * 7919) % 50_000) - 24_000;
    lines.push(`${date(i)},"PAYEE ${i % 97}",${(cents / 100).toFixed(2)}${options.extra ? `,${options.extra(i)}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
const pad = (n: number) => String(n).padStart(2, "0");
// Day i of a run of days starting 2024-01-01 (200 rows a day).
const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 200) * 86_400_000);

describe("detection on the head sample", () => {
  const rows = HEAD_SAMPLE_RECORDS * 3;

  it("gives the same layout as the whole text when the sample settles everything", () => {
    const text = csv(rows, (i) => day(i).toISOString().slice(0, 10));
    expect(detectCsvLayoutOnHead(text).layout).toEqual(detectCsvLayout(text).layout);
  });

  it("reads on when only later dates decide the order (a US file whose first weeks are all ambiguous)", () => {
    // 01/02/2024 … 01/12/2024 first (could be either order), 01/13/2024 only after the sample.
    const us = (i: number) => {
      const d = day(Math.floor(i / 2)); // 400 rows a day: day 13 starts at row 4,800
      return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
    };
    const text = csv(rows, us);
    expect(text.split("\n").slice(1, HEAD_SAMPLE_RECORDS).some((l) => l.startsWith("01/13/"))).toBe(false);
    const onHead = detectCsvLayoutOnHead(text);
    expect(onHead.layout.dateOrder).toBe("month-first");
    expect(onHead.warnings).toEqual([]);
    expect(onHead.layout).toEqual(detectCsvLayout(text).layout);
  });

  it("reads on when a bank reference unique in the sample repeats later", () => {
    const text = csv(rows, (i) => day(i).toISOString().slice(0, 10), {
      header: "Date,Description,Amount,Reference",
      extra: (i) => `REF${i < HEAD_SAMPLE_RECORDS + 100 ? i : i - 50}`,
    });
    const onHead = detectCsvLayoutOnHead(text);
    expect(onHead.layout).toEqual(detectCsvLayout(text).layout);
    expect(onHead.layout.columns.find((c) => c.role === "reference")?.unique).toBe(false);
  });

  it("is the whole-text detection for a file shorter than the sample", () => {
    const text = csv(50, (i) => day(i * 40).toISOString().slice(0, 10));
    expect(detectCsvLayoutOnHead(text)).toEqual(detectCsvLayout(text));
  });
});
