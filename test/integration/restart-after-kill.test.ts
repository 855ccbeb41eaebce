/**
 * An engine killed with SIGKILL (no cleanup at all) while it holds work, and started again: the
 * customers it was serving are answered within seconds of the restart, not after the 30 s event
 * lease or the 60 s outbox lease, and nobody is told anything twice. At the kill the engine holds
 * three customers' events (their LINE profiles are being fetched and LINE hangs), one answer being
 * pushed (LINE hangs) and one being replied (LINE hangs). Engines are processes of their own, on
 * SQLite (the next engine takes everything back at start) and on Postgres (the next engine takes
 * over once the dead one's heartbeat is stale). Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createCluster, printingErrors, type Cluster, type EngineProcess } from '../support/engine-cluster.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';
import { heldWork, lineDeliveries, userIds } from '../support/held-work.ts';

/** a hung LINE call outlives the test; the fake cuts it when it closes */
const HANG_MS = 120_000;

let database: TestDatabase;
let cluster: Cluster;
let store: Store;

test.before(printingErrors(async () => {
  database = await createTestDatabase();
  // one engine, no Redis; LINE calls wait long, so what hangs is still in flight at the kill
  cluster = await createCluster(database, { REDIS_URL: '', LINE_TIMEOUT_MS: '60000', LINE_PROFILE_WAIT_MS: '60000', LOG_LEVEL: 'warn' });
  store = await openTestStore(database);
}));

test.after(async () => {
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

test('customers whose work a killed engine held are answered within seconds of the restart, each once', async () => {
  const fake = cluster.line.fake;
  const [replied, pushed, ...welcomed] = userIds(0x4a1, 5) as [string, string, ...string[]];
  const first: EngineProcess = await cluster.start('first');
  const held = await heldWork(first, store, fake, { replied, pushed, welcomed, hangMs: HANG_MS });

  await first.kill();
  const killedAt = Date.now();
  const second = await cluster.start('second');
  const readyAt = Date.now();

  const answered = await waitFor(
    async () => {
      const welcomes = welcomed.map((user) => fake.chat(user).filter((e) => e.from === 'account').length);
      const pushedOnce = fake.chat(pushed).filter((e) => e.from === 'account').length === 1;
      const uncertain = await held.replyStatus();
      return welcomes.every((n) => n >= 1) && pushedOnce && uncertain === 'uncertain' && Date.now();
    },
    'every customer the killed engine held answered',
    30_000,
  );
  assert.ok(answered - readyAt < 10_000, `answered ${answered - readyAt} ms after the restart (${answered - killedAt} ms after the kill), not after a 30 s lease`);
  assert.is(await store.webhookEvents.countHeldBy(first.instanceId), 0);

  // let anything that would go out twice do so, then count what each customer saw
  await waitFor(async () => (await store.messages.pendingOutbound(1, Date.now() + 3_600_000)).length === 0, 'the outbox empty');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const user of welcomed) {
    const texts = fake.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');
    assert.is(texts.length, 1, `${user} welcomed once`);
    assert.match(texts[0] ?? '', /^Welcome/);
  }
  const pushedTexts = fake.chat(pushed).filter((e) => e.from === 'account');
  assert.is(pushedTexts.length, 1, 'the answer being pushed arrived once');
  assert.is(pushedTexts[0]?.via, 'push');
  assert.equal(fake.chat(replied).filter((e) => e.from === 'account'), [], 'the reply in flight was not sent again, by reply or push');
  const deliveries = lineDeliveries(fake);
  assert.ok(deliveries.repliesPerToken.every(([, n]) => n === 1), `each reply token used once: ${JSON.stringify(deliveries.repliesPerToken)}`);
  assert.ok(deliveries.acceptedPerKey.every(([, n]) => n === 1), `each retry key accepted once: ${JSON.stringify(deliveries.acceptedPerKey)}`);
  assert.equal(await store.webhookEvents.countByStatus(), { done: held.events }, 'every event done, none twice');
  await second.stop();
});

test.run();
