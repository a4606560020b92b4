/**
 * Sign-in and sessions. The cookie holds only a sealed (iron-session) tenant id + session id;
 * the Session row is the truth, so logout, expiry and revocation end a session for real.
 * Idle timeout and absolute lifetime come from SESSION_IDLE_MINUTES / SESSION_MAX_HOURS.
 */
import { parse as parseCookie, serialize as serializeCookie } from "cookie";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";
import { isRole, type Role } from "../domain/permissions.ts";
import { audit } from "./audit.server.ts";
import { config } from "./config.server.ts";
import { decoyPasswordHash, verifyPassword } from "./crypto.server.ts";
import { withScope, withTenant } from "./db.server.ts";
import { loginThrottle } from "./throttle.server.ts";

export interface SessionContext {
  tenantId: string;
  tenantName: string;
  sessionId: string;
  role: Role;
  user: { id: string; email: string; name: string };
  /** When this session last proved a TOTP code (sign-in or step-up); null if never. */
  mfaVerifiedAt: Date | null;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const sealedSession = z.object({ t: z.string().uuid(), s: z.string().uuid() });

// lastSeenAt is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});

const INVALID_CREDENTIALS = "Email or password is incorrect.";

export async function signIn(
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<{ session: SessionContext; setCookie: string }> {
  const email = input.email.trim().toLowerCase();
  const throttle = loginThrottle();
  try {
    await throttle.check(email, client.ip);
  } catch (error) {
    if (isAppError(error) && error.code === "too_many_attempts") await auditAttempt(email, "auth.login_throttled", client);
    throw error;
  }
  const user = await withScope({ loginEmail: email }, (tx) => tx.user.findUnique({ where: { email } }));
  // Same work, same message whether the email is unknown or the password wrong.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user) {
    await throttle.failed(email, client.ip);
    throw new AppError("invalid_credentials", INVALID_CREDENTIALS);
  }

  const memberships = await withScope({ userId: user.id }, (tx) =>
    tx.membership.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, include: { tenant: true } }),
  );
  if (!passwordOk) {
    await throttle.failed(email, client.ip);
    await auditAttempt(email, "auth.login_failed", client);
    throw new AppError("invalid_credentials", INVALID_CREDENTIALS);
  }
  await throttle.succeeded(email);
  const membership = memberships[0];
  if (!membership || !isRole(membership.role)) {
    throw new AppError("forbidden", "This account is not a member of any organisation. Ask an administrator to invite you.");
  }

  const now = Date.now();
  const session = await withTenant(membership.tenantId, async (tx) => {
    const row = await tx.session.create({
      data: {
        tenantId: membership.tenantId,
        userId: user.id,
        expiresAt: new Date(now + config().session.maxMs),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512),
      },
    });
    await audit(tx, {
      tenantId: membership.tenantId,
      actorId: user.id,
      action: "auth.login",
      entityType: "session",
      entityId: row.id,
      ...client,
    });
    return row;
  });

  return {
    session: {
      tenantId: membership.tenantId,
      tenantName: membership.tenant.name,
      sessionId: session.id,
      role: membership.role,
      user: { id: user.id, email: user.email, name: user.name },
      mfaVerifiedAt: session.mfaVerifiedAt,
    },
    setCookie: await sessionCookie({ t: membership.tenantId, s: session.id }),
  };
}

/** Records a refused sign-in in each organisation of the user the email belongs to (if any). */
async function auditAttempt(email: string, action: "auth.login_failed" | "auth.login_throttled", client: ClientInfo): Promise<void> {
  const user = await withScope({ loginEmail: email }, (tx) => tx.user.findUnique({ where: { email } }));
  if (!user) return;
  const memberships = await withScope({ userId: user.id }, (tx) => tx.membership.findMany({ where: { userId: user.id } }));
  for (const m of memberships) {
    await withTenant(m.tenantId, (tx) => audit(tx, { tenantId: m.tenantId, actorId: user.id, action, entityType: "user", entityId: user.id, ...client }));
  }
}

async function sessionCookie(value: z.infer<typeof sealedSession>): Promise<string> {
  const { secret, maxMs, cookieName, secureCookie } = config().session;
  const sealed = await sealData(value, { password: secret, ttl: Math.floor(maxMs / 1000) });
  return serializeCookie(cookieName, sealed, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookie,
    path: "/",
    maxAge: Math.floor(maxMs / 1000),
  });
}

export function clearSessionCookie(): string {
  const { cookieName, secureCookie } = config().session;
  return serializeCookie(cookieName, "", { httpOnly: true, sameSite: "lax", secure: secureCookie, path: "/", maxAge: 0 });
}

async function readSealed(request: Request): Promise<z.infer<typeof sealedSession> | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const sealed = parseCookie(header)[config().session.cookieName];
  if (!sealed) return null;
  try {
    const data = await unsealData(sealed, { password: config().session.secret, ttl: Math.floor(config().session.maxMs / 1000) });
    const parsed = sealedSession.safeParse(data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // tampered, expired or sealed with another secret
  }
}

/** The live session behind the request's cookie, or null (no cookie, revoked, expired). */
export async function readSession(request: Request): Promise<SessionContext | null> {
  const sealed = await readSealed(request);
  if (!sealed) return null;
  const now = Date.now();
  return withTenant(sealed.t, async (tx) => {
    const row = await tx.session.findUnique({ where: { tenantId_id: { tenantId: sealed.t, id: sealed.s } } });
    if (!row || row.revokedAt || row.expiresAt.getTime() <= now) return null;
    if (row.lastSeenAt.getTime() + config().session.idleMs <= now) return null;
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: sealed.t, userId: row.userId } },
      include: { user: true, tenant: true },
    });
    // Removed from the tenant (or role no longer valid): the session is over.
    if (!membership || !isRole(membership.role)) return null;
    if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await tx.session.update({ where: { tenantId_id: { tenantId: sealed.t, id: sealed.s } }, data: { lastSeenAt: new Date(now) } });
    }
    return {
      tenantId: sealed.t,
      tenantName: membership.tenant.name,
      sessionId: row.id,
      role: membership.role,
      user: { id: membership.user.id, email: membership.user.email, name: membership.user.name },
      mfaVerifiedAt: row.mfaVerifiedAt,
    };
  });
}

/** Ends the request's session (if any) and returns the Set-Cookie that clears the cookie. */
export async function signOut(request: Request, client: ClientInfo): Promise<string> {
  const sealed = await readSealed(request);
  if (sealed) {
    await withTenant(sealed.t, async (tx) => {
      const row = await tx.session.findUnique({ where: { tenantId_id: { tenantId: sealed.t, id: sealed.s } } });
      if (!row || row.revokedAt) return;
      await tx.session.update({ where: { tenantId_id: { tenantId: sealed.t, id: sealed.s } }, data: { revokedAt: new Date() } });
      await audit(tx, { tenantId: sealed.t, actorId: row.userId, action: "auth.logout", entityType: "session", entityId: row.id, ...client });
    });
  }
  return clearSessionCookie();
}
