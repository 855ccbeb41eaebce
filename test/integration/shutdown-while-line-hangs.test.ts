/**
 * SIGTERM to `npm start`'s process (engine/main.ts) while LINE hangs and the engine holds work
 * (events whose profile lookups hang, an answer being pushed, an answer being replied): it exits 0
 * within its grace time plus a few seconds, having handed everything back, and the next engine
 * answers those customers at once and once. Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signLineBody } from '../../engine/line/signature.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { createCluster, printingErrors, type Cluster } from '../support/engine-cluster.ts';
import { repoRoot } from '../support/engine-harness.ts';
import { heldWork, lineDeliveries, userIds, type WebhookTarget } from '../support/held-work.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const GRACE_MS = 1_000;

let database: TestDatabase;
let cluster: Cluster;
let store: Store;

test.before(printingErrors(async () => {
  database = await createTestDatabase();
  cluster = await createCluster(database, { REDIS_URL: '', LINE_TIMEOUT_MS: '60000', LINE_PROFILE_WAIT_MS: '60000', LOG_LEVEL: 'warn', BATON_SHUTDOWN_GRACE_MS: String(GRACE_MS) });
  store = await openTestStore(database);
}));

test.after(async () => {
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` without the studio build: engine/main.ts in a process of its own */
async function startMain(env: Record<string, string>): Promise<WebhookTarget & { terminate(): Promise<{ code: number | null; afterMs: number }> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'engine/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), BATON_PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.status === 200, 'the engine listening', 60_000);
  // the engine registered itself: the only one on this database
  const [self] = await store.engines.list();
  assert.ok(self, 'the engine is in the list of engines');
  return {
    instanceId: self.instance_id,
    postWebhook: (body) =>
      fetch(`${url}/webhooks/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, cluster.line.secret) },
        body,
      }),
    async terminate() {
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, afterMs: Date.now() - started };
    },
  };
}

test('SIGTERM while LINE hangs: exit 0 within the grace time, work handed back, the next engine answers everyone once', async () => {
  const fake = cluster.line.fake;
  const [replied, pushed, ...welcomed] = userIds(0x5e1, 5) as [string, string, ...string[]];
  const engine = await startMain(cluster.env);
  const held = await heldWork(engine, store, fake, { replied, pushed, welcomed, hangMs: 120_000 });

  const { code, afterMs } = await engine.terminate();
  assert.is(code, 0, 'a clean exit');
  assert.ok(afterMs >= GRACE_MS, `readiness failed for the grace time first (${afterMs} ms)`);
  assert.ok(afterMs < GRACE_MS + 10_000, `stopped ${afterMs} ms after SIGTERM, though LINE still hangs`);

  // handed back: nothing is left under this engine's name to wait out a lease
  assert.is(await store.webhookEvents.countHeldBy(engine.instanceId), 0);
  assert.equal(await store.webhookEvents.countByStatus(), { done: 2, pending: welcomed.length });
  assert.equal((await store.messages.pendingOutbound(10, Date.now())).length, 1, 'the answer being pushed is back in the outbox');
  assert.is(await held.replyStatus(), 'uncertain', 'the reply LINE never answered is marked uncertain, not sent again');
  assert.equal(await store.engines.list(), [], 'the engine left the list of engines');

  const next = await cluster.start('next');
  const readyAt = Date.now();
  await waitFor(() => welcomed.every((user) => fake.chat(user).some((e) => e.from === 'account')) && fake.chat(pushed).some((e) => e.from === 'account'), 'everyone answered', 20_000);
  assert.ok(Date.now() - readyAt < 10_000, `answered within ${Date.now() - readyAt} ms of the next start`);
  await waitFor(async () => (await store.messages.pendingOutbound(1, Date.now() + 3_600_000)).length === 0, 'the outbox empty');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const user of [...welcomed, pushed]) assert.is(fake.chat(user).filter((e) => e.from === 'account').length, 1, `${user} answered once`);
  assert.equal(fake.chat(replied).filter((e) => e.from === 'account'), [], 'the abandoned reply was not sent again');
  const deliveries = lineDeliveries(fake);
  assert.ok(deliveries.repliesPerToken.every(([, n]) => n === 1) && deliveries.acceptedPerKey.every(([, n]) => n === 1), JSON.stringify(deliveries));
  assert.is(await next.stop(), 0);
});

test.run();
