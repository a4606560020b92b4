/**
 * The loader and action shared by the two pages that ask for a code: the sign-in challenge
 * (/login/mfa) and the step-up (/step-up). Both need a session; the action proves the code and
 * goes back to where the user was going (same-site paths only).
 */
import { json, redirect } from "@remix-run/node";
import { isAppError } from "../domain/errors.ts";
import { homePath } from "../domain/permissions.ts";
import type { AuthContext, RouteArgs } from "./auth.server.ts";
import { proveSecondFactor } from "./mfa.server.ts";

/** Only a path on this site: "/x" — not "//evil.example", "/\evil.example" or "https://…". */
export function safeRedirect(target: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  // Browsers treat a backslash or a control character like a slash or drop it: "/\t/evil.example".
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  return target;
}

/** The enrolment page, coming back to `redirectTo` afterwards. */
export function enrolmentPath(redirectTo: string | null): string {
  const back = safeRedirect(redirectTo, "");
  return back ? `/settings/mfa?redirectTo=${encodeURIComponent(back)}` : "/settings/mfa";
}

export function secondFactorLoader(args: RouteArgs, auth: AuthContext | null, kind: "challenge" | "step-up"): Response | null {
  const redirectTo = new URL(args.request.url).searchParams.get("redirectTo");
  if (!auth) return redirect(`/login?redirectTo=${encodeURIComponent(safeRedirect(redirectTo, "/"))}`);
  if (!auth.mfaEnabled) {
    // Nothing to prove with yet. A step-up needs an authenticator: enrol first; the sign-in
    // challenge does not apply (the guard sends an admin to enrol on the next page anyway).
    return redirect(kind === "step-up" ? enrolmentPath(redirectTo) : safeRedirect(redirectTo, homePath(auth.role)));
  }
  return null;
}

export async function secondFactorAction(args: RouteArgs, auth: AuthContext | null): Promise<Response> {
  if (!auth) return redirect("/login");
  const form = await args.request.formData();
  const redirectTo = form.get("redirectTo");
  if (!auth.mfaEnabled) return redirect(enrolmentPath(typeof redirectTo === "string" ? redirectTo : null));
  let setCookie: string | null;
  try {
    ({ setCookie } = await proveSecondFactor(auth, { code: String(form.get("code") ?? "") }));
  } catch (error) {
    if (isAppError(error)) {
      return json({ error: error.message.replace(/^code: /, "") }, { status: error.status, headers: retryAfter(error.details) });
    }
    throw error;
  }
  return redirect(safeRedirect(redirectTo, homePath(auth.role)), setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

function retryAfter(details: Record<string, unknown> | undefined): Record<string, string> {
  return typeof details?.retryAfterSeconds === "number" ? { "Retry-After": String(details.retryAfterSeconds) } : {};
}
