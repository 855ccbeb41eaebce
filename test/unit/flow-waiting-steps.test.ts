/** Steps that span events: ask, handoff, survey, wait, and the rule for answers versus triggers. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FlowResult } from '../../engine/domain/flow/flow-action.ts';
import type { FlowEvent } from '../../engine/domain/flow/flow-event.ts';
import type { FlowSet } from '../../engine/domain/flow/flow-set.ts';
import { emptyFlowState, type FlowState } from '../../engine/domain/flow/flow-state.ts';
import type { RoutingRulesDocument, SurveyDocument } from '../../engine/domain/flow/flow-document.ts';
import { actionTypes, flowSet, MONDAY_10_BANGKOK, postback, run, said, text, type RunOptions } from '../support/flow-fixtures.ts';

const MINUTE = 60_000;

/** Runs events one after another, carrying the state, like the chat service does. */
function conversation(set: FlowSet, options: Omit<RunOptions, 'state'> = {}) {
  let state: FlowState = emptyFlowState();
  let now = options.now ?? MONDAY_10_BANGKOK;
  return {
    send(event: FlowEvent, extra: { afterMs?: number; customer?: RunOptions['customer'] } = {}): FlowResult {
      now += extra.afterMs ?? 0;
      const result = run(set, event, { ...options, customer: { ...options.customer, ...extra.customer }, state, now });
      state = result.state;
      return result;
    },
    get state() {
      return state;
    },
  };
}

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

const survey: SurveyDocument = {
  kind: 'Survey',
  id: 'csat-5',
  question: 'How did we do?',
  labels: ['Awful', 'Bad', 'OK', 'Good', 'Great'],
  comment: { ask: 'What went wrong?', onlyBelow: 3 },
  thanks: 'Thanks!',
  expiresAfterMinutes: 60,
};
const surveySet = flowSet({
  triggers: [
    { id: 'human', keyword: { any: ['agent'] }, goto: 'human' },
    { id: 'other', event: 'message', goto: 'other' },
  ],
  steps: [{ id: 'csat', survey: { id: 'csat-5' } }, { id: 'human', say: { text: 'human' } }, { id: 'other', say: { text: 'other' } }],
  surveys: [survey],
});
const closed: FlowEvent = { kind: 'handoff-closed', onCloseStep: 'csat' };

test('survey: five one-tap quick replies as csat postbacks with the labels as display text', () => {
  const { actions, state } = run(surveySet, closed);
  const [question, sent] = actions;
  assert.ok(question?.type === 'say' && question.message.type === 'text');
  assert.equal(question.message.quickReply?.items.map((i) => i.action), [1, 2, 3, 4, 5].map((score, i) => ({
    type: 'postback',
    label: survey.labels?.[i],
    data: `csat:csat-5:${score}`,
    displayText: survey.labels?.[i],
  })));
  assert.equal(sent, { type: 'survey', surveyId: 'csat-5' });
  assert.equal(state.awaiting, { kind: 'survey', surveyId: 'csat-5', stage: 'score', score: null, expiresAt: MONDAY_10_BANGKOK + 60 * MINUTE });
});

test('survey: a tap records the score and thanks; a high score asks no comment', () => {
  const chat = conversation(surveySet);
  chat.send(closed);
  const { actions } = chat.send(postback('csat:csat-5:4'));
  assert.equal(actions, [{ type: 'csat', surveyId: 'csat-5', score: 4, comment: null }, { type: 'say', message: { type: 'text', text: 'Thanks!' } }]);
  assert.is(chat.state.awaiting, null);
});

test('survey: a typed digit counts, full-width and Thai digits too, and so does a typed label', () => {
  for (const [typed, score] of [['5', 5], ['５', 5], ['๔', 4], ['great', 5]] as const) {
    const chat = conversation(surveySet);
    chat.send(closed);
    const csat = chat.send(text(typed)).actions[0];
    assert.equal(csat, { type: 'csat', surveyId: 'csat-5', score, comment: null }, typed);
  }
});

test('survey: a low score asks for a comment, which is recorded with the score', () => {
  const chat = conversation(surveySet);
  chat.send(closed);
  assert.equal(said(chat.send(postback('csat:csat-5:2')).actions), ['What went wrong?']);
  const { actions } = chat.send(text('Too slow, agent was late'), { afterMs: MINUTE });
  assert.equal(actions, [{ type: 'csat', surveyId: 'csat-5', score: 2, comment: 'Too slow, agent was late' }, { type: 'say', message: { type: 'text', text: 'Thanks!' } }], 'a comment that mentions "agent" is still the comment');
});

test('survey: other messages run the triggers and the survey keeps waiting until it expires', () => {
  const chat = conversation(surveySet);
  chat.send(closed);
  assert.equal(said(chat.send(text('hello again')).actions), ['other']);
  assert.equal(actionTypes(chat.send(text('3'), { afterMs: 10 * MINUTE }).actions), ['csat', 'say']);
});

test('survey: a tap after expiry is an ordinary event', () => {
  const chat = conversation(surveySet);
  chat.send(closed);
  assert.equal(said(chat.send(text('5'), { afterMs: 61 * MINUTE }).actions), ['other']);
  assert.is(chat.state.awaiting, null);
  assert.equal(chat.send(postback('csat:csat-5:5')).actions, []);
});

const waitSet = flowSet({
  triggers: [
    { id: 'start', keyword: { any: ['start'] }, goto: 'menu' },
    { id: 'other', event: 'message', goto: 'other' },
  ],
  steps: [
    { id: 'menu', say: { text: 'menu' }, next: 'pause' },
    { id: 'pause', wait: { seconds: 600 }, next: 'nudge' },
    { id: 'nudge', say: { text: 'still there?' } },
    { id: 'other', say: { text: 'other' } },
  ],
});

test('wait: a schedule action and a resume point; the resume event continues with next', () => {
  const chat = conversation(waitSet);
  const first = chat.send(text('start'));
  const at = MONDAY_10_BANGKOK + 600_000;
  assert.equal(first.actions, [{ type: 'say', message: { type: 'text', text: 'menu' } }, { type: 'schedule', at }]);
  assert.equal(chat.state.resume, { at, stepId: 'pause' });
  assert.equal(chat.send({ kind: 'resume' }, { afterMs: 60_000 }).actions, [], 'too early: nothing');
  assert.equal(said(chat.send({ kind: 'resume' }, { afterMs: 540_000 }).actions), ['still there?']);
  assert.is(chat.state.resume, null);
  assert.equal(chat.send({ kind: 'resume' }).actions, [], 'a repeated wake-up does nothing');
});

test('wait: a customer message in the meantime cancels the pending follow-up', () => {
  const chat = conversation(waitSet);
  chat.send(text('start'));
  chat.send(text('thanks'));
  assert.is(chat.state.resume, null);
  assert.equal(chat.send({ kind: 'resume' }, { afterMs: 700_000 }).actions, []);
});

test.run();
