// What the HTTP server hands every loader and action besides the Request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (from the socket, or X-Forwarded-For when TRUST_PROXY is set). */
    clientIp: string | null;
    /** This response's Content-Security-Policy script nonce. */
    cspNonce: string;
  }
}
export {};
