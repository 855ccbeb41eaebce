/** The runtime's view of a set whose every check passed. */
import type { FlowSet } from '../flow-set.ts';
import type { SetIndex } from './index-documents.ts';

function documents<T>(located: ReadonlyMap<string, { document: T }>): Map<string, T> {
  return new Map([...located].map(([id, entry]) => [id, entry.document]));
}

/** null when the set has no Flow (reported as no-flow before this is called). */
export function buildFlowSet(index: SetIndex): FlowSet | null {
  const entry = index.flows[0];
  if (!entry) return null;
  return {
    entry: entry.document,
    entryFile: entry.file,
    calendars: documents(index.calendars),
    queues: documents(index.queues),
    routing: documents(index.routing),
    canned: new Map([...index.canned].map(([id, located]) => [id, located.response])),
    surveys: documents(index.surveys),
    autoClose: index.autoCloses[0]?.document ?? null,
    richMenus: documents(index.richMenus),
  };
}
