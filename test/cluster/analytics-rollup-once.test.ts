/**
 * The nightly analytics rollup across two engine processes on one Postgres: each slot is rolled up by
 * exactly one engine (the JobRunner's unique slot), recorded once, and the days it writes have one row
 * set each however many engines reached the slot.
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
  // every third second rather than every night, to see several slots quickly (first field: seconds)
  cluster = await createCluster(database, { BATON_ANALYTICS_ROLLUP_CRON: '*/3 * * * * *', BATON_ANALYTICS_TIMEZONE: 'UTC' });
  engines = await Promise.all([cluster.start('A'), cluster.start('B')]);
  store = await openTestStore(database);
}));

test.after(async () => {
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

test('each rollup slot runs on one engine, is recorded once, and leaves one row per day', async () => {
  const { slots, runs } = await slotsAttemptedByBoth(engines, store, 'analytics-rollup');
  for (const slot of slots) {
    const outcomes = engines.flatMap((engine) => attempts(engine, 'analytics-rollup')).filter((x) => x.slot === slot);
    assert.is(outcomes.filter((x) => x.ran).length, 1, `${slot}: rolled up by exactly one engine`);
    const recorded = runs.filter((r) => new Date(r.scheduled_for).toISOString() === slot);
    assert.is(recorded.length, 1, `${slot}: one run recorded`);
    assert.equal(JSON.parse(recorded[0]?.result ?? 'null'), { days: 2, rows: 2 }, 'yesterday and the day before, overall rows only (no traffic)');
  }
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const dayBefore = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const rows = await store.analytics.rows(dayBefore, yesterday, 'all');
  assert.equal(rows.map((r) => r.day), [dayBefore, yesterday], 'one overall row per day');
});

test.run();
