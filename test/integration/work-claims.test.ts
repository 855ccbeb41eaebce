/**
 * How engines share work through the store: webhook events and outbound batches are claimed under
 * leases, one holder at a time, each customer's events one at a time in timestamp order, and a dead
 * holder's work taken over when its lease runs out. Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NewWebhookEvent } from '../../engine/store/repositories/webhook-events.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { addOperator } from '../support/test-operators.ts';

let store: Store;
const LEASE = 1_000;
const T = 1_767_000_000_000;

useTestStore(test, (opened) => (store = opened));

function event(id: string, user: string | null, timestamp: number, receivedAt = timestamp): NewWebhookEvent {
  return { id, destination: null, type: 'message', mode: 'active', source_user_id: user, event_timestamp: timestamp, is_redelivery: false, raw: '{}', received_at: receivedAt };
}

/** what a worker claims, by id: `limit` 1 claims one event, as one engine loop with a batch of one would */
async function claim(worker: string, at: number, limit = 1): Promise<string[]> {
  return (await store.webhookEvents.claimBatch(worker, at, LEASE, limit)).map((e) => e.id);
}
const done = (ids: string[], worker: string, at: number) => store.webhookEvents.markDone(ids, worker, at);

test("a customer's next event waits until the one before it is done, while other customers go ahead", async () => {
  await store.webhookEvents.insertNew([event('a1', 'Ua', T), event('a2', 'Ua', T + 1), event('b1', 'Ub', T + 2)]);
  assert.equal(await claim('engine-1', T), ['a1']);
  assert.equal(await claim('engine-2', T), ['b1'], 'a2 waits behind a1; another customer is not held up');
  assert.equal(await claim('engine-2', T), []);
  assert.ok(await done(['a1'], 'engine-1', T));
  assert.equal(await claim('engine-2', T), ['a2']);
  assert.ok(await done(['a2', 'b1'], 'engine-2', T));
});

test('a batch holds at most one event per customer, oldest first', async () => {
  await store.webhookEvents.insertNew([event('f2', 'Uf', T + 3), event('g1', 'Ug', T + 2), event('f1', 'Uf', T + 1), event('h1', 'Uh', T + 4)]);
  assert.equal(await claim('engine-1', T, 10), ['f1', 'g1', 'h1'], 'f2 waits for the next batch');
  assert.equal(await claim('engine-2', T, 10), [], 'nothing else is free');
  assert.ok(await done(['f1', 'g1', 'h1'], 'engine-1', T));
  assert.equal(await claim('engine-2', T, 10), ['f2']);
  assert.ok(await done(['f2'], 'engine-2', T));
});

test("a customer with hundreds of events queued holds up nobody else, and still goes one at a time", async () => {
  // more queued events of one customer than a claim reads from the oldest, then another customer's
  const flood = Array.from({ length: 250 }, (_, i) => event(`flood-${String(i).padStart(3, '0')}`, 'Uflood', T + 100 + i));
  await store.webhookEvents.insertNew([...flood, event('other-1', 'Uother', T + 400)]);
  const quick = await store.webhookEvents.claimBatch('engine-1', T, LEASE, 5, false);
  assert.equal(quick.map((e) => e.id), ['flood-000'], 'a claim that is not thorough takes the heads among the oldest only');
  assert.equal(await claim('engine-2', T, 5), ['other-1'], 'a thorough one finds the other customer past the flood');
  assert.equal(await claim('engine-3', T, 5), [], 'both customers have an event in hand');
  assert.ok(await done(['flood-000'], 'engine-1', T));
  assert.ok(await done(['other-1'], 'engine-2', T));
  assert.equal(await claim('engine-2', T, 5), ['flood-001']);
  assert.ok(await done(['flood-001'], 'engine-2', T));
  // the rest of the flood, one at a time and in order
  const order: string[] = [];
  for (let i = 2; i < 250; i++) {
    const ids = await claim('engine-1', T, 5);
    order.push(...ids);
    assert.ok(await done(ids, 'engine-1', T));
  }
  assert.equal(order, flood.slice(2).map((e) => e.id));
});

test('events of one customer stamped alike go in the order they arrived', async () => {
  await store.webhookEvents.insertNew([event('same-b', 'Usame', T + 500, T + 2), event('same-a', 'Usame', T + 500, T + 1), event('same-c', 'Usame', T + 500, T + 3)]);
  const order: string[] = [];
  for (let i = 0; i < 3; i++) {
    const ids = await claim('engine-1', T, 10);
    assert.is(ids.length, 1, 'one at a time');
    order.push(...ids);
    assert.ok(await done(ids, 'engine-1', T));
  }
  assert.equal(order, ['same-a', 'same-b', 'same-c']);
});

test('an event that arrives late with an older timestamp still waits while the customer has an event in hand', async () => {
  await store.webhookEvents.insertNew([event('c2', 'Uc', T + 10)]);
  assert.equal(await claim('engine-1', T), ['c2']);
  await store.webhookEvents.insertNew([event('c1', 'Uc', T + 5)]);
  assert.equal(await claim('engine-2', T, 10), [], 'one event per customer at a time');
  await done(['c2'], 'engine-1', T);
  assert.equal(await claim('engine-2', T), ['c1']);
  await done(['c1'], 'engine-2', T);
});

test("a dead engine's event is taken over after its lease, before the customer's later events, and its late finish is refused", async () => {
  await store.webhookEvents.insertNew([event('d1', 'Ud', T), event('d2', 'Ud', T + 1)]);
  assert.equal(await claim('dead', T), ['d1']);
  assert.equal(await claim('alive', T + LEASE - 1, 10), [], 'the lease still holds');
  assert.equal(
    (await store.webhookEvents.claimBatch('alive', T + LEASE + 1, LEASE, 10, false)).map((e) => e.id),
    [],
    'a claim that does not look for abandoned events leaves d1, and d2 still waits behind it',
  );
  const [taken, ...others] = await store.webhookEvents.claimBatch('alive', T + LEASE + 1, LEASE, 10);
  assert.is(taken?.id, 'd1', 'the abandoned event first, not d2');
  assert.equal(others, [], 'and d2 not beside it');
  assert.is(taken?.attempts, 2);
  assert.not.ok(await done(['d1'], 'dead', T + LEASE + 2), 'the old holder cannot finish it any more');
  assert.equal(await claim('alive', T + LEASE + 2), [], 'd2 waits for the new holder');
  assert.ok(await done(['d1'], 'alive', T + LEASE + 3));
  assert.equal(await claim('alive', T + LEASE + 3), ['d2']);
  await done(['d2'], 'alive', T + LEASE + 4);
});

test('a batch is marked done only as a whole, and only while its holder still holds every event', async () => {
  await store.webhookEvents.insertNew([event('k1', 'Uk', T), event('m1', 'Um', T + 1)]);
  assert.equal(await claim('slow', T, 10), ['k1', 'm1']);
  await store.webhookEvents.release('slow');
  assert.equal(await claim('fast', T), ['k1']);
  assert.not.ok(await done(['k1', 'm1'], 'slow', T), 'k1 was handed on: the slow holder learns it');
  assert.ok(await done(['k1'], 'fast', T));
  assert.equal(await claim('fast', T), ['m1']);
  assert.ok(await done(['m1'], 'fast', T));
});

test('a handed-back event is claimable at once', async () => {
  await store.webhookEvents.insertNew([event('e1', 'Ue', T)]);
  assert.equal(await claim('leaving', T), ['e1']);
  assert.is(await store.webhookEvents.countHeldBy('leaving'), 1);
  await store.webhookEvents.release('leaving');
  assert.equal(await claim('staying', T), ['e1']);
  await done(['e1'], 'staying', T);
  assert.equal(await store.webhookEvents.countByStatus(), { done: 268 });
});

test('an outbound batch is sent by one engine at a time, and resent with the same retry key after its holder died', async () => {
  const { customer } = await store.customers.findOrCreate('Uoutbox', T);
  const rows = [];
  for (const text of ['one', 'two']) {
    rows.push(
      await store.messages.insert({
        customer_id: customer.id, conversation_id: null, direction: 'out', sender_kind: 'bot', operator_id: null, type: 'text', text,
        payload: JSON.stringify({ type: 'text', text }), line_message_id: null, webhook_event_id: null, delivery_status: 'pending',
        retry_key: 'retry-key-1', reply_token: null, reply_token_expires_at: null, created_at: T,
      }),
    );
  }
  const held = await store.messages.claimBatch('retry-key-1', 'engine-1', T, LEASE);
  assert.equal(held.map((m) => m.text), ['one', 'two']);
  assert.equal(await store.messages.claimBatch('retry-key-1', 'engine-2', T + 1, LEASE), [], 'engine-2 keeps off');
  assert.equal(await store.messages.pendingOutbound(10, T + 1), [], 'the sweep leaves a held batch alone');

  const retaken = await store.messages.claimBatch('retry-key-1', 'engine-2', T + LEASE + 1, LEASE);
  assert.equal(retaken.map((m) => m.retry_key), ['retry-key-1', 'retry-key-1'], 'same key: LINE delivers it once');
  await store.messages.markSent(retaken.map((m) => m.id), 'push', T + LEASE + 2);
  assert.equal(await store.messages.claimBatch('retry-key-1', 'engine-1', T + 10 * LEASE, LEASE), [], 'a sent batch is never claimed again');
});

test("a queued conversation's time-out step, its inactivity warning and its position notice are each claimed by one engine", async () => {
  const { customer } = await store.customers.findOrCreate('Uonce', T);
  const queued = await store.conversations.create({ customerId: customer.id, flowVersion: 1, onCloseStep: null, now: T });
  // two engines' sweeps read the conversation at the same moment, then both try
  assert.is(await store.conversations.claimMaxWait(queued.id), true);
  assert.is(await store.conversations.claimMaxWait(queued.id), false, 'the time-out step runs once');
  assert.is(await store.conversations.claimAnnouncement(queued.id, null, 2, T), true);
  assert.is(await store.conversations.claimAnnouncement(queued.id, null, 2, T), false, 'one position notice');
  await addOperator(store, { email: 'once@example.com', password: 'once-password-1', name: 'Once' });
  const operator = await store.operators.findByEmail('once@example.com');
  assert.ok(operator && (await store.conversations.claim(queued.id, operator.id, T)));
  assert.is(await store.conversations.claimWarning(queued.id, null, T + 1), true);
  assert.is(await store.conversations.claimWarning(queued.id, null, T + 1), false, 'one inactivity warning');
});

test('an outbound batch handed back at shutdown is picked up by the next sweep', async () => {
  const { customer } = await store.customers.findOrCreate('Uoutbox2', T);
  await store.messages.insert({
    customer_id: customer.id, conversation_id: null, direction: 'out', sender_kind: 'bot', operator_id: null, type: 'text', text: 'hi',
    payload: '{"type":"text","text":"hi"}', line_message_id: null, webhook_event_id: null, delivery_status: 'pending',
    retry_key: 'retry-key-2', reply_token: null, reply_token_expires_at: null, created_at: T,
  });
  assert.is((await store.messages.claimBatch('retry-key-2', 'leaving', T, LEASE)).length, 1);
  await store.messages.releaseBatches('leaving');
  assert.equal((await store.messages.pendingOutbound(10, T + 1)).map((m) => m.retry_key), ['retry-key-2']);
});

test.run();
