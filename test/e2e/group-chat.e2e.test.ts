/**
 * A LINE group in the inbox, in headless Chromium (docs/groups.md): two members write in a group and one asks
 * for a human; the operator sees one conversation marked as a group, and each member's name above their bubble.
 * The members write over the fake LINE; the operator uses the studio.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { webhook } from '@line/bot-sdk';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { FakeChat } from '../../engine/line/sandbox/fake-line-platform.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const GROUP_ID = 'C00000000000000000000000000e2e001';
const GROUP: FakeChat = { type: 'group', groupId: GROUP_ID };
const ANN = 'U00000000000000000000000000e2e0a1';
const BEN = 'U00000000000000000000000000e2e0b2';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
const started = studioForSuite(test);

async function post(event: webhook.Event): Promise<void> {
  const { engine } = started();
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
}

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  engine.fakeLine.setGroupName(GROUP_ID, 'Shop friends');
  engine.fakeLine.setGroupMember(GROUP, ANN, 'Ann');
  engine.fakeLine.setGroupMember(GROUP, BEN, 'Ben');
});

test("a group's conversation is marked as one, and each member's name shows above their bubble", async () => {
  const { engine, browser } = started();
  const { fakeLine } = engine;
  await post(fakeLine.textEvent(ANN, 'agent please', { chat: GROUP }));
  const api = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  const conversation = await waitFor(async () => {
    const { body } = await api.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === GROUP_ID);
  }, 'the group waiting');
  await post(fakeLine.textEvent(BEN, 'my order is late', { chat: GROUP }));

  const page = await signIn(browser, engine, nok);
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversation.id}"]`);
  assert.match(await row.getByTestId('chat-source').innerText(), /Group/);
  await row.click();
  assert.match(await page.getByTestId('thread-name').innerText(), /Group\s*Shop friends/);
  const bubbleOf = (text: string) => page.locator('[data-testid="message"][data-sender="customer"]', { hasText: text });
  await bubbleOf('my order is late').waitFor();
  assert.is(await bubbleOf('agent please').getByTestId('sender-name').innerText(), 'Ann');
  assert.is(await bubbleOf('my order is late').getByTestId('sender-name').innerText(), 'Ben');
  // the name sits above the bubble
  const nameBox = await bubbleOf('my order is late').getByTestId('sender-name').boundingBox();
  const bubbleBox = await bubbleOf('my order is late').locator('.bubble').boundingBox();
  assert.ok(nameBox && bubbleBox && nameBox.y + nameBox.height <= bubbleBox.y + 1, 'the name is above the bubble');
  assert.is(await page.locator('[data-testid="message"][data-sender="bot"] [data-testid="sender-name"]').count(), 0, "the bot's answers carry no member name");
  await page.screenshot({ path: `${SHOTS}/group-chat.png` });
  await page.close();
});

test.run();
