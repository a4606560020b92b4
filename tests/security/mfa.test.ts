/**
 * Two-factor sign-in on the real stack: enrolment proves the app holds the secret; a
 * password-only session reaches nothing but the challenge; a code is never accepted twice; a
 * recovery code works once; and the proof is the step-up sensitive actions need.
 */
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, nextTotpCode, signedIn, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let secret: string;
let recoveryCodes: string[];
let enrolmentCode: string;

const post = (client: Client, path: string, body: unknown) =>
  client.json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const codeAt = (offsetSeconds: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

async function passwordOnly(): Promise<{ client: Client; body: any }> {
  const client = new Client();
  const res = await post(client, "/api/v1/session", { email: t.users.operator.email, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  return { client, body: res.body };
}

beforeAll(async () => {
  t = await createTenant("MFA");
});

describe("two-factor sign-in", () => {
  it("enrols: a wrong first code is refused, the right one turns MFA on and shows 10 recovery codes once", async () => {
    const client = new Client();
    await client.signIn(t.users.operator.email);
    const start = await post(client, "/api/v1/mfa", { action: "start" });
    expect(start.status).toBe(200);
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    secret = start.body.secret;
    expect((await post(client, "/api/v1/mfa", { action: "confirm", code: "000000" })).status).toBe(422);
    enrolmentCode = await codeAt(0);
    const confirmed = await post(client, "/api/v1/mfa", { action: "confirm", code: enrolmentCode });
    expect(confirmed.status).toBe(200);
    recoveryCodes = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    // Stored sealed and hashed only.
    const membership = await withTenant(t.tenantId, (tx) => tx.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: t.tenantId, userId: t.users.operator.id } } }));
    expect(Buffer.from(membership.totpSecret!).toString("latin1")).not.toContain(secret);
    const stored = await withTenant(t.tenantId, (tx) => tx.recoveryCode.findMany({ where: { tenantId: t.tenantId, userId: t.users.operator.id } }));
    expect(stored.map((r) => r.codeHash)).not.toContain(recoveryCodes[0]);
    expect(await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId, action: "auth.mfa_enabled" } }))).toBe(1);
  });

  it("a password-only session reaches only the challenge (API 401 mfa_required; pages sent to /login/mfa)", async () => {
    const { client, body } = await passwordOnly();
    expect(body.mfaRequired).toBe(true);
    const api = await client.json("/api/v1/accounts");
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe("mfa_required");
    const page = await client.fetch("/transactions");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login/mfa?redirectTo=%2Ftransactions");
    const form = new URLSearchParams({ email: t.users.operator.email, password: TEST_PASSWORD, redirectTo: "/uploads" });
    const login = await new Client().fetch("/login", { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(login.headers.get("Location")).toBe("/login/mfa?redirectTo=%2Fuploads");
  });

  it("a code is never accepted twice; the next one completes the sign-in", async () => {
    const { client } = await passwordOnly();
    const replay = await post(client, "/api/v1/session/mfa", { code: enrolmentCode });
    expect(replay.status).toBe(422);
    const next = await post(client, "/api/v1/session/mfa", { code: await codeAt(30) });
    expect(next.status).toBe(200);
    expect(next.body).toEqual({ method: "totp" });
    expect((await client.json("/api/v1/accounts")).status).toBe(200);
    // The proof is fresh: it is also the step-up an export needs.
    expect((await client.fetch("/api/v1/export?format=json")).status).toBe(200);
  });

  it("a recovery code works once, through the page form too", async () => {
    const first = await passwordOnly();
    const form = new URLSearchParams({ code: recoveryCodes[0]!, redirectTo: "/transactions" });
    const res = await first.client.fetch("/login/mfa", { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/transactions");
    expect((await first.client.json("/api/v1/accounts")).status).toBe(200);
    const second = await passwordOnly();
    expect((await post(second.client, "/api/v1/session/mfa", { code: recoveryCodes[0] })).status).toBe(422);
    expect((await post(second.client, "/api/v1/session/mfa", { code: recoveryCodes[1]!.toUpperCase() })).body).toEqual({ method: "recovery_code" });
    const failures = await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId, action: "auth.mfa_failed" } }));
    expect(failures).toBeGreaterThanOrEqual(3);
  });

  it("the step-up page sends back where the user was going, and only to this site", async () => {
    const { client } = await passwordOnly();
    await post(client, "/api/v1/session/mfa", { code: recoveryCodes[2] });
    const form = new URLSearchParams({ code: recoveryCodes[3]!, redirectTo: "//evil.example/x" });
    const res = await client.fetch("/step-up", { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.headers.get("Location")).toBe("/dashboard");
  });
});

const form = (client: Client, path: string, fields: Record<string, string>) =>
  client.fetch(path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
const auditCount = (tenantId: string, action: string) => withTenant(tenantId, (tx) => tx.auditEvent.count({ where: { tenantId, action } }));

/** Password only, by API, for any user. */
async function passwordStep(email: string): Promise<{ client: Client; body: any }> {
  const client = new Client();
  const res = await post(client, "/api/v1/session", { email, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  return { client, body: res.body };
}

/** Enrols a signed-in client through the API; returns the secret and recovery codes. */
async function enrol(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await post(client, "/api/v1/mfa", { action: "start" });
  expect(start.status).toBe(200);
  const confirmed = await post(client, "/api/v1/mfa", { action: "confirm", code: await nextTotpCode(start.body.secret) });
  expect(confirmed.status).toBe(200);
  return { secret: start.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

describe("admins must use two-factor sign-in", () => {
  it("an admin without it is sent to enrol before anything else, and enrols on the page", async () => {
    const tenant = await createTenant("MFA admin enrol");
    const { client, body } = await passwordStep(tenant.users.admin.email);
    expect(body).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: true });
    const api = await client.json("/api/v1/accounts");
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe("mfa_enrolment_required");
    const page = await client.fetch("/dashboard");
    expect(page.headers.get("Location")).toBe("/settings/mfa?redirectTo=%2Fdashboard");
    // The sign-in form sends an admin without MFA straight there.
    const login = await new Client().fetch("/login", {
      method: "POST", body: new URLSearchParams({ email: tenant.users.admin.email, password: TEST_PASSWORD, redirectTo: "/uploads" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(login.headers.get("Location")).toBe("/settings/mfa?redirectTo=%2Fuploads");

    const started = await form(client, "/settings/mfa?redirectTo=%2Fdashboard", { intent: "start" });
    expect(started.status).toBe(302);
    const html = await (await client.fetch("/settings/mfa?redirectTo=%2Fdashboard")).text();
    const shownSecret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(html)?.[1];
    expect(shownSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(html).toContain(`otpauth://totp/`);
    expect(html).toContain(`secret=${shownSecret}`);
    const before = client.cookieValue();
    expect((await form(client, "/settings/mfa", { intent: "confirm", code: "123456" })).status).toBe(422);
    const done = await form(client, "/settings/mfa?redirectTo=%2Fdashboard", { intent: "confirm", code: (await nextTotpCode(shownSecret!))! });
    // Back to the page, with the new session: every loader of it must see the new cookie.
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/settings/mfa?redirectTo=%2Fdashboard");
    const shown = await client.fetch("/settings/mfa?redirectTo=%2Fdashboard");
    expect(shown.status).toBe(200);
    const shownHtml = await shown.text();
    const codes = [...shownHtml.matchAll(/<li><code>([0-9a-f-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(shownHtml).toContain('href="/dashboard"');
    // Shown once: a reload does not show them again.
    expect(await (await client.fetch("/settings/mfa")).text()).not.toContain("Your recovery codes");
    // A new session: the one that was only allowed to enrol is over.
    expect(client.cookieValue()).not.toBe(before);
    expect((await client.json("/api/v1/accounts")).status).toBe(200);
    const stale = new Client();
    stale.cookie = `cashline_session=${before}`;
    expect((await stale.json("/api/v1/accounts")).status).toBe(401);
    expect(await auditCount(tenant.tenantId, "auth.mfa_enabled")).toBe(1);
  });

  it("admins cannot turn it off; others can, with a current code", async () => {
    const tenant = await createTenant("MFA disable");
    const admin = await signedIn(tenant.users.admin.email);
    const refused = await post(admin, "/api/v1/mfa", { action: "disable", code: await nextTotpCode(tenant.users.admin.totpSecret!) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^Admins must keep two-factor sign-in on/);
    expect((await admin.json("/api/v1/mfa")).body).toMatchObject({ enabled: true, mayDisable: false, recoveryCodesLeft: 0 });

    const operator = await signedIn(tenant.users.operator.email);
    const { secret } = await enrol(operator);
    expect((await post(operator, "/api/v1/mfa", { action: "disable", code: "000000" })).status).toBe(422);
    expect((await operator.json("/api/v1/mfa")).body.enabled).toBe(true);
    expect((await post(operator, "/api/v1/mfa", { action: "disable", code: await nextTotpCode(secret) })).body).toEqual({ ok: true });
    expect((await operator.json("/api/v1/mfa")).body).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    expect((await passwordStep(tenant.users.operator.email)).body.mfaRequired).toBe(false);
    expect(await auditCount(tenant.tenantId, "auth.mfa_disabled")).toBe(1);
  });

  it("new recovery codes need a current code, and the old ones stop working", async () => {
    const tenant = await createTenant("MFA regenerate");
    const operator = await signedIn(tenant.users.operator.email);
    const { secret, recoveryCodes: old } = await enrol(operator);
    expect((await post(operator, "/api/v1/mfa", { action: "regenerate-recovery-codes", code: "999999" })).status).toBe(422);
    const fresh = await post(operator, "/api/v1/mfa", { action: "regenerate-recovery-codes", code: await nextTotpCode(secret) });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(old[0]);
    const a = await passwordStep(tenant.users.operator.email);
    expect((await post(a.client, "/api/v1/session/mfa", { code: old[0] })).status).toBe(422);
    expect((await post(a.client, "/api/v1/session/mfa", { code: fresh.body.recoveryCodes[0] })).body).toEqual({ method: "recovery_code" });
    expect((await operator.json("/api/v1/mfa")).body.recoveryCodesLeft).toBe(9);
    expect(await auditCount(tenant.tenantId, "auth.recovery_codes_regenerated")).toBe(1);
    expect(await auditCount(tenant.tenantId, "auth.recovery_code_used")).toBe(1);
  });
});

describe("the challenge and the step-up", () => {
  it("completing the challenge replaces the session: the password-only cookie is worth nothing afterwards", async () => {
    const tenant = await createTenant("MFA rotate");
    await signedIn(tenant.users.admin.email); // enrols the admin
    const { client } = await passwordStep(tenant.users.admin.email);
    const passwordOnly = client.cookie;
    const done = await post(client, "/api/v1/session/mfa", { code: await nextTotpCode(tenant.users.admin.totpSecret!) });
    expect(done.status).toBe(200);
    expect(done.res.headers.get("Set-Cookie")).toMatch(/^cashline_session=Fe26\.2\*.*; HttpOnly; SameSite=Lax$/);
    expect(client.cookie).not.toBe(passwordOnly);
    expect((await client.json("/api/v1/accounts")).status).toBe(200);
    const planted = new Client();
    planted.cookie = passwordOnly;
    expect((await planted.json("/api/v1/accounts")).status).toBe(401);
  });

  it("a sensitive action needs a fresh code: refused, then satisfied by POST /api/v1/session/step-up", async () => {
    const tenant = await createTenant("MFA step-up");
    const operator = await signedIn(tenant.users.operator.email);
    const { secret, recoveryCodes: codes } = await enrol(operator);
    // Verified 10 minutes ago: too long for an export.
    await withTenant(tenant.tenantId, (tx) => tx.session.updateMany({ where: { tenantId: tenant.tenantId, userId: tenant.users.operator.id }, data: { mfaVerifiedAt: new Date(Date.now() - 10 * 60_000) } }));
    const refused = await operator.json("/api/v1/export?format=json");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("step_up_required");
    expect((await post(operator, "/api/v1/session/step-up", { code: "000000" })).status).toBe(422);
    const stepped = await post(operator, "/api/v1/session/step-up", { code: await nextTotpCode(secret) });
    expect(stepped.status).toBe(200);
    expect(stepped.body).toMatchObject({ method: "totp", freshUntil: expect.any(String) });
    expect((await operator.fetch("/api/v1/export?format=json")).status).toBe(200);
    // A recovery code is a step-up too (once).
    expect((await post(operator, "/api/v1/session/step-up", { code: codes[0] })).body.method).toBe("recovery_code");

    // Without an authenticator there is nothing to step up with: enrol first.
    const entry = await signedIn(tenant.users["data-entry"].email);
    const none = await post(entry, "/api/v1/session/step-up", { code: "123456" });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe("mfa_enrolment_required");
    expect((await entry.fetch("/step-up?redirectTo=%2Fuploads")).headers.get("Location")).toBe("/settings/mfa?redirectTo=%2Fuploads");
    // The page refuses to send anyone off-site.
    expect((await entry.fetch("/step-up?redirectTo=%2F%2Fevil.example")).headers.get("Location")).toBe("/settings/mfa");
  });

  it("wrong codes are limited per member: past five, even the right code is refused with Retry-After, and audited", async () => {
    const tenant = await createTenant("MFA throttle");
    const operator = await signedIn(tenant.users.operator.email);
    const { secret } = await enrol(operator);
    const { client } = await passwordStep(tenant.users.operator.email);
    for (let i = 0; i < 5; i++) expect((await post(client, "/api/v1/session/mfa", { code: "000000" })).status).toBe(422);
    const blocked = await post(client, "/api/v1/session/mfa", { code: await nextTotpCode(secret) });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatchObject({ code: "too_many_attempts", message: "Too many wrong codes. Wait a while, then try again." });
    expect(Number(blocked.res.headers.get("Retry-After"))).toBeGreaterThan(800);
    expect((await client.json("/api/v1/accounts")).body.error.code).toBe("mfa_required");
    expect(await auditCount(tenant.tenantId, "auth.mfa_failed")).toBe(5);
    expect(await auditCount(tenant.tenantId, "auth.mfa_throttled")).toBe(1);
  });
});
