import type { RollupService } from '../../services/analytics/rollup.service.ts';
import type { CronJob } from './cron-job.ts';

/** Rolls up the finished days whose figures may still change (docs/metrics.md, "Rollup"), once a night. */
export function analyticsRollupJob(rollup: RollupService, schedule: string): CronJob {
  return { name: 'analytics-rollup', schedule, run: ({ signal }) => rollup.nightly(signal) };
}
