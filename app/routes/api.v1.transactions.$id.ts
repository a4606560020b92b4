import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { categorizeTransaction } from "~/services/review.server";

/** PATCH {version, categoryId, note?}: a person categorizes a row (optimistic concurrency: 409 on a stale version; 202 with a proposal for a protected row). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:edit");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "PATCH") throw new AppError("bad_request", `${args.request.method} is not supported here; use PATCH.`);
    const id = z.string().uuid("No such transaction").parse(args.params.id);
    const result = await categorizeTransaction(auth, id, await readJsonBody(args.request));
    // A protected row edited by someone who cannot approve: accepted as a proposal, not applied.
    return json(result, { status: "proposal" in result ? 202 : 200 });
  });
}
