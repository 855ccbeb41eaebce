/** end: the flow stops here; `release: true` during a human chat hands the customer back to the bot. */
import type { Step } from '../flow-document.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { STOP, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeEnd(end: NonNullable<Step['end']>, ctx: RunContext): StepOutcome {
  if (end !== true && end.release === true && ctx.withHuman) {
    ctx.actions.push({ type: 'release' });
    ctx.withHuman = false;
  }
  return STOP;
}
