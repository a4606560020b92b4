/**
 * A CSV layout: everything needed to read one bank's export, as plain JSON data. Detection
 * produces one; a user who confirms (or corrects) the mapping saves it as a profile, found
 * again by `layoutFingerprint` and passed back to the reader — a profile is data, not code.
 */
import type { DecimalSeparator } from "../amount.ts";
import type { DateOrder } from "../dates.ts";
import type { ColumnRole } from "./headers.ts";
import { normalizeHeaderName } from "./headers.ts";
import type { Delimiter } from "./records.ts";

export interface CsvColumn {
  /** 0-based position in the record. */
  index: number;
  role: ColumnRole;
  /** The header cell as printed, when there is a header. */
  name?: string;
  /** Money columns (amount, debit, credit, balance): decided from the whole column. */
  decimalSeparator?: DecimalSeparator;
  /** Reference columns: true when every row has its own value, so it can serve as the bank's id. */
  unique?: boolean;
  /**
   * Balance columns: the balance before the row's amount, not after it (de Volksbank's "saldo
   * vóór mutatie"): a row's balance and amount make the next row's balance.
   */
  before?: boolean;
  /**
   * Balance columns: the account's balance when the file was exported, repeated on every row
   * (KBC's "Saldo"), not a running balance: read once, as a balance the file states without a date.
   */
  current?: boolean;
  /** Text columns: every value is wrapped in single quotes ('BEA, Betaalpas …', de Volksbank), which are no part of the text. */
  quoted?: boolean;
  /**
   * Text columns: words every value begins with (U.S. Bank's memo "Download from usbank.com. …"),
   * the bank's stamp rather than the row's words: left out of the description.
   */
  stamp?: string;
}

/** How amounts become ledger amounts (money out negative). */
export type SignRule =
  /** The file's signs are the ledger's (bank accounts; debit/credit column pairs; direction columns). */
  | "as-printed"
  /** Card exports with charges positive: every amount is negated. */
  | "inverted"
  /**
   * Only money in is marked (`8,500.00 CR`; Emirates NBD's card export, South African banks):
   * the bare amounts are money out. Whatever the rule, a CR or DR on an amount is its sign.
   */
  | "credits-marked";

export interface CsvLayout {
  version: 1;
  /** The encoding the bytes were decoded with (informational; the reader gets text). */
  encoding?: string;
  delimiter: Delimiter;
  /** 1-based physical line of the header row; null for files without one. */
  headerLine: number | null;
  /** The header cells as printed (for the fingerprint and repeated-header detection). */
  headerCells?: string[];
  /** Lines before this are preamble: read for facts (period, balances, currency), never as rows. */
  dataStartLine: number;
  /** Number of fields of a table row. */
  fieldCount: number;
  columns: CsvColumn[];
  /** How numeric day/month dates are read; ISO and month-name dates are unambiguous anyway. */
  dateOrder: DateOrder;
  sign: SignRule;
  /** Marker values of the direction column, when amounts are unsigned and a column says which way. */
  directionValues?: { debit: string[]; credit: string[] };
  /** A file of "key: value" blocks, one per record (blocks.ts), read as a table of these keys. */
  blocks?: { keys: string[] };
  /** Cells carry Excel's text marker, a leading `'` ('02/01, '0000), which is not part of their text. */
  textMarker?: boolean;
  /** Currency named by a money column's header (`Amount (EUR)`). */
  headerCurrency?: string;
  /**
   * Two party columns (the old VR export's "Auftraggeber/Zahlungsempfänger" and "Empfänger/
   * Zahlungspflichtiger"), one of them the account's holder on each row: the holder's name, left
   * out of the rows' text; the other party is the payee.
   */
  accountHolder?: string;
  /** Order of the rows in the file, as detected (the reader re-checks it). */
  fileOrder: "oldest-first" | "newest-first" | "unknown";
  /** `layoutFingerprint` of this layout's header (or column shape). */
  fingerprint: string;
}

export function columnOf(layout: CsvLayout, role: ColumnRole): CsvColumn | undefined {
  return layout.columns.find((c) => c.role === role);
}

/** What identifies an export layout: its header cells, or for files without one, the kinds of its columns. */
export type FingerprintSource =
  | { delimiter: string; headerCells: readonly string[] }
  | { delimiter: string; columnShape: readonly string[] };

/** 64-bit FNV-1a, hex: stable across runs and platforms, no dependencies. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, "0");
}

/**
 * A stable hash of the normalized header cells and the delimiter (`Buchungstag;Betrag (EUR)`
 * and `buchungstag ; betrag` are the same layout), or of the column shape
 * (`["date","money","text"]`) for files without a header.
 */
export function layoutFingerprint(source: FingerprintSource): string {
  const body =
    "headerCells" in source
      ? `h:${source.headerCells.map((c) => normalizeHeaderName(c)).join("\u001f")}`
      : `s:${source.columnShape.join("\u001f")}`;
  return `csv1-${fnv1a64(`${source.delimiter}\u001e${body}`)}`;
}
