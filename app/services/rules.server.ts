/**
 * Categorization rules as data (CategoryRule): listed, created, changed and deleted by
 * operators and admins, each audited; previewed against the ledger before saving ("would
 * change N rows"); exported and imported as JSON between organisations, categories by name in
 * the file and by id in the database (an unknown name is a specific error, nothing imported).
 * The import worker applies them (categories.server.ts).
 */
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { Money } from "../domain/money.ts";
import { previewRules, type RulePreview, type RuleRow } from "../domain/rules.ts";
import { exportRules, parseRule, parseRulesFile, type Rule, type RulesFile } from "../domain/rules-schema.ts";
import { actorOf, type AuthContext } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { isoDate, withTenant, type Tx } from "./db.server.ts";

type Who = Pick<AuthContext, "tenantId" | "user" | "client" | "apiKey">;

/** How many of the newest rows a preview looks at (it shows the effect, not a full run). */
export const PREVIEW_ROWS = 5_000;

export async function listRules(who: Pick<AuthContext, "tenantId">): Promise<Rule[]> {
  return withTenant(who.tenantId, async (tx) => (await tx.categoryRule.findMany({ where: { tenantId: who.tenantId }, orderBy: [{ priority: "asc" }, { id: "asc" }] })).map(toRule));
}

function toRule(r: { id: string; name: string; priority: number; match: string; conditions: unknown; actions: unknown; enabled: boolean }): Rule {
  return parseRule({ id: r.id, name: r.name, priority: r.priority, match: r.match, conditions: r.conditions, actions: r.actions, enabled: r.enabled });
}

/** The editor sends a rule without an id (a new one) or with the id it edits. */
function parseEditorRule(input: unknown, id: string): Rule {
  const body = z.object({}).passthrough().safeParse(input);
  if (!body.success) throw new AppError("validation_failed", "Send the rule as a JSON object.");
  return parseRule({ ...body.data, id });
}

/** Every category a rule names must be one of this organisation's, not archived. */
async function checkCategories(tx: Tx, tenantId: string, rules: readonly Rule[]): Promise<void> {
  const named = new Set(rules.flatMap(categoriesOf));
  if (named.size === 0) return;
  const found = await tx.category.findMany({ where: { tenantId, id: { in: [...named].filter(isUuid) }, archivedAt: null }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const missing = [...named].find((c) => !known.has(c));
  if (missing) throw new AppError("validation_failed", `category "${missing}": no such category in this organisation (or it is archived)`);
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

function categoriesOf(rule: Rule): string[] {
  return rule.actions.flatMap((a) =>
    a.type === "setCategory" ? [a.category] : a.type === "splitByAmounts" || a.type === "splitByPercentages" ? a.parts.flatMap((p) => (p.category ? [p.category] : [])) : [],
  );
}

export async function createRule(who: Who, input: unknown): Promise<Rule> {
  const rule = parseEditorRule(input, "new");
  return withTenant(who.tenantId, async (tx) => {
    await checkCategories(tx, who.tenantId, [rule]);
    const row = await tx.categoryRule.create({
      data: {
        tenantId: who.tenantId, name: rule.name, priority: rule.priority, match: rule.match, conditions: rule.conditions as object[],
        actions: rule.actions as object[], enabled: rule.enabled, createdById: who.apiKey ? null : who.user.id,
      },
    });
    const saved = toRule(row);
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "rules.create", entityType: "category_rule", entityId: row.id, after: saved as unknown as object, ...who.client });
    return saved;
  });
}

export async function updateRule(who: Who, id: string, input: unknown): Promise<Rule> {
  const rule = parseEditorRule(input, id);
  return withTenant(who.tenantId, async (tx) => {
    const before = await tx.categoryRule.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id } } });
    if (!before) throw new AppError("not_found", "No such rule.");
    await checkCategories(tx, who.tenantId, [rule]);
    const row = await tx.categoryRule.update({
      where: { tenantId_id: { tenantId: who.tenantId, id } },
      data: { name: rule.name, priority: rule.priority, match: rule.match, conditions: rule.conditions as object[], actions: rule.actions as object[], enabled: rule.enabled },
    });
    const saved = toRule(row);
    await audit(tx, {
      tenantId: who.tenantId, ...actorOf(who), action: "rules.update", entityType: "category_rule", entityId: id,
      before: toRule(before) as unknown as object, after: saved as unknown as object, ...who.client,
    });
    return saved;
  });
}

export async function deleteRule(who: Who, id: string): Promise<void> {
  await withTenant(who.tenantId, async (tx) => {
    const before = await tx.categoryRule.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id } } });
    if (!before) throw new AppError("not_found", "No such rule.");
    await tx.categoryRule.delete({ where: { tenantId_id: { tenantId: who.tenantId, id } } });
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "rules.delete", entityType: "category_rule", entityId: id, before: toRule(before) as unknown as object, ...who.client });
  });
}

/**
 * What the rule would do to the newest PREVIEW_ROWS rows, together with the enabled rules that
 * run before it — nothing is changed. A person's categorization stands (rules do not overwrite it).
 */
/** The preview, with the first rows it would change described (date, description, amount) for the editor. */
export type RulePreviewView = RulePreview & { rows: Record<string, { date: string; description: string; amount: string; currency: string }> };
export const PREVIEW_ROWS_DESCRIBED = 20;

export async function previewRule(who: Pick<AuthContext, "tenantId">, input: unknown): Promise<RulePreviewView> {
  const candidate = parseEditorRule(input, "preview");
  return withTenant(who.tenantId, async (tx) => {
    await checkCategories(tx, who.tenantId, [candidate]);
    const rows = await tx.transaction.findMany({
      where: { tenantId: who.tenantId, status: { in: ["posted", "review"] } },
      orderBy: [{ date: "desc" }, { id: "desc" }],
      take: PREVIEW_ROWS,
      include: { splits: { orderBy: { seq: "asc" } } },
    });
    const locks = await tx.periodLock.findMany({ where: { tenantId: who.tenantId, unlockedAt: null } });
    const lockedOn = (accountId: string, date: Date) => locks.some((l) => (l.accountId === null || l.accountId === accountId) && date <= l.lockedThrough);
    const ruleRows: RuleRow[] = rows.map((r) => ({
      id: r.id,
      description: r.description,
      payee: r.payee,
      amount: Money.of(r.amount.toString(), r.currency),
      accountId: r.accountId,
      date: isoDate(r.date),
      category: r.categoryId,
      note: r.note,
      splits: r.splits.length ? r.splits.map((s) => ({ amount: Money.of(s.amount.toString(), r.currency), ...(s.categoryId ? { category: s.categoryId } : {}), ...(s.note ? { note: s.note } : {}) })) : null,
      categorySource: (r.categorySource as RuleRow["categorySource"]) ?? null,
      locked: r.reconciledAt !== null || lockedOn(r.accountId, r.date),
    }));
    const preview = previewRules([candidate], ruleRows);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const described = Object.fromEntries(
      preview.changes.slice(0, PREVIEW_ROWS_DESCRIBED).map((c) => {
        const r = byId.get(c.rowId)!;
        return [c.rowId, { date: isoDate(r.date), description: r.description, amount: Money.of(r.amount.toString(), r.currency).toDecimalString(), currency: r.currency }];
      }),
    );
    return { ...preview, rows: described };
  });
}

/** The rules file: categories by name, so another organisation can import it. */
export async function exportRulesFile(who: Who): Promise<RulesFile> {
  return withTenant(who.tenantId, async (tx) => {
    const names = new Map((await tx.category.findMany({ where: { tenantId: who.tenantId } })).map((c) => [c.id, c.name]));
    const rules = (await tx.categoryRule.findMany({ where: { tenantId: who.tenantId } })).map(toRule).map((r) => mapCategories(r, (id) => names.get(id) ?? id));
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "rules.export", entityType: "category_rule", entityId: null, after: { rules: rules.length }, ...who.client });
    return exportRules(rules);
  });
}

/** Adds the file's rules (new ids), categories matched by name (case-insensitive). All or nothing. */
export async function importRulesFile(who: Who, input: unknown): Promise<{ imported: number }> {
  const rules = parseRulesFile(input);
  return withTenant(who.tenantId, async (tx) => {
    const ids = new Map((await tx.category.findMany({ where: { tenantId: who.tenantId, archivedAt: null } })).map((c) => [c.name.toLowerCase(), c.id]));
    const mapped = rules.map((r) =>
      mapCategories(r, (name) => {
        const id = ids.get(name.trim().toLowerCase());
        if (!id) throw new AppError("validation_failed", `rule "${r.name}": no category named "${name}" in this organisation; create it first or edit the file`);
        return id;
      }),
    );
    await tx.categoryRule.createMany({
      data: mapped.map((r) => ({
        tenantId: who.tenantId, name: r.name, priority: r.priority, match: r.match, conditions: r.conditions as object[], actions: r.actions as object[],
        enabled: r.enabled, createdById: who.apiKey ? null : who.user.id,
      })),
    });
    await audit(tx, { tenantId: who.tenantId, ...actorOf(who), action: "rules.import", entityType: "category_rule", entityId: null, after: { rules: mapped.length }, ...who.client });
    return { imported: mapped.length };
  });
}

function mapCategories(rule: Rule, map: (category: string) => string): Rule {
  return {
    ...rule,
    actions: rule.actions.map((a) =>
      a.type === "setCategory"
        ? { ...a, category: map(a.category) }
        : a.type === "splitByAmounts"
          ? { ...a, parts: a.parts.map((p) => (p.category ? { ...p, category: map(p.category) } : p)) }
          : a.type === "splitByPercentages"
            ? { ...a, parts: a.parts.map((p) => (p.category ? { ...p, category: map(p.category) } : p)) }
            : a,
    ),
  };
}
