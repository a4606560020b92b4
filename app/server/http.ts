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
import { securityHeaders } from "../domain/security-headers.ts";
import { config } from "../services/config.server.ts";
import "./load-context.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createWebApp(build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (config().trustProxy) app.set("trust proxy", true);

  // Behind a TLS-terminating proxy (TRUST_PROXY), a plain-HTTP request in production is sent
  // to HTTPS before anything else happens.
  app.use((req, res, next) => {
    if (config().production && config().trustProxy && req.protocol === "http") {
      res.redirect(308, `https://${req.get("Host")}${req.originalUrl}`);
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
  // refused before any route sees it (SameSite=Lax cookies are the second layer).
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("Origin");
    const fetchSite = req.get("Sec-Fetch-Site");
    const expected = config().appOrigin ?? `${req.protocol}://${req.get("Host")}`;
    const crossOrigin = origin ? origin !== expected : fetchSite === "cross-site";
    if (!crossOrigin) return next();
    res.status(403).json({
      error: { code: "csrf_rejected", message: "This request came from another site and was refused." },
    });
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
