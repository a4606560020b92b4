// Database URLs, shared by the Prisma CLI config, the runtime and the tests, so the
// derivation is written once.
export const DEV_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/cashline";
export const APP_ROLE = "cashline_app";

/** Owner connection: runs migrations. */
export function ownerDatabaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.DATABASE_URL || DEV_DATABASE_URL;
}

/**
 * The RLS-bound application role. Defaults to the owner URL with the user replaced by
 * `cashline_app` (the role the first migration creates) and no password — right for the
 * trust-auth development database; production sets DATABASE_APP_URL explicitly.
 */
export function appDatabaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.DATABASE_APP_URL) return env.DATABASE_APP_URL;
  const url = new URL(ownerDatabaseUrl(env));
  url.username = APP_ROLE;
  url.password = "";
  return url.toString();
}
