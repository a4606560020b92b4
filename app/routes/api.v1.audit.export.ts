import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, requireStepUp } from "~/services/auth.server";
import { auditExportQuery, exportAuditLog } from "~/services/exports.server";
import { apiHandler } from "~/services/http.server";

/**
 * GET ?format=jsonl|csv&action&actorId&entityType&entityId&from&to → the audit log, oldest
 * first, streamed as a download; admins, after a fresh step-up; audited as audit.exported.
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "audit:read");
  requireStepUp(args, auth);
  return apiHandler(args.request, async () => {
    const query = auditExportQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
    return exportAuditLog(auth, query);
  });
}
