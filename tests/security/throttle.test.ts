/**
 * Login throttling on the real Redis: failures count per account and per address; past the
 * limit sign-in is refused — even with the right password — with one message for known and
 * unknown emails alike, a Retry-After, and an audit event for a known user.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginThrottle } from "~/services/throttle.server";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let redis: Redis;

beforeAll(async () => {
  t = await createTenant("Throttle");
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
});
afterAll(async () => {
  await redis.quit();
});

async function attempt(email: string, password: string) {
  return new Client().json("/api/v1/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
}

describe("sign-in throttling through the app (5 failures per account)", () => {
  it("refuses a known account after five failures, even with the right password, and audits it", async () => {
    const email = t.users["data-entry"].email;
    for (let i = 0; i < 5; i++) expect((await attempt(email, "wrong password")).status).toBe(401);
    const blocked = await attempt(email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatchObject({ code: "too_many_attempts", message: "Too many failed sign-ins. Wait a while, then try again." });
    expect(Number(blocked.res.headers.get("Retry-After"))).toBeGreaterThan(800);
    const events = await withTenant(t.tenantId, (tx) =>
      tx.auditEvent.findMany({ where: { tenantId: t.tenantId, entityId: t.users["data-entry"].id, action: { in: ["auth.login_failed", "auth.login_throttled"] } } }),
    );
    expect(events.filter((e) => e.action === "auth.login_failed")).toHaveLength(5);
    expect(events.filter((e) => e.action === "auth.login_throttled")).toHaveLength(1);
  });

  it("answers an unknown email exactly the same way", async () => {
    const email = `nobody-${randomUUID()}@example.test`;
    const first = await attempt(email, "x");
    expect(first.status).toBe(401);
    expect(first.body.error.message).toBe("Email or password is incorrect.");
    for (let i = 0; i < 4; i++) await attempt(email, "x");
    const blocked = await attempt(email, "x");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toBe("Too many failed sign-ins. Wait a while, then try again.");
  });

  it("a success clears the account's count", async () => {
    const email = t.users.operator.email;
    for (let i = 0; i < 4; i++) await attempt(email, "wrong");
    expect((await attempt(email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(email, "wrong")).status).toBe(401);
    expect((await attempt(email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe("the throttle itself", () => {
  it("limits per address across accounts, and per account across addresses", async () => {
    const throttle = createLoginThrottle(redis, { perAccount: 3, perAddress: 4, windowSeconds: 60, keyPrefix: `throttle-test-${randomUUID()}` });
    for (const email of ["a@x.test", "b@x.test", "c@x.test", "d@x.test"]) {
      await throttle.check(email, "203.0.113.9");
      await throttle.failed(email, "203.0.113.9");
    }
    await expect(throttle.check("e@x.test", "203.0.113.9")).rejects.toMatchObject({ code: "too_many_attempts" });
    await expect(throttle.check("e@x.test", "198.51.100.1")).resolves.toBeUndefined();
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) await throttle.failed("f@x.test", ip);
    await expect(throttle.check("f@x.test", "198.51.100.4")).rejects.toMatchObject({ code: "too_many_attempts", details: { retryAfterSeconds: expect.any(Number) } });
  });

  it("fails closed when Redis cannot be reached", async () => {
    const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    down.on("error", () => undefined);
    const throttle = createLoginThrottle(down, { perAccount: 3, perAddress: 4, windowSeconds: 60, keyPrefix: "down" });
    await expect(throttle.check("a@x.test", "203.0.113.9")).rejects.toMatchObject({ code: "unavailable", status: 503 });
    down.disconnect();
  });
});
