/**
 * Runs cron jobs in the engine, exactly once per schedule slot across instances. Every engine
 * schedules every job (node-cron); when a slot fires, each one tries to record the run in job_runs,
 * whose unique (job, scheduled_for) index lets exactly one in; the others skip it. The winner renews
 * a lease while the job runs, so a run whose engine died is found (lease expired) and marked
 * abandoned instead of staying "running" forever; the next slot runs as usual.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { CronJob } from './cron-job.ts';

export interface JobRunnerOptions {
  /** names this engine in job_runs */
  instanceId: string;
  /** IANA zone schedules are read in; null: the server's */
  timezone: string | null;
  now: () => number;
  logger: Logger;
  /** a run not renewed for this long is abandoned; renewed every third of it */
  leaseMs?: number;
}

export type SlotOutcome = 'done' | 'failed' | 'taken' | 'still-running' | 'stopped';

export class JobRunner {
  private readonly jobs: CronJob[] = [];
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<{ abort: AbortController; done: Promise<SlotOutcome> }>();
  private readonly leaseMs: number;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly options: JobRunnerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  register(job: CronJob): void {
    this.jobs.push(job);
  }

  start(): void {
    for (const job of this.jobs) {
      const task = createTask(
        job.schedule,
        // node-cron's date is the slot itself (whole seconds), the same on every instance
        (context) => this.runSlot(job, context.date.getTime()).then(() => undefined),
        { name: job.name, ...(this.options.timezone ? { timezone: this.options.timezone } : {}) },
      );
      void task.start();
      this.tasks.push(task);
    }
  }

  /** Stops scheduling, asks running jobs to stop, and waits for them to record how they ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.splice(0)) await task.destroy();
    for (const run of this.inFlight) run.abort.abort();
    await Promise.allSettled([...this.inFlight].map((run) => run.done));
  }

  /** Runs one slot of a job unless another instance has it. Called by the schedule; public for tests. */
  runSlot(job: CronJob, scheduledFor: number): Promise<SlotOutcome> {
    const abort = new AbortController();
    const run = { abort, done: this.attempt(job, scheduledFor, abort) };
    this.inFlight.add(run);
    return run.done.finally(() => this.inFlight.delete(run));
  }

  private async attempt(job: CronJob, scheduledFor: number, abort: AbortController): Promise<SlotOutcome> {
    const { store, options } = this;
    const log = options.logger.child({ job: job.name, scheduledFor: new Date(scheduledFor).toISOString() });
    try {
      if (this.stopped) return 'stopped';
      const abandoned = await store.jobRuns.abandonExpired(options.now());
      if (abandoned > 0) log.warn({ abandoned }, 'cron runs whose runner died marked abandoned');
      const outcome = await store.jobRuns.start(job.name, scheduledFor, options.instanceId, options.now(), this.leaseMs);
      if ('skipped' in outcome) {
        log.info({ reason: outcome.skipped }, 'cron slot skipped');
        return outcome.skipped;
      }
      const runId = outcome.started.id;
      log.info({ runId }, 'cron job started');
      const renewal = setInterval(() => {
        store.jobRuns.renew(runId, options.now(), this.leaseMs).then(
          (kept) => {
            if (!kept) abort.abort(); // given up as abandoned elsewhere: stop, the next slot runs
          },
          (error: unknown) => log.warn({ error: String(error) }, 'cron lease renewal failed'),
        );
      }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
      try {
        const result = await job.run({ scheduledFor, now: options.now(), signal: abort.signal, logger: log });
        if (abort.signal.aborted) throw new Error('interrupted: the engine is shutting down');
        await store.jobRuns.finish(runId, { status: 'done', result }, options.now());
        log.info({ runId, result }, 'cron job finished');
        return 'done';
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await store.jobRuns.finish(runId, { status: 'failed', error: message }, options.now());
        log.error({ runId, error: message }, 'cron job failed');
        return 'failed';
      } finally {
        clearInterval(renewal);
      }
    } catch (error) {
      // the store itself failed (database outage): the slot is lost on this instance, not the engine
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'cron slot could not be recorded');
      return 'failed';
    }
  }
}
