/**
 * What an outside probe found, closed: security headers, sockets only from Baton's own pages, the sandbox's
 * customer API for signed-in studio users only, private data files, a sign-in throttle a spoofed
 * X-Forwarded-For does not get around, and an audit log nobody can rewrite. SQLite and Postgres.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { io } from 'socket.io-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditListResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';

let engine: TestEngine;
let admin: OperatorClient;

test.before(async () => {
  engine = await startTestEngine({ sandbox: true, env: { BATON_LOGIN_MAX_FAILURES: '2' } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(() => engine.stop());

const login = (base: string, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

test('pages and API answers carry the security headers; no inline script is allowed; HSTS only over https', async () => {
  for (const url of [`${engine.baseUrl}/`, `${engine.baseUrl}/api/openapi.json`, `${engine.baseUrl}/healthz`]) {
    const response = await fetch(url);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, url);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.not.match(csp.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe-inline/);
    assert.is(response.headers.get('x-content-type-options'), 'nosniff');
    assert.is(response.headers.get('x-frame-options'), 'DENY');
    assert.is(response.headers.get('referrer-policy'), 'no-referrer');
    assert.is(response.headers.get('strict-transport-security'), null, 'not over plain http');
  }
  const https = await startTestEngine({ env: { BATON_PUBLIC_URL: 'https://chat.example.com' } });
  try {
    assert.match((await fetch(`${https.baseUrl}/`)).headers.get('strict-transport-security') ?? '', /max-age=31536000/);
    const signedIn = await login(https.baseUrl, https.admin.email, https.admin.password);
    assert.match(signedIn.headers.getSetCookie().join(), /baton_refresh=[^;]+;.*; Secure/);
  } finally {
    await https.stop();
  }
});

function socketOutcome(origin: string | null): Promise<string> {
  const socket = io(engine.baseUrl, { auth: { token: admin.token }, transports: ['websocket'], reconnection: false, extraHeaders: origin ? { origin } : {} });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', () => resolve('refused'));
  }).finally(() => socket.close());
}

test("sockets open only from Baton's own pages (or from clients that are not browsers)", async () => {
  assert.is(await socketOutcome('https://evil.example'), 'refused');
  assert.is(await socketOutcome(engine.baseUrl), 'connected', 'the host the request names');
  assert.is(await socketOutcome('http://localhost:0'), 'connected', 'BATON_PUBLIC_URL');
  assert.is(await socketOutcome(null), 'connected', 'no Origin: not a browser');
});

test('refresh and logout refuse requests from another site', async () => {
  const response = await fetch(`${engine.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { origin: 'https://evil.example', cookie: admin.refreshCookie ?? '' } });
  assert.is(response.status, 403);
});

test('the sandbox plays a LINE customer only for signed-in studio users', async () => {
  const userId = `U${'a'.repeat(32)}`;
  const body = JSON.stringify({ type: 'text', text: 'hello' });
  const anonymous = await fetch(`${engine.baseUrl}/sandbox/api/users/${userId}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.is(anonymous.status, 401);
  assert.is((await fetch(`${engine.baseUrl}/sandbox/api/users/${userId}/chat`)).status, 401, 'nor read a transcript');
  const signedIn = await admin.request<{ status: number }>('POST', `/sandbox/api/users/${userId}/events`, { type: 'text', text: 'hello' });
  assert.is(signedIn.status, 200);
  assert.is(signedIn.body.status, 200, 'the webhook took it');
  assert.is((await fetch(`${engine.baseUrl}/sandbox/api/info`)).status, 200, 'whether the simulator exists is no secret');
});

test('a new SQLite database is private to the user running Baton: folder 0700, file 0600', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-modes-'));
  const file = path.join(root, 'data', 'baton.sqlite');
  const local = await startTestEngine({ database: { kind: 'sqlite', url: `sqlite:${file}`, drop: async () => {} } });
  try {
    assert.is(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.is(fs.statSync(file).mode & 0o777, 0o600);
    for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) assert.is(fs.statSync(file + side).mode & 0o777, 0o600, side);
  } finally {
    await local.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a spoofed X-Forwarded-For neither spreads guesses over addresses nor shows in the audit log (proxy not trusted)', async () => {
  // the per-address limit is 5 x BATON_LOGIN_MAX_FAILURES (2): ten guesses over ten accounts, each "from" elsewhere
  for (let i = 0; i < 10; i++) {
    assert.is((await login(engine.baseUrl, `guess${i}@example.com`, 'wrong password', { 'x-forwarded-for': `203.0.113.${i}` })).status, 401);
  }
  const blocked = await login(engine.baseUrl, 'guess10@example.com', 'wrong password', { 'x-forwarded-for': '198.51.100.1' });
  assert.is(blocked.status, 429);
  const failed = (await admin.request<AuditListResponse>('GET', '/api/audit?action=auth.login_failed')).body.entries;
  assert.ok(failed.length >= 10);
  for (const entry of failed) assert.match(entry.address ?? '', /127\.0\.0\.1/, 'the peer, not the header');
});

test('behind a trusted proxy (BATON_TRUST_PROXY=1) the address is the one the proxy reports', async () => {
  const proxied = await startTestEngine({ env: { BATON_TRUST_PROXY: '1', BATON_LOGIN_MAX_FAILURES: '2' } });
  try {
    for (let i = 0; i < 12; i++) {
      assert.is((await login(proxied.baseUrl, `guess${i}@example.com`, 'wrong password', { 'x-forwarded-for': `spoofed, 203.0.113.${i}` })).status, 401, 'each address counts on its own');
    }
    const proxiedAdmin = await OperatorClient.signIn(proxied.baseUrl, proxied.admin.email, proxied.admin.password);
    const failed = (await proxiedAdmin.request<AuditListResponse>('GET', '/api/audit?action=auth.login_failed&limit=1')).body.entries;
    assert.is(failed[0]?.address, '203.0.113.11', 'the rightmost hop, added by the trusted proxy');
  } finally {
    await proxied.stop();
  }
});

test('the audit log records actions with actor, address and target, exports as CSV, and refuses any change', async () => {
  const conversationUser = `U${'b'.repeat(32)}`;
  await admin.request('POST', `/sandbox/api/users/${conversationUser}/events`, { type: 'text', text: 'agent please' });
  const waiting = await (async () => {
    for (let i = 0; i < 100; i++) {
      const list = (await admin.request<{ conversations: { id: string; customer: { lineUserId: string } }[] }>('GET', '/api/conversations?status=waiting')).body.conversations;
      const found = list.find((c) => c.customer.lineUserId === conversationUser);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no waiting conversation');
  })();
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/transfer`, {})).status, 200);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/close`, { reason: 'spam' })).status, 200);
  const versions = (await admin.request<{ versions: { version: number }[] }>('GET', '/api/flows/versions')).body.versions;
  assert.is((await admin.request('POST', `/api/flows/versions/${versions[0]?.version ?? 1}/activate`)).status, 200);

  const entries = (await admin.request<AuditListResponse>('GET', `/api/audit?targetId=${waiting.id}`)).body.entries;
  assert.equal(entries.map((e) => e.action), ['conversation.closed', 'conversation.transferred', 'conversation.claimed']);
  for (const entry of entries) {
    assert.is(entry.actorId, admin.login.operator.id);
    assert.is(entry.actorEmail, engine.admin.email);
    assert.match(entry.address ?? '', /127\.0\.0\.1/);
    assert.is(entry.targetType, 'conversation');
  }
  assert.equal(entries[0]?.details, { reason: 'spam' });
  const all = (await admin.request<AuditListResponse>('GET', '/api/audit?limit=500')).body.entries.map((e) => e.action);
  for (const action of ['auth.login', 'auth.login_failed', 'flow.activated']) assert.ok(all.includes(action), action);

  const csv = await fetch(`${engine.baseUrl}/api/audit/export.csv?action=conversation.closed`, { headers: { authorization: `Bearer ${admin.token}` } });
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.is(lines[0], 'id,time,actor_id,actor_email,action,target_type,target_id,address,details');
  assert.ok(lines.slice(1).every((line) => line.includes(',conversation.closed,')));
  assert.ok((await admin.request<AuditListResponse>('GET', '/api/audit?action=audit.exported')).body.entries.length >= 1, 'the export is audited');

});

test('the audit table itself refuses an UPDATE, whoever connects', async () => {
  if (engine.database.kind === 'sqlite') {
    const db = new Database(engine.database.url.slice('sqlite:'.length));
    try {
      assert.throws(() => db.prepare("update audit_log set action = 'nothing happened'").run(), /append-only/);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: engine.database.url });
  await client.connect();
  try {
    let message = '';
    await client.query("update audit_log set action = 'nothing happened'").catch((error: Error) => (message = error.message));
    assert.match(message, /append-only/);
  } finally {
    await client.end();
  }
});

test.run();
