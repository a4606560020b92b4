/**
 * The statement row model every parser produces and the worker posts.
 * Amounts are signed from the account's point of view: negative = money leaving it.
 */
import type { Decimal } from "./money.ts";

export type StatementFormat = "csv" | "pdf";

export interface StatementRow {
  /** 1-based line (CSV) or row ordinal (other formats) in the source file; with the
   *  statement id it identifies the row, which is what makes re-processing idempotent. */
  sourceRow: number;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  amount: Decimal;
  description: string;
  /** Running balance after this row, when the file gives one. */
  balance?: Decimal;
}

export interface ParsedStatement {
  format: StatementFormat;
  rows: StatementRow[];
  openingBalance?: Decimal;
  closingBalance?: Decimal;
  /** ISO 4217 code, when the file states one. */
  currency?: string;
  warnings: string[];
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
