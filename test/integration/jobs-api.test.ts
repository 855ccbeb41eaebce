/**
 * Studio › Jobs over REST: the jobs an engine runs with their schedules and last runs, the history of runs,
 * and "run now" (admins only): recorded in job_runs with the admin who asked, refused while a run of the job
 * goes on on any engine, audited. A real engine with its schedules off (BATON_CRON=false), so every run the
 * tests see is one they started. SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JobRunDto, JobRunsResponse, JobsResponse } from '../../engine/contracts/analytics.ts';
import type { AuditListResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
let supervisor: OperatorClient;
let operator: OperatorClient;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_CRON: 'false', BATON_CRON_TIMEZONE: 'Asia/Bangkok' } });
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
  operator = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
});
test.after(() => engine.stop());

async function finished(job: string, id: number): Promise<JobRunDto> {
  return waitFor(async () => {
    const { body } = await supervisor.request<JobRunsResponse>('GET', `/api/jobs/runs?job=${job}`);
    const run = body.runs.find((r) => r.id === id);
    return run && run.status !== 'running' ? run : undefined;
  }, `run ${id} of ${job} to finish`);
}

test('supervisors list every registered job with its schedule, time zone and last run; operators may not', async () => {
  const { status, body } = await supervisor.request<JobsResponse>('GET', '/api/jobs');
  assert.is(status, 200);
  const byName = new Map(body.jobs.map((job) => [job.name, job]));
  for (const name of ['retention', 'auto-close', 'queue-timeouts']) {
    const job = byName.get(name);
    assert.ok(job, `${name} is listed`);
    assert.is(job?.timezone, 'Asia/Bangkok');
    assert.is(job?.lastRun, null, 'nothing has run yet: the schedules are off');
  }
  assert.is(byName.get('retention')?.schedule, '30 3 * * *');
  assert.is(byName.get('auto-close')?.schedule, '* * * * *');
  assert.is((await operator.request('GET', '/api/jobs')).status, 403);
  assert.is((await operator.request('GET', '/api/jobs/runs')).status, 403);
});

test('an admin runs a job now: 202 with the run, recorded with who asked, done in the history and as the last run, audited', async () => {
  const before = Date.now();
  const response = await admin.request<{ run: JobRunDto }>('POST', '/api/jobs/retention/run');
  assert.is(response.status, 202);
  const { run } = response.body;
  assert.is(run.job, 'retention');
  assert.is(run.status, 'running');
  assert.is(run.startedBy, admin.login.operator.id);
  assert.is(run.instanceId, engine.baton.instanceId, 'it runs on the engine asked');
  assert.ok(run.scheduledFor >= before, 'a slot of its own, now');

  const done = await finished('retention', run.id);
  assert.is(done.status, 'done');
  assert.is(done.startedBy, admin.login.operator.id);
  assert.type(done.finishedAt, 'number');
  assert.is(typeof done.result?.deletedWebhookEvents, 'number', "the job's own report");

  const stored = await engine.baton.store.jobRuns.list('retention');
  assert.is(stored.length, 1);
  assert.is(stored[0]?.started_by, admin.login.operator.id);

  const jobs = (await supervisor.request<JobsResponse>('GET', '/api/jobs')).body.jobs;
  assert.equal(jobs.find((j) => j.name === 'retention')?.lastRun, done);
  const all = (await supervisor.request<JobRunsResponse>('GET', '/api/jobs/runs')).body.runs;
  assert.equal(all[0], done, 'the latest of all jobs first');

  const audit = (await admin.request<AuditListResponse>('GET', '/api/audit?action=job.run')).body.entries;
  assert.is(audit.length, 1);
  assert.is(audit[0]?.targetId, 'retention');
  assert.is(audit[0]?.actorId, admin.login.operator.id);
  assert.equal(audit[0]?.details, { runId: run.id });
});

test('a run now is refused with 409 while a run of the job goes on on another engine, and allowed once it ended', async () => {
  const other = await engine.baton.store.jobRuns.start('auto-close', Date.now(), 'another-engine', Date.now(), 60_000);
  assert.ok('started' in other);
  const refused = await admin.request<{ error: { code: string; message: string } }>('POST', '/api/jobs/auto-close/run');
  assert.is(refused.status, 409);
  assert.is(refused.body.error.code, 'job_running');
  assert.match(refused.body.error.message, /auto-close/);
  if ('started' in other) await engine.baton.store.jobRuns.finish(other.started.id, { status: 'done', result: {} }, Date.now());

  const allowed = await admin.request<{ run: JobRunDto }>('POST', '/api/jobs/auto-close/run');
  assert.is(allowed.status, 202);
  assert.is((await finished('auto-close', allowed.body.run.id)).status, 'done');
});

test('unknown jobs answer 404; bad limits 400; operators and supervisors may not run a job', async () => {
  const unknown = await admin.request<{ error: { code: string } }>('POST', '/api/jobs/no-such-job/run');
  assert.is(unknown.status, 404);
  assert.is(unknown.body.error.code, 'not_found');
  assert.is((await supervisor.request('GET', '/api/jobs/runs?job=no-such-job')).status, 404);
  for (const limit of ['0', '201', 'ten', '1.5']) {
    const answer = await supervisor.request<{ error: { code: string; message: string } }>('GET', `/api/jobs/runs?limit=${limit}`);
    assert.is(answer.status, 400, `limit=${limit}`);
    assert.match(answer.body.error.message, /limit/);
  }
  assert.is((await supervisor.request<JobRunsResponse>('GET', '/api/jobs/runs?limit=1')).body.runs.length, 1);
  for (const who of [operator, supervisor]) assert.is((await who.request('POST', '/api/jobs/retention/run')).status, 403);
  assert.is((await engine.baton.store.jobRuns.list('retention')).length, 1, 'the refused presses ran nothing');
});

test.run();
