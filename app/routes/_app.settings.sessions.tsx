import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { formFailure, type FormFailure } from "~/services/form.server";
import { changePassword, listSessions, revokeOtherSessions, revokeSession } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "My sessions · Cashline" }];

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return json({ sessions: await listSessions(auth) });
}

type Result = FormFailure | { ok: string; form: string };

function PasswordFeedback({ result }: { result: Result | undefined }) {
  if (!result || result.form !== "password") return null;
  if ("ok" in result) return <p role="status">{result.ok}</p>;
  return (
    <p className="form-error" role="alert">
      {result.error}
    </p>
  );
}

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "revoke":
        await revokeSession(auth, z.string().uuid("No such active session of yours.").parse(form.get("sessionId")));
        return json({ ok: "That session has ended.", form: intent });
      case "revoke-others": {
        const ended = await revokeOtherSessions(auth);
        return json({ ok: ended === 1 ? "Signed out of 1 other session." : `Signed out of ${ended} other sessions.`, form: intent });
      }
      case "password":
        await changePassword(auth, { current: form.get("current") ?? "", next: form.get("next") ?? "" });
        return json({ ok: "Password changed. Every other session of yours has ended.", form: intent });
      default:
        throw new AppError("bad_request", "Unknown form: send intent revoke, revoke-others or password.");
    }
  } catch (error) {
    return formFailure(error, intent);
  }
}

export default function MySessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">My sessions</h1>
      <p className="muted">Where you are signed in to this organisation. End any you do not recognise, then change your password.</p>
      {result && result.form !== "password" ? (
        "ok" in result ? (
          <p role="status">{result.ok}</p>
        ) : (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        )
      ) : null}
      <table className="grid">
        <thead>
          <tr>
            <th>Device</th>
            <th>Address</th>
            <th>Signed in</th>
            <th>Last seen</th>
            <th>
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-session-id={s.id}>
              <td>
                {s.device}
                {s.current ? (
                  <>
                    {" "}
                    <span className="badge">this session</span>
                  </>
                ) : null}
              </td>
              <td>{s.ip ?? "unknown"}</td>
              <td className="nowrap">{formatTimestamp(s.createdAt)}</td>
              <td className="nowrap">{formatTimestamp(s.lastSeenAt)}</td>
              <td>
                {s.current ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="link-button" disabled={busy}>
                      Sign out
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="revoke-others" />
        <button type="submit" disabled={busy || others === 0}>
          Sign out everywhere else
        </button>
      </Form>

      <h2 id="password-title">Change password</h2>
      <Form method="post" className="card" style={{ display: "grid", gap: "0.75rem", maxWidth: "28rem" }} aria-labelledby="password-title">
        <input type="hidden" name="intent" value="password" />
        <label>
          Current password
          <input type="password" name="current" autoComplete="current-password" required />
        </label>
        <label>
          New password (12 characters or more)
          <input type="password" name="next" autoComplete="new-password" minLength={12} required />
        </label>
        <PasswordFeedback result={result} />
        <p className="muted small">Changing it signs you out everywhere else, in every organisation.</p>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </Form>
    </section>
  );
}
