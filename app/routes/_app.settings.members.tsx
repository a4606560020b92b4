import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { StepUpErrorBoundary } from "~/components/step-up-error";
import { AppError } from "~/domain/errors";
import { ROLES } from "~/domain/permissions";
import { requirePermission, requireStepUp, STEP_UP_MAX_AGE_MS } from "~/services/auth.server";
import { formFailure, type FormFailure } from "~/services/form.server";
import { addMember, changeMemberRole, listMembers, removeMember } from "~/services/members.server";

export const meta: MetaFunction = () => [{ title: "Members · Cashline" }];

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  const stepUpFresh = auth.mfaVerifiedAt !== null && Date.now() - new Date(auth.mfaVerifiedAt).getTime() <= STEP_UP_MAX_AGE_MS;
  return json({ members: await listMembers(auth), me: auth.user.id, stepUpFresh });
}

type Result = FormFailure | { ok: string; form: string };

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => String(form.get(name) ?? "");
  if (intent === "role") requireStepUp(args, auth);
  try {
    switch (intent) {
      case "add": {
        const { member, existingAccount } = await addMember(auth, {
          email: field("email"),
          name: field("name"),
          role: field("role"),
          password: field("password"),
        });
        return json({
          ok: existingAccount
            ? `${member.email} already had a Cashline account: added as ${member.role}, with their own password (the one entered was not used).`
            : `${member.email} added as ${member.role}. Give them the initial password in person; they should change it on first sign-in.`,
          form: intent,
        });
      }
      case "role": {
        const member = await changeMemberRole(auth, field("userId"), { role: field("role") });
        return json({ ok: `${member.email} is now ${member.role}.`, form: intent });
      }
      case "remove": {
        const { sessionsEnded } = await removeMember(auth, field("userId"));
        return json({ ok: `Member removed; ${sessionsEnded} of their sessions ended.`, form: intent });
      }
      default:
        throw new AppError("bad_request", "Unknown form: send intent add, role or remove.");
    }
  } catch (error) {
    return formFailure(error, intent);
  }
}

function Feedback({ result, form }: { result: Result | undefined; form: (f: string | undefined) => boolean }) {
  if (!result || !form(result.form)) return null;
  if ("ok" in result) return <p role="status">{result.ok}</p>;
  return (
    <p className="form-error" role="alert">
      {result.error}
    </p>
  );
}

export default function Members() {
  const { members, me, stepUpFresh } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">Members</h1>
      <Feedback result={result} form={(f) => f !== "add"} />
      {stepUpFresh ? null : (
        <p className="note">
          Changing a role needs a fresh code from your authenticator app.{" "}
          <a href={`/step-up?redirectTo=${encodeURIComponent("/settings/members")}`}>Confirm it is you</a>
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Two-factor</th>
            <th>Last sign-in</th>
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-user-id={m.userId}>
              <td>
                {m.name}
                {m.userId === me ? <span className="muted"> (you)</span> : null}
              </td>
              <td>{m.email}</td>
              <td>
                <Form method="post" style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`} disabled={!stepUpFresh}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>{" "}
                  <button type="submit" className="link-button" disabled={busy || !stepUpFresh}>
                    Change
                  </button>
                </Form>
              </td>
              <td>{m.mfaEnabled ? "on" : "off"}</td>
              <td className="nowrap">{m.lastSignInAt ? formatTimestamp(m.lastSignInAt) : "never"}</td>
              <td>
                <details>
                  <summary>Remove</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <p className="small">{m.email} loses access to this organisation at once; their sessions here end.</p>
                    <button type="submit" disabled={busy}>
                      Remove {m.name}
                    </button>
                  </Form>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="add-title">Add a member</h2>
      <Form method="post" className="card" style={{ display: "grid", gap: "0.75rem", maxWidth: "28rem" }} aria-labelledby="add-title">
        <input type="hidden" name="intent" value="add" />
        <label>
          Email
          <input type="email" name="email" autoComplete="off" required />
        </label>
        <label>
          Name
          <input name="name" autoComplete="off" required />
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
        <label>
          Initial password (12 characters or more)
          <input type="password" name="password" autoComplete="new-password" minLength={12} required />
        </label>
        <p className="muted small">No email is sent. If the address already has a Cashline account, it joins with its own password.</p>
        <Feedback result={result} form={(f) => f === "add"} />
        <button type="submit" disabled={busy}>
          Add member
        </button>
      </Form>
    </section>
  );
}

/** A role change refused for want of a fresh step-up says how to give one; anything else as usual. */
export function ErrorBoundary() {
  return <StepUpErrorBoundary path="/settings/members" then="change the role again" />;
}
