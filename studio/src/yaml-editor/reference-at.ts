/**
 * What kind of id a place in a document expects, for completion. Step ids are marked in the
 * schemas themselves (`stepId`, `next`); the other references use the plain `id` format, so their
 * places are listed here, as the validator's reference check reads them
 * (engine/domain/flow/validation/flow-references.ts; a unit test keeps the two in step).
 */
import type { ReferenceKind } from '../../../engine/domain/flow/validation/flow-references.ts';
import { expectsStepId, type PathSegment, type SchemaAt } from './schema-navigator.ts';

/** `*` stands for any list index. */
const FLOW_REFERENCES: readonly (readonly [readonly string[], ReferenceKind])[] = [
  [['steps', '*', 'say', 'canned'], 'canned'],
  [['steps', '*', 'handoff', 'greetingCanned'], 'canned'],
  [['steps', '*', 'hours', 'calendar'], 'calendar'],
  [['steps', '*', 'handoff', 'routing'], 'routing'],
  [['steps', '*', 'handoff', 'queue'], 'queue'],
  [['steps', '*', 'survey', 'id'], 'survey'],
  [['tests', '*', 'expect', '*', 'say', 'canned'], 'canned'],
  [['tests', '*', 'expect', '*', 'handoff', 'queue'], 'queue'],
  [['tests', '*', 'expect', '*', 'survey', 'id'], 'survey'],
];

function matches(pattern: readonly string[], path: readonly PathSegment[]): boolean {
  return pattern.length === path.length && pattern.every((part, i) => (part === '*' ? typeof path[i] === 'number' : part === path[i]));
}

/** The kind of id expected at `path` in a document of `kind` (whose schemas there are `schemas`), or null. */
export function referenceAt(kind: string | null, path: readonly PathSegment[], schemas: readonly SchemaAt[]): ReferenceKind | null {
  if (expectsStepId(schemas)) return 'step';
  if (kind !== 'Flow') return null;
  return FLOW_REFERENCES.find(([pattern]) => matches(pattern, path))?.[1] ?? null;
}
