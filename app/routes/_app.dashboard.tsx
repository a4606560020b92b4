import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ZodError } from "zod";
import { isAppError } from "~/domain/errors";
import { formatAmount, Money } from "~/domain/money";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { validationError } from "~/services/http.server";
import { cashflow, type CashflowView } from "~/services/ledger.server";
import { AccountPeriodFields } from "~/components/account-period-fields";

export const meta: MetaFunction = () => [{ title: "Dashboard · Cashline" }];

// A fixed size so the chart renders on the server too (ResponsiveContainer measures the DOM
// and renders nothing in SSR); the wrapper scrolls horizontally on narrow screens.
const CHART_WIDTH = 1100;
const CHART_HEIGHT = 340;

interface Summary {
  totalIn: string;
  totalOut: string;
  net: string;
  latestBalance: string;
}

/** Exact totals over the months shown (Money arithmetic, never floats). */
function summarize(flow: CashflowView): Summary | null {
  if (flow.months.length === 0) return null;
  const c = flow.currency;
  const totalIn = Money.sum(flow.months.map((m) => Money.of(m.inflow, c)), c);
  const totalOut = Money.sum(flow.months.map((m) => Money.of(m.outflow, c)), c);
  return {
    totalIn: totalIn.toDecimalString(),
    totalOut: totalOut.toDecimalString(),
    net: totalIn.sub(totalOut).toDecimalString(),
    latestBalance: flow.months[flow.months.length - 1]!.closingBalance,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "dashboard:view");
  const params = new URL(args.request.url).searchParams;
  const accounts = await listAccounts(auth);
  const filters = {
    accountId: params.get("accountId") || accounts[0]?.id || "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  try {
    const flow = await cashflow(auth, {
      accountId: filters.accountId || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
    });
    return json({ accounts, filters, flow, summary: summarize(flow), error: null });
  } catch (error) {
    // A bad filter (unknown account, malformed or inverted dates) is shown on the page.
    const message = isAppError(error) ? error.message : error instanceof ZodError ? validationError(error).message : null;
    if (message === null) throw error;
    return json({ accounts, filters, flow: null, summary: null, error: message }, { status: isAppError(error) ? error.status : 422 });
  }
}

/** "$" for USD, "€" for EUR, "CHF" for CHF: the symbol of an exact formatted zero. */
function currencySymbol(currency: string): string {
  return formatAmount("0", currency).replace(/[\d.,\s\u00a0]/g, "");
}

/**
 * Axis ticks are positions on the chart's scale chosen by recharts, not ledger amounts, so
 * they are abbreviated (25K, 1.5M). Done by hand, not with Intl's compact notation: Node's and
 * the browser's ICU disagree on it ("25.0K" vs "25K"), which broke hydration.
 */
function compactTick(n: number): string {
  const [div, suffix] = n >= 1e9 ? [1e9, "B"] : n >= 1e6 ? [1e6, "M"] : n >= 1e3 ? [1e3, "K"] : [1, ""];
  return `${Number((n / div).toFixed(1))}${suffix}`;
}

type Row = CashflowView["months"][number];
interface ChartPoint {
  month: string;
  inflow: number;
  outflow: number;
  closingBalance: number;
  exact: Row;
}
const SERIES = { inflow: "Money in", outflow: "Money out", closingBalance: "Closing balance" } as const;

function CashflowChart({ months, currency }: { months: Row[]; currency: string }) {
  // recharts plots numbers, so the exact decimal strings are converted with Number() here.
  // Acceptable because these numbers only position bars and points on screen: nothing is
  // added, compared or stored from them, and every amount shown as text (tooltip, tiles,
  // table) is formatted from the exact string with formatAmount.
  const data: ChartPoint[] = months.map((m) => ({
    month: m.month,
    inflow: Number(m.inflow),
    outflow: Number(m.outflow),
    closingBalance: Number(m.closingBalance),
    exact: m,
  }));
  const symbol = currencySymbol(currency);
  return (
    <div className="chart card" role="img" aria-label="Money in and out per month, with the month-end balance">
      <ComposedChart id="cashflow-chart" width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={{ top: 10, right: 20, bottom: 0, left: 10 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde2e8" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={(v: number) => `${v < 0 ? "-" : ""}${symbol}${compactTick(Math.abs(v))}`} width={80} />
        <Tooltip
          formatter={(_value, name, item) => {
            const key = item.dataKey as keyof typeof SERIES;
            const exact = (item.payload as ChartPoint).exact;
            return [formatAmount(exact[key], currency), name];
          }}
        />
        <Legend />
        <Bar id="cashflow-in" dataKey="inflow" name={SERIES.inflow} fill="#1a7f37" isAnimationActive={false} />
        <Bar id="cashflow-out" dataKey="outflow" name={SERIES.outflow} fill="#c2410c" isAnimationActive={false} />
        <Line
          id="cashflow-balance"
          type="monotone"
          dataKey="closingBalance"
          name={SERIES.closingBalance}
          stroke="#1f6feb"
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
      </ComposedChart>
    </div>
  );
}

function Tile({ label, amount, currency, className }: { label: string; amount: string; currency: string; className?: string }) {
  return (
    <div className="tile card">
      <div className="tile-label">{label}</div>
      <div className={`tile-value num ${className ?? ""}`}>{formatAmount(amount, currency)}</div>
    </div>
  );
}

export default function Dashboard() {
  const { accounts, filters, flow, summary, error } = useLoaderData<typeof loader>();
  const location = useLocation();
  const busy = useNavigation().state === "loading";
  const account = accounts.find((a) => a.id === filters.accountId);

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Cash flow{account ? ` · ${account.name}` : ""}</h1>

      <Form method="get" className="filters" key={location.search} aria-label="Dashboard filters">
        <AccountPeriodFields accounts={accounts} values={filters} />
        <button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Apply"}
        </button>
        {filters.from || filters.to ? <a href={`/dashboard?accountId=${encodeURIComponent(filters.accountId)}`}>Whole period</a> : null}
      </Form>

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {accounts.length === 0 ? (
        <p className="empty card">No bank accounts yet. Add one, then upload its statements.</p>
      ) : flow && flow.months.length === 0 ? (
        <p className="empty card">
          No posted transactions yet. <a href="/uploads">Upload a statement</a> to see money in and out here.
        </p>
      ) : null}

      {flow && summary ? (
        <>
          {!flow.openingBalanceKnown ? (
            <p className="note" role="note">
              The statements don’t state an opening balance, so balances start from zero and show the change since the
              first statement rather than the real account balance.
            </p>
          ) : null}
          <div className="tiles">
            <Tile label="Total in" amount={summary.totalIn} currency={flow.currency} className="amount-in" />
            <Tile label="Total out" amount={summary.totalOut} currency={flow.currency} className="amount-out" />
            <Tile label="Net" amount={summary.net} currency={flow.currency} className={summary.net.startsWith("-") ? "amount-out" : "amount-in"} />
            <Tile label="Latest balance" amount={summary.latestBalance} currency={flow.currency} />
          </div>
          <div className="chart-scroll">
            <CashflowChart months={flow.months} currency={flow.currency} />
          </div>

          <h2 id="months-title">By month</h2>
          <table className="grid" aria-labelledby="months-title">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  In
                </th>
                <th scope="col" className="num">
                  Out
                </th>
                <th scope="col" className="num">
                  Net
                </th>
                <th scope="col" className="num">
                  Closing balance
                </th>
              </tr>
            </thead>
            <tbody>
              {flow.months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <th scope="row">{m.month}</th>
                  <td className="num amount-in">{formatAmount(m.inflow, flow.currency)}</td>
                  <td className="num amount-out">{formatAmount(m.outflow, flow.currency)}</td>
                  <td className={`num ${m.net.startsWith("-") ? "amount-out" : "amount-in"}`}>{formatAmount(m.net, flow.currency)}</td>
                  <td className="num">{formatAmount(m.closingBalance, flow.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
