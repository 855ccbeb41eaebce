/**
 * Signed webhook bodies carrying hostile or malformed events (issues #10 and #11): each bad event is
 * stored as ignored with the reason and never run, and the good events beside it, in the same body
 * or in requests stored with it, are run and answered. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeUserId } from '../../engine/line/sandbox/fake-ids.ts';
import type { WebhookEventRow } from '../../engine/store/repositories/webhook-events.repo.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
const DAY = 86_400_000;

test.before(async () => {
  engine = await startTestEngine();
});
test.after(() => engine.stop());

type Json = Record<string, unknown>;
const accountMessages = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account');
const textEvent = (user: string, text: string): Json => ({ ...engine.fakeLine.textEvent(user, text) });
const body = (events: unknown[]) => JSON.stringify({ destination: engine.fakeLine.botUserId, events });
const stored = (id: string) => engine.baton.store.webhookEvents.findById(id);

async function postOk(events: unknown[]): Promise<{ stored: number; duplicates: number }> {
  const response = await engine.postWebhook(body(events));
  assert.is(response.status, 200, await response.clone().text());
  return (await response.json()) as { stored: number; duplicates: number };
}

async function assertIgnored(id: string, reason: RegExp): Promise<WebhookEventRow> {
  const row = await stored(id);
  assert.ok(row, `event ${id} stored`);
  assert.is(row.status, 'ignored');
  assert.is(row.attempts, 0, 'never claimed');
  assert.ok(row.processed_at !== null, 'finished when stored');
  assert.match(row.last_error ?? '', reason);
  return row;
}

/** the customer got the bot's answer: the event ran */
const answered = (user: string) => waitFor(() => accountMessages(user).length > 0, `an answer to ${user}`);

test('a source id that is not a LINE id is stored as ignored and never reaches the LINE API', async () => {
  const good = fakeUserId();
  const splice: Json = { ...textEvent(fakeUserId(), 'hi'), source: { type: 'user', userId: '../../v2/bot/message/quota' } };
  const upper: Json = { ...textEvent(fakeUserId(), 'hi'), source: { type: 'user', userId: `U${'A'.repeat(32)}` } };
  const group: Json = { ...textEvent(fakeUserId(), 'hi'), source: { type: 'group', groupId: 'C../../x', userId: fakeUserId() } };
  const room: Json = { ...textEvent(fakeUserId(), 'hi'), source: { type: 'room', roomId: `R${'0'.repeat(31)}` } };
  const noUser: Json = { ...textEvent(fakeUserId(), 'hi'), source: { type: 'user' } };
  const hostile = [splice, upper, group, room, noUser];
  // Baton itself reads LINE's quota at start (the dashboard's figures): the spliced id must add no quota call
  const quotaCalls = () => engine.fakeLine.calls.filter((call) => call.path.includes('quota')).length;
  await waitFor(() => quotaCalls() >= 2, "the engine's own first read of LINE's quota and consumption");
  const quotaCallsBefore = quotaCalls();
  const answer = await postOk([...hostile, textEvent(good, 'hello')]);
  assert.is(answer.stored, 6, 'every event stored, the hostile ones as ignored');
  for (const event of hostile) await assertIgnored(String(event.webhookEventId), /\/source/);
  await answered(good);
  assert.equal(
    engine.fakeLine.calls.filter((call) => call.path.startsWith('/v2/bot/profile/')).map((call) => call.path),
    [`/v2/bot/profile/${good}`],
    'a profile asked for the good customer only',
  );
  assert.is(quotaCalls(), quotaCallsBefore, 'no call reached the quota endpoint through the bad id');
  assert.is((await stored(String(splice.webhookEventId)))?.source_user_id, null, 'the bad id is in no column');
});

test('a text over 5,000 characters, counted as LINE counts them (UTF-16), is ignored; one of exactly 5,000 is answered', async () => {
  const [plain, emoji, tooLong, tooManyEmoji] = [fakeUserId(), fakeUserId(), fakeUserId(), fakeUserId()];
  const events = [textEvent(plain, 'x'.repeat(5000)), textEvent(emoji, '😀'.repeat(2500)), textEvent(tooLong, 'x'.repeat(5001)), textEvent(tooManyEmoji, '😀'.repeat(2501))];
  await postOk(events);
  await assertIgnored(String(events[2]?.webhookEventId), /\/message\/text/);
  await assertIgnored(String(events[3]?.webhookEventId), /\/message\/text/);
  await answered(plain);
  await answered(emoji);
  assert.is(await engine.baton.store.customers.findByLineUserId(tooLong), undefined, 'the ignored event made no customer');
});

test('an event older than the retention window (30 days by default) is ignored; a younger one runs', async () => {
  const [old, recent] = [fakeUserId(), fakeUserId()];
  const events: Json[] = [{ ...textEvent(old, 'hello'), timestamp: Date.now() - 31 * DAY }, { ...textEvent(recent, 'hello'), timestamp: Date.now() - 29 * DAY }];
  await postOk(events);
  await assertIgnored(String(events[0]?.webhookEventId), /older than the retention window \(30 days\)/);
  await answered(recent);
});

test('timestamps that are not whole milliseconds in range are ignored: 1e20, negative, fractional, text, missing', async () => {
  const good = fakeUserId();
  const hostile = [1e20, -1, 1.5, 'soon', null].map((timestamp): Json => ({ ...textEvent(fakeUserId(), 'hi'), timestamp }));
  const { timestamp: _dropped, ...missing } = textEvent(fakeUserId(), 'hi');
  await postOk([...hostile, missing, textEvent(good, 'hello')]);
  for (const event of [...hostile, missing]) {
    const row = await assertIgnored(String(event.webhookEventId), /timestamp/);
    assert.ok(row.event_timestamp > 0 && row.event_timestamp <= Date.now(), 'stored with the time it arrived instead');
  }
  await answered(good);
});

test('NUL in any string or key is ignored (Postgres cannot store it), and kept escaped in the event text', async () => {
  const good = fakeUserId();
  const inText = textEvent(fakeUserId(), 'before\u0000after');
  const inKey: Json = { ...textEvent(fakeUserId(), 'hi'), 'x\u0000': 1 };
  const deepInside: Json = { ...textEvent(fakeUserId(), 'hi'), extra: { list: [{ note: '\u0000' }] } };
  const inType: Json = { ...textEvent(fakeUserId(), 'hi'), type: 'message\u0000' };
  const inId: Json = { ...textEvent(fakeUserId(), 'hi'), webhookEventId: 'id\u0000' };
  await postOk([inText, inKey, deepInside, inType, textEvent(good, 'hello'), inId]);
  for (const event of [inText, inKey, deepInside]) await assertIgnored(String(event.webhookEventId), /NUL/);
  const row = await assertIgnored(String(inType.webhookEventId), /\/type/);
  assert.is(row.type, 'invalid', 'the bad type is in no column');
  assert.ok((await stored(String(inText.webhookEventId)))?.raw.includes('before\\u0000after'), 'the text as sent, escape and all');
  const ignored = await engine.baton.store.webhookEvents.countByStatus();
  assert.ok((ignored.ignored ?? 0) >= 5);
  await answered(good);
});

test('a LINE profile with NUL in its name and over-long fields is stored cleaned, and the customer answered', async () => {
  const user = fakeUserId();
  engine.fakeLine.setProfile(user, { displayName: `Som\u0000chai${'ก'.repeat(300)}`, language: 'th-TH-x-very-long-tag', statusMessage: 'hi\u0000' });
  await postOk([textEvent(user, 'hello')]);
  await waitFor(() => accountMessages(user).length >= 1, 'the bot answered');
  const customer = await waitFor(async () => {
    const row = await engine.baton.store.customers.findByLineUserId(user);
    return row?.display_name ? row : undefined;
  }, 'the profile stored');
  assert.is(customer.display_name, `Somchai${'ก'.repeat(193)}`);
  assert.is(customer.language, 'th-TH-x-very-lon');
  assert.is(customer.status_message, 'hi');
});

test('malformed events are stored as ignored at once, with the reason, and never retried', async () => {
  const good = fakeUserId();
  const { message: _none, ...noMessage } = textEvent(fakeUserId(), 'hi');
  const textNotString: Json = { ...textEvent(fakeUserId(), 'hi'), message: { type: 'text', id: '1', text: 42 } };
  const noMessageId: Json = { ...textEvent(fakeUserId(), 'hi'), message: { type: 'text', text: 'hi' } };
  const postbackNoData: Json = { ...engine.fakeLine.postbackEvent(fakeUserId(), 'x'), postback: { params: {} } };
  const locationTitleNumber: Json = { ...textEvent(fakeUserId(), 'hi'), message: { type: 'location', id: '2', title: 7, latitude: 1, longitude: 2 } };
  const internalType: Json = { ...textEvent(fakeUserId(), 'hi'), type: 'baton.resume' };
  const cases: [Json, RegExp][] = [
    [noMessage, /required property 'message'/],
    [textNotString, /\/message\/text must be string/],
    [noMessageId, /required property 'id'/],
    [postbackNoData, /\/postback must have required property 'data'/],
    [locationTitleNumber, /\/message\/title must be string/],
    [internalType, /\/type/],
  ];
  const before = (await engine.baton.store.webhookEvents.countByStatus()).ignored ?? 0;
  await postOk([...cases.map(([event]) => event), textEvent(good, 'hello')]);
  for (const [event, reason] of cases) await assertIgnored(String(event.webhookEventId), reason);
  assert.is((await engine.baton.store.webhookEvents.countByStatus()).ignored, before + cases.length, 'counted per status');
  await answered(good);
});

test('values that are not events at all are stored as ignored under a hash of their text; the body is answered 200', async () => {
  const good = fakeUserId();
  const answer = await postOk([42, 'text', null, [1, 2], {}, textEvent(good, 'hello')]);
  assert.is(answer.stored, 6);
  await answered(good);
  const counts = await engine.baton.store.webhookEvents.countByStatus();
  assert.ok((counts.ignored ?? 0) >= 5);
});

test('an event nested deeper than 32 levels is ignored, whether or not its text could be cut out of the body', async () => {
  const good = fakeUserId();
  // written by hand: JSON.stringify itself overflows the stack on 50,000 levels
  const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
  const withDeep = (event: Json) => `${JSON.stringify(event).slice(0, -1)},"extra":${deep}}`;
  const nested = textEvent(fakeUserId(), 'hi');
  const goodEvent = JSON.stringify(textEvent(good, 'hello'));
  assert.is((await engine.postWebhook(`{"events":[${withDeep(nested)},${goodEvent}]}`)).status, 200);
  await assertIgnored(String(nested.webhookEventId), /nested deeper than 32 levels/);
  // a repeated key elsewhere makes the events serialised again instead of cut out: still no 5xx
  const again = textEvent(fakeUserId(), 'hi');
  assert.is((await engine.postWebhook(`{"destination":"a","destination":"b","events":[${withDeep(again)}]}`)).status, 200);
  await assertIgnored(String(again.webhookEventId), /nested deeper than 32 levels/);
  await answered(good);
});

test('an event without a webhookEventId (old payloads) is run, its message stored under the hash that stands in for the id', async () => {
  const user = fakeUserId();
  const { webhookEventId: _dropped, ...legacy } = textEvent(user, 'hello');
  await postOk([legacy]);
  await answered(user);
  const customer = await engine.baton.store.customers.findByLineUserId(user);
  const [message] = await engine.baton.store.messages.listByCustomer(customer?.id ?? '');
  assert.match(message?.webhook_event_id ?? '', /^sha256:[\w-]{43}$/);
});

test('a body that is not a webhook body at all gets 400: destination with NUL, more than 500 events, no events', async () => {
  const cases = [
    JSON.stringify({ destination: 'U\u0000', events: [] }),
    JSON.stringify({ destination: 'U1', events: Array.from({ length: 501 }, () => ({})) }),
    JSON.stringify({ destination: 'U1' }),
    JSON.stringify([{ events: [] }]),
  ];
  for (const text of cases) {
    const response = await engine.postWebhook(text);
    assert.is(response.status, 400, text.slice(0, 60));
    assert.is(((await response.json()) as { error: { code: string } }).error.code, 'invalid_body');
  }
});

test('an event stored before these checks, malformed, is ignored at its first attempt instead of retried', async () => {
  const good = fakeUserId();
  const bad = fakeUserId();
  const now = Date.now();
  const row = (id: string, user: string, raw: string) => ({
    id, destination: null, type: 'message', mode: 'active', source_user_id: user, event_timestamp: now, is_redelivery: false, raw, received_at: now,
  });
  const { message: _none, ...noMessage } = textEvent(bad, 'hi');
  const valid = textEvent(good, 'hello');
  await engine.baton.store.webhookEvents.insertNew([row('legacy-malformed', bad, JSON.stringify(noMessage)), row('legacy-valid', good, JSON.stringify(valid))]);
  const ignored = await waitFor(async () => {
    const found = await stored('legacy-malformed');
    return found?.status === 'ignored' && found;
  }, 'the malformed event ignored');
  assert.is(ignored.attempts, 1, 'one attempt, no retries');
  assert.match(ignored.last_error ?? '', /required property 'message'/);
  await answered(good);
  assert.is(await engine.baton.store.customers.findByLineUserId(bad), undefined);
});

test.run();
