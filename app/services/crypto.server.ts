/**
 * Encryption at rest and password hashing.
 *
 * Envelope encryption: each tenant has versioned data keys (AES-256), stored in TenantKey
 * only in wrapped form. A KeyProvider holds the key-encryption key and does the wrapping:
 * LocalKeyProvider with MASTER_KEY, or KmsKeyProvider (kms.server.ts) with AWS KMS
 * (KEY_PROVIDER). Rotation, re-encryption and master-key rotation are in keys.server.ts.
 * Files are encrypted here, in the web process, before they reach object storage.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { config, type Config } from "./config.server.ts";
import type { Tx } from "./db.server.ts";
import { createKmsClient, KmsKeyProvider, kmsKeyIdOf, type KmsApi } from "./kms.server.ts";

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

/**
 * The key-encryption keys a process holds: `current` wraps new data keys; `forKekId` finds
 * the one that unwraps a stored key, by the TenantKey.kekId written beside it. During a
 * master-key rotation both the new and the previous KEK are held, so every key stays
 * readable while rows are re-wrapped one tenant at a time.
 */
export interface KeyRing {
  readonly current: KeyProvider;
  forKekId(kekId: string): KeyProvider;
  /** Releases the KMS client's connections, if one was made (the CLI, before it exits). */
  close?(): void;
}

export function createKeyRing(
  current: KeyProvider,
  readers: readonly KeyProvider[] = [],
  /** Builds a reader for a `kms:<key id>` kekId the ring does not hold yet. */
  kmsReader?: (keyId: string) => KeyProvider,
): KeyRing {
  const byKekId = new Map<string, KeyProvider>();
  for (const p of [current, ...readers]) if (!byKekId.has(p.kekId)) byKekId.set(p.kekId, p);
  return {
    current,
    forKekId(kekId) {
      const known = byKekId.get(kekId);
      if (known) return known;
      const kmsKeyId = kmsKeyIdOf(kekId);
      if (kmsKeyId && kmsReader) {
        const reader = kmsReader(kmsKeyId);
        byKekId.set(kekId, reader);
        return reader;
      }
      throw new Error(
        `a data key is wrapped by key-encryption key ${kekId}, which this process does not hold ` +
          `(it holds ${[...byKekId.keys()].join(", ")}); after a master-key rotation set MASTER_KEY_PREVIOUS ` +
          `to the previous MASTER_KEY until \`keys rotate-master\` has re-wrapped every tenant`,
      );
    },
  };
}

/** The ring configured by KEY_PROVIDER, MASTER_KEY, MASTER_KEY_PREVIOUS, KMS_KEY_ID, KMS_REGION. */
export function configuredKeyRing(keys: Config["keys"], kms: () => KmsApi = () => createKmsClient(keys.kmsRegion)): KeyRing {
  let client: KmsApi | undefined;
  const kmsClient = () => (client ??= kms());
  const locals = [keys.localMasterKey, keys.previousMasterKey].flatMap((k) => (k ? [new LocalKeyProvider(k)] : []));
  const kmsReader = (keyId: string) => new KmsKeyProvider(kmsClient(), keyId);
  const close = () => (client as { destroy?: () => void } | undefined)?.destroy?.();
  if (keys.provider === "kms") return { ...createKeyRing(kmsReader(keys.kmsKeyId!), locals, kmsReader), close };
  const [current, ...previous] = locals;
  if (!current) throw new Error("KEY_PROVIDER=local needs MASTER_KEY");
  return { ...createKeyRing(current, previous, kmsReader), close };
}

let ring: KeyRing | undefined;
export function keyRing(): KeyRing {
  ring ??= configuredKeyRing(config().keys);
  return ring;
}

export function closeKeyRing(): void {
  ring?.close?.();
  ring = undefined;
}

/** The key-encryption key new data keys are wrapped with. */
export function keyProvider(): KeyProvider {
  return keyRing().current;
}

// ---------------------------------------------------------------------------------------
// Tenant data keys
//
// Versioned per tenant. The newest version without retiredAt is the one new writes use;
// retired versions stay readable (objects and fields name the version they were written
// under) until re-encryption has moved everything off them.

export interface DataKey {
  version: number;
  key: Buffer;
}

export interface TenantKeyRow {
  tenantId: string;
  version: number;
  wrappedKey: Uint8Array;
  kekId: string;
}

// Unwrapped keys are cached briefly: unwrapping is a KMS round trip in production. Only the
// unwrapping is cached — which version is current, and whether a key still exists at all,
// is read from the database on every use, so a rotation is seen at once by every process and
// a destroyed key (tenant deletion) is gone at once. The wrapped bytes are part of the cache
// key: a re-created version is never answered with an older key. Each ring has its own
// cache: a key is only ever answered to a ring that could unwrap it.
const KEY_CACHE_MS = 5 * 60_000;
const keyCaches = new WeakMap<KeyRing, Map<string, { key: Buffer; until: number }>>();

async function unwrapRow(row: TenantKeyRow, keys: KeyRing): Promise<Buffer> {
  const wrapped = Buffer.from(row.wrappedKey);
  const id = `${row.tenantId}:${row.version}:${createHash("sha256").update(wrapped).digest("hex")}`;
  let keyCache = keyCaches.get(keys);
  if (!keyCache) keyCaches.set(keys, (keyCache = new Map()));
  const hit = keyCache.get(id);
  if (hit && hit.until > Date.now()) return hit.key;
  const key = await keys.forKekId(row.kekId).unwrap(wrapped, { tenantId: row.tenantId, version: row.version });
  keyCache.set(id, { key, until: Date.now() + KEY_CACHE_MS });
  return key;
}

/** Drops a tenant's unwrapped keys from this process's cache (its keys were destroyed). */
export function forgetTenantKeys(tenantId: string, keys: KeyRing = keyRing()): void {
  const keyCache = keyCaches.get(keys);
  for (const id of keyCache?.keys() ?? []) if (id.startsWith(`${tenantId}:`)) keyCache!.delete(id);
}

/**
 * Adds data key `version` for a tenant, wrapped under the ring's current KEK. Returns false
 * when that version already exists (a concurrent writer won; read theirs).
 */
export async function createDataKeyVersion(tx: Tx, tenantId: string, version: number, keys: KeyRing = keyRing()): Promise<boolean> {
  const key = randomBytes(32);
  const wrappedKey = await keys.current.wrap(key, { tenantId, version });
  const { count } = await tx.tenantKey.createMany({
    data: [{ tenantId, version, wrappedKey: new Uint8Array(wrappedKey), kekId: keys.current.kekId }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** The tenant's current data key (newest non-retired version); creates one on first use. */
export async function currentDataKey(tx: Tx, tenantId: string, keys: KeyRing = keyRing()): Promise<DataKey> {
  const newestUsable = () => tx.tenantKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { version: "desc" } });
  let row = await newestUsable();
  if (!row) {
    // First use (or, never in practice, every version retired): the next version. Two first
    // uploads may race: the loser's insert is skipped and both read the winner's key.
    const newest = await tx.tenantKey.findFirst({ where: { tenantId }, orderBy: { version: "desc" }, select: { version: true, retiredAt: true } });
    // A usable key committed since the first read (a racing first use) is simply used.
    if (!newest || newest.retiredAt !== null) await createDataKeyVersion(tx, tenantId, (newest?.version ?? 0) + 1, keys);
    row = await newestUsable();
    if (!row) throw new Error(`tenant ${tenantId} has no usable data key`);
  }
  return { version: row.version, key: await unwrapRow(row, keys) };
}

/** A specific (possibly retired) version, to read objects written under it. */
export async function dataKeyVersion(tx: Tx, tenantId: string, version: number, keys: KeyRing = keyRing()): Promise<Buffer> {
  const row = await tx.tenantKey.findUnique({ where: { tenantId_version: { tenantId, version } } });
  return dataKeyOfRow(row, { tenantId, version }, keys);
}

/**
 * The same, for a TenantKey row a caller read in a query of its own (null: that version does
 * not exist). The row must have come from the database just now: a destroyed key stays gone.
 */
export async function dataKeyOfRow(
  row: TenantKeyRow | null,
  wanted: { tenantId: string; version: number },
  keys: KeyRing = keyRing(),
): Promise<Buffer> {
  if (!row) throw new Error(`tenant ${wanted.tenantId} has no data key version ${wanted.version}`);
  return unwrapRow(row, keys);
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
const FIELD_HEADER_BYTES = 8;
const FIELD_MIN_BYTES = FIELD_HEADER_BYTES + 12 + TAG_BYTES;

/** What a sealed field is: part of its AAD, so a value only opens as what it was sealed as. */
export const FIELD_PURPOSE = {
  totpSecret: "totp-secret",
  accountNumber: "account-number",
} as const;

function fieldAad(header: Buffer, tenantId: string, purpose: string): Buffer {
  return Buffer.concat([header, Buffer.from(`cashline-field:${tenantId}:${purpose}`)]);
}

/** Seals a value under a given data key (sealField uses the tenant's current one). */
export function sealFieldWith(dataKey: DataKey, tenantId: string, purpose: string, plaintext: string): Buffer {
  const header = Buffer.alloc(FIELD_HEADER_BYTES);
  FIELD_MAGIC.copy(header, 0);
  header.writeUInt32BE(dataKey.version, 4);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, iv);
  cipher.setAAD(fieldAad(header, tenantId, purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed value with the key of the version its header names. */
export async function openFieldWith(
  keyFor: (version: number) => Promise<Buffer> | Buffer,
  tenantId: string,
  purpose: string,
  sealed: Uint8Array,
): Promise<string> {
  const buf = Buffer.from(sealed);
  const version = fieldKeyVersion(buf);
  const header = buf.subarray(0, FIELD_HEADER_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", await keyFor(version), buf.subarray(8, 20));
  decipher.setAAD(fieldAad(header, tenantId, purpose));
  decipher.setAuthTag(buf.subarray(20, FIELD_MIN_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(FIELD_MIN_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`sealed ${purpose} does not authenticate: wrong tenant, wrong purpose or altered`);
  }
}

export async function sealField(tx: Tx, tenantId: string, purpose: string, plaintext: string, keys: KeyRing = keyRing()): Promise<Buffer> {
  return sealFieldWith(await currentDataKey(tx, tenantId, keys), tenantId, purpose, plaintext);
}

export async function openField(tx: Tx, tenantId: string, purpose: string, sealed: Uint8Array, keys: KeyRing = keyRing()): Promise<string> {
  return openFieldWith((version) => dataKeyVersion(tx, tenantId, version, keys), tenantId, purpose, sealed);
}

/** The data-key version a sealed field was written under (re-encryption finds old ones). */
export function fieldKeyVersion(sealed: Uint8Array): number {
  const buf = Buffer.from(sealed);
  if (buf.length < FIELD_MIN_BYTES || !buf.subarray(0, 4).equals(FIELD_MAGIC)) throw new Error("not a sealed field");
  return buf.readUInt32BE(4);
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
