/**
 * Multi-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step either side) and
 * one-time recovery codes. The TOTP secret is sealed with the organisation's key (field-level
 * encryption); recovery codes are stored only as hashes; a code is never accepted twice; wrong
 * codes are counted per member in Redis (MFA_MAX_FAILURES per window), like passwords.
 *
 * A member with MFA enabled signs in in two steps: the password gives a session whose
 * `mfaVerifiedAt` is null, which the guard lets reach only the challenge; a code (or a recovery
 * code) completes it — with a new session id. The same proof, given again later, is the
 * step-up that exports, role changes and period unlocks require (requireStepUp).
 */
import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { z } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Role } from "../domain/permissions.ts";
import { audit } from "./audit.server.ts";
import { FIELD_PURPOSE, openField, sealField } from "./crypto.server.ts";
import { withTenant, type Tx } from "./db.server.ts";
import { issueSessionCookie, replaceVerifiedSession, type ClientInfo, type SessionContext } from "./session.server.ts";
import { mfaThrottle } from "./throttle.server.ts";

const PURPOSE = FIELD_PURPOSE.totpSecret;
const RECOVERY_CODES = 10;
// One 30-second step either side of now: clocks drift, codes get typed slowly.
const TOLERANCE_SECONDS = 30;

export type Who = Pick<SessionContext, "tenantId" | "sessionId" | "user" | "tenantName" | "role" | "mfaVerifiedAt"> & { client: ClientInfo };

export const codeSchema = z.object({
  code: z.string().trim().min(6, "Enter the 6-digit code from your authenticator app, or a recovery code").max(32),
});

const normalizeRecovery = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
/** How a recovery code is stored (only this hash is kept). */
export const recoveryCodeHash = (code: string) => createHash("sha256").update(normalizeRecovery(code)).digest("hex");

function otpauthUri(secret: string, who: { user: { email: string }; tenantName: string }): string {
  return generateURI({ secret, label: who.user.email, issuer: `Cashline (${who.tenantName})` });
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** A secret was issued and awaits its first code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** Admins must keep it on. */
  mayDisable: boolean;
}

export async function mfaStatus(who: Who): Promise<MfaStatus> {
  return withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    const left = await tx.recoveryCode.count({ where: { tenantId: who.tenantId, userId: who.user.id, usedAt: null } });
    return {
      enabled: membership.totpEnabledAt !== null,
      enabledAt: membership.totpEnabledAt?.toISOString() ?? null,
      pending: membership.totpEnabledAt === null && membership.totpSecret !== null,
      recoveryCodesLeft: membership.totpEnabledAt ? left : 0,
      mayDisable: who.role !== "admin",
    };
  });
}

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
  return { secret, otpauthUri: otpauthUri(secret, who) };
}

/** The secret issued by startEnrolment and not yet proved (to show again), or null. */
export async function pendingEnrolment(who: Who): Promise<{ secret: string; otpauthUri: string } | null> {
  const secret = await withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    if (membership.totpEnabledAt || !membership.totpSecret) return null;
    return openField(tx, who.tenantId, PURPOSE, membership.totpSecret);
  });
  return secret ? { secret, otpauthUri: otpauthUri(secret, who) } : null;
}

/** What a proof that lifts a session to verified returns: the replacement session's cookie. */
export interface SessionChange {
  /** Set when this session was not verified before: it was replaced by a new one (new id). */
  setCookie: string | null;
}

/**
 * Step 2: the first code proves the app holds the secret; MFA goes on, 10 recovery codes are
 * shown this once. The session counts as verified now (a new one if it was not before).
 */
export async function confirmEnrolment(who: Who, input: unknown): Promise<{ recoveryCodes: string[]; sessionId: string } & SessionChange> {
  const { code } = codeSchema.parse(input);
  const result = await throttled(who, () => withTenant(who.tenantId, async (tx) => {
    const membership = await membershipOf(tx, who);
    if (membership.totpEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
    if (!membership.totpSecret) throw new AppError("conflict", "Start the enrolment first: no authenticator secret has been issued.");
    const step = await checkTotp(tx, who.tenantId, membership.totpSecret, code, null);
    if (step === null) throw new WrongCode("code: That code is not right; check the time on your phone and try the current one.");
    const now = new Date();
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } },
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    const recoveryCodes = await replaceRecoveryCodes(tx, who);
    const sessionId = await markVerified(tx, who, now);
    await audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.mfa_enabled", entityType: "user", entityId: who.user.id, ...who.client });
    return { recoveryCodes, sessionId };
  }));
  return { recoveryCodes: result.recoveryCodes, sessionId: result.sessionId, setCookie: await cookieIfReplaced(who, result.sessionId) };
}

/**
 * The challenge (after the password) and the step-up (later): a current TOTP code, or an
 * unused recovery code (then used up). Marks this session verified now — replacing it with a
 * new one when it was password-only.
 */
export async function proveSecondFactor(who: Who, input: unknown): Promise<{ method: "totp" | "recovery_code" } & SessionChange> {
  const { code } = codeSchema.parse(input);
  const result = await throttled(who, () => withTenant(who.tenantId, async (tx) => {
    const method = await acceptCode(tx, who, code);
    const sessionId = await markVerified(tx, who, new Date());
    await audit(tx, {
      tenantId: who.tenantId, actorId: who.user.id, action: method === "totp" ? "auth.mfa_verified" : "auth.recovery_code_used",
      entityType: "session", entityId: sessionId, ...who.client,
    });
    return { method, sessionId };
  }));
  return { method: result.method, setCookie: await cookieIfReplaced(who, result.sessionId) };
}

/** Turns MFA off (a current code, or a recovery code, first). Admins must keep it. */
export async function disableMfa(who: Who, input: unknown): Promise<void> {
  if (who.role === "admin") {
    throw new AppError("forbidden", "Admins must keep two-factor sign-in on. To change phones, ask another admin to make you a non-admin first, or use a recovery code to sign in.");
  }
  const { code } = codeSchema.parse(input);
  await throttled(who, () => withTenant(who.tenantId, async (tx) => {
    const method = await acceptCode(tx, who, code);
    await tx.membership.update({
      where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { tenantId: who.tenantId, userId: who.user.id } });
    await audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action: "auth.mfa_disabled", entityType: "user", entityId: who.user.id, after: { provedWith: method }, ...who.client });
  }));
}

/** New recovery codes (a current code first); the old ones stop working. Shown this once. */
export async function regenerateRecoveryCodes(who: Who, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = codeSchema.parse(input);
  return throttled(who, () => withTenant(who.tenantId, async (tx) => {
    const method = await acceptCode(tx, who, code);
    const recoveryCodes = await replaceRecoveryCodes(tx, who);
    await audit(tx, {
      tenantId: who.tenantId, actorId: who.user.id, action: "auth.recovery_codes_regenerated", entityType: "user", entityId: who.user.id,
      after: { count: recoveryCodes.length, provedWith: method }, ...who.client,
    });
    return { recoveryCodes };
  }));
}

/**
 * Turns TOTP on for a member with a given secret, skipping the proof of a first code: for the
 * demo admin (DEMO_TOTP_SECRET) and test fixtures only, never reachable from a request.
 */
export async function installTotpSecret(tx: Tx, tenantId: string, userId: string, secret: string): Promise<void> {
  await tx.membership.update({
    where: { tenantId_userId: { tenantId, userId } },
    data: { totpSecret: new Uint8Array(await sealField(tx, tenantId, PURPOSE, secret)), totpEnabledAt: new Date(), totpLastStep: null },
  });
}

/** The member's TOTP secret in clear, or null (for printing the demo admin's). */
export async function readTotpSecret(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!membership?.totpSecret || !membership.totpEnabledAt) return null;
  return openField(tx, tenantId, PURPOSE, membership.totpSecret);
}

export function totpUri(secret: string, who: { user: { email: string }; tenantName: string }): string {
  return otpauthUri(secret, who);
}

// ---------------------------------------------------------------------------------------

/** A current TOTP code (advancing the last accepted step) or an unused recovery code (using it). */
async function acceptCode(tx: Tx, who: Who, code: string): Promise<"totp" | "recovery_code"> {
  const membership = await membershipOf(tx, who);
  if (!membership.totpEnabledAt || !membership.totpSecret) {
    throw new AppError("mfa_enrolment_required", "Turn on two-factor sign-in first (Settings → Two-factor sign-in).");
  }
  if (/^\d{6}$/.test(code)) {
    const step = await checkTotp(tx, who.tenantId, membership.totpSecret, code, membership.totpLastStep);
    if (step === null) throw new WrongCode("code: That code is not right (or was already used).");
    await tx.membership.update({ where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } }, data: { totpLastStep: step } });
    return "totp";
  }
  const used = await tx.recoveryCode.updateMany({
    where: { tenantId: who.tenantId, userId: who.user.id, codeHash: recoveryCodeHash(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) throw new WrongCode("code: That code is not right (or was already used).");
  return "recovery_code";
}

async function replaceRecoveryCodes(tx: Tx, who: Who): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => formatRecovery(randomBytes(10).toString("hex")));
  await tx.recoveryCode.deleteMany({ where: { tenantId: who.tenantId, userId: who.user.id } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ tenantId: who.tenantId, userId: who.user.id, codeHash: recoveryCodeHash(c) })) });
  return codes;
}

/** This session is verified now; a session that was not (password only) is replaced. Returns the live id. */
async function markVerified(tx: Tx, who: Who, now: Date): Promise<string> {
  if (who.mfaVerifiedAt === null) return replaceVerifiedSession(tx, who.tenantId, who.sessionId, now);
  await tx.session.update({ where: { tenantId_id: { tenantId: who.tenantId, id: who.sessionId } }, data: { mfaVerifiedAt: now } });
  return who.sessionId;
}

async function cookieIfReplaced(who: Who, sessionId: string): Promise<string | null> {
  return sessionId === who.sessionId ? null : issueSessionCookie(who.tenantId, sessionId, who.role as Role);
}

/** A wrong code: the attempt's transaction rolls back, so the failure is audited in its own. */
class WrongCode extends Error {}

/** Counts wrong codes per member (Redis); past the limit no code is even checked. */
async function throttled<T>(who: Who, attempt: () => Promise<T>): Promise<T> {
  const throttle = mfaThrottle();
  const key = `${who.tenantId}:${who.user.id}`;
  try {
    await throttle.check(key);
  } catch (error) {
    if (isAppError(error) && error.code === "too_many_attempts") await auditOwn(who, "auth.mfa_throttled");
    throw error;
  }
  try {
    const result = await attempt();
    await throttle.succeeded(key);
    return result;
  } catch (error) {
    if (!(error instanceof WrongCode)) throw error;
    await throttle.failed(key);
    await auditOwn(who, "auth.mfa_failed");
    throw new AppError("validation_failed", error.message, { fields: { code: error.message.replace(/^code: /, "") } });
  }
}

function auditOwn(who: Who, action: string): Promise<void> {
  return withTenant(who.tenantId, (tx) =>
    audit(tx, { tenantId: who.tenantId, actorId: who.user.id, action, entityType: "user", entityId: who.user.id, ...who.client }),
  );
}

/** The accepted time step, or null; never a step at or before the last accepted one (replay). */
async function checkTotp(tx: Tx, tenantId: string, sealed: Uint8Array, code: string, lastStep: number | null): Promise<number | null> {
  const secret = await openField(tx, tenantId, PURPOSE, sealed);
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && "timeStep" in result ? Number(result.timeStep) : null;
}

async function membershipOf(tx: Tx, who: Pick<Who, "tenantId" | "user">) {
  const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: who.tenantId, userId: who.user.id } } });
  if (!membership) throw new AppError("unauthenticated", "Sign in first: no valid session.");
  return membership;
}

function formatRecovery(hex: string): string {
  return hex.match(/.{1,5}/g)!.join("-");
}
