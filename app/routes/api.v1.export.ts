import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, requireStepUp } from "~/services/auth.server";
import { exportLedger, ledgerExportQuery } from "~/services/exports.server";
import { apiHandler } from "~/services/http.server";

/**
 * GET ?format=csv|json&accountId&from&to → the ledger, every row, streamed (audited).
 * Operators and admins, after a fresh step-up.
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:export");
  requireStepUp(args, auth);
  return apiHandler(args.request, async () => {
    const query = ledgerExportQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
    return exportLedger(auth, query);
  });
}
