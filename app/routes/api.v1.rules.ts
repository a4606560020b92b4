import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { createRule, listRules } from "~/services/rules.server";

/** GET: the organisation's categorization rules, in the order they run. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json({ rules: await listRules(auth) }));
}

/** POST {name, priority, match, conditions, actions, enabled?}: a new rule (categories by id) → 201. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "rules:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "POST") throw new AppError("bad_request", `${args.request.method} is not supported here; use POST.`);
    return json(await createRule(auth, await readJsonBody(args.request)), { status: 201 });
  });
}
