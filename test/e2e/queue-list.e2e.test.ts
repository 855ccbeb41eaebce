/**
 * The queue as operators see it, in headless Chromium: each waiting chat shows its place in line and how
 * long it has waited; when the first is claimed the others move up without a reload; once the operator is
 * Available, auto-assignment hands them the rest and those chats say they were assigned automatically.
 * The engine's clock runs four minutes behind the browser's, so every chat has "waited" four minutes
 * the moment it is queued: the wait shown is worked out in the browser from the conversation's createdAt.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { waitFor } from '../support/wait-for.ts';

const ENGINE_BEHIND_MS = 4 * 60_000;
const CUSTOMERS = ['U00000000000000000000000000006101', 'U00000000000000000000000000006102', 'U00000000000000000000000000006103'];
let adminApi: OperatorClient;

const started = studioForSuite(test, { now: () => Date.now() - ENGINE_BEHIND_MS });

test.before(async () => {
  const { engine } = started();
  adminApi = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});

async function waitingConversation(user: string): Promise<ConversationDto> {
  const { engine } = started();
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, 'agent please')]))).status, 200);
  return waitFor(async () => {
    const { body } = await adminApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === user);
  }, `${user} waiting`);
}

const row = (page: Page, id: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);
const positionShown = (page: Page, id: string) => row(page, id).getByTestId('queue-position').textContent();

test('waiting chats show their place in line and their wait; a claim moves the others up live; auto-assigned chats say so', async () => {
  const { engine, browser } = started();
  const page = await signIn(browser, engine, engine.admin);
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();

  const waiting: ConversationDto[] = [];
  for (const user of CUSTOMERS) waiting.push(await waitingConversation(user));
  for (const [i, conversation] of waiting.entries()) {
    await row(page, conversation.id).getByTestId('queue-position').filter({ hasText: `#${i + 1} in queue` }).waitFor();
    assert.is((await row(page, conversation.id).getByTestId('queue-wait').textContent())?.trim(), 'waiting 4m');
  }
  await page.screenshot({ path: `${SHOTS}/queue-list-1-three-waiting.png` });

  const [first, second, third] = waiting as [ConversationDto, ConversationDto, ConversationDto];
  assert.is((await adminApi.request('POST', `/api/conversations/${first.id}/claim`)).status, 200);
  await row(page, first.id).waitFor({ state: 'detached' });
  await row(page, third.id).getByTestId('queue-position').filter({ hasText: '#2 in queue' }).waitFor();
  assert.is(await positionShown(page, second.id), '#1 in queue');
  await page.screenshot({ path: `${SHOTS}/queue-list-2-moved-up.png` });

  await page.getByTestId('presence-available').click();
  await page.getByTestId('tab-active').click();
  for (const conversation of [second, third]) {
    const badge = row(page, conversation.id).getByTestId('assigned-automatically');
    await badge.waitFor();
    assert.match((await badge.textContent())?.trim() ?? '', /^Auto-assigned \d{1,2}:\d{2}/);
  }
  await row(page, first.id).waitFor();
  assert.is(await row(page, first.id).getByTestId('assigned-automatically').count(), 0, 'the claimed chat was not auto-assigned');
  await page.screenshot({ path: `${SHOTS}/queue-list-3-auto-assigned.png` });
});

test.run();
