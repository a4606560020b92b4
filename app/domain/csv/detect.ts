/**
 * Zero-configuration layout detection: from a sample of decoded text to a `CsvLayout` —
 * delimiter, header row (or none), the role of every column, date order, decimal separators,
 * sign rule — with an explanation of every decision and a confidence.
 *
 * Header names suggest roles; column contents confirm or overrule them, and decide alone for
 * files without a header. Decisions are made per file (per column), never per cell.
 */
import { currencyCodeOf, type DecimalSeparator } from "../amount.ts";
import { describeDateOrder, detectDateOrder, orderFromDatesElsewhere, parseDateParts, type DateOrder, type DateOrderHint } from "../dates.ts";
import { Decimal, isKnownCurrency } from "../money.ts";
import { StatementParseError, type AccountKind, type Explanation } from "../statement.ts";
import { CARD_HEADER, dateColumnPriority, POSTING_DATE_PRIORITY, headerCurrency, isInAccountCurrency, isPriceBeforeTax, normalizeHeaderName, roleFromHeader, type ColumnRole } from "./headers.ts";
import type { CsvColumn, CsvLayout, SignRule } from "./layout.ts";
import { layoutFingerprint } from "./layout.ts";
import { balanceLineKind, datesIn, isPlaceholder, isTurnoverLabel, lineFacts, normalizeText, sectionKind, statusKind } from "./lines.ts";
import { amountMark, columnDecimalSeparator, directionValues, looksLikeMoney, parseAnyAmount } from "./numbers.ts";
import { blockKeys, blocksAsTable } from "./blocks.ts";
import { DELIMITERS, isBlankRecord, splitRecords, withoutTextMarker, type Delimiter, type SourceRecord } from "./records.ts";
import { listInWords } from "../text.ts";

export interface DetectOptions {
  accountKind?: AccountKind;
  /** How the bytes were decoded, for the layout and the explain log. */
  /** How the bytes were decoded; `doubt` when the code page chosen is a poor fit (encoding.ts). */
  encoding?: { name: string; evidence?: string; doubt?: string };
}

export interface LayoutDetection {
  layout: CsvLayout;
  explain: Explanation[];
  confidence: "high" | "low";
  warnings: string[];
  /** A date the file states outside the table (export date, period end), for dates printed without a year. */
  referenceDate?: string;
}

/** The header must be within this many lines; beyond that it's not a statement we know. */
export const HEADER_SEARCH_LINES = 60;
/** Records examined to choose the delimiter. */
const DIALECT_SAMPLE_RECORDS = 400;
/** A cell that only says yes or no. */
const YES_NO = /^(?:yes|no|y|n|true|false|ja|nein|oui|non|si|sí|sim|nao|não|tak|nie|ano|ne|kyllä|ei|igen|nem)$/i;

/**
 * The currency a header's script implies, only to know it has no third decimal: Japanese kana
 * (Mizuho's "お引出金額"), Korean Hangul, Thai. Not the file's stated currency (never shown as such).
 */
function currencyOfScript(text: string): string | undefined {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "JPY";
  if (/\p{Script=Hangul}/u.test(text)) return "KRW";
  if (/\p{Script=Thai}/u.test(text)) return "THB";
  return undefined;
}

/** Records examined for column roles and file-wide conventions. */
const DETECT_MAX_RECORDS = 50_000;
const PROFILE_RECORDS = 3000;

const DELIMITER_LABEL: Record<Delimiter, string> = { ",": "','", ";": "';'", "\t": "tab", "|": "'|'" };

// ---------------------------------------------------------------------------------------
// Cells

function cellAt(record: SourceRecord, index: number): string {
  const c = record.cells[index];
  return c === undefined ? "" : c.trim();
}

function isDateCell(text: string): boolean {
  if (text.length < 3 || text.length > 40 || !/\d/.test(text)) return false;
  return parseDateParts(text, "day-first") !== null || parseDateParts(text, "month-first") !== null;
}

/** A number that is neither a date nor a year: `12.50`, `-3`, `(4.00)`. */
function isNumberCell(text: string): boolean {
  return text !== "" && /\d/.test(text) && !isDateCell(text) && parseAnyAmount(text) !== null;
}

// ---------------------------------------------------------------------------------------
// Header row

interface HeaderCandidate {
  record: SourceRecord;
  roles: (ColumnRole | undefined)[];
  /** Per cell: the name is one we list (trusted over content), not just a keyword match. */
  exact: boolean[];
  score: number;
}

/** A record that names columns: at least two known roles, among them a date or money role, and no data in it. */
function headerCandidate(record: SourceRecord): HeaderCandidate | undefined {
  const roles: (ColumnRole | undefined)[] = [];
  const exactCells: boolean[] = [];
  let exact = 0;
  let dataCells = 0;
  for (const raw of record.cells) {
    const cell = raw.trim();
    if (cell !== "" && (isDateCell(cell) || isNumberCell(cell))) dataCells++;
    const found = cell === "" ? undefined : roleFromHeader(cell);
    roles.push(found?.role);
    exactCells.push(found?.exact ?? false);
    if (found?.exact) exact++;
  }
  if (isLabelAndValue(record.cells)) return undefined;
  const distinct = new Set(roles.filter((r): r is ColumnRole => r !== undefined && r !== "ignore"));
  const hasDate = distinct.has("date") || distinct.has("valueDate");
  const hasMoney = distinct.has("amount") || distinct.has("debit") || distinct.has("credit");
  if (distinct.size < 2 || dataCells > 1 || !(hasDate || hasMoney)) return undefined;
  return { record, roles, exact: exactCells, score: distinct.size + exact + (hasDate ? 3 : 0) + (hasMoney ? 3 : 0) };
}

/**
 * A preamble line of a label and its value ("Valuta:;EUR", "Currency:,USD"): the label ends in a
 * colon and a value follows it. Column names do not end in colons — or, where a bank writes them
 * so, every name does and no value follows one.
 */
function isLabelAndValue(cells: readonly string[]): boolean {
  for (let i = 0; i + 1 < cells.length; i++) {
    const label = cells[i]!.trim();
    const value = cells[i + 1]!.trim();
    if (label.endsWith(":") && value !== "" && !value.endsWith(":")) return true;
  }
  return false;
}

/**
 * The header row: of the records that name columns, one whose next lines carry dates (the
 * table's rows) before one whose do not — a summary block's own header after the rows ("Saldo
 * Inicial,Débitos,Créditos,Saldo Final" over one line of totals) names money columns too —
 * and of those, the one that names the most.
 */
function findHeader(records: readonly SourceRecord[]): HeaderCandidate | undefined {
  let best: HeaderCandidate | undefined;
  let bestDated = false;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.line > HEADER_SEARCH_LINES) break;
    const candidate = headerCandidate(record);
    if (!candidate) continue;
    const dated = rowsBelowCarryDates(records, i);
    if (!best || (dated && !bestDated) || (dated === bestDated && candidate.score > best.score)) {
      best = candidate;
      bestDated = dated;
    }
  }
  return best;
}

/** Whether one of the (up to three) non-blank records after records[at] holds a date. */
function rowsBelowCarryDates(records: readonly SourceRecord[], at: number): boolean {
  let seen = 0;
  for (let i = at + 1; i < records.length && seen < 3; i++) {
    const cells = records[i]!.cells;
    if (isBlankRecord(cells)) continue;
    seen++;
    if (cells.some((c) => isDateCell(c.trim()))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Delimiter

interface DialectScore {
  delimiter: Delimiter;
  records: SourceRecord[];
  header?: HeaderCandidate;
  score: number;
}

function scoreDelimiter(text: string, delimiter: Delimiter): DialectScore {
  const records = splitRecords(text, delimiter, { lenient: true, maxRecords: DIALECT_SAMPLE_RECORDS });
  const header = findHeader(records);
  const counts = new Map<number, number>();
  let dataRows = 0;
  for (const r of records) {
    if (isBlankRecord(r.cells) || r.cells.length < 2) continue;
    counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    let date = false;
    let money = false;
    for (const c of r.cells) {
      const t = c.trim();
      if (!date && isDateCell(t)) date = true;
      else if (!money && looksLikeMoney(t)) money = true;
    }
    if (date && money) dataRows++;
  }
  let consistent = 0;
  let fields = 0;
  for (const [n, count] of counts) if (count > consistent || (count === consistent && n > fields)) [consistent, fields] = [count, n];
  const score = (header ? 1000 + header.score * 50 : 0) + dataRows * 10 + consistent + fields * 0.1;
  return { delimiter, records, ...(header ? { header } : {}), score };
}

// ---------------------------------------------------------------------------------------
// Column profiles

interface ColumnProfile {
  index: number;
  nonEmpty: number;
  dates: number;
  /** Cells that parse as amounts in either convention (integers included). */
  numbers: number;
  /** Cells that look like money rather than ids or counts. */
  money: number;
  negatives: number;
  currencyCodes: number;
  distinct: number;
  values: string[];
}

function profileColumns(records: readonly SourceRecord[], fieldCount: number): ColumnProfile[] {
  const profiles: ColumnProfile[] = [];
  for (let index = 0; index < fieldCount; index++) {
    const values = records.map((r) => cellAt(r, index));
    const profile: ColumnProfile = { index, nonEmpty: 0, dates: 0, numbers: 0, money: 0, negatives: 0, currencyCodes: 0, distinct: 0, values };
    const seen = new Set<string>();
    for (const v of values) {
      if (v === "") continue;
      profile.nonEmpty++;
      seen.add(v);
      if (isDateCell(v)) profile.dates++;
      else {
        const n = parseAnyAmount(v);
        if (n !== null) {
          profile.numbers++;
          if (n.isNegative()) profile.negatives++;
          if (looksLikeMoney(v)) profile.money++;
        }
      }
      if ((/^[A-Z]{3}$/.test(v.toUpperCase()) && isKnownCurrency(v)) || currencyCodeOf(v) !== undefined) profile.currencyCodes++;
    }
    profile.distinct = seen.size;
    profiles.push(profile);
  }
  return profiles;
}

/** Currencies with a third decimal (ISO 4217): there "1.500" may be one and a half. */
const THREE_DECIMAL_CURRENCIES = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** The currency the lines above the table state ("Currency: EUR", "幣別：新臺幣"), if one does. */
function statedCurrency(records: readonly SourceRecord[], tableStart: number): string | undefined {
  for (const r of records.slice(0, Math.max(0, tableStart - 1))) {
    const currency = lineFacts(r.cells, "day-first", ".").currency;
    if (currency) return currency;
  }
  return undefined;
}

/**
 * What a flag column says besides yes and no: that the thing it asks about (a receipt, an
 * attachment, a review) is missing, not needed or there — Spendesk's Receipt "Yes" / "Missing" / "N/A".
 */
const FLAG_STATE = /^(?:missing|none|not required|not needed|required|attached|provided|lost|manquant|manquante|fourni|fournie|fehlt|vorhanden)$/i;

/** A column of yes and no (and a few words of the same kind, FLAG_STATE): a flag of the row, never its text or id. */
function isFlagColumn(profile: ColumnProfile): boolean {
  const filled = profile.values.map((v) => v.trim()).filter((v) => v !== "");
  if (filled.length === 0 || profile.distinct > 4) return false;
  if (!filled.some((v) => YES_NO.test(v))) return false;
  // Of yes and no alone, two spellings at most: more ("Y", "N", "Yes", "No" …) is not one flag's.
  if (filled.every((v) => YES_NO.test(v))) return profile.distinct <= 2;
  return filled.every((v) => YES_NO.test(v) || FLAG_STATE.test(v) || isPlaceholder(v));
}

/** Values that are all debit/credit markers, of both kinds (one kind alone could be anything). */
function isDirectionColumn(profile: ColumnProfile): boolean {
  const marks = directionValues(profile.values);
  return marks !== undefined && marks.debit.length > 0 && marks.credit.length > 0;
}

/** Values that are all booking states ("Umsatz gebucht" / "Umsatz vorgemerkt"), some of them pending. */
function isStatusColumn(profile: ColumnProfile): boolean {
  let pending = 0;
  for (const v of profile.values) {
    if (v === "") continue;
    const kind = statusKind(v);
    if (kind === "pending") pending++;
    else if (sectionKind(v) !== "posted") return false;
  }
  return pending > 0 && profile.distinct <= 4;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

// ---------------------------------------------------------------------------------------
// Balance chains: which column is the running balance of which amounts

type AmountReader = (record: SourceRecord) => Decimal | undefined;

type RowOrder = "oldest-first" | "newest-first";

/**
 * Share of adjacent row pairs whose balances follow from the amounts, in either file order.
 * `before`: the balance is the one before the row's amount (de Volksbank's "saldo vóór
 * mutatie"): a row's balance and amount make the next row's (oldest first), the one above's
 * (newest first). Only in the rows' order by their dates: the other way round, such a chain is
 * an ordinary running balance of the amounts with their signs turned (an accounting report).
 */
function chainShare(records: readonly SourceRecord[], amountOf: AmountReader, balanceIndex: number, before?: RowOrder): number {
  return chainStats(records, amountOf, balanceIndex, ".", before).share;
}

/** The rows' order by the dates in `index`: when they go one way, read day-first and month-first alike. */
function rowOrderOf(records: readonly SourceRecord[], index: number): RowOrder | undefined {
  const cells = records.map((r) => cellAt(r, index)).filter((c) => c !== "");
  let found: RowOrder | undefined;
  for (const order of ["day-first", "month-first"] as const) {
    const parts = cells.map((c) => parseDateParts(c, order));
    if (parts.some((p) => p === null)) continue;
    const { up, down } = steps(parts.map((p) => sortableDate(p!)));
    const rows: RowOrder | undefined = up > 0 && down === 0 ? "oldest-first" : down > 0 && up === 0 ? "newest-first" : undefined;
    if (rows === undefined || (found !== undefined && found !== rows)) return undefined;
    found = rows;
  }
  return found;
}

/** chainShare, and how many adjacent pairs of rows with an amount and a balance it was taken over. */
function chainStats(
  records: readonly SourceRecord[],
  amountOf: AmountReader,
  balanceIndex: number,
  balanceSeparator: DecimalSeparator = ".",
  before?: RowOrder,
): { share: number; pairs: number } {
  let pairs = 0;
  let forward = 0;
  let backward = 0;
  let prev: { amount: Decimal; balance: Decimal } | undefined;
  for (const r of records) {
    const balanceText = cellAt(r, balanceIndex);
    const amount = amountOf(r);
    const balance = balanceText === "" ? null : parseAnyAmount(balanceText, balanceSeparator);
    if (amount === undefined || balance === null) {
      prev = undefined;
      continue;
    }
    if (prev) {
      pairs++;
      if (before === "oldest-first") {
        if (prev.balance.add(prev.amount).eq(balance)) forward++;
      } else if (before === "newest-first") {
        if (balance.add(amount).eq(prev.balance)) backward++;
      } else {
        if (prev.balance.add(amount).eq(balance)) forward++;
        if (balance.add(prev.amount).eq(prev.balance)) backward++;
      }
    }
    prev = { amount, balance };
  }
  return { share: pairs === 0 ? 0 : Math.max(forward, backward) / pairs, pairs };
}

function amountIn(index: number): AmountReader {
  return (r) => {
    const t = cellAt(r, index);
    return t === "" ? undefined : (parseAnyAmount(t) ?? undefined);
  };
}

/** Debit and credit cells as one amount, debit negative; `separator`: the decimal mark tried first (once decided). */
function debitCreditIn(debit: number, credit: number, separator: DecimalSeparator = "."): AmountReader {
  return (r) => {
    const d = cellAt(r, debit);
    const c = cellAt(r, credit);
    if (d === "" && c === "") return undefined;
    const dv = d === "" ? null : parseAnyAmount(d, separator);
    const cv = c === "" ? null : parseAnyAmount(c, separator);
    if (dv && !dv.isZero()) return dv.abs().neg();
    if (cv) return cv.abs();
    return dv ?? undefined;
  };
}

/** How a row's amount is read by the columns chosen: one amount, or a debit and a credit. */
function amountReaderOf(amount: CsvColumn | undefined, debit: CsvColumn | undefined, credit: CsvColumn | undefined): AmountReader | undefined {
  return amount ? amountIn(amount.index) : debit && credit ? debitCreditIn(debit.index, credit.index) : undefined;
}

/**
 * A balance column that prints the same balance on every row that has one (three at least), while
 * two rows or more move money: no running balance can be that (each row's amount after the first
 * would be zero), so it is one balance repeated — the account's when the file was exported.
 */
function isRepeatedBalance(records: readonly SourceRecord[], balanceIndex: number, amountOf: AmountReader | undefined): boolean {
  if (!amountOf) return false;
  let value: string | undefined;
  let rows = 0;
  let moving = 0;
  for (const r of records) {
    const text = cellAt(r, balanceIndex).trim();
    if (text === "") continue;
    if (value === undefined) value = text;
    else if (text !== value) return false;
    rows++;
    const amount = amountOf(r);
    if (amount !== undefined && !amount.isZero()) moving++;
  }
  return rows >= 3 && moving >= 2;
}

/** Two columns of which each row fills at most one: a debit/credit pair. */
function complementary(records: readonly SourceRecord[], a: number, b: number): boolean {
  let one = 0;
  let both = 0;
  for (const r of records) {
    const x = cellAt(r, a);
    const y = cellAt(r, b);
    const xz = x === "" || /^[-+]?0+(?:[.,]0+)?$/.test(x);
    const yz = y === "" || /^[-+]?0+(?:[.,]0+)?$/.test(y);
    if (!xz && !yz) both++;
    else if (!xz || !yz) one++;
  }
  return one > 0 && both <= one * 0.02;
}

// ---------------------------------------------------------------------------------------
// Roles

interface RoleDecision {
  columns: CsvColumn[];
  /** Human descriptions of guesses, each lowering confidence. */
  guesses: string[];
  headerless: boolean;
  /** Why a column's role is not what its header names (its values decided), by column index. */
  columnNotes?: ReadonlyMap<number, string>;
  /** Why a fee column is, or is not, taken off the amount (when the running balance said). */
  feeEvidence?: string;
  /** A column the header names as the date whose values are not dates (for the refusal). */
  datelessDate?: { name: string; example: string };
  /** A second column named as a date (a purchase date beside the posting date), made the value date. */
  otherDate?: number;
  /** Without a header, which of two date columns is the ledger's: a guess unless the rows' order settles it (detect). */
  dateGuess?: string;
}

const MONEY_ROLES = new Set<ColumnRole>(["amount", "debit", "credit", "balance", "fee", "hold"]);

function describeRole(column: CsvColumn): string {
  switch (column.role) {
    // The date the row takes in the ledger: a transaction date, or the posting date when a file
    // has both (the other is kept as the value date), so not named after either.
    case "date": return "ledger date";
    case "valueDate": return "value date";
    case "amount": return "amount";
    case "debit": return "debit (money out)";
    case "credit": return "credit (money in)";
    case "direction": return "direction (debit/credit marker)";
    case "fee": return "fee (charged on top: the ledger amount is the amount less the fee)";
    case "hold": return "held amount (a row with only it is pending)";
    case "balance": return column.current ? "the account's balance at the export" : column.before ? "running balance before the row's amount" : "running balance";
    case "payer": return "payer (the other party of money in; the payee column names that of money out)";
    case "reference": return column.unique ? "reference (unique per row: bank id)" : "reference";
    case "ignore": return "ignored";
    default: return column.role;
  }
}

/** A name that says it is the operation's (the transaction's, the payment's) own: "Валюта операції", "Transaction currency". */
const OPERATION_QUALIFIED = /операци|операці|транзакци|транзакці|платеж|\b(?:transaction|operation|payment|transaktion\w*|transakc\w*|operacion|operacao|operazione|umsatz\w*)\b/;

/** Roles from a header, each checked against the column's values. */
function rolesFromHeader(header: HeaderCandidate, profiles: ColumnProfile[], table: readonly SourceRecord[], card = false): RoleDecision {
  const guesses: string[] = [];
  const fieldCount = Math.max(header.record.cells.length, profiles.length);
  const columns: CsvColumn[] = [];
  let datelessDate: RoleDecision["datelessDate"];
  for (let index = 0; index < fieldCount; index++) {
    const name = (header.record.cells[index] ?? "").trim();
    const profile = profiles[index];
    let role: ColumnRole = header.roles[index] ?? "ignore";
    const filled = profile?.nonEmpty ?? 0;
    // A listed name is trusted unless the values are clearly something else (a "Valuta" column
    // of currency codes); a keyword guess needs the values to agree. Bad values in a trusted
    // column then fail the row that has them, by name.
    const trusted = header.exact[index] && filled < 3 ? true : header.exact[index];
    const clearlyOther = (part: number) => filled >= 3 && share(part, filled) < 0.2;
    if ((role === "date" || role === "valueDate") && filled > 0) {
      if (share(profile.currencyCodes, filled) > 0.8) role = "currency";
      else if (share(profile.dates, filled) < 0.5 && (!trusted || clearlyOther(profile.dates))) {
        if (role === "date") datelessDate ??= { name, example: profile.values.find((v) => v.trim() !== "")!.trim() };
        role = "ignore";
      }
    } else if (MONEY_ROLES.has(role) && filled > 0) {
      if ((role === "debit" || role === "credit") && directionValues(profile.values)) role = "direction";
      else if (share(profile.numbers, filled) < 0.5 && (!trusted || clearlyOther(profile.numbers))) role = "ignore";
    } else if (role === "currency" && filled > 0 && share(profile.currencyCodes, filled) < 0.8) {
      role = share(profile.dates, filled) > 0.8 ? "valueDate" : trusted && !clearlyOther(profile.currencyCodes) ? role : "ignore";
    } else if (role === "direction" && !directionValues(profile?.values ?? [], name)) {
      // A "Type" of words, not marks or codes (PayPal's "Typ": Website-Zahlung, Allgemeine Abbuchung) says what the row was.
      role = filled > 0 && share(profile.numbers, filled) > 0.8 && share(profile.money, filled) > 0.5 ? "amount" : filled > 0 && isTextColumn(profile, table.length) && profile.values.some((v) => /\p{Ll}/u.test(v)) ? "description" : "ignore";
    } else if ((role === "reference" || role === "description") && filled > 0 && isFlagColumn(profile)) {
      // Yes or no (Ramp's "Receipt": was one attached; Spendesk's Yes / Missing / N/A): a flag,
      // not words or an id of the row.
      role = "ignore";
    } else if (role === "reference" && filled > 0 && /^(?:check|cheque)$/.test(normalizeHeaderName(name)) && !profile.values.every((v) => v.trim() === "" || /^\d{1,10}$/.test(v.trim()))) {
      // A bare "Check" is a check's number only when it holds numbers (Mountain America's share
      // drafts); marks or words ("X", "cleared") check something else off.
      role = "ignore";
    } else if (role === "ignore" && filled > 0 && isDirectionColumn(profile)) {
      role = "direction";
    } else if ((role === "ignore" || role === "description") && filled > 0 && isStatusColumn(profile)) {
      role = "status";
    }
    columns.push({ index, role, ...(name ? { name } : {}) });
  }

  const byRole = (role: ColumnRole) => columns.filter((c) => c.role === role);
  const columnNotes = new Map<number, string>();
  // A counterparty column of IBANs or account numbers (bunq's "Counterparty") names no one:
  // the name is in another column, and the number would only clutter the description.
  for (const c of columns) {
    if ((c.role === "payee" || c.role === "payer" || c.role === "description") && profiles[c.index] && isAccountNumberColumn(profiles[c.index]!)) c.role = "ignore";
  }
  // Words that are the same on every row are the account's own (its holder's name, its
  // product), not the row's: left out while another column describes the rows. The same words
  // on a few rows only (Novo's Memo "Check from T. Alvarez" on its check deposits) are theirs.
  const wording = columns.filter((c) => c.role === "description" || c.role === "payee" || c.role === "payer");
  const constant = wording.filter((c) => (profiles[c.index]?.nonEmpty ?? 0) >= 5 && profiles[c.index]!.distinct === 1 && profiles[c.index]!.nonEmpty * 2 > table.length);
  if (constant.length < wording.length) for (const c of constant) c.role = "ignore";
  // Links (Square's "Details": the transaction's page on the dashboard) are where to read about
  // a row, not words about it: left out while another column describes the rows.
  const links = wording.filter((c) => c.role !== "ignore" && isLinkColumn(profiles[c.index]));
  const linksLeftOut = links.length > 0 && wording.some((c) => c.role !== "ignore" && !links.includes(c)) ? links : [];
  for (const c of linksLeftOut) c.role = "ignore";
  // "Auszahlung" is a processor's payout (SumUp), its amount — but beside "Einzahlung" (a cash
  // book's or a savings account's paid in) it is the money paid out: the debit to that credit.
  if (byRole("credit").some((c) => /^einzahlung(en)?$/.test(normalizeHeaderName(c.name ?? "")))) {
    for (const c of byRole("amount")) if (/^auszahlung(en)?$/.test(normalizeHeaderName(c.name ?? ""))) c.role = "debit";
  }
  // "Card Name" is MYOB's contact card, the other party; beside another payee column (Curve's
  // Merchant) or with values that name cards ("Monzo Mastercard", "Amex Gold"), the card's own name.
  for (const c of byRole("payee")) {
    if (normalizeHeaderName(c.name ?? "") !== "card name") continue;
    const values = (profiles[c.index]?.values ?? []).map((v) => v.trim()).filter((v) => v !== "");
    const namesCards = values.filter((v) => CARD_WORD.test(v)).length * 2 > values.length;
    if (byRole("payee").length > 1 || namesCards) c.role = "ignore";
  }
  // Of several payee columns the counterparty's is the payee, not a bare "Name" (often the
  // account holder's): that one still describes the row.
  const payees = byRole("payee");
  const bareName = (c: CsvColumn) => /^(name|naam|nom|nome|nazwa|namn|navn|nimi)$/.test(normalizeHeaderName(c.name ?? ""));
  if (payees.some((c) => !bareName(c))) for (const c of payees) if (bareName(c)) c.role = "description";
  // Who paid and who was paid, each in a column of its own (DKB's "Zahlungspflichtige*r" and
  // "Zahlungsempfänger*in"): the other party is the payer of money in and the payee of money out
  // — one of the two is the account's holder on every row. A payer column alone is the other party.
  const payers = byRole("payer");
  if (byRole("payee").length === 0) for (const c of payers) c.role = "payee";
  else for (const extra of payers.slice(1)) extra.role = "description";
  // The pair holds when one name is found in both columns: the account's holder, who pays the
  // money out and is paid the money in. Both filled on the same rows and never one name
  // (Spendesk's "Payer", the team member who paid the "Supplier"): the payer is on the
  // account's side, the other party of no row — left out, the payee alone says who.
  const pairedPayee = byRole("payee")[0];
  const payer = byRole("payer")[0];
  if (payer && pairedPayee && paysForTheAccount(profiles[payer.index], profiles[pairedPayee.index])) {
    payer.role = "ignore";
    columnNotes.set(payer.index, `who on the account's side paid: beside "${pairedPayee.name ?? ""}" on the same rows, never the same name`);
  }
  // One ledger date: the booking/posting date beats a plain "Date", which beats a transaction
  // (purchase) date; a value date only when there is nothing else. The runner-up becomes the value date.
  // A date column empty on every row (Firefly III's "book_date") dates nothing: any other comes first.
  const dated = (c: CsvColumn) => Number((profiles[c.index]?.nonEmpty ?? 0) > 0);
  // A card bill's charge date, one date on every row (Max's "תאריך חיוב", 10-12-2026 under
  // purchases of three months), dates the bill, not each row: its name does not make it the
  // ledger's (Isracard's foreign section, a charge date per row, is read by its name).
  const varies = byRole("date").some((c) => (profiles[c.index]?.distinct ?? 0) > 1);
  const billDate = (c: CsvColumn) => card && varies && (profiles[c.index]?.nonEmpty ?? 0) >= 5 && profiles[c.index]!.distinct === 1;
  const priority = (c: CsvColumn) => (billDate(c) ? 0 : dateColumnPriority(c.name ?? ""));
  const dates = byRole("date").sort((a, b) => dated(b) - dated(a) || priority(b) - priority(a) || a.index - b.index);
  if (dates.length === 0 && byRole("valueDate").length > 0) byRole("valueDate")[0].role = "date";
  const otherDate = dates.length > 1 && byRole("valueDate").length === 0 ? dates[1]!.index : undefined;
  for (const extra of dates.slice(1)) extra.role = byRole("valueDate").length === 0 ? "valueDate" : "ignore";
  for (const extra of byRole("valueDate").slice(1)) extra.role = "ignore";
  // Gross/fee/net exports (payment processors): the net is what moves the balance.
  const net = columns.filter((c) => c.role === "amount" && netRank(c.name ?? "") > 0).sort((a, b) => netRank(b.name ?? "") - netRank(a.name ?? "") || a.index - b.index)[0];
  if (net && (byRole("fee").length > 0 || columns.some((c) => /^commission$/.test(normalizeHeaderName(c.name ?? ""))))) {
    for (const c of byRole("amount")) if (c !== net) c.role = "ignore";
    // A processor signs its own amounts (refunds and payouts negative); its "Type" says what a
    // row is, and to the merchant a "charge" is money in — never a bank's debit marker.
    for (const c of byRole("direction")) c.role = "description";
  }
  // Of a gross and a net pair of debit and credit columns (a processor's settlement report:
  // Adyen's "Gross Debit (GC)" / "Gross Credit (GC)" in each payment's own currency beside "Net
  // Debit (NC)" / "Net Credit (NC)" in the one it settles in), the net is the money that moved on
  // the merchant's balance — fees off, in the settlement's currency — as a net amount is.
  const netDebit = byRole("debit").find((c) => grossOrNet(c.name ?? "") === "net");
  const netCredit = byRole("credit").find((c) => grossOrNet(c.name ?? "") === "net");
  if (netDebit && netCredit) {
    for (const c of [...byRole("debit"), ...byRole("credit")]) {
      if (c === netDebit || c === netCredit) continue;
      c.role = "ignore";
      columnNotes.set(c.index, `not the net: "${netDebit.name}" and "${netCredit.name}" are the money that moved`);
    }
  }

  // A bare "Total" beside debit and credit columns is a running total (a balance), not the amount.
  const pair = byRole("debit").length > 0 && byRole("credit").length > 0 ? debitCreditIn(byRole("debit")[0]!.index, byRole("credit")[0]!.index) : undefined;
  for (const c of byRole("amount").filter((c) => /^(sub)?total$/.test(normalizeHeaderName(c.name ?? "")))) {
    if (pair) c.role = byRole("balance").length === 0 && chainShare(table, pair, c.index) >= 0.8 ? "balance" : "ignore";
  }
  sameNamedMoney(header, columns, table, columnNotes);
  // One amount (others are original-currency, fee or gross columns); debit/credit only without one.
  const amounts = byRole("amount");
  const debits = byRole("debit");
  const credits = byRole("credit");
  if (amounts.length > 0) {
    const filled = (c: CsvColumn) => profiles[c.index]?.nonEmpty ?? 0;
    // A processor's settlement with the gross amount and its fee beside a debit and a credit
    // column (Razorpay's recon: amount, fee, tax, debit, credit) settles the net in the pair:
    // signed by its column (a refund a debit, where the gross amount is unsigned), it is the
    // money that moved. Proven by the pair holding the amount less the fee.
    const fee = byRole("fee")[0];
    const pairNet = debits.length > 0 && credits.length > 0 && fee ? amountLessFeeShare(table, debits[0]!, credits[0]!, amounts[0]!, fee) : undefined;
    const pairIsNet = pairNet !== undefined && pairNet.share >= 0.8;
    // A debit and a credit column named in the account's currency (Halyk's "Расход в валюте
    // счета" / "Приход в валюте счета") beside an amount that is not (its "Сумма операции", the
    // operation's own, in whatever currency it was made): the pair is the money that moved on
    // the account, the amount the original one.
    const inAccount = (c: CsvColumn) => isInAccountCurrency(c.name ?? "");
    const pairInAccount = debits.length > 0 && credits.length > 0 && inAccount(debits[0]!) && inAccount(credits[0]!) && !amounts.some(inAccount);
    const useAmount = !(debits.length > 0 && credits.length > 0 && (filled(amounts[0]) < table.length * 0.5 || pairIsNet || pairInAccount));
    if (pairInAccount) columnNotes.set(amounts[0]!.index, `the operation's own amount: "${debits[0]!.name}" and "${credits[0]!.name}" are in the account's currency`);
    if (pairIsNet) {
      const held = `"${debits[0]!.name}" and "${credits[0]!.name}" hold the amount less the fee (${pct(pairNet.share)} of ${pairNet.rows} rows)`;
      columnNotes.set(amounts[0]!.index, `the gross: ${held}`);
      fee!.role = "ignore";
      columnNotes.set(fee!.index, `already off the debit and credit: ${held}`);
    }
    if (useAmount) {
      // Of several amount columns, the one the running balance moves by: Revolut's "Total
      // amount" (fees included) rather than its "Amount". Without a balance to say, a total or
      // net (Up's "Total" includes the round-up that leaves the account), else one named as in
      // the account's currency (SEB's "Suma sąskaitos valiuta" beside the payment's "Suma"),
      // else the first.
      const balance = byRole("balance")[0];
      // Of amounts named in two currencies (Itaú's card: "valor (US$)" and "valor (R$)"), the
      // account's is the one on every row; the other only on the rows spent in it.
      const currencies = new Set(amounts.map((c) => (c.name ? headerCurrency(c.name) : undefined)));
      const mostFilled = [...amounts].sort((a, b) => filled(b) - filled(a));
      const onMoreRows =
        amounts.length > 1 && currencies.size === amounts.length && !currencies.has(undefined) && filled(mostFilled[0]!) > filled(mostFilled[1]!) ? mostFilled[0] : undefined;
      const nets = amounts.filter((c) => netRank(c.name ?? "") > 0).sort((a, b) => netRank(b.name ?? "") - netRank(a.name ?? "") || a.index - b.index);
      let chosen = nets[0] ?? amounts.find((c) => isInAccountCurrency(c.name ?? "")) ?? onMoreRows ?? amounts[0]!;
      if (balance && amounts.length > 1) {
        const shares = amounts.map((c) => chainShare(table, amountIn(c.index), balance.index));
        const best = shares.indexOf(Math.max(...shares));
        if (shares[best]! >= 0.8 && shares[best]! > shares[amounts.indexOf(chosen)]!) chosen = amounts[best]!;
      }
      for (const c of [...amounts, ...debits, ...credits]) if (c !== chosen) c.role = "ignore";
    } else {
      for (const c of amounts) c.role = "ignore";
    }
  }
  for (const c of byRole("debit").slice(1)) c.role = "ignore";
  for (const c of byRole("credit").slice(1)) c.role = "ignore";
  const fee = feeOnTop(columns, table);
  if (fee.guess) guesses.push(fee.guess);
  // Of several balance columns, the running one is the one the amounts move: HSBCnet repeats the
  // account's "Closing ledger balance" and "Closing available balance" on every row before its
  // "Balance". Without one that runs, the first (the balance proof reports it if it breaks).
  const balances = byRole("balance");
  const passedOverBalances: CsvColumn[] = [];
  if (balances.length > 1) {
    const amountOf = amountReaderOf(byRole("amount")[0], byRole("debit")[0], byRole("credit")[0]);
    const shares = amountOf ? balances.map((c) => chainShare(table, amountOf, c.index)) : [];
    const best = shares.indexOf(Math.max(...shares));
    if (best > 0 && shares[best]! >= 0.8) {
      passedOverBalances.push(...balances.filter((_, k) => k !== best && shares[k]! < 0.8));
      balances.unshift(...balances.splice(best, 1));
    }
    for (const c of balances.slice(1)) c.role = "ignore";
  }
  // The account's currency, when one of several currency columns says it is that.
  const currencies = byRole("currency");
  // Else the one of the ledger's money's side of a gross and net report: Adyen's "Net Currency"
  // (one for the whole settlement) beside "Gross Currency" (each payment's own).
  const ledgerSide = grossOrNet((byRole("amount")[0] ?? byRole("debit")[0])?.name ?? "");
  const accountCurrency =
    currencies.find((c) => isInAccountCurrency(c.name ?? "")) ?? currencies.find((c) => ledgerSide !== undefined && grossOrNet(c.name ?? "") === ledgerSide) ?? currencies[0];
  for (const c of currencies) if (c !== accountCurrency) c.role = "ignore";
  // A currency column left empty on most rows with money (a foreign purchase's currency, filled on
  // that row alone, beside the account's amounts on every row) says the currency of some rows'
  // other amount, not each row's: it must not make the statement's currency.
  if (accountCurrency && !isInAccountCurrency(accountCurrency.name ?? "")) {
    const money = columns.filter((c) => c.role === "amount" || c.role === "debit" || c.role === "credit").map((c) => c.index);
    const withMoney = money.length === 0 ? 0 : table.filter((r) => money.some((i) => cellAt(r, i) !== "")).length;
    const filled = profiles[accountCurrency.index]?.nonEmpty ?? 0;
    if (withMoney >= 4 && filled < withMoney / 2) {
      accountCurrency.role = "ignore";
      columnNotes.set(
        accountCurrency.index,
        filled === 0 ? `empty on all ${withMoney} rows with money: no currency of the account's` : `filled on ${filled} of ${withMoney} rows with money: the currency of some rows' other amount, not the account's`,
      );
    }
  }
  for (const c of byRole("status").slice(1)) c.role = "ignore";
  for (const c of byRole("direction").slice(1)) c.role = "ignore";
  for (const c of linksLeftOut) columnNotes.set(c.index, "links, not words about the row");
  for (const c of passedOverBalances) columnNotes.set(c.index, "a balance the rows' amounts do not move (another column's do): not the running balance");
  // A currency column that names other currencies than the ledger amount's own name does, beside
  // another amount (monobank's "Сума в валюті картки (UAH)", then "Сума в валюті операції" and
  // "Валюта"), is the currency of that other amount, the payment's. Without another amount the two
  // contradict each other, and the reader refuses the file.
  const ledgerAmount = byRole("amount")[0] ?? byRole("debit")[0];
  const amountCurrency = ledgerAmount?.name ? headerCurrency(ledgerAmount.name) : undefined;
  const otherAmount = columns.some((c) => c !== ledgerAmount && c.role === "ignore" && header.roles[c.index] === "amount");
  if (amountCurrency && accountCurrency && otherAmount && profiles[accountCurrency.index]?.values.some((v) => isKnownCurrency(v.trim()) && v.trim().toUpperCase() !== amountCurrency)) {
    accountCurrency.role = "ignore";
    columnNotes.set(accountCurrency.index, `the currency of another amount: the amount's own name says ${amountCurrency}`);
  }
  // So too where the ledger's money is named as in the account's currency (Oschadbank's "Сума у
  // валюті рахунку", Halyk's "Приход/Расход в валюте счета") beside the operation's own amount
  // ("Сума операції") and a currency column not named so ("Валюта операції"): that column is the
  // currency of the operation's (original, foreign) amount — when it names more than one
  // currency, or its name says it is the operation's — not the row's. The account's currency is
  // then the one the lines above the table state ("Валюта рахунку: UAH"), if any.
  const ledgerMoney = [byRole("amount")[0] ?? byRole("debit")[0], byRole("amount")[0] ? undefined : byRole("credit")[0]].filter((c) => c !== undefined);
  if (accountCurrency?.role === "currency" && otherAmount && ledgerMoney.length > 0 && ledgerMoney.every((c) => isInAccountCurrency(c.name ?? "")) && !isInAccountCurrency(accountCurrency.name ?? "")) {
    const codes = new Set((profiles[accountCurrency.index]?.values ?? []).map((v) => v.trim().toUpperCase()).filter((v) => v !== ""));
    if (codes.size > 1 || OPERATION_QUALIFIED.test(normalizeHeaderName(accountCurrency.name ?? ""))) {
      accountCurrency.role = "ignore";
      columnNotes.set(accountCurrency.index, `the currency of the operation's own amount: "${ledgerMoney.map((c) => c.name).join('" and "')}" ${ledgerMoney.length > 1 ? "are" : "is"} in the account's currency`);
    }
  }
  // A described column of short codes from a short list (Chase's "Details": DEBIT, CREDIT, CHECK,
  // DSLIP) beside another that describes the rows says what kind of row it is, not what it was.
  const describing = columns.filter((c) => c.role === "description" || c.role === "payee");
  const coded = describing.filter((c) => profiles[c.index] && isCodeColumn(profiles[c.index]!, /^[A-Z0-9._-]{1,12}$/));
  if (coded.length < describing.length) {
    for (const c of coded) {
      c.role = "ignore";
      columnNotes.set(c.index, "short codes from a short list: a kind of row, not words about it");
    }
  }
  // A balance named by a keyword only is a running balance only if it runs: Rakuten's
  // "3月繰越残高" (what is carried to next month's bill, 0 for a one-off purchase) is not one, and
  // taken as one it would invent balances that break. A listed name ("Balance") stays, so that a
  // real balance that breaks is reported by the balance proof, not hidden.
  // A balance the amounts do not move to but from — the row's balance and amount make the next
  // row's (de Volksbank's "saldo vóór mutatie") — is the balance before each row.
  const namedBalance = byRole("balance")[0];
  const rowOrder = byRole("date")[0] && rowOrderOf(table, byRole("date")[0]!.index);
  if (namedBalance && rowOrder && byRole("direction").length === 0 && table.length >= 3) {
    const amount = byRole("amount")[0];
    const [debit, credit] = [byRole("debit")[0], byRole("credit")[0]];
    const amountOf = amount ? amountIn(amount.index) : debit && credit ? debitCreditIn(debit.index, credit.index) : undefined;
    if (amountOf && chainShare(table, amountOf, namedBalance.index) < 0.5 && chainShare(table, amountOf, namedBalance.index, rowOrder) >= 0.8) {
      namedBalance.before = true;
      columnNotes.set(namedBalance.index, "the balance before the row: a row's balance and amount make the next row's");
    }
  }
  const keywordBalance = byRole("balance").find((c) => !header.exact[c.index] && !c.before);
  if (keywordBalance && byRole("direction").length === 0) {
    const amount = byRole("amount")[0];
    const [debit, credit] = [byRole("debit")[0], byRole("credit")[0]];
    const amountOf = amount ? amountIn(amount.index) : debit && credit ? debitCreditIn(debit.index, credit.index) : undefined;
    if (amountOf && table.length >= 3 && chainShare(table, amountOf, keywordBalance.index) < 0.5) {
      keywordBalance.role = "ignore";
      columnNotes.set(keywordBalance.index, "named like a balance, but the rows' amounts do not move it: no running balance");
    }
  }
  // (A balance named by a keyword only that does not run is no balance, above.)
  // A balance the same on every row while the amounts move (KBC repeats the account's balance at
  // the export on each row) runs with no amount: it is the balance when the file was exported,
  // which a running balance never is — the amounts of all rows but the first would be zero.
  const repeatedBalance = byRole("balance")[0];
  if (repeatedBalance && !repeatedBalance.before && table.length >= 3 && isRepeatedBalance(table, repeatedBalance.index, amountReaderOf(byRole("amount")[0], byRole("debit")[0], byRole("credit")[0]))) {
    repeatedBalance.current = true;
    columnNotes.set(repeatedBalance.index, "the same balance on every row while the amounts move: the account's balance at the export, not a running balance");
  }

  // A missing date or amount may still be found by content (an unnamed or unknown column).
  const free = (c: CsvColumn) => c.role === "ignore" && profiles[c.index] && profiles[c.index].nonEmpty > 0;
  if (byRole("date").length === 0) {
    const found = columns.find((c) => free(c) && share(profiles[c.index].dates, profiles[c.index].nonEmpty) > 0.8);
    if (found) {
      found.role = "date";
      guesses.push(`column ${found.index + 1} ("${found.name ?? ""}") taken as the date by its content`);
    }
  }
  if (byRole("amount").length === 0 && (byRole("debit").length === 0 || byRole("credit").length === 0)) {
    // Never a price before tax (SumUp's "Preis (Netto)"): the tax was paid with it.
    const found = columns.find((c) => free(c) && !isPriceBeforeTax(c.name ?? "") && share(profiles[c.index].money, profiles[c.index].nonEmpty) > 0.8);
    if (found && byRole("debit").length === 0 && byRole("credit").length === 0) {
      found.role = "amount";
      guesses.push(`column ${found.index + 1} ("${found.name ?? ""}") taken as the amount by its content`);
    }
  }
  // No column named as the description or the payee (a name none of the lists know): the
  // longest text that differs from row to row is the description. Only the wording depends on
  // it — dates, amounts and signs do not — so the guess does not lower confidence.
  if (byRole("description").length === 0 && byRole("payee").length === 0) {
    const text = columns
      .filter((c) => free(c) && isTextColumn(profiles[c.index]!, table.length))
      .sort((a, b) => meanLength(profiles[b.index]!) - meanLength(profiles[a.index]!) || a.index - b.index)[0];
    if (text) {
      text.role = "description";
      columnNotes.set(text.index, "not a name known for it: taken as the description by its content");
    }
  }
  return {
    columns,
    guesses,
    headerless: false,
    columnNotes,
    ...(fee.evidence ? { feeEvidence: fee.evidence } : {}),
    ...(datelessDate ? { datelessDate } : {}),
    ...(otherDate !== undefined ? { otherDate } : {}),
  };
}

// An amount column that already has fees taken off (or added in): a fee column beside it is
// only information.
const NET_AMOUNT = /^(net|net amount|net total|netto|nettobetrag|montant net|total|total amount|amount total|gesamtbetrag|montant total|importe total|payout|payout amount|net payout|auszahlung|auszahlungsbetrag)$/;

/**
 * Of several such amounts, how close a name is to the money that reached the account: a payout
 * (SumUp's "Auszahlung": the sale less the processor's fee) before a net, a net before a total
 * (SumUp's "Gesamtbetrag": the sale before the fee).
 */
function netRank(name: string): number {
  const n = normalizeHeaderName(name);
  if (!NET_AMOUNT.test(n)) return 0;
  if (/payout|auszahlung/.test(n)) return 3;
  if (/\bnet|netto/.test(n)) return 2;
  return 1;
}

/** Whether a name says its money is the net or the gross of a processor's report ("Net Debit (NC)", "Gross Currency", "Bruttobetrag"). */
function grossOrNet(name: string): "gross" | "net" | undefined {
  const n = normalizeHeaderName(name);
  if (/\b(net|netto|nettobetrag)\b/.test(n)) return "net";
  if (/\b(gross|brutto|bruttobetrag)\b/.test(n)) return "gross";
  return undefined;
}

/**
 * Of the rows with an amount and a debit or credit, the share whose debit or credit is the
 * amount less the fee (a fee left empty is none), and how many rows that is of.
 */
function amountLessFeeShare(table: readonly SourceRecord[], debit: CsvColumn, credit: CsvColumn, amount: CsvColumn, fee: CsvColumn): { share: number; rows: number } {
  const pairOf = debitCreditIn(debit.index, credit.index);
  const amountOf = amountIn(amount.index);
  const feeOf = amountIn(fee.index);
  let rows = 0;
  let held = 0;
  for (const r of table) {
    const [pair, gross] = [pairOf(r), amountOf(r)];
    if (pair === undefined || gross === undefined) continue;
    rows++;
    if (pair.abs().eq(gross.abs().sub(feeOf(r)?.abs() ?? Decimal.ZERO))) held++;
  }
  return { share: rows === 0 ? 0 : held / rows, rows };
}

/**
 * Whether a fee column is charged on top of the amount (Revolut's personal export: Amount -12.00,
 * Fee 0.50, the balance down 12.50) or is already in it (Revolut Business's "Total amount",
 * PayPal's and Stripe's "Net"). The running balance decides when there is one; otherwise the
 * amount column's name, and a fee that matters without proof is a guess (a person confirms).
 * Leaves the fee column as "fee" or makes it "ignore".
 */
function feeOnTop(columns: CsvColumn[], table: readonly SourceRecord[]): { evidence?: string; guess?: string } {
  const fees = columns.filter((c) => c.role === "fee");
  for (const c of fees.slice(1)) c.role = "ignore";
  const fee = fees[0];
  if (!fee) return {};
  const amount = columns.find((c) => c.role === "amount");
  const debit = columns.find((c) => c.role === "debit");
  const credit = columns.find((c) => c.role === "credit");
  const balance = columns.find((c) => c.role === "balance");
  const label = `column ${fee.index + 1} ("${fee.name ?? ""}")`;
  const amountOf = amount ? amountIn(amount.index) : debit && credit ? debitCreditIn(debit.index, credit.index) : undefined;
  if (!amountOf || (amount && NET_AMOUNT.test(normalizeHeaderName(amount.name ?? "")))) {
    fee.role = "ignore";
    return {};
  }
  const feeOf = amountIn(fee.index);
  const charged = table.some((r) => !(feeOf(r)?.isZero() ?? true));
  if (!charged) return {}; // every fee is zero: nothing to decide, nothing changes
  if (balance) {
    const alone = chainShare(table, amountOf, balance.index);
    // In the file's own signs: a bank's balance falls by a fee, a card's (what is owed) rises.
    const onTop = Math.max(
      chainShare(table, (r) => amountOf(r)?.sub(feeOf(r)?.abs() ?? Decimal.ZERO), balance.index),
      chainShare(table, (r) => amountOf(r)?.add(feeOf(r)?.abs() ?? Decimal.ZERO), balance.index),
    );
    if (onTop > alone) return { evidence: `the running balance moves by the amount and the fee (${pct(onTop)} of rows; by the amount alone ${pct(alone)})` };
    if (alone > onTop) {
      fee.role = "ignore";
      return { evidence: `${label} is already in the amount: the running balance moves by the amount alone (${pct(alone)} of rows)` };
    }
  }
  return { guess: `${label} taken as a fee charged on top of the amount, with no running balance to prove it` };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Two money columns of one name ("Date,Date,Description,Amount,Amount,Balance": a small bank's
 * money out, then money in, both "Amount"): the name cannot say which is the amount, nor which is
 * money out. They are a debit and a credit when each row fills one of them and the running
 * balance moves down by the one and up by the other; otherwise the file is refused, naming them —
 * taking either one would leave the other's rows without an amount, or read them wrong.
 */
function sameNamedMoney(header: HeaderCandidate, columns: CsvColumn[], table: readonly SourceRecord[], notes: Map<number, string>): void {
  const money = new Set<ColumnRole>(["amount", "debit", "credit"]);
  const byName = new Map<string, CsvColumn[]>();
  for (const c of columns) {
    const headerRole = header.roles[c.index];
    if (!c.name || headerRole === undefined || !money.has(headerRole) || !money.has(c.role)) continue;
    const key = c.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  const twins = [...byName.values()].find((group) => group.length > 1);
  if (!twins) return;
  const where = `columns ${listInWords(twins.map((c) => String(c.index + 1)))}`;
  const named = `the header names ${twins.length === 2 ? "two" : twins.length} columns "${twins[0]!.name!.trim()}" (${where})`;
  const line = header.record.line;
  if (twins.length > 2) throw new StatementParseError(`${named}: which one holds the amount cannot be told; rename them or export the file again`, { row: line });
  const [a, b] = twins as [CsvColumn, CsvColumn];
  const balance = columns.find((c) => c.role === "balance");
  const pair = complementary(table, a.index, b.index);
  if (!pair || !balance) {
    const why = pair
      ? "each row fills one of them, but no running balance shows which one is money out"
      : "both are filled on the same rows, and nothing shows which one is the amount";
    throw new StatementParseError(`${named}: ${why} — rename them (e.g. Debit and Credit) or export the file again`, { row: line });
  }
  const outFirst = chainStats(table, debitCreditIn(a.index, b.index), balance.index);
  const inFirst = chainStats(table, debitCreditIn(b.index, a.index), balance.index);
  const best = Math.max(outFirst.share, inFirst.share);
  if (best < 0.8 || outFirst.share === inFirst.share) {
    throw new StatementParseError(
      `${named}: each row fills one of them, but the running balance "${balance.name ?? ""}" does not show which one is money out — rename them (e.g. Debit and Credit) or export the file again`,
      { row: line },
    );
  }
  const [debit, credit] = outFirst.share > inFirst.share ? [a, b] : [b, a];
  debit.role = "debit";
  credit.role = "credit";
  const proof = `each row fills one of the two, and the running balance moves down by column ${debit.index + 1} and up by column ${credit.index + 1} (${pct(best)} of rows)`;
  notes.set(debit.index, `one of two columns of this name: ${proof}`);
  notes.set(credit.index, `one of two columns of this name: ${proof}`);
}

/** A card scheme or product in a card's name ("Monzo Mastercard", "Amex Gold", "Visa Platinum"). */
const CARD_WORD = /\b(?:visa|mastercard|master card|maestro|amex|american express|diners|discover|jcb|unionpay|card|karte|carte|tarjeta|kort)\b/i;

/** Filled cells that are all web addresses. */
/** "Kontoinhaber: Lena Hoffmann", "Account holder, J Smith": the holder a preamble names. */
const HOLDER_LABEL = /\b(?:kontoinhaber(?:in)?|inhaber(?:in)?|account ?holder|account name|titulaire(?: du compte)?|titular(?: de la cuenta)?|intestatario|rekeninghouder|kontohavare|kontohaver)\s*[:,;]?\s+(\S.*?)\s*$/i;

/**
 * Two party columns both read as the payee (the old VR export's "Auftraggeber/Zahlungsempfänger"
 * and "Empfänger/Zahlungspflichtiger": the payer and the payee), one of them the account's holder
 * on each row: that holder's name — the one name filling one of the two on every row with
 * either, or the holder the preamble names, found in them on most rows. Undefined otherwise.
 */
function holderOfParties(columns: readonly CsvColumn[], records: readonly SourceRecord[], otherText: readonly string[]): string | undefined {
  const parties = columns.filter((c) => c.role === "payee");
  if (parties.length !== 2 || columns.some((c) => c.role === "payer")) return undefined;
  const key = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  const pairs = records.map((r) => parties.map((c) => cellAt(r, c.index).trim())).filter((p) => p.some((t) => t !== ""));
  if (pairs.length < 3) return undefined;
  const covers = (name: string) => pairs.filter((p) => p.some((t) => key(t) === key(name))).length;
  // Both columns name the holder somewhere: else one column is always the holder's (left out as constant) or never.
  const inBoth = (name: string) => parties.every((_, i) => pairs.some((p) => key(p[i]!) === key(name)));
  const every = pairs[0]!.filter((t) => t !== "").find((name) => covers(name) === pairs.length && inBoth(name));
  if (every) return every;
  const named = otherText.map((t) => HOLDER_LABEL.exec(t.replace(/\s+/g, " "))?.[1]).find((n) => n !== undefined && covers(n) * 2 > pairs.length && inBoth(n));
  return named ? pairs.flat().find((t) => key(t) === key(named)) : undefined;
}

/**
 * A payer column beside a payee column that is filled on (nearly) the same rows, from three on,
 * without a name the two share: no holder pays in one and is paid in the other, so the payer
 * names someone of the account's own side on every row.
 */
function paysForTheAccount(payer: ColumnProfile | undefined, payee: ColumnProfile | undefined): boolean {
  if (!payer || !payee) return false;
  const key = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  let both = 0;
  let either = 0;
  const payers = new Set<string>();
  const payees = new Set<string>();
  payer.values.forEach((value, row) => {
    const [a, b] = [key(value), key(payee.values[row] ?? "")];
    if (a !== "") payers.add(a);
    if (b !== "") payees.add(b);
    if (a !== "" || b !== "") either++;
    if (a !== "" && b !== "") both++;
  });
  if (both < 3 || both < either * 0.8) return false;
  return ![...payers].some((name) => payees.has(name));
}

function isLinkColumn(profile: ColumnProfile | undefined): boolean {
  const filled = profile?.values.filter((v) => v !== "") ?? [];
  return filled.length > 0 && filled.every((v) => /^(?:https?:\/\/|www\.)\S+$/i.test(v.trim()));
}

/** Filled cells that are (nearly) all IBANs or account numbers. */
function isAccountNumberColumn(profile: ColumnProfile): boolean {
  const filled = profile.values.filter((v) => v !== "");
  // Excel's text marks around the number ("'49114088717269266127032703'", Santander Poland) are no part of it.
  const numbers = filled.filter((v) => ACCOUNT_NUMBER.test(v.replace(/\s+/g, "").replace(/^'|'$/g, "").toUpperCase()));
  return filled.length > 0 && numbers.length >= filled.length * 0.8;
}
// IBAN; or a domestic account number: digits with dashes or slashes, at least 6 digits, no letters.
const ACCOUNT_NUMBER = /^(?:[A-Z]{2}\d{2}[A-Z0-9]{10,30}|(?=(?:\D*\d){6})[\d/-]+)$/;

/** Rows whose money is in `index` and whose words say it is a payment to a card ("Payment - thank you"). */
function paymentRows(table: readonly SourceRecord[], index: number): number {
  return table.filter((r) => cellAt(r, index) !== "" && paysTheCard(normalizeText(r.cells.join(" ")), false)).length;
}

/** Whole numbers counting up or down by one from row to row: the rows' numbers. */
function isRowNumberColumn(profile: ColumnProfile): boolean {
  const filled = profile.values.filter((v) => v !== "").map((v) => v.trim());
  if (filled.length < 3 || !filled.every((v) => /^\d{1,6}$/.test(v))) return false;
  const n = filled.map(Number);
  const step = n[1]! - n[0]!;
  if (step !== 1 && step !== -1) return false;
  // Counting again from the start (Desjardins numbers each account's rows from 00001, and lists
  // one account's after another's): a few restarts, each a run of two or more.
  let restarts = 0;
  let runStart = 0;
  for (let i = 1; i < n.length; i++) {
    if (n[i]! - n[i - 1]! === step) continue;
    const again = step === 1 ? n[i]! <= 1 || n[i] === n[0] : n[i]! > n[i - 1]!;
    if (!again || i - runStart < 2) return false;
    restarts++;
    runStart = i;
  }
  return restarts * 3 <= n.length && n.length - runStart >= 2;
}

/**
 * A sentence every value of a text column begins with, of three words or more (U.S. Bank's memo:
 * "Download from usbank.com. BLUE BOTTLE COFFEE"): the bank's stamp on its download, not words
 * about the row, which follow it — and differ from row to row.
 */
function stampOf(values: readonly string[]): string | undefined {
  if (values.length < 5) return undefined;
  let prefix = values[0]!;
  for (const v of values) {
    let n = 0;
    const max = Math.min(prefix.length, v.length);
    while (n < max && prefix.charCodeAt(n) === v.charCodeAt(n)) n++;
    prefix = prefix.slice(0, n);
    if (prefix.length < 12) return undefined;
  }
  // Up to the last sentence's end that every value goes on after.
  const end = Math.max(prefix.lastIndexOf(". "), prefix.lastIndexOf(": "));
  if (end < 0) return undefined;
  const stamp = prefix.slice(0, end + 1);
  if (stamp.length < 12 || stamp.trim().split(/\s+/).length < 3) return undefined;
  const rest = new Set(values.map((v) => v.slice(stamp.length).trim()));
  return rest.size >= 2 && !rest.has("") ? stamp : undefined;
}

/** Short codes from a short list ("HIST", "BA"; beside a named description, "TR.KART"), repeated over the rows: a kind of row, not words about it. */
function isCodeColumn(profile: ColumnProfile, code = /^[A-Z0-9-]{1,6}$/): boolean {
  const filled = profile.values.filter((v) => v !== "");
  return filled.length >= 4 && profile.distinct <= 8 && profile.distinct * 2 <= filled.length && filled.every((v) => code.test(v.trim()));
}

/** Words, not dates, amounts, currency codes, markers or ids: text that differs from row to row. */
function isTextColumn(profile: ColumnProfile, rows: number): boolean {
  const filled = profile.nonEmpty;
  if (filled === 0 || (profile.distinct < 2 && rows > 1)) return false;
  if (share(profile.dates + profile.numbers, filled) > 0.2 || share(profile.currencyCodes, filled) > 0.5) return false;
  if (directionValues(profile.values) || isStatusColumn(profile)) return false;
  return profile.values.some((v) => /\p{L}/u.test(v) && !/^[A-Z0-9-]{6,}$/i.test(v));
}

function meanLength(profile: ColumnProfile): number {
  let total = 0;
  for (const v of profile.values) total += v.length;
  return profile.nonEmpty === 0 ? 0 : total / profile.nonEmpty;
}

/**
 * Whole numbers that may be amounts: signed or grouped ("-3980", "12,679"), no leading zeros
 * (those are codes), varying from row to row (a constant is a count or a kind) and not counting
 * up one by one (row numbers).
 */
function isWholeAmountColumn(profile: ColumnProfile): boolean {
  const filled = profile.values.filter((v) => v !== "").map((v) => v.trim());
  if (filled.length < 2 || profile.distinct < Math.min(3, filled.length)) return false;
  if (!filled.every((v) => /^[-+]?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,8})$/.test(v))) return false;
  const numbers = filled.map((v) => Number(v.replace(/,/g, "")));
  return !numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
}

/** Roles of a file without a header, from content alone. */
function rolesFromContent(profiles: ColumnProfile[], table: readonly SourceRecord[]): RoleDecision {
  const guesses: string[] = [];
  const columns: CsvColumn[] = profiles.map((p) => ({ index: p.index, role: "ignore" as ColumnRole }));
  const isDate = (p: ColumnProfile) => p.nonEmpty > 0 && share(p.dates, p.nonEmpty) >= 0.8;
  const isMoney = (p: ColumnProfile) =>
    p.nonEmpty > 0 && !isDate(p) && share(p.numbers, p.nonEmpty) >= 0.8 && share(p.money, p.nonEmpty) >= 0.5;

  const dateCols = profiles.filter(isDate);
  if (dateCols[0]) columns[dateCols[0].index].role = "date";
  if (dateCols[1]) columns[dateCols[1].index].role = "valueDate";
  // Which is the ledger's is a guess only when the dates differ (de Volksbank's booking, journal
  // and value dates are one day on most accounts' rows).
  const datesDiffer = dateCols.length > 1 && table.some((r) => dateCols.some((p) => cellAt(r, p.index) !== cellAt(r, dateCols[0]!.index)));
  const dateGuess = datesDiffer ? `of ${dateCols.length} date columns, column ${dateCols[0]!.index + 1} taken as the transaction date` : undefined;

  let money = profiles.filter(isMoney).map((p) => p.index);
  const wholeAmounts = money.length === 0;
  if (wholeAmounts) {
    // No column holds amounts with decimals: a statement in a currency of whole units (yen,
    // won — SMBC's Vpass card export has no header), its amounts whole numbers. A guess.
    money = profiles.filter((p) => !isDate(p) && isWholeAmountColumn(p)).map((p) => p.index);
    if (money.length > 0) guesses.push(`no column holds amounts with decimals: whole numbers in column ${money[0]! + 1} taken as the amounts`);
  }
  const assign = (index: number, role: ColumnRole) => (columns[index].role = role);
  const chains = (amount: AmountReader, balance: number, before: RowOrder | undefined) => chainShare(table, amount, balance, before) >= 0.8;
  let decided = false;
  const balanceAt = (index: number, before: RowOrder | undefined) => {
    assign(index, "balance");
    if (before) columns[index].before = true;
  };
  // A balance after each row's amount; failing that, one before it (de Volksbank's "saldo vóór
  // mutatie": a row's balance and amount make the next row's balance).
  const rows = dateCols[0] ? rowOrderOf(table, dateCols[0].index) : undefined;
  for (const before of rows ? [undefined, rows] : [undefined]) {
    // Debit/credit pair plus balance, proven by the chain.
    for (const d of money) {
      for (const c of money) {
        if (decided || d === c || !complementary(table, d, c)) continue;
        const b = money.find((x) => x !== d && x !== c && chains(debitCreditIn(d, c), x, before));
        if (b !== undefined) {
          assign(d, "debit");
          assign(c, "credit");
          balanceAt(b, before);
          decided = true;
        }
      }
    }
    // Amount plus balance, proven by the chain.
    for (const a of money) {
      if (decided) break;
      const b = money.find((x) => x !== a && chains(amountIn(a), x, before));
      if (b !== undefined) {
        assign(a, "amount");
        balanceAt(b, before);
        decided = true;
      }
    }
  }
  if (!decided && money.length >= 2 && complementary(table, money[0], money[1])) {
    // A card's payment ("PAYMENT THANK YOU") is money in: the column holding payments, and only
    // it, is the credit column. Otherwise the first is taken as the debit, a guess.
    const [first, second] = [paymentRows(table, money[0]), paymentRows(table, money[1])];
    const [debit, credit] = first > 0 && second === 0 ? [money[1], money[0]] : [money[0], money[1]];
    assign(debit, "debit");
    assign(credit, "credit");
    if ((first > 0) === (second > 0)) guesses.push(`columns ${money[0] + 1} and ${money[1] + 1} never both filled: taken as debit and credit (no balance to prove which is which)`);
    decided = true;
  }
  if (!decided && money.length >= 1) {
    assign(money[0], "amount");
    if (money.length > 1) guesses.push(`of ${money.length} number columns, column ${money[0] + 1} taken as the amount`);
    decided = true;
  }

  // Text that describes no row: the counterparty's account number (Triodos), or a code from a
  // short list (Standard Bank's record type HIST/OPEN/CLOSE, Triodos's BA/GM transaction codes).
  // Such a column describes the rows only when nothing else does.
  const codes: CsvColumn[] = [];
  for (const p of profiles) {
    const column = columns[p.index];
    if (column.role !== "ignore" || p.nonEmpty === 0) continue;
    if (share(p.currencyCodes, p.nonEmpty) > 0.9) column.role = "currency";
    else if (directionValues(p.values)) column.role = "direction";
    // The other whole-number columns (Vpass's amount to pay this month) are money too, not words.
    else if (isDate(p) || isMoney(p) || (wholeAmounts && isWholeAmountColumn(p))) continue;
    else if (p.distinct > 1 || table.length === 1) {
      // Long digit strings unique per row are ids; other text is the description.
      const ids = p.values.every((v) => v === "" || /^[A-Z0-9-]{6,}$/i.test(v)) && p.distinct === p.nonEmpty && /\d/.test(p.values.join(""));
      if (ids) column.role = "reference";
      // Row numbers, counting up or down one by one (Santander Poland's last column): no words about a row.
      else if (isRowNumberColumn(p)) continue;
      // A date with a time of day to the millisecond (ELBA's "Zeitstempel", 03.11.2025 01:00:25:689): when, not what.
      else if (p.values.every((v) => v === "" || /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[ T]\d{1,2}:\d{2}/.test(v.trim()))) continue;
      else if (isAccountNumberColumn(p) || isCodeColumn(p)) codes.push(column);
      else column.role = "description";
    }
  }
  if (!columns.some((c) => c.role === "description")) for (const c of codes) c.role = "description";
  return { columns, guesses, headerless: true, ...(dateCols[1] ? { otherDate: dateCols[1].index } : {}), ...(dateGuess ? { dateGuess } : {}) };
}

// ---------------------------------------------------------------------------------------
// Sign rule

// Viseca's "Ihre Zahlung – besten Dank" (your payment, many thanks), "SU PAGO GRACIAS", "PAYMENT
// RECEIVED - THANK YOU": thanks or a receipt, said only of a payment to the card.
const CARD_PAYMENT_THANKS =
  /\b(thank you|payment received|paiement recu|zahlung erhalten|zahlung eingegangen|vielen dank|besten dank|herzlichen dank|ihre zahlung|your payment|votre paiement|merci|pago recibido|su pago|gracias|pagamento recebido|pagamento ricevuto|betaling ontvangen|betalning mottagen|betaling modtaget|obrigado|grazie|bedankt)\b/;
// How a payment reached the card: "ONLINE PAYMENT", "AUTOPAY PAYMENT", Capital One's "AUTOPAY
// PYMT", Citi's "AUTOPAY 000000012345RAUTOPAY AUTO-PMT" — autopay alone, or before a payment
// word or a number; "AUTOPAY NETFLIX" is a merchant's recurring charge (billPaidByCard).
const CARD_PAYMENT_CHANNEL = /\b(online payment|mobile payment|directpay)\b|\bauto[- ]?pay\b(?=\s*(?:$|[-–:#*/(]|\d|pymt|pmt|paymt|payment|auto[- ]?pmt|thank|received))/;
/**
 * A bill the card pays, worded as a payment: "PAGO AUTOMATICO EDESUR" (a utility charged to the
 * card every month), "PAGO DOMICILIADO CFE", "PAGO DE SERVICIOS CLARO", "AUTOPAY NETFLIX". A
 * charge, money out, though it begins with "pago" — unless what follows names the card or the
 * account it was paid from ("PAGO AUTOMATICO TARJETA", "PAGO AUTOMATICO DESDE CUENTA 1234"). A
 * bare "PAGO AUTOMATICO" or "AUTOPAY" names no merchant: the card's own automatic payment.
 */
const BILL_PAID_BY_CARD =
  /\b(?:pago|pagos|cargo|cobro|payment|paiement)\s+(?:de\s+)?(?:(automatico|automatica|automatique|automatic|recurrente|recurring|periodico|programado)|domiciliado|domiciliacion|servicios?|facturas?|recibos?)\b\W*(.*)$|\bauto[- ]?pay\s+([a-z].*)$/;
const NAMES_THE_CARD = /^(?:(?:de|a|la|su|tu|del|to|your|the)\s+)*(?:tarjeta|tdc|tc|t\.c\.|card|credit card|carte|cartao|karte|credito|credit|cuenta|cta|account|desde|from|recibido|received|thank|gracias|pymt|pmt|payment)\b/;

function billPaidByCard(text: string): boolean {
  const m = BILL_PAID_BY_CARD.exec(text);
  if (!m) return false;
  const automatic = m[1] !== undefined || m[3] !== undefined;
  const rest = (m[2] ?? m[3] ?? "").trim();
  if (NAMES_THE_CARD.test(rest)) return false;
  // An automatic payment is a bill when it names whose; services, an invoice or a direct debit always are.
  return !automatic || /\p{L}{2}/u.test(rest);
}

/**
 * Words that say a row pays the card (normalized text): thanks or a receipt; else a payment
 * channel, or (`leadingWord`, of a row's own description) "PAYMENT"/"PAGO" first — but not a
 * bill the card pays that is worded as one (billPaidByCard).
 */
function paysTheCard(text: string, leadingWord = true): boolean {
  if (CARD_PAYMENT_THANKS.test(text)) return true;
  if (billPaidByCard(text)) return false;
  return CARD_PAYMENT_CHANNEL.test(text) || (leadingWord && /^(payment|paiement|zahlung|pago)\b/.test(text));
}

interface SignDecision {
  sign: SignRule;
  decision: string;
  evidence: string;
  guessed: boolean;
}

function decideSign(
  columns: CsvColumn[],
  table: readonly SourceRecord[],
  cardCue: string | undefined,
  accountKind: AccountKind | undefined,
  hasDirection: boolean,
): SignDecision {
  const amount = columns.find((c) => c.role === "amount");
  if (!amount) {
    return { sign: "as-printed", decision: "debit column negative, credit column positive", evidence: "separate debit and credit columns", guessed: false };
  }
  if (hasDirection) {
    return { sign: "as-printed", decision: "signed by the direction column", evidence: "amounts are unsigned; a column marks each as debit or credit", guessed: false };
  }
  // CR and DR after amounts are their signs, for a card as for a bank account. Where only money
  // in is marked (card payments and refunds "8,500.00 CR"), the bare amounts are money out.
  let markedCredit = 0;
  let markedDebit = 0;
  let negative = 0;
  let bare = 0;
  for (const r of table) {
    const text = cellAt(r, amount.index);
    const v = parseAnyAmount(text);
    if (v === null || v.isZero()) continue;
    const mark = amountMark(text);
    if (mark === "credit") markedCredit++;
    else if (mark === "debit") markedDebit++;
    else if (v.isNegative()) negative++;
    else bare++;
  }
  if (markedCredit > 0 && markedDebit === 0 && negative === 0 && bare > 0) {
    return {
      sign: "credits-marked",
      decision: "bare amounts are money out: only money in is marked (CR)",
      evidence: `${markedCredit} amounts marked CR, ${bare} bare, none negative or marked DR`,
      guessed: false,
    };
  }
  if (markedCredit + markedDebit > 0) {
    return { sign: "as-printed", decision: "as printed (CR and DR after the amounts)", evidence: `${markedCredit} amounts marked CR, ${markedDebit} DR, ${negative} negative`, guessed: false };
  }
  const descriptions = columns.filter((c) => c.role === "description" || c.role === "payee" || c.role === "category");
  let positive = 0;
  let total = 0;
  let paymentsNegative = 0;
  let paymentsPositive = 0;
  for (const r of table) {
    const v = parseAnyAmount(cellAt(r, amount.index));
    if (v === null || v.isZero()) continue;
    total++;
    if (!v.isNegative()) positive++;
    const text = normalizeText(descriptions.map((c) => cellAt(r, c.index)).join(" "));
    if (paysTheCard(text)) {
      if (v.isNegative()) paymentsNegative++;
      else paymentsPositive++;
    }
  }
  const positiveShare = share(positive, total);
  // What is counted: rows whose words say they pay the card ("PAYMENT - THANK YOU"), not every
  // negative row (a refund or a settlement is money in without those words).
  const payments = paymentsNegative + paymentsPositive;
  const facts =
    `${positive} of ${total} amounts positive, ${total - positive} negative; ` +
    `${payments} ${payments === 1 ? "row" : "rows"} worded as a payment to the card${payments === 0 ? "" : ` (${paymentsNegative} of them negative)`}`;
  if (accountKind === "credit-card") {
    const alreadyLedger = paymentsPositive > paymentsNegative || (paymentsNegative === 0 && positiveShare < 0.5);
    return alreadyLedger
      ? { sign: "as-printed", decision: "as printed (card export already signs charges negative)", evidence: `credit-card account; ${facts}`, guessed: false }
      : { sign: "inverted", decision: "inverted: charges positive in the file become money out", evidence: `credit-card account; ${facts}`, guessed: false };
  }
  if (accountKind === "bank") {
    return { sign: "as-printed", decision: "as printed", evidence: "bank account: negative amounts are money out", guessed: false };
  }
  const cardPayments = paymentsNegative > 0 && paymentsPositive === 0;
  if (positiveShare >= 0.6 && total >= 2 && (cardCue || cardPayments) && paymentsPositive === 0) {
    const why = [cardCue ? `card export (${cardCue})` : "", cardPayments ? "payments to the card are negative" : ""].filter(Boolean).join("; ");
    return {
      sign: "inverted",
      decision: "inverted: looks like a card export with charges positive",
      evidence: `${why}; ${facts}`,
      guessed: !(cardCue && cardPayments),
    };
  }
  return { sign: "as-printed", decision: "as printed", evidence: "negative amounts are money out", guessed: false };
}

/**
 * Which way a debit and a credit column move the money, when a running balance can say. A bank
 * debits the account for money out; an accounting system's report of a bank account (an asset:
 * Zoho Books', QuickBooks' account transactions) debits it for money in. The balance follows one
 * reading on (nearly) every row and breaks on most under the other: that reading is the file's.
 * A card's balance is what is owed, and rises by its debits as an asset's does: a card (said,
 * or cued by the file's words or by payments in its credit column) keeps the bank's sense.
 * Swaps the two columns' roles when the accounting sense is the file's; without a reading that
 * holds, the sign is a guess. Without a running balance, a ledger's voucher types may say
 * (voucherSense).
 */
function debitCreditSense(
  columns: CsvColumn[],
  table: readonly SourceRecord[],
  cardCue: string | undefined,
  accountKind: AccountKind | undefined,
): { explain?: Explanation; guess?: string } {
  if (columns.some((c) => c.role === "amount")) return {};
  const debit = columns.find((c) => c.role === "debit");
  const credit = columns.find((c) => c.role === "credit");
  const balance = columns.find((c) => c.role === "balance");
  if (!debit || !credit) return {};
  const card = accountKind === "credit-card" || cardCue !== undefined;
  if (!balance) return card ? {} : voucherSense(columns, table, debit, credit);
  // A balance before the rows was found moving with the bank's sense of the pair (rolesFrom*).
  if (balance.before) return {};
  // Read with the decimal marks decided for the columns ("46.500" is 46500 in a Chilean cartola).
  const separator = debit.decimalSeparator ?? ".";
  const balanceSeparator = balance.decimalSeparator ?? separator;
  const bank = chainStats(table, debitCreditIn(debit.index, credit.index, separator), balance.index, balanceSeparator);
  if (bank.pairs < 3 || bank.share >= 0.5) return {};
  const accounting = chainStats(table, debitCreditIn(credit.index, debit.index, separator), balance.index, balanceSeparator).share;
  const named = (c: CsvColumn) => (c.name ? `"${c.name}"` : `column ${c.index + 1}`);
  if (accounting >= 0.8 && !card && paymentRows(table, credit.index) === 0) {
    debit.role = "credit";
    credit.role = "debit";
    return {
      explain: {
        step: "sign rule",
        decision: `${named(debit)} is money in and ${named(credit)} money out (an accounting report of a bank account: debit = money in)`,
        evidence: `the running balance rises by ${named(debit)} and falls by ${named(credit)} on ${pct(accounting)} of rows; read the other way it follows on ${pct(bank.share)}`,
      },
    };
  }
  return { guess: `the running balance follows the debit and credit columns on ${pct(bank.share)} of rows only, so which way they move the money is not proven` };
}

/** A column naming each row's voucher type, as bookkeeping software prints it (Tally's "Vch Type"). */
const VOUCHER_TYPE_HEADER = /^(?:vch|vou|voucher)\.? ?type$/;
const RECEIPT_VOUCHER = /^(?:receipt|receipts|rcpt)$/;
const PAYMENT_VOUCHER = /^(?:payment|payments|pymt)$/;

/**
 * Which way the debit and credit columns move the money, by a ledger's voucher types (Tally's
 * "Vch Type": Receipt, Payment, Contra, Journal): the books' own word for each row. A receipt
 * is money in and a payment money out; a ledger of the bank account (an asset) debits it for a
 * receipt and credits it for a payment — the bank's statement does the opposite. Only when the
 * receipts and payments stand in the accounting sense's columns on nearly every row (and three
 * at least) are the two columns swapped: a bank export with a Debit and a Credit column keeps
 * its sense unless its own words say otherwise. Contra and journal vouchers go either way and
 * say nothing. (The report's opening and closing balances, printed in the debit column as an
 * asset's are, then read positive too.)
 */
function voucherSense(columns: CsvColumn[], table: readonly SourceRecord[], debit: CsvColumn, credit: CsvColumn): { explain?: Explanation } {
  const voucher = columns.find((c) => !MONEY_ROLES.has(c.role) && c.name !== undefined && VOUCHER_TYPE_HEADER.test(normalizeHeaderName(c.name)));
  if (!voucher) return {};
  let accounting = 0;
  let bank = 0;
  for (const r of table) {
    const kind = normalizeText(cellAt(r, voucher.index));
    const receipt = RECEIPT_VOUCHER.test(kind);
    if (!receipt && !PAYMENT_VOUCHER.test(kind)) continue;
    const inDebit = filledMoney(cellAt(r, debit.index));
    if (inDebit === filledMoney(cellAt(r, credit.index))) continue;
    if (inDebit === receipt) accounting++;
    else bank++;
  }
  const decided = accounting + bank;
  if (accounting < 3 || accounting < decided * 0.9) return {};
  debit.role = "credit";
  credit.role = "debit";
  const named = (c: CsvColumn) => (c.name ? `"${c.name}"` : `column ${c.index + 1}`);
  return {
    explain: {
      step: "sign rule",
      decision: `${named(debit)} is money in and ${named(credit)} money out (a ledger of the bank account in the books: debit = money in)`,
      evidence: `the voucher type (${named(voucher)}) puts receipts in ${named(debit)} and payments in ${named(credit)} on ${accounting} of ${decided} receipts and payments`,
    },
  };
}

/** A money cell with a number other than zero in it. */
function filledMoney(text: string): boolean {
  const value = text.trim() === "" ? null : parseAnyAmount(text);
  return value !== null && !value.isZero();
}

// ---------------------------------------------------------------------------------------

function dateOrderHint(separators: DecimalSeparator[], currencyText: string, delimiter: Delimiter): DateOrderHint | undefined {
  if (separators.includes(",")) return { order: "day-first", reason: "decimal comma" };
  if (/\b(EUR|GBP|CHF|PLN|CZK|HUF|SEK|NOK|DKK|AUD|NZD|INR|ZAR)\b|[€£]/.test(currencyText)) return { order: "day-first", reason: "currency" };
  if (/\bUSD\b|(^|[^A-Z])\$/.test(currencyText)) return { order: "month-first", reason: "US dollar amounts" };
  if (delimiter === ";") return { order: "day-first", reason: "semicolon delimiter" };
  return undefined;
}

/**
 * Excel's text marker on the file's cells: dates and numbers written after an apostrophe
 * ('02/01, '0000), which only a spreadsheet's "keep this as text" puts there. Text after one
 * ("'Tis", "'s-Hertogenbosch") is not evidence: it may be the text.
 */
function usesTextMarker(records: readonly SourceRecord[]): boolean {
  let marked = 0;
  for (const r of records.slice(0, PROFILE_RECORDS)) {
    for (const c of r.cells) {
      const t = c.trim();
      if (t.length < 2 || t.charCodeAt(0) !== 0x27) continue;
      const rest = t.slice(1);
      if (isDateCell(rest) || isNumberCell(rest)) marked++;
      if (marked >= 3) return true;
    }
  }
  return false;
}

/** How often consecutive dates go forward and back. */
function steps(dates: readonly string[]): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (let i = 1; i < dates.length; i++) {
    if (dates[i] > dates[i - 1]) up++;
    else if (dates[i] < dates[i - 1]) down++;
  }
  return { up, down };
}

/** A date's parts as text that sorts as the dates do (year 0 when none is printed). */
function sortableDate(p: { year?: number; month: number; day: number }): string {
  return `${p.year ?? 0}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function fileOrderOf(dates: string[]): CsvLayout["fileOrder"] {
  const { up, down } = steps(dates);
  if (up === 0 && down === 0) return "unknown";
  return up >= down ? "oldest-first" : "newest-first";
}

function noHeaderError(): StatementParseError {
  return new StatementParseError(
    `no header row found in the first ${HEADER_SEARCH_LINES} lines and no rows that look like transactions (a date and an amount): ` +
      `expected column names such as Date, Description and Amount (or Debit and Credit)`,
  );
}

/** `date ("Datum"), description ("Text", "Memo")` — the recognized columns, by role. */
function describeFound(columns: CsvColumn[]): string {
  const byRole = new Map<string, string[]>();
  for (const c of columns) {
    if (c.role === "ignore" || !c.name) continue;
    const label = c.role === "valueDate" ? "value date" : c.role;
    byRole.set(label, [...(byRole.get(label) ?? []), `"${c.name}"`]);
  }
  return [...byRole].map(([role, names]) => `${role} (${names.join(", ")})`).join(", ");
}

function checkComplete(columns: CsvColumn[], headerLine: number, datelessDate?: RoleDecision["datelessDate"]): void {
  const has = (role: ColumnRole) => columns.some((c) => c.role === role);
  if (!has("date") && datelessDate) {
    // Spreadsheets write a date cell formatted as a number as its serial (days since 1899-12-30).
    const serial = /^\d{5}(?:\.\d+)?$/.test(datelessDate.example)
      ? "; numbers like this are spreadsheet serial dates — format the column as dates in the spreadsheet before saving it as CSV"
      : "";
    throw new StatementParseError(`column "${datelessDate.name}" holds no dates (e.g. "${datelessDate.example}")${serial}`, { row: headerLine });
  }
  const missing: string[] = [];
  if (!has("date")) missing.push("date column (expected Date, Transaction Date, Posting Date …)");
  if (!has("amount") && !(has("debit") && has("credit"))) {
    missing.push(
      has("debit")
        ? "credit column to go with the debit column (or a single Amount column)"
        : has("credit")
          ? "debit column to go with the credit column (or a single Amount column)"
          : "amount column (expected Amount, or Debit and Credit)",
    );
  }
  if (missing.length > 0) {
    throw new StatementParseError(`the header row has columns for ${describeFound(columns)} but no ${missing.join(" and no ")}`, {
      row: headerLine,
    });
  }
}

/**
 * Detects the layout of a CSV statement from its text (the whole file, or a large enough
 * sample of its beginning). Throws a StatementParseError when the text is not a statement.
 */
export function detectCsvLayout(sampleText: string, options: DetectOptions = {}): LayoutDetection {
  return detect(sampleText, options).detection;
}

/** Records a head sample holds (more than the role profile reads, PROFILE_RECORDS). */
export const HEAD_SAMPLE_RECORDS = 4_000;

/**
 * The same detection, settled on the file's first HEAD_SAMPLE_RECORDS lines when those decide
 * everything the rest could change — the delimiter, header and column roles come from the
 * first records in any case — and on all of `text` otherwise: a date order only the dates
 * themselves make certain (a day above 12), decimal separators every money column shows,
 * no bank-reference column whose uniqueness later rows could break, no direction column whose
 * other marks could appear later, no year-less dates (their year may come from a footer), a
 * known file order, and nothing guessed or warned about. Detection over a large head costs
 * ~0.35 s per 100k rows; the sample ~0.05 s.
 */
export function detectCsvLayoutOnHead(text: string, options: DetectOptions = {}): LayoutDetection {
  let end = 0;
  for (let lines = 0; lines < HEAD_SAMPLE_RECORDS && end !== -1; lines++) end = text.indexOf("\n", end + 1);
  if (end !== -1) {
    // The sample ends at a line break; a quoted field that spans it is cut short, which at
    // worst leaves the decisions unsettled.
    const sample = detect(text.slice(0, end + 1), options);
    if (sample.settled) return sample.detection;
  }
  return detect(text, options).detection;
}

function detect(sampleText: string, options: DetectOptions): { detection: LayoutDetection; settled: boolean } {
  const unmarked = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  const explain: Explanation[] = [];
  const warnings: string[] = [];
  const guesses: string[] = [];
  if (options.encoding) explain.push({ step: "encoding", decision: options.encoding.name, ...(options.encoding.evidence ? { evidence: options.encoding.evidence } : {}) });
  // Text that may be garbled is shown to a person before it is posted (as MT940 and QIF warn).
  if (options.encoding?.doubt) guesses.push(`encoding: ${options.encoding.doubt}`);
  // One record per block of "key: value" lines: read as the table those keys make.
  const blockKeysFound = blockKeys(unmarked);
  const text = blockKeysFound ? blocksAsTable(unmarked, blockKeysFound) : unmarked;
  if (blockKeysFound) {
    explain.push({ step: "layout", decision: "one record per block of key: value lines", evidence: `keys ${blockKeysFound.map((k) => `"${k}"`).join(", ")}, block after block` });
  }

  // Dialect: the delimiter that makes a header appear, or failing that, consistent data rows.
  const head = text.length > 256 * 1024 ? text.slice(0, 256 * 1024) : text;
  const dialects = DELIMITERS.map((d) => scoreDelimiter(head, d)).sort((a, b) => b.score - a.score);
  const dialect = dialects[0];
  const delimiter = dialect.delimiter;
  const split = splitRecords(text, delimiter, { lenient: true, maxRecords: DETECT_MAX_RECORDS });
  const textMarker = usesTextMarker(split);
  const records = textMarker ? split.map((r) => ({ ...r, cells: r.cells.map(withoutTextMarker) })) : split;

  // The table: after the header, or (headerless) the records that look like transactions.
  const header = dialect.header;
  let tableStart: number;
  let fieldCount: number;
  if (header) {
    tableStart = records.findIndex((r) => r.line === header.record.line) + 1;
    fieldCount = header.record.cells.length;
  } else {
    const dataLike = (r: SourceRecord) => r.cells.some((c) => isDateCell(c.trim())) && r.cells.some((c) => isNumberCell(c.trim()));
    const counts = new Map<number, number>();
    for (const r of records.slice(0, PROFILE_RECORDS)) if (r.cells.length >= 2 && dataLike(r)) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    if (counts.size === 0) throw noHeaderError();
    fieldCount = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
    tableStart = records.findIndex((r) => r.cells.length === fieldCount && dataLike(r));
  }
  const table = records.slice(tableStart).filter((r) => !isBlankRecord(r.cells) && r.cells.length >= Math.min(2, fieldCount));
  // Lines after the last dated one are a footer (YES BANK's summary: labels over numbers), not
  // values of the table's columns: a "Dr/Cr" column is still one of marks.
  let lastDated = table.length - 1;
  while (lastDated >= 0 && !table[lastDated]!.cells.some((c) => isDateCell(c.trim()))) lastDated--;
  // The header printed again over a later section (a card's "Pending Authorisations" under the
  // same column names, a page's header) holds names, not values: in a "DR/CR" column its "DR/CR"
  // would be the one cell that is no mark, and the column would not sign the amounts.
  // Up to PROFILE_RECORDS of them, taken in one pass: the table may be a whole file's rows, and
  // a row is compared with the header only where its first cell is the header's.
  const headerNames = header?.record.cells.map(normalizeHeaderName);
  const headerKey = headerNames?.join("\u001f");
  const repeatsHeader = (r: SourceRecord) =>
    headerNames !== undefined && normalizeHeaderName(r.cells[0] ?? "") === headerNames[0] && r.cells.map(normalizeHeaderName).join("\u001f") === headerKey;
  const tableForProfile: SourceRecord[] = [];
  const profiledEnd = lastDated >= 0 ? lastDated + 1 : table.length;
  for (let i = 0; i < profiledEnd && tableForProfile.length < PROFILE_RECORDS; i++) {
    const r = table[i]!;
    if (r.cells.length >= fieldCount - 1 && !repeatsHeader(r)) tableForProfile.push(r);
  }
  const profiles = profileColumns(tableForProfile, fieldCount);

  explain.push({
    step: "delimiter",
    decision: DELIMITER_LABEL[delimiter],
    evidence: header ? `the header row splits into ${fieldCount} columns with it` : `${tableForProfile.length} rows of ${fieldCount} fields`,
  });
  const card = options.accountKind === "credit-card" || (header !== undefined && CARD_HEADER.test(normalizeText(header.record.cells.join(" "))));
  const roles = header ? rolesFromHeader(header, profiles, tableForProfile, card) : rolesFromContent(profiles, tableForProfile);
  guesses.push(...roles.guesses);
  const columns = roles.columns;
  if (header) {
    explain.push({ step: "header row", decision: `line ${header.record.line}`, evidence: describeFound(columns) || "column names" });
    checkComplete(columns, header.record.line, roles.datelessDate);
  } else {
    explain.push({ step: "header row", decision: "none, inferred", evidence: "no row names the columns; roles were inferred from the values" });
    if (!columns.some((c) => c.role === "date") || !columns.some((c) => c.role === "amount" || c.role === "debit")) throw noHeaderError();
  }
  const indexOf = (role: ColumnRole) => columns.find((c) => c.role === role)?.index;

  // Only table rows that are transactions tell conventions: rows with a date in the date column.
  let dateIndex = indexOf("date")!;
  const valueDateIndex = indexOf("valueDate");
  const txRecords = table.filter((r) => isDateCell(cellAt(r, dateIndex)));

  // Decimal separators per money column, then the file's, then the locale's.
  const moneyColumns = columns.filter((c) => MONEY_ROLES.has(c.role));
  const decided = new Map<number, DecimalSeparator | undefined>(
    moneyColumns.map((c) => [c.index, columnDecimalSeparator(txRecords.map((r) => cellAt(r, c.index)))]),
  );
  const fromValues = columnDecimalSeparator(moneyColumns.flatMap((c) => txRecords.map((r) => cellAt(r, c.index))));
  const fileWide = fromValues ?? (delimiter === ";" || txRecords.some((r) => /^\d{1,2}\.\d{1,2}\.\d{2,4}$/.test(cellAt(r, dateIndex))) ? "," : ".");
  for (const c of moneyColumns) {
    const own = decided.get(c.index);
    c.decimalSeparator = own ?? fileWide;
  }
  if (fromValues === undefined) {
    // No value shows which mark is the decimal one, and a value such as "1.500" reads as 1.5
    // one way and 1500 the other: the file's convention alone decides, so a person confirms it —
    // unless the file names its currency and that has no third decimal (as all but a few do):
    // then "1.500" can only be 1500 (Bank of Taiwan's "14,644" under "幣別：新臺幣").
    const example = moneyColumns.flatMap((c) => txRecords.map((r) => cellAt(r, c.index).trim())).find((v) => /^[^\d]*\d{1,3}[.,]\d{3}[^\d]*$/.test(v));
    const named =
      example &&
      (moneyColumns.map((c) => (c.name ? headerCurrency(c.name) : undefined)).find((x) => x !== undefined) ??
        statedCurrency(records, tableStart) ??
        (header ? currencyOfScript(header.record.cells.join(" ")) : undefined));
    if (example && !(named && !THREE_DECIMAL_CURRENCIES.has(named) && fileWide === "," === example.includes("."))) {
      const [whole, fraction] = example.replace(/^[^\d]*|[^\d]*$/g, "").split(/[.,]/) as [string, string];
      const asDecimal = `${whole}.${fraction}`.replace(/0+$/, "").replace(/\.$/, "");
      const readings = fileWide === "," === example.includes(",") ? [asDecimal, `${whole}${fraction}`] : [`${whole}${fraction}`, asDecimal];
      guesses.push(`"${example}" was read as ${readings[0]} by the file's convention (decimal ${fileWide === "," ? "comma" : "point"}); no amount shows which mark is the decimal one, and it could be ${readings[1]}`);
    }
  }
  const separators = moneyColumns.map((c) => c.decimalSeparator!);
  explain.push({
    step: "decimal separator",
    decision: [...new Set(separators)].map((s) => (s === "," ? "comma" : "point")).join(" / ") || "point",
    evidence: moneyColumns
      .map((c) => `column ${c.index + 1}: ${decided.get(c.index) ? `'${c.decimalSeparator}' from its values` : `'${c.decimalSeparator}' (file convention)`}`)
      .join("; "),
  });

  // Reference ids: a bank id only when unique per row — per transaction: balance and turnover
  // lines in the table (Swedbank's "Algsaldo", "Käive") and rows of zero carry none, and are
  // not rows of the ledger.
  const wordColumns = columns.filter((c) => c.role === "description" || c.role === "payee" || c.role === "payer").map((c) => c.index);
  const moneyIndexes = columns.filter((c) => c.role === "amount" || c.role === "debit" || c.role === "credit").map((c) => c.index);
  const ledgerRecords = txRecords.filter((r) => {
    const label = wordColumns.map((i) => cellAt(r, i)).filter((t) => t !== "").join(" ");
    if (label.length < 40 && (balanceLineKind(label) !== undefined || isTurnoverLabel(label))) return false;
    const money = moneyIndexes.map((i) => parseAnyAmount(cellAt(r, i))).filter((v) => v !== null);
    return !(money.length > 0 && money.every((v) => v.isZero()));
  });
  for (const c of columns.filter((c) => c.role === "reference")) {
    const values = ledgerRecords.map((r) => cellAt(r, c.index));
    // A placeholder ("-") is no id: the same "-" in another file would match it.
    c.unique = values.length > 0 && values.every((v) => v !== "" && !isPlaceholder(v)) && new Set(values).size === values.length;
  }

  // Direction markers: only for unsigned amounts.
  const amountColumn = columns.find((c) => c.role === "amount");
  const directionColumn = columns.find((c) => c.role === "direction");
  let directionMarks: CsvLayout["directionValues"];
  if (directionColumn) {
    const unsigned = amountColumn && profiles[amountColumn.index].negatives === 0;
    directionMarks = unsigned ? directionValues(txRecords.map((r) => cellAt(r, directionColumn.index)), directionColumn.name) : undefined;
    if (!directionMarks) directionColumn.role = "ignore";
  }

  // Currency the header names.
  const headerCurrencyCode = moneyColumns.map((c) => (c.name ? headerCurrency(c.name) : undefined)).find((x) => x !== undefined);

  // Preamble (and footer) lines: evidence for card exports, dates for year-less rows.
  const tableLines = new Set(txRecords.map((r) => r.line));
  const otherText = records.filter((r) => !tableLines.has(r.line) && r !== header?.record).map((r) => r.cells.join(" "));
  const headerText = header ? header.record.cells.join(" ") : "";
  const accountHolder = holderOfParties(columns, txRecords, otherText);
  if (accountHolder) {
    explain.push({ step: "account holder", decision: `"${accountHolder}" left out of the rows' text`, evidence: "on each row one of the two party columns names the account's holder; the other party is the payee" });
  }
  const cardCue = CARD_HEADER.exec(normalizeText(`${headerText} ${otherText.slice(0, 40).join(" ")}`))?.[0];

  // Date order across the date columns of the whole file.
  const dateValues = txRecords.flatMap((r) => (valueDateIndex === undefined ? [cellAt(r, dateIndex)] : [cellAt(r, dateIndex), cellAt(r, valueDateIndex)]));
  const currencyText = [
    headerCurrencyCode ?? "",
    ...txRecords.slice(0, 200).flatMap((r) => moneyColumns.map((c) => cellAt(r, c.index))),
    ...(indexOf("currency") !== undefined ? txRecords.slice(0, 50).map((r) => cellAt(r, indexOf("currency")!)) : []),
    ...otherText.slice(0, 40),
  ].join(" ");
  let dateDecision = detectDateOrder(dateValues, dateOrderHint(separators, currencyText, delimiter));
  if (dateDecision.assumed) {
    // The rows' dates fit either order (a short export, days up to 12): a full date above or
    // below them ("Data de fim;31-03-2026", "Statement period 03/01/2026 - 03/31/2026") may
    // settle it, written the rows' way.
    const rowSeparator = dateValues.map((v) => /^\s*\d{1,2}([./-])\d{1,2}/.exec(v)?.[1]).find((x) => x !== undefined);
    const settled = orderFromDatesElsewhere(otherText, rowSeparator);
    if (settled) dateDecision = { ...settled, evidence: `${settled.evidence}, printed above or below the rows; the rows' dates fit either order` };
  }
  const dateOrder: DateOrder = dateDecision.order;
  if (dateDecision.warning) {
    warnings.push(dateDecision.warning);
    guesses.push("date order");
  }
  explain.push({
    step: "date order",
    decision: dateValues.some((v) => /^\d{1,2}[/-]\d{1,2}/.test(v)) ? describeDateOrder(dateOrder) : "not needed (unambiguous date format)",
    ...(dateDecision.evidence ? { evidence: dateDecision.evidence } : {}),
  });

  // Of two date columns, one named as the posting (booking) date is the ledger's, whatever order
  // the rows are in: the day the money moved on the account is what its statements, their periods
  // and balances count (a card export sorted by the purchase date, Emirates NBD's or Ramp's,
  // included; the purchase date is kept as the value date). When the names do not say (Interbank's
  // "Fecha de operación" and "Fecha de proceso"; no header at all), a bank sorts an export by the
  // date its ledger keeps: the rows' order settles it.
  let ledgerDateEvidence: string | undefined;
  let dateGuessSettled = false;
  const postingNamed = (c: CsvColumn) => dateColumnPriority(c.name ?? "") === POSTING_DATE_PRIORITY;
  const namesDecide = (a: CsvColumn, b: CsvColumn) => postingNamed(a) !== postingNamed(b);
  if (roles.otherDate !== undefined && columns[roles.otherDate]?.role === "valueDate" && !namesDecide(columns[dateIndex]!, columns[roles.otherDate]!)) {
    const isoOf = (index: number) =>
      txRecords.map((r) => parseDateParts(cellAt(r, index), dateOrder)).map((p) => (p ? sortableDate(p) : ""));
    const sorted = (s: { up: number; down: number }) => s.up === 0 || s.down === 0;
    // A name that two columns share ("Date,Date") says which by its column too.
    const shared = (c: CsvColumn) => columns.some((o) => o !== c && o.name?.trim().toLowerCase() === c.name?.trim().toLowerCase());
    const named = (c: CsvColumn) => (c.name ? `"${c.name}"${shared(c) ? ` (column ${c.index + 1})` : ""}` : `column ${c.index + 1}`);
    const date = columns[dateIndex]!;
    const runnerUp = columns[roles.otherDate]!;
    const posting = steps(isoOf(date.index).filter((d) => d !== ""));
    const other = steps(isoOf(runnerUp.index).filter((d) => d !== ""));
    if (posting.up > 0 && posting.down > 0 && other.up + other.down > 0 && sorted(other)) {
      date.role = "valueDate";
      runnerUp.role = "date";
      dateIndex = runnerUp.index;
      ledgerDateEvidence = `the rows are in the order of ${named(runnerUp)}; the dates of ${named(date)} go back and forth`;
      dateGuessSettled = true;
    } else if (sorted(posting) && !sorted(other)) {
      ledgerDateEvidence = `the rows are in the order of ${named(date)}`;
      dateGuessSettled = true;
    }
  }
  if (roles.dateGuess && !dateGuessSettled) guesses.push(roles.dateGuess);
  if (ledgerDateEvidence) {
    const name = columns[dateIndex]!.name;
    explain.push({ step: "ledger date", decision: `column ${dateIndex + 1}${name ? ` ("${name}")` : ""}`, evidence: ledgerDateEvidence });
  }

  const sign = decideSign(columns, txRecords, cardCue, options.accountKind, directionMarks !== undefined);
  if (sign.guessed) guesses.push("sign rule");
  const pairSense = debitCreditSense(columns, txRecords.slice(0, PROFILE_RECORDS), cardCue, options.accountKind);
  if (pairSense.guess) guesses.push(pairSense.guess);
  explain.push(pairSense.explain ?? { step: "sign rule", decision: sign.decision, evidence: sign.evidence });

  // Text wrapped in single quotes on every row ('BEA, Betaalpas …', de Volksbank's description):
  // the quotes are no part of it. Quotes on some values only may be the text's own.
  for (const c of columns) {
    if (c.role !== "description" && c.role !== "payee" && c.role !== "payer") continue;
    const filled = txRecords.map((r) => cellAt(r, c.index)).filter((v) => v !== "");
    if (filled.length >= 2 && filled.every((v) => v.length >= 3 && v.startsWith("'") && v.endsWith("'"))) c.quoted = true;
    else {
      const stamp = stampOf(filled);
      if (stamp) c.stamp = stamp;
    }
  }
  for (const c of columns) {
    if (c.role === "ignore" && !c.name) continue;
    explain.push({
      step: `column ${c.index + 1}`,
      decision:
        describeRole(c) +
        (c.decimalSeparator ? ` (decimal '${c.decimalSeparator}')` : "") +
        (c.quoted ? " (the single quotes around every value taken off)" : "") +
        (c.stamp ? ` (without "${c.stamp}", which every value begins with)` : ""),
      ...(c.name
        ? { evidence: `header "${c.name}"${roles.columnNotes?.has(c.index) ? `, ${roles.columnNotes.get(c.index)}` : ""}` }
        : { evidence: "by content" }),
    });
  }
  if (roles.feeEvidence) {
    const charged = columns.some((c) => c.role === "fee");
    explain.push({ step: "fee", decision: charged ? "taken off the amount" : "already in the amount", evidence: roles.feeEvidence });
  }
  if (directionColumn && directionMarks) {
    explain.push({
      step: "direction values",
      decision: `debit: ${directionMarks.debit.join(", ") || "—"}; credit: ${directionMarks.credit.join(", ") || "—"}`,
    });
  }

  const txDates = txRecords.map((r) => parseDateParts(cellAt(r, dateIndex), dateOrder)).filter((p) => p !== null);
  const isoDates = txDates.map(sortableDate);
  let fileOrder = fileOrderOf(isoDates);
  let fileOrderEvidence: string | undefined;
  // Listed by the value (purchase) dates while the posting dates go back and forth: theirs is the order.
  const valueDateColumn = columns.find((c) => c.role === "valueDate");
  const ledgerSteps = steps(isoDates);
  if (valueDateColumn && ledgerSteps.up > 0 && ledgerSteps.down > 0) {
    const valueIso = txRecords.map((r) => parseDateParts(cellAt(r, valueDateColumn.index), dateOrder));
    const valueSteps = valueIso.every((p) => p !== null) ? steps(valueIso.map((p) => sortableDate(p!))) : undefined;
    if (valueSteps && (valueSteps.up === 0) !== (valueSteps.down === 0)) {
      fileOrder = valueSteps.down > 0 ? "newest-first" : "oldest-first";
      fileOrderEvidence = "by the value dates: the rows are listed by them, their ledger dates go back and forth";
    }
  }
  explain.push({ step: "file order", decision: fileOrder === "unknown" ? "unknown (all on one day)" : fileOrder, ...(fileOrderEvidence ? { evidence: fileOrderEvidence } : {}) });

  // Dates printed without a year need one: the latest full date stated outside the table.
  let referenceDate: string | undefined;
  if (txDates.some((p) => p.year === undefined)) {
    const stated = records
      .filter((r) => !tableLines.has(r.line))
      .flatMap((r) => {
        const facts = lineFacts(r.cells, dateOrder, fileWide);
        return facts.period ? [facts.period.to] : datesIn(r.cells.join(" "), dateOrder);
      })
      .sort();
    referenceDate = stated.at(-1);
    if (!referenceDate) guesses.push("year of the dates");
  }

  const shape = profiles.map((p, i) => (columns[i]?.role !== "ignore" ? columns[i].role : p.nonEmpty === 0 ? "empty" : "text"));
  const layout: CsvLayout = {
    version: 1,
    ...(options.encoding ? { encoding: options.encoding.name } : {}),
    delimiter,
    headerLine: header ? header.record.line : null,
    ...(header ? { headerCells: header.record.cells.map((c) => c.trim()) } : {}),
    dataStartLine: header ? header.record.line + 1 : (table[0]?.line ?? 1),
    fieldCount,
    columns,
    dateOrder,
    sign: sign.sign,
    ...(directionMarks ? { directionValues: directionMarks } : {}),
    ...(blockKeysFound ? { blocks: { keys: blockKeysFound } } : {}),
    ...(textMarker ? { textMarker } : {}),
    ...(headerCurrencyCode ? { headerCurrency: headerCurrencyCode } : {}),
    ...(accountHolder ? { accountHolder } : {}),
    fileOrder,
    fingerprint: header
      ? layoutFingerprint({ delimiter, headerCells: header.record.cells })
      : layoutFingerprint({ delimiter, columnShape: shape }),
  };
  const confidence = guesses.length > 0 || (roles.headerless && roles.guesses.length > 0) ? "low" : "high";
  if (guesses.length > 0) explain.push({ step: "confidence", decision: "low", evidence: `guessed: ${guesses.join("; ")}` });
  // Whether more of the file could change any decision above (see detectCsvLayoutOnHead).
  const settled =
    confidence === "high" &&
    warnings.length === 0 &&
    header !== null &&
    moneyColumns.every((c) => decided.get(c.index) !== undefined) &&
    !columns.some((c) => c.role === "reference" && c.unique) &&
    !columns.some((c) => c.role === "direction") &&
    (dateDecision.certain || !dateValues.some((v) => /^\d{1,2}[/.-]\d{1,2}/.test(v.trim()))) &&
    txDates.every((p) => p.year !== undefined) &&
    fileOrder !== "unknown";
  return { detection: { layout, explain, confidence, warnings, ...(referenceDate ? { referenceDate } : {}) }, settled };
}
