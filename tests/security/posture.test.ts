/**
 * The /security page states this organisation's posture from live data: when its keys, its
 * members' two-factor sign-in or its audit log change, the page says so on the next load.
 * (What it says for each input is unit-tested in app/domain/security-posture.test.ts.)
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "~/cli/cashline";
import { withTenant } from "~/services/db.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let owner: pg.Client;

/** A fact row of the page: its tone and its text. */
async function fact(label: string): Promise<{ tone: string; value: string }> {
  const res = await entry.fetch("/security");
  expect(res.status).toBe(200);
  const html = await res.text();
  const m = new RegExp(`data-fact="${label}" data-tone="(\\w+)"><th[^>]*>[^<]*</th><td[^>]*>(.*?)</td>`).exec(html);
  if (!m) throw new Error(`no "${label}" on the page`);
  return { tone: m[1]!, value: m[2]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/<!-- -->/g, "") };
}

beforeAll(async () => {
  t = await createTenant("Posture");
  // The least privileged role: the page is for everyone signed in.
  entry = await signedIn(t.users["data-entry"].email);
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
});

describe("/security", () => {
  it("counts this organisation's real data-key versions, before and after a rotation", async () => {
    expect(await fact("Data-key versions")).toEqual({ tone: "info", value: "none yet: this organisation's first key is made with its first upload" });
    const up = await entry.upload(t.accountId, "posture.csv", "Date,Description,Amount\n2026-04-01,posture,1.00\n");
    expect(up.status).toBe(202);
    expect(await fact("Data-key versions")).toEqual({ tone: "info", value: "1 version; current v1, 0 days old" });

    const out: string[] = [];
    expect(await main(["keys", "rotate", "--tenant", t.tenantId], { stdout: (s) => out.push(s), stderr: () => undefined })).toBe(0);
    const versions = await withTenant(t.tenantId, (tx) => tx.tenantKey.count());
    expect(versions).toBe(2);
    expect(await fact("Data-key versions")).toEqual({ tone: "info", value: "2 versions; current v2, 0 days old" });
    expect((await fact("Key v1")).value).toMatch(/^created \d{4}-\d{2}-\d{2} \(0 days ago\), retired \d{4}-\d{2}-\d{2}: still reads what it protects$/);
    expect((await fact("Key v2")).value).toMatch(/, current: new files and fields$/);
    expect((await fact("Key provider")).value).toMatch(/^local: data keys are wrapped \(AES-256-GCM\) by the server's MASTER_KEY \(local:[0-9a-f]{16}\)/);
  });

  it("counts the admins and members with two-factor sign-in on, as they turn it on", async () => {
    expect(await fact("Admins with it on")).toEqual({ tone: "warn", value: "0 of 1" });
    expect(await fact("Members with it on")).toEqual({ tone: "info", value: "0 of 3 (admins included)" });
    // As enrolment leaves it (the secret itself does not matter to the count).
    await owner.query(`UPDATE "Membership" SET "totpEnabledAt" = now() WHERE "tenantId" = $1 AND "userId" = $2`, [t.tenantId, t.users.admin.id]);
    expect(await fact("Admins with it on")).toEqual({ tone: "ok", value: "1 of 1" });
    expect(await fact("Members with it on")).toEqual({ tone: "info", value: "1 of 3 (admins included)" });
    // Read off the guard itself: it sends an admin without a second factor to enrol.
    expect(await fact("Required for admins")).toEqual({ tone: "ok", value: "yes: an admin without it is sent to turn it on before anything else" });
  });

  it("verifies the audit chain as it loads, and reads the cookie, hashes and headers in effect", async () => {
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId } }));
    expect(await fact("Hash chain")).toMatchObject({ tone: "ok", value: expect.stringMatching(new RegExp(`^intact: ${events} events verified at \\d{4}-`)) });
    // The test server runs outside production: no Secure flag, and the page says so.
    expect(await fact("Session cookie")).toEqual({
      tone: "warn",
      value: "cashline_session: HttpOnly, SameSite=Lax, Path=/; holds only a sealed session id — not Secure (sent over plain HTTP: development mode)",
    });
    expect(await fact("Passwords")).toEqual({ tone: "ok", value: "scrypt (N=32768, r=8, p=1) for 3 of 3" });
    expect(await fact("Idle timeout")).toEqual({ tone: "info", value: "15 minutes for admins, 30 minutes for everyone else" });
    expect((await fact("Absolute session lifetime")).value).toBe("8 hours for admins, 12 hours for everyone else");
    expect((await fact("HSTS")).value).toBe("not sent (development mode: served over plain HTTP)");
    expect((await fact("Content-Security-Policy")).value).toContain("script-src 'self' 'nonce-<per-response>'");
  });
});
