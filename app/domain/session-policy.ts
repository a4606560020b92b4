/**
 * The rules a session lives by, as pure functions: how long it may idle and live (admins
 * shorter), when it is over, how its cookies are written, and what a signed-in person may
 * reach before their second factor is settled. The services apply them to database rows and
 * requests (app/services/session.server.ts, auth.server.ts).
 */
import { serialize, type SerializeOptions } from "cookie";
import type { Role } from "./permissions.ts";

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

export interface SessionLimitSettings extends SessionLimits {
  admin: SessionLimits;
}

/** Admins get the shorter admin limits; everyone else the general ones. */
export function limitsFor(role: Role, settings: SessionLimitSettings): SessionLimits {
  return role === "admin" ? settings.admin : { idleMs: settings.idleMs, maxMs: settings.maxMs };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionEnd = "revoked" | "expired" | "idle" | "password_changed";

/**
 * Why the session is over at `now`, or null while it is alive. The absolute lifetime counts
 * from creation under the member's current role too, so a promotion to admin shortens it.
 */
export function sessionEnd(session: SessionTimes, limits: SessionLimits, passwordChangedAt: Date | null, now: number): SessionEnd | null {
  if (session.revokedAt) return "revoked";
  if (session.expiresAt.getTime() <= now || session.createdAt.getTime() + limits.maxMs <= now) return "expired";
  if (session.lastSeenAt.getTime() + limits.idleMs <= now) return "idle";
  if (passwordChangedAt && session.createdAt.getTime() < passwordChangedAt.getTime()) return "password_changed";
  return null;
}

/** Device cookies last as long as browsers allow (RFC 6265bis caps Max-Age at 400 days). */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;

/**
 * Every cookie the app sets: HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site subresource requests or posts), Path=/, never a Domain; Secure when `secure`
 * (production, where the names carry the __Host- prefix, which browsers accept only so).
 */
export function cookieAttributes(secure: boolean, maxAgeSeconds: number): SerializeOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}

export function setCookieHeader(name: string, value: string, secure: boolean, maxAgeSeconds: number): string {
  if (name.startsWith("__Host-") && !secure) throw new Error(`${name}: a __Host- cookie must be Secure`);
  return serialize(name, value, cookieAttributes(secure, maxAgeSeconds));
}

export interface SecondFactorState {
  role: Role;
  /** The member turned two-factor sign-in on. */
  mfaEnabled: boolean;
  /** This session proved a code (at sign-in or a step-up). */
  mfaVerifiedAt: Date | null;
}

/** Where only an admin without two-factor sign-in may go: turning it on. */
export const ENROLMENT_PATHS: readonly string[] = ["/settings/mfa", "/api/v1/mfa"];

/**
 * What the guard does before the permission check:
 *  - "challenge": password only so far, the member has MFA: the code comes before anything;
 *  - "enrol": an admin without MFA: turning it on comes before anything but enrolment;
 *  - "pass": carry on.
 */
export function secondFactorGate(state: SecondFactorState, pathname: string): "pass" | "challenge" | "enrol" {
  if (state.mfaEnabled) return state.mfaVerifiedAt === null ? "challenge" : "pass";
  if (state.role !== "admin") return "pass";
  const path = pathname.replace(/\/+$/, "") || "/";
  return ENROLMENT_PATHS.includes(path) ? "pass" : "enrol";
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

/** What an admin reads when a member signs in from a browser not seen before. */
export function newDeviceMessage(user: { name: string; email: string }, device: { userAgent: string | null; ip: string | null }): string {
  const agent = device.userAgent ? ` (${device.userAgent.slice(0, 200)})` : "";
  return `${user.name} <${user.email}> signed in from a new device: ${describeDevice(device.userAgent)}${agent}, address ${device.ip ?? "unknown"}.`;
}
