/** Reading the ledger: transactions and cash flow. */
import { z } from "zod";
import { monthlyCashflow, type CashflowMonth } from "../domain/cashflow.ts";
import { AppError } from "../domain/errors.ts";
import { Decimal } from "../domain/money.ts";
import type { AuthContext } from "./auth.server.ts";
import { dateOnly, decimalFromDb, isoDate, moneyFromDb, Prisma, withTenant } from "./db.server.ts";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31").refine((s) => !Number.isNaN(Date.parse(s)), "Not a real date");

export const transactionQuerySchema = z.object({
  accountId: z.string().uuid("Unknown account").optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type TransactionQuery = z.input<typeof transactionQuerySchema>;

export interface TransactionView {
  id: string;
  accountId: string;
  statementId: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
  balance: string | null;
  status: string;
}

// Rows are ordered newest first by (date, statement, source row) — unique, so a cursor
// over those three never skips or repeats a row.
interface Cursor {
  d: string;
  s: string;
  r: number;
}
const cursorSchema = z.object({ d: isoDay, s: z.string().uuid(), r: z.number().int() });

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}
function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new AppError("bad_request", "The page cursor is not valid; start from the first page.");
  }
}

export async function listTransactions(
  auth: Pick<AuthContext, "tenantId">,
  query: TransactionQuery,
): Promise<{ items: TransactionView[]; nextCursor: string | null }> {
  const q = transactionQuerySchema.parse(query);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const where: Prisma.TransactionWhereInput = {
    tenantId: auth.tenantId,
    ...(q.accountId ? { accountId: q.accountId } : {}),
    ...(q.from || q.to ? { date: { ...(q.from ? { gte: dateOnly(q.from) } : {}), ...(q.to ? { lte: dateOnly(q.to) } : {}) } } : {}),
    ...(q.q ? { description: { contains: q.q, mode: "insensitive" } } : {}),
    ...(after
      ? {
          OR: [
            { date: { lt: dateOnly(after.d) } },
            { date: dateOnly(after.d), statementId: { lt: after.s } },
            { date: dateOnly(after.d), statementId: after.s, sourceRow: { lt: after.r } },
          ],
        }
      : {}),
  };
  const rows = await withTenant(auth.tenantId, (tx) =>
    tx.transaction.findMany({
      where,
      orderBy: [{ date: "desc" }, { statementId: "desc" }, { sourceRow: "desc" }],
      take: q.limit + 1,
    }),
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((t) => ({
      id: t.id,
      accountId: t.accountId,
      statementId: t.statementId,
      date: isoDate(t.date),
      amount: moneyFromDb(t.amount, t.currency).toDecimalString(),
      currency: t.currency,
      description: t.description,
      balance: t.balance ? moneyFromDb(t.balance, t.currency).toDecimalString() : null,
      status: t.status,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ d: isoDate(last.date), s: last.statementId, r: last.sourceRow }) : null,
  };
}

export const cashflowQuerySchema = z.object({
  accountId: z.string().uuid("Unknown account").optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export interface CashflowView {
  currency: string;
  /** False when no statement has stated an opening balance: balances then start at zero. */
  openingBalanceKnown: boolean;
  months: { month: string; inflow: string; outflow: string; net: string; closingBalance: string }[];
}

/**
 * Money in / out / net per month and the month-end balance, for one account or for all of
 * them when they share a currency. Only posted rows count (rows held for review do not).
 */
export async function cashflow(auth: Pick<AuthContext, "tenantId">, query: z.input<typeof cashflowQuerySchema>): Promise<CashflowView> {
  const q = cashflowQuerySchema.parse(query);
  const tenantId = auth.tenantId;
  return withTenant(tenantId, async (tx) => {
    const accounts = await tx.bankAccount.findMany({ where: { tenantId, ...(q.accountId ? { id: q.accountId } : {}) } });
    if (q.accountId && accounts.length === 0) throw new AppError("not_found", `No bank account ${q.accountId} in this organisation.`);
    const currencies = [...new Set(accounts.map((a) => a.currency))];
    if (currencies.length > 1) {
      throw new AppError("bad_request", `Your accounts use different currencies (${currencies.join(", ")}); choose one account.`);
    }
    const currency = currencies[0] ?? "USD";
    const ids = accounts.map((a) => a.id);
    if (ids.length === 0) return { currency, openingBalanceKnown: false, months: [] };

    const span = await tx.transaction.aggregate({
      where: { tenantId, accountId: { in: ids }, status: "posted" },
      _min: { date: true },
      _max: { date: true },
    });
    if (!span._min.date || !span._max.date) return { currency, openingBalanceKnown: false, months: [] };
    const from = q.from ?? isoDate(span._min.date);
    const to = q.to ?? isoDate(span._max.date);
    if (from > to) throw new AppError("bad_request", `The start date ${from} is after the end date ${to}.`);

    // Each account's opening balance is the one stated by its earliest posted statement.
    let opening = Decimal.ZERO;
    let openingBalanceKnown = true;
    for (const id of ids) {
      const first = await tx.statement.findFirst({
        where: { tenantId, accountId: id, status: "posted", periodStart: { not: null } },
        orderBy: { periodStart: "asc" },
      });
      if (first?.openingBalance) opening = opening.add(decimalFromDb(first.openingBalance));
      else if (first) openingBalanceKnown = false;
    }
    const earlier = await tx.transaction.aggregate({
      where: { tenantId, accountId: { in: ids }, status: "posted", date: { lt: dateOnly(from) } },
      _sum: { amount: true },
    });
    // Confirmed transfers between own accounts (categorySource 'transfer') are not cash in or
    // out of the business: kept apart, they still move each account's balance.
    const totals = await tx.$queryRaw<{ month: string; inflow: string; outflow: string; transfers: string }[]>`
      SELECT to_char(date, 'YYYY-MM') AS month,
             COALESCE(SUM(amount) FILTER (WHERE amount > 0 AND "categorySource" IS DISTINCT FROM 'transfer'), 0)::text AS inflow,
             COALESCE(SUM(amount) FILTER (WHERE amount < 0 AND "categorySource" IS DISTINCT FROM 'transfer'), 0)::text AS outflow,
             COALESCE(SUM(amount) FILTER (WHERE "categorySource" = 'transfer'), 0)::text AS transfers
        FROM "Transaction"
       WHERE "tenantId" = ${tenantId}::uuid
         AND "accountId" = ANY(${ids}::uuid[])
         AND status = 'posted'
         AND date BETWEEN ${from}::date AND ${to}::date
       GROUP BY 1 ORDER BY 1`;
    const months: CashflowMonth[] = monthlyCashflow({
      currency,
      from: from.slice(0, 7),
      to: to.slice(0, 7),
      balanceBefore: opening.add(earlier._sum.amount ? decimalFromDb(earlier._sum.amount) : Decimal.ZERO),
      totals: totals.map((t) => ({ month: t.month, inflow: Decimal.parse(t.inflow), outflow: Decimal.parse(t.outflow), transfers: Decimal.parse(t.transfers) })),
    });
    return {
      currency,
      openingBalanceKnown,
      months: months.map((m) => ({
        month: m.month,
        inflow: m.inflow.toDecimalString(),
        outflow: m.outflow.toDecimalString(),
        net: m.net.toDecimalString(),
        closingBalance: m.closingBalance.toDecimalString(),
      })),
    };
  });
}
