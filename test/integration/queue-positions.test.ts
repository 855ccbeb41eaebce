/**
 * A queued customer's position counts the customers ahead of them in their own queue, not everyone
 * waiting for any queue. Flow set: test/fixtures/flow-sets/two-queues; runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

const FIRST_BILLING = 'U0000000000000000000000000000c101';
const FIRST_SUPPORT = 'U0000000000000000000000000000c102';
const SECOND_BILLING = 'U0000000000000000000000000000c103';
let engine: TestEngine;

const texts = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');
async function asks(user: string, text: string): Promise<void> {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
}

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/two-queues` } });
});
test.after(() => engine.stop());

test('each queue counts its own customers: first in billing and first in support are both number 1', async () => {
  await asks(FIRST_BILLING, 'billing please');
  await waitFor(() => texts(FIRST_BILLING).includes('Billing queue: you are number 1.'), 'the first billing position');
  await asks(FIRST_SUPPORT, 'support please');
  await waitFor(() => texts(FIRST_SUPPORT).length > 0, 'the support position');
  assert.equal(texts(FIRST_SUPPORT), ['Support queue: you are number 1.'], 'nobody is ahead of them in support');
  await asks(SECOND_BILLING, 'billing too');
  await waitFor(() => texts(SECOND_BILLING).length > 0, 'the second billing position');
  assert.equal(texts(SECOND_BILLING), ['Billing queue: you are number 2.']);
});

test.run();
