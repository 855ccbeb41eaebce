/**
 * Who hears what, live (engine/contracts/socket-events.ts): operators see the queue and their own
 * conversations. A waiting conversation and its customer's messages reach every operator (its notes and bot
 * answers only those working it), and so does the change that takes it out of the queue; after that its changes and messages reach its operator (and, on a transfer, the one it left),
 * sockets allowed to open it, supervisors and admins. Real sockets on a real engine.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { JoinAnswer } from '../../engine/contracts/socket-events.ts';
import { addOperator } from '../support/test-operators.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const ANN = 'U00000000000000000000000000000b01';
const BEN = 'U00000000000000000000000000000b02';
const CAT = 'U00000000000000000000000000000b03';
let engine: TestEngine;
let admin: OperatorClient;
let nok: OperatorClient;
let pim: OperatorClient;
let conversation: ConversationDto;
let barriers = 0;

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
 * Waits until every socket has heard something everyone hears (a new customer in the queue). Socket.IO
 * keeps each socket's events in order, so whatever a socket has not heard by then was never sent to it.
 */
async function barrier(): Promise<void> {
  const userId = `U${(0xc00 + ++barriers).toString(16).padStart(32, '0')}`;
  await send(engine.fakeLine.textEvent(userId, 'agent'));
  for (const client of [admin, nok, pim]) {
    await client.waitForConversation((c) => c.customer.lineUserId === userId && c.status === 'WAITING', 'the barrier');
  }
}

function join(client: OperatorClient, id: string): Promise<JoinAnswer> {
  return new Promise((resolve) => client.socket?.emit('conversation:join', id, resolve));
}

test.before(async () => {
  engine = await startTestEngine();
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

test("a claim reaches everyone; then the customer's messages reach its operator and supervisors only", async () => {
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  for (const client of [admin, nok, pim]) await client.waitForConversation((c) => c.id === conversation.id && c.status === 'ACTIVE', 'the claim');
  const pimHeard = pim.conversationsSeen.length;

  await send(engine.fakeLine.textEvent(ANN, 'my parcel is late'));
  await nok.waitForMessage((m) => m.text === 'my parcel is late', "the operator's message:new");
  await nok.waitForConversation((c) => c.id === conversation.id && c.lastMessage?.text === 'my parcel is late', "the operator's list");
  await admin.waitForMessage((m) => m.text === 'my parcel is late', "the supervisor's message:new");
  await barrier();
  assert.not.ok(pim.messagesSeen.some((m) => m.text === 'my parcel is late'), 'the other operator got no message:new');
  assert.not.ok(pim.conversationsSeen.slice(pimHeard).some((c) => c.id === conversation.id), 'nor a conversation:updated');
});

test("an operator cannot open someone else's conversation live; a supervisor can", async () => {
  assert.equal(await join(pim, conversation.id), { ok: false, code: 'forbidden', message: 'Another operator is handling this conversation' });
  assert.equal(await join(nok, conversation.id), { ok: true });
  assert.equal(await join(admin, conversation.id), { ok: true });
  assert.is((await join(nok, 'no-such-conversation')).ok, false);
  // typing from a socket that was refused the room reaches nobody; from one allowed in, the others in it
  pim.socket?.emit('typing', { conversationId: conversation.id });
  admin.socket?.emit('typing', { conversationId: conversation.id });
  await waitFor(() => nok.typingSeen.find((t) => t.operatorId === admin.login.operator.id), 'the typing indicator');
  assert.not.ok(nok.typingSeen.some((t) => t.operatorId === pim.login.operator.id), "the refused operator's typing");

  await send(engine.fakeLine.textEvent(ANN, 'order #777'));
  await admin.waitForMessage((m) => m.text === 'order #777', 'the supervisor hears it');
  await barrier();
  assert.not.ok(pim.messagesSeen.some((m) => m.text === 'order #777'));
});

test('a transfer reaches the operator it left and the one it went to; the new operator then hears its messages', async () => {
  const response = await nok.request<{ conversation: ConversationDto }>('POST', `/api/conversations/${conversation.id}/transfer`, { operatorId: pim.login.operator.id });
  assert.is(response.status, 200);
  await nok.waitForConversation((c) => c.id === conversation.id && c.operatorId === pim.login.operator.id, 'the transfer, for the one it left');
  await pim.waitForConversation((c) => c.id === conversation.id && c.operatorId === pim.login.operator.id, 'the transfer, for the new operator');
  await send(engine.fakeLine.textEvent(ANN, 'hello Pim'));
  await pim.waitForMessage((m) => m.text === 'hello Pim', 'message:new for the new operator');
  assert.equal(await join(pim, conversation.id), { ok: true }, 'now it is theirs');
});

test("a transfer back to the queue reaches every operator; its note only those working it (fan-out: one frame each)", async () => {
  // Nok opened it while it was theirs: their thread is closed now, as the studio does on leaving it
  nok.socket?.emit('conversation:leave', conversation.id);
  await join(nok, 'no-such-conversation'); // a socket's events are handled in order: the leave is done when this answers
  const response = await pim.request('POST', `/api/conversations/${conversation.id}/transfer`, {});
  assert.is(response.status, 200);
  for (const client of [admin, nok, pim]) await client.waitForConversation((c) => c.id === conversation.id && c.status === 'WAITING', 'back in the queue');
  const note = 'Pim transferred this conversation to the queue';
  await admin.waitForMessage((m) => m.text === note, "the supervisor's note");
  await pim.waitForMessage((m) => m.text === note, 'the note, in the thread Pim has open');
  await barrier();
  assert.not.ok(nok.messagesSeen.some((m) => m.text === note), 'not to an operator without the thread open');
  await send(engine.fakeLine.textEvent(ANN, 'anyone there?'));
  for (const client of [admin, nok, pim]) await client.waitForMessage((m) => m.text === 'anyone there?', "the customer's message, to every operator");
});

test('an operator who had a waiting conversation open stops hearing it once another operator takes it', async () => {
  await send(engine.fakeLine.textEvent(CAT, 'agent please'));
  const waiting = await pim.waitForConversation((c) => c.customer.lineUserId === CAT && c.status === 'WAITING', 'the waiting conversation');
  assert.equal(await join(pim, waiting.id), { ok: true }, 'the queue is open to every operator');
  assert.is((await nok.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  await pim.waitForConversation((c) => c.id === waiting.id && c.status === 'ACTIVE', 'the claim');
  assert.equal(await join(pim, waiting.id), { ok: false, code: 'forbidden', message: 'Another operator is handling this conversation' });
  // the server re-checks the room as it announces the claim (a read, milliseconds), long before the customer's
  // next message has been stored, processed and announced
  await send(engine.fakeLine.textEvent(CAT, 'my card number ends in 4242'));
  await nok.waitForMessage((m) => m.text === 'my card number ends in 4242', 'the operator hears it');
  await barrier();
  assert.not.ok(pim.messagesSeen.some((m) => m.text === 'my card number ends in 4242'), 'the operator who had it open in the queue no longer does');
});

test("the bot's exchanges outside any conversation reach supervisors and admins only", async () => {
  await send(engine.fakeLine.textEvent(BEN, 'hello'));
  const hello = await admin.waitForMessage((m) => m.text === 'hello' && m.conversationId === null, 'the customer text');
  await admin.waitForMessage((m) => m.customerId === hello.customerId && m.senderKind === 'bot', 'the bot answer');
  await barrier();
  for (const client of [nok, pim]) assert.not.ok(client.messagesSeen.some((m) => m.customerId === hello.customerId), 'not to operators');
});

test.run();
