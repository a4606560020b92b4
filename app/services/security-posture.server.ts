/**
 * Gathers what the /security page states, from what is in effect right now: configuration,
 * the session cookie and response headers exactly as the code writes them, this
 * organisation's members, data keys and audit chain (verified on the spot). The wording is
 * app/domain/security-posture.ts.
 */
import { buildSecurityPosture, type PostureInput, type PostureSection } from "../domain/security-posture.ts";
import { securityHeaders } from "../domain/security-headers.ts";
import { auditChainStatus } from "./audit.server.ts";
import { secondFactorGate } from "../domain/session-policy.ts";
import { STEP_UP_MAX_AGE_MS, type AuthContext } from "./auth.server.ts";
import { config } from "./config.server.ts";
import { FIELD_PURPOSE, keyProvider, SEGMENT_BYTES } from "./crypto.server.ts";
import { sqlRunner, withTenant } from "./db.server.ts";
import { tenantKeyStatus } from "./keys.server.ts";
import { clearSessionCookie } from "./session.server.ts";

/** Read off the guard's own rule: what it does with an admin who has no second factor. */
const MFA_REQUIRED_FOR_ADMINS = secondFactorGate({ role: "admin", mfaEnabled: false, mfaVerifiedAt: null }, "/dashboard") === "enrol";

export async function securityPosture(auth: AuthContext, now = new Date()): Promise<PostureSection[]> {
  const c = config();
  const [people, passwordSchemes, keyStatus, chain] = await Promise.all([
    withTenant(auth.tenantId, (tx) =>
      sqlRunner(tx)<{ admins: number; adminsMfa: number; members: number; membersMfa: number }>(
        `SELECT count(*) FILTER (WHERE role = 'admin')::int AS admins,
                count(*) FILTER (WHERE role = 'admin' AND "totpEnabledAt" IS NOT NULL)::int AS "adminsMfa",
                count(*)::int AS members,
                count(*) FILTER (WHERE "totpEnabledAt" IS NOT NULL)::int AS "membersMfa"
           FROM "Membership" WHERE "tenantId" = $1::uuid`,
        [auth.tenantId],
      ),
    ),
    // Only the scheme and its parameters leave the database ("scrypt$N$r$p$salt$hash").
    withTenant(auth.tenantId, (tx) =>
      sqlRunner(tx)<{ scheme: string; params: string; members: number }>(
        `SELECT split_part(u."passwordHash", '$', 1) AS scheme,
                CASE WHEN split_part(u."passwordHash", '$', 1) = 'scrypt'
                     THEN 'N=' || split_part(u."passwordHash", '$', 2) || ', r=' || split_part(u."passwordHash", '$', 3) || ', p=' || split_part(u."passwordHash", '$', 4)
                     ELSE 'unknown parameters' END AS params,
                count(*)::int AS members
           FROM "Membership" m JOIN "User" u ON u.id = m."userId"
          WHERE m."tenantId" = $1::uuid
          GROUP BY 1, 2 ORDER BY 3 DESC`,
        [auth.tenantId],
      ),
    ),
    tenantKeyStatus(withTenant, { id: auth.tenantId, name: auth.tenantName }),
    auditChainStatus(auth.tenantId),
  ]);
  const counts = people[0]!;
  const input: PostureInput = {
    now,
    production: c.production,
    session: {
      idleMinutes: c.session.idleMs / 60_000,
      maxHours: c.session.maxMs / 3_600_000,
      admin:
        c.session.admin.idleMs === c.session.idleMs && c.session.admin.maxMs === c.session.maxMs
          ? null
          : { idleMinutes: c.session.admin.idleMs / 60_000, maxHours: c.session.admin.maxMs / 3_600_000 },
      setCookie: clearSessionCookie(),
    },
    stepUpMinutes: STEP_UP_MAX_AGE_MS / 60_000,
    login: c.login,
    mfa: {
      requiredForAdmins: MFA_REQUIRED_FOR_ADMINS,
      admins: { total: counts.admins, enabled: counts.adminsMfa },
      members: { total: counts.members, enabled: counts.membersMfa },
    },
    keys: {
      provider: c.keys.provider,
      kekId: keyProvider().kekId,
      versions: keyStatus.versions.map((v) => ({ version: v.version, createdAt: v.createdAt, retiredAt: v.retiredAt, current: v.current })),
      pendingReencryption: keyStatus.pendingReencryption,
    },
    audit: chain,
    crypto: { objectSegmentBytes: SEGMENT_BYTES, sealedFieldPurposes: Object.values(FIELD_PURPOSE), passwordSchemes },
    // The same builder the server calls for every response; the nonce is per response.
    headers: securityHeaders({ nonce: "<per-response>", production: c.production }),
    trustProxy: c.trustProxy,
    appOrigin: c.appOrigin ? new URL(c.appOrigin).origin : null,
  };
  return buildSecurityPosture(input);
}
