/**
 * wait: pauses the flow. The service wakes the runtime with a `resume` event at `at`; the run then
 * continues with this step's `next`, evaluated at wake-up so conditions see that moment's facts.
 * FlowState.resume therefore names the wait step itself, not its successor.
 */
import type { Step, WaitStep } from '../flow-document.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { STOP, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeWait(step: Step & { wait: WaitStep }, ctx: RunContext): StepOutcome {
  const at = ctx.input.now + Math.max(0, step.wait.seconds) * 1000;
  ctx.resume = { at, stepId: step.id };
  ctx.actions.push({ type: 'schedule', at });
  return STOP;
}
