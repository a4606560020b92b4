/**
 * Queries over rows an import just COPYed run with nested loops and JIT off (withoutNestedLoops):
 * both settings hold inside, and only inside — the rest of the import's transaction plans as usual.
 */
import { describe, expect, it } from "vitest";
import { createTenant } from "../../tests/support/fixtures.ts";
import { sqlRunner, withoutNestedLoops, withTenantSql } from "./db.server.ts";

describe("withoutNestedLoops", () => {
  it("turns nested loops and JIT off for its queries and back to the defaults after, also when they fail", async () => {
    const t = await createTenant("Planner settings");
    const settings = async (sql: ReturnType<typeof sqlRunner>) => {
      const [row] = await sql<{ nestloop: string; jit: string }>("SELECT current_setting('enable_nestloop') AS nestloop, current_setting('jit') AS jit");
      return row;
    };
    await withTenantSql(t.tenantId, async (client) => {
      const sql = sqlRunner(client);
      const before = await settings(sql);
      expect(before!.nestloop).toBe("on");
      const inside = await withoutNestedLoops(client, () => settings(sql));
      expect(inside).toEqual({ nestloop: "off", jit: "off" });
      expect(await settings(sql)).toEqual(before);
      await expect(withoutNestedLoops(client, () => sql("SELECT 1/0"))).rejects.toThrow("division by zero");
    });
  });
});
