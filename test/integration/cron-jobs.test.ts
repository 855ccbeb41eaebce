/**
 * The cron job runner on the store: one run per slot however many runners reach it, failures and
 * interruptions recorded, a dead runner's run marked abandoned, and the retention job itself.
 * Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { RetentionService } from '../../engine/services/maintenance/retention.service.ts';
import type { Store } from '../../engine/store/store.ts';
import type { CronJob } from '../../engine/transports/cron/cron-job.ts';
import { JobRunner } from '../../engine/transports/cron/job-runner.ts';
import { retentionJob } from '../../engine/transports/cron/retention.job.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { waitFor } from '../support/wait-for.ts';

let store: Store;
const DAY = 24 * 60 * 60 * 1000;
const T = Date.UTC(2026, 0, 5, 3, 30);

useTestStore(test, (opened) => (store = opened));

function runner(instanceId: string, now: () => number = Date.now): JobRunner {
  return new JobRunner(store, { instanceId, timezone: null, now, logger: createLogger('silent'), leaseMs: 1_000 });
}

function countingJob(name: string): CronJob & { runs: number } {
  const job = {
    name,
    schedule: '* * * * *',
    runs: 0,
    async run() {
      job.runs += 1;
      await delay(20);
      return { runs: job.runs };
    },
  };
  return job;
}

test('two runners reaching the same slot together run it once and record one run', async () => {
  const job = countingJob('together');
  const outcomes = await Promise.all([runner('one').runSlot(job, T), runner('two').runSlot(job, T)]);
  assert.is(outcomes.filter((o) => o === 'done').length, 1);
  assert.ok(outcomes.some((o) => o === 'taken' || o === 'still-running'), `the other skipped (${outcomes.join(', ')})`);
  assert.is(job.runs, 1);
  const runs = await store.jobRuns.list('together');
  assert.is(runs.length, 1);
  assert.is(runs[0]?.status, 'done');
  assert.equal(JSON.parse(runs[0]?.result ?? 'null'), { runs: 1 });
});

test('a slot already run is skipped by a runner that reaches it late', async () => {
  const job = countingJob('late');
  assert.is(await runner('one').runSlot(job, T), 'done');
  assert.is(await runner('two').runSlot(job, T), 'taken');
  assert.is(await runner('two').runSlot(job, T + 60_000), 'done', 'the next slot runs as usual');
  assert.is(job.runs, 2);
});

test('a run left running by a runner that died is marked abandoned once its lease runs out, and the next slot runs', async () => {
  const job = countingJob('orphaned');
  let now = T;
  await store.jobRuns.start('orphaned', T, 'dead-engine', now, 1_000);
  now = T + 500;
  assert.is(await runner('two', () => now).runSlot(job, T + 60_000), 'still-running', 'a live run is not overlapped');
  now = T + 2_000;
  assert.is(await runner('two', () => now).runSlot(job, T + 120_000), 'done');
  const runs = await store.jobRuns.list('orphaned');
  const dead = runs.find((r) => r.instance_id === 'dead-engine');
  assert.is(dead?.status, 'abandoned');
  assert.match(dead?.error ?? '', /lease expired/);
  assert.is(runs.filter((r) => r.status === 'running').length, 0, 'nothing left running');
});

test('a job that throws is recorded as failed with its message', async () => {
  const job: CronJob = { name: 'broken', schedule: '* * * * *', run: async () => Promise.reject(new Error('disk full')) };
  assert.is(await runner('one').runSlot(job, T), 'failed');
  const [run] = await store.jobRuns.list('broken');
  assert.is(run?.status, 'failed');
  assert.is(run?.error, 'disk full');
});

test('stopping the runner interrupts a running job at its next safe point and records it failed', async () => {
  let started = false;
  const job: CronJob = {
    name: 'long',
    schedule: '* * * * *',
    run: ({ signal }) =>
      new Promise((resolve) => {
        started = true;
        signal.addEventListener('abort', () => resolve({ partial: true }));
      }),
  };
  const jobs = runner('one');
  const outcome = jobs.runSlot(job, T);
  await waitFor(() => started, 'the job to start');
  await jobs.stop();
  assert.is(await outcome, 'failed');
  const [run] = await store.jobRuns.list('long');
  assert.is(run?.status, 'failed');
  assert.match(run?.error ?? '', /shutting down/);
});

async function processedEvent(id: string, at: number): Promise<void> {
  await store.webhookEvents.insertNew([
    { id, destination: null, type: 'message', mode: 'active', source_user_id: `U-${id}`, event_timestamp: at, is_redelivery: false, raw: '{}', received_at: at },
  ]);
  const [claimed] = await store.webhookEvents.claimBatch('worker', at, 1_000, 1);
  assert.is(claimed?.id, id);
  assert.ok(await store.webhookEvents.markDone([id], 'worker', at));
}

test('the retention job deletes processed webhook events older than the retention period and keeps the rest', async () => {
  await processedEvent('old-done', T - 40 * DAY);
  await processedEvent('recent-done', T - 1 * DAY);
  await store.webhookEvents.insertNew([
    { id: 'old-pending', destination: null, type: 'message', mode: 'active', source_user_id: 'U-old-pending', event_timestamp: T - 40 * DAY, is_redelivery: false, raw: '{}', received_at: T - 40 * DAY },
  ]);
  const oldRun = { name: 'auto-close', schedule: '* * * * *', run: async () => ({ closed: 0 }) };
  assert.is(await runner('one', () => T - 40 * DAY).runSlot(oldRun, T - 40 * DAY), 'done');
  assert.is(await runner('one', () => T - 1 * DAY).runSlot(oldRun, T - 1 * DAY), 'done');
  const job = retentionJob(new RetentionService(store, 30, 365), '30 3 * * *');
  assert.is(await runner('one', () => T).runSlot(job, T), 'done');
  assert.equal((await store.jobRuns.list('auto-close')).map((r) => r.scheduled_for), [T - 1 * DAY], 'the run of 40 days ago is gone, the one of yesterday kept');
  assert.is(await store.webhookEvents.findById('old-done'), undefined);
  assert.ok(await store.webhookEvents.findById('recent-done'));
  assert.ok(await store.webhookEvents.findById('old-pending'), 'an event not processed yet is never deleted');
  const [run] = await store.jobRuns.list('retention');
  assert.equal(JSON.parse(run?.result ?? 'null'), { deletedWebhookEvents: 1, deletedAuditEntries: 0, deletedSessions: 0, deletedJobRuns: 1, cutoff: T - 30 * DAY });
});

test.run();
