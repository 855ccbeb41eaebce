/**
 * Studio › Flows in headless Chromium: an admin finds version 1 active, breaks the flow in the editor,
 * sees the problem as file:line:col (and is taken to that line), publishing the broken draft is
 * refused the same way, fixes it, publishes version 2, and rolls back to version 1.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { cursorLine, editorContent, editorText, replaceEditorText } from '../support/code-editor.ts';
import { addOperator } from '../support/test-operators.ts';
import type { TestEngine } from '../support/engine-harness.ts';
import { launchStudio, SHOTS, STEP_TIMEOUT_MS } from '../support/studio-browser.ts';

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

async function signIn(who?: { email: string; password: string }): Promise<Page> {
  if (!browser || !engine) throw new Error('the engine and the browser start in test.before');
  const { email, password } = who ?? engine.admin;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  await page.goto(`${engine.baseUrl}/#/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('operator-name').waitFor();
  return page;
}

const version = (page: Page, n: number) => page.locator(`[data-testid="flow-version"][data-version="${n}"]`);
const activeVersion = (page: Page, n: number) => page.locator(`[data-testid="flow-version"][data-version="${n}"][data-active="true"]`);

test('an admin edits, validates, publishes and rolls back the flows', async () => {
  const page = await signIn();
  await page.getByTestId('nav-flows').click();
  await activeVersion(page, 1).waitFor();
  assert.is(await page.getByTestId('flow-version').count(), 1, 'only the version loaded from the flows folder');
  assert.match(await page.getByTestId('flows-heading').innerText(), /Version 1/);
  // read-only until a draft is started
  assert.is(await editorContent(page).getAttribute('contenteditable'), 'false');
  await page.screenshot({ path: `${SHOTS}/flows-1-versions.png` });

  // a draft from version 1, with a step name misspelt
  await page.getByTestId('edit-version').click();
  await page.locator(`[data-testid="file-tab"][data-file="${FLOW_FILE}"]`).click();
  const original = await editorText(page);
  const brokenLine = original.slice(0, original.indexOf('goto: to-human')).split('\n').length;
  await replaceEditorText(page, original.replace('goto: to-human', 'goto: to-humane'));
  await page.getByTestId('validate-button').click();

  const problem = page.getByTestId('flow-problem').filter({ hasText: `${FLOW_FILE}:${brokenLine}:` });
  await problem.waitFor();
  assert.match(await problem.innerText(), new RegExp(`^${FLOW_FILE}:${brokenLine}:\\d+ .*to-humane.*\\[unknown-step\\]$`));
  assert.is(await page.locator('[data-testid="flow-verdict"][data-verdict="invalid"]').count(), 1);

  // the problem takes the cursor to its line (from wherever it was)
  await page.locator('[data-testid="file-tab"][data-file="flows/canned.yaml"]').click();
  await problem.click();
  assert.is(await page.locator('[data-testid="file-tab"][aria-selected="true"]').getAttribute('data-file'), FLOW_FILE);
  assert.is(await cursorLine(page), brokenLine, 'the cursor is on the broken line');
  await page.screenshot({ path: `${SHOTS}/flows-2-problem.png` });

  // publishing the broken draft is refused with the same problem lines
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-note').fill('Broken on purpose');
  await page.getByTestId('confirm-publish').click();
  await page.getByTestId('publish-error').filter({ hasText: `Not published: the draft has 1 problem: ${FLOW_FILE}:${brokenLine}:` }).waitFor();
  await page.getByTestId('cancel-publish').click();
  assert.ok(await problem.count(), 'the problems stay listed in the editor');
  assert.is(await page.getByTestId('flow-version').count(), 1, 'nothing was published');

  // fixed: valid, published as version 2, which becomes active
  await replaceEditorText(page, original);
  await page.locator('[data-testid="flow-verdict"][data-stale="true"]').waitFor();
  await page.getByTestId('validate-button').click();
  await page.locator('[data-testid="flow-verdict"][data-verdict="valid"]').waitFor();
  assert.is(await page.getByTestId('flow-problem').count(), 0);
  await page.screenshot({ path: `${SHOTS}/flows-3-valid.png` });
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-note').fill('Fixed the handoff step');
  await page.getByTestId('confirm-publish').click();
  await activeVersion(page, 2).waitFor();
  assert.is(await version(page, 1).getAttribute('data-active'), 'false');
  assert.match(await page.getByTestId('flows-notice').innerText(), /Published version 2/);
  assert.match(await version(page, 2).innerText(), /Admin/, 'published by the admin, by name');
  assert.is(await page.locator('[data-testid="activation"][data-action="publish"][data-version="2"]').count(), 1);

  // roll back to version 1, after a confirm
  await version(page, 1).getByTestId('activate-version').click();
  await page.screenshot({ path: `${SHOTS}/flows-4-confirm-rollback.png` });
  await version(page, 1).getByTestId('confirm-activate').click();
  await activeVersion(page, 1).waitFor();
  assert.is(await version(page, 2).getAttribute('data-active'), 'false');
  assert.is(await page.locator('[data-testid="activation"][data-action="activate"][data-version="1"]').count(), 1);
  assert.is(await page.getByTestId('activation').first().getAttribute('data-version'), '1', 'the rollback is the newest entry');
  await page.screenshot({ path: `${SHOTS}/flows-5-rolled-back.png` });
});

async function addTeamMember(role: 'supervisor' | 'operator'): Promise<{ email: string; password: string }> {
  if (!engine) throw new Error('no engine');
  const who = { email: `${role}-${randomUUID().slice(0, 8)}@example.com`, password: `${role}-password-1` };
  await addOperator(engine.baton.store, { ...who, name: `A ${role}`, role });
  return who;
}

test('a supervisor may edit and validate but not publish or roll back; operators see no Flows', async () => {
  const supervisor = await signIn(await addTeamMember('supervisor'));
  await supervisor.getByTestId('nav-flows').click();
  await supervisor.getByTestId('flow-version').first().waitFor();
  assert.is(await supervisor.getByTestId('activate-version').count(), 0, 'no rollback for supervisors');
  await supervisor.getByTestId('edit-version').click();
  await supervisor.getByTestId('validate-button').click();
  await supervisor.locator('[data-testid="flow-verdict"][data-verdict="valid"]').waitFor();
  assert.is(await supervisor.getByTestId('publish-button').count(), 0, 'no publishing for supervisors');

  const operator = await signIn(await addTeamMember('operator'));
  assert.is(await operator.getByTestId('nav-flows').count(), 0);
  await operator.goto(`${engine?.baseUrl}/#/flows`);
  await operator.getByTestId('flows-forbidden').waitFor();
});

test.run();
