/**
 * The web server: Express in front of the Remix request handler. Only cross-cutting
 * concerns live here (static files, headers, the CSRF origin check, client address);
 * authorization is the guard's job inside every loader and action.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { AppError } from "../domain/errors.ts";
import { bodyVerdict, csrfVerdict, httpsRedirect } from "../domain/request-guards.ts";
import { securityHeaders } from "../domain/security-headers.ts";
import { config } from "../services/config.server.ts";
import "./load-context.ts";

export function createWebApp(build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // TRUST_PROXY: one proxy hop in front of us. Its X-Forwarded-Proto gives the scheme and the
  // address it appended to X-Forwarded-For gives the client — not the leftmost entry, which
  // the client itself may have written (and would then pick its own throttling bucket).
  if (config().trustProxy) app.set("trust proxy", 1);

  // Behind a TLS-terminating proxy (TRUST_PROXY), a plain-HTTP request in production is sent
  // to HTTPS before anything else happens.
  app.use((req, res, next) => {
    const target = httpsRedirect({
      production: config().production, trustProxy: config().trustProxy, protocol: req.protocol,
      host: req.get("Host"), url: req.originalUrl, appOrigin: config().appOrigin,
    });
    if (target) {
      res.redirect(308, target);
      return;
    }
    next();
  });

  // A fresh script nonce per response (app/domain/security-headers.ts), handed to Remix
  // through the load context so every script tag it renders carries it.
  app.use((_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders({ nonce, production: config().production }))) res.setHeader(name, value);
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });

  // Fingerprinted client bundles may be cached forever; other public files briefly.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h" }));

  // CSRF: a state-changing request that a browser marks as coming from another origin is
  // refused before any route sees it (app/domain/request-guards.ts; SameSite=Lax cookies are
  // the second layer).
  const appOrigin = config().appOrigin ? new URL(config().appOrigin!).origin : undefined;
  app.use((req, res, next) => {
    const verdict = csrfVerdict({
      method: req.method,
      path: req.path,
      // APP_ORIGIN as an origin ("https://cash.example.com/" would never equal an Origin header).
      expectedOrigin: appOrigin ?? `${req.protocol}://${req.get("Host")}`,
      origin: req.get("Origin"),
      secFetchSite: req.get("Sec-Fetch-Site"),
      referer: req.get("Referer"),
      authorization: req.get("Authorization"),
    });
    if (verdict.ok) return next();
    res.status(403).set("Cache-Control", "no-store").json({
      error: { code: "csrf_rejected", message: `This request came from another site and was refused: ${verdict.reason}.` },
    });
  });

  // A body no route may read whole is refused by its declared size before it is read
  // (app/domain/request-guards.ts); the connection closes rather than take in the rest.
  app.use((req, res, next) => {
    const verdict = bodyVerdict({ method: req.method, path: req.path, contentLength: req.get("Content-Length"), chunked: req.get("Transfer-Encoding") !== undefined });
    if (verdict.ok) return next();
    const refusal = new AppError(verdict.code, `This request was refused: ${verdict.reason}.`);
    res.status(refusal.status).set({ "Cache-Control": "no-store", Connection: "close" }).json(refusal.toJSON());
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config().production ? "production" : "development",
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? null, cspNonce: String(res.locals.cspNonce ?? "") }),
    }),
  );
  return app;
}
