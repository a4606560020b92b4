import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { listSessions, revokeOtherSessions } from "~/services/session.server";

/** GET: my active sessions here (device, IP, created, last seen; this one marked). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => json({ sessions: await listSessions(auth) }));
}

const SessionsAction = z.object({ action: z.literal("revoke-others", { errorMap: () => ({ message: 'Send {"action": "revoke-others"}' }) }) });

/** POST {action: "revoke-others"}: sign out everywhere else → { ended }. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    SessionsAction.parse(await readJsonBody(args.request));
    return json({ ended: await revokeOtherSessions(auth) });
  });
}
