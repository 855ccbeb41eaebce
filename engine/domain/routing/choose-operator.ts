/**
 * Picks the operator a waiting conversation goes to. Only operators who are online, have a free
 * slot, hold every needed skill and (when a team is needed) belong to it are eligible.
 * - round-robin: the one whose last assignment is longest ago (never assigned counts as longest)
 * - least-busy: the lowest share of capacity in use; ties go round-robin
 */
export interface OperatorCandidate {
  id: string;
  online: boolean;
  capacity: number;
  activeCount: number;
  skills: readonly string[];
  /** absent: the operator takes conversations of any team */
  teams?: readonly string[];
  lastAssignedAt: number | null;
}

export interface RoutingNeed {
  team: string | null;
  skills: readonly string[];
}

export type RoutingStrategy = 'round-robin' | 'least-busy';

function eligible(candidate: OperatorCandidate, need: RoutingNeed): boolean {
  if (!candidate.online || candidate.activeCount >= candidate.capacity) return false;
  if (need.team !== null && candidate.teams !== undefined && !candidate.teams.includes(need.team)) return false;
  return need.skills.every((skill) => candidate.skills.includes(skill));
}

function longestIdleFirst(a: OperatorCandidate, b: OperatorCandidate): number {
  const idle = (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity);
  if (idle !== 0 && !Number.isNaN(idle)) return idle;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; // stable, so the same inputs always pick the same operator
}

export function chooseOperator(strategy: RoutingStrategy, candidates: readonly OperatorCandidate[], need: RoutingNeed): string | null {
  const pool = candidates.filter((c) => eligible(c, need));
  if (pool.length === 0) return null;
  const load = (c: OperatorCandidate) => c.activeCount / c.capacity;
  pool.sort((a, b) => (strategy === 'least-busy' ? load(a) - load(b) : 0) || longestIdleFirst(a, b));
  return pool[0]?.id ?? null;
}
