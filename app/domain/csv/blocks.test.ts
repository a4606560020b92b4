import { describe, expect, it } from "vitest";
import { BlockTable, blockKeys, blocksAsTable } from "./blocks.ts";
import { parseCsvStatement } from "./statement.ts";

const NB = "\u00a0";
const SEP = "\t\t\t\t\t";
// Santander UK's text download: a From/Account preamble, then one block per record, newest first.
const santander = [
  "From: 01/01/2026 to 31/01/2026", SEP, "Account: XXXX XXXX XXXX 4821", SEP,
  `Date:${NB}30/01/2026`, `Description:${NB}FASTER PAYMENTS RECEIPT REF.MOT FROM D JONES`, `Amount:${NB}226.88 ${NB}`, `Balance:${NB}3428.49 ${NB}`, SEP,
  `Date:${NB}28/01/2026`, `Description:${NB}BANK GIRO CREDIT REF ALBION CREATIVE LTD, SALARY JAN`, `Amount:${NB}2650.13 ${NB}`, `Balance:${NB}3201.61 ${NB}`, SEP,
  `Date:${NB}05/01/2026`, `Description:${NB}CARD PAYMENT TO GREGGS PLC,£13.23 ON 03-01-2026`, `Amount:${NB}-13.23 ${NB}`, `Balance:${NB}551.48 ${NB}`, SEP,
].join("\r\n") + "\r\n";

describe("key: value blocks", () => {
  it("finds the keys that repeat block after block, a date and an amount among them", () => {
    expect(blockKeys(santander)).toEqual(["Date", "Description", "Amount", "Balance"]);
  });

  it("takes a CSV with a 'Label :,value' preamble for a CSV", () => {
    const maybank =
      "Account Name :,TAN AH KOW\nAccount Number :,514123456789\nCurrency :,MYR\nBeginning Balance :,\"8,432.10\"\n\n" +
      "Entry Date,Value Date,Transaction Description,Transaction Amount,Statement Balance\n" +
      Array.from({ length: 12 }, (_, i) => `0${(i % 9) + 1}/01/2026,0${(i % 9) + 1}/01/2026,SHOP ${i},12.00-,"8,000.00"`).join("\n");
    expect(blockKeys(maybank)).toBeUndefined();
  });

  it("writes a row on the line that ends each block, keeping every other line where it was, in chunks of any size", () => {
    const keys = blockKeys(santander)!;
    const whole = blocksAsTable(santander, keys);
    const lines = whole.split("\r\n");
    expect(lines.length).toBe(santander.split("\r\n").length);
    expect(lines[0]).toBe('"From: 01/01/2026 to 31/01/2026"');
    expect(lines[4]).toBe('"Date","Description","Amount","Balance"');
    expect(lines[8]).toBe('"30/01/2026","FASTER PAYMENTS RECEIPT REF.MOT FROM D JONES","226.88","3428.49"');
    for (const size of [1, 2, 5, 33]) {
      const table = new BlockTable(keys);
      let out = "";
      for (let i = 0; i < santander.length; i += size) out += table.push(santander.slice(i, i + size));
      expect(out + table.finish(), `chunks of ${size}`).toBe(whole);
    }
  });

  it("reads Santander UK's text download as a statement: rows, balances, the period", () => {
    const s = parseCsvStatement(santander);
    expect(s.rows.map((r) => [r.date, r.amount.toString(), r.description])).toEqual([
      ["2026-01-05", "-13.23", "CARD PAYMENT TO GREGGS PLC,£13.23 ON 03-01-2026"],
      ["2026-01-28", "2650.13", "BANK GIRO CREDIT REF ALBION CREATIVE LTD, SALARY JAN"],
      ["2026-01-30", "226.88", "FASTER PAYMENTS RECEIPT REF.MOT FROM D JONES"],
    ]);
    expect(s.rows.map((r) => r.sourceRow)).toEqual([19, 14, 9]);
    expect([s.openingBalance?.toString(), s.closingBalance?.toString(), s.period]).toEqual(["564.71", "3428.49", { from: "2026-01-01", to: "2026-01-31" }]);
    expect(s.confidence).toBe("high");
  });
});
