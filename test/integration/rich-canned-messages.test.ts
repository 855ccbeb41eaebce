/**
 * Rich canned responses (docs/inbox.md, docs/flows.md): an operator sends a canned Flex card with quick
 * replies, and LINE (the fake) gets exactly the message the composer previewed, by reply while the
 * customer's token is fresh and by push once it aged; a canned text + image goes as two messages in one
 * request; an unknown id is refused; a flow's `say: { canned }` sends the image too. The canned responses
 * are the example in docs/examples/rich-messages. Real engine, SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { CannedResponseListResponse, ConversationDetailResponse, ConversationResponse, SendMessageResponse } from '../../engine/contracts/rest.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { startTestEngine, TEST_ACCESS_TOKEN, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const TTL_MS = 50_000;
const ANN = 'U0000000000000000000000000000e001';
const BEN = 'U0000000000000000000000000000e002';

const clock = new TestClock();
const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN, now: clock.now });
let engine: TestEngine;
let admin: OperatorClient;
let flowsDir: string;
let conversation: ConversationDto;

type LineRequest = { replyToken?: string; to?: string; messages: { type: string; [key: string]: unknown }[] };
const requestsTo = (endpoint: 'reply' | 'push') => fake.callsTo(`/v2/bot/message/${endpoint}`).map((call) => ({ body: call.body as LineRequest, headers: call.headers }));

async function post(user: string, text: string): Promise<string | undefined> {
  const event = fake.textEvent(user, text);
  assert.is((await engine.postWebhook(fake.webhookBody([event]))).status, 200);
  return event.replyToken;
}

async function canned(id: string) {
  const list = await admin.request<CannedResponseListResponse>('GET', `/api/conversations/${conversation.id}/canned-responses`);
  assert.is(list.status, 200);
  const response = list.body.responses.find((r) => r.id === id);
  assert.ok(response, `canned response ${id}`);
  return response;
}

test.before(async () => {
  // the shipped example beside a small flow: what an admin would do with it
  flowsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-rich-flows-'));
  fs.copyFileSync(path.join(repoRoot, 'test/fixtures/flow-sets/rich-messages/flow.yaml'), path.join(flowsDir, 'flow.yaml'));
  fs.copyFileSync(path.join(repoRoot, 'docs/examples/rich-messages/rich-canned.yaml'), path.join(flowsDir, 'rich-canned.yaml'));
  const line = { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') };
  engine = await startTestEngine({ now: clock.now, line, env: { BATON_FLOWS_DIR: flowsDir, LINE_REPLY_TOKEN_TTL_MS: String(TTL_MS) } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
  await post(ANN, 'agent please');
  const waiting = await admin.waitForConversation((c: ConversationDto) => c.customer.lineUserId === ANN && c.status === 'WAITING', 'the waiting conversation');
  const claimed = await admin.request<ConversationResponse>('POST', `/api/conversations/${waiting.id}/claim`);
  assert.is(claimed.status, 200);
  conversation = claimed.body.conversation;
});

test.after(async () => {
  admin.close();
  await engine.stop();
  await fake.close();
  fs.rmSync(flowsDir, { recursive: true, force: true });
});

test('an operator sends a canned Flex card with quick replies: LINE gets exactly the previewed message, by reply while the token is fresh', async () => {
  const hours = await canned('opening-hours');
  assert.is(hours.rich, true);
  assert.equal(hours.messages.map((m) => m.type), ['flex']);
  const [card] = hours.messages;
  assert.ok(card?.type === 'flex');
  assert.equal(card.quickReply?.items.map((item) => item.action.label), ['Talk to a person', 'Where are you?']);

  const token = await post(ANN, 'when are you open?');
  await admin.waitForMessage((m) => m.text === 'when are you open?', 'the question');
  const sent = await admin.request<SendMessageResponse>('POST', `/api/conversations/${conversation.id}/messages`, { canned: 'opening-hours' });
  assert.is(sent.status, 201);
  assert.equal(sent.body.messages.map((m) => [m.type, m.text]), [['flex', `[flex] ${card.altText}`]]);

  const reply = await waitFor(() => requestsTo('reply').find((r) => r.body.replyToken === token), 'the reply with the fresh token');
  assert.equal(reply.body.messages, hours.messages, 'LINE got what the composer previewed');
  // the thread keeps the message as sent, so it can draw the card again
  const detail = await admin.request<ConversationDetailResponse>('GET', `/api/conversations/${conversation.id}`);
  const stored = detail.body.messages.find((m) => m.id === sent.body.message.id);
  assert.equal([stored?.type, stored?.payload], ['flex', card]);
});

test('a canned text with an image is two messages in one push once the token aged, with a retry key', async () => {
  const map = await canned('shop-map');
  assert.equal(map.messages.map((m) => m.type), ['text', 'image']);
  await post(ANN, 'where are you?');
  await admin.waitForMessage((m) => m.text === 'where are you?', 'the question');
  clock.advance(TTL_MS + 1_000);
  const pushesBefore = requestsTo('push').length;
  const sent = await admin.request<SendMessageResponse>('POST', `/api/conversations/${conversation.id}/messages`, { canned: 'shop-map' });
  assert.is(sent.status, 201);
  assert.equal(sent.body.messages.map((m) => m.type), ['text', 'image']);
  const push = await waitFor(() => requestsTo('push').slice(pushesBefore).find((p) => p.body.to === ANN), 'the push');
  assert.equal(push.body.messages, map.messages);
  assert.match(push.headers['x-line-retry-key'] ?? '', /^[0-9a-f-]{36}$/);
});

test('an unknown or malformed canned id is refused with 400 and nothing is sent', async () => {
  const calls = fake.callsTo('/v2/bot/message/push').length + fake.callsTo('/v2/bot/message/reply').length;
  const unknown = await admin.request<{ error: { code: string; message: string } }>('POST', `/api/conversations/${conversation.id}/messages`, { canned: 'opening-hour' });
  assert.is(unknown.status, 400);
  assert.is(unknown.body.error.code, 'unknown_canned');
  assert.match(unknown.body.error.message, /opening-hour/);
  const malformed = await admin.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/messages`, { canned: 'Opening Hours' });
  assert.is(malformed.status, 400);
  assert.is(malformed.body.error.code, 'invalid_body');
  assert.is(fake.callsTo('/v2/bot/message/push').length + fake.callsTo('/v2/bot/message/reply').length, calls);
});

test("a flow's say: { canned } sends the response's image after its text", async () => {
  const token = await post(BEN, 'map please');
  const reply = await waitFor(() => requestsTo('reply').find((r) => r.body.replyToken === token), "the bot's reply");
  assert.equal(reply.body.messages, [
    { type: 'text', text: "We're at 99 Sukhumvit Road, next to the BTS. Here is the map:" },
    { type: 'image', originalContentUrl: 'https://example.com/map.png', previewImageUrl: 'https://example.com/map-small.png' },
  ]);
});

test.run();
