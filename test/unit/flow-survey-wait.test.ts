/** Steps that span events on the clock: the CSAT survey (score, comment, expiry) and wait. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FlowEvent } from '../../engine/domain/flow/flow-event.ts';
import type { SurveyDocument } from '../../engine/domain/flow/flow-document.ts';
import { actionTypes, conversation, flowSet, MONDAY_10_BANGKOK, postback, run, said, text } from '../support/flow-fixtures.ts';

const MINUTE = 60_000;

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

test('survey: a tap of a score the survey never offered (a tampered postback) is no answer', () => {
  for (const data of ['csat:csat-5:0', 'csat:csat-5:6', 'csat:csat-5:9', 'csat:csat-5:2.5', 'csat:other-survey:4']) {
    const chat = conversation(surveySet);
    chat.send(closed);
    assert.not.ok(chat.send(postback(data)).actions.some((a) => a.type === 'csat'), data);
    const awaiting = chat.state.awaiting;
    assert.ok(awaiting?.kind === 'survey' && awaiting.stage === 'score', `${data}: the survey still waits for a score`);
  }
});

test('survey: the comment is asked only below its threshold: a score equal to it gets the thanks', () => {
  const chat = conversation(surveySet);
  chat.send(closed);
  assert.equal(chat.send(postback('csat:csat-5:3')).actions, [{ type: 'csat', surveyId: 'csat-5', score: 3, comment: null }, { type: 'say', message: { type: 'text', text: 'Thanks!' } }]);
  assert.is(chat.state.awaiting, null);
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
