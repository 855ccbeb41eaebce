/**
 * Sessions in the studio, in headless Chromium, on an engine with one-minute access tokens and a
 * one-minute idle timeout (the shortest each allows), so token expiry and idleness happen within a test:
 * a reload keeps the session (refresh cookie, no token at rest) and a sign-out does not; sign-out in one
 * tab signs out the other; an idle person is warned and then signed out while, side by side, a busy one
 * keeps their open chat and draft across the expiry of their socket's token.
 *
 * Runs apart from team.e2e.test.ts because its engine's settings differ (and it waits for real minutes,
 * beside the other suites).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page, WebSocket } from 'playwright-core';
import type { TestEngine } from '../support/engine-harness.ts';
import { addOperator } from '../support/test-operators.ts';
import { customerSays, localStorageOf, newCustomer, openPage, phoneEntries, signIn, SHOTS, studioForSuite } from '../support/studio-browser.ts';

const started = studioForSuite(test, { env: { BATON_TOKEN_TTL_SECONDS: '60', BATON_IDLE_TIMEOUT_MINUTES: '1' } });

/** generous: the studio acts within a second or two of each deadline */
const MINUTE_AND_A_BIT = 90_000;

const live = (page: Page) => page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();

test('a reload keeps the session, nothing of it is in localStorage, and after signing out a reload does not', async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, engine.admin);
  await live(page);
  assert.equal(Object.keys(await localStorageOf(page)).filter((key) => /token/i.test(key)), []);

  await page.reload();
  await page.getByTestId('operator-name').waitFor();
  await live(page);
  assert.is(new URL(page.url()).hash, '#/inbox');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();
  assert.is(await page.getByTestId('login-notice').count(), 0, 'no message when you sign out yourself');
  await page.reload();
  await page.getByTestId('login-form').waitFor();
  assert.is(await page.getByTestId('operator-name').count(), 0, 'still signed out');
});

test('two tabs restore one session side by side, and signing out in one signs out the other', async () => {
  const { engine, browser } = started();
  const first = await signIn(browser, engine, engine.admin);
  await live(first);
  const second = await openPage(browser, engine, '#/inbox', { context: first.context() });
  await live(second);
  // both reload at once: each spends the refresh cookie in turn (Web Locks), neither is refused
  await Promise.all([first.reload(), second.reload()]);
  await Promise.all([live(first), live(second)]);
  await second.getByTestId('nav-team').click();
  await second.getByTestId('team-table').waitFor();

  await first.getByTestId('sign-out').click();
  await first.getByTestId('login-form').waitFor();
  await second.getByTestId('login-form').waitFor();
  assert.match(await second.getByTestId('login-notice').innerText(), /another tab|session was ended/);
});

/** An operator who signs in and then does nothing: warned half a minute before the timeout, then signed out, told why. */
async function idleOperator(browser: Browser, engine: TestEngine): Promise<() => Promise<void>> {
  const who = { email: `idle-${Math.random().toString(36).slice(2, 7)}@example.com`, password: 'idle-password-1' };
  await addOperator(engine.baton.store, { ...who, name: 'Idle Ida' });
  const page = await signIn(browser, engine, who);
  await live(page);
  // no input from here on
  const outcome = (async () => {
    await page.getByTestId('idle-warning').waitFor({ state: 'visible', timeout: MINUTE_AND_A_BIT });
    assert.match(await page.getByTestId('idle-warning').innerText(), /You will be signed out in \d+ s/);
    await page.screenshot({ path: `${SHOTS}/sessions-1-idle-warning.png` });
    await page.getByTestId('login-notice').waitFor({ timeout: MINUTE_AND_A_BIT });
    assert.match(await page.getByTestId('login-notice').innerText(), /signed out after 1 minute without activity/);
    assert.is(await page.getByTestId('idle-warning').isVisible(), false);
    await page.screenshot({ path: `${SHOTS}/sessions-2-idle-signed-out.png` });
    // the engine ended it too: a reload finds no session
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    assert.is(await page.getByTestId('operator-name').count(), 0);
  })();
  // awaited at the end of the test; a failure before then must not go unhandled meanwhile
  outcome.catch(() => undefined);
  return () => outcome;
}

test("a minute on, an idle operator is warned and signed out, while a busy one stays signed in and keeps the open chat and its draft as the socket's token runs out", async () => {
  const { engine, browser } = started();
  // both minutes run side by side: the idle one is watched while the busy one works
  const idleOutcome = await idleOperator(browser, engine);

  const customerName = `Somchai ${Math.random().toString(36).slice(2, 7)}`;
  const operator = await signIn(browser, engine, engine.admin);
  const sockets: WebSocket[] = [];
  operator.on('websocket', (socket) => sockets.push(socket));
  await live(operator);
  const customer = await newCustomer(browser, engine, customerName);
  await customerSays(customer, 'agent please');
  await operator.getByTestId('conversation-row').filter({ hasText: customerName }).click();
  await operator.getByTestId('claim-button').click();
  await operator.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await operator.getByTestId('composer-input').fill('a draft not sent yet');
  const socketsBefore = sockets.length;

  // the warning comes while the person reads; "Stay signed in" answers it
  await operator.getByTestId('idle-warning').waitFor({ state: 'visible', timeout: MINUTE_AND_A_BIT });
  await operator.getByTestId('idle-stay').click();
  await operator.getByTestId('idle-warning').waitFor({ state: 'hidden' });

  // the socket's token expires a minute after sign-in: the engine ends that socket and the studio reconnects with a fresh one
  const deadline = Date.now() + MINUTE_AND_A_BIT;
  for (let x = 10; sockets.length === socketsBefore && Date.now() < deadline; x = 30 - x) {
    // the customer's simulator page is a signed-in studio page too: they keep using it
    await customer.mouse.move(x, x);
    await operator.waitForTimeout(1_000);
  }
  assert.ok(sockets.length > socketsBefore, 'a new socket was opened');
  await live(operator);
  assert.is(await operator.getByTestId('composer-input').inputValue(), 'a draft not sent yet', 'the draft is kept');
  assert.match(await operator.getByTestId('thread-name').innerText(), new RegExp(customerName));
  await operator.mouse.move(200, 200);

  // still live and still allowed: the customer's next words arrive, the reply goes out
  await customerSays(customer, 'are you there?');
  await operator.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'are you there?' }).waitFor();
  await operator.getByTestId('composer-input').press('Enter');
  await phoneEntries(customer, 'account').filter({ hasText: 'a draft not sent yet' }).waitFor();
  assert.is(await operator.getByTestId('login-form').count(), 0);

  await idleOutcome();
});

test.run();
