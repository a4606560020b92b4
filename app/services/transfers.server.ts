/**
 * Transfers between the tenant's own accounts. After a statement posts, its rows are matched
 * against the other accounts' rows (opposite amount, same currency, within a few days): the
 * database finds the candidates, the domain (app/domain/transfers.ts) picks the pairs — each
 * row in at most one, closest dates first, never a pair a person rejected. Pairs start
 * `proposed`; a person confirms (both rows become Transfers, out of in/out totals) or rejects.
 */
import { z } from "zod";
import { TRANSFERS } from "../domain/chart.ts";
import { AppError } from "../domain/errors.ts";
import { uuidv7 } from "../domain/ids.ts";
import { Decimal } from "../domain/money.ts";
import { DEFAULT_TRANSFER_MAX_DAYS, proposeTransfers, transferPairKey, type TransferCandidateRow } from "../domain/transfers.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { isoDate, moneyFromDb, sqlRunner, withTenant, type SqlClient, type Tx } from "./db.server.ts";

/**
 * SQL, true when another account in the currency has posted rows within reach of the dates:
 * otherwise a statement's rows have nothing to pair with (most imports), and
 * proposeStatementTransfers need not run. A condition over the caller's placeholders, so an
 * import asks it in a query it sends anyway (statement-processing.server.ts: post).
 */
export function transferPartnersNear(p: { tenantId: string; accountId: string; currency: string; firstDate: string; lastDate: string }): string {
  // LATERAL … LIMIT 1: a probe of each account's index range (as a semi-join the planner,
  // knowing nothing of rows just COPYed, merged over all of this statement's rows instead).
  return `EXISTS (
       SELECT 1 FROM "BankAccount" a
        CROSS JOIN LATERAL (SELECT 1 FROM "Transaction" t
                             WHERE t."tenantId" = ${p.tenantId}::uuid AND t."accountId" = a.id
                               AND t.date BETWEEN ${p.firstDate}::date - ${DEFAULT_TRANSFER_MAX_DAYS} AND ${p.lastDate}::date + ${DEFAULT_TRANSFER_MAX_DAYS}
                               AND t.currency = ${p.currency} AND t.status = 'posted' AND t."duplicateOfId" IS NULL
                             LIMIT 1) hit
        WHERE a."tenantId" = ${p.tenantId}::uuid AND a.id <> ${p.accountId}::uuid AND a.currency = ${p.currency})`;
}

/**
 * Proposes pairs for the statement's rows; returns how many new ones. The rows were just
 * COPYed: run it with the planner set for fresh rows (FRESH_ROWS_PLANNER), when
 * transferPartnersNear holds.
 */
export async function proposeStatementTransfers(
  client: Tx | SqlClient,
  input: { tenantId: string; statementId: string; accountId: string; currency: string; firstDate: string; lastDate: string },
): Promise<number> {
  const { tenantId, statementId, accountId, currency, firstDate, lastDate } = input;
  const sql = sqlRunner(client);
  const maxDays = DEFAULT_TRANSFER_MAX_DAYS;
  // This statement's rows, and the other accounts' rows in the window (each found through its
  // own index), joined by hash on the opposite amount. Only rows counted in the ledger, not
  // categorized by a person, and not already in a live pair.
  const candidates = await sql<{ mine: string; mine_date: string; amount: string; other: string; other_account: string; other_date: string }>(
    `WITH mine AS MATERIALIZED (
       SELECT t.id, t.date, t.amount FROM "Transaction" t
        WHERE t."tenantId" = $1::uuid AND t."statementId" = $2::uuid AND t.status = 'posted' AND t."duplicateOfId" IS NULL
          AND t."categorySource" IS DISTINCT FROM 'manual' AND t.amount <> 0
     ), others AS MATERIALIZED (
       SELECT t.id, t."accountId", t.date, t.amount FROM "Transaction" t
        WHERE t."tenantId" = $1::uuid AND t."accountId" <> $3::uuid AND t.currency = $4
          AND t.date BETWEEN $5::date - $7::int AND $6::date + $7::int
          AND t.status = 'posted' AND t."duplicateOfId" IS NULL AND t."categorySource" IS DISTINCT FROM 'manual' AND t.amount <> 0
          -- Only amounts this statement has the opposite of: the join below sorts or hashes
          -- those few, not every row of the other accounts in the window.
          AND t.amount IN (SELECT -m.amount FROM mine m)
     ), paired AS (
       SELECT m.id AS mine_id, m.date AS mine_date, m.amount, o.id AS other_id, o."accountId" AS other_account, o.date AS other_date
         FROM mine m JOIN others o ON o.amount = -m.amount
        WHERE o.date BETWEEN m.date - $7::int AND m.date + $7::int
        LIMIT 50000 -- many rows of one round amount: enough candidates, bounded memory
     )
     SELECT p.mine_id::text AS mine, p.mine_date::text AS mine_date, p.amount::text AS amount,
            p.other_id::text AS other, p.other_account::text AS other_account, p.other_date::text AS other_date
       FROM paired p
      WHERE NOT EXISTS (SELECT 1 FROM "TransferPair" x WHERE x."tenantId" = $1::uuid AND x.status <> 'rejected'
                          AND (x."outgoingId" IN (p.mine_id, p.other_id) OR x."incomingId" IN (p.mine_id, p.other_id)))`,
    [tenantId, statementId, accountId, currency, firstDate, lastDate, maxDays],
  );
  if (candidates.length === 0) return 0;
  const rows = new Map<string, TransferCandidateRow>();
  for (const c of candidates) {
    const amount = Decimal.parse(c.amount);
    rows.set(c.mine, { id: c.mine, accountId, date: c.mine_date, amount, currency });
    rows.set(c.other, { id: c.other, accountId: c.other_account, date: c.other_date, amount: amount.neg(), currency });
  }
  const rejected = await sql<{ outgoing: string; incoming: string }>(
    `SELECT "outgoingId"::text AS outgoing, "incomingId"::text AS incoming FROM "TransferPair"
      WHERE "tenantId" = $1::uuid AND status = 'rejected' AND ("outgoingId" = ANY($2::uuid[]) OR "incomingId" = ANY($2::uuid[]))`,
    [tenantId, [...rows.keys()]],
  );
  const mine = new Set(candidates.map((c) => c.mine));
  const pairs = proposeTransfers([...rows.values()], { maxDays, rejected: new Set(rejected.map((r) => transferPairKey(r.outgoing, r.incoming))) })
    // Two other accounts' rows may pair with each other too: that is their statements' business.
    .filter((p) => mine.has(p.outgoingId) || mine.has(p.incomingId));
  if (pairs.length === 0) return 0;
  const inserted = await sql<{ n: number }>(
    `WITH ins AS (
       INSERT INTO "TransferPair" ("tenantId", id, "outgoingId", "incomingId", status)
       SELECT $1::uuid, id, o, i, 'proposed' FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS u(id, o, i)
       ON CONFLICT DO NOTHING RETURNING 1
     ) SELECT count(*)::int AS n FROM ins`,
    [tenantId, pairs.map(() => uuidv7()), pairs.map((p) => p.outgoingId), pairs.map((p) => p.incomingId)],
  );
  return inserted[0]!.n;
}

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

export interface TransferPairView {
  id: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  outgoing: TransferRowView;
  incoming: TransferRowView;
}

interface TransferRowView {
  id: string;
  accountId: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
}

export const transferListQuery = z.object({ status: z.enum(["proposed", "confirmed", "rejected"]).default("proposed") });

/** Pairs by status (proposed by default), newest first, each with both rows. */
export async function listTransferPairs(who: Pick<AuthContext, "tenantId">, query: unknown): Promise<{ items: TransferPairView[] }> {
  const { status } = transferListQuery.parse(query ?? {});
  return withTenant(who.tenantId, async (tx) => {
    const pairs = await tx.transferPair.findMany({ where: { tenantId: who.tenantId, status }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
    const rows = await tx.transaction.findMany({ where: { tenantId: who.tenantId, id: { in: pairs.flatMap((p) => [p.outgoingId, p.incomingId]) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const view = (id: string): TransferRowView => {
      const r = byId.get(id)!;
      return { id, accountId: r.accountId, date: isoDate(r.date), amount: moneyFromDb(r.amount, r.currency).toDecimalString(), currency: r.currency, description: r.description };
    };
    return {
      items: pairs
        .filter((p) => byId.has(p.outgoingId) && byId.has(p.incomingId))
        .map((p) => ({ id: p.id, status: p.status, createdAt: p.createdAt.toISOString(), decidedAt: p.decidedAt?.toISOString() ?? null, outgoing: view(p.outgoingId), incoming: view(p.incomingId) })),
    };
  });
}

export const transferDecision = z.object({ decision: z.enum(["confirm", "reject"], { errorMap: () => ({ message: "Say confirm or reject" }) }) });

/**
 * A person decides a proposed pair. Confirmed: both rows become Transfers (categorySource
 * 'transfer', out of in/out totals, never changed by rules). Rejected: remembered, never
 * proposed again. Locked periods and reconciled rows refuse (the database, 423).
 */
export async function decideTransfer(who: Who, pairId: string, input: unknown): Promise<TransferPairView> {
  const { decision } = transferDecision.parse(input);
  await withTenant(who.tenantId, async (tx) => {
    const pair = await tx.transferPair.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: pairId } } });
    if (!pair) throw new AppError("not_found", "No such transfer pair.");
    await sqlRunner(tx)(`SELECT 1 AS locked FROM "TransferPair" WHERE "tenantId" = $1::uuid AND id = $2::uuid FOR UPDATE`, [who.tenantId, pairId]);
    const current = await tx.transferPair.findUniqueOrThrow({ where: { tenantId_id: { tenantId: who.tenantId, id: pairId } } });
    if (current.status !== "proposed") throw new AppError("conflict", `This pair was already ${current.status}.`);
    const now = new Date();
    await tx.transferPair.update({
      where: { tenantId_id: { tenantId: who.tenantId, id: pairId } },
      data: { status: decision === "confirm" ? "confirmed" : "rejected", decidedAt: now, decidedById: who.apiKey ? null : who.user.id },
    });
    if (decision === "confirm") {
      const transfers = await tx.category.findUnique({ where: { tenantId_name: { tenantId: who.tenantId, name: TRANSFERS } } });
      if (!transfers) throw new AppError("conflict", `The organisation has no "${TRANSFERS}" category (it was renamed?); restore it first.`);
      await tx.transaction.updateMany({
        where: { tenantId: who.tenantId, id: { in: [pair.outgoingId, pair.incomingId] } },
        data: { categoryId: transfers.id, categorySource: "transfer", categoryConfidence: null, version: { increment: 1 } },
      });
    }
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: decision === "confirm" ? "transfer.confirm" : "transfer.reject",
      entityType: "transfer_pair", entityId: pairId, after: { outgoingId: pair.outgoingId, incomingId: pair.incomingId }, ...who.client,
    });
  });
  const status = decision === "confirm" ? "confirmed" : "rejected";
  const { items } = await listTransferPairs(who, { status });
  const found = items.find((p) => p.id === pairId);
  if (!found) throw new AppError("not_found", "No such transfer pair.");
  return found;
}
