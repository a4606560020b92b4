/**
 * What makes two ledger rows "the same transaction" — the one definition, used by every import.
 *
 *   identity    = the bank's own id for the row when it gives one (OFX FITID, CAMT reference …)
 *                 with the row's date and amount, else date | amount | description (case and
 *                 runs of whitespace ignored);
 *   fingerprint = md5(account | identity | occurrence), where occurrence counts equal identities
 *                 within one statement — so two identical coffees on one day stay two rows,
 *                 and a statement that overlaps another matches its rows one to one.
 *
 * Rows are matched within one day (the ledger's unique index is on account, date, fingerprint,
 * which keeps date-ordered imports appending to it): a bank id seen again on another day is at
 * most a near-duplicate, shown to a person. The bank id alone is not the identity, because
 * banks reuse them: Chase gives a card purchase's foreign-transaction fee, and a rewards credit
 * redeemed against it, the purchase's FITID; Banco do Brasil repeats FITIDs within a file. With
 * the date and amount beside it, a reused id can neither make a different transaction a
 * "duplicate" nor shift the occurrence numbers of the rows that share it; the text still plays
 * no part (banks rewrite it between downloads).
 *
 * Computed in two places that must agree exactly: here, by the worker, for files in date order
 * (occurrences counted per batch; batches are cut where the date changes), and in SQL for a
 * file out of order (app/services/statement-processing.server.ts, StagedBatch: md5(identity)::uuid,
 * row_number() per identity key, md5(account | key | occurrence)). fingerprint.test.ts pins
 * values PostgreSQL computed.
 */
import { hash } from "node:crypto";
import type { Decimal } from "./money.ts";
import { collapseWhitespace } from "./text.ts";

export interface IdentifiableRow {
  date: string;
  amount: Decimal;
  description: string;
  bankId?: string;
}

/** Description as compared: trimmed, lowercased, any run of whitespace (incl. no-break) one space. */
export function normalizedDescription(description: string): string {
  // (\s includes the no-break spaces U+00A0, U+2007 and U+202F.)
  return collapseWhitespace(description).trim().toLowerCase();
}

export function transactionIdentity(row: IdentifiableRow): string {
  // Four decimals, as stored (numeric(20,4)): "-4.5" and "-4.50" are the same amount.
  const amount = row.amount.textAtScale(4);
  if (row.bankId) return `id|${row.bankId}|${row.date}|${amount}`;
  return `${row.date}|${amount}|${normalizedDescription(row.description)}`;
}

/** md5 of the identity as a uuid-shaped 128-bit key — what the import's SQL computes as md5(identity)::uuid. */
export function identityKey(row: IdentifiableRow): string {
  // crypto.hash: one call, no Hash object — half the cost of createHash for strings this short.
  return uuidShaped(hash("md5", transactionIdentity(row), "hex"));
}

/** md5(account | identity key | occurrence), hex — what the set-based SQL path computes. */
export function rowFingerprint(accountId: string, key: string, occurrence: number): string {
  return hash("md5", `${accountId}|${key}|${occurrence}`, "hex");
}

/**
 * The fingerprints of one batch's rows, occurrences counted in the order the rows come — what a
 * Map of every identity in the batch would give, with less kept per row. Every identity
 * includes its date, so while the rows' dates keep going one way (either), only the current
 * date's identities can still repeat: those are all the Map holds. Each row's identity digest
 * is kept as 16 bytes outside the JavaScript heap; when a date comes back after another, the
 * counts of every row so far are rebuilt from them once and kept whole for the rest of the batch.
 */
export class BatchFingerprints {
  private digests = Buffer.allocUnsafe(16 * 1024);
  private dated = 0;
  private date: string | undefined;
  private readonly passedDates = new Set<string>();
  /** The current date's identities until a date comes back; from then on, all of the batch's. */
  private counts = new Map<string, number>();
  private whole = false;

  constructor(private readonly accountId: string) {}

  /** The next row's fingerprint. */
  next(row: IdentifiableRow): string {
    const digest = hash("md5", transactionIdentity(row), "hex");
    if (row.date !== this.date) this.enterDate(row.date);
    const occurrence = (this.counts.get(digest) ?? 0) + 1;
    this.counts.set(digest, occurrence);
    if (this.digests.length < (this.dated + 1) * 16) {
      const grown = Buffer.allocUnsafe(this.digests.length * 2);
      this.digests.copy(grown);
      this.digests = grown;
    }
    this.digests.write(digest, this.dated++ * 16, "hex");
    return rowFingerprint(this.accountId, uuidShaped(digest), occurrence);
  }

  private enterDate(date: string): void {
    if (this.date !== undefined) this.passedDates.add(this.date);
    this.date = date;
    if (this.whole) return;
    if (!this.passedDates.has(date)) {
      this.counts = new Map();
      return;
    }
    // A date came back: count every row so far, and keep counting them all.
    this.whole = true;
    this.counts = new Map();
    for (let i = 0; i < this.dated; i++) {
      const digest = this.digests.toString("hex", i * 16, i * 16 + 16);
      this.counts.set(digest, (this.counts.get(digest) ?? 0) + 1);
    }
  }
}

function uuidShaped(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
