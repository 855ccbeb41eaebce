/**
 * Who hears what, live (engine/contracts/socket-events.ts): a waiting conversation and every change
 * of state reach every operator at once; the messages of a taken conversation reach those working it
 * (its operator, sockets that opened it, supervisors and admins) at once, and everyone else in the
 * next `conversations:activity` digest. Real sockets on a real engine.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { addOperator } from '../support/test-operators.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const ANN = 'U0000000000000000000000000000b01';
const BEN = 'U0000000000000000000000000000b02';
let engine: TestEngine;
let admin: OperatorClient;
let nok: OperatorClient;
let pim: OperatorClient;
let conversation: ConversationDto;

async function send(event: webhook.Event): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

async function operator(name: string): Promise<OperatorClient> {
  const email = `${name.toLowerCase()}@example.com`;
  await addOperator(engine.baton.store, { email, password: `${name}-password-1`, name, capacity: 5 });
  const client = await OperatorClient.signIn(engine.baseUrl, email, `${name}-password-1`);
  await client.connect();
  return client;
}

/**
 * Waits until every socket has heard a change of state that everyone hears (a transfer to the same
 * operator starts a new claim time). Socket.IO keeps each socket's events in order, so whatever a
 * socket has not heard by then was never sent to it.
 */
async function barrier(): Promise<(c: ConversationDto) => boolean> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const { body } = await admin.request<{ conversation: ConversationDto }>('POST', `/api/conversations/${conversation.id}/transfer`, { operatorId: nok.login.operator.id });
  for (const client of [admin, nok, pim]) {
    await client.waitForConversation((c) => c.id === conversation.id && c.claimedAt === body.conversation.claimedAt, 'the barrier');
  }
  return (c) => c.id === conversation.id && c.claimedAt === body.conversation.claimedAt;
}

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_INBOX_DIGEST_MS: '200' } });
  engine.fakeLine.setProfile(ANN, { displayName: 'Ann' });
  engine.fakeLine.setProfile(BEN, { displayName: 'Ben' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
  nok = await operator('Nok');
  pim = await operator('Pim');
});

test.after(async () => {
  for (const client of [admin, nok, pim]) client?.close();
  await engine.stop();
});

test('a waiting conversation and its messages reach every operator at once', async () => {
  await send(engine.fakeLine.textEvent(ANN, 'agent please'));
  for (const client of [admin, nok, pim]) {
    conversation = await client.waitForConversation((c) => c.customer.lineUserId === ANN && c.status === 'WAITING', 'the waiting conversation');
    await client.waitForMessage((m) => m.text === 'agent please' && m.conversationId === conversation.id, 'the request');
  }
});

test('a claim reaches everyone; then the customer\'s messages reach its operator and supervisors, the others in a digest', async () => {
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  for (const client of [admin, nok, pim]) await client.waitForConversation((c) => c.id === conversation.id && c.status === 'ACTIVE', 'the claim');

  await send(engine.fakeLine.textEvent(ANN, 'my parcel is late'));
  await nok.waitForMessage((m) => m.text === 'my parcel is late', "the operator's message:new");
  await nok.waitForConversation((c) => c.id === conversation.id && c.lastMessage?.text === 'my parcel is late', "the operator's list");
  await admin.waitForMessage((m) => m.text === 'my parcel is late', "the supervisor's message:new");
  const digest = await waitFor(() => pim.activitySeen.find((a) => a.conversationId === conversation.id), "the other operator's digest");
  assert.is(digest.lastMessage.text, 'my parcel is late');
  assert.is(digest.lastMessage.senderKind, 'customer');

  const isBarrier = await barrier();
  assert.not.ok(pim.messagesSeen.some((m) => m.text === 'my parcel is late'), 'the other operator got no message:new');
  const beforeBarrier = pim.conversationsSeen.slice(0, pim.conversationsSeen.findIndex(isBarrier));
  assert.not.ok(beforeBarrier.some((c) => c.lastMessage?.text === 'my parcel is late'), 'nor a conversation:updated for the message alone');
});

test('an operator who opens the conversation hears its messages at once', async () => {
  nok.socket?.emit('conversation:join', conversation.id);
  pim.socket?.emit('conversation:join', conversation.id);
  // each socket's packets are handled in order: Pim's typing reaching Nok means both have joined
  pim.socket?.emit('typing', { conversationId: conversation.id });
  await waitFor(() => nok.typingSeen.find((t) => t.operatorId === pim.login.operator.id), 'the typing indicator');

  await send(engine.fakeLine.textEvent(ANN, 'order #777'));
  await pim.waitForMessage((m) => m.text === 'order #777', 'message:new for the open conversation');
  await pim.waitForConversation((c) => c.id === conversation.id && c.lastMessage?.text === 'order #777', 'its conversation:updated');
});

test("the bot's exchanges outside any conversation reach supervisors and admins only", async () => {
  await send(engine.fakeLine.textEvent(BEN, 'hello'));
  const hello = await admin.waitForMessage((m) => m.text === 'hello' && m.conversationId === null, 'the customer text');
  await admin.waitForMessage((m) => m.customerId === hello.customerId && m.senderKind === 'bot', 'the bot answer');
  await barrier();
  for (const client of [nok, pim]) assert.not.ok(client.messagesSeen.some((m) => m.customerId === hello.customerId), 'not to operators');
});

test.run();
