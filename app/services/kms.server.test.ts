/**
 * The KeyProvider contract, one suite run against both implementations: LocalKeyProvider
 * (MASTER_KEY) and KmsKeyProvider against an in-memory KMS that really encrypts and enforces
 * the encryption context (tests/support/fake-kms.ts). Then what is KMS-specific, the key ring
 * that picks a provider by the kekId stored beside each wrapped key, and the configuration.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FakeKms } from "../../tests/support/fake-kms.ts";
import { parseConfig } from "./config.server.ts";
import { configuredKeyRing, createKeyRing, LocalKeyProvider, type KeyProvider } from "./crypto.server.ts";
import { KmsKeyProvider, kmsKeyIdOf } from "./kms.server.ts";

interface Subject {
  name: string;
  /** Two providers over the same key-encryption key (as two processes would have). */
  make(): { provider: KeyProvider; sameKek: KeyProvider; otherKek: KeyProvider };
}

const localMaster = randomBytes(32);
const kms = new FakeKms();
const kmsKey = kms.createKey("1234abcd-12ab-34cd-56ef-1234567890ab");
const otherKmsKey = kms.createKey("arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321");

const SUBJECTS: Subject[] = [
  {
    name: "LocalKeyProvider",
    make: () => ({
      provider: new LocalKeyProvider(localMaster),
      sameKek: new LocalKeyProvider(Buffer.from(localMaster)),
      otherKek: new LocalKeyProvider(randomBytes(32)),
    }),
  },
  {
    name: "KmsKeyProvider",
    make: () => ({
      provider: new KmsKeyProvider(kms, kmsKey),
      sameKek: new KmsKeyProvider(kms, kmsKey),
      otherKek: new KmsKeyProvider(kms, otherKmsKey),
    }),
  },
];

describe.each(SUBJECTS)("KeyProvider contract: $name", ({ make }) => {
  const context = { tenantId: "0196f000-0000-7000-8000-0000000000a1", version: 3 };

  it("wraps and unwraps a data key, in this process and in another holding the same KEK", async () => {
    const { provider, sameKek } = make();
    const dek = randomBytes(32);
    const wrapped = await provider.wrap(dek, context);
    expect(wrapped.includes(dek)).toBe(false);
    expect((await provider.unwrap(wrapped, context)).equals(dek)).toBe(true);
    expect((await sameKek.unwrap(wrapped, context)).equals(dek)).toBe(true);
  });

  it("wraps the same key differently each time (randomized)", async () => {
    const { provider } = make();
    const dek = randomBytes(32);
    const [a, b] = await Promise.all([provider.wrap(dek, context), provider.wrap(dek, context)]);
    expect(a.equals(b)).toBe(false);
  });

  it("refuses to unwrap under another tenant or version (the context is bound)", async () => {
    const { provider } = make();
    const wrapped = await provider.wrap(randomBytes(32), context);
    await expect(provider.unwrap(wrapped, { ...context, tenantId: "0196f000-0000-7000-8000-0000000000b2" })).rejects.toThrow();
    await expect(provider.unwrap(wrapped, { ...context, version: 4 })).rejects.toThrow();
  });

  it("refuses a tampered wrapped key, wherever the change is", async () => {
    const { provider } = make();
    const wrapped = await provider.wrap(randomBytes(32), context);
    for (const at of [0, Math.floor(wrapped.length / 2), wrapped.length - 1]) {
      const tampered = Buffer.from(wrapped);
      tampered[at]! ^= 0x40;
      await expect(provider.unwrap(tampered, context)).rejects.toThrow();
    }
    await expect(provider.unwrap(wrapped.subarray(0, wrapped.length - 1), context)).rejects.toThrow();
  });

  it("refuses a key wrapped under another KEK", async () => {
    const { provider, otherKek } = make();
    const wrapped = await otherKek.wrap(randomBytes(32), context);
    await expect(provider.unwrap(wrapped, context)).rejects.toThrow();
  });

  it("has a kekId that is stable for the same KEK and differs for another", () => {
    const { provider, sameKek, otherKek } = make();
    expect(provider.kekId).toBe(sameKek.kekId);
    expect(provider.kekId).toBe(make().provider.kekId);
    expect(provider.kekId).not.toBe(otherKek.kekId);
    expect(provider.kekId).toMatch(/^(local|kms):.+/);
  });
});

describe("KmsKeyProvider", () => {
  it("calls KMS with the configured key and the encryption context {tenant, version}", async () => {
    const fake = new FakeKms();
    const keyId = fake.createKey("key-ctx");
    const provider = new KmsKeyProvider(fake, keyId);
    const wrapped = await provider.wrap(randomBytes(32), { tenantId: "t-1", version: 7 });
    await provider.unwrap(wrapped, { tenantId: "t-1", version: 7 });
    expect(fake.calls).toEqual([
      { command: "Encrypt", keyId, context: { tenant: "t-1", version: "7" } },
      { command: "Decrypt", keyId, context: { tenant: "t-1", version: "7" } },
    ]);
    expect(provider.kekId).toBe("kms:key-ctx");
    expect(kmsKeyIdOf(provider.kekId)).toBe("key-ctx");
    expect(kmsKeyIdOf("local:abc")).toBeNull();
  });

  it("names the key, tenant, version and KMS error when KMS refuses", async () => {
    const fake = new FakeKms();
    const provider = new KmsKeyProvider(fake, fake.createKey("key-refuses"));
    const wrapped = await provider.wrap(randomBytes(32), { tenantId: "t-1", version: 1 });
    await expect(provider.unwrap(wrapped, { tenantId: "t-2", version: 1 })).rejects.toThrow(
      /KMS could not unwrap data key version 1 of tenant t-2 with key-refuses: InvalidCiphertextException/,
    );
    fake.disableKey("key-refuses");
    await expect(provider.wrap(randomBytes(32), { tenantId: "t-1", version: 2 })).rejects.toThrow(/DisabledException/);
    await expect(new KmsKeyProvider(fake, "no-such-key").wrap(randomBytes(32), { tenantId: "t", version: 1 })).rejects.toThrow(/NotFoundException/);
  });
});

describe("key ring: the KEK that wrapped a key is found by its kekId", () => {
  it("reads keys wrapped by the current KEK, a previous one, and any KMS key; refuses unknown KEKs by name", async () => {
    const fake = new FakeKms();
    const previous = new LocalKeyProvider(randomBytes(32));
    const current = new KmsKeyProvider(fake, fake.createKey("new-key"));
    const oldKms = new KmsKeyProvider(fake, fake.createKey("old-key"));
    const ring = createKeyRing(current, [previous], (keyId) => new KmsKeyProvider(fake, keyId));
    const context = { tenantId: "t", version: 1 };
    const dek = randomBytes(32);
    for (const p of [current, previous, oldKms]) {
      const wrapped = await p.wrap(dek, context);
      expect((await ring.forKekId(p.kekId).unwrap(wrapped, context)).equals(dek)).toBe(true);
    }
    const stranger = new LocalKeyProvider(randomBytes(32));
    expect(() => ring.forKekId(stranger.kekId)).toThrow(new RegExp(`${stranger.kekId}.*MASTER_KEY_PREVIOUS`));
  });

  it("is built from configuration: local with a previous master key, or KMS (still reading local keys)", () => {
    const master = randomBytes(32).toString("base64");
    const before = randomBytes(32).toString("base64");
    const local = configuredKeyRing(parseConfig({ MASTER_KEY: master, MASTER_KEY_PREVIOUS: before }).keys);
    expect(local.current.kekId).toBe(new LocalKeyProvider(Buffer.from(master, "base64")).kekId);
    expect(local.forKekId(new LocalKeyProvider(Buffer.from(before, "base64")).kekId)).toBeInstanceOf(LocalKeyProvider);

    const fake = new FakeKms();
    const kmsRing = configuredKeyRing(parseConfig({ MASTER_KEY: master, KEY_PROVIDER: "kms", KMS_KEY_ID: "k-1", KMS_REGION: "eu-west-1" }).keys, () => fake);
    expect(kmsRing.current.kekId).toBe("kms:k-1");
    expect(kmsRing.forKekId(local.current.kekId)).toBeInstanceOf(LocalKeyProvider);
  });
});

describe("key configuration", () => {
  const prod = {
    NODE_ENV: "production",
    SESSION_SECRET: "s".repeat(40),
    DATABASE_URL: "postgresql://owner@db/cashline",
    DATABASE_APP_URL: "postgresql://cashline_app:pw@db/cashline",
  };

  it("defaults to the local provider", () => {
    expect(parseConfig({}).keys).toMatchObject({ provider: "local", kmsKeyId: null, previousMasterKey: null });
  });

  it("refuses KMS without a key id, in production and out of it, and refuses aliases", () => {
    expect(() => parseConfig({ ...prod, KEY_PROVIDER: "kms" })).toThrow("KEY_PROVIDER=kms needs KMS_KEY_ID");
    expect(() => parseConfig({ KEY_PROVIDER: "kms" })).toThrow("KEY_PROVIDER=kms needs KMS_KEY_ID");
    expect(() => parseConfig({ KEY_PROVIDER: "kms", KMS_KEY_ID: "alias/cashline" })).toThrow(/not an alias/);
    expect(() => parseConfig({ KEY_PROVIDER: "kms", KMS_KEY_ID: "arn:aws:kms:eu-west-1:111122223333:alias/cashline" })).toThrow(/not an alias/);
    expect(() => parseConfig({ KEY_PROVIDER: "vault" })).toThrow(/KEY_PROVIDER/);
  });

  it("in production with KMS needs no MASTER_KEY, and does not trust the development one", () => {
    const c = parseConfig({ ...prod, KEY_PROVIDER: "kms", KMS_KEY_ID: "1234abcd", AWS_REGION: "eu-central-1" });
    expect(c.keys).toMatchObject({ provider: "kms", kmsKeyId: "1234abcd", kmsRegion: "eu-central-1", localMasterKey: null });
    expect(() => parseConfig({ ...prod })).toThrow(/MASTER_KEY/);
    expect(parseConfig({ ...prod, KEY_PROVIDER: "kms", KMS_KEY_ID: "k", KMS_REGION: "us-west-2", AWS_REGION: "eu-central-1" }).keys.kmsRegion).toBe("us-west-2");
  });

  it("checks MASTER_KEY_PREVIOUS like MASTER_KEY", () => {
    expect(() => parseConfig({ MASTER_KEY_PREVIOUS: "c2hvcnQ=" })).toThrow("MASTER_KEY_PREVIOUS must be 32 bytes, base64-encoded");
  });
});
