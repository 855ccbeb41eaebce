/**
 * The dashboard's live cards over Socket.IO ('analytics:live'): a supervisor's socket hears them when a
 * customer starts waiting, an operator's never does; a burst of customer messages yields an update a second
 * at most, the last one counting everybody. With several engines on Redis, a supervisor connected to one
 * engine hears of a customer another engine handled. Real engines, real sockets; the Redis part on Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AnalyticsLive } from '../../engine/contracts/analytics.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { dropRedisKeys } from '../support/redis-keys.ts';
import { testDbKind } from '../support/test-database.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const REDIS_URL = process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const user = (n: number) => `U${(0xa1e0000 + n).toString(16).padStart(32, '0')}`;

/** signs in and records every 'analytics:live' the socket hears, with when */
async function listener(engine: TestEngine, email: string, password: string): Promise<{ client: OperatorClient; heard: { at: number; live: AnalyticsLive }[] }> {
  const client = await OperatorClient.signIn(engine.baseUrl, email, password);
  await client.connect();
  const heard: { at: number; live: AnalyticsLive }[] = [];
  client.socket?.on('analytics:live', (live) => heard.push({ at: performance.now(), live }));
  return { client, heard };
}

async function addTeam(engine: TestEngine): Promise<void> {
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' });
}

test("a customer starting to wait reaches a supervisor's live cards, never an operator's; a burst yields an update a second at most", async () => {
  const engine = await startTestEngine({ env: { BATON_CRON: 'false' } });
  try {
    await addTeam(engine);
    const supervisor = await listener(engine, 'sup@example.com', 'sup-password-1');
    const operator = await listener(engine, 'nok@example.com', 'nok-password-1');
    const fake = engine.fakeLine;

    assert.is((await engine.postWebhook(fake.webhookBody([fake.textEvent(user(1), 'agent please')]))).status, 200);
    const waiting = await waitFor(() => supervisor.heard.find((h) => h.live.waiting === 1), 'the supervisor to hear one waiting');
    assert.is(waiting.live.today.handoffs, 1);
    assert.type(waiting.live.longestWaitSeconds, 'number');
    // whatever the operator's socket was sent went before this, which everyone hears (the queue)
    assert.is((await engine.postWebhook(fake.webhookBody([fake.textEvent(user(2), 'agent please')]))).status, 200);
    await operator.client.waitForConversation((c) => c.customer.lineUserId === user(2), 'the second customer in the queue');
    await waitFor(() => supervisor.heard.find((h) => h.live.waiting === 2), 'the supervisor to hear two waiting');
    assert.is(operator.heard.length, 0, 'operators do not hear the live cards');

    // 60 customers write at once, in six deliveries: hundreds of changes (messages in and out, no conversations)
    const before = supervisor.heard.length;
    const started = performance.now();
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 10 }, (_, i) => fake.textEvent(user(100 + batch * 10 + i), 'hello'));
      assert.is((await engine.postWebhook(fake.webhookBody(events))).status, 200);
    }
    const everyone = await waitFor(() => supervisor.heard.find((h) => h.live.today.conversations === 62), 'the cards to count all 62 customers', 30_000);
    const updates = supervisor.heard.slice(before).filter((h) => h.at <= everyone.at).length;
    const seconds = (everyone.at - started) / 1000;
    assert.ok(updates <= Math.ceil(seconds) + 1, `${updates} updates in ${seconds.toFixed(1)} s: at most one a second`);
    assert.ok(updates < 60, `${updates} updates for 60 customers' messages`);
    assert.is(operator.heard.length, 0);
    supervisor.client.close();
    operator.client.close();
  } finally {
    await engine.stop();
  }
});

test('with two engines on Redis, a supervisor on one hears of a customer queued on the other', async () => {
  if (testDbKind() !== 'postgres') return; // scale-out runs on Postgres
  const prefix = `baton-test-${process.pid}-live:`;
  const env = { BATON_CRON: 'false', REDIS_URL, REDIS_KEY_PREFIX: prefix };
  const a = await startTestEngine({ env });
  // b processes no events: every change happens on a
  const b = await startTestEngine({ env, database: a.database, line: a.line, processEvents: false });
  try {
    await addTeam(a);
    const supervisor = await listener(b, 'sup@example.com', 'sup-password-1');
    assert.is((await a.postWebhook(a.fakeLine.webhookBody([a.fakeLine.textEvent(user(1), 'agent please')]))).status, 200);
    const heard = await waitFor(() => supervisor.heard.find((h) => h.live.waiting === 1), 'the supervisor on the other engine to hear it');
    assert.is(heard.live.today.handoffs, 1);
    supervisor.client.close();
  } finally {
    await b.stop();
    await a.stop();
    await dropRedisKeys(REDIS_URL, prefix);
  }
});

test.run();
