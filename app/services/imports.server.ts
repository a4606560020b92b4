/**
 * What a user does with an import after it ran: undo it as a unit, and decide about rows that
 * look like rows already in the ledger. Every decision is audited in the same transaction.
 */
import { AppError } from "../domain/errors.ts";
import { audit } from "./audit.server.ts";
import { actorOf } from "./auth.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { isoDate, moneyFromDb, sqlRunner, withTenant } from "./db.server.ts";
import { removeStatementRows, updateChain } from "./statement-processing.server.ts";
import { getStatement, type StatementView } from "./statements.server.ts";

type Who = Pick<AuthContext, "tenantId" | "user" | "client">;

/**
 * Takes a statement's rows out of the ledger. The statement and its file stay (status
 * `undone`), so the same file can be uploaded — or the statement re-processed — again.
 */
export async function undoStatement(who: Who, statementId: string, reason: string): Promise<StatementView> {
  const { tenantId } = who;
  await withTenant(
    tenantId,
    async (tx) => {
      const sql = sqlRunner(tx);
      // Locked: an undo racing a re-run or another undo sees the other's result.
      const [statement] = await sql<{ status: string; fileName: string; accountId: string; currency: string }>(
        `SELECT status::text AS status, "fileName", "accountId", currency FROM "Statement" WHERE "tenantId" = $1 AND id = $2 FOR UPDATE`,
        [tenantId, statementId],
      );
      if (!statement) throw new AppError("not_found", `No statement ${statementId} in this organisation.`);
      if (statement.status !== "posted" && statement.status !== "needs_review") {
        throw new AppError("conflict", `"${statement.fileName}" is ${statement.status.replace("_", " ")}: only a posted or held import can be undone.`);
      }
      const [totals] = await sql<{ rows: string; sum: string | null }>(
        `SELECT count(*)::text AS rows, sum(amount) FILTER (WHERE status = 'posted')::text AS sum
           FROM "Transaction" WHERE "tenantId" = $1 AND "statementId" = $2`,
        [tenantId, statementId],
      );
      const { removed, promoted } = await removeStatementRows(tx, tenantId, statementId);
      await tx.statement.update({
        where: { tenantId_id: { tenantId, id: statementId } },
        data: { status: "undone", undoneAt: new Date(), undoneById: who.user.id, duplicateCount: 0, chainIssue: null },
      });
      await updateChain(tx, tenantId, statement.accountId);
      await audit(tx, {
        tenantId,
        ...actorOf(who),
        action: "ledger.undo",
        entityType: "statement",
        entityId: statementId,
        before: { status: statement.status, rows: Number(totals!.rows), postedTotal: totals!.sum ?? "0" },
        after: { status: "undone", removed, promotedDuplicates: promoted, reason },
        ...who.client,
      });
    },
    { timeout: 300_000 },
  );
  return getStatement(who, statementId);
}

export interface DuplicateCandidateView {
  id: string;
  score: number;
  reason: string;
  status: string;
  row: CandidateRow;
  match: CandidateRow & { fileName: string };
}
interface CandidateRow {
  id: string;
  date: string;
  amount: string;
  description: string;
  sourceRow: number;
}

/** Open near-duplicates of a statement's rows (or of all statements), strongest first. */
export async function listDuplicateCandidates(
  auth: Pick<AuthContext, "tenantId">,
  filter: { statementId?: string; status?: "open" | "dismissed" | "confirmed" } = {},
): Promise<DuplicateCandidateView[]> {
  const { tenantId } = auth;
  const { rows, fileNames } = await withTenant(tenantId, async (tx) => {
    const rows = await tx.duplicateCandidate.findMany({
      where: { tenantId, status: filter.status ?? "open", ...(filter.statementId ? { transaction: { statementId: filter.statementId } } : {}) },
      include: { transaction: true, match: true },
      orderBy: [{ score: "desc" }, { createdAt: "asc" }],
      take: 500,
    });
    const statementIds = [...new Set(rows.map((c) => c.match.statementId))];
    const statements = await tx.statement.findMany({ where: { tenantId, id: { in: statementIds } }, select: { id: true, fileName: true } });
    return { rows, fileNames: new Map(statements.map((s) => [s.id, s.fileName])) };
  });
  const view = (t: (typeof rows)[number]["transaction"]): CandidateRow => ({
    id: t.id,
    date: isoDate(t.date),
    amount: moneyFromDb(t.amount, t.currency).toDecimalString(),
    description: t.description,
    sourceRow: t.sourceRow,
  });
  return rows.map((c) => ({
    id: c.id,
    score: c.score,
    reason: c.reason,
    status: c.status,
    row: view(c.transaction),
    match: { ...view(c.match), fileName: fileNames.get(c.match.statementId) ?? "" },
  }));
}

/**
 * Takes a decision on a near-duplicate back (the review grid's undo): the candidate is open
 * again and, if it had been confirmed, the row counts again — posted, or `review` when its
 * statement still needs review — unless the row's period is locked or it is reconciled (the
 * database refuses: 423). Audited `duplicate.reopen`.
 */
export async function reopenDuplicateCandidate(who: Who, candidateId: string): Promise<void> {
  const { tenantId } = who;
  await withTenant(tenantId, async (tx) => {
    const candidate = await tx.duplicateCandidate.findUnique({ where: { tenantId_id: { tenantId, id: candidateId } }, include: { transaction: true } });
    if (!candidate) throw new AppError("not_found", `No duplicate candidate ${candidateId} in this organisation.`);
    if (candidate.status === "open") throw new AppError("conflict", "This candidate is still open: there is no decision to take back.");
    if (candidate.status === "confirmed") {
      const statement = await tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: candidate.transaction.statementId } } });
      await tx.transaction.update({
        where: { tenantId_id: { tenantId, id: candidate.transactionId } },
        data: { status: statement.status === "needs_review" ? "review" : "posted", duplicateOfId: null },
      });
      await tx.$executeRaw`UPDATE "Statement" SET "duplicateCount" = greatest("duplicateCount" - 1, 0)
                            WHERE "tenantId" = ${tenantId}::uuid AND id = ${candidate.transaction.statementId}::uuid`;
    }
    await tx.duplicateCandidate.update({ where: { tenantId_id: { tenantId, id: candidateId } }, data: { status: "open", resolvedAt: null, resolvedById: null } });
    await audit(tx, {
      tenantId, ...actorOf(who), action: "duplicate.reopen", entityType: "transaction", entityId: candidate.transactionId,
      before: { decision: candidate.status }, after: { decision: "open", matchId: candidate.matchId }, ...who.client,
    });
  });
}

/**
 * A person's decision on a near-duplicate. "confirmed": the newer row is set aside as a
 * duplicate of the ledger row (not counted); "dismissed": both rows stay. Either way audited.
 */
export async function resolveDuplicateCandidate(who: Who, candidateId: string, decision: "confirmed" | "dismissed"): Promise<void> {
  const { tenantId } = who;
  await withTenant(tenantId, async (tx) => {
    const candidate = await tx.duplicateCandidate.findUnique({
      where: { tenantId_id: { tenantId, id: candidateId } },
      include: { transaction: true, match: true },
    });
    if (!candidate) throw new AppError("not_found", `No duplicate candidate ${candidateId} in this organisation.`);
    if (candidate.status !== "open") throw new AppError("conflict", `This candidate was already ${candidate.status}.`);
    if (decision === "confirmed") {
      if (candidate.match.duplicateOfId !== null) {
        throw new AppError("conflict", "The matching row is itself set aside as a duplicate; resolve that first.");
      }
      await tx.transaction.update({
        where: { tenantId_id: { tenantId, id: candidate.transactionId } },
        data: { status: "duplicate", duplicateOfId: candidate.matchId },
      });
      // The other open candidates of this row are moot once it is a duplicate.
      await tx.duplicateCandidate.updateMany({
        where: { tenantId, transactionId: candidate.transactionId, status: "open", id: { not: candidateId } },
        data: { status: "dismissed", resolvedAt: new Date(), resolvedById: who.user.id },
      });
      await tx.$executeRaw`UPDATE "Statement" SET "duplicateCount" = "duplicateCount" + 1
                            WHERE "tenantId" = ${tenantId}::uuid AND id = ${candidate.transaction.statementId}::uuid`;
    }
    await tx.duplicateCandidate.update({
      where: { tenantId_id: { tenantId, id: candidateId } },
      data: { status: decision, resolvedAt: new Date(), resolvedById: who.user.id },
    });
    await audit(tx, {
      tenantId,
      ...actorOf(who),
      action: decision === "confirmed" ? "ledger.mark_duplicate" : "duplicate.dismiss",
      entityType: "transaction",
      entityId: candidate.transactionId,
      before: { status: candidate.transaction.status },
      after: { decision, matchId: candidate.matchId, score: candidate.score, reason: candidate.reason },
      ...who.client,
    });
  });
}
