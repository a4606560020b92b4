import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { changePassword } from "~/services/session.server";

/** POST {current, next}: changes my password; my other sessions, everywhere, end. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    await changePassword(auth, await readJsonBody(args.request));
    return json({ ok: true });
  });
}
