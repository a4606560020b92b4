/**
 * Configuration, only from environment variables (documented in README.md). Development
 * defaults work on a fresh machine; production refuses to start with any of them.
 */
import { z } from "zod";
import { appDatabaseUrl, ownerDatabaseUrl } from "../../prisma/database-url.ts";
import { singleton } from "./singleton.server.ts";

export const DEV_SESSION_SECRET = "dev-only-session-secret-change-me-0123456789abcdef";
// 32 bytes, base64. Development only.
export const DEV_MASTER_KEY = "ZGV2LW9ubHktbWFzdGVyLWtleS1jaGFuZ2UtbWUtISE=";
export const DEV_DEMO_PASSWORD = "cashline-demo";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: positiveInt(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_ORIGIN: z.string().url().optional(),
  // Where security reports go (/.well-known/security.txt): a mailto: or https: URI.
  SECURITY_CONTACT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, "SECURITY_CONTACT must be a mailto: or https:// URI").optional(),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  DATABASE_URL: z.string().optional(),
  DATABASE_APP_URL: z.string().optional(),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z.string().default("cashline"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().default("cashline-statements"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_EMBEDDED_PORT: positiveInt(4569),
  S3_EMBEDDED_DIR: z.string().default(".data/s3"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").default(DEV_SESSION_SECRET),
  SESSION_IDLE_MINUTES: positiveInt(30),
  // Admins can do the most damage with a stolen session: theirs end sooner.
  SESSION_ADMIN_IDLE_MINUTES: positiveInt(15),
  SESSION_ADMIN_MAX_HOURS: positiveInt(8),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt(50),
  LOGIN_FAILURE_WINDOW_MINUTES: positiveInt(15),
  // Wrong authenticator or recovery codes per member within the same window.
  MFA_MAX_FAILURES: positiveInt(5),
  SESSION_MAX_HOURS: positiveInt(12),
  MASTER_KEY: z.string().default(DEV_MASTER_KEY),
  // The master key before a rotation: still unwraps data keys not yet re-wrapped (keys rotate-master).
  MASTER_KEY_PREVIOUS: z.string().optional(),
  KEY_PROVIDER: z.enum(["local", "kms"]).default("local"),
  KMS_KEY_ID: z.string().trim().min(1).optional(),
  KMS_REGION: z.string().optional(),
  AWS_REGION: z.string().optional(),
  DEMO_PASSWORD: z.string().min(8).default(DEV_DEMO_PASSWORD),
  // The demo admin's TOTP secret (base32); unset: generated once and kept in the database.
  DEMO_TOTP_SECRET: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, "").toUpperCase())
    .pipe(z.string().regex(/^[A-Z2-7]{16,}=*$/, "DEMO_TOTP_SECRET must be base32 (A–Z, 2–7), at least 16 characters"))
    .optional(),
  // Any upload streams to the store; CSV also streams through the worker, so only this bounds it.
  UPLOAD_MAX_BYTES: positiveInt(2 * 1024 * 1024 * 1024),
  // PDF, OFX, QIF, CAMT and MT940 are parsed whole by the worker: a lower limit keeps its memory bounded.
  UPLOAD_MAX_WHOLE_BYTES: positiveInt(25 * 1024 * 1024),
  WORKER_CONCURRENCY: positiveInt(2),
  IMPORT_BATCH_ROWS: positiveInt(20_000),
  // Categorize imported rows on a thread beside the worker's: ~15–25% faster imports for ~35 MB
  // more worker memory. On by default since a 1 GiB import with it measured 276 MB peak RSS
  // (docs/performance.md, target < 300 MB); `off` where a worker's memory is tighter.
  IMPORT_CATEGORIZE_THREAD: z.enum(["on", "off"], { errorMap: () => ({ message: "IMPORT_CATEGORIZE_THREAD must be on or off" }) }).default("on"),
});

export type Config = ReturnType<typeof parseConfig>;

export function parseConfig(env: Readonly<Record<string, string | undefined>>) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const masterKey = Buffer.from(e.MASTER_KEY, "base64");
  if (masterKey.length !== 32) throw new Error("invalid configuration: MASTER_KEY must be 32 bytes, base64-encoded");
  const previousMasterKey = e.MASTER_KEY_PREVIOUS ? Buffer.from(e.MASTER_KEY_PREVIOUS, "base64") : null;
  if (previousMasterKey && previousMasterKey.length !== 32) {
    throw new Error("invalid configuration: MASTER_KEY_PREVIOUS must be 32 bytes, base64-encoded");
  }
  if (e.KEY_PROVIDER === "kms" && !e.KMS_KEY_ID) {
    throw new Error("invalid configuration: KEY_PROVIDER=kms needs KMS_KEY_ID (the key id or ARN of a symmetric KMS key)");
  }
  // The id is recorded beside every wrapped key (TenantKey.kekId) so that master-key rotation
  // can tell old from new; an alias can be re-pointed, and the record would then lie.
  if (e.KMS_KEY_ID && /(^|:)alias\//.test(e.KMS_KEY_ID)) {
    throw new Error("invalid configuration: KMS_KEY_ID must be a key id or key ARN, not an alias");
  }

  if (production) {
    const refused: string[] = [];
    if (e.SESSION_SECRET === DEV_SESSION_SECRET) refused.push("SESSION_SECRET");
    if (e.KEY_PROVIDER === "local" && e.MASTER_KEY === DEV_MASTER_KEY) refused.push("MASTER_KEY");
    if (!e.DATABASE_URL) refused.push("DATABASE_URL");
    if (!e.DATABASE_APP_URL) refused.push("DATABASE_APP_URL");
    if (refused.length > 0) {
      throw new Error(`refusing to start in production with development defaults for: ${refused.join(", ")}`);
    }
  }

  const embeddedS3 = !e.S3_ENDPOINT && !production;
  return {
    production,
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appOrigin: e.APP_ORIGIN,
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      maxMfaFailures: e.MFA_MAX_FAILURES,
      windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
    },
    securityContact: e.SECURITY_CONTACT,
    trustProxy: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    databaseUrl: ownerDatabaseUrl(env),
    databaseAppUrl: appDatabaseUrl(env),
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    s3: {
      embedded: embeddedS3,
      // Unset in production means AWS itself (the SDK's default endpoint).
      endpoint: e.S3_ENDPOINT ?? (embeddedS3 ? `http://127.0.0.1:${e.S3_EMBEDDED_PORT}` : undefined),
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      // s3rver accepts any credentials; AWS uses its default provider chain when unset.
      credentials:
        e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : e.S3_ENDPOINT || embeddedS3
            ? { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }
            : undefined,
      embeddedPort: e.S3_EMBEDDED_PORT,
      embeddedDir: e.S3_EMBEDDED_DIR,
    },
    session: {
      secret: e.SESSION_SECRET,
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      maxMs: e.SESSION_MAX_HOURS * 3_600_000,
      // Never longer than everyone's: the admin settings can only shorten an admin's session.
      admin: {
        idleMs: Math.min(e.SESSION_ADMIN_IDLE_MINUTES, e.SESSION_IDLE_MINUTES) * 60_000,
        maxMs: Math.min(e.SESSION_ADMIN_MAX_HOURS, e.SESSION_MAX_HOURS) * 3_600_000,
      },
      // __Host-: the browser accepts it only Secure, with Path=/ and no Domain (no subdomain
      // or plain-HTTP page can plant or overwrite it).
      cookieName: production ? "__Host-cashline_session" : "cashline_session",
      deviceCookieName: production ? "__Host-cashline_device" : "cashline_device",
      secureCookie: production,
    },
    masterKey,
    keys: {
      provider: e.KEY_PROVIDER,
      // With KMS in production, the development master key is not a key to trust for anything.
      localMasterKey: production && e.MASTER_KEY === DEV_MASTER_KEY ? null : masterKey,
      previousMasterKey,
      kmsKeyId: e.KMS_KEY_ID ?? null,
      kmsRegion: e.KMS_REGION ?? e.AWS_REGION,
    },
    demoPassword: e.DEMO_PASSWORD,
    demoTotpSecret: e.DEMO_TOTP_SECRET ?? null,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadMaxWholeBytes: e.UPLOAD_MAX_WHOLE_BYTES,
    workerConcurrency: e.WORKER_CONCURRENCY,
    importBatchRows: e.IMPORT_BATCH_ROWS,
    importCategorizeThread: e.IMPORT_CATEGORIZE_THREAD === "on",
  };
}

/** Read once per process, on first use (so tests and the launcher can set the environment first). */
export function config(): Config {
  return singleton("config", () => parseConfig(process.env));
}

