/**
 * Reads the rows of a CSV statement whose layout is known (detected or a saved profile), from
 * decoded text in chunks of any size. Rows come out in file order as soon as they are
 * complete (a row is complete when the next record shows it has no continuation line);
 * memory stays bounded: rows are not kept, skipped and pending lines are kept up to a cap,
 * and opening/closing balances are computed from running sums.
 *
 * Every record is either a ledger row, a pending row, a continuation of the previous row's
 * description, or a skipped line with a reason. A row with a date and an unreadable amount is
 * an error naming the row — a statement imported with a silently dropped row is worse than none.
 */
import { currencyCodeOf, parseAmountWithCurrency, type DecimalSeparator } from "../amount.ts";
import { formatForMessage } from "../balance.ts";
import { daysBetween, describeDateOrder, impossibleDate, isoDate, parseDateParts, type DateParts } from "../dates.ts";
import { currencyExponent, Decimal, isCurrencyCode, isKnownCurrency } from "../money.ts";
import { StatementParseError, type AccountKind, type Explanation, type ParsedStatement, type SkippedLine, type StatementRow } from "../statement.ts";
import { addDescriptionPart, DESCRIPTION_JOINER } from "../description.ts";
import { lineRanges, listInWords } from "../text.ts";
import { CARD_HEADER, dateColumnPriority, isInAccountCurrency, normalizeHeaderName, roleFromHeader, type ColumnRole } from "./headers.ts";
import type { CsvColumn, CsvLayout } from "./layout.ts";
import {
  balanceLineKind,
  hasPendingMarker,
  datesIn,
  isAvailableBalanceLabel,
  isBareBalanceLabel,
  isPlaceholder,
  isTurnoverLabel,
  lineFacts,
  isDailyBalanceLabel,
  mentionsPending,
  mentionsSummary,
  balanceSide,
  namesExchangeRate,
  normalizeText,
  sectionKind,
  statusKind,
  asksWhetherPending,
  type BalanceKind,
} from "./lines.ts";
import { amountMark, directionOf, looksLikeMoney, overdrawnBalance, parseAnyAmount } from "./numbers.ts";
import { BlockTable } from "./blocks.ts";
import { DELIMITERS, RecordSplitter, splitRecords, withoutTextMarker, type Delimiter, type SourceRecord } from "./records.ts";

export interface CsvReaderOptions {
  /** The sign rule is part of the layout; the kind says how a card's stated balance reads (facts). */
  accountKind?: AccountKind;
  /** A date the file states outside its table (export date), for dates printed without a year. */
  referenceDate?: string;
  /** How many skipped and pending lines are kept for the report (counts are always exact). */
  maxStoredLines?: number;
  /**
   * Today (ISO date), for rows dated after it (futureDates): the system's date unless given (tests,
   * or a caller that knows the day the file was uploaded).
   */
  today?: string;
}

/** What a statement knows of itself, plus what only a streaming read reports. */
export interface CsvReadResult
  extends Pick<ParsedStatement, "openingBalance" | "closingBalance" | "currency" | "period" | "pending" | "skipped" | "warnings"> {
  /** Rows completed by the end of the input that `push` had not returned yet. */
  rows: StatementRow[];
  /** Ledger rows read in all (pushed and final). */
  rowCount: number;
  pendingCount: number;
  skippedCount: number;
  /** The rows' order in the file, decided from their dates (and balances for one-day files). */
  fileOrder: "oldest-first" | "newest-first";
  /** Set when dates go back and forth: the first row that goes back. */
  outOfOrder?: { sourceRow: number; date: string };
  /**
   * The rows are listed by their value (transaction) dates, in order, while their ledger
   * (posting) dates go back and forth: a card export sorted by the day of the purchase. Not
   * out of order; its direction is the value dates'.
   */
  listedByValueDate?: true;
  /** A year had to be assumed for dates printed without one. */
  assumedYear?: number;
  /**
   * The column naming the account a row belongs to holds more than one, the numbers of a card
   * export's cards (rows of several accounts are refused): rows per account, most first.
   * `cardsOfOneBill`: the statement is a card account's, and the numbers are its cards.
   */
  mixedAccounts?: { column: string; accounts: { account: string; rows: number }[]; cardsOfOneBill?: true };
  /**
   * Rows with both a debit and a credit (a correction), read as credit − debit because the running
   * balance moves by exactly that: how many, and the first.
   */
  nettedRows?: { count: number; sourceRow: number; debit: string; credit: string; amount: Decimal };
  /**
   * Rows whose money columns were empty and whose money stood in a column the layout does not
   * read (Desjardins' interest), taken because the running balance moves by exactly it: how many,
   * and the first (its 1-based column, the balance before it and its own).
   */
  unreadMoneyRows?: { count: number; sourceRow: number; column: number; amount: Decimal; before: Decimal; balance: Decimal };
  /** A row dated more than a year from every other row (2099 among rows of 2026): a date mistyped, or not this file's. */
  strayDate?: { sourceRow: number; date: string; nearest: string };
  /**
   * Booked rows dated more than FUTURE_GRACE_DAYS after today: a bank books nothing ahead of time,
   * so each is a date mistyped (2027 for 2026) or a row of no statement. How many, and the first few.
   */
  futureDates?: { today: string; count: number; rows: { sourceRow: number; date: string }[] };
  /**
   * Lines that separate their fields with another delimiter than the file's (rows pasted in from
   * another export): `read`, the lines read with that delimiter (their cells fit the columns);
   * `left`, lines that hold a date and an amount that way but do not fit, left out. The first
   * few of each (the warnings count them all).
   */
  otherDelimiter?: { delimiter: Delimiter; read: number[]; left: number[] };
  /**
   * The rows as read contradict the balances the file itself states (balancesContradicted): the
   * columns or signs were probably misread. Why, in words.
   */
  balancesContradicted?: string;
}

/**
 * What the reading itself leaves uncertain, known only once the file is read: rows out of date
 * order, a year that had to be assumed, rows of more than one account, rows dated far from the
 * others or after today, lines read in another delimiter, rows that contradict the file's own
 * balances. Any of them lowers the statement's confidence (a person confirms the mapping before
 * it posts).
 */
export function readLeavesDoubt(read: CsvReadResult): boolean {
  return (
    read.outOfOrder !== undefined ||
    read.assumedYear !== undefined ||
    // A card account's several cards (Amex's card members, each with an "Account #") are one
    // bill, as its statement prints them: said, but no doubt about the reading.
    (read.mixedAccounts !== undefined && !read.mixedAccounts.cardsOfOneBill) ||
    read.strayDate !== undefined ||
    read.futureDates !== undefined ||
    read.otherDelimiter !== undefined ||
    read.balancesContradicted !== undefined
  );
}

/**
 * What a person is shown of rows that contradict the file's own balances (the mapping waits for
 * them): said the same wherever a reading ends, whole (parseCsvStatement) or streamed (the worker).
 */
export function balancesContradictionStep(read: CsvReadResult): Explanation | undefined {
  if (read.balancesContradicted === undefined) return undefined;
  return { step: "balances", decision: "the rows contradict the file's own balances: a person confirms the mapping", evidence: read.balancesContradicted };
}

/**
 * A column that names the statement's own account on every row ("Account", "Account Number",
 * ING's "Rekening", Rabobank's "IBAN/BBAN", Sparkasse's "Auftragskonto", Swedbank's "Kliendi konto") — not the other
 * party's ("Tegenrekening", "Kontonummer/IBAN" of the payee): a file whose rows name two
 * accounts mixes them (an aggregator's export of all accounts).
 */
const OWN_ACCOUNT_HEADER =
  /^(account|acct|account (number|no|nr|#|name|id)|acct (number|no|#)|rekening|rekeningnummer|eigen rekening|iban\/bban|auftragskonto|own account|compte|numero de compte|cuenta|conto|kliendi konto)$/;
/**
 * A column naming the kind of row ("type": a processor's payment, refund, adjustment), left out
 * of the description where other columns describe the row: the words of a row none describes
 * (Razorpay's, whose description and notes are both empty), rather than a row without any.
 */
const ROW_KIND_HEADER = /^(type|transaction type|entry type|row type|kind|tipo|tipo de transaccion|typ|type d'operation|type de transaction|art|buchungsart)$/;
/**
 * A line naming an account ("Account: Business Savings 87654321", "Konto 1234567890", an IBAN):
 * between rows and a repeated header it starts another account's section (a bank's export of
 * all accounts, one after another).
 */
const ACCOUNT_LINE = /^(?:account|acct|konto|compte|rekening|cuenta|conto|iban)\b.*\d{4}|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b/i;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/i;

/** An account's number as an account line prints it: digits (spaces and hyphens between), after a mask ("XXXXXX4471", "****1234") if any. */
const ACCOUNT_NUMBER = /(?:(?<![\p{L}*•])[x*•]+)?\d[\d -]*\d/giu;
/** A run of digits that is a date or a year ("2026-03-31", "31-03-2026", "2026"), not an account. */
const DATE_OR_YEAR = /^(?:\d{4}-\d\d-\d\d|\d\d-\d\d-\d{4}|(?:19|20)\d\d)$/;

/** An account an account line names: `key` tells accounts apart (sameAccount), `shown` is as printed. */
interface NamedAccount {
  key: string;
  shown: string;
}

/**
 * The account an account line names: its IBAN, else its longest number of four digits or more
 * ("12-34-56 12345678" counts whole, "XXXXXX4471" with its mask) — none where it only prints a
 * date or a year ("Account summary as of 2026-03-31").
 */
function accountNamed(text: string): NamedAccount | undefined {
  const iban = IBAN.exec(text)?.[0];
  if (iban) {
    const key = iban.replace(/\s/g, "").toUpperCase();
    return { key, shown: key };
  }
  let best: NamedAccount | undefined;
  for (const match of text.matchAll(ACCOUNT_NUMBER)) {
    const shown = match[0].trim();
    const digits = shown.replace(/\D/g, "");
    if (digits.length < 4 || DATE_OR_YEAR.test(shown.replace(/^[^\d]+/, ""))) continue;
    if (!best || digits.length > best.key.length) best = { key: digits, shown };
  }
  return best;
}

/**
 * Two account lines name one account: the same number, or one ends with the other's digits (of
 * four or more) — a masked "XXXXXX4471" and its whole number, an IBAN and the account number in it.
 */
function sameAccount(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = [a.replace(/\D/g, ""), b.replace(/\D/g, "")];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.endsWith(short);
}

/** A value that may name an account in a column without a name (noteRuns): a short code, a number, a name of a few words. */
const RUN_CODE = /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]{0,23}$/u;

/** Distinct accounts tracked at most (the warning names the first few). */
const MAX_ACCOUNTS_TRACKED = 50;

/** Accounts and their rows as a message names them: the first five ("****1234: 2 rows, ****5678: 1 row"). */
function accountsNamed(accounts: readonly { account: string; rows: number }[]): string {
  return accounts.slice(0, 5).map((a) => `${a.account}: ${a.rows} row${a.rows === 1 ? "" : "s"}`).join(", ") + (accounts.length > 5 ? ", …" : "");
}

/** How many accounts, "at least" when more were found than are tracked. */
function accountsCounted(accounts: readonly unknown[]): string {
  return `${accounts.length === MAX_ACCOUNTS_TRACKED ? "at least " : ""}${accounts.length}`;
}

const DEFAULT_MAX_STORED = 1000;
/** Cheap test before the full balance-phrase match, which normalizes text (slow per row). */
/**
 * A number split by its thousands separator into two cells of a comma-separated line left
 * unquoted ("Account Balance as of July 18 2025:    $1,727.20" → "…$1" and "727.20"): joined
 * again, for the facts of a line outside the table.
 */
function rejoinSplitThousands(cells: readonly string[]): readonly string[] {
  const out: string[] = [];
  for (const cell of cells) {
    const previous = out.at(-1);
    if (previous !== undefined && /(?:^|[\s$£€:(-])\d{1,3}(?:,\d{3})*$/.test(previous) && /^\d{3}(?:\.\d{1,2})?(?:\s|$)/.test(cell)) out[out.length - 1] = `${previous},${cell}`;
    else out.push(cell);
  }
  return out;
}

/** Quicken's "--Split--" in a row's category (found by its ending first: asked of every cell of every row). */
function isSplitMarker(cell: string): boolean {
  return cell.includes("plit--") && /^\s*-+split-+\s*$/i.test(cell);
}

/** A line of labels only, two or more, one of them an opening or closing balance's. */
function isLabelLine(cells: readonly string[]): boolean {
  const labels = cells.map((c) => c.trim()).filter((c) => c !== "");
  return labels.length >= 2 && labels.every((c) => !/\d/.test(c)) && labels.some((c) => balanceLineKind(c) !== undefined);
}

/**
 * A cell that is only a pending state, in a column not read as the status (Sbanken's TYPE
 * "RESERVERT" beside VARER and OVERFØRSEL): asked only of a row with no booking date.
 */
function isPendingWord(cell: string): boolean {
  const text = cell.trim();
  return text.length > 0 && text.length <= 24 && !/\d/.test(text) && mentionsPending(text);
}

const BALANCE_HINT = /bal|sald|sold|stand|số dư|so du|forward|b\/f|c\/f|z[uů]st|zost|stav|bestand|ingå|inngå|indgå|utgå|udgå|primo|ultimo|egyenleg|atlikum|likut|stanje|салд|رصيد|ยอด|υπολοιπ|υπόλοιπ|יתר|残高|余额|餘額|잔액/i;

type AmountKind = "amount" | "debit" | "credit" | "balance" | "fee" | "hold";

interface Columns {
  date: number;
  /** An ignored column naming the statement's own account (OWN_ACCOUNT_HEADER). */
  account?: { index: number; name: string };
  /** An ignored column naming the kind of row (ROW_KIND_HEADER): a row's words when no text column has any. */
  kind?: number;
  valueDate?: number;
  /** Description, payee and (non-unique) reference columns, joined in column order (with a payer column, not the payee column it pairs with). */
  text: number[];
  payee?: number;
  /** Beside the payee column, the payer's: the other party is the payer of money in, the payee of money out. */
  payer?: number;
  /** Two party columns, one the account's holder on each row (CsvLayout.accountHolder): the other is the payee. */
  parties?: { columns: number[]; holder: string };
  amount?: number;
  debit?: number;
  /** A fee charged on top of the amount, taken off it. */
  fee?: number;
  /** An amount held, not booked: the amount of a row that has no other (a pending one). */
  hold?: number;
  credit?: number;
  direction?: number;
  balance?: number;
  /** Text columns whose every value is wrapped in single quotes (CsvColumn.quoted), which are no part of the text. */
  quoted?: Set<number>;
  /** Text columns whose values begin with the bank's stamp (CsvColumn.stamp), which is no part of the text. */
  stamps?: Map<number, string>;
  /** The balance column is the balance before the row's amount (CsvColumn.before): the row's own is it plus the amount. */
  balanceBefore?: true;
  /** The account's balance at the export, repeated on every row (CsvColumn.current): read once, as a balance without a date. */
  currentBalance?: number;
  currency?: number;
  category?: number;
  bankId?: number;
  status?: number;
  /** The status column asks whether a row is planned or pending ("Umsatz geplant": Ja/Nein). */
  statusAsksPending: boolean;
  separators: Record<AmountKind, DecimalSeparator>;
  /** Columns whose content is money or a date: text in none of the others makes a continuation line. */
  nonText: Set<number>;
  /** A pending section's own table (sectionColumns): its unsigned amounts are holds on the account, money out. */
  holds?: boolean;
  /** A later section's marker column (sectionColumns): a cell that is no mark leaves the amount to the sign rule. */
  directionOptional?: true;
}

function columnsOf(layout: CsvLayout): Columns {
  const first = (role: ColumnRole) => layout.columns.find((c) => c.role === role);
  const date = first("date");
  if (!date) throw new StatementParseError("the layout has no date column");
  const amount = first("amount");
  const debit = first("debit");
  const credit = first("credit");
  if (!amount && !(debit && credit)) throw new StatementParseError("the layout has no amount column (or debit and credit columns)");
  const balance = first("balance");
  const sep = (c?: { decimalSeparator?: DecimalSeparator }): DecimalSeparator => c?.decimalSeparator ?? amount?.decimalSeparator ?? debit?.decimalSeparator ?? ".";
  const payer = first("payer");
  const pairedPayee = payer ? first("payee") : undefined;
  const payees = layout.columns.filter((c) => c.role === "payee");
  const parties = !payer && payees.length === 2 && layout.accountHolder ? { columns: payees.map((c) => c.index), holder: partyKey(layout.accountHolder) } : undefined;
  // Words first, in column order; then references that are not the bank's id (a cheque
  // number, a variable symbol), which say less about what the row was.
  const words = layout.columns.filter((c) => c.role === "description" || (c.role === "payee" && c !== pairedPayee)).map((c) => c.index);
  const references = layout.columns.filter((c) => c.role === "reference" && !c.unique).map((c) => c.index);
  const text = [...words.sort((a, b) => a - b), ...references.sort((a, b) => a - b)];
  const nonText = new Set(
    layout.columns.filter((c) => ["date", "valueDate", "amount", "debit", "credit", "fee", "hold", "balance", "currency", "direction"].includes(c.role)).map((c) => c.index),
  );
  // Right after the other party's name, an account column is the other party's (Paysera's
  // "Beneficiary/Payer", "Account No.").
  const besideParty = (c: CsvColumn) => ["payee", "payer"].includes(layout.columns.find((p) => p.index === c.index - 1)?.role ?? "");
  const account = layout.columns.find((c) => c.role === "ignore" && c.name !== undefined && OWN_ACCOUNT_HEADER.test(normalizeHeaderName(c.name)) && !besideParty(c));
  const kind = layout.columns.find((c) => c.role === "ignore" && c.name !== undefined && ROW_KIND_HEADER.test(normalizeHeaderName(c.name)));
  return {
    date: date.index,
    ...(account ? { account: { index: account.index, name: account.name!.trim() } } : {}),
    ...(kind ? { kind: kind.index } : {}),
    valueDate: first("valueDate")?.index,
    text,
    payee: first("payee")?.index,
    payer: payer?.index,
    ...(parties ? { parties } : {}),
    amount: amount?.index,
    debit: amount ? undefined : debit?.index,
    credit: amount ? undefined : credit?.index,
    fee: first("fee")?.index,
    hold: first("hold")?.index,
    direction: layout.directionValues ? first("direction")?.index : undefined,
    balance: balance?.current ? undefined : balance?.index,
    ...(balance?.current ? { currentBalance: balance.index } : {}),
    ...(balance?.before ? { balanceBefore: true as const } : {}),
    ...(layout.columns.some((c) => c.quoted) ? { quoted: new Set(layout.columns.filter((c) => c.quoted).map((c) => c.index)) } : {}),
    ...(layout.columns.some((c) => c.stamp) ? { stamps: new Map(layout.columns.filter((c) => c.stamp).map((c) => [c.index, c.stamp!])) } : {}),
    currency: first("currency")?.index,
    category: first("category")?.index,
    bankId: layout.columns.find((c) => c.role === "reference" && c.unique)?.index,
    status: first("status")?.index,
    statusAsksPending: asksWhetherPending(first("status")?.name ?? ""),
    separators: { amount: sep(amount), debit: sep(debit), credit: sep(credit), balance: sep(balance), fee: sep(first("fee")), hold: sep(first("hold")) },
    nonText,
  };
}

/** A name as compared with the account holder's: case and spacing aside. */
export function partyKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

function cellOf(cells: readonly string[], index: number | undefined): string {
  if (index === undefined) return "";
  const c = cells[index];
  return c === undefined ? "" : c.trim();
}

/**
 * A text cell, without the single quotes wrapping it when its column's values all are ('BEA,
 * Betaalpas …'), and without the stamp its column's values begin with (CsvColumn.stamp).
 */
function textOf(cells: readonly string[], index: number | undefined, quoted: Set<number> | undefined, stamps?: Map<number, string>): string {
  const t = cellOf(cells, index);
  if (quoted !== undefined && quoted.has(index!) && t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).trim();
  const stamp = stamps?.get(index!);
  return stamp !== undefined && t.length > stamp.length && t.startsWith(stamp) ? t.slice(stamp.length).trim() : t;
}

function tidy(text: string): string {
  return /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ") : text;
}

/**
 * A cell holding JSON (a payment processor's `notes` or `metadata`: `{"invoice_no":"INV/853",
 * "customer":"Vikram Rao"}`, or `[]` when there are none) says its values, not its syntax: the
 * strings and numbers in it, in order, joined as a description's parts are; an empty one says
 * nothing. Anything that is not whole JSON is left as it is.
 */
export function jsonCellText(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (!((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d))) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const said: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (item.trim() !== "") said.push(item.trim());
    } else if (typeof item === "number") {
      said.push(String(item));
    } else if (item && typeof item === "object") {
      const inner = Array.isArray(item) ? item : Object.values(item);
      for (let k = inner.length - 1; k >= 0; k--) stack.push(inner[k]);
    }
  }
  return said.join(DESCRIPTION_JOINER);
}

/** The non-empty cells of a record, shortened, to quote in a report. */
function quoteCells(cells: readonly string[]): string {
  const text = cells.map((c) => tidy(c.trim())).filter((c) => c !== "").join(", ");
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A row whose debit and credit cells are both filled, as printed. */
interface BothFilled {
  line: number;
  debit: string;
  credit: string;
}

/**
 * A dated row with no money in the columns read, and money in one not read that the running
 * balance does not prove (takeUnread): refused, saying where the money stood.
 */
function noAmountError(line: number, column: number): StatementParseError {
  return new StatementParseError(
    `there is a date but no amount (only column ${column + 1} holds money, and the running balance does not move by it)`,
    { row: line },
  );
}

/** The refusal of a row with both a debit and a credit that no running balance confirms as credit − debit (`net`, when a balance was there to ask). */
function bothFilledError(both: BothFilled, net?: Decimal): StatementParseError {
  const why = net === undefined ? "" : `, and the running balance does not move by credit − debit (${net.toString()})`;
  return new StatementParseError(`both debit "${both.debit}" and credit "${both.credit}" are filled in${why}`, { row: both.line });
}

/** A running sum without re-scaling on every add (Decimal.add widens both sides each time). */
class RunningSum {
  private units = 0n;
  private scale = 0;

  add(value: Decimal): void {
    if (value.scale === this.scale) this.units += value.units;
    else if (value.scale > this.scale) {
      this.units = this.units * 10n ** BigInt(value.scale - this.scale) + value.units;
      this.scale = value.scale;
    } else this.units += value.units * 10n ** BigInt(this.scale - value.scale);
  }

  value(): Decimal {
    return Decimal.fromUnits(this.units, this.scale);
  }
}

/** A value in units of `scale` (no fewer decimals than its own). */
function unitsAt(value: Decimal, scale: number): bigint {
  return value.scale === scale ? value.units : value.units * 10n ** BigInt(scale - value.scale);
}

/**
 * A card's number as card exports print it: masked ("XXXX-XXXXXX-41008", "**** 1234", "•1234"),
 * its last digits alone (Amex's card members' "-41008"), or whole (13 to 19 digits). A bank
 * account's number (8 to 12 digits, an IBAN) is none of these.
 */
function looksLikeCardNumber(text: string): boolean {
  const t = text.trim();
  if (/[x*•·]/i.test(t) && /\d{2}/.test(t)) return true;
  const digits = t.replace(/[\s-]/g, "");
  return /^\d+$/.test(digits) && (digits.length <= 5 || (digits.length >= 13 && digits.length <= 19));
}

/** More days than this between a row and every other makes it a stray (strayDate). */
const STRAY_DAYS = 366;

/**
 * More days than this after today makes a booked row's date one in the future (futureDates): a
 * time zone, or a bank that books a weekend's payments on the next business day, stays inside.
 */
const FUTURE_GRACE_DAYS = 7;

/** The ISO date `days` after `iso`. */
function addDays(iso: string, days: number): string {
  const time = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Line numbers kept to name in a message (counts are kept apart). */
const MAX_LINES_NAMED = 20;

/** "line 7" or "lines 7–11", and how many in all when more were counted than named. */
function namedLines(lines: readonly number[], count = lines.length): string {
  return `line${count === 1 ? "" : "s"} ${lineRanges(lines)}${count > lines.length ? ` (${count} in all)` : ""}`;
}

/**
 * Posted rows kept to compare with a section under the table's header again (repeatedRows): an
 * export pasted twice repeats its first rows first, so these find it however long it is; beyond
 * them a row costs nothing (every row up to here costs a key and a map entry: on a 100k-row file,
 * 20,000 of them were a tenth of reading it).
 */
const MAX_ROWS_COMPARED = 5_000;
/**
 * Rows in sequence that repeat earlier ones, under the header again, that make the section a copy:
 * fewer could be a page's few rows that happen to be like others (two coffees on one day); a
 * whole earlier export of fewer rows, repeated whole, is one too.
 */
const MIN_REPEATED_ROWS = 3;

/** A row as compared for repeats: its date, amount, text and balance. */
function rowKey(row: StatementRow): string {
  return `${row.date}\u001f${row.amount.toString()}\u001f${row.description}\u001f${row.balance?.toString() ?? ""}`;
}

/** Keeps in `two` the two rows that come first by `before`, first one first. */
function keepTwo(two: StatementRow[], row: StatementRow, before: (a: StatementRow, b: StatementRow) => boolean): void {
  if (two.length < 2) {
    two.push(row);
    if (two.length === 2 && before(two[1]!, two[0]!)) two.reverse();
  } else if (before(row, two[1]!)) {
    two[1] = row;
    if (before(two[1], two[0]!)) two.reverse();
  }
}

/** Years outside these are placeholders, not booking dates. */
const PLACEHOLDER_BEFORE = 1950;
const PLACEHOLDER_AFTER = 2199;

export class CsvStatementReader {
  private readonly splitter: RecordSplitter;
  /** A file of key: value blocks (layout.blocks) is read through the table it makes. */
  private readonly blocks?: BlockTable;
  private columns: Columns;
  /** The columns of the table's own header (columns may be a later section's, sectionColumns). */
  private readonly tableColumns: Columns;
  private readonly headerKey: string | undefined;
  private readonly headerFirstCell: string | undefined;
  private readonly maxStored: number;
  private out: StatementRow[] = [];

  // The last row read, held back until the next record shows it has no continuation line.
  private held: { row: StatementRow; pending: boolean; cells?: readonly string[] } | undefined;
  private pendingSection = false;
  /** A section under a header of its own starts with the next row (sectionColumns): its order is its own. */
  private sectionStart = false;
  /** The record before this one was blank: a text line after it starts something new (a footer), it continues no row. */
  private afterBlank = false;

  private readonly pending: StatementRow[] = [];
  private readonly skipped: SkippedLine[] = [];
  private pendingCount = 0;
  private skippedCount = 0;
  private readonly warnings: string[] = [];
  /** Rows whose text held the delimiter unquoted, read with the pieces joined again (first one, and how many). */
  private refitted?: { line: number; text: string; count: number };
  /** The row being read has both its debit and credit filled (amountBeforeFee): confirmNet decides. */
  private bothFilled: BothFilled | undefined;
  /** A row read as credit − debit that the row before it did not confirm: the next row must. */
  private unconfirmedNet: (BothFilled & { row: StatementRow }) | undefined;
  /** Rows read as credit − debit, confirmed by the running balance (first one, and how many). */
  private netted?: CsvReadResult["nettedRows"];
  /** A headerless file's columns not read, and the runs of one value each holds (noteRuns, accountRuns). */
  private readonly runs: { index: number; alive: boolean; list: { value: string; rows: number; line: number; broken?: { oldestFirst: boolean; newestFirst: boolean } }[] }[];
  /** Columns the layout does not read (unreadMoney): a dated row's money there, when its own are empty. */
  private readonly unreadColumns: number[];
  /** A row whose money stands in a column not read that the row before it did not prove (takeUnread): the next row must. */
  private unprovenUnread: { row: StatementRow; value: Decimal; column: number } | undefined;
  /** Rows whose money stood in a column not read, proven by the running balance (first one, and how many). */
  private unreadTaken?: CsvReadResult["unreadMoneyRows"];
  /** Rows dated with a placeholder (1900-01-01, 0001-01-01), taken as not booked yet (first one, and how many). */
  private placeholderDates?: { line: number; text: string; count: number };
  /** Today, and the last date a booked row may have (futureDates). */
  private readonly today: string;
  private readonly latestBookable: string;
  private future?: NonNullable<CsvReadResult["futureDates"]>;
  /** Lines that separate their fields with another delimiter (CsvReadResult.otherDelimiter), and how many of each kind. */
  private otherDelimiter?: NonNullable<CsvReadResult["otherDelimiter"]> & { readCount: number; leftCount: number };
  /**
   * Before the table's header, a header of other columns and the rows under it: another export
   * above this one (twoExports). After rows, a section's own header right under them, with no
   * line naming the section: another export below (the first row under it refuses the file).
   */
  private exportAbove?: { line: number; columns: Columns; rows: number };
  private exportBelow?: { line: number; rowsAbove: number };
  /** The last record that was not blank was a row (pending or not), or a line that continued one. */
  private afterRow = false;
  /** A NUL byte was in the text pushed (onRecord refuses the line that holds it). */
  private nulSeen = false;
  /** Posted rows' keys (rowKey) and lines in file order, and where each key occurs (repeatedRows). */
  private readonly rowKeys: { key: string; line: number }[] = [];
  private readonly rowsByKey = new Map<string, number[]>();
  /**
   * The section under the table's header again (a repeated header): the rows before it (how many
   * in rowKeys), its rows so far, and the run of its rows that repeats earlier rows row for row —
   * where that run starts among the earlier rows (several while they are alike), how long it is,
   * its lines, and whether it started with the section.
   */
  private repeat?: {
    headerLine: number;
    before: number;
    rows: number;
    run?: { starts: number[]; matched: number; firstLine: number; lastLine: number; fromTop: boolean };
  };

  // Running facts, for balances and order without keeping rows.
  private rowCount = 0;
  private readonly total = new RunningSum();
  private firstBalance?: { row: StatementRow; before: Decimal };
  /**
   * The running balances' steps (balanceContradiction): from one row's balance to the next row
   * that has one, whether the amounts between lead there read oldest first and newest first.
   * `since`: the amounts after the last balance (oldest first) and from its row on (newest first).
   */
  private readonly steps = { count: 0, brokenOldestFirst: 0, brokenNewestFirst: 0, firstBrokenOldestFirst: 0, firstBrokenNewestFirst: 0 };
  /** In units of `scale` (the most decimals seen): bigint sums, as RunningSum keeps, on every row of a file with a balance column. */
  private stepFrom?: { scale: number; balance: bigint; after: bigint; fromItsRow: bigint };
  /** The last row with a balance, and the sum of the amounts before it (taken when needed). */
  private lastBalance?: { row: StatementRow; before?: Decimal };
  private previous?: StatementRow;
  private up = 0;
  private down = 0;
  /** Steps of the value dates between rows, and rows without one (see listedByValueDate). */
  private valueUp = 0;
  private valueDown = 0;
  private withoutValueDate = 0;
  private firstBackward?: StatementRow;
  private firstDate?: string;
  private lastDate?: string;
  private chainForward = 0;
  private chainBackward = 0;

  private stated: { opening?: Decimal; closing?: Decimal } = {};
  /** Rows per value of the own-account column (Columns.account). */
  private readonly accounts = new Map<string, number>();
  /**
   * The accounts lines before the first row name (ACCOUNT_LINE): the file's own, the first as
   * printed and its line. The last line naming an account since the last row, and the sections
   * such lines start under the header again, each naming another account than the one above it:
   * with the rows read before it (accountsBySection).
   */
  private readonly ownAccounts: string[] = [];
  private firstAccount?: { line: number; shown: string };
  private accountLine: { line: number; account: NamedAccount } | undefined;
  private readonly accountSections: { line: number; account: NamedAccount; rowsBefore: number }[] = [];
  /** Days' balances under their rows (dayBalanceLine): each with the sum of the rows up to it. */
  private readonly dayBalances: { value: Decimal; line: number; through: Decimal }[] = [];
  /** Balances without "opening"/"closing": decided at the end by their date, else by their place. */
  private bareBalances: { value: Decimal; date?: string; line: number; available: boolean }[] = [];
  /** The last dated row was a split's (Quicken's "--Split--"): undated lines with amounts are its parts. */
  private splitOpen = false;
  /** The last line, if it was only labels (two or more, one naming a balance): the next may hold their values. */
  private labelsAbove: { line: number; cells: readonly string[] } | undefined;
  private minDate?: string;
  /** The two earliest and the two latest rows, earliest or latest first (strayDate). */
  private readonly earliest: StatementRow[] = [];
  private readonly latest: StatementRow[] = [];
  private maxDate?: string;
  private period?: { from: string; to: string };
  private currency?: { code: string; row?: number; source: string };
  /** The currency column's code on the row being read (readRow), if it has one. */
  private rowCurrency?: string;
  private statedCurrency?: string;
  /** Rows read per currency (a row's own, else the statement's), for the refusal of a file of several (mixedCurrencies). */
  private readonly rowsByCurrency = new Map<string, number>();
  /** Rows in other currencies than the statement's, set aside (setAside): their total, count and first row, by currency. */
  private readonly otherCurrencies = new Map<string, { total: Decimal; rows: number; first: number }>();

  // Year-less dates: the last resolved date anchors the next.
  private lastResolved?: string;
  private assumedYear?: number;
  private lastDateText = "";
  private lastDateParts: DateParts | null = null;

  constructor(
    private readonly layout: CsvLayout,
    private readonly options: CsvReaderOptions = {},
  ) {
    this.columns = columnsOf(layout);
    this.tableColumns = this.columns;
    const read = new Set(layout.columns.filter((c) => c.role !== "ignore").map((c) => c.index));
    this.unreadColumns = Array.from({ length: layout.fieldCount }, (_, i) => i).filter((i) => !read.has(i));
    this.runs = layout.headerLine === null && !layout.blocks ? this.unreadColumns.map((index) => ({ index, alive: true, list: [] })) : [];
    this.maxStored = options.maxStoredLines ?? DEFAULT_MAX_STORED;
    this.today = options.today ?? new Date().toISOString().slice(0, 10);
    this.latestBookable = addDays(this.today, FUTURE_GRACE_DAYS);
    this.headerKey = layout.headerCells ? layout.headerCells.map(normalizeHeaderName).join("\u001f") : undefined;
    this.headerFirstCell = layout.headerCells?.[0]?.trim().toLowerCase();
    if (layout.headerCurrency) this.currency = { code: layout.headerCurrency, source: "header" };
    this.splitter = new RecordSplitter(layout.delimiter, (r) => this.onRecord(r));
    if (layout.blocks) this.blocks = new BlockTable(layout.blocks.keys);
  }

  /** Feeds decoded text (any chunk boundary); returns the rows completed so far, in file order. */
  push(text: string): StatementRow[] {
    if (this.rowCount === 0 && this.out.length === 0 && this.held === undefined && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // A NUL in text (sniffFormat names those in a file's beginning): the records from here on are looked at for it.
    if (!this.nulSeen && text.includes("\0")) this.nulSeen = true;
    this.splitter.push(this.blocks ? this.blocks.push(text) : text);
    const rows = this.out;
    this.out = [];
    return rows;
  }

  finish(): CsvReadResult {
    if (this.blocks) this.splitter.push(this.blocks.finish());
    this.splitter.finish();
    // The last row read as credit − debit had no row after it to confirm it.
    if (this.unconfirmedNet) throw bothFilledError(this.unconfirmedNet, this.unconfirmedNet.row.amount);
    // … and the last one whose money stood in a column not read, none to prove it.
    if (this.unprovenUnread) throw noAmountError(this.unprovenUnread.row.sourceRow, this.unprovenUnread.column);
    this.flushHeld();
    this.endRepeat();
    const rows = this.out;
    this.out = [];

    let fileOrder: CsvReadResult["fileOrder"] = "oldest-first";
    let outOfOrder: CsvReadResult["outOfOrder"];
    const listedByValueDate = this.up > 0 && this.down > 0 && this.withoutValueDate === 0 && (this.valueUp === 0 || this.valueDown === 0) && this.valueUp + this.valueDown > 0;
    if (listedByValueDate) fileOrder = this.valueDown > 0 ? "newest-first" : "oldest-first";
    else if (this.up > 0 && this.down > 0) {
      fileOrder = this.firstDate! > this.lastDate! ? "newest-first" : "oldest-first";
      outOfOrder = { sourceRow: this.firstBackward!.sourceRow, date: this.firstBackward!.date };
    } else if (this.down > 0) fileOrder = "newest-first";
    else if (this.up === 0 && this.chainBackward > this.chainForward) fileOrder = "newest-first";

    // Running balances on the rows, else the days' balances under them, say where the rows start and end.
    const implied = this.lastBalance !== undefined ? this.impliedBalances(fileOrder) : this.dayBalanceCheckpoints(fileOrder);
    this.resolveBareBalances(implied);
    const balancesContradicted = this.balanceContradiction(fileOrder, implied);
    const opening = this.stated.opening ?? implied.opening;
    const closing = this.stated.closing ?? implied.closing;
    const currency = this.currency?.code ?? this.statedCurrency;
    // Rows of several accounts are refused first, by their accounts: a treasury export of accounts
    // in two currencies (Kyriba's) is one of accounts, which its currencies only follow.
    this.accountRuns(fileOrder);
    const mixedAccounts = this.mixedAccounts();
    for (const [code, other] of this.otherCurrencies) {
      if (!other.total.isZero()) throw this.mixedCurrencies(code, other.first, true);
      this.warnings.push(
        `${other.rows} row${other.rows === 1 ? "" : "s"} in ${code} (the first, row ${other.first}) left out: they add up to 0.00 ${code}, ` +
          `money that passed through another currency (a purchase and the conversion that paid it); the ${currency} side is in the ledger`,
      );
    }
    if (this.placeholderDates) {
      const { count, line, text } = this.placeholderDates;
      this.warnings.push(
        `${count === 1 ? `row ${line} is` : `${count} rows are`} dated "${text}"${count === 1 ? "" : ` (the first, row ${line})`}, a placeholder rather than a booking date: ` +
          `taken as not booked yet (pending) and left out of the ledger`,
      );
    }
    if (this.refitted) {
      const { count, line, text } = this.refitted;
      this.warnings.push(
        `${count === 1 ? `row ${line} has` : `${count} rows have`} more fields than the header: a text held the delimiter without quotes ` +
          `and was read whole (${count === 1 ? "" : `first row ${line}: `}"${text}")`,
      );
    }
    const strayDate = this.strayDate();
    if (strayDate) {
      this.warnings.push(
        `row ${strayDate.sourceRow} is dated ${strayDate.date}, more than a year from every other row (the nearest is dated ${strayDate.nearest}): ` +
          `check that date before the file is imported`,
      );
    }
    const future = this.future;
    // The stray row alone in the future is said once, by the stray check.
    if (future && !(future.count === 1 && strayDate?.sourceRow === future.rows[0]!.sourceRow)) {
      const named = listInWords(future.rows.map((r) => `${r.sourceRow} (${r.date})`));
      this.warnings.push(
        (future.count === 1
          ? `row ${future.rows[0]!.sourceRow} is dated ${future.rows[0]!.date}, more than a week after today (${future.today})`
          : `${future.count} rows are dated more than a week after today (${future.today}): rows ${named}${future.count > future.rows.length ? ` (the first ${future.rows.length})` : ""}`) +
          `; a bank books nothing ahead of time — check ${future.count === 1 ? "that date" : "those dates"} (a year mistyped?) before the file is imported`,
      );
    }
    const other = this.otherDelimiter;
    if (other) {
      const mark = other.delimiter === "\t" ? "tabs" : `"${other.delimiter}"`;
      const own = this.layout.delimiter === "\t" ? "tabs" : `"${this.layout.delimiter}"`;
      if (other.readCount > 0) {
        this.warnings.push(
          `${namedLines(other.read, other.readCount)} separate${other.readCount === 1 ? "s" : ""} ${other.readCount === 1 ? "its" : "their"} fields with ${mark}, the rest of the file with ${own}: ` +
            `read with ${mark} (rows pasted in from another export?) — check ${other.readCount === 1 ? "it" : "them"} before the file is imported`,
        );
      }
      if (other.leftCount > 0) {
        this.warnings.push(
          `${namedLines(other.left, other.leftCount)} hold${other.leftCount === 1 ? "s" : ""} a date and an amount with ${mark} between the fields, the rest of the file ${own}, ` +
            `and ${other.leftCount === 1 ? "does" : "do"} not fit its columns: left out — check ${other.leftCount === 1 ? "it" : "them"}, or export the file again`,
        );
      }
    }
    if (this.skippedCount > this.skipped.length) this.warnings.push(`${this.skippedCount} lines were skipped; the first ${this.skipped.length} are listed`);
    if (this.pendingCount > this.pending.length) this.warnings.push(`${this.pendingCount} pending rows; the first ${this.pending.length} are listed`);
    return {
      rows,
      ...(opening ? { openingBalance: opening } : {}),
      ...(closing ? { closingBalance: closing } : {}),
      ...(currency ? { currency } : {}),
      ...(this.period ? { period: this.period } : {}),
      pending: this.pending,
      skipped: this.skipped,
      warnings: this.warnings,
      rowCount: this.rowCount,
      pendingCount: this.pendingCount,
      skippedCount: this.skippedCount,
      fileOrder,
      ...(outOfOrder ? { outOfOrder } : {}),
      ...(listedByValueDate ? { listedByValueDate } : {}),
      ...(this.assumedYear !== undefined ? { assumedYear: this.assumedYear } : {}),
      ...(mixedAccounts ? { mixedAccounts } : {}),
      ...(this.netted ? { nettedRows: this.netted } : {}),
      ...(this.unreadTaken ? { unreadMoneyRows: this.unreadTaken } : {}),
      ...(strayDate ? { strayDate } : {}),
      ...(future ? { futureDates: future } : {}),
      ...(other ? { otherDelimiter: { delimiter: other.delimiter, read: other.read, left: other.left } } : {}),
      ...(balancesContradicted ? { balancesContradicted } : {}),
    };
  }

  /**
   * The earliest or latest row, when it lies more than a year from every other (of three or
   * more): "07/03/2099" among rows of March 2026 is a date mistyped at the bank or in a
   * spreadsheet, or a row of another file — posted as it is, it would sit alone decades away.
   */
  private strayDate(): CsvReadResult["strayDate"] {
    if (this.rowCount < 3 || this.earliest.length < 2 || this.latest.length < 2) return undefined;
    const [last, nextToLast] = this.latest as [StatementRow, StatementRow];
    if (daysBetween(nextToLast.date, last.date) > STRAY_DAYS) return { sourceRow: last.sourceRow, date: last.date, nearest: nextToLast.date };
    const [first, second] = this.earliest as [StatementRow, StatementRow];
    if (daysBetween(first.date, second.date) > STRAY_DAYS) return { sourceRow: first.sourceRow, date: first.date, nearest: second.date };
    return undefined;
  }

  /**
   * Rows of more than one account, told apart by the own-account column, else by sections each
   * under a line naming its account and the header again (accountsBySection: a bank's report of
   * all accounts, KeyBank's account blocks one after the other). Rows of two accounts cannot go
   * into one (an "all accounts" export, Bank of Scotland's accounts one after the other): refused,
   * naming each account and its rows, whatever their currencies (severalAccounts). On a card
   * export — a card member's or holder's column, or a card account — the numbers in the column are
   * the cards of one account (Amex prints each card member's "Account #"): said in a warning.
   * Where the statement is said to be a card account's and every number is a card's
   * (looksLikeCardNumber), several cards on its bill are what such an account has, and the reading
   * is not in doubt; where only the file's columns suggest cards, or the numbers are a bank's
   * accounts, the account may be a bank account's, and a person confirms. A section is headed by
   * an account's own line (and its balances): an account, never a card of one.
   */
  private mixedAccounts(): CsvReadResult["mixedAccounts"] {
    const column = this.columns.account;
    if (column === undefined || this.accounts.size < 2) {
      const sections = this.accountsBySection();
      if (sections === undefined) return undefined;
      const lines = listInWords(sections.lines.map(String));
      throw this.severalAccounts(sections.accounts, (named) => `(${named}), each in a section under a line naming it (lines ${lines}) and the header again`);
    }
    const accounts = [...this.accounts].map(([account, rows]) => ({ account, rows })).sort((a, b) => b.rows - a.rows);
    const cards = this.options.accountKind === "credit-card" || (this.layout.headerCells !== undefined && CARD_HEADER.test(normalizeText(this.layout.headerCells.join(" "))));
    if (!cards) throw this.severalAccounts(accounts, (named) => `in its column "${column.name}" (${named})`);
    const named = accountsNamed(accounts);
    const count = accountsCounted(accounts);
    if (this.options.accountKind === "credit-card" && accounts.every((a) => looksLikeCardNumber(a.account))) {
      this.warnings.push(
        `column "${column.name}" names ${count} cards (${named}): read as the cards of this one card account, billed together — ` +
          `if one of them is another card account, export each on its own`,
      );
      return { column: column.name, accounts, cardsOfOneBill: true };
    }
    this.warnings.push(
      `column "${column.name}" names ${count} accounts (${named}); ` +
        `this import puts all of them in one account — if they are different accounts, export each on its own`,
    );
    return { column: column.name, accounts };
  }

  /**
   * The accounts of the file's sections: the one named before the rows, with the rows up to the
   * first section under another account's line, then each section's (a section of an account
   * named before — A, B, then A again — counts its rows to it). Undefined when they are all one.
   */
  private accountsBySection(): { accounts: { account: string; rows: number }[]; lines: number[] } | undefined {
    const first = this.firstAccount;
    if (first === undefined || this.accountSections.length === 0) return undefined;
    const groups = [{ keys: this.ownAccounts, account: first.shown, line: first.line, rows: 0 }];
    let current = groups[0]!;
    let from = 0;
    for (const section of this.accountSections) {
      current.rows += section.rowsBefore - from;
      from = section.rowsBefore;
      const found = groups.find((g) => g.keys.some((k) => sameAccount(k, section.account.key)));
      current = found ?? { keys: [section.account.key], account: section.account.shown, line: section.line, rows: 0 };
      if (!found) groups.push(current);
    }
    current.rows += this.rowCount - from;
    if (groups.length < 2) return undefined;
    return { accounts: groups.map(({ account, rows }) => ({ account, rows })).sort((a, b) => b.rows - a.rows), lines: groups.map((g) => g.line) };
  }

  /**
   * The refusal of rows of several accounts (mixedAccounts), most rows first, named with where
   * they were told apart; in more than one currency (rows of another were set aside, setAside),
   * said too.
   */
  private severalAccounts(accounts: { account: string; rows: number }[], where: (named: string) => string): StatementParseError {
    const currencies = this.currency && [...this.otherCurrencies.values()].some((o) => !o.total.isZero()) ? [this.currency.code, ...this.otherCurrencies.keys()] : [];
    return new StatementParseError(
      `the file holds rows of ${accountsCounted(accounts)} accounts ${where(accountsNamed(accounts))}` +
        `${currencies.length > 1 ? ` and mixes currencies (${currencies.join(", ")})` : ""}; ` +
        `an import goes into one account — export each account on its own and upload one file per account`,
    );
  }

  // -------------------------------------------------------------------------------------

  private impliedBalances(order: CsvReadResult["fileOrder"]): { opening?: Decimal; closing?: Decimal } {
    const first = this.firstBalance;
    const last = this.lastBalance;
    if (!first || !last || !last.before) return {};
    const total = this.total.value();
    const lastBefore = last.before;
    if (order === "oldest-first") {
      return {
        opening: first.row.balance!.sub(first.before.add(first.row.amount)),
        closing: last.row.balance!.add(total.sub(lastBefore).sub(last.row.amount)),
      };
    }
    return {
      opening: last.row.balance!.sub(total.sub(lastBefore)),
      closing: first.row.balance!.add(first.before),
    };
  }

  /**
   * A day's balance on a line of its own right under that day's rows, which print none (Itaú's
   * "SALDO TOTAL DISPONÍVEL DIA", Banco do Brasil's "Saldo do dia"): where the running balance
   * stands after the row above it, kept with the sum of the rows up to there
   * (dayBalanceCheckpoints decides at the end). Not under a row of its day, it says nothing.
   */
  private dayBalanceLine(record: SourceRecord, date: string): void {
    const held = this.held;
    if (!held || held.pending || held.row.balance !== undefined || held.row.date !== date) return;
    let value: Decimal | undefined;
    try {
      // In the balance column; a file without one prints it where the amount goes.
      value = this.readMoney(record.cells, "balance", record.line) ?? (this.hasAmount(record.cells) ? this.signedAmountForBalance(record.cells, record.line) : undefined);
    } catch {
      return;
    }
    if (value !== undefined) this.dayBalances.push({ value, line: record.line, through: this.total.value().add(held.row.amount) });
  }

  /**
   * The days' balances as checkpoints of a file read oldest first whose rows print no running
   * balance: from the stated opening (if any) to the first day's, and from each day's to the
   * next, the rows between must lead. When they do (or break on a few days only: a row missing,
   * which the balance proof then holds for review), the last day's balance and the rows after it
   * give the closing balance, the first day's less the rows before it the opening. When they break
   * on most days they are some other balance (funds available with a limit or an investment
   * swept in): not the ledger's, said and left out. Newest first, a day's line stands under the
   * day's earliest row, not its last: left out too.
   */
  private dayBalanceCheckpoints(order: CsvReadResult["fileOrder"]): { opening?: Decimal; closing?: Decimal } {
    const days = this.dayBalances;
    if (days.length === 0 || order !== "oldest-first") return {};
    let steps = 0;
    const broken: number[] = [];
    let before: { value: Decimal; through: Decimal } | undefined = this.stated.opening !== undefined ? { value: this.stated.opening, through: Decimal.ZERO } : undefined;
    for (const day of days) {
      if (before) {
        steps++;
        if (!before.value.add(day.through.sub(before.through)).eq(day.value)) broken.push(day.line);
      }
      before = day;
    }
    if (broken.length * 2 > steps) {
      this.warnings.push(
        `the days' balances under the rows (line ${days[0]!.line} and ${days.length - 1} more) are not where the rows lead on ${broken.length} of ${steps} days ` +
          `(the first, line ${broken[0]}): taken as another balance than the account's (funds available), not as the statement's`,
      );
      return {};
    }
    if (broken.length > 0) {
      this.warnings.push(
        `the day's balance on line ${broken[0]} is not where the rows before it lead${broken.length > 1 ? ` (nor on ${broken.length - 1} more days)` : ""}: a row may be missing`,
      );
    }
    const first = days[0]!;
    const last = days.at(-1)!;
    return { opening: first.value.sub(first.through), closing: last.value.add(this.total.value().sub(last.through)) };
  }

  private resolveBareBalances(implied: { opening?: Decimal; closing?: Decimal }): void {
    // A ledger or book balance before an available one (which holds and pending items move).
    const ordered = [...this.bareBalances].sort((a, b) => Number(a.available) - Number(b.available));
    for (const b of ordered) {
      let kind: BalanceKind;
      if (b.date && this.minDate && this.maxDate) {
        kind = b.date >= this.maxDate ? "closing" : b.date <= this.minDate ? "opening" : daysBetween(this.minDate, b.date) < daysBetween(b.date, this.maxDate) ? "opening" : "closing";
      } else {
        // Without a date, a balance is the account's current balance: the closing one — unless
        // the rows' running balances end elsewhere. Then it is the balance of another moment
        // (when the file was exported, after later postings or with holds), not this file's:
        // taken as the closing balance, it would fail a file whose rows are all there.
        kind = "closing";
        if (implied.closing !== undefined && !implied.closing.eq(b.value)) {
          // Funds free to use differ from the ledger's balance by the holds: expected, not news.
          if (b.available) continue;
          this.warnings.push(
            `line ${b.line} states a balance of ${b.value.toString()} without a date, but the rows' running balances end at ${implied.closing.toString()}: ` +
              `it was taken as the balance at another moment (when the file was exported, or available funds), not as the closing balance`,
          );
          continue;
        }
      }
      if (kind === "opening") this.stated.opening ??= b.value;
      else if (!this.stated.closing) this.stated.closing = b.value;
    }
  }

  private noteAccount(cell: string): void {
    const account = cell.trim();
    if (account === "" || isPlaceholder(account)) return;
    const rows = this.accounts.get(account);
    if (rows !== undefined) this.accounts.set(account, rows + 1);
    else if (this.accounts.size < MAX_ACCOUNTS_TRACKED) this.accounts.set(account, 1);
  }

  private skip(line: number, reason: SkippedLine["reason"], cells: readonly string[]): void {
    this.skippedCount++;
    this.afterRow = false;
    const text = quoteCells(cells);
    if (this.skipped.length < this.maxStored) this.skipped.push({ sourceRow: line, reason, text });
    if (reason !== "not-a-transaction" || !ACCOUNT_LINE.test(text)) return;
    const account = accountNamed(text);
    if (account === undefined) return;
    // Before any row: the file's own account (a page header may repeat it later). After rows:
    // perhaps another account's section, if the header comes again.
    if (this.rowCount === 0 && this.held === undefined) {
      this.ownAccounts.push(account.key);
      this.firstAccount ??= { line, shown: account.shown };
    } else this.accountLine = { line, account };
  }

  private flushHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    if (held.pending) {
      this.pendingCount++;
      if (this.pending.length < this.maxStored) this.pending.push(held.row);
      return;
    }
    const row = held.row;
    this.out.push(row);
    this.rowCount++;
    if (row.date > this.latestBookable) this.noteFuture(row);
    this.compareWithEarlier(row);
    if (row.balance !== undefined) {
      this.firstBalance ??= { row, before: this.total.value() };
      this.lastBalance = { row };
    }
    const step = this.stepBalance(row);
    if (held.cells) this.noteRuns(row, held.cells, step);
    const prev = this.previous;
    if (row.valueDate === undefined) this.withoutValueDate++;
    else if (prev?.valueDate !== undefined) {
      if (row.valueDate > prev.valueDate) this.valueUp++;
      else if (row.valueDate < prev.valueDate) this.valueDown++;
    }
    const sectionStart = this.sectionStart;
    this.sectionStart = false;
    if (prev && sectionStart) {
      // The first row of a section under its own header (sectionColumns): no step up or down.
    } else if (prev) {
      if (row.date > prev.date) this.up++;
      else if (row.date < prev.date) {
        this.down++;
        this.firstBackward ??= row;
      } else if (this.up === 0 && this.down === 0 && prev.balance !== undefined && row.balance !== undefined) {
        // Only one-day files need the chain to tell their order.
        if (prev.balance.add(row.amount).eq(row.balance)) this.chainForward++;
        if (row.balance.add(prev.amount).eq(prev.balance)) this.chainBackward++;
      }
    } else {
      this.firstDate = row.date;
    }
    this.lastDate = row.date;
    if (this.minDate === undefined || row.date < this.minDate) this.minDate = row.date;
    if (this.maxDate === undefined || row.date > this.maxDate) this.maxDate = row.date;
    keepTwo(this.earliest, row, (a, b) => a.date < b.date);
    keepTwo(this.latest, row, (a, b) => a.date > b.date);
    if (this.lastBalance && this.lastBalance.row === row) this.lastBalance.before = this.total.value();
    this.total.add(row.amount);
    this.previous = row;
  }

  /** A booked row dated after today (and the grace days): counted, the first few kept (futureDates). */
  private noteFuture(row: StatementRow): void {
    const future = (this.future ??= { today: this.today, count: 0, rows: [] });
    if (future.count++ < 5) future.rows.push({ sourceRow: row.sourceRow, date: row.date });
  }

  /**
   * A posted row: kept (its key) to compare later sections with, and — under the table's header
   * again — compared with the rows before that header: a section whose rows repeat earlier rows,
   * row for row, is an export pasted twice (endRepeat).
   */
  private compareWithEarlier(row: StatementRow): void {
    if (this.repeat === undefined && this.rowKeys.length >= MAX_ROWS_COMPARED) return;
    const key = rowKey(row);
    const repeat = this.repeat;
    if (repeat && row.sourceRow > repeat.headerLine) {
      const run = repeat.run;
      const next = run?.starts.filter((i) => i + run.matched < repeat.before && this.rowKeys[i + run.matched]?.key === key);
      if (run && next!.length > 0) {
        run.starts = next!;
        run.matched++;
        run.lastLine = row.sourceRow;
      } else {
        // The run ends here (refused if long enough); this row may start another.
        if (run) this.endRun(repeat);
        const starts = (this.rowsByKey.get(key) ?? []).filter((i) => i < repeat.before);
        if (starts.length > 0) repeat.run = { starts, matched: 1, firstLine: row.sourceRow, lastLine: row.sourceRow, fromTop: repeat.rows === 0 };
      }
      repeat.rows++;
    }
    if (this.rowKeys.length < MAX_ROWS_COMPARED) {
      const at = this.rowsByKey.get(key);
      if (at) at.push(this.rowKeys.length);
      else this.rowsByKey.set(key, [this.rowKeys.length]);
      this.rowKeys.push({ key, line: row.sourceRow });
    }
  }

  /**
   * The end of a section under the table's header again (its rows diverge from the earlier ones,
   * another header, the end of the file): when its rows repeated earlier rows row for row — three
   * or more, or all the rows before it — the file holds an export twice, or two that overlap, and
   * every repeated row would be booked twice: refused, naming both runs of lines.
   */
  private endRepeat(): void {
    const repeat = this.repeat;
    this.repeat = undefined;
    if (repeat) this.endRun(repeat);
  }

  /** A run of a repeated section's rows that repeats earlier rows: refused when long enough, or the whole of them (endRepeat). */
  private endRun(repeat: NonNullable<CsvStatementReader["repeat"]>): void {
    const run = repeat.run;
    repeat.run = undefined;
    if (run === undefined) return;
    const start = run.starts[0]!;
    const whole = run.fromTop && start === 0 && run.matched === repeat.before;
    if (run.matched < MIN_REPEATED_ROWS && !whole) return;
    const span = (from: number, to: number) => (from === to ? `line ${from}` : `lines ${from}–${to}`);
    const earlier = span(this.rowKeys[start]!.line, this.rowKeys[start + run.matched - 1]!.line);
    const these = span(run.firstLine, run.lastLine);
    throw new StatementParseError(
      `the table's header again, and ${these} under it repeat ${earlier} row for row (the same dates, amounts and texts): ` +
        (whole
          ? "the file holds the same export twice — upload it once"
          : "the file holds two exports that overlap, and their shared rows would be booked twice — upload exports that do not overlap"),
      { row: repeat.headerLine },
    );
  }

  /**
   * Counts whether the running balance moves by the row's amount, for either file order (steps);
   * returns whether it did not, read either way, on a row with a balance after another's.
   */
  private stepBalance(row: StatementRow): { oldestFirst: boolean; newestFirst: boolean } | undefined {
    const from = this.stepFrom;
    if (row.balance === undefined) {
      if (from === undefined) return undefined;
      const amount = this.unitsAtStepScale(from, row.amount);
      from.after += amount;
      from.fromItsRow += amount;
      return undefined;
    }
    if (from === undefined) {
      const scale = Math.max(row.amount.scale, row.balance.scale);
      this.stepFrom = { scale, balance: unitsAt(row.balance, scale), after: 0n, fromItsRow: unitsAt(row.amount, scale) };
      return undefined;
    }
    const amount = this.unitsAtStepScale(from, row.amount);
    const balance = this.unitsAtStepScale(from, row.balance);
    const steps = this.steps;
    steps.count++;
    // Oldest first, the balance before plus the amounts since is this one; newest first, the
    // balance before (a later one) less its own and the amounts since is this one.
    const oldestFirst = from.balance + from.after + amount !== balance;
    const newestFirst = from.balance - from.fromItsRow !== balance;
    if (oldestFirst && steps.brokenOldestFirst++ === 0) steps.firstBrokenOldestFirst = row.sourceRow;
    if (newestFirst && steps.brokenNewestFirst++ === 0) steps.firstBrokenNewestFirst = row.sourceRow;
    from.balance = balance;
    from.after = 0n;
    from.fromItsRow = amount;
    return { oldestFirst, newestFirst };
  }

  /**
   * The values of a headerless file's columns not read, row by row (runs): a column of short
   * codes that holds one value over a run of rows and changes only where the running balance
   * starts over (Desjardins' account "EOP", then "ES1": two accounts' rows one after the other)
   * names the account of each run. A value that changes where the balance goes on, or comes back
   * after another, is no account's: that column is no longer followed.
   */
  private noteRuns(row: StatementRow, cells: readonly string[], step: { oldestFirst: boolean; newestFirst: boolean } | undefined): void {
    for (const run of this.runs) {
      if (!run.alive) continue;
      const value = cellOf(cells, run.index);
      const last = run.list.at(-1);
      if (last?.value === value) {
        last.rows++;
        continue;
      }
      if (!RUN_CODE.test(value) || (last && (step === undefined || run.list.length >= MAX_ACCOUNTS_TRACKED || run.list.some((r) => r.value === value)))) {
        run.alive = false;
        continue;
      }
      run.list.push({ value, rows: 1, line: row.sourceRow, ...(step ? { broken: step } : {}) });
    }
  }

  /**
   * Rows of several accounts one after the other in a headerless file (noteRuns): a column whose
   * value changes only where the running balance (read in the file's order) starts over. Refused,
   * naming each account, as rows of several accounts are under a column that names them.
   */
  private accountRuns(order: CsvReadResult["fileOrder"]): void {
    for (const run of this.runs) {
      if (!run.alive || run.list.length < 2) continue;
      const changes = run.list.slice(1);
      if (!changes.every((r) => r.broken && (order === "newest-first" ? r.broken.newestFirst : r.broken.oldestFirst))) continue;
      const accounts = run.list.map((r) => ({ account: r.value, rows: r.rows })).sort((a, b) => b.rows - a.rows);
      const where = listInWords(changes.map((r) => String(r.line)));
      throw this.severalAccounts(accounts, (named) => `one after the other, named in column ${run.index + 1} (${named}): where it changes (row ${where}), the running balance starts over`);
    }
  }

  /** A value in units of the steps' scale, widening the steps' sums first when it has more decimals. */
  private unitsAtStepScale(from: NonNullable<CsvStatementReader["stepFrom"]>, value: Decimal): bigint {
    if (value.scale > from.scale) {
      const widen = 10n ** BigInt(value.scale - from.scale);
      from.balance *= widen;
      from.after *= widen;
      from.fromItsRow *= widen;
      from.scale = value.scale;
    }
    return unitsAt(value, from.scale);
  }

  /**
   * Whether the rows as read contradict the balances the file states, and how: a stated opening
   * or closing balance that the running balances do not end at, an opening plus the rows that
   * is not the stated closing (a file without running balances), or running balances that the
   * amounts do not lead to on most steps. Each says the columns or signs were misread (a
   * direction column left unread, a card's charges taken as money in), so the mapping needs a
   * person. A running balance that breaks on a few steps among many that hold was read right:
   * a row is missing or the bank's figure is wrong, and the worker's balance proof holds that
   * import for review, naming the row.
   */
  private balanceContradiction(order: CsvReadResult["fileOrder"], implied: { opening?: Decimal; closing?: Decimal }): string | undefined {
    const { opening, closing } = this.stated;
    const total = this.total.value();
    const steps = this.steps;
    if (this.lastBalance !== undefined) {
      if (opening !== undefined && implied.opening !== undefined && !opening.eq(implied.opening)) {
        return `the opening balance ${formatForMessage(opening)} the file states is not where its running balances start (${formatForMessage(implied.opening)})`;
      }
      if (closing !== undefined && implied.closing !== undefined && !closing.eq(implied.closing)) {
        return `the closing balance ${formatForMessage(closing)} the file states is not where its running balances end (${formatForMessage(implied.closing)})`;
      }
      const broken = order === "newest-first" ? steps.brokenNewestFirst : steps.brokenOldestFirst;
      if (broken * 2 > steps.count) {
        const first = order === "newest-first" ? steps.firstBrokenNewestFirst : steps.firstBrokenOldestFirst;
        return `the amounts do not lead from one running balance to the next on ${broken} of ${steps.count} rows (the first, row ${first})`;
      }
      return undefined;
    }
    if (opening !== undefined && closing !== undefined && !opening.add(total).eq(closing)) {
      return `the opening balance ${formatForMessage(opening)} the file states plus the rows (${formatForMessage(total)}) is ${formatForMessage(opening.add(total))}, not the closing balance ${formatForMessage(closing)} it states`;
    }
    return undefined;
  }

  private hold(row: StatementRow, pending: boolean, cells?: readonly string[]): void {
    if (this.exportBelow && !pending) throw this.twoExports({ line: this.layout.headerLine, rows: this.exportBelow.rowsAbove }, this.exportBelow.line);
    this.afterRow = true;
    const code = row.currency ?? this.currency?.code;
    if (code !== undefined) this.rowsByCurrency.set(code, (this.rowsByCurrency.get(code) ?? 0) + 1);
    if (row.currency !== undefined && this.currency !== undefined && row.currency !== this.currency.code) return this.setAside(row);
    this.flushHeld();
    this.held = { row, pending, ...(cells ? { cells } : {}) };
    this.accountLine = undefined;
  }

  private onRecord(marked: SourceRecord): void {
    const layout = this.layout;
    if (this.nulSeen && marked.cells.some((c) => c.includes("\0"))) {
      throw new StatementParseError("the line holds a NUL byte, a control character no text has: the file was damaged or padded on its way — export it again from the bank", { row: marked.line });
    }
    const source = layout.textMarker ? { ...marked, cells: marked.cells.map(withoutTextMarker) } : marked;
    const inTable = source.line >= layout.dataStartLine;
    const record = inTable && source.cells.length > layout.fieldCount ? this.refit(source) : inTable && source.cells.length < layout.fieldCount ? this.otherDelimiterFit(source) : source;
    // A row in another delimiter's fields that do not fit the columns: left out, and said (finish).
    if (record === undefined) return this.skip(source.line, "not-a-transaction", source.cells);
    try {
      this.readRecord(record);
    } catch (error) {
      const extra = source.cells.slice(layout.fieldCount).some((c) => c.trim() !== "");
      if (!(error instanceof StatementParseError) || record !== source || !extra) throw error;
      throw new StatementParseError(
        `${error.reason} — the row has ${source.cells.length} fields where the header has ${layout.fieldCount}: a text with a ` +
          `"${layout.delimiter === "\t" ? "tab" : layout.delimiter}" in it is probably not in quotes; export the file again, or put that text in quotes`,
        error.location,
      );
    }
  }

  /**
   * A row with more fields than the header, whose extra pieces are a text column's own text cut
   * at a delimiter the bank did not quote ("ACME, INC"): when joining them back into exactly
   * one of the text columns makes every date and money column of the row readable — and the
   * row as it stands does not read — that is the row, and the statement says so.
   */
  private refit(record: SourceRecord): SourceRecord {
    const { cells } = record;
    const width = this.layout.fieldCount;
    const extra = cells.length - width;
    if (cells.slice(width).every((c) => c.trim() === "") || this.readable(cells)) return record;
    const fits = this.columns.text
      .map((t) => [...cells.slice(0, t), cells.slice(t, t + extra + 1).join(this.layout.delimiter), ...cells.slice(t + extra + 1)])
      .filter((joined) => this.readable(joined));
    if (fits.length !== 1) return record;
    const joined = fits[0]!;
    const text = this.columns.text.map((t) => joined[t]!).find((c, k) => c !== cells[this.columns.text[k]!]) ?? "";
    if (this.refitted) this.refitted.count++;
    else this.refitted = { line: record.line, text: tidy(text.trim()), count: 1 };
    return { ...record, cells: joined };
  }

  /** Every date and money column of the cells reads (or is empty). */
  private readable(cells: readonly string[]): boolean {
    const c = this.columns;
    for (const index of [c.date, c.valueDate]) {
      const text = cellOf(cells, index);
      if (text !== "" && /\d/.test(text) && parseDateParts(text, this.layout.dateOrder) === null) return false;
    }
    if (cellOf(cells, c.date) === "" && !this.hasAmount(cells)) return false;
    for (const kind of ["amount", "debit", "credit", "fee", "hold", "balance"] as const) {
      const text = cellOf(cells, c[kind]);
      if (text !== "" && parseAmountWithCurrency(text, { decimalSeparator: c.separators[kind] }) === null) return false;
    }
    return true;
  }

  /**
   * A row with fewer fields than the header whose line separates its fields with another
   * delimiter (rows pasted in from a "," export into a ";" file): split that way, when it holds a
   * date and an amount. Its cells, when they fit the columns — as many, every date and money
   * column readable, a date and an amount there — are the row, read and said (finish); else it is
   * left out (undefined), and said. A line of fewer fields with no date and amount that way (a
   * title, a total) is as it was.
   */
  private otherDelimiterFit(record: SourceRecord): SourceRecord | undefined {
    const { cells } = record;
    const layout = this.layout;
    const joined = cells.join(layout.delimiter);
    const others = DELIMITERS.filter((d) => d !== layout.delimiter && joined.includes(d));
    if (others.length === 0 || !/\d/.test(joined)) return record;
    // A row as it stands (its last empty fields left off) is read as it stands.
    if (this.readable(cells) && this.readDateParts(cellOf(cells, this.columns.date)) !== null && this.amountHasDigits(cells)) return record;
    for (const delimiter of others) {
      const split = splitRecords(joined, delimiter, { lenient: true });
      const other = split.length === 1 ? split[0]!.cells : undefined;
      if (other === undefined || other.length < 3 || !this.holdsDateAndMoney(other)) continue;
      const width = layout.fieldCount;
      const fits =
        (other.length === width || other.slice(width).every((c) => c.trim() === "")) &&
        this.readable(other) &&
        this.readDateParts(cellOf(other, this.columns.date)) !== null &&
        this.amountHasDigits(other);
      const note = (this.otherDelimiter ??= { delimiter, read: [], left: [], readCount: 0, leftCount: 0 });
      if (fits && note.delimiter === delimiter) {
        if (note.readCount++ < MAX_LINES_NAMED) note.read.push(record.line);
        return { ...record, cells: other.slice(0, Math.max(width, cells.length)) };
      }
      if (note.leftCount++ < MAX_LINES_NAMED) note.left.push(record.line);
      return undefined;
    }
    return record;
  }

  /** Some cell is a date (with a separator: not a bare number) and another looks like money. */
  private holdsDateAndMoney(cells: readonly string[]): boolean {
    const date = cells.findIndex((c) => {
      const t = c.trim();
      return t.length >= 6 && /\d/.test(t) && /[./ -]/.test(t) && (parseDateParts(t, this.layout.dateOrder) !== null || parseDateParts(t, this.layout.dateOrder === "day-first" ? "month-first" : "day-first") !== null);
    });
    return date >= 0 && cells.some((c, i) => i !== date && looksLikeMoney(c));
  }

  /** Cells that read as a row under `columns`: a date in its date column (either order) and an amount in its money column. */
  private readsAsRow(cells: readonly string[], columns: Columns): boolean {
    const date = cellOf(cells, columns.date);
    if (!/\d/.test(date) || (parseDateParts(date, "day-first") === null && parseDateParts(date, "month-first") === null)) return false;
    return [columns.amount, columns.debit, columns.credit].some((i) => {
      const text = cellOf(cells, i);
      return /\d/.test(text) && parseAnyAmount(text) !== null;
    });
  }

  /** The refusal of a file of two exports, one table under a header and another under one of other columns. */
  private twoExports(first: { line: number | null; rows: number }, second: number): StatementParseError {
    const firstTable = first.line !== null ? `a header on line ${first.line}` : `a table from line ${this.layout.dataStartLine}`;
    return new StatementParseError(
      `the file holds two exports: ${firstTable} (${first.rows} row${first.rows === 1 ? "" : "s"} under it) and another header on line ${second}, with other columns — ` +
        `upload each export on its own`,
      { row: second },
    );
  }

  private readRecord(record: SourceRecord): void {
    const { line, cells } = record;
    const layout = this.layout;
    if (line < layout.dataStartLine) {
      if (line !== layout.headerLine) this.preambleLine(record);
      // Rows under a header of other columns above this one: another export (two rows at least —
      // a summary block's own header has one line of values under it).
      else if (this.exportAbove && this.exportAbove.rows >= 2) throw this.twoExports(this.exportAbove, line);
      return;
    }
    // Blank lines separate nothing; they are not reported.
    let blank = true;
    for (const c of cells) {
      if (c.length > 0 && c.trim() !== "") {
        blank = false;
        break;
      }
    }
    if (blank) {
      this.afterBlank = true;
      return;
    }
    const afterBlank = this.afterBlank;
    this.afterBlank = false;
    // A row under another export's header (exportBelow), in whatever date order that export writes.
    const below = this.exportBelow;
    if (below && this.readsAsRow(cells, this.columns)) throw this.twoExports({ line: layout.headerLine, rows: below.rowsAbove }, below.line);

    const col = this.columns;
    if (this.headerKey !== undefined && cells.length > 1 && cells[0].trim().toLowerCase() === this.headerFirstCell) {
      if (cells.map(normalizeHeaderName).join("\u001f") === this.headerKey) {
        const next = this.accountLine;
        // Only against an account the file named before its rows: without one, a line naming an
        // account before a repeated header may as well be a page header of the same account. A
        // section starts where the account named differs from the one above (not at its page headers).
        const above = this.accountSections.at(-1)?.account.key;
        if (next && this.ownAccounts.length > 0 && !(above === undefined ? this.ownAccounts.some((k) => sameAccount(k, next.account.key)) : sameAccount(above, next.account.key))) {
          this.accountSections.push({ ...next, rowsBefore: this.rowCount + (this.held && !this.held.pending ? 1 : 0) });
        }
        this.accountLine = undefined;
        // The table's own header again, after a section under another: its columns again.
        this.columns = this.tableColumns;
        this.exportBelow = undefined;
        // The rows under it are compared with the rows before it (compareWithEarlier): a page's
        // rows are new, an export pasted twice repeats them. The row above is not flushed yet.
        this.endRepeat();
        this.repeat = { headerLine: line, before: this.rowKeys.length + (this.held && !this.held.pending ? 1 : 0), rows: 0 };
        return this.skip(line, "repeated-header", cells);
      }
    }

    const dateText = cellOf(cells, col.date);
    // Quicken's split: a row whose category is "--Split--", then undated lines of its parts.
    if (dateText !== "") this.splitOpen = cells.some(isSplitMarker);
    else if (this.splitOpen && this.hasAmount(cells)) return this.skip(line, "not-a-transaction", cells);
    const status = col.status !== undefined ? statusKind(cellOf(cells, col.status), col.statusAsksPending) : "posted";
    if (status === "void") return this.skip(line, "void", cells);

    const amountPresent = this.hasAmount(cells);
    const description = this.describe(cells);

    // Balance lines: "Opening balance", "Beginning balance as of …", "Saldo neu" — a fact, not a row.
    const dateParts = this.readDateParts(dateText);
    const labelText = dateParts ? description : cells.join(" ");
    if (!dateParts && isLabelLine(cells)) {
      this.labelsAbove = { line, cells };
      return this.skip(line, "summary", cells);
    }
    if (BALANCE_HINT.test(labelText) || (labelText.length < 40 && /\b\w \w \w\b/.test(labelText) && BALANCE_HINT.test(labelText.replace(/\s+/g, "")))) {
      // A day's balance among the rows ("Saldo do dia") is no row: a checkpoint of the running balance.
      if (isDailyBalanceLabel(labelText)) {
        if (dateParts) this.dayBalanceLine(record, this.resolveDate(dateParts, cells, line, false));
        return this.skip(line, "balance-line", cells);
      }
      const kind = balanceLineKind(labelText);
      if (kind) return this.balanceLine(record, kind);
      if (isBareBalanceLabel(labelText)) return this.balanceLine(record, undefined, dateParts ? this.resolveDate(dateParts, cells, line, false) : undefined);
    }

    // A placeholder for "no date yet" (1900-01-01, 0001-01-01, 9999-12-31): no business books
    // money then. Such a row is not booked yet, like one with an empty booking date.
    if (dateParts?.year !== undefined && (dateParts.year < PLACEHOLDER_BEFORE || dateParts.year > PLACEHOLDER_AFTER) && amountPresent) {
      if (this.placeholderDates) this.placeholderDates.count++;
      else this.placeholderDates = { line, text: dateText, count: 1 };
      const row = this.readRow(record, this.lastResolved ?? this.firstDate ?? "", description);
      if (row.valueDate) row.date = row.valueDate;
      return this.hold(row, true);
    }

    if (dateParts === null) {
      // Values under a line of labels after the rows (YES BANK's "Statement Summary": Opening
      // Balance, Debit Count, … Closing Balance over one line of numbers): the balances, no row.
      const labels = this.labelsAbove;
      this.labelsAbove = undefined;
      if (labels && labels.line === line - 1 && this.readUnderLabels(labels.cells, cells)) return this.skip(line, "summary", cells);
      // A pending section with a table of its own under its own header (Erste's "Rezervacije
      // po karticama": Datum transakcije, Opis, Iznos): its rows are read by that header.
      // Any later section under a header of its own (Isracard's foreign purchases after the
      // domestic ones: purchase and charge dates, the original amount and the shekels charged) is
      // read by its header too, not as a row: its columns are not the first table's.
      const own = sectionColumns(cells, this.layout, this.pendingSection);
      if (own) {
        // Right under the rows, with no line that names a section ("Pending", "Foreign purchases")
        // between: another export pasted below this one — refused at the first row under it.
        const anotherExport = !this.pendingSection && this.afterRow;
        // A section of its own is sorted on its own: its first row does not go back from the last one's.
        this.flushHeld();
        if (anotherExport) this.exportBelow = { line, rowsAbove: this.rowCount };
        this.sectionStart = true;
        this.columns = own;
        return this.skip(line, "repeated-header", cells);
      }
      if (!amountPresent) {
        // Text in description columns only: the previous row's description continues.
        if (dateText === "" && this.held && !afterBlank && this.isContinuation(cells)) {
          const extra = tidy(description);
          this.held.row.description = this.held.row.description ? `${this.held.row.description} ${extra}` : extra;
          return;
        }
        const section = cells.filter((c) => c.trim() !== "").length <= 2 ? sectionKind(cells.join(" ")) : undefined;
        if (section) {
          this.pendingSection = section === "pending";
          return this.skip(line, "not-a-transaction", cells);
        }
        this.facts(record, false, true);
        return this.skip(line, mentionsSummary(cells.join(" ")) ? "summary" : "not-a-transaction", cells);
      }
      if (!/\d/.test(dateText)) {
        // No booking date yet but the date it was made (a transaction or value date): not
        // booked yet, as an empty "Settled Date" or "Buchungstag" says.
        const pending =
          mentionsPending(dateText) ||
          (dateText === "" &&
            (this.pendingSection || status === "pending" || hasPendingMarker(description) || this.hasValueDate(cells) || this.heldOnly(cells) || cells.some(isPendingWord)));
        if (pending) {
          // Its amount in words, not settled yet ("PENDING" where the amount goes): a pending
          // row of no amount known, listed among the skipped lines as pending.
          if (!this.amountHasDigits(cells) && this.moneyInWords(cells)) return this.skip(line, "pending", cells);
          // Not booked yet, so no booking date: the date it was made (a value or start date
          // column) when the file has one, else the last date seen.
          const row = this.readRow(record, this.lastResolved ?? this.firstDate ?? "", description);
          if (row.valueDate) row.date = row.valueDate;
          return this.hold(row, true);
        }
        // "Mutasi Kredit,=,39052455.00,7": a turnover line labelled where the date goes.
        // … and an exchange rate where the date goes (Itaú's card: "dólar de conversão;;;R$ 5,5812").
        // … or in the text columns, with no date at all (a general ledger's "Omslutning" under its rows).
        if (mentionsSummary(cells.join(" ")) || isTurnoverLabel(dateText) || isTurnoverLabel(description) || namesExchangeRate(dateText)) return this.skip(line, "summary", cells);
        if (dateText === "") throw new StatementParseError("there is an amount but no date", { row: line });
        // Neither a date nor a number where the date and the amount go: a line of words across
        // the table, no row (SMBC's card export names each card's holder over its rows).
        if (!this.amountHasDigits(cells)) return this.skip(line, "not-a-transaction", cells);
      }
      const impossible = impossibleDate(dateText, this.layout.dateOrder);
      throw new StatementParseError(`${impossible ?? `cannot read the date "${dateText}"`}${this.expectedDate(dateText)}`, { row: line });
    }

    const date = this.resolveDate(dateParts, cells, line);
    let unread: { column: number; value: Decimal } | undefined;
    if (!amountPresent) {
      if (mentionsSummary(description)) return this.skip(line, "summary", cells);
      if (status === "pending" || this.pendingSection || hasPendingMarker(description)) return this.skip(line, "pending", cells);
      // Money in a column the layout does not read (Desjardins' "Intérêt" beside "Retrait" and
      // "Dépôt", filled on the month's interest row alone): taken when the running balance proves it.
      unread = this.unreadMoney(cells);
      if (!unread) throw new StatementParseError("there is a date but no amount", { row: line });
    }
    // "Käive" (turnover) lines sum the period's debits or credits: dated, with an amount, no transaction.
    if (isTurnoverLabel(description)) return this.skip(line, "summary", cells);
    const row = this.readRow(record, date, description);
    if (unread) this.takeUnread(row, unread);
    const pending = status === "pending" || this.pendingSection || hasPendingMarker(description) || this.heldOnly(cells);
    // A row of exactly zero moves no money (Swedbank's accrued-interest line, "Intress 0,00"):
    // listed among the skipped lines, not posted.
    if (!pending && row.amount.isZero()) return this.skip(line, "zero-amount", cells);
    this.hold(row, pending, this.runs.length > 0 ? cells : undefined);
  }

  private hasValueDate(cells: readonly string[]): boolean {
    const c = this.columns.valueDate;
    return c !== undefined && /\d/.test(cellOf(cells, c)) && parseDateParts(cellOf(cells, c), this.layout.dateOrder) !== null;
  }

  private isContinuation(cells: readonly string[]): boolean {
    let text = false;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i].trim() === "") continue;
      if (this.columns.nonText.has(i) || !this.columns.text.includes(i)) return false;
      text = true;
    }
    return text;
  }

  /** The row's filled money cells (amount, debit, credit) say only that it is pending ("PENDING", "Vorgemerkt"). */
  private moneyInWords(cells: readonly string[]): boolean {
    const c = this.columns;
    const filled = [c.amount, c.debit, c.credit].map((i) => cellOf(cells, i)).filter((t) => t !== "");
    return filled.length > 0 && filled.every(isPendingWord);
  }

  /** A digit in any of the row's money cells (amount, debit, credit, fee). */
  private amountHasDigits(cells: readonly string[]): boolean {
    const c = this.columns;
    return [c.amount, c.debit, c.credit, c.fee].some((i) => i !== undefined && /\d/.test(cellOf(cells, i)));
  }

  private hasAmount(cells: readonly string[]): boolean {
    const c = this.columns;
    return (
      cellOf(cells, c.amount ?? c.debit) !== "" ||
      (c.credit !== undefined && cellOf(cells, c.credit) !== "") ||
      // A row that is a fee alone (Capitec's "Monthly Account Admin Fee": Money In and Out empty).
      (c.fee !== undefined && cellOf(cells, c.fee) !== "" && !isPlaceholder(cellOf(cells, c.fee))) ||
      this.heldOnly(cells)
    );
  }

  /** A row with no amount but one held on the account: pending, by that amount. */
  private heldOnly(cells: readonly string[]): boolean {
    const c = this.columns;
    return c.hold !== undefined && /\d/.test(cellOf(cells, c.hold)) && [c.amount, c.debit, c.credit].every((i) => i === undefined || cellOf(cells, i) === "");
  }

  /** The row's text columns joined; a placeholder for "none" ("-", "N/A": an empty cheque number) is left out. */
  private describe(cells: readonly string[]): string {
    const parts: string[] = [];
    const parties = this.columns.parties;
    for (const i of this.columns.text) {
      const t = textOf(cells, i, this.columns.quoted, this.columns.stamps);
      if (t === "" || isPlaceholder(t)) continue;
      // The account's holder in one of two party columns: the row's other party says who.
      if (parties && parties.columns.includes(i) && partyKey(t) === parties.holder) continue;
      const text = tidy(jsonCellText(t));
      if (text !== "") addDescriptionPart(parts, text);
    }
    if (parts.length === 0 && this.columns.kind !== undefined) {
      const kind = tidy(textOf(cells, this.columns.kind, this.columns.quoted));
      return isPlaceholder(kind) ? "" : kind;
    }
    return parts.length === 1 ? parts[0] : parts.join(DESCRIPTION_JOINER);
  }

  private readDateParts(text: string): DateParts | null {
    if (text === this.lastDateText) return this.lastDateParts;
    const parts = text === "" || !/\d/.test(text) ? null : parseDateParts(text, this.layout.dateOrder);
    this.lastDateText = text;
    this.lastDateParts = parts;
    return parts;
  }

  private expectedDate(text: string): string {
    return /^\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?$/.test(text) ? ` (dates in this file are ${describeDateOrder(this.layout.dateOrder)})` : "";
  }

  /** ISO date of a row; a date without a year gets the year that keeps it near its neighbours. */
  private resolveDate(parts: DateParts, cells: readonly string[], line: number, remember = true): string {
    if (parts.year !== undefined) {
      const iso = isoDate(parts.year, parts.month, parts.day)!;
      if (remember) this.lastResolved = iso;
      return iso;
    }
    const candidates = (years: number[]) =>
      years.map((y) => isoDate(y, parts.month, parts.day)).filter((d): d is string => d !== null);
    const nearest = (anchor: string, options: string[]) =>
      options.reduce((best, d) => (Math.abs(daysBetween(anchor, d)) < Math.abs(daysBetween(anchor, best)) ? d : best));
    let iso: string | undefined;
    const valueDate = this.columns.valueDate !== undefined ? parseDateParts(cellOf(cells, this.columns.valueDate), this.layout.dateOrder) : null;
    if (this.lastResolved) {
      const y = Number(this.lastResolved.slice(0, 4));
      iso = nearest(this.lastResolved, candidates([y - 1, y, y + 1]));
    } else if (valueDate?.year !== undefined) {
      const anchor = isoDate(valueDate.year, valueDate.month, valueDate.day)!;
      iso = nearest(anchor, candidates([valueDate.year - 1, valueDate.year, valueDate.year + 1]));
    } else if (this.period) {
      const { from, to } = this.period;
      const options = candidates([Number(from.slice(0, 4)) - 1, Number(from.slice(0, 4)), Number(to.slice(0, 4)), Number(to.slice(0, 4)) + 1]);
      iso = options.find((d) => d >= from && d <= to) ?? nearest(to, options);
    } else if (this.options.referenceDate) {
      const ref = this.options.referenceDate;
      const y = Number(ref.slice(0, 4));
      iso = candidates([y, y - 1]).find((d) => d <= ref) ?? candidates([y])[0];
    } else {
      // The latest year that does not put the first row in the future: a statement lists what
      // has happened (a December row read in early December of next year's export is last year's).
      const today = new Date().toISOString().slice(0, 10);
      const y = Number(today.slice(0, 4));
      iso = candidates([y, y - 1]).find((d) => d <= today) ?? candidates([y])[0];
      this.assumedYear = iso ? Number(iso.slice(0, 4)) : y;
      this.warnings.push(`dates have no year and the file states none; assumed ${this.assumedYear}, the latest year that puts the first row no later than today`);
    }
    if (!iso) throw new StatementParseError(`cannot place the date without a year in a calendar`, { row: line });
    if (remember) this.lastResolved = iso;
    return iso;
  }

  private readMoney(cells: readonly string[], kind: AmountKind, line: number): Decimal | undefined {
    const index = this.columns[kind];
    const text = cellOf(cells, index);
    if (text === "") return undefined;
    // A balance overdrawn is marked so after it ("772.95 OD"): below zero, as a DR after it is.
    const od = kind === "balance" ? overdrawnBalance(text) : { text, overdrawn: false };
    const read = parseAmountWithCurrency(od.text, { decimalSeparator: this.columns.separators[kind] });
    if (read === null || (od.overdrawn && read.value.isNegative())) throw new StatementParseError(`cannot read the ${kind} "${text}"`, { row: line });
    if (read.currency && kind !== "balance") this.noteCurrency(read.currency, line);
    const value = this.atMoneyScale(read.value);
    return od.overdrawn ? value.neg() : value;
  }

  /**
   * Money printed with more decimals than its currency has, all of them zeros (U.S. Bank's
   * "-4.0000"): the same value at the currency's decimals — two while no currency is known — as
   * every other reader gives it. A digit that is not zero past them is kept as printed (the
   * import refuses an amount its currency cannot hold). Three decimals or fewer are left as
   * printed: a currency's own (the dinar's "1.500"), or a reading in doubt (amounts that read two ways).
   */
  private atMoneyScale(value: Decimal): Decimal {
    if (value.scale <= 3) return value;
    const code = this.rowCurrency ?? this.currency?.code ?? this.statedCurrency;
    const decimals = code !== undefined && isCurrencyCode(code) ? currencyExponent(code) : 2;
    return value.scale > decimals && value.significantScale() <= decimals ? value.rescale(decimals) : value;
  }

  /** The ledger amount: money out negative, less a fee charged on top (whatever sign the fee is printed with). */
  private signedAmount(cells: readonly string[], line: number): Decimal {
    const amount = this.amountBeforeFee(cells, line);
    const fee = this.columns.fee !== undefined ? this.readMoney(cells, "fee", line) : undefined;
    return fee === undefined || fee.isZero() ? amount : amount.sub(fee.abs());
  }

  private amountBeforeFee(cells: readonly string[], line: number): Decimal {
    const c = this.columns;
    // Held, not booked: the hold as printed (ING Śląski's "-24,00"); the row is pending (readRecord).
    if (this.heldOnly(cells)) return this.readMoney(cells, "hold", line) ?? Decimal.ZERO;
    if (c.amount !== undefined) {
      const value = this.readMoney(cells, "amount", line) ?? Decimal.ZERO;
      if (c.direction !== undefined) {
        const mark = cellOf(cells, c.direction);
        const marks = this.layout.directionValues!;
        const direction = marks.debit.includes(mark) ? "debit" : marks.credit.includes(mark) ? "credit" : directionOf(mark);
        if (direction) return direction === "debit" ? value.abs().neg() : value.abs();
        if (value.isZero()) return value;
        if (!c.directionOptional) throw new StatementParseError(`cannot read the debit/credit marker "${mark}"`, { row: line });
      }
      // A CR or DR after the amount is its sign under any rule: inverting "8,500.00 CR" would
      // book a payment to a card as a charge.
      const mark = this.layout.sign === "as-printed" ? undefined : amountMark(cellOf(cells, c.amount));
      if (mark) return mark === "credit" ? value.abs() : value.abs().neg();
      if (c.holds) return /^\+/.test(cellOf(cells, c.amount)) || value.isNegative() ? value : value.neg();
      if (this.layout.sign === "credits-marked") return value.abs().neg();
      return this.layout.sign === "inverted" ? value.neg() : value;
    }
    const debit = this.readMoney(cells, "debit", line);
    const credit = this.readMoney(cells, "credit", line);
    if (debit && credit && !debit.isZero() && !credit.isZero()) {
      const both = { line, debit: cellOf(cells, c.debit), credit: cellOf(cells, c.credit) };
      // A correction that debits and credits one row (Frost's "DEPOSIT CORRECTION": 1,250.00 out,
      // 1,205.00 in) moves the money by their difference — which only a running balance can
      // confirm (confirmNet); without one the row cannot be read.
      if (c.balance === undefined) throw bothFilledError(both);
      this.bothFilled = both;
      return credit.abs().sub(debit.abs());
    }
    if (debit && !debit.isZero()) return debit.abs().neg();
    if (credit) return credit.abs();
    return debit ?? Decimal.ZERO;
  }

  /**
   * A row with both its debit and its credit filled, read as credit − debit: confirmed when the
   * running balance moves by that from the row before it (oldest first) — or, failing that, from
   * the row after it (newest first: the next row read, confirmNetByNext). Refused otherwise.
   */
  private confirmNet(both: BothFilled, row: StatementRow): void {
    if (row.balance === undefined) throw bothFilledError(both);
    const previous = this.held && !this.held.pending ? this.held.row : this.previous;
    const before = previous ? previous.balance : this.stated.opening;
    if (before !== undefined && before.add(row.amount).eq(row.balance)) return this.noteNetted(both, row.amount);
    this.unconfirmedNet = { ...both, row };
  }

  /** The row after one read as credit − debit (confirmNet): its balance and that amount make the row's. */
  private confirmNetByNext(next: StatementRow): void {
    const open = this.unconfirmedNet!;
    this.unconfirmedNet = undefined;
    if (next.balance !== undefined && next.balance.add(open.row.amount).eq(open.row.balance!)) return this.noteNetted(open, open.row.amount);
    throw bothFilledError(open, open.row.amount);
  }

  private noteNetted(both: BothFilled, amount: Decimal): void {
    if (this.netted) this.netted.count++;
    else this.netted = { count: 1, sourceRow: both.line, debit: both.debit, credit: both.credit, amount };
  }

  /**
   * The money of a dated row whose own money columns are empty, in one column the layout does not
   * read (a third money column: interest, a loan's capital): only with a running balance to prove
   * it (takeUnread), and only when one such cell holds money.
   */
  private unreadMoney(cells: readonly string[]): { column: number; value: Decimal } | undefined {
    const c = this.columns;
    if (c.balance === undefined || c.balanceBefore || cellOf(cells, c.balance) === "") return undefined;
    let found: { column: number; value: Decimal } | undefined;
    for (const i of this.unreadColumns) {
      const text = cellOf(cells, i);
      if (text === "" || !looksLikeMoney(text)) continue;
      const read = parseAmountWithCurrency(text, { decimalSeparator: c.separators[c.amount !== undefined ? "amount" : "debit"] });
      if (read === null || read.value.isZero()) continue;
      if (found) return undefined;
      found = { column: i, value: this.atMoneyScale(read.value.abs()) };
    }
    return found;
  }

  /**
   * A row's money from a column not read (unreadMoney), signed as the running balance moves: up
   * by it from the row before (oldest first), money in; down by it, money out. Else the row after
   * it must prove it (proveUnreadByNext, newest first); a row neither proves is refused as one
   * with a date but no amount.
   */
  private takeUnread(row: StatementRow, unread: { column: number; value: Decimal }): void {
    if (row.balance === undefined) throw noAmountError(row.sourceRow, unread.column);
    const previous = this.held && !this.held.pending ? this.held.row : this.previous;
    const before = previous ? previous.balance : this.stated.opening;
    row.amount = unread.value;
    if (before !== undefined && before.add(unread.value).eq(row.balance)) return this.noteUnread(row, unread.column, before);
    if (before !== undefined && before.sub(unread.value).eq(row.balance)) {
      row.amount = unread.value.neg();
      return this.noteUnread(row, unread.column, before);
    }
    this.unprovenUnread = { row, value: unread.value, column: unread.column };
  }

  /** The row after one whose money stood in a column not read (takeUnread): its balance and that money make the row's. */
  private proveUnreadByNext(next: StatementRow): void {
    const open = this.unprovenUnread!;
    this.unprovenUnread = undefined;
    const balance = open.row.balance!;
    if (next.balance !== undefined && next.balance.add(open.value).eq(balance)) return this.noteUnread(open.row, open.column, next.balance);
    if (next.balance !== undefined && next.balance.sub(open.value).eq(balance)) {
      open.row.amount = open.value.neg();
      return this.noteUnread(open.row, open.column, next.balance);
    }
    throw noAmountError(open.row.sourceRow, open.column);
  }

  private noteUnread(row: StatementRow, column: number, before: Decimal): void {
    if (this.unreadTaken) this.unreadTaken.count++;
    else this.unreadTaken = { count: 1, sourceRow: row.sourceRow, column: column + 1, amount: row.amount, before, balance: row.balance! };
  }

  private noteCurrency(code: string, line: number, source = "row"): void {
    const seen = this.currency;
    if (!seen) {
      this.currency = { code, row: line, source };
      return;
    }
    // A row's own currency column naming another currency is set aside (setAside), and the file
    // refused at its end unless those rows cancel out; an amount marked so is refused at once.
    if (seen.code !== code && source !== "column") throw this.mixedCurrencies(code, line);
  }

  /**
   * The refusal of a file of more than one currency, at the first row in another. Read to its end
   * (`whole`), a file of three or more names each with its rows, most first: a multi-currency
   * account's export lists all its currencies (DBS's SGD, USD and EUR rows), and the pair that met
   * first would leave the third unsaid.
   */
  private mixedCurrencies(code: string, line: number, whole = false): StatementParseError {
    const seen = this.currency!;
    const where = seen.row === undefined ? "the header says" : `row ${seen.row} is in`;
    const counted = [...this.rowsByCurrency].sort((a, b) => b[1] - a[1]);
    const all =
      whole && counted.length > 2
        ? `; the file holds rows in ${counted.length} currencies: ${counted.map(([c, n], k) => `${c} ${n}${k === 0 ? ` row${n === 1 ? "" : "s"}` : ""}`).join(", ")}`
        : "";
    return new StatementParseError(`this statement mixes currencies (${where} ${seen.code}, this row is in ${code}${all}); upload one file per currency`, { row: line });
  }

  /**
   * A row in another currency than the statement's (PayPal's download of a EUR account lists a
   * USD purchase, and the conversion that paid it, in USD): left out of the ledger, and the file
   * refused at its end unless each other currency's rows add up to exactly nothing — then they
   * only passed through, and the statement's own currency has the money that moved.
   */
  private setAside(row: StatementRow): void {
    const code = row.currency!;
    const other = this.otherCurrencies.get(code);
    if (other) {
      other.total = other.total.add(row.amount);
      other.rows++;
    } else {
      this.otherCurrencies.set(code, { total: row.amount, rows: 1, first: row.sourceRow });
    }
    this.skippedCount++;
    if (this.skipped.length < this.maxStored) {
      this.skipped.push({ sourceRow: row.sourceRow, reason: "not-a-transaction", text: `in ${code}: ${row.amount.toString()} ${row.description}`.trim() });
    }
  }

  /** Whether the account's balance at the export (Columns.currentBalance) has been read. */
  private currentBalanceRead = false;

  /**
   * The account's balance when the file was exported, printed on every row: one balance the file
   * states without a date — the closing one unless the rows say otherwise (resolveBareBalances).
   */
  private readCurrentBalance(cells: readonly string[], line: number): void {
    const text = cellOf(cells, this.columns.currentBalance);
    if (text === "") return;
    const read = parseAmountWithCurrency(overdrawnBalance(text).text, { decimalSeparator: this.columns.separators.balance });
    if (read === null) return;
    this.currentBalanceRead = true;
    const value = this.atMoneyScale(read.value);
    this.bareBalances.push({ value: overdrawnBalance(text).overdrawn ? value.neg() : value, line, available: false });
  }

  private readRow(record: SourceRecord, date: string, description: string): StatementRow {
    const { line, cells } = record;
    const c = this.columns;
    if (c.account !== undefined) this.noteAccount(cellOf(cells, c.account.index));
    // The row's own currency first: its decimals are its amount's (atMoneyScale).
    let currency: string | undefined;
    if (c.currency !== undefined) {
      const text = cellOf(cells, c.currency);
      if (text !== "") {
        // A currency column holds a code, or the symbol or name the bank prints (€, 人民币, RUR).
        // A bare ¥ beside an amount may be yen or yuan; a column of them has been read as yen.
        currency = (text === "¥" ? "JPY" : currencyCodeOf(text)) ?? text.toUpperCase();
        if (!isCurrencyCode(currency)) throw new StatementParseError(`cannot read the currency "${text}"`, { row: line });
      }
    }
    this.rowCurrency = currency;
    const amount = this.signedAmount(cells, line);
    const balance = c.balance !== undefined ? this.readMoney(cells, "balance", line) : undefined;
    if (c.currentBalance !== undefined && !this.currentBalanceRead) this.readCurrentBalance(cells, line);
    const row: StatementRow = { sourceRow: line, date, amount, description };
    if (c.valueDate !== undefined) {
      const p = parseDateParts(cellOf(cells, c.valueDate), this.layout.dateOrder);
      const valueDate = p ? (p.year !== undefined ? isoDate(p.year, p.month, p.day) : isoDate(Number(date.slice(0, 4)), p.month, p.day)) : null;
      if (valueDate) row.valueDate = valueDate;
    }
    if (balance !== undefined) {
      // A balance before the row (de Volksbank's "saldo vóór mutatie"): the row's is it moved by
      // the amount as printed (a card that prints charges positive prints what is owed).
      row.balance = c.balanceBefore ? (this.layout.sign === "inverted" ? balance.sub(amount) : balance.add(amount)) : balance;
    }
    const both = this.bothFilled;
    this.bothFilled = undefined;
    if (this.unconfirmedNet) this.confirmNetByNext(row);
    if (this.unprovenUnread) this.proveUnreadByNext(row);
    if (both) this.confirmNet(both, row);
    if (c.payer !== undefined) {
      // The other party: who paid money in, who was paid money out; before the row's text.
      const party = textOf(cells, amount.isNegative() ? c.payee : c.payer, c.quoted, c.stamps);
      if (party !== "" && !isPlaceholder(party)) {
        row.payee = tidy(party);
        if (row.payee !== description) row.description = description ? `${row.payee}${DESCRIPTION_JOINER}${description}` : row.payee;
      }
    } else if (c.parties) {
      const other = c.parties.columns.map((i) => textOf(cells, i, c.quoted, c.stamps)).find((t) => t !== "" && !isPlaceholder(t) && partyKey(t) !== c.parties!.holder);
      if (other) row.payee = tidy(other);
    } else if (c.payee !== undefined) {
      const payee = textOf(cells, c.payee, c.quoted, c.stamps);
      // A placeholder ("--": eBay's shipping label has no buyer) names no one.
      if (payee && !isPlaceholder(payee)) row.payee = tidy(payee);
    }
    if (currency !== undefined) {
      this.noteCurrency(currency, line, "column");
      row.currency = currency;
    }
    if (c.category !== undefined) {
      const category = cellOf(cells, c.category);
      if (category) row.bankCategory = category;
    }
    if (c.bankId !== undefined) {
      const id = cellOf(cells, c.bankId);
      if (id && !isPlaceholder(id)) row.bankId = id;
    }
    return row;
  }

  /** A balance line inside the table: its value is the balance cell, else the amount, else the last number. */
  /** Balances under their labels, cell by cell (see labelsAbove); whether any was read. */
  private readUnderLabels(labels: readonly string[], cells: readonly string[]): boolean {
    let read = false;
    labels.forEach((label, i) => {
      const kind = balanceLineKind(label);
      const value = cells[i]?.trim();
      if (!kind || !value) return;
      const facts = lineFacts([label, value], this.layout.dateOrder, this.columns.separators.balance);
      if (facts.balance?.kind !== kind) return;
      this.stateBalance(kind, facts.balance.value);
      read = true;
    });
    return read;
  }

  private balanceLine(record: SourceRecord, kind: BalanceKind | undefined, date?: string): void {
    const { line, cells } = record;
    let value: Decimal | undefined;
    let inBalanceColumn = false;
    try {
      value = this.readMoney(cells, "balance", line);
      inBalanceColumn = value !== undefined;
      if (value === undefined && this.hasAmount(cells)) value = this.signedAmountForBalance(cells, line);
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      const facts = lineFacts(cells, this.layout.dateOrder, this.columns.separators.balance);
      value = facts.balance?.value ?? facts.bareBalance?.value;
      date ??= facts.bareBalance?.date;
      // "Saldo contabilístico ;2.408,08 EUR": the currency the balance is printed in is the account's.
      const currency = facts.balance?.currency ?? facts.bareBalance?.currency;
      if (currency && !this.currency) this.statedCurrency ??= currency;
    }
    if (!date && !kind) date = datesIn(cells.join(" "), this.layout.dateOrder).at(-1);
    // A card's balance stated after its rows in the amount's place or as text ("Total Statement
    // Balance,,,58,482.47") reads as one stated before them (asLedgerBalance): what is owed. One
    // in the running balance's column is as the rows' balances are printed.
    if (value !== undefined && !inBalanceColumn && this.options.accountKind === "credit-card") value = this.asLedgerBalance(value, cells);
    if (value !== undefined) {
      if (kind) this.stateBalance(kind, value);
      else this.bareBalances.push({ value, ...(date ? { date } : {}), line, available: isAvailableBalanceLabel(cells.join(" ")) });
    }
    this.skip(line, "balance-line", cells);
  }

  /** Balance lines print the balance itself: signed as printed, never inverted or marked. */
  private signedAmountForBalance(cells: readonly string[], line: number): Decimal | undefined {
    const c = this.columns;
    if (c.amount !== undefined) {
      const value = this.readMoney(cells, "amount", line);
      if (value === undefined || c.direction === undefined) return value;
      const mark = cellOf(cells, c.direction);
      const direction = this.layout.directionValues!.debit.includes(mark) ? "debit" : this.layout.directionValues!.credit.includes(mark) ? "credit" : directionOf(mark);
      return direction === "debit" ? value.abs().neg() : direction === "credit" ? value.abs() : value;
    }
    const debit = this.readMoney(cells, "debit", line);
    const credit = this.readMoney(cells, "credit", line);
    if (credit && !credit.isZero()) return credit;
    return debit?.abs().neg();
  }

  private stateBalance(kind: BalanceKind, value: Decimal): void {
    if (kind === "opening") this.stated.opening ??= value;
    else this.stated.closing = value;
  }

  /**
   * Facts a line outside the table's rows states (period, balances, currency). `amongRows`: a
   * line read where rows are, which may be a row's detail: a date and one amount on it are a
   * balance only in the balance column (ZKB's collective-payment details print each payment's
   * amount and value date in columns of their own).
   */
  private facts(record: SourceRecord, preamble: boolean, amongRows = false): ReturnType<typeof lineFacts> {
    const cells = this.layout.delimiter === "," ? rejoinSplitThousands(record.cells) : record.cells;
    const facts = lineFacts(cells, this.layout.dateOrder, this.columns.separators.balance);
    if (amongRows && facts.bareBalance?.cell !== undefined && facts.bareBalance.cell !== this.columns.balance && record.cells.length >= this.layout.columns.length) {
      delete facts.bareBalance;
    }
    if (facts.period && preamble) this.period ??= facts.period;
    if (facts.currency) this.statedCurrency ??= facts.currency;
    if (facts.balance) {
      this.stateBalance(facts.balance.kind, this.asLedgerBalance(facts.balance.value, record.cells));
      if (facts.balance.currency && !this.currency) this.statedCurrency ??= facts.balance.currency;
    }
    if (facts.bareBalance) {
      this.bareBalances.push({
        value: this.asLedgerBalance(facts.bareBalance.value, record.cells),
        ...(facts.bareBalance.date ? { date: facts.bareBalance.date } : {}),
        line: record.line,
        available: isAvailableBalanceLabel(record.cells.join(" ")),
      });
      if (facts.bareBalance.currency) this.statedCurrency ??= facts.bareBalance.currency;
    }
    if (facts.summary && preamble) {
      this.stated.opening ??= facts.summary.opening;
      this.stated.closing ??= facts.summary.closing;
    }
    if (preamble && !facts.currency) {
      // A cell that is just a currency code ("PLN" under a "#Waluta" label, "EUR" after a balance),
      // or a code set apart in the account's name: "OPERATING xxxxxx4821 (USD)", "0123012345600 -
      // EUR - Conta Caixa" (in brackets or between dashes only: "INC" or "ALL" in a name are words).
      const code =
        record.cells.map((c) => c.trim()).find((c) => /^[A-Z]{3}$/.test(c) && isKnownCurrency(c)) ??
        record.cells.flatMap((c) => [...c.matchAll(/\(([A-Z]{3})\)|(?<=\s[-–]\s)([A-Z]{3})(?=\s[-–]\s|\s*$)/g)].map((m) => m[1] ?? m[2]!)).find(isKnownCurrency);
      if (code) this.statedCurrency ??= code;
    }
    return facts;
  }

  /**
   * A balance stated on a line outside the table, as the ledger keeps it. A card's is what is
   * owed, printed positive ("Dönem Borcu 34.655,76 TL", Barclays US's "Account Balance … $1,727.20"):
   * in the ledger, debt is negative. A card export that prints charges positive prints a credit
   * balance negative, so there every stated balance turns.
   */
  private asLedgerBalance(value: Decimal, cells: readonly string[]): Decimal {
    // "31,874.55 CR", "1,250.00 DR": the mark is the balance's sign ("CR" a credit balance, in the
    // customer's favour), under any rule, as it is a row's (amountBeforeFee).
    if (cells.some((c) => MARKED_BALANCE.test(c.trim())) || balanceSide(cells.join(" ")) !== undefined) return value;
    const owed = this.layout.sign === "inverted" || (this.options.accountKind === "credit-card" && !value.isNegative());
    return owed ? value.neg() : value;
  }

  private preambleLine(record: SourceRecord): void {
    if (record.cells.every((c) => c.trim() === "")) return;
    // A header of other columns above the table's, and rows under it: another export (readRecord).
    const columns = sectionColumns(record.cells, this.layout, false);
    if (columns) this.exportAbove = { line: record.line, columns, rows: 0 };
    else if (this.exportAbove && this.readsAsRow(record.cells, this.exportAbove.columns)) this.exportAbove.rows++;
    const facts = this.facts(record, true);
    // A balance without an opening or closing word ("Kontostand vom 31.01.2024:") is a balance line too.
    this.skip(record.line, facts.balance || facts.bareBalance ? "balance-line" : mentionsSummary(record.cells.join(" ")) ? "summary" : "not-a-transaction", record.cells);
  }
}

/** A balance with a credit or debit mark after it ("31,874.55 CR", "PHP 1,250.00 DR"). */
const MARKED_BALANCE = /\d\s?(?:CR|DR)$/i;

/**
 * The columns a section's own header names, when it names a date and an amount (or a debit and
 * a credit) and differs from the table's: read with the table's date order, decimal marks and
 * sign rule. Outside a pending section the line must be words only, three names or more (a row
 * has a date or an amount). Of several dates the one named the posting (charge) date is the
 * ledger's and the next the value date; of several amounts or currencies, the one in the
 * account's currency (isInAccountCurrency), as detection decides for the table's own header.
 */
function sectionColumns(cells: readonly string[], layout: CsvLayout, pendingSection: boolean): Columns | undefined {
  const named = cells.map((c) => (c.trim() === "" ? undefined : roleFromHeader(c)?.role));
  const roles = new Set(named);
  if (!roles.has("date") || !(roles.has("amount") || (roles.has("debit") && roles.has("credit")))) return undefined;
  if (!pendingSection && (cells.some((c) => /\d/.test(c)) || named.filter((r) => r !== undefined && r !== "ignore").length < 3)) return undefined;
  if (layout.headerCells && cells.map(normalizeHeaderName).join("\u001f") === layout.headerCells.map(normalizeHeaderName).join("\u001f")) return undefined;
  const separator = layout.columns.find((c) => c.role === "amount" || c.role === "debit")?.decimalSeparator;
  const indexes = (role: ColumnRole) => named.flatMap((r, i) => (r === role ? [i] : []));
  const dates = indexes("date").sort((a, b) => dateColumnPriority(cells[b]!) - dateColumnPriority(cells[a]!) || a - b);
  const inAccount = (list: number[]) => list.find((i) => isInAccountCurrency(cells[i]!)) ?? list[0];
  const chosen = new Map<number, ColumnRole>();
  chosen.set(dates[0]!, "date");
  // "Valuta" is a value date in some languages and a currency in others: a pending row needs neither.
  if (!pendingSection && dates[1] !== undefined) chosen.set(dates[1], "valueDate");
  for (const role of ["amount", "currency"] as const) {
    const pick = inAccount(indexes(role));
    if (pick !== undefined) chosen.set(pick, role);
  }
  const seen = new Set<ColumnRole>(chosen.values());
  named.forEach((role, index) => {
    if (role === undefined || role === "ignore" || role === "valueDate" || chosen.has(index) || seen.has(role)) return;
    seen.add(role);
    chosen.set(index, role);
  });
  const money = ["amount", "debit", "credit", "balance", "fee", "hold"];
  const columns = [...chosen].sort(([a], [b]) => a - b).map(([index, role]) => ({ index, role, name: cells[index]!, ...(separator && money.includes(role) ? { decimalSeparator: separator } : {}) }));
  // A debit/credit marker column signs the section's amounts as the table's signs its own (a
  // card's pending authorisations under "Amount, DR/CR"), by the marks the table uses; a cell
  // that is no such mark leaves the amount to the section's own rule (directionOptional).
  const marked = layout.directionValues !== undefined && columns.some((c) => c.role === "direction");
  return {
    ...columnsOf({ ...layout, columns, directionValues: marked ? layout.directionValues : undefined }),
    ...(marked ? { directionOptional: true as const } : {}),
    ...(pendingSection ? { holds: true } : {}),
  };
}
