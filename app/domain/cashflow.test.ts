import { describe, expect, it } from "vitest";
import { monthlyCashflow, monthsBetween } from "./cashflow.ts";
import { Decimal } from "./money.ts";

const d = Decimal.parse;

describe("monthsBetween", () => {
  it("spans year boundaries inclusively", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
  it("is empty when from is after to", () => {
    expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
  });
});

describe("monthlyCashflow", () => {
  it("computes net and a running closing balance exactly, filling empty months", () => {
    const months = monthlyCashflow({
      currency: "USD",
      from: "2026-01",
      to: "2026-03",
      balanceBefore: d("1000.10"),
      totals: [
        { month: "2026-01", inflow: d("0.20"), outflow: d("-0.10") },
        { month: "2026-03", inflow: d("500.0000"), outflow: d("-1200.35") },
      ],
    });
    expect(months.map((m) => [m.month, m.inflow.toDecimalString(), m.outflow.toDecimalString(), m.net.toDecimalString(), m.closingBalance.toDecimalString()])).toEqual([
      ["2026-01", "0.20", "0.10", "0.10", "1000.20"],
      ["2026-02", "0.00", "0.00", "0.00", "1000.20"],
      ["2026-03", "500.00", "1200.35", "-700.35", "299.85"],
    ]);
  });

  it("keeps confirmed transfers out of in/out/net, but in the balance", () => {
    const months = monthlyCashflow({
      currency: "USD",
      from: "2026-01",
      to: "2026-02",
      balanceBefore: d("100.00"),
      totals: [
        { month: "2026-01", inflow: d("50.00"), outflow: d("-20.00"), transfers: d("-500.00") },
        { month: "2026-02", inflow: d("0"), outflow: d("0"), transfers: d("500.00") },
      ],
    });
    expect(months.map((m) => [m.inflow.toDecimalString(), m.outflow.toDecimalString(), m.net.toDecimalString(), m.closingBalance.toDecimalString()])).toEqual([
      ["50.00", "20.00", "30.00", "-370.00"],
      ["0.00", "0.00", "0.00", "130.00"],
    ]);
  });

  it("keeps the currency's exponent (JPY has none)", () => {
    const [m] = monthlyCashflow({ currency: "JPY", from: "2026-01", to: "2026-01", balanceBefore: d("0"), totals: [{ month: "2026-01", inflow: d("1500"), outflow: d("-300") }] });
    expect(m!.net.toDecimalString()).toBe("1200");
    expect(m!.closingBalance.format("en-US")).toBe("¥1,200");
  });

  it("refuses amounts finer than the currency allows rather than rounding", () => {
    expect(() =>
      monthlyCashflow({ currency: "USD", from: "2026-01", to: "2026-01", balanceBefore: d("0"), totals: [{ month: "2026-01", inflow: d("0.001"), outflow: d("0") }] }),
    ).toThrow(/more than 2 decimal places/);
  });
});
