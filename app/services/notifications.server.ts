/**
 * Known devices and in-app notifications. A long-lived random cookie names a browser; only its
 * sha256 is stored (Session.deviceHash, KnownDevice). When someone who has signed in before
 * signs in from a browser not seen before, every admin of the organisation is told.
 */
import { createHash, randomBytes } from "node:crypto";
import { parse as parseCookie } from "cookie";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, newDeviceMessage, setCookieHeader } from "../domain/session-policy.ts";
import { audit } from "./audit.server.ts";
import { config } from "./config.server.ts";
import { withTenant, type Tx } from "./db.server.ts";
import type { ClientInfo } from "./session.server.ts";

export const NEW_DEVICE = "auth.new_device";

// 32 random bytes, base64url: what newDeviceId() makes; anything else is not our cookie.
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/** The browser's device id from its cookie, or null (none yet, or not one we issued). */
export function readDeviceId(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const value = parseCookie(header)[config().session.deviceCookieName];
  return value && DEVICE_ID.test(value) ? value : null;
}

export function newDeviceId(): string {
  return randomBytes(32).toString("base64url");
}

export function deviceHash(deviceId: string): string {
  return createHash("sha256").update(deviceId).digest("hex");
}

export function deviceCookie(deviceId: string): string {
  const { deviceCookieName, secureCookie } = config().session;
  return setCookieHeader(deviceCookieName, deviceId, secureCookie, DEVICE_COOKIE_MAX_AGE_SECONDS);
}

/**
 * Records the sign-in's device (inside the sign-in's transaction, before its session row is
 * made). A device new to a user who has signed in here before notifies each admin.
 * Returns whether the device was new.
 */
export async function recordSignInDevice(
  tx: Tx,
  sign: { tenantId: string; user: { id: string; name: string; email: string }; deviceHash: string; client: ClientInfo },
): Promise<{ newDevice: boolean; notified: number }> {
  const { tenantId, user, client } = sign;
  const key = { tenantId_userId_deviceHash: { tenantId, userId: user.id, deviceHash: sign.deviceHash } };
  const known = await tx.knownDevice.findUnique({ where: key });
  const now = new Date();
  if (known) {
    await tx.knownDevice.update({ where: key, data: { lastSeenAt: now, ip: client.ip, userAgent: client.userAgent?.slice(0, 512) } });
    return { newDevice: false, notified: 0 };
  }
  // Signed in before: an earlier session here, or a device already known (sessions made before
  // devices were recorded count too). A first sign-in ever is not news.
  const before =
    (await tx.session.findFirst({ where: { tenantId, userId: user.id }, select: { id: true } })) !== null ||
    (await tx.knownDevice.findFirst({ where: { tenantId, userId: user.id }, select: { deviceHash: true } })) !== null;
  await tx.knownDevice.create({
    data: { tenantId, userId: user.id, deviceHash: sign.deviceHash, ip: client.ip, userAgent: client.userAgent?.slice(0, 512), firstSeenAt: now, lastSeenAt: now },
  });
  if (!before) return { newDevice: true, notified: 0 };

  const admins = await tx.membership.findMany({ where: { tenantId, role: "admin" }, select: { userId: true } });
  const message = newDeviceMessage(user, client);
  const data = { userId: user.id, email: user.email, ip: client.ip, userAgent: client.userAgent?.slice(0, 512) ?? null };
  await tx.notification.createMany({ data: admins.map((a) => ({ tenantId, userId: a.userId, kind: NEW_DEVICE, message, data })) });
  await audit(tx, {
    tenantId, actorId: user.id, action: NEW_DEVICE, entityType: "user", entityId: user.id,
    after: { notified: admins.length, device: sign.deviceHash.slice(0, 12) }, ...client,
  });
  return { newDevice: true, notified: admins.length };
}

export interface NotificationView {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
  /** Unread until this page load. */
  unread: boolean;
}

/** The member's notifications, newest first (the latest 100); reading them marks them read. */
export async function readNotifications(who: { tenantId: string; user: { id: string } }): Promise<NotificationView[]> {
  return withTenant(who.tenantId, async (tx) => {
    const rows = await tx.notification.findMany({
      where: { tenantId: who.tenantId, userId: who.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
    });
    const unread = rows.filter((r) => r.readAt === null).map((r) => r.id);
    if (unread.length > 0) {
      await tx.notification.updateMany({ where: { tenantId: who.tenantId, userId: who.user.id, id: { in: unread } }, data: { readAt: new Date() } });
    }
    return rows.map((r) => ({ id: r.id, kind: r.kind, message: r.message, createdAt: r.createdAt.toISOString(), unread: r.readAt === null }));
  });
}

export async function unreadNotificationCount(who: { tenantId: string; user: { id: string } }): Promise<number> {
  return withTenant(who.tenantId, (tx) => tx.notification.count({ where: { tenantId: who.tenantId, userId: who.user.id, readAt: null } }));
}
