/**
 * Changing BATON_ENCRYPTION_KEY (docs/channels.md, Key rotation): started with the new key and the old one
 * as BATON_PREVIOUS_ENCRYPTION_KEY, an engine opens everything the old key sealed (a channel's credentials,
 * an operator's authenticator secret, a relay target's signing secret) and seals it again with the new key,
 * so the next engine needs the new key only. The new key alone, before that, opens none of it. One database,
 * engines started on it in turn. SQLite and Postgres (BATON_TEST_DB).
 */
import { randomBytes } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import { generate } from 'otplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MfaSetupResponse } from '../../engine/contracts/rest.ts';
import type { RelayTargetSecretResponse } from '../../engine/contracts/relay.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { SecretBox } from '../../engine/services/channels/secret-box.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { RelayTargetServer } from '../support/relay-target-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const B_SECRET = randomBytes(16).toString('hex');
const B_TOKEN = `b-token-${randomBytes(24).toString('base64url')}`;
const ann = { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' };
const clock = new TestClock();
const target = new RelayTargetServer([200]);
let database: TestDatabase;
let engine: TestEngine | null = null;
let totpSecret = '';
let relaySecret = '';

async function restart(env: Record<string, string>): Promise<TestEngine> {
  await engine?.stop();
  engine = await startTestEngine({ database, now: clock.now, env: { BATON_RELAY_RETRY_MS: '200', ...env } });
  return engine;
}
const running = () => engine as TestEngine;

/** a customer's text to channel b, signed with b's secret: 200 once b's credentials open, 404 while they do not */
async function postToB(text: string): Promise<number> {
  const body = running().fakeLine.webhookBody([running().fakeLine.textEvent(`U${'b'.repeat(31)}1`, text)]);
  const answer = await fetch(`${running().baseUrl}/webhooks/line/b`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, B_SECRET) }, body });
  return answer.status;
}

async function annSignsInWithCode(): Promise<number> {
  clock.advance(30_000);
  const otp = await generate({ secret: totpSecret, epoch: Math.floor(clock.now() / 1000) });
  const answer = await fetch(`${running().baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ann.email, password: ann.password, otp }) });
  return answer.status;
}

/** what the database holds, opened with the new key alone (throws while any of it is the old key's) */
async function openWithNewKeyAlone(): Promise<{ channelSecret: string; channelToken: string; totp: string; relay: string }> {
  const { store } = running().baton;
  const box = new SecretBox(NEW_KEY);
  const channel = await store.channels.findById('b');
  const operator = await store.operators.findByEmail(ann.email);
  const [relayTarget] = await store.relayTargets.list();
  return {
    channelSecret: box.open(channel?.secret_enc ?? '', 'channel:b:secret'),
    channelToken: box.open(channel?.access_token_enc ?? '', 'channel:b:access_token'),
    totp: box.open(operator?.totp_secret ?? '', `operator:${operator?.id}:totp`),
    relay: box.open(relayTarget?.secret ?? '', `relay-target:${relayTarget?.id}:secret`),
  };
}

test.before(async () => {
  database = await createTestDatabase();
});
test.after(async () => {
  await engine?.stop();
  await target.close();
  await database?.drop();
});

test('with the old key: a channel, an authenticator and a relay target, each sealed with it', async () => {
  await restart({ BATON_ENCRYPTION_KEY: OLD_KEY.toString('base64') });
  running().fakeLine.addChannel('b', B_TOKEN);
  const admin = await OperatorClient.signIn(running().baseUrl, running().admin.email, running().admin.password);
  assert.is((await admin.request('POST', '/api/channels', { id: 'b', channelSecret: B_SECRET, channelAccessToken: B_TOKEN })).status, 201);
  const created = await admin.request<RelayTargetSecretResponse>('POST', '/api/relay-targets', { name: 'crm', url: await target.listen() });
  assert.is(created.status, 201);
  relaySecret = created.body.secret;
  admin.close();

  await addOperator(running().baton.store, ann);
  const client = await OperatorClient.signIn(running().baseUrl, ann.email, ann.password);
  const setup = await client.request<MfaSetupResponse>('POST', '/api/me/mfa/setup');
  totpSecret = setup.body.secret;
  clock.advance(30_000);
  assert.is((await client.request('POST', '/api/me/mfa/enable', { otp: await generate({ secret: totpSecret, epoch: Math.floor(clock.now() / 1000) }) })).status, 200);
  client.close();
  assert.is(await postToB('with the old key'), 200);
  assert.is(await openWithNewKeyAlone().then(() => 'opened', () => 'refused'), 'refused', 'nothing opens with the new key yet');
});

test('the new key alone opens none of it: the channel is unusable and codes are refused', async () => {
  await restart({ BATON_ENCRYPTION_KEY: NEW_KEY.toString('base64') });
  assert.is(await postToB('new key alone'), 404);
  assert.is(await annSignsInWithCode(), 409);
});

test('the new key with the old one as BATON_PREVIOUS_ENCRYPTION_KEY: everything works and is sealed again with the new key', async () => {
  await restart({ BATON_ENCRYPTION_KEY: NEW_KEY.toString('base64'), BATON_PREVIOUS_ENCRYPTION_KEY: OLD_KEY.toString('hex') });
  assert.equal(await openWithNewKeyAlone(), { channelSecret: B_SECRET, channelToken: B_TOKEN, totp: totpSecret, relay: relaySecret });
  assert.is(await postToB('rotating'), 200);
  assert.is(await annSignsInWithCode(), 200);
  const got = await waitFor(() => target.received.find((r) => r.body.includes('rotating')), 'the event relayed');
  assert.ok(validateSignature(got.body, relaySecret, got.signature), 'signed with the same secret');
});

test('afterwards the new key alone does it all', async () => {
  await restart({ BATON_ENCRYPTION_KEY: NEW_KEY.toString('base64') });
  assert.is(await postToB('new key only'), 200);
  assert.is(await annSignsInWithCode(), 200);
  const got = await waitFor(() => target.received.find((r) => r.body.includes('new key only')), 'the event relayed');
  assert.ok(validateSignature(got.body, relaySecret, got.signature));
});

test.run();
