/**
 * survey: a 1-5 question as five one-tap quick replies, then (when configured and the score is
 * below `onlyBelow`) a free-text comment, then the thank-you. The score is recorded (a csat action)
 * as soon as it is tapped, so a customer who never writes the comment still counts; a comment comes
 * as a second csat action with the same score, which the service records over the first.
 * A survey ends the run: what follows is up to the customer.
 */
import type { Step, SurveyDocument, SurveyStep } from '../flow-document.ts';
import { sayText } from '../runtime/outbound.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { STOP, type StepOutcome } from '../runtime/step-outcome.ts';
import { surveyLabels, surveyPostback } from './survey-answer.ts';

const DEFAULT_EXPIRY_MINUTES = 1440;

function surveyOf(ctx: RunContext, id: string): SurveyDocument {
  const survey = ctx.set.surveys.get(id);
  if (!survey) throw new Error(`flow ${ctx.set.entry.id}: no survey "${id}"`);
  return survey;
}

export function executeSurvey(step: Step & { survey: SurveyStep }, ctx: RunContext): StepOutcome {
  const survey = surveyOf(ctx, step.survey.id);
  const replies = surveyLabels(survey).map((label, i) => ({ label, postback: surveyPostback(survey.id, i + 1) }));
  sayText(ctx, { text: survey.question }, replies);
  ctx.actions.push({ type: 'survey', surveyId: survey.id });
  const expiresAt = ctx.input.now + (survey.expiresAfterMinutes ?? DEFAULT_EXPIRY_MINUTES) * 60_000;
  ctx.awaiting = { kind: 'survey', surveyId: survey.id, stage: 'score', score: null, expiresAt };
  return STOP;
}

export function answerSurveyScore(surveyId: string, score: number, expiresAt: number, ctx: RunContext): StepOutcome {
  const survey = surveyOf(ctx, surveyId);
  ctx.actions.push({ type: 'csat', surveyId, score, comment: null });
  const { comment } = survey;
  if (comment && (comment.onlyBelow === undefined || score < comment.onlyBelow)) {
    sayText(ctx, { text: comment.ask }, undefined, { survey: { score } });
    ctx.awaiting = { kind: 'survey', surveyId, stage: 'comment', score, expiresAt };
    return STOP;
  }
  ctx.awaiting = null;
  sayText(ctx, { text: survey.thanks }, undefined, { survey: { score } });
  return STOP;
}

export function answerSurveyComment(surveyId: string, score: number, comment: string, ctx: RunContext): StepOutcome {
  const survey = surveyOf(ctx, surveyId);
  ctx.actions.push({ type: 'csat', surveyId, score, comment: comment.trim() });
  ctx.awaiting = null;
  sayText(ctx, { text: survey.thanks }, undefined, { survey: { score } });
  return STOP;
}
