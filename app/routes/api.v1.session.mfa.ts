import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { publicRoute } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { proveSecondFactor } from "~/services/mfa.server";

/**
 * POST {code}: the second factor after the password (a TOTP code or a recovery code). The
 * password-only session is replaced by a new, verified one (Set-Cookie). Public to the guard,
 * because a password-only session may reach nothing else.
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await publicRoute(args);
  return apiHandler(args.request, async () => {
    if (!auth) throw new AppError("unauthenticated", "Sign in first: no valid session.");
    const { method, setCookie } = await proveSecondFactor(auth, await readJsonBody(args.request));
    return json({ method }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
  });
}
