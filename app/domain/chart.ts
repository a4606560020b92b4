/**
 * The default chart of cash-flow categories every tenant starts with — the one list; the
 * database seed (app/services/categories.server.ts) and the labelled fixture set
 * (fixtures/categorize/) both take it from here. Tenants then add, rename, merge and archive.
 *
 * `kind` is the Prisma enum CashflowKind: operating (running the business), investing
 * (long-lived assets) or financing (owners and lenders). Pure.
 */

export type CashflowKind = "operating" | "investing" | "financing";

export interface ChartCategory {
  name: string;
  kind: CashflowKind;
  /** What belongs here, shown beside the category in the picker. */
  description: string;
  /** Which way money usually moves for this category ("either" for transfers and fees refunded). */
  direction: "in" | "out" | "either";
}

export const UNCATEGORIZED = "Uncategorized";
export const TRANSFERS = "Transfers";

// Names of the first thirteen are what tenants created before this list existed already have
// (ensureDefaultCategories inserts by name with skipDuplicates): renaming one would give
// existing tenants a second, differently named copy.
export const DEFAULT_CHART: readonly ChartCategory[] = Object.freeze([
  { name: "Revenue", kind: "operating", direction: "in", description: "Customer payments, card-processor payouts, marketplace settlements" },
  { name: "Cost of goods", kind: "operating", direction: "out", description: "Inventory, materials, wholesale suppliers, shipping to customers" },
  { name: "Payroll", kind: "operating", direction: "out", description: "Salaries and wages, payroll providers, payroll taxes and pension contributions" },
  { name: "Rent", kind: "operating", direction: "out", description: "Office, shop, warehouse and co-working rent" },
  { name: "Utilities", kind: "operating", direction: "out", description: "Electricity, gas, water, internet and phone" },
  { name: "Software", kind: "operating", direction: "out", description: "SaaS subscriptions, cloud hosting, domains, app stores" },
  { name: "Taxes", kind: "operating", direction: "out", description: "Income, sales/VAT and business taxes paid to tax authorities" },
  { name: "Fees", kind: "operating", direction: "out", description: "Bank charges, card-processing and FX fees, interest on overdrafts" },
  { name: "Equipment", kind: "investing", direction: "out", description: "Computers, machinery, vehicles and furniture kept for years" },
  { name: "Loans and financing", kind: "financing", direction: "either", description: "Loan proceeds and repayments, credit lines, leases, merchant cash advances" },
  { name: "Owner draws", kind: "financing", direction: "out", description: "Money the owners take out of the business" },
  // Money between the tenant's own accounts: confirmed pairs are excluded from in/out totals.
  { name: TRANSFERS, kind: "financing", direction: "either", description: "Between the organisation's own accounts, card bill payments" },
  { name: UNCATEGORIZED, kind: "operating", direction: "either", description: "Not decided yet: these rows wait in the review queue" },
  { name: "Marketing", kind: "operating", direction: "out", description: "Advertising, sponsorships, print, agencies" },
  { name: "Travel and meals", kind: "operating", direction: "out", description: "Flights, trains, hotels, taxis, fuel, business meals" },
  { name: "Insurance", kind: "operating", direction: "out", description: "Liability, property, health and vehicle insurance premiums" },
  { name: "Professional services", kind: "operating", direction: "out", description: "Accountants, lawyers, consultants, contractors" },
  { name: "Office and supplies", kind: "operating", direction: "out", description: "Stationery, postage, cleaning, small office purchases" },
  { name: "Owner contributions", kind: "financing", direction: "in", description: "Money the owners put into the business" },
]);

const BY_KEY = new Map(DEFAULT_CHART.map((c) => [c.name.toLowerCase(), c]));

/** The default category with this name (case-insensitive), if it is one. */
export function defaultCategory(name: string): ChartCategory | undefined {
  return BY_KEY.get(name.trim().toLowerCase());
}

/** The rows ensureDefaultCategories inserts: `{ name, kind }` per default category. */
export function defaultCategoryRows(): { name: string; kind: CashflowKind }[] {
  return DEFAULT_CHART.map(({ name, kind }) => ({ name, kind }));
}
