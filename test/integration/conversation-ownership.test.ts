/**
 * A conversation belongs to the operator who claimed it: of two operators claiming at once exactly one
 * gets it, and nobody else answers in it or closes it. Operators on REST against a real engine; runs on
 * SQLite and on Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ConversationResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
let ann: OperatorClient;
let ben: OperatorClient;
let sue: OperatorClient;
type ErrorBody = { error: { code: string } };

const accountTexts = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');

/** a customer who asked for a human: their conversation, waiting */
async function waitingConversation(user: string): Promise<ConversationDto> {
  const event = engine.fakeLine.textEvent(user, 'agent please');
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
  return admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', `${user} waiting`);
}

async function detail(id: string): Promise<ConversationDetailResponse> {
  return (await admin.request<ConversationDetailResponse>('GET', `/api/conversations/${id}`)).body;
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

test('two operators claiming one conversation at once: exactly one gets it (200), the other 409', async () => {
  for (const [i, user] of ['U0000000000000000000000000000e001', 'U0000000000000000000000000000e002', 'U0000000000000000000000000000e003'].entries()) {
    const conversation = await waitingConversation(user);
    const claims = await Promise.all([ann, ben].map((op) => op.request<ConversationResponse & ErrorBody>('POST', `/api/conversations/${conversation.id}/claim`)));
    assert.equal(claims.map((c) => c.status).sort(), [200, 409], `round ${i + 1}`);
    const winner = claims[0]?.status === 200 ? ann : ben;
    const loser = claims.find((c) => c.status === 409);
    assert.is(loser?.body.error.code, 'not_waiting');
    const now = await detail(conversation.id);
    assert.is(now.conversation.status, 'ACTIVE');
    assert.is(now.conversation.operatorId, winner.login.operator.id, 'the refused claim changed nothing');
  }
});

test("nobody answers in a conversation another operator claimed, not even a supervisor (403); the customer gets nothing", async () => {
  const user = 'U0000000000000000000000000000e004';
  const conversation = await waitingConversation(user);
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  const answer = await ben.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Ben here, I can help!' });
  assert.is(answer.status, 403);
  // a supervisor oversees the chat but does not talk over its operator
  const supervisor = await sue.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Sue here, I can help!' });
  assert.is(supervisor.status, 403);
  // the refused message was never stored, so it cannot be on its way to LINE either
  const stored = (await detail(conversation.id)).messages.map((m) => m.text);
  assert.not.ok(stored.includes('Ben here, I can help!') || stored.includes('Sue here, I can help!'));
  assert.not.ok(accountTexts(user).some((text) => text.endsWith('I can help!')));

  const own = await ann.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Ann here, one moment.' });
  assert.is(own.status, 201, 'its own operator answers');
  await waitFor(() => accountTexts(user).includes('Ann here, one moment.'), "Ann's answer on the phone");
});

test('an operator cannot close a conversation another operator claimed (403); it stays with its operator', async () => {
  const user = 'U0000000000000000000000000000e005';
  const conversation = await waitingConversation(user);
  assert.is((await ann.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  const closed = await ben.request('POST', `/api/conversations/${conversation.id}/close`);
  assert.is(closed.status, 403);
  const now = await detail(conversation.id);
  assert.equal([now.conversation.status, now.conversation.operatorId, now.conversation.customer.mode], ['ACTIVE', ann.login.operator.id, 'HUMAN']);

  const own = await ann.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/close`);
  assert.is(own.status, 200, 'its own operator closes it');
  assert.is(own.body.conversation.status, 'CLOSED');
});

test.run();
