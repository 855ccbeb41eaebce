/**
 * Liveness, readiness and a graceful stop, as a load balancer and LINE see them. Runs on SQLite and
 * Postgres (BATON_TEST_DB), without Redis: readiness then checks the database only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEngine } from '../support/engine-harness.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U5ad0000000000000000000000000000a';
let database: TestDatabase;

test.before(async () => {
  database = await createTestDatabase();
});
test.after(() => database?.drop());

test('healthz and readyz answer 200 while the engine runs; readyz names what it checked', async () => {
  const engine = await startTestEngine({ database });
  try {
    const health = await fetch(`${engine.baseUrl}/healthz`);
    assert.is(health.status, 200);
    const ready = await fetch(`${engine.baseUrl}/readyz`);
    assert.is(ready.status, 200);
    assert.equal(await ready.json(), { ok: true, database: true, draining: false }, 'no Redis configured, none checked');
  } finally {
    await engine.stop();
  }
});

test('a draining engine answers 503 to webhooks and to readyz, while healthz stays 200 and nothing is stored', async () => {
  const engine = await startTestEngine({ database });
  try {
    engine.baton.drain();
    const fake = engine.fakeLine;
    const refused = await engine.postWebhook(fake.webhookBody([fake.textEvent(USER, 'hello?')]));
    assert.is(refused.status, 503);
    assert.is(((await refused.json()) as { error: { code: string } }).error.code, 'unavailable');
    const ready = await fetch(`${engine.baseUrl}/readyz`);
    assert.is(ready.status, 503);
    assert.equal(await ready.json(), { ok: false, database: true, draining: true });
    assert.is((await fetch(`${engine.baseUrl}/healthz`)).status, 200);
    assert.equal(await engine.baton.store.webhookEvents.countByStatus(), {});
  } finally {
    await engine.stop();
  }
});

test('an event being handled when the engine stops is finished and answered before the stop completes', async () => {
  const engine = await startTestEngine({ database });
  const store = await openTestStore(database);
  try {
    const fake = engine.fakeLine;
    // LINE answers the profile lookup slowly, so the event is still in hand when the stop begins
    fake.failNext(`/v2/bot/profile/${USER}`, { status: 200, delayMs: 1_500 });
    assert.is((await engine.postWebhook(fake.webhookBody([fake.followEvent(USER)]))).status, 200);
    await waitFor(async () => (await store.webhookEvents.countByStatus()).processing === 1, 'the event in hand');
    await engine.stop();
    assert.equal(await store.webhookEvents.countByStatus(), { done: 1 });
    const answers = fake.chat(USER).filter((entry) => entry.from === 'account');
    assert.is(answers.length, 1, 'the welcome went out before the engine stopped');
  } finally {
    await store.close();
  }
});

test.run();
