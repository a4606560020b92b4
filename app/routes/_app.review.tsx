import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReviewGrid } from "~/components/review/review-grid";
import type { GridRow } from "~/components/review/grid-state";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { listCategories } from "~/services/categories.server";
import { listProposals } from "~/services/proposals.server";
import { reviewQueue } from "~/services/review.server";

export const meta: MetaFunction = () => [{ title: "Review · Cashline" }];

/** The review queue as a keyboard grid; edits go through the JSON API (one path for every client). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const [queue, categories, proposals] = await Promise.all([
    reviewQueue(auth, { limit: 200 }),
    listCategories(auth),
    listProposals(auth, { status: "pending" }),
  ]);
  const rows: GridRow[] = queue.items.map((item) => ({
    id: item.id, date: item.date, description: item.description, payee: item.payee, amount: item.amount, currency: item.currency,
    version: item.version, categoryId: item.categoryId, split: false, reasons: item.reasons,
    suggestion: item.suggestion ? { category: item.suggestion.category, confidence: item.suggestion.confidence } : null,
    duplicate: item.duplicate, duplicateMarked: false, status: "idle", message: null,
  }));
  return json({
    rows,
    categories: categories.map(({ id, name, kind }) => ({ id, name, kind })),
    canManageRules: can(auth.role, "rules:manage"),
    canApprove: can(auth.role, "ledger:approve"),
    pendingProposals: proposals.items.length,
  });
}

export default function ReviewPage() {
  const { rows, categories, canManageRules, canApprove, pendingProposals } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Review</h1>
      <p className="muted">
        {rows.length === 0 ? "Nothing waiting." : `${rows.length} row${rows.length === 1 ? "" : "s"} need a person, newest statement first.`}
        {pendingProposals ? (
          <>
            {" "}
            <Link to="/review/proposals">
              {pendingProposals} proposed change{pendingProposals === 1 ? "" : "s"} {canApprove ? "to decide" : "waiting for an operator"}
            </Link>
            .
          </>
        ) : null}
      </p>
      <ReviewGrid rows={rows} categories={categories} canManageRules={canManageRules} />
    </>
  );
}
