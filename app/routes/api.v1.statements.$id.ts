import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { getStatement } from "~/services/statements.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  return apiHandler(args.request, async () => {
    const id = z.string().uuid("No such statement").parse(args.params.id);
    return json(await getStatement(auth, id), { headers: { "Cache-Control": "no-store" } });
  });
}
