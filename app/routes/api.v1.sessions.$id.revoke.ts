import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { revokeSession } from "~/services/session.server";

/** POST: ends one of my sessions (another device); audited. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such session").parse(args.params.id);
    await revokeSession(auth, id);
    return json({ ok: true });
  });
}
