import { describe, expect, it } from "vitest";
import { StatementParseError, type StatementRow } from "../statement.ts";
import { detectCsvLayout } from "./detect.ts";
import { layoutFingerprint, type CsvLayout } from "./layout.ts";
import { CsvStatementReader, jsonCellText, readLeavesDoubt } from "./reader.ts";
import { parseCsvStatement } from "./statement.ts";

const plain = (rows: StatementRow[]) => rows.map((r) => JSON.stringify(r));

/** Reads `text` in the given chunks; returns all rows in the order they were emitted. */
function readInChunks(layout: CsvLayout, text: string, cuts: number[]) {
  const reader = new CsvStatementReader(layout);
  const rows: StatementRow[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    rows.push(...reader.push(text.slice(at, cut)));
    at = cut;
  }
  const result = reader.finish();
  rows.push(...result.rows);
  return { rows, result };
}

const SMALL =
  'Account;"DE12 3456"\r\nOpening balance;1.000,00\r\n\r\nDatum;Text;Betrag;Saldo\r\n02.01.2026;"Miete; Büro\r\nJanuar";-500,00;500,00\r\n' +
  '03.01.2026;Kunde "A";1.234,56;1.734,56\r\n;weiter im Text;;\r\n04.01.2026;PENDING Karte;-9,99;\r05.01.2026;Gebühr;-4,56;1.730,00\nClosing balance;;1.730,00\n';

describe("CsvStatementReader", () => {
  it("emits the same rows in file order for every split position of a small file", () => {
    const { layout } = detectCsvLayout(SMALL);
    const whole = readInChunks(layout, SMALL, []);
    expect(whole.rows.map((r) => r.sourceRow)).toEqual([5, 7, 10]);
    expect(whole.rows[1].description).toBe('Kunde "A" weiter im Text');
    expect(whole.result.pending.map((r) => r.sourceRow)).toEqual([9]);
    expect(whole.result.openingBalance?.toString()).toBe("1000.00");
    expect(whole.result.closingBalance?.toString()).toBe("1730.00");
    for (let i = 0; i <= SMALL.length; i++) {
      const split = readInChunks(layout, SMALL, [i]);
      expect(plain(split.rows), `split at ${i}`).toEqual(plain(whole.rows));
      expect(split.result.pending.length).toBe(1);
    }
  });

  it("emits the same rows for random chunkings of a larger file as the whole-file parse", () => {
    const lines = ["Date,Description,Amount,Balance"];
    let balance = 100000n;
    for (let i = 0; i < 3000; i++) {
      const cents = BigInt(((i * 7919) % 20000) - 9000);
      balance += cents;
      const money = (v: bigint) => `${v < 0n ? "-" : ""}${(v < 0n ? -v : v) / 100n}.${String((v < 0n ? -v : v) % 100n).padStart(2, "0")}`;
      const day = String(1 + Math.floor(i / 100)).padStart(2, "0");
      lines.push(`2026-01-${day},"Payee ${i}, ""quoted""${i % 50 === 0 ? "\nsecond line" : ""}",${money(cents)},${money(balance)}`);
    }
    const text = lines.join("\r\n") + "\r\n";
    const parsed = parseCsvStatement(text);
    const { layout } = detectCsvLayout(text);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 5; round++) {
      const cuts: number[] = [];
      for (let at = 0; at < text.length; ) cuts.push((at += 1 + Math.floor(random() * 300)));
      const { rows, result } = readInChunks(layout, text, cuts.filter((c) => c < text.length));
      expect(rows.length).toBe(3000);
      expect(plain(rows)).toEqual(plain(parsed.rows));
      expect(result.closingBalance?.eq(parsed.closingBalance!)).toBe(true);
    }
  });

  it("throws a StatementParseError naming the row on bad data, whatever the chunking", () => {
    const text = "Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-03,B,oops\n";
    const { layout } = detectCsvLayout("Date,Description,Amount\n2026-01-02,A,1.00\n");
    for (const cut of [0, 30, text.length - 3]) {
      const reader = new CsvStatementReader(layout);
      expect(() => {
        reader.push(text.slice(0, cut));
        reader.push(text.slice(cut));
        reader.finish();
      }).toThrow(new StatementParseError('cannot read the amount "oops"', { row: 3 }));
    }
  });

  it("keeps at most the configured number of skipped lines, counting the rest", () => {
    const text = "Date,Description,Amount\n" + ",Note,\n".repeat(50) + "2026-01-02,A,1.00\n";
    const { layout } = detectCsvLayout(text);
    const reader = new CsvStatementReader(layout, { maxStoredLines: 10 });
    reader.push(text);
    const result = reader.finish();
    expect(result.skipped).toHaveLength(10);
    expect(result.skippedCount).toBe(50);
    expect(result.warnings).toContain("50 lines were skipped; the first 10 are listed");
  });
});

describe("layouts as data", () => {
  it("round-trips through JSON and overrides detection when given", () => {
    const text = "Datum;Text;Betrag\n01.02.2026;A;1,50\n";
    const { layout } = detectCsvLayout(text);
    const saved = JSON.parse(JSON.stringify(layout)) as CsvLayout;
    // A user-corrected profile: this account's amounts are the other way round.
    const corrected: CsvLayout = { ...saved, sign: "inverted" };
    expect(parseCsvStatement(text, { layout: corrected }).rows[0].amount.toString()).toBe("-1.50");
    expect(parseCsvStatement(text, { layout: saved }).explain).toContainEqual({ step: "layout", decision: "saved profile", evidence: saved.fingerprint });
  });

  it("fingerprints normalized header cells and delimiter, or the column shape", () => {
    const a = layoutFingerprint({ delimiter: ";", headerCells: ["Buchungstag", "Betrag (EUR)"] });
    expect(layoutFingerprint({ delimiter: ";", headerCells: [" buchungstag ", "BETRAG"] })).toBe(a);
    expect(layoutFingerprint({ delimiter: ",", headerCells: ["Buchungstag", "Betrag (EUR)"] })).not.toBe(a);
    expect(layoutFingerprint({ delimiter: ",", columnShape: ["date", "amount", "text"] })).toMatch(/^csv1-[0-9a-f]{16}$/);
    expect(detectCsvLayout("Datum;Text;Betrag\n01.02.2026;A;1,50\n").layout.fingerprint).toBe(
      layoutFingerprint({ delimiter: ";", headerCells: ["Datum", "Text", "Betrag"] }),
    );
  });
});

describe("rows that contradict the file's own balances", () => {
  it("leave the streamed reading in doubt, as the worker reads it (a person confirms the mapping), newest-first files too", () => {
    // Every row printed positive: the stated balances and the running balance say money went out.
    const stated = "Opening balance,100.00\nClosing balance,70.00\n\nDate,Description,Amount\n2026-03-02,A,10.00\n2026-03-03,B,10.00\n2026-03-04,C,10.00\n";
    const newestFirst = "Date,Description,Amount,Balance\n2026-03-05,D,1.00,64.00\n2026-03-04,C,20.00,65.00\n2026-03-03,B,5.00,85.00\n2026-03-02,A,10.00,90.00\n";
    for (const text of [stated, newestFirst]) {
      const { result } = readInChunks(detectCsvLayout(text).layout, text, [text.length >> 1]);
      expect(result.balancesContradicted, text).toBeDefined();
      expect(readLeavesDoubt(result)).toBe(true);
    }
    const signed = newestFirst.replace(/,(\d+\.00),(\d)/g, ",-$1,$2");
    const { result } = readInChunks(detectCsvLayout(signed).layout, signed, []);
    expect([result.fileOrder, result.balancesContradicted, readLeavesDoubt(result)]).toEqual(["newest-first", undefined, false]);
  });
});

describe("cells holding JSON (a processor's notes)", () => {
  it("say their values, and nothing when empty", () => {
    expect(jsonCellText('{"invoice_no":"INV/25-26/853","customer":"Vikram Rao"}')).toBe("INV/25-26/853 · Vikram Rao");
    expect(jsonCellText('{"order":{"id":"o_1","lines":[3,"desk"]},"note":" "}')).toBe("o_1 · 3 · desk");
    expect(jsonCellText("[]")).toBe("");
    expect(jsonCellText("{}")).toBe("");
    expect(jsonCellText("[not json]")).toBe("[not json]");
    expect(jsonCellText("{Miete}")).toBe("{Miete}");
    expect(jsonCellText("Rent [March]")).toBe("Rent [March]");
  });

  it("describe a row by the values, not the braces; a row none describes by its kind", () => {
    const text = 'id,type,amount,currency,created_at,notes\npay_1,payment,100.00,INR,02/03/2026,"{""invoice_no"":""INV/853"",""customer"":""Vikram Rao""}"\npay_2,payment,50.00,INR,03/03/2026,[]\n';
    const statement = parseCsvStatement(text);
    // The second row's only words are its kind ("type", otherwise left out of descriptions).
    expect(statement.rows.map((r) => r.description)).toEqual(["INV/853 · Vikram Rao", "payment"]);
  });
});
