import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useState } from "react";
import { replyError, sendJson } from "~/components/api-client";
import { RuleEditor, type PreviewView } from "~/components/rules/rule-editor";
import { describeActions, describeConditions, emptyRule, fromRule, type RuleForm } from "~/components/rules/rule-form";
import { can } from "~/domain/permissions";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { listCategories } from "~/services/categories.server";
import { listRules } from "~/services/rules.server";

export const meta: MetaFunction = () => [{ title: "Rules · Cashline" }];

/** Categorization rules: listed for everyone; written, previewed, exported and imported by operators (through the JSON API). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  const [rules, categories, accounts] = await Promise.all([listRules(auth), listCategories(auth, { archived: true }), listAccounts(auth)]);
  return json({
    rules,
    categories: categories.map(({ id, name, archived }) => ({ id, name, archived })),
    accounts: accounts.map(({ id, name, currency }) => ({ id, name, currency })),
    canManage: can(auth.role, "rules:manage"),
  });
}

const send = sendJson;
const errorOf = replyError;

export default function Rules() {
  const { rules, categories, accounts, canManage } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const [editing, setEditing] = useState<{ id: string | null; form: RuleForm } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const categoryName = (id: string) => categories.find((c) => c.id === id)?.name ?? "(unknown category)";
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? "(unknown account)";
  const nextPriority = rules.length ? Math.max(...rules.map((r) => r.priority)) + 10 : 10;

  async function save(id: string | null, rule: Record<string, unknown>): Promise<string | null> {
    const reply = id ? await send("PATCH", `/api/v1/rules/${id}`, rule) : await send("POST", "/api/v1/rules", rule);
    if (reply.status !== 200 && reply.status !== 201) return errorOf(reply);
    setEditing(null);
    setMessage({ ok: true, text: `Saved the rule “${reply.body.name}”.` });
    revalidator.revalidate();
    return null;
  }

  async function preview(rule: Record<string, unknown>): Promise<PreviewView | string> {
    const reply = await send("POST", "/api/v1/rules/preview", rule);
    return reply.status === 200 ? (reply.body as PreviewView) : errorOf(reply);
  }

  async function remove(id: string, name: string) {
    if (!window.confirm(`Delete the rule “${name}”? Rows it already categorized keep their category.`)) return;
    const reply = await send("DELETE", `/api/v1/rules/${id}`);
    setMessage(reply.status === 204 ? { ok: true, text: `Deleted the rule “${name}”.` } : { ok: false, text: errorOf(reply) });
    revalidator.revalidate();
  }

  async function importFile(file: File) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setMessage({ ok: false, text: `${file.name}: not a JSON file (expected the file “Export rules” gives).` });
      return;
    }
    const reply = await send("POST", "/api/v1/rules/file", parsed);
    setMessage(reply.status === 201 ? { ok: true, text: `Imported ${reply.body.imported} rule${reply.body.imported === 1 ? "" : "s"} from ${file.name}.` } : { ok: false, text: `${file.name}: ${errorOf(reply)}` });
    revalidator.revalidate();
  }

  return (
    <>
      <h1>Rules</h1>
      <p className="muted">
        Rules run on every import, lowest priority first, before the model&apos;s suggestions; a person&apos;s own categorization is never
        overwritten, and reconciled rows or locked periods are never changed. Preview a rule to see what it would change before saving it.
      </p>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? undefined : "form-error"}>
          {message.text}
        </p>
      ) : null}
      {canManage ? (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ id: null, form: emptyRule(nextPriority) })} disabled={editing !== null}>
            New rule
          </button>
          <a className="button secondary-link" href="/api/v1/rules/file" download>
            Export rules (JSON)
          </a>
          <label className="file-button">
            Import rules (JSON)
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void importFile(file);
              }}
            />
          </label>
        </div>
      ) : null}
      {editing ? (
        <RuleEditor
          key={editing.id ?? "new"}
          initial={editing.form}
          isNew={editing.id === null}
          categories={categories.filter((c) => !c.archived)}
          accounts={accounts}
          onSave={(rule) => save(editing.id, rule)}
          onPreview={preview}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {rules.length === 0 ? (
        <p className="empty">No rules yet.</p>
      ) : (
        <table className="grid compact rules">
          <thead>
            <tr>
              <th className="num">Priority</th>
              <th>Name</th>
              <th>When</th>
              <th>Then</th>
              <th>On</th>
              {canManage ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} aria-label={r.name}>
                <td className="num">{r.priority}</td>
                <th scope="row">{r.name}</th>
                <td>{describeConditions(r, { account: accountName })}</td>
                <td>{describeActions(r, { category: categoryName })}</td>
                <td>{r.enabled ? "yes" : "no"}</td>
                {canManage ? (
                  <td className="nowrap">
                    <button type="button" className="secondary" onClick={() => setEditing({ id: r.id, form: fromRule(r) })} disabled={editing !== null}>
                      Edit
                    </button>{" "}
                    <button type="button" className="danger-outline" onClick={() => void remove(r.id, r.name)}>
                      Delete
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
