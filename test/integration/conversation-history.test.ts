/**
 * GET /api/conversations/:id/history: what the customer told the bot before the handoff and their past
 * conversations with who had them and how they rated them, newest first and paged by message id; access
 * as reading the conversation, a clear 400 for bad paging. A real engine over REST; SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ConversationHistoryResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000b15701';
let engine: TestEngine;
let ann: OperatorClient;
let ben: OperatorClient;
let past: ConversationDto;
let current: ConversationDto;
type ErrorBody = { error: { code: string; message: string } };

async function customer(event: 'text' | 'postback', value: string): Promise<void> {
  const fake = engine.fakeLine;
  const body = fake.webhookBody([event === 'text' ? fake.textEvent(USER, value) : fake.postbackEvent(USER, value)]);
  assert.is((await engine.postWebhook(body)).status, 200);
}

async function waiting(): Promise<ConversationDto> {
  return waitFor(async () => (await ann.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === USER), 'the customer waiting');
}

const history = (who: OperatorClient, query = '') => who.request<ConversationHistoryResponse & ErrorBody>('GET', `/api/conversations/${current.id}/history${query}`);

test.before(async () => {
  engine = await startTestEngine();
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' });
  await addOperator(engine.baton.store, { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' });
  ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
  ben = await OperatorClient.signIn(engine.baseUrl, 'ben@example.com', 'ben-password-1');

  // the customer talks to the bot, is handed to Ann, who closes; they rate it 2 and say why (a low score asks)
  await customer('text', 'what are your opening hours?');
  await waitFor(async () => {
    const row = await engine.baton.store.customers.findByLineUserId(USER);
    return row && (await engine.baton.store.messages.listByCustomer(row.id)).some((m) => m.direction === 'out');
  }, 'the bot answered');
  await customer('text', 'agent please');
  past = await waiting();
  assert.is((await ann.request('POST', `/api/conversations/${past.id}/claim`)).status, 200);
  assert.is((await ann.request('POST', `/api/conversations/${past.id}/messages`, { text: 'Hello, how can I help?' })).status, 201);
  assert.is((await ann.request('POST', `/api/conversations/${past.id}/close`)).status, 200);
  await waitFor(async () => (await engine.baton.store.conversationEvents.listOf(past.id)).some((e) => e.kind === 'survey_sent'), 'the survey sent');
  await customer('postback', 'csat:csat-5:2');
  await waitFor(async () => (await engine.baton.store.conversations.findById(past.id))?.csat === 2 || undefined, 'the score recorded');
  await customer('text', 'slow to answer');
  await waitFor(async () => (await engine.baton.store.conversations.findById(past.id))?.csat_comment === 'slow to answer' || undefined, 'the comment recorded');

  // back with the bot, then handed off again
  await customer('text', 'where is my parcel?');
  await customer('text', 'agent please');
  current = await waitFor(async () => (await ann.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === USER && c.id !== past.id), 'the second handoff');
});

test.after(() => engine.stop());

test("the bot exchanges before the handoff and the past conversation with its operator and CSAT, newest first, none of this conversation's own", async () => {
  const answer = await history(ann);
  assert.is(answer.status, 200);
  const { messages, conversations, nextBefore } = answer.body;
  assert.is(nextBefore, null, 'everything fits one page');
  assert.equal(messages.map((m) => m.id), [...messages.map((m) => m.id)].sort((a, b) => b - a), 'newest first');
  const own = (await ann.request<ConversationDetailResponse>('GET', `/api/conversations/${current.id}`)).body.messages;
  assert.ok(own.length > 0);
  assert.not.ok(messages.some((m) => m.conversationId === current.id || own.some((o) => o.id === m.id)), 'the thread itself is not history');
  assert.ok(messages.every((m) => m.id < Math.min(...own.map((o) => o.id))), 'only what came before the conversation');

  const withBot = messages.filter((m) => m.conversationId === null);
  assert.ok(withBot.some((m) => m.senderKind === 'customer' && m.text === 'what are your opening hours?'));
  assert.ok(withBot.some((m) => m.senderKind === 'customer' && m.text === 'where is my parcel?'));
  assert.ok(withBot.some((m) => m.senderKind === 'bot'), "the bot's answers too");
  assert.ok(messages.some((m) => m.conversationId === past.id && m.senderKind === 'operator' && m.text === 'Hello, how can I help?'), 'the past conversation\'s messages');

  assert.equal(conversations.map((c) => [c.id, c.status, c.operatorName, c.closeReason, c.csat, c.csatComment]), [[past.id, 'CLOSED', 'Ann', 'closed-by-operator', 2, 'slow to answer']]);
  assert.ok((conversations[0]?.closedAt ?? 0) > 0);
});

test('pages go further back without gaps or repeats, and the last says nothing is older', async () => {
  const whole = (await history(ann)).body.messages.map((m) => m.id);
  assert.ok(whole.length >= 5, `enough to page (${whole.length})`);
  const seen: number[] = [];
  let before: number | null | undefined;
  let pages = 0;
  do {
    const page = await history(ann, `?limit=2${before ? `&before=${before}` : ''}`);
    assert.is(page.status, 200);
    assert.ok(page.body.messages.length <= 2);
    // each page names the conversations its messages belong to, and only those
    const named = new Set(page.body.messages.flatMap((m) => (m.conversationId ? [m.conversationId] : [])));
    assert.equal(page.body.conversations.map((c) => c.id).sort(), [...named].sort());
    seen.push(...page.body.messages.map((m) => m.id));
    before = page.body.nextBefore;
    pages += 1;
  } while (before !== null && pages < 100);
  assert.equal(seen, whole);
  assert.is(pages, Math.ceil(whole.length / 2));
});

test('an operator who may not read the conversation gets 403, and a missing one 404', async () => {
  assert.is((await history(ben)).status, 200, 'the queue is everyone\'s');
  assert.is((await ann.request('POST', `/api/conversations/${current.id}/claim`)).status, 200);
  const refused = await history(ben);
  assert.is(refused.status, 403);
  assert.is((await history(ann)).status, 200, 'its operator still reads it');
  assert.is((await ann.request('GET', '/api/conversations/no-such-id/history')).status, 404);
});

test('bad paging gets a 400 that names the parameter', async () => {
  for (const [query, name] of [['?limit=0', 'limit'], ['?limit=201', 'limit'], ['?limit=ten', 'limit'], ['?before=-3', 'before'], ['?before=1.5', 'before'], ['?before=1&before=2', 'before']] as const) {
    const answer = await history(ann, query);
    assert.is(answer.status, 400, query);
    assert.ok(answer.body.error.message.startsWith(`${name}:`), `${query}: ${answer.body.error.message}`);
  }
});

test.run();
