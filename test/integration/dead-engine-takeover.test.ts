/**
 * What happens to the work an engine held when it dies, through the store and the heartbeat service:
 * its events go back to the head of their customers' lines and its outbound batches to the outbox at
 * once (no 30 s / 60 s lease), a reply it may have had in flight is never tried again, and an event
 * whose engines keep dying is set aside. On SQLite the engine that starts next takes everything back
 * at once; on Postgres a live engine does when the dead one's heartbeat goes stale.
 * Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { EngineHeartbeat, type HeartbeatTiming } from '../../engine/services/maintenance/engine-heartbeat.ts';
import type { MessageRow, NewMessage } from '../../engine/store/repositories/messages.repo.ts';
import type { NewWebhookEvent } from '../../engine/store/repositories/webhook-events.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createTestDatabase, databaseConfigOf, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const LEASE = 30_000;
const OUTBOX_LEASE = 60_000;
const T = Date.now();
/** short enough for a test, in the same proportions as the engine's */
const TIMING: HeartbeatTiming = { intervalMs: 100, deadAfterMs: 400, stallLimitMs: 5_000 };
const silent = createLogger('silent');

let database: TestDatabase;
let store: Store;

test.before(async () => {
  database = await createTestDatabase();
  store = await openTestStore(database);
});
test.after(async () => {
  await store?.close();
  await database?.drop();
});

function event(id: string, user: string, timestamp: number): NewWebhookEvent {
  return { id, destination: null, type: 'message', mode: 'active', source_user_id: user, event_timestamp: timestamp, is_redelivery: false, raw: '{}', received_at: timestamp };
}
const claim = async (worker: string, limit = 10) => (await store.webhookEvents.claimBatch(worker, T, LEASE, limit)).map((e) => e.id);

async function outbound(lineUserId: string, text: string, retryKey: string, replyToken: string | null): Promise<MessageRow> {
  const { customer } = await store.customers.findOrCreate(lineUserId, T);
  const message: NewMessage = {
    customer_id: customer.id, conversation_id: null, direction: 'out', sender_kind: 'bot', operator_id: null, type: 'text', text,
    payload: JSON.stringify({ type: 'text', text }), line_message_id: null, webhook_event_id: null, delivery_status: 'pending',
    retry_key: retryKey, reply_token: replyToken, reply_token_expires_at: replyToken ? T + 50_000 : null, created_at: T,
  };
  return store.messages.insert(message);
}

test("a dead engine's events go back to the head of their customers' lines at once, and its late finish is refused", async () => {
  await store.webhookEvents.insertNew([event('a1', 'Ua', T), event('a2', 'Ua', T + 1), event('b1', 'Ub', T + 2)]);
  assert.equal(await claim('dead'), ['a1', 'b1']);
  assert.equal(await claim('alive'), [], "a2 waits behind a1, and the leases hold for another 30 s");

  assert.equal(await store.webhookEvents.takeOverFrom({ holder: 'dead' }, 5), { released: 2, failed: 0 });
  assert.equal(await claim('alive'), ['a1', 'b1'], 'taken at once, a1 before a2');
  assert.not.ok(await store.webhookEvents.markDone(['a1'], 'dead', T + 1), 'what the dead engine still finishes is refused');
  assert.ok(await store.webhookEvents.markDone(['a1', 'b1'], 'alive', T + 1));
  assert.equal(await claim('alive'), ['a2']);
  assert.ok(await store.webhookEvents.markDone(['a2'], 'alive', T + 2));
});

test('an event claimed five times by engines that died is set aside as failed, not taken over again', async () => {
  await store.webhookEvents.insertNew([event('poison', 'Up', T)]);
  for (let death = 1; death <= 4; death++) {
    assert.equal(await claim(`engine-${death}`), ['poison']);
    assert.equal(await store.webhookEvents.takeOverFrom({ holder: `engine-${death}` }, 5), { released: 1, failed: 0 }, `death ${death}`);
  }
  assert.equal(await claim('engine-5'), ['poison']);
  assert.equal(await store.webhookEvents.takeOverFrom({ holder: 'engine-5' }, 5), { released: 0, failed: 1 });
  const row = await store.webhookEvents.findById('poison');
  assert.is(row?.status, 'failed');
  assert.match(row?.last_error ?? '', /stopped while handling it/);
  assert.equal(await claim('engine-6'), []);
});

test("a dead engine's push goes to the outbox at once with its retry key; a reply it may have had in flight is never sent again", async () => {
  const push = await outbound('Upush', 'by push', 'key-push', null);
  const reply = await outbound('Ureply', 'by reply', 'key-reply', 'token-in-flight');
  assert.is((await store.messages.claimBatch('key-push', 'dead', T, OUTBOX_LEASE)).length, 1);
  assert.is((await store.messages.claimBatch('key-reply', 'dead', T, OUTBOX_LEASE)).length, 1);
  assert.equal(await store.messages.pendingOutbound(10, T + 1), [], 'held for another minute');

  assert.equal(await store.messages.takeOverBatches({ holder: 'dead' }), { released: 1, uncertain: 1 });
  const retaken = await store.messages.claimBatch('key-push', 'alive', T + 1, OUTBOX_LEASE);
  assert.equal(retaken.map((m) => [m.id, m.retry_key, m.reply_token]), [[push.id, 'key-push', null]]);
  const left = await store.messages.findById(reply.id);
  assert.equal([left?.delivery_status, left?.reply_token, left?.send_locked_by], ['uncertain', null, null], 'shown as uncertain, its token never tried again');
  assert.equal(await store.messages.claimBatch('key-reply', 'alive', T + 1, OUTBOX_LEASE), [], 'and never pushed');
  await store.messages.markSent([push.id], 'push', T + 2);
});

test('a batch taken from a lease that ran out is sent without its reply token', async () => {
  const row = await outbound('Ulease', 'late', 'key-lease', 'token-maybe-spent');
  assert.is((await store.messages.claimBatch('key-lease', 'gone', T, 1_000))[0]?.reply_token, 'token-maybe-spent', 'the first holder gets the token');
  const [retaken] = await store.messages.claimBatch('key-lease', 'backstop', T + 1_001, 1_000);
  assert.is(retaken?.id, row.id);
  assert.is(retaken?.reply_token, null, 'the first holder may have spent it');
  await store.messages.markSent([row.id], 'push', T + 2_000);
});

test('an engine that stops hands back its events and batches; a reply it abandoned is marked uncertain', async () => {
  await store.webhookEvents.insertNew([event('s1', 'Us', T)]);
  assert.equal(await claim('stopping'), ['s1']);
  await outbound('Us', 'pushed later', 'key-stop-push', null);
  const reply = await outbound('Us2', 'replying', 'key-stop-reply', 'token-abandoned');
  await store.messages.claimBatch('key-stop-push', 'stopping', T, OUTBOX_LEASE);
  await store.messages.claimBatch('key-stop-reply', 'stopping', T, OUTBOX_LEASE);
  await store.webhookEvents.release('stopping');
  assert.equal(await store.messages.releaseBatches('stopping'), { released: 1, uncertain: 1 });
  assert.equal(await claim('next'), ['s1']);
  assert.is((await store.messages.claimBatch('key-stop-push', 'next', T + 1, OUTBOX_LEASE)).length, 1);
  assert.is((await store.messages.findById(reply.id))?.delivery_status, 'uncertain');
  await store.webhookEvents.markDone(['s1'], 'next', T + 1);
});

test('the engine that comes up after one died takes its work back (SQLite: at start; Postgres: once its heartbeat is stale)', async () => {
  await store.engines.register('crashed');
  await store.webhookEvents.insertNew([event('c1', 'Uc', T)]);
  assert.equal(await claim('crashed'), ['c1']);
  await outbound('Uc', 'held', 'key-crashed', null);
  await store.messages.claimBatch('key-crashed', 'crashed', T, OUTBOX_LEASE);

  let toldToClaim = 0;
  const started = Date.now();
  const heartbeat = new EngineHeartbeat(store, silent, { instanceId: 'successor', database: databaseConfigOf(database, 2), timing: TIMING }, () => (toldToClaim += 1));
  await heartbeat.start();
  try {
    await waitFor(async () => (await store.webhookEvents.countHeldBy('crashed')) === 0, "the crashed engine's event handed on", 5_000);
    const tookMs = Date.now() - started;
    if (database.kind === 'sqlite') assert.is(toldToClaim, 0, 'on SQLite the work is back before the engine claims anything: no need to tell it');
    else await waitFor(() => toldToClaim === 1, 'the engine told to claim at once');
    assert.ok(tookMs < 5_000, `taken back in ${tookMs} ms`);
    assert.equal(await claim('successor'), ['c1']);
    assert.is((await store.messages.claimBatch('key-crashed', 'successor', T + 1, OUTBOX_LEASE)).length, 1);
    assert.equal((await store.engines.list()).map((e) => e.instance_id), ['successor'], 'the dead engine is gone from the list');
    await store.webhookEvents.markDone(['c1'], 'successor', T + 1);
  } finally {
    await heartbeat.stop();
  }
  assert.equal(await store.engines.list(), [], 'a clean stop leaves the list');
});

test.run();
