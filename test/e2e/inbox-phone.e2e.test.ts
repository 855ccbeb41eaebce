/**
 * The inbox on a phone (390×844) in headless Chromium: one view at a time, list -> thread -> info, with Back
 * and Info in a bar, the view in the URL so the phone's Back works too; every control of each view is
 * inside the screen (after scrolling down to it where the view scrolls), and the page never scrolls sideways.
 * Screenshots of each view land in .tmp/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TestEngine } from '../support/engine-harness.ts';
import { seedConversation } from '../support/seeded-conversations.ts';
import { addOperator } from '../support/test-operators.ts';
import { launchStudio, PHONE, SHOTS, signIn } from '../support/studio-browser.ts';

let engine: TestEngine;
let browser: Browser;
const ANN = { email: 'ann@example.com', password: 'ann-password-1' };

test.before(async () => {
  ({ engine, browser } = await launchStudio());
  await addOperator(engine.baton.store, { email: ANN.email, password: ANN.password, name: 'Ann' });
  await addOperator(engine.baton.store, { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' });
  const now = Date.now();
  await seedConversation(engine.baton.store, { name: 'Pim on the phone', team: 'sales', tags: ['vip'] }, now);
  await seedConversation(engine.baton.store, { name: 'Pat waiting too', team: 'support', tags: [] }, now + 1);
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

/** the page is as wide as the screen: nothing to scroll sideways */
async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  assert.ok(scrollWidth <= clientWidth, `${where}: the page is ${scrollWidth}px wide on a ${clientWidth}px screen`);
}

/** visible, and (scrolled to, where its view scrolls) wholly inside the 390×844 screen */
async function assertReachable(control: Locator, name: string): Promise<void> {
  await control.waitFor({ state: 'visible' });
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  assert.ok(box, `${name} has a box`);
  if (!box) return;
  assert.ok(box.width > 0 && box.height > 0, `${name} has a size`);
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${name} is within the screen's width (x ${box.x}, width ${box.width})`);
  assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height + 0.5, `${name} is within the screen's height (y ${box.y}, height ${box.height})`);
  // nothing covers it: a click there lands on the control itself
  await control.click({ trial: true });
}

const view = (page: Page): Promise<string | null> => page.locator('baton-inbox').getAttribute('data-view');

test('list, thread with composer and actions, and info are each reachable on a phone, with Back all the way', async () => {
  const page = await signIn(browser, engine, ANN, { viewport: PHONE });
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();

  // the list: the only view, every control of it on the screen
  assert.is(await view(page), 'list');
  assert.not.ok(await page.getByTestId('claim-button').isVisible(), 'no thread beside the list');
  assert.not.ok(await page.getByTestId('phone-bar').isVisible(), 'no phone bar over the list');
  for (const testId of ['conversation-search', 'filter-assignee-me', 'filter-assignee-unassigned', 'filter-assignee-all', 'filter-team', 'filter-tag', 'tab-waiting', 'tab-active', 'tab-closed', 'presence-available', 'presence-away', 'signals-toggle']) {
    await assertReachable(page.getByTestId(testId).first(), testId);
  }
  await assertReachable(page.getByTestId('conversation-row').filter({ hasText: 'Pim on the phone' }), 'a conversation row');
  await page.screenshot({ path: `${SHOTS}/inbox-phone-1-list.png` });
  await assertNoSidewaysScroll(page, 'list');

  // the thread: opened from the list; Back, Info, Claim and Close on the screen
  await page.getByTestId('conversation-row').filter({ hasText: 'Pim on the phone' }).click();
  await page.getByTestId('thread-name').filter({ hasText: 'Pim on the phone' }).waitFor();
  assert.is(await view(page), 'thread');
  assert.not.ok(await page.getByTestId('conversation-search').isVisible(), 'the list made way for the thread');
  for (const testId of ['phone-back', 'phone-info', 'claim-button', 'close-button']) await assertReachable(page.getByTestId(testId), testId);
  await page.screenshot({ path: `${SHOTS}/inbox-phone-2-thread-waiting.png` });
  await assertNoSidewaysScroll(page, 'waiting thread');

  await page.getByTestId('claim-button').click();
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  for (const testId of ['composer-input', 'transfer-target', 'transfer-button', 'close-button', 'phone-back', 'phone-info']) {
    await assertReachable(page.getByTestId(testId), testId);
  }
  await page.getByTestId('composer-input').fill('Hello from a phone');
  await page.getByTestId('composer-input').press('Enter');
  await page.locator('[data-testid="message"][data-sender="operator"]').filter({ hasText: 'Hello from a phone' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/inbox-phone-3-thread-active.png` });
  await assertNoSidewaysScroll(page, 'active thread');
  // the close confirmation fits too (then cancelled: the chat goes on below)
  await page.getByTestId('close-button').click();
  for (const testId of ['close-reason', 'close-confirm', 'close-cancel']) await assertReachable(page.getByTestId(testId), testId);
  await assertNoSidewaysScroll(page, 'close confirmation');
  await page.getByTestId('close-cancel').click();

  // the info: from the Info button; the URL names it, so the phone's Back returns to the thread
  await page.getByTestId('phone-info').click();
  await page.getByTestId('customer-name').filter({ hasText: 'Pim on the phone' }).waitFor();
  assert.is(await view(page), 'info');
  assert.match(new URL(page.url()).hash, /[?&]view=info/);
  assert.not.ok(await page.getByTestId('composer-input').isVisible(), 'the thread made way for the info');
  await assertReachable(page.getByTestId('phone-back'), 'phone-back in info');
  await assertReachable(page.getByTestId('customer-line-id'), 'the customer details');
  await page.screenshot({ path: `${SHOTS}/inbox-phone-4-info.png` });
  await assertNoSidewaysScroll(page, 'info');

  await page.goBack();
  await page.getByTestId('composer-input').waitFor();
  assert.is(await view(page), 'thread');

  // the bar's Back: info -> thread -> list, and the URL follows
  await page.getByTestId('phone-info').click();
  await page.getByTestId('customer-name').waitFor();
  await page.getByTestId('phone-back').click();
  await page.getByTestId('composer-input').waitFor();
  assert.is(await view(page), 'thread');
  await page.getByTestId('phone-back').click();
  await page.getByTestId('conversation-search').waitFor();
  assert.is(await view(page), 'list');
  assert.is(new URL(page.url()).hash.split('?')[0], '#/inbox');

  // a reload in the info view opens the info view
  await page.getByTestId('tab-active').click();
  await page.getByTestId('conversation-row').filter({ hasText: 'Pim on the phone' }).click();
  await page.getByTestId('phone-info').click();
  await page.reload();
  await page.getByTestId('customer-name').filter({ hasText: 'Pim on the phone' }).waitFor();
  assert.is(await view(page), 'info');
  // Back from a reloaded view (no history of ours behind it) still goes up a level
  await page.getByTestId('phone-back').click();
  await page.getByTestId('composer-input').waitFor();
  await page.getByTestId('phone-back').click();
  await page.getByTestId('conversation-search').waitFor();
  assert.is(await page.getByTestId('tab-active').getAttribute('aria-selected'), 'true', 'the tab stayed');
  await page.context().close();
});

test('the same inbox on a wide screen shows list, thread and info side by side, without the phone bar', async () => {
  const page = await signIn(browser, engine, ANN);
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  await page.getByTestId('tab-active').click();
  await page.getByTestId('conversation-row').filter({ hasText: 'Pim on the phone' }).click();
  await page.getByTestId('composer-input').waitFor();
  assert.ok(await page.getByTestId('conversation-search').isVisible());
  assert.ok(await page.getByTestId('customer-name').isVisible());
  assert.not.ok(await page.getByTestId('phone-bar').isVisible());
  await page.context().close();
});

test.run();
