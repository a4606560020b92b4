import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { updateCategory } from "~/services/categories.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** PATCH {name?, kind?, archived?}: rename, re-kind, archive or restore a category (audited). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "categories:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "PATCH") throw new AppError("bad_request", `${args.request.method} is not supported here; use PATCH.`);
    const id = z.string().uuid("No such category").parse(args.params.id);
    return json(await updateCategory(auth, id, await readJsonBody(args.request)));
  });
}
