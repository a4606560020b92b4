import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { decideProposal } from "~/services/proposals.server";

/** POST {decision: "approve" | "reject", note}: an operator decides a proposed change (a rejection says why). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:approve");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such proposed change").parse(args.params.id);
    return json(await decideProposal(auth, id, await readJsonBody(args.request)));
  });
}
