import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler } from "~/services/http.server";
import { reviewQueue } from "~/services/review.server";

/** GET ?limit: rows needing a person, newest statement first, each with its reasons and the model's suggestion. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json(await reviewQueue(auth, Object.fromEntries(new URL(args.request.url).searchParams))));
}
