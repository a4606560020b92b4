/**
 * Members and roles: admins list, add (initial password, or a membership for an existing
 * account), change roles (after a fresh step-up) and remove members — all audited; the last
 * admin stays; a role change or removal reaches the member's existing sessions at once.
 */
import { describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant, ownerConnection } from "../support/fixtures.ts";

const owner = ownerConnection();

/** A fresh TOTP proof on the user's sessions in the tenant, as if they had just stepped up. */
const stepUp = (t: TestTenant, userId: string, at = new Date()) =>
  owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = $3 WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, userId, at]);

const send = (client: Client, method: string, path: string, body?: unknown) =>
  client.json(path, body === undefined ? { method } : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

const auditOf = (t: TestTenant, action: string) => withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action }, orderBy: { seq: "asc" } }));

const unique = () => Math.random().toString(36).slice(2, 10);
const NEW_PASSWORD = "initial password 1234";

describe("listing and adding members", () => {
  it("lists every member with role, MFA and last sign-in", async () => {
    const t = await createTenant("Members list");
    const admin = await signedIn(t.users.admin.email);
    await owner.query(`UPDATE "Membership" SET "totpEnabledAt" = now() WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.operator.id]);
    const res = await admin.json("/api/v1/members");
    expect(res.status).toBe(200);
    const byEmail = Object.fromEntries(res.body.members.map((m: any) => [m.email, m]));
    expect(Object.keys(byEmail).sort()).toEqual([t.users.admin.email, t.users["data-entry"].email, t.users.operator.email].sort());
    expect(byEmail[t.users.admin.email]).toMatchObject({ userId: t.users.admin.id, name: "admin user", role: "admin", mfaEnabled: true, lastSignInAt: expect.any(String) });
    expect(byEmail[t.users.operator.email]).toMatchObject({ role: "operator", mfaEnabled: true, lastSignInAt: null });
    expect((await admin.json(`/api/v1/members/${t.users.operator.id}`)).body).toMatchObject({ email: t.users.operator.email, role: "operator" });
  });

  it("adds a new person with an initial password, audited without it", async () => {
    const t = await createTenant("Members add");
    const admin = await signedIn(t.users.admin.email);
    const email = `new-${unique()}@example.test`;
    const res = await send(admin, "POST", "/api/v1/members", { email: ` ${email.toUpperCase()} `, name: "New Person", role: "operator", password: NEW_PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ existingAccount: false, member: { email, name: "New Person", role: "operator", mfaEnabled: false, lastSignInAt: null } });
    const newcomer = new Client();
    await newcomer.signIn(email.replace("new", "NEW"), NEW_PASSWORD);
    const me = await newcomer.json("/api/v1/session");
    expect(me.body).toMatchObject({ role: "operator", tenant: { id: t.tenantId } });
    const [event] = await auditOf(t, "member.added");
    expect(event).toMatchObject({ actorId: t.users.admin.id, entityId: res.body.member.userId, after: { email, role: "operator", existingAccount: false } });
    expect(JSON.stringify({ ...event, seq: String(event!.seq) })).not.toContain(NEW_PASSWORD);
    const again = await send(admin, "POST", "/api/v1/members", { email, name: "Twice", role: "data-entry", password: NEW_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`${email} is already a member of this organisation (operator).`);
  });

  it("an email with an account elsewhere joins with its own password; the one entered is not used", async () => {
    const t = await createTenant("Members join");
    const elsewhere = await createTenant("Members elsewhere");
    const admin = await signedIn(t.users.admin.email);
    const email = elsewhere.users["data-entry"].email;
    const res = await send(admin, "POST", "/api/v1/members", { email, name: "Ignored name", role: "operator", password: NEW_PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ existingAccount: true, member: { userId: elsewhere.users["data-entry"].id, name: "data-entry user", role: "operator" } });
    const { rows } = await owner.query(`SELECT role FROM "Membership" WHERE "userId" = $1 ORDER BY role`, [elsewhere.users["data-entry"].id]);
    expect(rows.map((r) => r.role)).toEqual(["data-entry", "operator"]);
    await new Client().signIn(email, TEST_PASSWORD);
    await expect(new Client().signIn(email, NEW_PASSWORD)).rejects.toThrow(/401/);
    expect((await auditOf(t, "member.added"))[0]).toMatchObject({ after: { existingAccount: true } });
  });

  it("validates what is added, and only admins may", async () => {
    const t = await createTenant("Members validation");
    const admin = await signedIn(t.users.admin.email);
    const bad = await send(admin, "POST", "/api/v1/members", { email: "nope", name: "", role: "owner", password: "short" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toEqual({
      email: "Enter a valid email address",
      name: "Enter the member's name",
      role: "Choose a role: admin, operator, data-entry",
      password: "Choose an initial password of at least 12 characters",
    });
    for (const role of ["operator", "data-entry"] as const) {
      const client = await signedIn(t.users[role].email);
      const res = await send(client, "POST", "/api/v1/members", { email: `x-${unique()}@example.test`, name: "X", role: "admin", password: NEW_PASSWORD });
      expect(res.status).toBe(403);
      expect((await client.json("/api/v1/members")).status).toBe(403);
    }
    expect((await new Client().json("/api/v1/members")).status).toBe(401);
  });
});

describe("changing roles", () => {
  it("needs a fresh step-up; then takes effect on the member's open session at once, audited before/after", async () => {
    const t = await createTenant("Members role");
    const admin = await signedIn(t.users.admin.email);
    const operator = await signedIn(t.users.operator.email);
    expect((await operator.json("/api/v1/cashflow")).status).toBe(200);

    // The code proved at sign-in is an hour old: signed in, but no step-up.
    await stepUp(t, t.users.admin.id, new Date(Date.now() - 3_600_000));
    const without = await send(admin, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "data-entry" });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe("step_up_required");
    await stepUp(t, t.users.admin.id, new Date(Date.now() - 6 * 60_000));
    expect((await send(admin, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "data-entry" })).body.error.code).toBe("step_up_required");
    expect((await operator.json("/api/v1/session")).body.role).toBe("operator");

    await stepUp(t, t.users.admin.id);
    const changed = await send(admin, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "data-entry" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: t.users.operator.id, role: "data-entry" });
    // The same session, no new sign-in: the new role applies to the very next request.
    expect((await operator.json("/api/v1/session")).body.role).toBe("data-entry");
    const refused = await operator.json("/api/v1/cashflow");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Your role (data-entry) does not allow this (dashboard:view).");
    const [event] = await auditOf(t, "member.role_changed");
    expect(event).toMatchObject({ actorId: t.users.admin.id, entityId: t.users.operator.id, before: { role: "operator" }, after: { role: "data-entry" } });

    const invalid = await send(admin, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "superuser" });
    expect(invalid.status).toBe(422);
    expect((await send(admin, "PATCH", "/api/v1/members/0196f000-0000-7000-8000-000000000000", { role: "admin" })).status).toBe(404);
  });

  it("promotion works the same way: a data-entry member made admin must turn on two-factor sign-in, then manages members at once", async () => {
    const t = await createTenant("Members promote");
    const admin = await signedIn(t.users.admin.email);
    const entry = await signedIn(t.users["data-entry"].email);
    expect((await entry.json("/api/v1/members")).status).toBe(403);
    await stepUp(t, t.users.admin.id);
    expect((await send(admin, "PATCH", `/api/v1/members/${t.users["data-entry"].id}`, { role: "admin" })).status).toBe(200);
    // The same session, now an admin's: nothing but enrolment until two-factor sign-in is on.
    const gated = await entry.json("/api/v1/members");
    expect(gated).toMatchObject({ status: 403, body: { error: { code: "mfa_enrolment_required" } } });
    await entry.enrolThroughApi(t.users["data-entry"].email);
    expect((await entry.json("/api/v1/members")).status).toBe(200);
  });

  it("never demotes or removes the last admin", async () => {
    const t = await createTenant("Members last admin");
    const admin = await signedIn(t.users.admin.email);
    await stepUp(t, t.users.admin.id);
    const demote = await send(admin, "PATCH", `/api/v1/members/${t.users.admin.id}`, { role: "operator" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toBe(`${t.users.admin.email} is the organisation's last admin and cannot be made operator: make another member an admin first.`);
    const remove = await send(admin, "DELETE", `/api/v1/members/${t.users.admin.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.error.message).toMatch(/last admin and cannot be removed/);
    expect((await admin.json("/api/v1/session")).body.role).toBe("admin");
    expect(await auditOf(t, "member.role_changed")).toHaveLength(0);
  });

  it("two admins demoting each other at the same moment: one wins, an admin remains", async () => {
    const t = await createTenant("Members race");
    const first = await signedIn(t.users.admin.email);
    await stepUp(t, t.users.admin.id);
    await send(first, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "admin" });
    const second = await signedIn(t.users.operator.email);
    await stepUp(t, t.users.operator.id);
    const results = await Promise.all([
      send(first, "PATCH", `/api/v1/members/${t.users.operator.id}`, { role: "operator" }),
      send(second, "PATCH", `/api/v1/members/${t.users.admin.id}`, { role: "operator" }),
    ]);
    // Whoever went second either lost their admin role already (403) or met the last-admin rule (409).
    expect(results.map((r) => r.status).sort()).toEqual([200, expect.any(Number)]);
    expect([403, 409]).toContain(results.map((r) => r.status).sort()[1]);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "Membership" WHERE "tenantId" = $1 AND role = 'admin'`, [t.tenantId]);
    expect(rows[0].n).toBe(1);
  });
});

describe("removing members", () => {
  it("ends their sessions here at once, keeps their account, and is audited", async () => {
    const t = await createTenant("Members remove");
    const elsewhere = await createTenant("Members remove elsewhere");
    const admin = await signedIn(t.users.admin.email);
    // The operator also belongs to another organisation, where nothing changes.
    await withTenant(elsewhere.tenantId, (tx) => tx.membership.create({ data: { tenantId: elsewhere.tenantId, userId: t.users.operator.id, role: "data-entry" } }));
    const laptop = await signedIn(t.users.operator.email);
    const phone = await signedIn(t.users.operator.email);
    expect((await laptop.json("/api/v1/session")).status).toBe(200);

    const res = await send(admin, "DELETE", `/api/v1/members/${t.users.operator.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ removed: t.users.operator.id, sessionsEnded: 2 });
    expect((await laptop.json("/api/v1/session")).status).toBe(401);
    expect((await phone.json("/api/v1/transactions")).status).toBe(401);
    expect((await admin.json("/api/v1/members")).body.members.map((m: any) => m.email)).not.toContain(t.users.operator.email);
    expect((await admin.json(`/api/v1/members/${t.users.operator.id}`)).status).toBe(404);
    const [event] = await auditOf(t, "member.removed");
    expect(event).toMatchObject({ actorId: t.users.admin.id, entityId: t.users.operator.id, before: { email: t.users.operator.email, role: "operator" }, after: { sessionsEnded: 2 } });
    // Signing in again lands in the organisation they still belong to.
    const back = await signedIn(t.users.operator.email);
    expect((await back.json("/api/v1/session")).body.tenant.id).toBe(elsewhere.tenantId);
    expect((await send(admin, "DELETE", `/api/v1/members/${t.users.operator.id}`)).status).toBe(404);
  });

  it("only this tenant's admins may remove, and only this tenant's members", async () => {
    const t = await createTenant("Members remove guard");
    const foreign = await createTenant("Members remove foreign");
    const foreignAdmin = await signedIn(foreign.users.admin.email);
    const target = t.users["data-entry"];
    const victim = await signedIn(target.email);
    expect((await send(foreignAdmin, "DELETE", `/api/v1/members/${target.id}`)).status).toBe(404);
    expect((await foreignAdmin.json(`/api/v1/members/${target.id}`)).status).toBe(404);
    await stepUp(foreign, foreign.users.admin.id);
    expect((await send(foreignAdmin, "PATCH", `/api/v1/members/${target.id}`, { role: "admin" })).status).toBe(404);
    expect((await send(await signedIn(t.users.operator.email), "DELETE", `/api/v1/members/${target.id}`)).status).toBe(403);
    expect((await send(new Client(), "DELETE", `/api/v1/members/${target.id}`)).status).toBe(401);
    expect((await send(await signedIn(t.users.admin.email), "POST", `/api/v1/members/${target.id}`)).status).toBe(400);
    expect((await send(await signedIn(t.users.admin.email), "DELETE", "/api/v1/members/not-a-uuid")).status).toBe(422);
    expect((await victim.json("/api/v1/session")).body.role).toBe("data-entry");
  });
});

describe("the members page", () => {
  const postForm = (client: Client, fields: Record<string, string>) =>
    client.fetch("/settings/members", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

  it("lists, adds, asks for a step-up before a role change, then changes it and removes", async () => {
    const t = await createTenant("Members page");
    const admin = await signedIn(t.users.admin.email);
    await stepUp(t, t.users.admin.id, new Date(Date.now() - 3_600_000));
    const page = await (await admin.fetch("/settings/members")).text();
    expect(page).toContain(t.users.operator.email);
    expect(page).toContain("Confirm it is you");

    const email = `page-${unique()}@example.test`;
    const added = await postForm(admin, { intent: "add", email, name: "Page Person", role: "data-entry", password: NEW_PASSWORD });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain(`${email} added as data-entry.`);
    const short = await postForm(admin, { intent: "add", email: `x-${unique()}@example.test`, name: "X", role: "data-entry", password: "short" });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("Choose an initial password of at least 12 characters");

    const refused = await postForm(admin, { intent: "role", userId: t.users.operator.id, role: "admin" });
    expect(refused.status).toBe(403);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Confirm it is you");
    expect(refusedHtml).toContain("/step-up?redirectTo=%2Fsettings%2Fmembers");
    await stepUp(t, t.users.admin.id);
    const changed = await postForm(admin, { intent: "role", userId: t.users.operator.id, role: "admin" });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain(`${t.users.operator.email} is now admin.`);

    const removed = await postForm(admin, { intent: "remove", userId: t.users["data-entry"].id });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Member removed");
    expect((await auditOf(t, "member.removed")).length).toBe(1);
  });

  it("is not for operators", async () => {
    const t = await createTenant("Members page guard");
    const operator = await signedIn(t.users.operator.email);
    const res = await operator.fetch("/settings/members");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Your role (operator) does not allow this (users:manage).");
  });
});
