import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { createAccount, listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "accounts:read");
  return apiHandler(args.request, async () => json({ accounts: await listAccounts(auth) }));
}

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "accounts:manage");
  return apiHandler(args.request, async () => {
    const account = await createAccount(auth, await readJsonBody(args.request));
    return json(account, { status: 201 });
  });
}
