import { describe, expect, it } from "vitest";
import {
  CurrencyMismatchError,
  Decimal,
  DecimalFormatError,
  Money,
  currencyExponent,
  formatAmount,
  isCurrencyCode,
} from "./money.ts";

describe("Decimal.parse", () => {
  it.each([
    ["0", "0"],
    ["12", "12"],
    ["-12.34", "-12.34"],
    ["1234.5600", "1234.5600"],
    ["  7.1 ", "7.1"],
    ["-0.00", "0.00"],
    ["000123.40", "123.40"],
  ])("%j → %s", (input, canonical) => {
    expect(Decimal.parse(input).toString()).toBe(canonical);
  });

  it.each(["", "-", "1,000", "1e5", ".5", "5.", "+5", "12.3.4", "NaN", "1.1234567890123456789"])(
    "rejects %j",
    (input) => {
      expect(() => Decimal.parse(input)).toThrow(DecimalFormatError);
      expect(Decimal.tryParse(input)).toBeNull();
    },
  );

  it("keeps the scale it was written with", () => {
    const d = Decimal.parse("1.50");
    expect(d.scale).toBe(2);
    expect(d.units).toBe(150n);
    expect(d.significantScale()).toBe(1);
  });

  it("holds values far beyond float precision exactly", () => {
    expect(Decimal.parse("12345678901234567890.12").add(Decimal.parse("0.01")).toString()).toBe("12345678901234567890.13");
  });
});

describe("Decimal arithmetic", () => {
  const d = Decimal.parse;

  it("adds and subtracts exactly across scales", () => {
    expect(d("0.1").add(d("0.2")).toString()).toBe("0.3");
    expect(d("1.005").add(d("2")).toString()).toBe("3.005");
    expect(d("10").sub(d("0.01")).toString()).toBe("9.99");
    expect(Decimal.sum([d("0.10"), d("0.20"), d("-0.30")]).isZero()).toBe(true);
  });

  it("compares by value, not representation", () => {
    expect(d("1.50").cmp(d("1.5"))).toBe(0);
    expect(d("1.50").eq(d("1.5"))).toBe(true);
    expect(d("-2").cmp(d("1"))).toBe(-1);
    expect(d("0.001").cmp(d("0"))).toBe(1);
  });

  it("has sign helpers", () => {
    expect(d("-3.2").sign()).toBe(-1);
    expect(d("0.00").sign()).toBe(0);
    expect(d("-3.2").abs().toString()).toBe("3.2");
    expect(d("3.2").neg().isNegative()).toBe(true);
  });

  it("rescales up exactly and refuses to round down", () => {
    expect(d("12.3").rescale(2).toString()).toBe("12.30");
    expect(d("12.300").rescale(1).toString()).toBe("12.3");
    expect(() => d("12.345").rescale(2)).toThrow(RangeError);
  });

  it("validates fromUnits", () => {
    expect(Decimal.fromUnits(-5n, 3).toString()).toBe("-0.005");
    expect(() => Decimal.fromUnits(1n, -1)).toThrow(RangeError);
    expect(() => Decimal.fromUnits(1n, 19)).toThrow(RangeError);
  });

  it("serializes to its canonical string", () => {
    expect(JSON.stringify({ a: d("-0.50") })).toBe('{"a":"-0.50"}');
  });
});

describe("currencies", () => {
  it("knows minor-unit exponents", () => {
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("KWD")).toBe(3);
    expect(currencyExponent("CLF")).toBe(4);
  });

  it("validates codes", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(() => currencyExponent("EURO")).toThrow(RangeError);
  });
});

describe("Money", () => {
  it("stores amounts at the currency's exponent", () => {
    expect(Money.of("12.3", "USD").toDecimalString()).toBe("12.30");
    expect(Money.of("100", "JPY").toDecimalString()).toBe("100");
    expect(Money.of("1.5", "KWD").toDecimalString()).toBe("1.500");
  });

  it("rejects amounts with more decimals than the currency has instead of rounding", () => {
    expect(() => Money.of("0.005", "USD")).toThrow(RangeError);
    expect(() => Money.of("1.5", "JPY")).toThrow(RangeError);
    expect(Money.of("1.500", "USD").toDecimalString()).toBe("1.50");
  });

  it("adds, subtracts and compares within one currency", () => {
    const a = Money.of("10.10", "EUR");
    const b = Money.of("0.20", "EUR");
    expect(a.add(b).toDecimalString()).toBe("10.30");
    expect(a.sub(b).toDecimalString()).toBe("9.90");
    expect(b.sub(a).isNegative()).toBe(true);
    expect(a.cmp(b)).toBe(1);
    expect(Money.sum([a, b, b.neg()], "EUR").eq(a)).toBe(true);
    expect(Money.zero("EUR").isZero()).toBe(true);
  });

  it("refuses to mix currencies", () => {
    const usd = Money.of("1", "USD");
    const eur = Money.of("1", "EUR");
    expect(() => usd.add(eur)).toThrow(CurrencyMismatchError);
    expect(() => usd.cmp(eur)).toThrow("cannot combine USD and EUR amounts");
    expect(() => Money.sum([usd], "EUR")).toThrow(CurrencyMismatchError);
    expect(usd.eq(eur)).toBe(false);
  });

  it("serializes as decimal string and currency", () => {
    expect(Money.of("-4.5", "GBP").toJSON()).toEqual({ amount: "-4.50", currency: "GBP" });
    expect(Money.of("-4.5", "GBP").abs().toDecimalString()).toBe("4.50");
  });

  it("formats exactly, per locale", () => {
    expect(Money.of("1234.56", "USD").format()).toBe("$1,234.56");
    expect(Money.of("-1234.5", "USD").format("en-US")).toBe("-$1,234.50");
    expect(Money.of("5", "USD").format("en-US", { signDisplay: "always" })).toBe("+$5.00");
    expect(Money.of("1234.56", "EUR").format("de-DE")).toBe("1.234,56\u00a0€");
    expect(Money.of("1500", "JPY").format("en-US")).toBe("¥1,500");
    // Beyond 2^53: a float would print ...568.00 here.
    expect(Money.of("12345678901234567.89", "USD").format()).toBe("$12,345,678,901,234,567.89");
    expect(formatAmount("-0.5", "GBP", "en-GB")).toBe("-£0.50");
  });
});

describe("Decimal text", () => {
  const values = ["0", "-0.5", "12", "-12.3", "1234.56", "-0.0001", "7.125", "100000000000000000.1", "0.000001"];
  it.each(values)("%s at scales 0–8 is rescale(n).toString() (or the same refusal)", (text) => {
    const d = Decimal.parse(text);
    for (let scale = 0; scale <= 8; scale++) {
      let expected: string | Error;
      try {
        expected = d.rescale(scale).toString();
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error) expect(() => d.textAtScale(scale)).toThrow(expected.message);
      else expect(d.textAtScale(scale)).toBe(expected);
    }
  });

  it("keeps its text apart from its value: equal values stay equal once one was written out", () => {
    const written = Decimal.parse("-12.30");
    expect(written.toString()).toBe("-12.30");
    expect(written.toString()).toBe("-12.30");
    expect(written).toEqual(Decimal.parse("-12.30"));
    expect(structuredClone(written)).toEqual(structuredClone(Decimal.parse("-12.30")));
  });
});
