/**
 * Several LINE Official Accounts in the studio (docs/channels.md), in headless Chromium against a sandbox
 * engine with BATON_ENCRYPTION_KEY: an admin adds a second channel through the Channels page (a token LINE
 * refuses is said at its field; the secret and token never come back from the API) and sees its webhook URL;
 * a customer writing to that channel's webhook (signed with its secret) shows in the inbox with the channel's
 * badge, the channel filter narrows the list and stays in the URL, the thread names the channel; an operator
 * limited to one channel on the Team page sees only its conversations, without badge or filter; a channel
 * with an open conversation is not deleted and the page says why. Before the second channel, nothing of this
 * shows. Needs a built studio and Debian's chromium.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OperatorDto } from '../../engine/contracts/rest.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { lineUsers } from '../support/line-checks.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { PHONE, SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';

const started = studioForSuite(test, { env: { BATON_ENCRYPTION_KEY: randomBytes(32).toString('hex') } });

const SHOP = { id: 'shop-2', name: 'Shop Two', secret: randomBytes(16).toString('hex'), token: `shop-2-token-${randomBytes(12).toString('hex')}` };
const [DEFAULT_CUSTOMER = '', SHOP_CUSTOMER = ''] = lineUsers(0xc4a, 2);
const OPERATOR = { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' };

/** a customer asks for a person at a channel's webhook path, the body signed with `secret`: the webhook's status */
async function postAgentRequest(path: string, secret: string, userId: string): Promise<number> {
  const { engine } = started();
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId, 'agent please')]);
  const response = await fetch(`${engine.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) },
    body,
  });
  return response.status;
}

/** ... signed with the channel's secret: a conversation waits */
async function customerAsksForAgent(path: string, secret: string, userId: string): Promise<void> {
  assert.is(await postAgentRequest(path, secret, userId), 200, `the webhook at ${path} takes the signed body`);
}

async function liveInbox(page: Page): Promise<void> {
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
}

const rowNamed = (page: Page, name: string) => page.getByTestId('conversation-row').filter({ hasText: name });

/** the page does not scroll sideways: nothing sticks out past the phone's right edge */
async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: the page is ${width} px wide, the screen ${PHONE.width}`);
}

test('with one channel the inbox shows no channel: no badge, no filter', async () => {
  const { engine, browser } = started();
  engine.fakeLine.setProfile(DEFAULT_CUSTOMER, { displayName: 'Ann Default' });
  await customerAsksForAgent('/webhooks/line', engine.channelSecret, DEFAULT_CUSTOMER);
  const page = await signIn(browser, engine, engine.admin);
  await liveInbox(page);
  await rowNamed(page, 'Ann Default').waitFor();
  await page.getByTestId('filter-team').waitFor();
  assert.is(await page.getByTestId('filter-channel').count(), 0, 'no channel filter');
  assert.is(await page.getByTestId('conversation-channel').count(), 0, 'no channel badge');
  await page.close();
});

test('an admin adds a second channel through the form: a refused token is said at its field, then the webhook URL shows', async () => {
  const { engine, browser } = started();
  engine.fakeLine.addChannel(SHOP.id, SHOP.token, { displayName: SHOP.name });
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-channels').click();
  const defaultCard = page.locator('[data-testid="channel"][data-channel-id="default"]');
  await defaultCard.getByTestId('channel-default').waitFor();
  assert.is(await defaultCard.getByTestId('channel-webhook-url').inputValue(), `${engine.baseUrl}/webhooks/line`);
  assert.is(await defaultCard.getByTestId('channel-delete').count(), 0, 'the default channel cannot be deleted');
  assert.is(await defaultCard.getByTestId('channel-credentials').count(), 0, "the default's credentials live in the environment");

  await page.getByTestId('channel-add').click();
  const form = page.getByTestId('channel-form');
  assert.is(await form.getByTestId('channel-field-channelSecret').getAttribute('type'), 'password');
  assert.is(await form.getByTestId('channel-field-channelAccessToken').getAttribute('type'), 'password');
  await form.getByTestId('channel-field-id').fill(SHOP.id);
  await form.getByTestId('channel-field-channelSecret').fill(SHOP.secret);
  await form.getByTestId('channel-field-channelAccessToken').fill('a-token-line-does-not-know');
  await form.getByTestId('channel-add-submit').click();
  const tokenError = form.getByTestId('channel-field-error-channelAccessToken');
  await tokenError.waitFor();
  assert.match(await tokenError.innerText(), 'LINE refused this access token');
  assert.is(await form.getByTestId('channel-field-channelAccessToken').getAttribute('aria-invalid'), 'true');
  assert.is(await form.getByTestId('channel-field-id').getAttribute('aria-invalid'), 'false');

  await form.getByTestId('channel-field-channelAccessToken').fill(SHOP.token);
  await form.getByTestId('channel-add-submit').click();
  await page.getByTestId('channels-notice').waitFor();
  assert.is(await page.getByTestId('channel-form').count(), 0, 'the form closes once the channel is added');
  const card = page.locator(`[data-testid="channel"][data-channel-id="${SHOP.id}"]`);
  assert.match(await card.getByTestId('channel-name').innerText(), SHOP.name, "named as LINE names the bot");
  assert.is(await card.getByTestId('channel-webhook-url').inputValue(), `${engine.baseUrl}/webhooks/line/${SHOP.id}`);
  assert.ok(await card.getByTestId('channel-group-handoff').isChecked(), 'group chats go to operators by default');
  await page.screenshot({ path: `${SHOTS}/channels-1-added.png`, fullPage: true });

  // the same id again: said at the id
  await page.getByTestId('channel-add').click();
  await form.getByTestId('channel-field-id').fill(SHOP.id);
  await form.getByTestId('channel-field-channelSecret').fill(SHOP.secret);
  await form.getByTestId('channel-field-channelAccessToken').fill(SHOP.token);
  await form.getByTestId('channel-add-submit').click();
  assert.match(await form.getByTestId('channel-field-error-id').innerText(), 'exists already');

  // what the studio reads back carries neither the secret nor the token
  const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  const listed = JSON.stringify((await admin.request('GET', '/api/channels')).body);
  assert.ok(listed.includes(SHOP.id));
  assert.not.ok(listed.includes(SHOP.secret) || listed.includes(SHOP.token), 'no secret or token in the API');

  // group handoff switched off, and a new name, as the engine keeps them
  await card.getByTestId('channel-group-handoff').uncheck();
  await card.getByTestId('channel-rename').click();
  await card.getByTestId('channel-field-name').fill('Shop Two Bangkok');
  await card.getByTestId('channel-save').click();
  await card.getByTestId('channel-name').filter({ hasText: 'Shop Two Bangkok' }).waitFor();
  await page.reload();
  await card.getByTestId('channel-name').filter({ hasText: 'Shop Two Bangkok' }).waitFor();
  assert.not.ok(await card.getByTestId('channel-group-handoff').isChecked(), 'group handoff stays off');
  await card.getByTestId('channel-rename').click();
  await card.getByTestId('channel-field-name').fill(SHOP.name);
  await card.getByTestId('channel-save').click();
  await card.getByTestId('channel-name').filter({ hasText: new RegExp(`^${SHOP.name}\\s*$`) }).waitFor();

  // a reissued secret: both fields empty is said in the form; saved, it signs the channel's webhooks from now on
  await card.getByTestId('channel-credentials').click();
  await card.getByTestId('channel-save').click();
  await card.getByTestId('channel-error').filter({ hasText: 'Type a new channel secret' }).waitFor();
  const reissued = randomBytes(16).toString('hex');
  await card.getByTestId('channel-field-channelSecret').fill(reissued);
  await card.getByTestId('channel-save').click();
  await card.getByTestId('channel-credentials-form').waitFor({ state: 'detached' });
  assert.is(await postAgentRequest(`/webhooks/line/${SHOP.id}`, SHOP.secret, SHOP_CUSTOMER), 401, 'the old secret no longer signs');
  SHOP.secret = reissued;
  await page.close();
});

test("the inbox names each conversation's channel, filters by it, keeps the filter in the URL, and the thread names it", async () => {
  const { engine, browser } = started();
  engine.fakeLine.setProfile(SHOP_CUSTOMER, { displayName: 'Bee Shop' });
  await customerAsksForAgent(`/webhooks/line/${SHOP.id}`, SHOP.secret, SHOP_CUSTOMER);
  const page = await signIn(browser, engine, engine.admin);
  await liveInbox(page);
  const shopRow = rowNamed(page, 'Bee Shop');
  await shopRow.getByTestId('conversation-channel').filter({ hasText: SHOP.name }).waitFor();
  assert.is(await shopRow.getByTestId('conversation-channel').getAttribute('data-channel-id'), SHOP.id);
  assert.is(await rowNamed(page, 'Ann Default').getByTestId('conversation-channel').getAttribute('data-channel-id'), 'default');

  await page.getByTestId('filter-channel').selectOption(SHOP.id);
  await rowNamed(page, 'Ann Default').waitFor({ state: 'detached' });
  assert.is(await page.getByTestId('conversation-row').count(), 1, 'only the shop channel');
  assert.is(new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('channel'), SHOP.id);
  await page.screenshot({ path: `${SHOTS}/channels-2-inbox-filter.png` });

  await page.reload();
  await liveInbox(page);
  await shopRow.waitFor();
  assert.is(await page.getByTestId('filter-channel').inputValue(), SHOP.id, 'the filter survives a reload');
  assert.is(await page.getByTestId('conversation-row').count(), 1);

  await shopRow.click();
  await page.getByTestId('thread-name').filter({ hasText: 'Bee Shop' }).waitFor();
  await page.getByTestId('thread-channel').filter({ hasText: SHOP.name }).waitFor();

  await page.getByTestId('filter-channel').selectOption('');
  await rowNamed(page, 'Ann Default').waitFor();
  await page.close();
});

test('an operator limited to one channel on the Team page sees only its conversations, without badge or filter', async () => {
  const { engine, browser } = started();
  await addOperator(engine.baton.store, OPERATOR);
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-team').click();
  const row = page.locator(`[data-testid="operator-row"][data-email="${OPERATOR.email}"]`);
  await row.getByTestId('operator-edit').click();
  const form = page.getByTestId('operator-form');
  assert.ok(await form.getByTestId('channel-scope-all').isChecked(), 'every channel until limited');
  await form.getByTestId('channel-scope-chosen').check();
  // none ticked: said in the form, nothing sent
  await form.getByTestId('operator-save').click();
  await form.getByTestId('channel-scope-error').waitFor();
  await form.locator(`[data-testid="channel-choice"][data-channel-id="${SHOP.id}"]`).check();
  await page.screenshot({ path: `${SHOTS}/channels-5-operator-form.png` });
  await form.getByTestId('operator-save').click();
  await page.getByTestId('team-notice').waitFor();
  await row.getByTestId('operator-channels').filter({ hasText: SHOP.name }).waitFor();

  const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  const { operators } = (await admin.request<{ operators: OperatorDto[] }>('GET', '/api/operators')).body;
  assert.equal(operators.find((o) => o.email === OPERATOR.email)?.channels, [SHOP.id], 'saved with PATCH');
  await row.getByTestId('operator-edit').click();
  assert.ok(await form.getByTestId('channel-scope-chosen').isChecked(), 'the form shows the limit');
  assert.ok(await form.locator(`[data-testid="channel-choice"][data-channel-id="${SHOP.id}"]`).isChecked());
  await page.close();

  const nok = await signIn(browser, engine, OPERATOR);
  await liveInbox(nok);
  await rowNamed(nok, 'Bee Shop').waitFor();
  assert.is(await nok.getByTestId('conversation-row').count(), 1, "the default channel's customer is not theirs");
  assert.is(await nok.getByTestId('filter-channel').count(), 0, 'one channel: no filter');
  assert.is(await nok.getByTestId('conversation-channel').count(), 0, 'one channel: no badge');
  await nok.close();
});

test('a channel with an open conversation is not deleted: the page says why', async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-channels').click();
  const card = page.locator(`[data-testid="channel"][data-channel-id="${SHOP.id}"]`);
  await card.getByTestId('channel-delete').click();
  await card.getByTestId('channel-delete-confirm-button').click();
  assert.match(await card.getByTestId('channel-error').innerText(), 'open conversation');
  await page.reload();
  await card.waitFor();
  await page.close();
});

test('on a phone the Channels page with its forms open, and the inbox with channels, fit the screen', async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, engine.admin, { viewport: PHONE });
  await page.goto(page.url().replace(/#.*/, '#/channels'));
  const card = page.locator(`[data-testid="channel"][data-channel-id="${SHOP.id}"]`);
  await card.getByTestId('channel-credentials').click();
  await card.getByTestId('channel-credentials-form').waitFor();
  await page.getByTestId('channel-add').click();
  await page.getByTestId('channel-form').waitFor();
  await assertNoSidewaysScroll(page, 'the Channels page');
  await page.screenshot({ path: `${SHOTS}/channels-3-phone.png`, fullPage: true });

  await page.goto(page.url().replace(/#.*/, '#/inbox'));
  await liveInbox(page);
  await rowNamed(page, 'Bee Shop').getByTestId('conversation-channel').waitFor();
  await page.getByTestId('filter-channel').click({ trial: true });
  await assertNoSidewaysScroll(page, 'the inbox with channels');
  await page.screenshot({ path: `${SHOTS}/channels-4-phone-inbox.png` });
  await page.close();
});

test.run();
