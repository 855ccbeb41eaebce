/** The step loop: runs from one step until a step stops the run, the flow ends, or the loop guard trips. */
import type { Step } from '../flow-document.ts';
import { executeStep } from '../steps/execute-step.ts';
import { nextStepId } from './routes.ts';
import { stepById, type RunContext } from './run-context.ts';
import type { StepOutcome } from './step-outcome.ts';

/**
 * A flow that loops (goto back and forth, a branch that never settles) must not hang the engine or
 * flood the customer. Validation catches plain cycles; conditional ones are only visible at run time.
 */
export const MAX_STEPS_PER_EVENT = 50;

export function runSteps(ctx: RunContext, startId: string | null): void {
  let stepId = startId;
  for (let count = 0; stepId !== null && count < MAX_STEPS_PER_EVENT; count++) {
    const step = stepById(ctx, stepId);
    ctx.trace?.step(ctx.actions, step);
    const outcome = executeStep(step, ctx);
    if (step.hours) ctx.trace?.hours(ctx.actions, step, ctx.hours);
    if (outcome.kind === 'stop') return;
    stepId = outcome.kind === 'goto' ? outcome.stepId : nextStepId(step, ctx);
  }
}

/** Goes on after a step that finished outside the loop (an answered ask). */
export function continueAfter(ctx: RunContext, step: Step, outcome: StepOutcome): void {
  if (outcome.kind === 'stop') return;
  runSteps(ctx, outcome.kind === 'goto' ? outcome.stepId : nextStepId(step, ctx));
}
