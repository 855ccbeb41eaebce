/**
 * A slow, hung or resetting LINE delays only the sends it hangs (issue #11). Events are processed and
 * committed without waiting on LINE; REST answers right after commit; the outbox sends on its own,
 * several customers side by side and each customer's messages in the order written. Whatever LINE
 * does, no reply token is tried twice and nobody reads a message twice. Timing is asserted only as
 * generous upper bounds (the figures belong in the bench). Flow set: test/fixtures/flow-sets/line-faults
 * (welcome by name, "Got it." to any text, a queue). Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import type { MessageRow } from '../../engine/store/repositories/messages.repo.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { accountMessages, accountTexts, keysAcceptedTwice, lineUsers, PUSH, pushesTo, REPLY, tokensTriedTwice, usersWithDuplicates } from '../support/line-checks.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
/** every customer of this suite, for the closing checks */
const everyone: string[] = [];

const fake = () => engine.fakeLine;
async function post(...events: webhook.Event[]): Promise<void> {
  assert.is((await engine.postWebhook(fake().webhookBody(events))).status, 200);
}
async function outbound(user: string): Promise<MessageRow[]> {
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  return customer ? (await engine.baton.store.messages.listByCustomer(customer.id)).filter((m) => m.direction === 'out') : [];
}
/** runs a request and says how long it took */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.before(async () => {
  engine = await startTestEngine({
    env: {
      BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/line-faults`,
      // a push or a profile lookup gives up on LINE after 3 s (a push is retried with its key), a reply after 4 s
      LINE_TIMEOUT_MS: '3000',
      LINE_REPLY_TIMEOUT_MS: '4000',
    },
  });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
});

test.after.each(() => {
  fake().clearFailures();
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

test("while LINE hangs, 40 new customers' events are all committed within seconds; each is welcomed once when LINE answers, and named once LINE tells the name", async () => {
  const users = lineUsers(1, 40);
  everyone.push(...users);
  users.forEach((user, i) => {
    fake().setProfile(user, { displayName: `Customer ${i}` });
    // past the 1 s an event waits for a profile, within the 3 s LINE_TIMEOUT_MS: a second of margin each
    // side, since 40 answers at once on a busy machine arrive late (with 2.5 s some timed out: no name)
    fake().failNext(`/v2/bot/profile/${user}`, { status: 200, delayMs: 2_000 });
  });
  // every reply hangs for 6 s, then LINE delivers it (past LINE_REPLY_TIMEOUT_MS)
  fake().failNext(REPLY, { status: 200, delayMs: 6_000, times: users.length });
  await Promise.all(users.map((user) => post(fake().followEvent(user))));

  // committed: each customer stored with their welcome written (today's engine took 32 s for 4 of 40)
  const written = await waitFor(async () => {
    const rows = await Promise.all(users.map(outbound));
    return rows.every((r) => r.length === 1) && rows.flat();
  }, "every customer's welcome committed", 10_000);
  assert.equal(new Set(written.map((m) => m.text)), new Set(['Welcome!']), 'LINE had not told the names: the welcome goes without');

  await waitFor(() => users.every((user) => accountTexts(fake(), user).length > 0), 'the welcomes on the phones', 20_000);
  await sleep(300);
  for (const user of users) assert.equal(accountMessages(fake(), user), [{ text: 'Welcome!', via: 'reply' }], `${user} reads one welcome`);
  assert.equal(users.flatMap((user) => pushesTo(fake(), user)), [], 'a reply that timed out may have arrived: it is never pushed again');
  // what operators see: LINE did not answer in time, so these may not have arrived
  const marked = await Promise.all(users.map(outbound));
  assert.equal(new Set(marked.flat().map((m) => m.delivery_status)), new Set(['uncertain']));

  const named = await waitFor(async () => {
    const customers = await engine.baton.store.customers.findByLineUserIds(users);
    return customers.every((c) => c.display_name !== null) && customers;
  }, 'the names filled in when LINE answered', 15_000);
  assert.ok(named.every((c) => c.display_name?.startsWith('Customer ')));
});

test("an operator's close answers at once while every push hangs; the goodbye and the queue's new positions arrive once each when LINE answers", async () => {
  const customers = lineUsers(2, 11);
  everyone.push(...customers);
  await addOperator(engine.baton.store, { email: 'solo@example.com', password: 'solo-password-1', name: 'Solo', capacity: 1 });
  const solo = await OperatorClient.signIn(engine.baseUrl, 'solo@example.com', 'solo-password-1');
  await solo.connect();
  try {
    assert.is((await solo.request('PUT', '/api/me/presence', { presence: 'available' })).status, 200);
    // one is given to Solo (the first, unless a neighbour's handoff a millisecond later won the race), the other
    // ten wait at positions 1 to 10
    for (const user of customers) await post(fake().textEvent(user, 'agent'));
    const chat = await solo.waitForConversation((c: ConversationDto) => customers.includes(c.customer.lineUserId) && c.status === 'ACTIVE', 'one assigned to Solo');
    const first = chat.customer.lineUserId;
    const queued = customers.filter((user) => user !== first);
    // each told a place, 1 to 10. Customers asking within milliseconds are handled in parallel batches and may be
    // queued in either order, and one may first be told a place its neighbour then takes (docs/decisions.md,
    // "Queue order under concurrent handoffs"): it is told its new place once the queue's interval has passed.
    // Wait for the places to settle, one customer at each, and follow that order.
    const placeOf = (user: string) => Number(accountTexts(fake(), user).filter((t) => /^You are number \d+\.$/.test(t)).at(-1)?.match(/\d+/)?.[0] ?? 0);
    const settled = () => queued.map(placeOf).sort((a, b) => a - b).join() === '1,2,3,4,5,6,7,8,9,10';
    await waitFor(settled, 'the ten positions, one customer at each', 15_000);
    const inLine = [...queued].sort((a, b) => placeOf(a) - placeOf(b));
    // past the queue's 3 s interval, so the positions the close changes are told at once
    await sleep(3_100);

    // LINE takes every push and reply, and answers none of them for 5 s
    fake().failNext(PUSH, { status: 200, delayMs: 5_000, times: 200 });
    fake().failNext(REPLY, { status: 200, delayMs: 5_000, times: 200 });
    const closed = await timed(() => solo.request<ConversationResponse>('POST', `/api/conversations/${chat.id}/close`));
    assert.is(closed.result.status, 200);
    // today's engine answered after the goodbye and every position notice had been sent one by one
    assert.ok(closed.ms < 2_000, `the close answered in ${closed.ms} ms`);
    await sleep(2_000);
    fake().clearFailures(); // LINE is back: the calls still hanging land when their 5 s are up

    // the second customer is Solo's now; the nine behind moved up one place each
    await waitFor(() => accountTexts(fake(), first).includes('Thanks for chatting.'), 'the goodbye', 30_000);
    await waitFor(() => inLine.slice(1).every((user, i) => accountTexts(fake(), user).includes(`You are number ${i + 1}.`)), 'the new positions', 30_000);
    assert.equal(accountTexts(fake(), first).filter((t) => t === 'Thanks for chatting.').length, 1);
    assert.equal(usersWithDuplicates(fake(), customers), []);
  } finally {
    solo.close();
    // the queue is left empty for the tests below
    for (const conversation of await engine.baton.store.conversations.list({ status: 'WAITING', limit: 50 })) await admin.request('POST', `/api/conversations/${conversation.id}/close`);
    for (const conversation of await engine.baton.store.conversations.list({ status: 'ACTIVE', limit: 50 })) await admin.request('POST', `/api/conversations/${conversation.id}/close`);
  }
});

test('claim, answer, transfer and close each answer within a second while LINE answers nothing at all', async () => {
  const [user] = lineUsers(3, 1);
  if (!user) throw new Error('no user');
  everyone.push(user);
  await post(fake().textEvent(user, 'agent'));
  const waiting = await admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  await waitFor(() => accountTexts(fake(), user).includes('You are number 1.'), 'the position');

  // no answer at all for 20 s, then a 503: nothing LINE takes in the meantime
  for (const path of [PUSH, REPLY]) fake().failNext(path, { status: 503, delayMs: 20_000, times: 200 });
  const id = waiting.id;
  const steps: [string, () => Promise<{ status: number }>][] = [
    ['claim', () => admin.request('POST', `/api/conversations/${id}/claim`)],
    ['answer', () => admin.request<SendMessageResponse>('POST', `/api/conversations/${id}/messages`, { text: 'One moment please.' })],
    ['transfer', () => admin.request('POST', `/api/conversations/${id}/transfer`, {})],
    ['claim again', () => admin.request('POST', `/api/conversations/${id}/claim`)],
    ['close', () => admin.request('POST', `/api/conversations/${id}/close`)],
  ];
  for (const [what, step] of steps) {
    const { result, ms } = await timed(step);
    assert.ok(result.status === 200 || result.status === 201, `${what}: ${result.status}`);
    assert.ok(ms < 1_000, `${what} answered in ${ms} ms`);
  }

  // LINE is back: what was said while it hung arrives, once each, in order
  fake().clearFailures();
  await waitFor(() => accountTexts(fake(), user).includes('Thanks for chatting.'), 'the goodbye after LINE came back', 30_000);
  const after = accountTexts(fake(), user).slice(accountTexts(fake(), user).indexOf('You are number 1.') + 1);
  assert.equal(after, ['One moment please.', 'Thanks for chatting.']);
});

test("a hung reply holds up only its own customer: another customer's answer goes out meanwhile", async () => {
  const [stuck, other] = lineUsers(4, 2);
  if (!stuck || !other) throw new Error('no users');
  everyone.push(stuck, other);
  await post(fake().followEvent(stuck), fake().followEvent(other));
  await waitFor(() => accountTexts(fake(), stuck).length === 1 && accountTexts(fake(), other).length === 1, 'the welcomes');

  fake().failNext(REPLY, { status: 200, delayMs: 5_000 });
  await post(fake().textEvent(stuck, 'is anyone there?'));
  // the stuck customer's reply is at LINE (committed and sent) before the other customer writes
  await waitFor(async () => (await outbound(stuck)).length === 2, "the stuck customer's answer written");
  await sleep(300);
  await post(fake().textEvent(other, 'hello'));
  await waitFor(() => accountTexts(fake(), other).includes('Got it.'), "the other customer's answer", 3_000);
  assert.equal(accountTexts(fake(), stuck), ['Welcome!'], 'the hung reply has not arrived yet');
  await waitFor(() => accountTexts(fake(), stuck).includes('Got it.'), 'the late reply', 10_000);
});

test("a customer's messages reach the phone in the order written though LINE is slow with the first", async () => {
  const [user] = lineUsers(5, 1);
  if (!user) throw new Error('no user');
  everyone.push(user);
  await post(fake().textEvent(user, 'agent'));
  const waiting = await admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  await waitFor(() => accountTexts(fake(), user).includes('You are number 1.'), 'the position');
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);

  // LINE is slow with the first push
  fake().failNext(PUSH, { status: 200, delayMs: 2_000 });
  const texts = ['First.', 'Second.', 'Third.'];
  for (const text of texts) assert.is((await admin.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text })).status, 201);
  await waitFor(() => texts.every((t) => accountTexts(fake(), user).includes(t)), 'the three messages', 15_000);
  assert.equal(accountTexts(fake(), user).filter((t) => texts.includes(t)), texts);
});

test('a connection LINE cuts: a push is sent again with its key and arrives once; a reply is not sent again, and the operator sees it may not have arrived', async () => {
  const [pushed, replied] = lineUsers(6, 2);
  if (!pushed || !replied) throw new Error('no users');
  everyone.push(pushed, replied);
  await post(fake().textEvent(pushed, 'agent'));
  const waiting = await admin.waitForConversation((c) => c.customer.lineUserId === pushed && c.status === 'WAITING', 'the waiting conversation');
  await waitFor(() => accountTexts(fake(), pushed).includes('You are number 1.'), 'the position');
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  const say = async (text: string) => assert.is((await admin.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text })).status, 201);
  const attemptsOf = (text: string) => pushesTo(fake(), pushed).filter((call) => JSON.stringify(call.body).includes(text)).map((call) => call.status);

  // LINE takes the push, then cuts the connection before answering
  fake().failNext(PUSH, { status: 200, reset: true, applied: true });
  await say('Cut after LINE took it.');
  await waitFor(() => attemptsOf('Cut after LINE took it.').length === 2, 'the push and its retry');
  assert.equal(attemptsOf('Cut after LINE took it.'), [0, 409], 'cut, then recognised by its retry key');
  // the connection is cut before LINE takes the push
  fake().failNext(PUSH, { status: 200, reset: true });
  await say('Cut before LINE took it.');
  await waitFor(() => attemptsOf('Cut before LINE took it.').length === 2, 'the push and its retry');
  assert.equal(attemptsOf('Cut before LINE took it.'), [0, 200]);
  assert.equal(accountTexts(fake(), pushed).filter((t) => t.startsWith('Cut')), ['Cut after LINE took it.', 'Cut before LINE took it.']);

  // a reply's connection is cut: it may have arrived; it is not pushed, and it is marked for the operator
  await post(fake().followEvent(replied));
  await waitFor(() => accountTexts(fake(), replied).length === 1, 'the welcome');
  const customer = await engine.baton.store.customers.findByLineUserId(replied);
  fake().failNext(REPLY, { status: 200, reset: true });
  await post(fake().textEvent(replied, 'hello?'));
  const marked = await waitFor(() => admin.messageUpdates.find((m: MessageDto) => m.customerId === customer?.id && m.text === 'Got it.' && m.deliveryStatus !== 'pending'), 'the answer marked, live');
  assert.is(marked.deliveryStatus, 'uncertain');
  await sleep(300);
  assert.equal(pushesTo(fake(), replied), []);
  assert.equal(accountTexts(fake(), replied), ['Welcome!'], 'this connection was cut before LINE took the reply: the customer has nothing');
});

test('across this suite no reply token was tried twice, no retry key was taken twice, and nobody read a message twice', async () => {
  await sleep(1_000);
  assert.equal(tokensTriedTwice(fake()), []);
  assert.equal(keysAcceptedTwice(fake()), []);
  assert.equal(usersWithDuplicates(fake(), everyone), []);
});

test.run();
