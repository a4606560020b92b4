/**
 * Categorization rules over real HTTP: operators and admins manage them, data entry may only
 * read; each change audited; a preview says what a rule would change before it is saved and
 * changes nothing; a saved rule applies to the next import; the rules file moves between
 * organisations by category name, all or nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let operator: Client;
let entry: Client;
let category: (name: string) => string;

const send = (client: Client, method: string, path: string, body?: unknown) =>
  client.json(path, body === undefined ? { method } : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

const coffeeRule = (categoryId: string) => ({
  name: "Coffee is meals", priority: 10, match: "all",
  conditions: [{ field: "payee", op: "startsWith", value: "blue bottle" }],
  actions: [{ type: "setCategory", category: categoryId }],
});

beforeAll(async () => {
  t = await createTenant("Rules");
  operator = await signedIn(t.users.operator.email);
  entry = await signedIn(t.users["data-entry"].email);
  const ids = new Map((await withTenant(t.tenantId, (tx) => tx.category.findMany({ where: { tenantId: t.tenantId } }))).map((c) => [c.name, c.id]));
  category = (name) => ids.get(name)!;
  const up = await entry.upload(t.accountId, "may.csv", "Date,Description,Amount\n2026-05-01,BLUE BOTTLE COFFEE 0423 OAKLAND CA,-4.50\n2026-05-02,BLUE BOTTLE COFFEE 0511,-5.00\n2026-05-03,HARDWARE STORE,-20.00\n");
  await entry.waitForStatement(up.body.id);
});

describe("rules", () => {
  it("preview says what would change and changes nothing; then saved, listed, audited", async () => {
    const preview = await send(operator, "POST", "/api/v1/rules/preview", coffeeRule(category("Travel and meals")));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ changed: 2, summary: expect.stringMatching(/would change 2 rows/) });
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { tenantId: t.tenantId, categoryId: { not: null } } }))).toBe(0);

    const made = await send(operator, "POST", "/api/v1/rules", coffeeRule(category("Travel and meals")));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: expect.any(String), name: "Coffee is meals", enabled: true });
    const listed = await send(entry, "GET", "/api/v1/rules");
    expect(listed.body.rules.map((r: any) => r.id)).toEqual([made.body.id]);
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "rules.create" } }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: t.users.operator.id, entityId: made.body.id });

    // The next import applies it.
    const up = await entry.upload(t.accountId, "june.csv", "Date,Description,Amount\n2026-06-01,BLUE BOTTLE COFFEE 0999,-4.00\n");
    await entry.waitForStatement(up.body.id);
    const [row] = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id } }));
    expect(row).toMatchObject({ categoryId: category("Travel and meals"), categorySource: "rule" });
  });

  it("refuses an invalid rule, an unknown category, and data entry; changes and deletes with audit", async () => {
    const bad = await send(operator, "POST", "/api/v1/rules", { ...coffeeRule(category("Rent")), conditions: [] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/conditions: a rule needs at least one condition/);
    const unknown = await send(operator, "POST", "/api/v1/rules", coffeeRule("0196f000-0000-7000-8000-000000000000"));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/no such category in this organisation/);
    expect((await send(entry, "POST", "/api/v1/rules", coffeeRule(category("Rent")))).status).toBe(403);
    expect((await send(entry, "POST", "/api/v1/rules/preview", coffeeRule(category("Rent")))).status).toBe(403);
    expect((await send(new Client(), "POST", "/api/v1/rules", coffeeRule(category("Rent")))).status).toBe(401);

    const made = await send(operator, "POST", "/api/v1/rules", { ...coffeeRule(category("Rent")), name: "Temp", priority: 50 });
    const changed = await send(operator, "PATCH", `/api/v1/rules/${made.body.id}`, { ...coffeeRule(category("Marketing")), name: "Temp 2", priority: 60, enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Temp 2", enabled: false, actions: [{ type: "setCategory", category: category("Marketing") }] });
    expect((await send(entry, "DELETE", `/api/v1/rules/${made.body.id}`)).status).toBe(403);
    // Another organisation's operator cannot see or touch it.
    const other = await createTenant("Rules foreign");
    const foreign = await signedIn(other.users.operator.email);
    expect((await send(foreign, "DELETE", `/api/v1/rules/${made.body.id}`)).status).toBe(404);
    expect((await send(foreign, "GET", "/api/v1/rules")).body.rules).toEqual([]);
    expect((await send(operator, "DELETE", `/api/v1/rules/${made.body.id}`)).status).toBe(204);
    const actions = (await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, entityId: made.body.id }, orderBy: { seq: "asc" } }))).map((e) => e.action);
    expect(actions).toEqual(["rules.create", "rules.update", "rules.delete"]);
  });

  it("exports by category name and imports into another organisation; an unknown name imports nothing", async () => {
    const file = await send(operator, "GET", "/api/v1/rules/file");
    expect(file.status).toBe(200);
    expect(file.res.headers.get("Content-Disposition")).toBe('attachment; filename="cashline-rules.json"');
    expect(file.body).toMatchObject({ version: 1, rules: [{ name: "Coffee is meals", actions: [{ type: "setCategory", category: "Travel and meals" }] }] });

    const other = await createTenant("Rules import");
    const otherOperator = await signedIn(other.users.operator.email);
    const imported = await send(otherOperator, "POST", "/api/v1/rules/file", file.body);
    expect(imported).toMatchObject({ status: 201, body: { imported: 1 } });
    const [rule] = (await send(otherOperator, "GET", "/api/v1/rules")).body.rules;
    const theirs = await withTenant(other.tenantId, (tx) => tx.category.findFirstOrThrow({ where: { tenantId: other.tenantId, name: "Travel and meals" } }));
    expect(rule.actions).toEqual([{ type: "setCategory", category: theirs.id }]);

    const broken = { version: 1, rules: [...file.body.rules, { ...file.body.rules[0], id: "x2", name: "Nope", actions: [{ type: "setCategory", category: "Yachts" }] }] };
    const refused = await send(otherOperator, "POST", "/api/v1/rules/file", broken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('rule "Nope": no category named "Yachts" in this organisation; create it first or edit the file');
    expect((await send(otherOperator, "GET", "/api/v1/rules")).body.rules).toHaveLength(1);
  });
});
