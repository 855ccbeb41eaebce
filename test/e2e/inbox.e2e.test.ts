/**
 * The walking skeleton through the studio, in headless Chromium: a LINE user (the sandbox simulator
 * page) asks for a human, an operator (the inbox page) sees it arrive live, claims, replies, the
 * customer answers, the operator closes, and the customer is back with the bot.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { addOperator } from '../support/test-operators.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import {
  customerSays,
  launchStudio,
  localStorageOf,
  newCustomer,
  openPage as open,
  openSimulator,
  phoneEntries,
  signIn as signInAs,
  SHOTS,
} from '../support/studio-browser.ts';

let engine: TestEngine | undefined;
let browser: Browser | undefined;

test.before(async () => {
  ({ engine, browser } = await launchStudio());
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

function started(): { engine: TestEngine; browser: Browser } {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  return { engine, browser };
}

/** signs in and waits for the inbox's live connection */
async function signIn(email: string, password: string): Promise<Page> {
  const { browser, engine } = started();
  const page = await signInAs(browser, engine, { email, password });
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  return page;
}

test('an operator takes a customer from the bot, chats live, and closing hands them back to the bot', async () => {
  if (!engine) throw new Error('no engine');
  const customerName = `ลูกค้า E2E ${Math.random().toString(36).slice(2, 7)}`;

  // the operator signs in first, so the conversation has to arrive over the socket
  const operator = await open(started().browser, engine, '#/login');
  await operator.getByTestId('login-email').fill(engine.admin.email);
  await operator.getByTestId('login-password').fill(engine.admin.password);
  await operator.screenshot({ path: `${SHOTS}/e2e-1-login.png` });
  await operator.getByTestId('login-submit').click();
  await operator.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await operator.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  // signed in but offline until they choose Available: the queue is not handed to them
  await operator.locator('[data-testid="presence"][data-presence="offline"]').waitFor();
  assert.match(await operator.getByTestId('presence-status').innerText(), /Offline — set Available to receive chats/);
  await operator.evaluate(() => Object.assign(window, { loadedOnce: true })); // gone if the page reloads
  const waitingBefore = Number(await operator.getByTestId('count-waiting').textContent());
  // the access token lives in memory only: nothing a script could steal is at rest
  assert.equal(Object.keys(await localStorageOf(operator)).filter((key) => /token/i.test(key)), []);

  // the simulator needs a signed-in studio user too: the customer's browser signs in as the admin
  const customer = await openSimulator(started().browser, engine);
  await customer.getByTestId('sim-display-name').fill(customerName);
  await customer.getByTestId('sim-display-name').press('Tab');
  await customer.getByTestId('sim-follow').click();
  await phoneEntries(customer, 'account').first().waitFor(); // the welcome message
  await customerSays(customer, 'agent');

  // Waiting, live
  const row = operator.getByTestId('conversation-row').filter({ hasText: customerName });
  await row.waitFor();
  assert.is(Number(await operator.getByTestId('count-waiting').textContent()), waitingBefore + 1, 'the Waiting count went up');
  await row.click();
  await operator.getByTestId('customer-name').filter({ hasText: customerName }).waitFor();
  const lineUserId = await customer.getByTestId('sim-user-id').inputValue();
  assert.is(await operator.getByTestId('customer-line-id').textContent(), lineUserId);

  await operator.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'agent' }).waitFor();
  assert.ok(await operator.locator('[data-testid="message"][data-sender="bot"]').count(), 'the bot\'s queue notice is in the thread, marked as bot');

  await operator.getByTestId('claim-button').click();
  await operator.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await operator.getByTestId('composer-input').fill('hello from operator');
  await operator.getByTestId('composer-input').press('Enter');
  await operator.locator('[data-testid="message"][data-sender="operator"]').filter({ hasText: 'hello from operator' }).waitFor();

  // the reply reaches the phone
  await phoneEntries(customer, 'account').filter({ hasText: 'hello from operator' }).waitFor();

  // and the customer's answer reaches the operator without a reload
  await customerSays(customer, 'thanks');
  await operator.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'thanks' }).waitFor();
  await operator.screenshot({ path: `${SHOTS}/e2e-2-inbox-active.png` });
  await customer.screenshot({ path: `${SHOTS}/e2e-3-simulator-with-operator.png` });

  await operator.getByTestId('close-button').click();
  await operator.getByTestId('close-confirm').click();
  await operator.getByTestId('thread-status').filter({ hasText: 'closed' }).waitFor();
  await operator.getByTestId('customer-mode').filter({ hasText: 'With the bot' }).waitFor();
  await operator.getByTestId('tab-closed').click();
  await row.waitFor();

  // back with the bot: "hello" gets an answer from the account, though no operator is in the chat any more
  const answersBefore = await phoneEntries(customer, 'account').count();
  await customerSays(customer, 'hello');
  await phoneEntries(customer, 'account').nth(answersBefore).waitFor();
  const botAnswer = await phoneEntries(customer, 'account').nth(answersBefore).textContent();
  assert.not.ok(botAnswer?.includes('hello from operator'));

  await operator.screenshot({ path: `${SHOTS}/e2e-4-inbox-closed.png` });
  await customer.screenshot({ path: `${SHOTS}/e2e-5-simulator-back-with-bot.png` });
  assert.ok(await operator.evaluate(() => 'loadedOnce' in window), 'the inbox never reloaded');
});

test('an available operator is handed the next chat and answers it with an edited canned response', async () => {
  if (!engine) throw new Error('no engine');
  const customerName = `Mali ${Math.random().toString(36).slice(2, 7)}`;

  const operator = await signIn(engine.admin.email, engine.admin.password);
  await operator.locator('[data-testid="presence"][data-presence="offline"]').waitFor();
  await operator.screenshot({ path: `${SHOTS}/e2e-6-presence-offline.png` });

  await operator.getByTestId('presence-available').click();
  await operator.locator('[data-testid="presence"][data-presence="available"]').waitFor();
  assert.is(await operator.getByTestId('presence-available').getAttribute('aria-pressed'), 'true');
  assert.is(await operator.getByTestId('presence-away').getAttribute('aria-pressed'), 'false');
  assert.match(await operator.getByTestId('presence-status').innerText(), /Available/);

  // the customer asks for a human: routing hands the chat straight to the available operator
  const customer = await newCustomer(started().browser, engine, customerName);
  await customerSays(customer, 'agent please');

  await operator.getByTestId('tab-active').click();
  const row = operator.getByTestId('conversation-row').filter({ hasText: customerName });
  await row.waitFor();
  await row.click();
  await operator.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  assert.is(await operator.getByTestId('claim-button').count(), 0, 'assigned, not waiting to be claimed');

  // "/" lists them all: the arrows move the choice, Esc closes the list, which stays closed while the operator types on
  const input = operator.getByTestId('composer-input');
  await input.click();
  await input.pressSequentially('/');
  const options = operator.getByTestId('canned-option');
  await options.first().waitFor();
  assert.ok((await options.count()) > 1, 'the shipped flows have several canned responses');
  assert.is(await options.nth(0).getAttribute('aria-selected'), 'true');
  await input.press('ArrowDown');
  assert.is(await options.nth(1).getAttribute('aria-selected'), 'true');
  await input.press('ArrowUp');
  assert.is(await options.nth(0).getAttribute('aria-selected'), 'true');
  await input.press('Escape');
  await operator.getByTestId('canned-picker').waitFor({ state: 'detached' });
  await input.pressSequentially('h');
  assert.is(await operator.getByTestId('canned-picker').count(), 0, 'closed with Esc, it stays closed while typing on');
  await input.fill('');

  // "/hi" lists the operator's hello; Enter puts it, rendered for this customer, in the reply box
  await input.pressSequentially('/hi');
  const option = operator.locator('[data-testid="canned-option"][data-canned-id="greeting"]');
  await option.waitFor();
  assert.is(await option.getAttribute('aria-selected'), 'true');
  await operator.screenshot({ path: `${SHOTS}/e2e-7-canned-picker.png` });
  await input.press('Enter');
  await operator.getByTestId('canned-picker').waitFor({ state: 'detached' });
  const inserted = await input.inputValue();
  assert.ok(inserted.includes(customerName), `the customer's name is filled in: ${inserted}`);
  assert.not.ok(inserted.includes('/hi') || inserted.includes('{{') || inserted.includes('{%'), inserted);
  const operatorMessages = operator.locator('[data-testid="message"][data-sender="operator"]');
  assert.is(await operatorMessages.count(), 0, 'inserting does not send');

  // the browse button finds one by title, and adds it where the cursor is
  await input.press('End');
  await input.pressSequentially(' ');
  await operator.getByTestId('canned-button').click();
  await operator.getByTestId('canned-search').fill('wait');
  await operator.screenshot({ path: `${SHOTS}/e2e-8-canned-browse.png` });
  await operator.locator('[data-testid="canned-option"][data-canned-id="still-waiting"]').click();
  const both = await input.inputValue();
  assert.ok(both.startsWith(inserted), 'the first text is kept');
  assert.ok(both.length > inserted.length + 10, 'the second text was added after it');
  await operator.screenshot({ path: `${SHOTS}/e2e-9-canned-inserted.png` });

  // edited, then sent: it reaches the phone and the thread marks how it went out
  await input.fill(`${inserted} (edited)`);
  await input.press('Enter');
  const sent = operatorMessages.filter({ hasText: '(edited)' });
  await sent.waitFor();
  await phoneEntries(customer, 'account').filter({ hasText: '(edited)' }).waitFor();
  await sent.locator('[data-testid="delivery"][data-delivery="sent"]').waitFor();
  // the handoff greeting spent the customer's only reply token: this answer is a push (it counts
  // toward the LINE quota, and the mark says so)
  assert.is(await sent.getByTestId('delivery').getAttribute('data-via'), 'push');
  assert.is(await sent.getByTestId('delivery').innerText(), '✓ push');
  await operator.screenshot({ path: `${SHOTS}/e2e-10-canned-sent.png` });

  await operator.getByTestId('presence-away').click();
  await operator.locator('[data-testid="presence"][data-presence="away"]').waitFor();
});

test('an operator sees the queue and their own chats: one the admin takes leaves their list, one handed to them joins it', async () => {
  if (!engine) throw new Error('no engine');
  const customerName = `Niran ${Math.random().toString(36).slice(2, 7)}`;
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok', capacity: 5 });
  const admin = await signIn(engine.admin.email, engine.admin.password);
  const nok = await signIn('nok@example.com', 'nok-password-1');

  const customer = await newCustomer(started().browser, engine, customerName);
  await customerSays(customer, 'agent please');

  // in the queue: every operator sees it
  const nokRow = nok.getByTestId('conversation-row').filter({ hasText: customerName });
  await nokRow.waitFor();
  const adminRow = admin.getByTestId('conversation-row').filter({ hasText: customerName });
  await adminRow.click();
  await admin.getByTestId('claim-button').click();
  await admin.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();

  // the admin took it: it leaves Nok's list instead of showing under Active
  await nokRow.waitFor({ state: 'detached' });
  await nok.getByTestId('tab-active').click();
  assert.is(await nokRow.count(), 0, "someone else's chat is not in an operator's Active list");
  assert.is(await nok.getByTestId('count-active').textContent(), '0');
  await nok.screenshot({ path: `${SHOTS}/e2e-11-operator-list-scoped.png` });

  // the admin hands it to Nok: it arrives in Nok's Active list, live, and Nok can answer
  await admin.getByTestId('transfer-target').selectOption({ label: 'Nok' });
  await admin.getByTestId('transfer-button').click();
  await nokRow.click();
  await nok.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await nok.getByTestId('composer-input').fill('Nok here, how can I help?');
  await nok.getByTestId('composer-input').press('Enter');
  await phoneEntries(customer, 'account').filter({ hasText: 'Nok here, how can I help?' }).waitFor();
  // and the customer's answer reaches Nok's open thread at once
  await customerSays(customer, 'where is my parcel?');
  await nok.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'where is my parcel?' }).waitFor();
});

test.run();
