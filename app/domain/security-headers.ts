/**
 * The response headers every page and API answer carries. Pure: built from the request's
 * script nonce and the deployment mode, so a test can read the exact policy.
 *
 * Scripts run only from our origin or with this response's nonce (Remix's inline hydration
 * scripts carry it) — no 'unsafe-inline', no eval. Styles allow inline style attributes:
 * the charts (recharts) draw with them, and a style attribute cannot run code.
 */
export function securityHeaders(input: { nonce: string; production: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(input.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    // For browsers older than frame-ancestors.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(input.production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
