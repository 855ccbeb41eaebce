/**
 * The analytics REST API (supervisors and admins) over a small day made through the webhook and the operator
 * REST API on a real engine whose clock the test moves: two customers handed off, claimed, answered, closed
 * and surveyed (5, and 2 with a comment), one who only talked to the bot. Every figure asserted is computed
 * by hand from that timeline with docs/metrics.md. Then the CSV export (header, rows, streamed), and a clear
 * 400 for each bad input. SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type {
  AnalyticsDaysResponse,
  AnalyticsHoursResponse,
  AnalyticsLive,
  AnalyticsOperatorsResponse,
  AnalyticsSummary,
  CsatCommentsResponse,
} from '../../engine/contracts/analytics.ts';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const ANN = 'U00000000000000000000000000a11a01';
const BEN = 'U00000000000000000000000000a11a02';
const CAT = 'U00000000000000000000000000a11a03';

/** the engine's clock: only the test moves it (whole seconds, so every duration is exact) */
const start = Math.floor(Date.now() / 1000) * 1000;
let clock = start;
const advance = (seconds: number) => (clock += seconds * 1000);
/** a business time zone in which the test's few minutes stay inside one day */
const hour = new Date(start).getUTCHours();
const TIMEZONE = hour >= 1 && hour <= 21 ? 'UTC' : 'Asia/Bangkok';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(new Date(start));
const range = `from=${today}&to=${today}`;

let engine: TestEngine;
let admin: OperatorClient;
let supervisor: OperatorClient;
let nok: OperatorClient;

async function customer(userId: string, event: 'text' | 'postback', value: string): Promise<void> {
  const fake = engine.fakeLine;
  const body = fake.webhookBody([event === 'text' ? fake.textEvent(userId, value) : fake.postbackEvent(userId, value)]);
  assert.is((await engine.postWebhook(body)).status, 200);
}

async function waiting(userId: string): Promise<ConversationDto> {
  return waitFor(async () => (await nok.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === userId), `${userId} waiting`);
}

/**
 * Everything to the customer has left (sent or failed): the test's clock may move on. A reply sent after the
 * clock moved minutes ahead would find its token expired and go as a push.
 */
async function settled(userId: string): Promise<void> {
  await waitFor(async () => {
    const customerRow = await engine.baton.store.customers.findByLineUserId(userId);
    if (!customerRow) return false;
    const messages = await engine.baton.store.messages.listByCustomer(customerRow.id);
    return messages.some((m) => m.direction === 'out') && messages.every((m) => m.direction === 'in' || m.delivery_status !== 'pending');
  }, `what was sent to ${userId} to leave`);
}

/** handed off, claimed after `waitS`, answered `answerS` later, closed `closeS` later, then the survey answered */
async function handoff(userId: string, seconds: { wait: number; answer: number; close: number }, score: number, comment?: string): Promise<void> {
  await customer(userId, 'text', 'agent please');
  const conversation = await waiting(userId);
  await settled(userId);
  advance(seconds.wait);
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  advance(seconds.answer);
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Hello, how can I help?' })).status, 201);
  advance(seconds.close);
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/close`)).status, 200);
  await waitFor(async () => (await engine.baton.store.conversationEvents.listOf(conversation.id)).some((e) => e.kind === 'survey_sent'), 'the survey sent');
  await customer(userId, 'postback', `csat:csat-5:${score}`);
  await waitFor(async () => Number((await engine.baton.store.conversations.findById(conversation.id))?.csat) === score || undefined, 'the score recorded');
  if (comment !== undefined) {
    await customer(userId, 'text', comment);
    await waitFor(async () => (await engine.baton.store.conversations.findById(conversation.id))?.csat_comment === comment || undefined, 'the comment recorded');
  }
  await settled(userId);
}

test.before(async () => {
  engine = await startTestEngine({ now: () => clock, env: { BATON_ANALYTICS_TIMEZONE: TIMEZONE, BATON_CRON: 'false' } });
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
  nok = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');

  // Ann: waits 90 s, first answer at 120 s, closed at 180 s, scores 5
  await handoff(ANN, { wait: 90, answer: 30, close: 60 }, 5);
  advance(20);
  // Cat: waits 60 s, first answer at 100 s, closed at 200 s, scores 2 and says why
  await handoff(CAT, { wait: 60, answer: 40, close: 100 }, 2, 'the wait was long');
  advance(10);
  // Ben only talks to the bot
  await customer(BEN, 'text', 'hello');
  await settled(BEN);
});
test.after(() => engine.stop());

test('the summary of the day: contract fields with the figures of the timeline', async () => {
  const { status, body } = await supervisor.request<AnalyticsSummary>('GET', `/api/analytics/summary?${range}`);
  assert.is(status, 200);
  assert.is(body.from, today);
  assert.is(body.to, today);
  assert.is(body.timezone, TIMEZONE);
  assert.is(body.conversations, 3, 'three customers wrote today');
  assert.is(body.handoffs, 2);
  assert.is(body.containmentRate, 1 / 3, 'one of three never needed a human');
  assert.equal([body.waitSeconds.count, body.waitSeconds.avg, body.waitSeconds.p90], [2, 75, 90]);
  assert.equal([body.firstResponseSeconds.calendar.count, body.firstResponseSeconds.calendar.avg, body.firstResponseSeconds.calendar.p90], [2, 110, 120]);
  assert.equal([body.resolutionSeconds.calendar.count, body.resolutionSeconds.calendar.avg, body.resolutionSeconds.calendar.p90], [2, 190, 200]);
  assert.is(body.firstResponseSeconds.business.count, 2);
  assert.is(body.handled, 2);
  assert.is(body.abandoned, 0);
  assert.is(body.transfers, 0);
  assert.is(body.csatAverage, 3.5);
  assert.is(body.csatResponses, 2);
  assert.is(body.csatSatisfiedRate, 0.5);
  assert.is(body.surveysSent, 2);
  assert.is(body.csatResponseRate, 1);
  assert.is(body.fcrRate, 1, 'neither customer came back');
  // Ann: agent please + score; Cat: agent please + score + comment; Ben: hello
  assert.is(body.messagesIn, 6);
  assert.type(body.replies, 'number');
  assert.ok(body.replies >= 1, 'the bot answered with the free reply token');
  assert.ok(body.pushes >= 2, "the operator's answers, minutes after the customer wrote, went as pushes");
});

test('days, hours, the operators table, CSAT comments and the live cards agree with the summary', async () => {
  const summary = (await supervisor.request<AnalyticsSummary>('GET', `/api/analytics/summary?${range}`)).body;
  const days = (await supervisor.request<AnalyticsDaysResponse>('GET', `/api/analytics/days?${range}&by=day`)).body.days;
  assert.is(days.length, 1);
  assert.equal([days[0]?.day, days[0]?.dimension, days[0]?.key], [today, 'all', '']);
  const { from: _from, to: _to, timezone: _timezone, ...metrics } = summary;
  assert.equal(days[0]?.metrics, metrics);

  const byOperator = (await supervisor.request<AnalyticsDaysResponse>('GET', `/api/analytics/days?${range}&by=operator`)).body.days;
  assert.equal(byOperator.map((d) => [d.dimension, d.key, d.metrics.handled]), [['operator', nok.login.operator.id, 2]]);

  const hours = (await supervisor.request<AnalyticsHoursResponse>('GET', `/api/analytics/hours?${range}`)).body.hours;
  assert.equal(hours.map((h) => h.hour), Array.from({ length: 24 }, (_, i) => i));
  assert.is(hours.reduce((sum, h) => sum + h.conversations, 0), 3);
  assert.is(hours.reduce((sum, h) => sum + h.handoffs, 0), 2);
  assert.is(hours.reduce((sum, h) => sum + h.messagesIn, 0), 6);

  const operators = (await supervisor.request<AnalyticsOperatorsResponse>('GET', `/api/analytics/operators?${range}`)).body.operators;
  assert.equal(operators.map((o) => [o.operatorId, o.name, o.metrics.handled, o.metrics.csatAverage]), [[nok.login.operator.id, 'Nok', 2, 3.5]]);

  const comments = (await supervisor.request<CsatCommentsResponse>('GET', `/api/analytics/csat-comments?${range}`)).body.comments;
  assert.equal(comments.map((c) => [c.score, c.comment, c.operatorName]), [[2, 'the wait was long', 'Nok']]);
  assert.is((await supervisor.request<CsatCommentsResponse>('GET', `/api/analytics/csat-comments?${range}&operator=nobody`)).body.comments.length, 0);

  const live = (await supervisor.request<AnalyticsLive>('GET', '/api/analytics/live')).body;
  assert.equal([live.waiting, live.active, live.longestWaitSeconds], [0, 0, null]);
  assert.equal([live.today.day, live.today.conversations, live.today.handoffs, live.today.csatAverage], [today, 3, 2, 3.5]);
  assert.is(live.at, clock);
});

test('supervisors and admins read analytics; operators are refused and anonymous callers must sign in', async () => {
  const paths = ['summary', 'days', 'hours', 'operators', 'csat-comments', 'export.csv'].map((p) => `/api/analytics/${p}?${range}`).concat('/api/analytics/live');
  for (const path of paths) {
    assert.is((await fetch(`${engine.baseUrl}${path}`)).status, 401, path);
    assert.is((await fetch(`${engine.baseUrl}${path}`, { headers: { authorization: `Bearer ${nok.token}` } })).status, 403, path);
    for (const who of [supervisor, admin]) {
      const response = await fetch(`${engine.baseUrl}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
      assert.is(response.status, 200, path);
      await response.arrayBuffer();
    }
  }
});

async function csv(query: string): Promise<{ response: Response; lines: string[] }> {
  const response = await fetch(`${engine.baseUrl}/api/analytics/export.csv?${query}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
  const text = await response.text();
  return { response, lines: text.split('\r\n').filter((line) => line !== '') };
}

test('the CSV export: an attachment, the header first, one row per day with the metrics in their columns', async () => {
  const { response, lines } = await csv(range);
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.is(response.headers.get('content-disposition'), `attachment; filename="baton-analytics-day-${today}-${today}.csv"`);
  assert.is(lines.length, 2);
  const header = lines[0]?.split(',') ?? [];
  assert.equal(header.slice(0, 6), ['day', 'dimension', 'key', 'conversations', 'handoffs', 'containment_rate']);
  const row = Object.fromEntries(header.map((name, i) => [name, lines[1]?.split(',')[i]]));
  assert.equal([row.day, row.dimension, row.key], [today, 'all', '']);
  assert.equal([row.conversations, row.handoffs, row.handled, row.csat_average, row.csat_responses], ['3', '2', '2', '3.5', '2']);
  assert.equal([row.wait_seconds_avg, row.first_response_seconds_avg, row.first_response_seconds_p90, row.resolution_seconds_avg], ['75', '110', '120', '190']);
  assert.equal([row.abandonment_rate, row.transfers, row.messages_in], ['0', '0', '6']);

  const byOperator = await csv(`${range}&by=operator`);
  assert.is(byOperator.response.headers.get('content-disposition'), `attachment; filename="baton-analytics-operator-${today}-${today}.csv"`);
  assert.is(byOperator.lines.length, 2);
  const operatorRow = Object.fromEntries(header.map((name, i) => [name, byOperator.lines[1]?.split(',')[i]]));
  assert.equal([operatorRow.dimension, operatorRow.key, operatorRow.handled, operatorRow.containment_rate], ['operator', nok.login.operator.id, '2', '']);

  // filtered as the dashboard is: the day of one operator, and nobody's
  const filtered = await csv(`${range}&operator=${nok.login.operator.id}`);
  const filteredRow = Object.fromEntries(header.map((name, i) => [name, filtered.lines[1]?.split(',')[i]]));
  assert.equal([filteredRow.dimension, filteredRow.key, filteredRow.handled], ['operator', nok.login.operator.id, '2']);
  const nobody = await csv(`${range}&by=operator&operator=nobody`);
  assert.equal(nobody.lines, [lines[0]], 'the header alone');
});

test('an export of 400 days streams: chunked, no Content-Length, a row for each day', async () => {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 399 * 86_400_000).toISOString().slice(0, 10);
  const { response, lines } = await csv(`from=${from}&to=${today}`);
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-length'), null);
  assert.is(response.headers.get('transfer-encoding'), 'chunked');
  assert.is(lines.length, 401);
  assert.ok(lines[1]?.startsWith(`${from},all,,0,0,`), 'the first day, empty');
  assert.ok(lines[400]?.startsWith(`${today},all,,3,2,`), 'today last');
});

test('bad input answers 400 naming what is wrong, before anything is read', async () => {
  const cases: [string, RegExp][] = [
    ['summary', /from: required/],
    [`summary?from=${today}`, /to: required/],
    [`summary?from=2026-02-30&to=${today}`, /from: expected a date/],
    [`summary?from=${today}&to=tomorrow`, /to: expected a date/],
    ['summary?from=2026-03-02&to=2026-03-01', /after/],
    ['days?from=2025-01-01&to=2026-03-01', /at most 400 days/],
    [`days?${range}&by=week`, /by: expected one of day, team, operator/],
    [`summary?${range}&team=support&operator=${'x'}`, /team or by operator/],
    [`csat-comments?${range}&limit=0`, /limit/],
    [`csat-comments?${range}&limit=201`, /limit/],
    [`hours?from=${today}&from=${today}&to=${today}`, /from: give it once/],
    ['export.csv?from=2025-01-01&to=2026-03-01', /at most 400 days/],
    [`export.csv?${range}&by=channel`, /by: expected one of/],
    [`export.csv?${range}&by=team&operator=x`, /cannot be filtered by operator/],
  ];
  for (const [path, message] of cases) {
    const response = await supervisor.request<{ error: { code: string; message: string } }>('GET', `/api/analytics/${path}`);
    assert.is(response.status, 400, path);
    assert.match(response.body.error.message, message, path);
  }
});

test.run();
