/**
 * The one error shape. Anything the user (or an API client) should read is an AppError:
 * a stable machine code, a specific human message (which file, which row, why) and the
 * HTTP status it maps to. API responses render it as `{ error: { code, message } }`.
 */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "csrf_rejected"
  | "not_found"
  | "conflict"
  | "duplicate_file"
  | "payload_too_large"
  | "length_required"
  | "unsupported_file"
  | "invalid_credentials"
  | "too_many_attempts"
  | "mfa_required"
  | "mfa_enrolment_required"
  | "step_up_required"
  | "locked"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  duplicate_file: 409,
  payload_too_large: 413,
  // A body sent in chunks, with no declared length, where only a bounded one is read.
  length_required: 411,
  unsupported_file: 415,
  invalid_credentials: 401,
  too_many_attempts: 429,
  // Signed in with the password only: the TOTP challenge comes first.
  mfa_required: 401,
  // An admin without MFA: enrolment comes before anything else.
  mfa_enrolment_required: 403,
  // A sensitive action (export, role change, period unlock) needs a fresh TOTP code.
  step_up_required: 403,
  // A locked period or a reconciled row: nothing may change it until an audited unlock.
  locked: 423,
  // A service the answer depends on cannot be reached; nothing was changed.
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
