/**
 * Queries over rows an import just COPYed run with nested loops and JIT off (FRESH_ROWS_PLANNER):
 * from the statement after the one that carries it to the end of that transaction, and no further.
 * A status others must see at once is written by committedTenantStatement: in one round trip,
 * committed, confined to the tenant by row-level security, its values inlined as literals.
 * Raw connections prepare what they send, and a plan kept for a statement still reads only the
 * tenant set at the moment it runs.
 */
import { describe, expect, it } from "vitest";
import { createTenant } from "../../tests/support/fixtures.ts";
import { committedTenantStatement, FRESH_ROWS_PLANNER, sqlLiteral, sqlRunner, withTenant, withTenantSql } from "./db.server.ts";

describe("FRESH_ROWS_PLANNER", () => {
  it("turns nested loops and JIT off for the rest of the transaction that carries it, and only that one", async () => {
    const t = await createTenant("Planner settings");
    const settings = async (sql: ReturnType<typeof sqlRunner>) => {
      const [row] = await sql<{ nestloop: string; jit: string }>("SELECT current_setting('enable_nestloop') AS nestloop, current_setting('jit') AS jit");
      return row;
    };
    let before: Awaited<ReturnType<typeof settings>>;
    // A lookup of one row and its account: by key, which the planner joins by a nested loop.
    const plan = async (sql: ReturnType<typeof sqlRunner>) =>
      (
        await sql<{ "QUERY PLAN": string }>(
          `EXPLAIN SELECT * FROM "Transaction" a JOIN "BankAccount" b ON b."tenantId" = a."tenantId" AND b.id = a."accountId"
            WHERE a."tenantId" = $1::uuid AND a.id = $1::uuid`,
          [t.tenantId],
        )
      )
        .map((r) => r["QUERY PLAN"])
        .join("\n");
    await withTenantSql(t.tenantId, async (client) => {
      const sql = sqlRunner(client);
      before = await settings(sql);
      expect(before!.nestloop).toBe("on");
      expect(await plan(sql)).toContain("Nested Loop");
      const [carrier] = await sql<{ answer: number }>(`SELECT ${FRESH_ROWS_PLANNER}, 42 AS answer`);
      expect(carrier!.answer).toBe(42);
      expect(await settings(sql)).toEqual({ nestloop: "off", jit: "off" });
      expect(await plan(sql)).not.toContain("Nested Loop");
    });
    // The next transaction, on whichever connection, plans as usual.
    await withTenantSql(t.tenantId, async (client) => expect(await settings(sqlRunner(client))).toEqual(before));
  });
});

describe("committedTenantStatement", () => {
  it("commits its one statement at once, sees only its tenant's rows, and inlines values as exact literals", async () => {
    const [a, b] = [await createTenant("Committed A"), await createTenant("Committed B")];
    const name = `Quote ' and back\\slash ${Date.now()}`;
    const [renamed] = await committedTenantStatement<{ name: string }>(
      a.tenantId,
      `UPDATE "BankAccount" SET name = ${sqlLiteral(name)} WHERE "tenantId" = ${sqlLiteral(a.tenantId)}::uuid AND id = ${sqlLiteral(a.accountId)}::uuid RETURNING name`,
    );
    expect(renamed).toEqual({ name });
    // Committed: another connection reads it.
    expect((await withTenant(a.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: a.accountId } } }))).name).toBe(name);
    // Row-level security holds the tenant: B's statement cannot see or touch A's account.
    expect(await committedTenantStatement(b.tenantId, `SELECT id FROM "BankAccount" WHERE id = ${sqlLiteral(a.accountId)}::uuid`)).toEqual([]);
    expect(
      await committedTenantStatement(b.tenantId, `UPDATE "BankAccount" SET name = 'taken' WHERE id = ${sqlLiteral(a.accountId)}::uuid RETURNING id`),
    ).toEqual([]);
  });

  it("rolls back and leaves the connection usable when its statement fails", async () => {
    const t = await createTenant("Committed failure");
    await expect(committedTenantStatement(t.tenantId, "SELECT 1/0")).rejects.toThrow("division by zero");
    // Every pooled connection is still in a clean state: a run of statements all work.
    for (let i = 0; i < 6; i++) expect(await committedTenantStatement<{ one: number }>(t.tenantId, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });
});

describe("sqlRunner on a raw connection", () => {
  it("prepares each text once per connection, and a prepared plan still sees only the tenant of the moment", async () => {
    const [a, b] = [await createTenant("Prepared A"), await createTenant("Prepared B")];
    // No tenant filter of its own: row-level security alone decides which accounts it sees.
    const text = `SELECT id::text AS id FROM "BankAccount" WHERE currency = $1 ORDER BY id`;
    await withTenantSql(a.tenantId, async (client) => {
      const sql = sqlRunner(client);
      // Past five runs PostgreSQL may keep one generic plan for the statement.
      for (let i = 0; i < 7; i++) expect(await sql(text, ["USD"])).toEqual([{ id: a.accountId }]);
      const prepared = await sql<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [text]);
      expect(prepared).toHaveLength(1);
      // The same connection, the same prepared statement, another tenant: its rows only.
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenantId]);
      expect(await sql(text, ["USD"])).toEqual([{ id: b.accountId }]);
      expect(await sql<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [text])).toEqual(prepared);
    });
  });

  it("names a statement after its text, so two copies of this module over one pool never clash (the app's build and the worker it runs)", async () => {
    const t = await createTenant("Prepared copies");
    // Two more instances of this module, as a process holding the server build and the worker
    // has: each starts with nothing prepared, and they share the pool (a process-wide singleton).
    // A query string makes another instance of the module (Vite); TypeScript knows no such file.
    // @ts-expect-error TS2307
    const a = (await import("./db.server.ts?copy-a")) as typeof import("./db.server.ts");
    // @ts-expect-error TS2307
    const b = (await import("./db.server.ts?copy-b")) as typeof import("./db.server.ts");
    expect(a.sqlRunner).not.toBe(b.sqlRunner);
    await withTenantSql(t.tenantId, async (client) => {
      for (let i = 0; i < 2; i++) {
        expect(await a.sqlRunner(client)(`SELECT 'a' AS copy WHERE $1::int = 1`, [1])).toEqual([{ copy: "a" }]);
        expect(await b.sqlRunner(client)(`SELECT 'b' AS copy WHERE $1::int = 1`, [1])).toEqual([{ copy: "b" }]);
      }
    });
  });
});
