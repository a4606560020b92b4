import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { listTransferPairs } from "~/services/transfers.server";

/** GET ?status=proposed|confirmed|rejected: transfer pairs between the organisation's own accounts. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json(await listTransferPairs(auth, Object.fromEntries(new URL(args.request.url).searchParams))));
}
