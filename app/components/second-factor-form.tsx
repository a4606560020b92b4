import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";

/** The code form of the sign-in challenge and of the step-up: same proof, same form. */
export function SecondFactorForm({ title, intro }: { title: string; intro: string }) {
  const result = useActionData<{ error?: string }>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="login">
      <Form method="post" className="card login-card" aria-labelledby="second-factor-title">
        <h1 id="second-factor-title">{title}</h1>
        <p className="muted">{intro}</p>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label>
          Code
          <input name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus />
        </label>
        <p className="muted">No phone at hand? A recovery code works once.</p>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Continue"}
        </button>
      </Form>
    </main>
  );
}
