/**
 * A new customer's profile lookup holds up only that customer's event, not the rest of its batch: the
 * other customers are answered while LINE is still being asked, and the new customer is welcomed by name
 * once it answers (within LINE_PROFILE_WAIT_MS). Before, the whole batch (up to 25 events) waited for the
 * slowest lookup, so a burst of new friends delayed everyone's replies by LINE's profile latency. The same
 * for a group member's name (asked when they first write there): only the group's event waits for it.
 * Flow set: test/fixtures/flow-sets/line-faults (welcome by name, "Got it." to any text). Runs on SQLite
 * and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import type { FakeChat } from '../../engine/line/sandbox/fake-line-platform.ts';
import { accountMessages, accountTexts, lineUsers } from '../support/line-checks.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
const fake = () => engine.fakeLine;

test.before(async () => {
  engine = await startTestEngine({
    env: {
      BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/line-faults`,
      // LINE's profile answer is awaited for up to 20 s here, so the one held below (8 s) still names the customer
      LINE_PROFILE_WAIT_MS: '20000',
      LINE_TIMEOUT_MS: '20000',
    },
  });
});

test.after(async () => {
  await engine.stop();
});

test("while LINE is asked for a new customer's profile, the other customers of the batch are answered; the new one is welcomed by name when LINE answers", async () => {
  const returning = lineUsers(1, 4);
  const [newcomer] = lineUsers(2, 1) as [string];
  // known customers, with their names: their texts need no lookup
  for (const [i, user] of returning.entries()) fake().setProfile(user, { displayName: `Regular ${i}` });
  assert.is((await engine.postWebhook(fake().webhookBody(returning.map((user) => fake().followEvent(user))))).status, 200);
  await waitFor(() => returning.every((user, i) => accountTexts(fake(), user).includes(`Welcome, Regular ${i}!`)), 'the regulars welcomed by name', 10_000);

  const profilePath = `/v2/bot/profile/${newcomer}`;
  fake().setProfile(newcomer, { displayName: 'Nok' });
  fake().failNext(profilePath, { status: 200, delayMs: 8_000 });
  // one body: the newcomer's follow and the regulars' texts are stored together and taken as one batch
  const events = [fake().followEvent(newcomer), ...returning.map((user) => fake().textEvent(user, 'where is my order?'))];
  assert.is((await engine.postWebhook(fake().webhookBody(events))).status, 200);

  await waitFor(() => returning.every((user) => accountTexts(fake(), user).includes('Got it.')), 'the regulars answered', 10_000);
  assert.is(fake().inFlight(profilePath), 1, "the regulars were answered while LINE had not yet given the newcomer's profile");
  assert.equal(accountTexts(fake(), newcomer), [], 'the newcomer waits for the name');

  await waitFor(() => accountTexts(fake(), newcomer).length > 0, 'the newcomer welcomed', 20_000);
  assert.equal(accountMessages(fake(), newcomer), [{ text: 'Welcome, Nok!', via: 'reply' }]);
  for (const [i, user] of returning.entries()) assert.equal(accountTexts(fake(), user), [`Welcome, Regular ${i}!`, 'Got it.'], `${user}: one answer each`);
  const stored = await Promise.all(events.map((event) => engine.baton.store.webhookEvents.findById(event.webhookEventId)));
  assert.equal(stored.map((row) => row?.status), events.map(() => 'done'));
});

test("while LINE is asked for a new group member's name, the other customers of the batch are answered; the group's message keeps the name", async () => {
  const returning = lineUsers(3, 4);
  const [known, newcomer] = lineUsers(4, 2) as [string, string];
  const groupId = 'C0000000000000000000000000000f001';
  const group: FakeChat = { type: 'group', groupId };
  for (const [i, user] of returning.entries()) fake().setProfile(user, { displayName: `Regular ${i}` });
  fake().setGroupName(groupId, 'Night shift');
  fake().setGroupMember(group, known, 'Kai');
  fake().setGroupMember(group, newcomer, 'Mai');
  // the regulars and the group known, and the group's first member's name kept
  assert.is((await engine.postWebhook(fake().webhookBody([...returning.map((user) => fake().followEvent(user)), fake().joinEvent(group)]))).status, 200);
  await waitFor(() => returning.every((user) => accountTexts(fake(), user).length === 1), 'the regulars welcomed', 10_000);
  assert.is((await engine.postWebhook(fake().webhookBody([fake().textEvent(known, 'evening all', { chat: group })]))).status, 200);
  await waitFor(() => accountTexts(fake(), groupId).includes('Got it.'), "the group's first answer", 10_000);

  const memberPath = `/v2/bot/group/${groupId}/member/${newcomer}`;
  fake().failNext(memberPath, { status: 200, delayMs: 8_000 });
  const events = [fake().textEvent(newcomer, 'first time here', { chat: group }), ...returning.map((user) => fake().textEvent(user, 'where is my order?'))];
  assert.is((await engine.postWebhook(fake().webhookBody(events))).status, 200);

  await waitFor(() => returning.every((user) => accountTexts(fake(), user).includes('Got it.')), 'the regulars answered', 10_000);
  assert.is(fake().inFlight(memberPath), 1, "the regulars were answered while LINE had not yet given the member's name");
  assert.is(accountTexts(fake(), groupId).filter((text) => text === 'Got it.').length, 1, 'the group waits for the name');

  await waitFor(() => accountTexts(fake(), groupId).filter((text) => text === 'Got it.').length === 2, 'the group answered', 20_000);
  const customer = await engine.baton.store.customers.findByLineUserId(groupId);
  const inbound = (await engine.baton.store.messages.listByCustomer(customer?.id ?? '')).filter((m) => m.direction === 'in');
  assert.equal(inbound.map((m) => [m.text, m.sender_name]), [['evening all', 'Kai'], ['first time here', 'Mai']]);
  const stored = await Promise.all(events.map((event) => engine.baton.store.webhookEvents.findById(event.webhookEventId)));
  assert.equal(stored.map((row) => row?.status), events.map(() => 'done'));
});

test.run();
