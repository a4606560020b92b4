/**
 * Cash-flow aggregation: per-month money in, money out, net and closing balance.
 * Inflow and outflow are magnitudes (both ≥ 0); net = inflow − outflow.
 */
import { Decimal, Money } from "./money.ts";

export interface MonthTotals {
  /** 'YYYY-MM' */
  month: string;
  /** Sum of positive amounts. */
  inflow: Decimal;
  /** Sum of negative amounts (≤ 0, as stored). */
  outflow: Decimal;
  /**
   * Net of confirmed transfers between the organisation's own accounts (signed). Not money in
   * or out of the business, so not in inflow/outflow/net — but an account's balance moves.
   */
  transfers?: Decimal;
}

export interface CashflowMonth {
  month: string;
  inflow: Money;
  outflow: Money;
  net: Money;
  closingBalance: Money;
}

/** Every month from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * `balanceBefore` is the account balance at the start of the first month (opening balance
 * plus everything posted earlier). Months without transactions appear with zeros, so a
 * chart's x-axis has no gaps.
 */
export function monthlyCashflow(input: {
  currency: string;
  from: string;
  to: string;
  balanceBefore: Decimal;
  totals: MonthTotals[];
}): CashflowMonth[] {
  const byMonth = new Map(input.totals.map((t) => [t.month, t]));
  let balance = Money.of(input.balanceBefore, input.currency);
  return monthsBetween(input.from, input.to).map((month) => {
    const t = byMonth.get(month);
    const inflow = Money.of(t?.inflow ?? Decimal.ZERO, input.currency);
    const outflow = Money.of(t?.outflow ?? Decimal.ZERO, input.currency).abs();
    const net = inflow.sub(outflow);
    balance = balance.add(net).add(Money.of(t?.transfers ?? Decimal.ZERO, input.currency));
    return { month, inflow, outflow, net, closingBalance: balance };
  });
}
