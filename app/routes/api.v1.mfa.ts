import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { confirmEnrolment, disableMfa, mfaStatus, regenerateRecoveryCodes, startEnrolment } from "~/services/mfa.server";

/** GET → { enabled, enabledAt, pending, recoveryCodesLeft, mayDisable }. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => json(await mfaStatus(auth)));
}

const MfaRequest = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start") }),
  z.object({ action: z.literal("confirm"), code: z.string() }),
  z.object({ action: z.literal("disable"), code: z.string() }),
  z.object({ action: z.literal("regenerate-recovery-codes"), code: z.string() }),
], { errorMap: () => ({ message: "Send action start, confirm, disable or regenerate-recovery-codes (with code for all but start)." }) });

/**
 * POST {action: "start"} → { secret, otpauthUri } (add it to an authenticator app);
 * POST {action: "confirm", code} → { recoveryCodes } (shown this once; MFA is now on);
 * POST {action: "disable", code} → { ok } (not for admins);
 * POST {action: "regenerate-recovery-codes", code} → { recoveryCodes } (the old ones stop working).
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return apiHandler(args.request, async () => {
    const request = MfaRequest.parse(await readJsonBody(args.request));
    switch (request.action) {
      case "start":
        return json(await startEnrolment(auth));
      case "confirm": {
        const { recoveryCodes, setCookie } = await confirmEnrolment(auth, request);
        return json({ recoveryCodes }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
      }
      case "disable":
        await disableMfa(auth, request);
        return json({ ok: true });
      case "regenerate-recovery-codes":
        return json(await regenerateRecoveryCodes(auth, request));
    }
  });
}
