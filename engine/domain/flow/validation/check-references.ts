/** Every reference in the set must name something that exists; a near miss gets a "did you mean". */
import { didYouMean } from './did-you-mean.ts';
import type { FlowProblem } from './flow-problem.ts';
import { flowReferences, type Reference, type ReferenceKind } from './flow-references.ts';
import type { SetIndex } from './index-documents.ts';
import { problemAt, type DocumentSite } from './located-document.ts';

const described: Record<Exclude<ReferenceKind, 'step'>, { what: string; kind: string }> = {
  calendar: { what: 'BusinessHours calendar', kind: 'BusinessHours' },
  queue: { what: 'Queue', kind: 'Queue' },
  routing: { what: 'RoutingRules', kind: 'RoutingRules' },
  canned: { what: 'canned response', kind: 'CannedResponses' },
  survey: { what: 'Survey', kind: 'Survey' },
  'rich-menu': { what: 'RichMenu', kind: 'RichMenu' },
};

function knownIds(index: SetIndex, kind: Exclude<ReferenceKind, 'step'>): ReadonlyMap<string, unknown> {
  return { calendar: index.calendars, queue: index.queues, routing: index.routing, canned: index.canned, survey: index.surveys, 'rich-menu': index.richMenus }[kind];
}

function unknownReference(site: DocumentSite, ref: Reference, known: Iterable<string>, message: string): FlowProblem {
  return problemAt(site, ref.pointer, `unknown-${ref.kind}`, `${message}${didYouMean(ref.id, known)}`);
}

export function referenceProblems(index: SetIndex): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const flow of index.flows) {
    const stepIds = new Set(flow.document.steps.map((step) => step.id));
    for (const ref of flowReferences(flow.document)) {
      if (ref.kind === 'step') {
        if (!stepIds.has(ref.id)) problems.push(unknownReference(flow, ref, stepIds, `no step "${ref.id}" in flow "${flow.document.id}"`));
        continue;
      }
      const known = knownIds(index, ref.kind);
      if (known.has(ref.id)) continue;
      const { what, kind } = described[ref.kind];
      const none = known.size === 0 ? ` (the set has no ${kind} document)` : '';
      problems.push(unknownReference(flow, ref, known.keys(), `no ${what} "${ref.id}"${none}`));
    }
  }
  const entry = index.flows[0];
  if (entry) {
    const stepIds = new Set(entry.document.steps.map((step) => step.id));
    for (const queue of index.queues.values()) {
      const then = queue.document.maxWait?.then;
      if (then === undefined || stepIds.has(then)) continue;
      problems.push(unknownReference(queue, { kind: 'step', id: then, pointer: '/maxWait/then' }, stepIds, `no step "${then}" in flow "${entry.document.id}"`));
    }
  }
  return problems;
}
