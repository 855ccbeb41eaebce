/**
 * Rich canned responses in the inbox, in headless Chromium (docs/inbox.md): the operator holding a chat types
 * /hours, the list marks the response as a card with quick replies, and picking it previews it above the box as
 * LINE shows it (the Flex card's texts and buttons, the quick-reply chips) instead of putting text in the box;
 * Send sends it, the thread shows the card, and the customer's phone (the sandbox's fake LINE) got the Flex
 * message with its quick replies. The flow simulator draws the card and the image a flow sends with the same
 * picture. The canned responses are docs/examples/rich-messages beside a small flow (test/fixtures/flow-sets).
 *
 * Needs a built studio and Debian's chromium at /usr/bin/chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { repoRoot } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000e16c01';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
// a small flow ("agent", "map", "hours") beside the example, as an admin would add it
const flowsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-rich-e2e-'));
fs.copyFileSync(path.join(repoRoot, 'test/fixtures/flow-sets/rich-messages/flow.yaml'), path.join(flowsDir, 'flow.yaml'));
fs.copyFileSync(path.join(repoRoot, 'docs/examples/rich-messages/rich-canned.yaml'), path.join(flowsDir, 'rich-canned.yaml'));
const started = studioForSuite(test, { env: { BATON_FLOWS_DIR: flowsDir } });
let page: Page;

test.after(() => fs.rmSync(flowsDir, { recursive: true, force: true }));

test('a canned Flex card is previewed as LINE shows it, sent with its quick replies, and shown in the thread', async () => {
  const { engine, browser } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  const api = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  const { fakeLine } = engine;
  assert.is((await engine.postWebhook(fakeLine.webhookBody([fakeLine.textEvent(USER, 'agent please')]))).status, 200);
  const conversation = await waitFor(async () => {
    const { body } = await api.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting');
    return body.conversations.find((c) => c.customer.lineUserId === USER);
  }, 'the customer waiting');
  assert.is((await api.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);

  page = await signIn(browser, engine, nok);
  // the example's pictures are at example.com, out on the internet: answered here with nothing to draw
  await page.route('https://example.com/**', (route) => route.fulfill({ status: 404, body: '' }));
  await page.getByTestId('tab-active').click();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversation.id}"]`).click();
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();

  const box = page.getByTestId('composer-input');
  await box.fill('/hours');
  const option = page.locator('[data-testid="canned-option"][data-canned-id="opening-hours"]');
  await option.waitFor();
  assert.is(await option.getByTestId('canned-rich').innerText(), 'Card · Quick replies');
  await box.press('Enter');

  const preview = page.getByTestId('rich-canned-preview');
  await preview.waitFor();
  assert.is(await box.inputValue(), '', 'the /hours is taken out of the box, no text put in');
  const texts = await preview.getByTestId('flex-text').allInnerTexts();
  assert.ok(texts.includes('Opening hours') && texts.includes('09:00-18:00') && texts.includes('Saturday'), texts.join(' | '));
  assert.equal(await preview.getByTestId('flex-button').allInnerTexts(), ['Call us', 'Talk to a person']);
  assert.equal(await preview.getByTestId('line-quick-reply').allInnerTexts(), ['Talk to a person', 'Where are you?']);
  assert.is(await preview.getByTestId('flex-unknown').count(), 0, 'every part of the example is drawn');
  await page.screenshot({ path: `${SHOTS}/rich-1-canned-preview.png` });

  await page.getByTestId('send-button').click();
  await preview.waitFor({ state: 'detached' });
  const card = page.locator('[data-testid="message"][data-sender="operator"]').getByTestId('flex-bubble');
  await card.waitFor();
  assert.ok((await card.getByTestId('flex-text').allInnerTexts()).includes('Opening hours'), 'the thread draws the card that was sent');
  await page.screenshot({ path: `${SHOTS}/rich-2-card-sent.png` });

  const [sent] = await waitFor(() => {
    const flex = fakeLine.chat(USER).filter((e) => e.from === 'account' && e.message.type === 'flex');
    return flex.length > 0 ? flex : undefined;
  }, 'the card on the phone');
  assert.is(sent?.message.altText, 'Our opening hours: Mon-Fri 09:00-18:00, Sat 10:00-16:00');
  assert.equal(sent?.message.quickReply?.items.map((item) => item.action.label), ['Talk to a person', 'Where are you?']);

  // after a reload the thread draws it again from the stored message
  await page.reload();
  await page.locator('[data-testid="message"][data-sender="operator"]').getByTestId('flex-bubble').waitFor();
  api.close();
});

test('the flow simulator draws the card and the image a flow sends as LINE shows them', async () => {
  const { engine, browser } = started();
  const admin = await signIn(browser, engine, engine.admin);
  await admin.route('https://example.com/**', (route) => route.fulfill({ status: 404, body: '' }));
  await admin.getByTestId('nav-flows').click();
  await admin.getByTestId('edit-version').click();
  await admin.getByTestId('sim-chat').waitFor();
  await admin.getByTestId('sim-input').fill('hours please');
  await admin.getByTestId('sim-send').click();
  const card = admin.locator('[data-testid="sim-bot-message"][data-type="flex"]');
  await card.getByTestId('flex-bubble').waitFor();
  assert.ok((await card.getByTestId('flex-text').allInnerTexts()).includes('Opening hours'));
  assert.equal(await admin.getByTestId('sim-quick-reply').allInnerTexts(), ['Talk to a person', 'Where are you?'], "the card's quick replies as chips");
  await admin.getByTestId('sim-input').fill('map');
  await admin.getByTestId('sim-send').click();
  await admin.locator('[data-testid="sim-bot-message"][data-type="image"]').getByTestId('line-message').waitFor();
  await admin.screenshot({ path: `${SHOTS}/rich-3-simulator.png` });
  await admin.close();
});

test('what the preview cannot draw is a labelled placeholder, never an error', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const labels = await page.evaluate(async () => {
    const preview = document.createElement('baton-line-preview');
    preview.messages = [
      { type: 'flex', altText: 'odd', contents: { type: 'carousel', contents: [
        { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'video', url: 'https://example.com/v.mp4' }, { type: 'hologram' }, null, 'text', { type: 'box' }, { type: 'text', text: 42, color: 'red; background: url(x)' }] } },
        { type: 'bubble', hero: { type: 'image' }, footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button' }] } },
        { type: 'nonsense' },
      ] } },
      { type: 'template', altText: 'buttons' },
      null,
    ];
    document.body.append(preview);
    await preview.updateComplete;
    // each part's text by its test id (no named helper: the test runner's transpiler would rename it in the page)
    const result = Object.fromEntries(
      ['flex-unknown', 'line-message', 'flex-bubble', 'flex-button'].map((id) => [id, [...(preview.shadowRoot?.querySelectorAll(`[data-testid="${id}"]`) ?? [])].map((node) => node.textContent?.trim() ?? '')]),
    );
    preview.remove();
    return result;
  });
  assert.equal(labels['flex-unknown'], ['Flex “video” (not shown in this preview)', 'Flex “hologram” (not shown in this preview)', 'A Flex part this preview cannot show', 'A Flex part this preview cannot show', 'Flex “nonsense” (not shown in this preview)']);
  assert.is(labels['line-message']?.length, 3, 'the flex, the template and the null each have their place');
  assert.is(labels['flex-bubble']?.length, 2);
  assert.equal(labels['flex-button'], ['(button)']);
  assert.equal(errors, []);
});

test.run();
