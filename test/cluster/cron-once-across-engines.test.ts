/**
 * Cron across instances: two engines run the same schedule; each slot is run by one of them and
 * recorded once, the other sees it taken and skips it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { attempts, slotsAttemptedByBoth } from '../support/cron-slots.ts';
import { createCluster, printingErrors, type Cluster, type EngineProcess } from '../support/engine-cluster.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let cluster: Cluster;
let store: Store;
let engines: EngineProcess[];

test.before(printingErrors(async () => {
  database = await createTestDatabase('postgres');
  // every third second rather than every minute, to see several slots quickly (first field: seconds)
  cluster = await createCluster(database, { BATON_RETENTION_CRON: '*/3 * * * * *' });
  engines = await Promise.all([cluster.start('A'), cluster.start('B')]);
  store = await openTestStore(database);
}));

test.after(async () => {
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

test('both engines scheduled for the same slots: each slot runs on one engine and is recorded once', async () => {
  const { slots, runs } = await slotsAttemptedByBoth(engines, store, 'retention');

  for (const slot of slots) {
    const outcomes = engines.flatMap((engine) => attempts(engine, 'retention')).filter((x) => x.slot === slot);
    assert.is(outcomes.length, 2, `${slot}: attempted by both engines`);
    assert.is(outcomes.filter((x) => x.ran).length, 1, `${slot}: run by exactly one`);
    const recorded = runs.filter((r) => new Date(r.scheduled_for).toISOString() === slot);
    assert.is(recorded.length, 1, `${slot}: one run recorded`);
    assert.ok(engines.some((e) => e.instanceId === recorded[0]?.instance_id), 'recorded by one of the engines');
  }
});

test.run();
