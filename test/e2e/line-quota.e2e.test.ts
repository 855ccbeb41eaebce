/**
 * LINE's message quota in the studio, in headless Chromium: the sandbox LINE reports 850 of 1,000 messages
 * used this month; an admin sees the dashboard's "Messages to LINE" card with those figures and the warning,
 * and the notice under the header on every page; an operator sees no notice (the figures are not theirs).
 *
 * Needs a built studio (BATON_TEST_STUDIO_DIR or dist/studio) and Debian's chromium at /usr/bin/chromium.
 */
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { TestEngine } from '../support/engine-harness.ts';
import { addOperator } from '../support/test-operators.ts';
import { launchStudio, signIn, SHOTS } from '../support/studio-browser.ts';

let engine: TestEngine | undefined;
let browser: Browser | undefined;
/** the engine read LINE's figures as it started: eleven minutes later they are due again */
let offsetMs = 0;
const operator = { email: `operator-${randomUUID().slice(0, 8)}@example.com`, password: 'operator-password-1', name: 'Operator Ann' };

test.before(async () => {
  ({ engine, browser } = await launchStudio({ now: () => Date.now() + offsetMs }));
  await addOperator(engine.baton.store, { ...operator, role: 'operator' });
  engine.fakeLine.setQuota({ limit: 1000, totalUsage: 850 });
  offsetMs = 11 * 60_000;
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

function started(): { engine: TestEngine; browser: Browser } {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  return { engine, browser };
}

test("an admin sees LINE's figures on the dashboard and the warning before the quota runs out", async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, engine.admin);
  const notice = page.getByTestId('quota-warning');
  await notice.waitFor();
  assert.match(await notice.innerText(), /LINE's message quota/);

  await page.getByTestId('nav-dashboard').click();
  const card = page.getByTestId('line-quota-card');
  await card.waitFor();
  await card.getByTestId('quota-used').waitFor();
  assert.is((await card.getByTestId('quota-used').innerText()).trim(), '850 / 1,000');
  assert.match(await card.getByTestId('quota-card-warning').innerText(), /85%/);
  assert.match(await card.getByTestId('quota-forecast').innerText(), /Expected by the end of the month: [\d,]+\./);
  await page.screenshot({ path: `${SHOTS}/line-quota-dashboard.png`, fullPage: true });
  await page.context().close();
});

test('an operator gets no quota notice', async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, operator);
  await page.getByTestId('operator-name').waitFor();
  // the inbox is there and settled; a notice would have come with the first render's request
  await page.waitForLoadState('networkidle');
  assert.is(await page.getByTestId('quota-warning').count(), 0);
  await page.context().close();
});

test.run();
