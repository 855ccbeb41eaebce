/**
 * JobRunner.runNow, the "run now" of Studio › Jobs, on the store: it answers once the run is recorded (with
 * who asked) while the job goes on; it never runs beside a run of the same job, scheduled or by hand, here or
 * on another engine; a scheduled slot that comes meanwhile is skipped; stopping the engine waits for it.
 * SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import type { Store } from '../../engine/store/store.ts';
import type { CronJob } from '../../engine/transports/cron/cron-job.ts';
import { JobRunner } from '../../engine/transports/cron/job-runner.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { waitFor } from '../support/wait-for.ts';

let store: Store;
useTestStore(test, (opened) => (store = opened));

const T = Date.UTC(2026, 0, 5, 3, 30);

/** a job that runs until the test releases it */
function heldJob(name: string): CronJob & { release(): void; runs: number } {
  let release = () => {};
  const job = {
    name,
    schedule: '0 4 * * *',
    runs: 0,
    release: () => release(),
    run: () => {
      job.runs += 1;
      return new Promise<unknown>((resolve) => {
        release = () => resolve({ released: true });
      });
    },
  };
  return job;
}

function runner(instanceId: string, ...jobs: CronJob[]): JobRunner {
  const jobRunner = new JobRunner(store, { instanceId, timezone: null, now: Date.now, logger: createLogger('silent'), leaseMs: 2_000 });
  for (const job of jobs) jobRunner.register(job);
  return jobRunner;
}

test('a run now is recorded with who asked and answered while the job is still running; it then finishes as done', async () => {
  const job = heldJob('held');
  const jobs = runner('one', job);
  const outcome = await jobs.runNow('held', 'admin-1');
  assert.ok('started' in outcome);
  if (!('started' in outcome)) return;
  assert.is(outcome.started.started_by, 'admin-1');
  assert.is(outcome.started.status, 'running');
  await waitFor(() => job.runs === 1, 'the job to start');
  const [running] = await store.jobRuns.list('held');
  assert.is(running?.status, 'running');
  assert.is(running?.started_by, 'admin-1');
  job.release();
  await waitFor(async () => (await store.jobRuns.list('held'))[0]?.status === 'done', 'the run to be done');
  assert.equal(JSON.parse((await store.jobRuns.list('held'))[0]?.result ?? 'null'), { released: true });
});

test('while a run by hand goes on, a second press and a scheduled slot on another engine are refused and run nothing', async () => {
  const job = heldJob('busy');
  const here = runner('one', job);
  const there = runner('two', job);
  assert.ok('started' in (await here.runNow('busy', 'admin-1')));
  assert.equal(await here.runNow('busy', 'admin-2'), { refused: 'still-running' });
  assert.equal(await there.runNow('busy', 'admin-2'), { refused: 'still-running' }, 'nor on another engine');
  assert.is(await there.runSlot(job, T), 'still-running', 'the schedule does not overlap it either');
  job.release();
  await waitFor(async () => (await store.jobRuns.list('busy'))[0]?.status === 'done', 'the run to be done');
  assert.is(job.runs, 1);
  assert.is((await store.jobRuns.list('busy')).length, 1);
});

test('presses on two engines at the same moment start one run', async () => {
  const job = heldJob('together');
  const outcomes = await Promise.all([runner('one', job).runNow('together', 'a'), runner('two', job).runNow('together', 'b')]);
  assert.is(outcomes.filter((o) => 'started' in o).length, 1, JSON.stringify(outcomes));
  job.release();
  await waitFor(async () => (await store.jobRuns.list('together'))[0]?.status === 'done', 'the run to be done');
  assert.is(job.runs, 1);
});

test('an unknown job is refused; a stopped runner refuses; stopping waits for a run by hand and records it failed', async () => {
  const job = heldJob('stopping');
  const jobs = runner('one', job);
  assert.equal(await jobs.runNow('nope', 'admin-1'), { refused: 'unknown' });
  assert.ok('started' in (await jobs.runNow('stopping', 'admin-1')));
  await waitFor(() => job.runs === 1, 'the job to start');
  const stopped = jobs.stop();
  job.release();
  await stopped;
  const [run] = await store.jobRuns.list('stopping');
  assert.is(run?.status, 'failed');
  assert.match(run?.error ?? '', /shutting down/);
  assert.equal(await jobs.runNow('stopping', 'admin-1'), { refused: 'stopped' });
});

test.run();
