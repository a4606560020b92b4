/**
 * Sign-ins from new devices tell the organisation's admins; admins' sessions end sooner than
 * everyone else's; a session cookie presented at sign-in is ended, never carried on.
 * Over real HTTP against the built app (the device cookie is what a browser would keep).
 */
import { describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, type TestTenant, ownerConnection } from "../support/fixtures.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
const SAFARI_IOS = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

const owner = ownerConnection();

const notificationsOf = (t: TestTenant, userId: string) =>
  withTenant(t.tenantId, (tx) => tx.notification.findMany({ where: { tenantId: t.tenantId, userId }, orderBy: { createdAt: "asc" } }));

describe("new-device notifications", () => {
  it("a first sign-in is not news; the same browser again is not; a new browser tells every admin, once", async () => {
    const t = await createTenant("Devices");
    const laptop = await signedIn(t.users.operator.email, FIREFOX);
    expect(laptop.cookieValue("cashline_device")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await notificationsOf(t, t.users.admin.id)).toHaveLength(0);

    // Same browser (it keeps its device cookie), signed in again: still nothing.
    await laptop.signIn(t.users.operator.email);
    expect(await notificationsOf(t, t.users.admin.id)).toHaveLength(0);

    // A phone: the admin is told who, on what, from where.
    await signedIn(t.users.operator.email, SAFARI_IOS);
    const [note, ...rest] = await notificationsOf(t, t.users.admin.id);
    expect(rest).toHaveLength(0);
    expect(note).toMatchObject({ kind: "auth.new_device", readAt: null });
    expect(note!.message).toMatch(/^operator user <operator-[0-9a-f]{8}@example\.test> signed in from a new device: Safari on iOS \(Mozilla\/5\.0 \(iPhone/);
    expect(note!.message).toMatch(/address (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)\.$/);
    // Only admins are told; the event is audited without the device id itself.
    expect(await notificationsOf(t, t.users.operator.id)).toHaveLength(0);
    expect(await notificationsOf(t, t.users["data-entry"].id)).toHaveLength(0);
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "auth.new_device" } }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: t.users.operator.id, after: { notified: 1 } });
    // Only the device cookie's hash is stored anywhere.
    const stored = await owner.query(`SELECT "deviceHash" FROM "KnownDevice" WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.operator.id]);
    expect(stored.rows).toHaveLength(2);
    for (const r of stored.rows) expect(r.deviceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows.map((r) => r.deviceHash)).not.toContain(laptop.cookieValue("cashline_device"));
  });

  it("a device cookie that is not one we issued counts as a new device, and is replaced", async () => {
    const t = await createTenant("Devices forged");
    await signedIn(t.users["data-entry"].email, FIREFOX);
    expect(await notificationsOf(t, t.users.admin.id)).toHaveLength(0);
    const c = new Client();
    c.userAgent = FIREFOX;
    c.cookie = "cashline_device=not-ours";
    await c.signIn(t.users["data-entry"].email);
    expect(c.cookieValue("cashline_device")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await notificationsOf(t, t.users.admin.id)).toHaveLength(1);
  });

  it("admins read them on the Notifications page, which marks them read; the header counts unread ones", async () => {
    const t = await createTenant("Devices page");
    const admin = await signedIn(t.users.admin.email, FIREFOX);
    await signedIn(t.users.operator.email, FIREFOX);
    await signedIn(t.users.operator.email, SAFARI_IOS);
    const before = await (await admin.fetch("/dashboard")).text();
    expect(before).toContain('<span class="badge" data-testid="unread-count">1</span>');
    const page = await (await admin.fetch("/notifications")).text();
    expect(page).toContain("signed in from a new device: Safari on iOS");
    expect((await notificationsOf(t, t.users.admin.id)).every((n) => n.readAt !== null)).toBe(true);
    expect(await (await admin.fetch("/dashboard")).text()).not.toContain('data-testid="unread-count"');
    // Another tenant's admin sees none of it.
    const other = await createTenant("Devices elsewhere");
    const foreign = await (await (await signedIn(other.users.admin.email)).fetch("/notifications")).text();
    expect(foreign).not.toContain("Safari on iOS");
  });
});

describe("admin session limits", () => {
  it("an admin's session idles out after 15 minutes, an operator's after 30", async () => {
    const t = await createTenant("Admin idle");
    const admin = await signedIn(t.users.admin.email);
    const operator = await signedIn(t.users.operator.email);
    await owner.query(`UPDATE "Session" SET "lastSeenAt" = now() - interval '16 minutes' WHERE "tenantId" = $1`, [t.tenantId]);
    expect((await admin.json("/api/v1/session")).status).toBe(401);
    expect((await operator.json("/api/v1/session")).status).toBe(200);
    await owner.query(`UPDATE "Session" SET "lastSeenAt" = now() - interval '31 minutes' WHERE "tenantId" = $1`, [t.tenantId]);
    expect((await operator.json("/api/v1/session")).status).toBe(401);
  });

  it("an admin's session ends 8 hours after sign-in however busy; a promotion shortens an open session", async () => {
    const t = await createTenant("Admin lifetime");
    const admin = await signedIn(t.users.admin.email);
    const operator = await signedIn(t.users.operator.email);
    // Signed in 9 hours ago and busy all along (seen just now).
    await owner.query(`UPDATE "Session" SET "createdAt" = now() - interval '9 hours', "lastSeenAt" = now() WHERE "tenantId" = $1`, [t.tenantId]);
    expect((await admin.json("/api/v1/session")).status).toBe(401);
    expect((await operator.json("/api/v1/session")).status).toBe(200);
    await owner.query(`UPDATE "Membership" SET role = 'admin' WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.operator.id]);
    expect((await operator.json("/api/v1/session")).status).toBe(401);
  });

  it("the cookie itself lives no longer than the role's sessions", async () => {
    const t = await createTenant("Admin cookie");
    const admin = new Client();
    const adminRes = await admin.fetch("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: t.users.admin.email, password: "correct horse battery staple" }),
    });
    const operatorRes = await new Client().fetch("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: t.users.operator.email, password: "correct horse battery staple" }),
    });
    const maxAge = (res: Response) => Number(/Max-Age=(\d+)/.exec(res.headers.getSetCookie().find((c) => c.startsWith("cashline_session="))!)![1]);
    expect(maxAge(adminRes)).toBe(8 * 3600);
    expect(maxAge(operatorRes)).toBe(12 * 3600);
  });
});

describe("no fixation", () => {
  it("a session cookie presented at sign-in is ended, audited, and never becomes the new session", async () => {
    const t = await createTenant("Fixation");
    const planted = await signedIn(t.users["data-entry"].email);
    const plantedCookie = planted.cookieValue()!;
    // The victim's browser carries the planted cookie and signs in as themselves.
    const victim = new Client();
    victim.cookie = `cashline_session=${plantedCookie}`;
    await victim.signIn(t.users.operator.email);
    expect(victim.cookieValue()).not.toBe(plantedCookie);
    expect((await victim.json("/api/v1/session")).body.role).toBe("operator");
    // The planted session is over for whoever holds it.
    expect((await planted.json("/api/v1/session")).status).toBe(401);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "auth.login", actorId: t.users.operator.id } }));
    expect(event!.after).toMatchObject({ replacedSession: expect.any(String) });
  });
});
