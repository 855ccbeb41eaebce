/**
 * The inbox's filters on `GET /api/conversations`: assignee (me, unassigned, an operator), team and customer
 * tag, together with status and search; a bad value answers 400 naming it; an operator's filter only narrows
 * what they may see (the queue and their own). A real engine on REST; runs on SQLite and on Postgres
 * (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import type { ConversationListResponse } from '../../engine/contracts/rest.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { seedConversation } from '../support/seeded-conversations.ts';
import { addOperator } from '../support/test-operators.ts';

let engine: TestEngine;
let admin: OperatorClient;
let ann: OperatorClient;
let ben: OperatorClient;
let sue: OperatorClient;
type ErrorBody = { error: { code: string; message: string } };

const T = Date.now();
/** the seeded conversations by name: who holds them, their team and their customer's tags */
const ids = new Map<string, string>();

async function seed(name: string, options: { team: string | null; tags: string[]; holder?: OperatorClient; closed?: boolean }): Promise<void> {
  const { holder, ...rest } = options;
  const id = await seedConversation(engine.baton.store, { name, ...rest, ...(holder ? { holderId: holder.login.operator.id } : {}) }, T + ids.size * 10);
  ids.set(name, id);
}

/** the seeded names the caller's list holds for this query, sorted */
async function names(client: OperatorClient, query: string): Promise<string[]> {
  const answer = await client.request<ConversationListResponse>('GET', `/api/conversations?${query}`);
  assert.is(answer.status, 200, `${query}: ${JSON.stringify(answer.body)}`);
  return answer.body.conversations
    .filter((c: ConversationDto) => [...ids.values()].includes(c.id))
    .map((c) => c.customer.displayName ?? '')
    .sort();
}

async function refused(query: string): Promise<ErrorBody['error'] & { status: number }> {
  const answer = await admin.request<ErrorBody>('GET', `/api/conversations?${query}`);
  return { status: answer.status, ...answer.body.error };
}

test.before(async () => {
  engine = await startTestEngine();
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann' });
  await addOperator(engine.baton.store, { email: 'ben@example.com', password: 'ben-password-1', name: 'Ben' });
  await addOperator(engine.baton.store, { email: 'sue@example.com', password: 'sue-password-1', name: 'Sue', role: 'supervisor' });
  ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
  ben = await OperatorClient.signIn(engine.baseUrl, 'ben@example.com', 'ben-password-1');
  sue = await OperatorClient.signIn(engine.baseUrl, 'sue@example.com', 'sue-password-1');

  await seed('queue-sales-vip', { team: 'sales', tags: ['VIP', 'th'] });
  await seed('queue-support', { team: 'support', tags: ['vipx'] });
  await seed('ann-sales', { team: 'sales', tags: ['vip'], holder: ann });
  await seed('ann-support-closed', { team: 'support', tags: [], holder: ann, closed: true });
  await seed('ben-sales-vip', { team: 'sales', tags: ['new', 'vip'], holder: ben });
  await seed('queue-closed-100%', { team: null, tags: ['50%_off'], closed: true });
});

test.after(async () => {
  await engine.stop();
});

test('assignee=me is what the caller holds, unassigned what nobody holds, an operator id what they hold', async () => {
  assert.equal(await names(ann, 'assignee=me'), ['ann-sales', 'ann-support-closed']);
  assert.equal(await names(ann, 'assignee=me&status=active'), ['ann-sales']);
  assert.equal(await names(sue, 'assignee=me'), [], 'the supervisor holds nothing');
  assert.equal(await names(sue, 'assignee=unassigned'), ['queue-closed-100%', 'queue-sales-vip', 'queue-support']);
  assert.equal(await names(sue, 'assignee=unassigned&status=waiting'), ['queue-sales-vip', 'queue-support']);
  assert.equal(await names(sue, `assignee=${ben.login.operator.id}`), ['ben-sales-vip']);
});

test('team and tag narrow the list; tags match whole and case-insensitively; all filters combine with status and search', async () => {
  assert.equal(await names(sue, 'team=sales'), ['ann-sales', 'ben-sales-vip', 'queue-sales-vip']);
  assert.equal(await names(sue, 'team=nobody'), []);
  assert.equal(await names(sue, 'tag=vip'), ['ann-sales', 'ben-sales-vip', 'queue-sales-vip'], '"vipx" is another tag');
  assert.equal(await names(sue, 'tag=VIP'), ['ann-sales', 'ben-sales-vip', 'queue-sales-vip']);
  assert.equal(await names(sue, 'tag=vi'), [], 'a part of a tag is not the tag');
  assert.equal(await names(sue, 'tag=50%25_off'), ['queue-closed-100%'], 'LIKE wildcards in a tag are plain text');
  assert.equal(await names(sue, 'tag=50%25'), []);
  assert.equal(await names(sue, 'team=sales&tag=vip&status=active'), ['ann-sales', 'ben-sales-vip']);
  assert.equal(await names(sue, 'team=sales&tag=vip&status=active&assignee=unassigned'), []);
  assert.equal(await names(sue, 'team=sales&tag=vip&q=ben'), ['ben-sales-vip']);
  assert.equal(await names(sue, 'team=support&status=closed'), ['ann-support-closed']);
});

test('an operator filter never widens what an operator may see: the queue and their own', async () => {
  assert.equal(await names(ben, 'team=sales'), ['ben-sales-vip', 'queue-sales-vip'], "not Ann's sales chat");
  assert.equal(await names(ben, 'tag=vip'), ['ben-sales-vip', 'queue-sales-vip']);
  assert.equal(await names(ben, `assignee=${ann.login.operator.id}`), [], "asking for Ann's chats shows none of them");
  assert.equal(await names(ben, 'assignee=unassigned'), ['queue-closed-100%', 'queue-sales-vip', 'queue-support']);
});

test('without the new filters the list is what it always was, and the DTO names its team', async () => {
  assert.equal(await names(sue, 'status=waiting'), ['queue-sales-vip', 'queue-support']);
  const all = await admin.request<ConversationListResponse>('GET', '/api/conversations');
  const salesQueue = all.body.conversations.find((c) => c.id === ids.get('queue-sales-vip'));
  assert.is(salesQueue?.team, 'sales');
  assert.equal(salesQueue?.customer.tags, ['VIP', 'th']);
  assert.is(all.body.conversations.find((c) => c.id === ids.get('queue-closed-100%'))?.team, null);
});

test('a bad filter is a 400 naming the parameter', async () => {
  let error = await refused('assignee=someone%20else');
  assert.is(error.status, 400);
  assert.is(error.code, 'invalid_assignee');
  assert.match(error.message, /me, unassigned or an operator id/);

  error = await refused('assignee=01ARZ3NDEKTSV4RRFFQ69G5FAV');
  assert.is(error.status, 400, 'an operator id nobody has');
  assert.is(error.code, 'invalid_assignee');
  assert.match(error.message, /no operator has the id "01ARZ3NDEKTSV4RRFFQ69G5FAV"/);

  error = await refused(`team=${'t'.repeat(65)}`);
  assert.is(error.status, 400);
  assert.is(error.code, 'invalid_team');

  error = await refused('team=a%01b');
  assert.is(error.code, 'invalid_team', 'control characters');

  error = await refused(`tag=${'v'.repeat(51)}`);
  assert.is(error.status, 400);
  assert.is(error.code, 'invalid_tag');

  error = await refused('tag=vip&tag=new');
  assert.is(error.status, 400);
  assert.is(error.code, 'invalid_query');
  assert.match(error.message, /^tag: give it once/);

  error = await refused('status=open');
  assert.is(error.code, 'invalid_status', 'the status check is as it was');
});

test('the OpenAPI document lists the filters', async () => {
  const doc = (await (await fetch(`${engine.baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
  };
  const parameters = doc.paths['/api/conversations']?.get?.parameters?.map((p) => p.name);
  assert.equal(parameters, ['status', 'q', 'assignee', 'team', 'tag', 'channel']);
});

test.run();
