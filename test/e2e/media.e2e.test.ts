/**
 * Media in the inbox, in headless Chromium (docs/media.md): a customer sends a photo, a sticker, a location and
 * a message they then unsend, over the sandbox's fake LINE. The operator holding the chat sees the photo as a
 * thumbnail (fetched from LINE's content API by the engine, then by the studio with its token), the sticker
 * as the sticker, the location as an OpenStreetMap link, and "The customer unsent a message" in place of the
 * words taken back. The photo's URL fetched without a token is refused.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { webhook } from '@line/bot-sdk';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import { SAMPLE_PNG } from '../../engine/line/sandbox/message-contents.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000e16a01';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
const started = studioForSuite(test);
let nokApi: OperatorClient;

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
});

async function customerSends(event: webhook.Event): Promise<void> {
  const { engine } = started();
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

test('the photo shows in the thread, the sticker as a sticker, the location as a map link, an unsent message as a note', async () => {
  const { fakeLine } = started().engine;
  await customerSends(fakeLine.textEvent(USER, 'agent please'));
  const conversation = await waitFor(async () => {
    const { body } = await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === USER);
  }, 'the customer waiting');
  assert.is((await nokApi.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);

  const page = await signIn(started().browser, started().engine, nok);
  // the sticker CDN is LINE's, out on the internet: answered here with a picture of our own
  await page.route('https://stickershop.line-scdn.net/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: SAMPLE_PNG }));
  await page.getByTestId('tab-active').click();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversation.id}"]`).click();
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();

  // while the thread is open, live
  await customerSends(fakeLine.mediaEvent(USER, 'image', { data: SAMPLE_PNG, contentType: 'image/png' }));
  await customerSends(fakeLine.stickerEvent(USER, '446', '1988'));
  await customerSends(fakeLine.locationEvent(USER, { title: 'Lumphini Park', latitude: 13.7314, longitude: 100.5414 }));
  const oops = fakeLine.textEvent(USER, 'my card number is 4111 1111 1111 1111');
  await customerSends(oops);
  await page.getByTestId('message').filter({ hasText: 'my card number' }).waitFor();
  await customerSends(fakeLine.unsendEvent(USER, oops.type === 'message' ? oops.message.id : ''));

  const image = page.getByTestId('media-image');
  await image.waitFor();
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await image.elementHandle());
  assert.is(await image.evaluate((el) => (el instanceof HTMLImageElement ? el.naturalWidth : 0)), 96, 'the photo as the customer sent it');
  assert.match((await image.getAttribute('src')) ?? '', /^blob:/);

  const sticker = page.getByTestId('message-sticker').locator('img');
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await sticker.elementHandle());
  assert.match((await sticker.getAttribute('src')) ?? '', /\/sticker\/1988\/android\/sticker\.png$/);

  const place = page.getByTestId('message-location');
  assert.match(await place.innerText(), /Lumphini Park/);
  assert.match((await place.getAttribute('href')) ?? '', /^https:\/\/www\.openstreetmap\.org\/\?mlat=13\.7314&mlon=100\.5414/);

  await page.getByTestId('message-unsent').filter({ hasText: 'The customer unsent a message' }).waitFor();
  // the words taken back are gone, from the thread and from the list's preview
  await page.getByText('my card number').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(SHOTS, 'media-thread.png') });

  // the same URL the API gives: the bytes with a token, refused without one (from the studio's own origin too)
  const { body } = await nokApi.request<{ messages: MessageDto[] }>('GET', `/api/conversations/${conversation.id}`);
  const url = body.messages.find((m) => m.type === 'image')?.media?.url ?? '';
  assert.match(url, /\/api\/media\/\d+$/);
  assert.is(await page.evaluate(async (u) => (await fetch(u)).status, url), 401);
  assert.is(await page.evaluate(async (u) => (await fetch(u, { credentials: 'include' })).status, url), 401, 'no cookie opens it either');
  await page.close();
});

test.run();
