/**
 * A whole CSV statement → `ParsedStatement`: detect the layout on the text (or take a saved
 * one), read it with the same `CsvStatementReader` that streams large files, then put the rows
 * in chronological order and explain what was decided.
 */
import type { Decimal } from "../money.ts";
import { StatementParseError, type Explanation, type ParsedStatement, type ParseOptions, type StatementRow } from "../statement.ts";
import { detectCsvLayout } from "./detect.ts";
import type { CsvLayout } from "./layout.ts";
import { balancesContradictionStep, CsvStatementReader, readLeavesDoubt, type CsvReadResult, type CsvReaderOptions } from "./reader.ts";

export interface CsvParseOptions extends Pick<ParseOptions, "accountKind">, Pick<CsvReaderOptions, "today"> {
  /** A saved profile: overrides detection. */
  layout?: CsvLayout;
  /** How the bytes were decoded (recorded in the layout and the explain log). */
  encoding?: { name: string; evidence?: string };
}

/**
 * Rows in chronological order. Banks export oldest-first or newest-first; a newest-first file
 * is reversed as a whole, which also puts same-day rows back in the order the bank booked them.
 */
function chronological(rows: StatementRow[], read: CsvReadResult, warnings: string[]): StatementRow[] {
  if (read.outOfOrder) {
    warnings.push(
      `the dates are not in order (row ${read.outOfOrder.sourceRow} goes back to ${read.outOfOrder.date}); ` +
        `rows were kept in the file's ${read.fileOrder === "newest-first" ? "(reversed) " : ""}order`,
    );
  }
  return read.fileOrder === "newest-first" ? rows.reverse() : rows;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeSkipped(read: CsvReadResult): Explanation {
  const byReason = new Map<string, number>();
  for (const s of read.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const listed = [...byReason].map(([reason, n]) => `${n} ${reason}`).join(", ");
  return {
    step: "skipped rows",
    decision: `${plural(read.skippedCount, "line")} skipped, ${read.pendingCount} pending`,
    ...(listed ? { evidence: listed } : {}),
  };
}

export function parseCsvStatement(text: string, options: CsvParseOptions = {}): ParsedStatement {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const detection = options.layout
    ? undefined
    : detectCsvLayout(body, { ...(options.accountKind ? { accountKind: options.accountKind } : {}), ...(options.encoding ? { encoding: options.encoding } : {}) });
  const layout = options.layout ?? detection!.layout;
  const explain: Explanation[] = detection
    ? [...detection.explain]
    : [
        ...(options.encoding ? [{ step: "encoding", decision: options.encoding.name, ...(options.encoding.evidence ? { evidence: options.encoding.evidence } : {}) }] : []),
        { step: "layout", decision: "saved profile", evidence: layout.fingerprint },
      ];

  const reader = new CsvStatementReader(layout, {
    ...(options.accountKind ? { accountKind: options.accountKind } : {}),
    ...(detection?.referenceDate ? { referenceDate: detection.referenceDate } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  const rows = reader.push(body);
  const read = reader.finish();
  for (const row of read.rows) rows.push(row);

  if (rows.length === 0) {
    const skipped = read.skippedCount - read.skipped.filter((s) => s.sourceRow < layout.dataStartLine).length;
    const where = layout.headerLine !== null ? `the header is on line ${layout.headerLine}` : `the table starts on line ${layout.dataStartLine}`;
    throw new StatementParseError(
      `no transactions found: ${where} but no row below it has a date and an amount` +
        (skipped > 0 ? ` (${skipped} line${skipped === 1 ? " was" : "s were"} skipped)` : ""),
    );
  }

  const warnings = [...(detection?.warnings ?? []), ...read.warnings];
  const ordered = chronological(rows, read, warnings);
  explain.push(describeSkipped(read));
  if (read.outOfOrder) explain.push({ step: "file order", decision: "not sorted", evidence: `row ${read.outOfOrder.sourceRow} goes back to ${read.outOfOrder.date}` });
  if (read.nettedRows) {
    const { count, sourceRow, debit, credit, amount } = read.nettedRows;
    explain.push({
      step: "debit and credit",
      decision: `both filled on ${plural(count, "row")}: read as credit − debit`,
      evidence: `the running balance moves by exactly that${count === 1 ? "" : " on each"} (row ${sourceRow}: credit ${credit} − debit ${debit} = ${amount.toString()})`,
    });
  }
  if (read.unreadMoneyRows) {
    const { count, sourceRow, column, amount, before, balance } = read.unreadMoneyRows;
    explain.push({
      step: `column ${column}`,
      decision: `money on ${plural(count, "row")} whose other money columns are empty: read as money ${amount.isNegative() ? "out" : "in"}${count === 1 ? "" : " or out, as the balance moves"}`,
      evidence: `the running balance moves by exactly that${count === 1 ? "" : " on each"} (row ${sourceRow}: ${before.toString()} ${amount.isNegative() ? "−" : "+"} ${amount.abs().toString()} = ${balance.toString()})`,
    });
  }
  // Said once: the detector may have said it already, from the same rows.
  const saidByValueDate = explain.some((e) => e.step === "file order" && /by the value dates/.test(e.evidence ?? ""));
  if (read.listedByValueDate && !saidByValueDate) explain.push({ step: "file order", decision: "by the value date", evidence: "the rows are listed by their value (transaction) dates; their ledger (posting) dates go back and forth" });

  const balances: { openingBalance?: Decimal; closingBalance?: Decimal } = {
    ...(read.openingBalance ? { openingBalance: read.openingBalance } : {}),
    ...(read.closingBalance ? { closingBalance: read.closingBalance } : {}),
  };
  const contradiction = balancesContradictionStep(read);
  if (contradiction) explain.push(contradiction);
  const lowConfidence = detection?.confidence === "low" || readLeavesDoubt(read);
  return {
    format: "csv",
    rows: ordered,
    ...balances,
    ...(read.currency ? { currency: read.currency } : {}),
    ...(read.period ? { period: read.period } : {}),
    pending: read.pending,
    skipped: read.skipped,
    warnings,
    explain,
    confidence: lowConfidence ? "low" : "high",
    layout,
  };
}
