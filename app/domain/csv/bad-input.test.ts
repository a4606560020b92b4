/**
 * Bad input that must never read wrong in silence (a blind bad-input test): rows pasted in with
 * another delimiter, two exports in one file, an export pasted twice, rows dated after today,
 * two columns of one name, an amount that is a word, NUL bytes.
 */
import { describe, expect, it } from "vitest";
import { StatementParseError, type StatementRow } from "../statement.ts";
import { errorOf } from "../test-support.ts";
import { detectCsvLayout } from "./detect.ts";
import { lineRanges } from "../text.ts";
import { CsvStatementReader, readLeavesDoubt } from "./reader.ts";
import { parseCsvStatement, type CsvParseOptions } from "./statement.ts";

const TODAY = "2026-12-07";
const parse = (text: string, options: CsvParseOptions = {}) => parseCsvStatement(text, { today: TODAY, ...options });
const parseError = (text: string, options: CsvParseOptions = {}): StatementParseError => errorOf(() => parse(text, options));
const amounts = (rows: readonly StatementRow[]) => rows.map((r) => r.amount.toString());

describe("rows pasted in with another delimiter", () => {
  const header = '"Buchungstag";"Verwendungszweck";"Betrag";"Waehrung"\n';
  const semi = (day: string, text: string, amount: string) => `"${day}.11.26";"${text}";"${amount}";"EUR"\n`;
  const comma = (day: string, text: string, amount: string) => `"${day}.11.26","${text}","${amount}","EUR"\n`;

  it("reads lines whose every cell is quoted and split by another delimiter when their cells fit the columns, and says so: a person confirms", () => {
    const s = parse(header + semi("17", "Miete", "-423,35") + comma("13", "Amazon", "-16,50") + comma("11", "Vodafone", "-76,69") + semi("08", "Lidl", "-110,35"));
    expect(amounts(s.rows)).toEqual(["-110.35", "-76.69", "-16.50", "-423.35"]);
    expect(s.warnings.join("\n")).toContain('lines 3–4 separate their fields with ",", the rest of the file with ";": read with ","');
    expect(s.skipped).toEqual([]);
    expect(s.confidence).toBe("low");
  });

  it("leaves out, and names, lines that hold a date and an amount that way but do not fit the columns — never in silence", () => {
    const s = parse(header + semi("17", "Miete", "-423,35") + '"13.11.26","Amazon","-16,50","EUR","extra","more"\n' + semi("08", "Lidl", "-110,35"));
    expect(amounts(s.rows)).toEqual(["-110.35", "-423.35"]);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toEqual([[3, "not-a-transaction"]]);
    expect(s.warnings.join("\n")).toContain('line 3 holds a date and an amount with "," between the fields, the rest of the file ";", and does not fit its columns: left out');
    expect(s.confidence).toBe("low");
  });

  it("leaves a title or total line of fewer fields as it was, and a row of fewer fields that reads as it stands", () => {
    const s = parse(header + semi("17", "Miete", "-423,35") + "Umsätze, gebucht\n" + semi("08", "Lidl", "-110,35"));
    expect(s.warnings).toEqual([]);
    expect(s.confidence).toBe("high");
    // Its last empty fields left off, and a text that holds another delimiter: a row all the same.
    const short = parse(header + semi("17", "Miete", "-423,35") + '"16.11.26";"Ref, 15.11.26, 12,50";"-12,50"\n');
    expect(amounts(short.rows)).toEqual(["-12.50", "-423.35"]);
    expect(short.warnings).toEqual([]);
  });

  it("names lines as runs", () => {
    expect(lineRanges([7, 8, 9, 10, 11])).toBe("7–11");
    expect(lineRanges([3, 7, 8, 20])).toBe("3, 7–8 and 20");
  });
});

describe("two exports in one file", () => {
  const checking =
    "Account Number,Transaction Description,Transaction Date,Transaction Type,Transaction Amount,Balance\n" +
    "3604,CHIPOTLE 2231 PORTLAND OR,11/16/26,Debit,18.29,6126.57\n" +
    "3604,ACME CORP PAYROLL,11/16/26,Credit,1868.52,6144.86\n" +
    "3604,TARGET T-1873 TIGARD OR,11/15/26,Debit,4.36,4276.34\n";
  const card =
    "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n" +
    "2026-11-13,2026-11-14,7781,SPOTIFY USA,Merchandise,10.19,\n" +
    "2026-11-12,2026-11-13,7781,SQ *BLUE STAR DONUTS,Merchandise,82.09,\n" +
    "2026-11-12,2026-11-13,7781,COSTCO WHSE #0671,Merchandise,187.54,\n" +
    "2026-11-09,2026-11-10,7781,WHOLEFDS PDX 10234,Merchandise,111.54,\n";

  it("refuses a file whose rows above the header read under another header of other columns", () => {
    // The card's header names more columns: it is the table's, and the checking rows are above it.
    expect(detectCsvLayout(checking + card).layout.headerLine).toBe(5);
    expect(parseError(checking + card).message).toBe(
      "row 5: the file holds two exports: a header on line 1 (3 rows under it) and another header on line 5, with other columns — upload each export on its own",
    );
  });

  it("refuses a file whose rows are followed, with no line naming a section, by another header and its rows", () => {
    expect(parseError(card + checking).message).toBe(
      "row 6: the file holds two exports: a header on line 1 (4 rows under it) and another header on line 6, with other columns — upload each export on its own",
    );
    expect(parseError(`${card}\n${checking}`).message).toContain("two exports: a header on line 1 (4 rows under it) and another header on line 7");
  });

  it("still reads a section named above its own header (a card's foreign purchases, its pending ones)", () => {
    const foreign = "Transaction Date,Posted Date,Description,Original Amount,Amount\n2026-11-05,2026-11-06,AMAZON MKTPLACE,45.99,16.32\n";
    const s = parse(`${card}Foreign purchases\n${foreign}`, { accountKind: "credit-card" });
    expect(s.rows.map((r) => r.sourceRow).sort()).toEqual([2, 3, 4, 5, 8]);
    // A summary block's header over one line of values above the table is no export.
    const summary = parse(`Date,Opening Balance,Debits,Credits,Closing Balance\n11/30/26,100.00,20.00,10.00,90.00\n\n${checking}`);
    expect(summary.rows).toHaveLength(3);
  });
});

describe("an export pasted twice", () => {
  const header = "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n";
  const rows = [
    "11/17/2026,11/18/2026,REI #97 PORTLAND,Shopping,Sale,-11.66,\n",
    "11/16/2026,11/17/2026,COSTCO WHSE #0671,Shopping,Sale,-129.98,\n",
    "11/15/2026,11/16/2026,SPOTIFY USA,Shopping,Sale,-52.19,\n",
    "11/14/2026,11/15/2026,UBER *TRIP HELP.UBER.COM,Shopping,Sale,-121.74,\n",
    "11/12/2026,11/13/2026,DELTA AIR LINES ATLANTA,Shopping,Sale,-53.95,\n",
  ];
  const card = { accountKind: "credit-card" as const };

  it("refuses the same rows again under the header again, naming both runs of lines", () => {
    const twice = header + rows.join("") + header + rows.join("");
    expect(parseError(twice, card).message).toBe(
      "row 7: the table's header again, and lines 8–12 under it repeat lines 2–6 row for row (the same dates, amounts and texts): the file holds the same export twice — upload it once",
    );
  });

  it("refuses two exports that overlap by three rows or more", () => {
    const later = "11/19/2026,11/20/2026,NETFLIX.COM,Shopping,Sale,-15.49,\n";
    const overlap = header + rows.join("") + header + later + rows.slice(0, 3).join("");
    // Listed newest first, the later export starts with its new rows: then the shared ones.
    expect(parseError(overlap, card).message).toContain("lines 9–11 under it repeat lines 2–4 row for row");
    expect(parseError(overlap, card).message).toContain("two exports that overlap");
  });

  it("reads a page's rows under the header again when they are new, or only happen to be like one or two before (the same coffee twice)", () => {
    const pages = header + rows.slice(0, 3).join("") + header + rows.slice(3).join("");
    expect(parse(pages, card).rows).toHaveLength(5);
    const alike = header + rows.join("") + header + rows.slice(3).join("") + "11/10/2026,11/11/2026,SQ *BLUE STAR DONUTS,Shopping,Sale,-151.39,\n";
    expect(parse(alike, card).rows).toHaveLength(8);
    // The same purchase twice, with no header between, is two purchases.
    expect(parse(header + rows.join("") + rows.join(""), card).rows).toHaveLength(10);
  });

  it("finds the repeat however the text arrives in chunks (the row above the header is held until the next line)", () => {
    const twice = header + rows.join("") + header + rows.join("");
    const { layout } = detectCsvLayout(twice, card);
    for (let cut = 0; cut <= twice.length; cut += 7) {
      const reader = new CsvStatementReader(layout, { accountKind: "credit-card", today: TODAY });
      expect(() => {
        reader.push(twice.slice(0, cut));
        reader.push(twice.slice(cut));
        reader.finish();
      }, `cut at ${cut}`).toThrow("lines 8–12 under it repeat lines 2–6");
    }
  });
});

describe("rows dated after today", () => {
  const header = "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP)\n";
  const rows =
    "13/11/2026,Thames Water,THAMES WATER,DIRECT DEBIT,-85.42,2364.75\n" +
    "14/11/2026,Boots,BOOTS,CONTACTLESS,-44.14,2320.61\n" +
    "15/11/2026,NORTHWIND LTD,NORTHWIND LTD,FASTER PAYMENT,2450.08,4770.69\n";

  it("warns of booked rows dated more than a week after today, naming them, and the reading is uncertain", () => {
    const s = parse(header + rows + "28/11/2027,TfL Travel Charge,TFL,CONTACTLESS,-45.34,4725.35\n29/11/2027,Deliveroo,DELIVEROO,CONTACTLESS,-58.17,4667.18\n");
    expect(s.rows).toHaveLength(5);
    expect(s.warnings).toEqual([
      "2 rows are dated more than a week after today (2026-12-07): rows 5 (2027-11-28) and 6 (2027-11-29); a bank books nothing ahead of time — check those dates (a year mistyped?) before the file is imported",
    ]);
    expect(s.confidence).toBe("low");
  });

  it("takes the system's date for today unless told, and leaves rows up to a week ahead alone (a weekend booked on Monday)", () => {
    const soon = parse(header + rows + "12/12/2026,Boots,BOOTS,CONTACTLESS,-4.14,4766.55\n");
    expect(soon.warnings).toEqual([]);
    expect(soon.confidence).toBe("high");
    const { layout } = detectCsvLayout(header + rows);
    const reader = new CsvStatementReader(layout);
    reader.push(header + rows + "01/01/2199,Boots,BOOTS,CONTACTLESS,-4.14,4766.55\n01/01/2199,Boots,BOOTS,CONTACTLESS,-4.14,4762.41\n");
    const read = reader.finish();
    expect(read.futureDates?.today).toBe(new Date().toISOString().slice(0, 10));
    expect(readLeavesDoubt(read)).toBe(true);
  });

  it("says a stray row alone in the future once", () => {
    const s = parse(header + rows + "07/11/2099,Boots,BOOTS,CONTACTLESS,-6.95,4763.74\n");
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain("row 5 is dated 2099-11-07, more than a year from every other row");
  });
});

describe("two columns of one name", () => {
  const rows =
    "11/03/2026,11/03/2026,COMCAST CABLE COMM,218.98,,2069.19\n" +
    "11/04/2026,11/04/2026,NW NATURAL GAS,39.88,,2029.31\n" +
    "11/12/2026,11/12/2026,ACME CORP PAYROLL,,2241.08,4270.39\n" +
    "11/14/2026,11/15/2026,ZELLE FROM KEVIN CHO,,130.03,4400.42\n" +
    "11/15/2026,11/16/2026,CHIPOTLE 2231 PORTLAND OR,85.22,,4315.20\n";

  it("reads two Amount columns as money out and money in when each row fills one and the running balance proves which", () => {
    const s = parse(`Date,Date,Description,Amount,Amount,Balance\n${rows}`);
    expect(amounts(s.rows)).toEqual(["-218.98", "-39.88", "2241.08", "130.03", "-85.22"]);
    expect(s.explain.find((e) => e.step === "column 4")?.decision).toBe("debit (money out) (decimal '.')");
    expect(s.explain.find((e) => e.step === "column 4")?.evidence).toContain("the running balance moves down by column 4 and up by column 5");
    expect(s.confidence).toBe("high");
  });

  it("refuses them, by name and column, when nothing in the file says which is which", () => {
    const noBalance = rows.replace(/,[\d.]+\n/g, "\n");
    expect(parseError(`Date,Date,Description,Amount,Amount\n${noBalance}`).message).toBe(
      'row 1: the header names two columns "Amount" (columns 4 and 5): each row fills one of them, but no running balance shows which one is money out — rename them (e.g. Debit and Credit) or export the file again',
    );
    const both = "11/03/2026,A,10.00,9.50\n11/04/2026,B,20.00,19.00\n11/05/2026,C,30.00,28.50\n";
    expect(parseError(`Date,Description,Amount,Amount\n${both}`).message).toContain('the header names two columns "Amount" (columns 3 and 4): both are filled on the same rows');
  });
});

describe("an amount that is a word", () => {
  const header = "Trans. Date,Post Date,Description,Amount,Category\n";
  const rows = "10/19/2026,10/20/2026,SQ *BLUE STAR DONUTS,110.61,Merchandise\n10/20/2026,10/21/2026,UBER *TRIP,32.37,Merchandise\n";
  const card = { accountKind: "credit-card" as const };

  it("lists a row with no post date and PENDING for its amount as pending, not a refusal", () => {
    const s = parse(`${header}${rows}11/01/2026,,COSTCO WHSE #0671,PENDING,Merchandise\n`, card);
    expect(amounts(s.rows)).toEqual(["-110.61", "-32.37"]);
    expect(s.skipped.map((l) => [l.sourceRow, l.reason])).toEqual([[4, "pending"]]);
  });

  it("still refuses a posted row whose amount is a word, and any other word", () => {
    expect(parseError(`${header}${rows}11/01/2026,11/02/2026,COSTCO WHSE #0671,PENDING,Merchandise\n`, card).message).toBe('row 4: cannot read the amount "PENDING"');
    expect(parseError(`${header}${rows}11/01/2026,,COSTCO WHSE #0671,n/a,Merchandise\n`, card).message).toBe('row 4: cannot read the amount "n/a"');
  });
});

describe("NUL bytes", () => {
  it("refuses the line that holds one, however the text got past the sniffing of the file's beginning", () => {
    expect(parseError("Date,Description,Amount\n2026-11-02,CO-OP\0,-25.63\n2026-11-03,TESCO,-49.29\n").message).toBe(
      "row 2: the line holds a NUL byte, a control character no text has: the file was damaged or padded on its way — export it again from the bank",
    );
  });
});
