import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { requirePermission, requireStepUp } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { clearSessionCookie } from "~/services/session.server";
import { deleteOwnTenant } from "~/services/tenants.server";

/**
 * POST {confirmName}: deletes the signed-in admin's organisation — keys destroyed first, then
 * its files, then every row including the audit log (app/services/tenants.server.ts). Needs a
 * fresh step-up and the organisation's name typed exactly.
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "tenant:delete");
  requireStepUp(args, auth);
  return apiHandler(args.request, async () => {
    if (args.request.method !== "POST") throw new AppError("bad_request", `${args.request.method} is not supported here; use POST.`);
    const deleted = await deleteOwnTenant(auth, await readJsonBody(args.request));
    // The session went with the organisation: the cookie goes too.
    return json({ deleted }, { headers: { "Set-Cookie": clearSessionCookie(), "Cache-Control": "no-store" } });
  });
}
