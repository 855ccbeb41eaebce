/** POST /webhooks/line at the edge: signatures, limits, bad bodies, duplicates, standby and unknown events. */
import http from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signLineBody } from '../../engine/line/signature.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
const userId = (n: number) => `U${n.toString(16).padStart(32, '0')}`;
/** how many of this body's events are stored: each test looks at its own events, so one failure stays one */
const storedOf = async (body: string) => {
  const { events } = JSON.parse(body) as { events: { webhookEventId: string }[] };
  const rows = await Promise.all(events.map((event) => engine.baton.store.webhookEvents.findById(event.webhookEventId)));
  return rows.filter((row) => row !== undefined).length;
};
const accountMessages = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account');

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_WEBHOOK_BODY_LIMIT: '4096' } });
});
test.after(() => engine.stop());

test('a missing signature is refused with 401 and nothing is stored', async () => {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId(1), 'hi')]);
  const response = await fetch(`${engine.baseUrl}/webhooks/line`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  assert.is(response.status, 401);
  assert.is(((await response.json()) as { error: { code: string } }).error.code, 'unauthorized');
  assert.is(await storedOf(body), 0);
});

test('a signature made with another secret is refused with 401', async () => {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId(1), 'hi')]);
  const response = await engine.postWebhook(body, signLineBody(body, 'not-the-channel-secret'));
  assert.is(response.status, 401);
  assert.is(await storedOf(body), 0);
});

test('a body changed after signing is refused with 401', async () => {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId(1), 'pay 100')]);
  const response = await engine.postWebhook(body.replace('pay 100', 'pay 900'), signLineBody(body, engine.channelSecret));
  assert.is(response.status, 401);
  assert.is(await storedOf(body), 0);
});

test('a body over the limit gets 413', async () => {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId(1), 'x'.repeat(5000))]);
  const response = await engine.postWebhook(body);
  assert.is(response.status, 413);
  assert.is(await storedOf(body), 0);
});

test('a body over the limit sent without a length (chunked) is cut off while it streams, and nothing is stored', async () => {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(userId(1), 'x'.repeat(5000))]);
  const outcome = await new Promise<string>((resolve) => {
    const request = http.request(`${engine.baseUrl}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, engine.channelSecret) },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(`status ${response.statusCode}`);
    });
    request.on('error', () => resolve('connection closed'));
    // no content-length: the server only learns the size as the chunks arrive
    for (let i = 0; i < body.length; i += 1024) request.write(body.slice(i, i + 1024));
    request.end();
  });
  assert.ok(outcome === 'status 413' || outcome === 'connection closed', outcome);
  assert.is(await storedOf(body), 0);
});

test('malformed JSON gets 400 with a message', async () => {
  const response = await engine.postWebhook('{"events": [');
  assert.is(response.status, 400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.is(body.error.code, 'invalid_json');
  assert.match(body.error.message, /not valid JSON/);
});

test('a body of the wrong shape gets 400 naming the problem', async () => {
  // a bad event in a good body is stored as ignored instead (webhook-hostile-input.test.ts)
  const response = await engine.postWebhook(JSON.stringify({ destination: 'U1', events: { type: 'message' } }));
  assert.is(response.status, 400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.is(body.error.code, 'invalid_body');
  assert.match(body.error.message, /must be array at \/events/);
});

test("LINE's Verify (an empty events array) gets 200", async () => {
  const response = await engine.postWebhook(JSON.stringify({ destination: 'U1', events: [] }));
  assert.is(response.status, 200);
});

test('the same webhook body posted three times is processed once', async () => {
  const user = userId(2);
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, 'hello')]);
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await engine.postWebhook(body)).status);
  assert.equal(statuses, [200, 200, 200]);
  await waitFor(() => accountMessages(user).length === 1, 'the one answer');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(accountMessages(user).length, 1);
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  assert.ok(customer);
  const messages = await engine.baton.store.messages.listByCustomer(customer.id);
  assert.equal(messages.map((m) => m.direction), ['in', 'out'], 'one message in, one answer out');
});

test('a redelivery (isRedelivery, same webhookEventId) is acknowledged and not processed again', async () => {
  const user = userId(3);
  const first = engine.fakeLine.textEvent(user, 'hello');
  await engine.postWebhook(engine.fakeLine.webhookBody([first]));
  await waitFor(() => accountMessages(user).length === 1, 'the answer');
  const redelivered = { ...first, deliveryContext: { isRedelivery: true } };
  const response = await engine.postWebhook(engine.fakeLine.webhookBody([redelivered]));
  assert.is(response.status, 200);
  assert.equal(await response.json(), { ok: true, stored: 0, duplicates: 1 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(accountMessages(user).length, 1);
});

test('an event in standby mode is stored and never answered', async () => {
  const user = userId(4);
  const event = engine.fakeLine.textEvent(user, 'agent', { mode: 'standby' });
  await engine.postWebhook(engine.fakeLine.webhookBody([event]));
  const row = await waitFor(async () => {
    const stored = await engine.baton.store.webhookEvents.findById(event.webhookEventId);
    return stored?.status === 'done' && stored;
  }, 'the standby event to be done');
  assert.is(row.mode, 'standby');
  assert.is(accountMessages(user).length, 0);
  assert.is(await engine.baton.store.customers.findByLineUserId(user), undefined);
});

test('an unknown event type is stored, acknowledged and left alone', async () => {
  const event = { type: 'somethingNew', timestamp: Date.now(), mode: 'active', webhookEventId: '01JUNKNOWNEVENTTYPE0000000', source: { type: 'user', userId: userId(5) }, deliveryContext: { isRedelivery: false } };
  const response = await engine.postWebhook(JSON.stringify({ destination: 'U1', events: [event] }));
  assert.is(response.status, 200);
  const row = await waitFor(async () => {
    const stored = await engine.baton.store.webhookEvents.findById(event.webhookEventId);
    return stored?.status === 'done' && stored;
  }, 'the unknown event to be done');
  assert.is(row.type, 'somethingNew');
});

test('each event is stored as the text LINE sent, not serialised again', async () => {
  const events = [engine.fakeLine.textEvent(userId(11), 'say "hi" {[ok]}'), engine.fakeLine.textEvent(userId(12), 'สวัสดี')];
  // indented: a re-serialised event would lose the layout
  const body = JSON.stringify({ destination: 'U1', events }, null, 2);
  assert.is((await engine.postWebhook(body)).status, 200);
  for (const event of events) {
    const stored = await engine.baton.store.webhookEvents.findById(event.webhookEventId);
    assert.ok(stored, 'stored');
    assert.ok(stored.raw.includes('\n'), 'kept its own layout');
    assert.ok(body.includes(stored.raw), 'a piece of the body as sent');
    assert.equal(JSON.parse(stored.raw), event);
  }
});

test('events without webhookEventId (old payloads) are still stored once', async () => {
  const { webhookEventId: _dropped, ...legacy } = engine.fakeLine.textEvent(userId(6), 'hello');
  const body = JSON.stringify({ destination: 'U1', events: [legacy] });
  const first = (await (await engine.postWebhook(body)).json()) as { stored: number };
  const second = (await (await engine.postWebhook(body)).json()) as { stored: number; duplicates: number };
  assert.is(first.stored, 1);
  assert.is(second.duplicates, 1);
});

test('requests arriving together are each answered for their own events, a shared event counted once', async () => {
  const shared = engine.fakeLine.textEvent(userId(8), 'same event, sent twice at once');
  const own = [engine.fakeLine.textEvent(userId(9), 'one'), engine.fakeLine.textEvent(userId(10), 'two')];
  const answers = (await Promise.all([
    engine.postWebhook(engine.fakeLine.webhookBody([shared, own[0]!])),
    engine.postWebhook(engine.fakeLine.webhookBody([shared, own[1]!])),
  ]).then((responses) => Promise.all(responses.map((r) => r.json())))) as { stored: number; duplicates: number }[];
  assert.equal(answers.map((a) => a.stored + a.duplicates), [2, 2]);
  assert.is(answers.reduce((sum, a) => sum + a.stored, 0), 3, 'three distinct events stored');
  assert.is(answers.reduce((sum, a) => sum + a.duplicates, 0), 1);
  assert.is(await storedOf(engine.fakeLine.webhookBody([shared, ...own])), 3);
});

test('a sticker is stored with its payload and shown to operators as [sticker]', async () => {
  const user = userId(7);
  const event = engine.fakeLine.stickerEvent(user, '446', '1988');
  await engine.postWebhook(engine.fakeLine.webhookBody([event]));
  await waitFor(() => accountMessages(user).length === 1, 'the default answer');
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  assert.ok(customer);
  const [sticker] = await engine.baton.store.messages.listByCustomer(customer.id);
  assert.is(sticker?.type, 'sticker');
  assert.match(sticker?.text ?? '', /sticker/);
  assert.match(sticker?.payload ?? '', /"packageId":"446"/);
});

test('an unfollow marks the customer as not following', async () => {
  const user = userId(8);
  await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.followEvent(user)]));
  await waitFor(() => accountMessages(user).length === 1, 'the welcome');
  await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.unfollowEvent(user)]));
  const customer = await waitFor(async () => {
    const row = await engine.baton.store.customers.findByLineUserId(user);
    return row && !row.following && row;
  }, 'the customer marked as unfollowed');
  assert.is(Boolean(customer.following), false);
});

test.run();
