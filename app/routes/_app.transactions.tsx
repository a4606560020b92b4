import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { ZodError } from "zod";
import { formatTimestamp } from "~/components/imports/status";
import { isAppError } from "~/domain/errors";
import { formatAmount, Money } from "~/domain/money";
import { can } from "~/domain/permissions";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { exportAccess, type ExportAccess } from "~/services/exports.server";
import { validationError } from "~/services/http.server";
import { listTransactions, type TransactionView } from "~/services/ledger.server";
import { AccountPeriodFields } from "~/components/account-period-fields";

export const meta: MetaFunction = () => [{ title: "Transactions · Cashline" }];

const PAGE_SIZE = 50;
const FILTER_KEYS = ["accountId", "from", "to", "q"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const params = new URL(args.request.url).searchParams;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])) as Filters;
  const cursor = params.get("cursor") ?? "";
  const accounts = await listAccounts(auth);
  // Export (operators, admins): a download link while a step-up is fresh, else the way to one.
  const exporting = can(auth.role, "ledger:export") ? exportAccess(auth) : null;
  try {
    // Empty form fields mean "no filter".
    const page = await listTransactions(auth, {
      accountId: filters.accountId || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      q: filters.q.trim() || undefined,
      cursor: cursor || undefined,
      limit: PAGE_SIZE,
    });
    return json({ accounts, filters, cursor, items: page.items, nextCursor: page.nextCursor, error: null, exporting });
  } catch (error) {
    const message = isAppError(error) ? error.message : error instanceof ZodError ? validationError(error).message : null;
    if (message === null) throw error;
    const status = isAppError(error) ? error.status : 422;
    return json(
      { accounts, filters, cursor, items: [] as TransactionView[], nextCursor: null as string | null, error: message, exporting },
      { status },
    );
  }
}

/** The current filters as a query string, plus a cursor when paging on. */
function pageHref(filters: Filters, cursor?: string | null): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) qs.set(k, filters[k]);
  if (cursor) qs.set("cursor", cursor);
  const text = qs.toString();
  return text ? `/transactions?${text}` : "/transactions";
}

/** The ledger export (GET /api/v1/export) for the account and dates filtered here; the text search is not an export filter. */
function ExportLinks({ access, filters }: { access: ExportAccess; filters: Filters }) {
  const qs = (format: string) => {
    const q = new URLSearchParams({ format });
    for (const k of ["accountId", "from", "to"] as const) if (filters[k]) q.set(k, filters[k]);
    return `/api/v1/export?${q}`;
  };
  if (access.state === "needs_mfa") return <p className="muted small">Exporting needs two-factor sign-in: turn it on for your account first.</p>;
  if (access.state === "step_up") {
    return (
      <p className="small">
        <Link to={`/step-up?redirectTo=${encodeURIComponent(pageHref(filters))}`}>Export the ledger… (confirm with a code first)</Link>
      </p>
    );
  }
  return (
    <p className="small" aria-label="Export">
      Export every row{filters.accountId || filters.from || filters.to ? " of the account and dates chosen above" : ""}:{" "}
      <a href={qs("csv")} download>
        CSV
      </a>{" "}
      ·{" "}
      <a href={qs("json")} download>
        JSON
      </a>{" "}
      <span className="muted">(until {formatTimestamp(access.until)})</span>
    </p>
  );
}

export default function Transactions() {
  const { accounts, filters, cursor, items, nextCursor, error, exporting } = useLoaderData<typeof loader>();
  const location = useLocation();
  const busy = useNavigation().state === "loading";
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  return (
    <section aria-labelledby="transactions-title">
      <h1 id="transactions-title">Transactions</h1>

      <Form method="get" className="filters" key={location.search} aria-label="Transaction filters">
        <AccountPeriodFields accounts={accounts} values={filters} allAccountsLabel="All accounts" />
        <label>
          Search
          <input type="search" name="q" defaultValue={filters.q} placeholder="Description contains…" maxLength={200} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Filter"}
        </button>
        {filtered ? <Link to="/transactions">Clear filters</Link> : null}
      </Form>

      {exporting ? <ExportLinks access={exporting} filters={filters} /> : null}

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {!error && items.length === 0 ? (
        <p className="empty card">
          {filtered || cursor ? "No transactions match these filters." : "No transactions yet. Upload a statement to import some."}
        </p>
      ) : null}

      {items.length > 0 ? (
        <table className="grid transactions" aria-labelledby="transactions-title">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              {accounts.length > 1 ? <th scope="col">Account</th> : null}
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => {
              const out = Money.of(t.amount, t.currency).isNegative();
              return (
                <tr key={t.id}>
                  <td className="nowrap">{t.date}</td>
                  <td>{t.description}</td>
                  {accounts.length > 1 ? <td>{accountName.get(t.accountId) ?? "—"}</td> : null}
                  <td className={`num ${out ? "amount-out" : "amount-in"}`}>{formatAmount(t.amount, t.currency)}</td>
                  <td className="num">{t.balance !== null ? formatAmount(t.balance, t.currency) : "—"}</td>
                  <td>
                    <span className={`badge ${t.status}`}>{t.status === "review" ? "needs review" : t.status}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      <nav className="pager" aria-label="Pages">
        {cursor || error ? <Link to={pageHref(filters)}>First page</Link> : null}
        {nextCursor ? (
          <Link to={pageHref(filters, nextCursor)} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
