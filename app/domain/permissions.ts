/**
 * Who may do what: the single permission table. Every loader and action asks the guard
 * (app/services/auth.server.ts) for one of these permissions; nothing else decides access.
 */
export const ROLES = ["admin", "operator", "data-entry"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const ALL: readonly Role[] = ROLES;
const BOOKS: readonly Role[] = ["admin", "operator"];

export const PERMISSIONS = {
  /** Cash in/out, net, balances: the owner's and bookkeepers' view. */
  "dashboard:view": BOOKS,
  "ledger:read": ALL,
  /** Categorizing and annotating rows in the review queue; reconciled rows stay locked. */
  "ledger:edit": ALL,
  "statements:read": ALL,
  "statements:upload": ALL,
  /** Taking a posted import back out of the ledger is a bookkeeping decision. */
  "statements:undo": BOOKS,
  /** Reconciling an account against a statement's ending balance (locks the cleared rows). */
  "ledger:reconcile": ALL,
  /**
   * Maker-checker: signing rows off, and approving or rejecting the changes data entry proposes
   * to signed-off or reconciled rows (without it, such an edit becomes a proposal).
   */
  "ledger:approve": BOOKS,
  /** Unlocking a completed reconciliation (audited, with a reason). */
  "reconciliation:unlock": BOOKS,
  /** Categorization rules: create, change, delete, preview, export and import (as JSON). */
  "rules:manage": BOOKS,
  /** The chart of categories (add, rename, merge, archive) and the auto-categorization threshold. */
  "categories:manage": BOOKS,
  /** Exporting and importing saved CSV mappings between organisations. */
  "profiles:manage": BOOKS,
  /** Deciding whether a near-duplicate is one: part of reviewing imported rows. */
  "duplicates:resolve": ALL,
  "accounts:read": ALL,
  "accounts:manage": BOOKS,
  /** Reading, verifying and exporting the audit log. */
  "audit:read": ["admin"],
  /** Exporting ledger data (CSV/JSON); exports also need a fresh MFA step-up. */
  "ledger:export": BOOKS,
  /** Members: invite, remove, change roles (role changes need a step-up). */
  "users:manage": ["admin"],
  /** API keys for automation: create (shown once), revoke. */
  "apikeys:manage": ["admin"],
  /** Data-key rotation and re-encryption. */
  "keys:manage": ["admin"],
  /** Organisation settings, and deleting the organisation (crypto-shredding). */
  "settings:manage": ["admin"],
  "tenant:delete": ["admin"],
  /** Closing a period (and the audited, stepped-up unlock): even admins cannot post into it. */
  "locks:manage": ["admin"],
  /** One's own sign-in: sessions, MFA enrolment, password, notifications. */
  "self:manage": ALL,
  /** The /security page: the posture as configured, for anyone signed in. */
  "security:view": ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in: the first page it is allowed to see. */
export function homePath(role: Role): string {
  return can(role, "dashboard:view") ? "/dashboard" : "/uploads";
}
