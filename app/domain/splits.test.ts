import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { Decimal, Money } from "./money.ts";
import { MAX_SPLIT_PARTS, splitByAmounts, splitByPercentages } from "./splits.ts";

const usd = (a: string) => Money.of(a, "USD");
const texts = (parts: Money[]) => parts.map((p) => p.toDecimalString());

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("splitByAmounts", () => {
  it("splits exactly, keeping each part's sign and the currency", () => {
    expect(texts(splitByAmounts(usd("-150.00"), ["-100", "-45.5", "-4.50"]))).toEqual(["-100.00", "-45.50", "-4.50"]);
    expect(splitByAmounts(usd("-150.00"), ["-100", "-50"]).every((p) => p.currency === "USD")).toBe(true);
    // A refund inside a deposit: parts of either sign, as long as they add up.
    expect(texts(splitByAmounts(usd("100.00"), ["120.00", "-20.00"]))).toEqual(["120.00", "-20.00"]);
    expect(texts(splitByAmounts(usd("1.00"), [Decimal.parse("0.99"), Decimal.parse("0.01")]))).toEqual(["0.99", "0.01"]);
  });

  it("refuses parts that do not add up, saying by how much", () => {
    const short = failure(() => splitByAmounts(usd("-150.00"), ["-100", "-45"]));
    expect(short.code).toBe("validation_failed");
    expect(short.message).toBe("the parts add up to -145.00, not the row's -150.00 (short by 5.00)");
    expect(failure(() => splitByAmounts(usd("-150.00"), ["-100", "-55"])).message).toBe("the parts add up to -155.00, not the row's -150.00 (over by 5.00)");
    expect(failure(() => splitByAmounts(usd("150.00"), ["100", "45"])).message).toBe("the parts add up to 145.00, not the row's 150.00 (short by 5.00)");
    expect(failure(() => splitByAmounts(usd("150.00"), ["100", "60"])).message).toBe("the parts add up to 160.00, not the row's 150.00 (over by 10.00)");
  });

  it("refuses bad parts with a specific message", () => {
    expect(failure(() => splitByAmounts(usd("10.00"), ["10.00"])).message).toBe("a split needs at least 2 parts, not 1");
    expect(failure(() => splitByAmounts(usd("10.00"), Array(MAX_SPLIT_PARTS + 1).fill("0.01"))).message).toBe(`a split has at most ${MAX_SPLIT_PARTS} parts, not ${MAX_SPLIT_PARTS + 1}`);
    expect(failure(() => splitByAmounts(usd("10.00"), ["10.00", "0"])).message).toBe("part 2 is zero");
    expect(failure(() => splitByAmounts(usd("10.00"), ["9.995", "0.005"])).message).toBe("part 1: 9.995 has more than 2 decimal places for USD");
    expect(failure(() => splitByAmounts(usd("10.00"), ["ten", "0"])).message).toBe('part 1: "ten" is not a decimal number');
    expect(failure(() => splitByAmounts(usd("0.00"), ["1", "-1"])).message).toBe("a zero amount cannot be split");
  });

  it("works in currencies without and with three decimals", () => {
    expect(texts(splitByAmounts(Money.of("1000", "JPY"), ["600", "400"]))).toEqual(["600", "400"]);
    expect(failure(() => splitByAmounts(Money.of("1000", "JPY"), ["600.5", "399.5"])).message).toBe("part 1: 600.5 has more than 0 decimal places for JPY");
    expect(texts(splitByAmounts(Money.of("1.000", "KWD"), ["0.333", "0.667"]))).toEqual(["0.333", "0.667"]);
  });
});

describe("splitByPercentages", () => {
  it("truncates every share but the last toward zero; the last takes the remainder", () => {
    expect(texts(splitByPercentages(usd("100.00"), ["33.33", "33.33", "33.34"]))).toEqual(["33.33", "33.33", "33.34"]);
    expect(texts(splitByPercentages(usd("10.00"), ["33.3333", "33.3333", "33.3334"]))).toEqual(["3.33", "3.33", "3.34"]);
    expect(texts(splitByPercentages(usd("-10.00"), ["50", "50"]))).toEqual(["-5.00", "-5.00"]);
    expect(texts(splitByPercentages(usd("-0.01"), ["50", "50"]))).toEqual(["0.00", "-0.01"]);
    expect(texts(splitByPercentages(usd("-99.99"), ["70", "20", "10"]))).toEqual(["-69.99", "-19.99", "-10.01"]);
    expect(texts(splitByPercentages(Money.of("1001", "JPY"), ["50", "50"]))).toEqual(["500", "501"]);
    expect(texts(splitByPercentages(Money.of("10.000", "BHD"), ["33.3", "66.7"]))).toEqual(["3.330", "6.670"]);
  });

  it("always adds up to the row exactly (many amounts, many splits)", () => {
    const percentSets = [["12.5", "37.5", "50"], ["1", "1", "98"], ["99.99", "0.01"], ["14.2857", "14.2857", "14.2857", "14.2857", "14.2857", "14.2857", "14.2858"]];
    for (let cents = -100_003; cents <= 100_003; cents += 9_973) {
      const total = Money.of(Decimal.fromUnits(BigInt(cents), 2), "EUR");
      if (total.isZero()) continue;
      for (const percents of percentSets) {
        const parts = splitByPercentages(total, percents);
        expect(Money.sum(parts, "EUR").eq(total)).toBe(true);
        expect(parts).toHaveLength(percents.length);
        // Deterministic: the same input, the same parts.
        expect(texts(splitByPercentages(total, percents))).toEqual(texts(parts));
      }
    }
  });

  it("refuses percentages that do not make 100, or are out of range", () => {
    expect(failure(() => splitByPercentages(usd("10.00"), ["50", "49.99"])).message).toBe("the percentages add up to 99.99, not 100");
    expect(failure(() => splitByPercentages(usd("10.00"), ["150", "-50"])).message).toBe("part 1: a percentage cannot be above 100 (150)");
    expect(failure(() => splitByPercentages(usd("10.00"), ["100", "0"])).message).toBe("part 2: a percentage must be above 0, not 0");
    expect(failure(() => splitByPercentages(usd("10.00"), ["fifty", "50"])).message).toBe('part 1: "fifty" is not a decimal number');
    expect(failure(() => splitByPercentages(usd("0"), ["50", "50"])).message).toBe("a zero amount cannot be split");
    expect(failure(() => splitByPercentages(usd("10.00"), ["100"])).message).toBe("a split needs at least 2 parts, not 1");
  });
});
