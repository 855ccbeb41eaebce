/**
 * Studio › Team, Account and Audit in headless Chromium: an admin adds an operator with a one-time
 * password; the operator signs in in a browser of their own, must choose a password, turns on two-step
 * sign-in (the test computes the TOTP code from the secret shown), keeps the recovery codes, signs in
 * again with one of them, and claims a waiting chat; they see no Team, Audit or Flows. The admin
 * deactivates them and their page is signed out at once; the Audit page shows what happened.
 * Also: an invite link, and a supervisor's read-only Team.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { addOperator } from '../support/test-operators.ts';
import {
  customerSays,
  DESKTOP,
  newCustomer,
  openPage,
  PHONE,
  phoneEntries,
  signIn,
  signInHere,
  SHOTS, studioForSuite } from '../support/studio-browser.ts';

const started = studioForSuite(test);

const unique = () => randomUUID().slice(0, 8);
const row = (page: Page, email: string) => page.locator(`[data-testid="operator-row"][data-email="${email}"]`);

test('an admin adds an operator who signs in, sets a password and MFA, claims a chat, and is signed out when deactivated', async () => {
  const { engine, browser } = started();
  const email = `somsri-${unique()}@example.com`;
  const name = 'สมศรี ใจงาม';

  // the admin adds her in Team with a one-time password
  const admin = await signIn(browser, engine, engine.admin);
  await admin.getByTestId('nav-team').click();
  await row(admin, engine.admin.email).waitFor();
  await admin.getByTestId('add-operator').click();
  await admin.getByTestId('field-email').fill(email);
  await admin.getByTestId('field-name').fill(name);
  await admin.getByTestId('field-role').selectOption('operator');
  await admin.getByTestId('field-teams').fill('billing, vip');
  await admin.getByTestId('field-skills').fill('thai');
  await admin.getByTestId('field-capacity').fill('2');
  await admin.getByTestId('method-password').check();
  await admin.screenshot({ path: `${SHOTS}/team-1-add-operator.png` });
  await admin.getByTestId('operator-save').click();
  const oneTimePassword = await admin.getByTestId('secret-value').inputValue();
  assert.ok(oneTimePassword.length >= 16, `a strong one-time password is shown once: ${oneTimePassword.length} characters`);
  await admin.screenshot({ path: `${SHOTS}/team-2-one-time-password.png` });
  await admin.getByTestId('secret-done').click();
  const somsri = row(admin, email);
  await somsri.waitFor();
  assert.match(await somsri.innerText(), /operator/);
  assert.match(await somsri.innerText(), /billing/);
  assert.is(await somsri.getAttribute('data-mfa'), 'off');

  // she signs in in her own browser and can only choose her own password first
  const operator = await openPage(browser, engine, '#/login');
  await signInHere(operator, { email, password: oneTimePassword });
  await operator.locator('[data-testid="account-step"][data-step="password_change"]').waitFor();
  assert.is(await operator.getByTestId('nav-inbox').count(), 0, 'no way around the step');
  await operator.screenshot({ path: `${SHOTS}/team-3-must-change-password.png` });
  const password = `somsri-${unique()}-password`;
  await operator.getByTestId('password-current').fill(oneTimePassword);
  await operator.getByTestId('password-new').fill(password);
  await operator.getByTestId('password-repeat').fill(password);
  await operator.getByTestId('password-submit').click();
  // done: the studio goes on to the inbox
  await operator.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();

  // an operator has no Team, no Audit and no Flows, and the pages say so when opened by address
  assert.is(await operator.getByTestId('nav-inbox').count(), 1);
  for (const page of ['team', 'audit', 'flows']) {
    assert.is(await operator.getByTestId(`nav-${page}`).count(), 0, `no ${page} link`);
    await operator.goto(`${engine.baseUrl}/#/${page}`);
    await operator.getByTestId(`${page}-forbidden`).waitFor();
  }

  // two-step sign-in from her account page: QR, the secret, a code computed from it, the recovery codes once
  await operator.getByTestId('nav-account').click();
  await operator.getByTestId('mfa-start').click();
  await operator.getByTestId('mfa-qr').waitFor();
  assert.ok(await operator.getByTestId('mfa-qr').evaluate((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0), 'the QR code is drawn');
  const secret = (await operator.getByTestId('mfa-secret').innerText()).trim();
  await operator.screenshot({ path: `${SHOTS}/team-4-mfa-setup.png` });
  await operator.getByTestId('mfa-code').fill('000000');
  await operator.getByTestId('mfa-confirm').click();
  await operator.getByTestId('mfa-error').waitFor();
  await operator.getByTestId('mfa-code').fill(await generate({ secret }));
  await operator.getByTestId('mfa-confirm').click();
  // the codes appear once the engine has answered: wait for them before reading them all
  await operator.getByTestId('recovery-code').nth(9).waitFor();
  const codes = await operator.getByTestId('recovery-code').allInnerTexts();
  assert.is(codes.length, 10, 'ten recovery codes');
  const download = operator.waitForEvent('download');
  await operator.getByTestId('recovery-download').click();
  const saved = fs.readFileSync((await (await download).path()) ?? '', 'utf8');
  for (const code of codes) assert.ok(saved.includes(code), 'every code is in the downloaded file');
  await operator.screenshot({ path: `${SHOTS}/team-5-recovery-codes.png` });
  await operator.getByTestId('recovery-done').click();
  await operator.locator('[data-testid="mfa-state"][data-enabled="true"]').waitFor();
  assert.is(await operator.getByTestId('recovery-code').count(), 0, 'the codes are not shown again');
  await operator.setViewportSize(PHONE);
  await operator.screenshot({ path: `${SHOTS}/team-5b-account-phone.png`, fullPage: true });
  await operator.setViewportSize(DESKTOP);

  // signing in again asks for a code; a recovery code works instead of the app
  const second = await openPage(browser, engine, '#/login', { viewport: PHONE });
  await second.getByTestId('login-email').fill(email);
  await second.getByTestId('login-password').fill(password);
  await second.getByTestId('login-submit').click();
  await second.locator('[data-testid="login-form"][data-step="code"]').waitFor();
  await second.getByTestId('login-otp').waitFor();
  await second.screenshot({ path: `${SHOTS}/team-6-login-code-phone.png` });
  await second.getByTestId('login-use-recovery').click();
  await second.getByTestId('login-recovery-code').fill(codes[0] ?? '');
  await second.getByTestId('login-submit').click();
  await second.getByTestId('operator-name').waitFor();
  await second.close();

  // she claims a waiting chat
  await operator.getByTestId('nav-inbox').click();
  await operator.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();
  const customerName = `ลูกค้า ${unique()}`;
  const customer = await newCustomer(browser, engine, customerName);
  await customerSays(customer, 'agent please');
  const chat = operator.getByTestId('conversation-row').filter({ hasText: customerName });
  await chat.click();
  await operator.getByTestId('claim-button').click();
  await operator.getByTestId('thread-status').filter({ hasText: 'active' }).waitFor();
  await operator.getByTestId('composer-input').fill('สวัสดีค่ะ สมศรียินดีให้บริการ');
  await operator.getByTestId('composer-input').press('Enter');
  await phoneEntries(customer, 'account').filter({ hasText: 'สมศรียินดีให้บริการ' }).waitFor();

  // the admin sees it all in Team, edits her capacity, then deactivates her: her page is signed out at once
  await admin.reload();
  await somsri.waitFor();
  assert.is(await somsri.getAttribute('data-mfa'), 'on');
  assert.not.match(await somsri.innerText(), /never/, 'her last sign-in is shown');
  await somsri.getByTestId('operator-edit').click();
  await admin.getByTestId('field-capacity').fill('4');
  await admin.getByTestId('operator-save').click();
  await admin.getByTestId('team-notice').waitFor();
  await somsri.locator('td:nth-of-type(4)', { hasText: /^4$/ }).waitFor();
  await admin.screenshot({ path: `${SHOTS}/team-7-team-list.png` });
  await somsri.getByTestId('operator-deactivate').click();
  await admin.screenshot({ path: `${SHOTS}/team-8-confirm-deactivate.png` });
  await admin.getByTestId('confirm-action').click();
  await admin.locator(`[data-testid="operator-row"][data-email="${email}"][data-active="false"]`).waitFor();
  await operator.getByTestId('login-notice').waitFor();
  assert.match(await operator.getByTestId('login-notice').innerText(), /session was ended/);
  await operator.screenshot({ path: `${SHOTS}/team-9-signed-out.png` });
  await operator.getByTestId('login-email').fill(email);
  await operator.getByTestId('login-password').fill(password);
  await operator.getByTestId('login-submit').click();
  assert.match(await operator.getByTestId('login-error').innerText(), /deactivated/);

  // the admin finds each step in Audit
  await admin.getByTestId('nav-audit').click();
  await admin.getByTestId('audit-table').waitFor();
  const actions = await admin.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  for (const action of ['operator.created', 'auth.password_changed', 'mfa.enabled', 'conversation.claimed', 'operator.updated', 'auth.login_failed']) {
    assert.ok(actions.includes(action), `${action} is in the audit log: ${actions.join(', ')}`);
  }
  await admin.screenshot({ path: `${SHOTS}/team-10-audit.png` });
  // filtered to her, and exported with the same filter
  await admin.getByTestId('audit-actor').fill(email);
  await admin.getByTestId('audit-apply').click();
  await admin.locator('[data-testid="audit-entry"][data-action="mfa.enabled"]').waitFor();
  await admin.locator('[data-testid="audit-entry"][data-action="operator.created"]').waitFor({ state: 'detached' });
  const mine = await admin.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-actor')));
  assert.ok(mine.every((actor) => actor === email), `only her actions: ${mine.join(', ')}`);
  const csvDownload = admin.waitForEvent('download');
  await admin.getByTestId('audit-export').click();
  const csv = fs.readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
  assert.ok(csv.includes('mfa.enabled') && csv.includes(email), 'the export has her rows');
  assert.not.ok(csv.includes('operator.created'), 'and only hers');
});

test('an invite link lets a new operator choose a password and sign in; a supervisor sees Team read-only', async () => {
  const { engine, browser } = started();
  const email = `malee-${unique()}@example.com`;
  const admin = await signIn(browser, engine, engine.admin);
  await admin.getByTestId('nav-team').click();
  await admin.getByTestId('add-operator').click();
  await admin.getByTestId('field-email').fill(email);
  await admin.getByTestId('field-name').fill('มาลี');
  await admin.getByTestId('field-role').selectOption('supervisor');
  await admin.getByTestId('method-invite').check();
  await admin.getByTestId('operator-save').click();
  const link = await admin.getByTestId('secret-value').inputValue();
  assert.match(link, /#\/invite\/[A-Za-z0-9_-]+$/);
  await admin.getByTestId('secret-done').click();
  await row(admin, email).getByTestId('operator-status').filter({ hasText: 'Invited' }).waitFor();

  // the link, opened in her browser (the engine's own address: BATON_PUBLIC_URL is not this test port)
  const invitee = await openPage(browser, engine, `#/invite/${link.split('#/invite/')[1] ?? ''}`, { viewport: PHONE });
  assert.is(await invitee.getByTestId('invite-email').inputValue(), email);
  await invitee.getByTestId('invite-password').fill('malee-password-1');
  await invitee.getByTestId('invite-password-repeat').fill('malee-password-2');
  await invitee.getByTestId('invite-submit').click();
  assert.match(await invitee.getByTestId('invite-error').innerText(), /not the same/);
  await invitee.getByTestId('invite-password-repeat').fill('malee-password-1');
  await invitee.screenshot({ path: `${SHOTS}/team-11-invite-phone.png` });
  await invitee.getByTestId('invite-submit').click();
  await invitee.getByTestId('operator-name').waitFor();
  assert.match(await invitee.getByTestId('operator-name').innerText(), /มาลี · supervisor/);

  // a supervisor: Team and Audit, but Team is read-only (on a phone the page links wait in the menu)
  await invitee.getByTestId('nav-menu').click();
  await invitee.getByTestId('nav-team').click();
  await row(invitee, email).waitFor();
  await invitee.getByTestId('team-read-only').waitFor();
  assert.is(await invitee.getByTestId('add-operator').count(), 0);
  assert.is(await invitee.getByTestId('operator-edit').count(), 0);
  assert.is(await invitee.getByTestId('security-settings').count(), 0);
  assert.is(await invitee.getByTestId('nav-audit').count(), 1);

  // the link worked once
  const again = await openPage(browser, engine, `#/invite/${link.split('#/invite/')[1] ?? ''}`);
  await again.getByTestId('invite-invalid').waitFor();
});

test('the admin can require MFA for supervisors: a supervisor without it can only enrol at the next sign-in', async () => {
  const { engine, browser } = started();
  const who = { email: `sup-${unique()}@example.com`, password: 'supervisor-password-1' };
  await addOperator(engine.baton.store, { ...who, name: 'Supervisor', role: 'supervisor' });
  const admin = await signIn(browser, engine, engine.admin);
  await admin.getByTestId('nav-team').click();
  await admin.getByTestId('require-mfa-supervisor').check();
  await admin.getByTestId('security-save').click();
  await admin.getByText('Saved.').waitFor();

  const supervisor = await signIn(browser, engine, who, { viewport: PHONE });
  await supervisor.locator('[data-testid="account-step"][data-step="mfa_enrollment"]').waitFor();
  assert.is(await supervisor.getByTestId('password-form').count(), 0, 'only the step it must take');
  await supervisor.getByTestId('mfa-start').click();
  const secret = (await supervisor.getByTestId('mfa-secret').innerText()).trim();
  await supervisor.screenshot({ path: `${SHOTS}/team-12-required-mfa-phone.png`, fullPage: true });
  await supervisor.getByTestId('mfa-code').fill(await generate({ secret }));
  await supervisor.getByTestId('mfa-confirm').click();
  await supervisor.getByTestId('recovery-done').click();
  // enrolled: the studio goes on (the phone's top bar has its menu, the inbox is live)
  await supervisor.getByTestId('nav-menu').waitFor();
  await supervisor.locator('[data-testid="realtime-status"][data-status="live"]').waitFor();

  // back as it was, for the tests that follow
  await admin.getByTestId('require-mfa-supervisor').uncheck();
  const saved = admin.waitForResponse((r) => r.url().endsWith('/api/settings/security') && r.request().method() === 'PUT');
  await admin.getByTestId('security-save').click();
  assert.is((await saved).status(), 200);
});

test.run();
