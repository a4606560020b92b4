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
import { decoyPasswordHash, hashPassword, verifyPassword } from "./crypto.server.ts";
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
  /** The member has two-factor sign-in on: a session not yet verified reaches only the challenge. */
  mfaEnabled: boolean;
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
      mfaEnabled: membership.totpEnabledAt !== null,
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
    // Signed in before the password last changed: over (the change revoked it; this also
    // ends sessions in the user's other organisations).
    if (membership.user.passwordChangedAt && row.createdAt.getTime() < membership.user.passwordChangedAt.getTime()) return null;
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
      mfaEnabled: membership.totpEnabledAt !== null,
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

// ---------------------------------------------------------------------------------------
// One's own sessions: see them, end one, end all the others, change the password.

export interface SessionView {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  /** The browser and system, in a few words, from the user agent. */
  device: string;
}

type SessionOwner = Pick<SessionContext, "tenantId" | "sessionId" | "user"> & { client: ClientInfo };

/** The user's live sessions in this organisation, this one first, then the most recently seen. */
export async function listSessions(who: SessionOwner): Promise<SessionView[]> {
  const now = new Date();
  const rows = await withTenant(who.tenantId, (tx) =>
    tx.session.findMany({
      where: { tenantId: who.tenantId, userId: who.user.id, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { lastSeenAt: "desc" },
    }),
  );
  return rows
    .filter((r) => r.lastSeenAt.getTime() + config().session.idleMs > now.getTime())
    .map((r) => ({
      id: r.id,
      current: r.id === who.sessionId,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      ip: r.ip,
      device: describeDevice(r.userAgent),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions (audited); another user's session is not found. */
export async function revokeSession(who: SessionOwner, sessionId: string): Promise<void> {
  await withTenant(who.tenantId, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { tenantId: who.tenantId, id: sessionId, userId: who.user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (ended.count === 0) throw new AppError("not_found", "No such active session of yours.");
    await audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.session_revoked", entityType: "session", entityId: sessionId, ...who.client });
  });
}

/** "Sign out everywhere else": every other session of the user in this organisation ends. */
export async function revokeOtherSessions(who: SessionOwner): Promise<number> {
  return withTenant(who.tenantId, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { tenantId: who.tenantId, userId: who.user.id, revokedAt: null, id: { not: who.sessionId } },
      data: { revokedAt: new Date() },
    });
    await audit(tx, {
      tenantId: who.tenantId, actorId: who.user.id, action: "auth.sessions_revoked", entityType: "user", entityId: who.user.id,
      after: { ended: ended.count, kept: who.sessionId }, ...who.client,
    });
    return ended.count;
  });
}

export const passwordChangeSchema = z.object({
  current: z.string().min(1, "Enter your current password"),
  next: z.string().min(12, "Choose a new password of at least 12 characters").max(1024),
});

/**
 * Changes the user's password after checking the current one. Every other session of the user
 * ends, in every organisation (passwordChangedAt); this one continues. Audited.
 */
export async function changePassword(who: SessionOwner, input: unknown): Promise<void> {
  const { current, next } = passwordChangeSchema.parse(input);
  const user = await withTenant(who.tenantId, (tx) => tx.user.findUniqueOrThrow({ where: { id: who.user.id } }));
  if (!(await verifyPassword(current, user.passwordHash))) {
    throw new AppError("validation_failed", "current: Your current password is not this one.", { fields: { current: "Your current password is not this one." } });
  }
  if (current === next) throw new AppError("validation_failed", "next: Choose a password different from the current one.");
  const passwordHash = await hashPassword(next);
  await withTenant(who.tenantId, async (tx) => {
    const changedAt = new Date();
    await tx.user.update({ where: { id: who.user.id }, data: { passwordHash, passwordChangedAt: changedAt } });
    // This session was created before the change: it carries on as a fresh one.
    await tx.session.update({ where: { tenantId_id: { tenantId: who.tenantId, id: who.sessionId } }, data: { createdAt: changedAt } });
    await tx.session.updateMany({
      where: { tenantId: who.tenantId, userId: who.user.id, revokedAt: null, id: { not: who.sessionId } },
      data: { revokedAt: changedAt },
    });
    await audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.password_changed", entityType: "user", entityId: who.user.id, ...who.client });
  });
}

/** "Firefox on Windows": enough to recognize one's own devices in the list. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari" : /curl\//.test(userAgent) ? "curl" : /node|undici/i.test(userAgent) ? "Script" : "Browser";
  const system = /Windows/.test(userAgent) ? "Windows" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS"
    : /Mac OS X|Macintosh/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : null;
  return system ? `${browser} on ${system}` : browser;
}
