import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { updateAccount } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

/** PATCH /api/v1/accounts/:id {name?, accountNumber?} → the account (number masked). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "accounts:manage");
  return apiHandler(args.request, async () => {
    if (args.request.method !== "PATCH") throw new AppError("bad_request", `${args.request.method} is not supported here; use PATCH.`);
    const id = z.string().uuid("No such account").parse(args.params.id);
    return json(await updateAccount(auth, id, await readJsonBody(args.request)));
  });
}
