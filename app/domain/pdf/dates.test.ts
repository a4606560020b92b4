import { describe, expect, it } from "vitest";
import { findPeriod, leadingDate, resolveYear } from "./dates.ts";

describe("statement period", () => {
  it.each([
    ["Statement period 1 March 2026 to 31 March 2026", "2026-03-01", "2026-03-31"],
    ["Zeitraum: 01.03.2026 - 31.03.2026", "2026-03-01", "2026-03-31"],
    ["Kontoauszug vom 01.03.2026-31.03.2026", "2026-03-01", "2026-03-31"],
    ["Relevé du 1 mars 2026 au 31 mars 2026", "2026-03-01", "2026-03-31"],
    ["Periode: 01-03-2026 t/m 31-03-2026", "2026-03-01", "2026-03-31"],
    ["Periodo: del 01/03/2026 al 31/03/2026", "2026-03-01", "2026-03-31"],
    ["Statement period: Dec 15, 2025 - Jan 14, 2026", "2025-12-15", "2026-01-14"],
    ["Statement period: March 1, 2026 through March 31, 2026", "2026-03-01", "2026-03-31"],
    ["Statement from 2026-03-01 to 2026-03-31", "2026-03-01", "2026-03-31"],
    ["Statement From - FEB 28/26 to MAR 31/26", "2026-02-28", "2026-03-31"],
    // The year printed once, with the end.
    ["Mar 1 - Mar 31, 2026", "2026-03-01", "2026-03-31"],
    ["Statement period: 1 Mar - 31 Mar 2026", "2026-03-01", "2026-03-31"],
    ["Statement period Dec 15 - Jan 14, 2026", "2025-12-15", "2026-01-14"],
    // A separator that ends in a colon (Bci's cartola).
    ["CARTOLA N° 3 DESDE: 01/03/2026 HASTA: 31/03/2026", "2026-03-01", "2026-03-31"],
    // A day and the next month's name glued by an en dash (Mercury; the twenty-sixth blind PDF test).
    ["Oct 1–Oct 31, 2026", "2026-10-01", "2026-10-31"],
  ])("%s", (line, from, to) => {
    expect(findPeriod(["Some Bank", line], "day-first")).toMatchObject({ from, to });
  });

  it.each([
    ["PERIODE : MARET 2026", "2026-03-01", "2026-03-31"],
    ["RINA KARTIKA SARI PERIODE : FEBRUARI 2028", "2028-02-01", "2028-02-29"],
    ["Statement period: December 2025", "2025-12-01", "2025-12-31"],
    ["Periode: Desember 2025", "2025-12-01", "2025-12-31"],
  ])("a month named as the period: %s", (line, from, to) => {
    expect(findPeriod(["Some Bank", line], "day-first")).toMatchObject({ from, to });
  });

  it("takes no month named after another word, nor one that opens a range of months, for the period", () => {
    expect(findPeriod(["GAJI MARET 2026", "Periode : Maret 2026 - Mei 2026"], "day-first")).toBeNull();
    // Two dates that make a period win over a month named elsewhere.
    expect(findPeriod(["PERIODE : MARET 2026", "Zeitraum: 01.03.2026 - 15.03.2026"], "day-first")).toMatchObject({ from: "2026-03-01", to: "2026-03-15" });
  });

  it("does not take a row's booking and value date for a period", () => {
    expect(findPeriod(["02.03.2026 03.03.2026 Lastschrift 12,00"], "day-first")).toBeNull();
    expect(findPeriod(["03/15 AUTOPAY - 03/31/2026 45.00"], "month-first")).toBeNull();
    expect(findPeriod(["03/15 - 03/31/2026 45.00 12.00"], "month-first")).toBeNull();
  });
});

describe("year inference", () => {
  const period = { kind: "period", from: "2025-12-15", to: "2026-01-14" } as const;
  it("gives December and January dates of one statement different years", () => {
    expect(resolveYear({ month: 12, day: 28 }, period)).toBe("2025-12-28");
    expect(resolveYear({ month: 1, day: 3 }, period)).toBe("2026-01-03");
  });
  it("uses an anchor date when there is no period", () => {
    const anchor = { kind: "anchor", date: "2026-01-05", what: "statement date" } as const;
    expect(resolveYear({ month: 12, day: 20 }, anchor)).toBe("2025-12-20");
    expect(resolveYear({ month: 1, day: 2 }, anchor)).toBe("2026-01-02");
  });
  it("keeps 29 February only in leap years", () => {
    expect(resolveYear({ month: 2, day: 29 }, { kind: "period", from: "2028-02-01", to: "2028-02-29" })).toBe("2028-02-29");
  });
});

describe("leading dates", () => {
  it.each([
    [["12", "Mar", "Coffee"], 2, { month: 3, day: 12 }],
    [["12", "Mar", "2026", "Coffee"], 3, { year: 2026, month: 3, day: 12 }],
    [["Mar", "12", "UBER"], 2, { month: 3, day: 12 }],
    [["02.03.", "03.03.", "Lastschrift"], 1, { month: 3, day: 2 }],
    [["12MAR26", "TESCO"], 1, { year: 2026, month: 3, day: 12 }],
    [["MAR05", "350.00"], 1, { month: 3, day: 5 }],
    // A card statement's footnote star after the posting date.
    [["03/02/26*", "ONLINE", "PAYMENT"], 1, { year: 2026, month: 2, day: 3 }],
    [["02.03.*", "Lastschrift"], 1, { month: 3, day: 2 }],
    // Mexican statements: day and month name with a slash.
    [["05/MAR", "05/MAR", "SPEI", "RECIBIDO"], 1, { month: 3, day: 5 }],
    [["05/mar/2026", "SPEI"], 1, { year: 2026, month: 3, day: 5 }],
  ])("%j", (words, count, parts) => {
    expect(leadingDate(words, "day-first")).toMatchObject({ wordCount: count, parts });
  });
  it("does not read a description as a date", () => {
    expect(leadingDate(["12", "Stripe"], "day-first")).toBeNull();
    expect(leadingDate(["Transfer", "12/03"], "day-first")).toBeNull();
    expect(leadingDate(["*", "12/03"], "day-first")).toBeNull();
    expect(leadingDate(["Mar*", "Coffee"], "day-first")).toBeNull();
    expect(leadingDate(["10/Visa", "Coffee"], "day-first")).toBeNull();
  });
  it("reads a transaction and a posting date side by side as two dates, not a day as a year", () => {
    // "15 Jan 18 Jan AUDIBLE UK": 15 Jan, then 18 Jan — never 15 January 2018.
    expect(leadingDate(["15", "Jan", "18", "Jan", "AUDIBLE"], "day-first")).toMatchObject({ wordCount: 2, parts: { day: 15, month: 1 } });
    expect(leadingDate(["15", "Jan", "18", "AUDIBLE"], "day-first")).toMatchObject({ wordCount: 3, parts: { day: 15, month: 1, year: 2018 } });
  });
});

describe("twenty-fifth session (2026-12-07): a date run into the time beside it", () => {
  it("reads '01/07/202606:01' and '2026-07-0106:01' as the date they start with, where the year (or the ISO day) ends it for certain", () => {
    for (const word of ["01/07/202606:01", "01/07/20266:01", "2026-07-0106:01", "1/7/202623:59:10"]) {
      expect(leadingDate([word, "โอนเงิน"], "day-first")?.parts, word).toEqual({ year: 2026, month: 7, day: 1 });
    }
  });

  it("reads no date where the end of the date is not certain, or the rest is no time", () => {
    for (const word of ["01/07/6906:01", "2026-07-016:01", "01/07/202625:01", "01/07/202606:71"]) expect(leadingDate([word, "x"], "day-first"), word).toBeNull();
  });
});

describe("twenty-sixth session (2026-12-07): the period printed over two lines (U.S. Bank)", () => {
  it("reads a period whose end is printed under its start, after a range's word", () => {
    expect(findPeriod(["Account Number: 1-567-8901-2345", "Statement Period: Feb 4, 2025", "through Mar 5, 2025", "Page 1 of 2"], "month-first")).toEqual({
      from: "2025-02-04",
      to: "2025-03-05",
      text: "Statement Period: Feb 4, 2025 through Mar 5, 2025",
    });
    expect(findPeriod(["From 01-Aug-2026", "To 31-Aug-2026"], "day-first")).toMatchObject({ from: "2026-08-01", to: "2026-08-31" });
  });

  it("reads no period from a dated line under another that does not name a period, or a second line that is more than a range's end", () => {
    expect(findPeriod(["Statement date: Feb 4, 2025", "Payment due Mar 5, 2025"], "month-first")).toBeNull();
    expect(findPeriod(["Effective April 1, 2025, the overdraft paid fee", "through Mar 5, 2025"], "month-first")).toBeNull();
    expect(findPeriod(["Statement Period: Feb 4, 2025", "through Mar 5, 2025 at 5 pm"], "month-first")).toBeNull();
  });
});
