/**
 * The facts file beside each corpus statement (`NAME.EXT.expected.json`): written by the
 * generators from their own data, checked against the parser by tests/corpus/corpus.ts.
 * Kept free of imports so the generators can use it without loading the parsers.
 */
export interface ExpectedFacts {
  source: string;
  bank: string;
  country: string;
  features?: string[];
  options?: { accountKind?: "bank" | "credit-card"; accountNumber?: string };
  rowCount?: number;
  netSum?: string;
  firstDate?: string;
  lastDate?: string;
  openingBalance?: string;
  closingBalance?: string;
  currency?: string;
  pendingCount?: number;
  /** The file's own balances do not add up (on purpose): the proof must break, not the parse. */
  proofBreaks?: boolean;
  /** Words some row's description or payee must hold, as written: the file's text was decoded right (not only its numbers). */
  textIncludes?: string[];
  /** Checked when given: the reading must be certain ("high") — nothing in it guessed. */
  confidence?: "high" | "low";
  error?: string;
}
