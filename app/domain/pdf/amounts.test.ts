import { describe, expect, it } from "vitest";
import { decideDecimalSeparator, letterMarkedMoney, looksLikeMoney, readPrintedAmount, standaloneLetterMark, standaloneMark } from "./amounts.ts";

const read = (text: string, sep: "." | "," = ".") => {
  const a = readPrintedAmount(text, sep);
  return a && { value: a.magnitude.toString(), mark: a.mark, currency: a.currency };
};

describe("printed amounts", () => {
  it("reads grouping, decimal comma and the marks banks use for direction", () => {
    expect(read("1,234.56")).toEqual({ value: "1234.56", mark: undefined, currency: undefined });
    expect(read("1.234,56 S", ",")).toMatchObject({ value: "1234.56", mark: "debit" });
    expect(read("480,00 H", ",")).toMatchObject({ value: "480.00", mark: "credit" });
    expect(read("1\u00a0234,56", ",")).toMatchObject({ value: "1234.56" });
    expect(read("(1,234.56)")).toMatchObject({ value: "1234.56", mark: "minus" });
    expect(read("12.34-")).toMatchObject({ mark: "minus" });
    expect(read("-£12.34")).toMatchObject({ value: "12.34", mark: "minus", currency: "GBP" });
    expect(read("500.00 CR")).toMatchObject({ mark: "credit" });
    expect(read("500.00DR")).toMatchObject({ mark: "debit" });
    // Overdrawn balances, as UK banks print them.
    expect(read("665.83 OD")).toMatchObject({ value: "665.83", mark: "debit" });
    expect(read("+1,200.00")).toMatchObject({ mark: "plus" });
    expect(read("EUR 12,50", ",")).toMatchObject({ value: "12.50", currency: "EUR" });
    // Brazil's real and Peru's sol, printed before the amount.
    expect(read("R$ 1.234,56", ",")).toMatchObject({ value: "1234.56", currency: "BRL" });
    expect(read("-S/ 71.03")).toMatchObject({ value: "71.03", mark: "minus", currency: "PEN" });
  });

  it("reads CR and DR in brackets after an amount, glued on or a space apart, as its side (Kotak's balances)", () => {
    expect(read("5,09,496.47(Cr)")).toEqual({ value: "509496.47", mark: "credit", currency: undefined });
    expect(read("1,84,250.50(Dr)")).toMatchObject({ value: "184250.50", mark: "debit" });
    expect(read("94,749.61 (DR)")).toMatchObject({ value: "94749.61", mark: "debit" });
    expect(read("63,936.98 (CR)")).toMatchObject({ value: "63936.98", mark: "credit" });
    // Said twice, or with a bracket left open, it is no amount.
    for (const text of ["12.00 CR (Cr)", "-12.00(Dr)", "12.00(Cr", "12.00 Cr)"]) expect(looksLikeMoney(text), text).toBe(false);
  });

  it("is not fooled by years, references, dates or contradictory marks", () => {
    for (const text of ["2026", "4821", "12/03", "03.12.2026", "1,234", "INV 12.00", "-(12.00)", "12.345", "1.234.56"]) {
      expect(looksLikeMoney(text), text).toBe(false);
    }
    expect(readPrintedAmount("1.234,56", ".")).toBeNull();
  });

  it("decides the statement's decimal separator by majority", () => {
    expect(decideDecimalSeparator(["1.234,56", "12,00", "3,10", "Datum"]).separator).toBe(",");
    expect(decideDecimalSeparator(["1,234.56", "12.00"]).separator).toBe(".");
  });

  it("leaves day-and-month texts (02.03) out of the vote, unless nothing else votes", () => {
    // An Austrian statement: every row's date and value date without a year, one amount.
    const rows = ["02.03", "02.03", "56,51-", "05.03", "05.03", "1.234,56", "31.03", "31.03", "2.600,00"];
    expect(decideDecimalSeparator(rows)).toEqual({ separator: ",", dot: 0, comma: 3 });
    expect(decideDecimalSeparator(["12.05", "3.10"])).toEqual({ separator: ".", dot: 2, comma: 0 });
    // Not a day and a month: votes as before.
    expect(decideDecimalSeparator(["19.52", "45.67", "12,50"]).separator).toBe(".");
  });

  it("reads a D or C after an amount as its direction only when asked (a money column's cell): elsewhere it is not money", () => {
    expect(letterMarkedMoney("1.234,56 D")).toEqual({ money: "1.234,56", mark: "debit" });
    expect(letterMarkedMoney("987,65 C")).toEqual({ money: "987,65", mark: "credit" });
    expect(letterMarkedMoney("987,65C")).toEqual({ money: "987,65", mark: "credit" });
    for (const text of ["12,00- D", "(12,00) C", "USD", "2026 D", "Saldo C", "12,00 d", "12,00 CR"]) expect(letterMarkedMoney(text), text).toBeNull();
    expect(looksLikeMoney("1.234,56 D")).toBe(false);
    expect(standaloneLetterMark("D")).toBe("debit");
    expect(standaloneLetterMark("C")).toBe("credit");
    expect(standaloneLetterMark("CD")).toBeUndefined();
  });

  it("recognizes lone marks printed in their own cell", () => {
    expect(standaloneMark("CR")).toBe("credit");
    expect(standaloneMark("S")).toBe("debit");
    expect(standaloneMark("Shop")).toBeUndefined();
  });

  it("reads DB (debet) after an amount as a debit, as Indonesian banks print it (BCA's credits bare)", () => {
    expect(read("2,250,000.00 DB")).toEqual({ value: "2250000.00", mark: "debit", currency: undefined });
    expect(read("691.35DB")).toMatchObject({ value: "691.35", mark: "debit" });
    expect(standaloneMark("DB")).toBe("debit");
    // Only as a whole word after the amount.
    expect(looksLikeMoney("12.00 ADB")).toBe(false);
  });
});
