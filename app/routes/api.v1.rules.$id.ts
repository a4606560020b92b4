import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { deleteRule, updateRule } from "~/services/rules.server";

/** PATCH (the whole rule) changes it; DELETE removes it. Both audited. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "rules:manage");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such rule").parse(args.params.id);
    if (args.request.method === "PATCH") return json(await updateRule(auth, id, await readJsonBody(args.request)));
    if (args.request.method !== "DELETE") throw new AppError("bad_request", "Use PATCH with the rule to change it, or DELETE to remove it.");
    await deleteRule(auth, id);
    return new Response(null, { status: 204 });
  });
}
