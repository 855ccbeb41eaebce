/**
 * Where a step can go next, and why: the edges of the flow graph. The same places the validator's
 * reference check reads (engine/domain/flow/validation/flow-references.ts), with a label for people.
 */
import { msg, str } from '@lit/localize';
import type { Next, Route, Step } from '../../../engine/domain/flow/flow-document.ts';
import { pointer } from '../../../engine/domain/flow/validation/json-pointer.ts';

export type EdgeKind = 'next' | 'if' | 'else' | 'open' | 'closed' | 'holiday' | 'on-fail' | 'on-close' | 'goto';

export interface StepTarget {
  to: string;
  kind: EdgeKind;
  /** what the edge says in the graph, in the studio's language: `if hours.open`, `closed`, `on close` */
  label: string;
  /** where the reference is written in the step, a JSON pointer */
  pointer: string;
}

function routeTargets(routes: readonly Route[], at: (string | number)[]): StepTarget[] {
  return routes.map((route, i) =>
    'else' in route
      ? { to: route.else, kind: 'else', label: msg('else', { desc: 'a graph edge: the route taken when no if matched' }), pointer: pointer(...at, i, 'else') }
      : { to: route.then, kind: 'if', label: msg(str`if ${route.if}`, { desc: 'a graph edge: the route taken when the condition (a Liquid expression) holds' }), pointer: pointer(...at, i, 'then') },
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
  add(step.hours?.holiday, 'holiday', msg('holiday', { desc: 'a graph edge: where an hours step goes on a holiday' }), 'hours', 'holiday');
  add(step.hours?.closed, 'closed', msg('closed', { id: 'edge-closed', desc: 'a graph edge: where an hours step goes outside business hours' }), 'hours', 'closed');
  add(step.hours?.open, 'open', msg('open', { desc: 'a graph edge: where an hours step goes during business hours' }), 'hours', 'open');
  add(step.ask?.onFail, 'on-fail', msg('on fail', { desc: 'a graph edge: where an ask step goes when the answers keep failing its check' }), 'ask', 'onFail');
  add(step.handoff?.onClose, 'on-close', msg('on close', { desc: 'a graph edge: where a handoff goes when the operator closes the chat' }), 'handoff', 'onClose');
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
