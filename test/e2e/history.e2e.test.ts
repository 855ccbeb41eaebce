/**
 * The customer's history above the thread, in headless Chromium: the customer talked to the bot, was
 * handed off before and rated that conversation, and is handed off again. The operator opening the new
 * chat sees "Earlier with the bot" collapsed, opens it to read the bot exchange, and sees the past
 * conversation with its operator and CSAT. The customer writes over the fake LINE; the operator uses the studio.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000e15701';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
const started = studioForSuite(test);
let nokApi: OperatorClient;

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
});

async function customer(event: 'text' | 'postback', value: string): Promise<void> {
  const { fakeLine } = started().engine;
  const body = fakeLine.webhookBody([event === 'text' ? fakeLine.textEvent(USER, value) : fakeLine.postbackEvent(USER, value)]);
  assert.is((await started().engine.postWebhook(body)).status, 200);
}

/** the customer's waiting conversation other than `not` */
function waiting(not?: string): Promise<ConversationDto> {
  return waitFor(async () => {
    const { body } = await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === USER && c.id !== not);
  }, 'the customer waiting');
}

test('the operator sees what the customer told the bot and how they rated their last conversation, collapsed until opened', async () => {
  const { store } = started().engine.baton;
  await customer('text', 'what are your opening hours?');
  await waitFor(async () => {
    const row = await store.customers.findByLineUserId(USER);
    return row && (await store.messages.listByCustomer(row.id)).some((m) => m.direction === 'out');
  }, 'the bot answered');
  await customer('text', 'agent please');
  const past = await waiting();
  assert.is((await nokApi.request('POST', `/api/conversations/${past.id}/claim`)).status, 200);
  assert.is((await nokApi.request('POST', `/api/conversations/${past.id}/messages`, { text: 'Hello, how can I help?' })).status, 201);
  assert.is((await nokApi.request('POST', `/api/conversations/${past.id}/close`)).status, 200);
  await waitFor(async () => (await store.conversationEvents.listOf(past.id)).some((e) => e.kind === 'survey_sent'), 'the survey sent');
  await customer('postback', 'csat:csat-5:2');
  await customer('text', 'slow to answer');
  await waitFor(async () => (await store.conversations.findById(past.id))?.csat_comment === 'slow to answer' || undefined, 'the rating recorded');

  await customer('text', 'where is my parcel?');
  await customer('text', 'agent please');
  const current = await waiting(past.id);

  const page = await signIn(started().browser, started().engine, nok);
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${current.id}"]`).click();
  await page.getByTestId('thread-status').filter({ hasText: 'waiting' }).waitFor();

  const history = page.getByTestId('customer-history');
  await history.waitFor();
  const withBot = history.locator('details', { has: page.getByTestId('history-bot') });
  assert.is(await withBot.count(), 2, 'before the first handoff and between the two');
  assert.match(await withBot.first().getByTestId('history-bot').innerText(), /^Earlier with the bot \(\d+ messages?\)$/);
  const firstQuestion = withBot.first().getByTestId('history-message').filter({ hasText: 'what are your opening hours?' });
  assert.not.ok(await firstQuestion.isVisible(), 'collapsed');
  await withBot.first().getByTestId('history-bot').click();
  await firstQuestion.waitFor({ state: 'visible' });
  assert.ok(await withBot.first().locator('[data-testid="history-message"][data-sender="bot"]').first().isVisible(), "the bot's answer too");

  const pastBlock = history.locator(`[data-testid="history-conversation"][data-conversation-id="${past.id}"]`);
  assert.match(await pastBlock.innerText(), /Nok/);
  assert.is(await pastBlock.getByTestId('history-csat').innerText(), "★2 — 'slow to answer'");
  // the thread itself is as before: the current conversation's own messages
  await page.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'agent please' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/history-1-earlier.png` });
});

test.run();
