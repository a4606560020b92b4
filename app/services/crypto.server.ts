/**
 * Encryption at rest and password hashing.
 *
 * Envelope encryption: each tenant has versioned data keys (AES-256), stored in TenantKey
 * only in wrapped form. A KeyProvider holds the key-encryption key and does the wrapping; the
 * local implementation takes it from MASTER_KEY, a cloud KMS can implement the same
 * interface. Files are encrypted here, in the web process, before they reach object storage.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { config } from "./config.server.ts";
import type { Tx } from "./db.server.ts";

const scrypt = promisify(scryptCb) as (pw: string | Buffer, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

// ---------------------------------------------------------------------------------------
// Key-encryption keys

export interface WrapContext {
  tenantId: string;
  version: number;
}

export interface KeyProvider {
  /** Identifies the key-encryption key, stored beside each wrapped key. */
  readonly kekId: string;
  wrap(dataKey: Buffer, context: WrapContext): Promise<Buffer>;
  unwrap(wrapped: Buffer, context: WrapContext): Promise<Buffer>;
}

/** AES-256-GCM key wrapping with a locally held master key. The context is bound as AAD,
 *  so a wrapped key copied to another tenant or version does not unwrap. */
export class LocalKeyProvider implements KeyProvider {
  readonly kekId: string;
  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error("master key must be 32 bytes");
    this.kekId = `local:${createHash("sha256").update(masterKey).digest("hex").slice(0, 16)}`;
  }

  async wrap(dataKey: Buffer, context: WrapContext): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.masterKey, iv);
    cipher.setAAD(wrapAad(context));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async unwrap(wrapped: Buffer, context: WrapContext): Promise<Buffer> {
    const decipher = createDecipheriv("aes-256-gcm", this.masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(wrapAad(context));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}

function wrapAad(context: WrapContext): Buffer {
  return Buffer.from(`cashline-dek:${context.tenantId}:${context.version}`);
}

let provider: KeyProvider | undefined;
export function keyProvider(): KeyProvider {
  provider ??= new LocalKeyProvider(config().masterKey);
  return provider;
}

// ---------------------------------------------------------------------------------------
// Tenant data keys

export interface DataKey {
  version: number;
  key: Buffer;
}

// Unwrapped keys are cached briefly: unwrapping is a KMS round trip in production.
const KEY_CACHE_MS = 5 * 60_000;
const keyCache = new Map<string, { key: Buffer; until: number }>();

async function unwrapCached(tenantId: string, version: number, wrapped: Buffer): Promise<Buffer> {
  const id = `${tenantId}:${version}`;
  const hit = keyCache.get(id);
  if (hit && hit.until > Date.now()) return hit.key;
  const key = await keyProvider().unwrap(wrapped, { tenantId, version });
  keyCache.set(id, { key, until: Date.now() + KEY_CACHE_MS });
  return key;
}

/** The tenant's current data key; creates version 1 on first use. */
export async function currentDataKey(tx: Tx, tenantId: string): Promise<DataKey> {
  let row = await tx.tenantKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { version: "desc" } });
  if (!row) {
    const key = randomBytes(32);
    const wrappedKey = await keyProvider().wrap(key, { tenantId, version: 1 });
    // Two first uploads may race: the loser's insert is skipped and both read the winner's key.
    await tx.tenantKey.createMany({
      data: [{ tenantId, version: 1, wrappedKey: new Uint8Array(wrappedKey), kekId: keyProvider().kekId }],
      skipDuplicates: true,
    });
    row = await tx.tenantKey.findFirstOrThrow({ where: { tenantId, retiredAt: null }, orderBy: { version: "desc" } });
  }
  return { version: row.version, key: await unwrapCached(tenantId, row.version, Buffer.from(row.wrappedKey)) };
}

/** A specific (possibly retired) version, to read objects written under it. */
export async function dataKeyVersion(tx: Tx, tenantId: string, version: number): Promise<Buffer> {
  const row = await tx.tenantKey.findUnique({ where: { tenantId_version: { tenantId, version } } });
  if (!row) throw new Error(`tenant ${tenantId} has no data key version ${version}`);
  return unwrapCached(tenantId, version, Buffer.from(row.wrappedKey));
}

// ---------------------------------------------------------------------------------------
// Blobs: "CLN1" | u32 key version | 12-byte IV | 16-byte tag | ciphertext
// The AAD binds the blob to its tenant and object key: a blob moved elsewhere fails to open.

const MAGIC = Buffer.from("CLN1");
const HEADER = MAGIC.length + 4 + 12 + 16;

export function encryptBlob(dataKey: DataKey, plaintext: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const version = Buffer.alloc(4);
  version.writeUInt32BE(dataKey.version);
  return Buffer.concat([MAGIC, version, iv, cipher.getAuthTag(), body]);
}

export function blobKeyVersion(blob: Uint8Array): number {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.length < HEADER || !b.subarray(0, 4).equals(MAGIC)) throw new Error("not a Cashline encrypted object");
  return b.readUInt32BE(4);
}

export function decryptBlob(key: Buffer, blob: Uint8Array, aad: string): Buffer {
  blobKeyVersion(blob);
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", key, b.subarray(8, 20));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(b.subarray(20, 36));
  return Buffer.concat([decipher.update(b.subarray(HEADER)), decipher.final()]);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

// ---------------------------------------------------------------------------------------
// Passwords: scrypt (memory-hard; N=2^15, r=8 → 32 MiB per hash), PHC-like string.

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize("NFKC"), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password.normalize("NFKC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAXMEM,
  });
  return timingSafeEqual(actual, expected);
}

// Verified against when the email is unknown, so both failures cost the same time.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}
