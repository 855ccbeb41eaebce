/**
 * A live engine that is merely slow keeps its work. Its heartbeat is written from a worker thread,
 * so a main thread stalled (a long GC pause, a burst of synchronous work) for longer than the time
 * after which an engine counts as dead does not make the other engines take its events and batches.
 * Two heartbeats in this process, on Postgres, with short timings in the engine's proportions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { EngineHeartbeat, type HeartbeatTiming } from '../../engine/services/maintenance/engine-heartbeat.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const TIMING: HeartbeatTiming = { intervalMs: 100, deadAfterMs: 500, stallLimitMs: 5_000 };
const T = Date.now();

let database: TestDatabase;
let store: Store;

test.before(async () => {
  database = await createTestDatabase('postgres');
  store = await openTestStore(database);
});
test.after(async () => {
  await store?.close();
  await database?.drop();
});

/** blocks this thread, as a GC pause or synchronous work would */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

test('an engine whose main thread stalls for four times the dead-after time keeps its work', async () => {
  const config = { client: 'postgres' as const, connection: database.url, poolMax: 2 };
  const silent = createLogger('silent');
  let takeovers = 0;
  const slow = new EngineHeartbeat(store, silent, { instanceId: 'slow', database: config, timing: TIMING }, () => {});
  const watcher = new EngineHeartbeat(store, silent, { instanceId: 'watcher', database: config, timing: TIMING }, () => (takeovers += 1));
  await slow.start();
  await watcher.start();
  try {
    await store.webhookEvents.insertNew([{ id: 'e1', destination: null, type: 'message', mode: 'active', source_user_id: 'Uslow', event_timestamp: T, is_redelivery: false, raw: '{}', received_at: T }]);
    assert.is((await store.webhookEvents.claimBatch('slow', T, 30_000, 1)).length, 1);
    // both engines beat and the watcher judges others
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 2));

    stall(TIMING.deadAfterMs * 4);
    // the watcher looks at the slow engine many times now that the thread runs again
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 3));

    assert.is(takeovers, 0, 'nothing taken over');
    assert.is(await store.webhookEvents.countHeldBy('slow'), 1, 'the slow engine still holds its event');
    assert.equal((await store.engines.list()).map((e) => e.instance_id).sort(), ['slow', 'watcher']);
  } finally {
    await slow.stop();
  }
  // and once it is gone for real, the watcher takes its event within the dead-after time and a beat
  await store.engines.register('slow');
  await waitFor(async () => (await store.webhookEvents.countHeldBy('slow')) === 0, 'the stopped engine\'s event taken over', 5_000);
  assert.is(takeovers, 1);
  await watcher.stop();
});

test.run();
