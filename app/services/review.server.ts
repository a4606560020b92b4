/**
 * The review workspace's writes and its queue. Every edit names the row's `version` as the
 * editor saw it: a change made against an older version is refused (409 with the row as it
 * is now), so two people never silently overwrite each other. A manual categorization teaches
 * the tenant's model in the same transaction (and unteaches the person's earlier choice for
 * that row), is recorded as a correction — three of the same payee to the same category
 * suggest a rule — and is audited with before and after (app/services/ledger-edits.server.ts).
 * Period locks and reconciled rows are enforced by the database on every write (423); a
 * data-entry member's edit of a reconciled or approved row becomes a proposal for an operator
 * (maker-checker, app/services/proposals.server.ts).
 */
import { z } from "zod";
import { suggestionFor } from "../domain/auto-categorize.ts";
import { type Prediction } from "../domain/categorize.ts";
import { Money } from "../domain/money.ts";
import { type AuthContext } from "./auth.server.ts";
import { autoApplyThreshold, loadModel } from "./categories.server.ts";
import { isoDate, sqlRunner, withTenant } from "./db.server.ts";
import {
  applyCategory, applySplit, categoryChange, checkCategory, checkSplit, rowForEdit, splitChange,
  type CategorizeResult, type EditedRow, type SplitPart, type Who,
} from "./ledger-edits.server.ts";
import { proposeIfProtected, type ProposalView } from "./proposals.server.ts";

export type { CategorizeResult, EditedRow };

const version = z.number({ required_error: "Send the row's version as you saw it" }).int().min(1);
export const categorizeRequest = categoryChange.extend({ version });
export const splitRequest = splitChange.extend({ version });

/** What an edit became: applied, or — for a protected row and a member who cannot approve — a proposal. */
export type Proposed = { proposal: ProposalView };

/** A person sets a row's category (and optionally its note). */
export async function categorizeTransaction(who: Who, transactionId: string, input: unknown): Promise<CategorizeResult | Proposed> {
  const { version: seen, ...change } = categorizeRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const current = await rowForEdit(tx, who.tenantId, transactionId, seen);
    if (change.categoryId) await checkCategory(tx, who.tenantId, change.categoryId);
    const proposal = await proposeIfProtected(tx, who, current, "categorize", change);
    if (proposal) return { proposal };
    return applyCategory(tx, who, current, change, { correctedBy: who.apiKey ? null : who.user.id });
  });
}

/**
 * A person splits a row into parts (each with its own category), or removes its split. The
 * parts must add up to the row exactly (checked here with a specific message, and again by the
 * database); the row's own category gives way to its parts'. Same version rule, locks and
 * maker-checker as categorizing; audited `ledger.split` with the parts before and after.
 */
export async function splitTransaction(who: Who, transactionId: string, input: unknown): Promise<{ row: EditedRow; parts: SplitPart[] } | Proposed> {
  const { version: seen, ...change } = splitRequest.parse(input);
  return withTenant(who.tenantId, async (tx) => {
    const current = await rowForEdit(tx, who.tenantId, transactionId, seen);
    const parts = await checkSplit(tx, who.tenantId, current, change);
    const proposal = await proposeIfProtected(tx, who, current, "split", { parts });
    if (proposal) return { proposal };
    return applySplit(tx, who, current, parts);
  });
}

// ---------------------------------------------------------------------------------------
// The review queue

/** low_confidence: uncategorized, and the model's guess is below the tenant's auto-apply threshold. */
export type ReviewReason = "uncategorized" | "low_confidence" | "proposed_transfer" | "possible_duplicate" | "balance_break";

export interface ReviewItem {
  id: string;
  accountId: string;
  statementId: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
  payee: string | null;
  version: number;
  categoryId: string | null;
  reasons: ReviewReason[];
  /** The strongest open near-duplicate candidate, for marking the row a duplicate (or not). */
  duplicate: { candidateId: string; score: number; reason: string } | null;
  /** The model's best guess for an uncategorized row, with its confidence and runners-up. */
  suggestion: Prediction | null;
}

export const reviewQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * Rows needing a person, newest statement first, each with why: no category yet (with the
 * model's suggestion), a proposed transfer pair to confirm or reject, an open duplicate
 * candidate, or a statement whose balance chain broke.
 */
export async function reviewQueue(who: Pick<AuthContext, "tenantId">, query: unknown): Promise<{ items: ReviewItem[] }> {
  const { limit } = reviewQuerySchema.parse(query ?? {});
  const { rows, model, threshold } = await withTenant(who.tenantId, async (tx) => ({
    rows: await sqlRunner(tx)<{
      id: string; accountId: string; statementId: string; date: Date; amount: string; currency: string; description: string;
      payee: string | null; version: number; categoryId: string | null; uncategorized: boolean; transfer: boolean; broken: boolean;
      candidateId: string | null; score: number | null; reason: string | null;
    }>(
      `SELECT t.id::text AS id, t."accountId"::text AS "accountId", t."statementId"::text AS "statementId", t.date, t.amount::text AS amount,
              t.currency, t.description, t.payee, t.version, t."categoryId"::text AS "categoryId",
              (t."categoryId" IS NULL AND NOT EXISTS (SELECT 1 FROM "TransactionSplit" sp WHERE sp."tenantId" = t."tenantId" AND sp."transactionId" = t.id)) AS uncategorized,
              EXISTS (SELECT 1 FROM "TransferPair" p WHERE p."tenantId" = t."tenantId" AND p.status = 'proposed' AND (p."outgoingId" = t.id OR p."incomingId" = t.id)) AS transfer,
              (t.status = 'review') AS broken, d.id::text AS "candidateId", d.score, d.reason
         FROM "Transaction" t
         JOIN "Statement" s ON s."tenantId" = t."tenantId" AND s.id = t."statementId"
         LEFT JOIN LATERAL (SELECT d.id, d.score, d.reason FROM "DuplicateCandidate" d
                             WHERE d."tenantId" = t."tenantId" AND d.status = 'open' AND d."transactionId" = t.id
                             ORDER BY d.score DESC, d.id LIMIT 1) d ON true
        WHERE t."tenantId" = $1::uuid AND t.status IN ('posted', 'review') AND t."reconciledAt" IS NULL
          AND (t."categoryId" IS NULL OR t.status = 'review'
               OR EXISTS (SELECT 1 FROM "TransferPair" p WHERE p."tenantId" = t."tenantId" AND p.status = 'proposed' AND (p."outgoingId" = t.id OR p."incomingId" = t.id))
               OR EXISTS (SELECT 1 FROM "DuplicateCandidate" d WHERE d."tenantId" = t."tenantId" AND d.status = 'open' AND d."transactionId" = t.id))
        ORDER BY s."uploadedAt" DESC, t."sourceRow" ASC
        LIMIT $2`,
      [who.tenantId, limit],
    ),
    model: await loadModel(tx, who.tenantId),
    threshold: await autoApplyThreshold(tx, who.tenantId),
  }));
  return {
    items: rows
      .map((r) => {
        const reasons: ReviewReason[] = [];
        if (r.uncategorized) reasons.push("uncategorized");
        if (r.transfer) reasons.push("proposed_transfer");
        if (r.candidateId) reasons.push("possible_duplicate");
        if (r.broken) reasons.push("balance_break");
        const amount = Money.of(r.amount, r.currency);
        const suggestion = r.uncategorized ? suggestionFor(model, { description: r.description, amount }) : null;
        if (suggestion && suggestion.confidence < threshold) reasons.splice(1, 0, "low_confidence");
        return {
          id: r.id, accountId: r.accountId, statementId: r.statementId, date: isoDate(r.date), amount: amount.toDecimalString(),
          currency: r.currency, description: r.description, payee: r.payee, version: r.version, categoryId: r.categoryId, reasons,
          duplicate: r.candidateId ? { candidateId: r.candidateId, score: r.score!, reason: r.reason! } : null,
          suggestion,
        };
      })
      .filter((item) => item.reasons.length > 0),
  };
}
