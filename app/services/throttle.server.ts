/**
 * Login throttling, kept in Redis so every web node shares it (rate-limiter-flexible): failed
 * sign-ins count per account (the email typed, known or not — so the answer never tells which
 * emails exist) and per client address. Past either limit, sign-in is refused for the rest of
 * the window, with the same message for everyone and a Retry-After. A successful sign-in
 * clears the account's count.
 *
 * If Redis cannot be reached, sign-in is refused (fail closed): without the counter, a password
 * could be guessed at full speed.
 */
import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../domain/errors.ts";
import { config } from "./config.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

export interface LoginThrottle {
  /** Refuses (AppError too_many_attempts) when the account or the address is over its limit. */
  check(email: string, ip: string | null): Promise<void>;
  failed(email: string, ip: string | null): Promise<void>;
  succeeded(email: string): Promise<void>;
}

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
  keyPrefix: string;
}

export function createLoginThrottle(redis: Redis, limits: ThrottleLimits): LoginThrottle {
  const make = (name: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}:${name}`,
      points,
      duration: limits.windowSeconds,
      // Over the limit: blocked for a whole window from the last failure counted.
      blockDuration: limits.windowSeconds,
    });
  const byAccount = make("login-account", limits.perAccount);
  const byAddress = make("login-address", limits.perAddress);
  const addressKey = (ip: string | null) => ip ?? "unknown";

  const refuse = (msBeforeNext: number) =>
    new AppError("too_many_attempts", "Too many failed sign-ins. Wait a while, then try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
    });

  return {
    async check(email, ip) {
      const [account, address] = await guard(() => Promise.all([byAccount.get(email), byAddress.get(addressKey(ip))]));
      for (const [state, limit] of [[account, limits.perAccount], [address, limits.perAddress]] as const) {
        if (state && state.consumedPoints >= limit) throw refuse(state.msBeforeNext);
      }
    },
    async failed(email, ip) {
      await guard(() =>
        Promise.all([
          byAccount.consume(email).catch(swallowLimit),
          byAddress.consume(addressKey(ip)).catch(swallowLimit),
        ]),
      );
    },
    async succeeded(email) {
      await guard(() => byAccount.delete(email));
    },
  };
}

// Consuming past the limit rejects with the limiter's state: the limit is enforced by check().
function swallowLimit(error: unknown): void {
  if (!(error instanceof RateLimiterRes)) throw error;
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error("[cashline] sign-in throttle unavailable:", error);
    throw new AppError("unavailable", "Sign-in is unavailable for a moment (the attempt counter cannot be reached). Try again shortly.");
  }
}

/**
 * Wrong second-factor codes (TOTP or recovery) per member: a six-digit code falls to guessing
 * without a limit. Past it, no code is checked — even a right one — until the window has
 * passed. A right code clears the count.
 */
export interface MfaThrottle {
  check(memberKey: string): Promise<void>;
  failed(memberKey: string): Promise<void>;
  succeeded(memberKey: string): Promise<void>;
}

export function createMfaThrottle(redis: Redis, limits: { perMember: number; windowSeconds: number; keyPrefix: string }): MfaThrottle {
  const byMember = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${limits.keyPrefix}:mfa-member`,
    points: limits.perMember,
    duration: limits.windowSeconds,
    blockDuration: limits.windowSeconds,
  });
  return {
    async check(memberKey) {
      const state = await guard(() => byMember.get(memberKey));
      if (state && state.consumedPoints >= limits.perMember) {
        throw new AppError("too_many_attempts", "Too many wrong codes. Wait a while, then try again.", {
          retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
        });
      }
    },
    async failed(memberKey) {
      await guard(() => byMember.consume(memberKey).catch(swallowLimit));
    },
    async succeeded(memberKey) {
      await guard(() => byMember.delete(memberKey));
    },
  };
}

export function mfaThrottle(): MfaThrottle {
  return singleton("mfa-throttle", () =>
    createMfaThrottle(throttleRedis(), {
      perMember: config().login.maxMfaFailures,
      windowSeconds: config().login.windowMinutes * 60,
      keyPrefix: config().queuePrefix,
    }),
  );
}

function throttleRedis(): Redis {
  return singleton("login-throttle-redis", () => {
    // A command waits for the connection briefly, then fails instead of queueing while Redis is
    // away (fail closed, above).
    const redis = new Redis(config().redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false });
    redis.on("error", () => undefined); // reported per attempt by guard()
    return redis;
  });
}

export function loginThrottle(): LoginThrottle {
  return singleton("login-throttle", () => {
    return createLoginThrottle(throttleRedis(), {
      perAccount: config().login.maxFailuresPerAccount,
      perAddress: config().login.maxFailuresPerAddress,
      windowSeconds: config().login.windowMinutes * 60,
      keyPrefix: config().queuePrefix,
    });
  });
}

export async function closeLoginThrottle(): Promise<void> {
  takeSingleton("login-throttle");
  takeSingleton("mfa-throttle");
  await takeSingleton<Redis>("login-throttle-redis")?.quit().catch(() => undefined);
}
