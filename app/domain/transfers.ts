/**
 * Transfers between the tenant's own accounts: money that left one account and arrived in
 * another is not income or spending. A pair is proposed when two rows have opposite amounts
 * (exactly), the same currency, different accounts and dates at most `maxDays` apart; a
 * person confirms or rejects it, and a rejected pair is never proposed again.
 *
 * Deterministic and independent of input order: candidates are ranked by the days between
 * them (closest first), then by the outgoing row's date, then by the ids; each row ends up in
 * at most one pair, taken greedily in that order. Pure.
 */
import { daysBetween } from "./dates.ts";
import type { Decimal } from "./money.ts";

export const DEFAULT_TRANSFER_MAX_DAYS = 3;

export interface TransferCandidateRow {
  id: string;
  accountId: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Negative = money leaving the account. */
  amount: Decimal;
  currency: string;
}

export interface ProposedTransfer {
  outgoingId: string;
  incomingId: string;
  /** The amount that moved (positive). */
  amount: Decimal;
  currency: string;
  /** Whole days between the two rows' dates. */
  days: number;
}

export interface TransferOptions {
  maxDays?: number;
  /** Pairs a person rejected, as transferPairKey(outgoingId, incomingId). */
  rejected?: ReadonlySet<string>;
}

/** How a pair is remembered (e.g. a rejected one): outgoing row id, then incoming. */
export function transferPairKey(outgoingId: string, incomingId: string): string {
  return `${outgoingId}>${incomingId}`;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function shiftDate(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO date: "${iso}"`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Index of the first row dated on or after `date` (rows sorted by date). */
function firstOnOrAfter(rows: readonly TransferCandidateRow[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function proposeTransfers(rows: readonly TransferCandidateRow[], options: TransferOptions = {}): ProposedTransfer[] {
  const maxDays = options.maxDays ?? DEFAULT_TRANSFER_MAX_DAYS;
  if (!Number.isInteger(maxDays) || maxDays < 0) throw new RangeError(`maxDays must be a whole number of days ≥ 0, not ${maxDays}`);
  const rejected = options.rejected ?? new Set<string>();

  // Rows that could pair share currency and magnitude: compare only within those groups.
  const groups = new Map<string, { out: TransferCandidateRow[]; in: TransferCandidateRow[] }>();
  for (const row of rows) {
    if (row.amount.isZero()) continue;
    const key = `${row.currency} ${row.amount.abs().rescale(row.amount.significantScale()).toString()}`;
    const group = groups.get(key) ?? { out: [], in: [] };
    (row.amount.isNegative() ? group.out : group.in).push(row);
    groups.set(key, group);
  }

  const candidates: { out: TransferCandidateRow; in: TransferCandidateRow; days: number }[] = [];
  for (const group of groups.values()) {
    if (group.out.length === 0 || group.in.length === 0) continue;
    // Incoming rows by date, so each outgoing row looks only at its window of dates.
    const incoming = [...group.in].sort((a, b) => compareText(a.date, b.date));
    for (const out of group.out) {
      const from = shiftDate(out.date, -maxDays);
      const to = shiftDate(out.date, maxDays);
      for (let k = firstOnOrAfter(incoming, from); k < incoming.length && incoming[k]!.date <= to; k++) {
        const inc = incoming[k]!;
        if (out.accountId === inc.accountId) continue;
        if (rejected.has(transferPairKey(out.id, inc.id))) continue;
        candidates.push({ out, in: inc, days: Math.abs(daysBetween(out.date, inc.date)) });
      }
    }
  }
  candidates.sort(
    (a, b) =>
      a.days - b.days ||
      compareText(a.out.date, b.out.date) ||
      compareText(a.out.id, b.out.id) ||
      compareText(a.in.date, b.in.date) ||
      compareText(a.in.id, b.in.id),
  );

  const used = new Set<string>();
  const pairs: ProposedTransfer[] = [];
  for (const c of candidates) {
    if (used.has(c.out.id) || used.has(c.in.id)) continue;
    used.add(c.out.id);
    used.add(c.in.id);
    pairs.push({ outgoingId: c.out.id, incomingId: c.in.id, amount: c.in.amount, currency: c.in.currency, days: c.days });
  }
  return pairs;
}
