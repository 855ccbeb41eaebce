/**
 * Media the customers send (docs/media.md): an image, video, audio or file is fetched from LINE's content API
 * (the fake's) after the webhook is answered, kept in the engine's media folder, and served at the `url` of
 * its message's `media` in GET /api/conversations/:id to signed-in users who may read the conversation only.
 * Content LINE no longer has is marked expired; a failed download is retried; a download that hangs delays
 * neither the webhook's answer nor the next message; an unsent message loses its words and its media. Real
 * engine, the real SDK's blob client against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import type { webhook } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import { SAMPLE_PNG } from '../../engine/line/sandbox/message-contents.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

/** hands off to a human, in office hours or not (flows/support.flow.yaml) */
const ASK_FOR_HUMAN = 'agent please';
const ANN = 'U00000000000000000000000000000b01';
const BEN = 'U00000000000000000000000000000b02';
const contentPath = (lineMessageId: string) => `/v2/bot/message/${lineMessageId}/content`;

let engine: TestEngine;
let nok: OperatorClient;
let pim: OperatorClient;
let admin: OperatorClient;
let annConversation: ConversationDto;

async function signIn(name: string): Promise<OperatorClient> {
  const email = `${name.toLowerCase()}@example.com`;
  await addOperator(engine.baton.store, { email, password: `${name}-password-1`, name, role: 'operator', capacity: 5 });
  return OperatorClient.signIn(engine.baseUrl, email, `${name}-password-1`);
}

async function post(event: webhook.Event): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

function lineIdOf(event: webhook.MessageEvent): string {
  return event.message.id;
}

async function thread(client: OperatorClient, conversationId: string): Promise<MessageDto[]> {
  const answer = await client.request<{ messages: MessageDto[] }>('GET', `/api/conversations/${conversationId}`);
  assert.is(answer.status, 200);
  return answer.body.messages;
}

/** the message LINE knows as `lineMessageId` in the conversation, once `ready` holds for it */
async function messageByLineId(conversationId: string, lineMessageId: string, ready: (m: MessageDto) => boolean, what: string): Promise<MessageDto> {
  return waitFor(async () => {
    const found = (await thread(nok, conversationId)).find((m) => (m.payload as { id?: string } | null)?.id === lineMessageId);
    return found && ready(found) ? found : undefined;
  }, what, 20_000);
}

const get = (url: string, token?: string) => fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

test.before(async () => {
  // a short LINE timeout: the hanging download of one test is given up within a second
  engine = await startTestEngine({ env: { LINE_TIMEOUT_MS: '1000' } });
  nok = await signIn('Nok');
  pim = await signIn('Pim');
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await post(engine.fakeLine.textEvent(ANN, ASK_FOR_HUMAN));
  annConversation = await waitFor(async () => {
    const list = await nok.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return list.body.conversations.find((c) => c.customer.lineUserId === ANN);
  }, "Ann's conversation");
  assert.is((await nok.request('POST', `/api/conversations/${annConversation.id}/claim`)).status, 200);
});

test.after(async () => {
  await engine?.stop();
});

test('an image the customer sends is fetched from LINE and its url serves the same bytes to signed-in users only', async () => {
  const event = engine.fakeLine.mediaEvent(ANN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  await post(event);
  const message = await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.media !== undefined, 'the image fetched');
  assert.is(message.type, 'image');
  const media = message.media;
  if (!media) throw new Error('no media');
  assert.equal({ contentType: media.contentType, size: media.size }, { contentType: 'image/png', size: SAMPLE_PNG.length });
  assert.match(media.url, new RegExp(`^${engine.baseUrl}/api/media/${message.id}$`));

  const answer = await get(media.url, nok.token);
  assert.is(answer.status, 200);
  assert.is(answer.headers.get('content-type'), 'image/png');
  assert.is(answer.headers.get('content-length'), String(SAMPLE_PNG.length));
  assert.match(answer.headers.get('cache-control') ?? '', /private/);
  assert.is(answer.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(Buffer.from(await answer.arrayBuffer()).equals(SAMPLE_PNG));

  assert.is((await get(media.url)).status, 401, 'anonymous');
  assert.is((await get(media.url, 'not-a-token')).status, 401, 'a made-up token');
  assert.is((await get(media.url, pim.token)).status, 403, "another operator: the conversation is Nok's");
  assert.is((await get(media.url, admin.token)).status, 200, 'an admin oversees every conversation');
  // fetched once, with the channel's token
  assert.is(engine.fakeLine.callsTo(contentPath(lineIdOf(event))).length, 1);
});

test('the thread says content LINE no longer has is expired, and its url answers 404', async () => {
  const event = engine.fakeLine.mediaEvent(ANN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  engine.fakeLine.expireContent(lineIdOf(event));
  await post(event);
  const message = await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.mediaState === 'expired', 'the image marked expired');
  assert.is(message.media, undefined);
  const answer = await nok.request<{ error: { code: string } }>('GET', `/api/media/${message.id}`);
  assert.equal({ status: answer.status, code: answer.body.error.code }, { status: 404, code: 'media_expired' });
});

test('a download LINE fails is tried again and then kept', async () => {
  const event = engine.fakeLine.mediaEvent(ANN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  engine.fakeLine.failNext(contentPath(lineIdOf(event)), { status: 500 });
  await post(event);
  const message = await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.media !== undefined, 'the image fetched on the second attempt');
  assert.is(message.media?.size, SAMPLE_PNG.length);
  assert.equal(engine.fakeLine.callsTo(contentPath(lineIdOf(event))).map((c) => c.status), [500, 200]);
});

test('a download that hangs delays neither the webhook answer nor the messages after it', async () => {
  const event = engine.fakeLine.mediaEvent(ANN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  // LINE answers this download after a minute: far longer than anything in this test may wait
  engine.fakeLine.failNext(contentPath(lineIdOf(event)), { status: 200, delayMs: 60_000 });
  await post(event);
  await waitFor(() => engine.fakeLine.inFlight(contentPath(lineIdOf(event))) === 1, 'the download under way');
  const next = engine.fakeLine.textEvent(ANN, 'did you get my photo?');
  await post(next);
  const texts = await waitFor(async () => {
    const messages = await thread(nok, annConversation.id);
    return messages.some((m) => m.text === 'did you get my photo?') ? messages : undefined;
  }, 'the text after the image stored');
  const image = texts.find((m) => (m.payload as { id?: string } | null)?.id === lineIdOf(event));
  assert.is(image?.mediaState, 'fetching', 'the image waits for its download, the text did not');
  // the hung attempt is given up (LINE_TIMEOUT_MS) and the next one gets the bytes
  await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.media !== undefined, 'the image fetched after the hang');
});

test('a file is served as a download under a safe name, with its sniffed type', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% a tiny quote\n');
  const event = engine.fakeLine.mediaEvent(ANN, 'file', { data: pdf, contentType: 'application/octet-stream' }, { fileName: 'quote "Q1"/ใบเสนอราคา.pdf' });
  await post(event);
  const message = await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.media !== undefined, 'the file fetched');
  assert.equal({ contentType: message.media?.contentType, size: message.media?.size }, { contentType: 'application/pdf', size: pdf.length });
  const answer = await get(message.media?.url ?? '', nok.token);
  assert.is(answer.status, 200);
  const disposition = answer.headers.get('content-disposition') ?? '';
  assert.match(disposition, /^attachment; filename="quote _Q1__[_]+\.pdf"; filename\*=UTF-8''quote%20_Q1__/);
  assert.ok(Buffer.from(await answer.arrayBuffer()).equals(pdf));
});

test('an unsent message loses its words and its media; the thread keeps its place', async () => {
  const event = engine.fakeLine.mediaEvent(ANN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  await post(event);
  const fetched = await messageByLineId(annConversation.id, lineIdOf(event), (m) => m.media !== undefined, 'the image fetched');
  await post(engine.fakeLine.unsendEvent(ANN, lineIdOf(event)));
  const unsent = await waitFor(async () => (await thread(nok, annConversation.id)).find((m) => m.id === fetched.id && m.unsent), 'the image unsent');
  assert.equal({ text: unsent.text, payload: unsent.payload, media: unsent.media }, { text: '', payload: null, media: undefined });
  const answer = await nok.request<{ error: { code: string } }>('GET', `/api/media/${fetched.id}`);
  assert.equal({ status: answer.status, code: answer.body.error.code }, { status: 404, code: 'media_unsent' });
});

test('stickers and locations have no content to fetch; a bot exchange image is for supervisors and admins', async () => {
  const sticker = engine.fakeLine.stickerEvent(ANN, '446', '1988');
  const place = engine.fakeLine.locationEvent(ANN, { title: 'Siam Paragon', latitude: 13.7462, longitude: 100.5347 });
  await post(sticker);
  await post(place);
  const messages = await waitFor(async () => {
    const all = await thread(nok, annConversation.id);
    return all.some((m) => m.type === 'location') && all.some((m) => m.type === 'sticker') ? all : undefined;
  }, 'the sticker and the location');
  for (const m of messages.filter((x) => x.type === 'sticker' || x.type === 'location')) {
    assert.equal({ media: m.media, mediaState: m.mediaState }, { media: undefined, mediaState: undefined });
  }
  assert.is(engine.fakeLine.callsTo(contentPath(lineIdOf(sticker))).length, 0);

  // Ben never asked for a human: his photo belongs to no conversation
  const photo = engine.fakeLine.mediaEvent(BEN, 'image', { data: SAMPLE_PNG, contentType: 'image/png' });
  await post(photo);
  await waitFor(() => engine.fakeLine.callsTo(contentPath(lineIdOf(photo))).some((c) => c.status === 200), "Ben's photo downloaded");
  const row = await waitFor(async () => {
    const media = await engine.baton.store.media.forMessages(await idsOfLineMessage(lineIdOf(photo)));
    return media.find((m) => m.status === 'stored');
  }, "Ben's photo stored");
  assert.is((await get(`${engine.baseUrl}/api/media/${row.message_id}`, nok.token)).status, 403);
  assert.is((await get(`${engine.baseUrl}/api/media/${row.message_id}`, admin.token)).status, 200);
  assert.is((await get(`${engine.baseUrl}/api/media/99999999`, admin.token)).status, 404);
  assert.is((await get(`${engine.baseUrl}/api/media/not-an-id`, admin.token)).status, 404);
});

test('two engines claiming at once never take the same fetch', async () => {
  const { store } = engine.baton;
  const ids = (await store.messages.listByConversation(annConversation.id)).filter((m) => m.type === 'text').map((m) => m.id);
  assert.ok(ids.length >= 2, 'messages to hang fetches on');
  // due only at a time of the test's choosing: the engine's own fetcher, on real time, leaves them alone
  const later = Date.now() + 24 * 3600_000;
  await store.media.enqueue(ids.map((id) => ({ message_id: id, line_message_id: `claim-${id}`, kind: 'image' as const, created_at: later })));
  const [a, b] = await Promise.all([store.media.claimDue('engine-a', later, 60_000, ids.length), store.media.claimDue('engine-b', later, 60_000, ids.length)]);
  const claimed = [...(a ?? []), ...(b ?? [])].map((row) => row.message_id).sort((x, y) => x - y);
  assert.equal(claimed, [...ids].sort((x, y) => x - y), 'each once, by one of them');
  assert.equal(await store.media.claimDue('engine-c', later, 60_000, ids.length), [], 'held under their leases');
});

async function idsOfLineMessage(lineMessageId: string): Promise<number[]> {
  const rows = await engine.baton.store.messages.listByCustomer((await engine.baton.store.customers.findByLineUserIds([BEN]))[0]?.id ?? '');
  return rows.filter((m) => m.line_message_id === lineMessageId).map((m) => m.id);
}

test.run();
