/**
 * A draft tried before it is published (simulate a conversation, run its tests) and published safely (a note
 * kept in the history, a stale draft refused with 409), over the REST API the studio uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FlowProblemsResponse, FlowSimulateResponse, FlowTestRunResponse, FlowVersionChangedResponse, FlowVersionListResponse, StaleDraftResponse } from '../../engine/contracts/rest.ts';
import { addOperator } from '../support/test-operators.ts';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';

const versionsDir = `${repoRoot}/test/fixtures/flow-sets/versions`;
const v1 = fs.readFileSync(`${versionsDir}/flow.yaml`, 'utf8');
/** the flows that ship: office hours in Bangkok, an after-hours notice before the handoff */
const shipped = fs
  .readdirSync(`${repoRoot}/flows`)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ file: path.join('flows', name), source: fs.readFileSync(path.join(repoRoot, 'flows', name), 'utf8') }));
const SATURDAY_NIGHT = '2026-01-10T23:00:00+07:00';
const MONDAY_MORNING = '2026-01-05T10:00:00+07:00';

let engine: TestEngine;
let admin: OperatorClient;
let supervisor: OperatorClient;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: versionsDir } });
  admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  await addOperator(engine.baton.store, { email: 'sup@example.com', password: 'sup-password-1', name: 'Sue Pervisor', role: 'supervisor' });
  supervisor = await OperatorClient.signIn(engine.baseUrl, 'sup@example.com', 'sup-password-1');
});
test.after(() => engine.stop());

test('simulating a draft on Saturday 23:00 takes the after-hours branch, traced step by step, and changes nothing', async () => {
  const callsBefore = engine.fakeLine.calls.length;
  const response = await supervisor.request<FlowSimulateResponse>('POST', '/api/flows/simulate', {
    files: shipped,
    clock: SATURDAY_NIGHT,
    customer: { name: 'Mali', language: 'en', tags: [] },
    inputs: [{ text: 'agent please' }],
  });
  assert.is(response.status, 200);
  const [turn] = response.body.turns;
  assert.ok(turn);
  assert.is(turn.error, null);
  assert.is(turn.at, Date.parse(SATURDAY_NIGHT));
  const texts = turn.messages.map((m) => (m.type === 'text' ? m.text : m.type));
  assert.ok(texts.some((t) => /We open again Monday 09:00/.test(t)), `after-hours notice in ${JSON.stringify(texts)}`);
  const kinds = turn.trace.map((e) => e.kind);
  assert.equal(turn.trace[0], { kind: 'event', at: Date.parse(SATURDAY_NIGHT), event: 'message "agent please"' });
  assert.ok(turn.trace.some((e) => e.kind === 'trigger' && e.triggerId === 'human' && e.goto === 'to-human'), 'the trigger that matched');
  assert.ok(turn.trace.some((e) => e.kind === 'hours' && e.stepId === 'to-human' && !e.open && e.nextOpen === 'Monday 09:00'), 'the hours answer');
  const steps = turn.trace.flatMap((e) => (e.kind === 'step' ? [e.stepId] : []));
  assert.equal(steps, ['to-human', 'handoff-after-hours'], 'the closed branch');
  // the notice is decided by the handoff step, so it shows after it
  assert.ok(kinds.lastIndexOf('action') > kinds.indexOf('step'));
  assert.equal(response.body.customer, { tags: [], withHuman: true });
  assert.is(engine.fakeLine.calls.length, callsBefore, 'nothing went to LINE');
  const waiting = await admin.request<{ conversations: unknown[] }>('GET', '/api/conversations?status=waiting');
  assert.is(waiting.body.conversations.length, 0, 'no conversation was stored');
});

test('a simulated conversation goes on across inputs: the clock moves, quick replies come back as LINE quick replies', async () => {
  const response = await supervisor.request<FlowSimulateResponse>('POST', '/api/flows/simulate', {
    files: shipped,
    clock: MONDAY_MORNING,
    customer: { name: 'Mali', tags: ['vip'] },
    inputs: [{ text: 'hello' }, { postback: 'action=handoff', at: '2026-01-05T10:05:00+07:00' }],
  });
  assert.is(response.status, 200);
  const [hello, tap] = response.body.turns;
  const greeting = hello?.messages[0];
  assert.ok(greeting?.type === 'text' && greeting.text.startsWith('Hello Mali!'));
  assert.equal(greeting?.quickReply?.items.map((i) => i.action.label), ['Talk to a human', 'คุยกับเจ้าหน้าที่']);
  assert.is(tap?.at, Date.parse('2026-01-05T10:05:00+07:00'));
  assert.ok(tap?.trace.some((e) => e.kind === 'trigger' && e.triggerId === 'menu-handoff'));
  assert.ok(tap?.trace.some((e) => e.kind === 'hours' && e.open));
  const handoff = tap?.trace.find((e) => e.kind === 'action' && e.action.type === 'handoff');
  assert.ok(handoff?.kind === 'action' && handoff.action.type === 'handoff' && handoff.action.routing.priority === 10, 'the VIP tag set in the customer fields counts');
});

test('each condition of a draft shows its value, and a failing one its error', async () => {
  const draft = `kind: Flow
id: conditions
triggers:
  - { id: vip, event: message, when: 'customer.tags.exists(t, t == "vip")', goto: vip-reply }
  - { id: any, event: message, goto: check }
steps:
  - id: check
    branch:
      - { if: 'vars.count > 2', then: many }
      - { if: 'customer.language == "th"', then: thai }
    next: other
  - { id: vip-reply, say: { text: VIP } }
  - { id: many, say: { text: many } }
  - { id: thai, say: { text: ไทย } }
  - { id: other, say: { text: other } }
`;
  const response = await supervisor.request<FlowSimulateResponse>('POST', '/api/flows/simulate', {
    files: [{ file: 'flow.yaml', source: draft }],
    clock: MONDAY_MORNING,
    customer: { language: 'th' },
    inputs: [{ text: 'hi' }],
  });
  assert.is(response.status, 200);
  const conditions = response.body.turns[0]?.trace.flatMap((e) => (e.kind === 'condition' ? [[e.expression, e.value, e.error === null, e.stepId]] : [])) ?? [];
  assert.equal(conditions, [
    ['customer.tags.exists(t, t == "vip")', false, true, null],
    ['vars.count > 2', false, false, 'check'],
    ['customer.language == "th"', true, true, 'check'],
  ]);
  assert.equal(response.body.turns[0]?.messages, [{ type: 'text', text: 'ไทย' }]);
});

test('a draft that does not validate is not simulated or tested: 422 with file:line:col problems', async () => {
  const broken = [{ file: 'flow.yaml', source: v1.replace('goto: answer', 'goto: answr') }];
  const simulated = await supervisor.request<FlowProblemsResponse>('POST', '/api/flows/simulate', { files: broken, clock: MONDAY_MORNING, inputs: [{ text: 'hi' }] });
  assert.is(simulated.status, 422);
  assert.match(simulated.body.problems[0]?.message ?? '', /did you mean "answer"/);
  const tested = await supervisor.request<FlowProblemsResponse>('POST', '/api/flows/test', { files: broken });
  assert.is(tested.status, 422);
});

test('a simulation with a clock without offset or going back in time is refused with a clear 400', async () => {
  const noOffset = await supervisor.request<{ error: { code: string; message: string } }>('POST', '/api/flows/simulate', { files: shipped, clock: '2026-01-10T23:00', inputs: [] });
  assert.is(noOffset.status, 400);
  assert.match(noOffset.body.error.message, /not an ISO date-time with an offset/);
  const back = await supervisor.request<{ error: { code: string; message: string } }>('POST', '/api/flows/simulate', {
    files: shipped,
    clock: MONDAY_MORNING,
    inputs: [{ text: 'hi' }, { text: 'hi', at: '2026-01-05T09:00:00+07:00' }],
  });
  assert.is(back.status, 400);
  assert.match(back.body.error.message, /input 2 .*only moves forward/);
  const twoThings = await supervisor.request('POST', '/api/flows/simulate', { files: shipped, clock: MONDAY_MORNING, inputs: [{ text: 'hi', postback: 'x' }] });
  assert.is(twoThings.status, 400);
});

test("running a draft's tests reports each test, passed or with the mismatch", async () => {
  const passing = await supervisor.request<FlowTestRunResponse>('POST', '/api/flows/test', { files: shipped });
  assert.is(passing.status, 200);
  assert.ok(passing.body.results.length > 10);
  assert.ok(passing.body.results.every((r) => r.passed && r.failure === null && r.file === 'flows/support.flow.yaml'));
  const edited = shipped.map((f) => (f.file.endsWith('canned.yaml') ? { ...f, source: f.source.replace('We open again', 'We are back') } : f));
  const failing = await supervisor.request<FlowTestRunResponse>('POST', '/api/flows/test', { files: edited });
  const failed = failing.body.results.filter((r) => !r.passed);
  assert.ok(failed.some((r) => r.name === 'at night the customer is queued and told when we open'));
  assert.match(failed[0]?.failure ?? '', /not met; .*We are back/);
});

test('a publish note is stored with who and when, and listed in the version history', async () => {
  const published = await admin.request<FlowVersionChangedResponse>('POST', '/api/flows/versions', {
    files: [{ file: 'flow.yaml', source: v1.replace('version one', 'version two') }],
    baseVersion: 1,
    note: '  Friendlier answer  ',
  });
  assert.is(published.status, 201);
  assert.equal(published.body.version, { ...published.body.version, version: 2, active: true, note: 'Friendlier answer', publishedBy: `operator:${admin.login.operator.id}` });
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.equal(list.body.versions.map((v) => [v.version, v.note]), [[2, 'Friendlier answer'], [1, null]]);
  const blank = await admin.request('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v1 }], note: '   ' });
  assert.is(blank.status, 400, 'a note of only spaces is no note');
});

test('publishing a draft started before someone else published is refused with 409 naming who and when, and nothing changes', async () => {
  // the draft was started while version 2 was active; the supervisor-turned-admin publishes version 3 meanwhile
  await addOperator(engine.baton.store, { email: 'ann@example.com', password: 'ann-password-1', name: 'Ann Admin', role: 'admin' });
  const ann = await OperatorClient.signIn(engine.baseUrl, 'ann@example.com', 'ann-password-1');
  const third = await ann.request<FlowVersionChangedResponse>('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v1.replace('version one', 'version three') }], baseVersion: 2, note: 'Ann changes' });
  assert.is(third.status, 201);
  const stale = await admin.request<StaleDraftResponse>('POST', '/api/flows/versions', {
    files: [{ file: 'flow.yaml', source: v1.replace('version one', 'my edit') }],
    baseVersion: 2,
    note: 'My edit',
  });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.code, 'stale_draft');
  assert.match(stale.body.error.message, /^Version 3 was published by Ann Admin at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you started this draft from version 2; nothing was published/);
  assert.equal([stale.body.active.version, stale.body.active.actorName, stale.body.baseVersion], [3, 'Ann Admin', 2]);
  const list = await admin.request<FlowVersionListResponse>('GET', '/api/flows/versions');
  assert.equal(list.body.versions.map((v) => [v.version, v.active]), [[3, true], [2, false], [1, false]]);

  // a rollback since the draft started counts as well
  assert.is((await ann.request('POST', '/api/flows/versions/1/activate')).status, 200);
  const afterRollback = await admin.request<StaleDraftResponse>('POST', '/api/flows/versions', { files: [{ file: 'flow.yaml', source: v1 }], baseVersion: 3, note: 'x' });
  assert.is(afterRollback.status, 409);
  assert.match(afterRollback.body.error.message, /^Version 1 was made active again by Ann Admin/);
});

test('a supervisor may simulate and run tests but not publish', async () => {
  assert.is((await supervisor.request('POST', '/api/flows/test', { files: shipped })).status, 200);
  assert.is((await supervisor.request('POST', '/api/flows/versions', { files: shipped, baseVersion: 1, note: 'no' })).status, 403);
});

test.run();
