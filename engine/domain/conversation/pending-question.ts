/**
 * What a customer's message is to the bot's open question, for deciding whether a customer writing after the
 * close comes back to their conversation (reopen-window.ts): the answer the bot is waiting for (a survey score
 * or comment, an ask's answer), something else while a survey score is awaited, or no question at all. It
 * reads the question as answerAwaiting (runtime/answer-awaiting.ts) would take it.
 */
import type { FlowEvent } from '../flow/flow-event.ts';
import type { FlowSet } from '../flow/flow-set.ts';
import type { FlowState } from '../flow/flow-state.ts';
import { scoreFromEvent } from '../flow/steps/survey-answer.ts';
import type { PendingQuestion } from './reopen-window.ts';

export function pendingQuestion(set: FlowSet, state: FlowState, event: FlowEvent, now: number): PendingQuestion {
  const awaiting = state.awaiting;
  if (!awaiting) return 'none';
  const isText = event.kind === 'message' && event.messageType === 'text' && event.text !== null;
  if (awaiting.kind === 'ask') return isText ? 'answer' : 'other';
  const survey = set.surveys.get(awaiting.surveyId);
  if (!survey || now > awaiting.expiresAt) return 'none';
  if (awaiting.stage === 'score') return scoreFromEvent(survey, event) === null ? 'other' : 'answer';
  return isText ? 'answer' : 'other';
}
