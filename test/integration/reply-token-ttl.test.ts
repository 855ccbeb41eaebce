/**
 * A reply token is spent only while younger than LINE_REPLY_TOKEN_TTL_MS; past that, the answer goes
 * by push with an X-Line-Retry-Key. LINE refuses a stale token, and a reply is free where a push is
 * not, so the choice is what the customer and the bill see. The engine and the fake LINE share one
 * clock, which the tests move past the TTL: for the bot's answer (the event handler), for the
 * operator's answer (the token kept on the customer) and for a batch sent late (the dispatcher): taken
 * over from an engine that died holding it, or sent by an engine restarted after a crash.
 * Runs on SQLite and on Postgres (BATON_TEST_DB).
 */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import { FakeLinePlatform, type RecordedCall } from '../../engine/line/sandbox/fake-line-platform.ts';
import { enqueueOutbound } from '../../engine/services/chat/outbox.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { startTestEngine, TEST_ACCESS_TOKEN, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const TTL_MS = 50_000;
const OUTBOX_LEASE_MS = 60_000;
const RETRY_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const clock = new TestClock();
const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN, now: clock.now });
let engine: TestEngine;
let admin: OperatorClient;

/** what the customer's phone shows from the account, oldest first */
const fromAccount = (user: string) => fake.chat(user).filter((e) => e.from === 'account');
const textsOf = (user: string) => fromAccount(user).map((e) => ({ via: e.via, text: e.message.text ?? '' }));
/** every reply request that carried this token, whatever LINE answered */
const repliesWith = (token: string | undefined) =>
  fake.callsTo('/v2/bot/message/reply').filter((call) => (call.body as { replyToken?: string } | null)?.replyToken === token);
const pushesTo = (user: string): RecordedCall[] => fake.callsTo('/v2/bot/message/push').filter((call) => (call.body as { to?: string } | null)?.to === user);

async function post(event: Parameters<FakeLinePlatform['webhookBody']>[0][number], to: TestEngine = engine): Promise<void> {
  assert.is((await to.postWebhook(fake.webhookBody([event]))).status, 200);
}

test.before(async () => {
  const line = { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') };
  engine = await startTestEngine({
    now: clock.now,
    line,
    env: { LINE_REPLY_TOKEN_TTL_MS: String(TTL_MS), BATON_OUTBOX_LEASE_MS: String(OUTBOX_LEASE_MS) },
  });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
});

test.after(async () => {
  admin.close();
  await engine.stop();
  await fake.close();
});

test("the bot's answer to a message handled in time spends its reply token", async () => {
  const user = 'U0000000000000000000000000000d001';
  const event = fake.textEvent(user, 'hello');
  await post(event);
  const [answer] = await waitFor(() => textsOf(user).length > 0 && textsOf(user), 'the answer');
  assert.is(answer?.via, 'reply');
  assert.is(repliesWith(event.replyToken).length, 1);
  assert.equal(pushesTo(user), []);
});

test("the bot's answer to a message handled after the TTL goes by push with a retry key, never by reply", async () => {
  const user = 'U0000000000000000000000000000d002';
  const event = fake.textEvent(user, 'hello');
  // LINE sent the event now; Baton gets to it just past the TTL (a backlog, a redelivery)
  clock.advance(TTL_MS + 1_000);
  await post(event);
  const [answer] = await waitFor(() => textsOf(user).length > 0 && textsOf(user), 'the answer');
  assert.match(answer?.text ?? '', /^Hello/);
  assert.is(answer?.via, 'push');
  assert.equal(repliesWith(event.replyToken), [], 'the stale token was never tried');
  const [push] = pushesTo(user);
  assert.match(push?.headers['x-line-retry-key'] ?? '', RETRY_KEY);
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  // the phone shows the message as LINE accepts it; the row is marked a moment later
  const out = await waitFor(async () => {
    const rows = (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).filter((m) => m.direction === 'out');
    return rows.every((m) => m.delivery_status !== 'pending') && rows;
  }, 'the answer marked sent');
  assert.equal(out.map((m) => [m.delivery_status, m.sent_via]), [['sent', 'push']]);
});

test("the operator's answer spends the customer's token while it is fresh, and is pushed once it aged", async () => {
  const user = 'U0000000000000000000000000000d003';
  await post(fake.textEvent(user, 'agent please'));
  const waiting = await admin.waitForConversation((c: ConversationDto) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  const claimed = await admin.request<ConversationResponse>('POST', `/api/conversations/${waiting.id}/claim`);
  assert.is(claimed.status, 200);
  const say = async (text: string) => {
    const sent = await admin.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text });
    assert.is(sent.status, 201);
    return waitFor(() => textsOf(user).find((t) => t.text === text), `"${text}" on the phone`);
  };

  const fresh = fake.textEvent(user, 'my parcel is late');
  await post(fresh);
  await admin.waitForMessage((m) => m.text === 'my parcel is late', 'the customer message');
  assert.is((await say('Checking it now.')).via, 'reply', 'a fresh token is spent');
  assert.is(repliesWith(fresh.replyToken).length, 1);

  const stale = fake.textEvent(user, 'any news?');
  await post(stale);
  await admin.waitForMessage((m) => m.text === 'any news?', 'the second customer message');
  clock.advance(TTL_MS + 1_000);
  const pushesBefore = pushesTo(user).length;
  assert.is((await say('It ships tomorrow.')).via, 'push', 'a token past the TTL is not spent');
  assert.equal(repliesWith(stale.replyToken), [], 'the stale token was never tried');
  const push = pushesTo(user)[pushesBefore];
  assert.match(push?.headers['x-line-retry-key'] ?? '', RETRY_KEY);
});

test('a batch an engine claimed and never sent is pushed with its own retry key once its token aged', async () => {
  const user = 'U0000000000000000000000000000d004';
  await post(fake.textEvent(user, 'hello'));
  await waitFor(() => textsOf(user).length === 1, 'the first answer');
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  assert.ok(customer);
  // LINE has the first answer; once it is marked sent, no earlier batch of this customer holds the next one back
  const customerId = customer.id;
  await waitFor(async () => (await engine.baton.store.messages.listByCustomer(customerId)).every((m) => m.delivery_status !== 'pending'), 'the first answer marked sent');

  // An engine wrote the answer to this event with its fresh token, claimed the batch and died before
  // sending it: the batch waits out the send lease, which is longer than the token's TTL.
  const event = fake.textEvent(user, 'are you open today?');
  const [row] = await engine.baton.store.transaction(async (tx) => {
    const rows = await enqueueOutbound(tx, {
      customerId: customer.id,
      conversationId: null,
      senderKind: 'bot',
      operatorId: null,
      messages: [{ type: 'text', text: 'We open at nine.' }],
      replyToken: { token: event.replyToken ?? '', expiresAt: event.timestamp + TTL_MS },
      webhookEventId: null,
      now: clock.now(),
    });
    assert.is((await tx.messages.claimBatch(rows[0]?.retry_key ?? '', 'engine-that-died', clock.now(), OUTBOX_LEASE_MS)).length, 1);
    return rows;
  });
  assert.ok(row?.reply_token, 'written with the fresh token');

  clock.advance(OUTBOX_LEASE_MS + 1_000);
  // the outbox sweep (every 5 s) takes the batch over
  const answer = await waitFor(() => textsOf(user).find((t) => t.text === 'We open at nine.'), 'the late answer on the phone', 15_000);
  assert.is(answer.via, 'push');
  assert.equal(repliesWith(event.replyToken), [], 'the stale token was never tried');
  const push = pushesTo(user).find((call) => JSON.stringify(call.body).includes('We open at nine.'));
  assert.is(push?.headers['x-line-retry-key'], row.retry_key ?? undefined, "the batch's own retry key, so a resend is delivered once");
  const stored = await waitFor(async () => {
    const message = await engine.baton.store.messages.findById(row.id);
    return message?.delivery_status !== 'pending' && message;
  }, 'the batch marked sent');
  assert.equal([stored.delivery_status, stored.sent_via], ['sent', 'push']);
});

test('an answer written just before a crash and sent at the restart, after its token aged, goes by push', async () => {
  const user = 'U0000000000000000000000000000d005';
  const database = await createTestDatabase();
  const line = engine.line;
  try {
    const first = await startTestEngine({ database, line, now: clock.now, env: { LINE_REPLY_TOKEN_TTL_MS: String(TTL_MS) } });
    await post(fake.textEvent(user, 'hello'), first);
    await waitFor(() => textsOf(user).length === 1, 'the first answer');
    await first.baton.stop();

    // The engine committed the answer to this event with its fresh token and died before sending it:
    // the row is pending and held by nobody. The engine comes back just past the token's TTL.
    const event = fake.textEvent(user, 'are you open on Sunday?');
    const store = await openTestStore(database);
    const customer = await store.customers.findByLineUserId(user);
    assert.ok(customer);
    const [row] = await store.transaction((tx) =>
      enqueueOutbound(tx, {
        customerId: customer.id,
        conversationId: null,
        senderKind: 'bot',
        operatorId: null,
        messages: [{ type: 'text', text: 'Closed on Sundays.' }],
        replyToken: { token: event.replyToken ?? '', expiresAt: event.timestamp + TTL_MS },
        webhookEventId: null,
        now: clock.now(),
      }),
    );
    await store.close();
    assert.ok(row?.reply_token && row.send_locked_by === null, 'pending with its token, held by no engine');
    clock.advance(TTL_MS + 1_000);

    const second = await startTestEngine({ database, line, now: clock.now, env: { LINE_REPLY_TOKEN_TTL_MS: String(TTL_MS) } });
    try {
      // the restarted engine's first outbox sweep sends it
      const answer = await waitFor(() => textsOf(user).find((t) => t.text === 'Closed on Sundays.'), 'the answer after the restart', 15_000);
      assert.is(answer.via, 'push');
      assert.equal(repliesWith(event.replyToken), [], 'the stale token was never tried');
      const push = pushesTo(user).find((call) => JSON.stringify(call.body).includes('Closed on Sundays.'));
      assert.is(push?.headers['x-line-retry-key'], row.retry_key ?? undefined);
    } finally {
      await second.baton.stop();
    }
  } finally {
    await database.drop();
  }
});

test.run();
