/**
 * End to end in a real browser (Debian's Chromium driven by playwright-core): a data-entry
 * user uploads a statement and finds its rows; an admin sees the dashboard chart, rendered
 * on the server as well. Screenshots are always taken (a page that cannot render fails here);
 * with UPDATE_SCREENSHOTS=1 they replace the ones in docs/screenshots/ that the docs show.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.resolve("docs/screenshots") : mkdtempSync(path.join(os.tmpdir(), "cashline-shots-"));
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-for-tests";
const DEMO_MONTHS = ["2026-07", "2026-08", "2026-09", "2026-10"];
// Statement processing is asynchronous (queue + worker): generous, but everything polls.
const PROCESSING_TIMEOUT = 60_000;

const base = (): string => inject("baseUrl");

let browser: Browser;
let tmpDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}; install Debian chromium: apt-get install -y chromium`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  tmpDir = await mkdtemp(path.join(os.tmpdir(), "cashline-e2e-"));
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
});

/** A fresh browser session; `errors` collects uncaught page errors and React's console
 *  errors (a hydration mismatch shows up there, e.g. when server and browser render a chart
 *  differently), so each test can assert there were none. */
async function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: base(), viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /react|hydrat/i.test(m.text())) errors.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  return { context, page, errors };
}

/** Signs in through the login form, as a person would. */
async function signIn(page: Page, email: string, landing: RegExp): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(landing);
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = PROCESSING_TIMEOUT, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

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
    const file = path.join(tmpDir, `e2e-${tag}.csv`);
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
