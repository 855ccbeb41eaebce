/**
 * Errors a person understands, in headless Chromium (issue #13 items 7 and 10): when the engine cannot
 * be reached or answers 503 one banner says so and goes once calls get through again, never the
 * browser's "Failed to fetch"; a reply that could not be sent stays in the composer; a customer in the
 * simulator who types on while a message is sending loses nothing; and the simulator says the office
 * is closed and when it opens, which is why the bot answers "we're away" at night.
 *
 * The engine's clock is real time moved to the coming Sunday 20:00 in Bangkok (the sample flows'
 * office calendar): closed, opening Monday 09:00. The network is cut in the page (Playwright routes),
 * as a dropped connection or a stopped engine looks to the browser.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page, Route } from 'playwright-core';
import { customerSays, newCustomer, openSimulator, phoneEntries, SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';

/** the coming Sunday 20:00 in Bangkok (13:00 UTC; Thailand has no daylight saving) */
function comingSundayEvening(now: number): number {
  const today = new Date(now);
  for (let day = 0; day <= 7; day++) {
    const candidate = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day, 13, 0);
    if (new Date(candidate).getUTCDay() === 0 && candidate > now) return candidate;
  }
  throw new Error('a week always has a Sunday');
}

const startedAt = Date.now();
const shiftMs = comingSundayEvening(startedAt) - startedAt;
const started = studioForSuite(test, { now: () => Date.now() + shiftMs });

const cutOff = (route: Route) => route.abort('connectionrefused');

/** every text the page shows, shadow roots included (a script string: the test's compiler must not rewrite it) */
const SHOWN_TEXT = `(() => {
  const texts = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) walk(element.shadowRoot);
      for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent);
    }
  };
  walk(document);
  return texts.join(' ');
})()`;

async function assertNoBrowserWords(page: Page): Promise<void> {
  const text = String(await page.evaluate(SHOWN_TEXT));
  assert.not.match(text, /Failed to fetch|NetworkError|Load failed/, 'the browser\'s own words are never shown');
}

test('when the engine cannot be reached a banner says so and retries; when it is back the banner goes and the page loads', async () => {
  const page = await signIn(started().browser, started().engine, started().engine.admin);
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.route('**/api/**', cutOff);

  await page.getByTestId('nav-team').click();
  const banner = page.getByTestId('connection-banner');
  await banner.waitFor();
  assert.is(await banner.getAttribute('data-state'), 'unreachable');
  assert.is(await page.getByTestId('connection-headline').innerText(), "Can't reach Baton — retrying…");
  assert.match(await banner.innerText(), /Check your connection, or whether Baton is running/);
  await assertNoBrowserWords(page);
  await page.screenshot({ path: `${SHOTS}/errors-1-unreachable.png` });

  // the engine is back: the next round's retry loads the team, and the banner goes
  await page.unroute('**/api/**', cutOff);
  await page.getByTestId('team-table').waitFor();
  await banner.waitFor({ state: 'detached' });
  await page.close();
});

test('an engine answering 503 with Retry-After shows "Baton is busy — retrying in N s" until it answers again', async () => {
  const page = await signIn(started().browser, started().engine, started().engine.admin);
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  const busy = (route: Route) =>
    route.fulfill({
      status: 503,
      headers: { 'retry-after': '4', 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'unavailable', message: 'The database cannot be reached right now: try again shortly' } }),
    });
  await page.route('**/api/operators', busy);

  await page.getByTestId('nav-team').click();
  const banner = page.locator('[data-testid="connection-banner"][data-state="busy"]');
  await banner.waitFor();
  assert.match(await page.getByTestId('connection-headline').innerText(), /^Baton is busy — retrying in [1-4] s$/);
  await page.screenshot({ path: `${SHOTS}/errors-2-busy.png` });

  await page.unroute('**/api/operators', busy);
  await page.getByTestId('team-table').waitFor();
  await banner.waitFor({ state: 'detached' });
  await page.close();
});

test('a reply that could not be sent stays in the composer, which says it was not sent; sent again it goes', async () => {
  const { browser, engine } = started();
  const name = `Unsent ${Math.random().toString(36).slice(2, 7)}`;
  const customer = await newCustomer(browser, engine, name);
  await customerSays(customer, 'agent');

  const operator = await signIn(browser, engine, engine.admin);
  await operator.getByTestId('conversation-row').filter({ hasText: name }).click();
  await operator.getByTestId('claim-button').click();
  await operator.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();

  await operator.route('**/api/conversations/*/messages', cutOff);
  const reply = 'ขอโทษที่ให้รอนะคะ — your order ships today';
  await operator.getByTestId('composer-input').fill(reply);
  await operator.getByTestId('composer-input').press('Enter');
  await operator.getByTestId('composer-not-sent').waitFor();
  assert.match(await operator.getByTestId('composer-not-sent').innerText(), /Not sent: your message is still in the box/);
  assert.is(await operator.getByTestId('composer-input').inputValue(), reply, 'the text is kept');
  assert.match(await operator.getByTestId('thread-error').innerText(), /Can't reach Baton/);
  await assertNoBrowserWords(operator);
  assert.is(await operator.locator('[data-testid="message"][data-sender="operator"]').count(), 0, 'nothing was sent behind the operator\'s back');
  await operator.screenshot({ path: `${SHOTS}/errors-3-not-sent.png` });

  // the connection is back: the banner goes by itself (no read was waiting: the probe found the engine)
  await operator.unroute('**/api/conversations/*/messages', cutOff);
  await operator.getByTestId('connection-banner').waitFor({ state: 'detached' });
  await operator.getByTestId('send-button').click();
  await operator.locator('[data-testid="message"][data-sender="operator"]').filter({ hasText: reply }).waitFor();
  assert.is(await operator.getByTestId('composer-input').inputValue(), '');
  assert.is(await operator.getByTestId('composer-not-sent').count(), 0);
  await phoneEntries(customer, 'account').filter({ hasText: reply }).waitFor();
  assert.is(await phoneEntries(customer, 'account').filter({ hasText: reply }).count(), 1, 'the customer got it once');
  await operator.close();
  await customer.close();
});

test('in the simulator, what the customer types while a message is sending is kept, and messages arrive in order', async () => {
  const { browser, engine } = started();
  const customer = await newCustomer(browser, engine, `Typist ${Math.random().toString(36).slice(2, 7)}`);
  // hold the first message on its way to the engine
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = true;
  const slow = async (route: Route) => {
    if (holding) {
      holding = false;
      await held;
    }
    await route.continue();
  };
  await customer.route('**/sandbox/api/users/*/events', slow);

  const input = customer.getByTestId('sim-input');
  await input.fill('first message');
  await customer.getByTestId('sim-send').click();
  await customer.getByTestId('sim-pending').filter({ hasText: 'first message' }).waitFor();
  assert.is(await input.inputValue(), '', 'the box is free at once, as on a phone');
  await input.fill('second message');
  await customer.getByTestId('sim-send').click();
  await input.pressSequentially('third, still typing');
  await customer.screenshot({ path: `${SHOTS}/errors-4-simulator-sending.png` });

  release();
  await phoneEntries(customer, 'user').filter({ hasText: 'second message' }).waitFor();
  const sent = await phoneEntries(customer, 'user').allInnerTexts();
  const first = sent.findIndex((text) => text.includes('first message'));
  const second = sent.findIndex((text) => text.includes('second message'));
  assert.ok(first >= 0 && second > first, `in the order sent: ${JSON.stringify(sent)}`);
  assert.is(await input.inputValue(), 'third, still typing', 'the draft survived both sends');
  assert.is(await customer.getByTestId('sim-pending').count(), 0);
  await customer.unroute('**/sandbox/api/users/*/events', slow);
  await customer.close();
});

test('a simulator message that cannot be sent goes back in the box with a clear error', async () => {
  const { browser, engine } = started();
  const customer = await newCustomer(browser, engine, `Offline ${Math.random().toString(36).slice(2, 7)}`);
  await customer.route('**/sandbox/api/users/*/events', cutOff);
  await customer.getByTestId('sim-input').fill('are you there?');
  await customer.getByTestId('sim-send').click();
  await customer.getByTestId('sim-error').waitFor();
  assert.match(await customer.getByTestId('sim-error').innerText(), /Not sent: Can't reach Baton/);
  assert.is(await customer.getByTestId('sim-input').inputValue(), 'are you there?');
  await assertNoBrowserWords(customer);
  await customer.unroute('**/sandbox/api/users/*/events', cutOff);
  await customer.close();
});

test('at night the simulator says the office is closed and when it opens, and how to see the open-hours path', async () => {
  const { browser, engine } = started();
  // an English-speaking newcomer: the follow event carries the browser's language, which the answer is in
  const customer = await openSimulator(browser, engine, { locale: 'en-US' });
  await customer.getByTestId('sim-new-user').click();
  const hours = customer.getByTestId('sim-hours');
  await hours.waitFor();
  assert.is(await hours.getAttribute('data-open'), 'false');
  assert.match(await hours.innerText(), /Closed now \(Sunday 20:0\d in Asia\/Bangkok/);
  assert.is(await customer.getByTestId('sim-next-open').innerText(), 'Monday 09:00');
  assert.match(await customer.getByTestId('sim-hours-hint').innerText(), /npx baton test/);

  // and what the newcomer sees: asking for an agent gets the after-hours answer naming the same opening
  await customer.getByTestId('sim-follow').click();
  await phoneEntries(customer, 'account').first().waitFor();
  await customerSays(customer, 'agent');
  await phoneEntries(customer, 'account').filter({ hasText: 'We open again Monday 09:00' }).waitFor();
  await customer.screenshot({ path: `${SHOTS}/errors-5-simulator-closed.png` });
  await customer.close();
});

test.run();
