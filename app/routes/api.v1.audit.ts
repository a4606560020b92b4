import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { auditChainStatus, auditListSchema, listAuditEvents } from "~/services/audit.server";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";

/**
 * GET ?action&actorId&entityType&entityId&from&to&before&limit[&verify=1] → the audit log,
 * newest first, a page at a time (by seq); with verify=1 also the chain recomputed now.
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "audit:read");
  return apiHandler(args.request, async () => {
    const { verify, ...params } = Object.fromEntries(new URL(args.request.url).searchParams);
    const page = await listAuditEvents(auth.tenantId, auditListSchema.parse(params));
    const chain = verify === "1" || verify === "true" ? await auditChainStatus(auth.tenantId) : undefined;
    return json({ ...page, ...(chain ? { chain } : {}) }, { headers: { "Cache-Control": "no-store" } });
  });
}
