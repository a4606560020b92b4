import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { listPeriodLocks, lockPeriod } from "~/services/period-locks.server";

/** GET: every lock, newest first (unlocked ones with who and why). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return apiHandler(args.request, async () => json({ locks: await listPeriodLocks(auth) }));
}

/** POST {accountId?, through, reason?}: locks the account (or every account) through the date. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "locks:manage");
  return apiHandler(args.request, async () => json(await lockPeriod(auth, await readJsonBody(args.request)), { status: 201 }));
}
