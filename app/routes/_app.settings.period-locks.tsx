import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { FormResultMessage, type FormResult } from "~/components/form-result";
import { AccountOptions } from "~/components/account-options";
import { StepUpErrorBoundary } from "~/components/step-up-error";
import { AppError } from "~/domain/errors";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission, requireStepUp, STEP_UP_MAX_AGE_MS } from "~/services/auth.server";
import { formFailure } from "~/services/form.server";
import { listPeriodLocks, lockPeriod, unlockPeriod } from "~/services/period-locks.server";

export const meta: MetaFunction = () => [{ title: "Period locks · Cashline" }];

/** Closing periods (admins): nothing dated on or before the date may change, for anyone, until an audited unlock. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "locks:manage");
  const [locks, accounts] = await Promise.all([listPeriodLocks(auth), listAccounts(auth)]);
  const stepUpFresh = auth.mfaVerifiedAt !== null && Date.now() - new Date(auth.mfaVerifiedAt).getTime() <= STEP_UP_MAX_AGE_MS;
  return json({ locks, accounts: accounts.map(({ id, name, currency }) => ({ id, name, currency })), stepUpFresh });
}

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "locks:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  // Unlocking reopens closed books: a fresh second factor first, as on the API.
  if (intent === "unlock") requireStepUp(args, auth);
  const id = String(form.get("id") ?? "");
  try {
    if (intent === "lock") {
      const lock = await lockPeriod(auth, { accountId: form.get("accountId") || null, through: String(form.get("through") ?? ""), reason: String(form.get("reason") ?? "") });
      return json<FormResult>({ ok: `Locked through ${lock.lockedThrough}: nothing dated then or before may change until it is unlocked.`, form: "lock" });
    }
    if (intent === "unlock") {
      const lock = await unlockPeriod(auth, id, { reason: form.get("reason") ?? "" });
      return json<FormResult>({ ok: `Unlocked the period through ${lock.lockedThrough}.`, form: `unlock:${id}` });
    }
    throw new AppError("bad_request", "Unknown form: send intent lock or unlock.");
  } catch (error) {
    return formFailure(error, intent === "unlock" ? `unlock:${id}` : "lock");
  }
}

export default function PeriodLocks() {
  const { locks, accounts, stepUpFresh } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const busy = useNavigation().state !== "idle";
  const accountName = (id: string | null) => (id ? (accounts.find((a) => a.id === id)?.name ?? "an account") : "every account");
  return (
    <section aria-labelledby="locks-title">
      <h1 id="locks-title">Period locks</h1>
      <p className="muted">
        A closed period cannot be posted into, edited, undone or re-imported — by anyone, admins included, through any path (the
        database refuses it) — until it is unlocked with a reason. Unlocking needs a fresh two-factor code.
      </p>
      <Form method="post" className="actions" key={result && "ok" in result && result.form === "lock" ? result.ok : "lock"}>
        <input type="hidden" name="intent" value="lock" />
        <label>
          Account
          <select name="accountId" defaultValue="">
            <option value="">Every account</option>
            <AccountOptions accounts={accounts} />
          </select>
        </label>
        <label>
          Locked through
          <input type="date" name="through" required />
        </label>
        <label>
          Why (optional)
          <input name="reason" maxLength={500} placeholder="e.g. Q2 closed and filed" />
        </label>
        <button type="submit" disabled={busy}>
          Lock
        </button>
      </Form>
      <FormResultMessage result={result} form="lock" />
      {locks.length === 0 ? <p className="empty">No period has been locked.</p> : null}
      {locks.length ? (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Through</th>
              <th>Accounts</th>
              <th>Locked</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {locks.map((l) => (
              <tr key={l.id} aria-label={`Lock through ${l.lockedThrough} on ${accountName(l.accountId)}`}>
                <td>{l.lockedThrough}</td>
                <td>{accountName(l.accountId)}</td>
                <td>
                  {formatTimestamp(l.lockedAt)}
                  {l.reason ? <div className="small muted">{l.reason}</div> : null}
                </td>
                <td>
                  {l.unlockedAt ? (
                    <>
                      unlocked {formatTimestamp(l.unlockedAt)}
                      <div className="small muted">{l.unlockReason}</div>
                    </>
                  ) : stepUpFresh ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="unlock" />
                      <input type="hidden" name="id" value={l.id} />
                      <input name="reason" aria-label={`Why unlock the period through ${l.lockedThrough}`} placeholder="Why unlock?" minLength={5} required />
                      <button type="submit" className="danger-outline" disabled={busy}>
                        Unlock
                      </button>
                    </Form>
                  ) : (
                    <>
                      locked · <a href={`/step-up?redirectTo=${encodeURIComponent("/settings/period-locks")}`}>Confirm it is you</a> to unlock
                    </>
                  )}
                  <FormResultMessage result={result} form={`unlock:${l.id}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** An unlock refused for want of a fresh step-up says how to give one; anything else as usual. */
export function ErrorBoundary() {
  return <StepUpErrorBoundary path="/settings/period-locks" then="unlock again" />;
}
