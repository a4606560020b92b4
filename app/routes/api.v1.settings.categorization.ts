import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { currentThreshold, setAutoApplyThreshold } from "~/services/categories.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** GET: the auto-categorization threshold in force (model suggestions at or above it apply by themselves). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json({ threshold: await currentThreshold(auth) }));
}

/** PUT {threshold}: 0.50–1.00, audited. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "categories:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "PUT") throw new AppError("bad_request", `${args.request.method} is not supported here; use PUT.`);
    return json({ threshold: await setAutoApplyThreshold(auth, await readJsonBody(args.request)) });
  });
}
