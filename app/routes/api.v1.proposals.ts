import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { listProposals } from "~/services/proposals.server";

/** GET ?status=pending|approved|rejected: changes proposed to reconciled or approved rows (maker-checker). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json(await listProposals(auth, Object.fromEntries(new URL(args.request.url).searchParams))));
}
