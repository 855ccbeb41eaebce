/**
 * An event while the flow awaits an answer (FlowState.awaiting). The rule, in order:
 * 1. An expired survey no longer waits: the event (even a late score tap) is an ordinary one.
 * 2. A survey score is a tap on its quick replies or a typed 1-5; it is taken before any trigger,
 *    since it cannot mean anything else. Any other event runs the triggers as usual and the survey
 *    keeps waiting until it expires (LINE hides the quick replies, but a typed score still counts).
 * 3. An ask's answer is the next text message, unless that message matches a keyword, regex or
 *    postback trigger: the customer changed the subject ("agent"), so the question is dropped and
 *    the trigger runs. Catch-all event triggers never take an answer away.
 * 4. A survey comment is the next text message, whatever it says: it is free text about the chat
 *    that just ended, and "the agent was slow" must not start a handoff.
 * 5. Events that are not text (stickers, images, postbacks) leave an ask or a comment waiting and go
 *    to the triggers.
 * A human chat bypasses all of this (runFlowEvent does not call here while withHuman).
 */
import type { AskStep, Step } from '../flow-document.ts';
import { answerAsk } from '../steps/ask.ts';
import { answerSurveyComment, answerSurveyScore } from '../steps/survey.ts';
import { scoreFromEvent } from '../steps/survey-answer.ts';
import { isSpecific } from './match-trigger.ts';
import type { RunContext } from './run-context.ts';
import { continueAfter } from './run-steps.ts';
import { selectTrigger } from './select-trigger.ts';

function textOf(ctx: RunContext): string | null {
  const { event } = ctx.input;
  return event.kind === 'message' && event.messageType === 'text' ? event.text : null;
}

/** The customer changed the subject: a keyword, regex or postback trigger matches this event. */
function changesSubject(ctx: RunContext): boolean {
  return selectTrigger(ctx, isSpecific) !== null;
}

/** True when the awaiting step took the event; false when the triggers should have it. */
export function answerAwaiting(ctx: RunContext): boolean {
  const awaiting = ctx.awaiting;
  if (!awaiting) return false;
  if (awaiting.kind === 'survey') {
    const survey = ctx.set.surveys.get(awaiting.surveyId);
    if (!survey || ctx.input.now > awaiting.expiresAt) {
      ctx.awaiting = null;
      return false;
    }
    if (awaiting.stage === 'score') {
      const score = scoreFromEvent(survey, ctx.input.event);
      if (score === null) return false;
      answerSurveyScore(survey.id, score, awaiting.expiresAt, ctx);
      return true;
    }
    const comment = textOf(ctx);
    if (comment === null) return false;
    answerSurveyComment(survey.id, awaiting.score ?? 0, comment, ctx);
    return true;
  }
  const step = ctx.steps.get(awaiting.stepId);
  if (!step?.ask) {
    ctx.awaiting = null; // the flow version changed under a waiting customer; the question is gone
    return false;
  }
  const answer = textOf(ctx);
  if (answer === null) return false;
  if (changesSubject(ctx)) {
    ctx.awaiting = null;
    return false;
  }
  const askStep: Step & { ask: AskStep } = { ...step, ask: step.ask };
  continueAfter(ctx, step, answerAsk(askStep, awaiting.triesLeft, answer, ctx));
  return true;
}
