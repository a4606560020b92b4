import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { createApiKey, listApiKeys } from "~/services/api-keys.server";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** GET: the organisation's API keys (never a secret). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  return apiHandler(args.request, async () => json({ apiKeys: await listApiKeys(auth) }));
}

/** POST {name, role}: a new key → 201 { apiKey, token } — the token is shown this once. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "apikeys:manage");
  return apiHandler(args.request, async () => {
    const created = await createApiKey(auth, await readJsonBody(args.request));
    return json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
