/** Bank accounts of a tenant. */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { isCurrencyCode } from "../domain/money.ts";
import { audit } from "./audit.server.ts";
import { actorOf } from "./auth.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { FIELD_PURPOSE, sealField } from "./crypto.server.ts";
import { pgErrorCode, withTenant, type Tx } from "./db.server.ts";

/**
 * A bank account number (or IBAN) as the bank prints it. Kept as typed (trimmed); sealed with
 * the tenant's data key, so only its last four letters or digits are ever readable.
 */
export const accountNumberSchema = z
  .string()
  .trim()
  .max(64, "Keep the account number under 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, "Use letters, digits, spaces, dots, dashes or slashes only")
  .refine((v) => alphanumerics(v).length >= 4, "An account number has at least 4 letters or digits");

const accountName = z.string().trim().min(1, "Give the account a name").max(100, "Keep the name under 100 characters");

export const newAccountSchema = z.object({
  name: accountName,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, "Use a three-letter ISO 4217 currency code such as USD or EUR"),
  kind: z.enum(["checking", "savings", "credit_card"]).default("checking"),
  accountNumber: accountNumberSchema.optional(),
});

export const accountUpdateSchema = z
  .object({
    name: accountName.optional(),
    /** null removes the number. */
    accountNumber: accountNumberSchema.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.accountNumber !== undefined, "Send a name or an accountNumber to change");

export interface AccountView {
  id: string;
  name: string;
  currency: string;
  kind: string;
  /** The number masked to its last four characters ("••••1234"); null when none is on file. */
  accountNumberLast4: string | null;
}

function alphanumerics(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, "");
}

export function lastFour(accountNumber: string): string {
  return alphanumerics(accountNumber).slice(-4);
}

export function maskedLastFour(last4: string | null): string | null {
  return last4 === null ? null : `••••${last4}`;
}

type AccountRow = { id: string; name: string; currency: string; kind: string; accountNumberLast4: string | null };

function accountView(row: AccountRow): AccountView {
  return { id: row.id, name: row.name, currency: row.currency, kind: row.kind, accountNumberLast4: maskedLastFour(row.accountNumberLast4) };
}

async function sealedNumber(tx: Tx, tenantId: string, accountNumber: string) {
  return {
    accountNumber: new Uint8Array(await sealField(tx, tenantId, FIELD_PURPOSE.accountNumber, accountNumber)),
    accountNumberLast4: lastFour(accountNumber),
  };
}

export async function listAccounts(auth: Pick<AuthContext, "tenantId">): Promise<AccountView[]> {
  const rows = await withTenant(auth.tenantId, (tx) =>
    tx.bankAccount.findMany({ where: { tenantId: auth.tenantId }, orderBy: { createdAt: "asc" } }),
  );
  return rows.map(accountView);
}

export async function createAccount(
  auth: Pick<AuthContext, "tenantId" | "user" | "client">,
  input: unknown,
): Promise<AccountView> {
  const { accountNumber, ...data } = newAccountSchema.parse(input);
  try {
    return await withTenant(auth.tenantId, async (tx) => {
      const number = accountNumber === undefined ? {} : await sealedNumber(tx, auth.tenantId, accountNumber);
      const row = await tx.bankAccount.create({ data: { tenantId: auth.tenantId, ...data, ...number } });
      await audit(tx, {
        tenantId: auth.tenantId,
        ...actorOf(auth),
        action: "account.create",
        entityType: "bank_account",
        entityId: row.id,
        // Never the number itself: the audit log is not encrypted.
        after: { ...data, accountNumberLast4: row.accountNumberLast4 },
        ...auth.client,
      });
      return accountView(row);
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new AppError("conflict", `An account named "${data.name}" already exists.`);
    throw error;
  }
}

export async function updateAccount(
  auth: Pick<AuthContext, "tenantId" | "user" | "client">,
  accountId: string,
  input: unknown,
): Promise<AccountView> {
  const change = accountUpdateSchema.parse(input);
  try {
    return await withTenant(auth.tenantId, async (tx) => {
      const before = await tx.bankAccount.findUnique({ where: { tenantId_id: { tenantId: auth.tenantId, id: accountId } } });
      if (!before) throw new AppError("not_found", `No bank account ${accountId} in this organisation.`);
      const number =
        change.accountNumber === undefined
          ? {}
          : change.accountNumber === null
            ? { accountNumber: null, accountNumberLast4: null }
            : await sealedNumber(tx, auth.tenantId, change.accountNumber);
      const row = await tx.bankAccount.update({
        where: { tenantId_id: { tenantId: auth.tenantId, id: accountId } },
        data: { ...(change.name !== undefined ? { name: change.name } : {}), ...number },
      });
      await audit(tx, {
        tenantId: auth.tenantId,
        ...actorOf(auth),
        action: "account.update",
        entityType: "bank_account",
        entityId: row.id,
        before: { name: before.name, accountNumberLast4: before.accountNumberLast4 },
        after: { name: row.name, accountNumberLast4: row.accountNumberLast4 },
        ...auth.client,
      });
      return accountView(row);
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new AppError("conflict", `An account named "${change.name}" already exists.`);
    throw error;
  }
}
