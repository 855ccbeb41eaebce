import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FlowAction } from '../../engine/domain/flow/flow-action.ts';
import type { Step } from '../../engine/domain/flow/flow-document.ts';
import { MAX_STEPS_PER_EVENT } from '../../engine/domain/flow/runtime/run-steps.ts';
import { actionTypes, flowSet, MONDAY_10_BANGKOK, officeCalendar, onAnyMessage, run, said, text } from '../support/flow-fixtures.ts';

test('say: a text template sees the customer, and quick replies become LINE quick reply items', () => {
  const set = onAnyMessage([
    {
      id: 'hi',
      say: {
        text: 'Hello {{ customer.name }}, you wrote "{{ message.text }}"',
        quickReplies: [
          { label: 'Talk to a human', postback: 'action=handoff' },
          { label: 'Prices', text: 'show prices' },
          { label: 'Menu' },
        ],
      },
    },
  ]);
  const [action] = run(set, text('hey')).actions;
  assert.equal(action, {
    type: 'say',
    message: {
      type: 'text',
      text: 'Hello Somchai, you wrote "hey"',
      quickReply: {
        items: [
          { type: 'action', action: { type: 'postback', label: 'Talk to a human', data: 'action=handoff', displayText: 'Talk to a human' } },
          { type: 'action', action: { type: 'message', label: 'Prices', text: 'show prices' } },
          { type: 'action', action: { type: 'message', label: 'Menu', text: 'Menu' } },
        ],
      },
    },
  });
});

test('say: a canned response is said in the customer language, falling back to the base language and the default', () => {
  const canned = [{ id: 'hi', title: 'Hi', text: 'Hello {{ customer.name }}', variants: { th: 'สวัสดีค่ะ คุณ{{ customer.name }}', zh: '你好' } }];
  const set = onAnyMessage([{ id: 'hi', say: { canned: 'hi' } }], { canned });
  const first = (language: string | null): FlowAction | undefined => run(set, text('x'), { customer: { language } }).actions[0];
  assert.equal(first('th'), { type: 'say', message: { type: 'text', text: 'สวัสดีค่ะ คุณSomchai' }, canned: 'hi' });
  assert.equal(said(run(set, text('x'), { customer: { language: 'zh-TW' } }).actions), ['你好']);
  assert.equal(said(run(set, text('x'), { customer: { language: 'en' } }).actions), ['Hello Somchai']);
  assert.equal(said(run(set, text('x'), { customer: { language: null } }).actions), ['Hello Somchai']);
});

test('say: image and flex messages', () => {
  const set = onAnyMessage([
    { id: 'img', say: { image: { url: 'https://example.com/a.png' } }, next: 'flex' },
    { id: 'flex', say: { flex: { altText: 'Card for {{ customer.name }}', contents: { type: 'bubble' } } } },
  ]);
  const messages = run(set, text('x')).actions.map((a) => (a.type === 'say' ? a.message : null));
  assert.equal(messages, [
    { type: 'image', originalContentUrl: 'https://example.com/a.png', previewImageUrl: 'https://example.com/a.png' },
    { type: 'flex', altText: 'Card for Somchai', contents: { type: 'bubble' } },
  ]);
});

test('branch and next routes: the first condition that holds wins, else catches the rest', () => {
  const steps: Step[] = [
    { id: 'start', branch: [{ if: 'message.text == "a"', then: 'a' }, { if: 'message.text == "b"', then: 'b' }], next: 'none' },
    { id: 'a', say: { text: 'A' }, next: [{ if: 'customer.language == "th"', then: 'th' }, { else: 'other' }] },
    { id: 'b', say: { text: 'B' } },
    { id: 'none', say: { text: 'none' } },
    { id: 'th', say: { text: 'th' } },
    { id: 'other', say: { text: 'other' } },
  ];
  const set = onAnyMessage(steps);
  assert.equal(said(run(set, text('a')).actions), ['A', 'other']);
  assert.equal(said(run(set, text('a'), { customer: { language: 'th' } }).actions), ['A', 'th']);
  assert.equal(said(run(set, text('b')).actions), ['B']);
  assert.equal(said(run(set, text('c')).actions), ['none'], 'no route holds: the step\'s next');
});

test('a condition that fails at run time counts as false', () => {
  const set = onAnyMessage([
    { id: 'start', branch: [{ if: 'vars.never_set == "x"', then: 'yes' }, { else: 'no' }] },
    { id: 'yes', say: { text: 'yes' } },
    { id: 'no', say: { text: 'no' } },
  ]);
  assert.equal(said(run(set, text('x')).actions), ['no']);
});

test('set: CEL values into vars, in order, with whole numbers kept as numbers', () => {
  const set = onAnyMessage([
    { id: 'start', set: { count: '2 + 3', double: 'vars.count * 2', greeting: '"Hi " + customer.name', vip: '"vip" in customer.tags' }, next: 'show' },
    { id: 'show', say: { text: '{{ vars.greeting }}: {{ vars.double }}' } },
  ]);
  const result = run(set, text('x'));
  assert.equal(result.state.vars, { count: 5, double: 10, greeting: 'Hi Somchai', vip: false });
  assert.equal(said(result.actions), ['Hi Somchai: 10']);
  const again = run(set, text('x'), { state: { ...result.state } });
  assert.is(again.state.vars.double, 10, 'stored numbers are ints again for CEL on the next event');
});

test('tag: the action goes out and later conditions in the same run see the new tags', () => {
  const set = onAnyMessage([
    { id: 'start', tag: { add: ['vip'], remove: ['new'] }, next: [{ if: '"vip" in customer.tags && !("new" in customer.tags)', then: 'yes' }, { else: 'no' }] },
    { id: 'yes', say: { text: 'tagged' } },
    { id: 'no', say: { text: 'not tagged' } },
  ]);
  const { actions } = run(set, text('x'), { customer: { tags: ['new'] } });
  assert.equal(actions[0], { type: 'tag', add: ['vip'], remove: ['new'] });
  assert.equal(said(actions), ['tagged']);
});

test('hours: shorthand routes for open, closed and holiday, and hours.nextOpen in templates', () => {
  const set = onAnyMessage(
    [
      { id: 'start', hours: { calendar: 'office', open: 'open', closed: 'closed', holiday: 'holiday' } },
      { id: 'open', say: { text: 'open' } },
      { id: 'closed', say: { text: 'closed, back {{ hours.nextOpen }}' } },
      { id: 'holiday', say: { text: 'holiday, back {{ hours.nextOpen }}' } },
    ],
    { calendars: [officeCalendar] },
  );
  assert.equal(said(run(set, text('x'), { now: MONDAY_10_BANGKOK }).actions), ['open']);
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-01-05T12:30:00+07:00') }).actions), ['closed, back Monday 13:00']);
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-01-05T12:30:00+07:00'), customer: { language: 'th' } }).actions), ['closed, back วันจันทร์ 13:00']);
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-04-13T10:00:00+07:00') }).actions), ['holiday, back Tuesday 09:00']);
});

test('hours: without shorthands, next routes on hours.open and hours.holiday', () => {
  const set = onAnyMessage(
    [
      { id: 'start', hours: { calendar: 'office' }, next: [{ if: 'hours.holiday', then: 'holiday' }, { if: 'hours.open', then: 'open' }, { else: 'closed' }] },
      { id: 'open', say: { text: 'open' } },
      { id: 'closed', say: { text: 'closed' } },
      { id: 'holiday', say: { text: 'holiday' } },
    ],
    { calendars: [officeCalendar] },
  );
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-01-10T11:00:00+07:00') }).actions), ['open'], 'Saturday 10-14');
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-01-11T11:00:00+07:00') }).actions), ['closed'], 'Sunday');
  assert.equal(said(run(set, text('x'), { now: Date.parse('2026-04-13T11:00:00+07:00') }).actions), ['holiday']);
});

test('goto jumps, end stops, and a step without a type key just routes', () => {
  const set = onAnyMessage([
    { id: 'start', goto: 'middle' },
    { id: 'skipped', say: { text: 'skipped' } },
    { id: 'middle', next: 'say' },
    { id: 'say', say: { text: 'said' }, next: 'stop' },
    { id: 'stop', end: true, next: 'skipped' },
  ]);
  assert.equal(said(run(set, text('x')).actions), ['said']);
});

test('end with release hands a customer in a human chat back to the bot; outside one it just ends', () => {
  const set = flowSet({
    triggers: [{ id: 'bot', keyword: { any: ['bot'] }, duringHuman: true, goto: 'bye' }],
    steps: [{ id: 'bye', say: { text: 'back with the bot' }, next: 'release' }, { id: 'release', end: { release: true } }],
  });
  assert.equal(actionTypes(run(set, text('bot'), { customer: { withHuman: true } }).actions), ['say', 'release']);
  assert.equal(actionTypes(run(set, text('bot')).actions), ['say']);
});

test('plugin: the step becomes a plugin action with its settings, and the flow goes on', () => {
  const set = onAnyMessage([
    { id: 'notify', plugin: { use: 'notify', with: { channel: 'sales' } }, next: 'done' },
    { id: 'done', say: { text: 'done' } },
  ]);
  assert.equal(run(set, text('x')).actions, [
    { type: 'plugin', use: 'notify', with: { channel: 'sales' } },
    { type: 'say', message: { type: 'text', text: 'done' } },
  ]);
});

test('a flow that loops forever is cut off by the loop guard', () => {
  const set = onAnyMessage([
    { id: 'ping', say: { text: 'ping' }, next: 'pong' },
    { id: 'pong', goto: 'ping' },
  ]);
  const { actions } = run(set, text('x'));
  assert.is(actions.length, MAX_STEPS_PER_EVENT / 2);
});

test.run();
