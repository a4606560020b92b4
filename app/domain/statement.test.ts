import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { isQuietPeriod } from "./statement.ts";

describe("isQuietPeriod", () => {
  const period = { from: "2026-04-01", to: "2026-04-30" };
  it("is a period with the same balance at both ends", () => {
    expect(isQuietPeriod({ period, openingBalance: Decimal.parse("500.00"), closingBalance: Decimal.parse("500.0") })).toBe(true);
  });

  it("is not without a period, without either balance, or with balances that differ (rows are missing)", () => {
    expect(isQuietPeriod({ openingBalance: Decimal.parse("500.00"), closingBalance: Decimal.parse("500.00") })).toBe(false);
    expect(isQuietPeriod({ period, closingBalance: Decimal.parse("500.00") })).toBe(false);
    expect(isQuietPeriod({ period, openingBalance: Decimal.parse("500.00") })).toBe(false);
    expect(isQuietPeriod({ period, openingBalance: Decimal.parse("500.00"), closingBalance: Decimal.parse("510.00") })).toBe(false);
  });
});
