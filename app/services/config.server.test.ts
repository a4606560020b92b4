import { describe, expect, it } from "vitest";
import { DEV_MASTER_KEY, DEV_SESSION_SECRET, parseConfig } from "./config.server.ts";

const prodSecrets = {
  NODE_ENV: "production",
  SESSION_SECRET: "s".repeat(40),
  MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
  DATABASE_URL: "postgresql://owner@db/cashline",
  DATABASE_APP_URL: "postgresql://cashline_app:pw@db/cashline",
};

describe("configuration", () => {
  it("works with no environment at all in development", () => {
    const c = parseConfig({});
    expect(c.production).toBe(false);
    expect(c.s3.embedded).toBe(true);
    expect(c.databaseAppUrl).toBe("postgresql://cashline_app@127.0.0.1:5432/cashline");
    expect(c.session.cookieName).toBe("cashline_session");
    expect(c.uploadMaxBytes).toBe(2 * 1024 * 1024 * 1024);
    expect(c.uploadMaxWholeBytes).toBe(25 * 1024 * 1024);
  });

  it("refuses to start in production with any development secret, naming them", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(
      "refusing to start in production with development defaults for: SESSION_SECRET, MASTER_KEY, DATABASE_URL, DATABASE_APP_URL",
    );
    expect(() => parseConfig({ ...prodSecrets, SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(/SESSION_SECRET/);
    expect(() => parseConfig({ ...prodSecrets, MASTER_KEY: DEV_MASTER_KEY })).toThrow(/MASTER_KEY/);
  });

  it("in production: __Host- secure cookie, real S3, explicit app database URL", () => {
    const c = parseConfig(prodSecrets);
    expect(c.session).toMatchObject({ cookieName: "__Host-cashline_session", secureCookie: true });
    expect(c.s3.embedded).toBe(false);
    expect(c.s3.endpoint).toBeUndefined();
    expect(c.databaseAppUrl).toBe(prodSecrets.DATABASE_APP_URL);
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => parseConfig({ MASTER_KEY: "c2hvcnQ=" })).toThrow("MASTER_KEY must be 32 bytes, base64-encoded");
    expect(() => parseConfig({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: SESSION_SECRET must be at least 32 characters/);
    expect(() => parseConfig({ UPLOAD_MAX_BYTES: "lots" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
