import { describe, expect, it } from "vitest";
import { inferDecimalSeparator, parseAmount, parseAmountWithCurrency } from "./amount.ts";

const dot = (text: string) => parseAmount(text, { decimalSeparator: "." })?.toString() ?? null;
const comma = (text: string) => parseAmount(text, { decimalSeparator: "," })?.toString() ?? null;

describe("parseAmount with a decimal point", () => {
  it.each([
    ["12.34", "12.34"],
    ["-12.34", "-12.34"],
    ["+12.34", "12.34"],
    ["1,234.56", "1234.56"],
    ["1,234,567.89", "1234567.89"],
    ["1,23,456.00", "123456.00"],
    ["12,34,56,789.50", "123456789.50"],
    ["1 234.56", "1234.56"],
    ["1'234.56", "1234.56"],
    ["1’234.56", "1234.56"],
    ["1\u00a0234.56", "1234.56"],
    ["12.34-", "-12.34"],
    ["(12.34)", "-12.34"],
    ["($12.34)", "-12.34"],
    ["$-25.00", "-25.00"],
    ["-$7,971.39", "-7971.39"],
    ["£1,100.00", "1100.00"],
    ["-£1,850.00", "-1850.00"],
    ["€ 12.00", "12.00"],
    ["12.00 €", "12.00"],
    ["US$5.00", "5.00"],
    ["USD 5.00", "5.00"],
    ["5.00 USD", "5.00"],
    ["12.34 CR", "12.34"],
    ["12.34 DR", "-12.34"],
    ["12.34DR", "-12.34"],
    ["1,234.56 cr", "1234.56"],
    ["\u221212.34", "-12.34"],
    ["0.125", "0.125"],
    ["1.2345", "1.2345"],
    ["100", "100"],
    ["1,234", "1234"],
    [".50", "0.50"],
    ["  42.00  ", "42.00"],
    ["-0.00", "0.00"],
  ])("%j → %s", (input, expected) => {
    expect(dot(input)).toBe(expected);
  });

  it("is exact for long values", () => {
    expect(dot("98,765,432,109,876,543.21")).toBe("98765432109876543.21");
  });
});

describe("parseAmount with a decimal comma", () => {
  it.each([
    ["12,34", "12.34"],
    ["-45,90", "-45.90"],
    ["1.234,56", "1234.56"],
    ["1.234.567,89", "1234567.89"],
    ["1 234,56", "1234.56"],
    ["-1 450,00", "-1450.00"],
    ["1\u202f234,56", "1234.56"],
    ["1'234,56", "1234.56"],
    ["1.234,56 €", "1234.56"],
    ["1.234", "1234"],
    ["12,34-", "-12.34"],
  ])("%j → %s", (input, expected) => {
    expect(comma(input)).toBe(expected);
  });
});

describe("parseAmount rejects garbage", () => {
  it.each([
    "",
    "   ",
    "-",
    "abc",
    "USD",
    "12,3,4",
    "12.34.56",
    "1,2345.00",
    "12..3",
    "12.",
    "--12",
    "-(12.34)",
    "-12.34-",
    "(12.34",
    "-12.34 CR",
    "$$12",
    "12 34",
    "1e5",
    "0x10",
    "12.34 EUR USD",
    "n/a",
  ])("%j → null", (input) => {
    expect(dot(input)).toBeNull();
  });

  it("rejects the other convention's mixed separators", () => {
    expect(comma("1,234.56")).toBeNull();
    expect(dot("1.234,56")).toBeNull();
  });
});

describe("parseAmountWithCurrency", () => {
  it.each([
    ["1,234円", ".", "1234", "JPY"],
    ["￥1,234", ".", "1234", undefined],
    ["15,000.00元", ".", "15000.00", "CNY"],
    ["RMB 15,000.00", ".", "15000.00", "CNY"],
    ["150,000원", ".", "150000", "KRW"],
    ["NT$1,200", ".", "1200", "TWD"],
    // Dollar signs with letters that say whose: the Dominican and Mexican pesos, the Jamaican, Trinidad and Namibian dollars.
    ["RD$ 2,185.29", ".", "2185.29", "DOP"],
    ["MX$1,500.00", ".", "1500.00", "MXN"],
    ["J$12,000.00", ".", "12000.00", "JMD"],
    ["TT$ -45.00", ".", "-45.00", "TTD"],
    ["N$ 310.50", ".", "310.50", "NAD"],
    ["EC$ 99.00", ".", "99.00", "XCD"],
    // B$ is the Bahamian and the Brunei dollar: money, of no one currency.
    ["B$ 10.00", ".", "10.00", undefined],
    ["1 234,56 руб.", ",", "1234.56", "RUB"],
    ["-1.234,56 TL", ",", "-1234.56", "TRY"],
    ["€ 12,50", ",", "12.50", "EUR"],
    // Peru's sol, before or after the minus, and its older S/. (BCP).
    ["S/ -71.03", ".", "-71.03", "PEN"],
    ["-S/ 71.03", ".", "-71.03", "PEN"],
    ["S/.1,250.00", ".", "1250.00", "PEN"],
    // Any sign of the Currency Symbols block, before or after, with a spaced sign (Kaspi's "- 3 500,00 ₸").
    ["- 3\u00a0500,00 ₸", ",", "-3500.00", "KZT"],
    ["+ 225\u00a0430,00 ₸", ",", "225430.00", "KZT"],
    ["₾12.50", ".", "12.50", "GEL"],
    ["-12,50 ₼", ",", "-12.50", "AZN"],
    ["৳ 1,200.00", ".", "1200.00", "BDT"],
    ["₮15,000", ".", "15000", "MNT"],
    ["₵ 45.00", ".", "45.00", "GHS"],
    ["₭ 50,000", ".", "50000", "LAK"],
    ["1.234,56 ₴", ",", "1234.56", "UAH"],
    ["₦2,500.00", ".", "2500.00", "NGN"],
    // A sign of more than one currency (the rupee's ₨, the rial's ﷼) is money, of no one currency.
    ["₨ 1,500.00", ".", "1500.00", undefined],
  ])("reads %j as %s (%s)", (text, separator, value, currency) => {
    const read = parseAmountWithCurrency(text, { decimalSeparator: separator as "." | "," });
    expect(read?.value.toString()).toBe(value);
    expect(read?.currency).toBe(currency);
  });
});

describe("inferDecimalSeparator", () => {
  it("reads the last separator when both appear", () => {
    expect(inferDecimalSeparator(["1,234.56"])).toBe(".");
    expect(inferDecimalSeparator(["1.234,56"])).toBe(",");
  });

  it("treats a single mark followed by other than three digits as decimal", () => {
    expect(inferDecimalSeparator(["-45,90"])).toBe(",");
    expect(inferDecimalSeparator(["12.5"])).toBe(".");
    expect(inferDecimalSeparator(["1 234,56"])).toBe(",");
  });

  it("treats repeated marks as grouping", () => {
    expect(inferDecimalSeparator(["1,234,567"])).toBe(".");
    expect(inferDecimalSeparator(["1.234.567"])).toBe(",");
  });

  it("cannot tell from 1,234 or 1.234 alone", () => {
    expect(inferDecimalSeparator(["1,234", "1.234", "100", ""])).toBeUndefined();
    expect(inferDecimalSeparator([])).toBeUndefined();
  });

  it("decides from the unambiguous values of a column", () => {
    expect(inferDecimalSeparator(["1,234", "12,50", "3,00"])).toBe(",");
    expect(inferDecimalSeparator(["1,234", "$12.50"])).toBe(".");
    expect(inferDecimalSeparator(["0,125"])).toBe(",");
    expect(inferDecimalSeparator(["1234,567"])).toBe(",");
  });

  it("goes with the majority when values disagree", () => {
    expect(inferDecimalSeparator(["1.50", "2.50", "3,50"])).toBe(".");
    expect(inferDecimalSeparator(["1,50", "2,50", "3.50"])).toBe(",");
  });
});

describe("whole amounts with a dash for the cents (German, Austrian, Swiss)", () => {
  it.each([
    ["2.450,-", ",", "2450.00"],
    ["-950,-", ",", "-950.00"],
    ["1.059,-", ",", "1059.00"],
    ["200,–", ",", "200.00"],
    ["1.000,--", ",", "1000.00"],
    ["12,- €", ",", "12.00"],
    ["1'250.–", ".", "1250.00"],
    ["-45.-", ".", "-45.00"],
  ])("%j with decimal %j → %s", (input, separator, expected) => {
    expect(parseAmount(input, { decimalSeparator: separator as "." | "," })?.toString()).toBe(expected);
    expect(parseAmountWithCurrency(input, { decimalSeparator: separator as "." | "," })?.value.toString()).toBe(expected);
  });

  it("reads the dash only after the file's own decimal separator, and a trailing minus still as a sign", () => {
    expect(parseAmount("1.059,-", { decimalSeparator: "." })).toBeNull();
    expect(parseAmount("450.-", { decimalSeparator: "," })).toBeNull();
    expect(parseAmount("12,34-", { decimalSeparator: "," })?.toString()).toBe("-12.34");
    expect(parseAmount("12.34-", { decimalSeparator: "." })?.toString()).toBe("-12.34");
  });
});
