/** Conditional routes (`next:` lists and branch steps): the first `if` that holds wins; `else` always does. */
import type { Route, Step } from '../flow-document.ts';
import { conditionHolds } from './condition-holds.ts';
import { celScope, type RunContext } from './run-context.ts';

export function firstRoute(routes: readonly Route[], ctx: RunContext): string | null {
  for (const route of routes) {
    if ('else' in route) return route.else;
    if (conditionHolds(ctx, route.if, celScope(ctx))) return route.then;
  }
  return null;
}

/** The step after `step`, or null when the flow ends there. */
export function nextStepId(step: Step, ctx: RunContext): string | null {
  if (step.next === undefined) return null;
  if (typeof step.next === 'string') return step.next;
  return firstRoute(step.next, ctx);
}
