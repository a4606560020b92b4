import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { secondFactorGate } from "~/domain/session-policy";
import { clientInfo, publicRoute, requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { cookieHeaders, credentialsSchema, signIn, signOut } from "~/services/session.server";

/** GET: who am I. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return json({ user: auth.user, role: auth.role, tenant: { id: auth.tenantId, name: auth.tenantName } });
}

/** POST {email, password}: sign in (sets the cookie). DELETE: sign out. */
export async function action(args: ActionFunctionArgs) {
  await publicRoute(args);
  const { request } = args;
  return apiHandler(request, async () => {
    if (request.method === "DELETE") {
      const setCookie = await signOut(request, clientInfo(args));
      return json({ ok: true }, { headers: { "Set-Cookie": setCookie } });
    }
    if (request.method !== "POST") throw new AppError("bad_request", `${request.method} is not supported here; use POST or DELETE.`);
    const credentials = credentialsSchema.parse(await readJsonBody(request));
    const { session, setCookies } = await signIn(credentials, clientInfo(args), request);
    return json(
      {
        user: session.user,
        role: session.role,
        tenant: { id: session.tenantId, name: session.tenantName },
        // true: send the authenticator code to POST /api/v1/session/mfa before anything else.
        mfaRequired: session.mfaEnabled,
        // true: an admin without MFA: POST /api/v1/mfa (start, confirm) before anything else.
        mfaEnrolmentRequired: secondFactorGate(session, "/") === "enrol",
      },
      { headers: cookieHeaders(setCookies) },
    );
  });
}
