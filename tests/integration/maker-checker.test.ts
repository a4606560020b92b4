/**
 * Maker-checker over real HTTP: an operator signs rows off; a data-entry member's edit of a
 * signed-off or reconciled row is recorded as a proposal (202), not applied; an operator
 * approves it (applied, the proposer's choice taught to the model, the row still signed off or
 * reconciled) or rejects it with a note. One pending proposal per row, decisions final, the
 * maker never the checker, stale proposals not approvable, period locks stopping proposals and
 * approvals alike, every step audited, other organisations and anonymous callers refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, ownerConnection, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let operator: Client;
let category: (name: string) => string;
let ids: string[];
const owner = ownerConnection();

const send = (client: Client, method: string, path: string, body: unknown) =>
  client.json(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const patch = (client: Client, id: string, body: unknown) => send(client, "PATCH", `/api/v1/transactions/${id}`, body);
const decide = (client: Client, id: string, body: unknown) => send(client, "POST", `/api/v1/proposals/${id}`, body);
const rowOf = (id: string) => withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, include: { splits: true } }));
const eventsOf = (entityId: string) =>
  withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, entityId }, orderBy: { seq: "asc" } }));

beforeAll(async () => {
  t = await createTenant("Maker-checker");
  entry = await signedIn(t.users["data-entry"].email);
  operator = await signedIn(t.users.operator.email);
  const names = new Map((await withTenant(t.tenantId, (tx) => tx.category.findMany({ where: { tenantId: t.tenantId } }))).map((c) => [c.name, c.id]));
  category = (name) => names.get(name)!;
  const csv = [
    "Date,Description,Amount",
    "2026-03-02,ACME HOSTING INVOICE 221,-120.00",
    "2026-03-05,STAPLES 0042 BERLIN,-64.00",
    "2026-03-09,CUSTOMER PAYMENT INV 3001,900.00",
    "2026-03-12,UNKNOWN MERCHANT 77,-15.00",
    "2026-03-20,LANDLORD GMBH MIETE MAERZ,-1500.00",
  ].join("\n");
  const up = await entry.upload(t.accountId, "march.csv", csv);
  expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
  ids = (await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id }, orderBy: { sourceRow: "asc" } }))).map((r) => r.id);
  // The operator categorizes the first three and the last (version 1 → 2).
  for (const [i, name] of [[0, "Software"], [1, "Office and supplies"], [2, "Revenue"], [4, "Rent"]] as const) {
    expect((await patch(operator, ids[i]!, { version: (await rowOf(ids[i]!)).version, categoryId: category(name) })).status).toBe(200);
  }
});

describe("signing rows off", () => {
  it("is all or nothing: an uncategorized row is named and nothing is approved; data entry may not sign off", async () => {
    const refused = await send(operator, "POST", "/api/v1/transactions/approve", { rows: [{ id: ids[2], version: 2 }, { id: ids[3], version: 1 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('rows: "UNKNOWN MERCHANT 77" on 2026-03-12 has no category yet; categorize it before approving. Nothing was approved.');
    expect((await rowOf(ids[2]!)).approvedAt).toBeNull();
    expect((await send(entry, "POST", "/api/v1/transactions/approve", { rows: [{ id: ids[0], version: 2 }] })).status).toBe(403);
    expect((await send(operator, "POST", "/api/v1/transactions/approve", { rows: [{ id: ids[0], version: 1 }] })).status).toBe(409);
  });

  it("marks each row approved at the version seen, bumps it, audits each", async () => {
    const res = await send(operator, "POST", "/api/v1/transactions/approve", { rows: [0, 1, 2, 4].map((i) => ({ id: ids[i], version: 2 })) });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: any) => [r.approved, r.version])).toEqual([[true, 3], [true, 3], [true, 3], [true, 3]]);
    const row = await rowOf(ids[0]!);
    expect(row.approvedById).toBe(t.users.operator.id);
    expect((await eventsOf(ids[0]!)).map((e) => e.action)).toEqual(["ledger.edit", "ledger.approve"]);
  });
});

describe("a data-entry edit of an approved row", () => {
  let proposalId: string;

  it("becomes a pending proposal (202): the row is untouched, the proposal audited", async () => {
    const res = await patch(entry, ids[0]!, { version: 3, categoryId: category("Marketing"), note: "it was the ad server" });
    expect(res.status).toBe(202);
    expect(res.body.proposal).toMatchObject({
      transactionId: ids[0], kind: "categorize", reason: "approved", baseVersion: 3, status: "pending",
      changes: { categoryId: category("Marketing"), note: "it was the ad server" },
      proposedBy: { id: t.users["data-entry"].id, name: expect.any(String) },
      row: { description: "ACME HOSTING INVOICE 221", amount: "-120.00", categoryId: category("Software"), version: 3 },
    });
    proposalId = res.body.proposal.id;
    expect(await rowOf(ids[0]!)).toMatchObject({ version: 3, categoryId: category("Software"), note: null });
    expect((await eventsOf(proposalId)).map((e) => [e.action, e.actorId])).toEqual([["ledger.propose", t.users["data-entry"].id]]);
  });

  it("allows one pending proposal per row", async () => {
    const again = await patch(entry, ids[0]!, { version: 3, categoryId: category("Rent") });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already waiting for an operator's decision/);
  });

  it("is listed for the checker with the row as it is now", async () => {
    const list = await operator.json("/api/v1/proposals");
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: any) => p.id)).toEqual([proposalId]);
    expect((await operator.json("/api/v1/proposals?status=maybe")).status).toBe(422);
  });

  it("is decided by an operator only; approving applies it, teaches the model the proposer's choice, keeps the row approved", async () => {
    expect((await decide(entry, proposalId, { decision: "approve" })).status).toBe(403);
    const res = await decide(operator, proposalId, { decision: "approve" });
    expect(res.status).toBe(200);
    expect(res.body.proposal).toMatchObject({ status: "approved", decidedBy: { id: t.users.operator.id } });
    expect(res.body.row).toMatchObject({ version: 4, categoryId: category("Marketing"), note: "it was the ad server", approved: true });
    expect(await rowOf(ids[0]!)).toMatchObject({ version: 4, categoryId: category("Marketing"), categorySource: "manual" });
    const correction = await withTenant(t.tenantId, (tx) => tx.categoryCorrection.findFirstOrThrow({ where: { tenantId: t.tenantId, transactionId: ids[0], categoryId: category("Marketing") } }));
    expect(correction.userId).toBe(t.users["data-entry"].id);
    const events = (await eventsOf(ids[0]!)).map((e) => [e.action, e.actorId, (e.after as any)?.proposalId ?? null]);
    expect(events.at(-1)).toEqual(["ledger.edit", t.users.operator.id, proposalId]);
    expect((await eventsOf(proposalId)).map((e) => e.action)).toEqual(["ledger.propose", "ledger.proposal.approve"]);
    // A decision is final.
    expect((await decide(operator, proposalId, { decision: "reject", note: "changed my mind" })).status).toBe(409);
  });

  it("an operator edits an approved row directly (they are the checker)", async () => {
    const res = await patch(operator, ids[1]!, { version: 3, categoryId: category("Software") });
    expect(res).toMatchObject({ status: 200, body: { row: { version: 4, approved: true } } });
  });

  it("a rejection needs a note, leaves the row as it was, and stays on record", async () => {
    const split = await send(entry, "PUT", `/api/v1/transactions/${ids[4]}/splits`, {
      version: 3, parts: [{ amount: "-1000", categoryId: category("Rent") }, { amount: "-500", categoryId: category("Utilities") }],
    });
    expect(split.status).toBe(202);
    expect(split.body.proposal).toMatchObject({ kind: "split", changes: { parts: [{ amount: "-1000.00" }, { amount: "-500.00" }] } });
    const id = split.body.proposal.id;
    const bare = await decide(operator, id, { decision: "reject" });
    expect(bare.status).toBe(422);
    expect(bare.body.error.message).toMatch(/say why the change is rejected/);
    const res = await decide(operator, id, { decision: "reject", note: "the lease has no utilities part" });
    expect(res).toMatchObject({ status: 200, body: { proposal: { status: "rejected", decisionNote: "the lease has no utilities part" }, row: null } });
    expect(await rowOf(ids[4]!)).toMatchObject({ version: 3, categoryId: category("Rent"), splits: [] });
    const rejected = await entry.json("/api/v1/proposals?status=rejected");
    expect(rejected.body.items.map((p: any) => p.id)).toEqual([id]);
  });

  it("a proposal made against an older version cannot be approved", async () => {
    const res = await patch(entry, ids[2]!, { version: 3, categoryId: category("Loans and financing") });
    expect(res.status).toBe(202);
    expect((await patch(operator, ids[2]!, { version: 3, categoryId: category("Revenue"), note: "checked the invoice" })).status).toBe(200);
    const stale = await decide(operator, res.body.proposal.id, { decision: "approve" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^The row has changed since this change was proposed/);
    expect(await rowOf(ids[2]!)).toMatchObject({ version: 4, categoryId: category("Revenue") });
    expect((await decide(operator, res.body.proposal.id, { decision: "reject", note: "superseded" })).status).toBe(200);
  });
});

describe("a data-entry edit of a reconciled row", () => {
  it("becomes a proposal; approving applies it and the row stays reconciled (and locked to direct edits)", async () => {
    // Reconcile March: the preview's difference at an ending balance of 0 gives the real one.
    const preview = await send(entry, "POST", "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-03-31", endBalance: "0" });
    const endBalance = (-Number(preview.body.difference)).toFixed(2);
    const done = await send(entry, "POST", "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-03-31", endBalance, complete: true });
    expect(done.status).toBe(201);
    const before = await rowOf(ids[3]!);
    expect(before.reconciledAt).not.toBeNull();

    const res = await patch(entry, ids[3]!, { version: before.version, categoryId: category("Fees") });
    expect(res.status).toBe(202);
    expect(res.body.proposal.reason).toBe("reconciled");
    expect((await patch(operator, ids[3]!, { version: before.version, categoryId: category("Fees") })).status).toBe(423);

    const approved = await decide(operator, res.body.proposal.id, { decision: "approve", note: "bank fee, agreed" });
    expect(approved.status).toBe(200);
    expect(approved.body.row).toMatchObject({ categoryId: category("Fees"), reconciled: true, version: before.version + 1 });
    const after = await rowOf(ids[3]!);
    expect(after.reconciledAt?.toISOString()).toBe(before.reconciledAt!.toISOString());
    expect(after.reconciliationId).toBe(done.body.id);
    // Still locked against direct edits, for everyone.
    expect((await patch(operator, ids[3]!, { version: after.version, categoryId: category("Marketing") })).status).toBe(423);
  });
});

describe("what the database holds to", () => {
  it("a period lock stops proposals and approvals alike", async () => {
    const pending = await patch(entry, ids[1]!, { version: 4, categoryId: category("Office and supplies") });
    expect(pending.status).toBe(202);
    await withTenant(t.tenantId, (tx) => tx.periodLock.create({ data: { tenantId: t.tenantId, lockedThrough: new Date("2026-03-31"), lockedById: t.users.admin.id, reason: "Q1 closed" } }));
    const proposals = () => withTenant(t.tenantId, (tx) => tx.proposedChange.count({ where: { tenantId: t.tenantId } }));
    const count = await proposals();
    const refused = await patch(entry, ids[0]!, { version: 4, categoryId: category("Rent") });
    expect(refused.status).toBe(423);
    expect(refused.body.error.message).toBe("The period through 2026-03-31 is locked: no change to a row dated 2026-03-02 may be made or proposed until it is unlocked.");
    expect(await proposals()).toBe(count);
    expect((await decide(operator, pending.body.proposal.id, { decision: "approve" })).status).toBe(423);
    const still = await withTenant(t.tenantId, (tx) => tx.proposedChange.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: pending.body.proposal.id } } }));
    expect(still.status).toBe("pending");
    // Rejecting changes no row: allowed.
    expect((await decide(operator, pending.body.proposal.id, { decision: "reject", note: "period closed" })).status).toBe(200);
  });

  it("the maker is never the checker, a decision is never rewritten, and the app cannot delete proposals", async () => {
    const [p] = await withTenant(t.tenantId, (tx) => tx.proposedChange.findMany({ where: { tenantId: t.tenantId, status: "approved" }, take: 1 }));
    await expect(
      withTenant(t.tenantId, (tx) => tx.proposedChange.update({ where: { tenantId_id: { tenantId: t.tenantId, id: p!.id } }, data: { decisionNote: "edited later" } })),
    ).rejects.toThrow(/a decision is final/);
    await expect(withTenant(t.tenantId, (tx) => tx.proposedChange.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: p!.id } } }))).rejects.toThrow(/permission denied/);
    const { rows } = await owner.query(
      `INSERT INTO "ProposedChange" ("tenantId", id, "transactionId", kind, reason, "baseVersion", changes, "proposedById")
       VALUES ($1, gen_random_uuid(), $2, 'categorize', 'approved', 1, '{}', $3) RETURNING id`,
      [t.tenantId, ids[4], t.users["data-entry"].id],
    );
    await expect(
      owner.query(`UPDATE "ProposedChange" SET status = 'approved', "decidedById" = $2, "decidedAt" = now() WHERE id = $1`, [rows[0].id, t.users["data-entry"].id]),
    ).rejects.toThrow(/the maker of a change cannot also be its checker/);
    await expect(
      owner.query(`INSERT INTO "ProposedChange" ("tenantId", id, "transactionId", kind, reason, "baseVersion", changes, "proposedById")
                   VALUES ($1, gen_random_uuid(), $2, 'categorize', 'approved', 1, '{}', $3)`, [t.tenantId, ids[4], t.users["data-entry"].id]),
    ).rejects.toThrow(/ProposedChange_one_pending_per_row/);
  });

  it("refuses anonymous callers and another organisation's operators", async () => {
    const [p] = await withTenant(t.tenantId, (tx) => tx.proposedChange.findMany({ where: { tenantId: t.tenantId, status: "pending" }, take: 1 }));
    expect((await decide(new Client(), p!.id, { decision: "approve" })).status).toBe(401);
    expect((await new Client().json("/api/v1/proposals")).status).toBe(401);
    const other = await createTenant("Maker-checker foreign");
    const foreign = await signedIn(other.users.operator.email);
    expect((await decide(foreign, p!.id, { decision: "approve" })).status).toBe(404);
    expect((await foreign.json("/api/v1/proposals")).body.items).toEqual([]);
    expect((await send(foreign, "POST", "/api/v1/transactions/approve", { rows: [{ id: ids[4], version: 3 }] })).status).toBe(404);
  });
});
