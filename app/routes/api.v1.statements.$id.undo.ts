import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { undoStatement } from "~/services/imports.server";

const UndoRequest = z.object({
  reason: z.string().trim().min(3, "Say why the import is undone (at least 3 characters)").max(500),
});

/** POST /api/v1/statements/:id/undo {reason} → the statement, now `undone`. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "statements:undo");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such statement").parse(args.params.id);
    const { reason } = UndoRequest.parse(await readJsonBody(args.request));
    return json(await undoStatement(auth, id, reason));
  });
}
