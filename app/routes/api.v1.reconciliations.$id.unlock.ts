import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { unlockReconciliation } from "~/services/reconciliations.server";

/** POST {reason}: operators and admins make a reconciliation's rows editable again (audited). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "reconciliation:unlock");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such reconciliation").parse(args.params.id);
    return json(await unlockReconciliation(auth, id, await readJsonBody(args.request)));
  });
}
