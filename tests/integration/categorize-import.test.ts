/**
 * Categorization on the way in, through the real worker: the tenant's rules first, then the
 * learned model above the tenant's threshold (below it the row waits for review), payees
 * normalized, rule splits stored exactly, transfers between the tenant's own accounts
 * proposed (never confirmed by themselves), a rejected pair never proposed again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { trainModel } from "~/domain/categorize";
import { Decimal } from "~/domain/money";
import { withTenant } from "~/services/db.server";
import { createTenant, signedIn, type Client, type TestTenant } from "../support/fixtures.ts";

let t: TestTenant;
let entry: Client;
let savingsId: string;
let category: (name: string) => string;

beforeAll(async () => {
  t = await createTenant("Categorize import");
  entry = await signedIn(t.users["data-entry"].email);
  await withTenant(t.tenantId, async (tx) => {
    const ids = new Map((await tx.category.findMany({ where: { tenantId: t.tenantId } })).map((c) => [c.name, c.id]));
    category = (name) => ids.get(name)!;
    savingsId = (await tx.bankAccount.create({ data: { tenantId: t.tenantId, name: "Savings", currency: "USD" } })).id;
    // A model that has seen payroll and software often; nothing about coffee.
    const model = trainModel([
      ...Array.from({ length: 8 }, (_, i) => ({ description: `GUSTO NET PAY ${i}`, amount: Decimal.parse(`-${4000 + i}.00`), category: category("Payroll") })),
      ...Array.from({ length: 8 }, (_, i) => ({ description: `ADOBE *CREATIVE CLOUD ${i}`, amount: Decimal.parse("-54.99"), category: category("Software") })),
    ]);
    await tx.categoryModel.create({ data: { tenantId: t.tenantId, state: model.toJSON() as object, examples: model.size } });
    await tx.tenantSettings.create({ data: { tenantId: t.tenantId, autoCategorizeThreshold: "0.60" } });
    await tx.categoryRule.createMany({
      data: [
        {
          tenantId: t.tenantId, name: "Landlord", priority: 10, match: "all",
          conditions: [{ field: "description", op: "contains", value: "market st rent" }],
          actions: [{ type: "splitByPercentages", parts: [{ percent: "80", category: category("Rent") }, { percent: "20", category: category("Utilities") }] }],
        },
        {
          tenantId: t.tenantId, name: "Adobe is marketing here", priority: 20, match: "all",
          conditions: [{ field: "payee", op: "startsWith", value: "adobe" }, { field: "amount", sign: "out" }],
          actions: [{ type: "setCategory", category: category("Marketing") }, { type: "setNote", note: "design tools" }],
        },
      ],
    });
  });
});

const rowsOf = (statementId: string) =>
  withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId }, orderBy: { sourceRow: "asc" }, include: { splits: { orderBy: { seq: "asc" } } } }));

describe("categorized on import", () => {
  it("rules first, then the model above the threshold; payees normalized; splits exact", async () => {
    const csv = [
      "Date,Description,Amount",
      "2026-02-02,GUSTO NET PAY 991,-4100.00",
      "2026-02-03,ADOBE *CREATIVE CLOUD 77,-54.99",
      "2026-02-04,POS 1234 SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA,-4.50",
      "2026-02-05,42 MARKET ST RENT FEB,-2000.01",
    ].join("\n");
    const up = await entry.upload(t.accountId, "feb.csv", csv);
    expect(up.status).toBe(202);
    expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted", rowCount: 4 });
    const [payroll, adobe, coffee, rent] = await rowsOf(up.body.id);
    expect(payroll).toMatchObject({ categoryId: category("Payroll"), categorySource: "model", payee: "Gusto Net Pay" });
    expect(Number(payroll!.categoryConfidence)).toBeGreaterThanOrEqual(0.6);
    // The model would say Software; the rule says Marketing, and a rule wins.
    expect(adobe).toMatchObject({ categoryId: category("Marketing"), categorySource: "rule", categoryConfidence: null, note: "design tools" });
    // Nothing confident: left for the review queue, payee still clean.
    expect(coffee).toMatchObject({ categoryId: null, categorySource: null, payee: "Blue Bottle Coffee" });
    expect(rent).toMatchObject({ categoryId: null, categorySource: "rule" });
    expect(rent!.splits.map((s) => [s.amount.toString(), s.categoryId])).toEqual([["-1600", category("Rent")], ["-400.01", category("Utilities")]]);
    const [posted] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.post", entityId: up.body.id } }));
    expect(posted!.after).toMatchObject({ categorized: { byRule: 2, byModel: 1, uncategorized: 1 } });
  });

  it("a large statement is categorized on the categorizing thread, with the same results as in place", async () => {
    // Chunks of this size go to the thread (THREAD_MIN_ROWS); the four kinds of row above, repeated.
    const kinds = [
      (i: number) => [`GUSTO NET PAY ${i}`, "-4100.00"],
      (i: number) => [`ADOBE *CREATIVE CLOUD ${i}`, "-54.99"],
      (i: number) => [`POS ${i} SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA`, "-4.50"],
      (i: number) => [`42 MARKET ST RENT ${i}`, "-2000.01"],
    ];
    const lines = ["Date,Description,Amount"];
    for (let i = 0; i < 2_000; i++) {
      const [description, amount] = kinds[i % 4]!(i);
      const date = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 6) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${description},${amount}`);
    }
    const up = await entry.upload(t.accountId, "year.csv", lines.join("\n"));
    expect(await entry.waitForStatement(up.body.id, 60_000)).toMatchObject({ status: "posted", rowCount: 2_000 });
    const rows = await rowsOf(up.body.id);
    const by = (prefix: string) => rows.filter((r) => r.description.includes(prefix));
    expect(new Set(by("GUSTO").map((r) => `${r.categoryId}|${r.categorySource}|${r.payee}`))).toEqual(new Set([`${category("Payroll")}|model|Gusto Net Pay`]));
    expect(new Set(by("ADOBE").map((r) => `${r.categoryId}|${r.categorySource}|${r.note}`))).toEqual(new Set([`${category("Marketing")}|rule|design tools`]));
    expect(new Set(by("BLUE BOTTLE").map((r) => `${r.categoryId}|${r.payee}`))).toEqual(new Set(["null|Blue Bottle Coffee"]));
    const rent = by("MARKET ST");
    expect(rent.every((r) => r.categorySource === "rule" && r.splits.map((s) => s.amount.toString()).join(" ") === "-1600 -400.01")).toBe(true);
    const [posted] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.post", entityId: up.body.id } }));
    expect(posted!.after).toMatchObject({ categorized: { byRule: 1_000, byModel: 500, uncategorized: 500 } });
  });

  it("an import goes on in place when the categorizing thread dies under it, with the same results", async () => {
    const { importCategorizer } = await import("~/services/categories.server");
    const { closeCategorizeThread } = await import("~/services/categorize-thread.server");
    const { withTenantSql } = await import("~/services/db.server");
    const chunk = Array.from({ length: 400 }, (_, i) => ({
      description: [`GUSTO NET PAY ${i}`, `ADOBE *CREATIVE CLOUD ${i}`, `POS ${i} SQ *BLUE BOTTLE COFFEE`][i % 3]!,
      amount: Decimal.parse(["-4100.00", "-54.99", "-4.50"][i % 3]!),
      date: "2026-02-02",
    }));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await withTenantSql(t.tenantId, async (client) => {
        const categorizer = await importCategorizer(client, t.tenantId, { accountId: t.accountId, currency: "USD" });
        const onThread = await categorizer.categorizeChunk(chunk);
        await closeCategorizeThread();
        const inPlace = await categorizer.categorizeChunk(chunk);
        categorizer.end();
        expect(inPlace).toEqual(onThread);
        // The source is the third categorization column (\N: none).
        expect(new Set(onThread.fields.map((f) => f.split("\t")[2]))).toEqual(new Set(["model", "rule", "\\N"]));
        expect(categorizer.counts).toEqual({ rule: 266, model: 268, none: 266 });
      });
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([expect.stringMatching(/^categorizing in place for the rest of this import: .*closed/)]);
  });

  it("on demand: a rule written after the import categorizes the waiting rows; a person's, reconciled and locked rows stay", async () => {
    const up = await entry.upload(t.accountId, "mar.csv", "Date,Description,Amount\n2026-03-02,WEWORK MEMBERSHIP MAR,-450.00\n2026-03-03,WEWORK MEMBERSHIP EXTRA,-50.00\n2026-03-04,WEWORK DAY PASS,-25.00\n2026-03-05,UNKNOWN THING,-1.00\n");
    expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
    const [first, second, third] = await rowsOf(up.body.id);
    expect(first!.categoryId).toBeNull();
    // A person categorizes the second; the third is reconciled.
    const patched = await entry.json(`/api/v1/transactions/${second!.id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ version: 1, categoryId: category("Office and supplies") }) });
    expect(patched.status).toBe(200);
    await withTenant(t.tenantId, async (tx) => {
      await tx.categoryRule.create({ data: { tenantId: t.tenantId, name: "Coworking", priority: 5, match: "all", conditions: [{ field: "description", op: "startsWith", value: "wework" }], actions: [{ type: "setCategory", category: category("Rent") }] } });
    });
    const { default: pg } = await import("pg");
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    await owner.query(`UPDATE "Transaction" SET "reconciledAt" = now() WHERE "tenantId" = $1 AND id = $2`, [t.tenantId, third!.id]);
    await owner.end();

    expect((await new (entry.constructor as typeof Client)().json("/api/v1/review/categorize", { method: "POST" })).status).toBe(401);
    const run = await entry.json("/api/v1/review/categorize", { method: "POST" });
    expect(run.status).toBe(200);
    expect(run.body.more).toBe(false);
    expect(run.body.byRule).toBeGreaterThanOrEqual(1);
    const [a, b, c, d] = await rowsOf(up.body.id);
    expect(a).toMatchObject({ categoryId: category("Rent"), categorySource: "rule", version: 2 });
    expect(b).toMatchObject({ categoryId: category("Office and supplies"), categorySource: "manual", version: 2 });
    expect(c).toMatchObject({ categoryId: null, version: 1 });
    expect(d).toMatchObject({ categoryId: null });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "ledger.categorize" } }));
    expect(events.at(-1)!.after).toMatchObject({ byRule: run.body.byRule, left: run.body.left });
    // Nothing waits that a rule could take: a second run changes nothing.
    const again = await entry.json("/api/v1/review/categorize", { method: "POST" });
    expect(again.body.byRule).toBe(0);
  });

  it("a person confirms a proposed pair: both rows become Transfers and leave the in/out totals, balances still move", async () => {
    const operator = await signedIn(t.users.operator.email);
    const out = await entry.upload(t.accountId, "jan-out.csv", "Date,Description,Amount\n2026-01-30,MOVE TO SAVINGS,-700.00\n2026-01-31,Client payment,1000.00\n");
    await entry.waitForStatement(out.body.id);
    const into = await entry.upload(savingsId, "feb-in.csv", "Date,Description,Amount\n2026-02-01,FROM CHECKING,700.00\n");
    await entry.waitForStatement(into.body.id);
    const listed = await entry.json("/api/v1/transfers");
    const pair = listed.body.items.find((p: any) => p.outgoing.description === "MOVE TO SAVINGS");
    expect(pair).toMatchObject({ status: "proposed", outgoing: { amount: "-700.00", accountId: t.accountId }, incoming: { amount: "700.00", accountId: savingsId } });
    // Another organisation cannot decide it; nor can an anonymous caller.
    const other = await createTenant("Categorize foreign");
    const foreign = await signedIn(other.users.operator.email);
    const decide = (c: Client, body: unknown) => c.json(`/api/v1/transfers/${pair.id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await decide(foreign, { decision: "confirm" })).status).toBe(404);
    expect((await decide(new (entry.constructor as typeof Client)(), { decision: "confirm" })).status).toBe(401);
    expect((await decide(entry, { decision: "maybe" })).status).toBe(422);

    const before = await operator.json(`/api/v1/cashflow?accountId=${t.accountId}&from=2026-01-01&to=2026-01-31`);
    expect(before.body.months[0]).toMatchObject({ inflow: "1000.00", outflow: "700.00" });
    const confirmed = await decide(entry, { decision: "confirm" });
    expect(confirmed).toMatchObject({ status: 200, body: { status: "confirmed" } });
    expect((await decide(entry, { decision: "reject" })).status).toBe(409);
    const pairRows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, id: { in: [pair.outgoing.id, pair.incoming.id] } } }));
    for (const r of pairRows) expect(r).toMatchObject({ categoryId: category("Transfers"), categorySource: "transfer", version: 2 });
    const after = await operator.json(`/api/v1/cashflow?accountId=${t.accountId}&from=2026-01-01&to=2026-01-31`);
    // Not money out of the business any more, but the checking balance still dropped by 700.
    expect(after.body.months[0]).toMatchObject({ inflow: "1000.00", outflow: "0.00", net: "1000.00", closingBalance: before.body.months[0].closingBalance });
    const events = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "transfer.confirm", entityId: pair.id } }));
    expect(events).toHaveLength(1);
  });

  it("proposes a transfer between own accounts, which a later import respects once rejected", async () => {
    const out = await entry.upload(t.accountId, "out.csv", "Date,Description,Amount\n2026-03-02,TRANSFER TO SAVINGS,-500.00\n2026-03-03,Coffee,-3.00\n");
    await entry.waitForStatement(out.body.id);
    const into = await entry.upload(savingsId, "in.csv", "Date,Description,Amount\n2026-03-04,TRANSFER FROM CHECKING,500.00\n");
    const done = await entry.waitForStatement(into.body.id);
    expect(done.warnings.join(" ")).toMatch(/1 row looks like a transfer between your own accounts/);
    const [outRow] = await rowsOf(out.body.id);
    const [inRow] = await rowsOf(into.body.id);
    const pairs = await withTenant(t.tenantId, (tx) => tx.transferPair.findMany({ where: { tenantId: t.tenantId, status: "proposed" } }));
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ outgoingId: outRow!.id, incomingId: inRow!.id, status: "proposed" });
    // Proposed only: neither row is categorized as a transfer until a person confirms.
    expect(outRow!.categoryId).toBeNull();

    // Rejected: re-importing the incoming side (undo, import again) proposes nothing.
    expect((await entry.json(`/api/v1/transfers/${pairs[0]!.id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ decision: "reject" }) })).status).toBe(200);
    const again = await entry.upload(savingsId, "in-again.csv", "Date,Description,Amount\n2026-03-05,TRANSFER FROM CHECKING,3.00\n");
    await entry.waitForStatement(again.body.id);
    // A different amount pairs with the coffee row (3.00), not with the rejected one.
    const after = await withTenant(t.tenantId, (tx) => tx.transferPair.findMany({ where: { tenantId: t.tenantId, status: { not: "confirmed" } }, orderBy: { createdAt: "asc" } }));
    expect(after.map((p) => p.status)).toEqual(["rejected", "proposed"]);
    expect(after.filter((p) => p.outgoingId === outRow!.id && p.status === "proposed")).toHaveLength(0);
  });
});
