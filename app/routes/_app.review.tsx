import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ReviewGrid } from "~/components/review/review-grid";
import type { GridRow } from "~/components/review/grid-state";
import { FormResultMessage, type FormResult } from "~/components/form-result";
import { formatAmount } from "~/domain/money";
import { can } from "~/domain/permissions";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { categorizeWaitingRows, listCategories } from "~/services/categories.server";
import { formFailure } from "~/services/form.server";
import { listProposals } from "~/services/proposals.server";
import { reviewQueue } from "~/services/review.server";
import { decideTransfer, listTransferPairs } from "~/services/transfers.server";

export const meta: MetaFunction = () => [{ title: "Review · Cashline" }];

/** The review queue as a keyboard grid; edits go through the JSON API (one path for every client). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const [queue, categories, proposals, transfers, accounts] = await Promise.all([
    reviewQueue(auth, { limit: 200 }),
    listCategories(auth),
    listProposals(auth, { status: "pending" }),
    listTransferPairs(auth, { status: "proposed" }),
    listAccounts(auth),
  ]);
  const rows: GridRow[] = queue.items.map((item) => ({
    id: item.id, date: item.date, description: item.description, payee: item.payee, amount: item.amount, currency: item.currency,
    version: item.version, categoryId: item.categoryId, split: false, reasons: item.reasons,
    suggestion: item.suggestion ? { category: item.suggestion.category, confidence: item.suggestion.confidence } : null,
    duplicate: item.duplicate, duplicateMarked: false, approved: false, status: "idle", message: null,
  }));
  return json({
    rows,
    categories: categories.map(({ id, name, kind }) => ({ id, name, kind })),
    canManageRules: can(auth.role, "rules:manage"),
    canApprove: can(auth.role, "ledger:approve"),
    pendingProposals: proposals.items.length,
    transfers: transfers.items,
    accountNames: Object.fromEntries(accounts.map((a) => [a.id, a.name])),
  });
}

type Result = FormResult;

/** A proposed transfer pair confirmed or rejected, or the waiting rows categorized (the grid's own edits use the JSON API). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:edit");
  const form = await args.request.formData();
  const id = String(form.get("pairId") ?? "");
  if (form.get("intent") === "categorize") {
    const r = await categorizeWaitingRows(auth);
    return json<Result>({
      ok: `Rules categorized ${r.byRule} row${r.byRule === 1 ? "" : "s"} and the model ${r.byModel}; ${r.left} still wait for a person${r.more ? " (more rows are waiting: run it again)" : ""}.`,
      form: "categorize",
    });
  }
  try {
    const decision = z.enum(["confirm", "reject"], { errorMap: () => ({ message: "Confirm or reject" }) }).parse(form.get("decision"));
    await decideTransfer(auth, z.string().uuid("No such transfer pair").parse(id), { decision });
    return json<Result>({ ok: decision === "confirm" ? "Confirmed: both rows are a transfer, out of cash in and out." : "Rejected: this pair will not be proposed again.", form: id });
  } catch (error) {
    return formFailure(error, id);
  }
}

export default function ReviewPage() {
  const { rows, categories, canManageRules, canApprove, pendingProposals, transfers, accountNames } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
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
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="categorize" />
        <button type="submit" className="secondary" disabled={busy}>
          Run the rules and the model on waiting rows
        </button>
        <span className="small muted">after writing a rule or categorizing a few rows by hand</span>
      </Form>
      <FormResultMessage result={result} />
      {transfers.length ? (
        <section aria-labelledby="transfers-title" className="transfers">
          <h2 id="transfers-title">Transfers between your accounts?</h2>
          <ul className="candidates">
            {transfers.map((p) => (
              <li key={p.id} className="candidate" aria-label={`Transfer ${p.outgoing.description} to ${p.incoming.description}`}>
                <div className="candidate-why">
                  {formatAmount(p.outgoing.amount, p.outgoing.currency)} from {accountNames[p.outgoing.accountId] ?? "an account"} on {p.outgoing.date} (
                  {p.outgoing.description}) → {formatAmount(p.incoming.amount, p.incoming.currency)} into {accountNames[p.incoming.accountId] ?? "an account"} on{" "}
                  {p.incoming.date} ({p.incoming.description})
                </div>
                <Form method="post" className="actions">
                  <input type="hidden" name="pairId" value={p.id} />
                  <button type="submit" name="decision" value="confirm" disabled={busy}>
                    Confirm transfer
                  </button>
                  <button type="submit" name="decision" value="reject" className="secondary" disabled={busy}>
                    Not a transfer
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ReviewGrid key={rows.map((r) => `${r.id}:${r.version}`).join(",")} rows={rows} categories={categories} canManageRules={canManageRules} canApprove={canApprove} />
    </>
  );
}
