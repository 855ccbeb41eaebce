/**
 * Relay targets' signing secrets at rest (docs/relay.md): with BATON_ENCRYPTION_KEY they are stored encrypted
 * and events still reach each target signed with the secret it was shown (checked with the LINE SDK's
 * validateSignature); a secret stored in the clear before the key is encrypted when an engine starts with it;
 * without the key that sealed it nothing is sent to that target (never unsigned), its deliveries wait with
 * the reason, and rotating the secret sends them. One database, engines started on it in turn with and
 * without the key. SQLite and Postgres (BATON_TEST_DB).
 */
import { randomBytes } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RelayTargetListResponse, RelayTargetSecretResponse } from '../../engine/contracts/relay.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { RelayTargetServer } from '../support/relay-target-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const KEY = randomBytes(32).toString('hex');
const CUSTOMER = 'U00000000000000000000000000000e01';
let database: TestDatabase;
let engine: TestEngine | null = null;
let admin: OperatorClient | null = null;
const crm = new RelayTargetServer([200]);
const erp = new RelayTargetServer([200]);
/** each target's id and the secret it was last shown */
const shown = new Map<RelayTargetServer, { id: string; secret: string }>();

/** stops the engine under test and starts another on the same database, with `key` or none */
async function restart(key: string | null): Promise<TestEngine> {
  admin?.close();
  await engine?.stop();
  engine = await startTestEngine({ database, env: { BATON_RELAY_RETRY_MS: '200', ...(key ? { BATON_ENCRYPTION_KEY: key } : {}) } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  return engine;
}

const running = () => engine as TestEngine;

async function addTarget(server: RelayTargetServer, name: string): Promise<void> {
  const created = await (admin as OperatorClient).request<RelayTargetSecretResponse>('POST', '/api/relay-targets', { name, url: await server.listen() });
  assert.is(created.status, 201, JSON.stringify(created.body));
  shown.set(server, { id: created.body.target.id, secret: created.body.secret });
}

async function storedSecret(server: RelayTargetServer): Promise<string> {
  const row = await running().baton.store.relayTargets.findById(shown.get(server)?.id ?? '');
  if (!row) throw new Error('no such target');
  return row.secret;
}

/** posts a customer's text and waits until `server` got it; the signature must check with the secret it was shown */
async function relayedSigned(server: RelayTargetServer, text: string): Promise<void> {
  const response = await running().postWebhook(running().fakeLine.webhookBody([running().fakeLine.textEvent(CUSTOMER, text)]));
  assert.is(response.status, 200);
  const got = await waitFor(() => server.received.find((r) => r.body.includes(text)), `"${text}" relayed`);
  assert.ok(validateSignature(got.body, shown.get(server)?.secret ?? '', got.signature), 'signed with the secret the target was shown');
}

test.before(async () => {
  database = await createTestDatabase();
});
test.after(async () => {
  admin?.close();
  await engine?.stop();
  await Promise.all([crm.close(), erp.close()]);
  await database?.drop();
});

test('without a key a secret is stored as it comes (as before there was one)', async () => {
  await restart(null);
  await addTarget(crm, 'crm');
  assert.is(await storedSecret(crm), shown.get(crm)?.secret);
  await relayedSigned(crm, 'before the key');
});

test('an engine started with a key encrypts the secret stored in the clear; events still arrive signed with it', async () => {
  await restart(KEY);
  const stored = await storedSecret(crm);
  assert.ok(stored.startsWith('v1.'), 'sealed');
  assert.not.match(stored, shown.get(crm)?.secret ?? '', 'not in the clear');
  await relayedSigned(crm, 'after the key');
});

test('a target added with the key has its secret encrypted from the start', async () => {
  await addTarget(erp, 'erp');
  const stored = await storedSecret(erp);
  assert.ok(stored.startsWith('v1.'));
  assert.not.match(stored, shown.get(erp)?.secret ?? '');
  await relayedSigned(erp, 'to both');
  await waitFor(() => crm.received.some((r) => r.body.includes('to both')), 'crm got it too');
});

test('without the key nothing is sent to its targets, their deliveries wait with the reason, and a rotated secret sends them', async () => {
  await restart(null);
  const before = crm.received.length;
  const response = await running().postWebhook(running().fakeLine.webhookBody([running().fakeLine.textEvent(CUSTOMER, 'no key now')]));
  assert.is(response.status, 200);
  const id = shown.get(crm)?.id ?? '';
  const status = await waitFor(async () => {
    const list = await (admin as OperatorClient).request<RelayTargetListResponse>('GET', '/api/relay-targets');
    const target = list.body.targets.find((t) => t.id === id);
    return target?.status.lastError?.includes('BATON_ENCRYPTION_KEY is not set') && target;
  }, 'the reason shown on the target');
  assert.ok(status.status.backlog >= 1, 'the delivery waits');
  assert.is(crm.received.length, before, 'nothing was sent, signed or not');

  const rotated = await (admin as OperatorClient).request<RelayTargetSecretResponse>('POST', `/api/relay-targets/${id}/secret`);
  assert.is(rotated.status, 200);
  shown.set(crm, { id, secret: rotated.body.secret });
  const got = await waitFor(() => crm.received.find((r) => r.body.includes('no key now')), 'the waiting delivery sent', 15_000);
  assert.ok(validateSignature(got.body, rotated.body.secret, got.signature), 'signed with the new secret');
});

test.run();
