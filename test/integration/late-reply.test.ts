/**
 * LINE answers a reply after Baton stopped waiting (issue #11: today's engine then pushed the same
 * message, and 10 of 20 customers were greeted twice). Decided (docs/decisions.md): a reply is waited
 * for longer than a push (LINE_REPLY_TIMEOUT_MS), and a reply still unanswered then is marked
 * `uncertain` and never pushed: the customer reads it at most once; if LINE never took it, the
 * operator sees it may not have arrived and can say it again. Flow set: test/fixtures/flow-sets/line-faults.
 * Runs on SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MessageDto } from '../../engine/contracts/conversation.ts';
import type { SendMessageResponse } from '../../engine/contracts/rest.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { accountMessages, accountTexts, lineUsers, pushesTo, REPLY, tokensTriedTwice, usersWithDuplicates } from '../support/line-checks.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
let admin: OperatorClient;
const fake = () => engine.fakeLine;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.before(async () => {
  engine = await startTestEngine({
    env: { BATON_FLOWS_DIR: `${repoRoot}/test/fixtures/flow-sets/line-faults`, LINE_TIMEOUT_MS: '1000', LINE_REPLY_TIMEOUT_MS: '2500' },
  });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await admin.connect();
});

test.after(async () => {
  admin.close();
  await engine.stop();
});

test('20 customers whose welcome LINE answers late each read it once: a reply answered after the push timeout counts, one answered after the reply timeout is not pushed', async () => {
  const users = lineUsers(0x11, 20);
  users.forEach((user, i) => fake().setProfile(user, { displayName: `Customer ${i}` }));
  // ten replies answered after 1.5 s (past LINE_TIMEOUT_MS), ten after 4 s (past LINE_REPLY_TIMEOUT_MS); all delivered
  fake().failNext(REPLY, { status: 200, delayMs: 1_500, times: 10 });
  fake().failNext(REPLY, { status: 200, delayMs: 4_000, times: 10 });
  assert.is((await engine.postWebhook(fake().webhookBody(users.map((user) => fake().followEvent(user))))).status, 200);

  await waitFor(() => users.every((user) => accountTexts(fake(), user).length > 0), 'every welcome on the phones', 15_000);
  await sleep(500);
  users.forEach((user, i) => assert.equal(accountMessages(fake(), user), [{ text: `Welcome, Customer ${i}!`, via: 'reply' }]));
  assert.equal(usersWithDuplicates(fake(), users), [], 'nobody greeted twice (today: 10 of 20)');
  assert.equal(users.flatMap((user) => pushesTo(fake(), user)), []);
  assert.equal(tokensTriedTwice(fake()), []);

  const customers = await engine.baton.store.customers.findByLineUserIds(users);
  const rows = (await Promise.all(customers.map((c) => engine.baton.store.messages.listByCustomer(c.id)))).flat().filter((m) => m.direction === 'out');
  const count = (status: string) => rows.filter((m) => m.delivery_status === status).length;
  assert.equal([count('sent'), count('uncertain')], [10, 10], 'answered in time: sent; answered too late: may not have arrived');
});

test("a reply LINE never takes is not pushed: the customer has nothing, the operator sees it may not have arrived and says it again", async () => {
  const [user] = lineUsers(0x12, 1);
  if (!user) throw new Error('no user');
  assert.is((await engine.postWebhook(fake().webhookBody([fake().textEvent(user, 'agent')]))).status, 200);
  const waiting = await admin.waitForConversation((c) => c.customer.lineUserId === user && c.status === 'WAITING', 'the waiting conversation');
  assert.is((await admin.request('POST', `/api/conversations/${waiting.id}/claim`)).status, 200);
  // the customer writes: their reply token is kept for the operator's answer
  assert.is((await engine.postWebhook(fake().webhookBody([fake().textEvent(user, 'my order is late')]))).status, 200);
  await admin.waitForMessage((m) => m.text === 'my order is late', 'the customer message');

  // LINE holds the reply past LINE_REPLY_TIMEOUT_MS and then fails it: it never reaches the phone
  fake().failNext(REPLY, { status: 503, delayMs: 5_000 });
  const sent = await admin.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Let me check.' });
  assert.is(sent.status, 201);
  const marked = await waitFor(() => admin.messageUpdates.find((m: MessageDto) => m.id === sent.body.message.id && m.deliveryStatus !== 'pending'), 'the delivery status, live', 10_000);
  assert.equal([marked.deliveryStatus, marked.sentVia], ['uncertain', 'reply']);
  const row = await engine.baton.store.messages.findById(sent.body.message.id);
  assert.match(row?.last_error ?? '', /timed out/);

  await sleep(3_000); // LINE's failure arrives; nothing follows it
  assert.not.ok(accountTexts(fake(), user).includes('Let me check.'));
  const pushesBefore = pushesTo(fake(), user).length;
  // the operator says it again: a push, delivered once
  const again = await admin.request<SendMessageResponse>('POST', `/api/conversations/${waiting.id}/messages`, { text: 'Let me check, sorry.' });
  assert.is(again.status, 201);
  await waitFor(() => accountTexts(fake(), user).includes('Let me check, sorry.'), 'the second try on the phone');
  assert.is(pushesTo(fake(), user).length, pushesBefore + 1);
  assert.equal(tokensTriedTwice(fake()), []);
});

test.run();
