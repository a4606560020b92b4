/**
 * The import engine's trust rules, as a person meets them in the browser: a CSV whose columns
 * are a guess waits for its mapping to be confirmed on a live preview; a posted import shows
 * how it was read, its near-duplicates wait for a decision, and an operator can undo it.
 * Each test works in a tenant of its own, so nothing collides with the other browser tests.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createTenant, signedIn, TEST_PASSWORD, type Client } from "../support/fixtures.ts";
import { SCREENSHOTS, signIn, until, useBrowser } from "./support.ts";

const { newPage, tmpDir } = useBrowser();

async function importCsv(client: Client, accountId: string, fileName: string, lines: string[]): Promise<{ id: string; status: string }> {
  const up = await client.upload(accountId, fileName, ["Date,Description,Amount,Balance", ...lines, ""].join("\n"));
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  return client.waitForStatement(up.body.id);
}

describe("imports in the browser", () => {
  test("data entry confirms the column mapping of an ambiguous CSV on a live preview", async () => {
    const t = await createTenant("UI mapping");
    const { page, errors } = await newPage();
    await signIn(page, t.users["data-entry"].email, /\/uploads$/, TEST_PASSWORD);
    await page.locator('.upload-form[data-hydrated="true"]').waitFor();

    // No header, and every date reads both ways (01/02 is 1 February or January 2).
    const tag = randomUUID().slice(0, 8);
    const fileName = `no-header-${tag}.csv`;
    const file = path.join(tmpDir(), fileName);
    await writeFile(file, `01/02/2026,Coffee Corner ${tag},-4.50\n03/02/2026,Rent March ${tag},-600.00\n05/02/2026,Stripe payout ${tag},250.00\n`);
    await page.locator("input[type=file]").setInputFiles(file);

    const status = page.getByTestId("upload-status").first();
    const held = await until("the upload to be held", async () => {
      const text = (await status.textContent())?.trim() ?? "";
      return /^(posted|needs review|needs mapping|failed|rejected)$/.test(text) ? text : undefined;
    });
    expect(held, await page.locator(".upload-item").first().textContent() ?? "").toBe("needs mapping");

    await page.getByRole("link", { name: `Check the mapping for ${fileName}` }).click();
    await page.waitForURL(/\/uploads\/[0-9a-f-]{36}$/);
    const detail = page.locator('[data-testid="statement-detail"][data-hydrated="true"]');
    await detail.waitFor();
    expect(await detail.getByTestId("detail-status").textContent()).toBe("needs mapping");
    expect(await detail.getByTestId("status-reason").textContent()).toMatch(/check the detected mapping/);
    expect(await detail.locator(".file-lines li").first().textContent()).toBe(`01/02/2026,Coffee Corner ${tag},-4.50`);
    // Nothing is imported while the mapping waits: data entry cannot undo anything anyway.
    expect(await detail.getByRole("button", { name: /Undo import/ }).count()).toBe(0);

    const dates = () => detail.getByTestId("mapping-preview").locator("tbody tr td:nth-child(2)").allTextContents();
    const previewDates = (want: string[]) =>
      until(`preview dates ${want.join(", ")}`, async () => ((await dates()).join() === want.join() ? true : undefined), 15_000);
    await previewDates(["2026-02-01", "2026-02-03", "2026-02-05"]);

    // A mapping that cannot work says why, instead of showing rows.
    const firstColumn = detail.getByLabel("Column 1", { exact: true });
    expect(await firstColumn.inputValue()).toBe("date");
    await firstColumn.selectOption("ignore");
    await detail.getByTestId("preview-error").waitFor();
    expect(await detail.getByTestId("preview-error").textContent()).toMatch(/exactly one column must be the date/);
    await firstColumn.selectOption("date");
    await previewDates(["2026-02-01", "2026-02-03", "2026-02-05"]);

    await detail.getByLabel("Date order").selectOption("month-first");
    await previewDates(["2026-01-02", "2026-03-02", "2026-05-02"]);
    // The decimal mark is the person's to choose too (a file whose amounts read two ways).
    expect(await detail.getByLabel("Decimal mark").inputValue()).toBe(".");
    const amounts = await detail.getByTestId("mapping-preview").locator("tbody tr td.num:not(.muted)").allTextContents();
    expect(amounts).toEqual(["-$4.50", "-$600.00", "$250.00"]);
    await detail.getByLabel("Profile name").fill(`Bank without header ${tag}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-mapping.png"), fullPage: true });

    await detail.getByRole("button", { name: "Confirm and import" }).click();
    // Queued again, read with the confirmed mapping, polled like an upload.
    const final = await until("the import to finish", async () => {
      const text = (await detail.getByTestId("detail-status").textContent())?.trim() ?? "";
      return /^(posted|needs review|failed)$/.test(text) ? text : undefined;
    });
    expect(final, (await detail.textContent()) ?? "").toBe("posted");
    await detail.locator(".facts").waitFor();
    expect(await detail.locator(".facts div", { hasText: "Rows" }).locator("dd").textContent()).toBe("3");
    expect(await detail.getByTestId("explain").locator("li").first().textContent()).toContain(`Bank without header ${tag}`);
    // The upload's own line and the statements table catch up with the confirmed import.
    await until("the upload line to show posted", async () => ((await status.textContent())?.trim() === "posted" ? true : undefined), 15_000);
    await page.locator("table.grid tbody tr", { hasText: fileName }).locator(".badge.posted").waitFor();
    expect(errors).toEqual([]);
  });

  test("an operator reads how a file was read, decides a near-duplicate and undoes an import", async () => {
    const t = await createTenant("UI undo");
    const admin = await signedIn(t.users.admin.email);
    const tag = randomUUID().slice(0, 8);
    const january = await importCsv(admin, t.accountId, `january-${tag}.csv`, [
      "2026-01-02,Opening deposit,1000.00,1000.00",
      "2026-01-10,Coffee Corner,-4.50,995.50",
      "2026-01-20,Acme Supplies,-91.00,904.50",
    ]);
    const janFeb = await importCsv(admin, t.accountId, `jan-feb-${tag}.csv`, [
      "2026-01-20,Acme Supplies,-91.00,904.50", // already in the ledger from january
      "2026-02-03,Stripe payout,250.00,1154.50",
      "2026-02-10,Rent,-600.00,554.50",
    ]);
    const card = await importCsv(admin, t.accountId, `card-export-${tag}.csv`, ["2026-02-10,RENT PAYMENT LANDLORD LTD,-600.00,"]);
    expect([january.status, janFeb.status, card.status]).toEqual(["posted", "posted", "posted"]);

    const { page, errors } = await newPage();
    await signIn(page, t.users.operator.email, /\/dashboard$/, TEST_PASSWORD);
    await page.goto("/uploads");
    await page.getByRole("link", { name: `Details for card-export-${tag}.csv` }).click();
    const detail = page.locator('[data-testid="statement-detail"][data-hydrated="true"]');
    await detail.waitFor();
    expect(await detail.getByTestId("detail-status").textContent()).toBe("posted");
    expect((await detail.getByTestId("explain").locator("li").count())).toBeGreaterThan(2);
    expect(await detail.getByTestId("explain").textContent()).toMatch(/→/);

    // The near-duplicate: the new row beside the ledger row, with score and reason.
    const candidate = detail.getByTestId("duplicate-candidate");
    expect(await candidate.count()).toBe(1);
    const text = (await candidate.textContent()) ?? "";
    expect(text).toContain("score 70");
    expect(text).toContain("same amount -600.00 on the same day");
    expect(text).toContain("RENT PAYMENT LANDLORD LTD");
    expect(text).toContain(`from jan-feb-${tag}.csv`);
    const amountCell = candidate.locator("td.num").first();
    expect(await amountCell.textContent()).toBe("-$600.00");
    expect(await amountCell.evaluate((el) => getComputedStyle(el).textAlign)).toBe("right");
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-detail.png"), fullPage: true });

    await candidate.getByRole("button", { name: "Same payment (set aside)" }).click();
    await detail.getByText("1 set aside, 0 kept as separate payments.").waitFor();
    await until("the duplicate count to update", async () =>
      (await detail.locator(".facts div", { hasText: "Duplicates set aside" }).locator("dd").textContent()) === "1" ? true : undefined, 15_000);
    expect(await detail.getByTestId("duplicate-candidate").count()).toBe(0);

    // The overlapping statement: its duplicate was set aside, and it does not chain.
    await page.getByRole("link", { name: `Details for jan-feb-${tag}.csv` }).click();
    await page.waitForURL(new RegExp(`/uploads/${janFeb.id}$`));
    await detail.getByText(`jan-feb-${tag}.csv`, { exact: true }).waitFor();
    expect(await detail.locator(".facts div", { hasText: "Duplicates set aside" }).locator("dd").textContent()).toBe("1");
    expect(await detail.locator(".chain-issue").textContent()).toContain(`overlaps "january-${tag}.csv"`);

    // An undo needs a reason; the server's refusal is shown as it words it.
    await page.goto(`/uploads/${january.id}`);
    await detail.waitFor();
    await detail.getByRole("button", { name: "Undo import…" }).click();
    const reason = detail.getByLabel("Reason (required)");
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await detail.getByRole("button", { name: "Undo import", exact: true }).click();
    expect(await detail.getByRole("alert").textContent()).toMatch(/at least 3 characters/);
    await reason.fill("twice");
    const undone = await admin.json(`/api/v1/statements/${january.id}/undo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "undone elsewhere meanwhile" }),
    });
    expect(undone.status).toBe(200);
    await detail.getByRole("button", { name: "Undo import", exact: true }).click();
    await detail.getByText(`"january-${tag}.csv" is undone: only a posted or held import can be undone.`).waitFor();

    // And the real thing.
    await page.getByRole("link", { name: `Details for jan-feb-${tag}.csv` }).click();
    await page.waitForURL(new RegExp(`/uploads/${janFeb.id}$`));
    await detail.getByText(`jan-feb-${tag}.csv`, { exact: true }).waitFor();
    await detail.getByRole("button", { name: "Undo import…" }).click();
    await detail.getByLabel("Reason (required)").fill(`wrong account ${tag}`);
    await detail.getByRole("button", { name: "Undo import", exact: true }).click();
    await until("the statement to show undone", async () => ((await detail.getByTestId("detail-status").textContent()) === "undone" ? true : undefined), 15_000);
    expect(await detail.getByTestId("status-reason").textContent()).toMatch(/^Undone on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(await detail.getByRole("button", { name: /Undo import/ }).count()).toBe(0);
    await page.locator("table.grid tbody tr", { hasText: `jan-feb-${tag}.csv` }).locator(".badge.undone").waitFor();
    const after = await admin.json(`/api/v1/statements/${janFeb.id}`);
    expect(after.body).toMatchObject({ status: "undone", undoneAt: expect.any(String) });
    expect(errors).toEqual([]);
  });
});
