/**
 * The studio in Thai, in headless Chromium: an admin switches to ไทย on the Account page and the top bar,
 * the Account page, the Team table's dates (Buddhist year) and the dashboard change at once, without a
 * reload; a reload keeps Thai; switching back gives English. A Thai browser meets the login page in Thai
 * without choosing anything; an English one loads no Thai at all.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage, signIn, SHOTS, studioForSuite } from '../support/studio-browser.ts';

const started = studioForSuite(test);

const htmlLang = (page: Page): Promise<string | null> => page.evaluate(() => document.documentElement.lang);
const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).innerText()).trim();

/** the Thai translations arrive as their own chunk (locales/th.ts); the asset file is named after it */
const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

const isThaiChunk = (url: string): boolean => /\/assets\/th-[\w-]+\.js$/.test(url);

async function chooseLanguage(page: Page, language: 'en' | 'th'): Promise<void> {
  await page.getByTestId('nav-account').click();
  await page.getByTestId('language-picker').selectOption(language);
}

test('an admin switches the studio to Thai on the Account page, keeps it over a reload and switches back', async () => {
  const { browser, engine } = started();
  const page = await signIn(browser, engine, engine.admin, { locale: 'en-US' });
  assert.is(await text(page, 'nav-inbox'), 'Inbox');
  await page.evaluate(() => Object.assign(window, { loadedOnce: true })); // gone if the page reloads

  await chooseLanguage(page, 'th');
  await page.getByTestId('nav-inbox').filter({ hasText: 'กล่องข้อความ' }).waitFor();
  assert.ok(await page.evaluate(() => 'loadedOnce' in window), 'switched without a reload');
  assert.is(await htmlLang(page), 'th');
  assert.is(await text(page, 'sign-out'), 'ออกจากระบบ');
  assert.is(await text(page, 'nav-dashboard'), 'แดชบอร์ด');
  assert.is(await text(page, 'nav-team'), 'ทีม');
  assert.match(await text(page, 'operator-name'), /· ผู้ดูแลระบบ$/);
  assert.is((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'บัญชีของคุณ');
  assert.match(await page.getByTestId('account-who').innerText(), /ผู้ดูแลระบบ/);
  assert.is(await page.title(), 'บัญชี · Baton');
  await page.screenshot({ path: `${SHOTS}/thai-1-account.png`, fullPage: true });

  // the admin signed in a moment ago: the Team table says so in Thai words, and its exact time (the title)
  // is written as Thai readers write dates, Buddhist year and all
  await page.getByTestId('nav-team').click();
  const lastSignIn = page.locator(`[data-testid="operator-row"][data-email="${engine.admin.email}"] [data-testid="operator-last-sign-in"] span`);
  await lastSignIn.waitFor();
  assert.match(await lastSignIn.innerText(), /[\u0E00-\u0E7F]/, 'a Thai "moments ago"');
  const exact = (await lastSignIn.getAttribute('title')) ?? '';
  assert.ok(exact.includes(THAI_MONTHS[new Date().getMonth()] ?? '?'), `a Thai month in "${exact}"`);
  assert.ok(exact.includes(String(new Date().getFullYear() + 543)), `the Buddhist year in "${exact}"`);
  assert.not.ok(exact.includes(String(new Date().getFullYear())), `no Gregorian year in "${exact}"`);
  assert.is((await page.getByRole('columnheader', { name: 'เข้าสู่ระบบล่าสุด' }).count()), 1);
  await page.screenshot({ path: `${SHOTS}/thai-2-team.png`, fullPage: true });

  await page.getByTestId('nav-dashboard').click();
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
  assert.is((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'แดชบอร์ด');
  const cards = await page.locator('baton-live-cards section').innerText();
  assert.match(cards, /รอนานที่สุด/);
  assert.match(cards, /กำลังสนทนา/);
  // today (the engine's business day) as a Thai date: day, Thai month, Buddhist year
  const months = THAI_MONTHS.map((m) => m.replace(/\./g, '\\.')).join('|');
  assert.match(cards, new RegExp(`วันนี้ \\d{1,2} (${months}) 25\\d\\d`));
  assert.is(await text(page, 'live-status'), 'สด');
  await page.screenshot({ path: `${SHOTS}/thai-3-dashboard.png`, fullPage: true });

  await page.reload();
  await page.getByTestId('nav-inbox').filter({ hasText: 'กล่องข้อความ' }).waitFor();
  assert.not.ok(await page.evaluate(() => 'loadedOnce' in window), 'the page did reload');
  assert.is(await htmlLang(page), 'th');

  await chooseLanguage(page, 'en');
  await page.getByTestId('nav-inbox').filter({ hasText: 'Inbox' }).waitFor();
  assert.is(await htmlLang(page), 'en');
  assert.is(await text(page, 'sign-out'), 'Sign out');
  assert.is((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Your account');
  await page.context().close();
});

test('a Thai browser meets the login page in Thai; an English one sees English and downloads no Thai', async () => {
  const { browser, engine } = started();
  const thai = await openPage(browser, engine, '#/login', { locale: 'th-TH', studioLanguage: 'browser' });
  await thai.getByRole('heading', { name: 'เข้าสู่ระบบ Baton' }).waitFor();
  assert.is(await text(thai, 'login-submit'), 'เข้าสู่ระบบ');
  assert.is(await htmlLang(thai), 'th');
  assert.is(await thai.getByTestId('language-picker').inputValue(), 'th');
  await thai.screenshot({ path: `${SHOTS}/thai-4-login.png` });
  // the operator's own choice wins over the browser's language, from the login page too
  await thai.getByTestId('language-picker').selectOption('en');
  await thai.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
  await thai.reload();
  await thai.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
  await thai.context().close();

  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const english = await openPage(browser, engine, '#/login', { context, studioLanguage: 'browser' });
  await english.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
  await english.waitForLoadState('networkidle');
  assert.is(await htmlLang(english), 'en');
  assert.ok(requested.length > 0, 'requests recorded');
  assert.equal(requested.filter(isThaiChunk), [], 'no Thai translations downloaded');
  // choosing Thai fetches them then
  await english.getByTestId('language-picker').selectOption('th');
  await english.getByRole('heading', { name: 'เข้าสู่ระบบ Baton' }).waitFor();
  assert.ok(requested.some(isThaiChunk), 'the Thai chunk loaded when chosen');
  await context.close();
});

test.run();
