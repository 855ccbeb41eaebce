/** The studio in headless Chromium against a sandbox engine, for the browser tests. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Test } from 'uvu';
import { repoRoot, startTestEngine, studioDir, type TestEngine } from './engine-harness.ts';

/** Screenshots go here (gitignored) for a person to look at. */
export const SHOTS = path.join(repoRoot, '.tmp');
export const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM = '/usr/bin/chromium';

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface LaunchOptions {
  /** engine settings (e.g. a short BATON_IDLE_TIMEOUT_MINUTES) */
  env?: Record<string, string>;
  /** the engine's clock (default Date.now), e.g. real time moved to a night in the business time zone */
  now?: () => number;
}

export async function launchStudio(options: LaunchOptions = {}): Promise<{ engine: TestEngine; browser: Browser }> {
  if (!fs.existsSync(path.join(studioDir, 'index.html'))) throw new Error(`the studio is not built in ${studioDir}: run \`npm run build\` first`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-thai-tlwg`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const engine = await startTestEngine({ sandbox: true, ...(options.env ? { env: options.env } : {}), ...(options.now ? { now: options.now } : {}) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return { engine, browser };
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** another tab of the same browser (same cookies, same Web Locks) */
  context?: BrowserContext;
  /**
   * The studio's language as if picked on the Account page (kept in localStorage until the page picks
   * another): English by default, so a th-TH browser still reads the words the tests look for; 'browser'
   * leaves the choice to the studio, which follows the browser's language.
   */
  studioLanguage?: 'en' | 'th' | 'browser';
}

/** What a browser suite runs against: one engine and one Chromium. */
export interface StartedStudio {
  engine: TestEngine;
  browser: Browser;
}

/**
 * One engine and one Chromium for the whole suite: launched in `test.before`, closed in `test.after`. The
 * returned function hands them to a test (and says so when the launch failed).
 */
export function studioForSuite(suite: Test, options: LaunchOptions = {}): () => StartedStudio {
  let studio: StartedStudio | undefined;
  suite.before(async () => {
    studio = await launchStudio(options);
  });
  suite.after(async () => {
    await studio?.browser.close();
    await studio?.engine.stop();
  });
  return () => {
    if (!studio) throw new Error('the engine and the browser start in test.before');
    return studio;
  };
}

/** A page of its own browser profile (one per person: cookies and storage stay apart), opened at `hash`. */
export async function openPage(browser: Browser, engine: TestEngine, hash: string, options: OpenOptions = {}): Promise<Page> {
  const context = options.context ?? (await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: options.locale ?? 'th-TH' }));
  const language = options.studioLanguage ?? 'en';
  if (language !== 'browser') {
    // a script's text (tsx could add helpers to a function that the page lacks); about:blank has no storage
    await context.addInitScript({
      content: `try { if (!localStorage.getItem('baton.language')) localStorage.setItem('baton.language', '${language}'); } catch {}`,
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[browser ${hash}] ${error.message}`));
  await page.goto(`${engine.baseUrl}/${hash}`);
  return page;
}

/** Fills the login form (the page shows it) and submits; waits for the operator's name in the top bar. */
export async function signInHere(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('operator-name').waitFor();
}

/** A new person signing in at the login page; lands where the studio sends them (the inbox, or a required step). */
export async function signIn(browser: Browser, engine: TestEngine, who: { email: string; password: string }, options: OpenOptions = {}): Promise<Page> {
  const page = await openPage(browser, engine, '#/login', options);
  await signInHere(page, who);
  return page;
}

/**
 * The customer's browser: the simulator needs a signed-in studio user, so the admin signs in on the way
 * (the studio returns to #/simulator after the login), then plays a new LINE user.
 */
export async function openSimulator(browser: Browser, engine: TestEngine, options: OpenOptions = {}): Promise<Page> {
  const page = await openPage(browser, engine, '#/simulator', { viewport: { width: 1100, height: 900 }, ...options });
  await signInHere(page, engine.admin);
  await page.getByTestId('sim-input').waitFor();
  return page;
}

/** what the customer's phone shows, newest last */
export const phoneEntries = (page: Page, from: 'user' | 'account'): Locator => page.locator(`[data-testid="sim-entry"][data-from="${from}"]`);

export async function customerSays(page: Page, text: string): Promise<void> {
  const before = await phoneEntries(page, 'user').filter({ hasText: text }).count();
  await page.getByTestId('sim-input').fill(text);
  await page.getByTestId('sim-send').click();
  await phoneEntries(page, 'user').filter({ hasText: text }).nth(before).waitFor();
}

/** a new LINE user in the simulator, befriending the account (the welcome has arrived) */
export async function newCustomer(browser: Browser, engine: TestEngine, name: string): Promise<Page> {
  const page = await openSimulator(browser, engine);
  await page.getByTestId('sim-new-user').click();
  await page.getByTestId('sim-display-name').fill(name);
  await page.getByTestId('sim-display-name').press('Tab');
  await page.getByTestId('sim-follow').click();
  await phoneEntries(page, 'account').first().waitFor();
  return page;
}

/** Every key the page's localStorage holds, with its value (no token may be among them). */
export const localStorageOf = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key) ?? ''])));
