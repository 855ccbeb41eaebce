/**
 * One Flow per LINE channel, or one shared by all (docs/flows.md, One Flow per channel): what the
 * validator accepts and builds, which Flow a channel's customer runs, the channel in conditions and
 * templates, and `baton test` over a set with a Flow of a channel's own.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFlowTestsCommand } from '../../engine/cli/test-command.ts';
import { emptyFlowState } from '../../engine/domain/flow/flow-state.ts';
import { runFlowEvent } from '../../engine/domain/flow/runtime/run-flow-event.ts';
import { setForChannel } from '../../engine/domain/flow/set-for-channel.ts';
import { simulateConversation } from '../../engine/domain/flow/simulation/simulate-conversation.ts';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import { validateFlowSources, type FlowSource } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { readFlowSources } from '../../engine/services/flows/flow-set.ts';
import { customer, MONDAY_10_BANGKOK, said, text } from '../support/flow-fixtures.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/flow-sets/channel-flows');

const flowDoc = (id: string, greeting: string, channels?: string) =>
  `kind: Flow\nid: ${id}\n${channels ? `channels: ${channels}\n` : ''}triggers:\n  - { id: any, event: message, goto: hello }\nsteps:\n  - id: hello\n    say: { text: "${greeting}" }\n`;

function validSet(sources: FlowSource[]) {
  const { set, problems } = validateFlowSources(sources, {});
  assert.equal(problems.map(formatProblem), []);
  if (!set) throw new Error('the set does not validate');
  return set;
}

const threeFlows = () =>
  validSet([
    { file: 'a.yaml', source: flowDoc('shop', 'shop {{ channel.id }}', '[shop-th, shop-en]') },
    { file: 'b.yaml', source: flowDoc('support', 'support {{ channel.id }}') },
    { file: 'c.yaml', source: flowDoc('promo', 'promo', '[promo]') },
  ]);

const answer = (set: ReturnType<typeof threeFlows>, channelId: string) =>
  said(runFlowEvent(setForChannel(set, channelId), emptyFlowState(), { event: text('hi'), customer: customer({ channelId }), now: MONDAY_10_BANGKOK }).actions);

test('a set with one shared Flow and Flows with channels builds: the shared Flow is the entry, each channel maps to its Flow', () => {
  const set = threeFlows();
  assert.is(set.entry.id, 'support');
  assert.is(set.entryFile, 'b.yaml');
  assert.equal(set.flows.map((f) => [f.flow.id, f.file]), [['support', 'b.yaml'], ['shop', 'a.yaml'], ['promo', 'c.yaml']]);
  assert.equal([...set.channelFlows].map(([channel, f]) => [channel, f.flow.id]), [['shop-th', 'shop'], ['shop-en', 'shop'], ['promo', 'promo']]);
});

test("a channel's own Flow answers its customers; every other channel shares the default Flow", () => {
  const set = threeFlows();
  assert.equal(answer(set, 'shop-th'), ['shop shop-th']);
  assert.equal(answer(set, 'shop-en'), ['shop shop-en']);
  assert.equal(answer(set, 'promo'), ['promo']);
  assert.equal(answer(set, 'default'), ['support default']);
  assert.equal(answer(set, 'not-a-channel-yet'), ['support not-a-channel-yet']);
});

test('setForChannel is the same object for the same channel, shares the documents, and finds its way back', () => {
  const set = threeFlows();
  const shop = setForChannel(set, 'shop-th');
  assert.is(setForChannel(set, 'shop-th'), shop);
  assert.is(setForChannel(set, 'shop-en'), shop, 'two channels of one Flow share one view');
  assert.is(setForChannel(set, 'default'), set, 'a channel without a Flow of its own gets the set itself');
  assert.is(setForChannel(shop, 'default'), set, 'from a view back to the shared Flow');
  assert.is(setForChannel(shop, 'promo'), setForChannel(set, 'promo'));
  assert.is(shop.entry.id, 'shop');
  assert.is(shop.entryFile, 'a.yaml');
  assert.is(shop.queues, set.queues);
  assert.is(shop.shared, set.shared);
});

test('conditions and templates see channel.id (the default channel when the customer names none)', () => {
  const set = validSet([
    {
      file: 'flow.yaml',
      source: `kind: Flow\nid: support\ntriggers:\n  - { id: any, event: message, when: 'channel.id != "muted"', goto: hello }\nsteps:\n  - id: hello\n    say: { text: "on {{ channel.id }}" }\n`,
    },
  ]);
  const run = (channelId?: string) =>
    said(runFlowEvent(set, emptyFlowState(), { event: text('hi'), customer: customer(channelId === undefined ? {} : { channelId }), now: MONDAY_10_BANGKOK }).actions);
  assert.equal(run(), ['on default']);
  assert.equal(run('shop-th'), ['on shop-th']);
  assert.equal(run('muted'), []);
});

test('a condition on a channel field that does not exist is a type error when the flow is validated', () => {
  const { problems } = validateFlowSources(
    [{ file: 'flow.yaml', source: `kind: Flow\nid: support\ntriggers:\n  - { id: any, event: message, when: 'channel.name == "x"', goto: hello }\nsteps:\n  - id: hello\n    say: { text: hi }\n` }],
    {},
  );
  assert.equal(problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`), ['flow.yaml:4:47 cel-type']);
});

test('the simulator runs the Flow of the channel asked for and says which Flow it was', async () => {
  const set = validSet(await readFlowSources(fixture));
  const shop = simulateConversation(set, { clock: '2026-01-05T10:00:00+07:00', channel: 'shop-th', inputs: [{ text: 'hi' }] });
  assert.equal(shop.flow, { id: 'shop', file: path.join(fixture, 'shop-th.yaml'), channel: 'shop-th', shared: false });
  assert.equal(shop.turns[0]?.messages, [{ type: 'text', text: 'สวัสดีค่ะ ร้านค้า shop-th' }]);
  const shared = simulateConversation(set, { clock: '2026-01-05T10:00:00+07:00', inputs: [{ text: 'hi' }] });
  assert.equal(shared.flow, { id: 'support', file: path.join(fixture, 'shared.yaml'), channel: 'default', shared: true });
});

function collect() {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return { stream, text: () => written };
}

test('baton test runs the tests of every Flow, each as its channel, and says which Flow answered', async () => {
  const out = collect();
  const err = collect();
  assert.is(await runFlowTestsCommand(fixture, out.stream, err.stream), 0);
  assert.is(err.text(), '');
  assert.equal(out.text().trimEnd().split('\n'), [
    '  ok  the default channel runs the shared Flow [default → support]',
    '  ok  a channel without a Flow of its own shares it, and conditions see the channel [shop-en → support]',
    '  ok  a test here may speak to another channel, whose own Flow answers [shop-th → shop]',
    "  ok  the shop's customers get the shop's greeting [shop-th → shop]",
    "  ok  a long wait runs the queue's maxWait step of this Flow [shop-th → shop]",
    '5 passed, 0 failed',
  ]);
});

test("baton test points a failing test of a channel's Flow at the test in that Flow's file", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-channel-flows-'));
  try {
    for (const { file, source } of await readFlowSources(fixture)) {
      const name = path.basename(file);
      await fs.writeFile(path.join(dir, name), name === 'shop-th.yaml' ? source.replace('expect: [ { say: { text: "สวัสดีค่ะ ร้านค้า shop-th" } } ]', 'expect: [ { say: { text: nope } } ]') : source);
    }
    const out = collect();
    assert.is(await runFlowTestsCommand(dir, out.stream, collect().stream), 1);
    const failures = out.text().split('\n').filter((line) => !line.startsWith('  ok') && line !== '');
    assert.equal(failures, [
      `${path.join(dir, 'shop-th.yaml')}:18:5: test "the shop's customers get the shop's greeting" [shop-th → shop]: expectation 1 of 1 {say: {text: "nope"}} not met; actions: say "สวัสดีค่ะ ร้านค้า shop-th"`,
      '4 passed, 1 failed',
    ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test.run();
