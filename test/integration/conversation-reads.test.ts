/**
 * Unread counts: each operator's list says how many of the customer's messages they have not read, and
 * POST /api/conversations/:id/read moves their mark forward (never back), for them alone. Access as reading
 * the conversation; a clear 400 for each bad body. A real engine over REST; SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ReadResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
let ann: OperatorClient;
let ben: OperatorClient;
let sue: OperatorClient;
type ErrorBody = { error: { code: string; message: string } };

async function customerWrites(user: string, text: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
}

async function messagesOf(id: string): Promise<MessageDto[]> {
  return (await admin.request<ConversationDetailResponse>('GET', `/api/conversations/${id}`)).body.messages;
}

/** waits until the conversation holds a customer message with this text; returns all its messages */
function stored(id: string, text: string): Promise<MessageDto[]> {
  return waitFor(async () => {
    const messages = await messagesOf(id);
    return messages.some((m) => m.senderKind === 'customer' && m.text === text) && messages;
  }, `"${text}" stored`);
}

async function listed(who: OperatorClient, status: 'waiting' | 'active' | 'closed', id: string): Promise<ConversationDto | undefined> {
  const answer = await who.request<{ conversations: ConversationDto[] }>('GET', `/api/conversations?status=${status}`);
  assert.is(answer.status, 200);
  return answer.body.conversations.find((c) => c.id === id);
}

const unreadOf = async (who: OperatorClient, status: 'waiting' | 'active' | 'closed', id: string) => (await listed(who, status, id))?.unread;
const read = (who: OperatorClient, id: string, body: unknown) => who.request<ReadResponse & ErrorBody>('POST', `/api/conversations/${id}/read`, body);

async function waitingConversation(user: string): Promise<ConversationDto> {
  await customerWrites(user, 'agent please');
  return admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', `${user} waiting`);
}

test.before(async () => {
  engine = await startTestEngine();
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' });
  await addOperator(engine.baton.store, { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' });
  await addOperator(engine.baton.store, { email: 'sue@example.com', password: 'sue-password-1', name: 'Sue', role: 'supervisor' });
  ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
  ben = await OperatorClient.signIn(engine.baseUrl, 'ben@example.com', 'ben-password-1');
  sue = await OperatorClient.signIn(engine.baseUrl, 'sue@example.com', 'sue-password-1');
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

test('each operator counts the customer messages they have not read; reading clears them for that operator alone', async () => {
  const user = 'U0000000000000000000000000000f101';
  const conversation = await waitingConversation(user);
  const atHandoff = (await messagesOf(conversation.id)).filter((m) => m.senderKind === 'customer').length;
  assert.ok(atHandoff >= 1, 'the handoff request is in the conversation');
  assert.is(await unreadOf(ann, 'waiting', conversation.id), atHandoff, 'the queue counts for every operator');
  assert.is(await unreadOf(ben, 'waiting', conversation.id), atHandoff);

  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  await customerWrites(user, 'my parcel is late');
  await customerWrites(user, 'order 1234');
  const messages = await stored(conversation.id, 'order 1234');
  assert.is(await unreadOf(ann, 'active', conversation.id), atHandoff + 2);
  assert.is(await unreadOf(sue, 'active', conversation.id), atHandoff + 2, 'a supervisor has her own count');
  assert.is(await listed(ben, 'active', conversation.id), undefined, "Ben does not see Ann's chat at all");

  const newest = messages.at(-1);
  if (!newest) throw new Error('no messages');
  const answer = await read(ann, conversation.id, { messageId: newest.id });
  assert.is(answer.status, 200);
  assert.equal(answer.body, { lastReadMessageId: newest.id, unread: 0 });
  assert.is(await unreadOf(ann, 'active', conversation.id), 0);
  assert.is(await unreadOf(sue, 'active', conversation.id), atHandoff + 2, "Ann's reading is not Sue's");

  await customerWrites(user, 'hello?');
  await stored(conversation.id, 'hello?');
  assert.is(await unreadOf(ann, 'active', conversation.id), 1, 'only what came after her read');

  // a second tab reporting an older message does not bring the read ones back
  const older = messages.find((m) => m.senderKind === 'customer');
  if (!older) throw new Error('no customer message');
  const stale = await read(ann, conversation.id, { messageId: older.id });
  assert.is(stale.status, 200);
  assert.equal(stale.body, { lastReadMessageId: newest.id, unread: 1 });
  assert.is(await unreadOf(ann, 'active', conversation.id), 1);

  // the operator's own answers are never unread
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Checking now' })).status, 201);
  assert.is(await unreadOf(ann, 'active', conversation.id), 1);
});

test('a closed conversation has nothing unread', async () => {
  const conversation = await waitingConversation('U0000000000000000000000000000f102');
  assert.ok(((await unreadOf(ann, 'waiting', conversation.id)) ?? 0) > 0);
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/close`)).status, 200);
  assert.is(await unreadOf(ann, 'closed', conversation.id), 0);
});

test('marking read: 404 for no such conversation, 403 for someone else\'s, 400 for each bad body', async () => {
  const user = 'U0000000000000000000000000000f103';
  const conversation = await waitingConversation(user);
  const other = await waitingConversation('U0000000000000000000000000000f104');
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  const [own] = await messagesOf(conversation.id);
  const [foreign] = await messagesOf(other.id);
  if (!own || !foreign) throw new Error('both conversations hold messages');

  assert.is((await read(ann, 'no-such-conversation', { messageId: own.id })).status, 404);
  const refused = await read(ben, conversation.id, { messageId: own.id });
  assert.is(refused.status, 403);
  assert.is(refused.body.error.code, 'forbidden');

  const wrongMessage = await read(ann, conversation.id, { messageId: foreign.id });
  assert.is(wrongMessage.status, 400);
  assert.is(wrongMessage.body.error.code, 'invalid_message');
  assert.is((await read(ann, conversation.id, { messageId: 987_654_321 })).body.error.code, 'invalid_message');
  for (const body of [{}, { messageId: 'latest' }, { messageId: 0 }, { messageId: 1.5 }, { messageId: own.id, extra: true }]) {
    const answer = await read(ann, conversation.id, body);
    assert.is(answer.status, 400, JSON.stringify(body));
    assert.ok(answer.body.error.message.length > 0);
  }
  const notJson = await fetch(`${engine.baseUrl}/api/conversations/${conversation.id}/read`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
    body: '{"messageId":',
  });
  assert.is(notJson.status, 400);
  assert.ok(((await unreadOf(ann, 'active', conversation.id)) ?? 0) > 0, 'nothing refused was recorded');
});

test.run();
