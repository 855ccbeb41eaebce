/**
 * The draft as a graph and as forms, in headless Chromium: a step typed into the YAML appears as a
 * node (greyed while nothing reaches it), a node's click shows its YAML; the business-hours grid
 * writes a split shift into the YAML with every comment kept, refuses an impossible time with a
 * message, and the change is undoable in the editor; a version that is not a draft shows read-only.
 *
 * Needs a built studio (`npm run build`, or BATON_TEST_STUDIO_DIR) and Debian's chromium at /usr/bin/chromium.
 */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { cursorLine, editorContent, editorText, lineOf, moveCursor } from '../support/code-editor.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import { launchStudio, SHOTS, signIn } from '../support/studio-browser.ts';

const FLOW_FILE = 'flows/support.flow.yaml';
const HOURS_FILE = 'flows/office-hours.yaml';
const shippedHours = fs.readFileSync(HOURS_FILE, 'utf8');

let engine: TestEngine | undefined;
let browser: Browser | undefined;

test.before(async () => {
  ({ engine, browser } = await launchStudio());
});

test.after(async () => {
  await browser?.close();
  await engine?.stop();
});

async function flowsPage(): Promise<Page> {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-flows').click();
  return page;
}

/** The admin, on a draft of the active version with `file` open in the YAML view. */
async function draftOf(file: string): Promise<Page> {
  const page = await flowsPage();
  await page.getByTestId('edit-version').click();
  await page.locator(`[data-testid="file-tab"][data-file="${file}"]`).click();
  await editorContent(page).waitFor();
  return page;
}

const view = (page: Page, name: string) => page.locator(`[data-testid="view-tab"][data-view="${name}"]`);
const node = (page: Page, key: string) => page.locator(`[data-testid="graph-node"][data-node="${key}"]`);

test('a step typed into the YAML appears in the graph, greyed until something leads to it; a node click shows its YAML', async () => {
  const page = await draftOf(FLOW_FILE);
  await view(page, 'graph').click();
  await node(page, 'trigger:human').waitFor();
  assert.is(await node(page, 'step:ask-email').count(), 0);
  assert.is(await node(page, 'step:handoff').getAttribute('data-unreachable'), 'false');

  // back in the YAML, a new step after the last one
  await view(page, 'yaml').click();
  await moveCursor(page, await lineOf(page, '    end: { release: true }'), 100);
  await page.keyboard.insertText('\n  - id: ask-email\n    say: { text: "What is your email?" }\n    next: handoff');

  await view(page, 'graph').click();
  const added = node(page, 'step:ask-email');
  await added.waitFor();
  assert.is(await added.getAttribute('data-unreachable'), 'true', 'no trigger leads to it yet');
  assert.match(await added.locator('title').textContent() ?? '', /^Unreachable: no trigger, queue timeout or step leads here/);
  assert.is(await added.locator('text.title').textContent(), 'say ask-email');
  assert.is(await added.locator('text.summary').textContent(), 'What is your email?');
  assert.is(await page.locator('[data-testid="graph-edge"][data-from="step:ask-email"][data-to="step:handoff"]').count(), 1, 'its next is drawn');
  await page.screenshot({ path: `${SHOTS}/flow-graph-1-new-step.png` });

  // a trigger that goes to it: the step is reachable, no longer greyed
  await view(page, 'yaml').click();
  await moveCursor(page, await lineOf(page, '  - { id: new-friend, event: follow, goto: welcome }'), 100);
  await page.keyboard.insertText('\n  - { id: email, keyword: { any: [email] }, goto: ask-email }');
  await view(page, 'graph').click();
  await page.locator('[data-testid="graph-node"][data-node="step:ask-email"][data-unreachable="false"]').waitFor();
  await node(page, 'trigger:email').waitFor();

  // clicking the handoff step shows the YAML with the step selected
  await node(page, 'step:handoff').click();
  await editorContent(page).waitFor();
  assert.is(await view(page, 'yaml').getAttribute('aria-selected'), 'true');
  assert.is(await cursorLine(page), await lineOf(page, 'greetingCanned: queued'), 'the selection ends on the step\'s last line');
  assert.ok((await page.getByTestId('yaml-editor').locator('.cm-selectionBackground').count()) > 0, 'the step is selected');
  await page.context().close();
});

test('the hours grid writes a split shift into the YAML with the comments kept; an impossible time is refused; Undo takes it back', async () => {
  const page = await draftOf(HOURS_FILE);
  await view(page, 'hours').click();
  const sunday = page.locator('[data-testid="hours-day"][data-day="sun"]');
  await sunday.waitFor();
  assert.match(await sunday.innerText(), /Closed/);
  const monday = page.locator('[data-testid="hours-day"][data-day="mon"]');
  assert.equal(await monday.getByTestId('shift-from').evaluateAll((inputs) => inputs.map((i) => (i instanceof HTMLInputElement ? i.value : ''))), ['09:00', '13:00']);

  // Sunday 10-12 and 13-15: a split shift, typed as a person would
  await sunday.getByTestId('add-shift').click();
  await sunday.getByTestId('shift-from').first().fill('10:00');
  await sunday.getByTestId('shift-to').first().fill('12:00');
  await sunday.getByTestId('shift-to').first().press('Tab');
  await sunday.getByTestId('add-shift').click();
  await sunday.getByTestId('shift-from').nth(1).fill('13:00');
  await sunday.getByTestId('shift-to').nth(1).fill('15:00');
  await sunday.getByTestId('shift-to').nth(1).press('Tab');

  // an impossible time: the message names the day and the shift, and the YAML is not touched
  await monday.getByTestId('shift-to').first().fill('25:00');
  await monday.getByTestId('shift-to').first().press('Tab');
  const error = page.getByTestId('form-error');
  await error.waitFor();
  assert.match(await error.innerText(), /^Monday, shift 1: "25:00" is not a time of day/);
  await monday.getByTestId('shift-to').first().fill('12:00');
  await monday.getByTestId('shift-to').first().press('Tab');
  await error.waitFor({ state: 'detached' });
  await page.screenshot({ path: `${SHOTS}/flow-forms-1-hours.png` });

  await page.locator(`[data-testid="file-tab"][data-file="${HOURS_FILE}"]`).click();
  await editorContent(page).waitFor();
  const expected = shippedHours.replace('  sat: ["10:00-14:00"]\n', '  sat: ["10:00-14:00"]\n  sun: ["10:00-12:00", "13:00-15:00"]\n');
  assert.is(await editorText(page), expected, 'one new line; every comment and other line as it was');
  assert.match(expected, /# the Friday before Songkran: a short day/);
  await page.locator('[data-testid="live-problem-count"][data-count="0"]').waitFor();

  // the form's changes are edits of the file like any other: Undo takes them back. CodeMirror groups edits
  // made within half a second into one undo step; on a loaded machine the form's edits land further apart
  // and take a press each (the form made six edits, so six presses at most)
  await editorContent(page).click();
  for (let presses = 0; (await editorText(page)) !== shippedHours; presses++) {
    assert.ok(presses < 6, 'Undo brings back the file as shipped');
    await page.keyboard.press('ControlOrMeta+Z');
    await page.waitForTimeout(100);
  }
  await page.context().close();
});

test('a version that is not a draft shows the graph and the forms read-only', async () => {
  const page = await flowsPage();
  await view(page, 'hours').click();
  const from = page.locator('[data-testid="hours-day"][data-day="mon"]').getByTestId('shift-from').first();
  await from.waitFor();
  assert.ok(await from.isDisabled(), 'the fields cannot be changed');
  assert.is(await page.getByTestId('add-shift').count(), 0);
  await view(page, 'survey').click();
  assert.ok(await page.getByTestId('survey-question').isDisabled());
  assert.match(await page.getByTestId('survey-question').inputValue(), /How did we do\?/);
  await view(page, 'graph').click();
  await node(page, 'step:csat').waitFor();
  await page.context().close();
});

test.run();
