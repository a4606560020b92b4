import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { ZodError } from "zod";
import { formatTimestamp } from "~/components/imports/status";
import { isAppError } from "~/domain/errors";
import { auditChainStatus, auditListSchema, listAuditEvents, listAuditActors, type AuditEventView } from "~/services/audit.server";
import { requirePermission } from "~/services/auth.server";
import { exportAccess } from "~/services/exports.server";
import { validationError } from "~/services/http.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Cashline" }];

const PAGE_SIZE = 50;
const FILTER_KEYS = ["action", "actorId", "entityType", "entityId", "from", "to"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/** Admins: the log newest first, filtered, a page at a time by seq, and the chain verified now. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "audit:read");
  const params = new URL(args.request.url).searchParams;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])) as Filters;
  const before = params.get("before") ?? "";
  const [chain, actors] = await Promise.all([auditChainStatus(auth.tenantId), listAuditActors(auth.tenantId)]);
  const common = { filters, before, chain, actors, exportAccess: exportAccess(auth) };
  try {
    const page = await listAuditEvents(auth.tenantId, auditListSchema.parse({ ...filters, before, limit: PAGE_SIZE }));
    return json({ ...common, ...page, error: null });
  } catch (error) {
    const failure = isAppError(error) ? error : error instanceof ZodError ? validationError(error) : null;
    if (failure === null) throw error;
    return json({ ...common, events: [] as AuditEventView[], nextBefore: null as string | null, error: failure.message }, { status: failure.status });
  }
}

function query(filters: Filters, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) qs.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  const text = qs.toString();
  return text ? `?${text}` : "";
}

function compact(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export default function AuditLog() {
  const { filters, before, chain, actors, exportAccess: access, events, nextBefore, error } = useLoaderData<typeof loader>();
  const location = useLocation();
  const busy = useNavigation().state === "loading";
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>

      <p className="card" role="status" aria-label="Chain status" data-chain={chain.ok ? "ok" : "broken"}>
        {chain.ok ? (
          <>
            <span className="badge posted">chain intact</span> All {chain.checked} events verified against their hash chain at{" "}
            {formatTimestamp(chain.verifiedAt)}.
          </>
        ) : (
          <>
            <span className="badge failed">chain broken</span> Event {chain.seq} fails verification: {chain.reason}. {chain.checked} events
            before it verified (at {formatTimestamp(chain.verifiedAt)}). Run <code>cashline audit verify</code> and investigate.
          </>
        )}
      </p>

      <Form method="get" className="filters" key={location.search} aria-label="Audit filters">
        <label>
          Action starts with
          <input name="action" defaultValue={filters.action} placeholder="auth. or ledger.exported" maxLength={100} />
        </label>
        <label>
          Actor
          <select name="actorId" defaultValue={filters.actorId}>
            <option value="">Anyone</option>
            <option value="system">The system</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entity type
          <input name="entityType" defaultValue={filters.entityType} placeholder="statement" maxLength={100} />
        </label>
        <label>
          Entity id
          <input name="entityId" defaultValue={filters.entityId} maxLength={200} />
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Filter"}
        </button>
        {filtered ? <Link to="/audit">Clear filters</Link> : null}
      </Form>

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      <div className="actions" aria-label="Export">
        {access.state === "ready" ? (
          <>
            Export {filtered ? "these events" : "the whole log"}:{" "}
            <a href={`/api/v1/audit/export${query(filters, { format: "jsonl" })}`} download>
              JSON Lines
            </a>{" "}
            ·{" "}
            <a href={`/api/v1/audit/export${query(filters, { format: "csv" })}`} download>
              CSV
            </a>{" "}
            <span className="muted small">(until {formatTimestamp(access.until)}; each export is itself audited)</span>
          </>
        ) : access.state === "step_up" ? (
          <Link to={`/step-up?redirectTo=${encodeURIComponent(`/audit${query(filters)}`)}`}>Export… (confirm with a code first)</Link>
        ) : (
          <span className="muted">Exporting needs two-factor sign-in: turn it on for your account first.</span>
        )}
      </div>

      {!error && events.length === 0 ? <p className="empty card">{filtered || before ? "No events match these filters." : "No events yet."}</p> : null}

      {events.length > 0 ? (
        <table className="grid" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Details</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq} data-seq={e.seq}>
                <td className="num">{e.seq}</td>
                <td className="nowrap">{e.at.replace("T", " ").replace(/\.\d+Z$/, "")}</td>
                <td>
                  {e.actorId === null ? <span className="muted">system</span> : (e.actorName ?? <code>{e.actorId}</code>)}
                  {e.actorType ? <span className="badge">{e.actorType}</span> : null}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType}
                  {e.entityId ? <span className="muted small"> {e.entityId}</span> : null}
                </td>
                <td className="small" style={{ maxWidth: "28rem", overflowWrap: "anywhere" }}>
                  {e.before !== null ? <div>before: {compact(e.before)}</div> : null}
                  {e.after !== null ? <div>{e.before !== null ? "after: " : ""}{compact(e.after)}</div> : null}
                </td>
                <td className="small" title={e.userAgent ?? undefined}>
                  {e.ip ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <nav className="pager" aria-label="Pages">
        {before || error ? <Link to={`/audit${query(filters)}`}>Newest</Link> : null}
        {nextBefore ? (
          <Link to={`/audit${query(filters, { before: nextBefore })}`} rel="next">
            Older
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
