/**
 * Two-factor sign-in on the real stack: enrolment proves the app holds the secret; a
 * password-only session reaches nothing but the challenge; a code is never accepted twice; a
 * recovery code works once; and the proof is the step-up sensitive actions need.
 */
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";

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
