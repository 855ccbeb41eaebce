/**
 * A customer reaches a human and back, through a real listening engine, the real LINE SDK against
 * the fake LINE API, and an operator on REST + socket.io-client. Runs on SQLite and on Postgres
 * (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ConversationListResponse, ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';
let engine: TestEngine;
let operator: OperatorClient;

const accountTexts = () =>
  engine.fakeLine.chat(USER).filter((e) => e.from === 'account').map((e) => ({ via: e.via, text: e.message.text ?? '' }));

async function customerSends(event: ReturnType<TestEngine['fakeLine']['textEvent']> | ReturnType<TestEngine['fakeLine']['followEvent']>) {
  const response = await engine.postWebhook(engine.fakeLine.webhookBody([event]));
  assert.is(response.status, 200);
}

test.before(async () => {
  engine = await startTestEngine();
  engine.fakeLine.setProfile(USER, { displayName: 'Somchai', pictureUrl: 'https://example.com/somchai.png', language: 'th' });
  operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
});

test.after(async () => {
  operator.close();
  await engine.stop();
});

test('a new friend is greeted by name through the free reply token, with the profile stored', async () => {
  await customerSends(engine.fakeLine.followEvent(USER));
  const [welcome] = await waitFor(() => accountTexts().length === 1 && accountTexts(), 'the welcome');
  assert.is(welcome?.via, 'reply');
  assert.match(welcome?.text ?? '', /Welcome, Somchai!/);
  assert.is(engine.fakeLine.callsTo('/v2/bot/profile/' + USER).length, 1);
  const customer = await engine.baton.store.customers.findByLineUserId(USER);
  assert.is(customer?.display_name, 'Somchai');
  assert.is(customer?.language, 'th');
  assert.is(customer?.mode, 'BOT');
});

test('"hello" gets the bot answer, and nothing reaches the operators', async () => {
  await customerSends(engine.fakeLine.textEvent(USER, 'hello'));
  const texts = await waitFor(() => accountTexts().length === 2 && accountTexts(), 'the bot answer');
  assert.match(texts[1]?.text ?? '', /^Hello Somchai!/);
  assert.is(texts[1]?.via, 'reply');
  assert.is(operator.conversationsSeen.length, 0);
});

let conversation: ConversationDto;

test('"agent" gives the handoff greeting and a waiting conversation appears live for operators', async () => {
  await customerSends(engine.fakeLine.textEvent(USER, 'can I talk to an agent?'));
  conversation = await operator.waitForConversation((c) => c.status === 'WAITING', 'a waiting conversation');
  assert.is(conversation.customer.displayName, 'Somchai');
  assert.is(conversation.customer.mode, 'HUMAN');
  const texts = await waitFor(() => accountTexts().length === 3 && accountTexts(), 'the handoff greeting');
  assert.match(texts[2]?.text ?? '', /in the queue/);
  const list = await operator.request<ConversationListResponse>('GET', '/api/conversations?status=waiting');
  assert.equal(list.body.conversations.map((c) => c.id), [conversation.id]);
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${conversation.id}`);
  assert.equal(detail.body.messages.map((m) => m.senderKind), ['customer', 'bot'], 'the request and the greeting belong to the conversation');
});

test('the operator claims and replies; the reply uses no push while a reply token is fresh', async () => {
  const claimed = await operator.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(claimed.status, 200);
  assert.is(claimed.body.conversation.status, 'ACTIVE');
  assert.is(claimed.body.conversation.operatorId, operator.login.operator.id);
  await operator.waitForConversation((c) => c.id === conversation.id && c.status === 'ACTIVE', 'the claim broadcast');

  // the customer writes while waiting: the operator sees it live, the bot stays silent
  await customerSends(engine.fakeLine.textEvent(USER, 'my order #1234 is late'));
  const inbound = await operator.waitForMessage((m) => m.text === 'my order #1234 is late', 'the customer message');
  assert.is(inbound.conversationId, conversation.id);
  assert.is(inbound.direction, 'in');

  const sent = await operator.request<SendMessageResponse>('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Hi Somchai, checking order #1234 now.' });
  assert.is(sent.status, 201);
  const texts = await waitFor(() => accountTexts().length === 4 && accountTexts(), 'the operator reply on LINE');
  assert.equal(texts[3], { via: 'reply', text: 'Hi Somchai, checking order #1234 now.' });
  const update = await waitFor(() => operator.messageUpdates.find((m: MessageDto) => m.id === sent.body.message.id && m.deliveryStatus === 'sent'), 'delivery status');
  assert.is(update.sentVia, 'reply');
});

test('a second operator answer in a row has no token left and goes out as a push with a retry key', async () => {
  await operator.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'It ships tomorrow.' });
  const texts = await waitFor(() => accountTexts().length === 5 && accountTexts(), 'the pushed reply');
  assert.equal(texts[4], { via: 'push', text: 'It ships tomorrow.' });
  const [push] = engine.fakeLine.callsTo('/v2/bot/message/push');
  assert.match(push?.headers['x-line-retry-key'] ?? '', /^[0-9a-f-]{36}$/);
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${conversation.id}`);
  assert.ok(detail.body.conversation.firstResponseAt !== null);
  assert.ok(detail.body.conversation.claimedAt !== null);
});

test('closing puts the customer back with the bot, with the closing message', async () => {
  const closed = await operator.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/close`);
  assert.is(closed.body.conversation.status, 'CLOSED');
  assert.is(closed.body.conversation.customer.mode, 'BOT');
  assert.ok(closed.body.conversation.closedAt !== null);
  const texts = await waitFor(() => accountTexts().length === 6 && accountTexts(), 'the closing message');
  assert.match(texts[5]?.text ?? '', /back with the bot/);

  await customerSends(engine.fakeLine.textEvent(USER, 'hello again'));
  const after = await waitFor(() => accountTexts().length === 7 && accountTexts(), 'the bot answering again');
  assert.match(after[6]?.text ?? '', /^Hello Somchai!/);
  const waiting = await operator.request<ConversationListResponse>('GET', '/api/conversations?status=waiting');
  assert.is(waiting.body.conversations.length, 0);
});

test('a second claim of a closed conversation is refused with 409', async () => {
  const again = await operator.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'not_waiting');
});

test.run();
