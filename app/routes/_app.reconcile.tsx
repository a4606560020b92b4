import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { ZodError } from "zod";
import { formatTimestamp } from "~/components/imports/status";
import { isAppError } from "~/domain/errors";
import { FormResultMessage, type FormResult } from "~/components/form-result";
import { AccountOptions } from "~/components/account-options";
import { formatAmount, Money } from "~/domain/money";
import { can } from "~/domain/permissions";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { formFailure } from "~/services/form.server";
import { validationError } from "~/services/http.server";
import {
  CLEARED_ROWS_SHOWN, latestStatementEnd, listReconciliations, reconcile, type ReconciliationRecord, type ReconciliationView,
} from "~/services/reconciliations.server";

export const meta: MetaFunction = () => [{ title: "Reconcile · Cashline" }];

/**
 * Reconciling an account: the form (prefilled from the newest statement's ending date and
 * balance) previews on GET — cleared rows, the difference, unmatched rows — changing nothing;
 * completing and unlocking are POSTs.
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:reconcile");
  const params = new URL(args.request.url).searchParams;
  const accounts = await listAccounts(auth);
  const accountId = params.get("accountId") || accounts[0]?.id || "";
  const account = accounts.find((a) => a.id === accountId);
  const suggested = account ? await latestStatementEnd(auth, account.id) : null;
  const endDate = params.get("endDate") ?? suggested?.endDate ?? "";
  const endBalance = params.get("endBalance") ?? suggested?.endBalance ?? "";
  const records: ReconciliationRecord[] = account ? await listReconciliations(auth, account.id) : [];
  let preview: ReconciliationView | null = null;
  let error: string | null = null;
  if (account && endDate && endBalance) {
    try {
      preview = await reconcile(auth, { accountId: account.id, endDate, endBalance });
    } catch (e) {
      const message = isAppError(e) ? e.message : e instanceof ZodError ? validationError(e).message : null;
      if (message === null) throw e;
      error = message;
    }
  }
  return json({ accounts, accountId, endDate, endBalance, suggested, preview, error, records, canUnlock: can(auth.role, "reconciliation:unlock") });
}

export type Result = FormResult;

/** Completing (only at a difference of zero); unlocking is its own route (another permission). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:reconcile");
  const form = await args.request.formData();
  try {
    const done = await reconcile(auth, { accountId: form.get("accountId"), endDate: form.get("endDate"), endBalance: form.get("endBalance"), complete: true });
    return json<Result>({ ok: `Reconciled ${done.cleared.count} row${done.cleared.count === 1 ? "" : "s"} through ${done.endDate}: they are locked against edits until an operator unlocks them.`, form: "complete" });
  } catch (error) {
    return formFailure(error, "complete");
  }
}

export default function Reconcile() {
  const { accounts, accountId, endDate, endBalance, suggested, preview, error, records, canUnlock } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  const zero = preview ? Money.of(preview.difference, preview.currency).isZero() : false;
  const completed = result && "ok" in result && result.form === "complete";
  return (
    <>
      <h1>Reconcile</h1>
      <p className="muted">
        Enter or confirm the bank statement&apos;s ending date and balance. The rows up to that date not yet reconciled are
        &ldquo;cleared&rdquo;; when they bring the last reconciled balance to the statement&apos;s exactly, reconciling locks them.
      </p>
      <Form method="get" className="filters" key={`${accountId}|${endDate}|${endBalance}`}>
        <label>
          Account
          <select name="accountId" defaultValue={accountId}>
            <AccountOptions accounts={accounts} />
          </select>
        </label>
        <label>
          Statement ending date
          <input type="date" name="endDate" defaultValue={endDate} required />
        </label>
        <label>
          Statement ending balance
          <input name="endBalance" inputMode="decimal" defaultValue={endBalance} required />
        </label>
        <button type="submit" className="secondary">
          Check
        </button>
      </Form>
      {suggested && (suggested.endDate !== endDate || suggested.endBalance !== endBalance) ? (
        <p className="small muted">
          The newest statement of this account ends on {suggested.endDate} at {suggested.endBalance}.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {result && result.form === "complete" ? (
        "ok" in result ? (
          <p role="status" className="reconciled-note">
            {result.ok}
          </p>
        ) : (
          <p role="alert" className="form-error">
            {result.error}
          </p>
        )
      ) : null}
      {preview && !completed ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">Against the statement</h2>
          <dl className="facts">
            <div>
              <dt>Starting from</dt>
              <dd className="num">
                {formatAmount(preview.startBalance, preview.currency)}{" "}
                <span className="small muted">
                  {preview.startFrom === "last_reconciliation" ? "last reconciliation" : preview.startFrom === "opening_balance" ? "opening balance" : "zero"}
                </span>
              </dd>
            </div>
            <div>
              <dt>Cleared rows</dt>
              <dd className="num">
                {preview.cleared.count} · {formatAmount(preview.cleared.sum, preview.currency)}
              </dd>
            </div>
            <div>
              <dt>Statement ending balance</dt>
              <dd className="num">{formatAmount(preview.endBalance, preview.currency)}</dd>
            </div>
            <div>
              <dt>Difference</dt>
              <dd className={`num difference ${zero ? "zero" : "off"}`} data-testid="difference">
                {formatAmount(preview.difference, preview.currency)}
              </dd>
            </div>
          </dl>
          <Form method="post" className="actions">
            <input type="hidden" name="accountId" value={preview.accountId} />
            <input type="hidden" name="endDate" value={preview.endDate} />
            <input type="hidden" name="endBalance" value={preview.endBalance} />
            <button type="submit" disabled={!zero || preview.cleared.count === 0 || busy}>
              Reconcile {preview.cleared.count} row{preview.cleared.count === 1 ? "" : "s"}
            </button>
            {!zero ? <span className="small muted">Only at a difference of exactly zero: find the missing or extra rows first.</span> : null}
          </Form>
          {preview.unmatched.length ? (
            <>
              <h3>Not counted (unmatched)</h3>
              <p className="small muted">Rows in this period held for review or set aside as duplicates: they are not in the cleared total.</p>
              <RowsTable rows={preview.unmatched.map((r) => ({ ...r, note: r.status === "review" ? "held for review" : "duplicate" }))} currency={preview.currency} label="Unmatched rows" />
            </>
          ) : null}
          <h3>Cleared</h3>
          <RowsTable rows={preview.clearedRows} currency={preview.currency} label="Cleared rows" />
          {preview.cleared.count > preview.clearedRows.length ? <p className="small muted">The first {CLEARED_ROWS_SHOWN} of {preview.cleared.count} rows.</p> : null}
        </section>
      ) : null}
      <h2>This account&apos;s reconciliations</h2>
      {records.length === 0 ? <p className="empty">None yet.</p> : null}
      {records.length ? (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Through</th>
              <th className="num">Ending balance</th>
              <th>Status</th>
              <th className="num">Rows locked</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>{r.endDate}</td>
                <td className="num">{r.endBalance}</td>
                <td>
                  {r.status}
                  {r.unlockedAt ? <div className="small muted">unlocked {formatTimestamp(r.unlockedAt)}: {r.unlockReason}</div> : null}
                </td>
                <td className="num">{r.rows}</td>
                <td>
                  {canUnlock ? <UnlockForm record={r} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** Posts to /reconcile/unlock without leaving the page; the page's data is read again after. */
function UnlockForm({ record }: { record: ReconciliationRecord }) {
  const fetcher = useFetcher<Result>();
  const result = fetcher.data;
  return (
    <>
      {record.status === "completed" ? (
        <fetcher.Form method="post" action="/reconcile/unlock" className="inline-form">
          <input type="hidden" name="id" value={record.id} />
          <input name="reason" aria-label={`Why unlock the reconciliation through ${record.endDate}`} placeholder="Why unlock?" minLength={5} required />
          <button type="submit" className="danger-outline" disabled={fetcher.state !== "idle"}>
            Unlock
          </button>
        </fetcher.Form>
      ) : null}
      <FormResultMessage result={result} />
    </>
  );
}

function RowsTable({ rows, currency, label }: { rows: { id: string; date: string; amount: string; description: string; note?: string }[]; currency: string; label: string }) {
  return (
    <table className="grid compact" aria-label={label}>
      <thead>
        <tr>
          <th>Date</th>
          <th>Description</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{r.date}</td>
            <td>
              {r.description}
              {r.note ? <span className="badge review"> {r.note}</span> : null}
            </td>
            <td className={`num ${r.amount.startsWith("-") ? "amount-out" : "amount-in"}`}>{formatAmount(r.amount, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
