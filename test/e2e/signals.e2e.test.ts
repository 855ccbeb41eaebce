/**
 * Signals for operators, in headless Chromium: unread counts on a row and its tab and in the browser tab's
 * title, going up live and cleared by opening the chat (and still cleared after a reload: the engine keeps
 * what each operator read); the mute toggle remembered across a reload; a desktop notification for a new
 * waiting chat, a chat assigned to me and a customer message in my chat, and none while muted.
 * Notifications are observed by wrapping window.Notification before the studio loads.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BrowserContext, Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { DESKTOP, localStorageOf, SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const nok = { email: 'nok@example.com', password: 'nok-password-1' };
let nokApi: OperatorClient;

interface Notice {
  title: string;
  body: string;
}

const started = studioForSuite(test);

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
});

/** a browser profile that allowed notifications, each one recorded in window.notices as it is shown */
async function notifyingContext(): Promise<BrowserContext> {
  const context = await started().browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  await context.grantPermissions(['notifications']);
  // a script's text, not a function: tsx would compile a function with helpers the page does not have
  await context.addInitScript({
    content: `{
      const Original = window.Notification;
      const notices = [];
      const Recorded = class extends Original {
        constructor(title, options) {
          notices.push({ title, body: options?.body ?? '' });
          super(title, options);
        }
      };
      Object.defineProperty(Recorded, 'permission', { get: () => Original.permission });
      Object.defineProperty(Recorded, 'requestPermission', { value: Original.requestPermission.bind(Original) });
      Object.assign(window, { Notification: Recorded, notices });
    }`,
  });
  return context;
}

const noticesOf = (page: Page) => page.evaluate(() => (window as unknown as { notices: Notice[] }).notices);

async function openInbox(context: BrowserContext): Promise<Page> {
  const page = await signIn(started().browser, started().engine, nok, { context });
  await inboxReady(page);
  return page;
}

async function inboxReady(page: Page): Promise<void> {
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
}

async function customerWrites(user: string, text: string): Promise<void> {
  const { engine } = started();
  const answer = await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]));
  assert.is(answer.status, 200);
}

async function waitingConversation(user: string): Promise<ConversationDto> {
  await customerWrites(user, 'agent please');
  return waitFor(async () => {
    const { body } = await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === user);
  }, `${user} waiting`);
}

const row = (page: Page, id: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);
const badgeOf = async (page: Page, id: string) => {
  const badge = row(page, id).getByTestId('unread-badge');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
};

test('a customer message in my chat raises its badge, its tab and the title live; opening it clears them for good', async () => {
  const context = await notifyingContext();
  const page = await openInbox(context);
  assert.is(await page.title(), 'Inbox · Baton');

  const user = 'U00000000000000000000000000005101';
  const conversation = await waitingConversation(user);
  await row(page, conversation.id).waitFor();
  await waitFor(async () => (await noticesOf(page)).some((n) => n.title.startsWith('New chat waiting')), 'the new waiting chat notified');
  // the chat is handed to Nok elsewhere (another tab of hers): this page is told it is now hers
  assert.is((await nokApi.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
  await waitFor(async () => (await noticesOf(page)).some((n) => n.title.startsWith('Chat assigned to you')), 'the assignment notified');
  await page.getByTestId('tab-active').click();
  await row(page, conversation.id).waitFor();
  const before = await badgeOf(page, conversation.id);
  assert.ok(before >= 1, 'the request for an agent is unread');

  await customerWrites(user, 'where is my parcel?');
  await page.waitForFunction((n) => document.title === `(${n}) Inbox · Baton`, before + 1);
  assert.is(await badgeOf(page, conversation.id), before + 1);
  assert.is(Number(await page.getByTestId('unread-active').textContent()), before + 1, 'the Active tab sums its unread');
  await waitFor(async () => (await noticesOf(page)).find((n) => n.body === 'where is my parcel?'), 'the message notified');
  await page.screenshot({ path: `${SHOTS}/signals-1-unread.png` });

  await row(page, conversation.id).click();
  await page.waitForFunction(() => document.title === 'Inbox · Baton');
  assert.is(await badgeOf(page, conversation.id), 0);
  assert.is(await page.getByTestId('unread-active').count(), 0);
  // what the open chat shows is read at once, and nothing about it is notified
  const noticesBefore = (await noticesOf(page)).length;
  await customerWrites(user, 'thanks');
  await page.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'thanks' }).waitFor();
  await waitFor(async () => (await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=active')).body.conversations.find((c) => c.id === conversation.id)?.unread === 0, 'the engine counts it read');
  assert.is(await page.title(), 'Inbox · Baton');
  assert.is((await noticesOf(page)).length, noticesBefore);

  await page.reload();
  await inboxReady(page);
  await page.getByTestId('tab-active').click();
  await row(page, conversation.id).waitFor();
  assert.is(await badgeOf(page, conversation.id), 0, 'still read after a reload');
  assert.is(await page.title(), 'Inbox · Baton');
  await context.close();
});

test('muting is remembered across a reload and silences notifications; unmuting brings them back', async () => {
  const context = await notifyingContext();
  const page = await openInbox(context);
  const toggle = page.getByTestId('signals-toggle');
  assert.is(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.is(await toggle.getAttribute('aria-pressed'), 'true');
  assert.match(await toggle.innerText(), /muted/i);
  await page.screenshot({ path: `${SHOTS}/signals-2-muted.png` });

  await page.reload();
  await inboxReady(page);
  assert.is(await page.getByTestId('signals-toggle').getAttribute('aria-pressed'), 'true', 'still muted after a reload');
  assert.ok(Object.keys(await localStorageOf(page)).some((key) => key.includes(nokApi.login.operator.id)), 'kept for this operator');

  const quiet = await waitingConversation('U00000000000000000000000000005102');
  await row(page, quiet.id).waitFor();
  // the list heard it; give a notification the same time to show before saying none did
  await page.waitForTimeout(500);
  assert.equal(await noticesOf(page), [], 'nothing notified while muted');

  await page.getByTestId('signals-toggle').click();
  assert.is(await page.getByTestId('signals-toggle').getAttribute('aria-pressed'), 'false');
  const loud = await waitingConversation('U00000000000000000000000000005103');
  await row(page, loud.id).waitFor();
  await waitFor(async () => (await noticesOf(page)).some((n) => n.title.startsWith('New chat waiting')), 'notified once unmuted');
  await context.close();
});

test.run();
