/**
 * The guard. Every loader and action starts with exactly one of:
 *   const auth = await requirePermission(args, "ledger:read");   // signed-in, allowed
 *   const auth = await publicRoute(args);                        // login page, health check
 * No session → redirect to /login for pages, 401 JSON for /api. Wrong role → 403.
 * Permissions come only from the table in app/domain/permissions.ts.
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import { AppError } from "../domain/errors.ts";
import { can, type Permission } from "../domain/permissions.ts";
import { secondFactorGate } from "../domain/session-policy.ts";
import { errorResponse, isApiRequest } from "./http.server.ts";
import { readSession, type ClientInfo, type SessionContext } from "./session.server.ts";
import { apiKeyAuth } from "./api-keys.server.ts";

export interface RouteArgs {
  request: Request;
  context: AppLoadContext;
}

export interface AuthContext extends SessionContext {
  client: ClientInfo;
  /** Set when an API key (Bearer token on /api/v1) made the request; `user` then describes the key. */
  apiKey?: { id: string; name: string } | null;
}

/** Who to record in the audit log: the person, or the API key (actorType "api_key"). */
export function actorOf(auth: { user: { id: string }; apiKey?: { id: string } | null }): { actorId: string; actorType?: "api_key" } {
  return auth.apiKey ? { actorId: auth.apiKey.id, actorType: "api_key" } : { actorId: auth.user.id };
}

export function clientInfo({ request, context }: RouteArgs): ClientInfo {
  return { ip: context.clientIp ?? null, userAgent: request.headers.get("User-Agent") };
}

export async function requirePermission(args: RouteArgs, permission: Permission): Promise<AuthContext> {
  // `Authorization: Bearer` on /api/v1 only (api-keys.server.ts); pages ignore it.
  const byKey = await apiKeyAuth(args, permission);
  if (byKey) return byKey;
  const session = await readSession(args.request);
  if (!session) {
    if (isApiRequest(args.request)) {
      throw errorResponse(args.request, new AppError("unauthenticated", "Sign in first: no valid session."));
    }
    const url = new URL(args.request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  const url = new URL(args.request.url);
  const gate = secondFactorGate(session, url.pathname);
  if (gate !== "pass") {
    // Password only, so far (challenge), or an admin without MFA (enrol): that comes first.
    if (isApiRequest(args.request)) {
      throw errorResponse(
        args.request,
        gate === "challenge"
          ? new AppError("mfa_required", "Enter the code from your authenticator app first (POST /api/v1/session/mfa).")
          : new AppError("mfa_enrolment_required", "Admins must turn on two-factor sign-in before anything else (POST /api/v1/mfa, or Settings → Two-factor sign-in)."),
      );
    }
    const back = encodeURIComponent(`${url.pathname}${url.search}`);
    throw redirect(gate === "challenge" ? `/login/mfa?redirectTo=${back}` : `/settings/mfa?redirectTo=${back}`);
  }
  if (!can(session.role, permission)) {
    throw errorResponse(
      args.request,
      new AppError("forbidden", `Your role (${session.role}) does not allow this (${permission}).`),
    );
  }
  return { ...session, client: clientInfo(args) };
}

/** For the few routes anyone may reach; still the one call at the top, so the route test
 *  can see every route made a decision. Returns the session when there is one. */
export async function publicRoute(args: RouteArgs): Promise<AuthContext | null> {
  const session = await readSession(args.request);
  return session ? { ...session, client: clientInfo(args) } : null;
}

/** How recent a TOTP proof must be for a sensitive action. */
export const STEP_UP_MAX_AGE_MS = 5 * 60_000;

/**
 * Step-up: exports, role changes and period unlocks call this right after the guard. It
 * passes only when this session proved a TOTP code within STEP_UP_MAX_AGE_MS; otherwise a
 * page is sent to /step-up (which returns here), an API caller gets `step_up_required`.
 */
export function requireStepUp(args: RouteArgs, auth: AuthContext, now = Date.now()): void {
  if (auth.apiKey) {
    // A key has no authenticator to prove: sensitive actions stay with people.
    throw errorResponse(args.request, new AppError("forbidden", "An API key cannot do this: it needs a person who has just confirmed a code from their authenticator app. Do it signed in, in the app."));
  }
  const fresh = auth.mfaVerifiedAt !== null && now - auth.mfaVerifiedAt.getTime() <= STEP_UP_MAX_AGE_MS;
  if (fresh) return;
  const url = new URL(args.request.url);
  const stepUpUrl = `/step-up?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
  if (isApiRequest(args.request) || args.request.method !== "GET") {
    throw errorResponse(
      args.request,
      new AppError("step_up_required", "Confirm it is you: enter a current code from your authenticator app first.", { stepUpUrl }),
    );
  }
  throw redirect(stepUpUrl);
}
