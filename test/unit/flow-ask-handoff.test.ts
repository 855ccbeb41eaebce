/** Steps that wait for the customer or hand them over: ask (and the answer-versus-trigger rule), handoff. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RoutingRulesDocument } from '../../engine/domain/flow/flow-document.ts';
import { emptyFlowState } from '../../engine/domain/flow/flow-state.ts';
import { runFlowEvent } from '../../engine/domain/flow/runtime/run-flow-event.ts';
import { conversation, customer, flowSet, MONDAY_10_BANGKOK, run, said, text } from '../support/flow-fixtures.ts';

const askSet = flowSet({
  triggers: [
    { id: 'human', keyword: { any: ['agent'] }, goto: 'human' },
    { id: 'order', keyword: { any: ['order'], match: 'exact' }, goto: 'ask' },
    { id: 'other', event: 'message', goto: 'other' },
  ],
  steps: [
    {
      id: 'ask',
      ask: { text: 'Your order number?', into: 'order', validate: { regex: '^\\d{4}$', cel: 'int(answer) > 1000' }, retryText: 'Four digits, please.', retries: 1, onFail: 'gave-up' },
      next: 'thanks',
    },
    { id: 'thanks', say: { text: 'Checking order {{ vars.order }}' } },
    { id: 'gave-up', say: { text: 'Let me get a person.' } },
    { id: 'human', say: { text: 'human' } },
    { id: 'other', say: { text: 'other' } },
  ],
});

test('ask: the question waits for the answer, which lands in vars and the flow goes on', () => {
  const chat = conversation(askSet);
  assert.equal(said(chat.send(text('order')).actions), ['Your order number?']);
  assert.equal(chat.state.awaiting, { kind: 'ask', stepId: 'ask', triesLeft: 1 });
  assert.equal(said(chat.send(text(' 1234 ')).actions), ['Checking order 1234']);
  assert.is(chat.state.vars.order, '1234');
  assert.is(chat.state.awaiting, null);
});

test('ask: a refused answer gets the retry text and the question again, then onFail', () => {
  const chat = conversation(askSet);
  chat.send(text('order'));
  assert.equal(said(chat.send(text('12')).actions), ['Four digits, please.', 'Your order number?']);
  assert.equal(said(chat.send(text('0999')).actions), ['Let me get a person.'], 'the cel check refuses it too; no tries left');
  assert.is(chat.state.awaiting, null);
  assert.is(chat.state.vars.order, undefined);
});

test('ask: a keyword trigger abandons the question; a sticker leaves it waiting', () => {
  const chat = conversation(askSet);
  chat.send(text('order'));
  assert.equal(said(chat.send({ kind: 'message', messageType: 'sticker', text: null }).actions), ['other']);
  assert.ok(chat.state.awaiting, 'still waiting after a sticker');
  assert.equal(said(chat.send(text('agent please')).actions), ['human']);
  assert.is(chat.state.awaiting, null);
  assert.equal(said(chat.send(text('1234')).actions), ['other'], 'the abandoned question takes no answer');
});

const routing: RoutingRulesDocument = {
  kind: 'RoutingRules',
  id: 'default',
  strategy: 'least-busy',
  rules: [
    { if: 'customer.tags.exists(t, t == "vip")', priority: 10 },
    { if: 'message.text.lowerAscii().contains("refund")', team: 'billing', skills: ['billing'] },
  ],
  default: { team: 'support', skills: ['thai'], priority: 1 },
};

const handoffSet = flowSet({
  triggers: [
    { id: 'human', keyword: { any: ['agent'] }, goto: 'handoff' },
    { id: 'again', keyword: { any: ['now'] }, duringHuman: true, goto: 'handoff' },
  ],
  steps: [
    { id: 'handoff', handoff: { greeting: 'Queued in {{ queue.id }}, {{ customer.name }}', onClose: 'bye' } },
    { id: 'bye', say: { text: 'back with the bot' } },
    { id: 'sorry', say: { text: 'still busy' } },
  ],
  routing: [routing],
  queues: [{ kind: 'Queue', id: 'default', maxWait: { minutes: 30, then: 'sorry' } }],
});

test('handoff: the greeting first, then the handoff with the routing rules decision and the default queue', () => {
  const { actions, state } = run(handoffSet, text('agent'));
  assert.equal(said(actions), ['Queued in default, Somchai']);
  assert.equal(actions[1], {
    type: 'handoff',
    queue: 'default',
    routing: { rules: 'default', team: 'support', skills: ['thai'], priority: 1, strategy: 'least-busy' },
    onCloseStep: 'bye',
  });
  assert.equal(state, emptyFlowState());
});

test('handoff switched off for the chat (a group whose channel keeps groups with the bot): no greeting, no queue, the bot keeps it', () => {
  const { actions, state } = runFlowEvent(handoffSet, emptyFlowState(), { event: text('agent'), customer: customer(), now: MONDAY_10_BANGKOK, handoffAllowed: false });
  assert.equal(actions, []);
  assert.equal(state, emptyFlowState());
});

test('handoff: the first rule that holds decides; what it leaves out comes from the default', () => {
  const vip = run(handoffSet, text('agent'), { customer: { tags: ['vip'] } }).actions[1];
  assert.equal(vip?.type === 'handoff' && vip.routing, { rules: 'default', team: 'support', skills: ['thai'], priority: 10, strategy: 'least-busy' });
  const refund = run(handoffSet, text('agent, REFUND please')).actions[1];
  assert.equal(refund?.type === 'handoff' && refund.routing, { rules: 'default', team: 'billing', skills: ['billing'], priority: 1, strategy: 'least-busy' });
});

test('handoff: a customer already with a human is not queued twice', () => {
  assert.equal(run(handoffSet, text('now'), { customer: { withHuman: true } }).actions, []);
});

test('handoff-closed runs the onClose step; queue-timeout runs the queue step', () => {
  assert.equal(said(run(handoffSet, { kind: 'handoff-closed', onCloseStep: 'bye' }, { customer: { withHuman: true } }).actions), ['back with the bot']);
  assert.equal(run(handoffSet, { kind: 'handoff-closed', onCloseStep: null }).actions, []);
  assert.equal(said(run(handoffSet, { kind: 'queue-timeout', stepId: 'sorry' }, { customer: { withHuman: true } }).actions), ['still busy']);
});

test.run();
