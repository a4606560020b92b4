/**
 * CSV bank statements → `ParsedStatement`. Header-based: the columns are found by name
 * (English and common German/French/Dutch/Spanish), after any preamble lines the bank puts
 * above the table. Pure: text in, rows out.
 *
 * A file either parses completely or fails with a `StatementParseError` naming the row and
 * the reason — a statement imported with a silently dropped row is worse than none.
 */
import Papa from "papaparse";
import { inferDecimalSeparator, parseAmount, type DecimalSeparator } from "./amount.ts";
import { describeDateOrder, detectDateOrder, parseDate, type DateOrder } from "./dates.ts";
import { Decimal, isCurrencyCode } from "./money.ts";
import { StatementParseError, type ParsedStatement, type StatementRow } from "./statement.ts";

/** The header must be within this many lines; beyond that it's not a statement we know. */
const HEADER_SEARCH_LINES = 30;
const DELIMITERS = [",", ";", "\t", "|"] as const;
const DESCRIPTION_JOINER = " · ";

type Role = "date" | "valueDate" | "description" | "amount" | "debit" | "credit" | "balance" | "currency";

// Normalized header names (lowercase, accents stripped, "(EUR)"-style suffixes removed).
const HEADER_NAMES: Record<Role, readonly string[]> = {
  date: [
    "date", "transaction date", "trans date", "trans. date", "txn date", "posting date", "post date", "posted date",
    "date posted", "completed date", "booking date", "datum", "buchungstag", "buchungsdatum", "date operation",
    "date d'operation", "date de l'operation", "fecha", "fecha operacion", "fecha de operacion", "transactiedatum",
    "boekingsdatum",
  ],
  // Only used when there is no transaction/booking date column.
  valueDate: ["value date", "valuta", "valutadatum", "wertstellung", "date valeur", "date de valeur", "fecha valor", "rentedatum"],
  description: [
    "description", "details", "memo", "payee", "narrative", "name", "reference", "transaction details",
    "transaction description", "counter party", "counterparty", "verwendungszweck", "buchungstext", "beschreibung",
    "libelle", "libelle operation", "omschrijving", "naam / omschrijving", "naam/omschrijving", "mededelingen",
    "concepto", "descripcion",
  ],
  amount: ["amount", "value", "transaction amount", "betrag", "umsatz", "montant", "bedrag", "importe"],
  debit: ["debit", "debits", "debit amount", "withdrawal", "withdrawals", "money out", "paid out", "soll", "cargo"],
  credit: ["credit", "credits", "credit amount", "deposit", "deposits", "money in", "paid in", "haben", "abono"],
  balance: ["balance", "running balance", "saldo", "solde", "kontostand"],
  currency: ["currency", "wahrung", "waehrung", "devise", "moneda", "munt", "ccy"],
};

const ROLE_BY_NAME = new Map<string, Role>(
  (Object.entries(HEADER_NAMES) as [Role, readonly string[]][]).flatMap(([role, names]) =>
    names.map((name) => [name, role] as [string, Role]),
  ),
);

/** Rows that summarize rather than transact: skipped (with a warning) instead of failing. */
const SUMMARY_PHRASES = [
  "opening", "closing", "ending balance", "beginning balance", "starting balance", "brought forward",
  "carried forward", "b/f", "c/f", "total", "totals", "subtotal", "summe", "saldo", "solde", "anfangssaldo",
  "endsaldo", "kontostand",
];
// Whole words only: "Totally Fresh Ltd" is a payee, not a total.
const SUMMARY_WORDS = new RegExp(`(?:^|[^\\p{L}])(?:${SUMMARY_PHRASES.join("|")})(?!\\p{L})`, "iu");

/** One CSV record and the physical line it starts on (what users see in their editor). */
interface SourceRecord {
  line: number;
  cells: string[];
  quoteProblem?: string;
}

interface HeaderCell {
  role?: Role;
  /** ISO code from a header like `Amount (EUR)`. */
  currency?: string;
}

interface Header {
  delimiter: string;
  record: SourceRecord;
  cells: HeaderCell[];
}

interface Columns {
  date: number;
  descriptions: number[];
  amount?: number;
  debit?: number;
  credit?: number;
  balance?: number;
  currency?: number;
  headerCurrency?: string;
}

type AmountColumn = "amount" | "debit" | "credit" | "balance";

// ---------------------------------------------------------------------------------------
// Reading records

/** Counts line breaks in text[from, to); text has been normalized to `\n` line endings. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * All records with their starting line numbers. papaparse handles quoting (including
 * newlines inside quoted fields); its cursor tells where each record ends, so the next
 * record's line is one plus the line breaks before it.
 */
function readRecords(text: string, delimiter: string, maxRecords = 0): SourceRecord[] {
  const records: SourceRecord[] = [];
  let start = 0;
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    preview: maxRecords,
    skipEmptyLines: false,
    step: (result) => {
      line += countLineBreaks(text, counted, start);
      counted = start;
      const quoteError = result.errors.find((e) => e.code === "MissingQuotes" || e.code === "InvalidQuotes");
      records.push({
        line,
        cells: result.data,
        ...(quoteError
          ? { quoteProblem: quoteError.code === "MissingQuotes" ? "a quoted field is never closed" : "a field has misplaced quotes" }
          : {}),
      });
      start = result.meta.cursor;
    },
  });
  return records;
}

function isBlank(record: SourceRecord): boolean {
  return record.cells.every((c) => c.trim() === "");
}

// ---------------------------------------------------------------------------------------
// Finding the header

function normalizeHeaderName(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[:.]$/, "")
    .trim();
}

function classifyHeaderCell(cell: string): HeaderCell {
  const role = ROLE_BY_NAME.get(normalizeHeaderName(cell));
  const code = /\(\s*([A-Za-z]{3})\s*\)\s*$/.exec(cell)?.[1]?.toUpperCase();
  return { ...(role ? { role } : {}), ...(code && role && role !== "currency" ? { currency: code } : {}) };
}

function rolesOf(cells: HeaderCell[]): Set<Role> {
  return new Set(cells.flatMap((c) => (c.role ? [c.role] : [])));
}

function isComplete(roles: Set<Role>): boolean {
  const hasDate = roles.has("date") || roles.has("valueDate");
  return hasDate && (roles.has("amount") || (roles.has("debit") && roles.has("credit")));
}

/** The first record within the search window that names at least two known columns. */
function findHeaderWith(text: string, delimiter: string): Header | undefined {
  for (const record of readRecords(text, delimiter, HEADER_SEARCH_LINES)) {
    if (record.line > HEADER_SEARCH_LINES) break;
    const cells = record.cells.map(classifyHeaderCell);
    if (rolesOf(cells).size >= 2) return { delimiter, record, cells };
  }
  return undefined;
}

/**
 * The delimiter is whichever one makes a header appear: more reliable than papaparse's
 * guess, which is thrown off by preamble lines with a different number of fields.
 */
function findHeader(text: string): Header {
  let best: { header: Header; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const header = findHeaderWith(text, delimiter);
    if (!header) continue;
    const roles = rolesOf(header.cells);
    const score = (isComplete(roles) ? 1000 : 0) + roles.size * 10 - Math.min(header.record.line, 9);
    if (!best || score > best.score) best = { header, score };
  }
  if (!best) {
    throw new StatementParseError(
      `no header row found in the first ${HEADER_SEARCH_LINES} lines: expected column names such as ` +
        `Date, Description and Amount (or Debit and Credit)`,
    );
  }
  return best.header;
}

const ROLE_LABEL: Record<Role, string> = {
  date: "date",
  valueDate: "value date",
  description: "description",
  amount: "amount",
  debit: "debit",
  credit: "credit",
  balance: "balance",
  currency: "currency",
};

/** `date ("Datum"), description ("Text", "Memo")` — the recognized columns, by role. */
function describeFound(header: Header): string {
  const byRole = new Map<Role, string[]>();
  header.cells.forEach((c, i) => {
    if (c.role) byRole.set(c.role, [...(byRole.get(c.role) ?? []), `"${header.record.cells[i].trim()}"`]);
  });
  return [...byRole].map(([role, names]) => `${ROLE_LABEL[role]} (${names.join(", ")})`).join(", ");
}

/** Column positions by role; a header without a date or without amounts is an error. */
function mapColumns(header: Header): Columns {
  const first = (role: Role) => {
    const i = header.cells.findIndex((c) => c.role === role);
    return i < 0 ? undefined : i;
  };
  const date = first("date") ?? first("valueDate");
  const amount = first("amount");
  const debit = first("debit");
  const credit = first("credit");

  const missing: string[] = [];
  if (date === undefined) missing.push("date column (expected Date, Transaction Date, Posting Date …)");
  if (amount === undefined && (debit === undefined || credit === undefined)) {
    missing.push(
      debit !== undefined
        ? "credit column to go with the debit column (or a single Amount column)"
        : credit !== undefined
          ? "debit column to go with the credit column (or a single Amount column)"
          : "amount column (expected Amount, or Debit and Credit)",
    );
  }
  if (missing.length > 0) {
    throw new StatementParseError(
      `the header row has columns for ${describeFound(header)} but no ${missing.join(" and no ")}`,
      { row: header.record.line },
    );
  }

  const moneyColumns = amount !== undefined ? [amount] : [debit!, credit!];
  const headerCurrency = moneyColumns.map((i) => header.cells[i].currency).find((c) => c !== undefined);
  const balance = first("balance");
  const currency = first("currency");
  return {
    date: date!,
    descriptions: header.cells.flatMap((c, i) => (c.role === "description" ? [i] : [])),
    ...(amount !== undefined ? { amount } : { debit, credit }),
    ...(balance !== undefined ? { balance } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(headerCurrency ? { headerCurrency } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// File-wide conventions

function cell(record: SourceRecord, index: number | undefined): string {
  return index === undefined ? "" : (record.cells[index] ?? "").trim();
}

/**
 * Decimal separator per money column, from that column's own values; a column that never
 * shows (e.g. only whole numbers like `1,234`) follows the rest of the file, and a file that
 * never shows follows its delimiter: semicolon files come from comma-decimal locales.
 */
function decideSeparators(
  records: SourceRecord[],
  columns: Columns,
  delimiter: string,
): Record<AmountColumn, DecimalSeparator> {
  const kinds: AmountColumn[] = ["amount", "debit", "credit", "balance"];
  const valuesOf = (kind: AmountColumn) => records.map((r) => cell(r, columns[kind])).filter((v) => v !== "");
  const fileWide =
    inferDecimalSeparator(kinds.flatMap(valuesOf)) ?? (delimiter === ";" ? "," : ".");
  return Object.fromEntries(kinds.map((k) => [k, inferDecimalSeparator(valuesOf(k)) ?? fileWide])) as Record<
    AmountColumn,
    DecimalSeparator
  >;
}

// ---------------------------------------------------------------------------------------
// Rows

interface Context {
  columns: Columns;
  separators: Record<AmountColumn, DecimalSeparator>;
  dateOrder: DateOrder;
  warnings: string[];
}

function readMoney(record: SourceRecord, ctx: Context, kind: AmountColumn): Decimal | undefined {
  const text = cell(record, ctx.columns[kind]);
  if (text === "") return undefined;
  const value = parseAmount(text, { decimalSeparator: ctx.separators[kind] });
  if (value === null) throw new StatementParseError(`cannot read the ${kind} "${text}"`, { row: record.line });
  return value;
}

/** The signed amount: one signed column, or debit (always out) and credit (always in). */
function readSignedAmount(record: SourceRecord, ctx: Context): Decimal {
  if (ctx.columns.amount !== undefined) return readMoney(record, ctx, "amount")!;
  const debit = readMoney(record, ctx, "debit");
  const credit = readMoney(record, ctx, "credit");
  if (debit && credit && !debit.isZero() && !credit.isZero()) {
    throw new StatementParseError(
      `both debit "${cell(record, ctx.columns.debit)}" and credit "${cell(record, ctx.columns.credit)}" are filled in`,
      { row: record.line },
    );
  }
  if (debit && !debit.isZero()) return debit.abs().neg();
  if (credit) return credit.abs();
  return debit ?? Decimal.ZERO;
}

function hasAmount(record: SourceRecord, columns: Columns): boolean {
  const indexes = columns.amount !== undefined ? [columns.amount] : [columns.debit, columns.credit];
  return indexes.some((i) => cell(record, i) !== "");
}

function describeDescription(record: SourceRecord, columns: Columns): string {
  const parts: string[] = [];
  for (const i of columns.descriptions) {
    const text = cell(record, i).replace(/\s+/g, " ");
    if (text !== "" && !parts.includes(text)) parts.push(text);
  }
  return parts.join(DESCRIPTION_JOINER);
}

/** The non-empty cells of a row, shortened, to quote in a warning. */
function quoteRow(record: SourceRecord): string {
  const text = record.cells.map((c) => c.trim().replace(/\s+/g, " ")).filter((c) => c !== "").join(", ");
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", "£": "GBP" };

function readCurrency(record: SourceRecord, columns: Columns): string | undefined {
  const text = cell(record, columns.currency);
  if (text === "") return undefined;
  const code = CURRENCY_SYMBOLS[text] ?? text.toUpperCase();
  if (!isCurrencyCode(code)) throw new StatementParseError(`cannot read the currency "${text}"`, { row: record.line });
  return code;
}

/** Words of a balance or total line, which has no transaction of its own. */
function mentionsSummary(record: SourceRecord, except?: number): boolean {
  return SUMMARY_WORDS.test(record.cells.filter((_, i) => i !== except).join(" "));
}

function describeExpectedDate(text: string, order: DateOrder): string {
  return /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/.test(text) ? ` (dates in this file are ${describeDateOrder(order)})` : "";
}

/** One record → a row, or null when it is a skippable non-transaction line (warned). */
function readRow(record: SourceRecord, ctx: Context): StatementRow | null {
  const { columns } = ctx;
  const dateText = cell(record, columns.date);
  const skip = (why: string) => {
    ctx.warnings.push(`row ${record.line} skipped: ${why} ("${quoteRow(record)}")`);
    return null;
  };

  // A date cell without digits is empty or holds words ("Closing balance"), never a date.
  const dateIsWords = !/\d/.test(dateText);

  if (!hasAmount(record, columns)) {
    if (dateIsWords) return skip("no date or amount");
    const date = parseDate(dateText, ctx.dateOrder);
    if (date === null) {
      throw new StatementParseError(`cannot read the date "${dateText}"${describeExpectedDate(dateText, ctx.dateOrder)}`, {
        row: record.line,
      });
    }
    if (mentionsSummary(record, columns.date)) return skip("a balance line, not a transaction");
    throw new StatementParseError(`there is a date but no amount`, { row: record.line });
  }

  if (dateIsWords && mentionsSummary(record)) return skip("a total or balance line, not a transaction");
  if (dateText === "") throw new StatementParseError(`there is an amount but no date`, { row: record.line });
  const date = parseDate(dateText, ctx.dateOrder);
  if (date === null) {
    throw new StatementParseError(
      `cannot read the date "${dateText}"${describeExpectedDate(dateText, ctx.dateOrder)}`,
      { row: record.line },
    );
  }
  const amount = readSignedAmount(record, ctx);
  const balance = readMoney(record, ctx, "balance");
  return {
    sourceRow: record.line,
    date,
    amount,
    description: describeDescription(record, columns),
    ...(balance !== undefined ? { balance } : {}),
  };
}

/** One currency for the whole statement, or an error naming the first row that differs. */
function decideCurrency(records: SourceRecord[], columns: Columns): string | undefined {
  let seen: { code: string; row?: number } | undefined = columns.headerCurrency
    ? { code: columns.headerCurrency }
    : undefined;
  if (columns.currency === undefined) return seen?.code;
  for (const record of records) {
    const code = readCurrency(record, columns);
    if (code === undefined) continue;
    if (!seen) seen = { code, row: record.line };
    else if (seen.code !== code) {
      const where = seen.row === undefined ? "the header says" : `row ${seen.row} is in`;
      throw new StatementParseError(
        `this statement mixes currencies (${where} ${seen.code}, this row is in ${code}); upload one file per currency`,
        { row: record.line },
      );
    }
  }
  return seen?.code;
}

// ---------------------------------------------------------------------------------------
// Order and balances

/** True if, read in this order, every pair of adjacent balances follows from the amount. */
function balancesChain(rows: StatementRow[]): boolean {
  let pairs = 0;
  for (let i = 1; i < rows.length; i++) {
    const [prev, cur] = [rows[i - 1], rows[i]];
    if (prev.balance === undefined || cur.balance === undefined) continue;
    pairs++;
    if (!prev.balance.add(cur.amount).eq(cur.balance)) return false;
  }
  return pairs > 0;
}

/**
 * Rows in chronological order. Banks export oldest-first or newest-first; a newest-first
 * file is reversed as a whole, which also puts same-day rows back in the order the bank
 * booked them. If every row has the same date, the running balance tells the direction.
 */
function chronological(rows: StatementRow[], warnings: string[]): StatementRow[] {
  let ascending = true;
  let descending = true;
  let firstBackward: StatementRow | undefined;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].date < rows[i - 1].date) {
      ascending = false;
      firstBackward ??= rows[i];
    }
    if (rows[i].date > rows[i - 1].date) descending = false;
  }
  const reversed = () => [...rows].reverse();
  if (ascending && descending) return !balancesChain(rows) && balancesChain(reversed()) ? reversed() : rows;
  if (ascending) return rows;
  if (descending) return reversed();

  const newestFirst = rows[0].date > rows[rows.length - 1].date;
  warnings.push(
    `the dates are not in order (row ${firstBackward!.sourceRow} goes back to ${firstBackward!.date}); ` +
      `rows were kept in the file's ${newestFirst ? "(reversed) " : ""}order`,
  );
  return newestFirst ? reversed() : rows;
}

/**
 * Opening and closing balances implied by the running balances: the opening is the first
 * balance before the rows that led to it, the closing the last balance plus anything after.
 */
function impliedBalances(rows: StatementRow[]): { openingBalance?: Decimal; closingBalance?: Decimal } {
  const first = rows.findIndex((r) => r.balance !== undefined);
  if (first < 0) return {};
  const last = rows.findLastIndex((r) => r.balance !== undefined);
  const before = Decimal.sum(rows.slice(0, first + 1).map((r) => r.amount));
  const after = Decimal.sum(rows.slice(last + 1).map((r) => r.amount));
  return {
    openingBalance: rows[first].balance!.sub(before),
    closingBalance: rows[last].balance!.add(after),
  };
}

// ---------------------------------------------------------------------------------------

export function parseCsvStatement(text: string): ParsedStatement {
  // One line-ending convention keeps papaparse's line splitting and our line numbers aligned.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const header = findHeader(normalized);
  const columns = mapColumns(header);

  const all = readRecords(normalized, header.delimiter);
  const headerIndex = all.findIndex((r) => r.line === header.record.line);
  const records = all.slice(headerIndex + 1).filter((r) => !isBlank(r));
  const broken = records.find((r) => r.quoteProblem);
  if (broken) throw new StatementParseError(broken.quoteProblem!, { row: broken.line });

  const warnings: string[] = [];
  const dateDecision = detectDateOrder(records.map((r) => cell(r, columns.date)));
  if (dateDecision.warning) warnings.push(dateDecision.warning);
  const ctx: Context = {
    columns,
    separators: decideSeparators(records, columns, header.delimiter),
    dateOrder: dateDecision.order,
    warnings,
  };

  const fileRows = records.map((r) => readRow(r, ctx)).filter((r): r is StatementRow => r !== null);
  if (fileRows.length === 0) {
    const skipped = warnings.filter((w) => w.includes("skipped")).length;
    throw new StatementParseError(
      `no transactions found: the header is on line ${header.record.line} but no row below it has a date and an amount` +
        (skipped > 0 ? ` (${skipped} line${skipped === 1 ? " was" : "s were"} skipped)` : ""),
    );
  }
  const currency = decideCurrency(records, columns);
  const rows = chronological(fileRows, warnings);

  return {
    format: "csv",
    rows,
    ...(columns.balance !== undefined ? impliedBalances(rows) : {}),
    ...(currency ? { currency } : {}),
    pending: [],
    skipped: [],
    warnings,
    explain: [
      { step: "delimiter", decision: JSON.stringify(header.delimiter) },
      { step: "header row", decision: `line ${header.record.line}` },
      { step: "date order", decision: dateDecision.order },
    ],
    confidence: "high",
  };
}
