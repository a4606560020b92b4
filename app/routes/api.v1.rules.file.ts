import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { exportRulesFile, importRulesFile } from "~/services/rules.server";

/** GET: the rules as a JSON file ({version: 1, rules}, categories by name). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "rules:manage");
  return apiHandler(args.request, async () =>
    json(await exportRulesFile(auth), { headers: { "Content-Disposition": `attachment; filename="cashline-rules.json"` } }),
  );
}

/** POST a rules file: its rules are added (all or nothing), categories matched by name. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "rules:manage");
  return apiHandler(args.request, async () => json(await importRulesFile(auth, await readJsonBody(args.request)), { status: 201 }));
}
