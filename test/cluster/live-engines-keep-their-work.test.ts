/**
 * Live engines keep their work: heartbeats must not make one engine take another's events and
 * batches while both are alive. A main thread stalled (a long GC pause, a burst of synchronous work)
 * for longer than the time after which an engine counts as dead does not count, because heartbeats
 * are written from a worker thread; and after a database outage, when every heartbeat is old, the
 * first engine back waits to see the others beat before it judges them. Two heartbeats in this
 * process, on Postgres, with short timings in the engine's proportions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { EngineHeartbeat, type HeartbeatTiming } from '../../engine/services/maintenance/engine-heartbeat.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { SwitchableProxy } from '../support/switchable-proxy.ts';
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

const silent = createLogger('silent');

/** one event, claimed by `holder` */
async function holding(holder: string, id: string): Promise<void> {
  await store.webhookEvents.insertNew([{ id, destination: null, type: 'message', mode: 'active', source_user_id: `U${id}`, event_timestamp: T, is_redelivery: false, raw: '{}', received_at: T }]);
  assert.is((await store.webhookEvents.claimBatch(holder, T, 30_000, 1)).length, 1);
}

/** blocks this thread, as a GC pause or synchronous work would */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

test('an engine whose main thread stalls for four times the dead-after time keeps its work', async () => {
  const config = { client: 'postgres' as const, connection: database.url, poolMax: 2 };
  let takeovers = 0;
  const slow = new EngineHeartbeat(store, silent, { instanceId: 'slow', database: config, timing: TIMING }, () => {});
  const watcher = new EngineHeartbeat(store, silent, { instanceId: 'watcher', database: config, timing: TIMING }, () => (takeovers += 1));
  await slow.start();
  await watcher.start();
  try {
    await holding('slow', 'e1');
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

test('after a database outage longer than the dead-after time, engines coming back take none of each other\'s work', async () => {
  // each engine's heartbeats reach Postgres through a proxy of its own that the test cuts; the test reads the store directly
  const postgres = new URL(database.url);
  const proxies = await Promise.all([0, 1].map(() => SwitchableProxy.start(`http://${postgres.hostname}:${postgres.port || 5432}`)));
  let takeovers = 0;
  const engines = proxies.map((proxy, i) => {
    const viaProxy = new URL(database.url);
    viaProxy.host = new URL(proxy.url).host;
    const config = { client: 'postgres' as const, connection: viaProxy.toString(), poolMax: 2 };
    return new EngineHeartbeat(store, silent, { instanceId: i === 0 ? 'first' : 'second', database: config, timing: TIMING }, () => (takeovers += 1));
  });
  try {
    for (const engine of engines) await engine.start();
    await holding('first', 'o1');
    await holding('second', 'o2');
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 2));

    for (const proxy of proxies) {
      proxy.refuse(true);
      proxy.dropConnections();
    }
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 4));
    // the first engine reaches the database again a little before the second (less than the
    // dead-after time): the second's heartbeat is still old when the first starts beating
    proxies[0]?.refuse(false);
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 0.3));
    proxies[1]?.refuse(false);
    await new Promise((resolve) => setTimeout(resolve, TIMING.deadAfterMs * 4));

    assert.is(takeovers, 0, 'nothing taken over');
    assert.is(await store.webhookEvents.countHeldBy('first'), 1);
    assert.is(await store.webhookEvents.countHeldBy('second'), 1);
  } finally {
    for (const engine of engines) await engine.stop();
    for (const proxy of proxies) await proxy.close();
  }
});

test.run();
