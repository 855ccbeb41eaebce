/**
 * The simulator beside the flow editor, in headless Chromium: a supervisor starts a draft, sets the clock to
 * Saturday 23:00 in Bangkok and asks for an agent: the draft takes the after-hours branch, the trace says why;
 * on a Monday morning a tapped quick-reply chip goes through the menu trigger; Run tests shows the draft's
 * tests passing; a slow replay holds up neither the next message nor Run tests. Nothing of it reaches LINE.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page, Route } from 'playwright-core';
import { addOperator } from '../support/test-operators.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import { launchStudio, signIn } from '../support/studio-browser.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine | undefined;
let browser: Browser | undefined;
let page: Page;

test.before(async () => {
  ({ engine, browser } = await launchStudio());
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sue', role: 'supervisor' });
  page = await signIn(browser, engine, { email: 'sup@example.com', password: 'sup-password-1' });
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('edit-version').click();
  await page.getByTestId('sim-chat').waitFor();
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

const lastTrace = () => page.getByTestId('sim-trace').last();

test('at Saturday 23:00 in Bangkok the draft takes the after-hours branch, and the trace says why', async () => {
  const callsBefore = engine?.fakeLine.calls.length;
  await page.getByTestId('sim-clock').fill('2026-01-10T23:00');
  await page.getByTestId('sim-input').fill('agent please');
  await page.getByTestId('sim-send').click();
  const reply = page.getByTestId('sim-bot-message').filter({ hasText: 'We open again Monday 09:00' });
  await reply.waitFor();
  assert.is(await page.getByTestId('sim-customer-message').last().innerText(), 'agent please');
  const trace = await lastTrace().locator('li').allInnerTexts();
  assert.is(trace[0], 'Sat 2026-01-10 23:00 · message "agent please"');
  assert.ok(trace.includes('trigger "human" matched → step to-human'), trace.join('\n'));
  assert.ok(trace.includes('calendar office: closed · opens Monday 09:00'), trace.join('\n'));
  assert.ok(trace.includes('step handoff-after-hours (handoff)'), 'the after-hours branch');
  assert.ok(!trace.includes('step handoff (handoff)'), 'not the office-hours branch');
  assert.match(await page.getByTestId('sim-customer-state').innerText(), /With a human/);
  assert.is(engine?.fakeLine.calls.length, callsBefore, 'nothing went to LINE');
});

test('on a Monday morning a tapped quick-reply chip is the menu postback, for a VIP', async () => {
  await page.getByTestId('sim-restart').click();
  await page.getByTestId('sim-clock').fill('2026-01-05T10:00');
  await page.getByTestId('sim-tags').fill('vip');
  await page.getByTestId('sim-tags').press('Tab');
  await page.getByTestId('sim-input').fill('hello');
  await page.getByTestId('sim-send').click();
  await page.getByTestId('sim-bot-message').filter({ hasText: 'Hello Test Customer!' }).waitFor();
  const chips = page.getByTestId('sim-quick-reply');
  assert.equal(await chips.allInnerTexts(), ['Talk to a human', 'คุยกับเจ้าหน้าที่']);
  await chips.first().click();
  await page.getByTestId('sim-bot-message').filter({ hasText: 'in the queue' }).waitFor();
  assert.is(await page.getByTestId('sim-customer-message').last().innerText(), 'Talk to a human');
  const trace = await lastTrace().locator('li').allInnerTexts();
  assert.ok(trace.includes('trigger "menu-handoff" matched → step to-human'), trace.join('\n'));
  assert.ok(trace.includes('calendar office: open'));
  assert.ok(trace.some((line) => /→ handoff queue=default team=support .*priority=10/.test(line)), trace.join('\n'));
  assert.is(await page.getByTestId('sim-quick-reply').count(), 0, 'no chips once the customer answered');
});

test('Add to group sends a join event: the shipped Flows have no join trigger, and the trace says so', async () => {
  await page.getByTestId('sim-restart').click();
  await page.getByTestId('sim-join').click();
  await page.getByTestId('sim-customer-message').filter({ hasText: 'added the account to a group' }).waitFor();
  await lastTrace().waitFor();
  const trace = await lastTrace().locator('li').allInnerTexts();
  assert.match(trace[0] ?? '', /· join$/);
  assert.is(await page.getByTestId('sim-bot-message').count(), 0, 'nothing answers a join without a join trigger');
  assert.is(await page.getByTestId('sim-error').count(), 0);
});

test('a slow replay holds up neither the next message nor Run tests, and its late answer does not replace a newer one', async () => {
  await page.getByTestId('sim-restart').click();
  const held: Route[] = [];
  await page.route('**/api/flows/simulate', (route) => (held.length === 0 ? held.push(route) : route.continue()));
  await page.getByTestId('sim-input').fill('hello');
  await page.getByTestId('sim-send').click();
  await waitFor(() => held.length === 1, 'the first replay on its way');
  assert.is(await page.getByTestId('sim-chat').getAttribute('aria-busy'), 'true');
  assert.ok(await page.getByTestId('sim-send').isEnabled(), 'Send takes the next message');
  assert.ok(await page.getByTestId('sim-run-tests').isEnabled(), 'Run tests does not wait for the replay');

  await page.getByTestId('sim-input').fill('agent please');
  await page.getByTestId('sim-send').click();
  const queued = page.getByTestId('sim-bot-message').filter({ hasText: 'in the queue' });
  await queued.waitFor();
  // the first replay (only "hello") answers last: the conversation stays as it is
  const late = page.waitForResponse('**/api/flows/simulate');
  await held[0]?.continue();
  await late;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  assert.is(await queued.count(), 1, 'the newer answer is still shown');
  assert.is(await page.getByTestId('sim-chat').getAttribute('aria-busy'), 'false');
  await page.unroute('**/api/flows/simulate');
});

test("Run tests runs the draft's own tests and shows each passing", async () => {
  await page.getByTestId('sim-run-tests').click();
  const summary = page.getByTestId('sim-tests-summary');
  await summary.waitFor();
  const total = await page.getByTestId('sim-test').count();
  assert.ok(total > 10);
  assert.is(await summary.innerText(), `${total} of ${total} tests pass`);
  assert.is(await page.locator('[data-testid="sim-test"][data-passed="false"]').count(), 0);
});

test('supervisors simulate but see no Publish', async () => {
  assert.is(await page.getByTestId('publish-button').count(), 0);
});

test.run();
