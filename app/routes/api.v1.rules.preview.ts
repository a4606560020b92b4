import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { previewRule } from "~/services/rules.server";

/** POST a rule (not saved): which of the newest rows it would change, and how. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "rules:manage");
  return apiHandler(args.request, async () => json(await previewRule(auth, await readJsonBody(args.request))));
}
