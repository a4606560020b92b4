/**
 * Every response carries the security headers, and every script the pages contain carries
 * this response's nonce — so the Content-Security-Policy needs no 'unsafe-inline' and an
 * injected script does not run. (The browser tests prove the pages still hydrate under it.)
 */
import { describe, expect, it } from "vitest";
import { Client, signedIn, createTenant } from "../support/fixtures.ts";

function nonceOf(res: Response): string {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  const m = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  if (!m) throw new Error(`no script nonce in CSP: ${csp}`);
  return m[1]!;
}

describe("security headers on real responses", () => {
  it("a page: CSP with a fresh nonce that every script tag carries; no framing; nosniff", async () => {
    const anon = new Client();
    const first = await anon.fetch("/login");
    const html = await first.text();
    const nonce = nonceOf(first);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(first.headers.get("Permissions-Policy")).toContain("geolocation=()");
    expect(first.headers.get("Referrer-Policy")).toBe("same-origin");
    // Not production here: no HSTS (the production header is unit-tested with the builder).
    expect(first.headers.get("Strict-Transport-Security")).toBeNull();
    expect(nonceOf(await anon.fetch("/login"))).not.toBe(nonce);
  });

  it("an API answer and a signed-in page carry them too", async () => {
    const t = await createTenant("Headers");
    const operator = await signedIn(t.users.operator.email);
    const api = await operator.fetch("/api/v1/accounts");
    expect(api.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    expect(api.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const page = await operator.fetch("/transactions");
    const html = await page.text();
    const nonce = nonceOf(page);
    for (const tag of html.matchAll(/<script\b[^>]*>/g)) expect(tag[0]).toContain(`nonce="${nonce}"`);
  });
});

describe("/.well-known/security.txt", () => {
  it("is served to anyone, from configuration", async () => {
    const res = await new Client().fetch("/.well-known/security.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^Contact: mailto:security@127\.0\.0\.1\nExpires: \d{4}-\d{2}-\d{2}T00:00:00Z\n/);
    expect(text).toContain("/.well-known/security.txt");
  });
});
