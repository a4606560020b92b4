/**
 * Encryption at rest, against the real bucket: what is stored is ciphertext, it opens only
 * with its own tenant's key and under its own object name, and wrapped keys are bound to
 * their tenant and version.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type TestTenant } from "../../tests/support/fixtures.ts";
import {
  LocalKeyProvider,
  FIELD_PURPOSE,
  blobKeyVersion,
  createKeyRing,
  currentDataKey,
  dataKeyVersion,
  fieldKeyVersion,
  openField,
  sealField,
  decryptBlob,
  decryptStream,
  encryptBlob,
  encryptStream,
  hashPassword,
  verifyPassword,
} from "./crypto.server.ts";
import { withTenant } from "./db.server.ts";
import { rotateDataKey } from "./keys.server.ts";
import { objectAad } from "./statements.server.ts";
import { getObject, putObject } from "./storage.server.ts";

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  a = await createTenant("Crypto A");
  b = await createTenant("Crypto B");
});

const statementText = "Date,Description,Amount\n2026-01-02,ACME PAYROLL SECRET-MARKER-7731,-1234.56\n";

describe("tenant data keys", () => {
  it("creates one key per tenant, stored only wrapped, and returns the same key again", async () => {
    const first = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    const again = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    expect(first.version).toBe(1);
    expect(again.key.equals(first.key)).toBe(true);
    const rows = await withTenant(a.tenantId, (tx) => tx.tenantKey.findMany());
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.wrappedKey).includes(first.key)).toBe(false);
    const other = await withTenant(b.tenantId, (tx) => currentDataKey(tx, b.tenantId));
    expect(other.key.equals(first.key)).toBe(false);
  });

  it("concurrent first uses agree on one key", async () => {
    const t = await createTenant("Crypto race");
    const keys = await Promise.all(Array.from({ length: 4 }, () => withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId))));
    expect(new Set(keys.map((k) => k.key.toString("hex"))).size).toBe(1);
  });
});

describe("data key versions", () => {
  it("new writes follow a rotation at once, though the old key is cached; old versions stay readable", async () => {
    const t = await createTenant("Crypto rotation");
    const v1 = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
    expect(v1.version).toBe(1);
    await rotateDataKey(withTenant, t.tenantId);
    const v2 = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
    expect(v2.version).toBe(2);
    expect(v2.key.equals(v1.key)).toBe(false);
    expect((await withTenant(t.tenantId, (tx) => dataKeyVersion(tx, t.tenantId, 1))).equals(v1.key)).toBe(true);
    const sealed = await withTenant(t.tenantId, (tx) => sealField(tx, t.tenantId, FIELD_PURPOSE.accountNumber, "12345678"));
    expect(fieldKeyVersion(sealed)).toBe(2);
  });

  it("a destroyed key is gone at once, cache or not, and a re-created version is a new key", async () => {
    const t = await createTenant("Crypto destroyed");
    const first = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
    await withTenant(t.tenantId, (tx) => tx.tenantKey.deleteMany({ where: { tenantId: t.tenantId } }));
    await expect(withTenant(t.tenantId, (tx) => dataKeyVersion(tx, t.tenantId, 1))).rejects.toThrow(`tenant ${t.tenantId} has no data key version 1`);
    const again = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId));
    expect(again.version).toBe(1);
    expect(again.key.equals(first.key)).toBe(false);
  });

  it("each key ring unwraps for itself: a process without the KEK gets no key from another's cache", async () => {
    const t = await createTenant("Crypto rings");
    const ring = createKeyRing(new LocalKeyProvider(randomBytes(32)));
    const key = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId, ring));
    expect((await withTenant(t.tenantId, (tx) => dataKeyVersion(tx, t.tenantId, key.version, ring))).equals(key.key)).toBe(true);
    await expect(withTenant(t.tenantId, (tx) => dataKeyVersion(tx, t.tenantId, key.version))).rejects.toThrow(/does not hold/);
  });
});

describe("sealed fields", () => {
  it("open only as what they were sealed as, in their own tenant", async () => {
    const sealed = await withTenant(a.tenantId, (tx) => sealField(tx, a.tenantId, FIELD_PURPOSE.totpSecret, "JBSWY3DPEHPK3PXP"));
    expect(sealed.includes(Buffer.from("JBSWY3DPEHPK3PXP"))).toBe(false);
    expect(await withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.totpSecret, sealed))).toBe("JBSWY3DPEHPK3PXP");
    await expect(withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.accountNumber, sealed))).rejects.toThrow(
      "sealed account-number does not authenticate: wrong tenant, wrong purpose or altered",
    );
    await expect(withTenant(b.tenantId, (tx) => openField(tx, b.tenantId, FIELD_PURPOSE.totpSecret, sealed))).rejects.toThrow(/does not authenticate/);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    await expect(withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.totpSecret, altered))).rejects.toThrow(/does not authenticate/);
    expect(() => fieldKeyVersion(Buffer.from("plain"))).toThrow("not a sealed field");
  });
});

describe("objects in the bucket", () => {
  it("hold ciphertext only, and round-trip to the exact bytes", async () => {
    const key = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    const storageKey = `tenants/${a.tenantId}/statements/${randomUUID()}`;
    const plaintext = new TextEncoder().encode(statementText);
    await putObject(storageKey, await encryptBlob(key, plaintext, objectAad(a.tenantId, storageKey)));

    const stored = Buffer.from(await getObject(storageKey));
    expect(stored.includes(Buffer.from("SECRET-MARKER-7731"))).toBe(false);
    expect(stored.includes(Buffer.from("Description"))).toBe(false);
    expect(blobKeyVersion(stored)).toBe(key.version);

    const keyAgain = await withTenant(a.tenantId, (tx) => dataKeyVersion(tx, a.tenantId, blobKeyVersion(stored)));
    expect((await decryptBlob(keyAgain, stored, objectAad(a.tenantId, storageKey))).toString("utf8")).toBe(statementText);
  });

  it("do not open with another tenant's key, under another name, or after tampering", async () => {
    const keyA = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    const keyB = await withTenant(b.tenantId, (tx) => currentDataKey(tx, b.tenantId));
    const storageKey = `tenants/${a.tenantId}/statements/${randomUUID()}`;
    const blob = await encryptBlob(keyA, new TextEncoder().encode(statementText), objectAad(a.tenantId, storageKey));
    await expect(decryptBlob(keyB.key, blob, objectAad(a.tenantId, storageKey))).rejects.toThrow(/does not authenticate/);
    await expect(decryptBlob(keyA.key, blob, objectAad(b.tenantId, storageKey))).rejects.toThrow(/does not authenticate/);
    await expect(decryptBlob(keyA.key, blob, objectAad(a.tenantId, `${storageKey}x`))).rejects.toThrow(/does not authenticate/);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    await expect(decryptBlob(keyA.key, tampered, objectAad(a.tenantId, storageKey))).rejects.toThrow(/does not authenticate/);
    expect(() => blobKeyVersion(Buffer.from("plain text, not ours"))).toThrow(/not a Cashline encrypted object/);
  });
});

describe("streamed objects (segmented AES-GCM)", () => {
  const key = { version: 3, key: randomBytes(32) };
  const aad = "tenant/x/statements/y";
  const SEGMENT = 1024;
  const plaintext = randomBytes(SEGMENT * 5 + 123);

  async function* chunked(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = sizes[i % sizes.length]!;
      yield bytes.subarray(at, at + size);
      at += size;
    }
  }
  async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const p of stream) parts.push(p);
    return Buffer.concat(parts);
  }
  const seal = (data: Buffer, sizes = [700]) => bytesOf(encryptStream(key, chunked(data, sizes), aad, SEGMENT));
  const open = (blob: Buffer, sizes = [333]) => bytesOf(decryptStream(() => key.key, chunked(blob, sizes), aad));

  it("round-trip whatever the chunking on either side, including empty and exact-multiple sizes", async () => {
    for (const data of [plaintext, Buffer.alloc(0), randomBytes(SEGMENT * 3)]) {
      for (const sizes of [[1], [SEGMENT], [SEGMENT + 1, 17], [100_000]]) {
        const blob = await seal(data, sizes);
        // header + plaintext + one tag per segment (an empty object still has its one last segment)
        expect(blob.length).toBe(19 + data.length + 16 * Math.max(1, Math.ceil(data.length / SEGMENT)));
        expect((await open(blob, sizes)).equals(data)).toBe(true);
      }
    }
    expect(blobKeyVersion(await seal(plaintext))).toBe(3);
  });

  it("refuse a truncated object, even one cut exactly at a segment boundary", async () => {
    const blob = await seal(plaintext);
    const sealedSegment = SEGMENT + 16;
    await expect(open(blob.subarray(0, 19 + sealedSegment * 2))).rejects.toThrow(/segment 1/);
    await expect(open(blob.subarray(0, blob.length - 1))).rejects.toThrow(/does not authenticate/);
    await expect(open(blob.subarray(0, 10))).rejects.toThrow(/not a Cashline encrypted object/);
  });

  it("refuse reordered segments and a header changed to another segment size", async () => {
    const blob = await seal(plaintext);
    const s = SEGMENT + 16;
    const swapped = Buffer.concat([blob.subarray(0, 19), blob.subarray(19 + s, 19 + 2 * s), blob.subarray(19, 19 + s), blob.subarray(19 + 2 * s)]);
    await expect(open(swapped)).rejects.toThrow(/segment 0/);
    const resized = Buffer.from(blob);
    resized.writeUInt32BE(2048, 15);
    await expect(open(resized)).rejects.toThrow(/does not authenticate/);
  });
});

describe("LocalKeyProvider", () => {
  it("binds a wrapped key to its tenant and version", async () => {
    const kek = new LocalKeyProvider(randomBytes(32));
    const dek = randomBytes(32);
    const wrapped = await kek.wrap(dek, { tenantId: "t1", version: 1 });
    expect((await kek.unwrap(wrapped, { tenantId: "t1", version: 1 })).equals(dek)).toBe(true);
    await expect(kek.unwrap(wrapped, { tenantId: "t2", version: 1 })).rejects.toThrow();
    await expect(kek.unwrap(wrapped, { tenantId: "t1", version: 2 })).rejects.toThrow();
    await expect(new LocalKeyProvider(randomBytes(32)).unwrap(wrapped, { tenantId: "t1", version: 1 })).rejects.toThrow();
  });

  it("rejects a master key of the wrong size", () => {
    expect(() => new LocalKeyProvider(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("passwords", () => {
  it("are hashed with scrypt, salted, and verified", async () => {
    const h1 = await hashPassword("hunter2 hunter2");
    const h2 = await hashPassword("hunter2 hunter2");
    expect(h1).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword("hunter2 hunter2", h1)).toBe(true);
    expect(await verifyPassword("hunter2 hunter3", h1)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});
