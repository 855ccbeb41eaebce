/**
 * Routing, the visible queue, auto-assignment, notifiers, wait steps, "back to bot", queue time-outs
 * and auto-close, on a small flow set (test/fixtures/flow-sets/routing) through a real engine.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addOperator } from '../support/test-operators.ts';
import { repoRoot, startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { RecordingServer } from '../support/recording-server.ts';
import { waitFor } from '../support/wait-for.ts';

const ANN = 'U0000000000000000000000000000a0a1';
const VIP = 'U0000000000000000000000000000a0a2';
const CAT = 'U0000000000000000000000000000a0a3';
let engine: TestEngine;
let telegram: RecordingServer;
let clock: TestClock;
let nok: OperatorClient;

const texts = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');
const says = (user: string, pattern: RegExp) => waitFor(() => texts(user).find((t) => pattern.test(t)), `${user} to read ${pattern}`);
async function send(event: webhook.Event): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}
const conversationOf = async (user: string) => {
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  return customer ? engine.baton.store.conversations.findOpenByCustomer(customer.id) : undefined;
};

test.before(async () => {
  telegram = new RecordingServer();
  const telegramUrl = await telegram.listen();
  clock = new TestClock();
  engine = await startTestEngine({
    now: clock.now,
    env: {
      BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/routing`,
      // the clock jumps half an hour and more: the operator's session must outlive it
      BATON_TOKEN_TTL_SECONDS: '86400',
      BATON_IDLE_TIMEOUT_MINUTES: '1440',
      BATON_TELEGRAM_BOT_TOKEN: '42:TEST',
      BATON_TELEGRAM_CHAT_ID: '-1001',
      BATON_TELEGRAM_API_BASE_URL: telegramUrl,
    },
  });
  for (const [user, name] of [[ANN, 'Ann'], [VIP, 'Vic'], [CAT, 'Cat']] as const) engine.fakeLine.setProfile(user, { displayName: name });
  // an operator who takes one conversation at a time
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok', capacity: 1 });
  nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  await nok.connect();
});
test.after(async () => {
  nok.close();
  await engine.stop();
  await telegram.close();
});

test('a plugin step and the handoff both reach the Telegram notifier', async () => {
  await send(engine.fakeLine.textEvent(ANN, 'agent please'));
  await says(ANN, /^Queued\.$/);
  const sent = await waitFor(() => telegram.requests.length >= 2 && telegram.requests.map((r) => JSON.parse(r.body).text as string), 'two notifications');
  assert.ok(sent.includes('Ann wants a person'), 'the notify step, rendered');
  assert.ok(sent.some((t) => /Ann asked for a human/.test(t)), 'the handoff');
  assert.is(telegram.requests[0]?.path, '/bot42:TEST/sendMessage');
});

test('a failing notifier does not stop the conversation and its failure is visible to supervisors', async () => {
  telegram.status = 502;
  await send(engine.fakeLine.textEvent(CAT, 'hello there'));
  await says(CAT, /^Fallback\.$/);
  await send(engine.fakeLine.textEvent(CAT, 'agent'));
  await says(CAT, /^Queued\.$/);
  const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  const status = await waitFor(async () => {
    const { body } = await admin.request<{ plugins: { id: string; failures: number; lastError: string | null }[] }>('GET', '/api/plugins');
    return body.plugins.find((p) => p.id === 'notifier:telegram' && p.failures > 0);
  }, 'the telegram failure');
  assert.match(status.lastError ?? '', /HTTP 502/);
  telegram.status = 200;
  // Cat leaves the queue so the scenarios below see only Ann and Vic
  await send(engine.fakeLine.textEvent(CAT, 'back to bot'));
  await waitFor(async () => (await conversationOf(CAT)) === undefined, 'Cat released');
});

test('a queued customer is told an honest position, and moves back when a VIP is served first', async () => {
  await says(ANN, /^Position 1, about \d+ min\.$/);
  await send(engine.fakeLine.textEvent(VIP, 'i am vip'));
  await says(VIP, /^Noted\.$/);
  await send(engine.fakeLine.textEvent(VIP, 'agent'));
  await says(VIP, /^Position 1,/);
  await says(ANN, /^Position 2,/);
  const vip = await conversationOf(VIP);
  assert.is(vip?.priority, 10, 'the routing rule saw the tag');
});

test('an operator who becomes available is given the highest-priority conversation, up to capacity', async () => {
  const response = await nok.request<{ presence: string }>('PUT', '/api/me/presence', { presence: 'available' });
  assert.equal(response.body, { presence: 'available' });
  const assigned = await nok.waitForConversation((c) => c.status === 'ACTIVE' && c.operatorId === nok.login.operator.id, 'an assignment');
  assert.is(assigned.customer.lineUserId, VIP);
  await says(ANN, /^Position 1,/);
  assert.is((await conversationOf(ANN))?.status, 'WAITING', 'capacity 1: Ann keeps waiting');
});

test('a customer who waited past maxWait gets the queue’s time-out step, once', async () => {
  clock.advance(31 * 60_000);
  assert.is(await engine.baton.runJob('queue-timeouts'), 'done');
  await says(ANN, /^Still busy, sorry\.$/);
  await engine.baton.runJob('queue-timeouts');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(texts(ANN).filter((t) => t === 'Still busy, sorry.').length, 1);
  assert.ok(telegram.requests.some((r) => /has waited over 30 min/.test(JSON.parse(r.body).text)), 'notifiers heard of it');
});

test('a silent customer is warned, then the conversation closes with the onClose step', async () => {
  const vip = await conversationOf(VIP);
  assert.ok(vip);
  await nok.request('POST', `/api/conversations/${vip.id}/messages`, { text: 'How can I help?' });
  await says(VIP, /^How can I help\?$/);
  clock.advance(8 * 60_000 + 30_000);
  await engine.baton.runJob('auto-close');
  await says(VIP, /^Still there, Vic\?$/);
  clock.advance(2 * 60_000);
  await engine.baton.runJob('auto-close');
  await says(VIP, /^Closing this chat now\.$/);
  await says(VIP, /^Bye Vic\.$/);
  const closed = await engine.baton.store.conversations.findById(vip.id);
  assert.is(closed?.status, 'CLOSED');
  assert.is(closed?.close_reason, 'inactive');
  const order = texts(VIP);
  assert.ok(order.indexOf('Closing this chat now.') < order.indexOf('Bye Vic.'), 'the closing notice comes first');
  // the freed operator takes Ann
  await nok.waitForConversation((c) => c.customer.lineUserId === ANN && c.status === 'ACTIVE', 'Ann assigned');
});

test('"back to bot" during a human chat releases the customer', async () => {
  await send(engine.fakeLine.textEvent(ANN, 'back to bot'));
  const released = await nok.waitForConversation((c) => c.customer.lineUserId === ANN && c.status === 'CLOSED', 'the release');
  assert.is(released.closeReason, 'released-to-bot');
  assert.is(released.customer.mode, 'BOT');
  await send(engine.fakeLine.textEvent(ANN, 'anything'));
  await says(ANN, /^Fallback\.$/);
});

test('a wait step resumes the flow on its own', async () => {
  const before = texts(CAT).length;
  await send(engine.fakeLine.textEvent(CAT, 'remind me'));
  await says(CAT, /^I'll remind you in a moment\.$/);
  assert.is(texts(CAT).length, before + 1, 'the reminder is not sent with the first answer');
  await says(CAT, /^Here is your reminder\.$/);
});

test.run();
