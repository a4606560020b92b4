import { describe, expect, it } from "vitest";
import { buildSecurityPosture, KEY_ROTATION_DUE_DAYS, parseSetCookie, type PostureInput, type PostureSection } from "./security-posture.ts";
import { securityHeaders } from "./security-headers.ts";

const NOW = new Date("2026-11-22T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function input(over: Partial<PostureInput> = {}): PostureInput {
  return {
    now: NOW,
    production: true,
    session: { idleMinutes: 30, maxHours: 12, admin: null, setCookie: "__Host-cashline_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax" },
    stepUpMinutes: 5,
    login: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, windowMinutes: 15 },
    mfa: { requiredForAdmins: false, admins: { total: 2, enabled: 1 }, members: { total: 5, enabled: 2 } },
    keys: {
      provider: "local",
      kekId: "local:0123456789abcdef",
      versions: [
        { version: 1, createdAt: daysAgo(400), retiredAt: null, current: false },
        { version: 2, createdAt: daysAgo(10), retiredAt: null, current: true },
      ],
      pendingReencryption: 0,
    },
    audit: { ok: true, checked: 42, verifiedAt: "2026-11-22T12:00:00.000Z" },
    crypto: { objectSegmentBytes: 65_536, sealedFieldPurposes: ["totp-secret", "account-number"], passwordSchemes: [{ scheme: "scrypt", params: "N=32768, r=8, p=1", members: 5 }] },
    headers: securityHeaders({ nonce: "<per-response>", production: true }),
    trustProxy: true,
    appOrigin: "https://cash.example.com",
    ...over,
  };
}

function fact(sections: PostureSection[], label: string) {
  const found = sections.flatMap((s) => s.facts).find((f) => f.label === label);
  if (!found) throw new Error(`no fact "${label}" in ${JSON.stringify(sections.map((s) => s.facts.map((f) => f.label)))}`);
  return found;
}
const build = (over: Partial<PostureInput> = {}) => buildSecurityPosture(input(over));

describe("buildSecurityPosture", () => {
  it("has one section per area, each with facts", () => {
    expect(build().map((s) => s.title)).toEqual([
      "Sign-in and sessions", "Two-factor sign-in (TOTP)", "Encryption keys", "Encryption in use", "Audit log", "Browser and transport",
    ]);
  });

  it("states the session limits from its inputs, and admin-specific limits when there are any", () => {
    expect(fact(build(), "Idle timeout").value).toBe("30 minutes, the same for every role (admins included)");
    expect(fact(build({ session: { ...input().session, idleMinutes: 1 } }), "Idle timeout").value).toBe("1 minute, the same for every role (admins included)");
    expect(fact(build({ session: { ...input().session, maxHours: 8 } }), "Absolute session lifetime").value).toBe("8 hours, the same for every role (admins included)");
    const split = build({ session: { ...input().session, admin: { idleMinutes: 10, maxHours: 4 } } });
    expect(fact(split, "Idle timeout").value).toBe("10 minutes for admins, 30 minutes for everyone else");
    expect(fact(split, "Absolute session lifetime").value).toBe("4 hours for admins, 12 hours for everyone else");
  });

  it("reads the cookie flags from the cookie itself, and calls a missing one weak", () => {
    const prod = fact(build(), "Session cookie");
    expect(prod).toEqual({ label: "Session cookie", value: "__Host-cashline_session: HttpOnly, Secure, SameSite=Lax, Path=/, __Host- prefix; holds only a sealed session id", tone: "ok" });
    const dev = fact(build({ session: { ...input().session, setCookie: "cashline_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax" } }), "Session cookie");
    expect(dev.tone).toBe("warn");
    expect(dev.value).toBe("cashline_session: HttpOnly, SameSite=Lax, Path=/; holds only a sealed session id — not Secure (sent over plain HTTP: development mode)");
    expect(fact(build({ session: { ...input().session, setCookie: "s=x; Secure" } }), "Session cookie").value).toMatch(/— not HttpOnly, no SameSite$/);
  });

  it("states throttling and the step-up window from configuration", () => {
    expect(fact(build(), "Sign-in throttling").value).toBe("after 5 failed attempts per account or 50 per address within 15 minutes, sign-in waits (429)");
    expect(fact(build({ login: { maxFailuresPerAccount: 1, maxFailuresPerAddress: 9, windowMinutes: 1 } }), "Sign-in throttling").value).toBe(
      "after 1 failed attempt per account or 9 per address within 1 minute, sign-in waits (429)",
    );
    expect(fact(build({ stepUpMinutes: 2 }), "Step-up").value).toMatch(/from the last 2 minutes$/);
  });

  it("counts who has two-factor sign-in, and says plainly that admins are not forced to", () => {
    const sections = build();
    expect(fact(sections, "Required for admins")).toMatchObject({ tone: "warn", value: expect.stringMatching(/^no: /) });
    expect(fact(sections, "Admins with it on")).toEqual({ label: "Admins with it on", value: "1 of 2", tone: "warn" });
    expect(fact(sections, "Members with it on")).toEqual({ label: "Members with it on", value: "2 of 5 (admins included)", tone: "info" });
    const all = build({ mfa: { requiredForAdmins: true, admins: { total: 2, enabled: 2 }, members: { total: 2, enabled: 2 } } });
    expect(fact(all, "Required for admins")).toMatchObject({ tone: "ok", value: expect.stringMatching(/^yes: /) });
    expect(fact(all, "Admins with it on").tone).toBe("ok");
    expect(fact(all, "Members with it on").tone).toBe("ok");
  });

  it("lists every data-key version with its age, and flags a current key past its rotation age", () => {
    const sections = build();
    expect(fact(sections, "Data-key versions")).toEqual({ label: "Data-key versions", value: "2 versions; current v2, 10 days old", tone: "info" });
    expect(fact(sections, "Key v1").value).toBe(`created ${daysAgo(400).slice(0, 10)} (400 days ago), older: still reads what it protects`);
    expect(fact(sections, "Key v2").value).toBe(`created ${daysAgo(10).slice(0, 10)} (10 days ago), current: new files and fields`);
    expect(sections.flatMap((s) => s.facts).some((f) => f.label === "Rotation")).toBe(false);

    const old = build({ keys: { ...input().keys, versions: [{ version: 1, createdAt: daysAgo(KEY_ROTATION_DUE_DAYS + 1), retiredAt: null, current: true }] } });
    expect(fact(old, "Data-key versions")).toMatchObject({ value: `1 version; current v1, ${KEY_ROTATION_DUE_DAYS + 1} days old`, tone: "warn" });
    expect(fact(old, "Rotation").tone).toBe("warn");

    const none = build({ keys: { ...input().keys, versions: [] } });
    expect(fact(none, "Data-key versions").value).toBe("none yet: this organisation's first key is made with its first upload");

    const retired = build({ keys: { ...input().keys, versions: [{ version: 1, createdAt: daysAgo(3), retiredAt: daysAgo(1), current: false }] } });
    expect(fact(retired, "Key v1").value).toMatch(/, retired \d{4}-\d{2}-\d{2}: still reads what it protects$/);

    const missing = build({ keys: { ...input().keys, versions: [{ version: 3, createdAt: null, retiredAt: null, current: false }] } });
    expect(fact(missing, "Key v3")).toMatchObject({ tone: "bad", value: expect.stringMatching(/cannot be read/) });

    expect(fact(build({ keys: { ...input().keys, pendingReencryption: 7 } }), "Re-encryption").value).toMatch(/^7 files and fields still under an older key/);
    expect(fact(build({ keys: { ...input().keys, pendingReencryption: 1 } }), "Re-encryption").value).toMatch(/^1 file or field still/);
  });

  it("names the key provider", () => {
    expect(fact(build(), "Key provider")).toMatchObject({ tone: "info", value: expect.stringMatching(/^local: .*MASTER_KEY \(local:0123456789abcdef\)/) });
    const kms = build({ keys: { ...input().keys, provider: "kms", kekId: "kms:arn:aws:kms:eu-west-1:1:key/abc" } });
    expect(fact(kms, "Key provider")).toMatchObject({ tone: "ok", value: expect.stringMatching(/^AWS KMS: .*kms:arn:aws:kms:eu-west-1:1:key\/abc/) });
  });

  it("describes the encryption in use from the code's constants and the stored password hashes", () => {
    const sections = build();
    expect(fact(sections, "Statement files").value).toMatch(/^AES-256-GCM in 64 KiB authenticated segments/);
    expect(fact(build({ crypto: { ...input().crypto, objectSegmentBytes: 1024 * 1024 } }), "Statement files").value).toMatch(/in 1024 KiB/);
    expect(fact(sections, "Sealed fields").value).toMatch(/: totp-secret, account-number$/);
    expect(fact(sections, "Passwords")).toEqual({ label: "Passwords", value: "scrypt (N=32768, r=8, p=1) for 5 of 5", tone: "ok" });
    const mixed = build({
      crypto: { ...input().crypto, passwordSchemes: [{ scheme: "scrypt", params: "N=32768, r=8, p=1", members: 3 }, { scheme: "md5", params: "unknown parameters", members: 1 }] },
    });
    expect(fact(mixed, "Passwords")).toEqual({ label: "Passwords", value: "scrypt (N=32768, r=8, p=1) for 3 of 4; md5 (unknown parameters) for 1 of 4", tone: "warn" });
  });

  it("states the audit chain's verdict: intact with its count, or the first broken event", () => {
    expect(fact(build(), "Hash chain")).toEqual({ label: "Hash chain", value: "intact: 42 events verified at 2026-11-22T12:00:00.000Z", tone: "ok" });
    const broken = build({ audit: { ok: false, checked: 6, seq: "7", reason: "event content does not match its hash", verifiedAt: "2026-11-22T12:00:00.000Z" } });
    expect(fact(broken, "Hash chain")).toEqual({
      label: "Hash chain",
      value: "BROKEN at event 7: event content does not match its hash (6 events before it verified, at 2026-11-22T12:00:00.000Z)",
      tone: "bad",
    });
  });

  it("reads CSP, HSTS and the proxy setting from the headers builder and configuration", () => {
    const prod = build();
    expect(fact(prod, "Content-Security-Policy")).toMatchObject({ tone: "ok", value: expect.stringContaining("frame-ancestors 'none'") });
    expect(fact(prod, "Scripts").tone).toBe("ok");
    expect(fact(prod, "Framing").tone).toBe("ok");
    expect(fact(prod, "HSTS")).toEqual({ label: "HSTS", value: "max-age=31536000; includeSubDomains", tone: "ok" });
    expect(fact(prod, "Reverse proxy").value).toMatch(/plain HTTP is redirected to HTTPS$/);
    expect(fact(prod, "Cross-site requests").value).toMatch(/this app's origin: https:\/\/cash\.example\.com$/);

    const dev = build({ production: false, headers: securityHeaders({ nonce: "n", production: false }), trustProxy: false, appOrigin: null });
    expect(fact(dev, "HSTS")).toEqual({ label: "HSTS", value: "not sent (development mode: served over plain HTTP)", tone: "info" });
    expect(fact(dev, "Reverse proxy").value).toMatch(/^not trusted/);
    expect(fact(dev, "Cross-site requests").value).toMatch(/each request's own \(APP_ORIGIN not set\)$/);
    expect(fact(build({ headers: {} }), "HSTS").tone).toBe("bad");

    const weak = build({ headers: { ...securityHeaders({ nonce: "n", production: true }), "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'" } });
    expect(fact(weak, "Content-Security-Policy").tone).toBe("warn");
    expect(fact(weak, "Scripts")).toMatchObject({ tone: "warn", value: "script-src: script-src 'self' 'unsafe-inline'" });
    expect(fact(weak, "Framing")).toMatchObject({ tone: "warn", value: "allowed" });
    expect(fact(build({ headers: {} }), "Content-Security-Policy")).toMatchObject({ tone: "bad", value: "not set" });
  });
});

describe("parseSetCookie", () => {
  it("reads the name and attributes, case-insensitively", () => {
    const c = parseSetCookie("__Host-x=abc=def; path=/; HTTPONLY; SameSite=Strict");
    expect(c.name).toBe("__Host-x");
    expect([...c.attributes]).toEqual([["path", "/"], ["httponly", true], ["samesite", "Strict"]]);
  });
});
