import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { isAppError } from "~/domain/errors";
import { homePath } from "~/domain/permissions";
import { secondFactorGate } from "~/domain/session-policy";
import { clientInfo, publicRoute } from "~/services/auth.server";
import { validationError } from "~/services/http.server";
import { enrolmentPath, safeRedirect } from "~/services/second-factor-route.server";
import { cookieHeaders, credentialsSchema, signIn } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Cashline" }];

export async function loader(args: LoaderFunctionArgs) {
  const auth = await publicRoute(args);
  if (auth) throw redirect(homePath(auth.role));
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await publicRoute(args);
  const form = await args.request.formData();
  const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) {
    return json({ error: validationError(parsed.error).message, email: String(form.get("email") ?? "") }, { status: 422 });
  }
  try {
    const { session, setCookies } = await signIn(parsed.data, clientInfo(args), args.request);
    const next = safeRedirect(form.get("redirectTo"), homePath(session.role));
    // Two-factor members: the code comes next; admins without it: enrolment. Then where they were going.
    const gate = secondFactorGate(session, next);
    const target = gate === "challenge" ? `/login/mfa?redirectTo=${encodeURIComponent(next)}` : gate === "enrol" ? enrolmentPath(next) : next;
    return redirect(target, { headers: cookieHeaders(setCookies) });
  } catch (error) {
    if (isAppError(error)) {
      const retryAfter = error.details?.retryAfterSeconds;
      const headers: Record<string, string> = typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {};
      return json({ error: error.message, email: parsed.data.email }, { status: error.status, headers });
    }
    throw error;
  }
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="login">
      <Form method="post" className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">Cashline</h1>
        <p className="muted">Sign in to your organisation.</p>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required defaultValue={result?.email} autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </main>
  );
}
