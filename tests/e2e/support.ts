/**
 * Shared by the browser tests: Debian's Chromium driven by playwright-core against the app
 * started by tests/setup/global.ts. Screenshots go to a temporary directory, or with
 * UPDATE_SCREENSHOTS=1 to docs/screenshots/ (the ones the docs show).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate } from "otplib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.resolve("docs/screenshots") : mkdtempSync(path.join(os.tmpdir(), "cashline-shots-"));
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-for-tests";
// Statement processing is asynchronous (queue + worker): generous, but everything polls.
export const PROCESSING_TIMEOUT = 60_000;

export const base = (): string => inject("baseUrl");

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and React's console errors (a hydration mismatch shows up there). */
  errors: string[];
}

/** Launches Chromium for the file's tests (closed afterwards) and gives a scratch directory. */
export function useBrowser(): { newPage: () => Promise<BrowserPage>; tmpDir: () => string } {
  let browser: Browser;
  let tmpDir = "";
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

  /** A fresh browser session, each test asserts `errors` stays empty. */
  async function newPage(): Promise<BrowserPage> {
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

  return { newPage, tmpDir: () => tmpDir };
}

/** The demo admin's authenticator secret (tests/setup/global.ts sets it). */
export const DEMO_TOTP_SECRET = process.env.DEMO_TOTP_SECRET ?? "";

/**
 * Signs in through the login form, as a person would; when the two-factor page follows (the
 * demo admin), enters the code from `totpSecret`. A code is accepted once only, and another
 * test process may have just used this step's: then the next step's code (also accepted now).
 */
export async function signIn(page: Page, email: string, landing: RegExp, password = DEMO_PASSWORD, totpSecret = email === "admin@demo.test" ? DEMO_TOTP_SECRET : ""): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => landing.test(url.href) || url.pathname === "/login/mfa");
  if (new URL(page.url()).pathname !== "/login/mfa") return;
  if (!totpSecret) throw new Error(`${email} has two-factor sign-in on: pass its authenticator secret`);
  const step = Math.floor(Date.now() / 30_000);
  for (const s of [step, step + 1]) {
    await page.getByLabel("Code").fill(await generate({ secret: totpSecret, epoch: s * 30 + 1 }));
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login/mfa"),
      page.getByRole("button", { name: "Continue" }).click(),
    ]);
    // A refused code is the form's 422; anything else went on to `landing`.
    if (answer.status() !== 422) return page.waitForURL(landing);
  }
  throw new Error(`two-factor sign-in of ${email} failed: ${await page.getByRole("alert").textContent()}`);
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = PROCESSING_TIMEOUT, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
