import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { AppError } from "~/domain/errors";
import { ROLES } from "~/domain/permissions";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from "~/services/api-keys.server";
import { requirePermission } from "~/services/auth.server";
import { formFailure, type FormFailure } from "~/services/form.server";

export const meta: MetaFunction = () => [{ title: "API keys · Cashline" }];

// The answer to "create" carries the token: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  return json({ apiKeys: await listApiKeys(auth) });
}

type Result = FormFailure | { ok: string; form: string; token?: string; apiKey?: ApiKeyView };

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "create": {
        const { apiKey, token } = await createApiKey(auth, { name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") });
        return json(
          { ok: `Key "${apiKey.name}" created (${apiKey.role}). Copy it now: it will not be shown again.`, form: intent, token, apiKey },
          { headers: { "Cache-Control": "no-store" } },
        );
      }
      case "revoke": {
        const key = await revokeApiKey(auth, String(form.get("keyId") ?? ""));
        return json({ ok: `Key "${key.name}" revoked: it no longer works.`, form: intent });
      }
      default:
        throw new AppError("bad_request", "Unknown form: send intent create or revoke.");
    }
  } catch (error) {
    return formFailure(error, intent);
  }
}

export default function ApiKeys() {
  const { apiKeys } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p className="muted">
        For scripts and integrations: send <code>Authorization: Bearer &lt;key&gt;</code> to <code>/api/v1</code>. A key acts with its role; it cannot
        manage members or keys, or do what needs a fresh authenticator code (exports, role changes, unlocks).
      </p>
      {result && result.form !== "create" ? (
        "ok" in result ? (
          <p role="status">{result.ok}</p>
        ) : (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        )
      ) : null}
      {result && "token" in result && result.token ? (
        <div className="card" role="status" style={{ marginBottom: "1rem" }}>
          <p>{result.ok}</p>
          <label>
            New key
            <input readOnly value={result.token} style={{ width: "100%", fontFamily: "monospace" }} onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key" />
          </label>
        </div>
      ) : null}
      {apiKeys.length === 0 ? (
        <p className="empty">No API keys yet.</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {apiKeys.map((k) => (
              <tr key={k.id} data-key-id={k.id}>
                <td>{k.name}</td>
                <td>{k.role}</td>
                <td className="nowrap">
                  {formatTimestamp(k.createdAt)} by {k.createdBy.name ?? "a former member"}
                </td>
                <td className="nowrap">{k.lastUsedAt ? formatTimestamp(k.lastUsedAt) : "never"}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge">revoked {formatTimestamp(k.revokedAt)}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="keyId" value={k.id} />
                      <button type="submit" className="link-button" disabled={busy}>
                        Revoke
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="create-title">Create a key</h2>
      <Form method="post" className="card" style={{ display: "grid", gap: "0.75rem", maxWidth: "28rem" }} aria-labelledby="create-title">
        <input type="hidden" name="intent" value="create" />
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="Nightly bank export" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="data-entry">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        {result && result.form === "create" && "error" in result ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </Form>
    </section>
  );
}
