/**
 * End to end in a real browser (Debian's Chromium driven by playwright-core): a data-entry
 * user uploads a statement and finds its rows; an admin sees the dashboard chart, rendered
 * on the server as well. Screenshots are always taken (a page that cannot render fails here);
 * with UPDATE_SCREENSHOTS=1 they replace the ones in docs/screenshots/ that the docs show.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SCREENSHOTS, signIn, until, useBrowser } from "./support.ts";

const DEMO_MONTHS = ["2026-07", "2026-08", "2026-09", "2026-10"];

const { newPage, tmpDir } = useBrowser();

describe("in the browser", () => {
  // Runs first, so the dashboard screenshot shows only the demo months (the upload test adds November).
  test("admin sees the cash-flow dashboard, rendered on the server too", async () => {
    const { context, page, errors } = await newPage();
    await signIn(page, "admin@demo.test", /\/dashboard$/);

    // The demo statements are posted by the worker after seeding; wait for them via the API.
    await until("the demo statements to be processed", async () => {
      const res = await context.request.get("/api/v1/statements");
      const { statements } = (await res.json()) as { statements: { fileName: string; status: string }[] };
      const demo = statements.filter((s) => /^2026-\d\d\.csv$/.test(s.fileName));
      return demo.length >= DEMO_MONTHS.length && demo.every((s) => ["posted", "needs_review", "failed"].includes(s.status)) ? true : undefined;
    });

    await page.goto("/dashboard");
    await page.locator("svg.recharts-surface").first().waitFor();
    expect(await page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.locator(".recharts-line").count()).toBe(1);
    for (const month of DEMO_MONTHS) {
      const row = page.locator(`tbody tr[data-month="${month}"]`);
      expect(await row.count(), `month row ${month}`).toBe(1);
      // Every amount cell is formatted as currency.
      for (const cell of await row.locator("td.num").allTextContents()) expect(cell).toMatch(/^-?\$[\d,]+\.\d{2}$/);
    }
    expect(await page.locator(".tile").count()).toBe(4);
    // Hydrated without a mismatch: the chart is interactive and its tooltip shows exact amounts.
    await page.waitForLoadState("networkidle");
    await page.locator(".recharts-bar-rectangle").first().hover();
    await page.locator(".recharts-default-tooltip", { hasText: "Money in" }).waitFor();
    expect(await page.locator(".recharts-default-tooltip").textContent()).toMatch(/Money in : \$[\d,]+\.\d{2}/);
    expect(errors).toEqual([]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard.png"), fullPage: true });

    // Server-side rendering: the HTML as sent (no JavaScript ran) already contains the chart.
    const res = await context.request.get("/dashboard");
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain("recharts-surface");
    expect(html).toContain("recharts-bar-rectangle");
    for (const month of DEMO_MONTHS) expect(html).toContain(`data-month="${month}"`);
  });

  test("data entry uploads a CSV statement and finds its transactions", async () => {
    const { page, errors } = await newPage();
    await signIn(page, "entry@demo.test", /\/uploads$/);

    // Data entry has no dashboard: the page answers 403.
    const forbidden = await page.goto("/dashboard");
    expect(forbidden?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Not allowed");

    await page.goto("/uploads");
    // Wait for hydration: the file input only does something once React handles its events.
    await page.locator('.upload-form[data-hydrated="true"]').waitFor();
    await page.getByLabel("Bank account").selectOption({ label: "Operating account (USD)" });

    const tag = randomUUID().slice(0, 8);
    const text = `E2E widget sale ${tag}`;
    const file = path.join(tmpDir(), `e2e-${tag}.csv`);
    // No Balance column: the rows stand alone, so no balance chain with the demo data matters.
    await writeFile(
      file,
      ["Date,Description,Amount", `2026-11-03,${text} A,125.50`, `2026-11-05,${text} refund,-20.00`, `2026-11-09,${text} B,1310.25`, ""].join("\n"),
    );
    await page.locator("input[type=file]").setInputFiles(file);

    const status = page.getByTestId("upload-status").first();
    const final = await until("the upload to finish", async () => {
      const t = (await status.textContent())?.trim() ?? "";
      return /^(posted|needs review|failed|rejected)$/.test(t) ? t : undefined;
    });
    const item = page.locator(".upload-item").first();
    expect(final, `upload ended as "${final}": ${await item.textContent()}`).toBe("posted");
    expect(await item.textContent()).toContain("3 rows");
    // The recent-statements table is revalidated once the file finishes.
    await page.locator("table.grid tbody tr", { hasText: `e2e-${tag}.csv` }).locator(".badge.posted").waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "uploads.png"), fullPage: true });

    await page.goto(`/transactions?q=${encodeURIComponent(text)}`);
    const rows = page.locator("table.transactions tbody tr");
    expect(await rows.count()).toBe(3);
    const amounts = await rows.locator("td.num.amount-in, td.num.amount-out").allTextContents();
    expect(amounts.sort()).toEqual(["$1,310.25", "$125.50", "-$20.00"].sort());
    expect(await rows.filter({ hasText: `${text} refund` }).locator("td.amount-out").textContent()).toBe("-$20.00");
    expect(await page.getByLabel("Search").inputValue()).toBe(text);
    await page.screenshot({ path: path.join(SCREENSHOTS, "transactions.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
