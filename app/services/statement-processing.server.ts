/**
 * Turning a stored statement into ledger rows (the worker's job).
 *
 * Idempotent: the rows of a statement are replaced (delete + insert) in one transaction,
 * keyed by (statement, source row), so a retried or repeated job never duplicates rows.
 * All-or-nothing: a file that cannot be read leaves no rows at all and says why.
 */
import { proveBalances } from "../domain/balance.ts";
import { AppError } from "../domain/errors.ts";
import { uuidv7 } from "../domain/ids.ts";
import { Money } from "../domain/money.ts";
import { parseStatementFile } from "../domain/parse.ts";
import type { ParsedStatement } from "../domain/statement.ts";
import { audit } from "./audit.server.ts";
import { dataKeyVersion, decryptBlob } from "./crypto.server.ts";
import { dateOnly, withTenant, type Tx } from "./db.server.ts";
import { objectAad } from "./statements.server.ts";
import { getObject } from "./storage.server.ts";

export type ProcessOutcome = "posted" | "needs_review" | "failed" | "skipped";

const TERMINAL = new Set(["posted", "needs_review", "failed"]);

export async function processStatement(
  job: { tenantId: string; statementId: string },
  options: { force?: boolean } = {},
): Promise<ProcessOutcome> {
  const { tenantId, statementId } = job;
  const key = { tenantId_id: { tenantId, id: statementId } };
  const statement = await withTenant(tenantId, (tx) => tx.statement.findUnique({ where: key, include: { account: true } }));
  if (!statement) throw new Error(`statement ${statementId} of tenant ${tenantId} does not exist`);
  // A job delivered again after it finished changes nothing (unless a re-run is asked for).
  if (TERMINAL.has(statement.status) && !options.force) return "skipped";

  await setProgress(tenantId, statementId, { status: "parsing", progress: 5, error: null });

  const plaintext = await withTenant(tenantId, (tx) => dataKeyVersion(tx, tenantId, statement.keyVersion)).then(async (dataKey) =>
    decryptBlob(dataKey, await getObject(statement.storageKey), objectAad(tenantId, statement.storageKey)),
  );
  await setProgress(tenantId, statementId, { progress: 30 });

  const outcome = await parseStatementFile(plaintext);
  if (!outcome.ok) {
    return fail(tenantId, statementId, outcome.format ?? null, `${statement.fileName}: ${outcome.error}`);
  }
  const parsed = outcome.statement;
  const currency = statement.account.currency;
  let rows;
  try {
    rows = toLedgerRows(parsed, currency);
  } catch (error) {
    if (error instanceof AppError) return fail(tenantId, statementId, parsed.format, `${statement.fileName}: ${error.message}`);
    throw error;
  }
  await setProgress(tenantId, statementId, { progress: 60 });

  const proof = proveBalances(parsed.rows, parsed.openingBalance, parsed.closingBalance);
  const warnings = [...parsed.warnings];
  if (proof.status === "unprovable") warnings.push(proof.reason);
  const status = proof.status === "broken" ? "needs_review" : "posted";
  const dates = parsed.rows.map((r) => r.date).sort();
  const opening = proof.status === "proven" ? proof.opening : parsed.openingBalance;
  const closing = proof.status === "proven" ? proof.closing : parsed.closingBalance;

  await withTenant(
    tenantId,
    async (tx) => {
      await tx.transaction.deleteMany({ where: { tenantId, statementId } });
      await insertRows(tx, { tenantId, accountId: statement.accountId, statementId, currency, status: status === "posted" ? "posted" : "review" }, rows);
      await tx.statement.update({
        where: key,
        data: {
          status,
          progress: 100,
          format: parsed.format,
          rowCount: rows.length,
          error: proof.status === "broken" ? proof.message : null,
          warnings,
          periodStart: dates.length ? dateOnly(dates[0]!) : null,
          periodEnd: dates.length ? dateOnly(dates[dates.length - 1]!) : null,
          openingBalance: opening ? Money.of(opening, currency).toDecimalString() : null,
          closingBalance: closing ? Money.of(closing, currency).toDecimalString() : null,
          processedAt: new Date(),
        },
      });
      await audit(tx, {
        tenantId,
        actorId: null,
        action: status === "posted" ? "ledger.post" : "ledger.hold_for_review",
        entityType: "statement",
        entityId: statementId,
        after: { rows: rows.length, status, proof: proof.status, opening: opening?.toString() ?? null, closing: closing?.toString() ?? null },
      });
    },
    { timeout: 300_000 },
  );
  return status;
}

// Rows go in as columns of arrays, one INSERT per chunk: an order of magnitude faster than
// row-by-row ORM inserts, and still one transaction.
const INSERT_CHUNK = 10_000;

async function insertRows(
  tx: Tx,
  target: { tenantId: string; accountId: string; statementId: string; currency: string; status: "posted" | "review" },
  rows: LedgerRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await tx.$executeRaw`
      INSERT INTO "Transaction" ("tenantId", id, "accountId", "statementId", "sourceRow", date, amount, currency, description, balance, status)
      SELECT ${target.tenantId}::uuid, r.id, ${target.accountId}::uuid, ${target.statementId}::uuid, r.source_row, r.date, r.amount,
             ${target.currency}, r.description, r.balance, ${target.status}::"TransactionStatus"
        FROM unnest(${chunk.map(() => uuidv7())}::uuid[], ${chunk.map((r) => r.sourceRow)}::int[], ${chunk.map((r) => r.date)}::date[],
                    ${chunk.map((r) => r.amount.toDecimalString())}::numeric[], ${chunk.map((r) => r.description)}::text[],
                    ${chunk.map((r) => r.balance?.toDecimalString() ?? null)}::numeric[])
             AS r(id, source_row, date, amount, description, balance)`;
  }
}

interface LedgerRow {
  sourceRow: number;
  date: string;
  amount: Money;
  balance?: Money;
  description: string;
}

/** Parsed rows in the account's currency; an amount finer than the currency fails the file. */
function toLedgerRows(parsed: ParsedStatement, currency: string): LedgerRow[] {
  if (parsed.currency && parsed.currency !== currency) {
    throw new AppError("validation_failed", `the statement is in ${parsed.currency} but the account is in ${currency}.`);
  }
  return parsed.rows.map((r) => {
    try {
      return {
        sourceRow: r.sourceRow,
        date: r.date,
        amount: Money.of(r.amount, currency),
        balance: r.balance ? Money.of(r.balance, currency) : undefined,
        description: r.description.slice(0, 1000),
      };
    } catch (error) {
      throw new AppError("validation_failed", `row ${r.sourceRow}: ${(error as Error).message} for ${currency}.`);
    }
  });
}

async function setProgress(
  tenantId: string,
  statementId: string,
  data: { status?: "parsing"; progress: number; error?: null },
): Promise<void> {
  await withTenant(tenantId, (tx) => tx.statement.update({ where: { tenantId_id: { tenantId, id: statementId } }, data }));
}

/** Marks the statement failed with a reason; removes any rows an earlier run had posted. */
export async function fail(tenantId: string, statementId: string, format: string | null, reason: string): Promise<"failed"> {
  await withTenant(tenantId, async (tx) => {
    await tx.transaction.deleteMany({ where: { tenantId, statementId } });
    await tx.statement.update({
      where: { tenantId_id: { tenantId, id: statementId } },
      data: { status: "failed", progress: 100, error: reason, rowCount: 0, format, processedAt: new Date() },
    });
    await audit(tx, { tenantId, actorId: null, action: "statement.failed", entityType: "statement", entityId: statementId, after: { reason } });
  });
  return "failed";
}
