/**
 * Near-duplicates: a new row that resembles one already in the ledger (same amount, a date
 * close by, similar text) but is not provably the same — e.g. the same payment seen in a CSV
 * export and in a PDF statement, described differently. Scored and explained for a person to
 * decide; never merged by us. (Exact duplicates are found by fingerprint in the database.)
 */
import { formatForMessage } from "./balance.ts";
import type { Decimal } from "./money.ts";

export interface ComparableRow {
  date: string;
  amount: Decimal;
  description: string;
}

export interface NearDuplicateVerdict {
  /** 0–100. */
  score: number;
  reason: string;
}

/** Rows at least this alike are shown to a user as possible duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 60;
/** Dates further apart than this are never compared. */
export const NEAR_DUPLICATE_MAX_DAYS = 3;

/** Words that say what was paid to whom: lowercase, no digits-only tokens (card and reference numbers). */
export function descriptionTokens(description: string): Set<string> {
  return new Set(
    description
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length >= 2 && !/^\d+$/.test(t)),
  );
}

/** Jaccard similarity of the description tokens, 0–1. */
export function descriptionSimilarity(a: string, b: string): number {
  const ta = descriptionTokens(a);
  const tb = descriptionTokens(b);
  if (ta.size === 0 && tb.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * How much `row` looks like `existing`: 40 for the same amount, up to 40 for the description,
 * 20/10/5/5 for a date 0/1/2/3 days apart. Different amounts or dates further apart: 0.
 */
export function scoreNearDuplicate(row: ComparableRow, existing: ComparableRow): NearDuplicateVerdict {
  const days = daysBetween(row.date, existing.date);
  if (!row.amount.eq(existing.amount) || days > NEAR_DUPLICATE_MAX_DAYS) {
    return { score: 0, reason: "different amount or more than 3 days apart" };
  }
  const similarity = descriptionSimilarity(row.description, existing.description);
  const datePoints = [20, 10, 5, 5][days] ?? 0;
  const score = Math.round(40 + 40 * similarity + datePoints);
  const when = days === 0 ? "on the same day" : `${days} day${days === 1 ? "" : "s"} apart`;
  const text =
    similarity === 1 ? "the same description" : similarity === 0 ? "different descriptions" : `descriptions ${Math.round(similarity * 100)}% alike`;
  return { score, reason: `same amount ${formatForMessage(row.amount)} ${when}, ${text}` };
}
