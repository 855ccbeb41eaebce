/**
 * Rich menus per LINE channel (docs/rich-menus.md, docs/channels.md): a LINE rich menu id exists only in the
 * channel that made it, so each channel's menus are made and linked with its own token. Channel b (added over
 * the API) runs its own Flow with a waiting menu: its customer asking for a person gets b's menu, made and
 * linked with b's token (the fake LINE records whose token each call carried), and unlinked with it on close;
 * the default channel's menus are never linked to b's customers, and b gets only the menu its Flow maps.
 * Channel c, running the shared Flow, gets that Flow's menus made in c (its bot menu c's default). The fake
 * LINE keeps menus per channel as LINE does (another channel's menu id is unknown: 404). Deleting channel c
 * deletes its menus at LINE and forgets them: c added again under its id for another account gets menus of its
 * own, also when the delete and re-add happened on another engine (this one's caches follow).
 * Real engine and the real @line/bot-sdk against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { RecordedCall as FakeCall } from '../../engine/line/sandbox/fake-line-types.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { SecretBox } from '../../engine/services/channels/secret-box.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const flowsDir = path.join(repoRoot, 'test/fixtures/flow-sets/rich-menus-channels');
const B_SECRET = randomBytes(16).toString('hex');
const B_TOKEN = `b-token-${randomBytes(24).toString('base64url')}`;
const A_USER = `U${'a'.repeat(28)}0001`;
const B_USER = `U${'b'.repeat(28)}0001`;
const C_SECRET = randomBytes(16).toString('hex');
const C_TOKEN = `c-token-${randomBytes(24).toString('base64url')}`;
const C_USER = `U${'c'.repeat(28)}0001`;
const C2_SECRET = randomBytes(16).toString('hex');
const C2_TOKEN = `c2-token-${randomBytes(24).toString('base64url')}`;
const C3_TOKEN = `c3-token-${randomBytes(24).toString('base64url')}`;
const ENCRYPTION_KEY = randomBytes(32);

let engine: TestEngine;
let admin: OperatorClient;

/** menus made at LINE (successfully) with `channel`'s token: LINE's id and the name Baton gave it */
const madeIn = (channel: string) =>
  engine.fakeLine
    .callsTo('/v2/bot/richmenu')
    .filter((call) => call.method === 'POST' && call.status === 200 && call.channel === channel)
    .map((call) => ({ richMenuId: (call.response as { richMenuId: string }).richMenuId, name: (call.body as { name: string }).name }));
/** the default menu set in `channel` (the fake's name for the token it was set with) */
const defaultSetIn = (channel: string) => engine.fakeLine.calls.find((call) => call.channel === channel && call.method === 'POST' && call.path.startsWith('/v2/bot/user/all/richmenu/'));
/** link and unlink calls for a user, whichever token they carried */
const userMenuCalls = (user: string): FakeCall[] => engine.fakeLine.calls.filter((call) => call.path.startsWith(`/v2/bot/user/${user}/richmenu`));
const linkedId = (call: FakeCall) => decodeURIComponent(call.path.split('/').at(-1) ?? '');

async function say(channel: 'default' | 'b' | 'c', user: string, text: string): Promise<void> {
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]);
  const secret = channel === 'b' ? B_SECRET : C_SECRET;
  const answer = channel === 'default' ? await engine.postWebhook(body) : await fetch(`${engine.baseUrl}/webhooks/line/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body });
  assert.is(answer.status, 200);
}

async function waitingOf(channel: string, user: string): Promise<ConversationDto> {
  return waitFor(async () => (await admin.request<{ conversations: ConversationDto[] }>('GET', `/api/conversations?status=waiting&channel=${channel}`)).body.conversations.find((c) => c.customer.lineUserId === user), `the ${channel} customer waiting`);
}

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: flowsDir, BATON_ENCRYPTION_KEY: ENCRYPTION_KEY.toString('base64') } });
  engine.fakeLine.addChannel('b', B_TOKEN, { displayName: 'Shop B' });
  engine.fakeLine.addChannel('c', C_TOKEN, { displayName: 'Shop C' });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

test("the default channel's menus are made with its token: those its Flow maps, not b's", async () => {
  await waitFor(() => madeIn('default').length === 3 || undefined, "the default channel's three menus");
  assert.equal(madeIn('default').map((m) => m.name.split(':')[1]).sort(), ['chat', 'main', 'queue']);
  assert.equal(madeIn('b'), [], 'nothing at b before it is added');
});

test("channel b, added over the API, gets the one menu its own Flow maps, made with b's token and not its default", async () => {
  const created = await admin.request('POST', '/api/channels', { id: 'b', channelSecret: B_SECRET, channelAccessToken: B_TOKEN });
  assert.is(created.status, 201, JSON.stringify(created.body));
  await waitFor(() => madeIn('b').length === 1 || undefined, "b's menu made at LINE");
  assert.ok(madeIn('b')[0]?.name.startsWith('baton:b-queue:'), madeIn('b')[0]?.name);
  const active = await engine.baton.store.flowVersions.active();
  assert.ok(active);
  // LINE answers before the engine writes the id down
  const rows = await waitFor(async () => {
    const recorded = await engine.baton.store.richMenus.ofVersion('b', active.version);
    return recorded.every((row) => row.line_rich_menu_id !== null) && recorded;
  }, "b's menu recorded");
  assert.equal(rows.map((row) => [row.channel_id, row.menu_id, row.line_rich_menu_id]), [['b', 'b-queue', madeIn('b')[0]?.richMenuId]]);
  // b's Flow has no `bot` menu: no default is set in b
  assert.equal(engine.fakeLine.calls.filter((call) => call.path.startsWith('/v2/bot/user/all/richmenu') && call.channel === 'b'), []);
});

test("b's customer asking for a person gets b's menu linked with b's token, unlinked with it on close", async () => {
  await say('b', B_USER, 'agent please');
  const [bMenu] = madeIn('b');
  assert.ok(bMenu);
  const link = await waitFor(() => userMenuCalls(B_USER).find((call) => call.method === 'POST' && call.status === 200), "b's customer's menu linked");
  assert.is(link.channel, 'b', "linked with b's token");
  assert.is(linkedId(link), bMenu.richMenuId, "b's own menu");
  assert.is(engine.fakeLine.richMenuOf(B_USER, 'b')?.menu.chatBarText, 'B queue');

  const waiting = await waitingOf('b', B_USER);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/close`, { reason: 'Resolved' })).status, 200);
  const unlink = await waitFor(() => userMenuCalls(B_USER).find((call) => call.method === 'DELETE'), "b's customer's menu unlinked");
  assert.is(unlink.channel, 'b', "unlinked with b's token");
  assert.is(unlink.status, 200);
  assert.is(engine.fakeLine.richMenuOf(B_USER, 'b')?.linked ?? false, false, 'no menu of their own any more');
});

test("the default channel's customers keep the default's menus and token; none of its menus ever reaches b's customers", async () => {
  await say('default', A_USER, 'agent');
  const link = await waitFor(() => userMenuCalls(A_USER).find((call) => call.method === 'POST' && call.status === 200), "the default customer's menu linked");
  assert.is(link.channel, 'default');
  assert.is(linkedId(link), madeIn('default').find((m) => m.name.startsWith('baton:queue:'))?.richMenuId);
  assert.is(engine.fakeLine.richMenuOf(A_USER)?.menu.chatBarText, 'In the queue');

  const defaultIds = new Set(madeIn('default').map((m) => m.richMenuId));
  const bCalls = userMenuCalls(B_USER);
  assert.ok(bCalls.length >= 2);
  for (const call of bCalls) {
    assert.is(call.channel, 'b', `${call.method} ${call.path} with b's token`);
    if (call.method === 'POST') assert.not.ok(defaultIds.has(linkedId(call)), "a default channel's menu linked to b's customer");
  }
  // every menu any b call named was made by b
  const bIds = new Set(madeIn('b').map((m) => m.richMenuId));
  for (const call of engine.fakeLine.calls.filter((c) => c.channel === 'b' && c.method === 'POST' && c.path.startsWith('/v2/bot/user/'))) assert.ok(bIds.has(linkedId(call)), call.path);
});

test("channel c, without a Flow of its own, gets the shared Flow's menus of its own, its bot menu as c's default, c's queue menu for its customer", async () => {
  assert.is((await admin.request('POST', '/api/channels', { id: 'c', channelSecret: C_SECRET, channelAccessToken: C_TOKEN })).status, 201);
  const defaultSet = await waitFor(() => engine.fakeLine.calls.find((call) => call.channel === 'c' && call.method === 'POST' && call.path.startsWith('/v2/bot/user/all/richmenu/')), "c's default menu set");
  const made = madeIn('c');
  assert.equal(made.map((m) => m.name.split(':')[1]).sort(), ['chat', 'main', 'queue']);
  const defaultIds = new Set(madeIn('default').map((m) => m.richMenuId));
  assert.ok(made.every((m) => !defaultIds.has(m.richMenuId)), "c's menus are c's own");
  assert.is(linkedId(defaultSet), made.find((m) => m.name.startsWith('baton:main:'))?.richMenuId, "c's own bot menu");

  await say('c', C_USER, 'agent');
  const link = await waitFor(() => userMenuCalls(C_USER).find((call) => call.method === 'POST' && call.status === 200), "c's customer's menu linked");
  assert.is(link.channel, 'c');
  assert.is(linkedId(link), made.find((m) => m.name.startsWith('baton:queue:'))?.richMenuId, "c's own queue menu");
  assert.is(engine.fakeLine.richMenuOf(C_USER, 'c')?.menu.chatBarText, 'In the queue');
});

test("deleted, channel c's menus are deleted at LINE with c's token and forgotten; c added again for another account gets menus of its own", async () => {
  const cMenus = madeIn('c').map((m) => m.richMenuId);
  assert.is(cMenus.length, 3);
  const waiting = await waitingOf('c', C_USER);
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/close`, { reason: 'Resolved' })).status, 200);
  assert.is((await admin.request('DELETE', '/api/channels/c')).status, 204);

  const deletes = engine.fakeLine.calls.filter((call) => call.method === 'DELETE' && /^\/v2\/bot\/richmenu\/[^/]+$/.test(call.path));
  assert.equal(deletes.map(linkedId).sort(), [...cMenus].sort(), "each of c's menus deleted at LINE");
  assert.ok(deletes.every((call) => call.channel === 'c' && call.status === 200), "with c's token");
  const live = new Set(engine.fakeLine.richMenus.list().map((m) => m.richMenuId));
  assert.ok(cMenus.every((id) => !live.has(id)), 'none of them left at LINE');
  assert.equal(await engine.baton.store.richMenus.liveInChannel('c'), [], "c's menu rows forgotten");
  assert.is(await engine.baton.store.richMenus.hasLink('c', C_USER), false, "c's link rows forgotten");
  const audit = await admin.request<{ entries: { details: unknown }[] }>('GET', '/api/audit?action=channel.deleted');
  assert.equal(audit.body.entries[0]?.details, { name: 'Shop C', richMenusDeleted: 3 });

  // the id again, for another Official Account: menu ids of the old one are unknown there
  engine.fakeLine.addChannel('c2', C2_TOKEN, { displayName: 'Shop C2' });
  assert.is((await admin.request('POST', '/api/channels', { id: 'c', channelSecret: C2_SECRET, channelAccessToken: C2_TOKEN })).status, 201);
  const defaultSet = await waitFor(() => defaultSetIn('c2'), "the new c's default menu set");
  const made = madeIn('c2');
  assert.equal(made.map((m) => m.name.split(':')[1]).sort(), ['chat', 'main', 'queue']);
  assert.is(defaultSet.status, 200);
  assert.is(linkedId(defaultSet), made.find((m) => m.name.startsWith('baton:main:'))?.richMenuId, "the new account's own bot menu");
});

test('c deleted and added again for a third account on another engine: this engine follows within its refresh, never with the old menus', async () => {
  const { store } = engine.baton;
  engine.fakeLine.addChannel('c3', C3_TOKEN, { displayName: 'Shop C3' });
  const box = new SecretBox(ENCRYPTION_KEY);
  // what the other engine's DELETE and POST /api/channels leave in the shared database (this engine was not told)
  await store.transaction(async (tx) => {
    await tx.channels.delete('c');
    await tx.richMenus.dropChannel('c');
  });
  const at = Date.now() + 1;
  await store.channels.insert({
    id: 'c',
    name: 'Shop C3',
    avatar_url: null,
    secret_enc: box.seal(randomBytes(16).toString('hex'), 'channel:c:secret'),
    access_token_enc: box.seal(C3_TOKEN, 'channel:c:access_token'),
    group_handoff: true,
    created_at: at,
    updated_at: at,
  });
  const defaultSet = await waitFor(() => defaultSetIn('c3'), "the third account's default menu set", 20_000);
  const made = madeIn('c3');
  assert.equal(made.map((m) => m.name.split(':')[1]).sort(), ['chat', 'main', 'queue']);
  assert.is(linkedId(defaultSet), made.find((m) => m.name.startsWith('baton:main:'))?.richMenuId);
  const c2Menus = new Set(madeIn('c2').map((m) => m.richMenuId));
  const rows = await store.richMenus.liveInChannel('c');
  assert.ok(rows.length === 3 && rows.every((id) => !c2Menus.has(id)), 'the rows name the third account\'s menus');
});

test.run();
