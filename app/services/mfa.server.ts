/**
 * Multi-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step either side) and
 * one-time recovery codes. The TOTP secret is sealed with the organisation's key (field-level
 * encryption); recovery codes are stored only as hashes; a code is never accepted twice.
 *
 * A member with MFA enabled signs in in two steps: the password gives a session whose
 * `mfaVerifiedAt` is null, which the guard lets reach only the challenge; a code (or a recovery
 * code) completes it. The same proof, given again later, is the step-up that exports, role
 * changes and period unlocks require (requireStepUp).
 */
import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { audit } from "./audit.server.ts";
import { openField, sealField } from "./crypto.server.ts";
import { withTenant, type Tx } from "./db.server.ts";
import type { ClientInfo, SessionContext } from "./session.server.ts";

const PURPOSE = "totp-secret";
const RECOVERY_CODES = 10;
// One 30-second step either side of now: clocks drift, codes get typed slowly.
const TOLERANCE_SECONDS = 30;

type Who = Pick<SessionContext, "tenantId" | "sessionId" | "user" | "tenantName"> & { client: ClientInfo };

export const codeSchema = z.object({
  code: z.string().trim().min(6, "Enter the 6-digit code from your authenticator app, or a recovery code").max(32),
});

const hashCode = (code: string) => createHash("sha256").update(normalizeRecovery(code)).digest("hex");
const normalizeRecovery = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

/** Step 1: a new secret for this member (not active until a code proves it). */
export async function startEnrolment(who: Who): Promise<{ secret: string; otpauthUri: string }> {
  const secret = generateSecret();
  await withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    if (membership.totpEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on; turn it off first to enrol a new device.");
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } },
      data: { totpSecret: new Uint8Array(await sealField(tx, who.tenantId, PURPOSE, secret)), totpLastStep: null },
    });
  });
  return { secret, otpauthUri: generateURI({ secret, label: who.user.email, issuer: `Cashline (${who.tenantName})` }) };
}

/** Step 2: the first code proves the app holds the secret; MFA goes on, recovery codes are shown once. */
export async function confirmEnrolment(who: Who, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = codeSchema.parse(input);
  return auditedWrongCodes(who, () => withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    if (membership.totpEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
    if (!membership.totpSecret) throw new AppError("conflict", "Start the enrolment first: no authenticator secret has been issued.");
    const step = await checkTotp(tx, who, membership.totpSecret, code, null);
    if (step === null) throw new WrongCode("code: That code is not right; check the time on your phone and try the current one.");
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => formatRecovery(randomBytes(10).toString("hex")));
    const now = new Date();
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } },
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    await tx.recoveryCode.deleteMany({ where: { tenantId: who.tenantId, userId: who.user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ tenantId: who.tenantId, userId: who.user.id, codeHash: hashCode(c) })) });
    await tx.session.update({ where: { tenantId_id: { tenantId: who.tenantId, id: who.sessionId } }, data: { mfaVerifiedAt: now } });
    await audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.mfa_enabled", entityType: "user", entityId: who.user.id, ...who.client });
    return { recoveryCodes };
  }));
}

/**
 * The challenge (after the password) and the step-up (later): a current TOTP code, or an
 * unused recovery code (then used up). Marks this session verified now.
 */
export async function proveSecondFactor(who: Who, input: unknown): Promise<{ method: "totp" | "recovery_code" }> {
  const { code } = codeSchema.parse(input);
  return auditedWrongCodes(who, () => withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    if (!membership.totpEnabledAt || !membership.totpSecret) {
      throw new AppError("mfa_enrolment_required", "Turn on two-factor sign-in first (Settings → Two-factor sign-in).");
    }
    let method: "totp" | "recovery_code" | null = null;
    const step = /^\d{6}$/.test(code) ? await checkTotp(tx, who, membership.totpSecret, code, membership.totpLastStep) : null;
    if (step !== null) {
      method = "totp";
      await tx.membership.update({ where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } }, data: { totpLastStep: step } });
    } else if (!/^\d{6}$/.test(code)) {
      const used = await tx.recoveryCode.updateMany({
        where: { tenantId: who.tenantId, userId: who.user.id, codeHash: hashCode(code), usedAt: null },
        data: { usedAt: new Date() },
      });
      if (used.count === 1) method = "recovery_code";
    }
    if (method === null) throw new WrongCode("code: That code is not right (or was already used).");
    await tx.session.update({ where: { tenantId_id: { tenantId: who.tenantId, id: who.sessionId } }, data: { mfaVerifiedAt: new Date() } });
    await audit(tx, {
      tenantId: who.tenantId, actorId: who.user.id, action: method === "totp" ? "auth.mfa_verified" : "auth.recovery_code_used",
      entityType: "session", entityId: who.sessionId, ...who.client,
    });
    return { method };
  }));
}

/** A wrong code: the attempt's transaction rolls back, so the failure is audited in its own. */
class WrongCode extends Error {}

async function auditedWrongCodes<T>(who: Who, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof WrongCode)) throw error;
    await withTenant(who.tenantId, (tx) =>
      audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.mfa_failed", entityType: "user", entityId: who.user.id, ...who.client }),
    );
    throw new AppError("validation_failed", error.message);
  }
}

/** The accepted time step, or null; never a step at or before the last accepted one (replay). */
async function checkTotp(tx: Tx, who: Who, sealed: Uint8Array, code: string, lastStep: number | null): Promise<number | null> {
  const secret = await openField(tx, who.tenantId, PURPOSE, sealed);
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && "timeStep" in result ? Number(result.timeStep) : null;
}

async function membershipOf(tx: Tx, who: Who) {
  const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } } });
  if (!membership) throw new AppError("unauthenticated", "Sign in first: no valid session.");
  return membership;
}

function formatRecovery(hex: string): string {
  return hex.match(/.{1,5}/g)!.join("-");
}
