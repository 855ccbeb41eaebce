/**
 * One outbox, several engines (issue #11): a customer's batches go out in the order written, wherever
 * they were written, and other customers' batches are not held up by them. The dispatchers are the
 * engine's own, two of them on one database as two engines would be, sending through the real SDK to
 * a fake LINE. Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLineClient } from '../../engine/line/line-client.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { createLogger } from '../../engine/logger.ts';
import { OutboundDispatcher } from '../../engine/services/chat/outbound-dispatcher.ts';
import { enqueueOutbound } from '../../engine/services/chat/outbox.ts';
import { InboxPublisher } from '../../engine/services/realtime/inbox-publisher.ts';
import type { MessageRow } from '../../engine/store/repositories/messages.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { accountTexts, lineUsers, PUSH } from '../support/line-checks.ts';
import { waitFor } from '../support/wait-for.ts';
import { singleLineClient } from '../../engine/services/channels/line-clients.ts';

const TOKEN = 'outbox-order-token';
let store: Store;
let fake: FakeLinePlatform;
let lineUrl: string;

useTestStore(test, (opened) => (store = opened));
test.before(async () => {
  fake = new FakeLinePlatform({ channelAccessToken: TOKEN });
  lineUrl = await fake.listen();
});
test.after(() => fake.close());

/** an engine's outbox sender, named `owner` */
function dispatcher(owner: string, options: { concurrency?: number; stalledAfterMs?: number } = {}): OutboundDispatcher {
  const line = createLineClient({ channelAccessToken: TOKEN, apiBaseUrl: lineUrl, dataApiBaseUrl: lineUrl, timeoutMs: 10_000 });
  return new OutboundDispatcher(store, singleLineClient(line), new InboxPublisher(), createLogger('silent'), Date.now, { owner, leaseMs: 60_000, concurrency: 4, stalledAfterMs: 5_000, ...options });
}

/** what a chat change commits: one message for the customer, pending in the outbox */
async function write(lineUserId: string, text: string): Promise<MessageRow[]> {
  const { customer } = await store.customers.findOrCreate(lineUserId, Date.now());
  return store.transaction((tx) =>
    enqueueOutbound(tx, { customerId: customer.id, conversationId: null, senderKind: 'bot', operatorId: null, messages: [{ type: 'text', text }], replyToken: null, webhookEventId: null, now: Date.now() }),
  );
}

test("the store lets a customer's later batch be claimed only once the earlier ones are no longer pending", async () => {
  const [user, other] = lineUsers(0x31, 2);
  if (!user || !other) throw new Error('no users');
  const [first] = await write(user, 'one');
  const [second] = await write(user, 'two');
  const [elsewhere] = await write(other, 'three');
  if (!first?.retry_key || !second?.retry_key || !elsewhere?.retry_key) throw new Error('written');
  const now = Date.now();
  assert.equal(await store.messages.claimBatch(second.retry_key, 'engine-2', now, 60_000), [], 'behind the first');
  assert.is((await store.messages.claimBatch(elsewhere.retry_key, 'engine-2', now, 60_000)).length, 1, 'another customer goes ahead');
  assert.is((await store.messages.claimBatch(first.retry_key, 'engine-1', now, 60_000)).length, 1);
  assert.equal(await store.messages.claimBatch(second.retry_key, 'engine-2', now, 60_000), [], 'the first is being sent: still behind it');
  await store.messages.markAttemptFailed([first.id], 'LINE 503', false);
  assert.equal(await store.messages.claimBatch(second.retry_key, 'engine-2', now, 60_000), [], 'the first waits for its next attempt: still behind it');
  await store.messages.markAttemptFailed([first.id], 'LINE 400', true);
  assert.is((await store.messages.claimBatch(second.retry_key, 'engine-2', now, 60_000)).length, 1, 'the first failed for good: the second may go');
});

test("a customer's later message handed to another engine while the first is still at LINE reaches the phone after it; another customer's is not held up", async () => {
  const [user, other] = lineUsers(0x32, 2);
  if (!user || !other) throw new Error('no users');
  const one = dispatcher('engine-1');
  const two = dispatcher('engine-2');
  try {
    fake.failNext(PUSH, { status: 200, delayMs: 1_500 });
    const first = await write(user, 'First.');
    one.submit(first);
    await waitFor(async () => (await store.messages.findById(first[0]?.id ?? 0))?.send_locked_by === 'engine-1', 'engine-1 sending the first');
    two.submit(await write(user, 'Second.'));
    two.submit(await write(other, 'Meanwhile.'));
    await waitFor(() => accountTexts(fake, other).length === 1, "the other customer's message", 1_000);
    assert.equal(accountTexts(fake, user), [], 'the first is still at LINE');
    await waitFor(() => accountTexts(fake, user).length === 2, 'both messages', 10_000);
    assert.equal(accountTexts(fake, user), ['First.', 'Second.']);
  } finally {
    await one.stop();
    await two.stop();
  }
});

test("a send LINE leaves hanging gives up its slot: with room for one send, another customer's message still goes out", async () => {
  const [stuck, other] = lineUsers(0x33, 2);
  if (!stuck || !other) throw new Error('no users');
  const one = dispatcher('engine-1', { concurrency: 1, stalledAfterMs: 300 });
  try {
    // LINE holds this push for 4 s (and the quota it would be asked, so nothing cuts the wait short)
    fake.failNext(PUSH, { status: 200, delayMs: 4_000 });
    fake.failNext('/v2/bot/message/quota', { status: 200, delayMs: 4_000, times: 100 });
    one.submit(await write(stuck, 'Slow.'));
    await waitFor(() => fake.inFlight(PUSH) === 1, 'the push at LINE');
    one.submit(await write(other, 'Not held up.'));
    await waitFor(() => accountTexts(fake, other).length === 1, "the other customer's message", 2_000);
    assert.equal(accountTexts(fake, stuck), [], 'the first is still at LINE');
    await waitFor(() => accountTexts(fake, stuck).length === 1, 'the slow one, in the end', 10_000);
  } finally {
    fake.clearFailures();
    await one.stop();
  }
});

test.run();
