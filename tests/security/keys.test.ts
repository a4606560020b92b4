/**
 * Keys: data-key rotation (old and new versions both readable, new writes — in the running
 * server too — on the new one), re-encryption onto the current version (streamed, byte-
 * identical, resumable, and safe with files that fail or are being imported), master-key
 * rotation (local → local through the real CLI, local → KMS → KMS), the audit events, and
 * field-level encryption of bank account numbers.
 *
 * The CLI runs as it does for an operator: in-process through `main` (the database owner's
 * connection, the configured bucket), or as a subprocess where its environment matters.
 */
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "~/cli/cashline";
import { DEV_MASTER_KEY } from "~/services/config.server";
import {
  blobKeyVersion,
  createKeyRing,
  currentDataKey,
  dataKeyVersion,
  decryptBlob,
  encryptBlob,
  FIELD_PURPOSE,
  fieldKeyVersion,
  LocalKeyProvider,
  openField,
  openFieldWith,
  sealField,
  sha256Hex,
  type KeyRing,
} from "~/services/crypto.server";
import { withTenant } from "~/services/db.server";
import { reencryptTenant, rotateDataKey, rotateMasterKey } from "~/services/keys.server";
import { KmsKeyProvider } from "~/services/kms.server";
import { verifyChain } from "~/domain/audit-chain";
import { objectAad } from "~/services/statements.server";
import { getObject, putObject } from "~/services/storage.server";
import { FakeKms } from "../support/fake-kms.ts";
import { Client, createTenant, signedIn, type TestTenant, ownerConnection } from "../support/fixtures.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const owner = ownerConnection();

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  const stdout = out.join("");
  return { code, stdout, stderr: err.join(""), json: argv.includes("--json") && stdout ? JSON.parse(stdout) : undefined };
}

/** The CLI as a separate process with its own environment (master-key rotation). */
function cliProcess(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "app/cli/cashline.ts", ...argv], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A statement's stored file, decrypted in this process with the version its header names. */
async function readStored(tenantId: string, statementId: string, keys?: KeyRing) {
  const row = await withTenant(tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: statementId } } }));
  const blob = Buffer.from(await getObject(row.storageKey));
  const key = await withTenant(tenantId, (tx) => dataKeyVersion(tx, tenantId, blobKeyVersion(blob), keys));
  return { row, blob, plaintext: await decryptBlob(key, blob, objectAad(tenantId, row.storageKey)) };
}

/** A stored statement made directly (object + row), as an upload leaves it; not queued. */
async function storeStatement(t: TestTenant, bytes: Uint8Array, status: "posted" | "parsing" = "posted"): Promise<string> {
  const storageKey = `tenants/${t.tenantId}/statements/${randomUUID()}`;
  return withTenant(t.tenantId, async (tx) => {
    const key = await currentDataKey(tx, t.tenantId);
    await putObject(storageKey, await encryptBlob(key, bytes, objectAad(t.tenantId, storageKey)));
    const row = await tx.statement.create({
      data: {
        tenantId: t.tenantId, accountId: t.accountId, fileName: `direct-${randomUUID()}.bin`, fileSize: bytes.length,
        sha256: sha256Hex(bytes), storageKey, keyVersion: key.version, format: "csv", currency: "USD",
        uploadedById: t.users.admin.id, status,
      },
    });
    return row.id;
  });
}

async function sealTotp(t: TestTenant, secret: string): Promise<void> {
  await withTenant(t.tenantId, async (tx) => {
    const sealed = await sealField(tx, t.tenantId, FIELD_PURPOSE.totpSecret, secret);
    await tx.membership.update({ where: { tenantId_userId: { tenantId: t.tenantId, userId: t.users.admin.id } }, data: { totpSecret: new Uint8Array(sealed) } });
  });
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await getObject(key);
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return false;
    throw error;
  }
}

/** JSON of rows that carry bigints (AuditEvent.seq). */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

async function auditActions(tenantId: string, prefix: string) {
  return withTenant(tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId, action: { startsWith: prefix } }, orderBy: { seq: "asc" } }));
}

const csv = (tag: string, rows = 3) =>
  `Date,Description,Amount\n${Array.from({ length: rows }, (_, i) => `2026-05-${String(i + 1).padStart(2, "0")},${tag} row ${i},-${i + 1}.25`).join("\n")}\n`;

describe("data-key rotation and re-encryption (tenant A, through the running server)", () => {
  let a: TestTenant;
  let admin: Client;
  const files: Record<string, string> = {};
  const TOTP = "JBSWY3DPEHPK3PXP";
  let accountId: string;

  beforeAll(async () => {
    a = await createTenant("Keys A");
    admin = await signedIn(a.users.admin.email);
    for (const name of ["v1-first.csv", "v1-second.csv"]) {
      const content = csv(`${name} ${randomUUID()}`);
      const up = await admin.upload(a.accountId, name, content);
      expect(up.status).toBe(202);
      expect(await admin.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
      files[up.body.id] = content;
    }
    await sealTotp(a, TOTP);
    const account = await admin.json("/api/v1/accounts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Numbered", currency: "EUR", accountNumber: "DE89 3704 0044 0532 0130 00" }),
    });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });

  it("rotate: a new version for new writes, the old one retired but readable; the server uses the new one at once", async () => {
    const run = await cli("keys", "rotate", "--tenant", a.tenantId, "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.tenants).toEqual([{ tenantId: a.tenantId, rotated: { tenantId: a.tenantId, fromVersion: 1, toVersion: 2, retired: [1] } }]);
    const keys = await withTenant(a.tenantId, (tx) => tx.tenantKey.findMany({ orderBy: { version: "asc" } }));
    expect(keys.map((k) => ({ v: k.version, retired: k.retiredAt !== null }))).toEqual([{ v: 1, retired: true }, { v: 2, retired: false }]);

    // The web server has v1 unwrapped in its cache; its next upload must still use v2.
    const content = csv(`v2 ${randomUUID()}`);
    const up = await admin.upload(a.accountId, "v2.csv", content);
    expect(up.status).toBe(202);
    expect(await admin.waitForStatement(up.body.id)).toMatchObject({ status: "posted", rowCount: 3 });
    files[up.body.id] = content;

    const versions: Record<number, number> = {};
    for (const [id, original] of Object.entries(files)) {
      const { row, blob, plaintext } = await readStored(a.tenantId, id);
      expect(blobKeyVersion(blob)).toBe(row.keyVersion);
      expect(plaintext.toString("utf8")).toBe(original);
      versions[row.keyVersion] = (versions[row.keyVersion] ?? 0) + 1;
    }
    expect(versions).toEqual({ 1: 2, 2: 1 });

    const status = await cli("keys", "status", "--tenant", a.tenantId, "--json");
    expect(status.code).toBe(0);
    const [s] = status.json.tenants;
    expect(s).toMatchObject({ tenantId: a.tenantId, name: a.name, currentVersion: 2, pendingReencryption: 4 });
    expect(s.versions.map((v: any) => [v.version, v.current, v.statements, v.fields, v.ageDays])).toEqual([
      [1, false, 2, 2, 0],
      [2, true, 1, 0, 0],
    ]);
    expect(s.versions[0].retiredAt).not.toBeNull();
  });

  it("reencrypt: every file and field moves to v2, reads back byte-identical, and the old objects are gone", async () => {
    const before = await withTenant(a.tenantId, (tx) => tx.statement.findMany({ where: { keyVersion: 1 } }));
    expect(before).toHaveLength(2);
    const run = await cli("keys", "reencrypt", "--tenant", a.tenantId, "--json");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json.tenants[0].reencrypted).toMatchObject({
      toVersion: 2,
      statements: { reencrypted: 2, skippedInProgress: [], failed: [] },
      fields: { reencrypted: 2, failed: [] },
      leftoverObjects: [],
      remaining: 0,
      stoppedEarly: false,
    });

    for (const old of before) {
      const { row, blob, plaintext } = await readStored(a.tenantId, old.id);
      expect(row.keyVersion).toBe(2);
      expect(blobKeyVersion(blob)).toBe(2);
      expect(row.storageKey).not.toBe(old.storageKey);
      expect(plaintext.equals(Buffer.from(files[old.id]!))).toBe(true);
      expect(sha256Hex(plaintext)).toBe(old.sha256);
      expect(await objectExists(old.storageKey)).toBe(false);
    }
    // The app reads the moved files: the CSV preview decrypts and parses the stored file.
    const preview = await admin.json(`/api/v1/statements/${before[0]!.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.rowCount).toBe(3);

    const membership = await withTenant(a.tenantId, (tx) => tx.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: a.tenantId, userId: a.users.admin.id } } }));
    expect(fieldKeyVersion(membership.totpSecret!)).toBe(2);
    expect(await withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.totpSecret, membership.totpSecret!))).toBe(TOTP);
    const account = await withTenant(a.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: accountId } } }));
    expect(fieldKeyVersion(account.accountNumber!)).toBe(2);
    expect(await withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.accountNumber, account.accountNumber!))).toBe("DE89 3704 0044 0532 0130 00");

    // Nothing left: a second run moves nothing.
    const again = await cli("keys", "reencrypt", "--tenant", a.tenantId, "--json");
    expect(again.json.tenants[0].reencrypted).toMatchObject({ statements: { reencrypted: 0 }, fields: { reencrypted: 0 }, remaining: 0 });
    const status = await cli("keys", "status", "--tenant", a.tenantId, "--json");
    expect(status.json.tenants[0].pendingReencryption).toBe(0);
    expect(status.json.tenants[0].versions.map((v: any) => [v.version, v.statements, v.fields])).toEqual([[1, 0, 0], [2, 3, 2]]);
  });

  it("audits each rotation and each move in the tenant's chain, as the system, and the chain verifies", async () => {
    const rotated = await auditActions(a.tenantId, "keys.rotated");
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).toMatchObject({ actorId: null, entityType: "tenant_key", entityId: "2", before: { version: 1 }, after: { version: 2, retired: [1] } });
    const moved = await auditActions(a.tenantId, "keys.reencrypted");
    expect(moved.map((e) => e.entityType).sort()).toEqual(["bank_account", "membership", "statement", "statement"]);
    expect(moved.every((e) => e.actorId === null && (e.after as { keyVersion: number }).keyVersion === 2)).toBe(true);
    // Never the secret or the number in the log.
    expect(jsonText(moved)).not.toContain(TOTP);
    // Fragments that ids and hashes (lower-case hex, no spaces) cannot contain by chance: a bare
    // "0532" once matched a random tenant UUID.
    expect(jsonText(moved)).not.toContain("DE89");
    expect(jsonText(moved)).not.toContain("0044 0532");
    expect(jsonText(moved)).not.toContain("370400440532013000");
    // (actorType is part of the hashed event only when set — app/domain/audit-chain.ts's rule.)
    const chain = await withTenant(a.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: a.tenantId }, orderBy: { seq: "asc" } }));
    const verdict = verifyChain(chain.map(({ actorType, ...e }) => (actorType === null ? e : { ...e, actorType })));
    expect(verdict).toEqual({ ok: true, checked: chain.length });
  });
});

describe("re-encryption is resumable and leaves nothing half-done", () => {
  it("stops at --limit and finishes when run again, in any number of runs", async () => {
    const t = await createTenant("Keys resume");
    // Several 64 KiB segments each, so the stream crosses segment boundaries.
    const contents = [randomBytes(200_000), randomBytes(70_000), Buffer.from(csv("small"))];
    const ids = [];
    for (const c of contents) ids.push(await storeStatement(t, c));
    await sealTotp(t, "KRSXG5CTMVRXEZLU");
    expect((await rotateDataKey(withTenant, t.tenantId)).toVersion).toBe(2);

    const first = await cli("keys", "reencrypt", "--tenant", t.tenantId, "--limit", "2", "--json");
    expect(first.code).toBe(0);
    expect(first.json.tenants[0].reencrypted).toMatchObject({ statements: { reencrypted: 2 }, fields: { reencrypted: 0 }, remaining: 2, stoppedEarly: true });
    const mid = await cli("keys", "status", "--tenant", t.tenantId, "--json");
    expect(mid.json.tenants[0].versions.map((v: any) => [v.version, v.statements, v.fields])).toEqual([[1, 1, 1], [2, 2, 0]]);

    // An abort before anything starts moves nothing and says it stopped early.
    const aborted = await reencryptTenant(withTenant, t.tenantId, { signal: AbortSignal.abort() });
    expect(aborted).toMatchObject({ statements: { reencrypted: 0 }, fields: { reencrypted: 0 }, remaining: 2, stoppedEarly: true });

    const second = await cli("keys", "reencrypt", "--tenant", t.tenantId, "--limit", "1", "--json");
    expect(second.json.tenants[0].reencrypted).toMatchObject({ statements: { reencrypted: 1 }, fields: { reencrypted: 0 }, remaining: 1 });
    const third = await cli("keys", "reencrypt", "--tenant", t.tenantId, "--json");
    expect(third.json.tenants[0].reencrypted).toMatchObject({ statements: { reencrypted: 0 }, fields: { reencrypted: 1 }, remaining: 0, stoppedEarly: false });

    for (const [i, id] of ids.entries()) {
      const { row, plaintext } = await readStored(t.tenantId, id);
      expect(row.keyVersion).toBe(2);
      expect(plaintext.equals(contents[i]!)).toBe(true);
    }
    expect(await auditActions(t.tenantId, "keys.reencrypted")).toHaveLength(4);
  });

  it("reports a file that does not decrypt, keeps its row as it was, skips files being imported, and leaves no stray objects", async () => {
    const t = await createTenant("Keys broken");
    const good = await storeStatement(t, Buffer.from(csv("good")));
    const busy = await storeStatement(t, Buffer.from(csv("busy")), "parsing");
    const broken = await storeStatement(t, Buffer.from(csv("broken")));
    const brokenRow = await withTenant(t.tenantId, (tx) => tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: broken } } }));
    const damaged = Buffer.from(await getObject(brokenRow.storageKey));
    damaged[damaged.length - 5]! ^= 1;
    await putObject(brokenRow.storageKey, damaged);
    await rotateDataKey(withTenant, t.tenantId);

    const run = await cli("keys", "reencrypt", "--tenant", t.tenantId, "--json");
    expect(run.code).toBe(1);
    const r = run.json.tenants[0].reencrypted;
    expect(r.statements.reencrypted).toBe(1);
    expect(r.statements.skippedInProgress).toEqual([busy]);
    expect(r.statements.failed).toEqual([{ statementId: broken, error: expect.stringMatching(/does not authenticate/) }]);
    expect(r.remaining).toBe(2);

    const after = await withTenant(t.tenantId, (tx) => tx.statement.findMany({ orderBy: { id: "asc" } }));
    expect(after.find((s) => s.id === good)!.keyVersion).toBe(2);
    expect(after.find((s) => s.id === broken)).toMatchObject({ keyVersion: 1, storageKey: brokenRow.storageKey });
    expect(after.find((s) => s.id === busy)!.keyVersion).toBe(1);
    // Exactly one object per statement under the tenant's prefix: no half-written copies.
    const { bucketObjectStore, tenantObjectPrefix } = await import("~/services/tenants.server");
    const store = bucketObjectStore();
    try {
      const listed = await store.list(tenantObjectPrefix(t.tenantId));
      expect(listed.sort()).toEqual(after.map((s) => s.storageKey).sort());
    } finally {
      store.close();
    }
  });
});

describe("master-key rotation", () => {
  it("re-wraps every key under the new MASTER_KEY (the real CLI), keeping everything readable; the old key alone no longer is", async () => {
    const t = await createTenant("Keys master");
    const content = randomBytes(90_000);
    const id = await storeStatement(t, content);
    await rotateDataKey(withTenant, t.tenantId);
    const id2 = await storeStatement(t, Buffer.from(csv("after rotation")));
    await sealTotp(t, "MFRGGZDFMZTWQ2LK");

    const newMaster = randomBytes(32);
    const env = { MASTER_KEY: newMaster.toString("base64"), MASTER_KEY_PREVIOUS: DEV_MASTER_KEY };
    const run = await cliProcess(env, "keys", "rotate-master", "--tenant", t.tenantId, "--json");
    expect(run.code, run.stderr).toBe(0);
    const newKek = new LocalKeyProvider(newMaster);
    const oldKek = new LocalKeyProvider(Buffer.from(DEV_MASTER_KEY, "base64"));
    expect(JSON.parse(run.stdout).tenants).toEqual([
      { tenantId: t.tenantId, kekId: newKek.kekId, rewrapped: [{ version: 1, from: oldKek.kekId }, { version: 2, from: oldKek.kekId }], alreadyCurrent: [] },
    ]);
    const rows = await withTenant(t.tenantId, (tx) => tx.tenantKey.findMany({ orderBy: { version: "asc" } }));
    expect(rows.map((r) => r.kekId)).toEqual([newKek.kekId, newKek.kekId]);

    const newOnly = createKeyRing(newKek);
    expect((await readStored(t.tenantId, id, newOnly)).plaintext.equals(content)).toBe(true);
    expect((await readStored(t.tenantId, id2, newOnly)).plaintext.toString()).toBe(csv("after rotation"));
    const membership = await withTenant(t.tenantId, (tx) => tx.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: t.tenantId, userId: t.users.admin.id } } }));
    expect(await withTenant(t.tenantId, (tx) => openField(tx, t.tenantId, FIELD_PURPOSE.totpSecret, membership.totpSecret!, newOnly))).toBe("MFRGGZDFMZTWQ2LK");
    // This test process holds only the old (development) key: it can no longer unwrap them.
    await expect(readStored(t.tenantId, id)).rejects.toThrow(/does not hold/);

    // Again: nothing to do, nothing audited twice.
    const again = await cliProcess(env, "keys", "rotate-master", "--tenant", t.tenantId, "--json");
    expect(JSON.parse(again.stdout).tenants[0]).toMatchObject({ rewrapped: [], alreadyCurrent: [1, 2] });
    const events = await auditActions(t.tenantId, "keys.master_rotated");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, before: { kekIds: [oldKek.kekId] }, after: { kekId: newKek.kekId, versions: [1, 2] } });

    // Without the previous key the CLI cannot re-wrap, and says which key it lacks.
    const t2 = await createTenant("Keys master missing");
    await storeStatement(t2, Buffer.from(csv("x")));
    const refused = await cliProcess({ MASTER_KEY: newMaster.toString("base64") }, "keys", "rotate-master", "--tenant", t2.tenantId, "--json");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).tenants[0].error).toMatch(new RegExp(`${oldKek.kekId}.*MASTER_KEY_PREVIOUS`));
  });

  it("moves keys from the local master key to KMS, and from one KMS key to another", async () => {
    const t = await createTenant("Keys KMS");
    const content = randomBytes(10_000);
    const id = await storeStatement(t, content);
    const kms = new FakeKms();
    const local = new LocalKeyProvider(Buffer.from(DEV_MASTER_KEY, "base64"));
    const kmsReader = (keyId: string) => new KmsKeyProvider(kms, keyId);

    const toKms1 = createKeyRing(kmsReader(kms.createKey("key-1")), [local], kmsReader);
    expect((await rotateMasterKey(withTenant, t.tenantId, toKms1)).rewrapped).toEqual([{ version: 1, from: local.kekId }]);
    const toKms2 = createKeyRing(kmsReader(kms.createKey("key-2")), [], kmsReader);
    expect((await rotateMasterKey(withTenant, t.tenantId, toKms2)).rewrapped).toEqual([{ version: 1, from: "kms:key-1" }]);
    expect((await withTenant(t.tenantId, (tx) => tx.tenantKey.findMany())).map((k) => k.kekId)).toEqual(["kms:key-2"]);

    // The old KMS key can go: nothing depends on it any more.
    kms.disableKey("key-1");
    expect((await readStored(t.tenantId, id, toKms2)).plaintext.equals(content)).toBe(true);
    // New data keys are created under KMS too, bound to their tenant and version.
    const rotated = await rotateDataKey(withTenant, t.tenantId, toKms2);
    const v2 = await withTenant(t.tenantId, (tx) => currentDataKey(tx, t.tenantId, toKms2));
    expect(v2.version).toBe(rotated.toVersion);
    expect(kms.calls.filter((c) => c.command === "Encrypt").at(-1)).toEqual({ command: "Encrypt", keyId: "key-2", context: { tenant: t.tenantId, version: "2" } });
    expect(await auditActions(t.tenantId, "keys.master_rotated")).toHaveLength(2);
  });
});

describe("bank account numbers (field-level encryption)", () => {
  let a: TestTenant;
  let b: TestTenant;
  let admin: Client;
  const NUMBER = "GB29 NWBK 6016 1331 9268 19";

  beforeAll(async () => {
    a = await createTenant("Numbers A");
    b = await createTenant("Numbers B");
    admin = await signedIn(a.users.admin.email);
  });

  it("are stored sealed; the API and the audit log show only the last four, masked", async () => {
    const res = await admin.json("/api/v1/accounts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Sterling", currency: "GBP", accountNumber: NUMBER }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: "Sterling", currency: "GBP", kind: "checking", accountNumberLast4: "••••6819" });
    const list = await admin.json("/api/v1/accounts");
    expect(list.body.accounts.find((x: any) => x.id === res.body.id).accountNumberLast4).toBe("••••6819");
    expect(list.body.accounts.find((x: any) => x.id === a.accountId).accountNumberLast4).toBeNull();
    expect(JSON.stringify(list.body)).not.toContain("NWBK");

    // The raw column, as the database owner sees it.
    const { rows } = await owner.query(`SELECT "accountNumber", "accountNumberLast4" FROM "BankAccount" WHERE "tenantId" = $1 AND id = $2`, [a.tenantId, res.body.id]);
    const raw = rows[0].accountNumber as Buffer;
    expect(rows[0].accountNumberLast4).toBe("6819");
    for (const needle of [NUMBER, NUMBER.replace(/ /g, ""), "NWBK", "60161331", "9268"]) expect(raw.includes(Buffer.from(needle))).toBe(false);
    expect(raw.subarray(0, 4).toString()).toBe("CLF1");

    // Opens with the tenant's key; not as another tenant's field, and not with another tenant's key.
    expect(await withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.accountNumber, raw))).toBe(NUMBER);
    const keyB = await withTenant(b.tenantId, (tx) => currentDataKey(tx, b.tenantId));
    await expect(openFieldWith(() => keyB.key, a.tenantId, FIELD_PURPOSE.accountNumber, raw)).rejects.toThrow(/does not authenticate/);
    await expect(withTenant(b.tenantId, (tx) => openField(tx, b.tenantId, FIELD_PURPOSE.accountNumber, raw))).rejects.toThrow(/does not authenticate/);
    await expect(withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.totpSecret, raw))).rejects.toThrow(/does not authenticate/);

    const events = await auditActions(a.tenantId, "account.create");
    const created = events.find((e) => e.entityId === res.body.id)!;
    expect(created.after).toMatchObject({ name: "Sterling", accountNumberLast4: "6819" });
    expect(jsonText(created)).not.toContain("NWBK");
  });

  it("can be changed and removed with PATCH; bad numbers get a specific 422", async () => {
    const created = await admin.json("/api/v1/accounts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Patchable", currency: "USD" }),
    });
    expect(created.body.accountNumberLast4).toBeNull();
    const patch = (id: string, body: unknown, c = admin) =>
      c.json(`/api/v1/accounts/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

    const set = await patch(created.body.id, { accountNumber: "000123456789" });
    expect(set).toMatchObject({ status: 200, body: { name: "Patchable", accountNumberLast4: "••••6789" } });
    const row = await withTenant(a.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: created.body.id } } }));
    expect(await withTenant(a.tenantId, (tx) => openField(tx, a.tenantId, FIELD_PURPOSE.accountNumber, row.accountNumber!))).toBe("000123456789");

    const cleared = await patch(created.body.id, { accountNumber: null });
    expect(cleared.body.accountNumberLast4).toBeNull();
    const clearedRow = await withTenant(a.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: created.body.id } } }));
    expect(clearedRow.accountNumber).toBeNull();

    for (const [body, message] of [
      [{ accountNumber: "12" }, /accountNumber: An account number has at least 4 letters or digits/],
      [{ accountNumber: "1234<script>" }, /accountNumber: Use letters, digits, spaces, dots, dashes or slashes only/],
      [{}, /Send a name or an accountNumber to change/],
    ] as const) {
      const res = await patch(created.body.id, body);
      expect(res.status).toBe(422);
      expect(res.body.error.message).toMatch(message);
    }
    const tooShort = await admin.json("/api/v1/accounts", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Short", currency: "USD", accountNumber: "1 2" }),
    });
    expect(tooShort.status).toBe(422);
  });

  it("PATCH is for admins and operators of the account's own tenant only", async () => {
    const body = { accountNumber: "99998888" };
    const anonymous = await new Client().json(`/api/v1/accounts/${a.accountId}`, {
      method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
    const entry = await signedIn(a.users["data-entry"].email);
    const denied = await entry.json(`/api/v1/accounts/${a.accountId}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const operator = await signedIn(a.users.operator.email);
    const ok = await operator.json(`/api/v1/accounts/${a.accountId}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(ok).toMatchObject({ status: 200, body: { accountNumberLast4: "••••8888" } });
    // Another tenant's account is simply not there.
    const foreign = await operator.json(`/api/v1/accounts/${b.accountId}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(JSON.stringify(foreign.body)).not.toContain(b.name);
    const untouched = await withTenant(b.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: b.tenantId, id: b.accountId } } }));
    expect(untouched.accountNumber).toBeNull();
  });
});

describe("the keys command line", () => {
  it.each([
    [["keys"], "keys: say what to do: rotate, reencrypt, status or rotate-master"],
    [["keys", "spin"], 'keys: unknown subcommand "spin"'],
    [["keys", "rotate", "--tenant", "acme"], '--tenant must be a tenant id (a UUID), not "acme"'],
    [["keys", "status", "--limit", "3"], "keys status: --limit applies to re-encryption only"],
    [["keys", "reencrypt", "--limit", "0"], '--limit must be a positive whole number, not "0"'],
    [["keys", "status", "--reencrypt"], "keys status: --reencrypt applies to keys rotate only"],
    [["keys", "status", "--yes"], "unknown option --yes"],
    [["parse", "x.csv", "--tenant", "x"], "unknown option --tenant"],
  ])("%j is a usage error", async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cashline: ${message}`);
  });

  it("names a tenant that does not exist (exit 1), and prints a readable status without --json", async () => {
    const missing = randomUUID();
    const run = await cli("keys", "rotate", "--tenant", missing);
    expect(run).toMatchObject({ code: 1, stderr: `cashline: there is no tenant ${missing}\n` });
    const t = await createTenant("Keys text");
    await storeStatement(t, Buffer.from(csv("text")));
    const status = await cli("keys", "status", "--tenant", t.tenantId);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${t.tenantId}  ${t.name}  current v1, 0 to re-encrypt`);
    expect(status.stdout).toMatch(/v1 \(current\)\s+local:[0-9a-f]{16}\s+0 days old\s+1 files\s+0 fields/);
  });

  it("without --tenant, lists every tenant (as the database owner)", async () => {
    const t = await createTenant("Keys listed");
    const run = await cli("keys", "status", "--json");
    expect(run.code).toBe(0);
    expect(run.json.tenants.map((x: any) => x.tenantId)).toContain(t.tenantId);
  });
});
