/** The runtime's view of a set whose every check passed. */
import type { FlowSet, SetFlow } from '../flow-set.ts';
import { sharedFlowOf } from './channel-flow-rules.ts';
import type { SetIndex } from './index-documents.ts';

function documents<T>(located: ReadonlyMap<string, { document: T }>): Map<string, T> {
  return new Map([...located].map(([id, entry]) => [id, entry.document]));
}

/** null when the set has no shared Flow (reported as no-flow or no-shared-flow before this is called). */
export function buildFlowSet(index: SetIndex): FlowSet | null {
  const shared = sharedFlowOf(index.flows);
  if (!shared) return null;
  const asSetFlow = ({ document, file }: { document: SetFlow['flow']; file: string }): SetFlow => ({ flow: document, file });
  const sharedFlow = asSetFlow(shared);
  const flows = [sharedFlow, ...index.flows.filter((flow) => flow !== shared).map(asSetFlow)];
  const channelFlows = new Map(flows.flatMap((flow) => (flow.flow.channels ?? []).map((channel) => [channel, flow] as const)));
  return {
    entry: shared.document,
    entryFile: shared.file,
    shared: sharedFlow,
    channelFlows,
    flows,
    calendars: documents(index.calendars),
    queues: documents(index.queues),
    routing: documents(index.routing),
    canned: new Map([...index.canned].map(([id, located]) => [id, located.response])),
    surveys: documents(index.surveys),
    autoClose: index.autoCloses[0]?.document ?? null,
    richMenus: documents(index.richMenus),
  };
}
