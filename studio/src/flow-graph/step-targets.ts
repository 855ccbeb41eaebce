/**
 * Where a step can go next, and why: the edges of the flow graph. The same places the validator's
 * reference check reads (engine/domain/flow/validation/flow-references.ts), with a label for people.
 */
import type { Next, Route, Step } from '../../../engine/domain/flow/flow-document.ts';
import { pointer } from '../../../engine/domain/flow/validation/json-pointer.ts';

export type EdgeKind = 'next' | 'if' | 'else' | 'open' | 'closed' | 'holiday' | 'on-fail' | 'on-close' | 'goto';

export interface StepTarget {
  to: string;
  kind: EdgeKind;
  /** what the edge says in the graph: `if hours.open`, `closed`, `on close` */
  label: string;
  /** where the reference is written in the step, a JSON pointer */
  pointer: string;
}

function routeTargets(routes: readonly Route[], at: (string | number)[]): StepTarget[] {
  return routes.map((route, i) =>
    'else' in route
      ? { to: route.else, kind: 'else', label: 'else', pointer: pointer(...at, i, 'else') }
      : { to: route.then, kind: 'if', label: `if ${route.if}`, pointer: pointer(...at, i, 'then') },
  );
}

function nextTargets(next: Next | undefined, at: (string | number)[]): StepTarget[] {
  if (typeof next === 'string') return [{ to: next, kind: 'next', label: '', pointer: pointer(...at) }];
  return next ? routeTargets(next, at) : [];
}

/** The steps `step` (the `index`th of the flow) leads to, in the order it tries them. */
export function stepTargets(step: Step, index: number): StepTarget[] {
  const at = (...path: string[]) => pointer('steps', index, ...path);
  const targets: StepTarget[] = [];
  const add = (to: string | undefined, kind: EdgeKind, label: string, ...path: string[]) => {
    if (typeof to === 'string' && to) targets.push({ to, kind, label, pointer: at(...path) });
  };
  add(step.goto, 'goto', '', 'goto');
  if (step.branch) targets.push(...routeTargets(step.branch, ['steps', index, 'branch']));
  add(step.hours?.holiday, 'holiday', 'holiday', 'hours', 'holiday');
  add(step.hours?.closed, 'closed', 'closed', 'hours', 'closed');
  add(step.hours?.open, 'open', 'open', 'hours', 'open');
  add(step.ask?.onFail, 'on-fail', 'on fail', 'ask', 'onFail');
  add(step.handoff?.onClose, 'on-close', 'on close', 'handoff', 'onClose');
  targets.push(...nextTargets(step.next, ['steps', index, 'next']));
  return targets;
}

/** Step ids reachable from `starts` (themselves included), following every edge. */
export function reachableSteps(steps: readonly Step[], starts: Iterable<string>): Set<string> {
  const byId = new Map(steps.map((step, i) => [step.id, { step, i }]));
  const seen = new Set<string>();
  const todo = [...starts];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const found = byId.get(id);
    if (found) todo.push(...stepTargets(found.step, found.i).map((target) => target.to));
  }
  return seen;
}
