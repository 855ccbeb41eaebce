/**
 * LINE takes at most five messages per request: a longer answer goes out in several requests, the
 * first with the reply token, the rest by push, and reaches the customer whole and in order.
 * Flow set: test/fixtures/flow-sets/long-answer; runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U0000000000000000000000000000c201';
let engine: TestEngine;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/long-answer` } });
});
test.after(() => engine.stop());

test('an answer of six messages arrives whole and in order: five with the reply token, the sixth by push', async () => {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, 'your hours?')]))).status, 200);
  const answer = await waitFor(() => {
    const entries = engine.fakeLine.chat(USER).filter((e) => e.from === 'account');
    return entries.length === 6 && entries;
  }, 'six messages on the phone');
  assert.equal(answer.map((e) => e.message.text), ['Monday 9-18', 'Tuesday 9-18', 'Wednesday 9-18', 'Thursday 9-18', 'Friday 9-16', 'Closed at the weekend']);
  assert.equal(answer.map((e) => e.via), ['reply', 'reply', 'reply', 'reply', 'reply', 'push']);
  const sizes = (path: string) => engine.fakeLine.callsTo(path).map((call) => (call.body as { messages: unknown[] }).messages.length);
  assert.equal([sizes('/v2/bot/message/reply'), sizes('/v2/bot/message/push')], [[5], [1]]);
});

test.run();
