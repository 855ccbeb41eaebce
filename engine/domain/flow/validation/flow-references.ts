/** Every id a Flow refers to, with what it must name and where it is written. */
import type { FlowDocument, Next, Route, Step } from '../flow-document.ts';
import { pointer } from './json-pointer.ts';

export type ReferenceKind = 'step' | 'calendar' | 'queue' | 'routing' | 'canned' | 'survey' | 'rich-menu';

/** What a `richMenus` state names when it has no menu of its own. */
export const NO_RICH_MENU = 'none';

export interface Reference {
  kind: ReferenceKind;
  id: string;
  pointer: string;
}

function* routeTargets(routes: readonly Route[], at: (string | number)[]): Generator<Reference> {
  for (const [i, route] of routes.entries()) {
    if ('else' in route) yield { kind: 'step', id: route.else, pointer: pointer(...at, i, 'else') };
    else yield { kind: 'step', id: route.then, pointer: pointer(...at, i, 'then') };
  }
}

function* nextTargets(next: Next | undefined, at: (string | number)[]): Generator<Reference> {
  if (typeof next === 'string') yield { kind: 'step', id: next, pointer: pointer(...at) };
  else if (next) yield* routeTargets(next, at);
}

function* stepReferences(step: Step, i: number): Generator<Reference> {
  const ref = (kind: ReferenceKind, id: string | undefined, ...path: string[]): Reference[] =>
    id === undefined ? [] : [{ kind, id, pointer: pointer('steps', i, ...path) }];
  yield* ref('step', step.goto, 'goto');
  yield* nextTargets(step.next, ['steps', i, 'next']);
  if (step.branch) yield* routeTargets(step.branch, ['steps', i, 'branch']);
  yield* ref('step', step.ask?.onFail, 'ask', 'onFail');
  yield* ref('canned', step.say?.canned, 'say', 'canned');
  yield* ref('calendar', step.hours?.calendar, 'hours', 'calendar');
  yield* ref('step', step.hours?.open, 'hours', 'open');
  yield* ref('step', step.hours?.closed, 'hours', 'closed');
  yield* ref('step', step.hours?.holiday, 'hours', 'holiday');
  yield* ref('routing', step.handoff?.routing, 'handoff', 'routing');
  yield* ref('queue', step.handoff?.queue, 'handoff', 'queue');
  yield* ref('canned', step.handoff?.greetingCanned, 'handoff', 'greetingCanned');
  yield* ref('step', step.handoff?.onClose, 'handoff', 'onClose');
  yield* ref('survey', step.survey?.id, 'survey', 'id');
}

export function* flowReferences(flow: FlowDocument): Generator<Reference> {
  for (const [i, trigger] of flow.triggers.entries()) yield { kind: 'step', id: trigger.goto, pointer: pointer('triggers', i, 'goto') };
  for (const [i, step] of flow.steps.entries()) yield* stepReferences(step, i);
  for (const [state, id] of Object.entries(flow.richMenus ?? {})) {
    if (id !== NO_RICH_MENU) yield { kind: 'rich-menu', id, pointer: pointer('richMenus', state) };
  }
  for (const [t, test] of (flow.tests ?? []).entries()) {
    for (const [e, expectation] of test.expect.entries()) {
      const at = (...path: string[]) => pointer('tests', t, 'expect', e, ...path);
      if (expectation.say?.canned !== undefined) yield { kind: 'canned', id: expectation.say.canned, pointer: at('say', 'canned') };
      if (expectation.handoff?.queue !== undefined) yield { kind: 'queue', id: expectation.handoff.queue, pointer: at('handoff', 'queue') };
      if (expectation.survey) yield { kind: 'survey', id: expectation.survey.id, pointer: at('survey', 'id') };
    }
  }
}
