/**
 * Evaluates RoutingRules for one handoff: the first rule whose `if` holds decides; fields a rule
 * leaves out come from `default`, so a "VIP" rule that only raises the priority keeps the default team.
 */
import type { RoutingDecision } from '../flow/flow-action.ts';
import type { RoutingRulesDocument, RoutingTarget } from '../flow/flow-document.ts';
import type { CelScope } from '../flow/expression/cel.ts';
import { safelyHolds } from '../flow/runtime/safe-cel.ts';

/** Where a handoff goes when the set has no RoutingRules at all. */
const NO_RULES: RoutingDecision = { rules: null, team: null, skills: [], priority: 0, strategy: 'round-robin' };

export function decideRouting(rules: RoutingRulesDocument | undefined, scope: CelScope): RoutingDecision {
  if (!rules) return { ...NO_RULES, skills: [] };
  const chosen: RoutingTarget = rules.rules.find((rule) => safelyHolds(rule.if, scope)) ?? rules.default;
  return {
    rules: rules.id,
    team: chosen.team ?? rules.default.team ?? null,
    skills: [...(chosen.skills ?? rules.default.skills ?? [])],
    priority: chosen.priority ?? rules.default.priority ?? 0,
    strategy: rules.strategy,
  };
}
