/**
 * LINE group and room chats as conversations (docs/groups.md): a group is one conversation whose messages each
 * carry the member who wrote them; a handoff there queues the group and the operator's answer reaches the
 * group's id; a channel with group handoff off keeps groups with the bot; a room works the same, named by its
 * id; the account leaving closes the chat without a word; LINE's loading animation and read marks stay out of
 * groups. Real engine, real sockets, the real SDK against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationDetailResponse } from '../../engine/contracts/rest.ts';
import type { FakeChat } from '../../engine/line/sandbox/fake-line-platform.ts';
import { LEFT_GROUP } from '../../engine/services/chat/group-chat-events.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const GROUP_ID = 'C0000000000000000000000000000c001';
const QUIET_GROUP_ID = 'C0000000000000000000000000000c002';
const ROOM_ID = 'R0000000000000000000000000000d001';
const GROUP: FakeChat = { type: 'group', groupId: GROUP_ID };
const QUIET_GROUP: FakeChat = { type: 'group', groupId: QUIET_GROUP_ID };
const ROOM: FakeChat = { type: 'room', roomId: ROOM_ID };
const ANN = 'U00000000000000000000000000000b01';
const BEN = 'U00000000000000000000000000000b02';
const CAT = 'U00000000000000000000000000000b03';
/** a member LINE gives no profile for */
const EVE = 'U00000000000000000000000000000e0f';
/** a one-to-one customer: the barrier for calls that must not happen for the group */
const SOLO = 'U00000000000000000000000000000b09';

const LOADING = '/v2/bot/chat/loading/start';
const MARK_AS_READ = '/v2/bot/chat/markAsRead';

let engine: TestEngine;
let operator: OperatorClient;
let conversation: ConversationDto;

async function post(event: webhook.Event): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

const accountTexts = (chatId: string) => engine.fakeLine.chat(chatId).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');

async function messagesOf(id: string): Promise<MessageDto[]> {
  const detail = await operator.request<ConversationDetailResponse>('GET', `/api/conversations/${id}`);
  assert.is(detail.status, 200);
  return detail.body.messages;
}

/** as an admin does it in the studio (docs/channels.md) */
async function setGroupHandoff(on: boolean): Promise<void> {
  assert.is((await operator.request('PATCH', '/api/channels/default', { groupHandoff: on })).status, 200);
}

test.before(async () => {
  engine = await startTestEngine();
  engine.fakeLine.setGroupName(GROUP_ID, 'Shop friends');
  engine.fakeLine.setGroupName(QUIET_GROUP_ID, 'Quiet group');
  engine.fakeLine.setGroupMember(GROUP, ANN, 'Ann');
  engine.fakeLine.setGroupMember(GROUP, BEN, 'Ben');
  engine.fakeLine.setGroupMember(QUIET_GROUP, ANN, 'Ann');
  engine.fakeLine.setGroupMember(ROOM, CAT, 'Cat');
  engine.fakeLine.setProfile(SOLO, { displayName: 'Solo' });
  operator = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await operator.connect();
});

test.after(async () => {
  operator.close();
  await engine.stop();
});

test('the account joining a group makes the group one customer, named by LINE', async () => {
  await post(engine.fakeLine.joinEvent(GROUP));
  const customer = await waitFor(() => engine.baton.store.customers.findByLineUserId(GROUP_ID), 'the group as a customer');
  assert.is(customer.source_type, 'group');
  assert.is(customer.display_name, 'Shop friends');
  assert.is(engine.fakeLine.callsTo(`/v2/bot/group/${GROUP_ID}/summary`).length, 1);
});

test('two members write: the bot answers the group, each message keeps who wrote it', async () => {
  await post(engine.fakeLine.textEvent(ANN, 'hello', { chat: GROUP }));
  await waitFor(() => accountTexts(GROUP_ID).some((t) => /^Hello Shop friends!/.test(t)), "the bot's answer in the group");
  await post(engine.fakeLine.textEvent(BEN, 'hi there', { chat: GROUP }));
  await waitFor(() => accountTexts(GROUP_ID).length >= 2, "the bot's second answer in the group");
  const customer = await engine.baton.store.customers.findByLineUserId(GROUP_ID);
  const stored = await engine.baton.store.messages.listByCustomer(customer?.id ?? '');
  const inbound = stored.filter((m) => m.direction === 'in').map((m) => [m.text, m.sender_name, m.sender_line_user_id]);
  assert.equal(inbound, [['hello', 'Ann', ANN], ['hi there', 'Ben', BEN]]);
  assert.is(await engine.baton.store.customers.findByLineUserId(ANN), undefined, 'a member is no customer of their own');
});

test('a handoff queues the group as one conversation, with every member\'s name on their messages', async () => {
  await post(engine.fakeLine.textEvent(ANN, 'agent please', { chat: GROUP }));
  conversation = await operator.waitForConversation((c) => c.customer.lineUserId === GROUP_ID && c.status === 'WAITING', 'the group waiting');
  assert.is(conversation.source, 'group');
  assert.is(conversation.customer.displayName, 'Shop friends');
  await post(engine.fakeLine.textEvent(BEN, 'me too', { chat: GROUP }));
  await post(engine.fakeLine.textEvent(EVE, 'and me', { chat: GROUP }));
  await operator.waitForMessage((m) => m.text === 'and me', "Eve's message");
  const inbound = (await messagesOf(conversation.id)).filter((m) => m.direction === 'in').map((m) => [m.text, m.senderName]);
  assert.equal(inbound, [['agent please', 'Ann'], ['me too', 'Ben'], ['and me', 'Member …0e0f']]);
  const list = await operator.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
  assert.equal(list.body.conversations.filter((c) => c.customer.lineUserId === GROUP_ID).map((c) => c.id), [conversation.id], 'one conversation for the group');
});

test("the operator's answer reaches the group's id at LINE", async () => {
  assert.is((await operator.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  assert.is((await operator.request('POST', `/api/conversations/${conversation.id}/messages`, { text: 'Hello everyone, Nok here' })).status, 201);
  await waitFor(() => accountTexts(GROUP_ID).includes('Hello everyone, Nok here'), "the operator's answer in the group");
  const pushedTo = engine.fakeLine.callsTo('/v2/bot/message/push').map((c) => (c.body as { to: string }).to);
  assert.not.ok(pushedTo.some((to) => to === ANN || to === BEN || to === EVE), 'nothing goes to a member alone');
});

test('members coming and going are lines in the thread, named', async () => {
  engine.fakeLine.setGroupMember(GROUP, CAT, 'Cat');
  await post(engine.fakeLine.memberJoinedEvent(GROUP, [CAT]));
  await operator.waitForMessage((m) => m.text === 'Cat joined the group' && m.senderKind === 'system', 'the joined line');
  await post(engine.fakeLine.memberLeftEvent(GROUP, [BEN]));
  await operator.waitForMessage((m) => m.text === 'Ben left the group', 'the left line');
  const lines = (await messagesOf(conversation.id)).filter((m) => m.direction === 'note').map((m) => m.text);
  assert.equal(lines, ['Cat joined the group', 'Ben left the group']);
});

test('no loading animation and no read mark in a group', async () => {
  const customer = await engine.baton.store.customers.findByLineUserId(GROUP_ID);
  assert.is(customer?.mark_as_read_token, null, 'no read token is kept for a group');
  // a one-to-one chat the operator also holds: its loading call is the barrier for the group's typing
  const soloEvent = engine.fakeLine.textEvent(SOLO, 'agent please');
  await post(soloEvent);
  const solo = await operator.waitForConversation((c) => c.customer.lineUserId === SOLO && c.status === 'WAITING', 'the solo chat waiting');
  assert.is((await operator.request('POST', `/api/conversations/${solo.id}/claim`)).status, 200);
  for (const id of [conversation.id, solo.id]) await new Promise<void>((resolve) => operator.socket?.emit('conversation:join', id, () => resolve()));
  operator.socket?.emit('typing', { conversationId: conversation.id });
  operator.socket?.emit('typing', { conversationId: solo.id });
  await waitFor(() => engine.fakeLine.callsTo(LOADING).some((c) => (c.body as { chatId: string }).chatId === SOLO), 'the solo loading call');
  assert.equal(engine.fakeLine.callsTo(LOADING).map((c) => (c.body as { chatId: string }).chatId), [SOLO]);
  const soloToken = soloEvent.message.type === 'text' ? soloEvent.message.markAsReadToken : undefined;
  const marked = engine.fakeLine.callsTo(MARK_AS_READ).map((c) => (c.body as { markAsReadToken: string }).markAsReadToken);
  assert.ok(marked.every((token) => token === soloToken), 'only the one-to-one chat is marked read');
});

test('with group handoff off, the same words keep a group with the bot', async () => {
  await setGroupHandoff(false);
  try {
    await post(engine.fakeLine.textEvent(ANN, 'agent please', { chat: QUIET_GROUP }));
    // the group's events run in order: once "hello" is answered, the handoff words were handled
    await post(engine.fakeLine.textEvent(ANN, 'hello', { chat: QUIET_GROUP }));
    await waitFor(() => accountTexts(QUIET_GROUP_ID).some((t) => /^Hello Quiet group!/.test(t)), "the bot's answer");
    const customer = await engine.baton.store.customers.findByLineUserId(QUIET_GROUP_ID);
    assert.is(customer?.mode, 'BOT');
    assert.is(await engine.baton.store.conversations.findOpenByCustomer(customer?.id ?? ''), undefined, 'nothing queued');
    assert.equal(accountTexts(QUIET_GROUP_ID).filter((t) => /queue|open again/.test(t)), [], 'no word of a human');
  } finally {
    await setGroupHandoff(true);
  }
});

test('a room is a conversation too, named by its id, with its members\' names', async () => {
  await post(engine.fakeLine.textEvent(CAT, 'hello', { chat: ROOM }));
  await waitFor(() => accountTexts(ROOM_ID).length === 1, "the bot's answer in the room");
  await post(engine.fakeLine.textEvent(CAT, 'agent please', { chat: ROOM }));
  const room = await operator.waitForConversation((c) => c.customer.lineUserId === ROOM_ID && c.status === 'WAITING', 'the room waiting');
  assert.is(room.source, 'room');
  assert.is(room.customer.displayName, 'Room …d001');
  assert.equal((await messagesOf(room.id)).filter((m) => m.direction === 'in').map((m) => m.senderName), ['Cat']);
  assert.is(engine.fakeLine.callsTo(`/v2/bot/room/${ROOM_ID}/member/${CAT}`).length, 1, 'asked once, then kept');
});

test('the account removed from the group closes its conversation, with no survey and no push', async () => {
  const customer = await engine.baton.store.customers.findByLineUserId(GROUP_ID);
  const outBefore = (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).filter((m) => m.direction === 'out').length;
  const pushesToGroup = () => engine.fakeLine.callsTo('/v2/bot/message/push').filter((c) => (c.body as { to: string }).to === GROUP_ID).length;
  const pushesBefore = pushesToGroup();
  await post(engine.fakeLine.leaveEvent(GROUP));
  const closed = await operator.waitForConversation((c) => c.id === conversation.id && c.status === 'CLOSED', 'the group closed');
  assert.is(closed.closeReason, LEFT_GROUP);
  const outAfter = (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).filter((m) => m.direction === 'out').length;
  assert.is(outAfter, outBefore, 'nothing written to send');
  assert.is(pushesToGroup(), pushesBefore);
  const after = await engine.baton.store.customers.findByLineUserId(GROUP_ID);
  assert.is(after?.mode, 'BOT');
});

test.run();
