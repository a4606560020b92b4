/** The demo tenant the launcher seeds: complete, posted through the real pipeline, and
 *  safe to seed again. */
import { describe, expect, it } from "vitest";
import { DEMO_TENANT_ID, seedDemo } from "~/server/demo-seed";
import { withTenant } from "~/services/db.server";
import { Client } from "../support/fixtures.ts";

describe("demo seed", () => {
  it("has one user per role who can sign in with DEMO_PASSWORD, and posted statements", async () => {
    const admin = new Client();
    await admin.signIn("admin@demo.test", process.env.DEMO_PASSWORD);
    const me = await admin.json("/api/v1/session");
    expect(me.body).toMatchObject({ role: "admin", tenant: { id: DEMO_TENANT_ID, name: "Demo Co" } });
    const { body: list } = await admin.json("/api/v1/statements");
    expect(list.statements.length).toBeGreaterThanOrEqual(4);
    for (const s of list.statements.filter((s: any) => /^2026-\d\d\.csv$/.test(s.fileName))) {
      expect((await admin.waitForStatement(s.id)).status).toBe("posted");
    }
    const accounts = await admin.json("/api/v1/accounts");
    const operating = accounts.body.accounts.find((a: any) => a.name === "Operating account");
    const flow = await admin.json(`/api/v1/cashflow?accountId=${operating.id}&from=2026-07-01&to=2026-10-31`);
    expect(flow.body.months.map((m: any) => m.month)).toEqual(["2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(flow.body.openingBalanceKnown).toBe(true);
    for (const email of ["operator@demo.test", "entry@demo.test"]) await new Client().signIn(email, process.env.DEMO_PASSWORD);
  });

  it("is idempotent: seeding again adds nothing", async () => {
    const count = () =>
      withTenant(DEMO_TENANT_ID, async (tx) => ({
        // Only the seed's own files: the browser test uploads into the demo tenant in parallel.
        statements: await tx.statement.count({ where: { fileName: { startsWith: "2026-" } } }),
        members: await tx.membership.count(),
        accounts: await tx.bankAccount.count({ where: { name: "Operating account" } }),
        categories: await tx.category.count(),
      }));
    const before = await count();
    expect(await seedDemo()).toEqual({ uploaded: 0 });
    expect(await count()).toEqual(before);
    expect(before.members).toBe(3);
    expect(before.accounts).toBe(1);
  });
});
