/** Cash-flow categories. Every tenant starts with the default chart. */
import type { Tx } from "./db.server.ts";

export const DEFAULT_CATEGORIES: { name: string; kind: "operating" | "investing" | "financing" }[] = [
  { name: "Revenue", kind: "operating" },
  { name: "Cost of goods", kind: "operating" },
  { name: "Payroll", kind: "operating" },
  { name: "Rent", kind: "operating" },
  { name: "Utilities", kind: "operating" },
  { name: "Software", kind: "operating" },
  { name: "Taxes", kind: "operating" },
  { name: "Fees", kind: "operating" },
  { name: "Equipment", kind: "investing" },
  { name: "Loans and financing", kind: "financing" },
  { name: "Owner draws", kind: "financing" },
  { name: "Transfers", kind: "financing" },
  { name: "Uncategorized", kind: "operating" },
];

export async function ensureDefaultCategories(tx: Tx, tenantId: string): Promise<void> {
  await tx.category.createMany({ data: DEFAULT_CATEGORIES.map((c) => ({ tenantId, ...c })), skipDuplicates: true });
}
