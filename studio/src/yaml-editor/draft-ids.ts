/**
 * The ids a draft defines, read leniently (a half-typed draft still offers what it has): what
 * completion offers where a reference is expected. The same places the validator's reference
 * check reads (engine/domain/flow/validation/index-documents.ts).
 */
import { parseAllDocuments } from 'yaml';
import type { ReferenceKind } from '../../../engine/domain/flow/validation/flow-references.ts';

export type DraftIds = Readonly<Record<ReferenceKind, readonly string[]>>;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;
}

function idsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const id = field(item, 'id');
    return typeof id === 'string' && id ? [id] : [];
  });
}

function parsed(source: string): unknown[] {
  return parseAllDocuments(source).flatMap((doc) => {
    if (!('contents' in doc)) return [];
    try {
      return [doc.toJS()];
    } catch {
      return [];
    }
  });
}

export function draftIds(sources: readonly string[]): DraftIds {
  const step = new Set<string>();
  const canned = new Set<string>();
  const calendar = new Set<string>();
  const queue = new Set<string>();
  const routing = new Set<string>();
  const survey = new Set<string>();
  const richMenu = new Set<string>();
  // a document's own id, for the kinds referred to by it
  const byKind: Readonly<Record<string, Set<string>>> = { BusinessHours: calendar, Queue: queue, RoutingRules: routing, Survey: survey, RichMenu: richMenu };
  for (const data of sources.flatMap(parsed)) {
    const kind = field(data, 'kind');
    const id = field(data, 'id');
    if (kind === 'Flow') for (const stepId of idsOf(field(data, 'steps'))) step.add(stepId);
    if (kind === 'CannedResponses') for (const responseId of idsOf(field(data, 'responses'))) canned.add(responseId);
    const ids = typeof kind === 'string' && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
    if (ids && typeof id === 'string' && id) ids.add(id);
  }
  return { step: [...step], canned: [...canned], calendar: [...calendar], queue: [...queue], routing: [...routing], survey: [...survey], 'rich-menu': [...richMenu] };
}
