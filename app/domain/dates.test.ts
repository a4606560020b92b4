import { describe, expect, it } from "vitest";
import { daysBetween, detectDateOrder, impossibleDate, isoDate, isValidCalendarDate, orderFromDatesElsewhere, parseDate } from "./dates.ts";

describe("parseDate", () => {
  it.each([
    ["2026-02-10", "2026-02-10"],
    ["2026-2-3", "2026-02-03"],
    ["2026/02/10", "2026-02-10"],
    ["20260210", "2026-02-10"],
    ["2026-02-10T13:45:00Z", "2026-02-10"],
    ["2026-02-10 13:45", "2026-02-10"],
    ["10.02.2026", "2026-02-10"],
    ["1.2.26", "2026-02-01"],
    ["10 Feb 2026", "2026-02-10"],
    ["10-Feb-2026", "2026-02-10"],
    ["10 February 2026", "2026-02-10"],
    ["02 feb 26", "2026-02-02"],
    ["Feb 10, 2026", "2026-02-10"],
    ["February 10 2026", "2026-02-10"],
    ["Sept 3, 2026", "2026-09-03"],
    ["Tue, 10 Feb 2026", "2026-02-10"],
    ["  2026-02-10  ", "2026-02-10"],
    // A weekday after the date, in words or (Japanese, Chinese, Korean) one character.
    ["10/02/2026 Tue", "2026-02-10"],
    ["10 Feb 2026 (Tue)", "2026-02-10"],
    ["2026/02/10(火)", "2026-02-10"],
    ["2026/2/10（火）", "2026-02-10"],
    ["2026-02-10 星期二", "2026-02-10"],
    ["2026.02.10(화)", "2026-02-10"],
    // Year, month and day marked by their characters.
    ["2026年2月10日", "2026-02-10"],
    ["2026年02月10日", "2026-02-10"],
    ["2026년 2월 10일", "2026-02-10"],
    // A year of the Republic of China first (Taiwan): 115 is 2026.
    ["115/11/02", "2026-11-02"],
    ["100.01.31", "2011-01-31"],
    // A year of the Buddhist era (Thailand): 2569 is 2026.
    ["01/11/2569", "2026-11-01"],
  ])("%j → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it("applies the file's day/month order to slashed and dashed dates", () => {
    expect(parseDate("03/04/2026", "day-first")).toBe("2026-04-03");
    expect(parseDate("03/04/2026", "month-first")).toBe("2026-03-04");
    expect(parseDate("03-04-26", "month-first")).toBe("2026-03-04");
    expect(parseDate("12/31/2026 11:59 PM", "month-first")).toBe("2026-12-31");
  });

  it("reads dotted dates day-first whatever the order", () => {
    expect(parseDate("03.04.2026", "month-first")).toBe("2026-04-03");
  });

  it("reads a time's zone abbreviation after it (Cash App: 2026-05-19 11:04:05 EDT)", () => {
    expect(parseDate("2026-05-19 11:04:05 EDT", "month-first")).toBe("2026-05-19");
    expect(parseDate("05/19/2026 11:04 PM EST", "month-first")).toBe("2026-05-19");
    expect(parseDate("19.05.2026 11:04 CEST", "day-first")).toBe("2026-05-19");
  });

  it("reads month names between slashes (Banamex: 10/dic/2025)", () => {
    expect(parseDate("10/dic/2025", "day-first")).toBe("2025-12-10");
    expect(parseDate("03/ENE/2026", "day-first")).toBe("2026-01-03");
    expect(parseDate("10/dec/2025", "month-first")).toBe("2025-12-10");
  });

  it("reads dotted dates ending in a dot of their own (Croatian, Serbian, Slovenian), and no other kind so", () => {
    expect(parseDate("02.03.2026.", "day-first")).toBe("2026-03-02");
    expect(parseDate("2.3.26.", "month-first")).toBe("2026-03-02");
    expect(parseDate("02/03/2026.", "day-first")).toBeNull();
    expect(parseDate("02-03-2026.", "day-first")).toBeNull();
  });

  it("maps two-digit years to this century", () => {
    expect(parseDate("31/12/99", "day-first")).toBe("2099-12-31");
    expect(parseDate("01/01/00", "day-first")).toBe("2000-01-01");
  });

  it.each([
    "2026-02-30",
    "2026-13-01",
    "2025-02-29",
    "31/04/2026",
    "31.02.2026",
    "32 Jan 2026",
    "Foo 10, 2026",
    "10 Fbr 2026",
    "",
    "yesterday",
    "2026-02",
    "12/31/2026",
    "10/02",
    "2026年2月",
    "2026年2月30日",
    "Tue",
  ])("rejects %j", (input) => {
    expect(parseDate(input, "day-first")).toBeNull();
  });

  it("accepts leap days only in leap years", () => {
    expect(parseDate("2028-02-29")).toBe("2028-02-29");
    expect(parseDate("2000-02-29")).toBe("2000-02-29");
    expect(parseDate("2100-02-29")).toBeNull();
  });
});

describe("isValidCalendarDate", () => {
  it("checks month lengths", () => {
    expect(isValidCalendarDate(2026, 4, 30)).toBe(true);
    expect(isValidCalendarDate(2026, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2026, 0, 1)).toBe(false);
    expect(isValidCalendarDate(2026, 1, 0)).toBe(false);
  });
});

describe("detectDateOrder", () => {
  it("is day-first when any first number exceeds 12", () => {
    expect(detectDateOrder(["01/02/2026", "13/02/2026"])).toMatchObject({ order: "day-first", assumed: false, certain: true });
  });

  it("is month-first when any second number exceeds 12", () => {
    expect(detectDateOrder(["01/02/2026", "02/13/2026"])).toMatchObject({ order: "month-first", assumed: false, certain: true });
  });

  it("needs no decision for unambiguous formats", () => {
    expect(detectDateOrder(["2026-01-02", "10.02.2026", "Feb 3, 2026", "", "Total"])).toEqual({
      order: "day-first",
      assumed: false,
      certain: false,
    });
    expect(detectDateOrder(["05/05/2026", "06/06/2026"])).toMatchObject({ order: "day-first", assumed: false, certain: false });
  });

  it("assumes day-first for ambiguous dates, with a warning", () => {
    const decision = detectDateOrder(["01/02/2026", "02/02/2026", "03/02/2026"]);
    expect(decision.order).toBe("day-first");
    expect(decision.assumed).toBe(true);
    expect(decision.certain).toBe(false);
    expect(decision.warning).toBe(
      'dates such as "01/02/2026" could be day-first or month-first; assumed day-first, DD/MM/YYYY',
    );
  });

  it("assumes month-first when only that keeps the dates in order", () => {
    const decision = detectDateOrder(["01/02/2026", "01/05/2026", "02/03/2026", "03/01/2026"]);
    expect(decision.order).toBe("month-first");
    expect(decision.assumed).toBe(true);
    expect(decision.warning).toContain("assumed month-first, MM/DD/YYYY because that keeps the dates in order");
  });

  it("also accepts descending order as 'in order'", () => {
    expect(detectDateOrder(["03/02/2026", "02/02/2026", "01/02/2026"]).order).toBe("day-first");
    expect(detectDateOrder(["05/02/2026", "03/04/2026", "01/03/2026"]).order).toBe("month-first");
  });

  it("when both readings keep the order, takes the one that puts the dates within weeks rather than months", () => {
    const us = detectDateOrder(["03/05/2024", "03/04/2024", "03/01/2024"]);
    expect(us.order).toBe("month-first");
    expect(us.warning).toContain("assumed month-first, MM/DD/YYYY because that puts them within 4 days (read the other way they span 121)");
    // Stronger than a locale hint: the decimal comma says day-first, the dates say otherwise.
    expect(detectDateOrder(["03/05/2024", "03/04/2024", "03/01/2024"], { order: "day-first", reason: "decimal comma" }).order).toBe("month-first");
    expect(detectDateOrder(["05-03-2024", "04-03-2024", "01-03-2024"], { order: "month-first", reason: "dollar amounts" }).order).toBe("day-first");
  });

  it("leaves spans that do not differ enough to the hint (a year of dates on the 1st to 12th)", () => {
    // 01/02, 02/03 … 11/12: in order and about eleven months long either way.
    const year = Array.from({ length: 11 }, (_, m) => `${String(m + 1).padStart(2, "0")}/${String(m + 2).padStart(2, "0")}/2024`);
    expect(detectDateOrder(year, { order: "month-first", reason: "dollar amounts" }).warning).toContain("because of the dollar amounts");
  });

  it("goes with the first evidence when a file contradicts itself", () => {
    expect(detectDateOrder(["13/01/2026", "01/13/2026"]).order).toBe("day-first");
    expect(detectDateOrder(["01/13/2026", "13/01/2026"]).order).toBe("month-first");
  });
});

describe("orderFromDatesElsewhere", () => {
  it("settles the order from a full date valid one way only, printed among other text", () => {
    expect(orderFromDatesElsewhere(["Data de fim 12-03-2026", "Data da consulta 16-03-2026"])).toMatchObject({ order: "day-first", certain: true });
    expect(orderFromDatesElsewhere(["Statement period: 03/01/2026 - 03/31/2026"])).toMatchObject({ order: "month-first", certain: true });
  });

  it("decides nothing from dates that fit either order, two-digit years or a date run into other digits", () => {
    expect(orderFromDatesElsewhere(["Period 01/03/2026 to 12/03/2026"])).toBeUndefined();
    // A sort code, an account number: not dates.
    expect(orderFromDatesElsewhere(["Sort code 40-11-62", "Account 31-12-2026-7"])).toBeUndefined();
  });

  it("takes only dates written with the rows' separator when it is given", () => {
    expect(orderFromDatesElsewhere(["Printed 16/03/2026"], "-")).toBeUndefined();
    expect(orderFromDatesElsewhere(["Printed 16/03/2026"], "/")).toMatchObject({ order: "day-first" });
  });
});

describe("isoDate", () => {
  it("gives the same text for a date asked again, and still refuses what is no date after a valid one", () => {
    expect(isoDate(2024, 2, 29)).toBe("2024-02-29");
    expect(isoDate(2024, 2, 29)).toBe("2024-02-29");
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(2024, 2, 30)).toBeNull();
    expect(isoDate(2024, 1, 1)).toBe("2024-01-01");
    expect(isoDate(2024, 1, 1)).toBe("2024-01-01");
    // (Year·10000 + month·100 + day would be 2024-01-01's key: the last date is compared whole.)
    expect(isoDate(2024, 0, 101)).toBeNull();
    expect(isoDate(2024, 12, 31)).toBe("2024-12-31");
    expect(isoDate(995, 3, 4)).toBe("0995-03-04");
  });
});

describe("daysBetween", () => {
  // What it computed before it counted by arithmetic: the two must agree on every input.
  const byDateParse = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  it("counts as Date.parse does on every day, month and year shape, real or not", () => {
    const anchor = "2026-03-15";
    const differences: string[] = [];
    for (let year = 1; year <= 9999; year += year < 1890 || year > 2110 ? 97 : 1) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          for (const [a, b] of [[anchor, iso], [iso, anchor]]) {
            if (!Object.is(daysBetween(a!, b!), byDateParse(a!, b!))) differences.push(`${a} → ${b}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("counts across leap days, and forwards and backwards", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2000-02-28", "2000-03-01")).toBe(2);
    expect(daysBetween("1900-02-28", "1900-03-01")).toBe(1);
    expect(daysBetween("2026-12-31", "2026-01-01")).toBe(-364);
    expect(daysBetween("1970-01-01", "2026-03-15")).toBe(20527);
  });

  it("is NaN where Date.parse finds no date, and reads other shapes as Date.parse does", () => {
    for (const odd of ["", "2026-1-5", "20260105", "2026-01-0a", "2026-13-01", "2026-01-00", "abcd-ef-gh"]) {
      expect(Object.is(daysBetween("2026-01-01", odd), byDateParse("2026-01-01", odd))).toBe(true);
    }
    expect(daysBetween("2026-01-01", "2026-13-01")).toBeNaN();
  });
});

describe("impossibleDate", () => {
  it("names a day past its month's end, in the file's order", () => {
    expect(impossibleDate("31/02/2026", "day-first")).toBe('"31/02/2026" is no date: February 2026 has 28 days');
    expect(impossibleDate("02/31/2026", "month-first")).toBe('"02/31/2026" is no date: February 2026 has 28 days');
    expect(impossibleDate("2028-02-30", "day-first")).toBe('"2028-02-30" is no date: February 2028 has 29 days');
    expect(impossibleDate("29.02.25", "day-first")).toBe('"29.02.25" is no date: 2025 is not a leap year, so February has 28 days');
    expect(impossibleDate(" 31-06-2026 ", "day-first")).toBe('"31-06-2026" is no date: June 2026 has 30 days');
    expect(impossibleDate("31/04", "day-first")).toBe('"31/04" is no date: April never has 31 days');
    // A Thai date of the Buddhist era: 2568 is 2025.
    expect(impossibleDate("29/02/2568", "day-first")).toBe('"29/02/2568" is no date: 2025 is not a leap year, so February has 28 days');
  });

  it("says nothing of real days, of other shapes, or of months and days no calendar has", () => {
    for (const text of ["29/02/2028", "29/02", "31/12/2026", "2026-02-28", "31/02/2026x", "31.02/2026", "13/13/2026", "00/02/2026", "32/01/2026", "Feb 31 2026", ""]) {
      expect(impossibleDate(text, "day-first"), text).toBeNull();
    }
    // Read in the other order it is a real day: not impossible, only not in this file's order.
    expect(impossibleDate("02/31/2026", "day-first")).toBeNull();
  });
});

describe("month names of the twenty-third session's blind tests", () => {
  it.each([
    ["09 octombrie 2026", "2026-10-09"], // Romanian (ING România)
    ["3 noiembrie 2026", "2026-11-03"],
    ["12 Ağustos 2026", "2026-08-12"], // Turkish
    ["1 Aralık 2025", "2025-12-01"],
    ["5. října 2026", "2026-10-05"], // Czech, genitive
    ["4 március 2026", "2026-03-04"],
    ["15 май 2026", "2026-05-15"], // Bulgarian (й loses its breve as the lookup folds)
    ["7 декември 2025", "2025-12-07"],
  ])("%s → %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
});

describe("Japanese era years written short (the twenty-fifth session)", () => {
  it("reads R, H and S with the era's year, month and day", () => {
    expect(parseDate("R8.8.5")).toBe("2026-08-05");
    expect(parseDate("R08/08/05")).toBe("2026-08-05");
    expect(parseDate("H30-12-31")).toBe("2018-12-31");
    expect(parseDate("S64.1.7")).toBe("1989-01-07");
    expect(parseDate("R元.5.1")).toBe("2019-05-01");
    expect(parseDate("令和8.8.5")).toBe("2026-08-05");
  });
  it("reads nothing else as one: another letter, mixed separators, an impossible day", () => {
    expect(parseDate("X8.8.5")).toBeNull();
    expect(parseDate("r8.8.5")).toBeNull();
    expect(parseDate("R8.8/5")).toBeNull();
    expect(parseDate("R8.2.30")).toBeNull();
  });
});
