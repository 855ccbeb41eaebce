/** set: CEL values into flow variables, in the order written, so a later value may use an earlier one. */
import type { SetStep } from '../flow-document.ts';
import { toVarValue } from '../runtime/flow-vars.ts';
import { celScope, type RunContext } from '../runtime/run-context.ts';
import { safelyEvaluate } from '../runtime/safe-cel.ts';
import { NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeSet(set: SetStep, ctx: RunContext): StepOutcome {
  for (const [name, expression] of Object.entries(set)) {
    const value = toVarValue(safelyEvaluate(expression, celScope(ctx)));
    if (value === undefined) delete ctx.vars[name];
    else ctx.vars[name] = value;
  }
  return NEXT;
}
