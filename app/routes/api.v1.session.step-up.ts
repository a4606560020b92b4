import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { proveSecondFactor } from "~/services/mfa.server";

/**
 * POST {code}: step-up for a signed-in (already verified) session: a current TOTP code or a
 * recovery code makes the session fresh for sensitive actions for the next 5 minutes.
 * Without MFA on: `mfa_enrolment_required`.
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    const { method } = await proveSecondFactor(auth, await readJsonBody(args.request));
    return json({ method, freshUntil: new Date(Date.now() + 5 * 60_000).toISOString() });
  });
}
