/** Bank accounts of a tenant. */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { isCurrencyCode } from "../domain/money.ts";
import { audit } from "./audit.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { pgErrorCode, withTenant } from "./db.server.ts";

export const newAccountSchema = z.object({
  name: z.string().trim().min(1, "Give the account a name").max(100, "Keep the name under 100 characters"),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, "Use a three-letter ISO 4217 currency code such as USD or EUR"),
  kind: z.enum(["checking", "savings", "credit_card"]).default("checking"),
});

export interface AccountView {
  id: string;
  name: string;
  currency: string;
  kind: string;
}

export async function listAccounts(auth: Pick<AuthContext, "tenantId">): Promise<AccountView[]> {
  const rows = await withTenant(auth.tenantId, (tx) =>
    tx.bankAccount.findMany({ where: { tenantId: auth.tenantId }, orderBy: { createdAt: "asc" } }),
  );
  return rows.map(({ id, name, currency, kind }) => ({ id, name, currency, kind }));
}

export async function createAccount(
  auth: Pick<AuthContext, "tenantId" | "user" | "client">,
  input: unknown,
): Promise<AccountView> {
  const data = newAccountSchema.parse(input);
  try {
    return await withTenant(auth.tenantId, async (tx) => {
      const row = await tx.bankAccount.create({ data: { tenantId: auth.tenantId, ...data } });
      await audit(tx, {
        tenantId: auth.tenantId,
        actorId: auth.user.id,
        action: "account.create",
        entityType: "bank_account",
        entityId: row.id,
        after: data,
        ...auth.client,
      });
      return { id: row.id, name: row.name, currency: row.currency, kind: row.kind };
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new AppError("conflict", `An account named "${data.name}" already exists.`);
    throw error;
  }
}
