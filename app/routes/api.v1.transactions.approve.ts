import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { approveRows } from "~/services/proposals.server";

/** POST {rows: [{id, version}]}: an operator signs rows off; data entry's later edits to them become proposals. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:approve");
  return apiHandler(args.request, async () => json(await approveRows(auth, await readJsonBody(args.request))));
}
