/**
 * The flow editor in headless Chromium: problems appear as you type (underlined on their line, in
 * the problems panel, F8 goes to them) from the validator running in the browser, completion offers
 * the draft's step ids, hover explains a key, Format tidies a file, and Ctrl+S keeps a draft across
 * a reload.
 *
 * Needs a built studio (`npm run build`, or BATON_TEST_STUDIO_DIR) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { cursorLine, editorContent, editorText, lineOf, moveCursor, replaceEditorText } from '../support/code-editor.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import { launchStudio, SHOTS, signIn } from '../support/studio-browser.ts';

const FLOW_FILE = 'flows/support.flow.yaml';

let engine: TestEngine | undefined;
let browser: Browser | undefined;

test.before(async () => {
  ({ engine, browser } = await launchStudio());
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

/** The admin, on a draft of version 1 with the flow file open. */
async function draftOfTheFlow(): Promise<Page> {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-flows').click();
  await page.getByTestId('edit-version').click();
  await page.locator(`[data-testid="file-tab"][data-file="${FLOW_FILE}"]`).click();
  await editorContent(page).waitFor();
  return page;
}

const underlined = (page: Page) => page.getByTestId('yaml-editor').locator('.cm-lintRange-error');

test('an unknown key is underlined on its line as it is typed, with the validator message, and F8 goes to it', async () => {
  const page = await draftOfTheFlow();
  assert.is(await underlined(page).count(), 0, 'the shipped flow has no problems');
  // a new key on the welcome step, typed: Enter indents the new line like the one above
  await moveCursor(page, await lineOf(page, '  - id: welcome'), 100);
  await page.keyboard.press('Enter');
  await page.keyboard.type('colour: red');

  // nothing pressed, nothing clicked: the underline comes by itself after a pause in typing
  await underlined(page).filter({ hasText: 'colour' }).waitFor();
  const line = await lineOf(page, 'colour: red');
  assert.is(line, (await lineOf(page, '  - id: welcome')) + 1);
  assert.match(await editorText(page), /\n {4}colour: red\n/, 'the key sits in the welcome step');
  const problem = page.getByTestId('flow-problem').filter({ hasText: `${FLOW_FILE}:${line}:5 ` });
  await problem.waitFor();
  assert.match(await problem.innerText(), /unknown key "colour".*\[schema-unknown-key\]$/);
  assert.is(await page.locator(`[data-testid="file-tab"][data-file="${FLOW_FILE}"] [data-testid="file-problem-count"]`).innerText(), '1');
  await page.screenshot({ path: `${SHOTS}/flow-editor-1-unknown-key.png` });

  // the message and code show on the underline too
  await underlined(page).filter({ hasText: 'colour' }).hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /unknown key "colour"[\s\S]*schema-unknown-key/);

  // F8 from the top of the file lands on the problem
  await moveCursor(page, 1, 1);
  assert.is(await cursorLine(page), 1);
  await page.keyboard.press('F8');
  assert.is(await cursorLine(page), line, 'F8 went to the underlined line');

  // fixed: the underline and the problem go
  await moveCursor(page, line, 100);
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.locator('[data-testid="live-problem-count"][data-count="0"]').waitFor();
  assert.is(await underlined(page).count(), 0);

  // the reference checks run too, not only the schema: an unknown step in a goto
  const gotoLine = await lineOf(page, 'goto: release');
  await moveCursor(page, gotoLine, 100);
  await page.keyboard.type('d');
  await underlined(page).filter({ hasText: 'released' }).waitFor();
  assert.match(await page.getByTestId('flow-problem').filter({ hasText: `${FLOW_FILE}:${gotoLine}:` }).innerText(), /no step "released".*did you mean "release"\?.*\[unknown-step\]/);
  await page.keyboard.press('Backspace');

  // and CEL: a condition that does not type-check
  await moveCursor(page, await lineOf(page, '  - id: back-to-bot'), 100);
  await page.keyboard.press('Enter');
  await page.keyboard.type('when: customer.tags + 1');
  const whenLine = await lineOf(page, 'when: customer.tags');
  await underlined(page).filter({ hasText: 'customer.tags' }).waitFor();
  assert.match(await page.getByTestId('flow-problem').filter({ hasText: `${FLOW_FILE}:${whenLine}:` }).innerText(), /\[cel-[a-z-]+\]$/);
  await page.screenshot({ path: `${SHOTS}/flow-editor-2-cel.png` });
  await page.context().close();
});

test('completion offers the draft step ids where a step is expected, and hover explains a key', async () => {
  const page = await draftOfTheFlow();
  const gotoLine = await lineOf(page, 'goto: release');
  await moveCursor(page, gotoLine, 100);
  for (let i = 0; i < 'release'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('we');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor();
  const labels = await options.allInnerTexts();
  assert.ok(labels.some((label) => label.startsWith('welcome')), `welcome is offered: ${labels.join(' | ')}`);
  assert.ok(labels.every((label) => !label.startsWith('greet')), 'only ids that match what is typed');
  await page.screenshot({ path: `${SHOTS}/flow-editor-3-completion.png` });
  await page.keyboard.press('Enter');
  const lines = (await editorText(page)).split('\n');
  assert.is(lines[gotoLine - 1], '    goto: welcome', 'the chosen id is written in');

  // Ctrl+Space on an empty line of a step offers the step kinds
  await moveCursor(page, await lineOf(page, '  - id: csat'), 100);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await options.first().waitFor();
  const keys = await options.allInnerTexts();
  for (const kind of ['say', 'handoff', 'goto', 'next']) assert.ok(keys.some((label) => label.startsWith(kind)), `${kind} is offered: ${keys.join(' | ')}`);
  assert.ok(keys.every((label) => !label.startsWith('id')), 'id is already there');
  await page.keyboard.press('Escape');

  // hovering a key shows the schema's description (the text of docs/flows.md)
  await moveCursor(page, 1, 1);
  await page.getByTestId('yaml-editor').locator('.cm-line', { hasText: /^triggers:$/ }).locator('text=triggers').hover();
  const hover = page.locator('.cm-tooltip-hover');
  await hover.waitFor();
  assert.match(await hover.innerText(), /Checked in order for every customer event/);
  await page.context().close();
});

test('Format tidies a file, and Ctrl+S keeps the draft in the browser across a reload', async () => {
  const page = await draftOfTheFlow();
  const original = await editorText(page);
  await replaceEditorText(page, original.replace('kind: Flow\nid: support', 'kind: Flow\nid:     support'));
  await page.getByTestId('format-button').click();
  assert.match(await editorText(page), /\nid: support\n/, 'the extra spaces are gone');

  await moveCursor(page, await lineOf(page, 'description:'), 14);
  await page.keyboard.type('Kept in the browser. ');
  await page.keyboard.press('Control+S');
  await page.getByTestId('draft-notice').filter({ hasText: 'Draft saved in this browser' }).waitFor();
  await page.locator('[data-testid="flow-verdict"][data-verdict="valid"]').waitFor();

  await page.reload();
  await page.getByTestId('edit-version').click();
  await page.getByTestId('draft-restored').waitFor();
  await page.locator(`[data-testid="file-tab"][data-file="${FLOW_FILE}"]`).click();
  assert.match(await editorText(page), /description: Kept in the browser\. Greets new friends/, 'the saved draft is back');
  await page.screenshot({ path: `${SHOTS}/flow-editor-4-restored.png` });

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('start-over').click();
  assert.not.match(await editorText(page), /Kept in the browser/, 'started over from the version');
  await page.context().close();
});

test.run();
