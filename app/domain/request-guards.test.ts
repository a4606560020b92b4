import { describe, expect, it } from "vitest";
import { bodyVerdict, csrfVerdict, httpsRedirect, MAX_REQUEST_BODY_BYTES, type CsrfInput } from "./request-guards.ts";

const APP = "https://cash.example.com";
const base: CsrfInput = { method: "POST", path: "/api/v1/accounts", expectedOrigin: APP, origin: undefined, secFetchSite: undefined, referer: undefined, authorization: undefined };
const verdict = (over: Partial<CsrfInput>) => csrfVerdict({ ...base, ...over });

describe("csrfVerdict", () => {
  it("lets safe methods through whatever they carry", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(verdict({ method, origin: "https://evil.example", secFetchSite: "cross-site" })).toEqual({ ok: true });
    }
  });

  it("judges every state-changing method by its Origin first", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "delete", "PROPFIND"]) {
      expect(verdict({ method, origin: APP })).toEqual({ ok: true });
      expect(verdict({ method, origin: "https://evil.example" })).toEqual({ ok: false, reason: `its Origin is https://evil.example, not ${APP}` });
    }
    // Origin decides even when the other headers would say otherwise.
    expect(verdict({ origin: "https://evil.example", secFetchSite: "same-origin", referer: `${APP}/x` }).ok).toBe(false);
    expect(verdict({ origin: APP, secFetchSite: "cross-site" }).ok).toBe(true);
  });

  it("refuses look-alike origins: another scheme, port, subdomain, a trailing slash, and the opaque 'null'", () => {
    for (const origin of ["http://cash.example.com", "https://cash.example.com:8443", "https://evil.cash.example.com", "https://cash.example.com/", "null", ""]) {
      expect(verdict({ origin }).ok, origin).toBe(false);
    }
  });

  it("without Origin, refuses what Sec-Fetch-Site marks as cross-site or same-site, and passes same-origin and none", () => {
    expect(verdict({ secFetchSite: "cross-site" })).toEqual({ ok: false, reason: "the browser marked it cross-site (Sec-Fetch-Site)" });
    expect(verdict({ secFetchSite: "same-site" }).ok).toBe(false);
    expect(verdict({ secFetchSite: "Same-Origin" }).ok).toBe(true);
    expect(verdict({ secFetchSite: "none" }).ok).toBe(true);
    // Sec-Fetch-Site outranks the Referer.
    expect(verdict({ secFetchSite: "cross-site", referer: `${APP}/transactions` }).ok).toBe(false);
  });

  it("without Origin or Sec-Fetch-Site, judges by the Referer's origin", () => {
    expect(verdict({ referer: `${APP}/uploads?x=1` })).toEqual({ ok: true });
    expect(verdict({ referer: "https://evil.example/page" })).toEqual({ ok: false, reason: "it was sent from https://evil.example" });
    expect(verdict({ referer: "not a url" })).toEqual({ ok: false, reason: "it was sent from an unreadable Referer" });
    expect(verdict({ referer: "data:text/html,x" }).ok).toBe(false);
  });

  it("passes a request with no browser evidence at all (scripts, curl)", () => {
    expect(verdict({})).toEqual({ ok: true });
  });

  it("exempts Authorization: Bearer on the API only", () => {
    const cross = { origin: "https://evil.example" };
    expect(verdict({ ...cross, authorization: "Bearer clk_abc" })).toEqual({ ok: true });
    expect(verdict({ ...cross, authorization: "bearer clk_abc" })).toEqual({ ok: true });
    // Pages never accept a key, so a Bearer header there earns nothing.
    expect(verdict({ ...cross, path: "/logout", authorization: "Bearer clk_abc" }).ok).toBe(false);
    // Not a bearer token: judged like any request.
    for (const authorization of ["Basic dXNlcjpwdw==", "Bearer", "Bearer   ", "clk_abc"]) {
      expect(verdict({ ...cross, authorization }).ok, authorization).toBe(false);
    }
  });
});

describe("httpsRedirect", () => {
  const req = { production: true, trustProxy: true, protocol: "http", host: "cash.example.com", url: "/login?redirectTo=%2Fdashboard", appOrigin: undefined };

  it("sends plain HTTP to HTTPS in production behind a trusted proxy, path and query kept", () => {
    expect(httpsRedirect(req)).toBe("https://cash.example.com/login?redirectTo=%2Fdashboard");
  });

  it("uses APP_ORIGIN when it is https, so a forged Host cannot pick the target", () => {
    expect(httpsRedirect({ ...req, host: "evil.example", appOrigin: "https://cash.example.com" })).toBe("https://cash.example.com/login?redirectTo=%2Fdashboard");
    expect(httpsRedirect({ ...req, appOrigin: "http://cash.example.com" })).toBe("https://cash.example.com/login?redirectTo=%2Fdashboard");
  });

  it("serves the request otherwise: HTTPS already, no trusted proxy, not production, no host", () => {
    expect(httpsRedirect({ ...req, protocol: "https" })).toBeNull();
    expect(httpsRedirect({ ...req, trustProxy: false })).toBeNull();
    expect(httpsRedirect({ ...req, production: false })).toBeNull();
    expect(httpsRedirect({ ...req, host: undefined })).toBeNull();
  });
});

describe("bodyVerdict", () => {
  const body = (over: Partial<Parameters<typeof bodyVerdict>[0]>) => bodyVerdict({ method: "POST", path: "/login", contentLength: "120", chunked: false, ...over });

  it("lets a body up to the limit through, and refuses a larger one by its declared length", () => {
    expect(body({})).toEqual({ ok: true });
    expect(body({ contentLength: String(MAX_REQUEST_BODY_BYTES) })).toEqual({ ok: true });
    expect(body({ contentLength: String(300 * 1024 * 1024) })).toEqual({
      ok: false,
      code: "payload_too_large",
      reason: "this request's body is 300 MB; requests other than statement uploads may carry up to 4 MB",
    });
    expect(body({ method: "PATCH", path: "/api/v1/transactions/x", contentLength: String(MAX_REQUEST_BODY_BYTES + 1) })).toMatchObject({ ok: false, code: "payload_too_large" });
  });

  it("refuses a chunked body with no declared length, and lets a request without a body through", () => {
    expect(body({ contentLength: undefined, chunked: true })).toMatchObject({ ok: false, code: "length_required" });
    expect(body({ contentLength: undefined, chunked: false })).toEqual({ ok: true });
  });

  it("leaves the statement upload (streamed, under its own limits) and safe methods alone", () => {
    expect(body({ path: "/api/v1/statements", contentLength: String(2 * 1024 ** 3) })).toEqual({ ok: true });
    expect(body({ path: "/api/v1/statements/", contentLength: undefined, chunked: true })).toEqual({ ok: true });
    expect(body({ path: "/api/v1/statements/abc/mapping", contentLength: String(MAX_REQUEST_BODY_BYTES + 1) })).toMatchObject({ ok: false });
    expect(body({ method: "PUT", path: "/api/v1/statements", contentLength: String(MAX_REQUEST_BODY_BYTES + 1) })).toMatchObject({ ok: false });
    expect(body({ method: "GET", contentLength: String(MAX_REQUEST_BODY_BYTES + 1) })).toEqual({ ok: true });
  });
});
