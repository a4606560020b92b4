/**
 * The rest of the workspace in a real browser, by keyboard: reconciling an account against the
 * statement's ending balance (prefilled from the statement; refused at any difference but
 * zero), the operator's audited unlock (and who may not), and managing categories and the
 * auto-apply threshold. Each step is checked in the database. Screenshots for the docs.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";
import { SCREENSHOTS, signIn, useBrowser } from "./support.ts";

const { newPage, tmpDir } = useBrowser();

let t: TestTenant;
let statementRows: string[];

beforeAll(async () => {
  t = await createTenant("Workspace");
  const entry = await signedIn(t.users["data-entry"].email);
  // Opening 1,000.00 → closing 1,645.50; one row held for review would show as unmatched.
  const up = await entry.upload(t.accountId, "june.csv", [
    "Date,Description,Amount,Balance",
    "2026-06-02,CLIENT A INVOICE 17,1200.00,2200.00",
    "2026-06-05,LANDLORD JUNE RENT,-550.00,1650.00",
    "2026-06-20,BANK FEE,-4.50,1645.50",
  ].join("\n"));
  expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });
  statementRows = (await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: up.body.id }, orderBy: { sourceRow: "asc" } }))).map((r) => r.id);
});

const reconciledCount = () => withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { tenantId: t.tenantId, id: { in: statementRows }, reconciledAt: { not: null } } }));

describe("reconciling, by keyboard", () => {
  test("data entry reconciles against the statement's ending balance; an operator unlocks with a reason", async () => {
    const { page, errors } = await newPage();
    await signIn(page, t.users["data-entry"].email, /\/uploads$/, TEST_PASSWORD);
    await page.goto("/reconcile");
    // Prefilled from the newest statement: the preview already shows a zero difference.
    expect(await page.getByLabel("Statement ending date").inputValue()).toBe("2026-06-20");
    expect(await page.getByLabel("Statement ending balance").inputValue()).toBe("1645.50");
    expect(await page.getByTestId("difference").textContent()).toBe("$0.00");
    expect(await page.getByRole("table", { name: "Cleared rows" }).locator("tbody tr").count()).toBe(3);

    // A wrong balance: the difference says by how much, and reconciling is not offered.
    await page.getByLabel("Statement ending balance").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1640.00");
    await page.keyboard.press("Enter");
    // The page's data is read again for the new figures (the URL changes first).
    await page.getByTestId("difference").filter({ hasText: /^-\$5\.50$/ }).waitFor();
    expect(page.url()).toMatch(/endBalance=1640\.00/);
    expect(await page.getByRole("button", { name: "Reconcile 3 rows" }).isDisabled()).toBe(true);

    await page.getByLabel("Statement ending balance").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1645.50");
    await page.keyboard.press("Enter");
    await page.getByTestId("difference").filter({ hasText: /^\$0\.00$/ }).waitFor();
    expect(page.url()).toMatch(/endBalance=1645\.50/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "reconcile.png"), fullPage: true });
    await page.getByRole("button", { name: "Reconcile 3 rows" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Reconciled 3 rows through 2026-06-20" }).waitFor();
    expect(await reconciledCount()).toBe(3);
    // Data entry sees the record, not the unlock.
    expect(await page.getByRole("button", { name: "Unlock" }).count()).toBe(0);
    expect(errors).toEqual([]);

    // The operator unlocks, saying why.
    const operatorPage = await newPage();
    await signIn(operatorPage.page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await operatorPage.page.goto("/reconcile");
    await operatorPage.page.getByLabel("Why unlock the reconciliation through 2026-06-20").focus();
    await operatorPage.page.keyboard.type("bank fee was booked twice");
    await operatorPage.page.keyboard.press("Enter");
    await operatorPage.page.getByRole("status").filter({ hasText: "Unlocked: 3 rows are editable again." }).waitFor();
    expect(await reconciledCount()).toBe(0);
    const [event] = await withTenant(t.tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "reconciliation.unlock" } }));
    expect(event).toMatchObject({ actorId: t.users.operator.id, after: { reason: "bank fee was booked twice", rows: 3 } });
    expect(operatorPage.errors).toEqual([]);
  });

  test("the page's forms: data entry may not unlock, nobody completes at a difference, other organisations and anonymous callers are refused", async () => {
    const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const entry = await signedIn(t.users["data-entry"].email);
    const operator = await signedIn(t.users.operator.email);
    const done = await entry.fetch("/reconcile", form({ accountId: t.accountId, endDate: "2026-06-20", endBalance: "1645.50" }));
    expect(done.status).toBe(200);
    expect(await reconciledCount()).toBe(3);
    const rec = await withTenant(t.tenantId, (tx) => tx.reconciliation.findFirstOrThrow({ where: { tenantId: t.tenantId, status: "completed" } }));
    expect((await entry.fetch("/reconcile/unlock", form({ id: rec.id, reason: "because I say so" }))).status).toBe(403);
    expect((await operator.fetch("/reconcile/unlock", form({ id: rec.id, reason: "no" }))).status).toBe(422);
    const other = await createTenant("Workspace foreign");
    const foreign = await signedIn(other.users.operator.email);
    expect((await foreign.fetch("/reconcile/unlock", form({ id: rec.id, reason: "not mine at all" }))).status).toBe(404);
    expect((await foreign.fetch("/reconcile", form({ accountId: t.accountId, endDate: "2026-06-20", endBalance: "1645.50" }))).status).toBe(404);
    expect((await new Client().fetch("/reconcile/unlock", form({ id: rec.id, reason: "anonymous" }))).status).toBe(302);
    expect(await reconciledCount()).toBe(3);
    const off = await operator.fetch("/reconcile", form({ accountId: t.accountId, endDate: "2026-06-30", endBalance: "1.00" }));
    expect(off.status).toBe(422);
  });
});

describe("categories and the threshold, by keyboard", () => {
  test("an operator adds, renames and archives a category, and sets the threshold", async () => {
    const { page, errors } = await newPage();
    await signIn(page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await page.goto("/categories");
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("Print and merch");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Added “Print and merch”." }).waitFor();

    // A form submits on Enter only while its button is enabled: wait for the page's data to be read again.
    const idle = () => page.waitForFunction(() => !document.querySelector("button[disabled]"));
    await idle();
    await page.getByLabel("New name for Print and merch").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Printing");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Saved “Printing”." }).waitFor();

    await idle();
    await page.getByLabel("Apply by themselves at (%)").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("85");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Suggestions at 85% or more now apply by themselves." }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "categories.png"), fullPage: true });

    await idle();
    await page.getByRole("row", { name: "Printing" }).getByRole("button", { name: "Archive" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "“Printing” archived." }).waitFor();
    const printing = await withTenant(t.tenantId, (tx) => tx.category.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "Printing" } }));
    expect(printing.archivedAt).not.toBeNull();
    const settings = await withTenant(t.tenantId, (tx) => tx.tenantSettings.findUniqueOrThrow({ where: { tenantId: t.tenantId } }));
    expect(settings.autoCategorizeThreshold.toString()).toBe("0.85");
    expect(errors).toEqual([]);
  });
});

describe("rules, in the editor", () => {
  test("an operator writes a rule, previews what it would change, saves it; exports and imports rules as JSON", async () => {
    const entry = await signedIn(t.users["data-entry"].email);
    const up = await entry.upload(t.accountId, "july.csv", "Date,Description,Amount\n2026-07-02,BLUE BOTTLE COFFEE 0423 OAKLAND CA,-4.50\n2026-07-03,BLUE BOTTLE COFFEE 0511 OAKLAND CA,-5.25\n2026-07-04,STAPLES 0042,-20.00\n");
    expect(await entry.waitForStatement(up.body.id)).toMatchObject({ status: "posted" });

    const { page, context, errors } = await newPage();
    await signIn(page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await page.goto("/rules");
    await page.getByRole("button", { name: "New rule" }).click();
    const editor = page.getByRole("form", { name: "New rule" });
    await editor.getByLabel("Rule name").fill("Coffee is meals");
    await editor.getByLabel("Test 1").selectOption("startsWith");
    await editor.getByLabel("Text 1").fill("blue bottle");
    await editor.getByLabel("Set category").selectOption({ label: "Travel and meals" });
    await editor.getByRole("button", { name: "Preview" }).click();
    const preview = editor.getByRole("status", { name: "Preview" });
    await preview.waitFor();
    expect(await preview.locator("strong").textContent()).toMatch(/would change 2 rows/);
    expect(await preview.locator("tbody tr").count()).toBe(2);
    expect(await preview.locator("tbody").textContent()).toContain("BLUE BOTTLE COFFEE 0511 OAKLAND CA");
    await page.screenshot({ path: path.join(SCREENSHOTS, "rules.png"), fullPage: true });
    // The preview changed nothing.
    expect(await withTenant(t.tenantId, (tx) => tx.transaction.count({ where: { tenantId: t.tenantId, statementId: up.body.id, categoryId: { not: null } } }))).toBe(0);

    await editor.getByRole("button", { name: "Save rule" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the rule “Coffee is meals”." }).waitFor();
    const row = page.getByRole("row", { name: "Coffee is meals" });
    await row.waitFor();
    expect(await row.textContent()).toContain("payee starts with “blue bottle”");
    expect(await row.textContent()).toContain("category Travel and meals");

    // A rule the schema refuses: the server's message, shown as is.
    await page.getByRole("button", { name: "New rule" }).click();
    await page.getByRole("form", { name: "New rule" }).getByLabel("Rule name").fill("Nothing to do");
    await page.getByRole("form", { name: "New rule" }).getByLabel("Text 1").fill("staples");
    await page.getByRole("form", { name: "New rule" }).getByRole("button", { name: "Save rule" }).click();
    expect(await page.getByRole("form", { name: "New rule" }).getByRole("alert").textContent()).toMatch(/a rule needs at least one action/);
    await page.getByRole("form", { name: "New rule" }).getByRole("button", { name: "Cancel" }).click();

    // Export: categories by name; import adds the file's rules.
    const exported = await context.request.get("/api/v1/rules/file");
    const file = await exported.json();
    expect(file.rules.map((r: any) => [r.name, r.actions])).toEqual([["Coffee is meals", [{ type: "setCategory", category: "Travel and meals" }]]]);
    const importPath = path.join(tmpDir(), `rules-${Date.now()}.json`);
    await writeFile(importPath, JSON.stringify({ ...file, rules: file.rules.map((r: any) => ({ ...r, name: "Coffee (imported)" })) }));
    await page.locator('input[type="file"]').setInputFiles(importPath);
    await page.getByRole("status").filter({ hasText: /^Imported 1 rule from rules-\d+\.json\.$/ }).waitFor();
    await page.getByRole("row", { name: "Coffee (imported)" }).waitFor();
    expect(await withTenant(t.tenantId, (tx) => tx.categoryRule.count({ where: { tenantId: t.tenantId } }))).toBe(2);
    expect(errors).toEqual([]);
  });
});

describe("period locks, in settings", () => {
  test("an admin closes a period and, with a fresh code and a reason, opens it again", async () => {
    await signedIn(t.users.admin.email); // installs the admin's authenticator (fixtures)
    const { page, errors } = await newPage();
    await signIn(page, t.users.admin.email, /\/dashboard$/, TEST_PASSWORD, t.users.admin.totpSecret!);
    await page.goto("/settings/period-locks");
    await page.getByLabel("Locked through").fill("2026-06-30");
    await page.getByLabel("Why (optional)").focus();
    await page.keyboard.type("Q2 closed and filed");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Locked through 2026-06-30: nothing dated then or before may change until it is unlocked." }).waitFor();
    const [lock] = await withTenant(t.tenantId, (tx) => tx.periodLock.findMany({ where: { tenantId: t.tenantId } }));
    expect(lock).toMatchObject({ accountId: null, reason: "Q2 closed and filed", unlockedAt: null });
    await page.getByRole("row", { name: "Lock through 2026-06-30 on every account" }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "period-locks.png"), fullPage: true });

    // Signed in with a code moments ago: the step-up is fresh, so the unlock form is there.
    await page.getByLabel("Why unlock the period through 2026-06-30").focus();
    await page.keyboard.type("late supplier invoice");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Unlocked the period through 2026-06-30." }).waitFor();
    const unlocked = await withTenant(t.tenantId, (tx) => tx.periodLock.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: lock!.id } } }));
    expect(unlocked).toMatchObject({ unlockReason: "late supplier invoice", unlockedById: t.users.admin.id });
    // Operators do not see the page.
    const operator = await signedIn(t.users.operator.email);
    expect((await operator.fetch("/settings/period-locks")).status).toBe(403);
    expect(errors).toEqual([]);
  });
});

describe("bank accounts, by keyboard", () => {
  test("an operator adds an account with its number, replaces and removes the number; data entry does not see the page", async () => {
    const { page, errors } = await newPage();
    await signIn(page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await page.goto("/settings/accounts");
    await page.getByLabel("Name").fill("Member savings");
    await page.getByLabel("Currency").fill("usd");
    await page.getByLabel("Kind").selectOption("savings");
    await page.getByLabel("Account number (optional)").focus();
    await page.keyboard.type("7012-009981");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Added Member savings (USD)." }).waitFor();
    const created = await withTenant(t.tenantId, (tx) => tx.bankAccount.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "Member savings" } }));
    // Sealed: only the last four are readable.
    expect([created.kind, created.currency, created.accountNumberLast4, Buffer.from(created.accountNumber!).includes("7012-009981")]).toEqual(["savings", "USD", "9981", false]);
    await page.getByRole("row", { name: "Member savings" }).getByRole("cell", { name: "Savings", exact: true }).waitFor();

    await page.getByLabel("Account number of Member savings").focus();
    await page.keyboard.type("7012 004321");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "The number of Member savings now ends in 4321." }).waitFor();
    await page.getByRole("button", { name: "Remove the number of Member savings" }).click();
    await page.getByRole("status").filter({ hasText: "The number of Member savings is removed." }).waitFor();
    expect((await withTenant(t.tenantId, (tx) => tx.bankAccount.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: created.id } } }))).accountNumberLast4).toBeNull();

    // A bad number is refused beside its form, and nothing changes. (Once the page is idle again:
    // its buttons are disabled while it reloads, and Enter submits no form whose button is.)
    const set = page.getByRole("row", { name: "Member savings" }).getByRole("button", { name: "Set" });
    await expect.poll(() => set.isEnabled()).toBe(true);
    await page.getByLabel("Account number of Member savings").fill("12");
    await page.getByLabel("Account number of Member savings").press("Enter");
    await page.getByRole("alert").filter({ hasText: "An account number has at least 4 letters or digits" }).waitFor();
    expect(errors).toEqual([]);
    const entry = await signedIn(t.users["data-entry"].email);
    expect((await entry.fetch("/settings/accounts")).status).toBe(403);
  });
});

