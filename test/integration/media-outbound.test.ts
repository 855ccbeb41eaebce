/**
 * Images and stickers operators send (docs/media.md): an operator uploads a PNG for a conversation they hold
 * and sends it; LINE (the fake) gets an image message whose two URLs, public and signed, answer with the same
 * bytes without any token, until they expire; a changed link is refused. A sticker of the sendable set goes
 * out as a sticker message; one outside it, a file, a too-big image and another operator's conversation are
 * refused with clear errors. Real engine against the fake LINE; SQLite or Postgres by BATON_TEST_DB.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { AttachmentResponse } from '../../engine/contracts/rest.ts';
import { SAMPLE_PNG } from '../../engine/line/sandbox/message-contents.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const ASK_FOR_HUMAN = 'agent please';
const ANN = 'U00000000000000000000000000000c01';
/** where LINE would fetch the images: the engine's public URL (the test reaches the same paths at baseUrl) */
const PUBLIC_URL = 'https://baton.example.com';
const DAY = 24 * 60 * 60 * 1000;

const clock = new TestClock();
let engine: TestEngine;
let nok: OperatorClient;
let pim: OperatorClient;
let conversation: ConversationDto;

async function signIn(name: string): Promise<OperatorClient> {
  const email = `${name.toLowerCase()}@example.com`;
  await addOperator(engine.baton.store, { email, password: `${name}-password-1`, name, role: 'operator', capacity: 5 });
  return OperatorClient.signIn(engine.baseUrl, email, `${name}-password-1`);
}

async function upload(client: OperatorClient, conversationId: string, bytes: Uint8Array, contentType = 'image/png'): Promise<{ status: number; body: AttachmentResponse & { error?: { code: string; message: string } } }> {
  const response = await fetch(`${engine.baseUrl}/api/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': contentType },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as AttachmentResponse & { error?: { code: string; message: string } } };
}

/** the URL LINE was given, fetched at the engine (its public host stands for the engine's address) */
function fetchAsLine(url: string): Promise<Response> {
  assert.ok(url.startsWith(`${PUBLIC_URL}/api/public-media/`), url);
  return fetch(`${engine.baseUrl}${url.slice(PUBLIC_URL.length)}`);
}

const sentToAnn = () => engine.fakeLine.chat(ANN).filter((e) => e.from === 'account').map((e) => e.message);

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_PUBLIC_URL: PUBLIC_URL }, now: clock.now });
  nok = await signIn('Nok');
  pim = await signIn('Pim');
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(ANN, ASK_FOR_HUMAN)]))).status, 200);
  conversation = await waitFor(async () => {
    const list = await nok.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return list.body.conversations.find((c) => c.customer.lineUserId === ANN);
  }, "Ann's conversation");
  assert.is((await nok.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
});

test.after(async () => {
  await engine?.stop();
});

let imageUrl = '';

test('an operator uploads a PNG and sends it: LINE gets an image message whose URLs answer with the bytes, and the thread shows it', async () => {
  const uploaded = await upload(nok, conversation.id, SAMPLE_PNG);
  assert.is(uploaded.status, 201);
  assert.is(uploaded.body.attachment.contentType, 'image/png');
  assert.is(uploaded.body.attachment.size, SAMPLE_PNG.length);

  const sent = await nok.request<{ message: MessageDto }>('POST', `/api/conversations/${conversation.id}/messages`, { image: { attachmentId: uploaded.body.attachment.id } });
  assert.is(sent.status, 201);
  assert.is(sent.body.message.type, 'image');

  const image = await waitFor(async () => sentToAnn().find((m) => m.type === 'image'), 'the image at LINE');
  const original = String(image.originalContentUrl);
  const preview = String(image.previewImageUrl);
  imageUrl = original;
  for (const url of [original, preview]) {
    const response = await fetchAsLine(url);
    assert.is(response.status, 200, url);
    assert.is(response.headers.get('content-type'), 'image/png');
    assert.equal(Buffer.from(await response.arrayBuffer()), Buffer.from(SAMPLE_PNG));
  }

  // the operator's thread shows the image from Baton's own storage, through the token-guarded media URL
  const thread = await nok.request<{ messages: MessageDto[] }>('GET', `/api/conversations/${conversation.id}`);
  const shown = thread.body.messages.find((m) => m.id === sent.body.message.id);
  assert.is(shown?.direction, 'out');
  assert.is(shown?.media?.contentType, 'image/png');
  const bytes = await fetch(shown?.media?.url ?? '', { headers: { authorization: `Bearer ${nok.token}` } });
  assert.is(bytes.status, 200);
  assert.equal(Buffer.from(await bytes.arrayBuffer()), Buffer.from(SAMPLE_PNG));
});

test('a link with its signature, expiry or file changed is refused', async () => {
  const url = new URL(imageUrl);
  const tampered = [
    `${url.origin}${url.pathname}?expires=${Number(url.searchParams.get('expires')) + 86_400}&signature=${url.searchParams.get('signature')}`,
    `${url.origin}${url.pathname}?expires=${url.searchParams.get('expires')}&signature=${'A'.repeat(43)}`,
    `${url.origin}${url.pathname.replace('.png', '.jpg')}${url.search}`,
    `${url.origin}${url.pathname}`,
  ];
  for (const link of tampered) assert.is((await fetchAsLine(link)).status, 404, link);
});

test('a sticker of the sendable set goes to LINE as a sticker message; one outside the set is refused', async () => {
  const sent = await nok.request<{ message: MessageDto }>('POST', `/api/conversations/${conversation.id}/messages`, { sticker: { packageId: '446', stickerId: '1988' } });
  assert.is(sent.status, 201);
  assert.is(sent.body.message.type, 'sticker');
  const sticker = await waitFor(async () => sentToAnn().find((m) => m.type === 'sticker'), 'the sticker at LINE');
  assert.is(sticker.packageId, '446');
  assert.is(sticker.stickerId, '1988');

  const refused = await nok.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/messages`, { sticker: { packageId: '1', stickerId: '1' } });
  assert.is(refused.status, 400);
  assert.is(refused.body.error.code, 'sticker_not_sendable');
});

test('a file that is not a JPEG or PNG is refused with 415, an image over 10 MB with 413', async () => {
  const pdf = Buffer.from('%PDF-1.7\n%fake pdf for the test\n');
  const wrongType = await upload(nok, conversation.id, pdf, 'image/png');
  assert.is(wrongType.status, 415);
  assert.is(wrongType.body.error?.code, 'unsupported_media_type');
  assert.match(wrongType.body.error?.message ?? '', /JPEG or PNG/);

  const huge = Buffer.concat([Buffer.from(SAMPLE_PNG), Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await upload(nok, conversation.id, huge);
  assert.is(tooBig.status, 413);
  assert.is(tooBig.body.error?.code, 'attachment_too_large');
});

test('an image over 1 MB needs a preview of at most 1 MB, as LINE shows one in the chat', async () => {
  const large = await upload(nok, conversation.id, Buffer.concat([Buffer.from(SAMPLE_PNG), Buffer.alloc(1024 * 1024)]));
  assert.is(large.status, 201);
  const alone = await nok.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/messages`, { image: { attachmentId: large.body.attachment.id } });
  assert.is(alone.status, 413);
  assert.is(alone.body.error.code, 'preview_too_large');

  const small = await upload(nok, conversation.id, SAMPLE_PNG);
  const before = sentToAnn().filter((m) => m.type === 'image').length;
  const sent = await nok.request('POST', `/api/conversations/${conversation.id}/messages`, { image: { attachmentId: large.body.attachment.id, previewAttachmentId: small.body.attachment.id } });
  assert.is(sent.status, 201);
  const image = await waitFor(async () => sentToAnn().filter((m) => m.type === 'image')[before], 'the large image at LINE');
  assert.is(Number((await fetchAsLine(String(image.originalContentUrl))).headers.get('content-length')), large.body.attachment.size);
  assert.is(Number((await fetchAsLine(String(image.previewImageUrl))).headers.get('content-length')), SAMPLE_PNG.length);
});

test("another operator can neither upload to nor send an image in someone else's conversation", async () => {
  assert.is((await upload(pim, conversation.id, SAMPLE_PNG)).status, 403);
  const nokUpload = await upload(nok, conversation.id, SAMPLE_PNG);
  const sent = await pim.request('POST', `/api/conversations/${conversation.id}/messages`, { image: { attachmentId: nokUpload.body.attachment.id } });
  assert.is(sent.status, 403);
  const forged = await nok.request<{ error: { code: string } }>('POST', `/api/conversations/${conversation.id}/messages`, { image: { attachmentId: `${nokUpload.body.attachment.id}x` } });
  assert.is(forged.status, 400);
  assert.is(forged.body.error.code, 'unknown_attachment');
});

test('the links LINE was given stop working after 14 days', async () => {
  assert.is((await fetchAsLine(imageUrl)).status, 200);
  clock.advance(15 * DAY);
  assert.is((await fetchAsLine(imageUrl)).status, 404);
});

test.run();
