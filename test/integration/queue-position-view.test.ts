/**
 * Operators see each waiting conversation's queue position, the same number the customer was told, and
 * it moves live (conversation:updated) when someone ahead is claimed; a conversation auto-assignment gave
 * to an Available operator says so (a claimed one does not). Flow set: test/fixtures/flow-sets/two-queues;
 * runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const BILLING = ['U0000000000000000000000000000d101', 'U0000000000000000000000000000d102', 'U0000000000000000000000000000d103'];
const SUPPORT = 'U0000000000000000000000000000d104';
let engine: TestEngine;
let admin: OperatorClient;

const told = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');
async function asks(user: string, text: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
}
async function waitingList(): Promise<ConversationDto[]> {
  const { status, body } = await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=WAITING');
  assert.is(status, 200);
  return body.conversations;
}
const positionOf = (list: ConversationDto[], user: string) => list.find((c) => c.customer.lineUserId === user)?.queuePosition;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/two-queues` } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
});
test.after(async () => {
  admin.close();
  await engine.stop();
});

test('the list shows each waiting customer the position they were told, counted in their own queue', async () => {
  for (const [i, user] of BILLING.entries()) {
    await asks(user, 'billing please');
    await waitFor(() => told(user).includes(`Billing queue: you are number ${i + 1}.`), `billing customer ${i + 1} told their position`);
  }
  await asks(SUPPORT, 'support please');
  await waitFor(() => told(SUPPORT).includes('Support queue: you are number 1.'), 'the support position');
  const list = await waitingList();
  assert.equal(BILLING.map((user) => positionOf(list, user)), [1, 2, 3]);
  assert.is(positionOf(list, SUPPORT), 1, 'nobody is ahead of them in support');
});

test('a claim moves the others up, live, and the customers are told the same numbers', async () => {
  const first = (await waitingList()).find((c) => c.customer.lineUserId === BILLING[0]);
  assert.ok(first);
  const seenBefore = admin.conversationsSeen.length;
  assert.is((await admin.request('POST', `/api/conversations/${first.id}/claim`)).status, 200);
  const livePosition = (user: string) => admin.conversationsSeen.slice(seenBefore).findLast((c) => c.customer.lineUserId === user && c.status === 'WAITING')?.queuePosition;
  await waitFor(() => livePosition(BILLING[1]!) === 1 && livePosition(BILLING[2]!) === 2, 'the moved positions over the socket');
  assert.is(livePosition(SUPPORT), undefined, 'the support queue did not move, so it is not sent again');
  const list = await waitingList();
  assert.equal([positionOf(list, BILLING[1]!), positionOf(list, BILLING[2]!), positionOf(list, SUPPORT)], [1, 2, 1]);
  await waitFor(() => told(BILLING[1]!).includes('Billing queue: you are number 1.') && told(BILLING[2]!).includes('Billing queue: you are number 2.'), 'the customers told the same');
});

test('a conversation that is no longer waiting carries no queue position, and a claimed one is not marked automatic', async () => {
  const { body } = await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=ACTIVE');
  assert.is(body.conversations.length, 1);
  assert.is(body.conversations[0]!.queuePosition, undefined);
  assert.is(body.conversations[0]!.assignedAutomatically, undefined);
});

test('an operator turning Available gets the queue automatically, and each of those chats says so', async () => {
  const nok = { email: 'nok@example.com', password: 'nok-password-1' };
  await addOperator(engine.baton.store, { ...nok, name: 'Nok', capacity: 5 });
  const nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  assert.is((await nokApi.request('PUT', '/api/me/presence', { presence: 'available' })).status, 200);
  const active = await waitFor(async () => {
    const { body } = await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=ACTIVE');
    return body.conversations.length === 4 ? body.conversations : undefined;
  }, 'the three waiting assigned to Nok');
  const automatic = (user: string) => active.find((c) => c.customer.lineUserId === user)?.assignedAutomatically;
  assert.equal([BILLING[1], BILLING[2], SUPPORT].map((user) => automatic(user!)), [true, true, true]);
  assert.is(automatic(BILLING[0]!), undefined, 'the one the admin claimed');
  assert.ok(admin.conversationsSeen.some((c) => c.customer.lineUserId === SUPPORT && c.status === 'ACTIVE' && c.assignedAutomatically === true), 'told live too');
});

test.run();
