/**
 * ISO 20022 CAMT.053 bank-to-customer statements, any version (camt.053.001.02 … .08 and
 * later: the parts read here did not change). Pure: bytes in, statement out.
 *
 * Decisions worth knowing:
 * - One entry (`Ntry`) is one row. A batch entry with several `TxDtls` (a salary run, a card
 *   settlement) stays one row, because the entry is what the account was booked with; the
 *   details are joined into its description, a detail running against the entry (a returned
 *   debit in a collection) marked with its signed amount. A cheque's number (`ChqNb`) is said
 *   after the words ("CHECK PAID · #10482"), as the QIF reader says it.
 * - `CdtDbtInd` gives the sign (DBIT → negative), for entries and balances. A reversal
 *   (`RvslInd`) is booked with the sign it has; it is only noted.
 * - `Sts` BOOK is posted; PDNG and FUTR are pending; INFO entries are skipped.
 * - A long statement may come as several `Stmt` pages: the same account and `Id`, numbered by
 *   `StmtPgntn` (PgNb, LastPgInd), each page but the last ending with an interim balance (ITBD)
 *   that the next one opens with. Its pages are read as the one statement they are: the opening
 *   balance of the first page, the closing balance of the last; a page missing or not following
 *   on is refused, naming it.
 * - Several `Stmt` elements (a multi-day download) are combined when they are the same account
 *   and follow on from each other (each opening balance equals the previous closing balance);
 *   anything else is refused, naming the accounts or the gap.
 * - CAMT.052 (intraday report) and CAMT.054 (notification) are refused with advice to upload
 *   the CAMT.053: their entries reappear in the statement and would be counted twice.
 * - A ZIP archive of CAMT.053 files (one per day, as savings banks deliver a range) is read as
 *   their statements together, under the same rules.
 */
import { accountsMatching, numberShown, severalAccountsAdvice } from "./account-match.ts";
import { formatForMessage, proveBalances } from "./balance.ts";
import { holdsWords } from "./description.ts";
import { Decimal } from "./money.ts";
import {
  StatementParseError,
  zeroAmountLine,
  type Explanation,
  type ParsedStatement,
  type ParseOptions,
  type SkippedLine,
  type StatementRow,
} from "./statement.ts";
import { at, child, children, decodeDeclared, MAX_STATEMENT_BYTES, parseXmlDocument, refuseOversized, textAt, type XmlElement } from "./xml.ts";
import { isZip, readZipFiles } from "./zip.ts";

const CAMT_NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:camt\.(\d{3})\.(\d{3})\.(\d{2})/;

export const CAMT052_MESSAGE =
  "this is a CAMT.052 intraday account report, not a statement; upload the CAMT.053 end-of-day statement instead";
export const CAMT054_MESSAGE =
  "this is a CAMT.054 debit/credit notification, not a statement; upload the CAMT.053 statement instead";

/** Most detail lines shown for a batch entry; the rest are counted. */
const MAX_BATCH_DETAILS = 10;

interface CamtBalance {
  amount: Decimal;
  date?: string;
  code: string;
}

interface CamtAccount {
  id: string;
  currency?: string;
}

/** What one `Stmt` page says of its entries (TxsSummry), checked once its statement is whole. */
interface EntryCount {
  where: string;
  declared?: string;
  entries: number;
  pending: number;
}

interface CamtStatement {
  ordinal: number;
  id?: string;
  account: CamtAccount;
  opening?: CamtBalance;
  closing?: CamtBalance;
  period?: { from: string; to: string };
  /** `StmtPgntn`: this `Stmt` is page `number` of its statement (`last`: LastPgInd true). */
  page?: { number: number; last: boolean };
  /** The interim booked balances (ITBD) in the order written: where a further page begins, where a page ends. */
  interim: CamtBalance[];
  counts: EntryCount[];
  rows: StatementRow[];
  pending: StatementRow[];
  skipped: SkippedLine[];
  reversals: number;
  batches: number;
}

/** `2026-03-02` or `2026-03-02T23:10:00+01:00` → `2026-03-02`: the date as the bank states it. */
function isoDate(text: string | undefined): string | null {
  if (text === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** A date group (`BookgDt`, `ValDt`, `Bal/Dt`): `Dt` or `DtTm`. */
function dateIn(group: XmlElement | undefined): string | null {
  return isoDate(textAt(group, "Dt") ?? textAt(group, "DtTm"));
}

/** ISO 20022 amounts are unsigned with a `.` decimal; the sign comes from CdtDbtInd. */
function signedAmount(amountText: string | undefined, indicator: string | undefined, fail: (reason: string) => never): Decimal {
  if (amountText === undefined) fail("no Amt");
  if (!/^\d+(\.\d+)?$/.test(amountText!)) fail(`Amt "${amountText}" is not an ISO 20022 amount`);
  const amount = Decimal.parse(amountText!);
  if (indicator === "CRDT") return amount;
  if (indicator === "DBIT") return amount.neg();
  return fail(indicator === undefined ? "no CdtDbtInd (credit/debit indicator)" : `CdtDbtInd "${indicator}" is neither CRDT nor DBIT`);
}

function accountOf(stmt: XmlElement): CamtAccount {
  const acct = child(stmt, "Acct");
  const id = textAt(acct, "Id/IBAN") ?? textAt(acct, "Id/Othr/Id") ?? "(no account id)";
  const currency = textAt(acct, "Ccy");
  return { id: id.replace(/\s+/g, ""), ...(currency ? { currency } : {}) };
}

/** `DE89…3000`: recognizable in a message without printing the whole IBAN. */
function describeAccount(account: CamtAccount): string {
  const id = account.id.length > 10 ? `${account.id.slice(0, 4)}…${account.id.slice(-4)}` : account.id;
  return `${id}${account.currency ? ` (${account.currency})` : ""}`;
}

function readBalances(stmt: XmlElement, where: string): CamtBalance[] {
  return children(stmt, "Bal").map((bal) => {
    const code = (textAt(bal, "Tp/CdOrPrtry/Cd") ?? textAt(bal, "Tp/CdOrPrtry/Prtry") ?? "").toUpperCase();
    const fail = (reason: string): never => {
      throw new StatementParseError(`${where}: balance ${code || "(no type)"}: ${reason}`);
    };
    const amount = signedAmount(textAt(bal, "Amt"), textAt(bal, "CdtDbtInd"), fail);
    const date = dateIn(child(bal, "Dt"));
    return { amount, code, ...(date ? { date } : {}) };
  });
}

function partyName(party: XmlElement | undefined): string | undefined {
  // camt.053.001.02 has Dbtr/Nm; from .08 the party is wrapped: Dbtr/Pty/Nm.
  return textAt(party, "Nm") ?? textAt(party, "Pty/Nm");
}

interface DetailText {
  counterparty?: string;
  text: string;
  /** `Refs/ChqNb`: the number of the cheque the detail is. */
  chequeNumber?: string;
  /** The detail's own direction (`CdtDbtInd`, camt.053.001.04 and later), when it gives one. */
  credit?: boolean;
  /** The detail's own amount (`Amt`, or `AmtDtls/TxAmt/Amt` in .02), as written, and its currency. */
  amount?: string;
  amountCurrency?: string;
}

/** What one TxDtls says: the other party (relative to the direction) and the remittance text. */
function readDetails(details: XmlElement, paidToUs: boolean): DetailText {
  const parties = child(details, "RltdPties");
  const debtor = partyName(child(parties, "Dbtr")) ?? partyName(child(parties, "UltmtDbtr"));
  const creditor = partyName(child(parties, "Cdtr")) ?? partyName(child(parties, "UltmtCdtr"));
  // Money in: the other party paid us (debtor). Money out: we paid them (creditor).
  const counterparty = paidToUs ? (debtor ?? creditor) : (creditor ?? debtor);
  const remittance = child(details, "RmtInf");
  const unstructured = children(remittance, "Ustrd").map((u) => u.text).filter((t) => t !== "");
  const structured = children(remittance, "Strd")
    .map((s) => textAt(s, "CdtrRefInf/Ref"))
    .filter((t): t is string => t !== undefined);
  const text = [...unstructured, ...structured, textAt(details, "AddtlTxInf")]
    .filter((t): t is string => t !== undefined)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  const chequeNumber = textAt(details, "Refs/ChqNb")?.trim();
  const indicator = textAt(details, "CdtDbtInd");
  const amountElement = child(details, "Amt") ?? at(details, "AmtDtls/TxAmt/Amt");
  const amount = textAt(details, "Amt") ?? textAt(details, "AmtDtls/TxAmt/Amt");
  const amountCurrency = amountElement?.attributes.Ccy;
  return {
    ...(counterparty ? { counterparty } : {}),
    text,
    ...(chequeNumber && chequeNumber.toUpperCase() !== "NOTPROVIDED" ? { chequeNumber } : {}),
    ...(indicator === "CRDT" || indicator === "DBIT" ? { credit: indicator === "CRDT" } : {}),
    ...(amount !== undefined && /^\d+(\.\d+)?$/.test(amount.trim()) ? { amount: amount.trim(), ...(amountCurrency ? { amountCurrency } : {}) } : {}),
  };
}

/**
 * A cheque's number said after the words, as the QIF reader says it ("CHECK PAID · #10482"),
 * so that cheques of the same words are told apart — unless the words already hold it.
 */
function chequeNumberPart(number: string | undefined, words: string): string | undefined {
  return number !== undefined && !holdsWords(words, number) ? `#${number}` : undefined;
}

/**
 * One detail of a batch entry, as its line in the description: "party: text #cheque". In a batch
 * that mixes directions (a collection credited with a returned debit netted into it), a detail
 * running against the entry says so with its signed amount ("Dr. Petra Lindemann: -96.00
 * RUECKLASTSCHRIFT …"), so that the row's reader sees why the batch nets less.
 */
function batchLine(detail: DetailText, credit: boolean, mixed: boolean, currency: string | undefined): string {
  const against = mixed && detail.credit !== undefined && detail.credit !== credit;
  const sign = detail.credit ? "+" : "-";
  // The detail's currency only where it is not the entry's (an instructed amount in another).
  const ccy = detail.amountCurrency && detail.amountCurrency !== currency ? ` ${detail.amountCurrency}` : "";
  const marker = against ? (detail.amount !== undefined ? `${sign}${detail.amount}${ccy}` : detail.credit ? "(credit)" : "(debit)") : undefined;
  const text = [marker, detail.text, chequeNumberPart(detail.chequeNumber, detail.text)].filter((t) => t !== undefined && t !== "").join(" ");
  return [detail.counterparty, text].filter(Boolean).join(": ");
}

/** The words of a text (runs of letters and digits), in lower case. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The parts joined, each saying something new: a part another holds, or whose words the parts
 * before it all say already, is left out — an AddtlNtryInf that restates the remittance text and
 * the party's name in its own order (SEB's "Rēķins Nr. 2974782 Rigas udens SIA" beside "Rigas
 * udens SIA" and "Rēķins Nr. 2974782").
 */
function joinDescription(parts: (string | undefined)[]): string {
  const seen: string[] = [];
  const said = new Set<string>();
  for (const part of parts) {
    const text = part?.replace(/\s+/g, " ").trim();
    if (!text || seen.some((s) => s.toLowerCase().includes(text.toLowerCase()))) continue;
    const words = wordsOf(text);
    if (words.length > 0 && words.every((w) => said.has(w))) continue;
    seen.push(text);
    for (const w of words) said.add(w);
  }
  return seen.join(" · ");
}

type EntryStatus = "booked" | "pending" | "info";

function statusOf(entry: XmlElement): string | undefined {
  const sts = child(entry, "Sts");
  return (textAt(sts, "Cd") ?? textAt(sts, "Prtry") ?? sts?.text)?.toUpperCase() || undefined;
}

function readStatement(stmt: XmlElement, ordinal: number, counter: { next: number }, warnings: string[]): CamtStatement {
  const account = accountOf(stmt);
  const id = textAt(stmt, "Id");
  const where = `statement ${id ?? ordinal}`;
  const balances = readBalances(stmt, where);
  const opening = balances.find((b) => b.code === "OPBD") ?? balances.find((b) => b.code === "PRCD");
  const closing = balances.find((b) => b.code === "CLBD");
  const from = isoDate(textAt(stmt, "FrToDt/FrDtTm") ?? textAt(stmt, "FrToDt/FrDt"));
  const to = isoDate(textAt(stmt, "FrToDt/ToDtTm") ?? textAt(stmt, "FrToDt/ToDt"));
  const pageNumber = textAt(stmt, "StmtPgntn/PgNb");
  const page = pageNumber !== undefined && /^\d{1,5}$/.test(pageNumber.trim())
    ? { number: Number(pageNumber), last: textAt(stmt, "StmtPgntn/LastPgInd")?.trim().toLowerCase() === "true" }
    : undefined;

  const result: CamtStatement = {
    ordinal,
    ...(id ? { id } : {}),
    account,
    ...(opening ? { opening } : {}),
    ...(closing ? { closing } : {}),
    ...(from && to ? { period: { from, to } } : {}),
    ...(page ? { page } : {}),
    interim: balances.filter((b) => b.code === "ITBD"),
    counts: [],
    rows: [],
    pending: [],
    skipped: [],
    reversals: 0,
    batches: 0,
  };

  const entries = children(stmt, "Ntry");
  for (const entry of entries) {
    const entryOrdinal = counter.next++;
    const reference = textAt(entry, "AcctSvcrRef") ?? textAt(entry, "NtryRef");
    const label = `entry ${entryOrdinal}${reference ? ` (${reference})` : ""}`;
    const fail = (reason: string): never => {
      throw new StatementParseError(`${label}: ${reason}`, { row: entryOrdinal });
    };

    const indicator = textAt(entry, "CdtDbtInd");
    const amount = signedAmount(textAt(entry, "Amt"), indicator, fail);
    const credit = indicator === "CRDT";
    const currency = at(entry, "Amt")?.attributes.Ccy;

    const statusCode = statusOf(entry);
    let status: EntryStatus;
    if (statusCode === "BOOK" || statusCode === undefined) status = "booked";
    else if (statusCode === "PDNG" || statusCode === "FUTR") status = "pending";
    else if (statusCode === "INFO") status = "info";
    else return fail(`Sts "${statusCode}" is not BOOK, PDNG, FUTR or INFO`);
    if (statusCode === undefined) warnings.push(`${label} has no Sts (status); it was taken as booked`);

    const bookingDate = dateIn(child(entry, "BookgDt"));
    const valueDate = dateIn(child(entry, "ValDt"));
    if (child(entry, "BookgDt") && !bookingDate) fail(`BookgDt "${at(entry, "BookgDt")!.children[0]?.text ?? ""}" is not a date`);
    if (child(entry, "ValDt") && !valueDate) fail(`ValDt "${at(entry, "ValDt")!.children[0]?.text ?? ""}" is not a date`);
    // Pending entries often have only a value date; booked ones must say when they were booked.
    const date = bookingDate ?? (status === "booked" ? null : valueDate);
    if (!date) fail(status === "booked" ? "no booking date (BookgDt)" : "no booking or value date");

    const allDetails = children(entry, "NtryDtls").flatMap((d) => children(d, "TxDtls"));
    const reversal = textAt(entry, "RvslInd")?.toLowerCase() === "true";
    // A reversal runs against the original payment, whose parties it keeps: the other party of
    // a reversed debit is still the creditor.
    const details = allDetails.map((d) => readDetails(d, credit !== reversal));
    const singleEndToEnd =
      allDetails.length === 1 ? textAt(allDetails[0], "Refs/EndToEndId") : undefined;
    const bankId =
      textAt(entry, "AcctSvcrRef") ??
      textAt(entry, "NtryRef") ??
      (singleEndToEnd && singleEndToEnd !== "NOTPROVIDED" ? singleEndToEnd : undefined);

    const additional = textAt(entry, "AddtlNtryInf");
    let description: string;
    let payee: string | undefined;
    if (details.length > 1) {
      result.batches++;
      // Details that give their direction, some with the entry and some against it.
      const mixed = details.some((d) => d.credit === credit) && details.some((d) => d.credit === !credit);
      const lines = details.map((d) => batchLine(d, credit, mixed, currency)).filter((l) => l !== "");
      const shown = lines.slice(0, MAX_BATCH_DETAILS).join("; ");
      const more = lines.length > MAX_BATCH_DETAILS ? `; … and ${lines.length - MAX_BATCH_DETAILS} more` : "";
      description = joinDescription([additional ?? "Batch", `${details.length} transactions: ${shown}${more}`]);
      const names = new Set(details.map((d) => d.counterparty));
      if (names.size === 1 && details[0].counterparty) payee = details[0].counterparty;
    } else {
      payee = details[0]?.counterparty;
      description = joinDescription([payee, details[0]?.text, additional]);
      description = joinDescription([description, chequeNumberPart(details[0]?.chequeNumber, description)]);
    }
    if (reversal) {
      result.reversals++;
      description = joinDescription(["Reversal", description]);
    }
    const row: StatementRow = {
      sourceRow: entryOrdinal,
      date: date!,
      ...(valueDate ? { valueDate } : {}),
      amount,
      description: description || textAt(entry, "BkTxCd/Prtry/Cd") || textAt(entry, "BkTxCd/Domn/Cd") || "(no description)",
      ...(payee ? { payee } : {}),
      ...(currency ? { currency } : {}),
      ...(bankId ? { bankId } : {}),
    };
    // A booked entry of exactly 0.00 moves no money (an interest or fee settlement that came to
    // nothing): listed among the skipped lines, not posted — as the CSV reader does.
    if (status === "booked" && amount.isZero()) result.skipped.push(zeroAmountLine(row));
    else if (status === "booked") result.rows.push(row);
    else if (status === "pending") result.pending.push(row);
    else result.skipped.push({ sourceRow: entryOrdinal, reason: "not-a-transaction", text: `INFO entry: ${row.description}` });
  }

  const declared = textAt(stmt, "TxsSummry/TtlNtries/NbOfNtries");
  const pageName = page ? `page ${page.number} of ${where}` : where;
  result.counts.push({ where: pageName, ...(declared !== undefined ? { declared } : {}), entries: entries.length, pending: result.pending.length });
  return result;
}

/**
 * Warns of a summary (TxsSummry) that counts neither the entries of its page nor those of its
 * whole statement. Some banks count the booked entries only, leaving out the pending ones they list.
 */
function checkCounts(statement: CamtStatement, warnings: string[]): void {
  const entries = statement.counts.reduce((n, c) => n + c.entries, 0);
  const pending = statement.counts.reduce((n, c) => n + c.pending, 0);
  for (const count of statement.counts) {
    if (count.declared === undefined) continue;
    const declared = Number(count.declared);
    const agrees = [count.entries, count.entries - count.pending, entries, entries - pending].includes(declared);
    if (!agrees) warnings.push(`${count.where} says it has ${count.declared} entries (TxsSummry) but lists ${count.entries}`);
  }
}

/** Where a page begins: its opening balance, else (a further page) the interim balance it opens with. */
function pageStart(page: CamtStatement): CamtBalance | undefined {
  return page.opening ?? page.interim[0];
}

/** Where a page ends: its closing balance, else the interim balance it ends with. */
function pageEnd(page: CamtStatement): CamtBalance | undefined {
  if (page.closing) return page.closing;
  const last = page.interim.at(-1);
  // A further page's only interim balance is the one it opens with.
  return last && (page.opening || page.interim.length > 1) ? last : undefined;
}

/**
 * The pages of each paginated statement (`StmtPgntn`: the same account and `Id`, pages 1, 2 …)
 * joined into the one statement they are: the rows of every page, the opening balance of the
 * first, the closing balance of the last (a second page 1 begins another statement, even
 * under the same Id). Each page must follow on from the one before (the interim balance it
 * ends with is the one the next opens with); a page twice, a page missing or a page that does
 * not follow on is refused, naming it; a statement whose first or last page is not in the file
 * is read with a warning.
 */
function joinPages(statements: CamtStatement[], warnings: string[], explain: Explanation[]): CamtStatement[] {
  const current = new Map<string, CamtStatement[]>();
  const groups: CamtStatement[][] = [];
  const result: CamtStatement[] = [];
  for (const statement of statements) {
    if (!statement.page || statement.id === undefined) {
      result.push(statement);
      continue;
    }
    const key = JSON.stringify([statement.account.id, statement.account.currency ?? "", statement.id]);
    const group = current.get(key);
    // A second page 1 begins another statement: a bank may give every day's statement the same Id.
    if (group && !(statement.page.number === 1 && group.some((p) => p.page!.number === 1))) group.push(statement);
    else {
      current.set(key, [statement]);
      groups.push(current.get(key)!);
      result.push(statement);
    }
  }
  for (const group of groups) {
    if (group.length === 1) continue;
    const pages = [...group].sort((a, b) => a.page!.number - b.page!.number);
    const name = `statement ${pages[0]!.id}`;
    for (let i = 1; i < pages.length; i++) {
      const [previous, next] = [pages[i - 1]!, pages[i]!];
      if (next.page!.number === previous.page!.number) {
        throw new StatementParseError(`the file holds page ${next.page!.number} of ${name} twice; upload the statement as the bank gave it`);
      }
      if (next.page!.number !== previous.page!.number + 1) {
        const missing = previous.page!.number + 1 === next.page!.number - 1 ? `page ${previous.page!.number + 1}` : `pages ${previous.page!.number + 1} to ${next.page!.number - 1}`;
        throw new StatementParseError(`${missing} of ${name} ${missing.startsWith("pages") ? "are" : "is"} missing from the file: its pages ${previous.page!.number} and ${next.page!.number} do not follow on`);
      }
      const [end, start] = [pageEnd(previous), pageStart(next)];
      if (end && start && !end.amount.eq(start.amount)) {
        throw new StatementParseError(
          `the pages of ${name} do not follow on: page ${next.page!.number} opens with ${start.amount.toString()} (${start.code}) ` +
            `but page ${previous.page!.number} ended with ${end.amount.toString()} (${end.code})`,
        );
      }
    }
    const [first, last] = [pages[0]!, pages.at(-1)!];
    if (first.page!.number !== 1) warnings.push(`the file holds ${name} from its page ${first.page!.number} on: the rows of the pages before it are missing`);
    if (!last.page!.last) warnings.push(`the file ends ${name} with its page ${last.page!.number}, which says more pages follow (LastPgInd false): the rows of those are missing`);
    const opening = pageStart(first);
    const closing = last.closing;
    const periods = pages.map((p) => p.period).filter((p): p is { from: string; to: string } => p !== undefined);
    const joined: CamtStatement = {
      ordinal: first.ordinal,
      id: first.id!,
      account: first.account,
      ...(opening ? { opening } : {}),
      ...(closing ? { closing } : {}),
      ...(periods.length > 0
        ? { period: { from: periods.map((p) => p.from).reduce((a, b) => (b < a ? b : a)), to: periods.map((p) => p.to).reduce((a, b) => (b > a ? b : a)) } }
        : {}),
      page: { number: first.page!.number, last: last.page!.last },
      interim: pages.flatMap((p) => p.interim),
      counts: pages.flatMap((p) => p.counts),
      rows: pages.flatMap((p) => p.rows),
      pending: pages.flatMap((p) => p.pending),
      skipped: pages.flatMap((p) => p.skipped),
      reversals: pages.reduce((n, p) => n + p.reversals, 0),
      batches: pages.reduce((n, p) => n + p.batches, 0),
    };
    result[result.indexOf(group[0]!)] = joined;
    const joins = pages.slice(1).flatMap((p, i) => {
      const balance = pageEnd(pages[i]!) ?? pageStart(p);
      return balance ? [`page ${p.page!.number} opens with the ${balance.code} ${balance.amount.toString()}${balance.date ? ` of ${balance.date}` : ""} page ${pages[i]!.page!.number} ended with`] : [];
    });
    explain.push({
      step: "pages",
      decision: `${name}: ${pages.length} pages (StmtPgntn ${first.page!.number}–${last.page!.number}) of the same account, read as one statement`,
      evidence: joins.length > 0 ? joins.join("; ") : "the same account and statement Id, consecutive page numbers",
    });
  }
  return result;
}

function sameAccount(a: CamtAccount, b: CamtAccount): boolean {
  return a.id === b.id && (a.currency === undefined || b.currency === undefined || a.currency === b.currency);
}

function startOf(s: CamtStatement): string {
  return s.period?.from ?? s.opening?.date ?? s.rows[0]?.date ?? "";
}

/**
 * Statements of one account in date order, checked to follow on from each other: each opening
 * balance must equal the previous closing balance (or, without balances, not overlap it).
 */
function chain(statements: CamtStatement[]): CamtStatement[] {
  const ordered = [...statements].sort((a, b) => (startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : a.ordinal - b.ordinal));
  for (let i = 1; i < ordered.length; i++) {
    const [previous, next] = [ordered[i - 1], ordered[i]];
    const name = (s: CamtStatement) => `statement ${s.id ?? s.ordinal}${s.period ? ` (${s.period.from} to ${s.period.to})` : ""}`;
    if (previous.closing && next.opening) {
      if (!previous.closing.amount.eq(next.opening.amount)) {
        throw new StatementParseError(
          `the file's statements for ${describeAccount(next.account)} do not follow on: ${name(next)} opens with ` +
            `${next.opening.amount.toString()} but ${name(previous)} closed with ${previous.closing.amount.toString()}; ` +
            "a statement in between is missing",
        );
      }
    } else if (previous.period && next.period && next.period.from < previous.period.to) {
      throw new StatementParseError(`the file's statements for ${describeAccount(next.account)} overlap: ${name(previous)} and ${name(next)}`);
    }
  }
  return ordered;
}

function byDate(rows: StatementRow[]): StatementRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : a.index - b.index))
    .map((r) => r.row);
}

/** The message element of a camt document, or a refusal saying what the document is instead. */
function statementMessage(root: XmlElement): { message: XmlElement; version?: string } {
  const namespaces = Object.entries(root.attributes).filter(([k]) => k === "xmlns" || k.startsWith("xmlns:"));
  const namespace = namespaces.map(([, v]) => CAMT_NAMESPACE.exec(v)).find((m) => m !== null);
  const container = root.name === "Document" ? root : { ...root, children: [root] };
  if (child(container, "BkToCstmrAcctRpt") || namespace?.[1] === "052") throw new StatementParseError(CAMT052_MESSAGE);
  if (child(container, "BkToCstmrDbtCdtNtfctn") || namespace?.[1] === "054") throw new StatementParseError(CAMT054_MESSAGE);
  const message = child(container, "BkToCstmrStmt");
  if (!message) {
    throw new StatementParseError(
      namespace ? `this ISO 20022 camt.${namespace[1]} message is not a CAMT.053 statement` : "this XML file is not a CAMT.053 statement (no BkToCstmrStmt)",
    );
  }
  return { message, ...(namespace ? { version: `${namespace[1]}.${namespace[2]}.${namespace[3]}` } : {}) };
}

/** One CAMT document: its message element, and how it was read. */
function readDocument(bytes: Uint8Array, warnings: string[]): { message: XmlElement; version?: string; encoding: string; evidence: string; doubt?: string } {
  refuseOversized(bytes.byteLength, "CAMT.053");
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  const declared = /^(?:\xef\xbb\xbf)?\s*<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const decoded = decodeDeclared(bytes, declared ?? "UTF-8");
  if (decoded.fallback) warnings.push(`the XML declaration ${decoded.fallback}; the file was read as ${decoded.encoding}`);
  // Text that may be garbled is shown to a person before it is posted (as MT940, QIF and CSV do).
  if (decoded.doubt) warnings.push(`the text's encoding is in doubt: ${decoded.doubt}`);
  const { message, version } = statementMessage(parseXmlDocument(decoded.text, "CAMT.053"));
  if (!version) warnings.push("the file declares no camt.053 namespace; it was read as CAMT.053 because of its BkToCstmrStmt element");
  return { message, ...(version ? { version } : {}), encoding: decoded.encoding, evidence: declared ? `encoding="${declared}"` : "XML default", ...(decoded.doubt ? { doubt: decoded.doubt } : {}) };
}

/** Files of a ZIP read at most (a year of daily statements and more). */
const MAX_ARCHIVE_FILES = 500;

/**
 * The CAMT.053 documents of an upload: the file itself, or each file of a ZIP archive (how
 * German savings banks, among others, deliver a range of days: one XML file per day). Every
 * file of an archive must be a CAMT.053 statement; one that is not is named in the refusal.
 */
function camtDocuments(bytes: Uint8Array, warnings: string[], explain: Explanation[]): ReturnType<typeof readDocument>[] {
  if (!isZip(bytes)) return [readDocument(bytes, warnings)];
  const files = readZipFiles(bytes, { maxFiles: MAX_ARCHIVE_FILES, maxTotalBytes: MAX_STATEMENT_BYTES });
  if (files.length === 0) throw new StatementParseError("the ZIP archive holds no files");
  const documents = files.map((file) => {
    if (!/\.xml$/i.test(file.name)) {
      throw new StatementParseError(`the ZIP archive holds "${file.name}", which is not a CAMT.053 statement (.xml); upload the archive's statements on their own`);
    }
    try {
      return readDocument(file.data, warnings);
    } catch (error) {
      if (error instanceof StatementParseError) throw new StatementParseError(`"${file.name}" in the ZIP archive: ${error.message}`);
      throw error;
    }
  });
  explain.push({ step: "archive", decision: `ZIP of ${files.length} CAMT.053 file${files.length === 1 ? "" : "s"}`, evidence: files.length > 3 ? `${files[0]!.name} … ${files.at(-1)!.name}` : files.map((f) => f.name).join(", ") });
  return documents;
}

export function parseCamtStatement(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  const warnings: string[] = [];
  const explain: Explanation[] = [];

  const documents = camtDocuments(bytes, warnings, explain);
  const versions = [...new Set(documents.map((d) => d.version))];
  explain.unshift({
    step: "format",
    decision: versions.map((v) => (v ? `CAMT.${v}` : "CAMT.053 (no namespace declared)")).join(", "),
    evidence: "ISO 20022 BkToCstmrStmt",
  });
  explain.push({ step: "encoding", decision: [...new Set(documents.map((d) => d.encoding))].join(", "), evidence: [...new Set(documents.map((d) => d.evidence))].join(", ") });

  // Entries are numbered on through every statement of every file: a row's number is its own.
  const counter = { next: 1 };
  let ordinal = 0;
  const pages = documents.flatMap((d) => children(d.message, "Stmt").map((s) => readStatement(s, ++ordinal, counter, warnings)));
  if (pages.length === 0) throw new StatementParseError("the CAMT.053 file holds no statement (Stmt)");
  // Each page's rows checked against its own balances before the pages are joined, so that a
  // contradiction is named where it is.
  const contradictions = pages.map(balanceContradiction).filter((c): c is string => c !== undefined);
  for (const c of contradictions) warnings.push(`${c}: an entry may be missing, doubled or misread`);
  const statements = joinPages(pages, warnings, explain);
  for (const statement of statements) checkCounts(statement, warnings);

  const accounts = statements.map((s) => s.account).filter((a, i, all) => all.findIndex((b) => sameAccount(a, b)) === i);
  let accountStatements = statements;
  if (accounts.length > 1) {
    const matches = accountsMatching(accounts.map((a) => a.id), options.accountNumber);
    const chosen = matches.length === 1 ? matches[0]! : undefined;
    if (chosen === undefined) {
      throw new StatementParseError(`this CAMT.053 file holds statements for ${accounts.length} accounts (${accounts.map(describeAccount).join(", ")}); ${severalAccountsAdvice(options.accountNumber, matches.length)}`);
    }
    accountStatements = statements.filter((s) => sameAccount(s.account, accounts[chosen]!));
    explain.push({ step: "account", decision: `read ${describeAccount(accounts[chosen]!)} only`, evidence: `the file holds ${accounts.length} accounts (${accounts.map(describeAccount).join(", ")}); its number agrees with the one set for the account uploaded to (${numberShown(options.accountNumber!)})` });
  }
  const ordered = chain(accountStatements);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const account = first.account;
  const currency = account.currency ?? first.rows[0]?.currency ?? first.pending[0]?.currency;
  if (options.accountKind === "credit-card") {
    warnings.push("the upload was marked as a credit-card account; CAMT.053 signs (CdtDbtInd) were used as stated");
  }

  const rows = byDate(ordered.flatMap((s) => s.rows));
  const pending = ordered.flatMap((s) => s.pending);
  const skipped = ordered.flatMap((s) => s.skipped);
  const foreign = rows.filter((r) => r.currency && currency && r.currency !== currency);
  if (foreign.length > 0) warnings.push(`${foreign.length} entr${foreign.length === 1 ? "y is" : "ies are"} in a currency other than the account's ${currency}`);

  explain.push({ step: "account", decision: describeAccount(account), evidence: "Stmt/Acct" });
  if (ordered.length > 1) {
    explain.push({
      step: "statements",
      decision: `${ordered.length} consecutive statements for the same account, combined`,
      evidence: "each opening balance equals the previous closing balance",
    });
  }
  explain.push({ step: "sign rule", decision: "CdtDbtInd: CRDT positive, DBIT negative", evidence: "ISO 20022 amounts are unsigned" });
  const opening = first.opening;
  const closing = last.closing;
  explain.push({
    step: "balances",
    decision: `opening = ${opening ? `${opening.code} balance${opening.date ? ` of ${opening.date}` : ""}` : "none"}, closing = ${closing ? `CLBD balance${closing.date ? ` of ${closing.date}` : ""}` : "none"}`,
    evidence: ordered.length > 1 ? "opening of the first statement, closing of the last" : undefined,
  });
  if (contradictions.length > 0) {
    explain.push({ step: "balances", decision: "the entries contradict the file's own balances: a person confirms the reading", evidence: contradictions.join("; ") });
  }
  const reversals = ordered.reduce((n, s) => n + s.reversals, 0);
  const batches = ordered.reduce((n, s) => n + s.batches, 0);
  explain.push({
    step: "counts",
    decision: `${rows.length} booked, ${pending.length} pending, ${skipped.length} skipped`,
    evidence: `${counter.next - 1} entries in ${ordered.length} statement(s)${pages.length > ordered.length ? ` on ${pages.length} pages` : ""}; ${batches} batch entr${batches === 1 ? "y" : "ies"} kept as one row each; ${reversals} reversal(s)`,
  });

  const period = first.period && last.period ? { from: first.period.from, to: last.period.to } : undefined;
  return {
    format: "camt053",
    rows,
    ...(opening ? { openingBalance: opening.amount } : {}),
    ...(closing ? { closingBalance: closing.amount } : {}),
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    pending,
    skipped,
    warnings,
    explain: explain.map((e) => (e.evidence === undefined ? { step: e.step, decision: e.decision } : e)),
    confidence: documents.some((d) => d.doubt) || contradictions.length > 0 ? "low" : "high",
  };
}

/**
 * Whether one `Stmt` (a statement, or one page of one) contradicts its own balances: where it
 * begins (OPBD/PRCD; a further page, the interim balance it opens with) plus its booked entries
 * is not where it ends (CLBD; a page but the last, its closing interim balance) — the balance
 * proof (balance.ts) of the page. Interim balances count only on paginated pages: elsewhere a
 * bank's ITBD may be any day's. The message names the statement, both balances and the difference.
 */
function balanceContradiction(page: CamtStatement): string | undefined {
  const start = page.opening ?? (page.page ? pageStart(page) : undefined);
  const end = page.closing ?? (page.page ? pageEnd(page) : undefined);
  if (!start || !end || start === end) return undefined;
  const proof = proveBalances(page.rows, start.amount, end.amount);
  if (proof.status !== "broken") return undefined;
  const sum = Decimal.sum(page.rows.map((r) => r.amount));
  const name = `${page.page ? `page ${page.page.number} of ` : ""}statement ${page.id ?? page.ordinal}`;
  const entries = page.rows.length === 1 ? "its 1 booked entry" : `its ${page.rows.length} booked entries`;
  const first = page.rows[0]?.sourceRow;
  const last = page.rows.at(-1)?.sourceRow;
  const range = first === undefined ? "" : first === last ? ` (entry ${first})` : ` (entries ${first}–${last})`;
  return (
    `${name}: the closing balance ${end.code} ${formatForMessage(end.amount)} does not equal the opening balance ${start.code} ` +
    `${formatForMessage(start.amount)} + ${entries}${range} ${formatForMessage(sum)} (= ${formatForMessage(proof.expected)}); ` +
    `the difference is ${formatForMessage(proof.found.sub(proof.expected))}`
  );
}
