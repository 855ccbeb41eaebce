/** branch: conditional routes; when none holds, the step's `next` decides. */
import type { Route } from '../flow-document.ts';
import { firstRoute } from '../runtime/routes.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { goto, NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeBranch(routes: Route[], ctx: RunContext): StepOutcome {
  const target = firstRoute(routes, ctx);
  return target === null ? NEXT : goto(target);
}
