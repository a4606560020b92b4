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
  /** Amounts applied since `base` (count, sum, and the one amount when there is one). */
  applied: { count: number; sum: Decimal; single?: Decimal };
  /** The row that gave `base` (undefined: the opening). */
  baseRow?: number;
}

function chainMessage(sourceRow: number, running: Running, found: Decimal, direction: "after" | "before"): string {
  const previous = running.baseRow === undefined ? "the opening balance" : "the previous balance";
  const since = running.baseRow === undefined ? "the opening" : `row ${running.baseRow}`;
  const applied =
    running.applied.count === 1
      ? `amount ${formatForMessage(running.applied.single!)}`
      : `${running.applied.count} amounts totalling ${formatForMessage(running.applied.sum)} since ${since}`;
  if (direction === "before") {
    return (
      `row ${sourceRow}: running balance ${formatForMessage(found)} does not lead to the next balance ` +
      `${formatForMessage(running.base)} (row ${running.baseRow}) by ${applied.replace(` since ${since}`, "")} (expected ${formatForMessage(running.value)})`
    );
  }
  return (
    `row ${sourceRow}: running balance ${formatForMessage(found)} does not follow from ` +
    `${previous} ${formatForMessage(running.base)} + ${applied} (expected ${formatForMessage(running.value)})`
  );
}

function unprovableReason(opening?: Decimal, closing?: Decimal): string {
  if (opening === undefined && closing === undefined) return "the file has no balances, so its total cannot be checked";
  const given = opening === undefined ? "a closing balance but no opening" : "an opening balance but no closing";
  return `the file gives ${given} or running balances, so its total cannot be checked`;
}

const NOTHING_APPLIED = () => ({ count: 0, sum: Decimal.ZERO });

/**
 * The balance proof, one row at a time, in constant memory (a 1 GB statement is checked as it
 * streams past). Rows come in file order: "ascending" (oldest first: each balance is the one
 * before plus the row's amount) or "descending" (newest first, as many banks export: each
 * balance minus its row's amount is the next row's balance). Rows without a balance are
 * allowed (some banks print one per day): the next balance must account for all amounts since.
 */
export class BalanceChainChecker {
  private running: Running | undefined;
  private broken: Extract<BalanceProof, { status: "broken" }> | undefined;
  private sawBalance = false;
  private total = Decimal.ZERO;
  private lastRow: number | undefined;
  /** Ascending: amounts before the first balance. Descending: the first balance seen (= closing). */
  private amountsBeforeAnchor = Decimal.ZERO;
  private firstBalance: Decimal | undefined;

  constructor(
    private readonly order: "ascending" | "descending" = "ascending",
    private readonly opening?: Decimal,
    private readonly closing?: Decimal,
  ) {
    const start = order === "ascending" ? opening : closing;
    if (start !== undefined) this.running = { value: start, base: start, applied: NOTHING_APPLIED() };
  }

  add(row: Pick<StatementRow, "sourceRow" | "amount" | "balance">): void {
    if (this.broken) return;
    if (row.balance !== undefined) this.sawBalance = true;
    this.total = this.total.add(row.amount);
    this.lastRow = row.sourceRow;
    if (this.order === "ascending") this.addAscending(row);
    else this.addDescending(row);
  }

  private addAscending(row: Pick<StatementRow, "sourceRow" | "amount" | "balance">): void {
    if (this.running) this.apply(row.amount);
    else this.amountsBeforeAnchor = this.amountsBeforeAnchor.add(row.amount);
    if (row.balance === undefined) return;
    if (this.running && !this.running.value.eq(row.balance)) {
      this.broken = {
        status: "broken",
        sourceRow: row.sourceRow,
        expected: this.running.value,
        found: row.balance,
        message: chainMessage(row.sourceRow, this.running, row.balance, "after"),
      };
      return;
    }
    if (!this.running) this.firstBalance = row.balance.sub(this.amountsBeforeAnchor); // the derived opening
    this.running = { value: row.balance, base: row.balance, applied: NOTHING_APPLIED(), baseRow: row.sourceRow };
  }

  // Newest first: `running.value` is the balance expected AFTER this (older) row, i.e. the
  // newer balance minus the amounts between.
  private addDescending(row: Pick<StatementRow, "sourceRow" | "amount" | "balance">): void {
    if (row.balance !== undefined) {
        if (this.running && !this.running.value.eq(row.balance)) {
        this.broken = {
          status: "broken",
          sourceRow: row.sourceRow,
          expected: this.running.value,
          found: row.balance,
          message: chainMessage(row.sourceRow, this.running, row.balance, this.running.baseRow === undefined ? "after" : "before"),
        };
        return;
      }
      if (!this.running) this.firstBalance = row.balance.add(this.amountsBeforeAnchor); // the derived closing
      this.running = { value: row.balance, base: row.balance, applied: NOTHING_APPLIED(), baseRow: row.sourceRow };
    }
    if (this.running) {
      this.running.value = this.running.value.sub(row.amount);
      this.running.applied = {
        count: this.running.applied.count + 1,
        sum: this.running.applied.sum.add(row.amount),
        single: this.running.applied.count === 0 ? row.amount : undefined,
      };
    } else {
      this.amountsBeforeAnchor = this.amountsBeforeAnchor.add(row.amount);
    }
  }

  private apply(amount: Decimal): void {
    const r = this.running!;
    r.value = r.value.add(amount);
    r.applied = { count: r.applied.count + 1, sum: r.applied.sum.add(amount), single: r.applied.count === 0 ? amount : undefined };
  }

  /**
   * The verdict. Balances the file states only at its end (a footer "Closing balance", or the
   * opening of a newest-first file) are passed here; those known up front, to the constructor.
   */
  result(stated: { opening?: Decimal; closing?: Decimal } = {}): BalanceProof {
    if (this.broken) return this.broken;
    const opening = this.opening ?? stated.opening;
    const closing = this.closing ?? stated.closing;
    let impliedOpening: Decimal;
    let impliedClosing: Decimal;
    if (!this.sawBalance && (opening === undefined || closing === undefined)) {
      return { status: "unprovable", reason: unprovableReason(opening, closing) };
    }
    if (!this.running) {
      // No running balance and nothing to start from: only the two totals can be compared.
      impliedOpening = opening!;
      impliedClosing = opening!.add(this.total);
    } else if (this.order === "ascending") {
      impliedOpening = this.opening ?? this.firstBalance!;
      impliedClosing = this.running.value;
    } else {
      impliedClosing = this.closing ?? this.firstBalance!;
      impliedOpening = this.running.value;
    }
    const where = this.lastRow !== undefined ? `row ${this.lastRow}: ` : "";
    const mismatch = (expected: Decimal, found: Decimal, message: string): BalanceProof => ({
      status: "broken",
      sourceRow: this.lastRow ?? 0,
      expected,
      found,
      message: where + message,
    });
    if (opening !== undefined && closing !== undefined && !closing.eq(opening.add(this.total))) {
      const sum = opening.add(this.total);
      return mismatch(
        sum,
        closing,
        `the closing balance ${formatForMessage(closing)} does not equal the opening balance ${formatForMessage(opening)} + ` +
          `the sum of amounts ${formatForMessage(this.total)} (= ${formatForMessage(sum)}); the difference is ${formatForMessage(closing.sub(sum))}`,
      );
    }
    if (opening !== undefined && !opening.eq(impliedOpening)) {
      return mismatch(
        impliedOpening,
        opening,
        `the opening balance ${formatForMessage(opening)} does not match the running balances, which imply ${formatForMessage(impliedOpening)}`,
      );
    }
    if (closing !== undefined && !closing.eq(impliedClosing)) {
      return mismatch(
        impliedClosing,
        closing,
        `the closing balance ${formatForMessage(closing)} does not equal the opening balance ${formatForMessage(impliedOpening)} + ` +
          `the sum of amounts ${formatForMessage(this.total)} (= ${formatForMessage(impliedClosing)}); ` +
          `the difference is ${formatForMessage(closing.sub(impliedClosing))}`,
      );
    }
    return { status: "proven", opening: impliedOpening, closing: impliedClosing };
  }
}

/**
 * Checks rows (in chronological order) against their running balances and against the
 * opening and closing balances when known.
 */
export function proveBalances(rows: readonly StatementRow[], opening?: Decimal, closing?: Decimal): BalanceProof {
  const checker = new BalanceChainChecker("ascending", opening, closing);
  for (const row of rows) checker.add(row);
  return checker.result();
}
