/**
 * Members and roles of an organisation (admins: users:manage). Adding sets an initial password
 * (no email is sent); an email that already has an account elsewhere gets a membership here
 * and keeps its own password. Role changes (after a step-up, in the route) and removals take
 * effect on the member's next request: readSession re-reads the membership every time.
 * The last admin can be neither demoted nor removed.
 */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { ROLES } from "../domain/permissions.ts";
import { audit } from "./audit.server.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { hashPassword } from "./crypto.server.ts";
import { pgErrorCode, sqlRunner, withScope, withTenant, type Tx } from "./db.server.ts";

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

const roleSchema = z.enum(ROLES, { errorMap: () => ({ message: `Choose a role: ${ROLES.join(", ")}` }) });

export const newMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254, "Keep the email under 254 characters"),
  name: z.string().trim().min(1, "Enter the member's name").max(100, "Keep the name under 100 characters"),
  role: roleSchema,
  // The same rule as a password change (session.server.ts).
  password: z.string().min(12, "Choose an initial password of at least 12 characters").max(1024),
});

export const roleChangeSchema = z.object({ role: roleSchema });

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: string;
  mfaEnabled: boolean;
  joinedAt: string;
  /** When the member last signed in here (their newest session), or null if never. */
  lastSignInAt: string | null;
}

const uuid = (what: string) => z.string().uuid(what);

export async function listMembers(who: Pick<AuthContext, "tenantId">): Promise<MemberView[]> {
  return withTenant(who.tenantId, async (tx) => {
    const rows = await tx.membership.findMany({ where: { tenantId: who.tenantId }, include: { user: true }, orderBy: { createdAt: "asc" } });
    const lastSessions = await tx.session.groupBy({ by: ["userId"], where: { tenantId: who.tenantId }, _max: { createdAt: true } });
    const lastSignIn = new Map(lastSessions.map((s) => [s.userId, s._max.createdAt]));
    return rows.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      mfaEnabled: m.totpEnabledAt !== null,
      joinedAt: m.createdAt.toISOString(),
      lastSignInAt: lastSignIn.get(m.userId)?.toISOString() ?? null,
    }));
  });
}

export async function getMember(who: Pick<AuthContext, "tenantId">, userId: string): Promise<MemberView> {
  const id = uuid(`No member ${userId} in this organisation.`).parse(userId);
  const member = (await listMembers(who)).find((m) => m.userId === id);
  if (!member) throw new AppError("not_found", `No member ${id} in this organisation.`);
  return member;
}

/**
 * Adds a member. A new email becomes an account with the given initial password; an email that
 * already has an account (in another organisation) only gains a membership — its password is
 * left as it is, and `existingAccount` says so.
 */
export async function addMember(who: Who, input: unknown): Promise<{ member: MemberView; existingAccount: boolean }> {
  const data = newMemberSchema.parse(input);
  // Hashing is slow (scrypt): outside the transaction, even if the account turns out to exist.
  const passwordHash = await hashPassword(data.password);
  let existingAccount = false;
  try {
    // The login-email scope lets this transaction see exactly that one account, wherever it is a member.
    await withScope({ tenantId: who.tenantId, loginEmail: data.email }, async (tx) => {
      const found = await tx.user.findUnique({ where: { email: data.email } });
      existingAccount = found !== null;
      const user = found ?? (await tx.user.create({ data: { email: data.email, name: data.name, passwordHash } }));
      const already = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: who.tenantId, userId: user.id } } });
      if (already) throw new AppError("conflict", `${data.email} is already a member of this organisation (${already.role}).`);
      await tx.membership.create({ data: { tenantId: who.tenantId, userId: user.id, role: data.role } });
      await audit(tx, {
        tenantId: who.tenantId,
        ...actorOf(who),
        action: "member.added",
        entityType: "user",
        entityId: user.id,
        // Never the password.
        after: { email: data.email, name: user.name, role: data.role, existingAccount },
        ...who.client,
      });
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new AppError("conflict", `${data.email} was added by someone else just now.`);
    throw error;
  }
  const member = (await listMembers(who)).find((m) => m.email === data.email);
  if (!member) throw new Error(`member ${data.email} vanished right after being added`);
  return { member, existingAccount };
}

/**
 * Serializes role changes and removals within one organisation, so two admins demoting each
 * other at the same moment cannot both pass the last-admin check.
 */
async function lockMembers(tx: Tx, tenantId: string): Promise<void> {
  await sqlRunner(tx)(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [`members:${tenantId}`]);
}

async function memberRow(tx: Tx, tenantId: string, userId: string) {
  const row = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, include: { user: true } });
  if (!row) throw new AppError("not_found", `No member ${userId} in this organisation.`);
  return row;
}

async function refuseLastAdmin(tx: Tx, tenantId: string, email: string, doing: string): Promise<void> {
  const admins = await tx.membership.count({ where: { tenantId, role: "admin" } });
  if (admins <= 1) {
    throw new AppError("conflict", `${email} is the organisation's last admin and cannot be ${doing}: make another member an admin first.`);
  }
}

/** Changes a member's role (the route has required a fresh step-up). Audited with before/after. */
export async function changeMemberRole(who: Who, userId: string, input: unknown): Promise<MemberView> {
  const id = uuid(`No member ${userId} in this organisation.`).parse(userId);
  const { role } = roleChangeSchema.parse(input);
  await withTenant(who.tenantId, async (tx) => {
    await lockMembers(tx, who.tenantId);
    const before = await memberRow(tx, who.tenantId, id);
    if (before.role === role) return;
    if (before.role === "admin") await refuseLastAdmin(tx, who.tenantId, before.user.email, `made ${role}`);
    await tx.membership.update({ where: { tenantId_userId: { tenantId: who.tenantId, userId: id } }, data: { role } });
    await audit(tx, {
      tenantId: who.tenantId,
      ...actorOf(who),
      action: "member.role_changed",
      entityType: "user",
      entityId: id,
      before: { role: before.role },
      after: { role },
      ...who.client,
    });
  });
  return getMember(who, id);
}

/**
 * Removes a member from this organisation: the membership, its second-factor material here, and
 * every session of theirs here end at once. Their account (and other organisations) stay.
 */
export async function removeMember(who: Who, userId: string): Promise<{ removed: string; sessionsEnded: number }> {
  const id = uuid(`No member ${userId} in this organisation.`).parse(userId);
  return withTenant(who.tenantId, async (tx) => {
    await lockMembers(tx, who.tenantId);
    const before = await memberRow(tx, who.tenantId, id);
    if (before.role === "admin") await refuseLastAdmin(tx, who.tenantId, before.user.email, "removed");
    const ended = await tx.session.updateMany({ where: { tenantId: who.tenantId, userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.recoveryCode.deleteMany({ where: { tenantId: who.tenantId, userId: id } });
    await tx.knownDevice.deleteMany({ where: { tenantId: who.tenantId, userId: id } });
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: who.tenantId, userId: id } } });
    await audit(tx, {
      tenantId: who.tenantId,
      ...actorOf(who),
      action: "member.removed",
      entityType: "user",
      entityId: id,
      before: { email: before.user.email, name: before.user.name, role: before.role },
      after: { sessionsEnded: ended.count },
      ...who.client,
    });
    return { removed: id, sessionsEnded: ended.count };
  });
}
