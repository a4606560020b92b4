/**
 * The demo tenant: "Demo Co", one user per role, an operating account and its statements
 * from fixtures/demo, uploaded through the real pipeline (encrypted, stored, queued, posted
 * by the worker). Safe to run again: everything is found-or-created, and a statement already
 * uploaded is recognized by its hash.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { generateSecret } from "otplib";
import { isAppError } from "../domain/errors.ts";
import type { Role } from "../domain/permissions.ts";
import { config } from "../services/config.server.ts";
import { hashPassword, verifyPassword } from "../services/crypto.server.ts";
import { withScope, withTenant } from "../services/db.server.ts";
import { ensureDefaultCategories } from "../services/categories.server.ts";
import { uploadStatement } from "../services/statements.server.ts";
import { installTotpSecret, readTotpSecret, totpUri } from "../services/mfa.server.ts";

export const DEMO_TENANT_ID = "01960000-0000-7000-8000-00000000dec0";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin" },
  { email: "operator@demo.test", name: "Oscar Operator", role: "operator" },
  { email: "entry@demo.test", name: "Erin Entry", role: "data-entry" },
];
export const DEMO_ACCOUNT = { name: "Operating account", currency: "USD" };

export async function seedDemo(fixturesDir = path.resolve("fixtures/demo")): Promise<{ uploaded: number }> {
  const password = config().demoPassword;
  await withTenant(DEMO_TENANT_ID, async (tx) => {
    await tx.tenant.upsert({ where: { id: DEMO_TENANT_ID }, create: { id: DEMO_TENANT_ID, name: "Demo Co" }, update: {} });
  });
  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const existing = await withScope({ loginEmail: u.email }, (tx) => tx.user.findUnique({ where: { email: u.email } }));
    if (!existing) {
      const created = await withScope({ loginEmail: u.email }, async (tx) =>
        tx.user.create({ data: { email: u.email, name: u.name, passwordHash: await hashPassword(password) } }),
      );
      userIds[u.email] = created.id;
    } else {
      userIds[u.email] = existing.id;
      // DEMO_PASSWORD changed since the last run: the demo logins follow it.
      if (!(await verifyPassword(password, existing.passwordHash))) {
        const passwordHash = await hashPassword(password);
        await withScope({ userId: existing.id }, (tx) => tx.user.update({ where: { id: existing.id }, data: { passwordHash } }));
      }
    }
  }
  const account = await withTenant(DEMO_TENANT_ID, async (tx) => {
    for (const u of DEMO_USERS) {
      const userId = userIds[u.email]!;
      await tx.membership.upsert({
        where: { tenantId_userId: { tenantId: DEMO_TENANT_ID, userId } },
        create: { tenantId: DEMO_TENANT_ID, userId, role: u.role },
        update: { role: u.role },
      });
    }
    await ensureDefaultCategories(tx, DEMO_TENANT_ID);
    return tx.bankAccount.upsert({
      where: { tenantId_name: { tenantId: DEMO_TENANT_ID, name: DEMO_ACCOUNT.name } },
      create: { tenantId: DEMO_TENANT_ID, ...DEMO_ACCOUNT },
      update: {},
    });
  });

  await ensureDemoAdminTotp(userIds["admin@demo.test"]!);

  const admin = { tenantId: DEMO_TENANT_ID, user: { id: userIds["admin@demo.test"]!, email: "admin@demo.test", name: "Ada Admin" }, client: { ip: null, userAgent: "cashline-seed" } };
  const files = (await readdir(fixturesDir)).filter((f) => f.endsWith(".csv")).sort();
  let uploaded = 0;
  for (const file of files) {
    try {
      await uploadStatement(admin, { accountId: account.id, fileName: file, bytes: await readFile(path.join(fixturesDir, file)) });
      uploaded++;
    } catch (error) {
      if (isAppError(error) && error.code === "duplicate_file") continue;
      throw error;
    }
  }
  return { uploaded };
}

/**
 * Admins must use two-factor sign-in, the demo admin too: TOTP is on with DEMO_TOTP_SECRET
 * when set (a changed value replaces the stored one), else with a secret generated once and
 * kept. `npm start` prints it (demoAdminTotp) so the demo stays usable.
 */
async function ensureDemoAdminTotp(userId: string): Promise<void> {
  const wanted = config().demoTotpSecret;
  await withTenant(DEMO_TENANT_ID, async (tx) => {
    const current = await readTotpSecret(tx, DEMO_TENANT_ID, userId);
    if (current !== null && (wanted === null || current === wanted)) return;
    await installTotpSecret(tx, DEMO_TENANT_ID, userId, wanted ?? generateSecret());
  });
}

/** The demo admin's TOTP secret and otpauth URI, for the launcher to print in development. */
export async function demoAdminTotp(): Promise<{ secret: string; otpauthUri: string } | null> {
  const admin = await withScope({ loginEmail: "admin@demo.test" }, (tx) => tx.user.findUnique({ where: { email: "admin@demo.test" } }));
  if (!admin) return null;
  const secret = await withTenant(DEMO_TENANT_ID, (tx) => readTotpSecret(tx, DEMO_TENANT_ID, admin.id));
  return secret ? { secret, otpauthUri: totpUri(secret, { user: { email: admin.email }, tenantName: "Demo Co" }) } : null;
}
