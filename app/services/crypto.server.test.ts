/**
 * Encryption at rest, against the real bucket: what is stored is ciphertext, it opens only
 * with its own tenant's key and under its own object name, and wrapped keys are bound to
 * their tenant and version.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type TestTenant } from "../../tests/support/fixtures.ts";
import {
  LocalKeyProvider, blobKeyVersion, currentDataKey, dataKeyVersion, decryptBlob, encryptBlob, hashPassword, verifyPassword,
} from "./crypto.server.ts";
import { withTenant } from "./db.server.ts";
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

describe("objects in the bucket", () => {
  it("hold ciphertext only, and round-trip to the exact bytes", async () => {
    const key = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    const storageKey = `tenants/${a.tenantId}/statements/${randomUUID()}`;
    const plaintext = new TextEncoder().encode(statementText);
    await putObject(storageKey, encryptBlob(key, plaintext, objectAad(a.tenantId, storageKey)));

    const stored = Buffer.from(await getObject(storageKey));
    expect(stored.includes(Buffer.from("SECRET-MARKER-7731"))).toBe(false);
    expect(stored.includes(Buffer.from("Description"))).toBe(false);
    expect(blobKeyVersion(stored)).toBe(key.version);

    const keyAgain = await withTenant(a.tenantId, (tx) => dataKeyVersion(tx, a.tenantId, blobKeyVersion(stored)));
    expect(decryptBlob(keyAgain, stored, objectAad(a.tenantId, storageKey)).toString("utf8")).toBe(statementText);
  });

  it("do not open with another tenant's key, under another name, or after tampering", async () => {
    const keyA = await withTenant(a.tenantId, (tx) => currentDataKey(tx, a.tenantId));
    const keyB = await withTenant(b.tenantId, (tx) => currentDataKey(tx, b.tenantId));
    const storageKey = `tenants/${a.tenantId}/statements/${randomUUID()}`;
    const blob = encryptBlob(keyA, new TextEncoder().encode(statementText), objectAad(a.tenantId, storageKey));
    expect(() => decryptBlob(keyB.key, blob, objectAad(a.tenantId, storageKey))).toThrow(/unable to authenticate|auth/i);
    expect(() => decryptBlob(keyA.key, blob, objectAad(b.tenantId, storageKey))).toThrow();
    expect(() => decryptBlob(keyA.key, blob, objectAad(a.tenantId, `${storageKey}x`))).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptBlob(keyA.key, tampered, objectAad(a.tenantId, storageKey))).toThrow();
    expect(() => blobKeyVersion(Buffer.from("plain text, not ours"))).toThrow(/not a Cashline encrypted object/);
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
