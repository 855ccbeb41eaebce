import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { inTransaction } from '../sqlite-transactions.ts';

/** 'jobs' in ASCII: the namespace of the advisory locks that starts of one job take turns on (Postgres). */
const START_LOCK_NAMESPACE = 0x6a6f6273;

export const JobRunStatus = {
  RUNNING: 'running',
  DONE: 'done',
  FAILED: 'failed',
  /** its runner stopped (crash, kill) before finishing; found by the lease running out */
  ABANDONED: 'abandoned',
} as const;
export type JobRunStatus = (typeof JobRunStatus)[keyof typeof JobRunStatus];

export interface JobRunRow {
  id: number;
  job: string;
  scheduled_for: number;
  status: JobRunStatus;
  instance_id: string;
  /** the operator who ran it by hand; null for the schedule */
  started_by: string | null;
  started_at: number;
  locked_until: number;
  finished_at: number | null;
  result: string | null;
  error: string | null;
}

export type StartOutcome = { started: JobRunRow } | { skipped: 'taken' | 'still-running' };

/** One row per job and schedule slot: the unique (job, scheduled_for) index decides which instance runs it. */
export class JobRunsRepo {
  constructor(private readonly db: Knex) {}

  /**
   * Records the start of a slot for this instance, unless another instance recorded it first or a
   * run of the same job is still going (a slow run is not overlapped by the next slot, nor by a run by hand).
   * `startedBy`: the operator who asked for a run now, in a slot of its own.
   */
  start(job: string, scheduledFor: number, instanceId: string, now: number, leaseMs: number, startedBy: string | null = null): Promise<StartOutcome> {
    return inTransaction(this.db, async (trx) => {
      // the look for a running run and the insert are one step: runs by hand have slots of their own, so the
      // unique index alone would let one start beside a scheduled run (SQLite has one writer already)
      if (isPostgres(this.db)) await trx.raw('select pg_advisory_xact_lock(?::int, hashtext(?))', [START_LOCK_NAMESPACE, job]);
      const busy = await trx('job_runs').where({ job, status: JobRunStatus.RUNNING }).where('locked_until', '>=', now).first('id');
      if (busy) return { skipped: 'still-running' };
      const row = { job, scheduled_for: scheduledFor, status: JobRunStatus.RUNNING, instance_id: instanceId, started_by: startedBy, started_at: now, locked_until: now + leaseMs };
      const inserted = await trx('job_runs').insert(row).onConflict(['job', 'scheduled_for']).ignore().returning('id');
      const first: unknown = inserted[0];
      if (first === undefined) return { skipped: 'taken' };
      const id = typeof first === 'object' && first !== null ? (first as { id: number }).id : Number(first);
      return { started: { ...row, id, finished_at: null, result: null, error: null } };
    });
  }

  /** Extends the lease of a run still in progress; false when it was given up meanwhile. */
  async renew(id: number, now: number, leaseMs: number): Promise<boolean> {
    const changed = await this.db('job_runs').where({ id, status: JobRunStatus.RUNNING }).update({ locked_until: now + leaseMs });
    return changed === 1;
  }

  async finish(id: number, outcome: { status: 'done'; result: unknown } | { status: 'failed'; error: string }, now: number): Promise<void> {
    await this.db('job_runs')
      .where({ id, status: JobRunStatus.RUNNING })
      .update(
        outcome.status === 'done'
          ? { status: JobRunStatus.DONE, finished_at: now, result: JSON.stringify(outcome.result ?? null) }
          : { status: JobRunStatus.FAILED, finished_at: now, error: outcome.error.slice(0, 1000) },
      );
  }

  /** Marks runs whose runner stopped renewing as abandoned; returns how many there were. */
  abandonExpired(now: number): Promise<number> {
    return this.db('job_runs')
      .where({ status: JobRunStatus.RUNNING })
      .where('locked_until', '<', now)
      .update({ status: JobRunStatus.ABANDONED, finished_at: now, error: 'the runner stopped before finishing (lease expired)' });
  }

  /** a job's runs, newest slot first */
  list(job: string, limit = 100): Promise<JobRunRow[]> {
    return this.db<JobRunRow>('job_runs').where({ job }).orderBy('scheduled_for', 'desc').limit(limit);
  }

  /** every job's runs, the latest recorded first (ids grow with each start) */
  recent(limit: number): Promise<JobRunRow[]> {
    return this.db<JobRunRow>('job_runs').orderBy('id', 'desc').limit(limit);
  }

  /** Deletes the records of runs that ended (done, failed, abandoned) and started before `before`. */
  deleteEndedBefore(before: number): Promise<number> {
    return this.db('job_runs').whereNot({ status: JobRunStatus.RUNNING }).where('started_at', '<', before).delete();
  }

  async latest(job: string): Promise<JobRunRow | null> {
    return (await this.list(job, 1))[0] ?? null;
  }
}
