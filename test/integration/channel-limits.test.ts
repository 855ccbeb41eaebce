/**
 * Operators limited to LINE channels (docs/channels.md): one who works in channel B lists, opens, claims and
 * hears live only B's conversations, and is not given the default channel's by auto-assignment; an unknown
 * channel in an operator's list is a 400. Deleting a channel: never the default, never with open conversations.
 * Without BATON_ENCRYPTION_KEY no channel can be added and the default channel works on. Real engine, real
 * socket.io-client, the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChannelListResponse } from '../../engine/contracts/channels.ts';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationListResponse, CreateOperatorResponse } from '../../engine/contracts/rest.ts';
import { ConfigError, loadConfig } from '../../engine/config.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const B_SECRET = randomBytes(16).toString('hex');
const B_TOKEN = `b-token-${randomBytes(24).toString('base64url')}`;
const BEN = { email: 'ben@example.com', password: 'ben-works-in-b-only', name: 'Ben' };
const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;

let engine: TestEngine;
let admin: OperatorClient;
let ben: OperatorClient;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_ENCRYPTION_KEY: randomBytes(32).toString('hex') } });
  engine.fakeLine.addChannel('b', B_TOKEN);
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  assert.is((await admin.request('POST', '/api/channels', { id: 'b', name: 'Shop B', channelSecret: B_SECRET, channelAccessToken: B_TOKEN })).status, 201);
  const created = await admin.request<CreateOperatorResponse>('POST', '/api/operators', { ...BEN, role: 'operator', channels: ['b'] });
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.operator.channels, ['b']);
  ben = await OperatorClient.signIn(engine.baseUrl, BEN.email, BEN.password);
  await ben.connect();
});
test.after(async () => {
  ben.close();
  admin.close();
  await engine.stop();
});

async function askForAgent(channel: 'default' | 'b', lineUserId: string): Promise<ConversationDto> {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(lineUserId, 'agent please')]);
  const path = channel === 'default' ? '/webhooks/line' : '/webhooks/line/b';
  const response = await fetch(`${engine.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, channel === 'b' ? B_SECRET : engine.channelSecret) }, body });
  assert.is(response.status, 200);
  return waitFor(async () => {
    const list = await admin.request<ConversationListResponse>('GET', `/api/conversations?channel=${channel}`);
    return list.body.conversations.find((c) => c.customer.lineUserId === lineUserId);
  }, `${lineUserId}'s conversation in ${channel}`);
}

test("an operator limited to B sees only B's conversations, and none of the default channel's, even when asking for them", async () => {
  const inDefault = await askForAgent('default', user(1));
  const inB = await askForAgent('b', user(2));
  const listed = await ben.request<ConversationListResponse>('GET', '/api/conversations');
  assert.equal(listed.body.conversations.map((c) => c.id), [inB.id]);
  const asked = await ben.request<ConversationListResponse>('GET', '/api/conversations?channel=default');
  assert.equal(asked.body.conversations, [], 'asking for another channel widens nothing');
  assert.is((await ben.request('GET', `/api/conversations/${inDefault.id}`)).status, 404, "the default channel's conversation is none of his");
  assert.is((await ben.request('POST', `/api/conversations/${inDefault.id}/claim`)).status, 404);
  assert.is((await ben.request('GET', `/api/conversations/${inB.id}`)).status, 200);
  const channels = await ben.request<ChannelListResponse>('GET', '/api/channels');
  assert.equal(channels.body.channels.map((c) => c.id), ['b'], 'he sees his channel only');
  const joined = await new Promise<{ ok: boolean }>((resolve) => ben.socket?.emit('conversation:join', inDefault.id, resolve));
  assert.is(joined.ok, false, 'nor may he open it live');
});

test("he hears B's new conversations live and nothing of the default channel's", async () => {
  const before = ben.conversationsSeen.length;
  const inDefault = await askForAgent('default', user(3));
  const inB = await askForAgent('b', user(4));
  // B's came after the default's, on the same socket: had the default's been sent to him, it would be here by now
  await ben.waitForConversation((c) => c.id === inB.id, "B's conversation live");
  const heard = ben.conversationsSeen.slice(before).map((c) => c.channelId);
  assert.ok(heard.includes('b'));
  assert.not.ok(ben.conversationsSeen.some((c) => c.id === inDefault.id), "no event of the default channel's conversation");
  assert.not.ok(ben.messagesSeen.some((m) => m.conversationId === inDefault.id), 'nor of its messages');
});

test("he claims B's conversation and answers; the answer goes out with B's token", async () => {
  const [inB] = (await ben.request<ConversationListResponse>('GET', '/api/conversations?status=waiting')).body.conversations;
  assert.ok(inB);
  assert.is((await ben.request('POST', `/api/conversations/${inB.id}/claim`)).status, 200);
  assert.is((await ben.request('POST', `/api/conversations/${inB.id}/messages`, { text: 'Ben here' })).status, 201);
  const sent = await waitFor(() => engine.fakeLine.calls.find((c) => c.status === 200 && JSON.stringify(c.body).includes('Ben here')), 'the answer at LINE');
  assert.is(sent.channel, 'b');
});

test('auto-assignment gives him B\'s conversations only', async () => {
  assert.is((await ben.request('PUT', '/api/me/presence', { presence: 'available' })).status, 200);
  const inDefault = await askForAgent('default', user(5));
  const inB = await askForAgent('b', user(6));
  const assigned = await waitFor(async () => {
    const row = await engine.baton.store.conversations.findById(inB.id);
    return row?.status === 'ACTIVE' && row;
  }, "B's conversation assigned");
  assert.is(assigned.operator_id, ben.login.operator.id);
  const other = await engine.baton.store.conversations.findById(inDefault.id);
  assert.is(other?.status, 'WAITING', "the default channel's waits for someone who works there");
  assert.is((await ben.request('PUT', '/api/me/presence', { presence: 'away' })).status, 200);
});

test('an operator limited to an unknown channel is refused (400), at creation and change', async () => {
  const created = await admin.request<{ error: { code: string; message: string } }>('POST', '/api/operators', { email: 'x@example.com', name: 'X', role: 'operator', password: 'long-enough-pass', channels: ['nowhere'] });
  assert.is(created.status, 400);
  assert.is(created.body.error.code, 'unknown_channel');
  assert.match(created.body.error.message, 'nowhere');
  const changed = await admin.request<{ error: { code: string } }>('PATCH', `/api/operators/${ben.login.operator.id}`, { channels: ['b', 'nowhere'] });
  assert.is(changed.status, 400);
  const widened = await admin.request<{ operator: { channels: string[] | null } }>('PATCH', `/api/operators/${ben.login.operator.id}`, { channels: null });
  assert.is(widened.status, 200);
  assert.is(widened.body.operator.channels, null, 'null: every channel');
});

test('the default channel cannot be deleted; B not while a conversation of it is open, and then it is', async () => {
  const deleteDefault = await admin.request<{ error: { code: string } }>('DELETE', '/api/channels/default');
  assert.is(deleteDefault.status, 400);
  const open = (await admin.request<ConversationListResponse>('GET', '/api/conversations?channel=b')).body.conversations.filter((c) => c.status !== 'CLOSED');
  assert.ok(open.length >= 2);
  const refused = await admin.request<{ error: { code: string; message: string } }>('DELETE', '/api/channels/b');
  assert.is(refused.status, 409);
  assert.is(refused.body.error.code, 'channel_in_use');
  assert.match(refused.body.error.message, `${open.length} open conversations`);
  for (const conversation of open) assert.is((await admin.request('POST', `/api/conversations/${conversation.id}/close`, {})).status, 200);
  assert.is((await admin.request('DELETE', '/api/channels/b')).status, 204);
  const body = engine.fakeLine.webhookBody([]);
  const webhook = await fetch(`${engine.baseUrl}/webhooks/line/b`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, B_SECRET) }, body });
  assert.is(webhook.status, 404, 'its webhook URL is gone');
  assert.is((await admin.request('DELETE', '/api/channels/b')).status, 404);
});

test('without BATON_ENCRYPTION_KEY adding a channel answers 409 naming the variable; the default channel works on', async () => {
  const bare = await startTestEngine();
  try {
    const client = await OperatorClient.signIn(bare.baseUrl, bare.admin.email, bare.admin.password);
    const refused = await client.request<{ error: { code: string; message: string } }>('POST', '/api/channels', { id: 'b', channelSecret: B_SECRET, channelAccessToken: B_TOKEN });
    assert.is(refused.status, 409);
    assert.is(refused.body.error.code, 'encryption_key_missing');
    assert.match(refused.body.error.message, 'BATON_ENCRYPTION_KEY');
    const event = bare.fakeLine.textEvent(user(7), 'hello');
    assert.is((await bare.postWebhook(bare.fakeLine.webhookBody([event]))).status, 200);
    const reply = await waitFor(() => bare.fakeLine.callsTo('/v2/bot/message/reply').find((c) => (c.body as { replyToken?: string }).replyToken === event.replyToken), 'the bot answers');
    assert.is(reply.channel, 'default');
    client.close();
  } finally {
    await bare.stop();
  }
});

test('BATON_ENCRYPTION_KEY must be 32 bytes, hex or base64: anything else stops the start with a clear error', () => {
  for (const key of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
    try {
      loadConfig({ BATON_ENCRYPTION_KEY: key }, process.cwd());
      assert.unreachable(`accepted ${key}`);
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.match((error as Error).message, 'BATON_ENCRYPTION_KEY');
    }
  }
  assert.is(loadConfig({ BATON_ENCRYPTION_KEY: randomBytes(32).toString('base64') }, process.cwd()).encryptionKey?.length, 32);
  assert.is(loadConfig({ BATON_ENCRYPTION_KEY: randomBytes(32).toString('hex') }, process.cwd()).encryptionKey?.length, 32);
});

test.run();
