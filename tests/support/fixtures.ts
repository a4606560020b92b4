/**
 * Test helpers that go through the real stack: tenants and users made with the app's own
 * services (as the RLS-bound role), and an HTTP client that signs in like a browser.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parse as parseCookie } from "cookie";
import { generate, generateSecret } from "otplib";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import type { Role } from "~/domain/permissions";
import { hashPassword } from "~/services/crypto.server";
import { withScope, withTenant } from "~/services/db.server";
import { ensureDefaultCategories } from "~/services/categories.server";
import { installTotpSecret, recoveryCodeHash } from "~/services/mfa.server";

export const baseUrl = (): string => inject("baseUrl");
export const TEST_PASSWORD = "correct horse battery staple";

let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  /** Admins': their authenticator secret (admins must use two-factor sign-in). Installed at
   *  the admin's first sign-in through Client.signIn, so a tenant whose admin never signs in
   *  has no sealed field and no data key yet. */
  totpSecret: string | null;
}

/** Authenticator secrets by email: test admins', and the demo admin's (DEMO_TOTP_SECRET). */
const totpSecrets = new Map<string, { secret: string; installed: boolean }>();
/** The last TOTP time step this process used per secret: the server never accepts one twice. */
const lastStepUsed = new Map<string, number>();

/** A code for the earliest time step not yet used (now or the next, both accepted), or null. */
export function nextTotpCode(secret: string, nowMs = Date.now()): Promise<string> | null {
  const now = Math.floor(nowMs / 30_000);
  const step = [now, now + 1].find((s) => s > (lastStepUsed.get(secret) ?? -1));
  if (step === undefined) return null;
  lastStepUsed.set(secret, step);
  return generate({ secret, epoch: step * 30 + 1 });
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
    const totpSecret = role === "admin" ? generateSecret() : null;
    if (totpSecret) totpSecrets.set(email, { secret: totpSecret, installed: false });
    users[role] = { id: user.id, email, role, totpSecret };
  }
  const accountId = await withTenant(tenantId, async (tx) => {
    for (const u of Object.values(users)) await tx.membership.create({ data: { tenantId, userId: u.id, role: u.role } });
    await ensureDefaultCategories(tx, tenantId);
    const account = await tx.bankAccount.create({ data: { tenantId, name: "Checking", currency: "USD" } });
    return account.id;
  });
  return { tenantId, name, accountId, users };
}

/**
 * A cookie-carrying client for the running server, like one browser: it keeps every cookie the
 * app sets (the session, and the device cookie that tells a known browser from a new one) and
 * sends a same-origin Origin on writes.
 */
export class Client {
  /** The Cookie header sent: every cookie the app set ("a=1; b=2"); tests may replace it. */
  cookie = "";
  /** The browser this client plays (User-Agent on every request unless one is given). */
  userAgent: string | null = null;
  constructor(readonly base = baseUrl()) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.userAgent && !headers.has("User-Agent")) headers.set("User-Agent", this.userAgent);
    if (this.cookie) headers.set("Cookie", this.cookie);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.base);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    // As a browser does: values kept exactly as set, a Max-Age=0 cookie removed.
    const split = (pair: string) => [pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1)] as const;
    const jar = new Map(this.cookie ? this.cookie.split(/;\s*/).filter((p) => p.includes("=")).map(split) : []);
    for (const set of res.headers.getSetCookie()) {
      const [name, value] = split(set.split(";")[0] ?? "");
      if (/;\s*Max-Age=0(;|$)/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    return res;
  }

  /** The value of one cookie this client holds (the session cookie by default). */
  cookieValue(name = "cashline_session"): string | undefined {
    return this.cookie ? parseCookie(this.cookie)[name] : undefined;
  }

  async json<T = any>(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.fetch(pathname, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
  }

  /**
   * Signs in like a person: the password, then — for a member with two-factor sign-in — a code
   * from their authenticator (an admin's first sign-in enrols them first). Returns the
   * password step's response.
   */
  async signIn(email: string, password = TEST_PASSWORD): Promise<Response> {
    const res = await this.fetch("/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    const body = (await res.clone().json()) as { user: { id: string; email: string }; tenant: { id: string }; mfaRequired: boolean; mfaEnrolmentRequired: boolean };
    if (body.mfaEnrolmentRequired) await this.enrol(body);
    else if (body.mfaRequired) await this.completeChallenge(body);
    return res;
  }

  /** An admin without MFA: their known test secret is installed, or (a member made through
   *  the API) they enrol through the API and the secret is kept for later sign-ins. */
  private async enrol(body: { user: { id: string; email: string }; tenant: { id: string } }): Promise<void> {
    const known = totpSecrets.get(body.user.email) ?? (body.user.email === "admin@demo.test" ? demoTotp() : undefined);
    if (known && !known.installed) {
      await withTenant(body.tenant.id, (tx) => installTotpSecret(tx, body.tenant.id, body.user.id, known.secret));
      known.installed = true;
      return this.completeChallenge(body);
    }
    await this.enrolThroughApi(body.user.email);
  }

  /** Turns two-factor sign-in on for this client's member through the API, as an app would;
   *  the secret is kept for their later sign-ins. */
  async enrolThroughApi(email: string): Promise<void> {
    const start = await this.json("/api/v1/mfa", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "start" }) });
    if (start.status !== 200) throw new Error(`enrolment of ${email} failed: ${start.status} ${JSON.stringify(start.body)}`);
    const secret = start.body.secret as string;
    totpSecrets.set(email, { secret, installed: true });
    const confirm = await this.json("/api/v1/mfa", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "confirm", code: await nextTotpCode(secret) }),
    });
    if (confirm.status !== 200) throw new Error(`enrolment of ${email} failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  }

  /**
   * The second factor: a TOTP code for a time step not used yet; when this process has used
   * both steps the server would take right now (or another process took one), a recovery
   * code made for the purpose — so back-to-back sign-ins of one admin need not wait 30 s.
   */
  private async completeChallenge(body: { user: { id: string; email: string }; tenant: { id: string } }): Promise<void> {
    const known = totpSecrets.get(body.user.email) ?? (body.user.email === "admin@demo.test" ? demoTotp() : undefined);
    const send = (code: string) =>
      this.json("/api/v1/session/mfa", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
    const totp = known ? nextTotpCode(known.secret) : null;
    if (totp) {
      const res = await send(await totp);
      if (res.status === 200) return;
      if (res.status !== 422) throw new Error(`two-factor sign-in of ${body.user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const recovery = randomBytes(10).toString("hex");
    await withTenant(body.tenant.id, (tx) =>
      tx.recoveryCode.create({ data: { tenantId: body.tenant.id, userId: body.user.id, codeHash: recoveryCodeHash(recovery) } }),
    );
    const res = await send(recovery);
    if (res.status !== 200) throw new Error(`two-factor sign-in of ${body.user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
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

export async function signedIn(email: string, userAgent: string | null = null): Promise<Client> {
  const client = new Client();
  client.userAgent = userAgent;
  await client.signIn(email);
  return client;
}

function demoTotp(): { secret: string; installed: boolean } | undefined {
  const secret = process.env.DEMO_TOTP_SECRET;
  if (!secret) return undefined;
  const entry = { secret, installed: true };
  totpSecrets.set("admin@demo.test", entry);
  return entry;
}

/**
 * The database owner's connection (outside the app role and row-level security), for putting
 * rows into states the app would not (aged sessions, reconciled rows); opened before the
 * calling file's tests, closed after them.
 */
export function ownerConnection(): pg.Client {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());
  return client;
}
