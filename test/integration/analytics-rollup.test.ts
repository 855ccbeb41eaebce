/**
 * The metric definitions and the rollup on a real database, against figures computed by hand
 * (docs/metrics.md): days in Asia/Bangkok, a conversation spanning midnight, business hours with a
 * split shift and a holiday, a transfer, a return to the queue, a reopen, a survey with no answer,
 * an abandonment; the rollup's idempotence, a failing rollup, the CLI backfill. SQLite and Postgres
 * (BATON_TEST_DB). Fixtures go in through the repositories, as the chat services write them.
 */
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runAnalyticsCommand } from '../../engine/cli/analytics-command.ts';
import type { BusinessHoursDocument } from '../../engine/domain/flow/flow-document.ts';
import { UserError } from '../../engine/errors.ts';
import type { AnalyticsSettings } from '../../engine/services/analytics/analytics-clock.ts';
import { AnalyticsService } from '../../engine/services/analytics/analytics.service.ts';
import { DaySource } from '../../engine/services/analytics/day-source.ts';
import { RollupService } from '../../engine/services/analytics/rollup.service.ts';
import type { ConversationEventKind } from '../../engine/store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../engine/store/repositories/conversations.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { officeCalendar } from '../support/flow-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let store: Store;

/** Monday 5 January 2026 (A), Tuesday 6 (B), Wednesday 7 (C, a holiday) in Bangkok */
const A = '2026-01-05';
const B = '2026-01-06';
const C = '2026-01-07';
const NOW = Date.parse('2026-02-01T12:00:00+07:00');
const at = (local: string) => Date.parse(`${local}:00+07:00`);
const calendar: BusinessHoursDocument = { ...officeCalendar, holidays: [{ date: C, name: 'a holiday' }] };
const settings: AnalyticsSettings = { timezone: null, calendarId: null, cronTimezone: null, fcrWindowHours: 24 };

function services(overrides: Partial<AnalyticsSettings> = {}, on: Store = store) {
  const source = new DaySource(on, async () => new Map([[calendar.id, calendar]]), { ...settings, ...overrides });
  return { analytics: new AnalyticsService(on, source, () => NOW), rollup: new RollupService(on, source, () => NOW) };
}

const operators = { a: 'op-a', b: 'op-b' };

async function customer(lineUserId: string): Promise<string> {
  return (await store.customers.findOrCreate(lineUserId, at(`${A}T00:00`))).customer.id;
}

async function message(customerId: string, conversationId: string | null, direction: 'in' | 'out', local: string, sent?: 'reply' | 'push', operatorId: string | null = null) {
  const row = await store.messages.insert({
    customer_id: customerId, conversation_id: conversationId, direction, sender_kind: direction === 'in' ? 'customer' : 'operator', operator_id: operatorId,
    type: 'text', text: 'hi', payload: '{}', line_message_id: null, webhook_event_id: null, delivery_status: direction === 'in' ? 'received' : 'pending',
    retry_key: null, reply_token: null, reply_token_expires_at: null, created_at: at(local),
  });
  if (sent) await store.messages.markSent([row.id], sent, at(local));
}

async function event(conversation: ConversationRow, kind: ConversationEventKind, local: string, operatorId: string | null, from: string | null = null) {
  await store.conversationEvents.record({ conversation_id: conversation.id, kind, operator_id: operatorId, from_operator_id: from, team: conversation.team, at: at(local) });
}

async function handoff(customerId: string, team: string | null, local: string): Promise<ConversationRow> {
  await message(customerId, null, 'in', local);
  const routing = { queueId: null, routingId: null, team, skills: [], priority: 0, strategy: 'round-robin' as const };
  const row = await store.conversations.create({ customerId, flowVersion: null, onCloseStep: null, routing, now: at(local) });
  await event(row, 'queued', local, null);
  return row;
}

async function claim(row: ConversationRow, operatorId: string, local: string) {
  await store.conversations.claim(row.id, operatorId, at(local));
  await event(row, 'claimed', local, operatorId);
}

async function answer(row: ConversationRow, operatorId: string, local: string, via: 'reply' | 'push') {
  await message(row.customer_id, row.id, 'out', local, via, operatorId);
  await store.conversations.markOperatorActivity(row.id, at(local));
}

async function close(row: ConversationRow, local: string, operatorId: string | null) {
  await store.conversations.close(row.id, 'closed-by-operator', at(local));
  await event(row, 'closed', local, operatorId);
}

test.before(async () => {
  database = await createTestDatabase();
  store = await openTestStore(database);
  for (const [name, id] of Object.entries(operators)) {
    await store.operators.insert({ id, email: `${name}@example.com`, name: `Operator ${name.toUpperCase()}`, role: 'operator', skills: '[]', capacity: 5, presence: 'offline', password_hash: 'x', totp_secret: null, created_at: 0, teams: name === 'a' ? '["sales"]' : '["support"]' });
  }
  const [c1, c2, c3, c4, c5] = await Promise.all(['U1', 'U2', 'U3', 'U4', 'U5'].map(customer)) as [string, string, string, string, string];

  // K1 spans midnight: queued Monday 23:50, claimed Tuesday 00:10 (wait 1200 s), answered 00:15, closed 09:30, rated 5
  const k1 = await handoff(c1, 'sales', `${A}T23:50`);
  await claim(k1, operators.a, `${B}T00:10`);
  await answer(k1, operators.a, `${B}T00:15`, 'reply');
  await close(k1, `${B}T09:30`, operators.a);
  await event(k1, 'survey_sent', `${B}T09:30`, operators.a);
  await store.conversations.recordCsat(k1.id, 5, 'quick and kind');

  // K2: claimed after 120 s, answered after 180 s, transferred A -> B, closed 11:00; surveyed, never answered
  const k2 = await handoff(c2, 'sales', `${B}T10:00`);
  await claim(k2, operators.a, `${B}T10:02`);
  await answer(k2, operators.a, `${B}T10:03`, 'push');
  await store.conversations.assign(k2.id, operators.b, at(`${B}T10:30`));
  await event(k2, 'transferred', `${B}T10:30`, operators.b, operators.a);
  await close(k2, `${B}T11:00`, operators.b);
  await event(k2, 'survey_sent', `${B}T11:00`, operators.b);

  // K3: nobody claims it; the customer goes back to the bot at 12:10 (abandoned)
  const k3 = await handoff(c3, 'support', `${B}T11:50`);
  await close(k3, `${B}T12:10`, null);

  // K4: c2 back at 20:00, 9 h after K2 closed (reopened; K2 not resolved at first contact); B claims
  // after 300 s and gives it back, A claims it again (not a first claim) and closes it on the holiday
  const k4 = await handoff(c2, 'sales', `${B}T20:00`);
  await claim(k4, operators.b, `${B}T20:05`);
  await store.conversations.assign(k4.id, null, at(`${B}T20:10`));
  await event(k4, 'returned', `${B}T20:10`, operators.b);
  await claim(k4, operators.a, `${B}T20:20`);
  await answer(k4, operators.a, `${B}T20:25`, 'push');
  await close(k4, `${C}T10:00`, operators.a);

  // c4 talks to the bot only
  await message(c4, null, 'in', `${B}T08:00`);
  await message(c4, null, 'in', `${B}T08:05`);

  // K5 (no team) over the lunch break: answered 13:30, closed 14:00, rated 3
  const k5 = await handoff(c5, null, `${B}T11:30`);
  await claim(k5, operators.b, `${B}T11:31`);
  await answer(k5, operators.b, `${B}T13:30`, 'push');
  await close(k5, `${B}T14:00`, operators.b);
  await event(k5, 'survey_sent', `${B}T14:00`, operators.b);
  await store.conversations.recordCsat(k5.id, 3, null);
});

test.after(async () => {
  await store.close();
  await database.drop();
});

test('a day overall, by the definitions: customer-days, containment, waits, first response and resolution over calendar and business hours', async () => {
  const day = await services().analytics.summary({ from: B, to: B }, {}, NOW);
  assert.is(day.timezone, 'Asia/Bangkok', 'the calendar names the zone');
  assert.is(day.conversations, 4, 'c2, c3, c4, c5 sent something on Tuesday (c1 only on Monday)');
  assert.is(day.handoffs, 4, 'K2, K3, K4, K5');
  assert.is(day.containmentRate, 0.25, 'c4 of 4 stayed with the bot');
  // first claims on Tuesday: K1 1200 (queued Monday), K2 120, K4 300, K5 60; K4's second claim does not count.
  // p50 is the 2nd of 4: 120, in the bucket (115, 121]; p90 the 4th: 1200, capped by the longest seen
  assert.equal(day.waitSeconds, { count: 4, avg: 420, p50: 121, p90: 1200 });
  assert.is(day.abandoned, 1);
  assert.is(day.abandonmentRate, 1 / 5);
  // K1 1500 (0 open: night), K2 180 (180), K4 1500 (0: evening), K5 7200 (3600: lunch break out);
  // p50 the 2nd of 4: 1500, in the bucket (1491, 1566]
  assert.equal(day.firstResponseSeconds.calendar, { count: 4, avg: 2595, p50: 1566, p90: 7200 });
  assert.equal(day.firstResponseSeconds.business, { count: 4, avg: 945, p50: 0, p90: 3600 });
  // handled and closed Tuesday: K1 34800 (1800 open), K2 3600 (3600), K5 9000 (5400)
  assert.is(day.handled, 3);
  assert.is(day.resolutionSeconds.calendar.avg, 15800);
  assert.is(day.resolutionSeconds.business.avg, 3600);
  assert.is(day.transfers, 2, "K2's transfer and K4's return");
  assert.is(day.reopened, 1, 'K4, 9 h after K2 closed');
  assert.is(day.csatAverage, 4);
  assert.is(day.csatResponses, 2);
  assert.is(day.csatSatisfiedRate, 0.5);
  assert.is(day.surveysSent, 3);
  assert.is(day.csatResponseRate, 2 / 3, "K2's survey has no answer");
  assert.is(day.fcrRate, 2 / 3, 'K2 came back within 24 h');
  assert.is(day.messagesIn, 6);
  assert.is(day.messagesOut, 4);
  assert.is(day.replies, 1);
  assert.is(day.pushes, 3);
});

test('a conversation spanning midnight counts its handoff on the first day and its claim on the second', async () => {
  const { analytics } = services();
  const monday = await analytics.summary({ from: A, to: A }, {}, NOW);
  assert.is(monday.handoffs, 1);
  assert.is(monday.conversations, 1);
  assert.is(monday.waitSeconds.count, 0);
  const both = await analytics.summary({ from: A, to: B }, {}, NOW);
  assert.is(both.handoffs, 5);
  assert.is(both.conversations, 5, 'customer-days add up');
  assert.is(both.waitSeconds.count, 4, 'K1 waited once');
});

test('the business time zone decides the day: in UTC the K1 claim (17:10 UTC Monday) counts on Monday', async () => {
  const utc = services({ timezone: 'UTC' }).analytics;
  assert.is((await utc.summary({ from: A, to: A }, {}, NOW)).waitSeconds.count, 1);
  assert.is((await utc.summary({ from: B, to: B }, {}, NOW)).waitSeconds.count, 3);
});

test('a holiday is closed all day: K4 resolved on it took 14 h of calendar time and no business time', async () => {
  const holiday = await services().analytics.summary({ from: C, to: C }, {}, NOW);
  assert.is(holiday.handled, 1);
  assert.equal(holiday.resolutionSeconds.calendar, { count: 1, avg: 50400, p50: 50400, p90: 50400 });
  assert.equal(holiday.resolutionSeconds.business, { count: 1, avg: 0, p50: 0, p90: 0 });
  assert.is(holiday.fcrRate, 1);
});

test('per team and per operator: team handoffs, operators credited with what they took and gave away', async () => {
  const { analytics } = services();
  const sales = await analytics.summary({ from: B, to: B }, { team: 'sales' }, NOW);
  assert.is(sales.handoffs, 2);
  assert.is(sales.conversations, 2);
  assert.is(sales.containmentRate, null);
  assert.is(sales.waitSeconds.count, 3, 'K1, K2, K4');
  const support = await analytics.summary({ from: B, to: B }, { team: 'support' }, NOW);
  assert.is(support.abandoned, 1);
  assert.is(support.abandonmentRate, 1);

  const table = await analytics.operators({ from: B, to: B }, {}, NOW);
  const a = table.find((o) => o.operatorId === operators.a);
  const b = table.find((o) => o.operatorId === operators.b);
  assert.is(a?.name, 'Operator A');
  assert.is(a?.metrics.conversations, 3, 'K1, K2, K4 (again)');
  assert.is(a?.metrics.waitSeconds.count, 2);
  assert.is(a?.metrics.transfers, 1, 'gave K2 away');
  assert.is(a?.metrics.handled, 1);
  assert.is(a?.metrics.abandonmentRate, null);
  assert.is(b?.metrics.conversations, 3, 'K2 (transfer), K4, K5');
  assert.is(b?.metrics.transfers, 1, 'returned K4');
  assert.is(b?.metrics.handled, 2);
  assert.is(b?.metrics.csatAverage, 3);
  const salesOnly = await analytics.operators({ from: B, to: B }, { team: 'sales' }, NOW);
  assert.equal(salesOnly.map((o) => o.operatorId), [operators.a], 'members of the team only');
});

test('hours of day in the business time zone, and days by team', async () => {
  const { analytics } = services();
  const hours = await analytics.hours({ from: B, to: B }, {}, NOW);
  assert.is(hours.length, 24);
  assert.equal(hours.filter((h) => h.handoffs > 0).map((h) => [h.hour, h.handoffs]), [[10, 1], [11, 2], [20, 1]]);
  assert.equal(hours.filter((h) => h.conversations > 0).map((h) => [h.hour, h.conversations]), [[8, 1], [10, 1], [11, 2]]);
  const byTeam = await analytics.days({ from: A, to: B }, 'team', {}, NOW);
  assert.equal(byTeam.map((d) => [d.day, d.key, d.metrics.handoffs]), [[A, 'sales', 1], [B, 'sales', 2], [B, 'support', 1]]);
  const byDay = await analytics.days({ from: A, to: C }, 'day', {}, NOW);
  assert.equal(byDay.map((d) => d.metrics.handoffs), [1, 4, 0], 'every day of the range, empty ones included');
});

test('CSAT comments of the range, newest first, with names', async () => {
  const comments = await services().analytics.csatComments({ from: A, to: C }, {}, 10);
  assert.equal(comments.map((c) => [c.score, c.comment, c.operatorName]), [[5, 'quick and kind', 'Operator A']]);
});

test('rolled-up rows give the same figures as the raw tables, and rerunning a rollup gives identical rows', async () => {
  const { analytics, rollup } = services();
  const live = await analytics.summary({ from: A, to: C }, {}, NOW);
  // Monday: all, sales; Tuesday: all, sales, support, A, B; Wednesday: all, sales, A
  assert.equal(await rollup.rollup({ from: A, to: C }), { days: 3, rows: 2 + 5 + 3 });
  const first = await store.analytics.rows(A, C, 'all');
  const firstOps = await store.analytics.rows(A, C, 'operator');
  assert.equal(await analytics.summary({ from: A, to: C }, {}, NOW), live, 'stored days read back the same');
  await rollup.rollup({ from: A, to: C });
  const strip = (rows: { computed_at: number }[]) => rows.map(({ computed_at: _, ...row }) => row);
  assert.equal(strip(await store.analytics.rows(A, C, 'all')), strip(first));
  assert.equal(strip(await store.analytics.rows(A, C, 'operator')), strip(firstOps));
});

test('a rollup that fails while writing a day leaves that day as it was', async () => {
  const before = await store.analytics.rows(B, B, 'all');
  // a change the failed rollup would have written
  const k2 = (await store.conversations.list({ status: 'CLOSED', limit: 50 })).find((c) => c.csat === null && c.team === 'sales' && c.operator_id === operators.b);
  assert.ok(k2);
  await store.conversations.recordCsat(k2.id, 1, null);
  const failing: Store = {
    ...store,
    transaction: (fn) =>
      store.transaction((tx) =>
        fn({
          ...tx,
          analytics: Object.assign(Object.create(Object.getPrototypeOf(tx.analytics) as object) as typeof tx.analytics, tx.analytics, {
            async replaceDay(day: string, rows: Parameters<typeof tx.analytics.replaceDay>[1]) {
              await tx.analytics.replaceDay(day, rows);
              throw new Error('the disk filled up');
            },
          }),
        }),
      ),
  };
  const failed = await services({}, failing).rollup.rollup({ from: B, to: B }).then(() => null, (error: unknown) => error);
  assert.match(String(failed), /disk filled up/);
  assert.equal(await store.analytics.rows(B, B, 'all'), before);
  await services().rollup.rollup({ from: B, to: B });
  assert.is(JSON.parse((await store.analytics.rows(B, B, 'all'))[0]?.metrics ?? '{}').csatResponses, 3, 'a rollup that succeeds writes the change');
});

test('a bad range is a 400: not a date, from after to, longer than 400 days, today or later for a rollup', async () => {
  const { analytics, rollup } = services();
  const status = async (work: () => Promise<unknown>) => {
    try {
      await work();
      return 'resolved';
    } catch (error) {
      return error instanceof UserError ? `${error.status} ${error.code}` : String(error);
    }
  };
  assert.is(await status(() => analytics.summary({ from: '2026-02-30', to: B }, {}, NOW)), '400 bad_date');
  assert.is(await status(() => analytics.summary({ from: B, to: A }, {}, NOW)), '400 bad_range');
  assert.is(await status(() => analytics.summary({ from: '2025-01-01', to: '2026-02-05' }, {}, NOW)), '400 bad_range');
  assert.is(await status(() => analytics.summary({ from: A, to: B }, { team: 'sales', operator: operators.a }, NOW)), '400 bad_filter');
  assert.is(await status(() => rollup.rollup({ from: A, to: '2026-02-01' })), '400 bad_range');
});

test('the CLI backfills a range against DATABASE_URL and refuses a bad one with exit code 2', async () => {
  const env = { DATABASE_URL: process.env.DATABASE_URL, BATON_ANALYTICS_TIMEZONE: process.env.BATON_ANALYTICS_TIMEZONE };
  process.env.DATABASE_URL = database.url;
  process.env.BATON_ANALYTICS_TIMEZONE = 'Asia/Bangkok';
  try {
    await store.transaction((tx) => tx.analytics.replaceDay(A, []));
    const out = new PassThrough();
    const err = new PassThrough();
    assert.is(await runAnalyticsCommand(['rollup', '--from', A, '--to', A], out, err), 0);
    assert.match(String(out.read()), /rolled up 1 day\(s\), 2 row\(s\), 2026-01-05 to 2026-01-05 \(Asia\/Bangkok\)/);
    assert.is(JSON.parse((await store.analytics.rows(A, A, 'all'))[0]?.metrics ?? '{}').handoffs, 1);
    assert.is(await runAnalyticsCommand(['rollup', '--from', B, '--to', A], out, err), 2);
    assert.match(String(err.read()), /from \(2026-01-06\) is after to \(2026-01-05\)/);
  } finally {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test.run();
