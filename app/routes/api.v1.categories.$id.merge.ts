import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { mergeCategory } from "~/services/categories.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** POST {into}: merge this category into another (rows that may change move; it is archived). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "categories:manage");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such category").parse(args.params.id);
    return json(await mergeCategory(auth, id, await readJsonBody(args.request)));
  });
}
