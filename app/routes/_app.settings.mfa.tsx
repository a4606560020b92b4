import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { AppError } from "~/domain/errors";
import { homePath } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { formFailure, type FormFailure } from "~/services/form.server";
import { confirmEnrolment, disableMfa, mfaStatus, pendingEnrolment, regenerateRecoveryCodes, startEnrolment } from "~/services/mfa.server";
import { safeRedirect } from "~/services/second-factor-route.server";
import { readShowOnce, showOnceCookie } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Cashline" }];

// The page shows a secret and recovery codes: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  const status = await mfaStatus(auth);
  // Just enrolled: the recovery codes, carried across the redirect for this one showing.
  const once = await readShowOnce(args.request, auth.sessionId);
  const codes = once?.value as { recoveryCodes?: unknown } | null | undefined;
  const enrolledCodes = Array.isArray(codes?.recoveryCodes) ? codes.recoveryCodes.filter((c): c is string => typeof c === "string") : null;
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (once) headers.append("Set-Cookie", once.clear);
  return json(
    {
      status,
      enrolledCodes,
      // Issued and not yet proved: shown again until the first code proves it.
      pending: status.pending ? await pendingEnrolment(auth) : null,
      mustEnrol: auth.role === "admin" && !status.enabled,
      continueTo: safeRedirect(new URL(args.request.url).searchParams.get("redirectTo"), homePath(auth.role)),
    },
    { headers },
  );
}

type Result = FormFailure | { ok: string; form: string; recoveryCodes?: string[] };

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const code = String(form.get("code") ?? "");
  const noStore = { "Cache-Control": "no-store" };
  try {
    switch (intent) {
      case "start":
        await startEnrolment(auth);
        // The loader shows the pending secret; a reload does not issue another.
        throw redirect(new URL(args.request.url).pathname + new URL(args.request.url).search);
      case "confirm": {
        // Enrolment may replace the session (a password-only one becomes a new, verified one):
        // every loader of the next page must see the new cookie, so the codes go across a
        // redirect, sealed to the new session.
        const { recoveryCodes, setCookie, sessionId } = await confirmEnrolment(auth, { code });
        const headers = new Headers(noStore);
        if (setCookie) headers.append("Set-Cookie", setCookie);
        headers.append("Set-Cookie", await showOnceCookie(sessionId, { recoveryCodes }));
        const url = new URL(args.request.url);
        throw redirect(url.pathname + url.search, { headers });
      }
      case "regenerate": {
        const { recoveryCodes } = await regenerateRecoveryCodes(auth, { code });
        return json<Result>({ ok: "New recovery codes: the old ones no longer work.", form: intent, recoveryCodes }, { headers: noStore });
      }
      case "disable":
        await disableMfa(auth, { code });
        return json<Result>({ ok: "Two-factor sign-in is off.", form: intent });
      default:
        throw new AppError("bad_request", "Unknown form: send intent start, confirm, regenerate or disable.");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, intent);
  }
}

function Feedback({ result, form }: { result: Result | undefined; form: string }) {
  if (!result || result.form !== form) return null;
  if ("ok" in result) return <p role="status">{result.ok}</p>;
  return (
    <p className="form-error" role="alert">
      {result.error.replace(/^code: /, "")}
    </p>
  );
}

function CodeField() {
  return (
    <label>
      Code from your authenticator app (or a recovery code)
      <input name="code" inputMode="numeric" autoComplete="one-time-code" required />
    </label>
  );
}

export default function MfaSettings() {
  const { status, pending, mustEnrol, continueTo, enrolledCodes } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  const shownCodes = result && "recoveryCodes" in result ? result.recoveryCodes : (enrolledCodes ?? undefined);
  const formStyle = { display: "grid", gap: "0.75rem", maxWidth: "32rem" } as const;

  if (shownCodes) {
    return (
      <section aria-labelledby="mfa-title">
        <h1 id="mfa-title">Two-factor sign-in</h1>
        <p role="status">{result && "ok" in result ? result.ok : "Two-factor sign-in is on."}</p>
        <h2 id="codes-title">Your recovery codes</h2>
        <p>
          Each works once, in place of a code, if you lose your phone. Store them somewhere safe now: <strong>they will not be shown again.</strong>
        </p>
        <ol aria-labelledby="codes-title" className="recovery-codes">
          {shownCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <p>
          <Link to={continueTo}>I have stored them — continue</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="mfa-title">
      <h1 id="mfa-title">Two-factor sign-in</h1>
      {mustEnrol ? (
        <p className="form-error" role="alert">
          Admins must turn on two-factor sign-in before anything else.
        </p>
      ) : null}
      <Feedback result={result} form="disable" />
      {status.enabled ? (
        <>
          <p>
            On since {formatTimestamp(status.enabledAt!)}. Signing in asks for a code from your authenticator app after the password; so do
            exports, role changes and unlocking a period. Recovery codes left: <strong data-testid="recovery-left">{status.recoveryCodesLeft}</strong>.
          </p>
          <h2 id="regenerate-title">New recovery codes</h2>
          <Form method="post" className="card" style={formStyle} aria-labelledby="regenerate-title">
            <input type="hidden" name="intent" value="regenerate" />
            <CodeField />
            <Feedback result={result} form="regenerate" />
            <button type="submit" disabled={busy}>
              Make new recovery codes
            </button>
          </Form>
          {status.mayDisable ? (
            <>
              <h2 id="disable-title">Turn it off</h2>
              <Form method="post" className="card" style={formStyle} aria-labelledby="disable-title">
                <input type="hidden" name="intent" value="disable" />
                <CodeField />
                <button type="submit" disabled={busy}>
                  Turn off two-factor sign-in
                </button>
              </Form>
            </>
          ) : (
            <p className="muted small">Admins keep two-factor sign-in on.</p>
          )}
        </>
      ) : pending ? (
        <>
          <p>Add this account to your authenticator app (Google Authenticator, 1Password, Aegis, …), then enter the code it shows.</p>
          <dl className="card">
            <dt>Secret (type it in)</dt>
            <dd>
              <code data-testid="totp-secret">{pending.secret}</code>
            </dd>
            <dt>Or this link (paste it into an app that accepts otpauth links)</dt>
            <dd>
              <code data-testid="totp-uri" style={{ wordBreak: "break-all" }}>
                {pending.otpauthUri}
              </code>
            </dd>
          </dl>
          <Form method="post" className="card" style={formStyle} aria-label="Confirm the first code">
            <input type="hidden" name="intent" value="confirm" />
            <label>
              Code from your authenticator app
              <input name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus />
            </label>
            <Feedback result={result} form="confirm" />
            <button type="submit" disabled={busy}>
              Turn on
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>Protect your account with a code from an authenticator app on your phone, asked after your password.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <Feedback result={result} form="start" />
            <button type="submit" disabled={busy}>
              Set up two-factor sign-in
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
