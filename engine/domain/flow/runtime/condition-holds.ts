/**
 * A CEL condition at run time, traced when the run has a trace: the value, or the error that made it count
 * as false (safe-cel.ts). Without a trace it is exactly safelyHolds.
 */
import { holds, type CelScope } from '../expression/cel.ts';
import type { RunContext } from './run-context.ts';
import { safelyHolds } from './safe-cel.ts';

export function conditionHolds(ctx: RunContext, source: string, scope: CelScope): boolean {
  const trace = ctx.trace;
  if (!trace) return safelyHolds(source, scope);
  try {
    const value = holds(source, scope);
    trace.condition(ctx.actions, source, value, null);
    return value;
  } catch (error) {
    trace.condition(ctx.actions, source, false, error instanceof Error ? error.message : String(error));
    return false;
  }
}
