import { msg } from '@lit/localize';
import type { JobRunDto } from '../../../engine/contracts/analytics.ts';
import { formatDuration } from '../dashboard/dashboard-format.ts';

/** a run's status in words (asked at each render: msg() answers in the language of the moment) */
export const statusText = (status: JobRunDto['status']): string =>
  ({
    running: msg('Running'),
    done: msg('Done'),
    failed: msg('Failed'),
    abandoned: msg('Abandoned', { id: 'run-abandoned', desc: 'a job run the engine gave up on' }),
  })[status];

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
