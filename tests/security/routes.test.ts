/**
 * Authorization you can see: every route module starts each loader and action with the one
 * guard, and every route × role × tenant combination gets the status the permission table
 * says — with nothing of another tenant in the body.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Permission, type Role } from "~/domain/permissions";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";

type Case = {
  file: string;
  method: "GET" | "POST";
  path: (t: TestTenant, ctx: Ctx, role: Role) => string;
  /** null = public route */
  permission: Permission | null;
  body?: (role: Role) => { body: BodyInit; headers?: Record<string, string> };
  allowed: number;
  /** For an allowed status that is itself a refusal (a step-up first): its error code. */
  allowedCode?: string;
};
type Ctx = { statementId: string; undoable: Record<Role, string> };

const csv = (tag: string) => `Date,Description,Amount\n2026-03-01,guard test ${tag},10.00\n`;

const CASES: Case[] = [
  { file: "_index.tsx", method: "GET", path: () => "/", permission: null, allowed: 302 },
  { file: "login.tsx", method: "GET", path: () => "/login", permission: null, allowed: 200 },
  { file: "logout.tsx", method: "GET", path: () => "/logout", permission: null, allowed: 302 },
  // Anyone may reach them; without a session they send to /login, without MFA on to the home page.
  { file: "login_.mfa.tsx", method: "GET", path: () => "/login/mfa", permission: null, allowed: 302 },
  { file: "step-up.tsx", method: "GET", path: () => "/step-up", permission: null, allowed: 302 },
  { file: "[.well-known].security[.]txt.ts", method: "GET", path: () => "/.well-known/security.txt", permission: null, allowed: 200 },
  { file: "_app.tsx", method: "GET", path: () => "/transactions", permission: "ledger:read", allowed: 200 },
  { file: "_app.dashboard.tsx", method: "GET", path: () => "/dashboard", permission: "dashboard:view", allowed: 200 },
  { file: "_app.uploads.tsx", method: "GET", path: () => "/uploads", permission: "statements:read", allowed: 200 },
  { file: "_app.uploads.$id.tsx", method: "GET", path: (_t, c) => `/uploads/${c.statementId}`, permission: "statements:read", allowed: 200 },
  { file: "_app.transactions.tsx", method: "GET", path: () => "/transactions", permission: "ledger:read", allowed: 200 },
  { file: "_app.review.tsx", method: "GET", path: () => "/review", permission: "ledger:read", allowed: 200 },
  { file: "_app.categories.tsx", method: "GET", path: () => "/categories", permission: "ledger:read", allowed: 200 },
  { file: "_app.reconcile.tsx", method: "GET", path: () => "/reconcile", permission: "ledger:reconcile", allowed: 200 },
  { file: "_app.rules.tsx", method: "GET", path: () => "/rules", permission: "ledger:read", allowed: 200 },
  { file: "_app.categories.tsx", method: "POST", path: () => "/categories", permission: "categories:manage", allowed: 404, body: () => form({ intent: "archive", id: NO_SUCH_ID }) },
  { file: "_app.review_.proposals.tsx", method: "GET", path: () => "/review/proposals", permission: "ledger:read", allowed: 200 },
  { file: "_app.review_.proposals.tsx", method: "POST", path: () => "/review/proposals", permission: "ledger:approve", allowed: 404, body: () => form({ intent: "approve", proposalId: NO_SUCH_ID }) },
  { file: "api.v1.session.ts", method: "GET", path: () => "/api/v1/session", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.accounts.ts", method: "GET", path: () => "/api/v1/accounts", permission: "accounts:read", allowed: 200 },
  {
    file: "api.v1.accounts.ts", method: "POST", path: () => "/api/v1/accounts", permission: "accounts:manage", allowed: 201,
    body: (role) => ({ body: JSON.stringify({ name: `Savings ${role} ${Math.random()}`, currency: "USD" }), headers: { "Content-Type": "application/json" } }),
  },
  { file: "api.v1.statements.ts", method: "GET", path: () => "/api/v1/statements", permission: "statements:read", allowed: 200 },
  { file: "api.v1.statements.$id.ts", method: "GET", path: (_t, c) => `/api/v1/statements/${c.statementId}`, permission: "statements:read", allowed: 200 },
  { file: "api.v1.transactions.ts", method: "GET", path: () => "/api/v1/transactions", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.cashflow.ts", method: "GET", path: () => "/api/v1/cashflow", permission: "dashboard:view", allowed: 200 },
  {
    // Each role undoes its own statement, so one role's success does not turn the next into a 409.
    file: "api.v1.statements.$id.undo.ts", method: "POST", path: (_t, c, role) => `/api/v1/statements/${c.undoable[role]}/undo`,
    permission: "statements:undo", allowed: 200, body: () => json({ reason: "guard matrix" }),
  },
  { file: "api.v1.rules.ts", method: "GET", path: () => "/api/v1/rules", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.rules.file.ts", method: "GET", path: () => "/api/v1/rules/file", permission: "rules:manage", allowed: 200 },
  { file: "api.v1.transfers.ts", method: "GET", path: () => "/api/v1/transfers", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.review.ts", method: "GET", path: () => "/api/v1/review", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.proposals.ts", method: "GET", path: () => "/api/v1/proposals", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.categories.ts", method: "GET", path: () => "/api/v1/categories", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.settings.categorization.ts", method: "GET", path: () => "/api/v1/settings/categorization", permission: "ledger:read", allowed: 200 },
  { file: "api.v1.duplicates.ts", method: "GET", path: (_t, c) => `/api/v1/duplicates?statementId=${c.statementId}`, permission: "statements:read", allowed: 200 },
  {
    // No such candidate: past the guard, the answer is 404; before it, 401/403.
    file: "api.v1.duplicates.$id.ts", method: "POST", path: () => `/api/v1/duplicates/${NO_SUCH_ID}`,
    permission: "duplicates:resolve", allowed: 404, body: () => json({ decision: "dismissed" }),
  },
  { file: "api.v1.statements.$id.preview.ts", method: "GET", path: (_t, c) => `/api/v1/statements/${c.statementId}/preview`, permission: "statements:read", allowed: 200 },
  {
    // An invalid mapping: past the guard, a 422 naming the problem.
    file: "api.v1.statements.$id.preview.ts", method: "POST", path: (_t, c) => `/api/v1/statements/${c.statementId}/preview`,
    permission: "statements:upload", allowed: 422, body: () => json({ layout: { version: 1 } }),
  },
  {
    file: "api.v1.statements.$id.mapping.ts", method: "POST", path: (_t, c) => `/api/v1/statements/${c.statementId}/mapping`,
    permission: "statements:upload", allowed: 422, body: () => json({ layout: { version: 1 } }),
  },
  { file: "api.v1.profiles.ts", method: "GET", path: () => "/api/v1/profiles", permission: "profiles:manage", allowed: 200 },
  { file: "api.v1.profiles.ts", method: "POST", path: () => "/api/v1/profiles", permission: "profiles:manage", allowed: 422, body: () => json({ profiles: [] }) },
  {
    // Past the guard, an export needs a fresh step-up, which the matrix's sessions have not made.
    file: "api.v1.export.ts", method: "GET", path: () => "/api/v1/export?format=csv", permission: "ledger:export",
    allowed: 403, allowedCode: "step_up_required",
  },
  { file: "_app.audit.tsx", method: "GET", path: () => "/audit", permission: "audit:read", allowed: 200 },
  { file: "api.v1.audit.ts", method: "GET", path: () => "/api/v1/audit?verify=1", permission: "audit:read", allowed: 200 },
  {
    // Like the ledger export: past the guard, a fresh step-up first.
    file: "api.v1.audit.export.ts", method: "GET", path: () => "/api/v1/audit/export?format=csv", permission: "audit:read",
    allowed: 403, allowedCode: "step_up_required",
  },
  { file: "_app.security.tsx", method: "GET", path: () => "/security", permission: "security:view", allowed: 200 },
  { file: "api.v1.sessions.ts", method: "GET", path: () => "/api/v1/sessions", permission: "self:manage", allowed: 200 },
  { file: "api.v1.sessions.ts", method: "POST", path: () => "/api/v1/sessions", permission: "self:manage", allowed: 200, body: () => json({ action: "revoke-others" }) },
  { file: "api.v1.sessions.$id.revoke.ts", method: "POST", path: () => `/api/v1/sessions/${NO_SUCH_ID}/revoke`, permission: "self:manage", allowed: 404 },
  { file: "api.v1.mfa.ts", method: "POST", path: () => "/api/v1/mfa", permission: "self:manage", allowed: 422, body: () => json({ action: "confirm" }) },
  { file: "api.v1.mfa.ts", method: "GET", path: () => "/api/v1/mfa", permission: "self:manage", allowed: 200 },
  { file: "_app.settings.mfa.tsx", method: "GET", path: () => "/settings/mfa", permission: "self:manage", allowed: 200 },
  { file: "_app.settings.mfa.tsx", method: "POST", path: () => "/settings/mfa", permission: "self:manage", allowed: 400, body: () => form({ intent: "none" }) },
  { file: "_app.notifications.tsx", method: "GET", path: () => "/notifications", permission: "self:manage", allowed: 200 },
  { file: "api.v1.password.ts", method: "POST", path: () => "/api/v1/password", permission: "self:manage", allowed: 422, body: () => json({ current: "", next: "short" }) },
  { file: "api.v1.period-locks.ts", method: "GET", path: () => "/api/v1/period-locks", permission: "ledger:read", allowed: 200 },
  // Settings pages (forms post back to the page; a fixable refusal is the form's own answer).
  { file: "_app.settings.tsx", method: "GET", path: () => "/settings/sessions", permission: "self:manage", allowed: 200 },
  { file: "_app.settings.sessions.tsx", method: "GET", path: () => "/settings/sessions", permission: "self:manage", allowed: 200 },
  { file: "_app.settings.accounts.tsx", method: "GET", path: () => "/settings/accounts", permission: "accounts:manage", allowed: 200 },
  { file: "_app.settings.accounts.tsx", method: "POST", path: () => "/settings/accounts", permission: "accounts:manage", allowed: 404, body: () => form({ intent: "number", id: NO_SUCH_ID, accountNumber: "12345678" }) },
  { file: "_app.settings.period-locks.tsx", method: "GET", path: () => "/settings/period-locks", permission: "locks:manage", allowed: 200 },
  { file: "_app.settings.period-locks.tsx", method: "POST", path: () => "/settings/period-locks", permission: "locks:manage", allowed: 404, body: () => form({ intent: "lock", accountId: NO_SUCH_ID, through: "2026-01-31" }) },
  { file: "_app.settings.sessions.tsx", method: "POST", path: () => "/settings/sessions", permission: "self:manage", allowed: 404, body: () => form({ intent: "revoke", sessionId: NO_SUCH_ID }) },
  { file: "_app.settings.members.tsx", method: "GET", path: () => "/settings/members", permission: "users:manage", allowed: 200 },
  { file: "_app.settings.members.tsx", method: "POST", path: () => "/settings/members", permission: "users:manage", allowed: 422, body: () => form({ intent: "add", email: "not an email" }) },
  { file: "_app.settings.api-keys.tsx", method: "GET", path: () => "/settings/api-keys", permission: "apikeys:manage", allowed: 200 },
  { file: "_app.settings.api-keys.tsx", method: "POST", path: () => "/settings/api-keys", permission: "apikeys:manage", allowed: 422, body: () => form({ intent: "create", name: "", role: "data-entry" }) },
  { file: "api.v1.api-keys.ts", method: "GET", path: () => "/api/v1/api-keys", permission: "apikeys:manage", allowed: 200 },
  { file: "api.v1.api-keys.ts", method: "POST", path: () => "/api/v1/api-keys", permission: "apikeys:manage", allowed: 201, body: (role) => json({ name: `matrix ${role}`, role: "data-entry" }) },
  { file: "api.v1.api-keys.$id.ts", method: "GET", path: () => `/api/v1/api-keys/${NO_SUCH_ID}`, permission: "apikeys:manage", allowed: 404 },
  { file: "api.v1.members.ts", method: "GET", path: () => "/api/v1/members", permission: "users:manage", allowed: 200 },
  {
    file: "api.v1.members.ts", method: "POST", path: () => "/api/v1/members", permission: "users:manage", allowed: 201,
    body: (role) => json({ email: `matrix-${role}-${Math.random().toString(36).slice(2)}@example.test`, name: "Matrix member", role: "data-entry", password: "a long initial password" }),
  },
  { file: "api.v1.members.$userId.ts", method: "GET", path: () => `/api/v1/members/${NO_SUCH_ID}`, permission: "users:manage", allowed: 404 },
  {
    // Every account through a day long before any row of the matrix's tenant.
    file: "api.v1.period-locks.ts", method: "POST", path: () => "/api/v1/period-locks", permission: "locks:manage", allowed: 201,
    body: () => json({ through: "2000-01-31", reason: "guard matrix" }),
  },
];
const NO_SUCH_ID = "0196f000-0000-7000-8000-000000000000";
function form(fields: Record<string, string>) {
  return { body: new URLSearchParams(fields).toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}
function json(value: unknown) {
  return { body: JSON.stringify(value), headers: { "Content-Type": "application/json" } };
}
// Routes whose state-changing handler is exercised elsewhere (sign-in/out flows, uploads).
const COVERED_ELSEWHERE: Record<string, string> = {
  "login.tsx:action": "session.server.test.ts and the browser test",
  "logout.tsx:action": "the browser test",
  "api.v1.session.ts:action": "session.server.test.ts",
  "api.v1.statements.ts:action": "the upload matrix below and pipeline.test.ts",
  // Deleting the tenant, so never from this shared matrix: every role, anonymous, without and
  // with a fresh step-up, the confirmation name, and a foreign tenant's admin.
  "api.v1.tenant.delete.ts:action": "tests/security/tenant-deletion.test.ts",
  "login_.mfa.tsx:action": "tests/security/mfa.test.ts",
  "step-up.tsx:action": "tests/security/mfa.test.ts",
  "api.v1.session.mfa.ts:action": "tests/security/mfa.test.ts",
  "api.v1.session.step-up.ts:action": "tests/security/mfa.test.ts (step-up required, then satisfied; without MFA: enrol)",
  // Needs a fresh step-up after the guard: roles, step-up, audit and a foreign tenant's lock.
  "api.v1.period-locks.$id.unlock.ts:action": "tests/integration/period-locks.test.ts",
  // PATCH, which this matrix does not send: roles, anonymous and a foreign tenant's account.
  "api.v1.accounts.$id.ts:action": "tests/security/keys.test.ts (account numbers)",
  // DELETE (and PATCH), which this matrix does not send: roles, anonymous, a foreign tenant's key/member.
  "api.v1.api-keys.$id.ts:action": "tests/security/api-keys.test.ts",
  "api.v1.members.$userId.ts:action": "tests/security/members.test.ts",
  // PATCH with the row's version: every role, anonymous, a foreign tenant's row, conflicts, locks.
  "api.v1.transactions.$id.ts:action": "tests/integration/review.test.ts",
  "api.v1.transactions.$id.splits.ts:action": "tests/integration/review.test.ts",
  // Rules: create, change, delete, preview, import — every role, anonymous, a foreign tenant's rule.
  "api.v1.rules.ts:action": "tests/integration/rules.test.ts",
  "api.v1.rules.$id.ts:action": "tests/integration/rules.test.ts",
  "api.v1.rules.preview.ts:action": "tests/integration/rules.test.ts",
  "api.v1.rules.file.ts:action": "tests/integration/rules.test.ts",
  // Needs a proposed pair: roles, anonymous, a foreign tenant's pair, locks.
  "api.v1.transfers.$id.ts:action": "tests/integration/categorize-import.test.ts",
  "api.v1.review.categorize.ts:action": "tests/integration/categorize-import.test.ts",
  // Maker-checker needs approved rows and proposals: every role, anonymous, a foreign tenant's proposal and rows.
  "api.v1.proposals.$id.ts:action": "tests/integration/maker-checker.test.ts",
  "api.v1.transactions.approve.ts:action": "tests/integration/maker-checker.test.ts",
  // The chart and the threshold: every role, anonymous, a foreign tenant's category.
  "api.v1.categories.ts:action": "tests/integration/categories.test.ts",
  "api.v1.categories.$id.ts:action": "tests/integration/categories.test.ts",
  "api.v1.categories.$id.merge.ts:action": "tests/integration/categories.test.ts",
  "api.v1.settings.categorization.ts:action": "tests/integration/categories.test.ts",
  // Need rows and a completed reconciliation: roles, anonymous, a foreign tenant's account.
  "api.v1.reconciliations.ts:action": "tests/integration/reconciliation.test.ts",
  "api.v1.reconciliations.$id.unlock.ts:action": "tests/integration/reconciliation.test.ts",
  // Complete and unlock from the page: every role, anonymous, a foreign tenant's account and reconciliation.
  "_app.reconcile.tsx:action": "tests/e2e/workspace.test.ts",
  "_app.reconcile_.unlock.tsx:action": "tests/e2e/workspace.test.ts",
  // Confirming a proposed transfer pair: needs a pair (the same service as POST /api/v1/transfers/:id).
  "_app.review.tsx:action": "tests/e2e/review.test.ts",
};

const routesDir = path.resolve("app/routes");

describe("every route module uses the guard", () => {
  it("starts each loader and action with requirePermission(args, …) or publicRoute(args)", async () => {
    const files = (await readdir(routesDir)).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = await readFile(path.join(routesDir, file), "utf8");
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(loader|action)\s*\(([^)]*)\)[^{]*\{\s*\n?\s*([^\n]*)/g)) {
        const [, kind, , firstLine] = m;
        expect({ file, kind, firstLine }).toEqual({ file, kind, firstLine: expect.stringMatching(/^(const \w+ = )?await (requirePermission\(args, "[a-z:-]+"\)|publicRoute\(args\));$/) });
      }
      expect(source, `${file} must not export loader/action as arrow functions (the guard check reads function declarations)`).not.toMatch(
        /export\s+const\s+(loader|action)\b/,
      );
    }
  });

  it("has every route module and handler in the access matrix", async () => {
    const files = (await readdir(routesDir)).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
    for (const file of files) {
      const source = await readFile(path.join(routesDir, file), "utf8");
      const hasLoader = /export\s+async\s+function\s+loader/.test(source);
      const hasAction = /export\s+async\s+function\s+action/.test(source);
      if (hasLoader) expect(CASES.some((c) => c.file === file && c.method === "GET"), `${file} loader is not in the matrix`).toBe(true);
      if (hasAction) {
        expect(CASES.some((c) => c.file === file && c.method === "POST") || `${file}:action` in COVERED_ELSEWHERE, `${file} action is not in the matrix`).toBe(true);
      }
    }
  });
});

describe("route × role × tenant", () => {
  let own: TestTenant;
  let foreign: TestTenant;
  let foreignStatementId: string;
  const ctx: Ctx = { statementId: "", undoable: {} as Record<Role, string> };
  const clients = {} as Record<Role, Client>;

  beforeAll(async () => {
    own = await createTenant("Guard own");
    foreign = await createTenant("Guard foreign");
    for (const role of ROLES) clients[role] = await signedIn(own.users[role].email);
    // The admin's sign-in code was a fresh proof; the matrix wants sessions without a step-up.
    await withTenant(own.tenantId, (tx) =>
      tx.session.updateMany({ where: { tenantId: own.tenantId, userId: own.users.admin.id, mfaVerifiedAt: { not: null } }, data: { mfaVerifiedAt: new Date(Date.now() - 10 * 60_000) } }),
    );
    const up = await clients.admin.upload(own.accountId, "own.csv", csv("own"));
    expect(up.status).toBe(202);
    ctx.statementId = up.body.id;
    const foreignAdmin = await signedIn(foreign.users.admin.email);
    const fup = await foreignAdmin.upload(foreign.accountId, "foreign.csv", csv("foreign"));
    foreignStatementId = fup.body.id;
    await foreignAdmin.waitForStatement(foreignStatementId);
    await clients.admin.waitForStatement(ctx.statementId);
    for (const role of ROLES) {
      const res = await clients.admin.upload(own.accountId, `undo-${role}.csv`, csv(`undo ${role}`));
      ctx.undoable[role] = res.body.id;
      await clients.admin.waitForStatement(res.body.id);
    }
  });

  for (const c of CASES) {
    it(`${c.method} ${c.file}: anonymous`, async () => {
      const anon = new Client();
      const init = c.body ? { method: c.method, ...c.body("admin") } : { method: c.method };
      const res = await anon.fetch(c.path(own, ctx, "admin"), init);
      if (c.permission === null) {
        expect(res.status).toBe(c.allowed);
      } else if (c.path(own, ctx, "admin").startsWith("/api/")) {
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
      } else {
        expect(res.status).toBe(302);
        expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      }
    });

    for (const role of ROLES) {
      it(`${c.method} ${c.file}: ${role}`, async () => {
        const init = c.body ? { method: c.method, ...c.body(role) } : { method: c.method };
        const res = await clients[role].fetch(c.path(own, ctx, role), init);
        const body = await res.text();
        if (c.permission === null) {
          // public routes: signed-in users get sent on (302) or the page
          expect([200, 302]).toContain(res.status);
        } else if (can(role, c.permission)) {
          expect(res.status, body.slice(0, 300)).toBe(c.allowed);
          if (c.allowedCode) expect(JSON.parse(body)).toMatchObject({ error: { code: c.allowedCode } });
        } else {
          expect(res.status).toBe(403);
          if (c.path(own, ctx, role).startsWith("/api/")) expect(JSON.parse(body)).toMatchObject({ error: { code: "forbidden" } });
          else expect(body).toContain(`Your role (${role}) does not allow this (${c.permission}).`);
        }
        expect(body).not.toContain(foreign.tenantId);
        expect(body).not.toContain(foreign.name);
        expect(body).not.toContain(foreignStatementId);
        expect(body).not.toContain("guard test foreign");
      });
    }
  }

  describe("before the second factor is settled", () => {
    const ENROLMENT = ["/settings/mfa", "/api/v1/mfa"];
    let pending: Client;
    let unenrolled: Client;
    let noMfa: TestTenant;

    beforeAll(async () => {
      // The own admin has MFA on (clients.admin enrolled it): the password alone gives a
      // pending session. Another tenant's admin has never turned MFA on.
      pending = new Client();
      const signIn = await pending.json("/api/v1/session", { method: "POST", ...json({ email: own.users.admin.email, password: TEST_PASSWORD }) });
      expect(signIn.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: false });
      noMfa = await createTenant("Guard no MFA");
      unenrolled = new Client();
      const first = await unenrolled.json("/api/v1/session", { method: "POST", ...json({ email: noMfa.users.admin.email, password: TEST_PASSWORD }) });
      expect(first.body).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: true });
    });

    for (const c of CASES.filter((c) => c.permission !== null)) {
      it(`${c.method} ${c.file}: password only (MFA pending) → the challenge`, async () => {
        const init = c.body ? { method: c.method, ...c.body("admin") } : { method: c.method };
        const target = c.path(own, ctx, "admin");
        const res = await pending.fetch(target, init);
        if (target.startsWith("/api/")) {
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ error: { code: "mfa_required" } });
        } else {
          expect(res.status).toBe(302);
          expect(res.headers.get("Location")).toBe(`/login/mfa?redirectTo=${encodeURIComponent(target)}`);
        }
      });

      it(`${c.method} ${c.file}: admin without MFA → enrolment first`, async () => {
        const init = c.body ? { method: c.method, ...c.body("admin") } : { method: c.method };
        const target = c.path(noMfa, ctx, "admin");
        const res = await unenrolled.fetch(target, init);
        const body = await res.text();
        if (ENROLMENT.includes(target)) {
          expect(res.status, body.slice(0, 300)).toBe(c.allowed);
        } else if (target.startsWith("/api/")) {
          expect(res.status).toBe(403);
          expect(JSON.parse(body)).toMatchObject({ error: { code: "mfa_enrolment_required" } });
        } else {
          expect(res.status).toBe(302);
          expect(res.headers.get("Location")).toBe(`/settings/mfa?redirectTo=${encodeURIComponent(target)}`);
        }
      });
    }

    it("the pending session still reaches its challenge, and the unenrolled admin the enrolment page", async () => {
      expect((await pending.fetch("/login/mfa")).status).toBe(200);
      expect((await unenrolled.fetch("/settings/mfa")).status).toBe(200);
      const stepUp = await unenrolled.fetch("/step-up?redirectTo=%2Fdashboard");
      expect(stepUp.status).toBe(302);
      expect(stepUp.headers.get("Location")).toBe("/settings/mfa?redirectTo=%2Fdashboard");
    });
  });

  it("a foreign tenant's statement id is simply not found, for every role", async () => {
    for (const role of ROLES) {
      const res = await clients[role].json(`/api/v1/statements/${foreignStatementId}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  it("uploading into a foreign tenant's account is refused and leaves both ledgers untouched", async () => {
    const before = await withTenant(foreign.tenantId, (tx) => tx.statement.count());
    const res = await clients.admin.upload(foreign.accountId, "smuggle.csv", csv("smuggle"));
    expect(res.status).toBe(404);
    expect(await withTenant(foreign.tenantId, (tx) => tx.statement.count())).toBe(before);
  });

  it("every role may upload (statements:upload) — the upload action, per role", async () => {
    for (const role of ROLES) {
      expect(can(role, "statements:upload")).toBe(true);
      const res = await clients[role].upload(own.accountId, `${role}.csv`, csv(`upload by ${role}`));
      expect(res.status).toBe(202);
    }
  });
});
