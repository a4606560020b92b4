/**
 * Export of everything, any time: the tenant's ledger as CSV (through the one CSV writer,
 * formula-safe) or JSON, and the audit log as JSON Lines or CSV — streamed page by page from
 * one read-only snapshot, so a tenant with millions of rows is never held in memory and the
 * file is one consistent moment. Every export is audited (who, what filter, how many rows)
 * before the first row leaves.
 */
import { z } from "zod";
import { csvRow, numberCell, type CsvCell } from "../domain/csv-export.ts";
import { audit, auditEventsAfter, auditFilterSchema, countAuditEvents, type StoredAuditEvent } from "./audit.server.ts";
import { actorOf, STEP_UP_MAX_AGE_MS, type AuthContext } from "./auth.server.ts";
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

/**
 * A download read page by page from one read-only snapshot of the tenant: `next(client, after)`
 * gives the rows after a cursor (empty when done); `encode` turns a page into text. Nothing is
 * read before the client asks for more (pull), so a slow reader holds one page, not the file.
 * The snapshot is opened before answering, so a database that cannot give one is an error
 * response, not a cut-off file.
 */
async function streamedDownload<Row, Cursor>(opts: {
  tenantId: string;
  fileName: string;
  contentType: string;
  prologue: string;
  epilogue: string;
  pageRows: number;
  next: (client: SqlClient, after: Cursor | null) => Promise<Row[]>;
  cursorOf: (last: Row) => Cursor;
  encode: (rows: Row[], first: boolean) => string;
}): Promise<Response> {
  const encoder = new TextEncoder();
  const snapshot = await openTenantSnapshot(opts.tenantId);
  let after: Cursor | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(opts.prologue));
    },
    async pull(controller) {
      try {
        const rows = await opts.next(snapshot.client, after);
        if (rows.length) {
          controller.enqueue(encoder.encode(opts.encode(rows, after === null)));
          after = opts.cursorOf(rows.at(-1)!);
        }
        if (rows.length < opts.pageRows) {
          await snapshot.close();
          controller.enqueue(encoder.encode(opts.epilogue));
          controller.close();
        }
      } catch (error) {
        await snapshot.close();
        controller.error(error);
      }
    },
    async cancel() {
      await snapshot.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": opts.contentType,
      "Content-Disposition": `attachment; filename="${opts.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Whether this person can download an export right now, for the pages that offer one: ready
 * (a step-up younger than STEP_UP_MAX_AGE_MS, until `until`), step_up (a code first), or
 * needs_mfa (no authenticator to prove: two-factor sign-in must be turned on first).
 */
export type ExportAccess = { state: "ready"; until: string } | { state: "step_up" } | { state: "needs_mfa" };

export function exportAccess(auth: AuthContext, now = Date.now()): ExportAccess {
  if (!auth.mfaEnabled) return { state: "needs_mfa" };
  const verified = auth.mfaVerifiedAt?.getTime();
  if (verified !== undefined && now - verified <= STEP_UP_MAX_AGE_MS) return { state: "ready", until: new Date(verified + STEP_UP_MAX_AGE_MS).toISOString() };
  return { state: "step_up" };
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
      tenantId, ...actorOf(auth), action: "ledger.exported", entityType: "ledger", entityId: null,
      after: { format: query.format, filter: { accountId: query.accountId ?? null, from: query.from ?? null, to: query.to ?? null }, rows: Number(rows) },
      ...auth.client,
    });
  });
  const csv = query.format === "csv";
  return streamedDownload<ExportRow, [string, string, number]>({
    tenantId,
    fileName: `cashline-ledger-${today()}.${query.format}`,
    contentType: csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    prologue: csv ? csvRow([...COLUMNS]) : "[\n",
    epilogue: csv ? "" : "\n]\n",
    pageRows: PAGE_ROWS,
    next: (client, after) => page(client, tenantId, query, after),
    cursorOf: (last) => [last.date, last.statementId, last.sourceRow],
    encode: (rows, first) =>
      csv ? rows.map(csvLine).join("") : (first ? "" : ",\n") + rows.map((r) => JSON.stringify(jsonRow(r))).join(",\n"),
  });
}

// ---------------------------------------------------------------------------------------
// The audit log

export const auditExportQuery = z
  .object({ format: z.enum(["jsonl", "csv"], { errorMap: () => ({ message: "Choose jsonl or csv" }) }).default("jsonl") })
  .and(auditFilterSchema);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

const AUDIT_COLUMNS = [
  "seq", "at", "actorType", "actorId", "action", "entityType", "entityId", "before", "after", "ip", "userAgent", "prevHash", "hash",
] as const;

function auditCsvLine(e: StoredAuditEvent): string {
  const json = (v: unknown): CsvCell => (v === null || v === undefined ? null : JSON.stringify(v));
  return csvRow([
    numberCell(e.seq), e.at, e.actorType, e.actorId, e.action, e.entityType, e.entityId, json(e.before), json(e.after),
    e.ip, e.userAgent, e.prevHash, e.hash,
  ]);
}

/**
 * The audit log as JSON Lines (one stored event per line, exactly as hashed, so an unfiltered
 * file can be re-verified anywhere) or CSV, oldest first. The export itself is audited first
 * (audit.exported, with the filter and row count), so the file includes its own record.
 */
export async function exportAuditLog(auth: AuthContext, query: AuditExportQuery): Promise<Response> {
  const { tenantId } = auth;
  const { format, ...filter } = query;
  await withTenant(tenantId, async (tx) => {
    const rows = await countAuditEvents(tx, tenantId, filter);
    await audit(tx, {
      tenantId, ...actorOf(auth), action: "audit.exported", entityType: "audit_log", entityId: null,
      after: { format, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), rows },
      ...auth.client,
    });
  });
  const csv = format === "csv";
  return streamedDownload<StoredAuditEvent, string>({
    tenantId,
    fileName: `cashline-audit-${today()}.${format}`,
    contentType: csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8",
    prologue: csv ? csvRow([...AUDIT_COLUMNS]) : "",
    epilogue: "",
    pageRows: PAGE_ROWS,
    next: (client, after) => auditEventsAfter(client, tenantId, filter, after ?? "0", PAGE_ROWS),
    cursorOf: (last) => last.seq,
    encode: (rows) => (csv ? rows.map(auditCsvLine).join("") : rows.map((e) => `${JSON.stringify(e)}\n`).join("")),
  });
}
