import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { createCategory, listCategories } from "~/services/categories.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** GET ?archived=1: the organisation's categories by name (archived ones only when asked). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () =>
    json({ categories: await listCategories(auth, { archived: new URL(args.request.url).searchParams.get("archived") === "1" }) }),
  );
}

/** POST {name, kind}: a new category → 201 (a name already taken, in any case: 409). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "categories:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "POST") throw new AppError("bad_request", `${args.request.method} is not supported here; use POST.`);
    return json(await createCategory(auth, await readJsonBody(args.request)), { status: 201 });
  });
}
