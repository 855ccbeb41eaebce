/**
 * LINE both ways (docs/decisions.md): while the operator holding a conversation types, the customer sees LINE's
 * loading animation, asked for at most once per window; when that operator opens the thread (or claims it), the
 * customer's messages are marked read with the newest message's token, once. Nobody else's typing or looking, no waiting chat and no bot exchange ever calls either
 * endpoint, and LINE failing either call changes nothing for the operator. Real engine, real sockets, the real
 * SDK against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { JoinAnswer } from '../../engine/contracts/socket-events.ts';
import { RENEW_AFTER_MS } from '../../engine/services/chat/line-typing.service.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const LOADING = '/v2/bot/chat/loading/start';
const MARK_AS_READ = '/v2/bot/chat/markAsRead';
/** hands off to a human, in office hours or not (flows/support.flow.yaml) */
const ASK_FOR_HUMAN = 'agent please';

const ANN = 'U00000000000000000000000000000a01';
const BEN = 'U00000000000000000000000000000a02';
const CAT = 'U00000000000000000000000000000a03';
const DAN = 'U00000000000000000000000000000a04';

const clock = new TestClock();
let engine: TestEngine;
let nok: OperatorClient;
let pim: OperatorClient;
let sup: OperatorClient;
let ann: ConversationDto;
let cat: ConversationDto;
let barriers = 0;

/** posts the event and gives back the token LINE would mark it (and every earlier message) read with */
async function send(event: webhook.MessageEvent, on: TestEngine = engine): Promise<string> {
  assert.is((await on.postWebhook(on.fakeLine.webhookBody([event]))).status, 200);
  const token = event.message.type === 'text' ? event.message.markAsReadToken : undefined;
  if (!token) throw new Error('the fake gave the message no read token');
  return token;
}

async function signIn(on: TestEngine, name: string, role: 'operator' | 'supervisor' = 'operator'): Promise<OperatorClient> {
  const email = `${name.toLowerCase()}@example.com`;
  await addOperator(on.baton.store, { email, password: `${name}-password-1`, name, role, capacity: 5 });
  const client = await OperatorClient.signIn(on.baseUrl, email, `${name}-password-1`);
  await client.connect();
  return client;
}

function join(client: OperatorClient, id: string): Promise<JoinAnswer> {
  return new Promise((resolve) => client.socket?.emit('conversation:join', id, resolve));
}

/** opens the thread as the studio does when an operator clicks it: leave, then join its room */
async function open(client: OperatorClient, id: string): Promise<void> {
  client.socket?.emit('conversation:leave', id);
  assert.equal(await join(client, id), { ok: true });
}

function type(client: OperatorClient, id: string): void {
  client.socket?.emit('typing', { conversationId: id });
}

const chatIdsOf = (on: TestEngine) => on.fakeLine.callsTo(LOADING).map((c) => (c.body as { chatId: string }).chatId);
const tokensOf = (on: TestEngine) => on.fakeLine.callsTo(MARK_AS_READ).map((c) => (c.body as { markAsReadToken: string }).markAsReadToken);

/** a customer who asked for a human, and their waiting conversation as the operator sees it */
async function handoff(on: TestEngine, viewer: OperatorClient, userId: string): Promise<{ conversation: ConversationDto; token: string }> {
  const token = await send(on.fakeLine.textEvent(userId, ASK_FOR_HUMAN), on);
  const conversation = await viewer.waitForConversation((c) => c.customer.lineUserId === userId && c.status === 'WAITING', `${userId} waiting`);
  return { conversation, token };
}

async function claim(client: OperatorClient, id: string): Promise<void> {
  assert.is((await client.request('POST', `/api/conversations/${id}/claim`)).status, 200);
}

/**
 * Waits until LINE was asked to animate Cat's chat (Nok holds it) after Nok's typing, then lets Cat's window
 * pass. What the engine was told before this (on the same socket, or acknowledged on another) and did not call
 * LINE for by now, it never will.
 */
async function loadingBarrier({ thenLetWindowPass = true } = {}): Promise<void> {
  const before = chatIdsOf(engine).filter((id) => id === CAT).length;
  type(nok, cat.id);
  await waitFor(() => chatIdsOf(engine).filter((id) => id === CAT).length > before, "Cat's loading animation");
  if (thenLetWindowPass) clock.advance(RENEW_AFTER_MS);
}

/**
 * Waits until Cat's newest message was marked read when Nok (who holds her chat) opened it. A join another
 * socket had acknowledged before this began was checked before Nok's: had it marked anything read, that call
 * would be on record by now.
 */
async function readBarrier(): Promise<string> {
  const text = `still here ${++barriers}`;
  const token = await send(engine.fakeLine.textEvent(CAT, text));
  await nok.waitForMessage((m) => m.text === text, "Cat's message");
  await open(nok, cat.id);
  await waitFor(() => tokensOf(engine).includes(token), "Cat's messages marked read");
  return token;
}

test.before(async () => {
  engine = await startTestEngine({ now: clock.now });
  nok = await signIn(engine, 'Nok');
  pim = await signIn(engine, 'Pim');
  sup = await signIn(engine, 'Sue', 'supervisor');
  // the barrier conversation: Cat's, held by Nok
  cat = (await handoff(engine, nok, CAT)).conversation;
  await claim(nok, cat.id);
  await open(nok, cat.id);
  await loadingBarrier();
});

test.after(async () => {
  for (const client of [nok, pim, sup]) client?.close();
  await engine?.stop();
});

test('a bot-only exchange is never marked read and never animated', async () => {
  await send(engine.fakeLine.textEvent(BEN, 'hello'));
  await send(engine.fakeLine.textEvent(BEN, 'hi again'));
  await waitFor(() => engine.fakeLine.chat(BEN).filter((entry) => entry.from === 'account').length >= 2, "the bot's answers");
  await loadingBarrier();
  assert.not.ok(chatIdsOf(engine).includes(BEN));
  const customer = await engine.baton.store.customers.findByLineUserId(BEN);
  // the token is kept (it would be used if a person opened a chat with Ben), not spent by the bot
  assert.ok(customer?.mark_as_read_token, "Ben's newest read token is kept, unused");
  assert.not.ok(tokensOf(engine).includes(customer.mark_as_read_token ?? ''));
});

test('in a waiting chat, opening and typing call LINE for nothing', async () => {
  ({ conversation: ann } = await handoff(engine, nok, ANN));
  const reads = tokensOf(engine).length;
  await open(nok, ann.id);
  type(nok, ann.id);
  await loadingBarrier();
  assert.not.ok(chatIdsOf(engine).includes(ANN));
  const barrier = await readBarrier();
  assert.equal(tokensOf(engine).slice(reads), [barrier]);
});

test("claiming from the open thread marks the customer's messages read with the newest token, once", async () => {
  const newest = await send(engine.fakeLine.textEvent(ANN, 'is anyone there?'));
  await nok.waitForMessage((m) => m.text === 'is anyone there?', 'the second message');
  const reads = tokensOf(engine).length;
  await claim(nok, ann.id);
  await waitFor(() => tokensOf(engine).length > reads, 'a markAsRead call');
  assert.equal(tokensOf(engine).slice(reads), [newest]);
  const call = engine.fakeLine.callsTo(MARK_AS_READ).at(-1);
  assert.is(call?.status, 200, 'the fake LINE accepted the token');
});

test('the owner opening the thread marks what came since; opening it again with nothing new calls nothing', async () => {
  const first = await send(engine.fakeLine.textEvent(ANN, 'hello?'));
  const newest = await send(engine.fakeLine.textEvent(ANN, 'my order is late'));
  await nok.waitForMessage((m) => m.text === 'my order is late', 'the newest message');
  const reads = tokensOf(engine).length;
  await open(nok, ann.id);
  await waitFor(() => tokensOf(engine).length > reads, 'a markAsRead call');
  assert.equal(tokensOf(engine).slice(reads), [newest]);
  assert.not.ok(tokensOf(engine).includes(first), 'one call for both: the newest marks the earlier read too');
  // nothing new: the token was used
  await open(nok, ann.id);
  const again = await send(engine.fakeLine.textEvent(ANN, 'thanks'));
  await nok.waitForMessage((m) => m.text === 'thanks', 'the next message');
  await open(nok, ann.id);
  await waitFor(() => tokensOf(engine).includes(again), 'the next markAsRead');
  assert.is(tokensOf(engine).length, reads + 2);
});

test('a supervisor opening a thread they do not hold marks nothing read', async () => {
  const newest = await send(engine.fakeLine.textEvent(ANN, 'one more thing'));
  await sup.waitForMessage((m) => m.text === 'one more thing', 'the message, seen by the supervisor');
  const reads = tokensOf(engine).length;
  await open(sup, ann.id);
  const barrier = await readBarrier();
  assert.equal(tokensOf(engine).slice(reads), [barrier]);
  // the token is still there for the owner
  await open(nok, ann.id);
  await waitFor(() => tokensOf(engine).includes(newest), "the owner's markAsRead");
  assert.equal(tokensOf(engine).slice(reads), [barrier, newest]);
});

test('the owner typing shows the loading animation once per window, renewed while they keep typing', async () => {
  const before = chatIdsOf(engine).filter((id) => id === ANN).length;
  type(nok, ann.id);
  await waitFor(() => chatIdsOf(engine).filter((id) => id === ANN).length > before, "Ann's loading animation");
  const [call] = engine.fakeLine.callsTo(LOADING).filter((c) => (c.body as { chatId: string }).chatId === ANN).slice(before);
  const seconds = (call?.body as { loadingSeconds: number }).loadingSeconds;
  assert.ok(seconds >= 5 && seconds <= 60 && seconds % 5 === 0, `loadingSeconds ${seconds} is one LINE accepts`);
  assert.ok(seconds * 1000 > RENEW_AFTER_MS, 'renewed before it runs out');
  assert.is(call?.status, 202);
  // keystrokes until just before the window ends: no more calls (Cat's window, opened earlier, has passed)
  clock.advance(RENEW_AFTER_MS - 1_000);
  for (let i = 0; i < 5; i++) type(nok, ann.id);
  await loadingBarrier({ thenLetWindowPass: false });
  assert.is(chatIdsOf(engine).filter((id) => id === ANN).length, before + 1);
  // still typing once the window passed: renewed once
  clock.advance(1_000);
  type(nok, ann.id);
  await waitFor(() => chatIdsOf(engine).filter((id) => id === ANN).length > before + 1, 'the renewal');
  for (let i = 0; i < 5; i++) type(nok, ann.id);
  clock.advance(RENEW_AFTER_MS - 1_000);
  await loadingBarrier();
  assert.is(chatIdsOf(engine).filter((id) => id === ANN).length, before + 2);
});

test("someone else's typing in a conversation shows nothing to the customer", async () => {
  clock.advance(RENEW_AFTER_MS);
  const before = chatIdsOf(engine).filter((id) => id === ANN).length;
  type(sup, ann.id);
  // the supervisor's socket has handled the typing before it answers a later join
  assert.equal(await join(sup, ann.id), { ok: true });
  await waitFor(() => nok.typingSeen.some((t) => t.conversationId === ann.id && t.name === 'Sue'), "the owner hears the supervisor's typing");
  await loadingBarrier();
  assert.is(chatIdsOf(engine).filter((id) => id === ANN).length, before);
});

test('LINE answering 429 or 500 changes nothing for the operator; the 429 is honoured and the token kept', async () => {
  const { conversation: dan, token: asked } = await handoff(engine, pim, DAN);
  await claim(pim, dan.id);
  await waitFor(() => tokensOf(engine).includes(asked), 'the claim marking read');
  await open(pim, dan.id);
  await open(sup, dan.id);
  const newest = await send(engine.fakeLine.textEvent(DAN, 'hello there'));
  await pim.waitForMessage((m) => m.text === 'hello there', "Dan's message");

  engine.fakeLine.failNext(LOADING, { status: 429, retryAfterSeconds: 40 });
  clock.advance(RENEW_AFTER_MS);
  type(pim, dan.id);
  await waitFor(() => engine.fakeLine.callsTo(LOADING).some((c) => c.status === 429), 'the 429');
  // the typing still reaches the others in the room
  await waitFor(() => sup.typingSeen.some((t) => t.conversationId === dan.id && t.name === 'Pim'), 'the typing relayed');
  // within Retry-After: no call, even with the window passed and in another conversation
  clock.advance(RENEW_AFTER_MS);
  const during = engine.fakeLine.callsTo(LOADING).length;
  type(pim, dan.id);
  type(nok, ann.id);
  // each socket has handled its typing before it answers a later join (one it is refused: it opens nothing)
  assert.is((await join(nok, dan.id)).ok, false);
  assert.is((await join(pim, cat.id)).ok, false);
  // after it: called again
  clock.advance(40_000);
  await loadingBarrier();
  assert.is(engine.fakeLine.callsTo(LOADING).length, during + 1, 'only the barrier after Retry-After');

  engine.fakeLine.failNext(MARK_AS_READ, { status: 500 });
  const reads = engine.fakeLine.callsTo(MARK_AS_READ).length;
  await open(pim, dan.id);
  await waitFor(() => engine.fakeLine.callsTo(MARK_AS_READ).length > reads, 'the failing markAsRead');
  assert.is(engine.fakeLine.callsTo(MARK_AS_READ).at(-1)?.status, 500);
  // the operator reads and answers as usual
  const detail = await pim.request<{ messages: { text: string }[] }>('GET', `/api/conversations/${dan.id}`);
  assert.is(detail.status, 200);
  assert.ok(detail.body.messages.some((m) => m.text === 'hello there'));
  assert.is((await pim.request('POST', `/api/conversations/${dan.id}/messages`, { text: 'Hi Dan, looking now' })).status, 201);
  // the token was kept: once LINE is back, the next opening marks the messages read
  await waitFor(async () => (await engine.baton.store.customers.findByLineUserId(DAN))?.mark_as_read_token === newest, 'the token kept');
  clock.advance(RENEW_AFTER_MS);
  await open(pim, dan.id);
  await waitFor(() => engine.fakeLine.callsTo(MARK_AS_READ).length > reads + 1, 'the markAsRead retried');
  const last = engine.fakeLine.callsTo(MARK_AS_READ).at(-1);
  assert.is(last?.status, 200);
  assert.is((last?.body as { markAsReadToken: string }).markAsReadToken, newest);
});

test('BATON_LINE_MARK_AS_READ=off: opening and claiming mark nothing read; typing still animates', async () => {
  const off = await startTestEngine({ env: { BATON_LINE_MARK_AS_READ: 'off' } });
  const owner = await signIn(off, 'Oat');
  try {
    const { conversation } = await handoff(off, owner, ANN);
    await open(owner, conversation.id);
    await claim(owner, conversation.id);
    await send(off.fakeLine.textEvent(ANN, 'still there?'), off);
    await owner.waitForMessage((m) => m.text === 'still there?', 'the message');
    await open(owner, conversation.id);
    type(owner, conversation.id);
    await waitFor(() => chatIdsOf(off).includes(ANN), 'the loading animation');
    assert.is(off.fakeLine.callsTo(MARK_AS_READ).length, 0);
  } finally {
    owner.close();
    await off.stop();
  }
});

test('over the whole run, no call named a customer who only talked to the bot', () => {
  assert.not.ok(chatIdsOf(engine).includes(BEN));
  for (const call of [...engine.fakeLine.callsTo(LOADING), ...engine.fakeLine.callsTo(MARK_AS_READ)]) {
    assert.ok(call.status !== 400, `no call LINE refused: ${JSON.stringify(call.response)}`);
  }
});

test.run();
