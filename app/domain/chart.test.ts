import { describe, expect, it } from "vitest";
import { DEFAULT_CHART, TRANSFERS, UNCATEGORIZED, defaultCategory, defaultCategoryRows } from "./chart.ts";

describe("DEFAULT_CHART", () => {
  it("has the categories a small business needs, each with a cash-flow kind the database accepts", () => {
    const names = DEFAULT_CHART.map((c) => c.name);
    for (const required of [
      "Revenue", "Cost of goods", "Payroll", "Rent", "Utilities", "Software", "Taxes", "Fees", "Loans and financing", "Owner draws",
      TRANSFERS, UNCATEGORIZED, "Marketing", "Travel and meals", "Insurance", "Professional services", "Equipment",
    ]) {
      expect(names).toContain(required);
    }
    for (const c of DEFAULT_CHART) {
      expect(["operating", "investing", "financing"]).toContain(c.kind);
      expect(["in", "out", "either"]).toContain(c.direction);
      expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it("keeps the names tenants created before it existed, so seeding them again adds no duplicates", () => {
    // The list app/services/categories.server.ts inserted until it switches to this chart.
    const before = [
      ["Revenue", "operating"], ["Cost of goods", "operating"], ["Payroll", "operating"], ["Rent", "operating"], ["Utilities", "operating"],
      ["Software", "operating"], ["Taxes", "operating"], ["Fees", "operating"], ["Equipment", "investing"], ["Loans and financing", "financing"],
      ["Owner draws", "financing"], ["Transfers", "financing"], ["Uncategorized", "operating"],
    ];
    for (const [name, kind] of before) expect(defaultCategory(name!)?.kind).toBe(kind);
  });

  it("has unique names (case-insensitively) and classifies by what the money is for", () => {
    const keys = DEFAULT_CHART.map((c) => c.name.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(defaultCategory("equipment")?.kind).toBe("investing");
    expect(defaultCategory("Owner contributions")?.kind).toBe("financing");
    expect(defaultCategory(" loans and FINANCING ")?.kind).toBe("financing");
    expect(defaultCategory("Marketing")?.kind).toBe("operating");
    expect(defaultCategory("Groceries")).toBeUndefined();
  });

  it("gives the seed rows as { name, kind } and cannot be changed at run time", () => {
    expect(defaultCategoryRows()).toHaveLength(DEFAULT_CHART.length);
    expect(defaultCategoryRows()[0]).toEqual({ name: "Revenue", kind: "operating" });
    expect(Object.isFrozen(DEFAULT_CHART)).toBe(true);
  });
});
