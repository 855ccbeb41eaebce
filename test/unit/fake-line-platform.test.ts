import { randomUUID } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isUlid } from '../../engine/domain/ids/ulid.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';

const TOKEN = 'fake-platform-token';
const USER = 'Uaaaabbbbccccddddeeeeffff00001111';

let clock = 1_767_225_600_000; // 2026-01-01T00:00:00Z
let fake: FakeLinePlatform;
let baseUrl: string;

test.before.each(async () => {
  clock = 1_767_225_600_000;
  fake = new FakeLinePlatform({ channelAccessToken: TOKEN, now: () => clock });
  baseUrl = await fake.listen();
});

test.after.each(() => fake.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Answer };
}

/** the fields these tests read from the fake's JSON answers */
interface Answer {
  message?: string; details?: { message: string; property: string }[]; displayName?: string; body?: string;
  calls?: { status: number }[]; entries?: { seq: number; message: { text?: string } }[];
}

function replyTokenOf(event: webhook.Event): string {
  if (!('replyToken' in event) || typeof event.replyToken !== 'string') throw new Error('no reply token');
  return event.replyToken;
}

const textMessage = (text: string) => ({ type: 'text', text });
const push = (messages: unknown[], headers?: Record<string, string>) =>
  call('POST', '/v2/bot/message/push', { to: USER, messages }, headers);
const reply = (replyToken: string, text: string) => call('POST', '/v2/bot/message/reply', { replyToken, messages: [textMessage(text)] });

test('events have the shape LINE sends: ULID id, delivery context, mode, user source, reply token', () => {
  const events: webhook.Event[] = [
    fake.followEvent(USER),
    fake.textEvent(USER, 'hello'),
    fake.stickerEvent(USER, '446', '1988'),
    fake.postbackEvent(USER, 'action=handoff'),
  ];
  for (const event of events) {
    assert.ok(isUlid(event.webhookEventId), `${event.type}: webhookEventId is a ULID`);
    assert.equal(event.deliveryContext, { isRedelivery: false });
    assert.is(event.mode, 'active');
    assert.is(event.timestamp, clock);
    assert.equal(event.source, { type: 'user', userId: USER });
    assert.match(replyTokenOf(event), /^[0-9a-f]{32}$/);
  }
  const ids = events.map((event) => event.webhookEventId);
  assert.equal([...ids].sort(), ids, 'ids made in the same millisecond still sort in order');
  assert.is(new Set(ids).size, ids.length);
  const text = events[1] as webhook.MessageEvent;
  assert.is(text.message.type, 'text');
  assert.ok('quoteToken' in text.message && 'markAsReadToken' in text.message);
});

test('unfollow events carry no reply token; standby events carry none either', () => {
  assert.not.ok('replyToken' in fake.unfollowEvent(USER));
  const standby = fake.textEvent(USER, 'hi', { mode: 'standby' });
  assert.is(standby.mode, 'standby');
  assert.is(standby.replyToken, undefined);
});

test('the webhook body is a CallbackRequest naming the bot as destination', () => {
  const parsed = JSON.parse(fake.webhookBody([fake.followEvent(USER)])) as webhook.CallbackRequest;
  assert.is(parsed.destination, fake.botUserId);
  assert.match(parsed.destination, /^U[0-9a-f]{32}$/);
  assert.is(parsed.events.length, 1);
  assert.equal(JSON.parse(fake.webhookBody([])), { destination: fake.botUserId, events: [] });
});

test('a redelivered event keeps its id and reply token and is not added to the chat again', () => {
  const first = fake.textEvent(USER, 'hello');
  const again = fake.textEvent(USER, 'hello', { webhookEventId: first.webhookEventId, isRedelivery: true });
  assert.is(again.webhookEventId, first.webhookEventId);
  assert.is(again.replyToken, first.replyToken);
  assert.equal(again.deliveryContext, { isRedelivery: true });
  assert.is(fake.chat(USER).length, 1);
});

test('a reply token is accepted until its TTL, refused after it, and works only once', async () => {
  const fresh = replyTokenOf(fake.followEvent(USER));
  const stale = replyTokenOf(fake.followEvent(USER));
  clock += 59_000;
  assert.is((await reply(fresh, 'ok')).status, 200);
  assert.is((await reply(fresh, 'twice')).status, 400);
  clock += 1_001; // 60.001 s after the stale token was issued
  const expired = await reply(stale, 'late');
  assert.equal([expired.status, expired.body], [400, { message: 'Invalid reply token' }]);
  assert.is((await reply('0'.repeat(32), 'made up')).status, 400);
  assert.equal(fake.chat(USER).map((entry) => entry.message.text), ['ok']);
});

test('more than 5 messages, over-long text and more than 13 quick replies are refused', async () => {
  const six = Array.from({ length: 6 }, (_, i) => textMessage(`m${i}`));
  const tooMany = await push(six);
  assert.equal([tooMany.status, tooMany.body.details], [400, [{ message: 'Size must be between 1 and 5', property: 'messages' }]]);
  assert.is((await push([])).status, 400);
  const long = await push([textMessage('x'.repeat(5001))]);
  assert.equal([long.status, long.body.details?.[0]?.property], [400, 'messages[0].text']);
  assert.is((await push([textMessage('x'.repeat(5000))])).status, 200);
  const item = (n: number) => ({ type: 'action', action: { type: 'message', label: `L${n}`, text: `T${n}` } });
  const withQuickReplies = (count: number) => ({ ...textMessage('pick'), quickReply: { items: Array.from({ length: count }, (_, n) => item(n)) } });
  const fourteen = await push([withQuickReplies(14)]);
  assert.is(fourteen.status, 400);
  assert.equal(fourteen.body, { message: 'The request body has 1 error(s)',
    details: [{ message: 'Size must be between 1 and 13', property: 'messages[0].quickReply.items' }] });
  assert.is((await push([withQuickReplies(13)])).status, 200);
  assert.is(fake.chat(USER).at(-1)?.message.quickReply?.items.length, 13, 'the phone shows the quick replies');
  assert.is(fake.chat(USER).length, 2, 'refused pushes show nothing');
});

test('a retry key is accepted once for 24 hours, then 409 with LINE\'s message', async () => {
  const key = randomUUID();
  const again = () => push([textMessage('hi')], { 'x-line-retry-key': key });
  const first = await again();
  assert.is(first.status, 200);
  const repeat = await again();
  assert.is(repeat.status, 409);
  assert.is(repeat.body.message, 'The retry key is already accepted');
  assert.is(repeat.headers.get('x-line-accepted-request-id'), first.headers.get('x-line-request-id'));
  clock += 24 * 60 * 60 * 1000;
  assert.is((await again()).status, 200, 'forgotten after 24 h');
  const badKey = await push([textMessage('x')], { 'x-line-retry-key': 'nope' });
  assert.is(badKey.status, 400);
});

test('every endpoint wants the channel access token', async () => {
  assert.is((await fetch(`${baseUrl}/v2/bot/profile/${USER}`)).status, 401);
  const wrong = await call('POST', '/v2/bot/chat/loading/start', { chatId: USER }, { authorization: 'Bearer nope' });
  assert.is(wrong.status, 401);
  assert.match(wrong.body.message ?? '', 'Authentication failed');
});

test('profiles: known users are returned, unknown ones are 404', async () => {
  fake.setProfile(USER, { displayName: 'Nok', pictureUrl: 'https://example.com/nok.png' });
  const known = await call('GET', `/v2/bot/profile/${USER}`);
  assert.equal(known.body, { userId: USER, displayName: 'Nok', pictureUrl: 'https://example.com/nok.png' });
  const unknown = await call('GET', '/v2/bot/profile/Unobody');
  assert.equal([unknown.status, unknown.body], [404, { message: 'Not found' }]);
});

test('the loading animation answers 202 and refuses seconds that are not a multiple of 5', async () => {
  assert.is((await call('POST', '/v2/bot/chat/loading/start', { chatId: USER, loadingSeconds: 10 })).status, 202);
  assert.is((await call('POST', '/v2/bot/chat/loading/start', { chatId: USER, loadingSeconds: 7 })).status, 400);
});

test('a postback with displayText shows on the phone as the user\'s own message', () => {
  fake.postbackEvent(USER, 'action=handoff', { displayText: 'Talk to a human' });
  fake.postbackEvent(USER, 'action=silent');
  assert.equal(fake.chat(USER).map((entry) => [entry.from, entry.message.text]), [['user', 'Talk to a human']]);
});

test('calls are recorded with the token redacted, and injected failures are served in order', async () => {
  fake.failNext('/v2/bot/message/push', { status: 500, times: 2 });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await push([textMessage('x')])).status);
  assert.equal(statuses, [500, 500, 200]);
  const [first] = fake.callsTo('/v2/bot/message/push');
  assert.is(first?.headers.authorization, 'Bearer [redacted]');
  assert.equal(first?.body, { to: USER, messages: [textMessage('x')] });
  assert.equal(first?.response, { message: 'Internal server error' });
});

test('an injected reset cuts the connection, after taking the request when told to; it is recorded with status 0', async () => {
  fake.failNext('/v2/bot/message/push', { status: 200, reset: true, applied: true });
  fake.failNext('/v2/bot/message/push', { status: 200, reset: true });
  for (const text of ['taken', 'lost']) {
    const cut = await push([textMessage(text)]).then(() => null, (error: unknown) => error);
    assert.instance(cut, TypeError, 'no answer: the connection was cut');
  }
  assert.equal(fake.callsTo('/v2/bot/message/push').map((c) => c.status), [0, 0]);
  assert.equal(fake.chat(USER).map((entry) => entry.message.text), ['taken']);
});

test('control endpoints let another process fail calls, read calls and read the chat', async () => {
  assert.is((await call('POST', '/__fake/fail', { path: '/v2/bot/message/push', status: 503, times: 1 })).status, 204);
  assert.is((await push([textMessage('a')])).status, 503);
  assert.is((await push([textMessage('b')])).status, 200);
  const calls = await call('GET', '/__fake/calls');
  assert.equal(calls.body.calls?.map((c) => c.status), [503, 200]);
  fake.textEvent(USER, 'c');
  const chat = await call('GET', `/__fake/users/${USER}/chat?after=1`);
  assert.equal(chat.body.entries?.map((e) => [e.seq, e.message.text]), [[2, 'c']]);
  const simulated = await call('POST', `/__fake/users/${USER}/events`, { type: 'follow', displayName: 'Ploy' });
  assert.is((JSON.parse(simulated.body.body ?? '') as webhook.CallbackRequest).events[0]?.type, 'follow');
  assert.is((await call('GET', `/v2/bot/profile/${USER}`)).body.displayName, 'Ploy');
});

test.run();
