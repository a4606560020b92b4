/**
 * QIF (Quicken Interchange Format) statements: `!Type:Bank`, `!Type:CCard`, `!Type:Cash`,
 * `!Type:Oth A` and `!Type:Oth L` sections of `^`-terminated records, optionally under
 * `!Account` blocks. Pure: text (or bytes) in, statement out.
 *
 * Decisions worth knowing:
 * - The date order is decided once for the whole file, by its dates, else by the order the file
 *   states (`!Option:MDY` / `!Option:DMY`). QIF is Quicken's (US) format, so dates
 *   that never settle it are read month-first — unless only day-first keeps them in order —
 *   and the statement is then marked low-confidence with a warning.
 * - Amounts are taken as signed: Quicken writes them from the account's view (a card charge is
 *   negative). The decimal separator is decided for the whole file (`1.234,56` exports exist).
 * - A split transaction is one row: its T is the transaction; its S/E/$ lines only add to the
 *   description and category.
 * - Quicken's first record "Opening Balance" (category `[Account name]`; localized versions
 *   name it "Solde initial", "Anfangssaldo" …) is the opening balance, not a row. QIF states
 *   no other balances.
 * - Lists (`!Type:Cat`, `!Type:Class`, `!Type:Memorized` …) are skipped and reported.
 */
import { inferDecimalSeparator, parseAmount, type DecimalSeparator } from "./amount.ts";
import { holdsWords, joinDescription } from "./description.ts";
import { detectDateOrder, describeDateOrder, parseDate, type DateOrder } from "./dates.ts";
import type { Decimal } from "./money.ts";
import {
  StatementParseError,
  zeroAmountLine,
  type AccountKind,
  type Explanation,
  type ParsedStatement,
  type ParseOptions,
  type SkippedLine,
  type StatementRow,
} from "./statement.ts";
import { decodeStatementBytes, describeEncoding } from "./encoding.ts";
import { refuseOversized } from "./xml.ts";

/** The account types that hold ledger transactions, by their `!Type:` name (lower case). */
const TRANSACTION_TYPES: Record<string, { label: string; kind: AccountKind }> = {
  bank: { label: "bank account", kind: "bank" },
  cash: { label: "cash account", kind: "bank" },
  ccard: { label: "credit card", kind: "credit-card" },
  "oth a": { label: "other asset account", kind: "bank" },
  "oth l": { label: "other liability account", kind: "credit-card" },
};

const LIST_TYPES: Record<string, string> = {
  cat: "category list",
  class: "class list",
  memorized: "memorized transactions",
  prices: "security prices",
  security: "security list",
  template: "budget template",
};

interface Line {
  number: number;
  code: string;
  value: string;
}

interface QifRecord {
  /** Line of the record's first field. */
  line: number;
  fields: Line[];
  terminated: boolean;
}

interface Section {
  /** `!Type:` value as written ("Bank", "CCard") or "Account". */
  header: string;
  headerLine: number;
  /** The `!Account` name this section belongs to, when the file has account blocks. */
  account?: string;
  records: QifRecord[];
}

/** A date order the file states itself (`!Option:MDY`, `!Option:DMY`), and on which line. */
interface DeclaredOrder {
  order: DateOrder;
  text: string;
  line: number;
}

/**
 * Splits the file into sections of records. Of the `!Option`/`!Clear` lines only a stated date
 * order (`!Option:MDY`, `!Option:DMY`, which some exporters write) changes anything for us.
 */
function readSections(text: string): { sections: Section[]; declaredOrder?: DeclaredOrder } {
  const sections: Section[] = [];
  let declaredOrder: DeclaredOrder | undefined;
  let current: Section | undefined;
  let record: QifRecord | undefined;
  let account: string | undefined;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);

  const finishRecord = (terminated: boolean) => {
    if (record && current && record.fields.length > 0) current.records.push({ ...record, terminated });
    record = undefined;
  };
  const finishSection = () => {
    finishRecord(false);
    // An account block's last record names the account the next !Type section belongs to.
    if (current?.header.toLowerCase() === "account") {
      const last = current.records.at(-1);
      account = last?.fields.find((f) => f.code === "N")?.value ?? account;
    }
  };

  lines.forEach((raw, index) => {
    const number = index + 1;
    const line = raw.trimEnd();
    if (line.trim() === "") return;
    if (line.startsWith("!")) {
      const m = /^!\s*(type|account|option|clear)\b\s*:?\s*(.*)$/i.exec(line.trim());
      const keyword = m?.[1].toLowerCase();
      if (keyword === "option") {
        const order = /^(mdy|dmy)$/i.exec(m![2].trim())?.[1].toLowerCase();
        if (order) declaredOrder ??= { order: order === "mdy" ? "month-first" : "day-first", text: line.trim(), line: number };
        return;
      }
      if (keyword === "clear") return;
      finishSection();
      current =
        keyword === "account"
          ? { header: "Account", headerLine: number, records: [] }
          : { header: (m?.[2] ?? line.slice(1)).trim(), headerLine: number, ...(account ? { account } : {}), records: [] };
      sections.push(current);
      return;
    }
    if (!current) {
      throw new StatementParseError(`the line before any "!Type:" header is not part of a QIF record (QIF files start with "!Type:" or "!Account")`, { row: number });
    }
    if (line.trim() === "^") {
      finishRecord(true);
      return;
    }
    record ??= { line: number, fields: [], terminated: false };
    record.fields.push({ number, code: line[0].toUpperCase(), value: line.slice(1).trim() });
  });
  finishSection();
  return { sections, ...(declaredOrder ? { declaredOrder } : {}) };
}

/**
 * Quicken's date spellings to something `parseDate` reads: `1/ 5'26` → `1/5/2026`. The year
 * after the apostrophe takes the date's own separator: `28.02'2009` (Microsoft Money, French
 * locale) → `28.02.2009`.
 */
function normalizeQifDate(text: string): string {
  const compact = text.replace(/\s+/g, "");
  const separator = /^\d{1,2}([/.-])\d{1,2}'/.exec(compact)?.[1] ?? "/";
  return compact
    .replace(/'(\d{2})$/, (_m, yy: string) => `${separator}20${yy}`)
    .replace(/'(\d{4})$/, (_m, yyyy: string) => `${separator}${yyyy}`);
}

function isMonotonic(dates: (string | null)[]): boolean {
  const valid = dates.filter((d): d is string => d !== null);
  let up = true;
  let down = true;
  for (let i = 1; i < valid.length; i++) {
    if (valid[i] < valid[i - 1]) up = false;
    if (valid[i] > valid[i - 1]) down = false;
  }
  return up || down;
}

interface DateDecision {
  order: DateOrder;
  guessed: boolean;
  /** What the explain log says instead of the order's own name: every date is year first (ISO), so none is day- or month-first. */
  description?: string;
  evidence: string;
  /** The dates contradict the order the file states: they win, and the statement says so. */
  warning?: string;
}

/** A date written year first, year-month-day (`2026-01-02`, `2026/01/02`: KMyMoney's ISO export). */
const YEAR_FIRST = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;

function decideDateOrder(values: string[], declared: DeclaredOrder | undefined): DateDecision {
  const detected = detectDateOrder(values);
  // Dates all written year first read the one way in either order: the explain log says they
  // are ISO, not "day-first, DD/MM/YYYY" (no date of the file was read day-first).
  if (values.length > 0 && values.every((v) => YEAR_FIRST.test(v))) {
    const description = "ISO, year-month-day (YYYY-MM-DD)";
    return { order: declared?.order ?? detected.order, guessed: false, description, evidence: `every date is written year first (e.g. "${values[0]}")` };
  }
  if (!detected.assumed) {
    const example = values.find((v) => /^(\d{1,2})[/.-](\d{1,2})/.exec(v)?.slice(1).some((n) => Number(n) > 12));
    const evidence = example ? `e.g. "${example}"` : "no date is ambiguous";
    if (declared && example && declared.order !== detected.order) {
      const warning = `line ${declared.line} says "${declared.text}" but the date "${example}" can only be ${describeDateOrder(detected.order)}; the dates were read that way`;
      return { order: detected.order, guessed: false, evidence, warning };
    }
    return { order: detected.order, guessed: false, evidence };
  }
  if (declared) return { order: declared.order, guessed: false, evidence: `the file states it: "${declared.text}" (line ${declared.line})` };
  const readAll = (order: DateOrder) => values.map((v) => parseDate(v, order));
  const dayFirstOnly = isMonotonic(readAll("day-first")) && !isMonotonic(readAll("month-first"));
  const order: DateOrder = dayFirstOnly ? "day-first" : "month-first";
  return {
    order,
    guessed: true,
    evidence: dayFirstOnly
      ? "no date settles it; only day-first keeps the dates in order"
      : "no date settles it; assumed Quicken's month-first convention",
  };
}

interface Split {
  category?: string;
  memo?: string;
  amount?: string;
  line: number;
}

interface Transaction {
  record: QifRecord;
  date?: Line;
  amount?: Line;
  payee?: string;
  memo?: string;
  number?: string;
  category?: string;
  cleared?: string;
  splits: Split[];
}

function readTransaction(record: QifRecord): Transaction {
  const t: Transaction = { record, splits: [] };
  for (const field of record.fields) {
    const value = field.value;
    switch (field.code) {
      case "D":
        t.date = field;
        break;
      case "T":
        t.amount = field;
        break;
      case "U":
        t.amount ??= field; // U is T at higher precision in newer Quicken; T wins when both.
        break;
      case "P":
        t.payee = value || undefined;
        break;
      case "M":
        t.memo = value || undefined;
        break;
      case "N":
        t.number = value || undefined;
        break;
      case "L":
        t.category = value || undefined;
        break;
      case "C":
        t.cleared = value;
        break;
      case "S":
        t.splits.push({ category: value || undefined, line: field.number });
        break;
      case "E":
        if (t.splits.length === 0 || t.splits.at(-1)!.memo !== undefined) t.splits.push({ line: field.number });
        t.splits.at(-1)!.memo = value || undefined;
        break;
      case "$":
        if (t.splits.length === 0 || t.splits.at(-1)!.amount !== undefined) t.splits.push({ line: field.number });
        t.splits.at(-1)!.amount = value;
        break;
      default:
        // A (address), % (split percent), F/K/G flags and others carry nothing we post.
        break;
    }
  }
  // `U` came first and `T` later: T still wins.
  const tLine = record.fields.find((f) => f.code === "T");
  if (tLine) t.amount = tLine;
  return t;
}

// The payee Quicken and Microsoft Money give the opening-balance record, in their localized
// versions too (a French Money export starts "PSolde initial" / "L[Compte courant]").
const OPENING_BALANCE_PAYEE =
  /^(?:opening balance|solde initial|solde d'ouverture|anfangssaldo|anfangsbestand|er[oö]ffnungssaldo|beginsaldo|openingssaldo|saldo inicial|saldo iniziale|saldo de abertura)$/i;

function isOpeningBalance(t: Transaction): boolean {
  return OPENING_BALANCE_PAYEE.test((t.payee ?? "").trim()) && (t.category === undefined || /^\[.*\]$/.test(t.category));
}

export function parseQifStatement(input: Uint8Array | string, options: ParseOptions = {}): ParsedStatement {
  const explain: Explanation[] = [];
  const warnings: string[] = [];
  const skipped: SkippedLine[] = [];
  let text: string;
  let encodingDoubt: string | undefined;
  if (typeof input === "string") {
    text = input;
  } else {
    refuseOversized(input.byteLength, "QIF");
    // QIF declares no encoding: UTF-8 when the bytes are, else the code page their letters fit.
    const decoded = decodeStatementBytes(input);
    text = decoded.text;
    explain.push({ step: "encoding", decision: describeEncoding(decoded.encoding), evidence: decoded.evidence });
    encodingDoubt = decoded.doubt;
  }
  explain.unshift({ step: "format", decision: "QIF (Quicken Interchange Format)" });

  const { sections, declaredOrder } = readSections(text);
  const ledgerSections: Section[] = [];
  for (const section of sections) {
    const type = section.header.toLowerCase().replace(/\s+/g, " ");
    if (type === "account") {
      skipped.push({
        sourceRow: section.headerLine,
        reason: "not-a-transaction",
        text: `!Account block (${section.records.length} account record(s))`,
      });
    } else if (TRANSACTION_TYPES[type]) {
      ledgerSections.push(section);
    } else if (type === "invst") {
      throw new StatementParseError(
        `this QIF file is an investment account (!Type:Invst); Cashline imports bank and credit-card accounts`,
        { row: section.headerLine },
      );
    } else {
      skipped.push({
        sourceRow: section.headerLine,
        reason: "not-a-transaction",
        text: `!Type:${section.header} (${LIST_TYPES[type] ?? "not an account"}, ${section.records.length} record(s))`,
      });
    }
  }
  const withRecords = ledgerSections.filter((s) => s.records.length > 0);
  if (withRecords.length === 0) {
    throw new StatementParseError('no transactions found: the QIF file has no "!Type:Bank", "!Type:CCard", "!Type:Cash" or "!Type:Oth A/L" records');
  }

  // One account per upload: sections for different accounts (or of different types) are refused.
  const accountKey = (s: Section) => `${s.account ?? ""}\u0000${s.header.toLowerCase().replace(/\s+/g, " ")}`;
  const keys = [...new Set(withRecords.map(accountKey))];
  if (keys.length > 1) {
    const names = [...new Set(withRecords.map((s) => (s.account ? `"${s.account}" (${s.header})` : `!Type:${s.header}`)))];
    throw new StatementParseError(
      `this QIF file holds transactions for ${names.length} accounts (${names.join(", ")}); export each account separately and upload them one at a time`,
    );
  }
  const type = TRANSACTION_TYPES[withRecords[0].header.toLowerCase().replace(/\s+/g, " ")];
  const accountName = withRecords[0].account;
  explain.push({
    step: "account type",
    decision: `${type.label} (!Type:${withRecords[0].header})`,
    evidence: accountName ? `account "${accountName}"` : undefined,
  });
  if (options.accountKind && options.accountKind !== type.kind) {
    warnings.push(
      `the upload was marked as a ${options.accountKind === "credit-card" ? "credit-card" : "bank"} account, but the file is a ` +
        `${type.label} (!Type:${withRecords[0].header}); the file's signs were used`,
    );
  }

  const transactions = withRecords.flatMap((s) => s.records.map(readTransaction));
  const unterminated = transactions.filter((t) => !t.record.terminated);
  if (unterminated.length > 0) {
    warnings.push(`the record starting on line ${unterminated[0].record.line} has no closing "^"; it was read up to the next header or the end`);
  }

  // Decide the date order and the decimal separator once, over the whole file.
  for (const t of transactions) {
    if (!t.date?.value) {
      throw new StatementParseError(`the transaction starting on line ${t.record.line} has no date (D line)`, { row: t.record.line });
    }
    if (!t.amount?.value) {
      throw new StatementParseError(`the transaction starting on line ${t.record.line} has no amount (T line)`, { row: t.record.line });
    }
  }
  const dateValues = transactions.map((t) => normalizeQifDate(t.date!.value));
  const dates = decideDateOrder(dateValues, declaredOrder);
  if (dates.warning) warnings.push(dates.warning);
  let confidence: ParsedStatement["confidence"] = "high";
  // A code page whose letters fit no language: the amounts stand, the words may be garbled.
  if (encodingDoubt) {
    confidence = "low";
    warnings.push(`the text's encoding is in doubt: ${encodingDoubt}`);
  }
  if (dates.guessed) {
    confidence = "low";
    warnings.push(`no date in the file shows whether it is day-first or month-first; read as ${describeDateOrder(dates.order)}`);
  }
  explain.push({ step: "date order", decision: dates.description ?? describeDateOrder(dates.order), evidence: dates.evidence });

  const amountValues = transactions.flatMap((t) => [t.amount!.value, ...t.splits.flatMap((s) => (s.amount ? [s.amount] : []))]);
  const separator: DecimalSeparator = inferDecimalSeparator(amountValues) ?? ".";
  explain.push({ step: "decimal separator", decision: JSON.stringify(separator) });
  const amountAt = (value: string, line: number): Decimal => {
    const amount = parseAmount(value, { decimalSeparator: separator });
    if (!amount) throw new StatementParseError(`amount "${value}" on line ${line} is not a number`, { row: line });
    return amount;
  };

  let openingBalance: Decimal | undefined;
  const rows: StatementRow[] = [];
  const cleared = { reconciled: 0, cleared: 0, uncleared: 0 };
  transactions.forEach((t, index) => {
    const dateLine = t.date!;
    const date = parseDate(dateValues[index], dates.order);
    if (!date) {
      throw new StatementParseError(`date "${dateLine.value}" on line ${dateLine.number} is not a valid date (read ${describeDateOrder(dates.order)})`, {
        row: dateLine.number,
      });
    }
    const amount = amountAt(t.amount!.value, t.amount!.number);
    if (index === 0 && isOpeningBalance(t)) {
      openingBalance = amount;
      skipped.push({ sourceRow: t.record.line, reason: "balance-line", text: `${t.payee!.trim()} ${t.amount!.value} on ${date}` });
      return;
    }
    const splitAmounts = t.splits.filter((s) => s.amount !== undefined).map((s) => amountAt(s.amount!, s.line));
    if (splitAmounts.length > 0) {
      const total = splitAmounts.reduce((a, b) => a.add(b));
      if (!total.eq(amount)) {
        warnings.push(`line ${t.record.line}: the splits add up to ${total.toString()}, not the transaction's ${amount.toString()}; the transaction amount was used`);
      }
    }
    const splitCategories = t.splits.map((s) => s.category).filter((c): c is string => c !== undefined);
    const category = t.category && t.category !== "--Split--" ? t.category : splitCategories.length > 0 ? splitCategories.join(", ") : undefined;
    const description =
      joinDescription([t.payee, t.memo, ...t.splits.map((s) => s.memo), t.number && /^\d+$/.test(t.number) && !(t.payee && holdsWords(t.payee, t.number)) ? `#${t.number}` : undefined]) ||
      category ||
      "(no description)";
    const row: StatementRow = {
      sourceRow: t.record.line,
      date,
      amount,
      description,
      ...(t.payee ? { payee: t.payee } : {}),
      ...(category ? { bankCategory: category } : {}),
    };
    // A transaction of exactly 0.00 moves no money (a voided cheque, a zero interest line):
    // listed among the skipped lines, not posted — as the CSV reader does.
    if (amount.isZero()) {
      skipped.push(zeroAmountLine(row));
      return;
    }
    const status = (t.cleared ?? "").toUpperCase();
    if (status === "X" || status === "R") cleared.reconciled++;
    else if (status === "*" || status === "C") cleared.cleared++;
    else cleared.uncleared++;
    rows.push(row);
  });

  // Chronological order, as every parser returns; some banks export newest first.
  const chronological = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : a.index - b.index))
    .map((r) => r.row);
  if (chronological.some((r, i) => r !== rows[i])) {
    explain.push({ step: "order", decision: "sorted by date", evidence: "the file does not list transactions oldest first" });
  }

  explain.push({
    step: "sign rule",
    decision: "T as signed in the file",
    evidence: "Quicken writes amounts from the account's view (money out and card charges negative)",
  });
  explain.push({
    step: "balances",
    decision: openingBalance ? "opening = the opening-balance record; no closing" : "none",
    evidence: openingBalance ? `line ${skipped.find((s) => s.reason === "balance-line")!.sourceRow}` : "QIF states no balances",
  });
  explain.push({
    step: "counts",
    decision: `${rows.length} transactions`,
    evidence:
      `${transactions.filter((t) => t.splits.length > 0).length} split, ${cleared.reconciled} reconciled, ` +
      `${cleared.cleared} cleared, ${cleared.uncleared} uncleared; ${skipped.length} non-transaction block(s)/record(s) skipped`,
  });

  return {
    format: "qif",
    rows: chronological,
    ...(openingBalance ? { openingBalance } : {}),
    pending: [],
    skipped,
    warnings,
    explain: explain.map((e) => (e.evidence === undefined ? { step: e.step, decision: e.decision } : e)),
    confidence,
  };
}
