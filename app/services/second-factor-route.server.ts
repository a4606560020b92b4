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

export function safeRedirect(target: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}

export function secondFactorLoader(args: RouteArgs, auth: AuthContext | null): Response | null {
  if (!auth) {
    const url = new URL(args.request.url);
    return redirect(`/login?redirectTo=${encodeURIComponent(url.searchParams.get("redirectTo") ?? "/")}`);
  }
  if (!auth.mfaEnabled) return redirect(homePath(auth.role));
  return null;
}

export async function secondFactorAction(args: RouteArgs, auth: AuthContext | null): Promise<Response> {
  if (!auth) return redirect("/login");
  const form = await args.request.formData();
  try {
    await proveSecondFactor(auth, { code: String(form.get("code") ?? "") });
  } catch (error) {
    if (isAppError(error)) return json({ error: error.message.replace(/^code: /, "") }, { status: error.status });
    throw error;
  }
  return redirect(safeRedirect(form.get("redirectTo"), homePath(auth.role)));
}
