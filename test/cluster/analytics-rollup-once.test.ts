/**
 * The nightly analytics rollup across two engine processes on one Postgres: each slot is rolled up by
 * exactly one engine (the JobRunner's unique slot), recorded once, and the days it writes have one row
 * set each however many engines reached the slot.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createCluster, printingErrors, type Cluster, type EngineProcess } from '../support/engine-cluster.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

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

function attempts(engine: EngineProcess): { slot: string; ran: boolean }[] {
  return engine.logs
    .filter((line) => line.job === 'analytics-rollup' && (line.msg === 'cron job started' || line.msg === 'cron slot skipped'))
    .map((line) => ({ slot: String(line.scheduledFor), ran: line.msg === 'cron job started' }));
}

test('each rollup slot runs on one engine, is recorded once, and leaves one row per day', async () => {
  const slotsSeenByBoth = () => {
    const [a = [], b = []] = engines.map(attempts);
    return a.filter((x) => b.some((y) => y.slot === x.slot)).map((x) => x.slot);
  };
  await waitFor(() => slotsSeenByBoth().length >= 2, 'two slots attempted by both engines', 60_000);
  const slots = slotsSeenByBoth();
  const runs = await waitFor(async () => {
    const rows = (await store.jobRuns.list('analytics-rollup')).filter((r) => slots.includes(new Date(r.scheduled_for).toISOString()));
    return rows.length === slots.length && rows.every((r) => r.status === 'done') && rows;
  }, 'the runs finished', 30_000);
  for (const slot of slots) {
    const outcomes = engines.flatMap(attempts).filter((x) => x.slot === slot);
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
