/**
 * Cron jobs over REST (Studio › Jobs): the jobs this engine runs with their schedules and last runs, the
 * history of runs, and "run now" for admins: the job runs at once on the engine asked, through its JobRunner
 * (recorded in job_runs with who asked, never beside a run of the same job on any engine), and is audited.
 */
import Router from '@koa/router';
import type { JobDto, JobRunDto, JobRunsResponse, JobsResponse } from '../../contracts/analytics.ts';
import { conflict, notFound, unavailable } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { AuditAction, type AuditService } from '../../services/audit/audit.service.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { JobRunRow } from '../../store/repositories/job-runs.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';
import type { JobRunner } from '../cron/job-runner.ts';
import { authorize, type AuthState } from './authorize.ts';
import { queryInteger, queryText } from './query-params.ts';

const RUNS_PAGE = { min: 1, max: 200, fallback: 50 };

export const toJobRunDto = (row: JobRunRow): JobRunDto => ({
  id: row.id,
  job: row.job,
  scheduledFor: row.scheduled_for,
  status: row.status,
  instanceId: row.instance_id,
  startedBy: row.started_by,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  result: parseJson<Record<string, unknown> | null>(row.result, null),
  error: row.error,
});

export function jobRoutes(sessions: SessionService, logger: Logger, runner: JobRunner, store: Store, audit: AuditService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/jobs' });
  router.use(authorize(sessions, logger));
  const known = (name: string) => runner.registered().some((job) => job.name === name);

  router.get('/', async (ctx) => {
    const jobs = await Promise.all(
      runner.registered().map(async (job): Promise<JobDto> => {
        const last = await store.jobRuns.latest(job.name);
        return { name: job.name, schedule: job.schedule, timezone: runner.timezone, lastRun: last ? toJobRunDto(last) : null };
      }),
    );
    const answer: JobsResponse = { jobs };
    ctx.body = answer;
  });

  router.get('/runs', async (ctx) => {
    const job = queryText(ctx.query, 'job', 64);
    const limit = queryInteger(ctx.query, 'limit', RUNS_PAGE);
    if (job !== undefined && !known(job)) throw notFound(`Job "${job}"`);
    const rows = job === undefined ? await store.jobRuns.recent(limit) : await store.jobRuns.list(job, limit);
    const answer: JobRunsResponse = { runs: rows.map(toJobRunDto) };
    ctx.body = answer;
  });

  router.post('/:name/run', async (ctx) => {
    const name = ctx.params.name ?? '';
    const outcome = await runner.runNow(name, ctx.state.principal.operatorId);
    if ('refused' in outcome) {
      switch (outcome.refused) {
        case 'unknown':
          throw notFound(`Job "${name.slice(0, 64)}"`);
        case 'stopped':
          throw unavailable('This engine is shutting down: try again in a moment');
        case 'still-running':
        case 'taken':
          throw conflict('job_running', `"${name}" is running already: wait for it to finish`);
      }
    }
    const run = toJobRunDto(outcome.started);
    await audit.record({ action: AuditAction.JOB_RUN, actor: actorOf(ctx.state.principal), target: { type: 'job', id: name }, details: { runId: run.id } });
    ctx.status = 202;
    ctx.body = { run };
  });
  return router;
}
