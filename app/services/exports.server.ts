/**
 * Export of everything, any time: the tenant's ledger as CSV (through the one CSV writer,
 * formula-safe) or JSON, streamed page by page from one read-only snapshot — a tenant with
 * millions of rows is never held in memory, and the file is one consistent moment. Every
 * export is audited (who, what filter, how many rows) before the first row leaves.
 */
import { z } from "zod";
import { csvRow, numberCell } from "../domain/csv-export.ts";
import { audit } from "./audit.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { openTenantSnapshot, sqlRunner, withTenant, type SqlClient } from "./db.server.ts";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31").refine((s) => !Number.isNaN(Date.parse(s)), "Not a real date");

export const ledgerExportQuery = z.object({
  format: z.enum(["csv", "json"], { errorMap: () => ({ message: "Choose csv or json" }) }).default("csv"),
  accountId: z.string().uuid("Unknown account").optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type LedgerExportQuery = z.infer<typeof ledgerExportQuery>;

const PAGE_ROWS = 1_000;
const COLUMNS = [
  "id", "date", "valueDate", "account", "description", "payee", "amount", "currency", "balance", "status",
  "category", "note", "statement", "sourceRow", "fingerprint",
] as const;

interface ExportRow {
  id: string; date: string; valueDate: string | null; account: string; description: string; payee: string | null;
  amount: string; currency: string; balance: string | null; status: string; category: string | null; note: string | null;
  statement: string; sourceRow: number; fingerprint: string; statementId: string;
}

function filterSql(q: LedgerExportQuery, first: number): { where: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    parts.push(sql.replace("?", `$${first + values.length - 1}`));
  };
  if (q.accountId) add(`t."accountId" = ?::uuid`, q.accountId);
  if (q.from) add(`t.date >= ?::date`, q.from);
  if (q.to) add(`t.date <= ?::date`, q.to);
  return { where: parts.length ? ` AND ${parts.join(" AND ")}` : "", values };
}

/** Rows after (date, statement, source row), oldest first: a keyset page. */
async function page(client: SqlClient, tenantId: string, q: LedgerExportQuery, after: [string, string, number] | null): Promise<ExportRow[]> {
  const filter = filterSql(q, 5);
  return sqlRunner(client)<ExportRow>(
    `SELECT t.id::text AS id, t.date::text AS date, t."valueDate"::text AS "valueDate", a.name AS account, t.description, t.payee,
            t.amount::text AS amount, t.currency, t.balance::text AS balance, t.status::text AS status, c.name AS category, t.note,
            s."fileName" AS statement, t."sourceRow" AS "sourceRow", t.fingerprint, t."statementId"::text AS "statementId"
       FROM "Transaction" t
       JOIN "BankAccount" a ON a."tenantId" = t."tenantId" AND a.id = t."accountId"
       JOIN "Statement" s ON s."tenantId" = t."tenantId" AND s.id = t."statementId"
       LEFT JOIN "Category" c ON c."tenantId" = t."tenantId" AND c.id = t."categoryId"
      WHERE t."tenantId" = $1::uuid
        AND ($2::date IS NULL OR (t.date, t."statementId", t."sourceRow") > ($2::date, $3::uuid, $4::int))${filter.where}
      ORDER BY t.date, t."statementId", t."sourceRow"
      LIMIT ${PAGE_ROWS}`,
    [tenantId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, ...filter.values],
  );
}

function csvLine(r: ExportRow): string {
  return csvRow([
    r.id, r.date, r.valueDate, r.account, r.description, r.payee, numberCell(r.amount), r.currency,
    r.balance === null ? null : numberCell(r.balance), r.status, r.category, r.note, r.statement, r.sourceRow, r.fingerprint,
  ]);
}

function jsonRow(r: ExportRow): Record<string, unknown> {
  const { statementId: _s, ...row } = r;
  return row;
}

/** Audits the export, then answers with the file, streamed. */
export async function exportLedger(auth: AuthContext, query: LedgerExportQuery): Promise<Response> {
  const { tenantId } = auth;
  const filter = filterSql(query, 2);
  await withTenant(tenantId, async (tx) => {
    const [{ rows }] = await sqlRunner(tx)<{ rows: string }>(
      `SELECT count(*)::text AS rows FROM "Transaction" t WHERE t."tenantId" = $1::uuid${filter.where}`,
      [tenantId, ...filter.values],
    );
    await audit(tx, {
      tenantId, actorId: auth.user.id, action: "ledger.exported", entityType: "ledger", entityId: null,
      after: { format: query.format, filter: { accountId: query.accountId ?? null, from: query.from ?? null, to: query.to ?? null }, rows: Number(rows) },
      ...auth.client,
    });
  });

  const snapshot = await openTenantSnapshot(tenantId);
  const encoder = new TextEncoder();
  let after: [string, string, number] | null = null;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(query.format === "csv" ? csvRow([...COLUMNS]) : "[\n"));
        }
        const rows = await page(snapshot.client, tenantId, query, after);
        if (rows.length) {
          const last = rows.at(-1)!;
          const text =
            query.format === "csv"
              ? rows.map(csvLine).join("")
              : rows.map((r) => JSON.stringify(jsonRow(r))).join(",\n").replace(/^/, after ? ",\n" : "");
          after = [last.date, last.statementId, last.sourceRow];
          controller.enqueue(encoder.encode(text));
        }
        if (rows.length < PAGE_ROWS) {
          if (query.format === "json") controller.enqueue(encoder.encode("\n]\n"));
          done = true;
          controller.close();
          await snapshot.close();
        }
      } catch (error) {
        await snapshot.close();
        controller.error(error);
      }
    },
    async cancel() {
      if (!done) await snapshot.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="cashline-ledger-${day}.${query.format}"`,
      "Cache-Control": "no-store",
    },
  });
}
