/**
 * CEL at run time. Expressions were type-checked at validation, but values can still fail at run
 * time (a `vars.x` that was never set). A failed condition counts as false and a failed value as
 * unset, so one bad expression degrades a branch instead of stopping the customer's conversation.
 */
import { evaluateCel, holds, type CelScope } from '../expression/cel.ts';

export function safelyHolds(source: string, scope: CelScope): boolean {
  try {
    return holds(source, scope);
  } catch {
    return false;
  }
}

export function safelyEvaluate(source: string, scope: CelScope): unknown {
  try {
    return evaluateCel(source, scope);
  } catch {
    return undefined;
  }
}
