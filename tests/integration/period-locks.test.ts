/**
 * Period locks, reconciled rows and exact splits, enforced by the database for every write
 * path: an edit, a delete, an import (COPY and set-based), an undo — for every role, with no
 * way around them but the audited unlock. (The lock/unlock UI and API come with the review
 * workspace; here the locks are written as the app role writes them.)
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateOnly, withTenant } from "~/services/db.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let operator: Client;

beforeAll(async () => {
  t = await createTenant("Locks");
  operator = await signedIn(t.users.operator.email);
});

async function newAccount(): Promise<string> {
  return withTenant(t.tenantId, async (tx) => (await tx.bankAccount.create({ data: { tenantId: t.tenantId, name: `Locked ${randomUUID()}`, currency: "USD" } })).id);
}

async function importCsv(accountId: string, fileName: string, lines: string[]): Promise<any> {
  const up = await operator.upload(accountId, fileName, ["Date,Description,Amount", ...lines].join("\n"));
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  return operator.waitForStatement(up.body.id);
}

async function lock(accountId: string | null, through: string): Promise<string> {
  return withTenant(t.tenantId, async (tx) =>
    (await tx.periodLock.create({ data: { tenantId: t.tenantId, accountId, lockedThrough: dateOnly(through), lockedById: t.users.admin.id, reason: "month closed" } })).id,
  );
}

async function unlock(id: string, reason = "correction of a misposted fee"): Promise<void> {
  await withTenant(t.tenantId, (tx) =>
    tx.periodLock.update({ where: { tenantId_id: { tenantId: t.tenantId, id } }, data: { unlockedAt: new Date(), unlockedById: t.users.admin.id, unlockReason: reason } }),
  );
}

const rowsOf = (accountId: string) => withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, accountId }, orderBy: { date: "asc" } }));

describe("a locked period", () => {
  let accountId: string;
  let januaryId: string;
  let lockId: string;

  beforeAll(async () => {
    accountId = await newAccount();
    const january = await importCsv(accountId, "jan.csv", ["2026-01-05,Rent,-1200.00", "2026-01-20,Customer payment,3000.00"]);
    expect(january.status).toBe("posted");
    januaryId = january.id;
    lockId = await lock(accountId, "2026-01-31");
  });

  it("refuses an edit or a delete of a row in it, with the database's own sentence", async () => {
    const [rent] = await rowsOf(accountId);
    const edit = withTenant(t.tenantId, (tx) => tx.transaction.update({ where: { tenantId_id: { tenantId: t.tenantId, id: rent!.id } }, data: { note: "late" } }));
    await expect(edit).rejects.toMatchObject({ code: "locked", message: "The period through 2026-01-31 is locked: no row dated 2026-01-05 may be changed or removed until it is unlocked." });
    const remove = withTenant(t.tenantId, (tx) => tx.transaction.deleteMany({ where: { tenantId: t.tenantId, accountId } }));
    await expect(remove).rejects.toMatchObject({ code: "locked" });
    expect(await rowsOf(accountId)).toHaveLength(2);
  });

  it("refuses an undo of an import in it (423), leaving the ledger as it was", async () => {
    const undo = await operator.json(`/api/v1/statements/${januaryId}/undo`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reason: "wrong account" }),
    });
    expect(undo.status).toBe(423);
    expect(undo.body.error).toMatchObject({ code: "locked", message: expect.stringMatching(/^The period through 2026-01-31 is locked/) });
    expect((await operator.json(`/api/v1/statements/${januaryId}`)).body.status).toBe("posted");
  });

  it("refuses an import with any row in it — whole (COPY path and set-based path alike) — and names the lock", async () => {
    const inOrder = await importCsv(accountId, "late.csv", ["2026-01-30,Late fee,-25.00", "2026-02-02,Feb sale,100.00"]);
    expect(inOrder).toMatchObject({ status: "failed", rowCount: 0 });
    expect(inOrder.error).toMatch(/^late\.csv: The period through 2026-01-31 is locked: no row dated 2026-01-30 may be added/);
    const shuffled = await importCsv(accountId, "shuffled.csv", ["2026-02-03,Sale,10.00", "2026-01-29,Fee,-1.00", "2026-02-03,Sale,11.00"]);
    expect(shuffled).toMatchObject({ status: "failed", rowCount: 0 });
    expect(shuffled.error).toMatch(/is locked/);
    expect(await rowsOf(accountId)).toHaveLength(2);
  });

  it("lets rows after it in, and binds every account when it is organisation-wide", async () => {
    expect(await importCsv(accountId, "feb.csv", ["2026-02-10,Feb sale,200.00"])).toMatchObject({ status: "posted", rowCount: 1 });
    const other = await newAccount();
    const wide = await lock(null, "2025-12-31");
    const old = await importCsv(other, "dec.csv", ["2025-12-15,Old invoice,50.00"]);
    expect(old).toMatchObject({ status: "failed" });
    await unlock(wide);
    expect(await importCsv(other, "dec-again.csv", ["2025-12-15,Old invoice,50.00"])).toMatchObject({ status: "posted" });
  });

  it("is lifted only by an unlock that says who and why; a lock is never deleted nor moved", async () => {
    await expect(withTenant(t.tenantId, (tx) =>
      tx.periodLock.update({ where: { tenantId_id: { tenantId: t.tenantId, id: lockId } }, data: { unlockedAt: new Date(), unlockedById: t.users.admin.id } }),
    )).rejects.toThrow(/needs who, when and a reason/);
    await expect(withTenant(t.tenantId, (tx) =>
      tx.periodLock.update({ where: { tenantId_id: { tenantId: t.tenantId, id: lockId } }, data: { lockedThrough: dateOnly("2025-01-01") } }),
    )).rejects.toThrow(/only ever unlocked/);
    await expect(withTenant(t.tenantId, (tx) => tx.periodLock.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: lockId } } }))).rejects.toThrow(/permission denied/);
    await unlock(lockId);
    const undo = await operator.json(`/api/v1/statements/${januaryId}/undo`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reason: "wrong account" }),
    });
    expect(undo.status).toBe(200);
  });
});

describe("reconciled rows and splits", () => {
  let accountId: string;
  beforeAll(async () => {
    accountId = await newAccount();
    expect(await importCsv(accountId, "mar.csv", ["2026-03-03,Office supplies and lunch,-100.00", "2026-03-04,Software,-30.00"])).toMatchObject({ status: "posted" });
  });

  it("a reconciled row cannot be edited or removed until it is un-reconciled", async () => {
    const [row] = await rowsOf(accountId);
    const where = { tenantId_id: { tenantId: t.tenantId, id: row!.id } };
    await withTenant(t.tenantId, (tx) => tx.transaction.update({ where, data: { reconciledAt: new Date() } }));
    await expect(withTenant(t.tenantId, (tx) => tx.transaction.update({ where, data: { note: "x" } }))).rejects.toMatchObject({ code: "locked", message: expect.stringMatching(/is reconciled/) });
    await expect(withTenant(t.tenantId, (tx) => tx.transaction.delete({ where }))).rejects.toMatchObject({ code: "locked" });
    await withTenant(t.tenantId, (tx) => tx.transaction.update({ where, data: { reconciledAt: null } }));
    await withTenant(t.tenantId, (tx) => tx.transaction.update({ where, data: { note: "now editable" } }));
  });

  it("parts of a split sum exactly to the row, or the split is refused", async () => {
    const [row] = await rowsOf(accountId);
    const split = (amounts: string[]) =>
      withTenant(t.tenantId, (tx) => tx.transactionSplit.createMany({ data: amounts.map((amount, i) => ({ tenantId: t.tenantId, transactionId: row!.id, seq: i + 1, amount })) }));
    await expect(split(["-60.00", "-39.99"])).rejects.toThrow(/the parts of row [0-9a-f-]+ add up to -99.99(00)?, not to its amount -100.0000/);
    await split(["-60.00", "-40.00"]);
    expect(await withTenant(t.tenantId, (tx) => tx.transactionSplit.count({ where: { tenantId: t.tenantId, transactionId: row!.id } }))).toBe(2);
  });
});

describe("locking and unlocking through the API", () => {
  let admin: Client;
  let owner: pg.Client;
  const post = (client: Client, path: string, body: unknown) =>
    client.json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  /** A fresh TOTP proof on the user's sessions, as the step-up page records it. */
  const stepUp = (userId: string) => owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() WHERE "userId" = $1`, [userId]);

  beforeAll(async () => {
    admin = await signedIn(t.users.admin.email);
    owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
  });

  it("an admin locks (audited); an operator may not; a bad date is named", async () => {
    expect((await post(operator, "/api/v1/period-locks", { through: "2024-12-31" })).status).toBe(403);
    expect((await post(admin, "/api/v1/period-locks", { through: "31/12/2024" })).body.error.message).toMatch(/^through: Give the last day/);
    const made = await post(admin, "/api/v1/period-locks", { through: "2024-12-31", reason: "year closed" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ accountId: null, lockedThrough: "2024-12-31", reason: "year closed", unlockedAt: null });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "period.lock", entityId: made.body.id } }));
    expect(events).toHaveLength(1);
  });

  it("unlocking needs a fresh step-up and a reason, happens once, and is audited with before and after", async () => {
    const made = await post(admin, "/api/v1/period-locks", { through: "2023-12-31" });
    const path = `/api/v1/period-locks/${made.body.id}/unlock`;
    expect((await post(operator, path, { reason: "not mine to do" })).status).toBe(403);
    // The admin proved a code at sign-in; ten minutes later that is no longer a step-up.
    await owner.query(`UPDATE "Session" SET "mfaVerifiedAt" = now() - interval '10 minutes' WHERE "userId" = $1`, [t.users.admin.id]);
    const withoutStepUp = await post(admin, path, { reason: "correcting a fee" });
    expect(withoutStepUp.status).toBe(403);
    expect(withoutStepUp.body.error.code).toBe("step_up_required");
    await stepUp(t.users.admin.id);
    expect((await post(admin, path, { reason: "no" })).status).toBe(422);
    const unlocked = await post(admin, path, { reason: "correcting a fee" });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ unlockReason: "correcting a fee", unlockedById: t.users.admin.id });
    expect((await post(admin, path, { reason: "correcting a fee" })).status).toBe(409);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "period.unlock", entityId: made.body.id } }));
    expect(event).toMatchObject({ before: { unlockedAt: null }, after: { unlockReason: "correcting a fee" } });
  });

  it("another organisation's lock is not found", async () => {
    const other = await createTenant("Locks other");
    const otherAdmin = await signedIn(other.users.admin.email);
    const theirs = await post(otherAdmin, "/api/v1/period-locks", { through: "2022-12-31" });
    await stepUp(t.users.admin.id);
    expect((await post(admin, `/api/v1/period-locks/${theirs.body.id}/unlock`, { reason: "not ours at all" })).status).toBe(404);
  });
});
