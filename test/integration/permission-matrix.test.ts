/**
 * The permission table (engine/transports/http/access-table.ts, engine/transports/realtime/socket-access.ts)
 * against the running engine: every route and socket event has an entry, and each answers every kind of
 * caller as its entry says: anonymous, an expired, tampered, foreign-key or signed-out token, a session that
 * may only change its password, and each role. Then what depends on the object: an operator and someone else's
 * conversation. SQLite and Postgres (BATON_TEST_DB).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import { io } from 'socket.io-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ClientToServerEvents, JoinAnswer } from '../../engine/contracts/socket-events.ts';
import { createLogger } from '../../engine/logger.ts';
import { AccessTokens } from '../../engine/services/auth/access-token.ts';
import type { SessionService } from '../../engine/services/auth/session.service.ts';
import { HTTP_ACCESS, type Access } from '../../engine/transports/http/access-table.ts';
import { authorize } from '../../engine/transports/http/authorize.ts';
import { errorHandler } from '../../engine/transports/http/error-handler.ts';
import { SOCKET_ACCESS } from '../../engine/transports/realtime/socket-access.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const SECRET = randomBytes(32).toString('base64url');
let engine: TestEngine;
const clients: Record<'admin' | 'supervisor' | 'operator' | 'restricted', OperatorClient | undefined> = { admin: undefined, supervisor: undefined, operator: undefined, restricted: undefined };
const bad: Record<string, string | null> = {};
function client(who: keyof typeof clients): OperatorClient {
  const signedIn = clients[who];
  if (!signedIn) throw new Error(`${who} signs in in test.before`);
  return signedIn;
}
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; sid: string };

test.before(async () => {
  // the sandbox engine mounts every route there is, the simulator's included
  engine = await startTestEngine({ sandbox: true, env: { BATON_TOKEN_SECRET: SECRET } });
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' });
  await addOperator(engine.baton.store, { email: 'pim@example.com', password: 'pim-password-1', name: 'Pim' });
  clients.admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  clients.supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
  clients.operator = await OperatorClient.signIn(engine.baseUrl, 'nok@example.com', 'nok-password-1');
  const created = await client('admin').request<{ operator: { id: string } }>('POST', '/api/operators', { email: 'new@example.com', name: 'New', role: 'admin', password: 'one-time-pass-1', mustChangePassword: true });
  assert.is(created.status, 201);
  clients.restricted = await OperatorClient.signIn(engine.baseUrl, 'new@example.com', 'one-time-pass-1');

  const admin = client('admin');
  const { sub, sid } = claims(admin.token);
  bad.anonymous = null;
  bad.expired = (await new AccessTokens(SECRET, 60).issue(sub, sid, Date.now() - 3_600_000)).token;
  const [header, , signature] = admin.token.split('.');
  const forgedClaims = Buffer.from(JSON.stringify({ ...claims(admin.token), sub: client('operator').login.operator.id })).toString('base64url');
  bad.tampered = `${header}.${forgedClaims}.${signature}`;
  bad.foreignKey = (await new AccessTokens(randomBytes(32).toString('base64url'), 900).issue(sub, sid, Date.now())).token;
  const signedOut = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  assert.is((await fetch(`${engine.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${signedOut.token}` } })).status, 204);
  bad.signedOut = signedOut.token;
});
test.after(() => engine.stop());

test('every REST route has an entry in the permission table, and every entry is a route', () => {
  const routes = new Set(engine.baton.routes);
  const missing = [...routes].filter((route) => !(route in HTTP_ACCESS));
  assert.equal(missing, [], 'routes without a permission entry');
  const stale = Object.keys(HTTP_ACCESS).filter((entry) => !routes.has(entry));
  assert.equal(stale, [], 'entries without a route');
});

test('the OpenAPI document describes every /api route', async () => {
  const doc = (await (await fetch(`${engine.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const undocumented = engine.baton.routes
    .filter((route) => route.includes(' /api/'))
    .filter((route) => {
      const [method = '', routePath = ''] = route.split(' ');
      return !doc.paths[routePath.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    });
  assert.equal(undocumented, []);
});

test('docs/security.md prints the same permission tables as the code enforces', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/security.md'), 'utf8');
  const labels: Record<string, Access> = { anyone: 'public', 'any session': 'session', operator: 'operator', supervisor: 'supervisor', admin: 'admin' };
  const rest = Object.fromEntries([...doc.matchAll(/^\| `([A-Z]+ \/[^`]+)` \| ([a-z ]+) \|$/gm)].map(([, route = '', label = '']) => [route, labels[label.trim()] ?? label]));
  assert.equal(rest, { ...HTTP_ACCESS });
  const events = [...doc.matchAll(/^\| `([a-z:]+)` \| /gm)].map(([, event]) => event).sort();
  assert.equal(events, Object.keys(SOCKET_ACCESS).sort());
});

test('a route missing from the table is refused, whoever asks (fail closed)', async () => {
  const app = new Koa();
  const router = new Router();
  router.use(authorize({} as SessionService, createLogger('silent'), {}));
  router.get('/api/new-thing', (ctx) => {
    ctx.body = 'should not be reached';
  });
  app.use(errorHandler(createLogger('silent'))).use(router.routes());
  const server = app.listen(0);
  try {
    const port = (server.address() as { port: number }).port;
    const response = await fetch(`http://127.0.0.1:${port}/api/new-thing`);
    assert.is(response.status, 403);
  } finally {
    server.close();
  }
});

const RANK = { operator: 1, supervisor: 2, admin: 3 } as const;

/** a request to the route with made-up parameters and an empty body: only whether it got past the guard matters */
async function call(route: string, token: string | null): Promise<{ status: number; code: string | null }> {
  const [method = 'GET', path = '/'] = route.split(' ');
  const url = path
    .replace(':id', 'no-such-id')
    .replace(':token', 'x'.repeat(43))
    .replace(':version', '999999')
    .replace(':userId', `U${'0'.repeat(32)}`);
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const response = await fetch(`${engine.baseUrl}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? '{}' : undefined,
  });
  const text = await response.text();
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    // not JSON (the CSV export)
  }
  return { status: response.status, code };
}

function expected(access: Access, caller: keyof typeof clients): 'allowed' | 403 {
  if (access === 'public' || access === 'session') return 'allowed';
  if (caller === 'restricted') return 403;
  return RANK[caller] >= RANK[access] ? 'allowed' : 403;
}

test('each route answers anonymous, expired, tampered, foreign-key and signed-out callers, a restricted session and each role as the table says', async () => {
  const wrong: string[] = [];
  for (const [route, access] of Object.entries(HTTP_ACCESS)) {
    // public routes are tried anonymously only (logging out ends the session it is called with); refresh
    // answers 401 session_ended without a cookie, which is its answer, not the guard's
    if (access === 'public') {
      const { status, code } = await call(route, null);
      if (status === 403 || (status === 401 && code === 'unauthorized')) wrong.push(`${route} anonymous -> ${status} ${code}`);
      continue;
    }
    for (const [name, token] of Object.entries(bad)) {
      const { status } = await call(route, token);
      if (status !== 401) wrong.push(`${route} ${name} -> ${status}, expected 401`);
    }
    for (const caller of ['operator', 'supervisor', 'admin', 'restricted'] as const) {
      const { status } = await call(route, client(caller).token);
      const want = expected(access, caller);
      if (want === 403 && status !== 403) wrong.push(`${route} ${caller} -> ${status}, expected 403`);
      if (want === 'allowed' && (status === 401 || status === 403)) wrong.push(`${route} ${caller} -> ${status}, expected past the guard`);
    }
  }
  assert.equal(wrong, []);
});

async function waitingConversation(userId: string): Promise<ConversationDto> {
  const admin = client('admin');
  const event = engine.fakeLine.simulate(userId, { type: 'text', text: 'agent please' });
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
  return waitFor(async () => (await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === userId), 'the waiting conversation');
}

test("an operator reads, answers, transfers and closes only the queue and their own; someone else's is for supervisors", async () => {
  const conversation = await waitingConversation(`U${'1'.repeat(32)}`);
  const nok = client('operator');
  const pim = await OperatorClient.signIn(engine.baseUrl, 'pim@example.com', 'pim-password-1');
  assert.is((await nok.request('GET', `/api/conversations/${conversation.id}`)).status, 200, 'the queue is everyone\'s');
  assert.is((await pim.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  const id = conversation.id;
  assert.is((await nok.request('POST', `/api/conversations/${id}/claim`)).status, 409, 'already claimed');
  assert.is((await nok.request('GET', `/api/conversations/${id}`)).status, 403);
  assert.is((await nok.request('GET', `/api/conversations/${id}/canned-responses`)).status, 403);
  assert.is((await nok.request('POST', `/api/conversations/${id}/messages`, { text: 'hi' })).status, 403);
  assert.is((await nok.request('POST', `/api/conversations/${id}/transfer`, { operatorId: nok.login.operator.id })).status, 403);
  assert.is((await nok.request('POST', `/api/conversations/${id}/close`)).status, 403);
  const nokActive = (await nok.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=active')).body.conversations;
  assert.not.ok(nokActive.some((c) => c.id === id), "someone else's is not in an operator's list");
  const supervisor = client('supervisor');
  assert.is((await supervisor.request('GET', `/api/conversations/${id}`)).status, 200);
  assert.ok((await supervisor.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=active')).body.conversations.some((c) => c.id === id));
  assert.is((await pim.request('GET', `/api/conversations/${id}`)).status, 200, 'its own operator reads it');
  assert.is((await supervisor.request('POST', `/api/conversations/${id}/close`)).status, 200, 'a supervisor closes it');
});

/** One check per socket event: a Record over the event map, so an event without a check does not compile. */
const socketChecks: Record<keyof ClientToServerEvents, (conversationId: string) => Promise<void>> = {
  'conversation:join': async (id) => {
    const answers = await Promise.all((['operator', 'supervisor'] as const).map(async (who) => {
      const c = client(who);
      await c.connect();
      return new Promise<JoinAnswer>((resolve) => c.socket?.emit('conversation:join', id, resolve));
    }));
    assert.equal(answers.map((a) => a.ok), [false, true], "an operator is refused someone else's conversation, a supervisor is not");
  },
  'conversation:leave': async (id) => {
    client('supervisor').socket?.emit('conversation:leave', id);
  },
  typing: async (id) => {
    const [operator, supervisor, admin] = [client('operator'), client('supervisor'), client('admin')];
    await admin.connect();
    await new Promise((resolve) => admin.socket?.emit('conversation:join', id, resolve));
    await new Promise((resolve) => supervisor.socket?.emit('conversation:join', id, resolve));
    operator.socket?.emit('typing', { conversationId: id });
    supervisor.socket?.emit('typing', { conversationId: id });
    await waitFor(() => admin.typingSeen.find((t) => t.operatorId === supervisor.login.operator.id), "the supervisor's typing");
    assert.not.ok(admin.typingSeen.some((t) => t.operatorId === operator.login.operator.id), 'typing from a socket outside the room reaches nobody');
  },
};

test('every socket event has a rule and a check, and each is enforced; bad tokens cannot open a socket', async () => {
  assert.equal(Object.keys(socketChecks).sort(), Object.keys(SOCKET_ACCESS).sort());
  const conversation = await waitingConversation(`U${'2'.repeat(32)}`);
  const pim = await OperatorClient.signIn(engine.baseUrl, 'pim@example.com', 'pim-password-1');
  assert.is((await pim.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  for (const check of Object.values(socketChecks)) await check(conversation.id);

  for (const [name, token] of Object.entries(bad)) {
    const socket = io(engine.baseUrl, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
    });
    socket.close();
    assert.is(outcome, 'unauthorized', name);
  }
  for (const c of Object.values(clients)) c?.close();
});

test.run();
