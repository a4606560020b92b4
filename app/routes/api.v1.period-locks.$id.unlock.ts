import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission, requireStepUp } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { unlockPeriod } from "~/services/period-locks.server";

/** POST {reason}: unlocks a period — admins only, after a fresh step-up, audited. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "locks:manage");
  requireStepUp(args, auth);
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such period lock").parse(args.params.id);
    return json(await unlockPeriod(auth, id, await readJsonBody(args.request)));
  });
}
