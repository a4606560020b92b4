/**
 * CSRF, against the running server: a state-changing request (POST, PUT, PATCH, DELETE) that a
 * browser marks as coming from another origin — by Origin, or without one by Sec-Fetch-Site or
 * the Referer — is refused with 403 csrf_rejected before any route runs, and changes nothing.
 * The same requests from our own origin work; an API key (Authorization: Bearer), which a
 * browser never attaches by itself, is exempt on the API.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { baseUrl, Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";

const EVIL = "https://evil.example";
let t: TestTenant;
let admin: Client;

/** A request exactly as given: no Origin added (unlike Client.fetch), the client's cookie kept. */
function send(client: Client | null, path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
  const headers = new Headers(init.headers);
  if (client?.cookie) headers.set("Cookie", client.cookie);
  return fetch(baseUrl() + path, { ...init, headers, redirect: "manual" });
}

/** The browser's evidence, each way it can say "another site". */
const CROSS_SITE: Record<string, Record<string, string>> = {
  "Origin from another site": { Origin: EVIL },
  "Origin 'null' (sandboxed frame, privacy redirect)": { Origin: "null" },
  "Origin on another port of the same host": { Origin: baseUrl().replace(/:(\d+)$/, (_m, p) => `:${Number(p) + 1}`) },
  "no Origin, Sec-Fetch-Site: cross-site": { "Sec-Fetch-Site": "cross-site" },
  "no Origin, Sec-Fetch-Site: same-site (a sibling subdomain)": { "Sec-Fetch-Site": "same-site" },
  "no Origin, a Referer from another site": { Referer: `${EVIL}/attack.html` },
};
const SAME_ORIGIN: Record<string, Record<string, string>> = {
  "our Origin": { Origin: baseUrl() },
  "no Origin, Sec-Fetch-Site: same-origin": { "Sec-Fetch-Site": "same-origin" },
  "no Origin, a Referer of ours": { Referer: `${baseUrl()}/transactions` },
  "no browser headers at all (a script)": {},
};

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const body = await res.json();
  expect(body).toMatchObject({ error: { code: "csrf_rejected", message: expect.stringMatching(/^This request came from another site and was refused: .+\.$/) } });
}

const accountCount = () => withTenant(t.tenantId, (tx) => tx.bankAccount.count());
const statementCount = () => withTenant(t.tenantId, (tx) => tx.statement.count());
const jsonBody = (value: unknown) => ({ body: JSON.stringify(value), headers: { "Content-Type": "application/json" } });

beforeAll(async () => {
  t = await createTenant("CSRF");
  admin = await signedIn(t.users.admin.email);
});

describe("state-changing requests from another origin are refused", () => {
  for (const [how, evidence] of Object.entries(CROSS_SITE)) {
    it(`${how}: API JSON (POST, PATCH, DELETE), upload, sign-in, sign-out — none of them happens`, async () => {
      const accounts = await accountCount();
      await expectRefused(await send(admin, "/api/v1/accounts", { method: "POST", body: JSON.stringify({ name: `csrf ${how}`, currency: "USD" }), headers: { "Content-Type": "application/json", ...evidence } }));
      await expectRefused(await send(admin, `/api/v1/accounts/${t.accountId}`, { method: "PATCH", body: JSON.stringify({ name: "renamed by csrf" }), headers: { "Content-Type": "application/json", ...evidence } }));
      expect(await accountCount()).toBe(accounts);
      expect(await withTenant(t.tenantId, (tx) => tx.bankAccount.findFirst({ where: { id: t.accountId } }))).toMatchObject({ name: "Checking" });

      const statements = await statementCount();
      const form = new FormData();
      form.set("accountId", t.accountId);
      form.set("file", new Blob([`Date,Description,Amount\n2026-01-01,csrf ${how},1.00\n`]), "csrf.csv");
      await expectRefused(await send(admin, "/api/v1/statements", { method: "POST", body: form, headers: evidence }));
      expect(await statementCount()).toBe(statements);

      // Login CSRF: signing the victim in to the attacker's account.
      const login = await send(null, "/login", {
        method: "POST",
        body: new URLSearchParams({ email: t.users.operator.email, password: TEST_PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...evidence },
      });
      await expectRefused(login);
      expect(login.headers.get("Set-Cookie")).toBeNull();

      await expectRefused(await send(admin, "/logout", { method: "POST", body: "", headers: { "Content-Type": "application/x-www-form-urlencoded", ...evidence } }));
      await expectRefused(await send(admin, "/api/v1/session", { method: "DELETE", headers: evidence }));
      // PUT is refused too, before any route could say it does not support it.
      await expectRefused(await send(admin, "/api/v1/session", { method: "PUT", headers: evidence }));
      // Still signed in: neither sign-out happened.
      expect((await admin.json("/api/v1/session")).status).toBe(200);
    });
  }

  it("a read from another origin is not refused (GET changes nothing; the cookie's SameSite and CORS keep the answer from the other site)", async () => {
    const res = await send(admin, "/api/v1/accounts", { method: "GET", headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" } });
    expect(res.status).toBe(200);
  });
});

describe("the same requests from our own origin work", () => {
  for (const [how, evidence] of Object.entries(SAME_ORIGIN)) {
    it(`${how}`, async () => {
      const created = await send(admin, "/api/v1/accounts", { method: "POST", body: JSON.stringify({ name: `ours ${how}`, currency: "USD" }), headers: { "Content-Type": "application/json", ...evidence } });
      expect(created.status).toBe(201);

      const form = new FormData();
      form.set("accountId", t.accountId);
      form.set("file", new Blob([`Date,Description,Amount\n2026-01-02,ours ${how},1.00\n`]), `ours-${Object.keys(evidence).join("-") || "none"}.csv`);
      expect((await send(admin, "/api/v1/statements", { method: "POST", body: form, headers: evidence })).status).toBe(202);

      const login = await send(null, "/login", {
        method: "POST",
        body: new URLSearchParams({ email: t.users.operator.email, password: TEST_PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...evidence },
      });
      expect(login.status).toBe(302);
      const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
      const operator = new Client();
      operator.cookie = cookie;
      expect((await operator.json("/api/v1/session")).status).toBe(200);
      const out = await send(operator, "/logout", { method: "POST", body: "", headers: { "Content-Type": "application/x-www-form-urlencoded", ...evidence } });
      expect(out.status).toBe(302);
      expect(out.headers.get("Location")).toBe("/login");
      expect((await operator.json("/api/v1/session")).status).toBe(401);
    });
  }
});

describe("API keys", () => {
  it("a Bearer request is exempt on the API (no ambient credential), but earns nothing on a page", async () => {
    const key = await admin.json("/api/v1/api-keys", { method: "POST", ...jsonBody({ name: "csrf script", role: "operator" }) });
    expect(key.status).toBe(201);
    const bearer = { Authorization: `Bearer ${key.body.token}` };
    const created = await send(null, "/api/v1/accounts", { method: "POST", body: JSON.stringify({ name: "by key", currency: "USD" }), headers: { "Content-Type": "application/json", Origin: EVIL, ...bearer } });
    expect(created.status).toBe(201);
    // Pages never take a key, so the header does not lift the check there.
    await expectRefused(await send(admin, "/logout", { method: "POST", body: "", headers: { Origin: EVIL, ...bearer } }));
    expect((await admin.json("/api/v1/session")).status).toBe(200);
  });
});
