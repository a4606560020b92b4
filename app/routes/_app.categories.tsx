import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CategorySelect, KindSelect } from "~/components/category-select";
import { FormResultMessage, type FormResult } from "~/components/form-result";
import { AppError } from "~/domain/errors";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { createCategory, currentThreshold, listCategories, mergeCategory, setAutoApplyThreshold, updateCategory } from "~/services/categories.server";
import { formFailure } from "~/services/form.server";

export const meta: MetaFunction = () => [{ title: "Categories · Cashline" }];

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const [categories, threshold] = await Promise.all([listCategories(auth, { archived: true }), currentThreshold(auth)]);
  return json({ categories, threshold, canManage: can(auth.role, "categories:manage") });
}

type Result = FormResult;

/** One form per change; each goes through the same service (and audit) as the API. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "categories:manage");
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  const where = id ? `${intent}:${id}` : intent;
  try {
    switch (intent) {
      case "create": {
        const created = await createCategory(auth, { name: form.get("name"), kind: form.get("kind") });
        return json<Result>({ ok: `Added “${created.name}”.`, form: where });
      }
      case "rename": {
        const updated = await updateCategory(auth, id, { name: form.get("name"), kind: form.get("kind") });
        return json<Result>({ ok: `Saved “${updated.name}”.`, form: where });
      }
      case "archive":
      case "restore": {
        const updated = await updateCategory(auth, id, { archived: intent === "archive" });
        return json<Result>({ ok: `“${updated.name}” ${intent === "archive" ? "archived" : "restored"}.`, form: where });
      }
      case "merge": {
        const r = await mergeCategory(auth, id, { into: form.get("into") || undefined });
        const kept = r.kept ? `; ${r.kept} reconciled or period-locked row${r.kept === 1 ? " keeps" : "s keep"} “${r.from.name}”` : "";
        return json<Result>({ ok: `Merged “${r.from.name}” into “${r.into.name}”: ${r.moved} row${r.moved === 1 ? "" : "s"} moved, ${r.rules} rule${r.rules === 1 ? "" : "s"} updated${kept}.`, form: where });
      }
      case "threshold": {
        const percent = Number(String(form.get("percent") ?? "").trim());
        const value = await setAutoApplyThreshold(auth, { threshold: Number.isFinite(percent) ? percent / 100 : Number.NaN });
        return json<Result>({ ok: `Suggestions at ${Math.round(value * 100)}% or more now apply by themselves.`, form: where });
      }
      default:
        throw new AppError("bad_request", "Unknown form: send intent create, rename, archive, restore, merge or threshold.");
    }
  } catch (error) {
    return formFailure(error, where);
  }
}

const Feedback = FormResultMessage;

export default function Categories() {
  const { categories, threshold, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state !== "idle";
  const active = categories.filter((c) => !c.archived);
  const archived = categories.filter((c) => c.archived);
  return (
    <>
      <h1>Categories</h1>
      <p className="muted">
        The cash-flow chart rows are sorted into. Renaming changes nothing else (rules and the model name categories by id); archiving
        keeps a category on the rows that have it but takes it out of the picker and the model&apos;s suggestions; merging moves the rows
        that may still change, and the rules and learning, into another category.
      </p>
      <section aria-labelledby="threshold-title" className="card">
        <h2 id="threshold-title">Automatic categorization</h2>
        <p>
          The model&apos;s suggestions at <strong>{Math.round(threshold * 100)}%</strong> confidence or more are applied on import by
          themselves; below that the row waits in the review queue with the suggestion.
        </p>
        {canManage ? (
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="threshold" />
            <label>
              Apply by themselves at (%)
              <input name="percent" type="number" min={50} max={100} step={1} defaultValue={Math.round(threshold * 100)} required />
            </label>
            <button type="submit" disabled={busy}>
              Save
            </button>
          </Form>
        ) : null}
        <Feedback result={result} form="threshold" />
      </section>
      {canManage ? (
        <section aria-labelledby="add-title">
          <h2 id="add-title">Add a category</h2>
          {/* A new form (empty fields) after each category added. */}
          <Form method="post" className="actions" key={result && "ok" in result && result.form === "create" ? result.ok : "create"}>
            <input type="hidden" name="intent" value="create" />
            <label>
              Name
              <input name="name" required maxLength={80} />
            </label>
            <label>
              Kind
              <KindSelect name="kind" defaultValue="operating" />
            </label>
            <button type="submit" disabled={busy}>
              Add
            </button>
          </Form>
          <Feedback result={result} form="create" />
        </section>
      ) : null}
      <h2>In use</h2>
      <table className="grid compact categories">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            {canManage ? <th>Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {active.map((c) => (
            <tr key={c.id} aria-label={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.kind}</td>
              {canManage && c.system ? (
                <td className="small muted">Used by Cashline itself: kept as it is.</td>
              ) : canManage ? (
                <td>
                  <div className="actions">
                    <CategoryForm intent="rename" id={c.id} busy={busy} button="Save">
                      <input name="name" defaultValue={c.name} aria-label={`New name for ${c.name}`} maxLength={80} />
                      <KindSelect name="kind" defaultValue={c.kind} aria-label={`Kind of ${c.name}`} />
                    </CategoryForm>
                    <CategoryForm intent="merge" id={c.id} busy={busy} button="Merge">
                      <CategorySelect name="into" defaultValue="" aria-label={`Merge ${c.name} into`} noneLabel="Merge into…" categories={active.filter((o) => o.id !== c.id)} />
                    </CategoryForm>
                    <CategoryForm intent="archive" id={c.id} busy={busy} button="Archive" danger />
                  </div>
                  <RowFeedback result={result} id={c.id} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {archived.length ? (
        <>
          <h2>Archived</h2>
          <table className="grid compact">
            <tbody>
              {archived.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.kind}</td>
                  {canManage ? (
                    <td>
                      <CategoryForm intent="restore" id={c.id} busy={busy} button="Restore" />
                      <RowFeedback result={result} id={c.id} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

/** One change to one category: a small form naming what (intent) and which (id). */
function CategoryForm(props: { intent: string; id: string; busy: boolean; button: string; danger?: boolean; children?: React.ReactNode }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="id" value={props.id} />
      {props.children}
      <button type="submit" className={props.danger ? "danger-outline" : "secondary"} disabled={props.busy}>
        {props.button}
      </button>
    </Form>
  );
}

/**
 * What the last change to one category answered. After an archive or a restore the row has
 * moved between the tables, so each row shows the answer to any of its forms.
 */
function RowFeedback({ result, id }: { result: FormResult | undefined; id: string }) {
  return (
    <>
      {["rename", "merge", "archive", "restore"].map((f) => (
        <Feedback key={f} result={result} form={`${f}:${id}`} />
      ))}
    </>
  );
}

