import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { listDuplicateCandidates } from "~/services/imports.server";

const Query = z.object({
  statementId: z.string().uuid("statementId must be a statement id").optional(),
  status: z.enum(["open", "dismissed", "confirmed"]).optional(),
});

/** GET /api/v1/duplicates?statementId&status → near-duplicates with score and reason. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  return apiHandler(args.request, async () => {
    const query = Query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
    return json({ candidates: await listDuplicateCandidates(auth, query) }, { headers: { "Cache-Control": "no-store" } });
  });
}
