/**
 * The inbox's filters, its URL and its keyboard shortcuts, in headless Chromium against a sandbox engine:
 * the filters narrow the list and the tab counts and follow live changes; the open conversation, tab and
 * filters survive a reload, open the same view from a shared link (and from a link followed before signing
 * in), and Back returns to the conversation before; a link to someone else's conversation says so; each
 * shortcut does what the `?` dialog says, and none fires while typing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { seedConversation, type SeededConversation } from '../support/seeded-conversations.ts';
import { addOperator } from '../support/test-operators.ts';
import { launchStudio, openPage, signIn, signInHere, SHOTS } from '../support/studio-browser.ts';
import { INBOX_SHORTCUTS } from '../../studio/src/inbox/inbox-shortcuts.ts';

let engine: TestEngine;
let browser: Browser;
const ANN = { email: 'ann@example.com', password: 'ann-password-1' };
const BEN = { email: 'ben@example.com', password: 'ben-password-1' };
const SUE = { email: 'sue@example.com', password: 'sue-password-1' };
const ids = new Map<string, string>();
function idOf(name: string): string {
  const id = ids.get(name);
  if (!id) throw new Error(`no conversation ${name}`);
  return id;
}

async function operatorId(email: string): Promise<string> {
  const operator = (await engine.baton.store.operators.list()).find((o) => o.email === email);
  if (!operator) throw new Error(`no operator ${email}`);
  return operator.id;
}

async function seed(conversations: Omit<SeededConversation, 'holderId'>[], holders: Record<string, string> = {}): Promise<void> {
  for (const conversation of conversations) {
    const holderId = holders[conversation.name];
    ids.set(conversation.name, await seedConversation(engine.baton.store, { ...conversation, ...(holderId ? { holderId } : {}) }, Date.now() + ids.size));
  }
}

async function live(page: Page): Promise<Page> {
  await page.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  await page.locator('[data-testid="conversation-list"][aria-busy="false"]').waitFor();
  return page;
}

const rowNames = async (page: Page): Promise<string[]> => (await page.getByTestId('conversation-name').allInnerTexts()).sort();
const count = async (page: Page, tab: 'waiting' | 'active' | 'closed'): Promise<number> => Number(await page.getByTestId(`count-${tab}`).innerText());
const hashParams = (page: Page): URLSearchParams => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
/** the list shows exactly these conversations (a filter's new list has replaced the old one) */
async function waitForRows(page: Page, names: string[], timeoutMs = 20_000): Promise<void> {
  const wanted = [...names].sort();
  const until = Date.now() + timeoutMs;
  let shown = await rowNames(page);
  while (JSON.stringify(shown) !== JSON.stringify(wanted)) {
    if (Date.now() > until) assert.equal(shown, wanted, 'the rows listed');
    await page.waitForTimeout(100);
    shown = await rowNames(page);
  }
}
const selectedRow = (page: Page) => page.locator('[data-testid="conversation-row"][aria-current="true"]');

/** the text of the element that has the focus, through shadow roots */
const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('data-testid') ?? null;
  });

test.before(async () => {
  ({ engine, browser } = await launchStudio());
  const { store } = engine.baton;
  await addOperator(store, { email: ANN.email, password: ANN.password, name: 'Ann' });
  await addOperator(store, { email: BEN.email, password: BEN.password, name: 'Ben' });
  await addOperator(store, { email: SUE.email, password: SUE.password, name: 'Sue', role: 'supervisor' });
  const [ann, ben] = [await operatorId(ANN.email), await operatorId(BEN.email)];
  await seed(
    [
      { name: 'Wanda sales vip', team: 'sales', tags: ['vip'] },
      { name: 'Walt sales', team: 'sales', tags: [] },
      { name: 'Wes support vip', team: 'support', tags: ['VIP'] },
      { name: 'Ada sales vip', team: 'sales', tags: ['vip', 'new'] },
      { name: 'Bea sales', team: 'sales', tags: [] },
      { name: 'Cid support vip', team: 'support', tags: ['vip'] },
    ],
    { 'Ada sales vip': ann, 'Bea sales': ben, 'Cid support vip': ben },
  );
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

test('filters narrow the list and the tab counts, stay out of history, and live changes follow them', async () => {
  const sue = await live(await signIn(browser, engine, SUE));
  assert.is(await count(sue, 'waiting'), 3);
  assert.is(await count(sue, 'active'), 3);
  const historyLength = await sue.evaluate(() => history.length);

  await sue.getByTestId('filter-team').selectOption('sales');
  await sue.locator('[data-testid="count-waiting"]', { hasText: /^2$/ }).waitFor();
  assert.equal(await rowNames(sue), ['Walt sales', 'Wanda sales vip']);
  assert.is(await count(sue, 'active'), 2, 'Ada and Bea');
  assert.is(hashParams(sue).get('team'), 'sales');

  await sue.getByTestId('filter-tag').fill('VIP');
  await sue.locator('[data-testid="count-waiting"]', { hasText: /^1$/ }).waitFor();
  assert.equal(await rowNames(sue), ['Wanda sales vip']);
  assert.is(await count(sue, 'active'), 1, 'Ada');
  assert.is(hashParams(sue).get('tag'), 'VIP');

  await sue.getByTestId('filter-clear').click();
  await sue.locator('[data-testid="count-waiting"]', { hasText: /^3$/ }).waitFor();
  assert.is(new URL(sue.url()).hash, '#/inbox', 'no filters left in the URL');

  await sue.getByTestId('filter-assignee-unassigned').click();
  await sue.locator('[data-testid="count-active"]', { hasText: /^0$/ }).waitFor();
  assert.is(await count(sue, 'waiting'), 3);
  assert.is(hashParams(sue).get('assignee'), 'unassigned');
  assert.is(await sue.evaluate(() => history.length), historyLength, 'filters replace the history entry, they add none');

  // live: a waiting conversation claimed by Ann stops being unassigned and leaves the list
  const annApi = await OperatorClient.signIn(engine.baseUrl, ANN.email, ANN.password);
  assert.is((await annApi.request('POST', `/api/conversations/${idOf('Walt sales')}/claim`)).status, 200);
  await sue.locator('[data-testid="count-waiting"]', { hasText: /^2$/ }).waitFor();
  assert.equal(await rowNames(sue), ['Wanda sales vip', 'Wes support vip']);
  assert.is(await count(sue, 'active'), 0, 'it does not show up under Active either');

  // and one Sue claims starts to be hers: under Mine it appears
  await sue.getByTestId('filter-assignee-me').click();
  await sue.locator('[data-testid="count-waiting"]', { hasText: /^0$/ }).waitFor();
  assert.is(await count(sue, 'active'), 0);
  const sueApi = await OperatorClient.signIn(engine.baseUrl, SUE.email, SUE.password);
  assert.is((await sueApi.request('POST', `/api/conversations/${idOf('Wes support vip')}/claim`)).status, 200);
  await sue.locator('[data-testid="count-active"]', { hasText: /^1$/ }).waitFor();
  await sue.getByTestId('tab-active').click();
  assert.equal(await rowNames(sue), ['Wes support vip']);
  await sue.screenshot({ path: `${SHOTS}/inbox-url-1-filters.png` });
  await sue.context().close();
});

test('the open conversation, tab and filters survive a reload; Back returns to the conversation before', async () => {
  const sue = await live(await signIn(browser, engine, SUE));
  await sue.getByTestId('tab-active').click();
  await sue.getByTestId('filter-team').selectOption('sales');
  await sue.getByTestId('conversation-row').filter({ hasText: 'Ada sales vip' }).click();
  await sue.getByTestId('thread-name').filter({ hasText: 'Ada sales vip' }).waitFor();
  assert.is(new URL(sue.url()).hash, `#/inbox/${idOf('Ada sales vip')}?tab=active&team=sales`);

  await sue.reload();
  await live(sue);
  await sue.getByTestId('thread-name').filter({ hasText: 'Ada sales vip' }).waitFor();
  assert.is(await sue.getByTestId('tab-active').getAttribute('aria-selected'), 'true');
  assert.is(await sue.getByTestId('filter-team').inputValue(), 'sales');
  assert.equal(await rowNames(sue), ['Ada sales vip', 'Bea sales', 'Walt sales']);
  assert.is(await selectedRow(sue).innerText().then((t) => t.includes('Ada sales vip')), true, 'its row is the selected one');

  await sue.getByTestId('conversation-row').filter({ hasText: 'Bea sales' }).click();
  await sue.getByTestId('thread-name').filter({ hasText: 'Bea sales' }).waitFor();
  await sue.goBack();
  await sue.getByTestId('thread-name').filter({ hasText: 'Ada sales vip' }).waitFor();
  assert.is(new URL(sue.url()).hash, `#/inbox/${idOf('Ada sales vip')}?tab=active&team=sales`);
  await sue.goForward();
  await sue.getByTestId('thread-name').filter({ hasText: 'Bea sales' }).waitFor();
  await sue.context().close();
});

test('a shared link opens the same view for another user who may see it, also through the sign-in page', async () => {
  const link = `#/inbox/${idOf('Bea sales')}?tab=active&assignee=${await operatorId(BEN.email)}&tag=`;
  // the admin, already signed in, follows Sue's link
  const admin = await live(await signIn(browser, engine, engine.admin));
  await admin.goto(`${engine.baseUrl}/${link}`);
  await admin.getByTestId('thread-name').filter({ hasText: 'Bea sales' }).waitFor();
  assert.is(await admin.getByTestId('filter-assignee-operator').getAttribute('aria-pressed'), 'true');
  await admin.locator('[data-testid="filter-assignee-operator"]', { hasText: 'Ben' }).waitFor();
  await admin.locator('[data-testid="count-active"]', { hasText: /^2$/ }).waitFor();
  assert.equal(await rowNames(admin), ['Bea sales', 'Cid support vip'], "Ben's active conversations");
  await admin.context().close();

  // Ben, signed out, is sent to sign in first and then lands on the view of the link
  const ben = await openPage(browser, engine, link);
  await ben.getByTestId('login-email').waitFor();
  await signInHere(ben, BEN);
  await live(ben);
  await ben.getByTestId('thread-name').filter({ hasText: 'Bea sales' }).waitFor();
  assert.is(new URL(ben.url()).hash, link, 'the whole link, its query too, survived the way through sign-in');
  assert.is(await ben.getByTestId('tab-active').getAttribute('aria-selected'), 'true');
  await ben.context().close();
});

test("a link to a conversation the operator may not open says so, and to one that does not exist", async () => {
  const ann = await live(await signIn(browser, engine, ANN));
  await ann.goto(`${engine.baseUrl}/#/inbox/${idOf('Bea sales')}?tab=active`);
  const notice = ann.getByTestId('inbox-link-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /can't open this conversation: another operator holds it/);
  assert.is(await ann.getByTestId('thread-name').count(), 0, "nothing of Ben's conversation shows");

  await ann.goto(`${engine.baseUrl}/#/inbox/01ARZ3NDEKTSV4RRFFQ69G5FAV`);
  await ann.getByTestId('inbox-link-notice').filter({ hasText: 'does not exist' }).waitFor();
  await ann.screenshot({ path: `${SHOTS}/inbox-url-2-refused-link.png` });

  // picking a conversation from the list puts the thread back
  await ann.getByTestId('conversation-row').first().click();
  await ann.getByTestId('thread-name').waitFor();
  assert.is(await ann.getByTestId('inbox-link-notice').count(), 0);
  await ann.context().close();
});

test('each shortcut does what the ? dialog lists, and none fires while typing', async () => {
  await seed([
    { name: 'Kim queue one', team: 'kb', tags: [] },
    { name: 'Kai queue two', team: 'kb', tags: [] },
    { name: 'Kit queue three', team: 'kb', tags: [] },
  ]);
  const ann = await live(await signIn(browser, engine, ANN));
  await ann.getByTestId('filter-team').selectOption('kb');
  await ann.locator('[data-testid="count-waiting"]', { hasText: /^3$/ }).waitFor();
  // the count alone could still be the unfiltered list's: j/k walk the rows shown, so wait for the team's three
  await waitForRows(ann, ['Kai queue two', 'Kim queue one', 'Kit queue three']);

  await ann.keyboard.press('?');
  const dialog = ann.getByTestId('shortcuts-dialog');
  await dialog.waitFor();
  const listed = await ann.getByTestId('shortcut').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-action'), row.textContent ?? '']));
  assert.equal(listed.map(([action]) => action), INBOX_SHORTCUTS.map((s) => s.action));
  for (const [i, shortcut] of INBOX_SHORTCUTS.entries()) assert.ok(listed[i]?.[1]?.includes(shortcut.label), shortcut.label);
  assert.match(await dialog.innerText(), /Alt \+ ↓/);
  await ann.screenshot({ path: `${SHOTS}/inbox-url-3-shortcuts.png` });
  await ann.keyboard.press('j');
  assert.is(await selectedRow(ann).count(), 0, 'j does nothing while the dialog is open');
  await ann.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // j / k walk the Waiting list in its order (oldest first); Alt+↓ / Alt+↑ too
  await ann.keyboard.press('j');
  await selectedRow(ann).filter({ hasText: 'Kim queue one' }).waitFor();
  await ann.keyboard.press('j');
  await selectedRow(ann).filter({ hasText: 'Kai queue two' }).waitFor();
  await ann.keyboard.press('Alt+ArrowDown');
  await selectedRow(ann).filter({ hasText: 'Kit queue three' }).waitFor();
  await ann.keyboard.press('k');
  await selectedRow(ann).filter({ hasText: 'Kai queue two' }).waitFor();
  await ann.keyboard.press('Alt+ArrowUp');
  await selectedRow(ann).filter({ hasText: 'Kim queue one' }).waitFor();
  await ann.getByTestId('thread-name').filter({ hasText: 'Kim queue one' }).waitFor();
  await ann.goBack();
  await selectedRow(ann).filter({ hasText: 'Kai queue two' }).waitFor();
  await ann.goForward();
  await ann.getByTestId('thread-name').filter({ hasText: 'Kim queue one' }).waitFor();

  // / goes to the search box, and typing there is text, not shortcuts
  await ann.keyboard.press('/');
  assert.is(await focusedTestId(ann), 'conversation-search');
  await ann.keyboard.type('jk');
  assert.is(await ann.getByTestId('conversation-search').inputValue(), 'jk');
  await selectedRow(ann).filter({ hasText: 'Kim queue one' }).waitFor();
  await ann.getByTestId('conversation-search').fill('');
  await ann.getByTestId('thread-name').click(); // the focus leaves the field

  // c claims the open conversation
  await ann.keyboard.press('c');
  await ann.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await ann.getByTestId('tab-active').and(ann.locator('[aria-selected="true"]')).waitFor();

  // r and Enter put the cursor in the composer; typing "e" there writes it and closes nothing
  await ann.getByTestId('thread-name').click();
  await ann.keyboard.press('r');
  assert.is(await focusedTestId(ann), 'composer-input');
  await ann.keyboard.type('je');
  assert.is(await ann.getByTestId('composer-input').inputValue(), 'je');
  assert.is(await ann.getByTestId('thread-status').innerText(), 'active');
  await ann.getByTestId('composer-input').fill('');
  await ann.getByTestId('thread-name').click();
  await ann.keyboard.press('Enter');
  assert.is(await focusedTestId(ann), 'composer-input');
  await ann.getByTestId('thread-name').click();

  // e presses the thread's own Close button: its confirmation (a reason) takes over, as on a click
  await ann.keyboard.press('e');
  await ann.getByTestId('close-form').waitFor();
  assert.is(await ann.getByTestId('thread-status').innerText(), 'active', 'nothing closed without the confirmation');
  await ann.getByTestId('close-confirm').click();
  await ann.getByTestId('thread-status').filter({ hasText: 'closed' }).waitFor();
  await ann.context().close();
});

test.run();
