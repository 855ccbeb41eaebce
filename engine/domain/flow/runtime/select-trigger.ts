/** Picks the trigger for a customer event: triggers in order, first match (matcher, then `when`) wins. */
import type { Trigger } from '../flow-document.ts';
import { matchTrigger } from './match-trigger.ts';
import { celScope, type RunContext } from './run-context.ts';
import { conditionHolds } from './condition-holds.ts';

export interface SelectedTrigger {
  trigger: Trigger;
  /** a regex trigger's groups (vars.match), null for other matchers */
  groups: string[] | null;
}

/** During a human chat only triggers marked duringHuman are considered. */
export function selectTrigger(ctx: RunContext, accept: (trigger: Trigger) => boolean = () => true): SelectedTrigger | null {
  for (const trigger of ctx.set.entry.triggers) {
    if (ctx.withHuman && trigger.duringHuman !== true) continue;
    if (!accept(trigger)) continue;
    const match = matchTrigger(trigger, ctx.input.event);
    if (!match.matched) continue;
    if (trigger.when !== undefined) {
      // the guard already sees this match's groups
      const scope = celScope(ctx);
      const guarded = match.groups ? { ...scope, vars: { ...scope.vars, match: match.groups } } : scope;
      if (!conditionHolds(ctx, trigger.when, guarded)) continue;
    }
    return { trigger, groups: match.groups };
  }
  return null;
}
