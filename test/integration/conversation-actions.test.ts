/**
 * The operator's day (issue #13 item 4), engine side: reopen by an operator (who may, the 409 when the
 * customer has another chat open), a customer writing within the handoff's reopenWithinMinutes coming back to
 * the same conversation (to its operator when Available, else the queue; never after the window, never for a
 * survey answer), private notes that never reach LINE nor count as messages, transfer to a team with a note,
 * and the customer's tags. A real engine over REST and sockets with the fake LINE; SQLite and Postgres.
 */
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ConversationHistoryResponse } from '../../engine/contracts/rest.ts';
import { repoRoot, startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const clock = new TestClock();
let engine: TestEngine;
let ann: OperatorClient;
let ben: OperatorClient;
let sup: OperatorClient;
type ErrorBody = { error: { code: string; message: string }; conversationId?: string };
type ConversationAnswer = { conversation: ConversationDto } & ErrorBody;

/** a distinct LINE user per test, so the tests do not lean on each other */
let users = 0;
const newUser = () => `U${String(++users).padStart(32, 'c')}`;

async function say(user: string, text: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
}

async function tap(user: string, data: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.postbackEvent(user, data)]))).status, 200);
}

/** every text LINE was asked to deliver (replies and pushes), in order */
function textsSent(): string[] {
  const calls = [...engine.fakeLine.callsTo('/v2/bot/message/reply'), ...engine.fakeLine.callsTo('/v2/bot/message/push')].sort((a, b) => a.at - b.at);
  return calls.flatMap((call) => ((call.body as { messages?: { text?: string }[] } | null)?.messages ?? []).map((m) => m.text ?? ''));
}

const detail = (who: OperatorClient, id: string) => who.request<ConversationDetailResponse & ErrorBody>('GET', `/api/conversations/${id}`);

async function waitingOf(user: string): Promise<ConversationDto> {
  return waitFor(async () => (await sup.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === user), 'the customer waiting');
}

/** the customer asks for a human, Ann claims and answers, then closes (the survey goes out) */
async function closedByAnn(user: string): Promise<ConversationDto> {
  await say(user, 'agent please');
  const waiting = await waitingOf(user);
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Hello from Ann' })).status, 201);
  const surveys = () => textsSent().filter((t) => t.startsWith('How did we do?')).length;
  const surveysBefore = surveys();
  const closed = await ann.request<ConversationAnswer>('POST', `/api/conversations/${waiting.id}/close`, { reason: 'Resolved — refund sent' });
  assert.is(closed.status, 200);
  await waitFor(() => surveys() > surveysBefore || undefined, 'the survey delivered');
  return closed.body.conversation;
}

async function setPresence(who: OperatorClient, presence: 'available' | 'away'): Promise<void> {
  assert.is((await who.request('PUT', '/api/me/presence', { presence })).status, 200);
}

test.before(async () => {
  engine = await startTestEngine({
    now: clock.now,
    env: {
      BATON_FLOWS_DIR: path.join(repoRoot, 'test/fixtures/flow-sets/conversation-actions'),
      // the clock moves past reopen windows (half an hour at a time): the sessions outlast them
      BATON_TOKEN_TTL_SECONDS: String(24 * 3600),
      BATON_IDLE_TIMEOUT_MINUTES: String(24 * 60),
    },
  });
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' });
  await addOperator(engine.baton.store, { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' });
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sue', role: 'supervisor' });
  ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
  ben = await OperatorClient.signIn(engine.baseUrl, 'ben@example.com', 'ben-password-1');
  sup = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
  await ann.connect();
  await sup.connect();
});

test.after(async () => {
  for (const who of [ann, ben, sup]) who.close();
  await engine.stop();
});

test('the operator who had it reopens a closed conversation: ACTIVE with them, the customer with a human, audited and announced', async () => {
  const user = newUser();
  const closed = await closedByAnn(user);
  assert.is(closed.closeReason, 'Resolved — refund sent', 'the close reason as given');
  assert.is((await ben.request<ErrorBody>('POST', `/api/conversations/${closed.id}/reopen`)).status, 403, "not someone else's");

  const reopened = await ann.request<ConversationAnswer>('POST', `/api/conversations/${closed.id}/reopen`);
  assert.is(reopened.status, 200);
  assert.is(reopened.body.conversation.status, 'ACTIVE');
  assert.is(reopened.body.conversation.operatorId, ann.login.operator.id);
  assert.is(reopened.body.conversation.closedAt, null);
  assert.is(reopened.body.conversation.customer.mode, 'HUMAN');
  await ann.waitForConversation((c) => c.id === closed.id && c.status === 'ACTIVE', 'conversation:updated for the reopen');
  const line = await ann.waitForMessage((m) => m.conversationId === closed.id && m.senderKind === 'system' && m.text === 'Reopened by Ann', 'the thread line');
  assert.is(line.direction, 'note');

  const events = (await engine.baton.store.conversationEvents.listOf(closed.id)).map((e) => e.kind).filter((kind) => kind !== 'survey_sent');
  assert.equal(events, ['queued', 'claimed', 'closed', 'reopened']);
  const audit = await sup.request<{ entries: { action: string; targetId: string }[] }>('GET', `/api/audit?action=conversation.reopened&targetId=${closed.id}`);
  assert.is(audit.body.entries.length, 1);

  // she can answer again, and a second reopen is refused
  assert.is((await ann.request('POST', `/api/conversations/${closed.id}/messages`, { text: 'One more thing' })).status, 201);
  const again = await ann.request<ErrorBody>('POST', `/api/conversations/${closed.id}/reopen`);
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'not_closed');
  assert.is((await ann.request('POST', `/api/conversations/${closed.id}/close`)).status, 200);
});

test('reopen is refused with 409 while the customer has another open conversation, naming where it is', async () => {
  const user = newUser();
  const closed = await closedByAnn(user);
  // past the reopen window, asking for a human is a new handoff
  clock.advance(31 * 60_000);
  await say(user, 'agent again');
  const second = await waitFor(async () => (await sup.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === user && c.id !== closed.id), 'a second handoff');
  const refused = await sup.request<ErrorBody>('POST', `/api/conversations/${closed.id}/reopen`);
  assert.is(refused.status, 409);
  assert.is(refused.body.error.code, 'customer_has_open_conversation');
  assert.match(refused.body.error.message, 'waiting in the queue');
  assert.is(refused.body.conversationId, second.id);
});

test('a customer writing within reopenWithinMinutes comes back to the same conversation: to the queue while Ann is away, the bot quiet', async () => {
  const user = newUser();
  const closed = await closedByAnn(user);
  clock.advance(10 * 60_000);
  const sentBefore = textsSent().length;
  await say(user, 'sorry, one more question');
  const back = await waitingOf(user);
  assert.is(back.id, closed.id, 'the same conversation');
  assert.is(back.customer.mode, 'HUMAN');
  const { messages } = (await detail(sup, closed.id)).body;
  assert.ok(messages.some((m) => m.direction === 'in' && m.text === 'sorry, one more question'), 'the message is in the thread');
  const line = messages.find((m) => m.senderKind === 'system' && m.direction === 'note');
  assert.match(line?.text ?? '', /wrote again 10 min after the close: reopened, back in the queue/);
  const events = await engine.baton.store.conversationEvents.listOf(closed.id);
  assert.equal(events.at(-1)?.kind, 'reopened');
  assert.is(events.at(-1)?.operator_id, null, 'nobody has it yet');
  // the bot did not start over (no fallback answer), the reply token is kept for the operator
  assert.equal(textsSent().slice(sentBefore), []);
  assert.is((await ann.request('POST', `/api/conversations/${closed.id}/claim`)).status, 200);
  assert.is((await ann.request('POST', `/api/conversations/${closed.id}/close`)).status, 200);
});

test('coming back within the window goes straight to the operator who had it when she is Available', async () => {
  const user = newUser();
  const closed = await closedByAnn(user);
  await setPresence(ann, 'available');
  try {
    clock.advance(5 * 60_000);
    await say(user, 'it happened again');
    const back = await ann.waitForConversation((c) => c.id === closed.id && c.status === 'ACTIVE', 'the conversation back with Ann');
    assert.is(back.operatorId, ann.login.operator.id);
    await ann.waitForMessage((m) => m.conversationId === closed.id && m.text === 'it happened again', "the customer's message, live");
    assert.is((await ann.request('POST', `/api/conversations/${closed.id}/messages`, { text: 'Let me look' })).status, 201);
    assert.is((await ann.request('POST', `/api/conversations/${closed.id}/close`)).status, 200);
  } finally {
    await setPresence(ann, 'away');
  }
});

test('a survey score within the window is recorded, not a reopen; after the window the bot answers as before', async () => {
  const user = newUser();
  const closed = await closedByAnn(user);
  await tap(user, 'csat:csat-5:4');
  await waitFor(async () => (await engine.baton.store.conversations.findById(closed.id))?.csat === 4 || undefined, 'the score recorded');
  assert.is((await engine.baton.store.conversations.findById(closed.id))?.status, 'CLOSED');

  clock.advance(31 * 60_000);
  await say(user, 'hello there');
  await waitFor(() => textsSent().filter((t) => t === 'Fallback.').length > 0 || undefined, 'the bot answered');
  const row = await engine.baton.store.conversations.findById(closed.id);
  assert.is(row?.status, 'CLOSED', 'outside the window the conversation stays closed');
  assert.is((await engine.baton.store.customers.findByLineUserId(user))?.mode, 'BOT');
});

test('a private note is kept in the thread for the team, live to studio users, never sent to LINE nor counted as a message', async () => {
  const user = newUser();
  await say(user, 'agent please');
  const waiting = await waitingOf(user);
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  const today = new Date(clock.now()).toISOString().slice(0, 10);
  const summary = async () => (await sup.request<{ messagesOut: number; messagesIn: number }>('GET', `/api/analytics/summary?from=${today}&to=${today}`)).body;
  const before = await summary();

  const noted = await ann.request<{ message: MessageDto } & ErrorBody>('POST', `/api/conversations/${waiting.id}/notes`, { text: '  VIP: promised a callback  ' });
  assert.is(noted.status, 201);
  assert.is(noted.body.message.direction, 'note');
  assert.is(noted.body.message.senderKind, 'operator');
  assert.is(noted.body.message.text, 'VIP: promised a callback');
  await sup.waitForMessage((m) => m.id === noted.body.message.id, 'the note, live to a supervisor');

  // a reply after the note goes out; the note never does
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Reply after the note' })).status, 201);
  await waitFor(() => textsSent().includes('Reply after the note') || undefined, 'the reply delivered');
  assert.not.ok(textsSent().some((t) => t.includes('promised a callback')), 'no LINE call carries the note');
  const row = await engine.baton.store.messages.findById(noted.body.message.id);
  assert.is(row?.retry_key, null, 'no outbox row');
  const after = await summary();
  assert.is(after.messagesOut, before.messagesOut + 1, 'only the reply counts as outbound');
  assert.is(after.messagesIn, before.messagesIn);

  assert.is((await ben.request('POST', `/api/conversations/${waiting.id}/notes`, { text: 'x' })).status, 403, "not in someone else's chat");
  const empty = await ann.request<ErrorBody>('POST', `/api/conversations/${waiting.id}/notes`, { text: '   ' });
  assert.is(empty.status, 400);
  assert.match(empty.body.error.message, 'Note');

  // in the customer's history of a later conversation the note keeps its kind
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/close`)).status, 200);
  clock.advance(31 * 60_000);
  await say(user, 'agent again');
  const next = await waitFor(async () => (await sup.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === user && c.id !== waiting.id), 'the next handoff');
  const history = (await sup.request<ConversationHistoryResponse>('GET', `/api/conversations/${next.id}/history`)).body;
  const inHistory = history.messages.find((m) => m.id === noted.body.message.id);
  assert.is(inHistory?.direction, 'note');
  assert.is((await sup.request('POST', `/api/conversations/${next.id}/close`)).status, 200);
});

test('transfer to a team with a note: back to that team\'s queue, the note in the thread for whoever takes it; the old bodies still work', async () => {
  const user = newUser();
  await say(user, 'agent please');
  const waiting = await waitingOf(user);
  assert.is(waiting.team, 'support');
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);

  const unknown = await ann.request<ErrorBody>('POST', `/api/conversations/${waiting.id}/transfer`, { team: 'biling' });
  assert.is(unknown.status, 400);
  assert.is(unknown.body.error.code, 'unknown_team');

  const moved = await ann.request<ConversationAnswer>('POST', `/api/conversations/${waiting.id}/transfer`, { team: 'billing', note: 'Refund over 5,000 baht, needs billing' });
  assert.is(moved.status, 200);
  assert.is(moved.body.conversation.status, 'WAITING');
  assert.is(moved.body.conversation.operatorId, null);
  assert.is(moved.body.conversation.team, 'billing');
  const { messages } = (await detail(ben, waiting.id)).body;
  const note = messages.find((m) => m.direction === 'note' && m.senderKind === 'operator');
  assert.is(note?.text, 'Refund over 5,000 baht, needs billing', 'the receiver reads the note');
  assert.is(note?.operatorId, ann.login.operator.id);
  assert.ok(messages.some((m) => m.senderKind === 'system' && m.text === 'Ann transferred this conversation to the billing queue'));
  assert.not.ok(textsSent().some((t) => t.includes('5,000 baht')), 'never sent to LINE');

  // the public contract's bodies: to an operator, and {} back to the queue
  assert.is((await ben.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  const toAnn = await ben.request<ConversationAnswer>('POST', `/api/conversations/${waiting.id}/transfer`, { operatorId: ann.login.operator.id });
  assert.is(toAnn.body.conversation.operatorId, ann.login.operator.id);
  const back = await ann.request<ConversationAnswer>('POST', `/api/conversations/${waiting.id}/transfer`, {});
  assert.is(back.body.conversation.status, 'WAITING');
  assert.is((await sup.request('POST', `/api/conversations/${waiting.id}/close`)).status, 200);
});

test("the customer's tags: trimmed, deduplicated, at most 20 of at most 32 characters, audited and live", async () => {
  const user = newUser();
  await say(user, 'agent please');
  const waiting = await waitingOf(user);
  const patch = (who: OperatorClient, body: unknown) => who.request<ConversationAnswer>('PATCH', `/api/conversations/${waiting.id}/customer`, body);

  const saved = await patch(ann, { tags: [' vip ', 'vip', 'refund'] });
  assert.is(saved.status, 200);
  assert.equal(saved.body.conversation.customer.tags, ['vip', 'refund']);
  await sup.waitForConversation((c) => c.id === waiting.id && c.customer.tags.join() === 'vip,refund', 'the tags, live');

  const tooMany = await patch(ann, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
  assert.is(tooMany.status, 400);
  assert.is(tooMany.body.error.message, 'A customer has at most 20 tags (got 21)');
  const tooLong = await patch(ann, { tags: ['x'.repeat(33)] });
  assert.is(tooLong.status, 400);
  assert.match(tooLong.body.error.message, 'at most 32 characters');
  assert.is((await patch(ann, { tags: [''] })).body.error.message, 'A tag cannot be empty');
  assert.is((await patch(ann, { tags: 'vip' })).status, 400);
  assert.is((await patch(ann, {})).status, 400);

  const cleared = await patch(ann, { tags: [] });
  assert.equal(cleared.body.conversation.customer.tags, []);
  const audit = await sup.request<{ entries: { action: string; details: { added: string[]; removed: string[] } }[] }>('GET', '/api/audit?action=customer.tags_changed');
  const latest = audit.body.entries[0];
  assert.equal(latest?.details.removed, ['vip', 'refund']);
  assert.is((await sup.request('POST', `/api/conversations/${waiting.id}/close`)).status, 200);
});

test.run();
