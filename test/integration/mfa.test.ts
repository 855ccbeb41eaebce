/**
 * Two-factor sign-in (TOTP, RFC 6238): enrolment with a QR code, codes computed here from the secret as an
 * authenticator app would, each code once, recovery codes once each, and an admin setting that makes a role
 * enrol before doing anything else. SQLite and Postgres (BATON_TEST_DB).
 */
import { generate } from 'otplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MeResponse, MfaEnableResponse, MfaSetupResponse, SecuritySettingsDto } from '../../engine/contracts/rest.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';

const clock = new TestClock();
let engine: TestEngine;
let admin: OperatorClient;
const nok = { email: 'nok@example.com', password: 'nok-password-1', name: 'Nok' };
type ErrorBody = { error: { code: string; message: string } };

test.before(async () => {
  engine = await startTestEngine({ now: clock.now });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await addOperator(engine.baton.store, nok);
});
test.after(() => engine.stop());

/** the code an authenticator app shows now, by the engine's clock */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(clock.now() / 1000) });

/** POST /api/auth/login with the sign-in fields only */
function login(body: { email: string; password: string; otp?: string; recoveryCode?: string }): Promise<Response> {
  const { email, password, otp, recoveryCode } = body;
  return fetch(`${engine.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, otp, recoveryCode }) });
}

let secret = '';
let recoveryCodes: string[] = [];

test('enrolment: a QR code and a secret, in force only once a code from it is confirmed', async () => {
  const client = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  const setup = await client.request<MfaSetupResponse>('POST', '/api/me/mfa/setup');
  assert.is(setup.status, 200);
  secret = setup.body.secret;
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.match(setup.body.otpauthUrl, /^otpauth:\/\/totp\/Baton:nok%40example\.com\?secret=[A-Z2-7]+&issuer=Baton$/);
  assert.match(setup.body.qrSvg, /^<svg[^>]*>.*<\/svg>\s*$/s);
  assert.is((await login(nok)).status, 200, 'not in force yet');

  const wrong = await client.request<ErrorBody>('POST', '/api/me/mfa/enable', { otp: '000000' });
  assert.is(wrong.status, 400);
  const enabled = await client.request<MfaEnableResponse>('POST', '/api/me/mfa/enable', { otp: await codeNow(secret) });
  assert.is(enabled.status, 200);
  assert.ok(enabled.body.operator.mfaEnabled);
  recoveryCodes = enabled.body.recoveryCodes;
  assert.is(recoveryCodes.length, 10);
});

test('with MFA on, the password alone is not enough; a wrong code counts as a failed sign-in', async () => {
  clock.advance(30_000);
  const none = await login(nok);
  assert.is(none.status, 401);
  assert.is(((await none.json()) as ErrorBody).error.code, 'otp_required');
  const wrong = await login({ ...nok, otp: '123456' });
  assert.is(wrong.status, 401);
  assert.is(((await wrong.json()) as ErrorBody).error.code, 'otp_invalid');
  const code = await codeNow(secret);
  const right = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password, { otp: code });
  assert.ok(right.token);
  const replay = await login({ ...nok, otp: code });
  assert.is(replay.status, 401, 'the same code twice is refused');
  assert.is((await login({ email: nok.email, password: 'wrong password', otp: await codeNow(secret) })).status, 401, 'a right code with a wrong password');
});

test('a recovery code signs in once', async () => {
  const [first] = recoveryCodes;
  assert.ok(first);
  assert.is((await login({ ...nok, recoveryCode: first.toUpperCase() })).status, 200);
  assert.is((await login({ ...nok, recoveryCode: first })).status, 401, 'spent');
});

test('turning MFA off takes a code; then the password alone works again', async () => {
  clock.advance(30_000);
  const client = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password, { otp: await codeNow(secret) });
  assert.is((await client.request('POST', '/api/me/mfa/disable', { otp: '000000' })).status, 400);
  const [, second] = recoveryCodes;
  const off = await client.request<MeResponse>('POST', '/api/me/mfa/disable', { recoveryCode: second ?? '' });
  assert.is(off.status, 200);
  assert.is(off.body.operator.mfaEnabled, false);
  assert.is((await login(nok)).status, 200);
});

test('an admin can require MFA for a role: its next session may only enrol, then goes on', async () => {
  const settings = await admin.request<SecuritySettingsDto>('PUT', '/api/settings/security', { requireMfaFor: ['supervisor', 'operator'] });
  assert.equal(settings.body, { requireMfaFor: ['supervisor', 'operator'] });
  const client = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  assert.is(client.login.restriction, 'mfa_enrollment');
  const refused = await client.request<ErrorBody>('GET', '/api/conversations');
  assert.is(refused.status, 403);
  assert.is(refused.body.error.code, 'mfa_enrollment_required');
  let socketRefused = false;
  await client.connect().catch(() => (socketRefused = true));
  assert.ok(socketRefused, 'no live inbox before enrolling');

  const setup = await client.request<MfaSetupResponse>('POST', '/api/me/mfa/setup');
  clock.advance(30_000);
  const enabled = await client.request<MfaEnableResponse>('POST', '/api/me/mfa/enable', { otp: await codeNow(setup.body.secret) });
  assert.is(enabled.status, 200);
  assert.is((await client.request('GET', '/api/conversations')).status, 200, 'the same session, enrolled');
  assert.is((await client.request<ErrorBody>('POST', '/api/me/mfa/disable', { recoveryCode: enabled.body.recoveryCodes[0] ?? '' })).body.error.code, 'mfa_required');
  assert.is((await admin.request('GET', '/api/conversations')).status, 200, 'admins were not required');
});

test('an admin resets a lost phone: MFA off, sessions ended, enrolment again at the next sign-in where required', async () => {
  clock.advance(30_000);
  const nokId = (await admin.request<{ operators: { id: string; email: string }[] }>('GET', '/api/operators')).body.operators.find((o) => o.email === nok.email)?.id ?? '';
  const reset = await admin.request<{ operator: { mfaEnabled: boolean } }>('DELETE', `/api/operators/${nokId}/mfa`);
  assert.is(reset.status, 200);
  assert.is(reset.body.operator.mfaEnabled, false);
  const client = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  assert.is(client.login.restriction, 'mfa_enrollment');
  const actions = (await admin.request<{ entries: { action: string }[] }>('GET', '/api/audit?limit=500')).body.entries.map((e) => e.action);
  for (const action of ['mfa.enabled', 'mfa.disabled', 'mfa.reset', 'settings.updated']) assert.ok(actions.includes(action), action);
});

test.run();
