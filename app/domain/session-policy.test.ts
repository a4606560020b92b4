import { parse } from "cookie";
import { describe, expect, it } from "vitest";
import { ROLES } from "./permissions.ts";
import {
  cookieAttributes,
  describeDevice,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  limitsFor,
  newDeviceMessage,
  secondFactorGate,
  sessionEnd,
  setCookieHeader,
  type SessionTimes,
} from "./session-policy.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const settings = { idleMs: 30 * MIN, maxMs: 12 * HOUR, admin: { idleMs: 15 * MIN, maxMs: 8 * HOUR } };
const T0 = Date.parse("2026-11-22T08:00:00.000Z");
const session = (over: Partial<SessionTimes> = {}): SessionTimes => ({
  createdAt: new Date(T0),
  lastSeenAt: new Date(T0),
  expiresAt: new Date(T0 + 12 * HOUR),
  revokedAt: null,
  ...over,
});

describe("session limits", () => {
  it("gives admins the admin limits and everyone else the general ones", () => {
    expect(limitsFor("admin", settings)).toEqual({ idleMs: 15 * MIN, maxMs: 8 * HOUR });
    expect(limitsFor("operator", settings)).toEqual({ idleMs: 30 * MIN, maxMs: 12 * HOUR });
    expect(limitsFor("data-entry", settings)).toEqual({ idleMs: 30 * MIN, maxMs: 12 * HOUR });
  });

  it("ends an idle session at exactly the idle limit, sooner for admins", () => {
    const admin = limitsFor("admin", settings);
    const operator = limitsFor("operator", settings);
    expect(sessionEnd(session(), admin, null, T0 + 15 * MIN - 1)).toBeNull();
    expect(sessionEnd(session(), admin, null, T0 + 15 * MIN)).toBe("idle");
    expect(sessionEnd(session(), operator, null, T0 + 15 * MIN)).toBeNull();
    expect(sessionEnd(session(), operator, null, T0 + 30 * MIN)).toBe("idle");
  });

  it("ends a busy session at its absolute lifetime: the stored expiry, or creation + the role's maximum", () => {
    const busy = (now: number) => session({ lastSeenAt: new Date(now - MIN) });
    const admin = limitsFor("admin", settings);
    const operator = limitsFor("operator", settings);
    expect(sessionEnd(busy(T0 + 8 * HOUR - 1), admin, null, T0 + 8 * HOUR - 1)).toBeNull();
    // Made as an operator's (12 h stored), promoted since: the admin maximum applies.
    expect(sessionEnd(busy(T0 + 8 * HOUR), admin, null, T0 + 8 * HOUR)).toBe("expired");
    expect(sessionEnd(busy(T0 + 8 * HOUR), operator, null, T0 + 8 * HOUR)).toBeNull();
    expect(sessionEnd(busy(T0 + 12 * HOUR), operator, null, T0 + 12 * HOUR)).toBe("expired");
    expect(sessionEnd(session({ expiresAt: new Date(T0 + HOUR) }), operator, null, T0 + HOUR)).toBe("expired");
  });

  it("ends a revoked session, and one created before the password last changed", () => {
    expect(sessionEnd(session({ revokedAt: new Date(T0 + 1) }), settings, null, T0 + 2)).toBe("revoked");
    expect(sessionEnd(session(), settings, new Date(T0 + 1), T0 + 2)).toBe("password_changed");
    expect(sessionEnd(session(), settings, new Date(T0), T0 + 2)).toBeNull();
    expect(sessionEnd(session(), settings, new Date(T0 - 1), T0 + 2)).toBeNull();
  });
});

describe("cookies", () => {
  it("are HttpOnly, SameSite=Lax, Path=/, no Domain; Secure only when asked", () => {
    expect(cookieAttributes(true, 3600)).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 3600 });
    const prod = setCookieHeader("__Host-cashline_session", "sealed", true, 8 * 3600);
    expect(prod).toBe("__Host-cashline_session=sealed; Max-Age=28800; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(prod).not.toMatch(/Domain=/i);
    expect(setCookieHeader("cashline_session", "sealed", false, 60)).toBe("cashline_session=sealed; Max-Age=60; Path=/; HttpOnly; SameSite=Lax");
    expect(parse(setCookieHeader("cashline_device", "abc", false, DEVICE_COOKIE_MAX_AGE_SECONDS))).toMatchObject({ "Max-Age": "34560000" });
  });

  it("refuses to write a __Host- cookie without Secure (the browser would drop it)", () => {
    expect(() => setCookieHeader("__Host-cashline_session", "x", false, 60)).toThrow("__Host-cashline_session: a __Host- cookie must be Secure");
  });

  it("clears with Max-Age=0 and never writes a negative age", () => {
    expect(setCookieHeader("cashline_session", "", false, -5)).toBe("cashline_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
  });
});

describe("the second-factor gate", () => {
  const verified = new Date(T0);
  it("sends a password-only session of any member with MFA to the challenge, whatever the path", () => {
    for (const role of ROLES) {
      for (const path of ["/dashboard", "/settings/mfa", "/api/v1/mfa", "/api/v1/accounts"]) {
        expect(secondFactorGate({ role, mfaEnabled: true, mfaVerifiedAt: null }, path)).toBe("challenge");
        expect(secondFactorGate({ role, mfaEnabled: true, mfaVerifiedAt: verified }, path)).toBe("pass");
      }
    }
  });

  it("sends an admin without MFA to enrol, except on the enrolment page and API", () => {
    const admin = { role: "admin" as const, mfaEnabled: false, mfaVerifiedAt: null };
    for (const path of ["/dashboard", "/settings/sessions", "/notifications", "/api/v1/session", "/api/v1/mfa/other", "/settings/mfa-x"]) {
      expect(secondFactorGate(admin, path)).toBe("enrol");
    }
    for (const path of ["/settings/mfa", "/settings/mfa/", "/api/v1/mfa"]) expect(secondFactorGate(admin, path)).toBe("pass");
  });

  it("lets other roles without MFA pass (it is theirs to turn on)", () => {
    for (const role of ["operator", "data-entry"] as const) {
      expect(secondFactorGate({ role, mfaEnabled: false, mfaVerifiedAt: null }, "/dashboard")).toBe("pass");
    }
  });
});

describe("devices in words", () => {
  it("names browsers and systems plainly", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")).toBe("Chrome on Windows");
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0")).toBe("Edge on Windows");
    expect(describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0")).toBe("Firefox on Linux");
    expect(describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(describeDevice("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")).toBe("Chrome on Android");
    expect(describeDevice("curl/8.5.0")).toBe("curl");
    expect(describeDevice("node")).toBe("Script");
    expect(describeDevice("Lynx/2.9")).toBe("Browser");
    expect(describeDevice(null)).toBe("Unknown device");
  });

  it("tells admins who, on what and from where", () => {
    expect(newDeviceMessage({ name: "Ada Admin", email: "ada@example.test" }, { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", ip: "203.0.113.7" })).toBe(
      "Ada Admin <ada@example.test> signed in from a new device: Firefox on Linux (Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0), address 203.0.113.7.",
    );
    expect(newDeviceMessage({ name: "Oscar", email: "o@example.test" }, { userAgent: null, ip: null })).toBe(
      "Oscar <o@example.test> signed in from a new device: Unknown device, address unknown.",
    );
  });
});
