/**
 * The /security page's statements, built from what is actually in effect: configuration,
 * the cookie and headers the code really writes, this organisation's members, keys and audit
 * chain. Pure — the service gathers the inputs — so a test can show that every statement
 * changes when what it describes changes. A weakness is stated as one (tone "warn"/"bad").
 */

export type Tone = "ok" | "info" | "warn" | "bad";

export interface PostureFact {
  label: string;
  value: string;
  tone: Tone;
}

export interface PostureSection {
  title: string;
  facts: PostureFact[];
}

export interface KeyVersionInput {
  version: number;
  createdAt: string | null;
  retiredAt: string | null;
  current: boolean;
}

export type ChainInput =
  | { ok: true; checked: number; verifiedAt: string }
  | { ok: false; checked: number; seq: string; reason: string; verifiedAt: string };

export interface PostureInput {
  now: Date;
  production: boolean;
  session: {
    idleMinutes: number;
    maxHours: number;
    /** Limits for admins when they differ from everyone's; null: the same for every role. */
    admin: { idleMinutes: number; maxHours: number } | null;
    /** The session cookie as the app serializes it (Set-Cookie), value blanked. */
    setCookie: string;
  };
  stepUpMinutes: number;
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMinutes: number };
  mfa: {
    requiredForAdmins: boolean;
    admins: { total: number; enabled: number };
    members: { total: number; enabled: number };
  };
  keys: {
    provider: "local" | "kms";
    /** The key-encryption key now wrapping new data keys (KMS key id, or local:<fingerprint>). */
    kekId: string;
    versions: KeyVersionInput[];
    /** Files and sealed fields under an older version than the current one. */
    pendingReencryption: number;
  };
  audit: ChainInput;
  crypto: {
    objectSegmentBytes: number;
    sealedFieldPurposes: string[];
    /** Password hash parameters found among this organisation's members, with counts. */
    passwordSchemes: { scheme: string; params: string; members: number }[];
  };
  /** The response headers the server sets (app/domain/security-headers.ts). */
  headers: Record<string, string>;
  trustProxy: boolean;
  appOrigin: string | null;
}

/** Days a data key may serve new writes before the page says it is due for rotation. */
export const KEY_ROTATION_DUE_DAYS = 365;

const DAY_MS = 86_400_000;

export function parseSetCookie(setCookie: string): { name: string; attributes: Map<string, string | true> } {
  const [pair = "", ...rest] = setCookie.split(";").map((s) => s.trim());
  const attributes = new Map<string, string | true>();
  for (const part of rest) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq === -1) attributes.set(part.toLowerCase(), true);
    else attributes.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return { name: pair.split("=")[0]!.trim(), attributes };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ageDays(createdAt: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(createdAt)) / DAY_MS);
}

function sessionSection(input: PostureInput): PostureSection {
  const { session } = input;
  const cookie = parseSetCookie(session.setCookie);
  const flag = (name: string) => cookie.attributes.has(name);
  const sameSite = cookie.attributes.get("samesite");
  const flags = [
    flag("httponly") ? "HttpOnly" : null,
    flag("secure") ? "Secure" : null,
    typeof sameSite === "string" ? `SameSite=${sameSite}` : null,
    typeof cookie.attributes.get("path") === "string" ? `Path=${cookie.attributes.get("path")}` : null,
    cookie.name.startsWith("__Host-") ? "__Host- prefix" : null,
  ].filter((f): f is string => f !== null);
  const missing = [
    flag("httponly") ? null : "not HttpOnly",
    flag("secure") ? null : "not Secure (sent over plain HTTP: development mode)",
    sameSite ? null : "no SameSite",
  ].filter((f): f is string => f !== null);
  const admin = session.admin;
  return {
    title: "Sign-in and sessions",
    facts: [
      {
        label: "Idle timeout",
        value: admin
          ? `${plural(admin.idleMinutes, "minute")} for admins, ${plural(session.idleMinutes, "minute")} for everyone else`
          : `${plural(session.idleMinutes, "minute")}, the same for every role (admins included)`,
        tone: "info",
      },
      {
        label: "Absolute session lifetime",
        value: admin
          ? `${plural(admin.maxHours, "hour")} for admins, ${plural(session.maxHours, "hour")} for everyone else`
          : `${plural(session.maxHours, "hour")}, the same for every role (admins included)`,
        tone: "info",
      },
      {
        label: "Session cookie",
        value: `${cookie.name}: ${flags.join(", ")}; holds only a sealed session id${missing.length ? ` — ${missing.join(", ")}` : ""}`,
        tone: missing.length ? "warn" : "ok",
      },
      {
        label: "Sign-in throttling",
        value: `after ${plural(input.login.maxFailuresPerAccount, "failed attempt")} per account or ${input.login.maxFailuresPerAddress} per address within ${plural(input.login.windowMinutes, "minute")}, sign-in waits (429)`,
        tone: "ok",
      },
      {
        label: "Step-up",
        value: `exports, role changes, period unlocks and deleting the organisation need an authenticator code from the last ${plural(input.stepUpMinutes, "minute")}`,
        tone: "ok",
      },
    ],
  };
}

function mfaSection(input: PostureInput): PostureSection {
  const { admins, members, requiredForAdmins } = input.mfa;
  const allAdmins = admins.enabled === admins.total;
  return {
    title: "Two-factor sign-in (TOTP)",
    facts: [
      {
        label: "Required for admins",
        value: requiredForAdmins
          ? "yes: an admin without it is sent to turn it on before anything else"
          : "no: it is enforced for every member who turned it on, but an admin may still sign in with a password alone",
        tone: requiredForAdmins ? "ok" : "warn",
      },
      {
        label: "Admins with it on",
        value: `${admins.enabled} of ${admins.total}`,
        tone: allAdmins ? "ok" : "warn",
      },
      {
        label: "Members with it on",
        value: `${members.enabled} of ${members.total} (admins included)`,
        tone: members.enabled === members.total ? "ok" : "info",
      },
    ],
  };
}

function keysSection(input: PostureInput): PostureSection {
  const { keys, now } = input;
  const current = keys.versions.find((v) => v.current) ?? null;
  const currentAge = current?.createdAt ? ageDays(current.createdAt, now) : null;
  const facts: PostureFact[] = [
    {
      label: "Key provider",
      value:
        keys.provider === "kms"
          ? `AWS KMS: data keys are wrapped by KMS key ${keys.kekId}, bound to this organisation and key version`
          : `local: data keys are wrapped (AES-256-GCM) by the server's MASTER_KEY (${keys.kekId}), bound to this organisation and key version`,
      tone: keys.provider === "kms" ? "ok" : "info",
    },
    {
      label: "Data-key versions",
      value:
        keys.versions.length === 0
          ? "none yet: this organisation's first key is made with its first upload"
          : `${plural(keys.versions.length, "version")}; current v${current?.version ?? "?"}${currentAge === null ? "" : `, ${plural(currentAge, "day")} old`}`,
      tone: currentAge !== null && currentAge > KEY_ROTATION_DUE_DAYS ? "warn" : "info",
    },
  ];
  for (const v of keys.versions) {
    const state = v.current ? "current: new files and fields" : v.retiredAt ? `retired ${v.retiredAt.slice(0, 10)}: still reads what it protects` : "older: still reads what it protects";
    facts.push({
      label: `Key v${v.version}`,
      value: v.createdAt ? `created ${v.createdAt.slice(0, 10)} (${plural(ageDays(v.createdAt, now), "day")} ago), ${state}` : `missing from the key table — what it protects cannot be read`,
      tone: v.createdAt ? "info" : "bad",
    });
  }
  if (currentAge !== null && currentAge > KEY_ROTATION_DUE_DAYS) {
    facts.push({ label: "Rotation", value: `the current key is over ${KEY_ROTATION_DUE_DAYS} days old: rotate it (cashline keys rotate)`, tone: "warn" });
  }
  if (keys.pendingReencryption > 0) {
    facts.push({
      label: "Re-encryption",
      value: `${plural(keys.pendingReencryption, "file or field", "files and fields")} still under an older key version (cashline keys reencrypt moves them)`,
      tone: "info",
    });
  }
  return { title: "Encryption keys", facts };
}

function cryptoSection(input: PostureInput): PostureSection {
  const { crypto } = input;
  const schemes = crypto.passwordSchemes;
  const membersHashed = schemes.reduce((n, s) => n + s.members, 0);
  return {
    title: "Encryption in use",
    facts: [
      {
        label: "Statement files",
        value: `AES-256-GCM in ${crypto.objectSegmentBytes / 1024} KiB authenticated segments (a reordered or truncated file fails), encrypted before it reaches storage`,
        tone: "ok",
      },
      {
        label: "Sealed fields",
        value: `AES-256-GCM with the organisation's data key, bound to the organisation and to what each value is: ${crypto.sealedFieldPurposes.join(", ")}`,
        tone: "ok",
      },
      {
        label: "Passwords",
        value:
          schemes.length === 0
            ? "no member has a password hash"
            : schemes.map((s) => `${s.scheme} (${s.params}) for ${s.members} of ${membersHashed}`).join("; "),
        tone: schemes.length > 0 && schemes.every((s) => s.scheme === "scrypt") ? "ok" : "warn",
      },
      { label: "Audit chain", value: "SHA-256 over the previous hash and each event", tone: "info" },
    ],
  };
}

function auditSection(input: PostureInput): PostureSection {
  const a = input.audit;
  return {
    title: "Audit log",
    facts: [
      a.ok
        ? { label: "Hash chain", value: `intact: ${plural(a.checked, "event")} verified at ${a.verifiedAt}`, tone: "ok" }
        : {
            label: "Hash chain",
            value: `BROKEN at event ${a.seq}: ${a.reason} (${plural(a.checked, "event")} before it verified, at ${a.verifiedAt})`,
            tone: "bad",
          },
      { label: "Changes", value: "append-only: the app may only add and read events; the database refuses edits and deletes", tone: "ok" },
    ],
  };
}

function browserSection(input: PostureInput): PostureSection {
  const h = input.headers;
  const csp = h["Content-Security-Policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  const framing = csp.includes("frame-ancestors 'none'");
  const hsts = h["Strict-Transport-Security"];
  return {
    title: "Browser and transport",
    facts: [
      {
        label: "Content-Security-Policy",
        value: csp || "not set",
        tone: !csp ? "bad" : scriptSrc.includes("'unsafe-inline'") || scriptSrc.includes("'unsafe-eval'") ? "warn" : "ok",
      },
      {
        label: "Scripts",
        value: scriptSrc.includes("'nonce-")
          ? "only from this site or carrying this response's nonce (no inline or injected scripts)"
          : `script-src: ${scriptSrc || "not restricted"}`,
        tone: scriptSrc.includes("'nonce-") && !scriptSrc.includes("'unsafe-inline'") ? "ok" : "warn",
      },
      { label: "Framing", value: framing ? "refused (frame-ancestors 'none', X-Frame-Options DENY)" : "allowed", tone: framing ? "ok" : "warn" },
      {
        label: "HSTS",
        value: hsts ? hsts : input.production ? "not sent" : "not sent (development mode: served over plain HTTP)",
        tone: hsts ? "ok" : input.production ? "bad" : "info",
      },
      { label: "Permissions-Policy", value: h["Permissions-Policy"] ?? "not set", tone: h["Permissions-Policy"] ? "ok" : "warn" },
      {
        label: "Cross-site requests",
        value: `state-changing requests from another origin are refused (Origin, Sec-Fetch-Site, Referer); this app's origin: ${input.appOrigin ?? "each request's own (APP_ORIGIN not set)"}`,
        tone: "ok",
      },
      {
        label: "Reverse proxy",
        value: input.trustProxy
          ? `trusted (TRUST_PROXY): one hop's X-Forwarded-Proto and -For are used${input.production ? "; plain HTTP is redirected to HTTPS" : ""}`
          : "not trusted (TRUST_PROXY off): the connection's own address and scheme are used",
        tone: "info",
      },
    ],
  };
}

export function buildSecurityPosture(input: PostureInput): PostureSection[] {
  return [sessionSection(input), mfaSection(input), keysSection(input), cryptoSection(input), auditSection(input), browserSection(input)];
}
