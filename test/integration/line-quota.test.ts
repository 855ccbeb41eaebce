/**
 * LINE's monthly message quota as admins see it (GET /api/line/quota, docs/line-quota.md), on an engine whose
 * clock stands still at 12:00 Japan time on 11 March 2031 (10.5 days into LINE's month, 20.5 days left) and a
 * fake LINE whose quota figures the test sets: LINE's figures shown; Baton's own pushes counted per request in
 * LINE's (Japan-time) month; the forecast from those figures; the warning and its one audit entry per
 * crossing; a failing LINE leaves the last figures marked stale; operators are refused. SQLite and Postgres.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LineQuotaDto } from '../../engine/contracts/line-quota.ts';
import type { AuditEntryDto } from '../../engine/contracts/rest.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { startTestEngine, TEST_ACCESS_TOKEN, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';

const NOW = Date.parse('2031-03-11T03:00:00Z'); // 12:00 in Japan
const MONTH_START = Date.parse('2031-02-28T15:00:00Z'); // 1 March, 00:00 in Japan
const MONTH_END = Date.parse('2031-03-31T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let clock = NOW;

let engine: TestEngine;
let admin: OperatorClient;
let supervisor: OperatorClient;
let operator: OperatorClient;

/** `batches` pushes LINE accepted at `at`, two messages each (one retry key per batch, as the outbox sends them) */
async function pushed(batches: number, at: number, via: 'push' | 'reply' = 'push'): Promise<void> {
  const store = engine.baton.store;
  const { customer } = await store.customers.findOrCreate('U0000000000000000000000000000a0a1', at);
  for (let i = 0; i < batches; i += 1) {
    const retryKey = randomUUID();
    const rows = await store.messages.insertMany([1, 2].map((n) => ({
      customer_id: customer.id, conversation_id: null, direction: 'out' as const, sender_kind: 'bot' as const, operator_id: null,
      type: 'text', text: `seeded ${n}`, payload: '{}', line_message_id: null, webhook_event_id: null,
      delivery_status: 'sent' as const, retry_key: retryKey, reply_token: null, reply_token_expires_at: null, created_at: at,
    })));
    await store.messages.markSent(rows.map((row) => row.id), via, at);
  }
}

const quota = async (who = admin) => (await who.request<LineQuotaDto>('GET', '/api/line/quota')).body;

test.before(async () => {
  // the figures are set before the engine starts: it asks LINE as it starts
  const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN });
  fake.setQuota({ limit: 1000, totalUsage: 300 });
  const line = { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') };
  // the test moves the clock by tens of minutes: sessions outlast it
  const env = { BATON_CRON: 'false', BATON_TOKEN_TTL_SECONDS: '86400', BATON_IDLE_TIMEOUT_MINUTES: '1440' };
  engine = await startTestEngine({ now: () => clock, line, env });
  await addOperator(engine.baton.store, { email: 'sup@example.com', name: 'Sup', password: 'supervisor-pass', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'op@example.com', name: 'Op', password: 'operator-pass' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'supervisor-pass');
  operator = await OperatorClient.signIn(engine.baseUrl, 'op@example.com', 'operator-pass');
  // this month in Japan: 30 batches on day 2, 10 in the last week, 5 replies; the last push of February
  // (23:30 in Japan) is not this month's, the first of March (00:30 in Japan, still February in UTC) is
  await pushed(29, MONTH_START + DAY);
  await pushed(1, MONTH_START + HOUR / 2);
  await pushed(1, MONTH_START - HOUR / 2);
  await pushed(10, NOW - 3 * DAY);
  await pushed(5, NOW - DAY, 'reply');
});

test.after(async () => {
  await engine?.stop();
  await engine?.fakeLine.close();
});

test("LINE's quota figures show, with Baton's own pushes of LINE's month and the forecast from them", async () => {
  const answer = await quota();
  assert.equal(answer, {
    type: 'limited',
    limit: 1000,
    used: 300,
    usedByBaton: 40,
    remaining: 700,
    month: '2031-03',
    resetsAt: MONTH_END,
    // 300 in 10.5 days is 28.57 a day (the last week's 10 / 7 is slower); 20.5 days more of that: 886
    forecast: { perDay: 28.57, endOfMonth: 886, runsOutOn: null },
    sent: { replies: 10, pushes: 80 },
    checkedAt: NOW,
    stale: false,
    warning: null,
  });
  assert.is((await supervisor.request('GET', '/api/line/quota')).status, 200, 'supervisors see it too');
});

test('operators are refused', async () => {
  const answer = await operator.request<{ error: { code: string } }>('GET', '/api/line/quota');
  assert.is(answer.status, 403);
  assert.ok(answer.body.error.code, 'a clear error');
  const anonymous = await fetch(`${engine.baseUrl}/api/line/quota`);
  assert.is(anonymous.status, 401);
});

test('a burst of pushes makes Baton ask LINE again before ten minutes are up', async () => {
  engine.fakeLine.setQuota({ totalUsage: 420 });
  assert.is((await quota()).used, 300, 'within ten minutes LINE is not asked again');
  await pushed(100, NOW);
  const answer = await quota();
  assert.is(answer.used, 420);
  assert.is(answer.usedByBaton, 140);
});

test('the forecast that runs out this month warns, and so does the threshold; each crossing is audited once', async () => {
  engine.fakeLine.setQuota({ totalUsage: 500 });
  clock += 11 * 60_000;
  const early = await quota();
  assert.is(early.used, 500);
  // 500 in 10.51 days is 47.6 a day: the other 500 are gone 10.51 days later, just after midnight on 22 March
  assert.is(early.forecast.runsOutOn, '2031-03-22');
  assert.equal(early.warning, { reasons: ['forecast'], percent: 50, warnPercent: 80 });

  engine.fakeLine.setQuota({ totalUsage: 800 });
  clock += 11 * 60_000;
  const late = await quota();
  assert.equal(late.warning, { reasons: ['threshold', 'forecast'], percent: 80, warnPercent: 80 });
  await quota();

  const audit = (await admin.request<{ entries: AuditEntryDto[] }>('GET', '/api/audit?action=line.quota_warning')).body.entries;
  assert.equal(audit.map((entry) => entry.details.reasons).reverse(), [['forecast'], ['threshold']], 'one entry per crossing, not per look');
  assert.is(audit[0]?.actorId, null, 'the system warns');
});

test("LINE failing keeps the last figures, marked stale with their age", async () => {
  const before = await quota();
  engine.fakeLine.failNext('/v2/bot/message/quota', { status: 500, times: 5 });
  engine.fakeLine.setQuota({ totalUsage: 900 });
  clock += 11 * 60_000;
  const answer = await quota();
  assert.is(answer.used, 800, `the last figures: ${JSON.stringify(answer)}`);
  assert.is(answer.checkedAt, before.checkedAt, 'with their age');
  assert.is(answer.stale, true);
  assert.is(answer.limit, 1000);

  engine.fakeLine.clearFailures();
  clock += 2 * 60_000;
  const back = await quota();
  assert.is(back.used, 900, 'LINE back: fresh figures');
  assert.is(back.stale, false);
});

test.run();
