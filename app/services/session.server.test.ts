/**
 * Sessions over real HTTP: cookie flags, a generic sign-in failure, logout and expiry that
 * really end the session server-side, and cookies that cannot be forged or replayed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, createTenant, TEST_PASSWORD, type TestTenant } from "../../tests/support/fixtures.ts";
import { withTenant } from "./db.server.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await createTenant("Sessions");
});

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax cookie holding only a sealed id, and records the login", async () => {
    const c = new Client();
    const res = await c.signIn(t.users.operator.email);
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^cashline_session=Fe26\.2\*/); // iron-session seal
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(t.users.operator.id);
    const me = await c.json("/api/v1/session");
    expect(me.body).toMatchObject({ role: "operator", user: { email: t.users.operator.email }, tenant: { id: t.tenantId } });
    const logins = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { action: "auth.login", actorId: t.users.operator.id } }));
    expect(logins.length).toBeGreaterThan(0);
  });

  it("gives the same answer for an unknown email and a wrong password, and audits the failure", async () => {
    const unknown = await new Client().json("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "nobody@example.test", password: "x" }),
    });
    const wrong = await new Client().json("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: t.users.admin.email, password: "wrong password" }),
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: { code: "invalid_credentials", message: "Email or password is incorrect." } });
    const failed = await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { action: "auth.login_failed", actorId: t.users.admin.id } }));
    expect(failed).toBe(1);
  });

  it("validates the body with a specific message", async () => {
    const res = await new Client().json("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "not-an-email", password: "" }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toMatch(/email: Enter a valid email address/);
  });

  it("issues a new session id on every sign-in (no fixation)", async () => {
    const one = new Client();
    await one.signIn(t.users.admin.email);
    const first = one.cookie;
    await one.signIn(t.users.admin.email);
    expect(one.cookie).not.toBe(first);
  });
});

describe("ending sessions", () => {
  it("logout revokes the session: the old cookie no longer works", async () => {
    const c = new Client();
    await c.signIn(t.users["data-entry"].email);
    const stolen = c.cookie;
    expect((await c.json("/api/v1/session")).status).toBe(200);
    const out = await c.fetch("/api/v1/session", { method: "DELETE" });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    const replay = new Client();
    replay.cookie = stolen;
    const res = await replay.json("/api/v1/session");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("an idle session expires, and so does one past its absolute lifetime", async () => {
    const idle = new Client();
    await idle.signIn(t.users.operator.email);
    const idleOk = await idle.json("/api/v1/session");
    expect(idleOk.status).toBe(200);
    await withTenant(t.tenantId, (tx) =>
      tx.session.updateMany({ where: { userId: t.users.operator.id, revokedAt: null }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } }),
    );
    expect((await idle.json("/api/v1/session")).status).toBe(401);

    const old = new Client();
    await old.signIn(t.users.operator.email);
    await withTenant(t.tenantId, (tx) =>
      tx.session.updateMany({ where: { userId: t.users.operator.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect((await old.json("/api/v1/session")).status).toBe(401);
  });

  it("a removed member's session ends at once", async () => {
    const other = await createTenant("Sessions removal");
    const c = new Client();
    await c.signIn(other.users.operator.email, TEST_PASSWORD);
    await withTenant(other.tenantId, (tx) => tx.membership.delete({ where: { tenantId_userId: { tenantId: other.tenantId, userId: other.users.operator.id } } }));
    expect((await c.json("/api/v1/accounts")).status).toBe(401);
  });

  it("a forged or altered cookie is just no session", async () => {
    const c = new Client();
    await c.signIn(t.users.admin.email);
    const forged = new Client();
    const sealed = c.cookieValue()!;
    forged.cookie = `cashline_session=${sealed.slice(0, -4)}${sealed.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect((await forged.json("/api/v1/accounts")).status).toBe(401);
    const page = await forged.fetch("/transactions");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Ftransactions");
  });
});
