import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { listTransactions } from "~/services/ledger.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => {
    const params = Object.fromEntries(new URL(args.request.url).searchParams);
    return json(await listTransactions(auth, params));
  });
}
