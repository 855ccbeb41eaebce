/** The chat's periodic work: close inactive conversations (warning first) and time out long queues. */
import type { AutoCloseService } from '../../services/chat/auto-close.service.ts';
import type { QueueTimeoutsService } from '../../services/chat/queue-timeouts.service.ts';
import type { CronJob } from './cron-job.ts';

export function autoCloseJob(autoClose: AutoCloseService, schedule: string): CronJob {
  return { name: 'auto-close', schedule, run: ({ signal }) => autoClose.sweep(signal) };
}

export function queueTimeoutJob(timeouts: QueueTimeoutsService, schedule: string): CronJob {
  return { name: 'queue-timeouts', schedule, run: ({ signal }) => timeouts.sweep(signal) };
}
