/**
 * Images and stickers operators send, in headless Chromium (docs/media.md): the operator holding a chat
 * attaches a PNG in the composer, sees it under the box, removes it and attaches it again, sends it, and the
 * thread shows it (the customer's phone, the sandbox's fake LINE, got an image message); a file LINE cannot
 * take is refused in the browser with the reason; a sticker picked from the grid is sent and shown.
 *
 * Needs a built studio and Debian's chromium at /usr/bin/chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { SAMPLE_PNG } from '../../engine/line/sandbox/message-contents.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { launchStudio, signIn } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000e16b01';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-media-out-'));
const PHOTO = path.join(files, 'photo.png');
const DOCUMENT = path.join(files, 'notes.pdf');
let engine: TestEngine | undefined;
let browser: Browser | undefined;
let page: Page;

test.before(async () => {
  fs.writeFileSync(PHOTO, SAMPLE_PNG);
  fs.writeFileSync(DOCUMENT, '%PDF-1.7\n%a document\n');
  // LINE fetches the image from the engine's public HTTPS address (the fake LINE checks it is HTTPS)
  ({ engine, browser } = await launchStudio({ env: { BATON_PUBLIC_URL: 'https://baton.example.com' } }));
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  const nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  const { fakeLine } = engine;
  assert.is((await engine.postWebhook(fakeLine.webhookBody([fakeLine.textEvent(USER, 'agent please')]))).status, 200);
  const conversation = await waitFor(async () => {
    const { body } = await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === USER);
  }, 'the customer waiting');
  assert.is((await nokApi.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);

  page = await signIn(browser, engine, nok);
  // the sticker CDN is LINE's, out on the internet: answered here with a picture of our own
  await page.route('https://stickershop.line-scdn.net/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: SAMPLE_PNG }));
  await page.getByTestId('tab-active').click();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversation.id}"]`).click();
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
  fs.rmSync(files, { recursive: true, force: true });
});

const sentToPhone = (type: string) => (engine ? engine.fakeLine.chat(USER).filter((e) => e.from === 'account' && e.message.type === type) : []);

test('a file LINE cannot take is refused in the composer with the reason', async () => {
  await page.getByTestId('attach-input').setInputFiles(DOCUMENT);
  await page.getByTestId('composer-media-error').filter({ hasText: 'JPEG or PNG' }).waitFor();
  assert.is(await page.getByTestId('attachment-preview').count(), 0);
});

test('an attached image is previewed, can be removed, and once sent shows in the thread', async () => {
  const input = page.getByTestId('attach-input');
  await input.setInputFiles(PHOTO);
  await page.getByTestId('attachment-preview').waitFor();
  await page.getByTestId('attachment-remove').click();
  await page.getByTestId('attachment-preview').waitFor({ state: 'detached' });

  await input.setInputFiles(PHOTO);
  const preview = page.getByTestId('attachment-preview').locator('img');
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await preview.elementHandle());
  await page.getByTestId('send-button').click();
  await page.getByTestId('attachment-preview').waitFor({ state: 'detached' });

  const shown = page.getByTestId('message').getByTestId('media-image');
  await shown.waitFor();
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await shown.elementHandle());
  assert.is(await shown.evaluate((el) => (el instanceof HTMLImageElement ? el.naturalWidth : 0)), 96, 'the image as the operator sent it');

  const [image] = await waitFor(async () => (sentToPhone('image').length > 0 ? sentToPhone('image') : undefined), 'the image on the phone');
  assert.match(String(image?.message.originalContentUrl), /^https:\/\/baton\.example\.com\/api\/public-media\//);
});

test('a sticker picked from the grid is sent and shows in the thread', async () => {
  await page.getByTestId('sticker-button').click();
  await page.getByTestId('sticker-picker').waitFor();
  await page.locator('[data-testid="sticker-choice"][data-sticker-id="1989"]').click();
  await page.getByTestId('sticker-picker').waitFor({ state: 'detached' });
  await page.locator('[data-testid="message-sticker"][data-sticker-id="1989"]').waitFor();
  const [sticker] = await waitFor(async () => (sentToPhone('sticker').length > 0 ? sentToPhone('sticker') : undefined), 'the sticker on the phone');
  assert.is(sticker?.message.packageId, '446');
  assert.is(sticker?.message.stickerId, '1989');
});

test.run();
