/**
 * Sessions on the server: a short-lived JWT per request, a refresh token in an httpOnly cookie rotated on every
 * use (a replaced one used again ends the session), sign-out and password changes refused at once on REST and
 * sockets, an idle timeout, and sockets ended when their token expires. SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditListResponse, LoginResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const clock = new TestClock();
let engine: TestEngine;
const nok = { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' };

test.before(async () => {
  engine = await startTestEngine({ now: clock.now });
  await addOperator(engine.baton.store, nok);
});
test.after(() => engine.stop());

const signIn = (who: { email: string; password: string } = nok) => OperatorClient.signIn(engine.baseUrl, who.email, who.password);
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number; iat: number; sub: string; sid: string };

async function auditActions(admin: OperatorClient): Promise<string[]> {
  return (await admin.request<AuditListResponse>('GET', '/api/audit?limit=500')).body.entries.map((e) => e.action);
}

test('sign-in answers a 15-minute JWT and sets the refresh token as an httpOnly, SameSite=Strict cookie for /api/auth only', async () => {
  const response = await fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: nok.email, password: nok.password }) });
  assert.is(response.status, 200);
  const body = (await response.json()) as LoginResponse;
  const jwt = claims(body.accessToken);
  assert.is(jwt.exp - jwt.iat, 900);
  assert.is(body.expiresAt, jwt.exp * 1000);
  assert.is(body.idleTimeoutSeconds, 1800);
  assert.is(body.restriction, null);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('baton_refresh=')) ?? '';
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Strict/);
  assert.match(cookie, /; Path=\/api\/auth;/);
  assert.not.match(cookie, /Secure/, 'not over plain http');
  assert.not.ok(JSON.stringify(body).includes(cookie.split(';')[0]?.split('=')[1] ?? 'none'), 'the refresh token is not in the body');
});

test('a refresh rotates the cookie; the replaced cookie used again ends the whole session, and that is audited', async () => {
  const client = await signIn();
  const first = client.refreshCookie;
  const refreshed = await client.refresh();
  assert.is(refreshed.status, 200);
  assert.ok(client.refreshCookie && client.refreshCookie !== first, 'a new cookie');
  assert.is((await client.request('GET', '/api/me')).status, 200, 'the new access token works');

  clock.advance(11_000);
  const stolen = await fetch(`${engine.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: first ?? '', 'content-type': 'application/json' }, body: '{}' });
  assert.is(stolen.status, 401);
  assert.is(((await stolen.json()) as { error: { code: string } }).error.code, 'session_ended');
  assert.is((await client.request('GET', '/api/me')).status, 401, "the family's newest access token is refused too");
  assert.is((await client.refresh()).status, 401, "and so is the family's newest refresh token");

  const admin = await signIn(engine.admin);
  assert.ok((await auditActions(admin)).includes('auth.refresh_reused'));
});

test('two tabs refreshing at once with the same cookie both get a token', async () => {
  const client = await signIn();
  const cookie = client.refreshCookie ?? '';
  const refresh = () => fetch(`${engine.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
  const first = await refresh();
  const second = await refresh();
  assert.is(first.status, 200);
  assert.is(second.status, 200, 'the token just replaced is still good for a few seconds');
});

test('sign-out ends the session at once: its access token on REST, its socket with a reason, its cookie', async () => {
  const client = await signIn();
  await client.connect();
  const other = await signIn();
  const response = await fetch(`${engine.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` } });
  assert.is(response.status, 204);
  assert.match(response.headers.getSetCookie().join(), /baton_refresh=; Path=\/api\/auth; Max-Age=0/);
  assert.is((await client.request('GET', '/api/conversations')).status, 401);
  await waitFor(() => client.sessionEnds.includes('signed_out') && client.socket?.connected === false, 'the socket ended');
  assert.is((await client.refresh()).status, 401);
  assert.is((await other.request('GET', '/api/me')).status, 200, 'another session of the same operator goes on');
  client.close();
});

test('sign-out with only the cookie (the access token expired) ends that session', async () => {
  const client = await signIn();
  const response = await fetch(`${engine.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: client.refreshCookie ?? '' } });
  assert.is(response.status, 204);
  assert.is((await client.request('GET', '/api/me')).status, 401);
});

test('a password change ends the other sessions at once and keeps this one', async () => {
  const who = { email: 'pim@example.com', password: 'pim-password-1', name: 'Pim' };
  await addOperator(engine.baton.store, who);
  const here = await signIn(who);
  const elsewhere = await signIn(who);
  await elsewhere.connect();
  const wrong = await here.request<{ error: { code: string } }>('POST', '/api/me/password', { currentPassword: 'not it', newPassword: 'pim-password-2' });
  assert.is(wrong.status, 403);
  const short = await here.request<{ error: { code: string } }>('POST', '/api/me/password', { currentPassword: who.password, newPassword: 'short' });
  assert.is(short.status, 400);
  assert.is((await here.request('POST', '/api/me/password', { currentPassword: who.password, newPassword: 'pim-password-2' })).status, 200);
  assert.is((await elsewhere.request('GET', '/api/me')).status, 401);
  await waitFor(() => elsewhere.sessionEnds.includes('revoked'), 'the other session\'s socket ended');
  assert.is((await here.request('GET', '/api/me')).status, 200);
  await signIn({ ...who, password: 'pim-password-2' });
  elsewhere.close();
});

test('without activity for the idle timeout the session ends: REST and refresh answer 401', async () => {
  const client = await signIn();
  clock.advance(20 * 60_000);
  assert.is((await client.refresh(false)).status, 200, 'within 30 minutes; not counted as activity');
  clock.advance(11 * 60_000);
  const idle = await client.request<{ error: { code: string; message: string } }>('GET', '/api/me');
  assert.is(idle.status, 401, 'the token is still unexpired, but the session is idle');
  assert.is(idle.body.error.code, 'session_ended');
  assert.match(idle.body.error.message, /without activity/);
  assert.is((await client.refresh()).status, 401);
});

test('activity keeps the session: a REST request or an active refresh resets the idle clock', async () => {
  const client = await signIn();
  for (let i = 0; i < 3; i++) {
    clock.advance(14 * 60_000);
    assert.is((await client.refresh(true)).status, 200);
  }
  clock.advance(14 * 60_000);
  assert.is((await client.request('GET', '/api/me')).status, 200, '56 minutes after sign-in, 14 after the last activity');
});

test('a socket ends with token_expired when its access token does, and a refreshed token connects again', async () => {
  const client = await signIn();
  clock.advance(900_000 - 1_500);
  await client.connect();
  await waitFor(() => client.sessionEnds.includes('token_expired'), 'the expiry', 10_000);
  await waitFor(() => client.socket?.connected === false, 'the disconnect');
  assert.is((await client.refresh()).status, 200);
  client.close();
  await client.connect();
  assert.ok(client.socket?.connected);
  client.close();
});

test('the generated first admin must choose a password before anything else', async () => {
  const other = await startTestEngine({ env: { BATON_ADMIN_EMAIL: '', BATON_ADMIN_PASSWORD: '' } });
  try {
    const generated = other.baton.firstAdmin?.generatedPassword;
    assert.ok(generated, 'a password was generated');
    const admin = await OperatorClient.signIn(other.baseUrl, 'admin@baton.local', generated);
    assert.is(admin.login.restriction, 'password_change');
    const refused = await admin.request<{ error: { code: string } }>('GET', '/api/conversations');
    assert.is(refused.status, 403);
    assert.is(refused.body.error.code, 'password_change_required');
    assert.is((await admin.request('GET', '/api/me')).status, 200);
    const changed = await admin.request<{ restriction: string | null }>('POST', '/api/me/password', { currentPassword: generated, newPassword: 'my-own-admin-password' });
    assert.is(changed.status, 200);
    assert.is(changed.body.restriction, null);
    assert.is((await admin.request('GET', '/api/conversations')).status, 200);
  } finally {
    await other.stop();
  }
});

test.run();
