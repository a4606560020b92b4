import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { reopenDuplicateCandidate, resolveDuplicateCandidate } from "~/services/imports.server";

const Decision = z.object({ decision: z.enum(["confirmed", "dismissed", "open"], { errorMap: () => ({ message: "decision: confirmed, dismissed or open" }) }) });

/** POST /api/v1/duplicates/:id {decision: "confirmed" | "dismissed" | "open"} — "open" takes a decision back. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "duplicates:resolve");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such duplicate candidate").parse(args.params.id);
    const { decision } = Decision.parse(await readJsonBody(args.request));
    if (decision === "open") await reopenDuplicateCandidate(auth, id);
    else await resolveDuplicateCandidate(auth, id, decision);
    return json({ id, status: decision });
  });
}
