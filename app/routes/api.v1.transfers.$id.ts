import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { decideTransfer } from "~/services/transfers.server";

/** POST {decision: "confirm" | "reject"}: a person decides a proposed pair (audited). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:edit");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such transfer pair").parse(args.params.id);
    return json(await decideTransfer(auth, id, await readJsonBody(args.request)));
  });
}
