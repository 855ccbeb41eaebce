/**
 * One Flow per LINE channel, or one shared by all (docs/flows.md, One Flow per channel), end to end: the
 * flow folder has a shared Flow and a Flow for `shop-th`. Published before shop-th exists, the engine warns
 * (a channel may be added later); once an admin adds it, shop-th's customers get its own Flow while the
 * default channel's keep the shared one; an operator closing a shop-th conversation runs the onClose step of
 * shop-th's Flow; the simulator and the draft's tests run as a channel and say which Flow answered.
 * Real engine, the real @line/bot-sdk against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChannelResponse } from '../../engine/contracts/channels.ts';
import type { ConversationListResponse, FlowSimulateResponse, FlowTestRunResponse } from '../../engine/contracts/rest.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const flowsDir = path.join(repoRoot, 'test/fixtures/flow-sets/channel-flows');
const files = fs
  .readdirSync(flowsDir)
  .sort()
  .map((name) => ({ file: name, source: fs.readFileSync(path.join(flowsDir, name), 'utf8') }));
const SHOP_SECRET = randomBytes(16).toString('hex');
const SHOP_TOKEN = `shop-token-${randomBytes(24).toString('base64url')}`;
const SHOP_USER = 'U0000000000000000000000000000f101';
const DEFAULT_USER = 'U0000000000000000000000000000f102';

const logged: string[] = [];
let engine: TestEngine;
let admin: OperatorClient;

test.before(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
  engine = await startTestEngine({ logger, env: { BATON_FLOWS_DIR: flowsDir, BATON_ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
  engine.fakeLine.addChannel('shop-th', SHOP_TOKEN, { displayName: 'Shop TH', pictureUrl: 'https://example.com/shop-th.png' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(async () => {
  admin.close();
  await engine.stop();
});

/** the text of the bot's reply to an event, and the channel whose token sent it */
async function replyTo(replyToken: string | undefined): Promise<{ texts: string[]; channel: string | null | undefined }> {
  const reply = await waitFor(() => engine.fakeLine.callsTo('/v2/bot/message/reply').find((c) => (c.body as { replyToken?: string }).replyToken === replyToken), "the bot's reply");
  const messages = (reply.body as { messages: { type: string; text?: string }[] }).messages;
  return { texts: messages.map((m) => m.text ?? m.type), channel: reply.channel };
}

function postToShop(body: string): Promise<Response> {
  return fetch(`${engine.baseUrl}/webhooks/line/shop-th`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SHOP_SECRET) }, body });
}

test('a set naming a channel that does not exist yet is published, with a warning in the log', () => {
  const warning = logged.map((line) => JSON.parse(line) as { msg: string; level: number; unknown?: { channel: string; flow: string }[] }).find((entry) => entry.msg.startsWith('flows name channels that do not exist'));
  assert.ok(warning, logged.join('\n'));
  assert.is(warning.level, 40, 'a warning');
  assert.equal(warning.unknown?.map(({ channel, flow }) => [channel, flow]), [['shop-th', 'shop']]);
});

test("once the channel is added, its customers get its own Flow; the default channel's keep the shared Flow", async () => {
  const created = await admin.request<ChannelResponse>('POST', '/api/channels', { id: 'shop-th', channelSecret: SHOP_SECRET, channelAccessToken: SHOP_TOKEN });
  assert.is(created.status, 201, JSON.stringify(created.body));

  const inShop = engine.fakeLine.textEvent(SHOP_USER, 'hi');
  assert.is((await postToShop(engine.fakeLine.webhookBody([inShop]))).status, 200);
  assert.equal(await replyTo(inShop.replyToken), { texts: ['สวัสดีค่ะ ร้านค้า shop-th'], channel: 'shop-th' });

  const inDefault = engine.fakeLine.textEvent(DEFAULT_USER, 'hi');
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([inDefault]))).status, 200);
  assert.equal(await replyTo(inDefault.replyToken), { texts: ['Hello from support on default'], channel: 'default' });
});

test("closing a shop-th conversation runs the onClose step of shop-th's Flow", async () => {
  const asks = engine.fakeLine.textEvent(SHOP_USER, 'เจ้าหน้าที่');
  assert.is((await postToShop(engine.fakeLine.webhookBody([asks]))).status, 200);
  const [waiting] = await waitFor(async () => {
    const listed = (await admin.request<ConversationListResponse>('GET', '/api/conversations?status=waiting&channel=shop-th')).body.conversations;
    return listed.length === 1 && listed;
  }, "shop-th's conversation");
  assert.ok(waiting);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/close`)).status, 200);
  const farewell = await waitFor(
    () => engine.fakeLine.calls.find((c) => /push|reply/.test(c.path) && JSON.stringify(c.body).includes('ขอบคุณที่ติดต่อร้านค้า')),
    "shop-th's farewell",
  );
  assert.is(farewell.channel, 'shop-th');
});

test('the simulator runs the Flow of the channel asked for and says which one; a bad channel id is a 400 naming the field', async () => {
  const ask = (channel?: string) =>
    admin.request<FlowSimulateResponse>('POST', '/api/flows/simulate', { files, clock: '2026-01-05T10:00:00+07:00', ...(channel === undefined ? {} : { channel }), inputs: [{ text: 'hi' }] });
  const shop = await ask('shop-th');
  assert.is(shop.status, 200);
  assert.equal(shop.body.flow, { id: 'shop', file: 'shop-th.yaml', channel: 'shop-th', shared: false });
  assert.equal(shop.body.turns[0]?.messages, [{ type: 'text', text: 'สวัสดีค่ะ ร้านค้า shop-th' }]);
  const other = await ask('shop-en');
  assert.equal(other.body.flow, { id: 'support', file: 'shared.yaml', channel: 'shop-en', shared: true });
  assert.equal(other.body.turns[0]?.messages.map((m) => (m.type === 'text' ? m.text : m.type)), ['Hello from support on shop-en', 'Our Thai shop has its own line.']);
  assert.equal((await ask()).body.flow.channel, 'default');
  const bad = await admin.request<{ error: { code: string; message: string } }>('POST', '/api/flows/simulate', { files, clock: '2026-01-05T10:00:00+07:00', channel: 'Shop TH', inputs: [{ text: 'hi' }] });
  assert.is(bad.status, 400);
  assert.match(bad.body.error.message, /channel/);
});

test("the draft's tests run as their channels and say which Flow answered", async () => {
  const run = await admin.request<FlowTestRunResponse>('POST', '/api/flows/test', { files });
  assert.is(run.status, 200);
  assert.equal(
    run.body.results.map(({ file, flow, channel, ranFlow, passed }) => [file, flow, channel, ranFlow, passed]),
    [
      ['shared.yaml', 'support', 'default', 'support', true],
      ['shared.yaml', 'support', 'shop-en', 'support', true],
      ['shared.yaml', 'support', 'shop-th', 'shop', true],
      ['shop-th.yaml', 'shop', 'shop-th', 'shop', true],
      ['shop-th.yaml', 'shop', 'shop-th', 'shop', true],
    ],
  );
});

test.run();
