/**
 * The "My sessions" page (/settings/sessions), for every role: my live sessions here (device,
 * address, when), this one marked; ending one; signing out everywhere else; changing the
 * password, which ends every other session.
 */
import { describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, TEST_PASSWORD } from "../support/fixtures.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

/** Signs in like a browser with the given user agent (with the code, for an admin). */
async function signInAs(email: string, userAgent: string, password = TEST_PASSWORD): Promise<Client> {
  const client = new Client();
  client.userAgent = userAgent;
  await client.signIn(email, password);
  return client;
}

const postForm = (client: Client, fields: Record<string, string>) =>
  client.fetch("/settings/sessions", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

/** The session rows of the page: id, and the row's text. */
function rows(html: string): { id: string; text: string }[] {
  return [...html.matchAll(/<tr data-session-id="([0-9a-f-]{36})">(.*?)<\/tr>/gs)].map((m) => ({ id: m[1]!, text: m[2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() }));
}

const stillSignedIn = async (client: Client) => (await client.json("/api/v1/session")).status === 200;

describe("my sessions page", () => {
  it("lists my sessions here with device and address, marks this one, and shows no one else's", async () => {
    const t = await createTenant("Session page");
    const here = await signInAs(t.users["data-entry"].email, FIREFOX);
    await signInAs(t.users["data-entry"].email, CHROME_WIN);
    await signInAs(t.users.admin.email, CHROME_WIN);
    const res = await here.fetch("/settings/sessions", { headers: { "User-Agent": FIREFOX } });
    expect(res.status).toBe(200);
    const list = rows(await res.text());
    expect(list).toHaveLength(2);
    const mine = await withTenant(t.tenantId, (tx) => tx.session.findMany({ where: { tenantId: t.tenantId, userId: t.users["data-entry"].id } }));
    expect(list.map((r) => r.id).sort()).toEqual(mine.map((s) => s.id).sort());
    expect(list[0]!.text).toMatch(/^Firefox on Linux this session /);
    expect(list[0]!.text).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    expect(list[0]!.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(list[1]!.text).toMatch(/^Chrome on Windows /);
    expect(list[1]!.text).not.toContain("this session");
  });

  it("ends one other session, which is then signed out; someone else's session is not mine to end", async () => {
    const t = await createTenant("Session page revoke");
    const here = await signInAs(t.users.operator.email, FIREFOX);
    const phone = await signInAs(t.users.operator.email, CHROME_WIN);
    const other = await signInAs(t.users.admin.email, CHROME_WIN);
    const [, phoneRow] = rows(await (await here.fetch("/settings/sessions")).text());
    const ended = await postForm(here, { intent: "revoke", sessionId: phoneRow!.id });
    expect(ended.status).toBe(200);
    const html = await ended.text();
    expect(html).toContain("That session has ended.");
    expect(rows(html).map((r) => r.id)).not.toContain(phoneRow!.id);
    expect(await stillSignedIn(phone)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);

    const adminSession = await withTenant(t.tenantId, (tx) => tx.session.findFirstOrThrow({ where: { tenantId: t.tenantId, userId: t.users.admin.id } }));
    const notMine = await postForm(here, { intent: "revoke", sessionId: adminSession.id });
    expect(notMine.status).toBe(404);
    expect(await notMine.text()).toContain("No such active session of yours.");
    expect(await stillSignedIn(other)).toBe(true);
    const garbage = await postForm(here, { intent: "revoke", sessionId: "'; DROP TABLE" });
    expect(garbage.status).toBe(422);
    expect((await postForm(here, { intent: "nonsense" })).status).toBe(400);
    expect(await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId, action: "auth.session_revoked" } }))).toBe(1);
  });

  it("signs out everywhere else", async () => {
    const t = await createTenant("Session page others");
    const here = await signInAs(t.users.admin.email, FIREFOX);
    const a = await signInAs(t.users.admin.email, CHROME_WIN);
    const b = await signInAs(t.users.admin.email, CHROME_WIN);
    const res = await postForm(here, { intent: "revoke-others" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Signed out of 2 other sessions.");
    expect(rows(html)).toHaveLength(1);
    expect(await stillSignedIn(a)).toBe(false);
    expect(await stillSignedIn(b)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);
  });

  it("changes the password: the current one is required, every other session ends, this one carries on", async () => {
    const t = await createTenant("Session page password");
    const email = t.users.operator.email;
    const here = await signInAs(email, FIREFOX);
    const elsewhere = await signInAs(email, CHROME_WIN);
    const next = "a brand new long password";

    const wrong = await postForm(here, { intent: "password", current: "not my password", next });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Your current password is not this one.");
    const short = await postForm(here, { intent: "password", current: TEST_PASSWORD, next: "short" });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("at least 12 characters");
    expect(await stillSignedIn(elsewhere)).toBe(true);

    const ok = await postForm(here, { intent: "password", current: TEST_PASSWORD, next });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("Password changed. Every other session of yours has ended.");
    expect(rows(html)).toHaveLength(1);
    expect(await stillSignedIn(here)).toBe(true);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    await expect(new Client().signIn(email)).rejects.toThrow(/401/);
    await signInAs(email, FIREFOX, next);
  });

  it("is there for every role, from the Settings link", async () => {
    const t = await createTenant("Session page roles");
    for (const role of ["admin", "operator", "data-entry"] as const) {
      const client = await signInAs(t.users[role].email, FIREFOX);
      const settings = await client.fetch("/settings");
      expect(settings.status).toBe(302);
      expect(settings.headers.get("Location")).toBe("/settings/sessions");
      const page = await (await client.fetch("/settings/sessions")).text();
      expect(page).toContain('href="/settings"');
      expect(page).toContain("My sessions");
      // Members and API keys only where the role may manage them.
      expect(page.includes('href="/settings/members"')).toBe(role === "admin");
      expect(page.includes('href="/settings/api-keys"')).toBe(role === "admin");
    }
    expect((await new Client().fetch("/settings/sessions")).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
