/**
 * The operator's day in headless Chromium (issue #13 item 4): a private note written with the composer's
 * Note toggle shows as a note and never reaches LINE; a transfer to a team's queue with a note lands in the
 * queue and the colleague who opens it reads the note; close asks for a reason, which the header shows; the
 * Reopen button brings the closed chat back to the operator; tags are added and removed as chips. The customer
 * writes over the sandbox LINE; the operators use the studio.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000ac7101';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
const pim = { email: 'pim@example.com', password: 'pim-password-1' };
let nokApi: OperatorClient;
let conversation: ConversationDto;

async function customer(text: string): Promise<void> {
  const { fakeLine } = started().engine;
  assert.is((await started().engine.postWebhook(fakeLine.webhookBody([fakeLine.textEvent(USER, text)]))).status, 200);
}

/** every text the sandbox LINE was asked to deliver */
function textsSent(): string[] {
  const { fakeLine } = started().engine;
  return [...fakeLine.callsTo('/v2/bot/message/reply'), ...fakeLine.callsTo('/v2/bot/message/push')].flatMap((call) =>
    ((call.body as { messages?: { text?: string }[] } | null)?.messages ?? []).map((m) => m.text ?? ''),
  );
}

/** opens the conversation from the list, under its status's tab */
async function open(page: Page, id: string, tab: 'waiting' | 'active'): Promise<void> {
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  await page.getByTestId(`tab-${tab}`).click();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`).click();
}

const started = studioForSuite(test);

test.before(async () => {
  const { engine } = started();
  const { store } = engine.baton;
  await addOperator(store, { ...nok, name: 'Nok' });
  await addOperator(store, { ...pim, name: 'Pim' });
  // Pim works in the billing team: the transfer control offers its queue
  const pimRow = (await store.operators.list()).find((o) => o.email === pim.email);
  if (pimRow) await store.operators.update(pimRow.id, { teams: JSON.stringify(['billing']) });
  nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
  await customer('agent please');
  conversation = await waitFor(async () => (await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === USER), 'the customer waiting');
  assert.is((await nokApi.request('POST', `/api/conversations/${conversation.id}/claim`)).status, 200);
});

test('a private note written with the Note toggle shows as a note for the team and is never sent to LINE', async () => {
  const page = await signIn(started().browser, started().engine, nok);
  await open(page, conversation.id, 'active');
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();

  await page.getByTestId('composer-mode-note').click();
  await page.getByTestId('composer-input').fill('Customer sounds upset, be gentle');
  await page.getByTestId('composer-input').press('Enter');
  const note = page.getByTestId('note').filter({ hasText: 'Customer sounds upset, be gentle' });
  await note.waitFor();
  assert.match((await note.textContent()) ?? '', 'Note · only your team sees this');
  assert.is(await page.locator('[data-testid="message"]').filter({ hasText: 'be gentle' }).count(), 0, 'not shown as a message to the customer');

  // `/note` in Reply mode is a note too; a reply after it goes out, the notes never do
  await page.getByTestId('composer-mode-reply').click();
  await page.getByTestId('composer-input').fill('/note promised a refund by Friday');
  await page.getByTestId('composer-input').press('Enter');
  await page.getByTestId('note').filter({ hasText: 'promised a refund by Friday' }).waitFor();
  await page.getByTestId('composer-input').fill('We are on it');
  await page.getByTestId('composer-input').press('Enter');
  await waitFor(() => textsSent().includes('We are on it') || undefined, 'the reply delivered');
  assert.not.ok(textsSent().some((t) => t.includes('be gentle') || t.includes('refund by Friday')), 'no note reached LINE');
  await page.screenshot({ path: `${SHOTS}/conversation-actions-1-notes.png` });
  await page.close();
});

test("transfer to a team's queue with a note: the colleague who opens it reads the note", async () => {
  const page = await signIn(started().browser, started().engine, nok);
  await open(page, conversation.id, 'active');
  await page.getByTestId('transfer-target').selectOption({ label: 'Team billing' });
  await page.getByTestId('transfer-note').fill('Refund question, over to billing');
  await page.getByTestId('transfer-button').click();
  await page.getByTestId('thread-status').filter({ hasText: 'waiting' }).waitFor();
  await page.getByTestId('thread-line').filter({ hasText: 'Nok transferred this conversation to the billing queue' }).waitFor();
  await page.close();

  const pimPage = await signIn(started().browser, started().engine, pim);
  await open(pimPage, conversation.id, 'waiting');
  await pimPage.getByTestId('note').filter({ hasText: 'Refund question, over to billing' }).waitFor();
  await pimPage.getByTestId('claim-button').click();
  await pimPage.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await pimPage.screenshot({ path: `${SHOTS}/conversation-actions-2-transfer-note.png` });
  assert.is((await started().engine.baton.store.conversations.findById(conversation.id))?.team, 'billing');
  await pimPage.close();
});

test('close asks for a reason, the header shows it, and Reopen brings the chat back; tags are chips', async () => {
  const page = await signIn(started().browser, started().engine, pim);
  await open(page, conversation.id, 'active');
  await page.getByTestId('close-button').click();
  await page.getByTestId('close-reason').selectOption('Resolved');
  await page.getByTestId('close-details').fill('refund approved');
  await page.getByTestId('close-confirm').click();
  await page.getByTestId('thread-status').filter({ hasText: 'closed' }).waitFor();
  await page.locator('header').filter({ hasText: 'Resolved: refund approved' }).first().waitFor();
  assert.is((await started().engine.baton.store.conversations.findById(conversation.id))?.close_reason, 'Resolved: refund approved');

  await page.getByTestId('reopen-button').click();
  await page.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await page.getByTestId('thread-line').filter({ hasText: 'Reopened by Pim' }).waitFor();
  await page.getByTestId('customer-mode').filter({ hasText: 'With a human' }).waitFor();
  await page.getByTestId('composer-input').waitFor();

  await page.getByTestId('tag-input').fill('vip');
  await page.getByTestId('tag-input').press('Enter');
  await page.locator('[data-testid="tag-chip"][data-tag="vip"]').waitFor();
  await page.getByTestId('tag-input').fill('x'.repeat(33));
  await page.getByTestId('tag-input').press('Enter');
  await page.getByTestId('tag-error').waitFor();
  await page.locator('[data-testid="tag-chip"][data-tag="vip"]').getByTestId('tag-remove').click();
  await page.locator('[data-testid="tag-chip"]').first().waitFor({ state: 'detached' });
  const customerRow = await started().engine.baton.store.customers.findByLineUserId(USER);
  assert.is(customerRow?.tags, '[]');
  await page.screenshot({ path: `${SHOTS}/conversation-actions-3-reopened.png` });
  await page.close();
});

test.run();
