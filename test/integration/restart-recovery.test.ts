/** Nothing accepted is lost across a restart: stored events and undelivered messages resume. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

let database: TestDatabase;
test.before(async () => {
  database = await createTestDatabase();
});
test.after(() => database.drop());

const accountTexts = (engine: TestEngine, user: string) =>
  engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');

test('events stored but not processed before a stop are processed after the restart, in order', async () => {
  const user = 'U00000000000000000000000000000a01';
  const first = await startTestEngine({ database, processEvents: false });
  const fake = first.fakeLine;
  const events = [fake.followEvent(user), fake.textEvent(user, 'hello'), fake.textEvent(user, 'agent')];
  for (const event of events) assert.is((await first.postWebhook(fake.webhookBody([event]))).status, 200);
  assert.equal(await first.baton.store.webhookEvents.countByStatus(), { pending: 3 });
  await first.baton.stop();

  const second = await startTestEngine({ database, line: first.line });
  try {
    // the handoff may add a queue-position message after its greeting: the first three are what counts
    const texts = await waitFor(() => accountTexts(second, user).length >= 3 && accountTexts(second, user), 'three answers');
    assert.match(texts[0] ?? '', /^Welcome/);
    assert.match(texts[1] ?? '', /^Hello/);
    assert.match(texts[2] ?? '', /in the queue/);
    assert.equal(await second.baton.store.webhookEvents.countByStatus(), { done: 3 });
    const waiting = await second.baton.store.conversations.list({ status: 'WAITING', limit: 10 });
    assert.is(waiting.length, 1);
  } finally {
    await second.stop();
    await first.fakeLine.close();
  }
});

test('a message LINE refused with 5xx stays pending and is delivered once after a restart', async () => {
  const user = 'U00000000000000000000000000000a02';
  const first = await startTestEngine({ database });
  const fake = first.fakeLine;
  // the reply fails and every push attempt of the first engine fails too
  fake.failNext('/v2/bot/message/reply', { status: 500 });
  fake.failNext('/v2/bot/message/push', { status: 503, times: 100 });
  const hello = fake.textEvent(user, 'hello');
  await first.postWebhook(fake.webhookBody([hello]));
  await waitFor(() => fake.callsTo('/v2/bot/message/push').length >= 2, 'push attempts');
  await first.baton.stop();
  assert.is(accountTexts(first, user).length, 0);

  fake.clearFailures();
  const second = await startTestEngine({ database, line: first.line });
  try {
    const texts = await waitFor(() => accountTexts(second, user).length === 1 && accountTexts(second, user), 'the delayed answer', 15_000);
    assert.match(texts[0] ?? '', /^Hello/);
    // this customer's pushes only: the first test's queue notice may go out from this engine too
    const pushes = fake.callsTo('/v2/bot/message/push').filter((call) => (call.body as { to?: string } | null)?.to === user);
    const keys = new Set(pushes.map((call) => call.headers['x-line-retry-key']));
    assert.is(keys.size, 1, 'every attempt, before and after the restart, used the same retry key');
    // a failed reply may still have been delivered, and a token works once: later attempts push
    const replies = fake.callsTo('/v2/bot/message/reply').filter((call) => (call.body as { replyToken?: string } | null)?.replyToken === hello.replyToken);
    assert.is(replies.length, 1, 'the reply token was tried once');
  } finally {
    await second.stop();
    await fake.close();
  }
});

test.run();
