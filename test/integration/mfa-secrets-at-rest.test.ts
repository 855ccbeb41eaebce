/**
 * Authenticator (TOTP) secrets at rest (docs/security.md): with BATON_ENCRYPTION_KEY they are stored
 * encrypted, secrets stored in the clear before the key was set are encrypted when an engine starts with
 * it, and without the key that sealed them codes are refused with a clear answer while recovery codes and
 * an admin's reset still work. One database, engines started on it in turn with and without the key.
 * SQLite and Postgres (BATON_TEST_DB).
 */
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MfaEnableResponse, MfaSetupResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { addOperator } from '../support/test-operators.ts';

const clock = new TestClock();
const KEY = randomBytes(32).toString('hex');
let database: TestDatabase;
let engine: TestEngine | null = null;
const ann = { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' };
const ben = { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' };
const secrets = new Map<string, string>();
const recovery = new Map<string, string[]>();
type ErrorBody = { error: { code: string; message: string } };

/** stops the engine under test and starts another on the same database, with `key` or none */
async function restart(key: string | null): Promise<TestEngine> {
  await engine?.stop();
  engine = await startTestEngine({ database, now: clock.now, env: key ? { BATON_ENCRYPTION_KEY: key } : {} });
  return engine;
}

test.before(async () => {
  database = await createTestDatabase();
});
test.after(async () => {
  await engine?.stop();
  await database?.drop();
});

const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(clock.now() / 1000) });

/** what the database holds for the operator */
async function stored(email: string): Promise<{ totp_secret: string | null; totp_pending_secret: string | null }> {
  const row = await engine?.baton.store.operators.findByEmail(email);
  if (!row) throw new Error(`no operator ${email}`);
  return { totp_secret: row.totp_secret, totp_pending_secret: row.totp_pending_secret };
}

async function enrol(person: { email: string; password: string }): Promise<void> {
  const client = await OperatorClient.signIn((engine as TestEngine).baseUrl, person.email, person.password);
  const setup = await client.request<MfaSetupResponse>('POST', '/api/me/mfa/setup');
  assert.is(setup.status, 200);
  secrets.set(person.email, setup.body.secret);
  const pending = (await stored(person.email)).totp_pending_secret;
  if (pending !== setup.body.secret) assert.not.match(pending ?? '', setup.body.secret, 'the pending secret is not in the clear');
  clock.advance(30_000);
  const enabled = await client.request<MfaEnableResponse>('POST', '/api/me/mfa/enable', { otp: await codeNow(setup.body.secret) });
  assert.is(enabled.status, 200);
  recovery.set(person.email, enabled.body.recoveryCodes);
}

/** POST /api/auth/login with the sign-in fields only */
function login(body: { email: string; password: string; otp?: string; recoveryCode?: string }): Promise<Response> {
  const { email, password, otp, recoveryCode } = body;
  return fetch(`${(engine as TestEngine).baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, otp, recoveryCode }) });
}

async function signsInWithCode(person: { email: string; password: string }): Promise<number> {
  clock.advance(30_000);
  return (await login({ ...person, otp: await codeNow(secrets.get(person.email) ?? '') })).status;
}

test('without a key the secret is stored as it is (as before there was one)', async () => {
  const started = await restart(null);
  await addOperator(started.baton.store, ann);
  await enrol(ann);
  assert.equal(await stored(ann.email), { totp_secret: secrets.get(ann.email), totp_pending_secret: null });
  assert.is(await signsInWithCode(ann), 200);
});

test('with the key a new enrolment is stored encrypted, pending and confirmed, and its codes sign in', async () => {
  const started = await restart(KEY);
  await addOperator(started.baton.store, ben);
  await enrol(ben);
  const row = await stored(ben.email);
  assert.match(row.totp_secret ?? '', /^v1\./);
  assert.not.match(row.totp_secret ?? '', secrets.get(ben.email) ?? '');
  assert.is(await signsInWithCode(ben), 200);
});

test('an engine starting with the key encrypts the secrets stored in the clear before, and they still sign in', async () => {
  const row = await stored(ann.email);
  assert.match(row.totp_secret ?? '', /^v1\./, 'sealed at the start of the engine with the key');
  assert.not.match(row.totp_secret ?? '', secrets.get(ann.email) ?? '');
  assert.is(await signsInWithCode(ann), 200);
  // a sealed value opens only for its own operator: copied to another, it does not check codes
  const store = (engine as TestEngine).baton.store;
  const benRow = await store.operators.findByEmail(ben.email);
  if (!benRow) throw new Error('no Ben');
  await store.operators.setMfa(benRow.id, { totp_secret: row.totp_secret, totp_pending_secret: null, recovery_codes: benRow.recovery_codes });
  clock.advance(30_000);
  const copied = await login({ ...ben, otp: await codeNow(secrets.get(ann.email) ?? '') });
  assert.is(copied.status, 409);
  assert.is(((await copied.json()) as ErrorBody).error.code, 'mfa_secret_unreadable');
});

test('without the key (or with another) a code is refused, saying why; a recovery code and an admin reset still work', async () => {
  for (const key of [null, randomBytes(32).toString('hex')]) {
    await restart(key);
    const refused = await login({ ...ann, otp: await codeNow(secrets.get(ann.email) ?? '') });
    assert.is(refused.status, 409);
    const { error } = (await refused.json()) as ErrorBody;
    assert.is(error.code, 'mfa_secret_unreadable');
    assert.match(error.message, key ? 'not the key it was stored with' : 'BATON_ENCRYPTION_KEY is not set');
    assert.not.match(error.message, secrets.get(ann.email) ?? '');
    assert.match(JSON.stringify(await stored(ann.email)), /v1\./, 'what is stored is left as it is');
  }
  const codes = recovery.get(ann.email) ?? [];
  assert.is((await login({ ...ann, recoveryCode: codes[0] ?? '' })).status, 200);

  const started = engine as TestEngine;
  const admin = await OperatorClient.signIn(started.baseUrl, started.admin.email, started.admin.password);
  const annId = (await started.baton.store.operators.findByEmail(ann.email))?.id;
  assert.is((await admin.request('DELETE', `/api/operators/${annId}/mfa`)).status, 200);
  assert.is((await login(ann)).status, 200, 'MFA off: the password signs in, and Ann can enrol again');
});

test.run();
