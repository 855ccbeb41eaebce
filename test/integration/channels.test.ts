/**
 * Several LINE Official Accounts (docs/channels.md): an admin adds channel B (its token checked with LINE's bot
 * info, which names it); each channel has its own webhook URL and secret; the bot and the operators answer B's
 * customers with B's token (checked at the fake LINE, which tells the tokens apart); one LINE user of both
 * channels is two customers; secrets are encrypted at rest and in no answer, audit entry or log line.
 * Real engine and the real @line/bot-sdk against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChannelListResponse, ChannelResponse } from '../../engine/contracts/channels.ts';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { LineQuotaDto } from '../../engine/contracts/line-quota.ts';
import type { ConversationListResponse } from '../../engine/contracts/rest.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { testDbKind } from '../support/test-database.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = `U${'0'.repeat(28)}cb01`;
const B_SECRET = randomBytes(16).toString('hex');
const B_TOKEN = `b-token-${randomBytes(24).toString('base64url')}`;
/** B's token after a rotation: the fake records calls made with it as channel 'b-rotated' */
const B_ROTATED = `b-token-${randomBytes(24).toString('base64url')}`;
const KEY = randomBytes(32).toString('base64');

const logged: string[] = [];
let engine: TestEngine;
let admin: OperatorClient;
const answers: string[] = [];

test.before(async () => {
  // every line the engine logs, at every level, to look for secrets in
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logged.push(line) });
  engine = await startTestEngine({ logger, env: { BATON_ENCRYPTION_KEY: KEY } });
  engine.fakeLine.addChannel('b', B_TOKEN, { displayName: 'Shop B', pictureUrl: 'https://example.com/shop-b.png' });
  engine.fakeLine.addChannel('b-rotated', B_ROTATED);
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(async () => {
  admin.close();
  await engine.stop();
});

/** an API call whose answer is kept to look for secrets in */
async function call<T>(client: OperatorClient, method: string, path: string, body?: unknown) {
  const answer = await client.request<T>(method, path, body);
  answers.push(JSON.stringify(answer.body));
  return answer;
}

function postTo(path: string, body: string, secret: string): Promise<Response> {
  return fetch(`${engine.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body });
}

async function conversationsOf(channel: string): Promise<ConversationDto[]> {
  const list = await call<ConversationListResponse>(admin, 'GET', `/api/conversations?channel=${channel}`);
  assert.is(list.status, 200, JSON.stringify(list.body));
  return list.body.conversations;
}

test('an admin adds channel B: LINE is asked with its token and names it; its webhook path is its own', async () => {
  const created = await call<ChannelResponse>(admin, 'POST', '/api/channels', { id: 'b', channelSecret: B_SECRET, channelAccessToken: B_TOKEN });
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.equal(
    { ...created.body.channel, createdAt: '', updatedAt: '' },
    { id: 'b', name: 'Shop B', avatarUrl: 'https://example.com/shop-b.png', isDefault: false, webhookPath: '/webhooks/line/b', groupHandoff: true, createdAt: '', updatedAt: '', credentialsFromEnvironment: false },
  );
  const info = engine.fakeLine.callsTo('/v2/bot/info');
  assert.is(info.length, 1);
  assert.is(info[0]?.channel, 'b', "asked with B's token");

  const list = await call<ChannelListResponse>(admin, 'GET', '/api/channels');
  assert.equal(list.body.channels.map((c) => [c.id, c.webhookPath, c.credentialsFromEnvironment]), [
    ['default', '/webhooks/line', true],
    ['b', '/webhooks/line/b', false],
  ]);
  assert.is((await call(admin, 'POST', '/api/channels', { id: 'b', channelSecret: B_SECRET, channelAccessToken: B_TOKEN })).status, 409, 'the id is taken');
});

test('the secret and token are stored encrypted: the row holds neither in plain text', async () => {
  const row = await engine.baton.store.channels.findById('b');
  assert.ok(row?.secret_enc && row.access_token_enc);
  const stored = JSON.stringify(row);
  assert.not.ok(stored.includes(B_SECRET), 'no plain secret');
  assert.not.ok(stored.includes(B_TOKEN), 'no plain token');
  assert.not.ok(stored.includes(Buffer.from(B_TOKEN).toString('base64')), 'not merely encoded');
});

test("a body signed for one channel is refused at the other's URL and accepted at its own", async () => {
  const forB = engine.fakeLine.webhookBody([]);
  assert.is((await postTo('/webhooks/line', forB, B_SECRET)).status, 401, "B's signature at the default's URL");
  assert.is((await postTo('/webhooks/line/b', forB, engine.channelSecret)).status, 401, "the default's signature at B's URL");
  assert.is((await postTo('/webhooks/line/b', forB, B_SECRET)).status, 200);
  assert.is((await postTo('/webhooks/line', forB, engine.channelSecret)).status, 200);
  assert.is((await postTo('/webhooks/line/nobody', forB, B_SECRET)).status, 404, 'an unknown channel');
  assert.is((await postTo('/webhooks/line/default', forB, engine.channelSecret)).status, 404, 'the default has one URL');
});

test("the bot answers a customer of channel B with B's token", async () => {
  const event = engine.fakeLine.textEvent(USER, 'hello from B');
  assert.is((await postTo('/webhooks/line/b', engine.fakeLine.webhookBody([event]), B_SECRET)).status, 200);
  const reply = await waitFor(() => engine.fakeLine.callsTo('/v2/bot/message/reply').find((c) => (c.body as { replyToken?: string }).replyToken === event.replyToken), "the bot's reply");
  assert.is(reply.channel, 'b');
  assert.is(reply.status, 200);
  const customer = await engine.baton.store.customers.findByChannelUser('b', USER);
  assert.ok(customer, "a customer of B's");
  assert.is(await engine.baton.store.customers.findByChannelUser('default', USER), undefined, 'none of the default channel yet');
});

test('the same LINE user in the default channel and in B is two customers, each with a conversation of its channel', async () => {
  assert.is((await postTo('/webhooks/line/b', engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, 'agent please')]), B_SECRET)).status, 200);
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, 'agent please')]))).status, 200);
  const [inB] = await waitFor(async () => {
    const listed = await conversationsOf('b');
    return listed.length === 1 && listed;
  }, "B's conversation");
  const [inDefault] = await waitFor(async () => {
    const listed = await conversationsOf('default');
    return listed.length === 1 && listed;
  }, "the default channel's conversation");
  assert.ok(inB && inDefault);
  assert.is(inB.channelId, 'b');
  assert.is(inDefault.channelId, 'default');
  assert.is(inB.customer.lineUserId, USER);
  assert.is(inDefault.customer.lineUserId, USER);
  assert.is.not(inB.customer.id, inDefault.customer.id, 'two customers');
  assert.is.not(inB.id, inDefault.id, 'two conversations');
  const all = await call<ConversationListResponse>(admin, 'GET', '/api/conversations?status=waiting');
  assert.equal(all.body.conversations.map((c) => c.channelId).sort(), ['b', 'default'], 'without the filter, both');
  const unknown = await call<{ error: { code: string } }>(admin, 'GET', '/api/conversations?channel=nope');
  assert.is(unknown.status, 400);
  assert.is(unknown.body.error.code, 'invalid_channel');
});

test("an operator's answer to B's customer is pushed with B's token, and the default's with its own", async () => {
  const [inB] = await conversationsOf('b');
  const [inDefault] = await conversationsOf('default');
  assert.ok(inB && inDefault);
  for (const [conversation, text] of [[inB, 'answer in B'], [inDefault, 'answer in default']] as const) {
    assert.is((await call(admin, 'POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
    assert.is((await call(admin, 'POST', `/api/conversations/${conversation.id}/messages`, { text })).status, 201);
  }
  const sentWith = async (text: string) => {
    const sent = await waitFor(
      () => engine.fakeLine.calls.find((c) => c.status === 200 && /push|reply/.test(c.path) && JSON.stringify(c.body).includes(text)),
      `"${text}" at LINE`,
    );
    return sent.channel;
  };
  assert.is(await sentWith('answer in B'), 'b');
  assert.is(await sentWith('answer in default'), 'default');
  const pushed = engine.fakeLine.callsTo('/v2/bot/message/push').find((c) => JSON.stringify(c.body).includes('answer in B'));
  assert.ok(pushed, 'the queue notice used the reply token: the answer is a push');
  assert.is((pushed.body as { to: string }).to, USER);
  assert.is(pushed.channel, 'b');
});

test("each channel's quota is asked of LINE with its own token and counts its own customers' pushes", async () => {
  const quota = await call<LineQuotaDto>(admin, 'GET', '/api/line/quota?channel=b');
  assert.is(quota.status, 200, JSON.stringify(quota.body));
  assert.ok(engine.fakeLine.callsTo('/v2/bot/message/quota').some((c) => c.channel === 'b'), "asked with B's token");
  const pushedToB = engine.fakeLine.callsTo('/v2/bot/message/push').filter((c) => c.channel === 'b' && c.status === 200);
  assert.ok(pushedToB.length > 0);
  assert.is(quota.body.sent.pushes, pushedToB.flatMap((c) => (c.body as { messages: unknown[] }).messages).length);
  const all = engine.fakeLine.callsTo('/v2/bot/message/push').filter((c) => c.status === 200);
  assert.ok(all.length > pushedToB.length, 'the default channel pushed too, and is not counted here');
  const unknown = await call<{ error: { code: string } }>(admin, 'GET', '/api/line/quota?channel=nope');
  assert.is(unknown.status, 400);
  assert.is(unknown.body.error.code, 'invalid_channel');
});

test("channels are changed by admins: B renamed and its token rotated (checked with LINE); the default's credentials stay in the environment", async () => {
  const renamed = await call<ChannelResponse>(admin, 'PATCH', '/api/channels/b', { name: 'Shop B (Bangkok)', groupHandoff: false });
  assert.is(renamed.status, 200);
  assert.is(renamed.body.channel.name, 'Shop B (Bangkok)');
  assert.is(renamed.body.channel.groupHandoff, false);
  const refused = await call<{ error: { code: string; message: string } }>(admin, 'PATCH', '/api/channels/b', { channelAccessToken: 'not-a-token-LINE-knows-0001' });
  assert.is(refused.status, 400);
  assert.is(refused.body.error.code, 'line_token_refused');
  const row = await engine.baton.store.channels.findById('b');
  assert.ok(row?.access_token_enc);
  const defaults = await call<{ error: { code: string } }>(admin, 'PATCH', '/api/channels/default', { channelSecret: 'x'.repeat(32) });
  assert.is(defaults.status, 400);
  assert.is(defaults.body.error.code, 'default_channel_credentials');
  const named = await call<ChannelResponse>(admin, 'PATCH', '/api/channels/default', { name: 'Main shop' });
  assert.is(named.body.channel.name, 'Main shop');
});

test("a rotated token is used from the next message on, without a restart", async () => {
  const rotated = await call<ChannelResponse>(admin, 'PATCH', '/api/channels/b', { channelAccessToken: B_ROTATED });
  assert.is(rotated.status, 200);
  const [inB] = await conversationsOf('b');
  assert.ok(inB);
  assert.is((await call(admin, 'POST', `/api/conversations/${inB.id}/messages`, { text: 'after the rotation' })).status, 201);
  const sent = await waitFor(() => engine.fakeLine.calls.find((c) => c.status === 200 && JSON.stringify(c.body).includes('after the rotation')), 'the answer at LINE');
  assert.is(sent.channel, 'b-rotated');
});

test('a token LINE refuses: 400 line_token_refused, and nothing is added', async () => {
  const refused = await call<{ error: { code: string; message: string } }>(admin, 'POST', '/api/channels', { id: 'c', channelSecret: randomBytes(16).toString('hex'), channelAccessToken: 'a-token-LINE-does-not-know-000' });
  assert.is(refused.status, 400);
  assert.is(refused.body.error.code, 'line_token_refused');
  assert.match(refused.body.error.message, 'channelAccessToken');
  assert.is(await engine.baton.store.channels.findById('c'), undefined);
  const bad = await call<{ error: { code: string } }>(admin, 'POST', '/api/channels', { id: 'Not A Slug', channelSecret: B_SECRET, channelAccessToken: B_TOKEN });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.code, 'invalid_body');
});

if (testDbKind() === 'postgres') {
  test('another engine on the same database takes a channel added on this one at once, without a restart', async () => {
    const other = await startTestEngine({ database: engine.database, line: engine.line, env: { BATON_ENCRYPTION_KEY: KEY } });
    try {
      const secret = randomBytes(16).toString('hex');
      const token = `c-token-${randomBytes(24).toString('base64url')}`;
      engine.fakeLine.addChannel('c', token);
      assert.is((await call(admin, 'POST', '/api/channels', { id: 'c', channelSecret: secret, channelAccessToken: token })).status, 201);
      const event = engine.fakeLine.textEvent(USER, 'hello C');
      const body = engine.fakeLine.webhookBody([event]);
      const at = await fetch(`${other.baseUrl}/webhooks/line/c`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body });
      assert.is(at.status, 200, 'the other engine knows C at once');
      const reply = await waitFor(() => engine.fakeLine.callsTo('/v2/bot/message/reply').find((c) => (c.body as { replyToken?: string }).replyToken === event.replyToken), "the bot's reply");
      assert.is(reply.channel, 'c');
    } finally {
      await other.stop();
    }
  });
}

test('every change is audited without the secret or token', async () => {
  const audit = await call<{ entries: { action: string; targetId: string | null; details: unknown }[] }>(admin, 'GET', '/api/audit?action=channel.updated');
  assert.ok(audit.body.entries.length >= 2, JSON.stringify(audit.body));
  const created = await call<{ entries: { action: string; targetId: string | null }[] }>(admin, 'GET', '/api/audit?action=channel.created');
  assert.ok(created.body.entries.some((e) => e.targetId === 'b'));
  const rotation = audit.body.entries.find((e) => JSON.stringify(e.details).includes('channelAccessToken'));
  assert.ok(rotation, 'the rotation is recorded, by the name of what changed');
});

test('no answer, no audit entry and no log line ever carried a secret or token', () => {
  for (const text of [...answers, ...logged]) {
    assert.not.ok(text.includes(B_SECRET), `secret in: ${text.slice(0, 200)}`);
    assert.not.ok(text.includes(B_TOKEN), `token in: ${text.slice(0, 200)}`);
    assert.not.ok(text.includes(B_ROTATED), `rotated token in: ${text.slice(0, 200)}`);
  }
  assert.ok(answers.length > 10 && logged.length > 0, `there was something to look at: ${answers.length} answers, ${logged.length} log lines`);
});

test.run();
