/**
 * Studio › Relay in headless Chromium (docs/relay.md): an admin adds a relay target for the default LINE
 * channel (a misspelt channel refused with the reason first), sees its secret once
 * (gone when closed, in no later view), and the target then receives a customer's event signed with that
 * secret (checked with the LINE SDK's validateSignature); the page shows the delivery; the admin edits the
 * target's event types and channels (a misspelt channel refused, the form kept open). A supervisor has
 * no Relay page. Needs a built studio and Debian's chromium.
 */
import { validateSignature } from '@line/bot-sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RecordingServer } from '../support/recording-server.ts';
import { signIn, studioForSuite } from '../support/studio-browser.ts';
import { addOperator } from '../support/test-operators.ts';
import { waitFor } from '../support/wait-for.ts';

const target = new RecordingServer();
const started = studioForSuite(test);

test.after(async () => {
  await target.close();
});

test('an admin adds a target, copies its secret shown once, and sees the event delivered', async () => {
  const { engine, browser } = started();
  const url = `${await target.listen()}/line`;
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-relay').click();
  await page.getByTestId('relay-empty').waitFor();
  await page.getByTestId('relay-name').fill('CRM');
  await page.getByTestId('relay-url').fill(url);
  // a typo in the channel is refused with the reason; then the default channel
  await page.getByTestId('relay-channels').fill('defualt');
  await page.getByTestId('relay-add').click();
  await page.getByTestId('relay-error').filter({ hasText: 'no LINE channel "defualt"' }).waitFor();
  await page.getByTestId('relay-channels').fill('default');
  await page.getByTestId('relay-add').click();
  const secretField = page.getByTestId('relay-secret').locator('input');
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  assert.ok(secret.length >= 40, 'the secret is shown');
  const row = page.locator('[data-testid="relay-target"][data-name="CRM"]');
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', url);
  assert.is(await row.getByTestId('relay-target-channels').innerText(), 'LINE channels: default');
  await page.getByTestId('relay-secret-done').click();
  await page.getByTestId('relay-secret').waitFor({ state: 'detached' });
  assert.not.ok((await page.content()).includes(secret), 'the secret is not on the page any more');

  // a customer writes: the target gets it, signed with the secret the admin copied
  const event = engine.fakeLine.textEvent('U00000000000000000000000000000e01', 'hello from LINE');
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([event]))).status, 200);
  const received = await waitFor(() => target.requests[0], 'the relayed event');
  assert.ok(validateSignature(received.body, secret, String(received.headers['x-line-signature'])));
  assert.match(received.body, 'hello from LINE');

  // the page shows the delivery (it reads the status again every few seconds)
  await row.getByTestId('relay-status').filter({ hasNotText: 'never' }).waitFor({ timeout: 15_000 });
  assert.is(await row.getByTestId('relay-status').getAttribute('data-backlog'), '0');

  // edited: follows only, of every channel; a misspelt channel is refused and the form stays open
  await row.getByTestId('relay-edit').click();
  const form = row.getByTestId('relay-edit-form');
  assert.is(await form.getByTestId('relay-edit-url').inputValue(), url, 'the form holds the target as it is');
  assert.is(await form.getByTestId('relay-edit-channels').inputValue(), 'default');
  await form.getByTestId('relay-edit-events').fill('follow');
  await form.getByTestId('relay-edit-channels').fill('defualt');
  await form.getByTestId('relay-edit-save').click();
  await page.getByTestId('relay-error').filter({ hasText: 'no LINE channel "defualt"' }).waitFor();
  await form.getByTestId('relay-edit-channels').fill('');
  await form.getByTestId('relay-edit-save').click();
  await form.waitFor({ state: 'detached' });
  await row.getByText('Events: follow').waitFor();
  assert.is(await row.getByTestId('relay-target-channels').innerText(), 'Every LINE channel');
  const stored = (await engine.baton.store.relayTargets.list()).find((t) => t.name === 'CRM');
  assert.equal([stored?.event_types, stored?.channel_ids], ['["follow"]', null], 'saved as shown');

  // switched off: shown as off
  await row.getByTestId('relay-toggle').click();
  await page.locator('[data-testid="relay-target"][data-name="CRM"][data-enabled="false"]').waitFor();
  await page.close();
});

test('a supervisor has no Relay page', async () => {
  const { engine, browser } = started();
  await addOperator(engine.baton.store, { email: 'sup-relay@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  const page = await signIn(browser, engine, { email: 'sup-relay@example.com', password: 'sup-password-1' });
  await page.getByTestId('nav-jobs').waitFor();
  assert.is(await page.getByTestId('nav-relay').count(), 0);
  await page.goto(page.url().replace(/#.*/, '#/relay'));
  await page.getByTestId('relay-forbidden').waitFor();
  await page.close();
});

test.run();
