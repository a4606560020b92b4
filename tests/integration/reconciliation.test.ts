/**
 * Reconciling over real HTTP: the preview's cleared rows and difference, a refusal at any
 * difference but zero (nothing changes), completion that locks the cleared rows against every
 * edit, the next reconciliation starting from the last, and the operator-only, audited unlock.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let operator: Client;
let rowIds: string[];

const post = (client: Client, path: string, body: unknown) =>
  client.json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTenant("Reconcile");
  entry = await signedIn(t.users["data-entry"].email);
  operator = await signedIn(t.users.operator.email);
  // Opening 1000.00; three rows in May, one in June.
  const csv = "Date,Description,Amount,Balance\n2026-05-02,Client A,500.00,1500.00\n2026-05-10,Rent,-800.00,700.00\n2026-05-20,Coffee,-4.50,695.50\n2026-06-03,Client B,250.00,945.50\n";
  const up = await entry.upload(t.accountId, "may-june.csv", csv);
  expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
  rowIds = (await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id }, orderBy: { sourceRow: "asc" } }))).map((r) => r.id);
});

describe("reconciliation", () => {
  it("previews cleared rows and the difference; refuses to complete unless it is zero, changing nothing", async () => {
    const preview = await post(entry, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-05-31", endBalance: "695.00" });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ status: "preview", startBalance: "1000.00", startFrom: "opening_balance", cleared: { count: 3, sum: "-304.50" }, difference: "-0.50" });
    const refused = await post(entry, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-05-31", endBalance: "695.00", complete: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe("endBalance: the statement says 695.00 but the ledger comes to 695.50 on 2026-05-31 (difference -0.50); nothing was reconciled");
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { tenantId: t.tenantId, reconciledAt: { not: null } } }))).toBe(0);
    expect((await post(entry, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "31/05/2026", endBalance: "x" })).status).toBe(422);
  });

  it("completes at zero: the cleared rows are locked against every edit until an operator unlocks, audited", async () => {
    const done = await post(entry, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-05-31", endBalance: "695.50", complete: true });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: "completed", difference: "0.00", cleared: { count: 3 } });
    const rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, id: { in: rowIds } }, orderBy: { sourceRow: "asc" } }));
    expect(rows.map((r) => r.reconciliationId)).toEqual([done.body.id, done.body.id, done.body.id, null]);

    // Locked for everyone, the admin included.
    const categoryId = (await withTenant(t.tenantId, (tx) => tx.category.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "Rent" } }))).id;
    const admin = await signedIn(t.users.admin.email);
    const edit = await admin.json(`/api/v1/transactions/${rowIds[1]}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ version: 1, categoryId }) });
    expect(edit.status).toBe(423);
    // The next reconciliation starts from this one's balance.
    const next = await post(entry, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-06-30", endBalance: "945.50" });
    expect(next.body).toMatchObject({ startBalance: "695.50", startFrom: "last_reconciliation", cleared: { count: 1, sum: "250.00" }, difference: "0.00" });

    // Unlock: not data entry; an operator with a reason.
    const path = `/api/v1/reconciliations/${done.body.id}/unlock`;
    expect((await post(entry, path, { reason: "fixing a category" })).status).toBe(403);
    expect((await post(operator, path, { reason: "no" })).status).toBe(422);
    const unlocked = await post(operator, path, { reason: "fixing a category" });
    expect(unlocked).toMatchObject({ status: 200, body: { rows: 3 } });
    expect((await post(operator, path, { reason: "fixing a category" })).status).toBe(409);
    const edited = await admin.json(`/api/v1/transactions/${rowIds[1]}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ version: 1, categoryId }) });
    expect(edited.status).toBe(200);
    const actions = (await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, entityId: done.body.id }, orderBy: { seq: "asc" } }))).map((e) => [e.action, (e.after as any)?.reason ?? null]);
    expect(actions).toEqual([["reconciliation.complete", null], ["reconciliation.unlock", "fixing a category"]]);
  });

  it("is refused to anonymous callers and for another organisation's account", async () => {
    expect((await post(new Client(), "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-05-31", endBalance: "1" })).status).toBe(401);
    const other = await createTenant("Reconcile foreign");
    const foreign = await signedIn(other.users.operator.email);
    expect((await post(foreign, "/api/v1/reconciliations", { accountId: t.accountId, endDate: "2026-05-31", endBalance: "1" })).status).toBe(404);
  });
});
