import type { Logger } from '../../logger.ts';

/**
 * A job the engine runs on a schedule, once per slot across all instances (see JobRunner).
 *
 * @example
 * const job: CronJob = {
 *   name: 'retention',
 *   schedule: '30 3 * * *',
 *   run: ({ now, signal }) => retention.purge(now, signal),
 * };
 */
export interface CronJob {
  /** stable: it keys the job's runs in job_runs */
  name: string;
  /** node-cron expression; six fields when the first is seconds */
  schedule: string;
  /** what the job did, stored as JSON with the run */
  run(context: CronJobContext): Promise<unknown>;
}

export interface CronJobContext {
  /** the slot being run (epoch ms) */
  scheduledFor: number;
  now: number;
  /** aborted when the engine shuts down or the run's lease was lost: stop at the next safe point */
  signal: AbortSignal;
  logger: Logger;
}
