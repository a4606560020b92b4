/**
 * The rule editor's form, as plain strings the inputs hold, and the two ways across: a saved
 * rule into the form (to edit it), and the form into the rule the API takes. Empty optional
 * fields are left out, so the server's schema (app/domain/rules-schema.ts) has the last word
 * and its messages name what is wrong.
 */

export type ConditionField = "description" | "payee" | "amount" | "account" | "date";

export interface ConditionForm {
  field: ConditionField;
  /** description / payee */
  op: "contains" | "startsWith" | "equals" | "regex";
  value: string;
  /** amount: "" (either), "in" or "out", and inclusive bounds on the size */
  sign: "" | "in" | "out";
  min: string;
  max: string;
  /** account */
  accountIds: string[];
  /** date (YYYY-MM-DD, either may be empty) */
  from: string;
  to: string;
}

export interface SplitPartForm {
  value: string;
  category: string;
  note: string;
}

export interface RuleForm {
  name: string;
  priority: string;
  match: "all" | "any";
  enabled: boolean;
  conditions: ConditionForm[];
  category: string;
  payee: string;
  note: string;
  split: "" | "amounts" | "percentages";
  parts: SplitPartForm[];
}

export function emptyCondition(field: ConditionField = "payee"): ConditionForm {
  return { field, op: "contains", value: "", sign: "", min: "", max: "", accountIds: [], from: "", to: "" };
}

export function emptyRule(priority = 100): RuleForm {
  return { name: "", priority: String(priority), match: "all", enabled: true, conditions: [emptyCondition()], category: "", payee: "", note: "", split: "", parts: [] };
}

type Json = Record<string, unknown>;

/** The rule as the API takes it (POST /api/v1/rules, PATCH /api/v1/rules/:id, POST /preview). */
export function toRuleInput(form: RuleForm): Json {
  const conditions = form.conditions.map((c): Json => {
    switch (c.field) {
      case "description":
      case "payee":
        return { field: c.field, op: c.op, value: c.value.trim() };
      case "amount":
        return { field: "amount", ...(c.sign ? { sign: c.sign } : {}), ...(c.min.trim() ? { min: c.min.trim() } : {}), ...(c.max.trim() ? { max: c.max.trim() } : {}) };
      case "account":
        return { field: "account", accountIds: c.accountIds };
      case "date":
        return { field: "date", ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}) };
    }
  });
  const actions: Json[] = [];
  if (form.split) {
    const key = form.split === "amounts" ? "amount" : "percent";
    actions.push({
      type: form.split === "amounts" ? "splitByAmounts" : "splitByPercentages",
      parts: form.parts.map((p) => ({ [key]: p.value.trim(), ...(p.category ? { category: p.category } : {}), ...(p.note.trim() ? { note: p.note.trim() } : {}) })),
    });
  } else if (form.category) {
    actions.push({ type: "setCategory", category: form.category });
  }
  if (form.payee.trim()) actions.push({ type: "setPayee", payee: form.payee.trim() });
  if (form.note.trim()) actions.push({ type: "setNote", note: form.note.trim() });
  const priority = Number(form.priority.trim());
  return {
    name: form.name.trim(),
    // A number the schema can judge (a non-number becomes NaN and is refused with its message).
    priority: form.priority.trim() === "" ? Number.NaN : priority,
    match: form.match,
    enabled: form.enabled,
    conditions,
    actions,
  };
}

interface SavedRule {
  name: string;
  priority: number;
  match: "all" | "any";
  enabled?: boolean;
  conditions: Json[];
  actions: Json[];
}

/** A saved rule into the form, to edit it. */
export function fromRule(rule: SavedRule): RuleForm {
  const form = emptyRule(rule.priority);
  form.name = rule.name;
  form.match = rule.match;
  form.enabled = rule.enabled ?? true;
  form.conditions = rule.conditions.map((c) => {
    const field = c.field as ConditionField;
    const base = emptyCondition(field);
    if (field === "description" || field === "payee") return { ...base, op: c.op as ConditionForm["op"], value: String(c.value ?? "") };
    if (field === "amount") return { ...base, sign: (c.sign as ConditionForm["sign"]) ?? "", min: String(c.min ?? ""), max: String(c.max ?? "") };
    if (field === "account") return { ...base, accountIds: (c.accountIds as string[]) ?? [] };
    return { ...base, from: String(c.from ?? ""), to: String(c.to ?? "") };
  });
  for (const a of rule.actions) {
    if (a.type === "setCategory") form.category = String(a.category);
    else if (a.type === "setPayee") form.payee = String(a.payee);
    else if (a.type === "setNote") form.note = String(a.note);
    else if (a.type === "splitByAmounts" || a.type === "splitByPercentages") {
      form.split = a.type === "splitByAmounts" ? "amounts" : "percentages";
      form.parts = (a.parts as Json[]).map((p) => ({ value: String(p.amount ?? p.percent ?? ""), category: String(p.category ?? ""), note: String(p.note ?? "") }));
    }
  }
  return form;
}

/** One line for the rules list: "payee starts with “blue bottle” and amount out". */
export function describeConditions(rule: SavedRule, names: { account: (id: string) => string }): string {
  const parts = rule.conditions.map((c) => {
    switch (c.field) {
      case "description":
      case "payee": {
        const op = { contains: "contains", startsWith: "starts with", equals: "is", regex: "matches" }[c.op as string] ?? String(c.op);
        return `${c.field} ${op} “${c.value}”`;
      }
      case "amount": {
        const bits = [c.sign === "in" ? "money in" : c.sign === "out" ? "money out" : "", c.min ? `≥ ${c.min}` : "", c.max ? `≤ ${c.max}` : ""].filter(Boolean);
        return `amount ${bits.join(", ")}`;
      }
      case "account":
        return `account is ${(c.accountIds as string[]).map(names.account).join(" or ")}`;
      default:
        return `date ${c.from ? `from ${c.from}` : ""}${c.from && c.to ? " " : ""}${c.to ? `to ${c.to}` : ""}`;
    }
  });
  return parts.join(rule.match === "all" ? " and " : " or ");
}

export function describeActions(rule: SavedRule, names: { category: (id: string) => string }): string {
  return rule.actions
    .map((a) => {
      switch (a.type) {
        case "setCategory":
          return `category ${names.category(String(a.category))}`;
        case "setPayee":
          return `payee “${a.payee}”`;
        case "setNote":
          return `note “${a.note}”`;
        default: {
          const unit = a.type === "splitByPercentages" ? "%" : "";
          return `split ${(a.parts as Json[]).map((p) => `${p.percent ?? p.amount}${unit} ${p.category ? names.category(String(p.category)) : "uncategorized"}`).join(" + ")}`;
        }
      }
    })
    .join(", ");
}
