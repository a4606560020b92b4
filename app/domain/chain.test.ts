import { describe, expect, it } from "vitest";
import { checkStatementChain, type ChainStatement } from "./chain.ts";
import { Decimal } from "./money.ts";

const s = (id: string, periodStart: string, periodEnd: string, opening?: string, closing?: string): ChainStatement => ({
  id,
  fileName: `${id}.csv`,
  periodStart,
  periodEnd,
  ...(opening ? { openingBalance: Decimal.parse(opening) } : {}),
  ...(closing ? { closingBalance: Decimal.parse(closing) } : {}),
});

describe("checkStatementChain", () => {
  it("accepts consecutive statements whose balances follow on, in any upload order", () => {
    const list = [s("mar", "2026-03-01", "2026-03-31", "120.00", "80.00"), s("jan", "2026-01-01", "2026-01-31", "0.00", "100.00"), s("feb", "2026-02-01", "2026-02-28", "100.00", "120.00")];
    expect(checkStatementChain(list)).toEqual(new Map());
  });

  it("names the gap when an opening balance is not the previous closing balance", () => {
    const issues = checkStatementChain([s("jan", "2026-01-01", "2026-01-31", "0.00", "100.00"), s("mar", "2026-03-01", "2026-03-31", "120.00", "80.00")]);
    expect(issues.get("mar")).toBe(
      'its opening balance 120.00 is not the closing balance 100.00 of "jan.csv" (2026-01-31): 20.00 is unaccounted for — a statement or rows between them may be missing',
    );
    expect(issues.has("jan")).toBe(false);
  });

  it("flags overlapping periods", () => {
    const issues = checkStatementChain([s("a", "2026-01-01", "2026-01-31"), s("b", "2026-01-15", "2026-02-14")]);
    expect(issues.get("b")).toMatch(/^its period 2026-01-15 – 2026-02-14 overlaps "a.csv" \(2026-01-01 – 2026-01-31\)/);
    // Balances of overlapping statements are not compared: one's opening lies inside the other.
    const withBalances = checkStatementChain([s("a", "2026-01-01", "2026-01-31", "0.00", "100.00"), s("b", "2026-01-15", "2026-02-14", "40.00", "90.00")]);
    expect(withBalances.get("b")).not.toMatch(/unaccounted/);
  });

  it("says nothing where balances are unknown and periods do not overlap", () => {
    expect(checkStatementChain([s("a", "2026-01-01", "2026-01-31"), s("b", "2026-02-03", "2026-02-27", "5.00")])).toEqual(new Map());
    expect(checkStatementChain([])).toEqual(new Map());
  });
});
