/**
 * The chat services record what happens to a handoff as it happens (conversation_events, in the same
 * transaction), through a real engine: queue, claim, transfer, return, a supervisor's assignment, close
 * and the survey; today's live figures count it; the nightly rollup is registered and runs through the
 * JobRunner. SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationResponse } from '../../engine/contracts/rest.ts';
import { AnalyticsService } from '../../engine/services/analytics/analytics.service.ts';
import { DaySource } from '../../engine/services/analytics/day-source.ts';
import type { JobRunRow } from '../../engine/store/repositories/job-runs.repo.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U5bf4980629a1b2c3d4e5f60718293a4c';
let engine: TestEngine;
let admin: OperatorClient;
let conversation: ConversationDto;
let second: string;

test.before(async () => {
  engine = await startTestEngine();
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
  await addOperator(engine.baton.store, { email: 'second@example.com', password: 'second-operator-pw', name: 'Second' });
  second = (await engine.baton.store.operators.findByEmail('second@example.com'))?.id ?? '';
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

const kinds = async () => (await engine.baton.store.conversationEvents.listOf(conversation.id)).map((e) => [e.kind, e.operator_id, e.from_operator_id]);

test('a handoff is recorded as queued', async () => {
  await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, 'agent please')]));
  conversation = await admin.waitForConversation((c) => c.status === 'WAITING', 'a waiting conversation');
  assert.equal(await kinds(), [['queued', null, null]]);
});

test('claim, transfer, return to the queue and a supervisor assignment are each recorded with who', async () => {
  const me = admin.login.operator.id;
  const post = (path: string, body?: unknown) => admin.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/${path}`, body);
  assert.is((await post('claim')).status, 200);
  assert.is((await post('transfer', { operatorId: second })).status, 200);
  assert.is((await post('transfer')).status, 200);
  assert.is((await post('transfer', { operatorId: second })).status, 200);
  assert.equal(await kinds(), [
    ['queued', null, null],
    ['claimed', me, null],
    ['transferred', second, me],
    ['returned', second, null],
    // from the queue to someone: it left the queue, as a claim does
    ['claimed', second, null],
  ]);
});

test('closing records the close with the operator who had it, and the survey the flow sends', async () => {
  assert.is((await admin.request('POST', `/api/conversations/${conversation.id}/close`)).status, 200);
  const events = await waitFor(async () => {
    const list = await kinds();
    return list.length === 7 ? list : undefined;
  }, 'the close and survey events');
  assert.equal(events.slice(5), [['closed', second, null], ['survey_sent', second, null]]);
});

test("today's live figures count the handoff from the raw tables", async () => {
  const source = new DaySource(engine.baton.store, async () => new Map(), { timezone: 'UTC', calendarId: null, cronTimezone: null, fcrWindowHours: 24 });
  const live = await new AnalyticsService(engine.baton.store, source, Date.now).live(Date.now());
  assert.is(live.waiting, 0);
  assert.is(live.active, 0);
  assert.is(live.longestWaitSeconds, null);
  assert.is(live.today.day, new Date().toISOString().slice(0, 10));
  assert.is(live.today.handoffs, 1);
  assert.is(live.today.conversations, 1);
  assert.is(live.today.containmentRate, 0);
});

test('the nightly rollup is a cron job run once per slot through the JobRunner: yesterday and the day before', async () => {
  assert.is(await engine.baton.runJob('analytics-rollup'), 'done');
  const [run] = (await engine.baton.store.jobRuns.list('analytics-rollup')) as JobRunRow[];
  assert.is(run?.status, 'done');
  assert.equal(JSON.parse(run?.result ?? 'null'), { days: 2, rows: 2 });
});

test.run();
