/**
 * Do an account's statements follow on from each other? Each statement's opening balance must
 * be the previous one's closing balance; a difference means missing (or extra) statements or
 * rows between them. Periods that overlap are flagged too (their shared rows are recognized as
 * duplicates on import, but the user should know why). Pure: statements in, issues out.
 */
import { formatForMessage } from "./balance.ts";
import type { Decimal } from "./money.ts";

export interface ChainStatement {
  id: string;
  fileName: string;
  /** ISO dates: the period the statement covers (stated by the file, else its first/last row). */
  periodStart: string;
  periodEnd: string;
  openingBalance?: Decimal;
  closingBalance?: Decimal;
}

/** The issue of each statement that does not follow on from the one before it (by period). */
export function checkStatementChain(statements: readonly ChainStatement[]): Map<string, string> {
  const ordered = [...statements].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd) || a.id.localeCompare(b.id),
  );
  const issues = new Map<string, string>();
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const cur = ordered[i]!;
    const problems: string[] = [];
    if (cur.periodStart <= prev.periodEnd) {
      problems.push(
        `its period ${cur.periodStart} – ${cur.periodEnd} overlaps "${prev.fileName}" (${prev.periodStart} – ${prev.periodEnd}); ` +
          `rows already in the ledger from it were recognized as duplicates, not posted twice`,
      );
    }
    // Overlapping statements cannot be compared by balance: the opening of one is a balance
    // somewhere inside the other.
    else if (cur.openingBalance !== undefined && prev.closingBalance !== undefined && !cur.openingBalance.eq(prev.closingBalance)) {
      const difference = cur.openingBalance.sub(prev.closingBalance);
      problems.push(
        `its opening balance ${formatForMessage(cur.openingBalance)} is not the closing balance ${formatForMessage(prev.closingBalance)} ` +
          `of "${prev.fileName}" (${prev.periodEnd}): ${formatForMessage(difference)} is unaccounted for — a statement or rows between them may be missing`,
      );
    }
    if (problems.length) issues.set(cur.id, problems.join("; "));
  }
  return issues;
}
