import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formatTimestamp } from "~/components/imports/status";
import { formatAmount } from "~/domain/money";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { listCategories } from "~/services/categories.server";
import { formFailure, type FormFailure } from "~/services/form.server";
import { decideProposal, listProposals, type ProposalView } from "~/services/proposals.server";

export const meta: MetaFunction = () => [{ title: "Proposed changes · Cashline" }];

/** Maker-checker: changes proposed to signed-off or reconciled rows; operators decide them here. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const [pending, decided, categories] = await Promise.all([
    listProposals(auth, { status: "pending" }),
    Promise.all([listProposals(auth, { status: "approved", limit: 20 }), listProposals(auth, { status: "rejected", limit: 20 })]),
    listCategories(auth, { archived: true }),
  ]);
  const recent = [...decided[0].items, ...decided[1].items].sort((a, b) => (b.decidedAt ?? "").localeCompare(a.decidedAt ?? "")).slice(0, 20);
  return json({ pending: pending.items, recent, categories: Object.fromEntries(categories.map((c) => [c.id, c.name])), canDecide: can(auth.role, "ledger:approve") });
}

type Result = FormFailure | { ok: string; form: string };

export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "ledger:approve");
  const form = await args.request.formData();
  const id = String(form.get("proposalId") ?? "");
  try {
    const decision = z.enum(["approve", "reject"], { errorMap: () => ({ message: "Choose approve or reject" }) }).parse(form.get("intent"));
    const note = String(form.get("note") ?? "").trim();
    await decideProposal(auth, z.string().uuid("No such proposed change").parse(id), { decision, ...(note ? { note } : {}) });
    return json<Result>({ ok: decision === "approve" ? "Approved and applied." : "Rejected; the row is unchanged.", form: id });
  } catch (error) {
    return formFailure(error, id);
  }
}

function describe(p: ProposalView, names: Record<string, string>): string {
  const name = (id: string | null | undefined) => (id ? (names[id] ?? "(unknown category)") : "no category");
  if (p.kind === "categorize" && "categoryId" in p.changes) {
    return `Category → ${name(p.changes.categoryId)}${p.changes.note ? `; note “${p.changes.note}”` : ""}`;
  }
  if ("parts" in p.changes) {
    return p.changes.parts.length ? `Split into ${p.changes.parts.map((x) => `${x.amount} ${name(x.categoryId)}`).join(" + ")}` : "Remove the split";
  }
  return "A change";
}

export default function Proposals() {
  const { pending, recent, categories, canDecide } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Proposed changes</h1>
      <p className="muted">
        Rows an operator has signed off, and reconciled rows, are not changed by data entry directly: the change waits here for an
        operator, who approves it (it is applied, the row stays signed off or reconciled) or rejects it with a note.{" "}
        <Link to="/review">Back to the review queue</Link>
      </p>
      {result && "ok" in result && result.form ? <p role="status">{result.ok}</p> : null}
      {pending.length === 0 ? <p className="empty">No change is waiting for a decision.</p> : null}
      {pending.map((p) => (
        <article key={p.id} className="proposal card" aria-label={`Proposal for ${p.row?.description ?? "a removed row"}`}>
          <div>
            {p.row ? (
              <>
                <strong>{p.row.description}</strong> · {p.row.date} · {formatAmount(p.row.amount, p.row.currency)} · now {p.row.categoryId ? (categories[p.row.categoryId] ?? "?") : "uncategorized"}
              </>
            ) : (
              <strong>The row is no longer in the ledger</strong>
            )}
          </div>
          <div className="change">{describe(p, categories)}</div>
          <div className="small muted">
            Proposed by {p.proposedBy.name ?? "someone"} on {formatTimestamp(p.proposedAt)} · the row is {p.reason}
            {p.row && p.row.version !== p.baseVersion ? " · the row has changed since: approving is no longer possible" : ""}
          </div>
          {canDecide ? (
            <Form method="post" className="actions">
              <input type="hidden" name="proposalId" value={p.id} />
              <label>
                Note (needed to reject)
                <input name="note" maxLength={1000} />
              </label>
              <button type="submit" name="intent" value="approve" disabled={busy}>
                Approve
              </button>
              <button type="submit" name="intent" value="reject" className="danger-outline" disabled={busy}>
                Reject
              </button>
            </Form>
          ) : null}
          {result && "error" in result && result.form === p.id ? (
            <p className="form-error" role="alert">
              {result.error}
            </p>
          ) : null}
        </article>
      ))}
      {recent.length ? (
        <>
          <h2>Recently decided</h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Row</th>
                <th>Change</th>
                <th>Decision</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((p) => (
                <tr key={p.id}>
                  <td>{p.row?.description ?? "—"}</td>
                  <td>{describe(p, categories)}</td>
                  <td>
                    <span className={`badge ${p.status === "approved" ? "posted" : "failed"}`}>{p.status}</span> by {p.decidedBy?.name ?? "?"}
                  </td>
                  <td>{p.decisionNote ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
