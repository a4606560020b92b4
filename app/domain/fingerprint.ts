/**
 * What makes two ledger rows "the same transaction" — the one definition, used by every import.
 *
 *   identity    = the bank's own id for the row when it gives one (OFX FITID, CAMT reference …),
 *                 else date | amount | description (case and runs of whitespace ignored);
 *   fingerprint = md5(account | identity | occurrence), where occurrence counts equal identities
 *                 within one statement — so two identical coffees on one day stay two rows,
 *                 and a statement that overlaps another matches its rows one to one.
 *
 * Rows are matched within one day (the ledger's unique index is on account, date, fingerprint,
 * which keeps date-ordered imports appending to it): a bank id seen again on another day is at
 * most a near-duplicate, shown to a person.
 *
 * Computed in two places that must agree exactly: here, by the worker, for files in date order
 * (occurrences counted per batch; batches are cut where the date changes), and in SQL for a
 * file out of order (app/services/statement-processing.server.ts, StagedBatch: md5(identity)::uuid,
 * row_number() per identity key, md5(account | key | occurrence)). fingerprint.test.ts pins
 * values PostgreSQL computed.
 */
import { hash } from "node:crypto";
import type { Decimal } from "./money.ts";

export interface IdentifiableRow {
  date: string;
  amount: Decimal;
  description: string;
  bankId?: string;
}

/** Description as compared: trimmed, lowercased, any run of whitespace (incl. no-break) one space. */
export function normalizedDescription(description: string): string {
  return description.replace(/[\s\u00a0\u2007\u202f]+/g, " ").trim().toLowerCase();
}

export function transactionIdentity(row: IdentifiableRow): string {
  if (row.bankId) return `id|${row.bankId}`;
  // Four decimals, as stored (numeric(20,4)): "-4.5" and "-4.50" are the same amount.
  return `${row.date}|${row.amount.rescale(4).toString()}|${normalizedDescription(row.description)}`;
}

/** md5 of the identity as a uuid-shaped 128-bit key — what the import's SQL computes as md5(identity)::uuid. */
export function identityKey(row: IdentifiableRow): string {
  // crypto.hash: one call, no Hash object — half the cost of createHash for strings this short.
  const h = hash("md5", transactionIdentity(row), "hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** md5(account | identity key | occurrence), hex — what the set-based SQL path computes. */
export function rowFingerprint(accountId: string, key: string, occurrence: number): string {
  return hash("md5", `${accountId}|${key}|${occurrence}`, "hex");
}
