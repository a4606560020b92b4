/**
 * The balance proof: do a statement's rows account for its balances? A file that passes has
 * no missing, duplicated or misread rows between its first and last balance; one that fails
 * names the first row where the money stops adding up. Exact Decimal arithmetic only.
 */
import { Decimal } from "./money.ts";
import type { StatementRow } from "./statement.ts";

export type BalanceProof =
  | { status: "proven"; opening: Decimal; closing: Decimal }
  | { status: "unprovable"; reason: string }
  | { status: "broken"; sourceRow: number; expected: Decimal; found: Decimal; message: string };

/** `1234.5` → `1,234.50`: grouped, at least two decimals, for messages people read. */
export function formatForMessage(value: Decimal): string {
  const text = value.scale < 2 ? value.rescale(2).toString() : value.toString();
  const negative = text.startsWith("-");
  const [whole, fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}.${fraction}`;
}

/** The running balance as rows are applied, remembering what the last check was based on. */
interface Running {
  value: Decimal;
  /** The balance (given or opening) the current value was built from. */
  base: Decimal;
  /** Amounts applied since `base`, and the row that gave `base` (undefined: the opening). */
  amounts: Decimal[];
  baseRow?: number;
}

function chainMessage(row: StatementRow, running: Running, found: Decimal): string {
  const previous = running.baseRow === undefined ? "the opening balance" : "the previous balance";
  const since = running.baseRow === undefined ? "the opening" : `row ${running.baseRow}`;
  const applied =
    running.amounts.length === 1
      ? `amount ${formatForMessage(running.amounts[0])}`
      : `${running.amounts.length} amounts totalling ${formatForMessage(Decimal.sum(running.amounts))} since ${since}`;
  return (
    `row ${row.sourceRow}: running balance ${formatForMessage(found)} does not follow from ` +
    `${previous} ${formatForMessage(running.base)} + ${applied} (expected ${formatForMessage(running.value)})`
  );
}

function unprovableReason(opening?: Decimal, closing?: Decimal): string {
  if (opening === undefined && closing === undefined) return "the file has no balances, so its total cannot be checked";
  const given = opening === undefined ? "a closing balance but no opening" : "an opening balance but no closing";
  return `the file gives ${given} or running balances, so its total cannot be checked`;
}

/**
 * Checks rows (in chronological order) against their running balances and against the
 * opening and closing balances when known. Rows without a balance are allowed (some banks
 * print one per day): the next balance must then account for all amounts since the last one.
 */
export function proveBalances(rows: readonly StatementRow[], opening?: Decimal, closing?: Decimal): BalanceProof {
  const hasRunningBalances = rows.some((r) => r.balance !== undefined);
  if (!hasRunningBalances && (opening === undefined || closing === undefined)) {
    return { status: "unprovable", reason: unprovableReason(opening, closing) };
  }

  let running: Running | undefined =
    opening === undefined ? undefined : { value: opening, base: opening, amounts: [] };
  // Without an opening balance, the first running balance anchors the chain; the opening is
  // then whatever it was before the rows leading up to it.
  let derivedOpening = opening;
  let amountsBeforeAnchor = Decimal.ZERO;

  for (const row of rows) {
    if (running) {
      running.value = running.value.add(row.amount);
      running.amounts.push(row.amount);
    } else {
      amountsBeforeAnchor = amountsBeforeAnchor.add(row.amount);
    }
    if (row.balance === undefined) continue;
    if (running && !running.value.eq(row.balance)) {
      return {
        status: "broken",
        sourceRow: row.sourceRow,
        expected: running.value,
        found: row.balance,
        message: chainMessage(row, running, row.balance),
      };
    }
    if (!running) derivedOpening = row.balance.sub(amountsBeforeAnchor);
    running = { value: row.balance, base: row.balance, amounts: [], baseRow: row.sourceRow };
  }

  // Here `running` is set: either an opening was given or some row had a balance.
  const computedClosing = running!.value;
  if (closing !== undefined && !computedClosing.eq(closing)) {
    const last = rows[rows.length - 1];
    const total = Decimal.sum(rows.map((r) => r.amount));
    const difference = closing.sub(computedClosing);
    return {
      status: "broken",
      sourceRow: last?.sourceRow ?? 0,
      expected: computedClosing,
      found: closing,
      message:
        `${last ? `row ${last.sourceRow}: ` : ""}the closing balance ${formatForMessage(closing)} does not equal ` +
        `the opening balance ${formatForMessage(derivedOpening!)} + the sum of amounts ${formatForMessage(total)} ` +
        `(= ${formatForMessage(computedClosing)}); the difference is ${formatForMessage(difference)}`,
    };
  }
  return { status: "proven", opening: derivedOpening!, closing: computedClosing };
}
