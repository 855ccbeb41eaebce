/**
 * What clients see while something Baton needs is away, and after: the database (503 with Retry-After,
 * then back at once, nothing lost), Redis (still ready, reported degraded) and a client that sends its
 * request slowly (refused in seconds, its socket freed). SQLite and Postgres (BATON_TEST_DB).
 */
import net from 'node:net';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signLineBody } from '../../engine/line/signature.ts';
import { startTestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SwitchableProxy } from '../support/switchable-proxy.ts';
import { createTestDatabase, POSTGRES_ADMIN_URL, testDbKind } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;
type ErrorBody = { error: { code: string } };


test('while the database is away: 503 with Retry-After (webhooks and REST), nothing lost, and back within a second', async () => {
  if (testDbKind() === 'sqlite') {
    // one file, one writer: another process holding the write lock past busy_timeout is SQLite's outage
    const database = await createTestDatabase('sqlite');
    const engine = await startTestEngine({ database });
    const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
    const other = new Database(database.url.slice('sqlite:'.length));
    try {
      other.exec('begin exclusive');
      const refused = await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(1), 'during')]));
      assert.is(refused.status, 503);
      assert.is(refused.headers.get('retry-after'), '2');
      assert.is(((await refused.json()) as ErrorBody).error.code, 'unavailable');
      other.exec('rollback');
      const accepted = await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(1), 'after')]));
      assert.is(accepted.status, 200);
      assert.is((await admin.request('GET', '/api/conversations')).status, 200);
    } finally {
      other.close();
      await engine.stop();
      await database.drop();
    }
    return;
  }
  const database = await createTestDatabase('postgres');
  const postgres = new URL(POSTGRES_ADMIN_URL);
  const proxy = await SwitchableProxy.start(`http://${postgres.hostname}:${postgres.port || 5432}`);
  const viaProxy = new URL(database.url);
  viaProxy.host = new URL(proxy.url).host;
  const engine = await startTestEngine({ database: { ...database, url: viaProxy.toString() } });
  try {
    const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
    assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(2), 'before')]))).status, 200);
    proxy.refuse(true);
    proxy.dropConnections();
    const refused = await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(2), 'during')]));
    assert.is(refused.status, 503);
    assert.is(refused.headers.get('retry-after'), '2');
    const rest = await admin.request<ErrorBody>('GET', '/api/conversations');
    assert.is(rest.status, 503, 'the API says try again, and the studio keeps the user signed in (not 401)');
    assert.is(rest.body.error.code, 'unavailable');

    proxy.refuse(false);
    const back = Date.now();
    await waitFor(async () => (await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(2), 'after')]))).status === 200, 'webhooks accepted again', 5_000);
    assert.ok(Date.now() - back < 2_000, `back within 2 s, took ${Date.now() - back} ms`);
    assert.is((await admin.request('GET', '/api/conversations')).status, 200);
    // what was acknowledged before the outage was answered
    await waitFor(() => engine.fakeLine.chat(user(2)).filter((e) => e.from === 'account').length >= 1, 'the bot answered the message from before the outage');
  } finally {
    await engine.stop();
    await proxy.close();
    await database.drop();
  }
});

test('while Redis is away the engine stays ready (degraded) and takes webhooks and sign-ins', async () => {
  const proxy = await SwitchableProxy.start('http://127.0.0.1:6379');
  const engine = await startTestEngine({ env: { REDIS_URL: proxy.url.replace('http:', 'redis:'), REDIS_KEY_PREFIX: `baton-outage-${process.pid}:` } });
  try {
    const ready = await fetch(`${engine.baseUrl}/readyz`);
    assert.equal(await ready.json(), { ok: true, database: true, redis: true, degraded: false, draining: false });
    proxy.refuse(true);
    proxy.dropConnections();
    const degraded = await waitFor(async () => {
      const response = await fetch(`${engine.baseUrl}/readyz`);
      const body = (await response.json()) as { redis: boolean };
      return body.redis === false ? { status: response.status, body } : undefined;
    }, 'readyz to notice');
    assert.is(degraded.status, 200, 'still ready: the database is what webhooks need');
    assert.equal(degraded.body, { ok: true, database: true, redis: false, degraded: true, draining: false });
    assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(3), 'hello')]))).status, 200);
    await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
    proxy.refuse(false);
    await waitFor(async () => ((await (await fetch(`${engine.baseUrl}/readyz`)).json()) as { degraded: boolean }).degraded === false, 'Redis back');
    // Socket.IO's stream reader blocks on Redis: left open, it would keep the stopped process alive
    await engine.stop();
    await waitFor(() => proxy.openConnections === 0, 'every Redis connection closed with the engine', 2_000);
  } finally {
    await engine.stop();
    await proxy.close();
  }
});

/** a raw connection that sends `head` and then one byte of `trickle` every 100 ms; resolves with what happened */
function slowClient(port: number, head: string, trickle: string): Promise<{ ms: number; answer: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < trickle.length && !socket.destroyed) socket.write(trickle[i++] ?? '');
    }, 100);
    socket.on('data', (data) => (answer += String(data)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, answer });
    });
    socket.write(head);
  });
}

test('a webhook body sent a byte at a time is refused within seconds (408) and the socket freed; so are slow headers', async () => {
  const engine = await startTestEngine();
  try {
    const port = engine.baton.port;
    const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user(4), 'slow')]);
    const head = `POST /webhooks/line HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-line-signature: ${signLineBody(body, engine.channelSecret)}\r\n\r\n`;
    const slowBody = await slowClient(port, head, body);
    assert.match(slowBody.answer, /^HTTP\/1\.1 408/);
    assert.ok(slowBody.ms < 8_000, `the body deadline is 5 s; closed after ${slowBody.ms} ms`);
    const slowHeaders = await slowClient(port, 'GET /healthz HTTP/1.1\r\n', 'Host: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n');
    assert.ok(slowHeaders.ms < 14_000, `the headers timeout is 10 s; closed after ${slowHeaders.ms} ms`);
    assert.not.match(slowHeaders.answer, /^HTTP\/1\.1 200/);
    assert.equal(await engine.baton.store.webhookEvents.countByStatus(), {}, 'nothing half-received was stored');
  } finally {
    await engine.stop();
  }
});

test.run();
