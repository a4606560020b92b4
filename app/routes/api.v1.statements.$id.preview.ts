import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { previewStatement } from "~/services/profiles.server";

const Id = z.string().uuid("No such statement");

/** GET /api/v1/statements/:id/preview → the CSV read with its detected (or saved) mapping. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  return apiHandler(args.request, async () =>
    json(await previewStatement(auth, Id.parse(args.params.id)), { headers: { "Cache-Control": "no-store" } }),
  );
}

/** POST /api/v1/statements/:id/preview {layout} → the same file read with an adjusted mapping. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "statements:upload");
  return apiHandler(args.request, async () => {
    const { layout } = z.object({ layout: z.unknown() }).parse(await readJsonBody(args.request));
    return json(await previewStatement(auth, Id.parse(args.params.id), layout ?? null), { headers: { "Cache-Control": "no-store" } });
  });
}
