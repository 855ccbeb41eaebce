import type { RetentionService } from '../../services/maintenance/retention.service.ts';
import type { CronJob } from './cron-job.ts';

/** Deletes processed webhook events and ended sessions older than BATON_RETENTION_DAYS, audit entries older than BATON_AUDIT_RETENTION_DAYS. */
export function retentionJob(retention: RetentionService, schedule: string): CronJob {
  return {
    name: 'retention',
    schedule,
    run: ({ now, signal }) => retention.purge(now, signal),
  };
}
