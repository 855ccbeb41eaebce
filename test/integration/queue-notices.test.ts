/**
 * Queue position notices (issue #11): after a claim the new positions go out in one pass, side by
 * side, not one by one behind a slow LINE; and a position update held back by the queue's
 * `minUpdateIntervalSeconds` is sent once the interval has passed, not dropped (today a customer could
 * stay at "number 2" after the queue moved). Flow set: test/fixtures/flow-sets/line-faults (positions
 * at most every 3 s). Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { accountTexts, lineUsers, PUSH, usersWithDuplicates } from '../support/line-checks.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
const fake = () => engine.fakeLine;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const positions = (user: string) => accountTexts(fake(), user).filter((t) => t.startsWith('You are number'));

async function queue(users: string[]): Promise<ConversationDto[]> {
  const waiting: ConversationDto[] = [];
  for (const user of users) {
    assert.is((await engine.postWebhook(fake().webhookBody([fake().textEvent(user, 'agent')]))).status, 200);
    waiting.push(await admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', `${user} queued`));
  }
  await waitFor(() => users.every((user, i) => positions(user).includes(`You are number ${i + 1}.`)), 'every position told');
  return waiting;
}

async function closeAll(conversations: ConversationDto[]): Promise<void> {
  for (const conversation of conversations) await admin.request('POST', `/api/conversations/${conversation.id}/close`);
}

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/line-faults` } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

test('a position update held back by the interval is told once the interval has passed', async () => {
  const users = lineUsers(0x21, 3);
  const waiting = await queue(users);
  try {
    const [first] = waiting;
    if (!first) throw new Error('queued');
    // within the 3 s interval of the second's and third's notices: their updates are held back
    assert.is((await admin.request('POST', `/api/conversations/${first.id}/claim`)).status, 200);
    const [, second, third] = users as [string, string, string];
    await waitFor(() => positions(second).includes('You are number 1.') && positions(third).includes('You are number 2.'), 'the held-back updates', 10_000);
    assert.equal(positions(second), ['You are number 2.', 'You are number 1.']);
    assert.equal(positions(third), ['You are number 3.', 'You are number 2.']);
  } finally {
    await closeAll(waiting);
  }
});

test('after a claim the new positions go out side by side, not one by one behind a slow LINE', async () => {
  const users = lineUsers(0x22, 10);
  const waiting = await queue(users);
  try {
    await sleep(3_100); // past the interval: the claim's updates are due at once
    // every push takes LINE 3 s: one by one, nine notices would take 27 s
    fake().failNext(PUSH, { status: 200, delayMs: 3_000, times: 9 });
    const [first] = waiting;
    if (!first) throw new Error('queued');
    const claimed = Date.now();
    assert.is((await admin.request('POST', `/api/conversations/${first.id}/claim`)).status, 200);
    await waitFor(() => users.slice(1).every((user, i) => positions(user).includes(`You are number ${i + 1}.`)), 'the nine new positions', 40_000);
    const tookMs = Date.now() - claimed;
    assert.ok(tookMs < 8_000, `the nine notices arrived ${tookMs} ms after the claim`);
    assert.equal(usersWithDuplicates(fake(), users), []);
  } finally {
    fake().clearFailures();
    await closeAll(waiting);
  }
});

test.run();
