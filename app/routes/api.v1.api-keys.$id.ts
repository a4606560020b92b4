import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { getApiKey, revokeApiKey } from "~/services/api-keys.server";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";

/** GET: one key (never its secret). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid(`No API key ${args.params.id} in this organisation.`).parse(args.params.id);
    return json(await getApiKey(auth, id));
  });
}

/** DELETE: revokes the key (audited); it answers 401 from then on. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "DELETE") throw new AppError("bad_request", "Use DELETE to revoke an API key.");
    return json(await revokeApiKey(auth, args.params.id ?? ""));
  });
}
