/**
 * Two engines on Postgres + Redis. When one dies holding work (events whose LINE profile lookups
 * hang, an answer being pushed, an answer being replied), the other takes it over within seconds of
 * the death, by the dead engine's heartbeat, not after the 30 s / 60 s leases; and when one is only
 * frozen (SIGSTOP: taken for dead while alive) and wakes up after the other took over, nobody is
 * told anything twice: its late work is refused. At most one delivery per reply token and retry key.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createCluster, printingErrors, type Cluster, type EngineProcess } from '../support/engine-cluster.ts';
import { heldWork, lineDeliveries, userIds } from '../support/held-work.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

let database: TestDatabase;
let cluster: Cluster;
let store: Store;

test.before(printingErrors(async () => {
  database = await createTestDatabase('postgres');
  // LINE calls wait long, so what hangs is still in flight when the engine dies
  cluster = await createCluster(database, { LINE_TIMEOUT_MS: '60000', LINE_PROFILE_WAIT_MS: '60000', LOG_LEVEL: 'warn' });
  store = await openTestStore(database);
}));

test.after(async () => {
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

const fromAccount = (user: string) => cluster.line.fake.chat(user).filter((e) => e.from === 'account');

/** each customer's phone shows each answer once; LINE took each reply token and retry key once */
async function toldOnce(customers: { welcomed: string[]; pushed: string; replied: string }, replyArrives: boolean): Promise<void> {
  await waitFor(async () => (await store.messages.pendingOutbound(1, Date.now() + 3_600_000)).length === 0, 'the outbox empty');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const user of customers.welcomed) {
    const texts = fromAccount(user).map((e) => e.message.text ?? '');
    assert.is(texts.length, 1, `${user} welcomed once`);
    assert.match(texts[0] ?? '', /^Welcome/);
  }
  assert.is(fromAccount(customers.pushed).length, 1, 'the answer being pushed arrived once');
  assert.is(fromAccount(customers.replied).length, replyArrives ? 1 : 0, 'the reply in flight was never sent again, by reply or push');
  const deliveries = lineDeliveries(cluster.line.fake);
  assert.ok(deliveries.repliesPerToken.every(([, n]) => n === 1), `each reply token used once: ${JSON.stringify(deliveries.repliesPerToken)}`);
  assert.ok(deliveries.acceptedPerKey.every(([, n]) => n === 1), `each retry key accepted once: ${JSON.stringify(deliveries.acceptedPerKey)}`);
}

test('a live engine takes over the work of one killed holding it within seconds of the kill, each customer answered once', async () => {
  const fake = cluster.line.fake;
  const [replied, pushed, ...welcomed] = userIds(0xb01, 6) as [string, string, ...string[]];
  const dying: EngineProcess = await cluster.start('dying');
  const held = await heldWork(dying, store, fake, { replied, pushed, welcomed, hangMs: 120_000 });
  const survivor = await cluster.start('survivor');

  await dying.kill();
  const killedAt = Date.now();
  const answeredAt = await waitFor(
    async () =>
      welcomed.every((user) => fromAccount(user).length >= 1) && fromAccount(pushed).length === 1 && (await held.replyStatus()) === 'uncertain' && Date.now(),
    'the dead engine\'s customers answered',
    30_000,
  );
  assert.ok(answeredAt - killedAt < 10_000, `taken over and answered ${answeredAt - killedAt} ms after the kill, not after a 30 s lease`);
  assert.equal(await store.webhookEvents.countByStatus(), { done: held.events });
  assert.equal((await store.engines.list()).map((e) => e.instance_id), [survivor.instanceId], 'the dead engine left the list');
  await toldOnce({ welcomed, pushed, replied }, false);
  assert.is(await survivor.stop(), 0);
});

test('an engine frozen past its heartbeat is taken over, and what it finishes after waking is refused: nobody is told twice', async () => {
  const fake = cluster.line.fake;
  const [replied, pushed, ...welcomed] = userIds(0xc01, 5) as [string, string, ...string[]];
  const doneBefore = (await store.webhookEvents.countByStatus()).done ?? 0;
  const frozen = await cluster.start('frozen');
  // LINE answers after 8 s: while the engine is frozen, so it finds the answers when it wakes up
  const held = await heldWork(frozen, store, fake, { replied, pushed, welcomed, hangMs: 8_000 });
  const other = await cluster.start('other');
  const pid = Number(frozen.instanceId.split('/').at(-2));

  process.kill(pid, 'SIGSTOP');
  const frozenAt = Date.now();
  try {
    await waitFor(() => welcomed.every((user) => fromAccount(user).length >= 1) && fromAccount(pushed).length === 1, 'the frozen engine\'s customers answered by the other', 20_000);
    assert.ok(Date.now() - frozenAt < 10_000, 'taken over within seconds');
    // past LINE's late answers to the frozen engine's requests
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, frozenAt + 9_000 - Date.now())));
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  // the woken engine has its profiles and LINE's answers now: it tries to finish, and is refused
  await waitFor(() => frozen.logs.some((line) => /taken for dead/.test(String(line.msg))), 'the woken engine noticing it was taken for dead', 10_000);
  await waitFor(async () => (await store.webhookEvents.countHeldBy(frozen.instanceId)) === 0, 'nothing held by the woken engine');
  assert.equal(await store.webhookEvents.countByStatus(), { done: doneBefore + held.events });
  // LINE took the reply the frozen engine sent before it froze: the customer has it once, never again
  await toldOnce({ welcomed, pushed, replied }, true);
  assert.is(await frozen.stop(), 0);
  assert.is(await other.stop(), 0);
});

test.run();
