/**
 * The statement model every parser produces and the worker posts — the one contract between
 * the format parsers (CSV, OFX/QFX, QIF, CAMT.053, PDF) and everything downstream.
 * Amounts are signed from the account's point of view: negative = money leaving the business,
 * whatever the bank printed (credit-card exports are flipped by the parser, which says so).
 */
import type { CsvLayout } from "./csv/layout.ts";
import type { Decimal } from "./money.ts";

export type StatementFormat = "csv" | "pdf" | "ofx" | "qif" | "camt053" | "mt940";

/** What kind of account the file belongs to; decides the sign rule of card exports. */
export type AccountKind = "bank" | "credit-card";

export interface StatementRow {
  /** 1-based line (CSV, QIF), entry ordinal (OFX, CAMT) or line counted on through the pages
   *  (PDF) in the source file — unique within the file: with the statement id it keys the ledger
   *  row, which makes re-processing idempotent. */
  sourceRow: number;
  /** PDF only: the page the row starts on (1-based). */
  page?: number;
  /** ISO date, YYYY-MM-DD: the transaction (booking/posting) date. */
  date: string;
  /** ISO date when the file also gives a value/settlement date. */
  valueDate?: string;
  amount: Decimal;
  /** Everything the bank says about the row, joined (payee · memo · reference). */
  description: string;
  /** Counterparty/payee when the format separates it. */
  payee?: string;
  /** Running balance after this row, when the file gives one. */
  balance?: Decimal;
  /** ISO 4217 code when the row states its own currency. */
  currency?: string;
  /** The bank's own id for the row (OFX FITID, CAMT AcctSvcrRef/EndToEndId, a CSV reference
   *  column that is unique per row); duplicates are recognized by it when present. */
  bankId?: string;
  /** The bank's category label, when the export has one. */
  bankCategory?: string;
}

/** A line the parser deliberately did not turn into a ledger row, and why. Reported, never silent. */
export interface SkippedLine {
  sourceRow: number;
  page?: number;
  /**
   * `void`: the bank's own status says the row did not happen (declined, failed, cancelled,
   * reversed); `zero-amount`: a row of exactly 0.00 (a card check, a dividend of nothing), which
   * moves no money — both apart from `not-a-transaction`, so that a person reading the skipped
   * lines tells a row the bank voided from a line that was never a row.
   */
  reason: "pending" | "balance-line" | "summary" | "not-a-transaction" | "void" | "zero-amount" | "repeated-header" | "page-header-footer";
  text: string;
}

/** One decision the detector made, for `--explain` and the import preview. */
export interface Explanation {
  /** What was decided: "encoding", "delimiter", "header row", "column 3", "date order", "sign rule" … */
  step: string;
  /** The decision, in words: "Windows-1252", "';'", "line 4", "amount (signed)", "day-first" … */
  decision: string;
  /** Why, briefly: "47 of 47 dates valid only day-first (e.g. 23/04/2026)". */
  evidence?: string;
}

export interface ParsedStatement {
  format: StatementFormat;
  rows: StatementRow[];
  openingBalance?: Decimal;
  closingBalance?: Decimal;
  /** The opening balance is not stated but worked back from the closing one and the rows (OFX's LEDGERBAL): rows and balances then agree by construction. */
  openingDerived?: true;
  /** ISO 4217 code, when the file states one. */
  currency?: string;
  /** The period the statement says it covers (header/footer dates), when it says so. */
  period?: { from: string; to: string };
  /** Rows the bank lists but that are not (yet) transactions: pending/unposted. Not posted. */
  pending: StatementRow[];
  skipped: SkippedLine[];
  warnings: string[];
  /** How the file was read; always filled by detecting parsers. */
  explain: Explanation[];
  /** "high": post without asking. "low": show the detected mapping for confirmation first. */
  confidence: "high" | "low";
  /** CSV only: the column mapping the file was read with (data; a confirmed one is saved as a profile). */
  layout?: CsvLayout;
}

export interface ParseOptions {
  /** Decides the sign of card exports (charges positive in the file → negative in the ledger). */
  accountKind?: AccountKind;
  /** The file's name, used only as a hint (never to decide the format). */
  fileName?: string;
  /** Abort with a clear error instead of running past this time (Date.now() ms). PDFs check it per page. */
  deadline?: number;
  /** PDFs with more pages are refused. */
  maxPages?: number;
  /** CSV only: a mapping a person confirmed (a saved profile), used instead of detection. */
  csvLayout?: CsvLayout;
  /**
   * The bank account number set on the account the file is uploaded to, if any — in full where
   * the caller can read it, else its last four characters: of a file holding several accounts'
   * statements, the one account whose printed number it ends (account-match.ts) is read; without
   * one such a file is refused.
   */
  accountNumber?: string;
}

/** Where in the file a problem is, for messages like `row 7: …` or `page 2: …`. */
export interface SourceLocation {
  row?: number;
  page?: number;
}

/** A file that cannot be turned into rows. The message is for the user, specific. */
export class StatementParseError extends Error {
  constructor(
    readonly reason: string,
    readonly location: SourceLocation = {},
  ) {
    super(
      location.row !== undefined
        ? `row ${location.row}: ${reason}`
        : location.page !== undefined
          ? `page ${location.page}: ${reason}`
          : reason,
    );
    this.name = "StatementParseError";
  }
}

/**
 * A statement of a period without transactions (a quiet month of a savings account): it states
 * its period and the same balance at both ends. Posted with no rows, it keeps the account's
 * statement chain whole; without either, an empty file says nothing and is refused.
 */
export function isQuietPeriod(s: Pick<ParsedStatement, "period" | "openingBalance" | "closingBalance">): boolean {
  return s.period !== undefined && s.openingBalance !== undefined && s.closingBalance !== undefined && s.openingBalance.eq(s.closingBalance);
}

/**
 * A booked row of exactly 0.00 moves no money (a credit union's "DIVIDEND EARNED 0.00", a bank's
 * accrued-interest line): it is no ledger row, and is listed among the skipped lines as this.
 * The structured readers (OFX, QIF, CAMT.053, MT940) share it; the CSV reader skips such a row
 * with the same reason (zero-amount), quoting its cells. `what` names the row's kind in its format.
 */
export function zeroAmountLine(row: Pick<StatementRow, "sourceRow" | "date" | "description" | "payee">, what?: string): SkippedLine {
  const words = row.description.trim() || row.payee?.trim() || "(no description)";
  return { sourceRow: row.sourceRow, reason: "zero-amount", text: `0.00 on ${row.date}${what ? ` (${what})` : ""}, moves no money: ${words}` };
}
