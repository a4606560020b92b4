/**
 * The one CSV writer for everything the product writes (ledger and audit exports): RFC 4180
 * quoting, CRLF line ends, and formula-injection neutralization (OWASP): a text cell that a
 * spreadsheet would run as a formula — starting with = + - @, a tab or a carriage return —
 * gets a leading single quote. Numbers the product itself writes (amounts, counts) are
 * declared as numbers and stay numeric: "-12.50" must open as minus twelve fifty, not as text.
 * Pure.
 */
import { Decimal } from "./money.ts";

/** A cell: text (neutralized), or a number the product wrote (checked to be one). */
export type CsvCell = string | null | undefined | Decimal | number | bigint | { readonly number: string };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Declares a string as a number the product wrote (e.g. a Money's decimal string). */
export function numberCell(value: string): { readonly number: string } {
  return { number: value };
}

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Decimal) return numeric(cell.toString());
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new RangeError(`not a number a CSV can hold: ${cell}`);
    return numeric(String(cell));
  }
  if (typeof cell === "bigint") return numeric(cell.toString());
  if (typeof cell === "object") return numeric(cell.number);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function numeric(text: string): string {
  // A declared number that is not one would reach the sheet unneutralized: refuse it.
  if (!NUMERIC.test(text)) throw new RangeError(`not a plain decimal number: ${JSON.stringify(text)}`);
  return text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
