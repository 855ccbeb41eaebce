/**
 * The inbox and the Flows page in Thai, in headless Chromium: an operator whose studio speaks Thai reads the
 * tabs, the queue position, the thread's actions (claim, close with a reason), a private note and the
 * composer in Thai, while the close reason is stored in English for the reports; switching the language while
 * the inbox is open re-renders it at once, the open conversation and all; an admin's Flows page and draft
 * editor show their buttons in Thai, and so do the draft's graph, its hours form (days named by Intl) and
 * CodeMirror's search panel, while the YAML keeps the DSL's words. The customer writes over the sandbox LINE.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { editorContent, editorText } from '../support/code-editor.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const FIRST = 'U00000000000000000000000000e7a101';
const SECOND = 'U00000000000000000000000000e7a102';
const nok = { email: 'nok@example.com', password: 'nok-password-1' };
let nokApi: OperatorClient;

/** a customer asks for a human over the sandbox LINE; resolves to their waiting conversation */
async function customerWaiting(user: string): Promise<ConversationDto> {
  const { fakeLine } = started().engine;
  assert.is((await started().engine.postWebhook(fakeLine.webhookBody([fakeLine.textEvent(user, 'agent please')]))).status, 200);
  return waitFor(
    async () => (await nokApi.request<{ conversations: ConversationDto[] }>('GET', '/api/conversations?status=waiting')).body.conversations.find((c) => c.customer.lineUserId === user),
    'the customer waiting',
  );
}

const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).first().innerText()).trim();
const row = (page: Page, id: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);

const started = studioForSuite(test);

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...nok, name: 'Nok' });
  nokApi = await OperatorClient.signIn(engine.baseUrl, nok.email, nok.password);
});

test('in Thai the inbox tabs, the queue, claim, a note, the composer and close with a reason read Thai; the reason is stored in English', async () => {
  const conversation = await customerWaiting(FIRST);
  const page = await signIn(started().browser, started().engine, nok, { studioLanguage: 'th' });
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();

  // the tabs and the waiting row
  assert.match(await text(page, 'tab-waiting'), /^รอ/);
  assert.match(await text(page, 'tab-active'), /^กำลังคุย/);
  assert.match(await text(page, 'tab-closed'), /^ปิดแล้ว/);
  await page.getByRole('heading', { name: 'การสนทนา' }).waitFor();
  const waiting = row(page, conversation.id);
  assert.is((await waiting.getByTestId('queue-position').innerText()).trim(), 'คิวที่ 1');
  assert.match(await waiting.getByTestId('queue-wait').innerText(), /^รอ /);
  assert.is(await page.getByTestId('conversation-search').getAttribute('placeholder'), 'ค้นหาชื่อหรือข้อความ…');
  assert.is(await text(page, 'filter-assignee-me'), 'ของฉัน');

  // claim
  await waiting.click();
  assert.is(await text(page, 'claim-button'), 'รับเรื่อง');
  assert.is(await text(page, 'thread-note'), 'รับเรื่องก่อนจึงจะตอบกลับได้');
  assert.is(await text(page, 'thread-status'), 'รอ');
  await page.getByTestId('claim-button').click();
  await page.getByTestId('thread-status').filter({ hasText: 'กำลังคุย' }).waitFor();

  // the composer, then a private note
  assert.is(await text(page, 'composer-mode-reply'), 'ตอบกลับ');
  assert.is(await text(page, 'composer-mode-note'), 'โน้ต');
  assert.is(await text(page, 'send-button'), 'ส่ง');
  assert.match((await page.getByTestId('composer-input').getAttribute('placeholder')) ?? '', /^ตอบกลับ .+…$/);
  await page.getByTestId('composer-mode-note').click();
  assert.is(await text(page, 'send-button'), 'เพิ่มโน้ต');
  assert.is(await page.getByTestId('composer-input').getAttribute('placeholder'), 'เขียนโน้ตที่เห็นเฉพาะทีมของคุณ…');
  await page.getByTestId('composer-input').fill('ลูกค้าขอคืนเงิน');
  await page.getByTestId('composer-input').press('Enter');
  const note = page.getByTestId('note').filter({ hasText: 'ลูกค้าขอคืนเงิน' });
  await note.waitFor();
  assert.match(await note.innerText(), /โน้ต · เห็นเฉพาะทีมของคุณ/);

  // a reply, and how it left
  await page.getByTestId('composer-mode-reply').click();
  await page.getByTestId('composer-input').fill('สวัสดีค่ะ');
  await page.getByTestId('composer-input').press('Enter');
  const sent = page.locator('[data-testid="message"][data-sender="operator"]').filter({ hasText: 'สวัสดีค่ะ' });
  await sent.locator('[data-testid="delivery"][data-delivery="sent"]').waitFor();
  assert.match(await sent.getByTestId('delivery').innerText(), /^✓ (ตอบกลับ|พุช)$/);

  // close with a reason: the form, its reasons and the header in Thai
  assert.is(await text(page, 'close-button'), 'ปิดแชต');
  await page.getByTestId('close-button').click();
  assert.match(await text(page, 'close-form'), /ปิดแชตนี้ไหม/);
  const reasons = await page.getByTestId('close-reason').locator('option').allInnerTexts();
  assert.equal(reasons.slice(0, 2), ['ไม่ระบุเหตุผล', 'แก้ไขแล้ว']);
  await page.getByTestId('close-reason').selectOption('Resolved');
  await page.getByTestId('close-details').fill('คืนเงินแล้ว');
  assert.is(await text(page, 'close-confirm'), 'ปิดแชต');
  await page.getByTestId('close-confirm').click();
  await page.getByTestId('thread-status').filter({ hasText: 'ปิดแล้ว' }).waitFor();
  await page.locator('header').filter({ hasText: 'แก้ไขแล้ว: คืนเงินแล้ว' }).first().waitFor();
  assert.is(await text(page, 'reopen-button'), 'เปิดใหม่');
  assert.is(await text(page, 'customer-mode'), 'คุยกับบอต');
  // one "Resolved" in the reports whatever language the operator reads
  assert.is((await started().engine.baton.store.conversations.findById(conversation.id))?.close_reason, 'Resolved: คืนเงินแล้ว');
  await page.screenshot({ path: `${SHOTS}/thai-inbox-1-closed.png`, fullPage: true });
  await page.context().close();
});

test('switching the language while the inbox is open re-renders it at once, the open conversation and all', async () => {
  const conversation = await customerWaiting(SECOND);
  const page = await signIn(started().browser, started().engine, nok, { studioLanguage: 'en' });
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  await row(page, conversation.id).click();
  assert.is(await text(page, 'claim-button'), 'Claim');
  assert.match(await text(page, 'tab-waiting'), /^Waiting/);
  await page.evaluate(() => Object.assign(window, { loadedOnce: true })); // gone if the page reloads

  // a language picker beside the inbox (the studio shows one on Account and the login page): the inbox stays mounted
  await page.evaluate(() => document.body.append(document.createElement('baton-language-picker')));
  await page.locator('baton-language-picker').getByTestId('language-picker').selectOption('th');

  await page.getByTestId('claim-button').filter({ hasText: 'รับเรื่อง' }).waitFor();
  assert.match(await text(page, 'tab-waiting'), /^รอ/);
  assert.is((await row(page, conversation.id).getByTestId('queue-position').innerText()).trim(), 'คิวที่ 1');
  assert.is(await text(page, 'thread-status'), 'รอ');
  assert.is(await text(page, 'nav-inbox'), 'กล่องข้อความ');
  assert.ok(await page.evaluate(() => 'loadedOnce' in window), 'switched without a reload');
  // the keyboard shortcuts dialog too
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts-dialog').getByRole('heading', { name: 'คีย์ลัด' }).waitFor();
  await page.getByTestId('shortcuts-close').click();

  await page.locator('baton-language-picker').getByTestId('language-picker').selectOption('en');
  await page.getByTestId('claim-button').filter({ hasText: 'Claim' }).waitFor();
  assert.match(await text(page, 'tab-waiting'), /^Waiting/);
  await page.context().close();
});

test("an admin's Flows page and draft editor show their buttons in Thai", async () => {
  const { browser, engine } = started();
  const page = await signIn(browser, engine, engine.admin, { studioLanguage: 'th' });
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('flows-heading').filter({ hasText: 'เวอร์ชัน 1' }).waitFor();
  assert.match(await text(page, 'flows-heading'), /ใช้งานอยู่/);
  assert.match(await text(page, 'flows-heading'), /อ่านอย่างเดียว/);
  assert.is(await text(page, 'edit-version'), 'แก้ไขจากเวอร์ชันนี้');

  await page.getByTestId('edit-version').click();
  await page.getByTestId('flows-heading').filter({ hasText: 'ฉบับร่างจากเวอร์ชัน 1' }).waitFor();
  assert.is(await text(page, 'discard-draft'), 'ทิ้งฉบับร่าง');
  assert.is(await text(page, 'publish-button'), 'เผยแพร่…');
  assert.is(await text(page, 'format-button'), 'จัดรูปแบบ');
  assert.is(await text(page, 'validate-button'), 'ตรวจสอบ');
  assert.is(await text(page, 'sim-run-tests'), 'รันเทสต์');
  assert.is(await text(page, 'sim-send'), 'ส่ง');
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="flow-verdict"][data-verdict="valid"]').filter({ hasText: '✓ ไม่มีปัญหา' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/thai-inbox-2-flows.png`, fullPage: true });
  await page.context().close();
});

test("in Thai the draft's graph, the hours form and the editor's search read Thai, the days named by Intl, while the YAML keeps mon and HH:MM", async () => {
  const { browser, engine } = started();
  const page = await signIn(browser, engine, engine.admin, { studioLanguage: 'th' });
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('edit-version').click();
  await page.getByTestId('flows-heading').filter({ hasText: 'ฉบับร่างจากเวอร์ชัน 1' }).waitFor();

  // the graph: its legend, a queue timeout's node (minutes by Intl) and its edge, a step read aloud
  await page.locator('[data-testid="view-tab"][data-view="graph"]').click();
  await page.getByTestId('graph-legend').filter({ hasText: 'คลิกขั้นตอนเพื่อดู YAML' }).waitFor();
  const timeout = page.locator('[data-testid="graph-node"][data-node="queue:default"]');
  assert.is(await timeout.locator('text.title').textContent(), 'หมดเวลารอคิว default');
  assert.is(await timeout.locator('text.summary').textContent(), 'ไม่มีใครตอบภายใน 30 นาที');
  assert.is(await page.locator('[data-testid="graph-edge"][data-kind="max-wait"] text').textContent(), 'รอนานสุด');
  assert.match((await page.locator('[data-testid="graph-node"][data-node="step:queue-timeout"]').getAttribute('aria-label')) ?? '', /^ขั้นตอน hours queue-timeout: ปฏิทิน office \(flows\/support\.flow\.yaml:\d+\) เลือกเพื่อดู YAML$/);
  await page.screenshot({ path: `${SHOTS}/thai-inbox-3-flow-graph.png` });

  // the hours form: Thai day names, a closed Sunday, an impossible time refused in Thai
  await page.locator('[data-testid="view-tab"][data-view="hours"]').click();
  const monday = page.locator('[data-testid="hours-day"][data-day="mon"]');
  const sunday = page.locator('[data-testid="hours-day"][data-day="sun"]');
  await monday.waitFor();
  assert.is((await monday.locator('th').innerText()).trim(), 'วันจันทร์');
  assert.is((await sunday.locator('th').innerText()).trim(), 'วันอาทิตย์');
  assert.match(await sunday.innerText(), /ปิดทำการ/);
  assert.is(await sunday.getByTestId('add-shift').innerText(), '+ ช่วงเวลา');
  await monday.getByTestId('shift-to').first().fill('25:00');
  await monday.getByTestId('shift-to').first().press('Tab');
  const error = page.getByTestId('form-error');
  await error.waitFor();
  assert.is(await error.innerText(), 'วันจันทร์ ช่วงเวลาที่ 1: "25:00" ไม่ใช่เวลาของวัน (เวลาปิดช้าสุดคือ 24:00)');
  await monday.getByTestId('shift-to').first().fill('12:30');
  await monday.getByTestId('shift-to').first().press('Tab');
  await error.waitFor({ state: 'detached' });
  await page.screenshot({ path: `${SHOTS}/thai-inbox-4-hours-form.png`, fullPage: true });

  // the file says what the calendar reads: the DSL's day key and 24-hour times, whatever the studio's language
  await page.locator('[data-testid="view-tab"][data-view="yaml"]').click();
  await page.locator('[data-testid="file-tab"][data-file="flows/office-hours.yaml"]').click();
  await editorContent(page).waitFor();
  assert.match(await editorText(page), /\n {2}mon: \["09:00-12:30", "13:00-18:00"\]\n/);

  // CodeMirror's own search panel speaks Thai too
  await editorContent(page).click();
  await page.keyboard.press('ControlOrMeta+F');
  const panel = page.getByTestId('yaml-editor').locator('.cm-search');
  await panel.waitFor();
  assert.is(await panel.locator('input[name="search"]').getAttribute('placeholder'), 'ค้นหา');
  assert.is(await panel.locator('input[name="replace"]').getAttribute('placeholder'), 'แทนที่');
  assert.is(await panel.locator('button[name="next"]').innerText(), 'ถัดไป');
  assert.is(await panel.locator('button[name="replaceAll"]').innerText(), 'แทนที่ทั้งหมด');
  await page.context().close();
});

test.run();
