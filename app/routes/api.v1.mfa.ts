import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { confirmEnrolment, startEnrolment } from "~/services/mfa.server";

const MfaRequest = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start") }),
  z.object({ action: z.literal("confirm"), code: z.string() }),
]);

/**
 * POST {action: "start"} → { secret, otpauthUri } (add it to an authenticator app);
 * POST {action: "confirm", code} → { recoveryCodes } (shown this once; MFA is now on).
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    const request = MfaRequest.parse(await readJsonBody(args.request));
    return json(request.action === "start" ? await startEnrolment(auth) : await confirmEnrolment(auth, request));
  });
}
