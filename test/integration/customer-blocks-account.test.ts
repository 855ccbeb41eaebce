/**
 * A customer who blocks the account (LINE's unfollow) can no longer be answered: their open
 * conversation closes as `customer-blocked`, operators see it close live, and nothing more is sent to
 * them. Runs on SQLite and on Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse, ConversationListResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let operator: OperatorClient;

async function customerSends(event: Parameters<TestEngine['fakeLine']['webhookBody']>[0][number]): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

/** the outbound messages Baton wrote for this customer (sent or still on their way) */
async function outboundCount(user: string): Promise<number> {
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  return (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).filter((m) => m.direction === 'out').length;
}

async function unfollowProcessed(user: string): Promise<void> {
  const event = engine.fakeLine.unfollowEvent(user);
  await customerSends(event);
  await waitFor(async () => (await engine.baton.store.webhookEvents.findById(event.webhookEventId))?.status === 'done', 'the unfollow processed');
}

test.before(async () => {
  engine = await startTestEngine();
  operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
});

test.after(async () => {
  operator.close();
  await engine.stop();
});

test('blocking the account during a human chat closes it; the operator sees it closed and can no longer answer', async () => {
  const user = 'U0000000000000000000000000000f001';
  await customerSends(engine.fakeLine.textEvent(user, 'agent please'));
  const waiting = await operator.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  assert.is((await operator.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  assert.is((await operator.request('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Hello, how can I help?' })).status, 201);
  await waitFor(() => engine.fakeLine.chat(user).some((e) => e.message.text === 'Hello, how can I help?'), 'the answer on the phone');
  const sentBefore = await outboundCount(user);

  await unfollowProcessed(user);
  const closed = await operator.waitForConversation((c: ConversationDto) => c.id === waiting.id && c.status === 'CLOSED', 'the close, live');
  assert.is(closed.closeReason, 'customer-blocked');
  assert.is(closed.customer.mode, 'BOT');
  assert.is(closed.customer.following, false);
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${waiting.id}`);
  assert.is(detail.body.conversation.status, 'CLOSED');
  assert.is(await outboundCount(user), sentBefore, 'no survey, no farewell: nobody can read them');

  const answer = await operator.request<{ error: { code: string } }>('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Are you still there?' });
  assert.is(answer.status, 409, 'the operator is not left talking to nobody');
});

test('blocking the account while queued takes the customer out of the queue', async () => {
  const user = 'U0000000000000000000000000000f002';
  await customerSends(engine.fakeLine.textEvent(user, 'agent please'));
  const waiting = await operator.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  await unfollowProcessed(user);
  const list = await operator.request<ConversationListResponse>('GET', '/api/conversations?status=waiting');
  assert.not.ok(list.body.conversations.some((c) => c.id === waiting.id), 'no longer waiting');
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${waiting.id}`);
  assert.equal([detail.body.conversation.status, detail.body.conversation.closeReason], ['CLOSED', 'customer-blocked']);
});

test.run();
