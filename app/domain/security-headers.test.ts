import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.ts";

describe("security headers", () => {
  it("allow scripts only from our origin or with the response's nonce, and no framing", () => {
    const h = securityHeaders({ nonce: "abc123", production: false });
    const csp = h["Content-Security-Policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Permissions-Policy"]).toContain("camera=()");
  });

  it("require HTTPS in production only", () => {
    expect(securityHeaders({ nonce: "n", production: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders({ nonce: "n", production: true })["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(securityHeaders({ nonce: "n", production: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
