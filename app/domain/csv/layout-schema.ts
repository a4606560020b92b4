/**
 * The shape of a CSV layout when it comes from outside — a user's corrected mapping, or a
 * profile file imported from another tenant: validated before it reaches the reader, with
 * messages that say which field is wrong.
 */
import { z } from "zod";
import type { CsvLayout } from "./layout.ts";

const ROLES = [
  "date", "valueDate", "description", "payee", "payer", "amount", "debit", "credit", "fee", "hold", "direction",
  "balance", "currency", "category", "reference", "status", "ignore",
] as const;

const column = z.object({
  index: z.number().int().min(0).max(500),
  role: z.enum(ROLES),
  name: z.string().max(200).optional(),
  decimalSeparator: z.enum([".", ","]).optional(),
  unique: z.boolean().optional(),
  before: z.boolean().optional(),
  quoted: z.boolean().optional(),
  stamp: z.string().min(1).max(200).optional(),
  current: z.boolean().optional(),
});

export const csvLayoutSchema = z
  .object({
    version: z.literal(1),
    encoding: z.string().max(40).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]),
    headerLine: z.number().int().min(1).nullable(),
    headerCells: z.array(z.string().max(200)).max(500).optional(),
    dataStartLine: z.number().int().min(1),
    fieldCount: z.number().int().min(1).max(500),
    columns: z.array(column).min(1).max(500),
    dateOrder: z.enum(["day-first", "month-first"]),
    sign: z.enum(["as-printed", "inverted", "credits-marked"]),
    directionValues: z.object({ debit: z.array(z.string().max(40)).max(20), credit: z.array(z.string().max(40)).max(20) }).optional(),
    blocks: z.object({ keys: z.array(z.string().min(1).max(40)).min(2).max(20) }).optional(),
    textMarker: z.boolean().optional(),
    headerCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
    accountHolder: z.string().min(1).max(200).optional(),
    fileOrder: z.enum(["oldest-first", "newest-first", "unknown"]),
    fingerprint: z.string().min(1).max(100),
  })
  .superRefine((layout, ctx) => {
    const roles = layout.columns.map((c) => c.role);
    const count = (role: (typeof ROLES)[number]) => roles.filter((r) => r === role).length;
    if (count("date") !== 1) ctx.addIssue({ code: "custom", path: ["columns"], message: "exactly one column must be the date" });
    const signed = count("amount") === 1;
    const split = count("debit") === 1 && count("credit") === 1;
    if (signed === split) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: "choose either one amount column, or one debit and one credit column" });
    }
    if (count("direction") > 0 && !signed) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: "a direction column goes with a single amount column" });
    }
    if (count("description") + count("payee") === 0) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: "at least one column must be the description or payee" });
    }
    for (const role of ["valueDate", "balance", "currency", "category", "reference", "status", "direction", "fee", "hold", "payer"] as const) {
      if (count(role) > 1) ctx.addIssue({ code: "custom", path: ["columns"], message: `only one column can be the ${role}` });
    }
    const indexes = layout.columns.map((c) => c.index);
    if (new Set(indexes).size !== indexes.length) ctx.addIssue({ code: "custom", path: ["columns"], message: "a column is mapped twice" });
    if (indexes.some((i) => i >= layout.fieldCount)) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: `column numbers must be below the file's ${layout.fieldCount} fields` });
    }
  }) satisfies z.ZodType<CsvLayout>;

/** A profile as exported and imported between tenants: data only. */
export const importProfileSchema = z.object({
  name: z.string().trim().min(1).max(120),
  format: z.literal("csv"),
  fingerprint: z.string().min(1).max(100),
  layout: csvLayoutSchema,
});
export type ImportProfileData = z.infer<typeof importProfileSchema>;
