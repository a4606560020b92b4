import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { categorizeWaitingRows } from "~/services/categories.server";
import { apiHandler } from "~/services/http.server";

/** POST: the rules and the model, as on import, over rows still waiting for a category → {byRule, byModel, left, more}. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:edit");
  return apiHandler(args.request, async () => json(await categorizeWaitingRows(auth)));
}
