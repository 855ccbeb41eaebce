import type { JobRunDto, JobRunsResponse, JobsResponse } from '../../../engine/contracts/analytics.ts';
import { request } from './api-client.ts';

/** POST /api/jobs/:name/run answers 202 with the run it started */
interface JobRunStartedResponse {
  run: JobRunDto;
}

/** GET /api/jobs and its runs (supervisors and admins); starting a run is for admins. */
export const jobs = {
  list: (signal?: AbortSignal) => request<JobsResponse>('GET', '/api/jobs', { signal }),
  /** newest first */
  runs: (job: string, limit: number, signal?: AbortSignal) =>
    request<JobRunsResponse>('GET', `/api/jobs/runs?${new URLSearchParams({ job, limit: String(limit) })}`, { signal }),
  runNow: async (job: string): Promise<JobRunDto> =>
    (await request<JobRunStartedResponse>('POST', `/api/jobs/${encodeURIComponent(job)}/run`)).run,
};
