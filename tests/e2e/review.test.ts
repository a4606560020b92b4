/**
 * The review grid in a real browser, driven by the keyboard alone: accept a suggestion with
 * Enter, type to filter the category picker, split with `s`, mark a duplicate with `x` and take
 * it back with `u`, bulk-select with Shift+arrows and apply one category to all (and undo them
 * together), and see a conflicting edit rolled back visibly to what another person saved. Each
 * step is checked in the database, not only on the page. Screenshots for docs/review-workspace.md.
 */
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "~/services/db.server";
import { Client, createTenant, signedIn, TEST_PASSWORD, type TestTenant } from "../support/fixtures.ts";
import { SCREENSHOTS, signIn, useBrowser } from "./support.ts";

const { newPage } = useBrowser();

let t: TestTenant;
let operator: Client;
let category: (name: string) => string;
/** The April statement's rows by description prefix. */
let row: (prefix: string) => string;

const dbRow = (id: string) =>
  withTenant(t.tenantId, (tx) => tx.transaction.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, include: { splits: { orderBy: { seq: "asc" } } } }));
const patch = (client: Client, id: string, body: unknown) =>
  client.json(`/api/v1/transactions/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTenant("Review grid");
  operator = await signedIn(t.users.operator.email);
  const names = new Map((await withTenant(t.tenantId, (tx) => tx.category.findMany({ where: { tenantId: t.tenantId } }))).map((c) => [c.name, c.id]));
  category = (name) => names.get(name)!;
  // Suggestions, not automatic categories: the threshold at its maximum keeps every row for a person.
  await withTenant(t.tenantId, (tx) => tx.tenantSettings.upsert({ where: { tenantId: t.tenantId }, create: { tenantId: t.tenantId, autoCategorizeThreshold: 1 }, update: { autoCategorizeThreshold: 1 } }));

  const march = await operator.upload(t.accountId, "march.csv", [
    "Date,Description,Amount",
    "2026-03-02,BLUE BOTTLE COFFEE 0423 OAKLAND CA,-4.50",
    "2026-03-03,BLUE BOTTLE COFFEE 0511 OAKLAND CA,-5.25",
    "2026-03-04,BLUE BOTTLE COFFEE 0612 OAKLAND CA,-3.75",
    "2026-03-05,ADOBE CREATIVE CLOUD 8841,-59.99",
    "2026-03-06,ADOBE CREATIVE CLOUD 8842,-59.99",
    "2026-03-10,AMAZON MKTPLACE PMTS AMZN.COM/BILL,-45.99",
  ].join("\n"));
  expect(await operator.waitForStatement(march.body.id)).toMatchObject({ status: "posted" });
  // The operator teaches the model: coffee is travel and meals, Adobe is software.
  const taught = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: march.body.id }, orderBy: { sourceRow: "asc" } }));
  for (const r of taught.slice(0, 5)) {
    const res = await patch(operator, r.id, { version: r.version, categoryId: category(r.description.startsWith("BLUE") ? "Travel and meals" : "Software") });
    expect(res.status).toBe(200);
  }

  const april = await operator.upload(t.accountId, "april.csv", [
    "Date,Description,Amount",
    "2026-03-11,AMAZON MKTPLACE PMTS AMZN.COM,-45.99",
    "2026-04-02,BLUE BOTTLE COFFEE 0713 OAKLAND CA,-6.00",
    "2026-04-03,GUSTO PAYROLL 4471,-2500.00",
    "2026-04-05,WEWORK MEMBERSHIP APRIL,-450.00",
    "2026-04-08,STAPLES 0042,-120.00",
    "2026-04-09,FACEBOOK ADS 1,-25.00",
    "2026-04-10,GOOGLE ADS 2,-35.00",
    "2026-04-11,LINKEDIN ADS 3,-40.00",
    "2026-04-12,UPS STORE 5521,-18.00",
  ].join("\n"));
  expect(await operator.waitForStatement(april.body.id)).toMatchObject({ status: "posted" });
  const rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, statementId: april.body.id } }));
  row = (prefix) => rows.find((r) => r.description.startsWith(prefix))!.id;
});

describe("the review grid, by keyboard only", () => {
  test("suggestion, picker, split, duplicate and undo, bulk apply and bulk undo, conflict", async () => {
    const { page, errors } = await newPage();
    await signIn(page, t.users["data-entry"].email, /\/uploads$/, TEST_PASSWORD);
    await page.goto("/review");
    await page.locator('.review[data-hydrated="true"]').waitFor();
    const grid = page.getByRole("grid", { name: "Rows to review" });
    await grid.focus();
    const tr = (prefix: string) => page.locator(`tr[data-id="${row(prefix)}"]`);
    const settled = (prefix: string, status = "saved") => page.locator(`tr[data-id="${row(prefix)}"][data-status="${status}"]`).waitFor();
    const announcement = page.getByTestId("announcement");
    const activeId = async () => (await grid.getAttribute("aria-activedescendant"))?.replace(/^row-/, "");

    // Newest statement first, in file order: the Amazon row is active, flagged a possible duplicate.
    expect(await activeId()).toBe(row("AMAZON"));
    expect(await tr("AMAZON").textContent()).toContain("Duplicate?");

    // x: marked a duplicate (no longer counted); u: taken back.
    await page.keyboard.press("x");
    await settled("AMAZON");
    expect(await announcement.textContent()).toMatch(/^Marked a duplicate: AMAZON MKTPLACE PMTS AMZN\.COM/);
    expect(await dbRow(row("AMAZON"))).toMatchObject({ status: "duplicate" });
    await page.keyboard.press("u");
    await page.getByText(/^Undone: AMAZON MKTPLACE PMTS AMZN\.COM counts again$/).waitFor();
    expect(await dbRow(row("AMAZON"))).toMatchObject({ status: "posted", duplicateOfId: null });

    // ↓ then Enter: the model's suggestion for the coffee is accepted, and the next row is active.
    await page.keyboard.press("ArrowDown");
    expect(await tr("BLUE BOTTLE").locator(".suggestion").textContent()).toMatch(/^Travel and meals\? \d+%$/);
    await page.keyboard.press("Enter");
    await settled("BLUE BOTTLE");
    expect(await dbRow(row("BLUE BOTTLE"))).toMatchObject({ categoryId: category("Travel and meals"), categorySource: "manual", version: 2 });
    expect(await activeId()).toBe(row("GUSTO"));

    // Typing opens the picker filtered by what is typed; Enter chooses.
    await page.keyboard.press("p");
    const picker = page.getByRole("combobox");
    await picker.waitFor();
    await page.keyboard.type("ay");
    expect(await picker.inputValue()).toBe("pay");
    expect(await page.getByRole("option").allTextContents()).toEqual(["Payroll operating"]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "review-picker.png"), fullPage: true });
    await page.keyboard.press("Enter");
    await settled("GUSTO");
    expect((await dbRow(row("GUSTO"))).categoryId).toBe(category("Payroll"));

    // Arrows move within the matches: "r" → Rent, Revenue; down and back up, Enter → Rent.
    expect(await activeId()).toBe(row("WEWORK"));
    await page.keyboard.press("r");
    await picker.waitFor();
    expect((await page.getByRole("option").allTextContents()).slice(0, 2)).toEqual(["Rent operating", "Revenue operating"]);
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("option", { selected: true }).textContent()).toBe("Revenue operating");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await settled("WEWORK");
    expect((await dbRow(row("WEWORK"))).categoryId).toBe(category("Rent"));

    // s: split the Staples row into 30.00 office supplies and the rest (computed) marketing.
    await page.keyboard.press("s");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await page.keyboard.type("-30");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Office");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Marketing");
    expect(await dialog.locator("output").textContent()).toBe("-$90.00");
    await page.screenshot({ path: path.join(SCREENSHOTS, "review-split.png"), fullPage: true });
    await page.keyboard.press("Enter");
    await settled("STAPLES");
    const staples = await dbRow(row("STAPLES"));
    expect(staples.splits.map((s) => [s.amount.toString(), s.categoryId])).toEqual([["-30", category("Office and supplies")], ["-90", category("Marketing")]]);

    // Shift+↓ twice from the Facebook row: three rows selected; "/" then "mark", Enter → all three.
    await page.keyboard.press("ArrowDown");
    expect(await activeId()).toBe(row("FACEBOOK"));
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    expect(await page.locator('tr[aria-selected="true"]').count()).toBe(3);
    await page.keyboard.press("/");
    await picker.waitFor();
    await page.keyboard.type("mark");
    await page.screenshot({ path: path.join(SCREENSHOTS, "review-bulk.png"), fullPage: true });
    await page.keyboard.press("Enter");
    for (const p of ["FACEBOOK", "GOOGLE", "LINKEDIN"]) await settled(p);
    for (const p of ["FACEBOOK", "GOOGLE", "LINKEDIN"]) expect((await dbRow(row(p))).categoryId).toBe(category("Marketing"));
    // u undoes the whole bulk change at once.
    await page.keyboard.press("u");
    await page.waitForFunction(() => document.querySelectorAll('tr[data-status="saved"]').length >= 7 && !document.querySelector('tr[data-status="saving"]'));
    for (const p of ["FACEBOOK", "GOOGLE", "LINKEDIN"]) expect(await dbRow(row(p))).toMatchObject({ categoryId: null, version: 3 });
    for (const p of ["FACEBOOK", "GOOGLE", "LINKEDIN"]) {
      expect(await tr(p).locator(".row-status").textContent()).toBe("Undone");
      expect(await tr(p).textContent()).toContain("No category");
    }
    expect(await tr("GUSTO").textContent()).not.toContain("No category");
    expect((await dbRow(row("STAPLES"))).splits).toHaveLength(2); // the split before it stays

    // Someone else categorizes the UPS row while it is on screen; our edit is refused and
    // rolled back, on the row, to what they saved.
    expect((await patch(operator, row("UPS"), { version: 1, categoryId: category("Office and supplies") })).status).toBe(200);
    // End goes to the last row (the March Amazon row, older statement); back up to UPS.
    await page.keyboard.press("End");
    while ((await activeId()) !== row("UPS")) await page.keyboard.press("ArrowUp");
    await page.keyboard.press("/");
    await picker.waitFor();
    await page.keyboard.type("travel");
    await page.keyboard.press("Enter");
    await settled("UPS", "conflict");
    const message = await tr("UPS").locator(".row-status").textContent();
    expect(message).toMatch(/^Not saved — Someone changed this row since you opened it \(version 2, not 1\)/);
    expect(message).toMatch(/It now says: Office and supplies\.$/);
    expect(await tr("UPS").locator(".category-cell").textContent()).toBe("Office and supplies");
    expect((await dbRow(row("UPS"))).categoryId).toBe(category("Office and supplies"));
    await page.screenshot({ path: path.join(SCREENSHOTS, "review-conflict.png"), fullPage: true });

    // Edits are audited as the data-entry member's.
    const edits = await withTenant(t.tenantId, (tx) => tx.auditEvent.count({ where: { tenantId: t.tenantId, action: "ledger.edit", actorId: t.users["data-entry"].id } }));
    expect(edits).toBe(3 + 3 + 3); // coffee, payroll, rent; bulk; bulk undo
    expect(errors).toEqual([]);
  });

  test("an operator categorizes and signs a row off in the grid (a), then decides data entry's proposed change to it, by keyboard", async () => {
    const { page, errors } = await newPage();
    await signIn(page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await page.goto("/review");
    await page.locator('.review[data-hydrated="true"]').waitFor();
    const grid = page.getByRole("grid", { name: "Rows to review" });
    await grid.focus();
    const id = row("FACEBOOK");
    while ((await grid.getAttribute("aria-activedescendant")) !== `row-${id}`) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("/");
    await page.getByRole("combobox").waitFor();
    await page.keyboard.type("mark");
    await page.keyboard.press("Enter");
    await page.locator(`tr[data-id="${id}"][data-status="saved"]`).waitFor();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("a");
    await page.getByText(/^Approved 1 row: data entry's changes to them now need an operator$/).waitFor();
    expect(await page.locator(`tr[data-id="${id}"] .row-status`).textContent()).toBe("Approved");
    const approved = await dbRow(id);
    expect(approved).toMatchObject({ categoryId: category("Marketing"), approvedById: t.users.operator.id });

    const entry = await signedIn(t.users["data-entry"].email);
    const proposal = await patch(entry, id, { version: approved.version, categoryId: category("Professional services"), note: "agency retainer, not ads" });
    expect(proposal.status).toBe(202);

    await page.goto("/review");
    await page.getByRole("link", { name: "1 proposed change to decide" }).waitFor();
    await page.goto("/review/proposals");
    const card = page.getByRole("article", { name: "Proposal for FACEBOOK ADS 1" });
    expect(await card.locator(".change").textContent()).toBe("Category → Professional services; note “agency retainer, not ads”");
    await card.getByLabel("Note (needed to reject)").focus();
    await page.keyboard.type("checked the contract");
    await page.screenshot({ path: path.join(SCREENSHOTS, "review-proposals.png"), fullPage: true });
    await page.keyboard.press("Tab"); // → Approve
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Approved and applied." }).waitFor();
    expect(await dbRow(id)).toMatchObject({ categoryId: category("Professional services"), note: "agency retainer, not ads" });
    expect((await dbRow(id)).approvedAt).not.toBeNull();
    expect(await page.getByRole("row", { name: /FACEBOOK ADS 1/ }).textContent()).toContain("checked the contract");
    expect(errors).toEqual([]);
  });

  test("a proposed transfer between two accounts is confirmed by keyboard, and leaves the queue", async () => {
    const savingsId = (await withTenant(t.tenantId, (tx) => tx.bankAccount.create({ data: { tenantId: t.tenantId, name: "Savings", currency: "USD" } }))).id;
    const out = await operator.upload(t.accountId, "may-checking.csv", "Date,Description,Amount\n2026-05-04,TRANSFER TO SAVINGS 0091,-700.00\n");
    expect(await operator.waitForStatement(out.body.id)).toMatchObject({ status: "posted" });
    const into = await operator.upload(savingsId, "may-savings.csv", "Date,Description,Amount\n2026-05-05,TRANSFER FROM CHECKING,700.00\n");
    expect(await operator.waitForStatement(into.body.id)).toMatchObject({ status: "posted" });
    const [pair] = await withTenant(t.tenantId, (tx) => tx.transferPair.findMany({ where: { tenantId: t.tenantId, status: "proposed" } }));
    expect(pair).toBeDefined();

    const { page, errors } = await newPage();
    await signIn(page, t.users["data-entry"].email, /\/uploads$/, TEST_PASSWORD);
    await page.goto("/review");
    const item = page.getByRole("listitem", { name: "Transfer TRANSFER TO SAVINGS 0091 to TRANSFER FROM CHECKING" });
    expect(await item.locator(".candidate-why").textContent()).toBe(
      "-$700.00 from Checking on 2026-05-04 (TRANSFER TO SAVINGS 0091) → $700.00 into Savings on 2026-05-05 (TRANSFER FROM CHECKING)",
    );
    await item.getByRole("button", { name: "Confirm transfer" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Confirmed: both rows are a transfer" }).waitFor();
    // Gone once the page's data is read again after the decision.
    await page.getByRole("listitem", { name: /^Transfer TRANSFER TO SAVINGS/ }).waitFor({ state: "detached" });
    expect((await withTenant(t.tenantId, (tx) => tx.transferPair.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: pair!.id } } }))).status).toBe("confirmed");
    const rows = await withTenant(t.tenantId, (tx) => tx.transaction.findMany({ where: { tenantId: t.tenantId, id: { in: [pair!.outgoingId, pair!.incomingId] } } }));
    expect(rows.map((r) => r.categorySource)).toEqual(["transfer", "transfer"]);
    expect(errors).toEqual([]);
  });
});
