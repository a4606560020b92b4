/**
 * Test helpers that go through the real stack: tenants and users made with the app's own
 * services (as the RLS-bound role), and an HTTP client that signs in like a browser.
 */
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { Role } from "~/domain/permissions";
import { hashPassword } from "~/services/crypto.server";
import { withScope, withTenant } from "~/services/db.server";
import { ensureDefaultCategories } from "~/services/categories.server";

export const baseUrl = (): string => inject("baseUrl");
export const TEST_PASSWORD = "correct horse battery staple";

let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
}

export interface TestTenant {
  tenantId: string;
  name: string;
  accountId: string;
  users: Record<Role, TestUser>;
}

/** A new tenant with one user per role and a USD checking account. */
export async function createTenant(label = "Tenant"): Promise<TestTenant> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const tenantId = randomUUID();
  const name = `${label} ${tenantId.slice(0, 8)}`;
  await withTenant(tenantId, (tx) => tx.tenant.create({ data: { id: tenantId, name } }));
  const users = {} as Record<Role, TestUser>;
  for (const role of ["admin", "operator", "data-entry"] as const) {
    const email = `${role}-${tenantId.slice(0, 8)}@example.test`;
    const user = await withScope({ loginEmail: email }, (tx) => tx.user.create({ data: { email, name: `${role} user`, passwordHash: hash } }));
    users[role] = { id: user.id, email, role };
  }
  const accountId = await withTenant(tenantId, async (tx) => {
    for (const u of Object.values(users)) await tx.membership.create({ data: { tenantId, userId: u.id, role: u.role } });
    await ensureDefaultCategories(tx, tenantId);
    const account = await tx.bankAccount.create({ data: { tenantId, name: "Checking", currency: "USD" } });
    return account.id;
  });
  return { tenantId, name, accountId, users };
}

/** A cookie-carrying client for the running server; sends a same-origin Origin on writes. */
export class Client {
  cookie = "";
  constructor(readonly base = baseUrl()) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("Cookie", this.cookie);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.base);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    const set = res.headers.get("Set-Cookie");
    if (set) this.cookie = set.split(";")[0]!;
    return res;
  }

  async json<T = any>(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.fetch(pathname, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<Response> {
    const res = await this.fetch("/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    return res;
  }

  async upload(accountId: string, fileName: string, content: string | Uint8Array): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.set("accountId", accountId);
    form.set("file", new Blob([typeof content === "string" ? content : Buffer.from(content)]), fileName);
    return this.json("/api/v1/statements", { method: "POST", body: form });
  }

  /** Polls a statement until it leaves queued/parsing. */
  async waitForStatement(id: string, timeoutMs = 30_000): Promise<any> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await this.json(`/api/v1/statements/${id}`);
      if (status !== 200) throw new Error(`statement ${id}: HTTP ${status} ${JSON.stringify(body)}`);
      if (!["queued", "parsing"].includes(body.status)) return body;
      if (Date.now() > until) throw new Error(`statement ${id} still ${body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export async function signedIn(email: string): Promise<Client> {
  const client = new Client();
  await client.signIn(email);
  return client;
}
