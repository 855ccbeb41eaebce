/**
 * A draft with a Flow per channel in the studio, in headless Chromium (flows: test/fixtures/flow-sets/
 * channel-flows, a shared Flow and one for shop-th): the simulator's channel field picks whose Flow answers
 * and says which Flow ran; Run tests says each test's channel and Flow; the graph draws the shared Flow and,
 * picked, the shop's own.
 *
 * Needs a built studio (`npm run build`, or BATON_TEST_STUDIO_DIR) and Debian's chromium at /usr/bin/chromium.
 */
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/engine-harness.ts';
import { signIn, studioForSuite } from '../support/studio-browser.ts';

const studio = studioForSuite(test, { env: { BATON_FLOWS_DIR: path.join(repoRoot, 'test/fixtures/flow-sets/channel-flows') } });
let page: Page;

test.before(async () => {
  const { browser, engine } = studio();
  page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('edit-version').click();
  await page.getByTestId('sim-chat').waitFor();
});

async function say(text: string): Promise<void> {
  await page.getByTestId('sim-input').fill(text);
  await page.getByTestId('sim-send').click();
}

test("the simulator answers as the channel's Flow and says which Flow ran", async () => {
  assert.is(await page.getByTestId('sim-channel').inputValue(), 'default');
  await say('hi');
  await page.getByTestId('sim-bot-message').filter({ hasText: 'Hello from support on default' }).waitFor();
  assert.match(await page.getByTestId('sim-flow').innerText(), /default runs the shared Flow "support" \(.*shared\.yaml\)/);

  // another channel: the conversation replays as that channel's customer
  await page.getByTestId('sim-channel').fill('shop-th');
  await page.getByTestId('sim-channel').press('Tab');
  await page.getByTestId('sim-bot-message').filter({ hasText: 'สวัสดีค่ะ ร้านค้า shop-th' }).waitFor();
  assert.match(await page.getByTestId('sim-flow').innerText(), /shop-th runs its own Flow "shop" \(.*shop-th\.yaml\)/);
  assert.is(await page.getByTestId('sim-bot-message').filter({ hasText: 'Hello from support' }).count(), 0, 'the shared Flow did not answer');
  const offered = await page.locator('#sim-channel-options option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  assert.ok(offered.includes('default') && offered.includes('shop-th'), `channels offered: ${offered.join(', ')}`);
});

test('Run tests says which channel each test wrote to and which Flow answered', async () => {
  await page.getByTestId('sim-run-tests').click();
  await page.getByTestId('sim-tests-summary').filter({ hasText: '5 of 5 tests pass' }).waitFor();
  const labels = await page.getByTestId('sim-test-flow').allInnerTexts();
  assert.equal(labels, ['[default → support]', '[shop-en → support]', '[shop-th → shop]', '[shop-th → shop]', '[shop-th → shop]']);
});

test("the graph draws the shared Flow, and the shop's own once picked", async () => {
  await page.locator('[data-testid="view-tab"][data-view="graph"]').click();
  const picker = page.getByTestId('graph-flow');
  await picker.waitFor();
  assert.equal(await picker.locator('option').allInnerTexts(), ['support (shared: every other channel)', 'shop (channels: shop-th)']);
  await page.locator('[data-testid="graph-node"][data-node="step:shop-note"]').waitFor();
  await picker.selectOption('shop');
  await page.locator('[data-testid="graph-node"][data-node="step:thanks"]').waitFor();
  assert.is(await page.locator('[data-testid="graph-node"][data-node="step:shop-note"]').count(), 0, 'the shared Flow is not drawn');
  assert.match(await page.getByTestId('graph-legend').innerText(), /shop-th\.yaml/);
});

test.run();
