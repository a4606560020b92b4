import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { confirmMapping } from "~/services/profiles.server";

/** POST /api/v1/statements/:id/mapping {layout, name?} → saves the profile and imports the file with it (202). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "statements:upload");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such statement").parse(args.params.id);
    const result = await confirmMapping(auth, id, await readJsonBody(args.request));
    return json({ id, status: "queued", ...result }, { status: 202 });
  });
}
