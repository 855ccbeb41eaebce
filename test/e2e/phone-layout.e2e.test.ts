/**
 * The studio on a phone (issue #13 item 9), in headless Chromium at 390×844: the top bar fits (the
 * menu button, the brand, the operator's name and Sign out in view, a long name giving way), the menu
 * shows every page link in view, every page but the inbox (its stacked views have tests of their own)
 * stays within the screen's width (wide tables scroll in their own box), and the customer simulator's
 * chat, quick replies, Add friend and Block are in view and work.
 *
 * "In view and clickable": the element's box lies inside the viewport and a trial click (Playwright's
 * actionability checks: visible, stable, not covered by another element) succeeds.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import { addOperator } from '../support/test-operators.ts';
import { openSimulator, PHONE, phoneEntries, SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';

const started = studioForSuite(test);

async function assertInView(control: Locator, what: string): Promise<void> {
  await control.waitFor();
  const box = await control.boundingBox();
  assert.ok(box, `${what} has a box`);
  assert.ok(box.x >= 0 && box.y >= 0, `${what} starts inside the screen (${box.x}, ${box.y})`);
  assert.ok(box.x + box.width <= PHONE.width + 0.5, `${what} ends inside the screen's width (${box.x + box.width})`);
  assert.ok(box.y + box.height <= PHONE.height + 0.5, `${what} ends inside the screen's height (${box.y + box.height})`);
  // throws when the control is hidden or covered by another element
  await control.click({ trial: true, timeout: 5_000 });
}

/** the page does not scroll sideways: nothing sticks out past the screen's right edge */
async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: the page is ${width} px wide, the screen ${PHONE.width}`);
}

/** each page but the inbox, by its link, with something on it that shows it has loaded */
const PAGES = [
  { link: 'nav-dashboard', loaded: 'dashboard-filters' },
  { link: 'nav-flows', loaded: 'flows-heading' },
  { link: 'nav-team', loaded: 'team-table' },
  { link: 'nav-audit', loaded: 'audit-table' },
  { link: 'nav-jobs', loaded: 'jobs' },
  { link: 'nav-simulator', loaded: 'sim-input' },
  { link: 'nav-channels', loaded: 'channel-list' },
] as const;

test('on a phone the top bar fits, the menu shows every page link, and no page scrolls sideways', async () => {
  const page = await signIn(started().browser, started().engine, started().engine.admin, { viewport: PHONE });
  for (const control of ['nav-menu', 'operator-name', 'sign-out']) await assertInView(page.getByTestId(control), control);
  assert.not.ok(await page.getByTestId('nav-team').isVisible(), 'the page links wait in the menu');
  await page.screenshot({ path: `${SHOTS}/phone-1-top-bar.png` });

  await page.getByTestId('nav-menu').click();
  assert.is(await page.getByTestId('nav-menu').getAttribute('aria-expanded'), 'true');
  for (const link of ['nav-inbox', ...PAGES.map((p) => p.link)]) await assertInView(page.getByTestId(link), link);
  await page.screenshot({ path: `${SHOTS}/phone-2-menu.png` });

  for (const { link, loaded } of PAGES) {
    if (!(await page.getByTestId(link).isVisible())) await page.getByTestId('nav-menu').click();
    await page.getByTestId(link).click();
    await page.getByTestId(loaded).first().waitFor();
    assert.not.ok(await page.getByTestId(link).isVisible(), `the menu folds away once ${link} is chosen`);
    await assertNoSidewaysScroll(page, link);
    await assertInView(page.getByTestId('sign-out'), `Sign out on ${link}`);
    await page.screenshot({ path: `${SHOTS}/phone-3-${link.replace('nav-', '')}.png`, fullPage: true });
  }

  await page.getByTestId('nav-account').click();
  await page.getByTestId('account-who').waitFor();
  await assertNoSidewaysScroll(page, 'the account page');
  await page.screenshot({ path: `${SHOTS}/phone-3-account.png`, fullPage: true });

  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-email').waitFor();
  await assertNoSidewaysScroll(page, 'the login page');
  await page.close();
});

test('a long name gives way in the top bar: Sign out stays on the screen', async () => {
  const { engine, browser } = started();
  const who = {
    email: `long-${randomUUID().slice(0, 8)}@example.com`,
    password: 'a-long-enough-password',
    name: 'Wongsakul Phanthawichaikul-Srisawat na Ayutthaya',
  };
  await addOperator(engine.baton.store, { ...who, role: 'supervisor' });
  const page = await signIn(browser, engine, who, { viewport: PHONE });
  await assertInView(page.getByTestId('sign-out'), 'Sign out');
  await assertInView(page.getByTestId('nav-menu'), 'the menu button');
  await page.screenshot({ path: `${SHOTS}/phone-4-long-name.png` });
  await page.getByTestId('nav-account').click();
  await page.getByTestId('account-who').waitFor();
  await assertInView(page.getByTestId('sign-out'), 'Sign out on the account page');
  await assertNoSidewaysScroll(page, 'the account page with a long name');
  await page.close();
});

test('the customer simulator works on a phone: Add friend, the chat, quick replies and sending are in view', async () => {
  const page = await openSimulator(started().browser, started().engine, { viewport: PHONE });
  await assertNoSidewaysScroll(page, 'the simulator');
  for (const control of ['sim-new-user', 'sim-display-name', 'sim-follow', 'sim-unfollow']) {
    await page.getByTestId(control).scrollIntoViewIfNeeded();
    await assertInView(page.getByTestId(control), control);
  }
  await page.getByTestId('sim-follow').click();
  await phoneEntries(page, 'account').first().waitFor();

  // the welcome offers quick replies: one tap is a message from the customer
  const quickReply = page.getByTestId('sim-quick-reply').first();
  await quickReply.scrollIntoViewIfNeeded();
  await assertInView(quickReply, 'a quick reply');
  for (const control of ['sim-input', 'sim-send', 'sim-sticker']) await assertInView(page.getByTestId(control), control);
  await page.screenshot({ path: `${SHOTS}/phone-5-simulator.png` });
  const label = (await quickReply.innerText()).trim();
  await quickReply.click();
  await phoneEntries(page, 'user').filter({ hasText: label }).first().waitFor();

  await page.getByTestId('sim-input').fill('hello from a phone');
  await page.getByTestId('sim-send').click();
  await phoneEntries(page, 'user').filter({ hasText: 'hello from a phone' }).waitFor();
  await assertInView(phoneEntries(page, 'user').last(), 'the message just sent');
  await assertNoSidewaysScroll(page, 'the simulator with a chat');
  await page.screenshot({ path: `${SHOTS}/phone-6-simulator-chat.png` });
  await page.close();
});

test.run();
