/**
 * API keys for automation. An admin creates a key with a name and a role; the token is shown
 * once and only sha256(secret part) is stored. `Authorization: Bearer <token>` on /api/v1
 * makes the request act as the key: its role, its tenant, audited as actorType "api_key".
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { API_KEY_SECRET_BYTES, bearerToken, encodeApiKeySecret, formatApiKeyToken, isBearerHeader, parseApiKeyToken } from "../domain/api-key-token.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import { can, isRole, ROLES, type Permission, type Role } from "../domain/permissions.ts";
import { audit } from "./audit.server.ts";
import { actorOf, clientInfo, type AuthContext, type RouteArgs } from "./auth.server.ts";
import { sha256Hex } from "./crypto.server.ts";
import { withTenant } from "./db.server.ts";
import { errorResponse } from "./http.server.ts";

/** lastUsedAt is written at most this often per key, not on every request. */
export const LAST_USED_INTERVAL_MS = 60_000;

/** The one answer for a revoked, unknown, malformed or wrong-secret key: nothing to tell apart. */
export const INVALID_API_KEY = "The API key is not valid (revoked, mistyped or unknown).";

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(100, "Keep the name under 100 characters"),
  // Every role is at most admin, and only admins may create keys: any role is within reach.
  role: z.enum(ROLES, { errorMap: () => ({ message: `Choose a role: ${ROLES.join(", ")}` }) }),
});

export interface ApiKeyView {
  id: string;
  name: string;
  role: string;
  createdBy: { id: string; name: string | null };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

type ApiKeyRow = { id: string; name: string; role: string; createdById: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function apiKeyView(row: ApiKeyRow, names: Map<string, string>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    // A creator who has since left the organisation is no longer visible here (RLS): null name.
    createdBy: { id: row.createdById, name: names.get(row.createdById) ?? null },
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function secretHash(secret: string): string {
  return sha256Hex(secret);
}

/** Newest first; revoked keys stay listed (with revokedAt) so the record of them stays visible. */
export async function listApiKeys(who: Pick<AuthContext, "tenantId">): Promise<ApiKeyView[]> {
  return withTenant(who.tenantId, async (tx) => {
    const rows = await tx.apiKey.findMany({ where: { tenantId: who.tenantId }, orderBy: { createdAt: "desc" } });
    const creators = await tx.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, name: true } });
    const names = new Map(creators.map((u) => [u.id, u.name]));
    return rows.map((r) => apiKeyView(r, names));
  });
}

export async function getApiKey(who: Pick<AuthContext, "tenantId">, keyId: string): Promise<ApiKeyView> {
  const key = (await listApiKeys(who)).find((k) => k.id === keyId);
  if (!key) throw new AppError("not_found", `No API key ${keyId} in this organisation.`);
  return key;
}

/** Creates a key; the token is in the answer and nowhere else, ever. */
export async function createApiKey(who: Who, input: unknown): Promise<{ apiKey: ApiKeyView; token: string }> {
  // Revoking a leaked key must end what it can do: it may not leave new keys behind.
  if (who.apiKey) throw new AppError("forbidden", "An API key cannot create API keys: an admin signed in as a person must.");
  const { name, role } = newApiKeySchema.parse(input);
  const secret = encodeApiKeySecret(randomBytes(API_KEY_SECRET_BYTES));
  return withTenant(who.tenantId, async (tx) => {
    const row = await tx.apiKey.create({
      data: { tenantId: who.tenantId, name, role, secretHash: secretHash(secret), createdById: who.user.id },
    });
    await audit(tx, {
      tenantId: who.tenantId,
      ...actorOf(who),
      action: "apikey.created",
      entityType: "api_key",
      entityId: row.id,
      // Never the token or its hash.
      after: { name, role },
      ...who.client,
    });
    return { apiKey: apiKeyView(row, new Map([[who.user.id, who.user.name]])), token: formatApiKeyToken(who.tenantId, row.id, secret) };
  });
}

/** Revokes a key for good (it answers 401 from the next request on). */
export async function revokeApiKey(who: Who, keyId: string): Promise<ApiKeyView> {
  const id = z.string().uuid(`No API key ${keyId} in this organisation.`).parse(keyId);
  return withTenant(who.tenantId, async (tx) => {
    const before = await tx.apiKey.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id } } });
    if (!before) throw new AppError("not_found", `No API key ${id} in this organisation.`);
    if (before.revokedAt) throw new AppError("conflict", `The API key "${before.name}" was already revoked on ${before.revokedAt.toISOString()}.`);
    const row = await tx.apiKey.update({ where: { tenantId_id: { tenantId: who.tenantId, id } }, data: { revokedAt: new Date() } });
    await audit(tx, {
      tenantId: who.tenantId,
      ...actorOf(who),
      action: "apikey.revoked",
      entityType: "api_key",
      entityId: id,
      before: { name: before.name, role: before.role, revokedAt: null },
      after: { revokedAt: row.revokedAt!.toISOString() },
      ...who.client,
    });
    const creator = await tx.user.findUnique({ where: { id: row.createdById }, select: { name: true } });
    return apiKeyView(row, new Map(creator ? [[row.createdById, creator.name]] : []));
  });
}

// A stand-in hash compared against when the key id is unknown, so that path does the same work.
const NO_KEY_HASH = "0".repeat(64);

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ApiKeyIdentity {
  tenantId: string;
  tenantName: string;
  role: Role;
  apiKey: { id: string; name: string };
}

/**
 * The key a Bearer token belongs to, or an `unauthenticated` AppError with one message for
 * every failure (malformed, unknown, wrong secret, revoked, tenant gone). Records lastUsedAt,
 * at most once a minute.
 */
export async function authenticateApiKey(token: string, now = new Date()): Promise<ApiKeyIdentity> {
  const parsed = parseApiKeyToken(token);
  if (!parsed) throw new AppError("unauthenticated", INVALID_API_KEY);
  const identity = await withTenant(parsed.tenantId, async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { tenantId_id: { tenantId: parsed.tenantId, id: parsed.keyId } } });
    const matches = sameHash(secretHash(parsed.secret), row?.secretHash ?? NO_KEY_HASH);
    if (!row || !matches || row.revokedAt || !isRole(row.role)) return null;
    const tenant = await tx.tenant.findUnique({ where: { id: parsed.tenantId }, select: { name: true } });
    if (!tenant) return null;
    // Conditional, so concurrent requests write it once per interval, not once each.
    await tx.apiKey.updateMany({
      where: {
        tenantId: parsed.tenantId,
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_INTERVAL_MS) } }],
      },
      data: { lastUsedAt: now },
    });
    return { tenantId: parsed.tenantId, tenantName: tenant.name, role: row.role, apiKey: { id: row.id, name: row.name } };
  });
  if (!identity) throw new AppError("unauthenticated", INVALID_API_KEY);
  return identity;
}

/**
 * What a key may never do, whatever its role: act as a person (own sessions, password, MFA),
 * or manage the organisation's members — a leaked key must not be able to leave behind people
 * who outlive its revocation. (Nor create keys: createApiKey refuses; listing and revoking are
 * fine, e.g. a script retiring its own key.)
 */
export const NOT_FOR_API_KEYS: ReadonlySet<Permission> = new Set<Permission>(["self:manage", "users:manage"]);

/**
 * The guard's API-key half (called first by requirePermission): null unless this is an
 * /api/v1 request with an `Authorization: Bearer` header. Pages never accept a key, and a key
 * never falls back to the cookie: a Bearer header is answered as a key or refused.
 */
export async function apiKeyAuth(args: RouteArgs, permission: Permission): Promise<AuthContext | null> {
  const { request } = args;
  if (!new URL(request.url).pathname.startsWith("/api/v1/")) return null;
  const header = request.headers.get("Authorization");
  if (!isBearerHeader(header)) return null;
  let identity: ApiKeyIdentity;
  try {
    identity = await authenticateApiKey(bearerToken(header) ?? "");
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error);
    throw error;
  }
  if (NOT_FOR_API_KEYS.has(permission)) {
    throw errorResponse(request, new AppError("forbidden", `API keys cannot do this (${permission}): sign in as a person.`));
  }
  if (!can(identity.role, permission)) {
    throw errorResponse(request, new AppError("forbidden", `This API key's role (${identity.role}) does not allow this (${permission}).`));
  }
  return {
    tenantId: identity.tenantId,
    tenantName: identity.tenantName,
    // A key has no session row; the routes a session id matters to (self:manage) refuse keys above.
    sessionId: "",
    role: identity.role,
    user: { id: identity.apiKey.id, email: "", name: identity.apiKey.name },
    mfaVerifiedAt: null,
    mfaEnabled: false,
    client: clientInfo(args),
    apiKey: identity.apiKey,
  };
}
