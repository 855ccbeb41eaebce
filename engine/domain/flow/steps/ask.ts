/**
 * ask: puts a question and waits; the customer's next text message is the answer. An accepted
 * answer lands in vars.<into> and the flow goes on with `next`; a refused one gets `retryText`
 * and the question again, until the tries run out and `onFail` runs.
 */
import type { AskStep, Step } from '../flow-document.ts';
import { sayText } from '../runtime/outbound.ts';
import { celScope, type RunContext } from '../runtime/run-context.ts';
import { flowRegex } from '../runtime/regex-cache.ts';
import { safelyHolds } from '../runtime/safe-cel.ts';
import { goto, NEXT, STOP, type StepOutcome } from '../runtime/step-outcome.ts';

const DEFAULT_RETRIES = 2;

export function executeAsk(step: Step & { ask: AskStep }, ctx: RunContext): StepOutcome {
  sayText(ctx, { text: step.ask.text }, step.ask.quickReplies);
  ctx.awaiting = { kind: 'ask', stepId: step.id, triesLeft: step.ask.retries ?? DEFAULT_RETRIES };
  return STOP;
}

function accepted(ask: AskStep, answer: string, ctx: RunContext): boolean {
  if (answer === '') return false;
  // Unicode mode, so \p{Script=Thai} and friends work in answer patterns
  if (ask.validate?.regex !== undefined && !flowRegex(ask.validate.regex, 'u')?.test(answer)) return false;
  if (ask.validate?.cel !== undefined && !safelyHolds(ask.validate.cel, celScope(ctx, answer))) return false;
  return true;
}

/** The awaited answer arrived (the caller checked it is a text message the ask should take). */
export function answerAsk(step: Step & { ask: AskStep }, triesLeft: number, typed: string, ctx: RunContext): StepOutcome {
  const { ask } = step;
  // stray spaces from a phone keyboard are not part of the answer
  const answer = typed.trim();
  if (accepted(ask, answer, ctx)) {
    ctx.awaiting = null;
    ctx.vars[ask.into] = answer;
    return NEXT;
  }
  if (triesLeft <= 0) {
    ctx.awaiting = null;
    return ask.onFail !== undefined ? goto(ask.onFail) : STOP;
  }
  if (ask.retryText !== undefined) sayText(ctx, { text: ask.retryText });
  sayText(ctx, { text: ask.text }, ask.quickReplies);
  ctx.awaiting = { kind: 'ask', stepId: step.id, triesLeft: triesLeft - 1 };
  return STOP;
}
