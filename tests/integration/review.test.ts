/**
 * The review workspace over real HTTP: categorizing a row with optimistic concurrency (a stale
 * version is refused, never overwrites), learning from it in the same transaction (and
 * unlearning a changed mind), the rule suggestion after three identical corrections, the
 * database's period lock and reconciled lock on edits, who may edit, and the review queue.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CategoryModel } from "~/domain/categorize";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let operator: Client;
let owner: pg.Client;
let category: (name: string) => string;
let rows: { id: string; description: string; version: number }[];

const patch = (client: Client, id: string, body: unknown) =>
  client.json(`/api/v1/transactions/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTenant("Review");
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  entry = await signedIn(t.users["data-entry"].email);
  operator = await signedIn(t.users.operator.email);
  const ids = new Map((await withTenant(t.tenantId, (tx) => tx.category.findMany({ where: { tenantId: t.tenantId } }))).map((c) => [c.name, c.id]));
  category = (name) => ids.get(name)!;
  const csv = [
    "Date,Description,Amount",
    "2026-04-01,BLUE BOTTLE COFFEE 0423 OAKLAND CA,-4.50",
    "2026-04-02,BLUE BOTTLE COFFEE 0511 OAKLAND CA,-5.25",
    "2026-04-03,BLUE BOTTLE COFFEE 0612 OAKLAND CA,-3.75",
    "2026-04-04,BLUE BOTTLE COFFEE 0713 OAKLAND CA,-6.00",
    "2026-04-05,CUSTOMER PAYMENT INV 1001,1200.00",
  ].join("\n");
  const up = await entry.upload(t.accountId, "april.csv", csv);
  await entry.waitForStatement(up.body.id);
  rows = await withTenant(t.tenantId, (tx) =>
    tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id }, orderBy: { sourceRow: "asc" }, select: { id: true, description: true, version: true } }),
  );
});
afterAll(async () => {
  await owner.end();
});

const modelOf = async () => {
  const row = await withTenant(t.tenantId, (tx) => tx.categoryModel.findUnique({ where: { tenantId_name: { tenantId: t.tenantId, name: "default" } } }));
  return row ? CategoryModel.fromJSON(row.state) : new CategoryModel();
};

describe("categorizing a row", () => {
  it("saves with the version seen, bumps it, learns, and audits before/after", async () => {
    const [coffee] = rows;
    const res = await patch(entry, coffee!.id, { version: 1, categoryId: category("Travel and meals"), note: "team coffee" });
    expect(res.status).toBe(200);
    expect(res.body.row).toMatchObject({ version: 2, categoryId: category("Travel and meals"), categorySource: "manual", note: "team coffee", payee: "Blue Bottle Coffee" });
    expect(res.body.ruleSuggestion).toBeNull();
    expect((await modelOf()).size).toBe(1);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.edit", entityId: coffee!.id } }));
    expect(event).toMatchObject({
      actorId: t.users["data-entry"].id,
      before: { categoryId: null, categorySource: null, note: null, version: 1 },
      after: { categoryId: category("Travel and meals"), categorySource: "manual", note: "team coffee", version: 2 },
    });
  });

  it("refuses a stale version with the row as it is now, and changes nothing", async () => {
    const [coffee] = rows;
    const stale = await patch(operator, coffee!.id, { version: 1, categoryId: category("Office and supplies") });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^Someone changed this row since you opened it \(version 2, not 1\)/);
    expect(stale.body.error.details.current).toMatchObject({ version: 2, categoryId: category("Travel and meals") });
    const now = await withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: coffee!.id } } }));
    expect(now).toMatchObject({ version: 2, categoryId: category("Travel and meals") });
  });

  it("two people saving the same version at once: exactly one wins", async () => {
    const [, second] = rows;
    const results = await Promise.all([
      patch(entry, second!.id, { version: 1, categoryId: category("Travel and meals") }),
      patch(operator, second!.id, { version: 1, categoryId: category("Marketing") }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const now = await withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: second!.id } } }));
    expect(now.version).toBe(2);
    expect(now.categoryId).toBe(results.find((r) => r.status === 200)!.body.row.categoryId);
  });

  it("a changed mind unteaches the earlier choice; the third identical correction suggests a rule", async () => {
    const [first, second, third] = rows;
    const before = (await modelOf()).size;
    // Re-categorize the first row: the model forgets "Travel" for it and learns "Office".
    const changed = await patch(entry, first!.id, { version: 2, categoryId: category("Office and supplies") });
    expect(changed.status).toBe(200);
    expect((await modelOf()).size).toBe(before);
    // Settle the second row on Travel (whatever won the race), then the third → 3 Travel corrections? Count them.
    const secondNow = await withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: second!.id } } }));
    await patch(entry, second!.id, { version: secondNow.version, categoryId: category("Travel and meals") });
    const r3 = await patch(entry, third!.id, { version: 1, categoryId: category("Travel and meals") });
    expect(r3.status).toBe(200);
    // Corrections of Blue Bottle Coffee: Travel, (race winner), Office, Travel, Travel — the latest is Travel, counted 3+.
    expect(r3.body.ruleSuggestion).toMatchObject({ payee: "Blue Bottle Coffee", category: category("Travel and meals") });
    expect(r3.body.ruleSuggestion.rule.conditions).toEqual([{ field: "payee", op: "equals", value: "Blue Bottle Coffee" }]);
  });

  it("validates: unknown or archived category, missing version, wrong method", async () => {
    const [, , , fourth] = rows;
    const archived = await withTenant(t.tenantId, (tx) => tx.category.create({ data: { tenantId: t.tenantId, name: "Old stuff", kind: "operating", archivedAt: new Date() } }));
    expect((await patch(entry, fourth!.id, { version: 1, categoryId: archived.id })).body.error.message).toMatch(/No such category \(or it is archived\)/);
    expect((await patch(entry, fourth!.id, { categoryId: category("Rent") })).status).toBe(422);
    expect((await patch(entry, "0196f000-0000-7000-8000-000000000000", { version: 1, categoryId: category("Rent") })).status).toBe(404);
    expect((await entry.json(`/api/v1/transactions/${fourth!.id}`, { method: "POST" })).status).toBe(400);
  });

  it("a row in a locked period, or reconciled, cannot be edited by anyone (423)", async () => {
    const [, , , fourth, payment] = rows;
    await owner.query(`UPDATE "Transaction" SET "reconciledAt" = now() WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, payment!.id]);
    const reconciled = await patch(operator, payment!.id, { version: 1, categoryId: category("Revenue") });
    expect(reconciled.status).toBe(423);
    await withTenant(t.tenantId, (tx) => tx.periodLock.create({ data: { tenantId: t.tenantId, lockedThrough: new Date("2026-04-04"), lockedById: t.users.admin.id, reason: "April closed" } }));
    const admin = await signedIn(t.users.admin.email);
    const locked = await patch(admin, fourth!.id, { version: 1, categoryId: category("Travel and meals") });
    expect(locked.status).toBe(423);
    const still = await withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: fourth!.id } } }));
    expect(still).toMatchObject({ version: 1, categoryId: null });
  });

  it("is refused to anonymous callers and to another tenant's members", async () => {
    const [, , , fourth] = rows;
    expect((await patch(new Client(), fourth!.id, { version: 1, categoryId: category("Rent") })).status).toBe(401);
    const other = await createTenant("Review foreign");
    const foreign = await signedIn(other.users.operator.email);
    const res = await patch(foreign, fourth!.id, { version: 1, categoryId: category("Rent") });
    expect(res.status).toBe(404);
  });
});

describe("the review queue", () => {
  it("lists rows needing a person, with reasons and the model's suggestion; not other tenants' rows", async () => {
    const res = await entry.json("/api/v1/review");
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: any) => [i.id, i]));
    const [first, , , fourth] = rows;
    expect(byId.has(first!.id)).toBe(false); // categorized
    expect(byId.get(fourth!.id)).toMatchObject({ reasons: ["uncategorized", "low_confidence"], payee: "Blue Bottle Coffee", version: 1 });
    // The model has learned Blue Bottle Coffee: it suggests the category people chose most.
    expect((byId.get(fourth!.id) as any).suggestion).toMatchObject({ category: category("Travel and meals") });
    // "Low confidence" means below the organisation's threshold: lowered under the guess, it is just uncategorized.
    const confidence = (byId.get(fourth!.id) as any).suggestion.confidence as number;
    await withTenant(t.tenantId, (tx) => tx.tenantSettings.upsert({ where: { tenantId: t.tenantId }, create: { tenantId: t.tenantId, autoCategorizeThreshold: 0.5 }, update: { autoCategorizeThreshold: 0.5 } }));
    const lowered = await entry.json("/api/v1/review");
    expect(confidence).toBeGreaterThanOrEqual(0.5);
    expect(lowered.body.items.find((i: any) => i.id === fourth!.id).reasons).toEqual(["uncategorized"]);
    await withTenant(t.tenantId, (tx) => tx.tenantSettings.delete({ where: { tenantId: t.tenantId } }));
    const other = await createTenant("Review queue foreign");
    const foreign = await (await signedIn(other.users.operator.email)).json("/api/v1/review");
    expect(foreign.body.items).toEqual([]);
  });
});

describe("splitting a row", () => {
  it("replaces the row's split with exact parts, bumps the version, audits; refuses parts that do not add up", async () => {
    const up = await entry.upload(t.accountId, "may.csv", "Date,Description,Amount\n2026-05-10,OFFICE DEPOT 1234,-100.00\n");
    await entry.waitForStatement(up.body.id);
    const [row] = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id } }));
    const put = (client: Client, body: unknown) =>
      client.json(`/api/v1/transactions/${row!.id}/splits`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

    const short = await put(entry, { version: 1, parts: [{ amount: "-60.00", categoryId: category("Office and supplies") }, { amount: "-35.00", categoryId: category("Marketing") }] });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toMatch(/the parts add up to -95\.00, not the row's -100\.00 \(short by 5\.00\)/);

    const split = await put(entry, { version: 1, parts: [{ amount: "-60.00", categoryId: category("Office and supplies"), note: "paper" }, { amount: "-40", categoryId: category("Marketing") }] });
    expect(split.status).toBe(200);
    expect(split.body).toMatchObject({ row: { version: 2, categoryId: null, categorySource: "manual" }, parts: [{ amount: "-60.00", note: "paper" }, { amount: "-40.00", note: null }] });
    const stored = await withTenant(t.tenantId, (tx) => tx.transactionSplit.findMany({ where: { tenantId: t.tenantId, transactionId: row!.id }, orderBy: { seq: "asc" } }));
    expect(stored.map((s) => [s.amount.toString(), s.categoryId])).toEqual([["-60", category("Office and supplies")], ["-40", category("Marketing")]]);
    // A split row is categorized by its parts: not in the queue as uncategorized.
    const queue = await entry.json("/api/v1/review");
    expect(queue.body.items.find((i: any) => i.id === row!.id)).toBeUndefined();

    expect((await put(operator, { version: 1, parts: [] })).status).toBe(409);
    const other = await createTenant("Split foreign");
    expect((await put(await signedIn(other.users.operator.email), { version: 2, parts: [] })).status).toBe(404);
    const removed = await put(operator, { version: 2, parts: [] });
    expect(removed).toMatchObject({ status: 200, body: { row: { version: 3 }, parts: [] } });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.split", entityId: row!.id }, orderBy: { seq: "asc" } }));
    expect(events.map((e) => (e.after as any).parts.length)).toEqual([2, 0]);
  });
});
