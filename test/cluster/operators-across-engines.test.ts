/**
 * Two engine processes on one Postgres and one Redis, as behind a load balancer: any engine takes any
 * webhook, and an operator connected to either sees everything live, even across a dropped
 * connection or an engine going away.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationResponse } from '../../engine/contracts/rest.ts';
import type { Store } from '../../engine/store/store.ts';
import { openTestStore } from '../support/cluster-store.ts';
import { ADMIN, createCluster, printingErrors, type Cluster, type EngineProcess } from '../support/engine-cluster.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SwitchableProxy } from '../support/switchable-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U0c1a5e000000000000000000000000a1';
const LONG = 30_000;
let database: TestDatabase;
let cluster: Cluster;
let store: Store;
let a: EngineProcess;
let b: EngineProcess;
const operators: OperatorClient[] = [];
let proxy: SwitchableProxy | null = null;
let conversation: ConversationDto;

async function signIn(engine: EngineProcess): Promise<OperatorClient> {
  const operator = await OperatorClient.signIn(engine.url, ADMIN.email, ADMIN.password);
  operators.push(operator);
  return operator;
}

async function customerSays(engine: EngineProcess, text: string): Promise<void> {
  const fake = cluster.line.fake;
  const response = await engine.postWebhook(fake.webhookBody([fake.textEvent(USER, text)]));
  assert.is(response.status, 200);
}

async function login(engine: EngineProcess, email: string, password: string): Promise<Response> {
  return fetch(`${engine.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

test.before(printingErrors(async () => {
  database = await createTestDatabase('postgres');
  cluster = await createCluster(database, { BATON_LOGIN_MAX_FAILURES: '3' });
  // started together on an empty database: their migrations must take turns, not collide
  [a, b] = await Promise.all([cluster.start('A'), cluster.start('B', { BATON_SHUTDOWN_GRACE_MS: '3000' })]);
  store = await openTestStore(database);
}));

test.after(async () => {
  for (const operator of operators) operator.close();
  await proxy?.close();
  await cluster?.close();
  await store?.close();
  await database?.drop();
});

test('both engines are ready, with the database and Redis reachable', async () => {
  for (const engine of [a, b]) {
    const response = await fetch(`${engine.url}/readyz`);
    assert.is(response.status, 200);
    assert.equal(await response.json(), { ok: true, database: true, redis: true, degraded: false, draining: false });
  }
});

test('a customer writing through engine A appears live for an operator connected to engine B', async () => {
  const onB = await signIn(b);
  await onB.connect();
  await customerSays(a, 'I need an agent please');
  conversation = await onB.waitForConversation((c) => c.status === 'WAITING', 'the waiting conversation on B', LONG);
  await onB.waitForMessage((m) => m.text === 'I need an agent please', 'the customer message on B', LONG);
});

test('a claim made on engine B is seen live by an operator connected to engine A', async () => {
  const onA = await signIn(a);
  await onA.connect();
  const onB = operators[0] as OperatorClient;
  const claimed = await onB.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/claim`);
  assert.is(claimed.status, 200);
  const seen = await onA.waitForConversation((c) => c.id === conversation.id && c.status === 'ACTIVE', 'the claim on A', LONG);
  assert.is(seen.operatorId, onB.login.operator.id);
});

test('an operator cut off from engine B reconnects to engine A and receives what it missed meanwhile', async () => {
  proxy = await SwitchableProxy.start(b.url);
  const roaming = await signIn(a);
  await roaming.connect({ url: proxy.url, reconnect: true });
  await customerSays(a, 'before the drop');
  await roaming.waitForMessage((m) => m.text === 'before the drop', 'a message before the drop', LONG);

  // the network fails; when it comes back, the load balancer sends the operator to A
  proxy.refuse(true);
  proxy.pointTo(a.url);
  proxy.dropConnections();
  await waitFor(() => roaming.socket?.connected === false, 'the drop');
  const watcher = operators[1] as OperatorClient; // on A all along
  await customerSays(b, 'missed 1');
  await customerSays(a, 'missed 2');
  await watcher.waitForMessage((m) => m.text === 'missed 2', 'the missed messages were broadcast', LONG);
  await watcher.waitForMessage((m) => m.text === 'missed 1', 'the missed messages were broadcast', LONG);
  assert.not.ok(roaming.messagesSeen.some((m) => m.text.startsWith('missed')), 'nothing arrives while disconnected');

  proxy.refuse(false);
  await waitFor(() => roaming.connections.length === 2, 'the reconnection', LONG);
  assert.ok(roaming.connections[1]?.recovered, 'the session was recovered on the other engine');
  await roaming.waitForMessage((m) => m.text === 'missed 1', 'missed 1 replayed', LONG);
  await roaming.waitForMessage((m) => m.text === 'missed 2', 'missed 2 replayed', LONG);
});

test('wrong passwords spread over both engines add up to one limit per email and address', async () => {
  const email = 'intruder-target@example.com';
  for (const engine of [a, b, a]) assert.is((await login(engine, email, 'guess')).status, 401);
  const refused = await login(b, email, 'guess');
  assert.is(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.is(((await refused.json()) as { error: { code: string } }).error.code, 'too_many_requests');
  assert.is((await login(a, ADMIN.email, ADMIN.password)).status, 200, 'another email is not affected');
});

test('an engine stopped with SIGTERM refuses webhooks while draining, exits cleanly, and its operators carry on on the other engine', async () => {
  const roaming = await signIn(a);
  proxy?.pointTo(b.url);
  await roaming.connect({ url: proxy?.url, reconnect: true });
  await customerSays(a, 'before the shutdown');
  await roaming.waitForMessage((m) => m.text === 'before the shutdown', 'a message before the shutdown', LONG);

  proxy?.refuse(true);
  proxy?.pointTo(a.url);
  const exit = b.stop();
  const draining = await waitFor(async () => {
    const response = await fetch(`${b.url}/readyz`);
    return response.status === 503 && ((await response.json()) as { draining: boolean });
  }, 'readyz 503 on the draining engine', LONG);
  assert.is(draining.draining, true);
  const fake = cluster.line.fake;
  const refused = await b.postWebhook(fake.webhookBody([fake.textEvent(USER, 'sent to a draining engine')]));
  assert.is(refused.status, 503, 'LINE is told to redeliver');
  assert.is(await exit, 0);

  await customerSays(a, 'after the shutdown');
  const watcher = operators[1] as OperatorClient;
  await watcher.waitForMessage((m) => m.text === 'after the shutdown', 'the message broadcast on A', LONG);
  proxy?.refuse(false);
  await waitFor(() => roaming.connections.length === 2, 'the reconnection to A', LONG);
  assert.ok(roaming.connections[1]?.recovered, 'the session was recovered on the other engine');
  await roaming.waitForMessage((m) => m.text === 'after the shutdown', 'the missed message replayed', LONG);

  assert.equal(await store.webhookEvents.countByStatus(), { done: 6 }, 'nothing left claimed by the stopped engine');
});

test.run();
