/**
 * The API key token: `clk_<ids>_<secret>`, where `ids` is base64url(tenant id 16 bytes + key id
 * 16 bytes) and `secret` is base64url of 32 random bytes — both exactly 43 characters, no
 * padding. The ids part lets the server find the key (and its tenant, for row-level security)
 * without a global lookup table; only a hash of the secret part is ever stored.
 *
 * base64url uses "_" itself, so a token is read by position, never split on "_".
 */
export const API_KEY_PREFIX = "clk_";
const PART = "[A-Za-z0-9_-]{43}";
const TOKEN = new RegExp(`^${API_KEY_PREFIX}(${PART})_(${PART})$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const API_KEY_SECRET_BYTES = 32;

export interface ParsedApiKeyToken {
  tenantId: string;
  keyId: string;
  /** The secret part as presented: what the stored hash is computed over. */
  secret: string;
}

function uuidBytes(uuid: string): Buffer {
  const lower = uuid.toLowerCase();
  if (!UUID.test(lower)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(lower.replaceAll("-", ""), "hex");
}

function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** base64url decoding that accepts only the one canonical spelling of the bytes. */
function canonicalBase64url(text: string, bytes: number): Buffer | null {
  const decoded = Buffer.from(text, "base64url");
  if (decoded.length !== bytes || decoded.toString("base64url") !== text) return null;
  return decoded;
}

/** The secret part for `secretBytes` (32 random bytes from the caller). */
export function encodeApiKeySecret(secretBytes: Uint8Array): string {
  if (secretBytes.length !== API_KEY_SECRET_BYTES) throw new Error(`an API key secret is ${API_KEY_SECRET_BYTES} bytes`);
  return Buffer.from(secretBytes).toString("base64url");
}

export function formatApiKeyToken(tenantId: string, keyId: string, secret: string): string {
  if (!new RegExp(`^${PART}$`).test(secret) || !canonicalBase64url(secret, API_KEY_SECRET_BYTES)) {
    throw new Error("the secret part must be 32 bytes as canonical base64url");
  }
  const ids = Buffer.concat([uuidBytes(tenantId), uuidBytes(keyId)]).toString("base64url");
  return `${API_KEY_PREFIX}${ids}_${secret}`;
}

/** The parts of a well-formed token; null for anything else (one answer for every malformation). */
export function parseApiKeyToken(token: string): ParsedApiKeyToken | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const ids = canonicalBase64url(match[1]!, 32);
  if (!ids || !canonicalBase64url(match[2]!, API_KEY_SECRET_BYTES)) return null;
  return { tenantId: uuidFromBytes(ids.subarray(0, 16)), keyId: uuidFromBytes(ids.subarray(16)), secret: match[2]! };
}

/** The token from an `Authorization` header value: `Bearer <token>` (scheme case-insensitive). */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Whether the header uses the Bearer scheme at all (a malformed Bearer value is still ours to refuse). */
export function isBearerHeader(header: string | null): boolean {
  return header !== null && /^Bearer(\s|$)/i.test(header.trimStart());
}
