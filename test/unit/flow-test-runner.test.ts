import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FlowTest } from '../../engine/domain/flow/flow-document.ts';
import { parseDuration } from '../../engine/domain/flow/testing/parse-duration.ts';
import { runFlowTests } from '../../engine/domain/flow/testing/run-flow-tests.ts';
import { runFlowTestsCommand } from '../../engine/cli/test-command.ts';
import { flowSet, officeCalendar } from '../support/flow-fixtures.ts';

const setWith = (tests: FlowTest[]) =>
  flowSet({
    triggers: [
      { id: 'human', keyword: { any: ['agent'] }, goto: 'to-human' },
      { id: 'vip', keyword: { any: ['vip me'] }, goto: 'make-vip' },
      { id: 'nudge', keyword: { any: ['menu'] }, goto: 'menu' },
    ],
    steps: [
      { id: 'to-human', hours: { calendar: 'office', open: 'handoff', closed: 'closed' } },
      { id: 'closed', say: { text: 'Closed until {{ hours.nextOpen }}' }, next: 'handoff' },
      { id: 'handoff', handoff: { onClose: 'bye' } },
      { id: 'bye', say: { text: 'bye {{ customer.name }}' } },
      { id: 'make-vip', tag: { add: ['vip'] }, next: [{ if: '"vip" in customer.tags', then: 'vip-said' }] },
      { id: 'vip-said', say: { text: 'you are vip' } },
      { id: 'menu', say: { text: 'menu' }, next: 'pause' },
      { id: 'pause', wait: { seconds: 300 }, next: 'later' },
      { id: 'later', say: { text: 'still there?' } },
    ],
    calendars: [officeCalendar],
    tests,
  });

test('a passing test: expectations match as an ordered subsequence across inputs, on the fake clock', () => {
  const [result] = runFlowTests(
    setWith([
      {
        name: 'night, then close',
        clock: '2026-01-05T23:30:00+07:00',
        customer: { name: 'Mali' },
        send: [{ text: 'agent' }, { event: 'handoff-closed', after: '2h' }],
        expect: [{ say: { contains: 'Tuesday 09:00' } }, { handoff: { priority: 0 } }, { say: { text: 'bye Mali' } }, { nothing: true }],
      },
    ]),
  );
  assert.equal(result && { passed: result.passed, failure: result.failure, index: result.index, file: result.file }, {
    passed: true,
    failure: null,
    index: 0,
    file: 'flows/test.flow.yaml',
  });
});

test('a failing test says which expectation failed and what the actions were', () => {
  const [result] = runFlowTests(
    setWith([{ name: 'wrong', clock: '2026-01-05T10:00:00+07:00', send: [{ text: 'agent' }], expect: [{ handoff: {} }, { say: { contains: 'welcome' } }] }]),
  );
  assert.is(result?.passed, false);
  assert.is(result?.failure, 'expectation 2 of 2 {say: {contains: "welcome"}} not met; after expectation 1: (none)');
  const [other] = runFlowTests(setWith([{ name: 'order', send: [{ text: 'agent' }], expect: [{ say: { text: 'nope' } }] }]));
  assert.match(other?.failure ?? '', /^expectation 1 of 1 \{say: \{text: "nope"\}\} not met; actions: handoff queue=- team=- skills=\[\] priority=0$/);
});

test('`nothing` fails when an action follows the previous match', () => {
  const [result] = runFlowTests(setWith([{ name: 'chatty', send: [{ text: 'agent' }], expect: [{ nothing: true }] }]));
  assert.match(result?.failure ?? '', /\{nothing: true\} failed; actions: handoff/);
});

test('tags from tag actions are on the simulated customer for the rest of the test', () => {
  const [result] = runFlowTests(setWith([{ name: 'tags', send: [{ text: 'vip me' }], expect: [{ tag: { add: ['vip'] } }, { say: { text: 'you are vip' } }] }]));
  assert.is(result?.failure, null);
});

test('the clock drives wait steps: the follow-up comes when `after` passes its time', () => {
  const [early, late] = runFlowTests(
    setWith([
      { name: 'early', send: [{ text: 'menu' }, { text: 'x', after: '4m' }], expect: [{ say: { text: 'menu' } }] },
      { name: 'late', send: [{ text: 'menu' }, { text: 'x', after: '6m' }], expect: [{ say: { text: 'menu' } }, { say: { text: 'still there?' } }] },
    ]),
  );
  assert.is(early?.failure, null);
  assert.equal(early?.actions.map((a) => a.type), ['say', 'schedule'], 'no follow-up before its time');
  assert.is(late?.failure, null);
});

test('a bad clock is a failure, not a crash', () => {
  const [result] = runFlowTests(setWith([{ name: 'clock', clock: 'yesterday', send: [{ text: 'agent' }], expect: [] }]));
  assert.is(result?.failure, 'clock "yesterday" is not an ISO date-time');
});

test('durations: s, m, h, d and sums', () => {
  assert.is(parseDuration('30s'), 30_000);
  assert.is(parseDuration('10m'), 600_000);
  assert.is(parseDuration('1h30m'), 5_400_000);
  assert.is(parseDuration('2d'), 172_800_000);
  assert.throws(() => parseDuration('soon'), /not a duration/);
});

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

const FLOW_WITH_TESTS = `kind: Flow
id: tiny
triggers:
  - { id: hi, keyword: { any: [hi], match: word }, goto: greet }
steps:
  - id: greet
    say: { text: "Hello {{ customer.name }}" }
tests:
  - name: hi is answered
    customer: { name: Mali }
    send: [{ text: hi }]
    expect: [{ say: { text: Hello Mali } }]
  - name: this one fails
    send: [{ text: hi }]
    expect: [{ say: { text: Goodbye } }]
`;

/** runs `fn` with a fresh folder for flow files, removed afterwards */
async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-flow-tests-'));
  try {
    await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test('baton test prints file:line:col of a failing test and a summary, and exits 1', async () => {
  await inTempDir(async (dir) => {
    await fs.writeFile(path.join(dir, 'tiny.flow.yaml'), FLOW_WITH_TESTS);
    const out = collect();
    const err = collect();
    const code = await runFlowTestsCommand(dir, out.stream, err.stream);
    assert.is(code, 1);
    const lines = out.text().trimEnd().split('\n');
    assert.equal(lines, [
      '  ok  hi is answered',
      `${path.join(dir, 'tiny.flow.yaml')}:13:5: test "this one fails": expectation 1 of 1 {say: {text: "Goodbye"}} not met; actions: say "Hello Test Customer"`,
      '1 passed, 1 failed',
    ]);
    assert.is(err.text(), '');
  });
});

test('baton test on valid flows whose tests pass exits 0; invalid flows exit 1 with the problems', async () => {
  await inTempDir(async (dir) => {
    await fs.writeFile(path.join(dir, 'tiny.flow.yaml'), FLOW_WITH_TESTS.split('  - name: this one fails')[0] ?? '');
    assert.is(await runFlowTestsCommand(dir, collect().stream, collect().stream), 0);
    await fs.writeFile(path.join(dir, 'tiny.flow.yaml'), FLOW_WITH_TESTS.replace('goto: greet', 'goto: gret'));
    const err = collect();
    assert.is(await runFlowTestsCommand(dir, collect().stream, err.stream), 1);
    assert.match(err.text(), /tiny\.flow\.yaml:4:\d+: .*gret/);
  });
});

const GROUP_FLOW = `kind: Flow
id: groups
triggers:
  - { id: hello-group, event: join, goto: greet-group }
  - { id: other, event: message, goto: answer }
steps:
  - id: greet-group
    say: { text: "Hello everyone, type help any time" }
  - id: answer
    say: { text: "Got it" }
tests:
  - name: added to a group, the account greets it
    send: [ { event: join }, { text: help } ]
    expect: [ { say: { text: "Hello everyone, type help any time" } }, { say: { text: Got it } } ]
`;

test('a flow test sends `event: join` (the account added to a group or room) to the Flow\'s join trigger', async () => {
  await inTempDir(async (dir) => {
    await fs.writeFile(path.join(dir, 'groups.flow.yaml'), GROUP_FLOW);
    const out = collect();
    const err = collect();
    assert.is(await runFlowTestsCommand(dir, out.stream, err.stream), 0, err.text());
    assert.equal(out.text().trimEnd().split('\n'), ['  ok  added to a group, the account greets it', '1 passed, 0 failed']);
    // the greeting answers the join, not the message after it
    await fs.writeFile(path.join(dir, 'groups.flow.yaml'), GROUP_FLOW.replace('send: [ { event: join }, { text: help } ]', 'send: [ { text: help } ]'));
    assert.is(await runFlowTestsCommand(dir, collect().stream, collect().stream), 1);
  });
});

test.run();
