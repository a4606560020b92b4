import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { importProfiles, listProfiles } from "~/services/profiles.server";

/** GET /api/v1/profiles → the saved CSV mappings as JSON (the export format). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "profiles:manage");
  return apiHandler(args.request, async () => json({ profiles: await listProfiles(auth) }, { headers: { "Cache-Control": "no-store" } }));
}

/** POST /api/v1/profiles {profiles: [...]} → imports profiles exported from another organisation. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "profiles:manage");
  return apiHandler(args.request, async () => {
    const body = (await readJsonBody(args.request)) as { profiles?: unknown } | null;
    return json(await importProfiles(auth, body?.profiles), { status: 201 });
  });
}
