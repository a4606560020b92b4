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
// Stored objects: segmented AES-256-GCM (the "STREAM" construction of Hoang et al., as in
// Tink's streaming AEAD), so a 1 GB statement is encrypted and decrypted in constant memory.
//
//   header:  "CLS1" | u32 key version | 7-byte random nonce prefix | u32 segment size
//   then:    segment_0 … segment_n, each = ciphertext (segment size, the last may be shorter) | 16-byte tag
//   nonce_i: prefix | u32 i | 1 byte (1 on the last segment, else 0)
//   AAD:     header | caller's AAD (binds the object to its tenant and storage key)
//
// The segment index in the nonce stops reordering; the last-segment flag stops truncation
// (a file cut at a segment boundary fails: its new last segment was sealed as "not last").

const MAGIC = Buffer.from("CLS1");
const HEADER_BYTES = MAGIC.length + 4 + 7 + 4;
const TAG_BYTES = 16;
export const SEGMENT_BYTES = 64 * 1024;

function segmentNonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function sealSegment(key: Buffer, prefix: Buffer, aad: Buffer, index: number, last: boolean, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv("aes-256-gcm", key, segmentNonce(prefix, index, last));
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openSegment(key: Buffer, prefix: Buffer, aad: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, segmentNonce(prefix, index, last));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`encrypted object does not authenticate (segment ${index}): wrong key, moved, truncated or altered`);
  }
}

function parseHeader(header: Buffer): { version: number; prefix: Buffer; segmentBytes: number } {
  if (header.length < HEADER_BYTES || !header.subarray(0, 4).equals(MAGIC)) throw new Error("not a Cashline encrypted object");
  const segmentBytes = header.readUInt32BE(15);
  if (segmentBytes < 1024 || segmentBytes > 16 * 1024 * 1024) throw new Error("encrypted object has an invalid segment size");
  return { version: header.readUInt32BE(4), prefix: header.subarray(8, 15), segmentBytes };
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Encrypts a stream of plaintext chunks; yields the object's bytes (header first). */
export async function* encryptStream(
  dataKey: DataKey,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  aad: string,
  segmentBytes = SEGMENT_BYTES,
): AsyncGenerator<Buffer> {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(dataKey.version, 4);
  const prefix = randomBytes(7);
  prefix.copy(header, 8);
  header.writeUInt32BE(segmentBytes, 15);
  const fullAad = Buffer.concat([header, Buffer.from(aad)]);
  yield header;

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  for await (const chunk of source) {
    pending.push(asBuffer(chunk));
    pendingBytes += chunk.byteLength;
    // Strictly more than a segment: only then is the segment certainly not the last one.
    while (pendingBytes > segmentBytes) {
      const all = Buffer.concat(pending);
      yield sealSegment(dataKey.key, prefix, fullAad, index++, false, all.subarray(0, segmentBytes));
      pending = [all.subarray(segmentBytes)];
      pendingBytes = pending[0]!.length;
    }
  }
  yield sealSegment(dataKey.key, prefix, fullAad, index, true, Buffer.concat(pending));
}

/**
 * Decrypts an object's byte stream; `keyFor(version)` supplies the data key the header names
 * (old versions stay readable after rotation). Yields plaintext segment by segment.
 */
export async function* decryptStream(
  keyFor: (version: number) => Promise<Buffer> | Buffer,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  aad: string,
): AsyncGenerator<Buffer> {
  let buffered: Buffer = Buffer.alloc(0);
  let parsed: (ReturnType<typeof parseHeader> & { key: Buffer; aad: Buffer }) | undefined;
  let index = 0;
  for await (const chunk of source) {
    buffered = buffered.length ? Buffer.concat([buffered, asBuffer(chunk)]) : asBuffer(chunk);
    if (!parsed) {
      if (buffered.length < HEADER_BYTES) continue;
      const header = Buffer.from(buffered.subarray(0, HEADER_BYTES));
      const h = parseHeader(header);
      parsed = { ...h, key: await keyFor(h.version), aad: Buffer.concat([header, Buffer.from(aad)]) };
      buffered = buffered.subarray(HEADER_BYTES);
    }
    const sealedBytes = parsed.segmentBytes + TAG_BYTES;
    // Keep at least one byte beyond a full segment: the final segment is opened at the end.
    while (buffered.length > sealedBytes) {
      yield openSegment(parsed.key, parsed.prefix, parsed.aad, index++, false, buffered.subarray(0, sealedBytes));
      buffered = buffered.subarray(sealedBytes);
    }
  }
  if (!parsed) throw new Error("not a Cashline encrypted object");
  if (buffered.length < TAG_BYTES) throw new Error("encrypted object is truncated");
  yield openSegment(parsed.key, parsed.prefix, parsed.aad, index, true, buffered);
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Whole-object helpers over the same format, for small objects already in memory. */
export function encryptBlob(dataKey: DataKey, plaintext: Uint8Array, aad: string): Promise<Buffer> {
  return collect(encryptStream(dataKey, [plaintext], aad));
}

export function decryptBlob(key: Buffer, blob: Uint8Array, aad: string): Promise<Buffer> {
  return collect(decryptStream(() => key, [blob], aad));
}

/** The data key version an object was written with (from its header). */
export function blobKeyVersion(blob: Uint8Array): number {
  return parseHeader(asBuffer(blob).subarray(0, HEADER_BYTES)).version;
}

// ---------------------------------------------------------------------------------------
// Field-level encryption: single values (TOTP secrets, bank account numbers) sealed with the
// tenant's current data key. Small, so one AES-256-GCM message rather than the segmented
// object format:  "CLF1" | u32 key version | 12-byte IV | 16-byte tag | ciphertext.
// The AAD binds the value to its tenant and to what it is (`purpose`), so a sealed TOTP
// secret copied into an account-number column, or into another tenant's row, does not open.

const FIELD_MAGIC = Buffer.from("CLF1");

export async function sealField(tx: Tx, tenantId: string, purpose: string, plaintext: string): Promise<Buffer> {
  const { version, key } = await currentDataKey(tx, tenantId);
  const header = Buffer.alloc(8);
  FIELD_MAGIC.copy(header, 0);
  header.writeUInt32BE(version, 4);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.concat([header, Buffer.from(`cashline-field:${tenantId}:${purpose}`)]));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

export async function openField(tx: Tx, tenantId: string, purpose: string, sealed: Uint8Array): Promise<string> {
  const buf = Buffer.from(sealed);
  if (buf.length < 36 || !buf.subarray(0, 4).equals(FIELD_MAGIC)) throw new Error("not a sealed field");
  const header = buf.subarray(0, 8);
  const key = await dataKeyVersion(tx, tenantId, header.readUInt32BE(4));
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(8, 20));
  decipher.setAAD(Buffer.concat([header, Buffer.from(`cashline-field:${tenantId}:${purpose}`)]));
  decipher.setAuthTag(buf.subarray(20, 36));
  return Buffer.concat([decipher.update(buf.subarray(36)), decipher.final()]).toString("utf8");
}

/** The data-key version a sealed field was written under (re-encryption finds old ones). */
export function fieldKeyVersion(sealed: Uint8Array): number {
  return Buffer.from(sealed).readUInt32BE(4);
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
