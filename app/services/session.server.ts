/**
 * Sign-in and sessions. The cookie holds only a sealed (iron-session) tenant id + session id;
 * the Session row is the truth, so logout, expiry and revocation end a session for real.
 * Idle timeout and absolute lifetime come from SESSION_IDLE_MINUTES / SESSION_MAX_HOURS, and
 * SESSION_ADMIN_IDLE_MINUTES / SESSION_ADMIN_MAX_HOURS for admins (app/domain/session-policy.ts).
 *
 * Every sign-in makes a new session (a session cookie presented at sign-in is ended, never
 * reused), and so does completing the two-factor challenge: no session id an attacker could
 * have planted before either step is worth anything after it.
 */
import { parse as parseCookie } from "cookie";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";
import { isRole, type Role } from "../domain/permissions.ts";
import { describeDevice, limitsFor, sessionEnd, setCookieHeader } from "../domain/session-policy.ts";
import { audit } from "./audit.server.ts";
import { config } from "./config.server.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./crypto.server.ts";
import { withScope, withTenant, type Tx } from "./db.server.ts";
import { deviceCookie, deviceHash, newDeviceId, readDeviceId, recordSignInDevice } from "./notifications.server.ts";
import { loginThrottle } from "./throttle.server.ts";

export { describeDevice };

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

/** The session limits of a role under the current configuration. */
export function sessionLimits(role: Role) {
  return limitsFor(role, config().session);
}

/**
 * Checks the password (throttled per email and per address) and starts a new session. The
 * request is the sign-in's own: a session cookie it carries is ended (no fixation), and its
 * device cookie (one is issued if missing) tells a new browser from a known one.
 * `setCookies` go on the response, each as its own Set-Cookie header.
 */
export async function signIn(
  input: { email: string; password: string },
  client: ClientInfo,
  request?: Request,
): Promise<{ session: SessionContext; setCookies: string[] }> {
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
  const role = membership.role;

  // Whatever session the browser brought is over: the new one never inherits its id.
  const presented = request ? await endPresentedSession(request, client) : null;
  const existingDevice = request ? readDeviceId(request) : null;
  const deviceId = existingDevice ?? newDeviceId();

  const now = Date.now();
  const session = await withTenant(membership.tenantId, async (tx) => {
    const device = await recordSignInDevice(tx, {
      tenantId: membership.tenantId,
      user: { id: user.id, name: user.name, email: user.email },
      deviceHash: deviceHash(deviceId),
      client,
    });
    const row = await tx.session.create({
      data: {
        tenantId: membership.tenantId,
        userId: user.id,
        expiresAt: new Date(now + sessionLimits(role).maxMs),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512),
        deviceHash: deviceHash(deviceId),
      },
    });
    await audit(tx, {
      tenantId: membership.tenantId,
      actorId: user.id,
      action: "auth.login",
      entityType: "session",
      entityId: row.id,
      after: { newDevice: device.newDevice, ...(presented ? { replacedSession: presented } : {}) },
      ...client,
    });
    return row;
  });

  const setCookies = [await issueSessionCookie(membership.tenantId, session.id, role)];
  if (!existingDevice) setCookies.push(deviceCookie(deviceId));
  return {
    session: {
      tenantId: membership.tenantId,
      tenantName: membership.tenant.name,
      sessionId: session.id,
      role,
      user: { id: user.id, email: user.email, name: user.name },
      mfaVerifiedAt: session.mfaVerifiedAt,
      mfaEnabled: membership.totpEnabledAt !== null,
    },
    setCookies,
  };
}

/** Response headers carrying each Set-Cookie separately (joined, they would not parse). */
export function cookieHeaders(setCookies: readonly string[], extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  for (const c of setCookies) headers.append("Set-Cookie", c);
  return headers;
}

/** Ends the session behind the request's cookie, if any is live; returns its id. */
async function endPresentedSession(request: Request, client: ClientInfo): Promise<string | null> {
  const sealed = await readSealed(request);
  if (!sealed) return null;
  return withTenant(sealed.t, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { tenantId: sealed.t, id: sealed.s, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (ended.count === 0) return null;
    const row = await tx.session.findUniqueOrThrow({ where: { tenantId_id: { tenantId: sealed.t, id: sealed.s } } });
    await audit(tx, {
      tenantId: sealed.t, actorId: row.userId, action: "auth.session_revoked", entityType: "session", entityId: row.id,
      after: { reason: "signed in again" }, ...client,
    });
    return row.id;
  });
}

/**
 * Replaces a session that has just proved its second factor with a new one (new id, verified
 * now), ending the old: the password-only session id is worth nothing afterwards. Same user,
 * device and absolute end. Runs inside the caller's transaction; returns the new id.
 */
export async function replaceVerifiedSession(tx: Tx, tenantId: string, sessionId: string, verifiedAt: Date): Promise<string> {
  const old = await tx.session.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: sessionId } } });
  const fresh = await tx.session.create({
    data: {
      tenantId, userId: old.userId, expiresAt: old.expiresAt, ip: old.ip, userAgent: old.userAgent,
      deviceHash: old.deviceHash, mfaVerifiedAt: verifiedAt, createdAt: verifiedAt, lastSeenAt: verifiedAt,
    },
  });
  await tx.session.update({ where: { tenantId_id: { tenantId, id: sessionId } }, data: { revokedAt: verifiedAt } });
  return fresh.id;
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

/** The Set-Cookie for a session: sealed (tenant, id), living as long as the role's sessions may. */
export async function issueSessionCookie(tenantId: string, sessionId: string, role: Role): Promise<string> {
  const { secret, cookieName, secureCookie } = config().session;
  const ttlSeconds = Math.floor(sessionLimits(role).maxMs / 1000);
  const sealed = await sealData({ t: tenantId, s: sessionId } satisfies z.infer<typeof sealedSession>, { password: secret, ttl: ttlSeconds });
  return setCookieHeader(cookieName, sealed, secureCookie, ttlSeconds);
}

/**
 * Something to show exactly once after a redirect (the recovery codes after an enrolment that
 * replaced the session: the page's loaders must run with the new cookie, so the form redirects).
 * Sealed like the session and bound to it, living two minutes, cleared when read.
 */
const ONCE_TTL_SECONDS = 120;
const onceCookieName = () => `${config().session.secureCookie ? "__Host-" : ""}cashline_once`;

export async function showOnceCookie(sessionId: string, value: unknown): Promise<string> {
  const sealed = await sealData({ s: sessionId, v: value }, { password: config().session.secret, ttl: ONCE_TTL_SECONDS });
  return setCookieHeader(onceCookieName(), sealed, config().session.secureCookie, ONCE_TTL_SECONDS);
}

/** The value sealed for this session by showOnceCookie, if any, and the Set-Cookie clearing it. */
export async function readShowOnce(request: Request, sessionId: string): Promise<{ value: unknown; clear: string } | null> {
  const sealed = parseCookie(request.headers.get("Cookie") ?? "")[onceCookieName()];
  if (!sealed) return null;
  const clear = setCookieHeader(onceCookieName(), "", config().session.secureCookie, 0);
  try {
    const data = (await unsealData(sealed, { password: config().session.secret, ttl: ONCE_TTL_SECONDS })) as { s?: unknown; v?: unknown };
    return { value: data.s === sessionId ? data.v : null, clear };
  } catch {
    return { value: null, clear };
  }
}

export function clearSessionCookie(): string {
  const { cookieName, secureCookie } = config().session;
  return setCookieHeader(cookieName, "", secureCookie, 0);
}

async function readSealed(request: Request): Promise<z.infer<typeof sealedSession> | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const sealed = parseCookie(header)[config().session.cookieName];
  if (!sealed) return null;
  try {
    // The seal's own expiry is the longest any session may live; the row decides the rest.
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
    if (!row) return null;
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: sealed.t, userId: row.userId } },
      include: { user: true, tenant: true },
    });
    // Removed from the tenant (or role no longer valid): the session is over.
    if (!membership || !isRole(membership.role)) return null;
    // Revoked, expired, idle too long for the member's role, or signed in before the password
    // last changed (which also ends sessions in the user's other organisations).
    if (sessionEnd(row, sessionLimits(membership.role), membership.user.passwordChangedAt, now) !== null) return null;
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

type SessionOwner = Pick<SessionContext, "tenantId" | "sessionId" | "user" | "role"> & { client: ClientInfo };

/** The user's live sessions in this organisation, this one first, then the most recently seen. */
export async function listSessions(who: SessionOwner): Promise<SessionView[]> {
  const now = new Date();
  const { rows, passwordChangedAt } = await withTenant(who.tenantId, async (tx) => ({
    rows: await tx.session.findMany({
      where: { tenantId: who.tenantId, userId: who.user.id, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { lastSeenAt: "desc" },
    }),
    passwordChangedAt: (await tx.user.findUniqueOrThrow({ where: { id: who.user.id }, select: { passwordChangedAt: true } })).passwordChangedAt,
  }));
  const limits = sessionLimits(who.role);
  return rows
    .filter((r) => sessionEnd(r, limits, passwordChangedAt, now.getTime()) === null)
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
