import { randomUUID } from 'node:crypto';
import type { messagingApi, webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLineClient, LineApiError, LineCallAbortedError, type LineClient, type LineClientOptions } from '../../engine/line/line-client.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';

const TOKEN = 'test-channel-token';
const USER = 'U1234567890abcdef1234567890abcdef';
const PUSH = '/v2/bot/message/push';
const REPLY = '/v2/bot/message/reply';

let fake: FakeLinePlatform;
let baseUrl: string;

test.before.each(async () => {
  fake = new FakeLinePlatform({ channelAccessToken: TOKEN });
  baseUrl = await fake.listen();
});

test.after.each(async () => {
  await fake.close();
});

function client(overrides: Partial<LineClientOptions> = {}): LineClient {
  return createLineClient({ channelAccessToken: TOKEN, apiBaseUrl: baseUrl, dataApiBaseUrl: baseUrl, backoffMs: 5, ...overrides });
}

function text(value: string): messagingApi.Message {
  return { type: 'text', text: value };
}

function replyTokenOf(event: webhook.MessageEvent): string {
  if (!event.replyToken) throw new Error('the fake issued no reply token');
  return event.replyToken;
}

async function rejection(work: Promise<unknown>): Promise<LineApiError> {
  try {
    await work;
  } catch (error) {
    assert.instance(error, LineApiError);
    return error as LineApiError;
  }
  throw new Error('expected a LineApiError, the call succeeded');
}

test('a reply reaches the user and shows in their chat after their message', async () => {
  const event = fake.textEvent(USER, 'hello');
  await client().reply(replyTokenOf(event), [text('Hi! How can we help?')]);
  const chat = fake.chat(USER);
  assert.equal(chat.map((entry) => [entry.from, entry.via, entry.message.text]), [
    ['user', null, 'hello'],
    ['account', 'reply', 'Hi! How can we help?'],
  ]);
});

test('a reply token used twice fails with 400 and is not retried', async () => {
  const line = client();
  const token = replyTokenOf(fake.textEvent(USER, 'hello'));
  await line.reply(token, [text('first')]);
  const error = await rejection(line.reply(token, [text('second')]));
  assert.is(error.status, 400);
  assert.is(error.retryable, false);
  assert.match(error.body, 'Invalid reply token');
  assert.is(fake.callsTo(REPLY).length, 2, 'one request per reply() call');
  assert.equal(fake.chat(USER, 1).map((entry) => entry.message.text), ['first']);
});

test('a push that gets a 500 is retried with the same retry key and delivered once', async () => {
  fake.failNext(PUSH, { status: 500 });
  const key = randomUUID();
  const result = await client().push(USER, [text('your ticket is ready')], key);
  assert.equal(result, { alreadyAccepted: false });
  const calls = fake.callsTo(PUSH);
  assert.equal(calls.map((call) => call.status), [500, 200]);
  assert.equal(calls.map((call) => call.headers['x-line-retry-key']), [key, key]);
  assert.is(fake.chat(USER).length, 1);
});

test('a push repeated with an accepted retry key (409) counts as delivered, without a second copy', async () => {
  const line = client();
  const key = randomUUID();
  assert.equal(await line.push(USER, [text('once')], key), { alreadyAccepted: false });
  assert.equal(await line.push(USER, [text('once')], key), { alreadyAccepted: true });
  assert.equal(fake.callsTo(PUSH).map((call) => call.status), [200, 409]);
  assert.is(fake.chat(USER).length, 1);
});

test('a push that LINE applied despite answering 500 is not delivered twice by the retry', async () => {
  fake.failNext(PUSH, { status: 500, applied: true });
  const result = await client().push(USER, [text('only once')], randomUUID());
  assert.equal(result, { alreadyAccepted: true });
  assert.equal(fake.callsTo(PUSH).map((call) => call.status), [500, 409]);
  assert.is(fake.chat(USER).length, 1);
});

test('a push refused with 400 is not retried', async () => {
  const sixMessages = ['1', '2', '3', '4', '5', '6'].map(text);
  const error = await rejection(client().push(USER, sixMessages, randomUUID()));
  assert.is(error.status, 400);
  assert.is(error.retryable, false);
  assert.match(error.body, 'Size must be between 1 and 5');
  assert.is(fake.callsTo(PUSH).length, 1);
  assert.is(fake.chat(USER).length, 0);
});

test('a push answered 429 with Retry-After waits at least that long, then succeeds', async () => {
  fake.failNext(PUSH, { status: 429, retryAfterSeconds: 1 });
  await client({ backoffMs: 1 }).push(USER, [text('after the pause')], randomUUID());
  const [first, second] = fake.callsTo(PUSH);
  assert.is(first?.status, 429);
  assert.is(second?.status, 200);
  // A lower bound on the wait, not a speed check: without Retry-After the backoff is ~1 ms.
  assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= 950, 'the retry honoured Retry-After');
});

test('a push failing with 5xx on every attempt gives up after maxAttempts', async () => {
  fake.failNext(PUSH, { status: 503, times: 10 });
  const error = await rejection(client({ maxAttempts: 3 }).push(USER, [text('x')], randomUUID()));
  assert.is(error.status, 503);
  assert.is(error.retryable, true);
  assert.is(fake.callsTo(PUSH).length, 3);
});

test('an answer slower than timeoutMs gives a LineApiError with status null', async () => {
  fake.failNext(REPLY, { status: 200, delayMs: 2_000 });
  const token = replyTokenOf(fake.textEvent(USER, 'hello'));
  const error = await rejection(client({ timeoutMs: 100 }).reply(token, [text('too late')]));
  assert.is(error.status, null);
  assert.is(error.retryable, true);
  assert.match(error.message, 'timed out');
});

test('a push that times out but lands at LINE anyway is still delivered only once', async () => {
  // The abandoned first attempt is applied after 300 ms; the retry carries the same key.
  fake.failNext(PUSH, { status: 200, delayMs: 300 });
  await client({ timeoutMs: 100, backoffMs: 400 }).push(USER, [text('exactly once')], randomUUID());
  await new Promise((resolve) => setTimeout(resolve, 400)); // let the abandoned attempt land
  assert.equal(fake.callsTo(PUSH).map((call) => call.status).sort(), [200, 409]);
  assert.is(fake.chat(USER).length, 1);
});

test('a reply is waited for up to replyTimeoutMs, longer than other calls', async () => {
  fake.failNext(REPLY, { status: 200, delayMs: 300 });
  const token = replyTokenOf(fake.textEvent(USER, 'hello'));
  await client({ timeoutMs: 100, replyTimeoutMs: 2_000 }).reply(token, [text('worth the wait')]);
  assert.equal(fake.chat(USER, 1).map((entry) => entry.message.text), ['worth the wait']);
});

test('an aborted call stops waiting at once, between push retries too, and says the outcome is unknown', async () => {
  fake.failNext(REPLY, { status: 200, delayMs: 2_000 });
  const token = replyTokenOf(fake.textEvent(USER, 'hello'));
  const controller = new AbortController();
  const started = Date.now();
  const pending = rejection(client({ timeoutMs: 10_000 }).reply(token, [text('abandoned')], { signal: controller.signal }));
  setTimeout(() => controller.abort(), 100);
  const error = await pending;
  assert.instance(error, LineCallAbortedError);
  assert.equal([error.status, error.requestSent], [null, true], 'it may still reach LINE');
  assert.ok(Date.now() - started < 1_500, 'not waited out');

  // a push waiting for its next attempt (Retry-After 10 s) gives up too, without another attempt
  fake.failNext(PUSH, { status: 503, retryAfterSeconds: 10 });
  const pushing = new AbortController();
  const push = rejection(client().push(USER, [text('x')], randomUUID(), { signal: pushing.signal }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  pushing.abort();
  assert.instance(await push, LineCallAbortedError);
  assert.is(fake.callsTo(PUSH).length, 1);
});

test('a push LINE left hanging is sent again with its key as soon as LINE answers anything, not after its timeout', async () => {
  // LINE holds this push and never takes it; the probe LINE is asked meanwhile (the quota) is answered
  fake.failNext(PUSH, { status: 503, delayMs: 5_000 });
  const started = Date.now();
  await client({ timeoutMs: 10_000, staleAfterMs: 200 }).push(USER, [text('not stuck')], randomUUID());
  assert.ok(Date.now() - started < 3_000, `delivered after ${Date.now() - started} ms, not the 10 s timeout`);
  assert.equal(fake.chat(USER).map((entry) => entry.message.text), ['not stuck']);
});

test('a push LINE never answers while answering other calls costs its attempts as before: abandoning it is free only three times', async () => {
  fake.failNext(PUSH, { status: 503, delayMs: 5_000, times: 20 });
  const error = await rejection(client({ timeoutMs: 400, staleAfterMs: 50, maxAttempts: 2 }).push(USER, [text('x')], randomUUID()));
  assert.is(error.status, null);
  assert.match(error.message, 'timed out', 'the last attempt ran to its timeout');
  assert.is(fake.inFlight(PUSH), 5, 'three abandoned attempts, then two that timed out');
});

test('a network failure is reported with status null after the push retries', async () => {
  await fake.close(); // nothing listens there any more
  const error = await rejection(client({ maxAttempts: 2 }).push(USER, [text('x')], randomUUID()));
  assert.is(error.status, null);
  assert.match(error.message, 'network error');
  assert.is(error.requestSent, false, 'no connection was made: nothing reached LINE');
});

test('a connection cut mid-request is a network error whose request may have reached LINE', async () => {
  fake.failNext(REPLY, { status: 200, reset: true, applied: true });
  const token = replyTokenOf(fake.textEvent(USER, 'hello'));
  const error = await rejection(client().reply(token, [text('cut')]));
  assert.equal([error.status, error.requestSent], [null, true]);
  assert.equal(fake.chat(USER, 1).map((entry) => entry.message.text), ['cut'], 'LINE had taken it');
});

test('getProfile returns the profile, and null for a user LINE does not know', async () => {
  fake.setProfile(USER, { displayName: 'Somchai', language: 'th' });
  assert.equal(await client().getProfile(USER), { displayName: 'Somchai', pictureUrl: null, language: 'th', statusMessage: null });
  assert.is(await client().getProfile('Uunknown'), null);
});

test('a wrong channel access token is refused with 401 and not retried', async () => {
  const line = client({ channelAccessToken: 'wrong-token' });
  const error = await rejection(line.push(USER, [text('x')], randomUUID()));
  assert.is(error.status, 401);
  assert.is(error.retryable, false);
  const [call] = fake.callsTo(PUSH);
  assert.is(fake.callsTo(PUSH).length, 1);
  assert.is(call?.headers.authorization, 'Bearer [redacted]', 'the token is not recorded');
  assert.not.match(error.message + error.body, 'wrong-token');
});

test('the loading animation is accepted, and mark-as-read takes the token from the message', async () => {
  const line = client();
  await line.showLoadingAnimation(USER, 20);
  const event = fake.textEvent(USER, 'hello');
  const token = event.message.type === 'text' ? event.message.markAsReadToken : undefined;
  assert.type(token, 'string');
  await line.markAsRead(token ?? '');
  assert.equal(fake.callsTo('/v2/bot/chat/loading/start').map((call) => call.status), [202]);
  const error = await rejection(line.markAsRead('made-up'));
  assert.is(error.status, 400);
});

test('an API base URL with a path is refused, since the SDK would drop the path', () => {
  assert.throws(() => client({ apiBaseUrl: `${baseUrl}/line` }), /must be an origin/);
});

test.run();
