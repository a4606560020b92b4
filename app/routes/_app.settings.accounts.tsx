import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormResultMessage, type FormResult } from "~/components/form-result";
import { AppError } from "~/domain/errors";
import { createAccount, listAccounts, updateAccount } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { formFailure } from "~/services/form.server";

export const meta: MetaFunction = () => [{ title: "Bank accounts · Cashline" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KIND_NAMES: Record<string, string> = { checking: "Checking", savings: "Savings", credit_card: "Credit card" };

/** The tenant's bank accounts (admins and operators): added, renamed, and their numbers set. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "accounts:manage");
  return json({ accounts: await listAccounts(auth) });
}

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "accounts:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  // An empty field sends nothing: the schema says what is missing.
  const given = (name: string) => {
    const value = String(form.get(name) ?? "").trim();
    return value === "" ? undefined : value;
  };
  try {
    if (intent === "create") {
      const account = await createAccount(auth, { name: given("name"), currency: given("currency"), kind: given("kind"), accountNumber: given("accountNumber") });
      return json<FormResult>({ ok: `Added ${account.name} (${account.currency}).`, form: "create" });
    }
    if (intent === "number" || intent === "remove-number") {
      if (!UUID.test(id)) throw new AppError("not_found", "No such bank account in this organisation.");
      const accountNumber = intent === "remove-number" ? null : given("accountNumber");
      if (accountNumber === undefined) throw new AppError("bad_request", "Type the account number to set (or remove the one on file).");
      const account = await updateAccount(auth, id, { accountNumber });
      const said = account.accountNumberLast4 ? `now ends in ${account.accountNumberLast4.replace(/^•+/, "")}` : "is removed";
      return json<FormResult>({ ok: `The number of ${account.name} ${said}.`, form: `number:${id}` });
    }
    throw new AppError("bad_request", "Unknown form: send intent create, number or remove-number.");
  } catch (error) {
    return formFailure(error, intent === "create" ? "create" : `number:${id}`);
  }
}

export default function BankAccounts() {
  const { accounts } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Bank accounts</h1>
      <p className="muted">
        Statements are uploaded into one of these. An account&apos;s number is kept encrypted; only its last four characters are
        shown, and they pick the account&apos;s own part of a statement that holds several accounts (a credit union&apos;s combined
        statement, an OFX or CAMT file of several accounts).
      </p>
      <Form method="post" className="actions" key={result && "ok" in result && result.form === "create" ? result.ok : "create"}>
        <input type="hidden" name="intent" value="create" />
        <label>
          Name
          <input name="name" maxLength={100} required placeholder="e.g. Operating account" />
        </label>
        <label>
          Currency
          <input name="currency" maxLength={3} required placeholder="USD" size={4} autoCapitalize="characters" />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue="checking">
            {Object.entries(KIND_NAMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Account number (optional)
          <input name="accountNumber" maxLength={64} autoComplete="off" />
        </label>
        <button type="submit" disabled={busy}>
          Add account
        </button>
      </Form>
      <FormResultMessage result={result} form="create" />
      {accounts.length === 0 ? (
        <p className="empty">No bank account yet.</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Account</th>
              <th>Kind</th>
              <th>Currency</th>
              <th>Number</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} aria-label={a.name}>
                <td>{a.name}</td>
                <td>{KIND_NAMES[a.kind] ?? a.kind}</td>
                <td>{a.currency}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="number" />
                    <input type="hidden" name="id" value={a.id} />
                    <input name="accountNumber" aria-label={`Account number of ${a.name}`} placeholder={a.accountNumberLast4 ?? "not set"} maxLength={64} autoComplete="off" />
                    <button type="submit" className="secondary" disabled={busy}>
                      {a.accountNumberLast4 ? "Replace" : "Set"}
                    </button>
                  </Form>
                  {a.accountNumberLast4 ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-number" />
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" className="danger-outline" disabled={busy} aria-label={`Remove the number of ${a.name}`}>
                        Remove
                      </button>
                    </Form>
                  ) : null}
                  <FormResultMessage result={result} form={`number:${a.id}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
