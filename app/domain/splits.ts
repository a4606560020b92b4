/**
 * Splitting one ledger row into parts (e.g. a supplier payment that is part inventory, part
 * shipping): by fixed amounts, which must add up to the row exactly, or by percentages, which
 * must add up to 100 exactly. Exact decimals only; a percentage share is truncated toward
 * zero at the currency's minor unit and whatever that leaves goes to the last part, so the
 * parts always add up to the row and the same input always gives the same split. Pure.
 */
import { AppError } from "./errors.ts";
import { Decimal, Money, currencyExponent } from "./money.ts";

export const MAX_SPLIT_PARTS = 50;
const HUNDRED = Decimal.parse("100");

function checkCount(count: number): void {
  if (count < 2) throw new AppError("validation_failed", `a split needs at least 2 parts, not ${count}`);
  if (count > MAX_SPLIT_PARTS) throw new AppError("validation_failed", `a split has at most ${MAX_SPLIT_PARTS} parts, not ${count}`);
}

function readDecimal(value: Decimal | string, what: string): Decimal {
  if (value instanceof Decimal) return value;
  const parsed = Decimal.tryParse(value);
  if (parsed === null) throw new AppError("validation_failed", `${what}: "${value}" is not a decimal number`);
  return parsed;
}

/**
 * The row's amount as the given parts, each in the row's currency. Parts keep their own
 * signs (a refund inside a deposit is a negative part); none may be zero.
 */
export function splitByAmounts(total: Money, parts: readonly (Decimal | string)[]): Money[] {
  checkCount(parts.length);
  if (total.isZero()) throw new AppError("validation_failed", "a zero amount cannot be split");
  const exponent = currencyExponent(total.currency);
  const money = parts.map((part, index) => {
    const value = readDecimal(part, `part ${index + 1}`);
    if (value.significantScale() > exponent) {
      throw new AppError("validation_failed", `part ${index + 1}: ${value.toString()} has more than ${exponent} decimal places for ${total.currency}`);
    }
    if (value.isZero()) throw new AppError("validation_failed", `part ${index + 1} is zero`);
    return Money.of(value, total.currency);
  });
  const sum = Money.sum(money, total.currency);
  if (!sum.eq(total)) {
    // "Over" means further from zero than the row, whichever way the money moved.
    const gap = sum.sub(total);
    const over = gap.amount.sign() === total.amount.sign();
    throw new AppError(
      "validation_failed",
      `the parts add up to ${sum.toDecimalString()}, not the row's ${total.toDecimalString()} (${over ? "over" : "short"} by ${gap.abs().toDecimalString()})`,
    );
  }
  return money;
}

/**
 * The row's amount in shares of 100: every part but the last is `total × percent / 100`
 * truncated toward zero at the currency's minor unit; the last part is what is left.
 */
export function splitByPercentages(total: Money, percents: readonly (Decimal | string)[]): Money[] {
  checkCount(percents.length);
  if (total.isZero()) throw new AppError("validation_failed", "a zero amount cannot be split");
  const values = percents.map((p, index) => {
    const value = readDecimal(p, `part ${index + 1}`);
    if (value.sign() <= 0) throw new AppError("validation_failed", `part ${index + 1}: a percentage must be above 0, not ${value.toString()}`);
    if (value.cmp(HUNDRED) > 0) throw new AppError("validation_failed", `part ${index + 1}: a percentage cannot be above 100 (${value.toString()})`);
    return value;
  });
  const sum = Decimal.sum(values);
  if (!sum.eq(HUNDRED)) throw new AppError("validation_failed", `the percentages add up to ${sum.toString()}, not 100`);

  const exponent = currencyExponent(total.currency);
  const units = total.amount.rescale(exponent).units;
  const shares: Money[] = [];
  let allocated = 0n;
  for (const percent of values.slice(0, -1)) {
    // BigInt division truncates toward zero: the same rule for money in and money out.
    const share = (units * percent.units) / (100n * 10n ** BigInt(percent.scale));
    allocated += share;
    shares.push(Money.of(Decimal.fromUnits(share, exponent), total.currency));
  }
  shares.push(Money.of(Decimal.fromUnits(units - allocated, exponent), total.currency));
  return shares;
}
