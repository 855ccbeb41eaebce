/**
 * Runs cron jobs in the engine, exactly once per schedule slot across instances. Every engine
 * schedules every job (node-cron); when a slot fires, each one tries to record the run in job_runs,
 * whose unique (job, scheduled_for) index lets exactly one in; the others skip it. The winner renews
 * a lease while the job runs, so a run whose engine died is found (lease expired) and marked
 * abandoned instead of staying "running" forever; the next slot runs as usual. An admin may also run a job
 * now (runNow): on this engine, in a slot of its own, recorded with who asked, never beside a run of the
 * same job on any engine.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../../logger.ts';
import type { JobRunRow, StartOutcome } from '../../store/repositories/job-runs.repo.ts';
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

/** what asking for a run now got: the run as recorded, or why there is none */
export type ManualStart = { started: JobRunRow } | { refused: 'unknown' | 'taken' | 'still-running' | 'stopped' };

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

  /** the jobs this engine runs, in the order registered */
  registered(): readonly CronJob[] {
    return this.jobs;
  }

  /** the IANA zone schedules are read in; null: the server's */
  get timezone(): string | null {
    return this.options.timezone;
  }

  /** Runs one slot of a job unless another instance has it. Called by the schedule; public for tests. */
  runSlot(job: CronJob, scheduledFor: number): Promise<SlotOutcome> {
    return this.track(async (abort, log) => {
      try {
        const claim = await this.claim(job, scheduledFor, null, log);
        return 'started' in claim ? await this.execute(job, claim.started, abort, log) : claim.skipped;
      } catch (error) {
        // the store itself failed (database outage): the slot is lost on this instance, not the engine
        log.error({ error: errorMessage(error) }, 'cron slot could not be recorded');
        return 'failed';
      }
    }, job, scheduledFor);
  }

  /**
   * Runs a job at once on this engine, in a slot of its own (now), recorded as started by `startedBy`.
   * Answers as soon as the run is recorded, or refused: 'unknown' job, 'still-running' here or on another
   * engine (or 'taken': pressed twice in the same millisecond), 'stopped' (shutting down); the job then goes
   * on in the background like a scheduled one, and stop() waits for it. A failure to record rejects.
   */
  runNow(name: string, startedBy: string): Promise<ManualStart> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.resolve({ refused: 'unknown' });
    const scheduledFor = this.options.now();
    return new Promise<ManualStart>((resolve, reject) => {
      void this.track(async (abort, log) => {
        let claim: StartOutcome | { skipped: 'stopped' };
        try {
          claim = await this.claim(job, scheduledFor, startedBy, log);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return 'failed';
        }
        if ('skipped' in claim) {
          resolve({ refused: claim.skipped });
          return claim.skipped;
        }
        resolve({ started: claim.started });
        return this.execute(job, claim.started, abort, log);
      }, job, scheduledFor);
    });
  }

  /** keeps a run in hand until it ends, so stop() can interrupt it and wait */
  private track(work: (abort: AbortController, log: Logger) => Promise<SlotOutcome>, job: CronJob, scheduledFor: number): Promise<SlotOutcome> {
    const abort = new AbortController();
    const log = this.options.logger.child({ job: job.name, scheduledFor: new Date(scheduledFor).toISOString() });
    const run = { abort, done: work(abort, log) };
    this.inFlight.add(run);
    return run.done.finally(() => this.inFlight.delete(run));
  }

  private async claim(job: CronJob, scheduledFor: number, startedBy: string | null, log: Logger): Promise<StartOutcome | { skipped: 'stopped' }> {
    const { store, options } = this;
    if (this.stopped) return { skipped: 'stopped' };
    const abandoned = await store.jobRuns.abandonExpired(options.now());
    if (abandoned > 0) log.warn({ abandoned }, 'cron runs whose runner died marked abandoned');
    const outcome = await store.jobRuns.start(job.name, scheduledFor, options.instanceId, options.now(), this.leaseMs, startedBy);
    if ('skipped' in outcome) log.info({ reason: outcome.skipped }, 'cron slot skipped');
    return outcome;
  }

  /** runs a job whose start is recorded, renewing its lease, and records how it ended */
  private async execute(job: CronJob, started: JobRunRow, abort: AbortController, log: Logger): Promise<SlotOutcome> {
    const { store, options } = this;
    const runId = started.id;
    log.info({ runId, startedBy: started.started_by }, 'cron job started');
    const renewal = setInterval(() => {
      store.jobRuns.renew(runId, options.now(), this.leaseMs).then(
        (kept) => {
          if (!kept) abort.abort(); // given up as abandoned elsewhere: stop, the next slot runs
        },
        (error: unknown) => log.warn({ error: String(error) }, 'cron lease renewal failed'),
      );
    }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
    try {
      const result = await job.run({ scheduledFor: started.scheduled_for, now: options.now(), signal: abort.signal, logger: log });
      if (abort.signal.aborted) throw new Error('interrupted: the engine is shutting down');
      await store.jobRuns.finish(runId, { status: 'done', result }, options.now());
      log.info({ runId, result }, 'cron job finished');
      return 'done';
    } catch (error) {
      const message = errorMessage(error);
      log.error({ runId, error: message }, 'cron job failed');
      // a store that fails here too leaves the run to be marked abandoned when its lease runs out
      await store.jobRuns.finish(runId, { status: 'failed', error: message }, options.now()).catch((finishError: unknown) => {
        log.error({ runId, error: errorMessage(finishError) }, 'cron run end could not be recorded');
      });
      return 'failed';
    } finally {
      clearInterval(renewal);
    }
  }
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
