/**
 * Statement uploads, from the web side: check, encrypt, store, record, queue.
 * Order matters: the object is stored first, then the Statement row (status `queued`) is
 * committed, then the job is added. A lost job is recovered from the row (see
 * `recoverIfStranded`); a row never points at a missing object.
 */
import { createHash, randomUUID } from "node:crypto";
import { AppError } from "../domain/errors.ts";
import { sniffFormat } from "../domain/sniff.ts";
import { audit } from "./audit.server.ts";
import { actorOf } from "./auth.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { config } from "./config.server.ts";
import { currentDataKey, encryptBlob, encryptStream, sha256Hex } from "./crypto.server.ts";
import { isoDate, moneyFromDb, withTenant, type Tx } from "./db.server.ts";
import { enqueueStatement, statementQueue } from "./queue.server.ts";
import { deleteObject, putObject, putObjectStream } from "./storage.server.ts";
import { megabytes } from "../domain/sizes.ts";

export interface UploadInput {
  accountId: string;
  fileName: string;
  bytes: Uint8Array;
}

/** Who uploads: a signed-in user, or the demo seed acting as one. */
export type Uploader = Pick<AuthContext, "tenantId" | "user" | "client">;

/** The object's associated data: an encrypted object only opens under its own key name. */
export function objectAad(tenantId: string, storageKey: string): string {
  return `cashline-object:${tenantId}:${storageKey}`;
}

export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters out; length bounded. The name is only ever displayed, never a path.
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return clean || "statement";
}

export async function uploadStatement(who: Uploader, input: UploadInput): Promise<{ id: string; status: string }> {
  const fileName = sanitizeFileName(input.fileName);
  if (input.bytes.byteLength === 0) throw new AppError("bad_request", `${fileName}: the file is empty.`);
  if (input.bytes.byteLength > config().uploadMaxBytes) throw tooLarge(fileName);
  const sniffed = sniffFormat(input.bytes);
  if (sniffed.format === "unknown") throw new AppError("unsupported_file", `${fileName}: ${sniffed.reason}`);
  if (sniffed.format !== "csv" && input.bytes.byteLength > config().uploadMaxWholeBytes) throw tooLargeToParseWhole(fileName, sniffed.format);

  const sha256 = sha256Hex(input.bytes);
  const { account, key } = await withTenant(who.tenantId, async (tx) => {
    const account = await findAccount(tx, who.tenantId, input.accountId);
    await refuseDuplicateFile(tx, who.tenantId, account, sha256, fileName);
    return { account, key: await currentDataKey(tx, who.tenantId) };
  });

  // Generated, never derived from the user's file name.
  const storageKey = `tenants/${who.tenantId}/statements/${randomUUID()}`;
  await putObject(storageKey, await encryptBlob(key, input.bytes, objectAad(who.tenantId, storageKey)));
  return recordAndQueue(who, { account, fileName, fileSize: input.bytes.byteLength, sha256, storageKey, keyVersion: key.version, format: sniffed.format });
}

/**
 * The same, for a file of any size arriving as a stream (the upload API, a multi-gigabyte
 * export, the ingest benchmark): hashed and encrypted as it streams to the store, never held
 * in memory. Limits apply while it streams: UPLOAD_MAX_BYTES for any file, and the lower
 * UPLOAD_MAX_WHOLE_BYTES once the first bytes show a format the worker parses whole (PDF, OFX,
 * QIF, CAMT — only CSV streams through the worker). The duplicate-file check can only run once
 * the hash is known, so a duplicate is stored and then removed again.
 */
export async function uploadStatementStream(
  who: Uploader,
  input: { accountId: string; fileName: string; source: AsyncIterable<Uint8Array> },
): Promise<{ id: string; status: string }> {
  const fileName = sanitizeFileName(input.fileName);
  const { account, key } = await withTenant(who.tenantId, async (tx) => ({
    account: await findAccount(tx, who.tenantId, input.accountId),
    key: await currentDataKey(tx, who.tenantId),
  }));
  const hash = createHash("sha256");
  let fileSize = 0;
  let head = Buffer.alloc(0);
  let sniffed: ReturnType<typeof sniffFormat> | undefined;
  // Set when the stream is refused, so that error (not the store's report of an aborted
  // upload) is what the caller sees.
  let refused: AppError | undefined;
  const refuse = (error: AppError) => {
    refused = error;
    throw error;
  };
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input.source) {
      hash.update(chunk);
      fileSize += chunk.byteLength;
      if (fileSize > config().uploadMaxBytes) refuse(tooLarge(fileName));
      if (head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]).subarray(0, SNIFF_BYTES);
        if (head.length === SNIFF_BYTES) sniffed = sniffFormat(head);
      }
      if (sniffed && sniffed.format !== "csv" && sniffed.format !== "unknown" && fileSize > config().uploadMaxWholeBytes) {
        refuse(tooLargeToParseWhole(fileName, sniffed.format));
      }
      yield chunk;
    }
  }
  const storageKey = `tenants/${who.tenantId}/statements/${randomUUID()}`;
  try {
    await putObjectStream(storageKey, encryptStream(key, tapped(), objectAad(who.tenantId, storageKey)));
  } catch (error) {
    await deleteObject(storageKey).catch(() => undefined);
    throw refused ?? error;
  }
  try {
    if (fileSize === 0) throw new AppError("bad_request", `${fileName}: the file is empty.`);
    sniffed ??= sniffFormat(head);
    if (sniffed.format === "unknown") throw new AppError("unsupported_file", `${fileName}: ${sniffed.reason}`);
    const sha256 = hash.digest("hex");
    await withTenant(who.tenantId, (tx) => refuseDuplicateFile(tx, who.tenantId, account, sha256, fileName));
    return await recordAndQueue(who, { account, fileName, fileSize, sha256, storageKey, keyVersion: key.version, format: sniffed.format });
  } catch (error) {
    await deleteObject(storageKey).catch(() => undefined);
    throw error;
  }
}

const SNIFF_BYTES = 64 * 1024;

async function findAccount(tx: Tx, tenantId: string, accountId: string) {
  const account = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId, id: accountId } } });
  if (!account) throw new AppError("not_found", `No bank account ${accountId} in this organisation.`);
  return account;
}

async function refuseDuplicateFile(tx: Tx, tenantId: string, account: { id: string; name: string }, sha256: string, fileName: string): Promise<void> {
  const earlier = await tx.statement.findFirst({
    // A failed or undone import does not block uploading the same file again.
    where: { tenantId, accountId: account.id, sha256, status: { notIn: ["failed", "undone"] } },
    orderBy: { uploadedAt: "asc" },
  });
  if (earlier) {
    throw new AppError(
      "duplicate_file",
      `${fileName}: this exact file was already uploaded to ${account.name} on ${isoDate(earlier.uploadedAt)} ` +
        `(as "${earlier.fileName}", statement ${earlier.id}); it was not imported again.`,
      { statementId: earlier.id },
    );
  }
}

/** Records the stored file as a `queued` statement (audited), then queues it. */
async function recordAndQueue(
  who: Uploader,
  file: { account: { id: string; currency: string }; fileName: string; fileSize: number; sha256: string; storageKey: string; keyVersion: number; format: string },
): Promise<{ id: string; status: string }> {
  const { tenantId } = who;
  let statement;
  try {
    statement = await withTenant(tenantId, async (tx) => {
      const row = await tx.statement.create({
        data: {
          tenantId,
          accountId: file.account.id,
          fileName: file.fileName,
          fileSize: file.fileSize,
          sha256: file.sha256,
          storageKey: file.storageKey,
          keyVersion: file.keyVersion,
          format: file.format,
          currency: file.account.currency,
          uploadedById: who.user.id,
        },
      });
      await audit(tx, {
        tenantId,
        ...actorOf(who),
        action: "statement.upload",
        entityType: "statement",
        entityId: row.id,
        after: { fileName: file.fileName, fileSize: file.fileSize, sha256: file.sha256, accountId: file.account.id, format: file.format },
        ...who.client,
      });
      return row;
    });
  } catch (error) {
    await deleteObject(file.storageKey).catch(() => undefined);
    throw error;
  }

  try {
    await enqueueStatement({ tenantId, statementId: statement.id, storageKey: file.storageKey });
  } catch (error) {
    // The row is committed as `queued`; it is re-queued when its status is next read.
    console.error(`[cashline] could not queue statement ${statement.id}; it will be recovered:`, error);
  }
  return { id: statement.id, status: statement.status };
}

export function tooLarge(fileName: string): AppError {
  return new AppError("payload_too_large", `${fileName}: the file is larger than the ${megabytes(config().uploadMaxBytes)} upload limit.`);
}

function tooLargeToParseWhole(fileName: string, format: string): AppError {
  return new AppError(
    "payload_too_large",
    `${fileName}: ${format === "camt053" ? "CAMT.053" : format.toUpperCase()} statements are read whole, and this one is larger ` +
      `than the ${megabytes(config().uploadMaxWholeBytes)} limit for them (only CSV files may be larger).`,
  );
}


export interface StatementView {
  id: string;
  accountId: string;
  fileName: string;
  format: string | null;
  status: string;
  progress: number;
  rowCount: number;
  error: string | null;
  warnings: string[];
  uploadedAt: string;
  periodStart: string | null;
  periodEnd: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  currency: string;
  /** Rows already in the ledger from another statement: kept, explained, not posted again. */
  duplicateCount: number;
  pendingCount: number;
  skippedCount: number;
  /** How it fails to follow on from the account's previous statement, if it does. */
  chainIssue: string | null;
  confidence: string | null;
  explain: { step: string; decision: string; evidence?: string }[];
  undoneAt: string | null;
}

// A statement still `queued` this long after upload has probably lost its job (Redis restart).
const STRANDED_AFTER_MS = 60_000;

export async function getStatement(auth: Pick<AuthContext, "tenantId">, id: string): Promise<StatementView> {
  const row = await withTenant(auth.tenantId, (tx) =>
    tx.statement.findUnique({ where: { tenantId_id: { tenantId: auth.tenantId, id } } }),
  );
  if (!row) throw new AppError("not_found", `No statement ${id} in this organisation.`);
  await recoverIfStranded(row);
  return statementView(row);
}

export async function listStatements(auth: Pick<AuthContext, "tenantId">, options: { limit?: number } = {}): Promise<StatementView[]> {
  const rows = await withTenant(auth.tenantId, (tx) =>
    tx.statement.findMany({ where: { tenantId: auth.tenantId }, orderBy: { uploadedAt: "desc" }, take: options.limit ?? 50 }),
  );
  await Promise.all(rows.map(recoverIfStranded));
  return rows.map(statementView);
}

type StatementRow = Awaited<ReturnType<typeof loadStatementRow>>;
async function loadStatementRow(tenantId: string, id: string) {
  return withTenant(tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } }));
}

async function recoverIfStranded(row: NonNullable<StatementRow>): Promise<void> {
  // A re-queued statement (a confirmed mapping) counts from when it was re-queued.
  const queuedAt = (row.processedAt ?? row.uploadedAt).getTime();
  if (row.status !== "queued" || Date.now() - queuedAt < STRANDED_AFTER_MS) return;
  try {
    const job = await statementQueue().getJob(row.id);
    if (!job) await enqueueStatement({ tenantId: row.tenantId, statementId: row.id, storageKey: row.storageKey });
    // Its first job already finished, yet the row is queued again (a re-run whose job was lost).
    else if (await job.isCompleted() || (await job.isFailed())) {
      await enqueueStatement({ tenantId: row.tenantId, statementId: row.id, storageKey: row.storageKey }, { rerun: true });
    }
  } catch {
    // Redis still down: the row keeps showing `queued`; the next read tries again.
  }
}

function statementView(row: NonNullable<StatementRow>): StatementView {
  return {
    id: row.id,
    accountId: row.accountId,
    fileName: row.fileName,
    format: row.format,
    status: row.status,
    progress: row.progress,
    rowCount: row.rowCount,
    error: row.error,
    warnings: Array.isArray(row.warnings) ? (row.warnings as string[]) : [],
    uploadedAt: row.uploadedAt.toISOString(),
    periodStart: row.periodStart ? isoDate(row.periodStart) : null,
    periodEnd: row.periodEnd ? isoDate(row.periodEnd) : null,
    openingBalance: row.openingBalance ? moneyFromDb(row.openingBalance, row.currency).toDecimalString() : null,
    closingBalance: row.closingBalance ? moneyFromDb(row.closingBalance, row.currency).toDecimalString() : null,
    currency: row.currency,
    duplicateCount: row.duplicateCount,
    pendingCount: row.pendingCount,
    skippedCount: row.skippedCount,
    chainIssue: row.chainIssue,
    confidence: row.confidence,
    explain: Array.isArray(row.explain) ? (row.explain as StatementView["explain"]) : [],
    undoneAt: row.undoneAt ? row.undoneAt.toISOString() : null,
  };
}
