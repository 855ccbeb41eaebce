/**
 * The sandbox shows the rich menu that follows the conversation (issue #16): in the customer simulator, a
 * customer first sees the account's default menu (the bot's); tapping its area sends the postback as LINE would
 * (the display text shows as the customer's message), the flow hands them over, and the simulator then shows
 * the queue's menu linked to them; when an operator claims the chat, the chat's menu. Flows:
 * test/fixtures/flow-sets/rich-menus (three menus, `richMenus: { bot: main, waiting: queue, human: chat }`).
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { repoRoot, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { launchStudio, openSimulator, phoneEntries, SHOTS } from '../support/studio-browser.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let browser: Browser;

test.before(async () => {
  ({ engine, browser } = await launchStudio({ env: { BATON_FLOWS_DIR: path.join(repoRoot, 'test/fixtures/flow-sets/rich-menus') } }));
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

/** the menu under the simulator's chat: its chat bar text and whether it is linked to this customer */
async function menuShown(page: Page, chatBar: string, linked: boolean): Promise<void> {
  await page.locator(`[data-testid="sim-rich-menu"][data-linked="${linked}"]`).waitFor();
  await page.getByTestId('sim-rich-menu-bar').filter({ hasText: chatBar }).waitFor();
}

test("the simulator shows the customer's rich menu as their conversation moves, and its area taps like LINE's", async () => {
  // the menus are made at the (fake) LINE once the version is active: the bot's is everyone's default
  await waitFor(() => engine.fakeLine.richMenus.list().length === 3 || undefined, 'three menus at LINE');
  const page = await openSimulator(browser, engine);
  await page.getByTestId('sim-new-user').click();
  const userId = await page.getByTestId('sim-user-id').inputValue();
  await page.getByTestId('sim-follow').click();
  await menuShown(page, 'Menu', false);
  assert.match(await page.getByTestId('sim-rich-menu-kind').innerText(), /default menu/);

  // open the menu and tap its one area: a postback with a display text, as LINE sends it
  const bar = page.getByTestId('sim-rich-menu-bar');
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
  await page.locator('[data-testid="sim-rich-menu-bar"][aria-expanded="true"]').waitFor();
  const area = page.getByTestId('sim-rich-menu-area');
  await area.first().waitFor();
  assert.is(await area.count(), 1);
  assert.is(await area.getAttribute('aria-label'), 'Talk to us');
  await page.screenshot({ path: `${SHOTS}/rich-menu-1-default.png` });
  await area.click();
  await phoneEntries(page, 'user').filter({ hasText: 'Talk to us' }).waitFor();
  await phoneEntries(page, 'account').filter({ hasText: 'Queued.' }).waitFor();

  // handed over: the queue's menu, linked to this customer
  await menuShown(page, 'In the queue', true);
  assert.match(await page.getByTestId('sim-rich-menu-kind').innerText(), /linked/);
  assert.is(engine.fakeLine.richMenuOf(userId)?.menu.chatBarText, 'In the queue');

  // an operator claims the chat: the chat's menu
  const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  try {
    const waiting = await waitFor(
      async () => (await admin.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === userId),
      'the conversation waiting',
    );
    assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  } finally {
    admin.close();
  }
  await menuShown(page, 'Chat', true);
  await page.screenshot({ path: `${SHOTS}/rich-menu-2-chat.png` });
});

test.run();
