/** Every reference in the set must name something that exists; a near miss gets a "did you mean". */
import { didYouMean } from './did-you-mean.ts';
import type { FlowProblem } from './flow-problem.ts';
import { flowReferences, type Reference, type ReferenceKind } from './flow-references.ts';
import { sharedFlowOf } from './channel-flow-rules.ts';
import type { SetIndex } from './index-documents.ts';
import { problemAt, type DocumentSite, type LocatedDocument } from './located-document.ts';
import type { FlowDocument } from '../flow-document.ts';

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
  problems.push(...maxWaitProblems(index));
  return problems;
}

/** The queues a Flow's handoff steps put customers in (a handoff naming none uses the Queue `default`). */
function queuesHandedTo(flow: FlowDocument): Set<string> {
  return new Set(flow.steps.flatMap((step) => (step.handoff ? [step.handoff.queue ?? 'default'] : [])));
}

/**
 * A Queue's `maxWait.then` runs in the Flow of the customer who waits: it must be a step of the shared
 * Flow, and of each channel's Flow that hands off to that Queue.
 */
function maxWaitProblems(index: SetIndex): FlowProblem[] {
  const shared = sharedFlowOf(index.flows);
  const others = index.flows.filter((flow) => flow !== shared);
  const problems: FlowProblem[] = [];
  for (const queue of index.queues.values()) {
    const then = queue.document.maxWait?.then;
    if (then === undefined) continue;
    const runIn: LocatedDocument<FlowDocument>[] = [...(shared ? [shared] : []), ...others.filter((flow) => queuesHandedTo(flow.document).has(queue.document.id))];
    for (const flow of runIn) {
      const stepIds = new Set(flow.document.steps.map((step) => step.id));
      if (stepIds.has(then)) continue;
      const why = flow === shared ? '' : ', which hands off to this queue';
      problems.push(unknownReference(queue, { kind: 'step', id: then, pointer: '/maxWait/then' }, stepIds, `no step "${then}" in flow "${flow.document.id}"${why}`));
    }
  }
  return problems;
}
