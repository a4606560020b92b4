import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, isRouteErrorResponse } from "@remix-run/react";
import { z } from "zod";
import { StatementDetail } from "~/components/imports/statement-detail";
import { AppError } from "~/domain/errors";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { toResponse } from "~/services/http.server";
import { listDuplicateCandidates } from "~/services/imports.server";
import { previewStatement } from "~/services/profiles.server";
import { getStatement } from "~/services/statements.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.statement.fileName} · Uploads · Cashline` : "Uploads · Cashline" },
];

/** One statement's details, shown inside the uploads page (which keeps its live uploads running). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  try {
    const id = z.string().uuid().safeParse(args.params.id);
    if (!id.success) throw new AppError("not_found", "There is no such statement.");
    const statement = await getStatement(auth, id.data);
    const canMap = can(auth.role, "statements:upload");
    const wantsPreview = canMap && statement.status === "needs_mapping" && statement.format === "csv";
    const [candidates, preview] = await Promise.all([
      listDuplicateCandidates(auth, { statementId: statement.id }),
      wantsPreview ? previewStatement(auth, statement.id).then((p) => ({ p, e: null }), (e: unknown) => ({ p: null, e })) : null,
    ]);
    if (preview?.e && !(preview.e instanceof AppError)) console.error(`[cashline] preview of statement ${statement.id} failed:`, preview.e);
    return json(
      {
        statement,
        candidates,
        preview: preview?.p ?? null,
        previewError: preview?.e ? (preview.e instanceof AppError ? preview.e.message : "the file could not be read back; try again.") : null,
        canUndo: can(auth.role, "statements:undo"),
        canMap,
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    throw toResponse(args.request, error);
  }
}

export default function StatementDetailRoute() {
  const data = useLoaderData<typeof loader>();
  // A fresh component per statement: no form state carries over from one to the next.
  return <StatementDetail key={data.statement.id} {...data} />;
}

/** A missing statement replaces only the detail panel; the uploads page stays usable. */
export function ErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? ((error.data as { error?: { message?: string } } | null)?.error?.message ?? error.statusText)
    : "Something went wrong on our side; nothing was changed.";
  return (
    <section className="card statement-detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <h2 id="detail-title">Statement not available</h2>
        <Link to="/uploads" className="close">
          Close
        </Link>
      </div>
      <p role="alert" className="error">
        {message}
      </p>
    </section>
  );
}
