/**
 * Managing the chart over real HTTP: add, rename, archive (not while a rule sets it; the model
 * forgets it), merge (rows, parts, rules, corrections and the model follow; reconciled rows and
 * locked periods keep the old category), the system categories protected, the auto-apply
 * threshold, every change audited, and who may do it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CategoryModel } from "~/domain/categorize";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, ownerConnection, signedIn, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let operator: Client;
let entry: Client;
let category: (name: string) => string;
let rows: { id: string; description: string; version: number }[];
const owner = ownerConnection();

const send = (client: Client, method: string, path: string, body?: unknown) =>
  client.json(path, body === undefined ? { method } : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const modelOf = async () => {
  const row = await withTenant(t.tenantId, (tx) => tx.categoryModel.findUnique({ where: { tenantId_name: { tenantId: t.tenantId, name: "default" } } }));
  return row ? CategoryModel.fromJSON(row.state) : new CategoryModel();
};
const auditOf = (action: string) => withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action }, orderBy: { seq: "asc" } }));

beforeAll(async () => {
  t = await createTenant("Categories");
  operator = await signedIn(t.users.operator.email);
  entry = await signedIn(t.users["data-entry"].email);
  const up = await entry.upload(t.accountId, "may.csv", [
    "Date,Description,Amount",
    "2026-05-02,PRINTFUL ORDER 1,-80.00",
    "2026-05-03,PRINTFUL ORDER 2,-60.00",
    "2026-05-04,VISTAPRINT CARDS,-40.00",
    "2026-05-05,PRINTFUL ORDER 3,-100.00",
  ].join("\n"));
  expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
  rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id }, orderBy: { sourceRow: "asc" }, select: { id: true, description: true, version: true } }));
  await refresh();
});

/** Category ids by name, read again after a test adds or renames one. */
async function refresh(): Promise<void> {
  const ids = new Map((await withTenant(t.tenantId, (tx) => tx.category.findMany({ where: { tenantId: t.tenantId } }))).map((c) => [c.name, c.id]));
  category = (name) => ids.get(name)!;
}

describe("adding and renaming", () => {
  it("adds a category for operators; a taken name (in any case) is a 409; data entry may not", async () => {
    const res = await send(operator, "POST", "/api/v1/categories", { name: "Print and merch", kind: "operating" });
    expect(res).toMatchObject({ status: 201, body: { name: "Print and merch", kind: "operating", archived: false } });
    expect((await send(operator, "POST", "/api/v1/categories", { name: "print AND merch", kind: "operating" })).status).toBe(409);
    expect((await send(operator, "POST", "/api/v1/categories", { name: "x", kind: "sideways" })).body.error.message).toMatch(/kind: operating, investing or financing/);
    expect((await send(entry, "POST", "/api/v1/categories", { name: "Nope", kind: "operating" })).status).toBe(403);
    const list = await entry.json("/api/v1/categories");
    expect(list.body.categories.map((c: any) => c.name)).toContain("Print and merch");
    await refresh();
  });

  it("renames (audited), refuses a taken name, and never renames the categories the app relies on", async () => {
    const res = await send(operator, "PATCH", `/api/v1/categories/${category("Print and merch")}`, { name: "Printing" });
    expect(res).toMatchObject({ status: 200, body: { name: "Printing" } });
    expect((await send(operator, "PATCH", `/api/v1/categories/${category("Print and merch")}`, { name: "rent" })).status).toBe(409);
    const transfers = await send(operator, "PATCH", `/api/v1/categories/${category("Transfers")}`, { name: "Moves" });
    expect(transfers.status).toBe(409);
    expect(transfers.body.error.message).toBe("“Transfers” is used by Cashline itself: it cannot be renamed or archived.");
    const [event] = await auditOf("category.update");
    expect(event).toMatchObject({ actorId: t.users.operator.id, before: { name: "Print and merch" }, after: { name: "Printing" } });
    await refresh();
  });
});

describe("merging", () => {
  it("moves changeable rows, split parts, rules, corrections and the model; reconciled rows keep theirs; archives with where it went", async () => {
    const printing = category("Printing");
    const marketing = category("Marketing");
    // Rows 1 and 2 Printing (the model learns them), row 3 split half Printing, row 2 reconciled.
    for (const r of rows.slice(0, 2)) expect((await send(entry, "PATCH", `/api/v1/transactions/${r.id}`, { version: 1, categoryId: printing })).status).toBe(200);
    expect((await send(entry, "PUT", `/api/v1/transactions/${rows[2]!.id}/splits`, { version: 1, parts: [{ amount: "-20", categoryId: printing }, { amount: "-20", categoryId: category("Office and supplies") }] })).status).toBe(200);
    await owner.query(`UPDATE "Transaction" SET "reconciledAt" = now() WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, rows[1]!.id]);
    const rule = await send(operator, "POST", "/api/v1/rules", { name: "Printful", priority: 5, match: "all", conditions: [{ field: "payee", op: "startsWith", value: "printful" }], actions: [{ type: "setCategory", category: printing }] });
    expect(rule.status).toBe(201);
    expect((await modelOf()).categories).toContain(printing);

    const res = await send(operator, "POST", `/api/v1/categories/${printing}/merge`, { into: marketing });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: { name: "Printing", archived: true }, into: { name: "Marketing" }, moved: 2, kept: 1, rules: 1 });

    const now = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, id: { in: rows.map((r) => r.id) } }, include: { splits: true }, orderBy: { sourceRow: "asc" } }));
    expect(now[0]).toMatchObject({ categoryId: marketing, version: 3 });
    expect(now[1]).toMatchObject({ categoryId: printing }); // reconciled: untouched
    expect(now[2]!.splits.map((s) => s.categoryId).sort()).toEqual([marketing, category("Office and supplies")].sort());
    const rules = await operator.json("/api/v1/rules");
    expect(rules.body.rules.find((r: any) => r.name === "Printful").actions).toEqual([{ type: "setCategory", category: marketing }]);
    const model = await modelOf();
    expect(model.categories).not.toContain(printing);
    expect(model.categories).toContain(marketing);
    const corrections = await withTenant(t.tenantId, (tx) => tx.categoryCorrection.count({ where: { tenantId: t.tenantId, categoryId: printing } }));
    expect(corrections).toBe(0);
    const merged = await withTenant(t.tenantId, (tx) => tx.category.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: printing } } }));
    expect(merged.mergedIntoId).toBe(marketing);
    expect(merged.archivedAt).not.toBeNull();
    expect((await entry.json("/api/v1/categories")).body.categories.map((c: any) => c.name)).not.toContain("Printing");
    expect((await entry.json("/api/v1/categories?archived=1")).body.categories.find((c: any) => c.name === "Printing")).toMatchObject({ archived: true });
    const [event] = await auditOf("category.merge");
    expect(event).toMatchObject({ entityId: printing, after: { into: marketing, moved: 2, kept: 1, rules: 1 } });
  });

  it("refuses merging into itself, into an archived category, or merging the app's own categories away", async () => {
    const office = category("Office and supplies");
    expect((await send(operator, "POST", `/api/v1/categories/${office}/merge`, { into: office })).status).toBe(422);
    const archived = await send(operator, "POST", `/api/v1/categories/${office}/merge`, { into: category("Printing") });
    expect(archived.body.error.message).toBe("into: “Printing” is archived; restore it first.");
    expect((await send(operator, "POST", `/api/v1/categories/${category("Uncategorized")}/merge`, { into: office })).status).toBe(409);
    expect((await send(entry, "POST", `/api/v1/categories/${office}/merge`, { into: category("Rent") })).status).toBe(403);
  });
});

describe("archiving", () => {
  it("is refused while an enabled rule sets the category; then archives, and the model forgets it", async () => {
    const created = await send(operator, "POST", "/api/v1/categories", { name: "Cards", kind: "operating" });
    const cards = created.body.id as string;
    expect((await send(entry, "PATCH", `/api/v1/transactions/${rows[3]!.id}`, { version: 1, categoryId: cards })).status).toBe(200);
    const rule = await send(operator, "POST", "/api/v1/rules", { name: "Vistaprint", priority: 6, match: "all", conditions: [{ field: "payee", op: "startsWith", value: "vistaprint" }], actions: [{ type: "setCategory", category: cards }] });
    const refused = await send(operator, "PATCH", `/api/v1/categories/${cards}`, { archived: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("Rules still set this category (“Vistaprint”): change or disable them first.");
    expect((await send(operator, "DELETE", `/api/v1/rules/${rule.body.id}`)).status).toBe(204);
    const archived = await send(operator, "PATCH", `/api/v1/categories/${cards}`, { archived: true });
    expect(archived).toMatchObject({ status: 200, body: { archived: true } });
    expect((await modelOf()).categories).not.toContain(cards);
    // The row keeps it; nobody can choose it any more.
    expect((await withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: rows[3]!.id } } }))).categoryId).toBe(cards);
    expect((await send(entry, "PATCH", `/api/v1/transactions/${rows[0]!.id}`, { version: 3, categoryId: cards })).status).toBe(422);
    // Restored, it can be chosen again.
    expect((await send(operator, "PATCH", `/api/v1/categories/${cards}`, { archived: false })).body.archived).toBe(false);
  });
});

describe("the auto-apply threshold", () => {
  it("is the calibrated 0.9 until set; operators set it (0.50–1.00, audited); data entry may not", async () => {
    expect((await entry.json("/api/v1/settings/categorization")).body).toEqual({ threshold: 0.9 });
    expect((await send(entry, "PUT", "/api/v1/settings/categorization", { threshold: 0.7 })).status).toBe(403);
    expect((await send(operator, "PUT", "/api/v1/settings/categorization", { threshold: 0.3 })).status).toBe(422);
    expect((await send(operator, "PUT", "/api/v1/settings/categorization", { threshold: 0.75 })).body).toEqual({ threshold: 0.75 });
    expect((await entry.json("/api/v1/settings/categorization")).body).toEqual({ threshold: 0.75 });
    const [event] = await auditOf("settings.update");
    expect(event).toMatchObject({ before: { autoCategorizeThreshold: 0.9 }, after: { autoCategorizeThreshold: 0.75 } });
  });
});

describe("other organisations and anonymous callers", () => {
  it("cannot see or change this organisation's categories", async () => {
    const other = await createTenant("Categories foreign");
    const foreign = await signedIn(other.users.operator.email);
    expect((await send(foreign, "PATCH", `/api/v1/categories/${category("Rent")}`, { name: "Mine" })).status).toBe(404);
    expect((await send(foreign, "POST", `/api/v1/categories/${category("Rent")}/merge`, { into: category("Fees") })).status).toBe(404);
    expect((await foreign.json("/api/v1/categories")).body.categories.map((c: any) => c.id)).not.toContain(category("Rent"));
    expect((await send(new Client(), "POST", "/api/v1/categories", { name: "Anon", kind: "operating" })).status).toBe(401);
  });
});
