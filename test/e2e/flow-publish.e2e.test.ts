/**
 * Publishing flows safely in headless Chromium: Publish shows the draft against the active version and
 * needs a note, which the version history then shows; a second tab whose draft started before the first
 * tab published is refused with who and when, keeps its draft and shows the diff against the new version;
 * any two versions can be compared.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { TestEngine } from '../support/engine-harness.ts';
import { launchStudio, signIn } from '../support/studio-browser.ts';

let engine: TestEngine | undefined;
let browser: Browser | undefined;

test.before(async () => {
  ({ engine, browser } = await launchStudio());
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

async function flowsAsAdmin(): Promise<Page> {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('flow-version').first().waitFor();
  return page;
}

/** a draft from the active version with one line added at the end of the flow file shown (typed over, as a paste) */
async function startDraftAddingLine(page: Page, line: string): Promise<void> {
  await page.getByTestId('edit-version').click();
  await page.getByTestId('discard-draft').waitFor();
  // CodeMirror draws only the lines in view: the whole text comes from the editor element
  const text = await page.getByTestId('yaml-editor').evaluate((el) => ('text' in el && typeof el.text === 'string' ? el.text : ''));
  assert.ok(text.endsWith('\n'));
  await page.getByTestId('code-input').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(`${text}${line}\n`);
}

const activeVersion = (page: Page, n: number) => page.locator(`[data-testid="flow-version"][data-version="${n}"][data-active="true"]`);

test('Publish shows the diff against the active version, needs a note, and the history shows it', async () => {
  const page = await flowsAsAdmin();
  await startDraftAddingLine(page, '# reviewed by the e2e test');
  await page.getByTestId('publish-button').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByTestId('diff-file').first().waitFor();
  assert.match(await dialog.getByTestId('diff-summary').innerText(), /1 file changed from version 1 to your draft/);
  assert.equal(await dialog.getByTestId('diff-added').allInnerTexts(), ['+# reviewed by the e2e test']);
  assert.ok(await dialog.getByTestId('confirm-publish').isDisabled(), 'no publishing without a note');
  await dialog.getByTestId('publish-note').fill('   ');
  assert.ok(await dialog.getByTestId('confirm-publish').isDisabled(), 'spaces are no note');
  await dialog.getByTestId('publish-note').fill('Reviewed the support flow');
  await dialog.getByTestId('confirm-publish').click();
  await activeVersion(page, 2).waitFor();
  assert.match(await page.getByTestId('flows-notice').innerText(), /Published version 2/);
  assert.is(await page.getByTestId('publish-dialog').count(), 0);
  assert.is(await page.locator('[data-testid="flow-version"][data-version="2"] [data-testid="version-note"]').innerText(), 'Reviewed the support flow');
  await page.context().close();
});

test("a second tab's stale publish is refused with who and when, and its draft is kept", async () => {
  const first = await flowsAsAdmin();
  const second = await flowsAsAdmin();
  await startDraftAddingLine(first, '# first tab');
  await startDraftAddingLine(second, '# second tab');

  await first.getByTestId('publish-button').click();
  await first.getByTestId('publish-note').fill('First tab wins');
  await first.getByTestId('confirm-publish').click();
  await activeVersion(first, 3).waitFor();

  await second.getByTestId('publish-button').click();
  await second.getByTestId('publish-note').fill('Second tab, started from version 2');
  await second.getByTestId('confirm-publish').click();
  const error = second.getByTestId('publish-error');
  await error.waitFor();
  assert.match(await error.innerText(), /Version 3 was published by Admin at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you started this draft from version 2; nothing was published/);
  // the diff is now against version 3: the first tab's line is gone from the draft's view, the second's added
  await second.getByTestId('stale-hint').waitFor();
  await second.locator('[data-testid="publish-dialog"] [data-testid="diff-summary"]', { hasText: 'version 3 (active now)' }).waitFor();
  assert.equal(await second.getByTestId('diff-added').allInnerTexts(), ['+# second tab']);
  assert.equal(await second.getByTestId('diff-removed').allInnerTexts(), ['-# first tab']);
  assert.match(await second.getByTestId('confirm-publish').innerText(), /Publish over version 3/);

  // cancelling keeps the draft: still editing, with the second tab's line
  await second.getByTestId('cancel-publish').click();
  assert.is(await second.getByTestId('discard-draft').count(), 1, 'the draft is still open');
  assert.match(await second.getByTestId('yaml-editor').evaluate((el) => ('text' in el && typeof el.text === 'string' ? el.text : '')), /# second tab\n$/);
  // the list now shows the first tab's version 3, and nothing from the second tab
  await activeVersion(second, 3).waitFor();
  assert.is(await second.getByTestId('flow-version').count(), 3, 'nothing was published');
  await first.context().close();
  await second.context().close();
});

test('any two versions can be compared', async () => {
  const page = await flowsAsAdmin();
  await page.getByTestId('compare-from').selectOption('1');
  await page.getByTestId('compare-to').selectOption('3');
  await page.getByTestId('compare-versions').click();
  const comparison = page.getByTestId('version-comparison');
  await comparison.getByTestId('diff-file').first().waitFor();
  assert.equal(await comparison.getByTestId('diff-added').allInnerTexts(), ['+# reviewed by the e2e test', '+# first tab']);
  await page.getByTestId('close-comparison').click();
  assert.is(await page.getByTestId('version-comparison').count(), 0);
  await page.context().close();
});

test.run();
