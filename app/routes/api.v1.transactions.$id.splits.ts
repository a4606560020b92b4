import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { splitTransaction } from "~/services/review.server";

/** PUT {version, parts: [{amount, categoryId?, note?}]}: the row's split, replaced (an empty list removes it); 202 with a proposal for a protected row. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:edit");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "PUT") throw new AppError("bad_request", `${args.request.method} is not supported here; use PUT.`);
    const id = z.string().uuid("No such transaction").parse(args.params.id);
    const result = await splitTransaction(auth, id, await readJsonBody(args.request));
    // A protected row edited by someone who cannot approve: accepted as a proposal, not applied.
    return json(result, { status: "proposal" in result ? 202 : 200 });
  });
}
