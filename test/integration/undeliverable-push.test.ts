/**
 * A push LINE refuses for good (a 4xx other than 429: a blocked user, a bad message) will never go
 * through: it is marked "Not delivered" at once, the operator sees it live, and it is not retried.
 * Runs on SQLite and on Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U0000000000000000000000000000b401';
let engine: TestEngine;
let operator: OperatorClient;

test.before(async () => {
  engine = await startTestEngine();
  operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
});

test.after(async () => {
  operator.close();
  await engine.stop();
});

test('a push LINE refuses with 400 is marked failed at once and not retried; the operator sees it live', async () => {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, 'agent please')]))).status, 200);
  const waiting = await operator.waitForConversation((c) => c.customer.lineUserId === USER && c.status === 'WAITING', 'the waiting conversation');
  // the queue notice goes by push too: waited for, or it could take the refusal meant for the answer
  await waitFor(() => engine.fakeLine.chat(USER).some((e) => e.from === 'account' && /number 1 in the queue/.test(e.message.text ?? '')), 'the queue notice');
  assert.is((await operator.request<ConversationResponse>('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);

  // the handoff greeting spent the reply token: the answer is a push, and LINE refuses it for good
  engine.fakeLine.failNext('/v2/bot/message/push', { status: 400, body: { message: 'The request body has 1 error(s)' } });
  const sent = await operator.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text: 'This one will bounce.' });
  assert.is(sent.status, 201, 'the operator is not kept waiting for LINE');
  const failed = await waitFor(() => operator.messageUpdates.find((m) => m.id === sent.body.message.id && m.deliveryStatus !== 'pending'), 'the delivery status, live');
  assert.is(failed.deliveryStatus, 'failed');

  const attempts = engine.fakeLine.callsTo('/v2/bot/message/push').filter((call) => JSON.stringify(call.body).includes('This one will bounce.'));
  assert.is(attempts.length, 1, 'refused for good: tried once');
  const row = await engine.baton.store.messages.findById(sent.body.message.id);
  assert.equal([row?.delivery_status, row?.attempts], ['failed', 1]);
  assert.match(row?.last_error ?? '', /400/);
  assert.not.ok(engine.fakeLine.chat(USER).some((e) => e.message.text === 'This one will bounce.'), 'the customer never got it');
});

test.run();
