/**
 * A customer reaches a human and back, through a real listening engine, the real LINE SDK against
 * the fake LINE API, and an operator on REST + socket.io-client. Runs on SQLite and on Postgres
 * (BATON_TEST_DB).
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { CannedResponseListResponse, ConversationDetailResponse, ConversationListResponse, ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import { randomBytes } from 'node:crypto';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { startTestEngine, TEST_ACCESS_TOKEN, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';

/**
 * The shipped office (flows/office-hours.yaml, Bangkok) is closed at 20:00 Bangkok (13:00 UTC) on every
 * day, so the engine and its LINE run on a clock moved forward to the next such evening: the after-hours
 * wording names the next opening whatever the hour the suite runs. Both share the clock, so reply tokens
 * stay fresh by the engine's reckoning.
 */
const clock = new TestClock();
const evening = new Date();
evening.setUTCHours(13, 0, 0, 0);
if (evening.getTime() <= Date.now()) evening.setUTCDate(evening.getUTCDate() + 1);
clock.advance(evening.getTime() - Date.now());
const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN, now: clock.now });
let engine: TestEngine;
let operator: OperatorClient;

const accountTexts = () =>
  engine.fakeLine.chat(USER).filter((e) => e.from === 'account').map((e) => ({ via: e.via, text: e.message.text ?? '' }));

async function customerSends(event: webhook.Event) {
  const response = await engine.postWebhook(engine.fakeLine.webhookBody([event]));
  assert.is(response.status, 200);
}

test.before(async () => {
  engine = await startTestEngine({ now: clock.now, line: { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') } });
  engine.fakeLine.setProfile(USER, { displayName: 'Somchai', pictureUrl: 'https://example.com/somchai.png', language: 'th' });
  operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
});

test.after(async () => {
  operator.close();
  await engine.stop();
  await fake.close();
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

/** The account's messages after the first `from` ones, as the phone shows them. */
const accountTextsAfter = (from: number) => accountTexts().slice(from);
const findText = (from: number, pattern: RegExp) => accountTextsAfter(from).find((t) => pattern.test(t.text));

test('"agent" gives the handoff greeting and a waiting conversation appears live for operators', async () => {
  const before = accountTexts().length;
  await customerSends(engine.fakeLine.textEvent(USER, 'can I talk to an agent?'));
  conversation = await operator.waitForConversation((c) => c.status === 'WAITING', 'a waiting conversation');
  assert.is(conversation.customer.displayName, 'Somchai');
  assert.is(conversation.customer.mode, 'HUMAN');
  // after hours the greeting says when we open again, and the customer is queued all the same
  const greeting = await waitFor(() => findText(before, /open again/), 'the handoff greeting');
  assert.is(greeting.via, 'reply', 'the greeting spends the free reply token');
  const position = await waitFor(() => findText(before, /number 1 in the queue/), 'the queue position');
  assert.is(position.via, 'push', 'the token is spent: the position goes out as a push');
  const list = await operator.request<ConversationListResponse>('GET', '/api/conversations?status=waiting');
  assert.equal(list.body.conversations.map((c) => c.id), [conversation.id]);
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${conversation.id}`);
  const kinds = detail.body.messages.map((m) => m.senderKind);
  assert.is(kinds[0], 'customer', 'the request belongs to the conversation');
  assert.ok(kinds.slice(1).every((k) => k === 'bot'), 'and the bot answers after it');
});

test('the operator claims and replies; the reply uses no push while a reply token is fresh', async () => {
  const claimed = await operator.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(claimed.status, 200);
  assert.is(claimed.body.conversation.status, 'ACTIVE');
  assert.is(claimed.body.conversation.operatorId, operator.login.operator.id);
  await operator.waitForConversation((c) => c.id === conversation.id && c.status === 'ACTIVE', 'the claim broadcast');

  // the customer writes while waiting: the operator sees it live, the bot stays silent
  const before = accountTexts().length;
  await customerSends(engine.fakeLine.textEvent(USER, 'my order #1234 is late'));
  const inbound = await operator.waitForMessage((m) => m.text === 'my order #1234 is late', 'the customer message');
  assert.is(inbound.conversationId, conversation.id);
  assert.is(inbound.direction, 'in');

  const sent = await operator.request<SendMessageResponse>('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Hi Somchai, checking order #1234 now.' });
  assert.is(sent.status, 201);
  const reply = await waitFor(() => findText(before, /checking order/), 'the operator reply on LINE');
  assert.equal(accountTextsAfter(before), [{ via: 'reply', text: 'Hi Somchai, checking order #1234 now.' }], 'the bot said nothing in between');
  assert.is(reply.via, 'reply');
  const update = await waitFor(() => operator.messageUpdates.find((m: MessageDto) => m.id === sent.body.message.id && m.deliveryStatus === 'sent'), 'delivery status');
  assert.is(update.sentVia, 'reply');
});

test("canned responses come rendered for the customer: their language's variant and their name", async () => {
  const canned = await operator.request<CannedResponseListResponse>('GET', `/api/conversations/${conversation.id}/canned-responses`);
  assert.is(canned.status, 200);
  const greeting = canned.body.responses.find((r) => r.shortcut === '/hi');
  assert.ok(greeting, 'the /hi shortcut exists in the shipped flows');
  assert.match(greeting.text, /คุณSomchai/, 'Thai variant (LINE language th) with the name filled in');
  const closed = canned.body.responses.find((r) => r.id === 'after-hours');
  assert.match(closed?.text ?? '', /กลับมาวัน\S+ 0\d:00 คุณอยู่ในคิวแล้ว/, 'the next morning opening from the office calendar, in Thai');
});

test('a second operator answer in a row has no token left and goes out as a push with a retry key', async () => {
  const pushesBefore = engine.fakeLine.callsTo('/v2/bot/message/push').length;
  await operator.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'It ships tomorrow.' });
  const pushed = await waitFor(() => findText(0, /It ships tomorrow/), 'the pushed reply');
  assert.is(pushed.via, 'push');
  const push = engine.fakeLine.callsTo('/v2/bot/message/push')[pushesBefore];
  assert.match(push?.headers['x-line-retry-key'] ?? '', /^[0-9a-f-]{36}$/);
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${conversation.id}`);
  assert.ok(detail.body.conversation.firstResponseAt !== null);
  assert.ok(detail.body.conversation.claimedAt !== null);
});

test('closing puts the customer back with the bot and asks for a 1-tap CSAT score', async () => {
  const before = accountTexts().length;
  const closed = await operator.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/close`);
  assert.is(closed.body.conversation.status, 'CLOSED');
  assert.is(closed.body.conversation.customer.mode, 'BOT');
  assert.ok(closed.body.conversation.closedAt !== null);
  await waitFor(() => findText(before, /back with the bot/), 'the closing survey');
  const survey = engine.fakeLine.chat(USER).filter((e) => e.from === 'account').at(-1);
  const taps = survey?.message.quickReply?.items.map((item) => item.action) ?? [];
  assert.is(taps.length, 5, 'five one-tap scores');
  const five = taps[4];
  assert.ok(five?.type === 'postback');

  await customerSends(engine.fakeLine.postbackEvent(USER, five.type === 'postback' ? five.data : ''));
  await waitFor(() => findText(before, /Thank you for your feedback/), 'the thanks');
  const row = await engine.baton.store.conversations.findById(conversation.id);
  assert.is(row?.csat, 5);

  const afterSurvey = accountTexts().length;
  await customerSends(engine.fakeLine.textEvent(USER, 'hello again'));
  const hello = await waitFor(() => findText(afterSurvey, /^Hello Somchai!/), 'the bot answering again');
  assert.is(hello.via, 'reply');
  const waiting = await operator.request<ConversationListResponse>('GET', '/api/conversations?status=waiting');
  assert.is(waiting.body.conversations.length, 0);
});

test('a second claim of a closed conversation is refused with 409', async () => {
  const again = await operator.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'not_waiting');
});

test('a second close of a closed conversation is refused with 409, and the customer is not surveyed again', async () => {
  const before = await engine.baton.store.conversations.findById(conversation.id);
  const customer = await engine.baton.store.customers.findByLineUserId(USER);
  const written = async () => (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).length;
  const messagesBefore = await written();
  const again = await operator.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/close`);
  assert.is(again.status, 409);
  const after = await engine.baton.store.conversations.findById(conversation.id);
  assert.equal([after?.closed_at, after?.close_reason, after?.csat], [before?.closed_at, before?.close_reason, before?.csat], 'the first close stands');
  assert.is(await written(), messagesBefore, 'no second farewell or survey');
});

test.run();
