/** Only signed-in operators reach the API and the live socket. */
import { io } from 'socket.io-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startTestEngine();
});
test.after(() => engine.stop());

async function login(email: string, password: string): Promise<Response> {
  return fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

test('the configured admin signs in and gets a token and their profile', async () => {
  const response = await login(engine.admin.email, engine.admin.password);
  assert.is(response.status, 200);
  const body = (await response.json()) as { accessToken: string; operator: { email: string; role: string } };
  assert.ok(body.accessToken.length > 20);
  assert.equal(body.operator.email, engine.admin.email);
  assert.is(body.operator.role, 'admin');
});

test('a wrong password and an unknown email get the same 401', async () => {
  const wrong = await login(engine.admin.email, 'not-the-password');
  const unknown = await login('nobody@example.com', 'whatever-password');
  assert.is(wrong.status, 401);
  assert.is(unknown.status, 401);
  assert.equal(await wrong.json(), await unknown.json());
});

test('a login body of the wrong shape gets 400', async () => {
  const response = await fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email: 'a@b.c' }) });
  assert.is(response.status, 400);
  assert.match(((await response.json()) as { error: { message: string } }).error.message, /password/);
});

test('the API refuses requests without a valid bearer token', async () => {
  const none = await fetch(`${engine.baseUrl}/api/conversations`);
  const bad = await fetch(`${engine.baseUrl}/api/conversations`, { headers: { authorization: 'Bearer forged.token' } });
  assert.is(none.status, 401);
  assert.is(bad.status, 401);
});

test('the socket refuses a connection without a valid token, with a reason', async () => {
  for (const auth of [{}, { token: 'forged.token' }]) {
    const socket = io(engine.baseUrl, { auth, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected without a valid token')));
      socket.once('connect_error', resolve);
    });
    socket.close();
    assert.is(error.data?.code, 'unauthorized');
  }
});

test('a signed-in operator connects and the token works for the API', async () => {
  const operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
  const me = await operator.request<{ operator: { email: string; presence: string } }>('GET', '/api/me');
  assert.is(me.body.operator.email, engine.admin.email);
  assert.is(me.body.operator.presence, 'offline', 'nobody is given chats before saying they are available');
  await operator.request('PUT', '/api/me/presence', { presence: 'available' });
  assert.is((await operator.request<{ operator: { presence: string } }>('GET', '/api/me')).body.operator.presence, 'available');
  operator.close();
});

test('the health check answers and the OpenAPI document lists the conversation routes', async () => {
  assert.is((await fetch(`${engine.baseUrl}/healthz`)).status, 200);
  const doc = (await (await fetch(`${engine.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.ok('/api/conversations/{id}/claim' in doc.paths);
  assert.ok('/api/auth/login' in doc.paths);
});

test.run();
