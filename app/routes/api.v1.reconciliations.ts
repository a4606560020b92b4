import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { reconcile } from "~/services/reconciliations.server";

/**
 * POST {accountId, endDate, endBalance, complete?}: cleared rows, the difference and unmatched
 * rows; with complete: true and a difference of zero, the rows become reconciled (locked).
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:reconcile");
  return apiHandler(args.request, async () => {
    const view = await reconcile(auth, await readJsonBody(args.request));
    return json(view, { status: view.status === "completed" ? 201 : 200 });
  });
}
