/** Publishing, rollback and version pinning of flows, over the REST API an admin (or the studio) uses. */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationResponse, FlowProblemsResponse, FlowVersionListResponse } from '../../engine/contracts/rest.ts';
import { addOperator } from '../support/test-operators.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';
import { waitFor } from '../support/wait-for.ts';

const dir = `${repoRoot}/test/fixtures/flow-sets/versions`;
const v1 = fs.readFileSync(`${dir}/flow.yaml`, 'utf8');
const v2 = v1.replaceAll('version one', 'version two').replace('Queued (v1).', 'Queued (v2).');
const PINNED = 'U00000000000000000000000000000b01';
const LATER = 'U00000000000000000000000000000b02';
let engine: TestEngine;
let admin: OperatorClient;

const texts = (user: string) => engine.fakeLine.chat(user).filter((e) => e.from === 'account').map((e) => e.message.text ?? '');
const says = (user: string, text: string) => waitFor(() => texts(user).includes(text), `${user} to read "${text}"`);
const send = async (user: string, text: string) => {
  assert.is((await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, text)]))).status, 200);
};

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: dir } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
});
test.after(() => engine.stop());

test('the flows folder is published as version 1 on first start', async () => {
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.equal(list.body.versions.map((v) => [v.version, v.active]), [[1, true]]);
  assert.match(list.body.versions[0]?.publishedBy ?? '', /^folder:/);
});

test('an invalid flow set is refused with 422 and file:line:col problems, and nothing changes', async () => {
  const broken = v1.replace('goto: answer', 'goto: answr');
  const response = await admin.request<FlowProblemsResponse>('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: broken }] });
  assert.is(response.status, 422);
  assert.is(response.body.error.code, 'invalid_flows');
  const problem = response.body.problems[0];
  assert.is(problem?.file, 'flow.yaml');
  assert.is(problem?.line, 5);
  assert.match(problem?.message ?? '', /did you mean "answer"/);
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.is(list.body.versions.length, 1);
});

test('a conversation keeps the version it started on after a new version is published', async () => {
  await send(PINNED, 'agent');
  await says(PINNED, 'Queued (v1).');
  const published = await admin.request<{ version: { version: number; active: boolean; publishedBy: string } }>('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v2 }] });
  assert.is(published.status, 201);
  assert.is(published.body.version.version, 2);
  assert.is(published.body.version.publishedBy, `operator:${admin.login.operator.id}`);

  await send(LATER, 'hi');
  await says(LATER, 'Answer from version two.');
  const [conversation] = (await admin.request<{ conversations: { id: string }[] }>('GET', '/api/conversations?status=waiting')).body.conversations;
  assert.ok(conversation);
  await admin.request<ConversationResponse>('POST', `/api/conversations/${conversation.id}/close`);
  await says(PINNED, 'Goodbye from version one.');
});

test('rolling back makes version 1 active again and records who did it', async () => {
  const rolled = await admin.request<{ version: { version: number; active: boolean } }>('POST', '/api/flows/versions/1/activate');
  assert.is(rolled.status, 200);
  assert.equal(rolled.body.version, { ...rolled.body.version, version: 1, active: true });
  // engines re-read the active version within ACTIVE_TTL_MS (2 s)
  await waitFor(async () => {
    await send(LATER, `hi again ${Date.now()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return texts(LATER).at(-1) === 'Answer from version one.';
  }, 'the rollback to take effect', 8_000);
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.equal(list.body.versions.map((v) => [v.version, v.active]), [[2, false], [1, true]]);
  const last = list.body.activations[0];
  assert.equal([last?.version, last?.action, last?.actor], [1, 'activate', `operator:${admin.login.operator.id}`]);
  const missing = await admin.request('POST', '/api/flows/versions/99/activate');
  assert.is(missing.status, 404);
});

test('an operator may not publish or roll back', async () => {
  await addOperator(engine.baton.store, { email: 'op@example.com', password: 'op-password-1', name: 'Op' });
  const operator = await OperatorClient.signIn(engine.baseUrl, 'op@example.com', 'op-password-1');
  assert.is((await operator.request('POST', '/api/flows/versions/2/activate')).status, 403);
  assert.is((await operator.request('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v2 }] })).status, 403);
  assert.is((await operator.request('GET', '/api/flows/versions')).status, 403);
});

test('a supervisor may not publish or roll back either, and the server changes nothing', async () => {
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sup', role: 'supervisor' });
  const supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
  assert.is((await supervisor.request('POST', '/api/flows/versions/2/activate')).status, 403);
  assert.is((await supervisor.request('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v2.replace('version two', 'version three') }] })).status, 403);
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.equal(list.body.versions.map((v) => [v.version, v.active]), [[2, false], [1, true]]);
  assert.is(list.body.activations[0]?.actor, `operator:${admin.login.operator.id}`, 'the last change is still the admin\'s rollback');
});

test.run();
