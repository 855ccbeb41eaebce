/**
 * Rich menus that follow the conversation (issue #16): the flow's menus are made once at the fake LINE
 * (images uploaded, the bot's menu the default), a customer's menu is linked on handoff (the queue's
 * menu), on claim (the chat's) and unlinked on close (back to the default); a link LINE fails is
 * retried; a second engine on the same database makes no menu again. SQLite and Postgres.
 */
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const flowsDir = path.join(repoRoot, 'test/fixtures/flow-sets/rich-menus');
let database: TestDatabase;
let engine: TestEngine;
let ann: OperatorClient;

let users = 0;
const newUser = () => `U${String(++users).padStart(32, 'e')}`;

const created = () => engine.fakeLine.callsTo('/v2/bot/richmenu').filter((call) => call.method === 'POST' && call.status === 200);
/** the chat bar text of the menu the customer sees, and whether it is linked to them (not the default) */
const seen = (user: string) => {
  const menu = engine.fakeLine.richMenuOf(user);
  return menu ? `${menu.menu.chatBarText}${menu.linked ? '' : ' (default)'}` : 'none';
};
const menuNamed = (id: string) => engine.fakeLine.richMenus.list().find((menu) => menu.name.startsWith(`baton:${id}:`));

async function say(user: string, text: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
}

async function waitingOf(user: string): Promise<ConversationDto> {
  return waitFor(async () => (await ann.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === user), 'the customer waiting');
}

test.before(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine({ database, env: { BATON_FLOWS_DIR: flowsDir } });
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' });
  ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
});

test.after(async () => {
  ann.close();
  await engine.stop();
  await database.drop();
});

test("the flow's menus are made once at LINE with their images, and the bot's menu is everyone's default", async () => {
  await waitFor(() => engine.fakeLine.richMenus.list().length === 3 || undefined, 'three menus at LINE');
  await waitFor(() => seen(newUser()) === 'Menu (default)' || undefined, "the bot's menu as the default");
  assert.is(created().length, 3);
  for (const id of ['main', 'queue', 'chat']) {
    const menu = menuNamed(id);
    assert.ok(menu, `menu ${id} at LINE`);
    assert.is(engine.fakeLine.richMenus.image(menu.richMenuId)?.contentType, 'image/png');
  }
  const chat = menuNamed('chat');
  assert.equal(chat?.size, { width: 2500, height: 843 });
  assert.is(chat?.selected, false);
  assert.equal(chat?.areas.map((area) => area.action), [{ type: 'uri', uri: 'https://example.com/help' }, { type: 'message', text: 'back to bot' }]);
  assert.equal(menuNamed('main')?.areas[0]?.action, { type: 'postback', data: 'action=handoff', displayText: 'Talk to us' });
});

test('a handoff links the queue menu, a claim the chat menu, and the close unlinks it (the default shows again)', async () => {
  const user = newUser();
  await say(user, 'agent please');
  await waitFor(() => seen(user) === 'In the queue' || undefined, 'the queue menu linked on handoff');
  const waiting = await waitingOf(user);
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  await waitFor(() => seen(user) === 'Chat' || undefined, 'the chat menu linked on claim');
  assert.is((await ann.request('POST', `/api/conversations/${waiting.id}/close`, { reason: 'Resolved' })).status, 200);
  await waitFor(() => seen(user) === 'Menu (default)' || undefined, 'the menu unlinked on close');
  const unlinks = engine.fakeLine.callsTo(`/v2/bot/user/${user}/richmenu`).filter((call) => call.method === 'DELETE');
  assert.is(unlinks.length, 1);
  assert.is(unlinks[0]?.status, 200);
  // linked once per state, though the conversation was updated more often than that
  const links = engine.fakeLine.calls.filter((call) => call.method === 'POST' && call.path.startsWith(`/v2/bot/user/${user}/richmenu/`));
  assert.is(links.length, 2);
});

test('a link LINE fails (500, then 429) is retried until the menu is linked', async () => {
  const user = newUser();
  const queueMenu = menuNamed('queue');
  assert.ok(queueMenu);
  const linkPath = `/v2/bot/user/${user}/richmenu/${queueMenu.richMenuId}`;
  engine.fakeLine.failNext(linkPath, { status: 500 });
  engine.fakeLine.failNext(linkPath, { status: 429 });
  await say(user, 'agent');
  await waitFor(() => seen(user) === 'In the queue' || undefined, 'the queue menu linked after the failures', 15_000);
  assert.equal(engine.fakeLine.callsTo(linkPath).map((call) => call.status), [500, 429, 200]);
});

test('another engine on the same database makes no menu again', async () => {
  const defaults = () => engine.fakeLine.calls.filter((call) => call.path.startsWith('/v2/bot/user/all/richmenu/')).length;
  const before = defaults();
  const second = await startTestEngine({ database, line: engine.line, env: { BATON_FLOWS_DIR: flowsDir } });
  try {
    // it sets the default once it has the menus: by then it made any it would make
    await waitFor(() => defaults() > before || undefined, "the second engine's sync");
    assert.is(created().length, 3);
    assert.is(engine.fakeLine.richMenus.list().length, 3);
  } finally {
    await second.stop();
  }
});

test.run();
