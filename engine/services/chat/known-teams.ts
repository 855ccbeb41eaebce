/**
 * The teams a conversation can be transferred to: those operators belong to (Studio › Team) and those the
 * active flows route to (RoutingRules). A name outside both is a typo, refused rather than queued where
 * nobody would ever look.
 */
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';

export async function knownTeams(store: Store, flows: FlowSet): Promise<Set<string>> {
  const teams = new Set<string>();
  for (const operator of await store.operators.list()) {
    if (operator.active) for (const team of parseJson<string[]>(operator.teams, [])) teams.add(team);
  }
  for (const rules of flows.routing.values()) {
    for (const target of [...rules.rules, rules.default]) if (target.team) teams.add(target.team);
  }
  return teams;
}
