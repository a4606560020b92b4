/**
 * The decisions the web server makes about a request before any route sees it: is a
 * state-changing request from our own origin (CSRF), is its body of a size a route may read,
 * and must a plain-HTTP request go to HTTPS.
 * Pure: the server passes the headers in, so every branch is unit-tested.
 */
import { megabytes } from "./sizes.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface CsrfInput {
  method: string;
  path: string;
  /** The origin this app answers on: APP_ORIGIN, else the request's own scheme and host. */
  expectedOrigin: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  referer: string | undefined;
  authorization: string | undefined;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE, …) that a browser marks as coming
 * from another origin, by the best evidence it sent: Origin; without one, Sec-Fetch-Site
 * (anything but same-origin, incl. a sibling subdomain's "same-site"); without either, a
 * Referer from elsewhere. A request with none of the three is not a browser's cross-site
 * request (browsers send Origin on every cross-origin POST), so scripts with a cookie pass.
 * `Authorization: Bearer` on the API is exempt: a browser never attaches it by itself, and
 * the API then answers as that key alone, never by a cookie beside it.
 */
export function csrfVerdict(input: CsrfInput): CsrfVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (input.path.startsWith("/api/") && /^Bearer\s+\S/i.test(input.authorization ?? "")) return { ok: true };
  if (input.origin !== undefined) {
    return input.origin === input.expectedOrigin ? { ok: true } : { ok: false, reason: `its Origin is ${input.origin}, not ${input.expectedOrigin}` };
  }
  if (input.secFetchSite !== undefined) {
    const site = input.secFetchSite.toLowerCase();
    return site === "same-origin" || site === "none" ? { ok: true } : { ok: false, reason: `the browser marked it ${site} (Sec-Fetch-Site)` };
  }
  if (input.referer !== undefined) {
    const from = originOf(input.referer);
    return from === input.expectedOrigin ? { ok: true } : { ok: false, reason: `it was sent from ${from ?? "an unreadable Referer"}` };
  }
  return { ok: true };
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === "null" ? null : parsed.origin;
  } catch {
    return null;
  }
}

/**
 * Behind a TLS-terminating proxy (TRUST_PROXY) in production, a plain-HTTP request is sent to
 * HTTPS (308 keeps the method and body). The target is APP_ORIGIN when set, so a forged Host
 * header cannot turn the redirect into one to another site. Null: serve the request.
 */
export function httpsRedirect(input: {
  production: boolean;
  trustProxy: boolean;
  protocol: string;
  host: string | undefined;
  url: string;
  appOrigin: string | undefined;
}): string | null {
  if (!input.production || !input.trustProxy || input.protocol !== "http") return null;
  if (input.appOrigin) {
    const origin = new URL(input.appOrigin);
    if (origin.protocol === "https:") return `${origin.origin}${input.url}`;
  }
  if (!input.host) return null;
  return `https://${input.host}${input.url}`;
}

/**
 * The largest body a state-changing request may carry, statement uploads apart. A route reads
 * its form or JSON body whole (`request.formData()`, `request.json()`) before its guard can
 * refuse anything, so without a bound one anonymous 300 MB POST to /login took the web process
 * from 250 MB to 2.4 GB. Forms and JSON here are far smaller: a rules file of hundreds of rules
 * or a bulk review of thousands of rows is well under a megabyte.
 */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

/** The statement upload streams its file to storage under its own limits (UPLOAD_MAX_BYTES). */
const STREAMED_UPLOAD_PATHS = new Set(["/api/v1/statements"]);

export type BodyVerdict = { ok: true } | { ok: false; code: "length_required" | "payload_too_large"; reason: string };

/**
 * Whether a request's body may reach the routes, by what its headers declare. Node's HTTP parser
 * reads exactly Content-Length bytes as the body, so the declared length bounds it; a body sent
 * in chunks declares none, and is refused (browsers and common HTTP clients send the length).
 */
export function bodyVerdict(input: { method: string; path: string; contentLength: string | undefined; chunked: boolean }): BodyVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (input.method.toUpperCase() === "POST" && STREAMED_UPLOAD_PATHS.has(input.path.replace(/\/+$/, ""))) return { ok: true };
  if (input.contentLength === undefined) {
    return input.chunked ? { ok: false, code: "length_required", reason: "send this request's body with a Content-Length header (a chunked body is accepted only for statement uploads)" } : { ok: true };
  }
  const length = Number(input.contentLength);
  if (Number.isFinite(length) && length > MAX_REQUEST_BODY_BYTES) {
    return { ok: false, code: "payload_too_large", reason: `this request's body is ${megabytes(length)}; requests other than statement uploads may carry up to ${megabytes(MAX_REQUEST_BODY_BYTES)}` };
  }
  return { ok: true };
}
