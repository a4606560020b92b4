/**
 * API keys: created by admins only (shown once, stored as a hash), accepted as
 * `Authorization: Bearer` on /api/v1 only, with the key's role, in the key's tenant; revoked,
 * wrong or malformed keys get one 401; use is recorded at most once a minute; what a key does
 * is audited as actorType "api_key".
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatApiKeyToken, parseApiKeyToken } from "~/domain/api-key-token";
import { verifyAuditChain } from "~/services/audit.server";
import { withTenant } from "~/services/db.server";
import { baseUrl, Client, createTenant, signedIn, type TestTenant } from "../support/fixtures.ts";

const TOKEN = /clk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{43}/;
const INVALID = "The API key is not valid (revoked, mistyped or unknown).";

let owner: pg.Client;
let t: TestTenant;
let foreign: TestTenant;
let admin: Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  t = await createTenant("Keys");
  foreign = await createTenant("Keys foreign");
  admin = await signedIn(t.users.admin.email);
});
afterAll(async () => {
  await owner.end();
});

async function createKey(client: Client, name: string, role: string): Promise<{ id: string; token: string }> {
  const res = await client.json("/api/v1/api-keys", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name, role }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.apiKey.id, token: res.body.token };
}

/** A request with the key and nothing else: no cookie, no Origin (a script, not a browser). */
async function withKey(token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: any; res: Response }> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(baseUrl() + path, { ...init, headers, redirect: "manual" });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* a page */
  }
  return { status: res.status, body, res };
}

const postJson = (body: unknown): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("creating keys", () => {
  it("admins create a key: the token once, in the documented format, naming this tenant and the key", async () => {
    const res = await admin.json("/api/v1/api-keys", postJson({ name: "Nightly sync", role: "operator" }));
    expect(res.status).toBe(201);
    expect(res.res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body.token).toMatch(new RegExp(`^${TOKEN.source}$`));
    expect(res.body.apiKey).toMatchObject({ name: "Nightly sync", role: "operator", createdBy: { id: t.users.admin.id, name: "admin user" }, lastUsedAt: null, revokedAt: null });
    expect(parseApiKeyToken(res.body.token)).toMatchObject({ tenantId: t.tenantId, keyId: res.body.apiKey.id });
    // Listed without any secret.
    const list = await admin.json("/api/v1/api-keys");
    const listed = list.body.apiKeys.find((k: any) => k.id === res.body.apiKey.id);
    expect(listed).toMatchObject({ name: "Nightly sync", role: "operator" });
    expect(JSON.stringify(list.body)).not.toContain(res.body.token.slice(48));
    expect(JSON.stringify(list.body)).not.toMatch(TOKEN);
  });

  it("operators and data-entry may not create, list or revoke keys", async () => {
    for (const role of ["operator", "data-entry"] as const) {
      const client = await signedIn(t.users[role].email);
      const create = await client.json("/api/v1/api-keys", postJson({ name: "mine", role: "data-entry" }));
      expect(create.status).toBe(403);
      expect(create.body.error).toEqual({ code: "forbidden", message: `Your role (${role}) does not allow this (apikeys:manage).` });
      expect((await client.json("/api/v1/api-keys")).status).toBe(403);
    }
    expect(await withTenant(t.tenantId, (tx) => tx.apiKey.count({ where: { tenantId: t.tenantId, name: "mine" } }))).toBe(0);
  });

  it("validates the name and the role", async () => {
    const noName = await admin.json("/api/v1/api-keys", postJson({ name: " ", role: "operator" }));
    expect(noName.status).toBe(422);
    expect(noName.body.error.message).toBe("name: Give the key a name");
    const badRole = await admin.json("/api/v1/api-keys", postJson({ name: "x", role: "owner" }));
    expect(badRole.status).toBe(422);
    expect(badRole.body.error.message).toBe("role: Choose a role: admin, operator, data-entry");
    const notJson = await admin.json("/api/v1/api-keys", { method: "POST", body: "name=x" });
    expect(notJson.status).toBe(400);
  });

  it("stores only sha256 of the secret part; the audit event names the key, never the secret", async () => {
    const { id, token } = await createKey(admin, "Hash check", "data-entry");
    const secret = token.slice(4 + 43 + 1);
    const { rows } = await owner.query(`SELECT * FROM "ApiKey" WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(token);
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "apikey.created", entityId: id } }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: t.users.admin.id, actorType: null, after: { name: "Hash check", role: "data-entry" } });
    const all = JSON.stringify(await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId } })), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(all).not.toContain(secret);
    expect(all).not.toContain(rows[0].secretHash);
  });

  it("the settings page shows a new key once and lists it afterwards without it", async () => {
    const page = await admin.fetch("/settings/api-keys", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create", name: "From the page", role: "data-entry" }).toString(),
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const html = await page.text();
    const token = TOKEN.exec(html)?.[0];
    expect(token, "the page shows the new key").toBeDefined();
    expect((await withKey(token!, "/api/v1/transactions")).status).toBe(200);
    const later = await (await admin.fetch("/settings/api-keys")).text();
    expect(later).toContain("From the page");
    expect(later).not.toMatch(TOKEN);
  });
});

describe("using keys", () => {
  it("acts with the key's role: a data-entry key reads transactions but not the cash flow", async () => {
    const entry = await createKey(admin, "Entry bot", "data-entry");
    const ok = await withKey(entry.token, "/api/v1/transactions");
    expect(ok.status).toBe(200);
    const refused = await withKey(entry.token, "/api/v1/cashflow");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: "forbidden", message: "This API key's role (data-entry) does not allow this (dashboard:view)." });
    const operator = await createKey(admin, "Books bot", "operator");
    expect((await withKey(operator.token, "/api/v1/cashflow")).status).toBe(200);
    const who = await withKey(operator.token, "/api/v1/session");
    expect(who.status).toBe(200);
    expect(JSON.stringify(who.body)).toContain("Books bot");
  });

  it("is refused on pages: a key is never a substitute for signing in", async () => {
    const { token } = await createKey(admin, "Page tester", "admin");
    for (const path of ["/dashboard", "/transactions", "/settings/api-keys"]) {
      const res = await withKey(token, path);
      expect(res.status, path).toBe(302);
      expect(res.res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("answers one 401 for a revoked key, a wrong secret, an unknown key and a malformed token", async () => {
    const { id, token } = await createKey(admin, "Soon revoked", "operator");
    const parsed = parseApiKeyToken(token)!;
    const otherSecret = (await createKey(admin, "Other", "operator")).token.slice(48);
    const wrongSecret = formatApiKeyToken(t.tenantId, id, otherSecret);
    const unknownKey = formatApiKeyToken(t.tenantId, "0196f000-0000-7000-8000-000000000000", parsed.secret);
    expect((await withKey(token, "/api/v1/accounts")).status).toBe(200);
    const revoke = await admin.json(`/api/v1/api-keys/${id}`, { method: "DELETE" });
    expect(revoke.status).toBe(200);
    expect(revoke.body.revokedAt).toEqual(expect.any(String));
    for (const bad of [token, wrongSecret, unknownKey, "clk_nonsense", `${token}x`, ""]) {
      const res = await withKey(bad, "/api/v1/accounts");
      expect(res.status, bad).toBe(401);
      expect(res.body.error).toEqual({ code: "unauthenticated", message: INVALID });
    }
  });

  it("a Bearer header is answered as a key, never by the cookie beside it", async () => {
    const res = await admin.json("/api/v1/accounts", { headers: { Authorization: "Bearer clk_not-a-key" } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe(INVALID);
    // Other schemes are not ours: the session carries on.
    expect((await admin.json("/api/v1/accounts", { headers: { Authorization: "Basic dXNlcjpwYXNz" } })).status).toBe(200);
  });

  it("sees only its own tenant", async () => {
    const { token } = await createKey(admin, "Tenant bound", "admin");
    const accounts = await withKey(token, "/api/v1/accounts");
    expect(accounts.body.accounts.map((a: any) => a.id)).toEqual([t.accountId]);
    expect(JSON.stringify(accounts.body)).not.toContain(foreign.accountId);
    const patch = await withKey(token, `/api/v1/accounts/${foreign.accountId}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "pwned" }) });
    expect(patch.status).toBe(404);
    expect(await withTenant(foreign.tenantId, (tx) => tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: foreign.tenantId, id: foreign.accountId } } }))).toMatchObject({ name: "Checking" });
    // The same key and secret, relabelled with the other tenant's id, is no key at all.
    const { keyId, secret } = parseApiKeyToken(token)!;
    const relabelled = formatApiKeyToken(foreign.tenantId, keyId, secret);
    expect((await withKey(relabelled, "/api/v1/accounts")).status).toBe(401);
    // And a foreign admin cannot see or revoke it.
    const foreignAdmin = await signedIn(foreign.users.admin.email);
    expect((await foreignAdmin.json(`/api/v1/api-keys/${keyId}`)).status).toBe(404);
    expect((await foreignAdmin.json(`/api/v1/api-keys/${keyId}`, { method: "DELETE" })).status).toBe(404);
    expect((await withKey(token, "/api/v1/accounts")).status).toBe(200);
  });

  it("records lastUsedAt, at most once a minute", async () => {
    const { id, token } = await createKey(admin, "Usage", "data-entry");
    const lastUsed = async () => (await owner.query(`SELECT "lastUsedAt" FROM "ApiKey" WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, id])).rows[0].lastUsedAt as Date | null;
    expect(await lastUsed()).toBeNull();
    await withKey(token, "/api/v1/transactions");
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await withKey(token, "/api/v1/transactions");
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await owner.query(`UPDATE "ApiKey" SET "lastUsedAt" = $3 WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, id, twoMinutesAgo]);
    await withKey(token, "/api/v1/transactions");
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    const listed = (await admin.json("/api/v1/api-keys")).body.apiKeys.find((k: any) => k.id === id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
  });

  it("is refused what needs a person: step-up actions, own sessions, members, minting keys", async () => {
    const { token } = await createKey(admin, "Powerful", "admin");
    const exported = await withKey(token, "/api/v1/export?format=csv");
    expect(exported.status).toBe(403);
    expect(exported.body.error.code).toBe("forbidden");
    expect(exported.body.error.message).toMatch(/^An API key cannot do this/);
    const sessions = await withKey(token, "/api/v1/sessions");
    expect(sessions.status).toBe(403);
    expect(sessions.body.error.message).toBe("API keys cannot do this (self:manage): sign in as a person.");
    expect((await withKey(token, "/api/v1/members")).status).toBe(403);
    const mint = await withKey(token, "/api/v1/api-keys", postJson({ name: "child", role: "admin" }));
    expect(mint.status).toBe(403);
    expect(mint.body.error.message).toMatch(/cannot create API keys/);
    expect(await withTenant(t.tenantId, (tx) => tx.apiKey.count({ where: { tenantId: t.tenantId, name: "child" } }))).toBe(0);
  });
});

describe("revoking keys and the audit trail", () => {
  it("DELETE /api-keys/:id: anonymous 401, operator and data-entry 403, admin revokes once, then 409", async () => {
    const { id, token } = await createKey(admin, "Revoke matrix", "data-entry");
    const anon = await new Client().json(`/api/v1/api-keys/${id}`, { method: "DELETE" });
    expect(anon.status).toBe(401);
    for (const role of ["operator", "data-entry"] as const) {
      const res = await (await signedIn(t.users[role].email)).json(`/api/v1/api-keys/${id}`, { method: "DELETE" });
      expect(res.status).toBe(403);
    }
    expect((await withKey(token, "/api/v1/transactions")).status).toBe(200);
    expect((await admin.json(`/api/v1/api-keys/${id}`, { method: "POST" })).status).toBe(400);
    expect((await admin.json(`/api/v1/api-keys/${id}`, { method: "DELETE" })).status).toBe(200);
    const again = await admin.json(`/api/v1/api-keys/${id}`, { method: "DELETE" });
    expect(again.status).toBe(409);
    expect((await admin.json("/api/v1/api-keys/not-a-uuid", { method: "DELETE" })).status).toBe(422);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "apikey.revoked", entityId: id } }));
    expect(event).toMatchObject({ actorId: t.users.admin.id, actorType: null, before: { name: "Revoke matrix", role: "data-entry", revokedAt: null } });
  });

  it("what a key does is audited as the key (actorType api_key), and the chain still verifies", async () => {
    const target = await createKey(admin, "To be retired", "data-entry");
    const retirer = await createKey(admin, "Retirer", "admin");
    const res = await withKey(retirer.token, `/api/v1/api-keys/${target.id}`, { method: "DELETE", headers: { "User-Agent": "retire-script/1.0" } });
    expect(res.status).toBe(200);
    expect((await withKey(target.token, "/api/v1/transactions")).status).toBe(401);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "apikey.revoked", entityId: target.id } }));
    expect(event).toMatchObject({ actorId: retirer.id, actorType: "api_key", userAgent: "retire-script/1.0" });
    expect(await verifyAuditChain(t.tenantId)).toMatchObject({ ok: true });
  });
});
