/**
 * Sessions a user can see and end: the list (device, address, last seen), ending one, signing
 * out everywhere else, and a password change that ends every other session — everywhere.
 */
import { describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { describeDevice } from "~/services/session.server";
import { Client, createTenant, signedIn, TEST_PASSWORD } from "../support/fixtures.ts";

const post = (client: Client, path: string, body?: unknown) =>
  client.json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}) });

describe("my sessions", () => {
  it("lists my sessions here, this one first, and ends another one (which then is signed out)", async () => {
    const t = await createTenant("Sessions");
    const laptop = await signedIn(t.users.operator.email);
    const phone = await signedIn(t.users.operator.email);
    const other = await signedIn(t.users.admin.email);
    const list = await laptop.json("/api/v1/sessions");
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions[0]).toMatchObject({ current: true, ip: expect.any(String), device: expect.any(String) });
    const phoneSession = list.body.sessions[1];
    expect((await post(laptop, `/api/v1/sessions/${phoneSession.id}/revoke`)).status).toBe(200);
    expect((await phone.json("/api/v1/session")).status).toBe(401);
    expect((await laptop.json("/api/v1/session")).status).toBe(200);
    // Someone else's session is simply not mine to end.
    const adminSessions = (await other.json("/api/v1/sessions")).body.sessions;
    expect((await post(laptop, `/api/v1/sessions/${adminSessions[0].id}/revoke`)).status).toBe(404);
    expect((await other.json("/api/v1/session")).status).toBe(200);
  });

  it("signs out everywhere else", async () => {
    const t = await createTenant("Sessions elsewhere");
    const here = await signedIn(t.users["data-entry"].email);
    const a = await signedIn(t.users["data-entry"].email);
    const b = await signedIn(t.users["data-entry"].email);
    const res = await post(here, "/api/v1/sessions", { action: "revoke-others" });
    expect(res.body).toEqual({ ended: 2 });
    expect((await a.json("/api/v1/session")).status).toBe(401);
    expect((await b.json("/api/v1/session")).status).toBe(401);
    expect((await here.json("/api/v1/sessions")).body.sessions).toHaveLength(1);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "auth.sessions_revoked" } }));
    expect(event).toMatchObject({ after: { ended: 2 } });
  });

  it("a password change needs the current password and ends every other session, this one carries on", async () => {
    const t = await createTenant("Password");
    const here = await signedIn(t.users.operator.email);
    const elsewhere = await signedIn(t.users.operator.email);
    const wrong = await post(here, "/api/v1/password", { current: "not it", next: "a much longer new password" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toMatch(/^current: /);
    expect((await post(here, "/api/v1/password", { current: TEST_PASSWORD, next: "short" })).body.error.message).toMatch(/at least 12 characters/);
    expect((await post(here, "/api/v1/password", { current: TEST_PASSWORD, next: "a much longer new password" })).status).toBe(200);
    expect((await here.json("/api/v1/session")).status).toBe(200);
    expect((await elsewhere.json("/api/v1/session")).status).toBe(401);
    await expect(new Client().signIn(t.users.operator.email)).rejects.toThrow(/401/);
    await new Client().signIn(t.users.operator.email, "a much longer new password");
    expect(await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId, action: "auth.password_changed" } }))).toBe(1);
  });

  it("names devices plainly", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")).toBe("Chrome on Windows");
    expect(describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0")).toBe("Firefox on Linux");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});
