/**
 * Turning a stored statement into ledger rows (the worker's job).
 *
 * The file streams from the store through decryption and the parser into a temporary table
 * (COPY), and is then posted with set-based SQL: duplicate fingerprints, bank ids, the insert,
 * near-duplicate candidates. Memory stays bounded whatever the file size; the only per-row
 * state in the worker is the running balance check.
 *
 * All-or-nothing: everything from the first staged row to the audit event is one database
 * transaction on one connection; a file that cannot be read leaves no rows and says why.
 * Idempotent: a statement's rows are replaced on a re-run (keeping their ids), so a retried
 * or repeated job never duplicates rows.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import { BalanceChainChecker, type BalanceProof } from "../domain/balance.ts";
import { checkStatementChain } from "../domain/chain.ts";
import { copyValue } from "../domain/copy-text.ts";
import { NEAR_DUPLICATE_MAX_DAYS, NEAR_DUPLICATE_THRESHOLD, scoreNearDuplicate } from "../domain/duplicates.ts";
import { AppError } from "../domain/errors.ts";
import { BatchFingerprints, transactionIdentity } from "../domain/fingerprint.ts";
import { uuidv7 } from "../domain/ids.ts";
import type { SplitPart } from "../domain/rules.ts";
import { DEFAULT_TRANSFER_MAX_DAYS } from "../domain/transfers.ts";
import { currencyExponent, Decimal, Money } from "../domain/money.ts";
import { balancesContradictionStep, CsvStatementReader, detectCsvLayoutOnHead, readLeavesDoubt, type LayoutDetection, type CsvLayout, type CsvReadResult } from "../domain/csv/index.ts";
import { createTextDecoder, describeEncoding, detectStatementEncoding } from "../domain/encoding.ts";
import { sniffFormat } from "../domain/sniff.ts";
import {
  isQuietPeriod,
  StatementParseError,
  type AccountKind,
  type Explanation,
  type ParsedStatement,
  type StatementFormat,
  type StatementRow,
} from "../domain/statement.ts";
import { audit } from "./audit.server.ts";
import { importCategorizer, insertRuleSplits, THREAD_MIN_ROWS, type CategorizedRows, type ImportCategorizer } from "./categories.server.ts";
import { config } from "./config.server.ts";
import { dataKeyOfRow, dataKeyVersion, decryptStream, FIELD_PURPOSE, openFieldWith } from "./crypto.server.ts";
import type { StatementJob } from "./queue.server.ts";
import { committedTenantStatement, FRESH_ROWS_PLANNER, sqlLiteral, sqlRunner, withTenant, withTenantSql, type SqlClient, type Tx } from "./db.server.ts";
import { parsePool } from "./parse-pool.server.ts";
import { objectAad } from "./statements.server.ts";
import { getObjectStream } from "./storage.server.ts";
import { proposeStatementTransfers, transferPartnersNear } from "./transfers.server.ts";

export type ProcessOutcome = "posted" | "needs_review" | "needs_mapping" | "failed" | "skipped";

// Statuses a delivered-again job leaves alone (unless a re-run is asked for).
const SETTLED = new Set(["posted", "needs_review", "needs_mapping", "failed", "undone"]);
// Rows per COPY write; bounded so a 1 GB file never sits in memory.
const STAGE_BATCH = 2_000;
// CSV detection reads this much of a file first: all of almost every real statement (so every
// date is seen before the date order is decided), the beginning of a huge one. Other formats
// are parsed whole at any size (the upload limit bounds them).
const DETECTION_HEAD_BYTES = 8 * 1024 * 1024;
const HEAD_SLICE_CHARS = 128 * 1024;
const PARSE_DEADLINE_MS = 120_000;
const MAX_PDF_PAGES = 500;
// A COPY opened ahead (CopyOpenedAhead) stays open while the file parses: only for files that
// parse in a fraction of a second, far inside any statement_timeout a database may set.
const COPY_AHEAD_MAX_BYTES = 1024 * 1024;
// Near-duplicate pairs examined per statement: enough for any real overlap, bounded for hostile ones.
const MAX_CANDIDATE_PAIRS = 20_000;

/** A parsed statement's rows, in file order, and what is known about the file as a whole. */
interface RowSource {
  format: StatementFormat;
  order: "ascending" | "descending";
  rows: AsyncIterable<StatementRow[]> | Iterable<StatementRow[]>;
  /** The CSV mapping used, and the saved profile it came from. */
  layout?: CsvLayout;
  profileId?: string;
  /** Known before any row is read: how sure detection is, and why. */
  detection: { confidence: "high" | "low"; explain: Explanation[]; warnings: string[] };
  /** Complete once `rows` has been consumed. */
  summary(): Summary;
}
type Summary = Omit<ParsedStatement, "rows" | "format"> & { pendingCount?: number; skippedCount?: number };

class ImportRefused extends Error {
  constructor(
    message: string,
    readonly format: StatementFormat | null = null,
  ) {
    super(message);
  }
}

export async function processStatement(job: StatementJob, options: { force?: boolean } = {}): Promise<ProcessOutcome> {
  const { tenantId, statementId } = job;
  // A job queued by an upload names the object: it is asked for while the statement is read
  // and marked, and used only if the statement names the same object (else let go unread).
  const early = job.storageKey === undefined ? undefined : getObjectStream(job.storageKey);
  early?.catch(() => undefined); // reported when read
  const statement = await startProcessing(tenantId, statementId, options.force ?? false).catch((error: unknown) => {
    if (early) letGo(early);
    throw error;
  });
  const prefetched = statement?.started && statement.storageKey === job.storageKey ? early : undefined;
  if (early && !prefetched) letGo(early);
  if (!statement) throw new Error(`statement ${statementId} of tenant ${tenantId} does not exist`);
  if (!statement.started) return "skipped";

  const accountKind: AccountKind = statement.accountKind === "credit_card" ? "credit-card" : "bank";
  const currency = statement.currency;
  const progress = progressReporter(tenantId, statementId, statement.fileSize);
  // The object, unless asked for above already, is asked for at once, while the import's
  // connection is taken and its transaction begun; a retry (a CSV out of date order) asks again.
  let firstObject: Promise<AsyncIterable<Uint8Array>> | undefined = prefetched ?? getObjectStream(statement.storageKey);
  firstObject.catch(() => undefined); // reported when read
  const objectStream = () => {
    const object = firstObject ?? getObjectStream(statement.storageKey);
    firstObject = undefined;
    return object;
  };
  // The data key of the version the statement row names came with it; the object's own
  // header has the last word, and any other version is looked up when asked for.
  const keys = new Map<number, Promise<Buffer>>([[statement.keyVersion, dataKeyOfRow(statement.key, { tenantId, version: statement.keyVersion })]]);
  const keyFor = (version: number) => {
    let key = keys.get(version);
    if (key === undefined) keys.set(version, (key = withTenant(tenantId, (tx) => dataKeyVersion(tx, tenantId, version))));
    return key;
  };
  for (const key of keys.values()) key.catch(() => undefined); // reported when asked for
  // The account's bank account number, in full (sealed with the tenant's data key): of a file of
  // several accounts, it picks this account's part (ParseOptions.accountNumber). Its last four,
  // all that is kept readable, can tell apart fewer (a checking and a savings account of one
  // member, "7018442291" and "3018442291").
  const accountNumber = (): Promise<string | undefined> =>
    statement.accountNumber ? openFieldWith(keyFor, tenantId, FIELD_PURPOSE.accountNumber, statement.accountNumber) : Promise.resolve(statement.accountNumberLast4 ?? undefined);

  try {
    return await withTenantSql(tenantId, async (client) => {
      const target = { tenantId, statementId, accountId: statement.accountId, currency, fileName: statement.fileName };
      // Rules and model load once per import; for a whole-file statement, while its thread parses.
      let firstCategorizer: Promise<ImportCategorizer> | undefined;
      const loadCategorizer = () => (firstCategorizer ??= importCategorizer(client, tenantId, target));
      // Imports into one account take turns from here to the commit, so two overlapping
      // statements posted at the same moment still see each other's rows (and the unique
      // fingerprint index backs it). For a whole-file statement this too runs while it parses.
      let readyToPost: Promise<LedgerDates | null> | undefined;
      const prepareToPost = () =>
        (readyToPost ??= (async () => {
          await client.query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [`import:${statement.accountId}`]);
          // Posting sorts each batch by identity (occurrence numbers): in memory, not on disk.
          await client.query(`SET LOCAL work_mem = '64MB'`);
          // A forced re-run replaces whatever an earlier run posted.
          await removeStatementRows(client, tenantId, statementId);
          await client.query("SAVEPOINT import_rows");
          return ledgerDates(client, target);
        })());
      const openSource = async (meanwhile?: () => Promise<unknown>) =>
        openRowSource(decryptStream(keyFor, counted(await objectStream(), progress.bytes), objectAad(tenantId, statement.storageKey)), {
          accountKind,
          fileName: statement.fileName,
          accountNumber: await accountNumber(),
          profile: (fingerprint) => savedLayout(tenantId, fingerprint),
          meanwhile,
        });
      let categorized: Pick<Target, "categorizer" | "splits"> | undefined;
      let staged: Staged;
      let rowSource: RowSource;
      let copyAhead: CopyOpenedAhead | undefined;
      try {
        const source = await openSource(async () => {
          await settleAll([loadCategorizer(), prepareToPost()]);
          // The rows' COPY is opened now, while the connection would idle until the thread is done.
          if (statement.fileSize <= COPY_AHEAD_MAX_BYTES) copyAhead = new CopyOpenedAhead(client);
        });
        if (source.format === "csv" && source.detection.confidence === "low") {
          // Guessing would risk a silently wrong ledger: a person confirms the mapping first.
          await holdForMapping(client, { tenantId, statementId, source });
          return "needs_mapping";
        }
        const ledger = await prepareToPost();
        rowSource = source;
        categorized = { categorizer: await loadCategorizer(), splits: [] };
        // Whole-file formats state their period and balances up front (a CSV's summary is only
        // complete once read, and an empty CSV or PDF is a wrong file more often than a quiet month).
        const quietPeriod = source.format !== "csv" && source.format !== "pdf" && isQuietPeriod(source.summary());
        try {
          staged = await stageAndPost(client, rowSource, { ...target, ...categorized, batchRows: config().importBatchRows, ledger, quietPeriod, copyAhead });
        } catch (error) {
          if (!(error instanceof NotInDateOrder)) throw error;
          // Out of date order: read the file again and post it as one batch (counts start afresh).
          await client.query("ROLLBACK TO SAVEPOINT import_rows");
          categorized.categorizer.end();
          rowSource = await openSource();
          categorized = { categorizer: await importCategorizer(client, tenantId, target), splits: [] };
          staged = await stageAndPost(client, rowSource, { ...target, ...categorized, batchRows: Number.POSITIVE_INFINITY, ledger: null });
        }
      } finally {
        // A categorizing thread's job ends with the reading (or with a file that was never read).
        categorized?.categorizer.end();
        (await firstCategorizer?.catch(() => undefined))?.end();
        // A COPY opened ahead and not taken (no rows, or the file was refused) ends before the
        // connection is asked anything else. If it cannot end, the connection has failed, and
        // what the import asks next (or its rollback) says so.
        await copyAhead?.release().catch(() => undefined);
      }
      await insertRuleSplits(client, tenantId, categorized.splits);
      const summary = rowSource.summary();
      if (rowSource.format === "csv" && summary.confidence === "low") {
        // Nothing of it stays in the ledger: a person confirms the mapping first.
        await client.query("ROLLBACK TO SAVEPOINT import_rows");
        await holdForMapping(client, { tenantId, statementId, source: { ...rowSource, detection: { confidence: "low", explain: summary.explain, warnings: summary.warnings } } });
        return "needs_mapping";
      }
      if (summary.currency && summary.currency !== currency) {
        throw new ImportRefused(`the statement is in ${summary.currency} but the account "${statement.accountName}" is in ${currency}`);
      }
      progress.stage("posting");
      return await post(client, {
        layout: rowSource.layout ?? null,
        profileId: rowSource.profileId ?? null,
        tenantId,
        statementId,
        accountId: statement.accountId,
        currency,
        format: rowSource.format,
        staged,
        summary,
        categorized: categorized.categorizer.counts,
        proof: staged.checker.result({ opening: summary.openingBalance, closing: summary.closingBalance }),
      });
    });
  } catch (error) {
    if (error instanceof ImportRefused || error instanceof AppError) {
      const format = error instanceof ImportRefused ? error.format : null;
      return fail(tenantId, statementId, format ?? statement.format, `${statement.fileName}: ${error.message}`);
    }
    throw error;
  } finally {
    progress.stop();
    // An object never read (the connection or transaction failed first) lets its socket go.
    if (firstObject) letGo(firstObject);
  }
}

/** Lets an object stream that will not be read go: its socket is freed. */
function letGo(object: Promise<AsyncIterable<Uint8Array>>): void {
  void object.then((stream) => (stream as { destroy?: () => void }).destroy?.(), () => undefined);
}

/** Settles every promise, then throws the first failure: nothing of them is still running after. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * What the job needs to know of a statement, its account and its data key, in one statement
 * that also marks it "parsing" when it is to be processed (`started`): not settled already, or
 * a re-run was asked for. The status is committed at once, so nothing written later (posted,
 * failed) can be overtaken by it.
 */
async function startProcessing(tenantId: string, statementId: string, force: boolean) {
  const [row] = await committedTenantStatement<{
    status: string;
    fileName: string;
    fileSize: number;
    storageKey: string;
    keyVersion: number;
    format: string | null;
    accountId: string;
    accountName: string;
    accountKind: string;
    accountNumber: Buffer | null;
    accountNumberLast4: string | null;
    currency: string;
    wrappedKey: Buffer | null;
    kekId: string | null;
    started: boolean;
  }>(
    tenantId,
    `WITH started AS (
       UPDATE "Statement" SET status = 'parsing', progress = 1, error = NULL
        WHERE "tenantId" = ${sqlLiteral(tenantId)}::uuid AND id = ${sqlLiteral(statementId)}::uuid
          AND (${force ? "true" : "false"} OR status::text <> ALL (ARRAY[${[...SETTLED].map(sqlLiteral).join(", ")}]::text[]))
       RETURNING id)
     SELECT s.status::text AS status, s."fileName", s."fileSize", s."storageKey", s."keyVersion", s.format, s."accountId"::text AS "accountId",
            a.name AS "accountName", a.kind::text AS "accountKind", a."accountNumber", a."accountNumberLast4", a.currency, k."wrappedKey", k."kekId",
            EXISTS (SELECT 1 FROM started) AS started
       FROM "Statement" s
       JOIN "BankAccount" a ON a."tenantId" = s."tenantId" AND a.id = s."accountId"
       LEFT JOIN "TenantKey" k ON k."tenantId" = s."tenantId" AND k.version = s."keyVersion"
      WHERE s."tenantId" = ${sqlLiteral(tenantId)}::uuid AND s.id = ${sqlLiteral(statementId)}::uuid`,
  );
  if (!row) return undefined;
  const { wrappedKey, kekId, ...statement } = row;
  const key = wrappedKey && kekId ? { tenantId, version: row.keyVersion, wrappedKey, kekId } : null;
  return { ...statement, key };
}

// ---------------------------------------------------------------------------------------
// Reading

async function openRowSource(
  plaintext: AsyncIterable<Buffer>,
  options: {
    accountKind: AccountKind;
    fileName: string;
    /** Of a file of several accounts, the one whose number agrees with it is read (ParseOptions). */
    accountNumber?: string;
    profile: (fingerprint: string) => Promise<SavedLayout | null>;
    /** Work for the database while a whole-file statement parses on its thread; settled before this returns. */
    meanwhile?: () => Promise<unknown>;
  },
): Promise<RowSource> {
  // Read the head (see DETECTION_HEAD_BYTES).
  const iterator = plaintext[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < DETECTION_HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const headBuffer = Buffer.concat(head);
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => iterator };
  const sniffed = sniffFormat(headBuffer.subarray(0, 64 * 1024));

  // CSV always streams (reading overlaps the database's COPY); the head is the whole file
  // when the file is small, so detection still sees every date.
  if (sniffed.format === "csv") return streamCsv(headBuffer, ended ? emptySource() : rest, options);

  const parts: Buffer[] = [headBuffer];
  if (!ended) for await (const part of rest) parts.push(part);
  // Other formats are parsed whole (PDF, OFX, QIF, CAMT, MT940: bounded by UPLOAD_MAX_WHOLE_BYTES),
  // on a parse thread that is killed past a hard time or memory limit (parse-pool.server.ts).
  const parsed = parsePool(PARSE_DEADLINE_MS).parse(Buffer.concat(parts), {
    accountKind: options.accountKind,
    fileName: options.fileName,
    ...(options.accountNumber ? { accountNumber: options.accountNumber } : {}),
    // A hostile PDF must not hold a worker: page count and time are bounded (checked per page).
    deadline: Date.now() + PARSE_DEADLINE_MS,
    maxPages: MAX_PDF_PAGES,
  });
  // Both settle before either's failure is thrown: nothing may still be using the connection
  // when the caller's transaction rolls back.
  const [parse, meanwhile] = await Promise.allSettled([parsed, options.meanwhile?.()]);
  if (meanwhile.status === "rejected") throw meanwhile.reason;
  if (parse.status === "rejected") throw parse.reason;
  const outcome = parse.value;
  if (!outcome.ok) throw new ImportRefused(outcome.error, outcome.format ?? null);
  const { rows, format, ...summary } = outcome.statement;
  return {
    format,
    order: "ascending",
    rows: batches(rows),
    summary: () => summary,
    detection: { confidence: summary.confidence, explain: summary.explain, warnings: summary.warnings },
  };
}

async function* emptySource(): AsyncGenerator<Buffer> {}

/** Detect on the head (the whole file, up to 8 MiB), then decode → read → stage as it streams. */
async function streamCsv(
  head: Buffer,
  rest: AsyncIterable<Buffer>,
  options: { accountKind: AccountKind; profile: (fingerprint: string) => Promise<SavedLayout | null> },
): Promise<RowSource> {
  const encoding = detectStatementEncoding(head);
  const decoder = createTextDecoder(encoding.encoding);
  // The head (up to 8 MiB, twice: bytes and text) is let go once read: nothing below may keep it.
  const streamed = head.length >= DETECTION_HEAD_BYTES;
  let headText: string | null = decoder.write(head);
  let detection: LayoutDetection;
  try {
    detection = detectCsvLayoutOnHead(headText, {
      accountKind: options.accountKind,
      encoding: { name: describeEncoding(encoding.encoding), evidence: encoding.evidence, ...(encoding.doubt ? { doubt: encoding.doubt } : {}) },
    });
  } catch (error) {
    if (error instanceof StatementParseError) throw new ImportRefused(error.message, "csv");
    throw error;
  }
  const saved = await options.profile(detection.layout.fingerprint);
  const layout = saved?.layout ?? detection.layout;
  const reader = new CsvStatementReader(layout, { accountKind: options.accountKind, referenceDate: detection.referenceDate });
  let result: CsvReadResult | undefined;
  async function* rows(): AsyncGenerator<StatementRow[]> {
    try {
      // The head in slices: rows (and their COPY text) exist a batch at a time, not 8 MiB at once.
      const text = headText!;
      headText = null;
      for (let at = 0; at < text.length; at += HEAD_SLICE_CHARS) yield reader.push(text.slice(at, at + HEAD_SLICE_CHARS));
      let pending: StatementRow[] = [];
      for await (const chunk of rest) {
        pending = pending.length ? pending.concat(reader.push(decoder.write(chunk))) : reader.push(decoder.write(chunk));
        if (pending.length >= STAGE_BATCH) {
          yield pending;
          pending = [];
        }
      }
      pending.push(...reader.push(decoder.end()));
      result = reader.finish();
      if (result.rowCount === 0) {
        const where = layout.headerLine !== null ? `the header is on line ${layout.headerLine}` : `the table starts on line ${layout.dataStartLine}`;
        throw new ImportRefused(`no transactions found: ${where} but no row below it has a date and an amount`, "csv");
      }
      yield pending.concat(result.rows);
    } catch (error) {
      if (error instanceof StatementParseError) throw new ImportRefused(error.message, "csv");
      throw error;
    }
  }
  return {
    format: "csv",
    order: layout.fileOrder === "newest-first" ? "descending" : "ascending",
    rows: rows(),
    layout,
    profileId: saved?.id,
    detection: withProfile({ confidence: detection.confidence, explain: detection.explain, warnings: detection.warnings }, saved),
    summary: () => {
      const r = result!;
      const warnings = [...detection.warnings, ...r.warnings];
      if (r.outOfOrder) warnings.push(`row ${r.outOfOrder.sourceRow}: dates go back (${r.outOfOrder.date}); the file is not in date order`);
      const confidence = detection.confidence === "low" || readLeavesDoubt(r) ? "low" : "high";
      return withProfile(
        {
          ...(r.openingBalance ? { openingBalance: r.openingBalance } : {}),
          ...(r.closingBalance ? { closingBalance: r.closingBalance } : {}),
          ...(r.currency ? { currency: r.currency } : {}),
          ...(r.period ? { period: r.period } : {}),
          pending: r.pending,
          skipped: r.skipped,
          pendingCount: r.pendingCount,
          skippedCount: r.skippedCount,
          warnings,
          explain: [
            ...detection.explain,
            ...[balancesContradictionStep(r)].filter((e) => e !== undefined),
            ...(streamed
              ? [{ step: "streamed", decision: "yes", evidence: `larger than ${DETECTION_HEAD_BYTES / 1024 / 1024} MiB: detected on its beginning, read as it streamed` }]
              : []),
          ],
          confidence,
          layout,
        },
        saved,
      );
    },
  };
}

interface SavedLayout {
  id: string;
  name: string;
  layout: CsvLayout;
}

/** A saved profile settles what detection could only guess: the mapping was confirmed by a person. */
function withProfile<T extends { explain: Explanation[]; confidence: "high" | "low" }>(summary: T, saved: SavedLayout | null): T {
  if (!saved) return summary;
  return {
    ...summary,
    confidence: "high",
    explain: [{ step: "profile", decision: saved.name, evidence: "a mapping confirmed earlier for files with this layout" }, ...summary.explain],
  };
}

/**
 * A whole-file statement's rows in chunks the size of the categorizing thread's smallest: each
 * chunk is categorized there while the one before goes into the ledger (categorizedChunks), so
 * the thread's work hides behind the posting instead of coming before it.
 */
function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += THREAD_MIN_ROWS) yield items.slice(i, i + THREAD_MIN_ROWS);
}

async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

// ---------------------------------------------------------------------------------------
// Rows → ledger

interface Staged {
  count: number;
  /** Ledger rows inserted, and how many of them were set aside as duplicates. */
  inserted: number;
  duplicates: number;
  firstDate?: string;
  lastDate?: string;
  checker: BalanceChainChecker;
}

interface Target {
  tenantId: string;
  statementId: string;
  accountId: string;
  currency: string;
  fileName: string;
  batchRows: number;
  /** Rules, then the learned model: each row's payee and category on its way in. */
  categorizer: ImportCategorizer;
  /** Rows a rule split: their parts go in after the rows themselves. */
  splits: { transactionId: string; parts: SplitPart[] }[];
  /** The dates the account's ledger spans (read under the account's lock), for posting in date order. */
  ledger: LedgerDates | null;
  /** A statement of a period without transactions may post with none (isQuietPeriod); any other empty file is refused. */
  quietPeriod?: boolean;
  /** A COPY into "Transaction" already open on the connection, for the first batch to take. */
  copyAhead?: CopyOpenedAhead;
}

/** Rows of a later batch share a date with an earlier one: their occurrence numbers need the set-based path. */
class NotInDateOrder extends Error {}

/** A batch of rows on its way into the ledger; two kinds, chosen per file (below). */
interface Batch {
  add(row: StatementRow, categorization: string, splits: SplitPart[] | undefined): Promise<void>;
  /** Posts the batch; the connection is free when this starts and again when it settles. */
  post(): Promise<{ rows: number; duplicates: number }>;
  abort(error: unknown): Promise<void>;
}

/**
 * Rows → ledger, batch by batch, while the worker already reads the next batch — reading is
 * JavaScript's work, posting the database's, and they overlap.
 *
 * Occurrence numbers (app/domain/fingerprint.ts) count equal identities in the statement, and
 * identities include the date: batches are cut only where the date changes, so while the file
 * is in date order no identity spans two batches, and each batch is a LedgerBatch — numbered and
 * fingerprinted here, COPYed straight into "Transaction". A file out of order throws
 * NotInDateOrder and is read again as one StagedBatch, numbered set-based in SQL (a map of
 * every identity of a huge shuffled file would not fit in the worker).
 */
async function stageAndPost(client: SqlClient, source: RowSource, target: Target): Promise<Staged> {
  const { currency } = target;
  const exponent = currencyExponent(currency);
  const checker = new BalanceChainChecker(source.order);
  const staged: Staged = { count: 0, inserted: 0, duplicates: 0, checker };
  const inOrder = Number.isFinite(target.batchRows);
  if (!inOrder) await createStagingTable(client);

  // The connection runs one statement at a time: a batch's COPY may start only when the
  // previous batch has posted (a batch may stream its COPY while rows are still read).
  let connectionFree = true;
  const newBatch = (): Batch =>
    inOrder ? new LedgerBatch(client, target, target.ledger, () => connectionFree) : new StagedBatch(client, target, () => connectionFree);
  let batch = newBatch();
  let batchCount = 0;
  let batchFirst: string | undefined;
  let batchLast: string | undefined;
  // Dates already posted lie within [postedMin, postedMax]; a later row inside it may repeat one.
  let postedMin: string | undefined;
  let postedMax: string | undefined;
  let inflight: Promise<void> = Promise.resolve();

  const flush = async () => {
    const full = batch;
    batch = newBatch();
    batchCount = 0;
    if (postedMin === undefined || batchFirst! < postedMin) postedMin = batchFirst;
    if (postedMax === undefined || batchLast! > postedMax) postedMax = batchLast;
    batchFirst = batchLast = undefined;
    await inflight;
    connectionFree = false;
    inflight = full.post().then((r) => {
      staged.inserted += r.rows;
      staged.duplicates += r.duplicates;
      // Only after success: on a failed batch the transaction is aborted, and the next
      // flush's `await inflight` reports the real error rather than a COPY refused after it.
      connectionFree = true;
    });
    // A failure surfaces at the next await of `inflight`; keep it from being "unhandled" before.
    inflight.catch(() => undefined);
  };

  let previousDate: string | undefined;
  // Per row, so without arrays; a value of no more decimals than the currency's needs no count.
  const checkScale = (row: StatementRow, what: "amount" | "balance", value: Decimal | undefined) => {
    if (value && value.scale > exponent && value.significantScale() > exponent) {
      throw new ImportRefused(`row ${row.sourceRow}: the ${what} ${value.toString()} has more decimals than ${currency} allows`);
    }
  };
  const checkRow = (row: StatementRow) => {
    checkScale(row, "amount", row.amount);
    checkScale(row, "balance", row.balance);
    if (row.currency && row.currency !== currency) {
      throw new ImportRefused(`row ${row.sourceRow}: the amount is in ${row.currency} but the account is in ${currency}`);
    }
  };
  try {
    for await (const [rows, { fields, splits }] of categorizedChunks(source.rows, checkRow, target.categorizer)) {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (postedMin !== undefined && row.date >= postedMin && row.date <= postedMax!) throw new NotInDateOrder();
        if (batchCount >= target.batchRows && row.date !== previousDate) await flush();
        checker.add(row);
        if (staged.firstDate === undefined || row.date < staged.firstDate) staged.firstDate = row.date;
        if (staged.lastDate === undefined || row.date > staged.lastDate) staged.lastDate = row.date;
        if (batchFirst === undefined || row.date < batchFirst) batchFirst = row.date;
        if (batchLast === undefined || row.date > batchLast) batchLast = row.date;
        await batch.add(row, fields[r]!, splits.get(r));
        batchCount++;
        previousDate = row.date;
        staged.count++;
        // Reading is synchronous work between awaits that resolve at once: without a real turn
        // of the event loop now and then, the posting batch's COPY and query replies wait on
        // the socket until the reader blocks on input (measured: 275 ms per 20k-row batch).
        if (staged.count % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (batchCount) await flush();
  } catch (error) {
    // A COPY left open would hold the connection in copy mode: abort it (CopyFail) first.
    await batch.abort(error);
    throw error;
  } finally {
    // Whatever happens, the batch on the connection finishes first: what the caller does next
    // (roll back to the savepoint, or fail) must not interleave with it.
    await inflight.catch(() => undefined);
  }
  await inflight;
  if (staged.count === 0 && !target.quietPeriod) throw new ImportRefused(`no transactions found in ${target.fileName}`);
  return staged;
}

/**
 * The source's chunks of rows, each checked and with its categorizations, one chunk ahead: the
 * next chunk is read while the categorizing thread works on the one before (a chunk is
 * categorized only once each of its rows passed `check`, so a bad row is reported as itself).
 */
async function* categorizedChunks(
  rows: RowSource["rows"],
  check: (row: StatementRow) => void,
  categorizer: ImportCategorizer,
): AsyncGenerator<[StatementRow[], CategorizedRows]> {
  let ahead: Promise<[StatementRow[], CategorizedRows]> | null = null;
  try {
    for await (const chunk of rows) {
      if (chunk.length === 0) continue;
      chunk.forEach(check);
      const next = categorizer.categorizeChunk(chunk).then((c): [StatementRow[], CategorizedRows] => [chunk, c]);
      // Awaited in turn below; meanwhile a failure must not count as unhandled.
      next.catch(() => undefined);
      if (ahead) yield await ahead;
      ahead = next;
    }
    if (ahead) yield await ahead;
  } finally {
    // Stopped early (a refused row, or out of date order): the chunk in flight is dropped.
    await ahead?.catch(() => undefined);
  }
}

/**
 * The columns a row has in the file, then its categorization's (already COPY text, from the
 * categorizer), in COPY text — shared by both kinds of batch.
 */
function copyFields(row: StatementRow, categorization: string, splits: SplitPart[] | undefined, target: Target): string {
  const id = uuidv7();
  if (splits) target.splits.push({ transactionId: id, parts: splits });
  return (
    `${id}\t${row.sourceRow}\t${row.date}\t${copyValue(row.valueDate)}\t${row.amount.toString()}\t` +
    `${copyValue(row.description.slice(0, 1000))}\t${copyValue(row.balance?.toString())}\t` +
    `${copyValue(row.bankId)}\t${copyValue(row.bankCategory)}\t${categorization}`
  );
}

// A batch's COPY text is joined every 250 rows: a line built from row fields is a rope that
// keeps the whole decoded chunk its description was cut from alive (≈1.4 KB a row); joining
// copies it into a flat string of its own. Joined often, few ropes live through a young-space
// collection (1,000 lines at a time cost ~2 µs a row more, measured).
const LINES_PER_CHUNK = 250;
// Rows read between two real turns of the event loop (stageAndPost).
const ROWS_PER_TURN = 1_000;

/**
 * The fast path: one batch of a file in date order, COPYed straight into "Transaction".
 * Occurrence numbers and fingerprints are computed here as rows arrive. A row can repeat one
 * the account's ledger already counts only within the dates that ledger spans (`ledgerDates`,
 * read once per import): while the batch's rows stay outside them, its COPY starts as soon as
 * the connection is free and the rows stream in as they are read — the database works while
 * the worker reads, and little is left to post when reading ends. Once a row falls inside
 * them, the rest of the batch waits for its end; then one index range scan finds which
 * fingerprints the ledger already counts in the batch's dates (those rows go in as
 * `duplicate`, pointing at the row they repeat) before they are COPYed. The COPY runs as
 * cashline_ingest — the role that may COPY into the RLS-protected table, may do nothing else,
 * and whose rows a statement-level trigger holds to the current tenant
 * (prisma/migrations/20261122100000_ledger_copy_ingest).
 */
class LedgerBatch implements Batch {
  /** Joined lines not yet written. */
  private chunks: string[] = [];
  private lines: string[] = [];
  private rows = 0;
  private readonly fingerprints: BatchFingerprints;
  private first: string | undefined;
  private last: string | undefined;
  /** A row lies within the ledger's dates: what follows it waits for the ledger's fingerprints. */
  private checked = false;
  private stream: CopyStreamQuery | null = null;
  private done: Promise<void> | null = null;
  // Constant columns, written into every line (COPY has no per-statement constants).
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(
    private readonly client: SqlClient,
    private readonly target: Target,
    private readonly ledgerDates: LedgerDates | null,
    private readonly connectionFree: () => boolean,
  ) {
    this.prefix = `${target.tenantId}\t${target.accountId}\t${target.statementId}\t`;
    this.suffix = `\t${target.currency}\t`;
    this.fingerprints = new BatchFingerprints(target.accountId);
  }

  async add(row: StatementRow, categorization: string, splits: SplitPart[] | undefined): Promise<void> {
    const fingerprint = this.fingerprints.next(row);
    this.rows++;
    // The fingerprint, status and duplicate-of come last: a line that turns out to repeat a row
    // already in the ledger is found by its fingerprint and re-ended (post).
    this.lines.push(`${this.prefix}${copyFields(row, categorization, splits, this.target)}${this.suffix}${fingerprint}${POSTED_END}\n`);
    if (this.first === undefined || row.date < this.first) this.first = row.date;
    if (this.last === undefined || row.date > this.last) this.last = row.date;
    if (this.ledgerDates && row.date >= this.ledgerDates.from && row.date <= this.ledgerDates.to) this.checked = true;
    if (this.lines.length === LINES_PER_CHUNK) {
      this.chunks.push(this.lines.join(""));
      this.lines = [];
      if (!this.checked && (this.stream || this.connectionFree())) await this.writeChunks();
    }
  }

  async post(): Promise<{ rows: number; duplicates: number }> {
    if (this.lines.length) this.chunks.push(this.lines.join(""));
    this.lines = [];
    const rows = this.rows;
    if (rows === 0) return { rows: 0, duplicates: 0 };
    if (!this.checked) {
      await this.writeChunks();
      await this.endCopy();
      return { rows, duplicates: 0 };
    }
    // What streamed before the first row within the ledger's dates stands as it is; a COPY
    // opened ahead that nothing streamed into ends (with no rows) before the lookup below.
    if (this.stream) await this.endCopy();
    else await this.target.copyAhead?.release();
    const { tenantId, accountId, statementId } = this.target;
    const counted = new Map(
      (
        await sqlRunner(this.client)<{ fingerprint: string; id: string }>(
          `SELECT fingerprint, id::text AS id FROM "Transaction"
            WHERE "tenantId" = $1::uuid AND "accountId" = $2::uuid AND date BETWEEN $3::date AND $4::date
              AND "duplicateOfId" IS NULL AND "statementId" <> $5::uuid`,
          [tenantId, accountId, this.first, this.last, statementId],
        )
      ).map((r) => [r.fingerprint, r.id]),
    );
    let duplicates = 0;
    if (counted.size > 0) {
      this.chunks = this.chunks.map((chunk) => {
        const lines = chunk.split("\n");
        lines.pop(); // after the last newline
        return lines
          .map((line) => {
            const original = counted.get(line.slice(-POSTED_END.length - 32, -POSTED_END.length));
            if (original === undefined) return `${line}\n`;
            duplicates++;
            return `${line.slice(0, -POSTED_END.length)}\tduplicate\t${original}\n`;
          })
          .join("");
      });
    }
    await this.writeChunks();
    await this.endCopy();
    return { rows, duplicates };
  }

  async abort(error: unknown): Promise<void> {
    await abortCopy(this.stream, error);
  }

  /** Writes the joined lines, opening the COPY first if it is not open. */
  private async writeChunks(): Promise<void> {
    if (!this.stream) this.open();
    const stream = this.stream!;
    for (const chunk of this.chunks) {
      // A COPY that failed rejects `done`: its error ends the wait, and the import.
      if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), this.done]);
    }
    this.chunks = [];
  }

  private open(): void {
    // The switch to cashline_ingest, the COPY and the switch back travel as one query text: no
    // round trip of their own, and the app's role is back the moment the COPY ends. A refused
    // switch fails the COPY with its own error; after any error PostgreSQL skips the rest of
    // the text, and the aborted transaction's rollback undoes the role with everything else.
    ({ stream: this.stream, done: this.done } = this.target.copyAhead?.take() ?? startCopy(this.client, LEDGER_COPY));
  }

  private async endCopy(): Promise<void> {
    this.stream!.end();
    await this.done;
    this.stream = null;
    this.done = null;
  }
}

/** The dates the account's ledger has counted rows on, from other statements: a row outside them repeats none. */
interface LedgerDates {
  from: string;
  to: string;
}

async function ledgerDates(client: SqlClient, target: Pick<Target, "tenantId" | "accountId" | "statementId">): Promise<LedgerDates | null> {
  const [span] = await sqlRunner(client)<{ from: string | null; to: string | null }>(
    `SELECT min(date)::text AS "from", max(date)::text AS "to" FROM "Transaction"
      WHERE "tenantId" = $1::uuid AND "accountId" = $2::uuid AND "duplicateOfId" IS NULL AND "statementId" <> $3::uuid`,
    [target.tenantId, target.accountId, target.statementId],
  );
  return span?.from && span.to ? { from: span.from, to: span.to } : null;
}

/** How a line of a row to post ends, after its fingerprint (status, duplicate-of). */
const POSTED_END = "\tposted\t\\N";

const LEDGER_COPY_COLUMNS =
  `"tenantId", "accountId", "statementId", id, "sourceRow", date, "valueDate", amount, description, balance, ` +
  `"bankId", "bankCategory", payee, "categoryId", "categorySource", "categoryConfidence", note, currency, fingerprint, status, "duplicateOfId"`;
/** The COPY a LedgerBatch streams its rows into, as cashline_ingest (LedgerBatch.open). */
const LEDGER_COPY = `SET LOCAL ROLE cashline_ingest; COPY "Transaction" (${LEDGER_COPY_COLUMNS}) FROM STDIN; SET LOCAL ROLE NONE`;

/**
 * The ledger's COPY, opened while a whole-file statement still parses on its thread: its
 * opening round trip (which also switches roles) is then done while the connection would
 * idle, not after the rows are read (about 1 ms of a 4-page PDF's ~42 ms job, measured in
 * alternating pairs). The first batch takes it when it streams; a first batch whose rows lie
 * within the ledger's dates, or a file that is refused or has no rows, ends it with no rows
 * first (`release`), which inserts nothing — the connection is asked nothing else meanwhile.
 */
class CopyOpenedAhead {
  private copy: { stream: CopyStreamQuery; done: Promise<void> } | null;

  constructor(client: SqlClient) {
    this.copy = startCopy(client, LEDGER_COPY);
  }

  take(): { stream: CopyStreamQuery; done: Promise<void> } | null {
    const copy = this.copy;
    this.copy = null;
    return copy;
  }

  async release(): Promise<void> {
    const copy = this.take();
    if (!copy) return;
    copy.stream.end();
    await copy.done;
  }
}

/** A COPY … FROM STDIN on the connection, and its end: `done` settles when the server has taken it all, or refused it. */
function startCopy(client: SqlClient, sql: string): { stream: CopyStreamQuery; done: Promise<void> } {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  // Awaited where the COPY ends; meanwhile a refusal must not count as unhandled.
  done.catch(() => undefined);
  return { stream, done };
}

async function abortCopy(stream: CopyStreamQuery | null, error: unknown): Promise<void> {
  if (!stream || stream.destroyed) return;
  const closed = once(stream, "close").catch(() => undefined);
  stream.destroy(error instanceof Error ? error : new Error(String(error)));
  await closed;
}

async function createStagingTable(client: SqlClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS import_rows (
      id uuid NOT NULL, source_row int NOT NULL, date date NOT NULL, value_date date, amount numeric NOT NULL,
      description text NOT NULL, balance numeric, bank_id text, bank_category text,
      payee text, category_id uuid, category_source text, category_confidence numeric, note text, identity text NOT NULL
    ) ON COMMIT DROP`);
}

/**
 * The set-based path, for a file out of date order: the whole file is COPYed into a temporary
 * table as it is read, then numbered, fingerprinted and posted by one INSERT … SELECT (the same
 * definitions as LedgerBatch, in SQL). Slower — about twice a COPY — but it needs no memory
 * per row in the worker, whatever the file's size.
 */
class StagedBatch implements Batch {
  private lines: string[] = [];
  private stream: CopyStreamQuery | null = null;
  private done: Promise<void> | null = null;
  private waiting: string[] = [];

  constructor(
    private readonly client: SqlClient,
    private readonly target: Target,
    private readonly connectionFree: () => boolean,
  ) {}

  async add(row: StatementRow, categorization: string, splits: SplitPart[] | undefined): Promise<void> {
    this.lines.push(`${copyFields(row, categorization, splits, this.target)}\t${copyValue(transactionIdentity(row))}\n`);
    if (this.lines.length === LINES_PER_CHUNK) await this.flushLines();
  }

  private async flushLines(): Promise<void> {
    const chunk = this.lines.join("");
    this.lines = [];
    if (!this.stream && this.connectionFree()) this.open();
    if (!this.stream) {
      this.waiting.push(chunk);
      return;
    }
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  private open(): void {
    const { stream, done } = startCopy(this.client, "COPY import_rows FROM STDIN");
    this.stream = stream;
    this.done = done;
    for (const chunk of this.waiting) stream.write(chunk);
    this.waiting = [];
  }

  async post(): Promise<{ rows: number; duplicates: number }> {
    if (this.lines.length) await this.flushLines();
    if (!this.stream) this.open();
    this.stream!.end();
    await this.done;
    this.stream = null;
    const { tenantId, accountId, statementId, currency } = this.target;
    const [inserted] = await sqlRunner(this.client)<{ rows: string; duplicates: string }>(
      // The fingerprint (app/domain/fingerprint.ts): md5(account | md5(identity) | occurrence).
      // Rows are inserted as posted; a failed balance proof turns them to review at the end.
      `WITH keyed AS (
         SELECT r.*, md5(r.identity)::uuid AS identity_key FROM import_rows r
       ), numbered AS (
         SELECT k.*, md5($2::text || '|' || k.identity_key::text || '|' ||
                         (row_number() OVER (PARTITION BY k.identity_key ORDER BY k.source_row))::text) AS fp
           FROM keyed k
       ), ins AS (
         INSERT INTO "Transaction" ("tenantId", id, "accountId", "statementId", "sourceRow", date, "valueDate", amount, currency,
                                    description, payee, balance, "bankId", "bankCategory", "categoryId", "categorySource",
                                    "categoryConfidence", note, fingerprint, status, "duplicateOfId")
         SELECT $1::uuid, n.id, $2::uuid, $3::uuid, n.source_row, n.date, n.value_date, n.amount, $4,
                n.description, n.payee, n.balance, n.bank_id, n.bank_category, n.category_id, n.category_source,
                n.category_confidence, n.note, n.fp,
                CASE WHEN d.id IS NULL THEN 'posted'::"TransactionStatus" ELSE 'duplicate'::"TransactionStatus" END, d.id
           FROM numbered n
           LEFT JOIN "Transaction" d ON d."tenantId" = $1::uuid AND d."accountId" = $2::uuid AND d.date = n.date
                                    AND d.fingerprint = n.fp AND d."duplicateOfId" IS NULL AND d."statementId" <> $3::uuid
         RETURNING "duplicateOfId"
       )
       SELECT count(*)::text AS rows, count("duplicateOfId")::text AS duplicates FROM ins`,
      [tenantId, accountId, statementId, currency],
    );
    await this.client.query("TRUNCATE import_rows");
    return { rows: Number(inserted!.rows), duplicates: Number(inserted!.duplicates) };
  }

  async abort(error: unknown): Promise<void> {
    await abortCopy(this.stream, error);
  }
}

// ---------------------------------------------------------------------------------------
// Posting

interface PostInput {
  layout: CsvLayout | null;
  profileId: string | null;
  tenantId: string;
  statementId: string;
  accountId: string;
  currency: string;
  format: StatementFormat;
  staged: Staged;
  summary: ReturnType<RowSource["summary"]>;
  categorized: ImportCategorizer["counts"];
  proof: BalanceProof;
}

async function post(client: SqlClient, input: PostInput): Promise<"posted" | "needs_review"> {
  const { tenantId, statementId, accountId, currency, staged, summary, proof } = input;
  const sql = sqlRunner(client);
  const status = proof.status === "broken" ? "needs_review" : "posted";

  if (status === "needs_review") {
    await sql(`UPDATE "Transaction" SET status = 'review' WHERE "tenantId" = $1 AND "statementId" = $2 AND "duplicateOfId" IS NULL`, [
      tenantId,
      statementId,
    ]);
  }
  const rowCount = staged.inserted;
  const duplicateCount = staged.duplicates;
  // Both checks join this statement's rows, just COPYed, with the ledger: the planner is set for
  // fresh rows for the rest of the transaction (what follows are small lookups by key, for which
  // a hash join costs the same), in the one round trip that asks whether either check has
  // anything to compare with at all — most imports extend the ledger past its end.
  const scope = { tenantId, statementId, accountId, currency, firstDate: staged.firstDate!, lastDate: staged.lastDate! };
  // A quiet period's statement has no rows to compare with anything.
  const [reach] =
    staged.count === 0
      ? [{ nearDuplicates: false, transfers: false }]
      : await sql<{ nearDuplicates: boolean; transfers: boolean }>(
          `SELECT ${FRESH_ROWS_PLANNER},
                  ${nearDuplicatesInReach({ tenantId: "$1", accountId: "$2", statementId: "$3", firstDate: "$5", lastDate: "$6" })} AS "nearDuplicates",
                  ${transferPartnersNear({ tenantId: "$1", accountId: "$2", currency: "$4", firstDate: "$5", lastDate: "$6" })} AS transfers`,
          [tenantId, accountId, statementId, currency, scope.firstDate, scope.lastDate],
        );
  const candidateCount = reach!.nearDuplicates ? await flagNearDuplicates(client, scope) : 0;
  const transferCount = reach!.transfers ? await proposeStatementTransfers(client, scope) : 0;

  const warnings = [...summary.warnings];
  if (staged.count === 0) {
    warnings.push(`no transactions in ${summary.period!.from} to ${summary.period!.to}; the statement was recorded with its balance, so the account's statements still follow on`);
  }
  if (proof.status === "unprovable") warnings.push(proof.reason);
  if (duplicateCount > 0) {
    // Each duplicate's original and its statement are looked up by key in scalar subqueries:
    // the planner is set for fresh rows here, and as joins these hashed the tenant's whole
    // ledger (measured on 500k rows: 181 ms, against 0.4 ms by key).
    const sources = await sql<{ fileName: string; rows: string }>(
      `SELECT d."fileName", count(*)::text AS rows
         FROM (SELECT (SELECT s."fileName" FROM "Statement" s
                        WHERE s."tenantId" = t."tenantId"
                          AND s.id = (SELECT o."statementId" FROM "Transaction" o WHERE o."tenantId" = t."tenantId" AND o.id = t."duplicateOfId")) AS "fileName"
                 FROM "Transaction" t
                WHERE t."tenantId" = $1 AND t."statementId" = $2 AND t."duplicateOfId" IS NOT NULL) d
        GROUP BY d."fileName" ORDER BY count(*) DESC LIMIT 5`,
      [tenantId, statementId],
    );
    warnings.push(
      `${duplicateCount} row${duplicateCount === 1 ? " was" : "s were"} already in the ledger (from ` +
        `${sources.map((s) => `"${s.fileName}": ${s.rows}`).join(", ")}) and ${duplicateCount === 1 ? "was" : "were"} not posted again`,
    );
  }
  if (candidateCount > 0) {
    warnings.push(
      `${candidateCount} row${candidateCount === 1 ? " resembles" : "s resemble"} rows already in the ledger (same amount, close date); ` +
        `they were posted and are listed for review — nothing is merged automatically`,
    );
  }
  const pendingCount = summary.pendingCount ?? summary.pending.length;
  if (transferCount > 0) {
    warnings.push(
      `${transferCount} row${transferCount === 1 ? " looks" : "s look"} like ${transferCount === 1 ? "a transfer" : "transfers"} between your own accounts ` +
        `(the opposite amount in another account within ${DEFAULT_TRANSFER_MAX_DAYS} days); confirm or reject ${transferCount === 1 ? "it" : "them"} in the review queue`,
    );
  }
  if (pendingCount > 0) warnings.push(`${pendingCount} pending row${pendingCount === 1 ? " was" : "s were"} left out of the ledger until ${pendingCount === 1 ? "it posts" : "they post"}`);

  const opening = proof.status === "proven" ? proof.opening : summary.openingBalance;
  const closing = proof.status === "proven" ? proof.closing : summary.closingBalance;
  const money = (d: Decimal | undefined) => (d === undefined ? null : Money.of(d, currency).toDecimalString());
  await sql(
    `UPDATE "Statement" SET status = $3::"StatementStatus", progress = 100, format = $4, "rowCount" = $5, "duplicateCount" = $6,
            error = $7, warnings = $8::jsonb, "periodStart" = $9::date, "periodEnd" = $10::date, "openingBalance" = $11::numeric,
            "closingBalance" = $12::numeric, "processedAt" = now(), confidence = $13, explain = $14::jsonb,
            "pendingCount" = $15, "skippedCount" = $16, "undoneAt" = NULL, "undoneById" = NULL,
            layout = $17::jsonb, "profileId" = $18::uuid
      WHERE "tenantId" = $1 AND id = $2`,
    [
      tenantId, statementId, status, input.format, rowCount, duplicateCount,
      proof.status === "broken" ? proof.message : null, JSON.stringify(warnings),
      summary.period?.from ?? staged.firstDate, summary.period?.to ?? staged.lastDate, money(opening), money(closing),
      summary.confidence, JSON.stringify(summary.explain satisfies Explanation[]),
      summary.pendingCount ?? summary.pending.length, summary.skippedCount ?? summary.skipped.length,
      input.layout === null ? null : JSON.stringify(input.layout), input.profileId,
    ],
  );
  await updateChain(client, tenantId, accountId);
  await audit(client, {
    tenantId,
    actorId: null,
    action: status === "posted" ? "ledger.post" : "ledger.hold_for_review",
    entityType: "statement",
    entityId: statementId,
    after: {
      rows: rowCount,
      duplicates: duplicateCount,
      nearDuplicates: candidateCount,
      categorized: { byRule: input.categorized.rule, byModel: input.categorized.model, uncategorized: input.categorized.none },
      proposedTransfers: transferCount,
      status,
      proof: proof.status,
      opening: money(opening),
      closing: money(closing),
    },
  });
  return status;
}

async function savedLayout(tenantId: string, fingerprint: string): Promise<SavedLayout | null> {
  const profile = await withTenant(tenantId, (tx) =>
    tx.importProfile.findUnique({ where: { tenantId_fingerprint: { tenantId, fingerprint } } }),
  );
  return profile ? { id: profile.id, name: profile.name, layout: profile.layout as unknown as CsvLayout } : null;
}

/** Detection was not sure: keep the file and the detected mapping, post nothing, ask a person. */
async function holdForMapping(client: SqlClient, input: { tenantId: string; statementId: string; source: RowSource }): Promise<void> {
  const { tenantId, statementId, source } = input;
  await sqlRunner(client)(
    `UPDATE "Statement" SET status = 'needs_mapping', progress = 100, format = 'csv', confidence = 'low', explain = $3::jsonb,
            layout = $4::jsonb, warnings = $5::jsonb, error = $6, "processedAt" = now()
      WHERE "tenantId" = $1 AND id = $2`,
    [
      tenantId,
      statementId,
      JSON.stringify(source.detection.explain),
      source.layout ? JSON.stringify(source.layout) : null,
      JSON.stringify(source.detection.warnings),
      "the columns could not be recognized with certainty: check the detected mapping and confirm it to import",
    ],
  );
  await audit(client, {
    tenantId,
    actorId: null,
    action: "statement.needs_mapping",
    entityType: "statement",
    entityId: statementId,
    after: { explain: source.detection.explain },
  });
}

/**
 * SQL, true when the account's ledger has rows of other statements within reach of the dates:
 * otherwise nothing can resemble this statement's rows, and flagNearDuplicates need not run.
 * A condition over the caller's placeholders (post).
 */
function nearDuplicatesInReach(p: { tenantId: string; accountId: string; statementId: string; firstDate: string; lastDate: string }): string {
  return `EXISTS (SELECT 1 FROM "Transaction" WHERE "tenantId" = ${p.tenantId}::uuid AND "accountId" = ${p.accountId}::uuid AND "statementId" <> ${p.statementId}::uuid
                   AND date BETWEEN ${p.firstDate}::date - ${NEAR_DUPLICATE_MAX_DAYS} AND ${p.lastDate}::date + ${NEAR_DUPLICATE_MAX_DAYS}
                   AND "duplicateOfId" IS NULL)`;
}

/**
 * Pairs a new row with ledger rows of the same amount a few days apart; keeps the likely ones.
 * Run with the planner set for fresh rows (post), when nearDuplicatesInReach holds.
 */
async function flagNearDuplicates(
  client: SqlClient,
  input: { tenantId: string; statementId: string; accountId: string; currency: string; firstDate: string; lastDate: string },
): Promise<number> {
  const sql = sqlRunner(client);
  // Joins the rows just COPYed with the ledger. The ledger side is narrowed on its own (other
  // statements, the account, the dates in reach) before the join: joined on the amount alone,
  // a statement's own rows would meet each other first — 60,000 rows of 1.00 make 3.6 billion
  // pairs, each then dropped as "same statement".
  const pairs = await sql<{ id: string; date: string; amount: string; description: string; matchId: string; matchDate: string; matchDescription: string }>(
    `SELECT n.id, n.date::text AS date, n.amount::text AS amount, n.description, o.id AS "matchId", o.date::text AS "matchDate",
            o.description AS "matchDescription"
       FROM "Transaction" n
       JOIN "Transaction" o ON o."tenantId" = n."tenantId" AND o.amount = n.amount AND o.date BETWEEN n.date - $3::int AND n.date + $3::int
      WHERE n."tenantId" = $1 AND n."statementId" = $2 AND n."duplicateOfId" IS NULL
        AND o."accountId" = $4 AND o."statementId" <> $2 AND o."duplicateOfId" IS NULL
        AND o.date BETWEEN $5::date - $3::int AND $6::date + $3::int
      LIMIT ${MAX_CANDIDATE_PAIRS}`,
    [input.tenantId, input.statementId, NEAR_DUPLICATE_MAX_DAYS, input.accountId, input.firstDate, input.lastDate],
  );
  const kept = pairs
    .map((p) => {
      // numeric(20,4) reads back as "-600.0000"; messages show the currency's own decimals.
      const amount = Money.of(Decimal.parse(p.amount), input.currency).amount;
      return {
        ...p,
        verdict: scoreNearDuplicate(
          { date: String(p.date), amount, description: p.description },
          { date: String(p.matchDate), amount, description: p.matchDescription },
        ),
      };
    })
    .filter((p) => p.verdict.score >= NEAR_DUPLICATE_THRESHOLD);
  if (kept.length === 0) return 0;
  await sql(
    `INSERT INTO "DuplicateCandidate" ("tenantId", id, "transactionId", "matchId", score, reason)
     SELECT $1::uuid, c.id, c.transaction_id, c.match_id, c.score, c.reason
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[]) AS c(id, transaction_id, match_id, score, reason)
     ON CONFLICT DO NOTHING`,
    [
      input.tenantId,
      kept.map(() => uuidv7()),
      kept.map((p) => p.id),
      kept.map((p) => p.matchId),
      kept.map((p) => p.verdict.score),
      kept.map((p) => p.verdict.reason),
    ],
  );
  return new Set(kept.map((p) => p.id)).size;
}

/**
 * Takes a statement's rows out of the ledger (undo, failure, re-run). Rows of other statements
 * that were set aside as duplicates of them are not lost with them: per removed row, the
 * earliest such duplicate takes its place in the ledger and the others now point at it.
 */
export async function removeStatementRows(tx: Tx | SqlClient, tenantId: string, statementId: string): Promise<{ removed: number; promoted: number }> {
  const sql = sqlRunner(tx);
  // Most calls find nothing (a first run, a file that failed): one index probe, not six statements.
  const [any] = await sql<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Transaction" WHERE "tenantId" = $1 AND "statementId" = $2) AS any`, [
    tenantId,
    statementId,
  ]);
  if (!any?.any) return { removed: 0, promoted: 0 };
  const heirs = `heirs_${randomBytes(6).toString("hex")}`;
  await sql(
    `CREATE TEMP TABLE ${heirs} ON COMMIT DROP AS
       SELECT DISTINCT ON (t."duplicateOfId") t.id, t."duplicateOfId" AS original, t."statementId" AS statement_id
         FROM "Transaction" g
         JOIN "Transaction" t ON t."tenantId" = g."tenantId" AND t."duplicateOfId" = g.id
        WHERE g."tenantId" = $1 AND g."statementId" = $2 AND t."statementId" <> $2
        ORDER BY t."duplicateOfId", t."createdAt", t.id`,
    [tenantId, statementId],
  );
  await sql(
    `UPDATE "Transaction" t SET "duplicateOfId" = h.id FROM ${heirs} h
      WHERE t."tenantId" = $1 AND t."duplicateOfId" = h.original AND t.id <> h.id`,
    [tenantId],
  );
  const [removed] = await sql<{ n: string }>(
    `WITH d AS (DELETE FROM "Transaction" WHERE "tenantId" = $1 AND "statementId" = $2 RETURNING 1) SELECT count(*)::text AS n FROM d`,
    [tenantId, statementId],
  );
  const [promoted] = await sql<{ n: string }>(
    `WITH p AS (
       UPDATE "Transaction" t SET "duplicateOfId" = NULL,
              status = CASE WHEN s.status = 'needs_review' THEN 'review'::"TransactionStatus" ELSE 'posted'::"TransactionStatus" END
         FROM ${heirs} h, "Statement" s
        WHERE t."tenantId" = $1 AND t.id = h.id AND s."tenantId" = t."tenantId" AND s.id = t."statementId"
       RETURNING 1)
     SELECT count(*)::text AS n FROM p`,
    [tenantId],
  );
  await sql(
    `UPDATE "Statement" s SET "duplicateCount" = (SELECT count(*) FROM "Transaction" t
                                                   WHERE t."tenantId" = s."tenantId" AND t."statementId" = s.id AND t."duplicateOfId" IS NOT NULL)
      WHERE s."tenantId" = $1 AND s.id IN (SELECT statement_id FROM ${heirs})`,
    [tenantId],
  );
  await sql(`DROP TABLE ${heirs}`);
  return { removed: Number(removed!.n), promoted: Number(promoted!.n) };
}

/** Re-checks how the account's statements follow on from each other; records each one's issue. */
export async function updateChain(tx: Tx | SqlClient, tenantId: string, accountId: string): Promise<void> {
  const sql = sqlRunner(tx);
  const statements = await sql<{
    id: string;
    fileName: string;
    periodStart: string;
    periodEnd: string;
    openingBalance: string | null;
    closingBalance: string | null;
    chainIssue: string | null;
    currency: string;
  }>(
    `SELECT id, "fileName", "periodStart"::text AS "periodStart", "periodEnd"::text AS "periodEnd", "openingBalance"::text AS "openingBalance",
            "closingBalance"::text AS "closingBalance", "chainIssue", currency
       FROM "Statement"
      WHERE "tenantId" = $1 AND "accountId" = $2 AND status IN ('posted', 'needs_review')
        AND "periodStart" IS NOT NULL AND "periodEnd" IS NOT NULL`,
    [tenantId, accountId],
  );
  // numeric(20,4) reads back as "120.0000"; messages show the currency's own decimals.
  const amount = (v: string | null, currency: string) => (v === null ? undefined : Money.of(Decimal.parse(v), currency).amount);
  const issues = checkStatementChain(
    statements.map((s) => ({
      id: s.id,
      fileName: s.fileName,
      periodStart: String(s.periodStart),
      periodEnd: String(s.periodEnd),
      openingBalance: amount(s.openingBalance, s.currency),
      closingBalance: amount(s.closingBalance, s.currency),
    })),
  );
  const changed = statements.filter((s) => (issues.get(s.id) ?? null) !== s.chainIssue);
  if (changed.length === 0) return;
  // By key, not joined with the list: an import runs this with nested loops off (post), and a
  // join would then hash every statement of the tenant.
  await sql(
    `UPDATE "Statement" s SET "chainIssue" = (SELECT c.issue FROM unnest($2::uuid[], $3::text[]) AS c(id, issue) WHERE c.id = s.id)
      WHERE s."tenantId" = $1 AND s.id = ANY ($2::uuid[])`,
    [tenantId, changed.map((s) => s.id), changed.map((s) => issues.get(s.id) ?? null)],
  );
}

// ---------------------------------------------------------------------------------------
// Status

function progressReporter(tenantId: string, statementId: string, totalBytes: number) {
  let bytes = 0;
  let reported = 1;
  let writing: Promise<void> | undefined;
  // Reading is ~90% of the work of a large file; written at most every 2 s, never awaited
  // (the import's own transaction must not wait on its status line).
  const timer = setInterval(() => {
    const percent = Math.min(90, Math.max(1, Math.floor((bytes / Math.max(1, totalBytes)) * 90)));
    if (percent <= reported || writing) return;
    reported = percent;
    writing = setProgress(tenantId, statementId, { progress: percent })
      .catch(() => undefined)
      .finally(() => (writing = undefined));
  }, 2_000);
  timer.unref();
  return {
    bytes: (n: number) => (bytes += n),
    stage: (_name: "posting") => {
      bytes = totalBytes;
    },
    stop: () => clearInterval(timer),
  };
}

async function setProgress(tenantId: string, statementId: string, data: { progress: number }): Promise<void> {
  await withTenant(tenantId, (tx) => tx.statement.update({ where: { tenantId_id: { tenantId, id: statementId } }, data }));
}

/** Marks the statement failed with a reason; removes any rows an earlier run had posted. */
export async function fail(tenantId: string, statementId: string, format: string | null, reason: string): Promise<"failed"> {
  await withTenant(tenantId, async (tx) => {
    await removeStatementRows(tx, tenantId, statementId);
    await tx.statement.update({
      where: { tenantId_id: { tenantId, id: statementId } },
      data: { status: "failed", progress: 100, error: reason, rowCount: 0, duplicateCount: 0, format, processedAt: new Date() },
    });
    await audit(tx, { tenantId, actorId: null, action: "statement.failed", entityType: "statement", entityId: statementId, after: { reason } });
  });
  return "failed";
}
