import type { JobRunDto } from '../../../engine/contracts/analytics.ts';
import { formatDuration } from '../dashboard/dashboard-format.ts';

export const STATUS_TEXT: Record<JobRunDto['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  abandoned: 'Abandoned',
};

/** what a job reported, as "closed 3 · warned 1"; nested values as JSON */
export function describeResult(result: JobRunDto['result']): string {
  if (!result) return '';
  return Object.entries(result)
    .map(([key, value]) => `${key} ${typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** how long it took; "" while running */
export function runTime(run: JobRunDto): string {
  return run.finishedAt === null ? '' : formatDuration((run.finishedAt - run.startedAt) / 1000);
}
