/**
 * Writing a rule: conditions (text, amount, account, date; all or any), what it sets (category
 * or a split by amounts or percentages, payee, note), a preview of what it would change in the
 * ledger now, and saving. The server checks everything again and its message is shown as is.
 */
import { useState } from "react";
import { CategorySelect } from "../category-select";
import { AccountOptions } from "../account-options";
import { emptyCondition, toRuleInput, type ConditionField, type ConditionForm, type RuleForm } from "./rule-form";

export interface PreviewView {
  total: number;
  changed: number;
  locked: number;
  summary: string;
  changes: { rowId: string; before: { category: string | null }; after: { category: string | null; splits: unknown[] | null }; fields: string[] }[];
  rows: Record<string, { date: string; description: string; amount: string; currency: string }>;
}

export function RuleEditor(props: {
  initial: RuleForm;
  isNew: boolean;
  categories: { id: string; name: string }[];
  accounts: { id: string; name: string; currency: string }[];
  onSave: (rule: Record<string, unknown>) => Promise<string | null>;
  onPreview: (rule: Record<string, unknown>) => Promise<PreviewView | string>;
  onCancel: () => void;
}) {
  const { categories, accounts } = props;
  const [form, setForm] = useState<RuleForm>(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<RuleForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setPreview(null);
  };
  const setCondition = (i: number, change: Partial<ConditionForm>) => set({ conditions: form.conditions.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const name = (id: string | null) => (id ? (categories.find((c) => c.id === id)?.name ?? "?") : "none");

  async function run(kind: "preview" | "save") {
    setBusy(true);
    setError(null);
    const rule = toRuleInput(form);
    if (kind === "save") {
      const problem = await props.onSave(rule);
      if (problem) setError(problem);
    } else {
      const result = await props.onPreview(rule);
      if (typeof result === "string") setError(result);
      else setPreview(result);
    }
    setBusy(false);
  }

  return (
    <form
      className="rule-editor card"
      aria-label={props.isNew ? "New rule" : `Edit rule ${props.initial.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void run("save");
      }}
    >
      <div className="rule-head">
        <label>
          Rule name
          <input value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={120} />
        </label>
        <label>
          Priority (lower runs first)
          <input value={form.priority} onChange={(e) => set({ priority: e.target.value })} inputMode="numeric" />
        </label>
        <label>
          Match
          <select value={form.match} onChange={(e) => set({ match: e.target.value as RuleForm["match"] })}>
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
      </div>
      <fieldset>
        <legend>When</legend>
        {form.conditions.map((c, i) => (
          <div className="condition" key={i}>
            <label>
              Condition {i + 1}
              <select value={c.field} onChange={(e) => setCondition(i, { ...emptyCondition(e.target.value as ConditionField) })}>
                <option value="payee">payee</option>
                <option value="description">description</option>
                <option value="amount">amount</option>
                <option value="account">account</option>
                <option value="date">date</option>
              </select>
            </label>
            {c.field === "payee" || c.field === "description" ? (
              <>
                <label>
                  Test {i + 1}
                  <select value={c.op} onChange={(e) => setCondition(i, { op: e.target.value as ConditionForm["op"] })}>
                    <option value="contains">contains</option>
                    <option value="startsWith">starts with</option>
                    <option value="equals">is exactly</option>
                    <option value="regex">matches (regular expression)</option>
                  </select>
                </label>
                <label>
                  Text {i + 1}
                  <input value={c.value} onChange={(e) => setCondition(i, { value: e.target.value })} maxLength={200} />
                </label>
              </>
            ) : c.field === "amount" ? (
              <>
                <label>
                  Direction {i + 1}
                  <select value={c.sign} onChange={(e) => setCondition(i, { sign: e.target.value as ConditionForm["sign"] })}>
                    <option value="">in or out</option>
                    <option value="in">money in</option>
                    <option value="out">money out</option>
                  </select>
                </label>
                <label>
                  At least {i + 1}
                  <input value={c.min} onChange={(e) => setCondition(i, { min: e.target.value })} inputMode="decimal" />
                </label>
                <label>
                  At most {i + 1}
                  <input value={c.max} onChange={(e) => setCondition(i, { max: e.target.value })} inputMode="decimal" />
                </label>
              </>
            ) : c.field === "account" ? (
              <label>
                Accounts {i + 1}
                <select multiple value={c.accountIds} onChange={(e) => setCondition(i, { accountIds: [...e.target.selectedOptions].map((o) => o.value) })}>
                  <AccountOptions accounts={accounts} />
                </select>
              </label>
            ) : (
              <>
                <label>
                  From {i + 1}
                  <input type="date" value={c.from} onChange={(e) => setCondition(i, { from: e.target.value })} />
                </label>
                <label>
                  To {i + 1}
                  <input type="date" value={c.to} onChange={(e) => setCondition(i, { to: e.target.value })} />
                </label>
              </>
            )}
            {form.conditions.length > 1 ? (
              <button type="button" className="secondary" onClick={() => set({ conditions: form.conditions.filter((_, j) => j !== i) })}>
                Remove condition {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set({ conditions: [...form.conditions, emptyCondition()] })} disabled={form.conditions.length >= 20}>
          Add a condition
        </button>
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <div className="rule-head">
          <label>
            Split
            <select value={form.split} onChange={(e) => set({ split: e.target.value as RuleForm["split"], parts: e.target.value && form.parts.length < 2 ? [{ value: "", category: "", note: "" }, { value: "", category: "", note: "" }] : form.parts })}>
              <option value="">no, one category</option>
              <option value="percentages">by percentages</option>
              <option value="amounts">by amounts</option>
            </select>
          </label>
          {form.split ? null : (
            <label>
              Set category
              <CategorySelect categories={categories} noneLabel="(leave as it is)" value={form.category} onChange={(category) => set({ category })} />
            </label>
          )}
          <label>
            Set payee
            <input value={form.payee} onChange={(e) => set({ payee: e.target.value })} placeholder="(leave as it is)" maxLength={200} />
          </label>
          <label>
            Set note
            <input value={form.note} onChange={(e) => set({ note: e.target.value })} placeholder="(leave as it is)" maxLength={500} />
          </label>
        </div>
        {form.split
          ? form.parts.map((p, i) => (
              <div className="condition" key={i}>
                <label>
                  Part {i + 1} {form.split === "percentages" ? "%" : "amount"}
                  <input value={p.value} onChange={(e) => set({ parts: form.parts.map((q, j) => (j === i ? { ...q, value: e.target.value } : q)) })} inputMode="decimal" />
                </label>
                <label>
                  Part {i + 1} category
                  <CategorySelect categories={categories} noneLabel="(none)" value={p.category} onChange={(category) => set({ parts: form.parts.map((q, j) => (j === i ? { ...q, category } : q)) })} />
                </label>
                {form.parts.length > 2 ? (
                  <button type="button" className="secondary" onClick={() => set({ parts: form.parts.filter((_, j) => j !== i) })}>
                    Remove part {i + 1}
                  </button>
                ) : null}
              </div>
            ))
          : null}
        {form.split ? (
          <button type="button" className="secondary" onClick={() => set({ parts: [...form.parts, { value: "", category: "", note: "" }] })}>
            Add a part
          </button>
        ) : null}
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {preview ? (
        <div className="rule-preview" role="status" aria-label="Preview">
          <strong>{preview.summary}</strong>
          {preview.changes.length ? (
            <table className="grid compact">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Row</th>
                  <th>Category now</th>
                  <th>Would be</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes
                  .filter((c) => preview.rows[c.rowId])
                  .map((c) => {
                    const r = preview.rows[c.rowId]!;
                    return (
                      <tr key={c.rowId}>
                        <td className="nowrap">{r.date}</td>
                        <td>
                          {r.description} <span className="muted small">{r.amount}</span>
                        </td>
                        <td>{name(c.before.category)}</td>
                        <td>{c.after.splits?.length ? `split in ${c.after.splits.length}` : name(c.after.category)}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void run("preview")} disabled={busy}>
          Preview
        </button>
        <button type="submit" disabled={busy}>
          Save rule
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
