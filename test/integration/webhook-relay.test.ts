/**
 * Webhook relay (docs/relay.md): each verified event goes on to the admins' targets, re-signed with each
 * target's own secret (checked here with the LINE SDK's validateSignature, as a target would), with retries
 * for a failing target, given up at once for a refusing one, without the webhook's 200 ever waiting for a
 * target. The secret is shown once and is in no later answer and no log line; admins only. Real engine, real
 * HTTP targets on 127.0.0.1; SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RelayTargetDto, RelayTargetListResponse, RelayTargetSecretResponse } from '../../engine/contracts/relay.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { RelayTargetServer } from '../support/relay-target-server.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const CUSTOMER = 'U00000000000000000000000000000c01';

const logged: string[] = [];
let engine: TestEngine;
let admin: OperatorClient;
const secrets: string[] = [];

test.before(async () => {
  // every line the engine logs, at every level, to look for secrets in
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logged.push(line) });
  // the key lets a second LINE channel be added (the channel filter's test)
  engine = await startTestEngine({ logger, env: { BATON_RELAY_RETRY_MS: '200', BATON_RELAY_TIMEOUT_MS: '1000', BATON_ENCRYPTION_KEY: randomBytes(32).toString('hex') } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(async () => {
  await engine.stop();
});

async function createTarget(name: string, url: string, events?: string[], channels?: string[]): Promise<RelayTargetSecretResponse> {
  const created = await admin.request<RelayTargetSecretResponse>('POST', '/api/relay-targets', { name, url, ...(events ? { events } : {}), ...(channels ? { channels } : {}) });
  assert.is(created.status, 201, JSON.stringify(created.body));
  secrets.push(created.body.secret);
  return created.body;
}

async function targetStatus(id: string): Promise<RelayTargetDto> {
  const list = await admin.request<RelayTargetListResponse>('GET', '/api/relay-targets');
  const target = list.body.targets.find((t) => t.id === id);
  if (!target) throw new Error(`target ${id} not listed`);
  return target;
}

async function removeTarget(id: string): Promise<void> {
  assert.is((await admin.request('DELETE', `/api/relay-targets/${id}`)).status, 204);
}

async function postEvent(text: string): Promise<{ status: number; eventId: string }> {
  const event = engine.fakeLine.textEvent(CUSTOMER, text);
  const response = await engine.postWebhook(engine.fakeLine.webhookBody([event]));
  return { status: response.status, eventId: event.webhookEventId };
}

test('a target receives each event re-signed with its own secret, as LINE would send it', async () => {
  const target = new RelayTargetServer([200]);
  const { target: created, secret } = await createTarget('crm', await target.listen());
  try {
    const sent = await postEvent('hello relay');
    assert.is(sent.status, 200);
    const [got] = await waitFor(() => target.received.length > 0 && target.received, 'the relayed event');
    assert.ok(got);
    assert.ok(validateSignature(got.body, secret, got.signature), 'the LINE SDK accepts the signature with the relay secret');
    assert.not.ok(validateSignature(got.body, engine.channelSecret, got.signature), 'not signed with the channel secret');
    assert.is(got.attempt, '1');
    const body = JSON.parse(got.body) as { destination: string; events: { webhookEventId: string; message: { text: string } }[] };
    assert.is(body.destination, engine.fakeLine.botUserId);
    assert.is(body.events.length, 1);
    assert.is(body.events[0]?.webhookEventId, sent.eventId);
    assert.is(body.events[0]?.message.text, 'hello relay');
    const status = await waitFor(async () => {
      const s = await targetStatus(created.id);
      return s.status.lastSuccessAt !== null && s;
    }, 'the success shown');
    assert.is(status.status.backlog, 0);
  } finally {
    await removeTarget(created.id);
    await target.close();
  }
});

test('a failing target (500, then OK) is retried and gets the event once it recovers', async () => {
  const target = new RelayTargetServer([500, 200]);
  const { target: created, secret } = await createTarget('flaky', await target.listen());
  try {
    assert.is((await postEvent('retry me')).status, 200);
    await waitFor(() => target.answered >= 2, 'the second attempt', 15_000);
    const [first, second] = target.received;
    assert.is(first?.attempt, '1');
    assert.is(second?.attempt, '2');
    assert.is(second?.body, first?.body, 'the same event again');
    assert.ok(second && validateSignature(second.body, secret, second.signature));
    const status = await waitFor(async () => {
      const s = await targetStatus(created.id);
      return s.status.lastSuccessAt !== null && s;
    }, 'the success shown');
    assert.is(status.status.lastError, 'HTTP 500');
    assert.is(status.status.backlog, 0);
    assert.is(status.status.gaveUp, 0);
    // delivered: never sent again
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.is(target.received.length, 2);
  } finally {
    await removeTarget(created.id);
    await target.close();
  }
});

test("a hanging target does not hold up the webhook's 200", async () => {
  const target = new RelayTargetServer(['hang']);
  const { target: created } = await createTarget('hangs', await target.listen());
  try {
    assert.is((await postEvent('first')).status, 200);
    await waitFor(() => target.received.length > 0, 'the target holding the first event');
    // the target holds a request open and has answered nothing: LINE's webhooks are still answered
    const second = await postEvent('second');
    assert.is(second.status, 200);
    assert.is(target.answered, 0, 'answered while the target had not answered');
    // timed out attempts count as failures and stay in the backlog
    const status = await waitFor(async () => {
      const s = await targetStatus(created.id);
      return s.status.lastError?.startsWith('timed out') && s;
    }, 'the time-out shown', 10_000);
    assert.ok(status.status.backlog >= 1);
  } finally {
    await removeTarget(created.id);
    await target.close();
  }
});

test('a target refusing an event (400) is given up at once', async () => {
  const target = new RelayTargetServer([400]);
  const { target: created } = await createTarget('refuses', await target.listen());
  try {
    assert.is((await postEvent('not for you')).status, 200);
    const status = await waitFor(async () => {
      const s = await targetStatus(created.id);
      return s.status.gaveUp === 1 && s;
    }, 'the give-up shown');
    assert.is(status.status.backlog, 0);
    assert.is(status.status.lastError, 'HTTP 400');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.is(target.received.length, 1, 'never tried again');
  } finally {
    await removeTarget(created.id);
    await target.close();
  }
});

test("an event LINE redelivers is relayed once; a target's event filter holds", async () => {
  const all = new RelayTargetServer([200]);
  const follows = new RelayTargetServer([200]);
  const { target: allTarget } = await createTarget('all', await all.listen());
  const { target: followTarget } = await createTarget('follows only', await follows.listen(), ['follow']);
  try {
    const event = engine.fakeLine.textEvent(CUSTOMER, 'twice');
    const body = engine.fakeLine.webhookBody([event]);
    assert.is((await engine.postWebhook(body)).status, 200);
    assert.is((await engine.postWebhook(body)).status, 200);
    const follow = engine.fakeLine.followEvent(CUSTOMER);
    assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([follow]))).status, 200);
    await waitFor(() => all.received.length >= 2 && follows.received.length >= 1, 'both events relayed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = (target: RelayTargetServer) => target.received.map((r) => (JSON.parse(r.body) as { events: { webhookEventId: string }[] }).events[0]?.webhookEventId);
    assert.equal(ids(all).sort(), [event.webhookEventId, follow.webhookEventId].sort());
    assert.equal(ids(follows), [follow.webhookEventId]);
  } finally {
    await removeTarget(allTarget.id);
    await removeTarget(followTarget.id);
    await all.close();
    await follows.close();
  }
});

test("a target limited to LINE channels gets only their events; an unknown channel is refused", async () => {
  const shopSecret = randomBytes(16).toString('hex');
  const shopToken = `shop-token-${randomBytes(24).toString('base64url')}`;
  engine.fakeLine.addChannel('shop', shopToken, { displayName: 'Shop' });
  const added = await admin.request('POST', '/api/channels', { id: 'shop', channelSecret: shopSecret, channelAccessToken: shopToken });
  assert.is(added.status, 201, JSON.stringify(added.body));
  const typo = await admin.request<{ error: { code: string; message: string } }>('POST', '/api/relay-targets', { name: 'typo', url: 'https://a.example.com', channels: ['shpo'] });
  assert.is(typo.status, 400);
  assert.is(typo.body.error.code, 'unknown_channel');
  assert.match(typo.body.error.message, '"shpo"');

  const shopBot = new RelayTargetServer([200]);
  const mainBot = new RelayTargetServer([200]);
  const archive = new RelayTargetServer([200]);
  const { target: shopTarget } = await createTarget('shop bot', await shopBot.listen(), undefined, ['shop']);
  const { target: mainTarget } = await createTarget('main bot', await mainBot.listen(), undefined, ['default']);
  const { target: archiveTarget } = await createTarget('archive', await archive.listen());
  assert.equal([shopTarget.channels, mainTarget.channels, archiveTarget.channels], [['shop'], ['default'], null]);
  try {
    const toMain = engine.fakeLine.textEvent(CUSTOMER, 'to the main account');
    assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([toMain]))).status, 200);
    const toShop = engine.fakeLine.textEvent(CUSTOMER, 'to the shop');
    const shopBody = engine.fakeLine.webhookBody([toShop]);
    const posted = await fetch(`${engine.baseUrl}/webhooks/line/shop`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(shopBody, shopSecret) }, body: shopBody });
    assert.is(posted.status, 200);
    await waitFor(() => archive.received.length >= 2 && shopBot.received.length >= 1 && mainBot.received.length >= 1, 'each event relayed where it belongs');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = (target: RelayTargetServer) => target.received.map((r) => (JSON.parse(r.body) as { events: { webhookEventId: string }[] }).events[0]?.webhookEventId);
    assert.equal(ids(shopBot), [toShop.webhookEventId], "the shop's bot gets the shop's event only");
    assert.equal(ids(mainBot), [toMain.webhookEventId]);
    assert.equal(ids(archive).sort(), [toMain.webhookEventId, toShop.webhookEventId].sort(), 'no filter: every channel');

    const widened = await admin.request<{ target: RelayTargetDto }>('PATCH', `/api/relay-targets/${shopTarget.id}`, { channels: null });
    assert.is(widened.status, 200);
    assert.is(widened.body.target.channels, null);
    const audit = await admin.request<{ entries: { action: string; details: { changes?: Record<string, unknown> } }[] }>('GET', '/api/audit?limit=50');
    const update = audit.body.entries.find((e) => e.action === 'relay_target.updated');
    assert.equal(update?.details.changes?.channels, [['shop'], null]);
  } finally {
    for (const target of [shopTarget, mainTarget, archiveTarget]) await removeTarget(target.id);
    for (const bot of [shopBot, mainBot, archive]) await bot.close();
  }
});

test('targets: https required (http only to this machine), names unique, bad input refused with a reason', async () => {
  const plain = await admin.request<{ error: { code: string; message: string } }>('POST', '/api/relay-targets', { name: 'plain', url: 'http://tool.example.com/hook' });
  assert.is(plain.status, 400);
  assert.match(plain.body.error.message, /https/);
  const credentials = await admin.request<{ error: { code: string } }>('POST', '/api/relay-targets', { name: 'creds', url: 'https://user:pw@tool.example.com/hook' });
  assert.is(credentials.status, 400);
  assert.is((await admin.request('POST', '/api/relay-targets', { name: 'x', url: 'not a url' })).status, 400);
  assert.is((await admin.request('POST', '/api/relay-targets', { name: 'x' })).status, 400);
  assert.is((await admin.request('POST', '/api/relay-targets', { name: 'x', url: 'https://a.example.com', events: ['not-a-type!'] })).status, 400);
  const { target } = await createTarget('secure', 'https://tool.example.com/hook');
  const taken = await admin.request<{ error: { code: string } }>('POST', '/api/relay-targets', { name: 'secure', url: 'https://other.example.com' });
  assert.is(taken.status, 409);
  assert.is(taken.body.error.code, 'name_taken');
  const disabled = await admin.request<{ target: RelayTargetDto }>('PATCH', `/api/relay-targets/${target.id}`, { enabled: false, events: ['message', 'follow'] });
  assert.is(disabled.status, 200);
  assert.is(disabled.body.target.enabled, false);
  assert.equal(disabled.body.target.events, ['follow', 'message']);
  assert.is((await admin.request('PATCH', '/api/relay-targets/no-such-target', { enabled: true })).status, 404);
  const rotated = await admin.request<RelayTargetSecretResponse>('POST', `/api/relay-targets/${target.id}/secret`);
  assert.is(rotated.status, 200);
  assert.ok(rotated.body.secret.length >= 40);
  secrets.push(rotated.body.secret);
  await removeTarget(target.id);
  const audit = await admin.request<{ entries: { action: string }[] }>('GET', '/api/audit?limit=200');
  const actions = audit.body.entries.map((e) => e.action);
  for (const action of ['relay_target.created', 'relay_target.updated', 'relay_target.secret_rotated', 'relay_target.deleted']) assert.ok(actions.includes(action), action);
});

test('the secret is shown once: in no later answer, no audit entry, no log line', async () => {
  const { target } = await createTarget('kept quiet', 'https://quiet.example.com/hook');
  const answers = [
    JSON.stringify((await admin.request('GET', '/api/relay-targets')).body),
    JSON.stringify((await admin.request('PATCH', `/api/relay-targets/${target.id}`, { name: 'still quiet' })).body),
    JSON.stringify((await admin.request('GET', '/api/audit?limit=200')).body),
  ];
  assert.ok(secrets.length >= 7);
  for (const secret of secrets) {
    for (const answer of answers) assert.not.ok(answer.includes(secret), 'a secret in an API answer');
    assert.not.ok(logged.some((line) => line.includes(secret)), 'a secret in the log');
  }
  await removeTarget(target.id);
});

test('only admins see or manage relay targets', async () => {
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  await addOperator(engine.baton.store, { email: 'op@example.com', password: 'op-password-1', name: 'Op', role: 'operator' });
  for (const [email, password] of [['sup@example.com', 'sup-password-1'], ['op@example.com', 'op-password-1']] as const) {
    const client = await OperatorClient.signIn(engine.baseUrl, email, password);
    assert.is((await client.request('GET', '/api/relay-targets')).status, 403);
    assert.is((await client.request('POST', '/api/relay-targets', { name: 'sneaky', url: 'https://evil.example.com' })).status, 403);
  }
  assert.is((await fetch(`${engine.baseUrl}/api/relay-targets`)).status, 401);
});

test.run();
