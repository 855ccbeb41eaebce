/**
 * What the editor offers at the cursor, from the schemas: the keys the mapping there may have (a
 * step's kinds among them), the values a field takes (enums, true/false, document kinds) and, where
 * a reference is expected, the ids the draft defines (steps, canned responses, calendars, queues,
 * routing rules, surveys). Pure: the editor turns these into its completion list.
 */
import { msg, str } from '@lit/localize';
import { documentKinds, isDocumentKind } from '../../../engine/domain/flow/validation/schema-catalog.ts';
import { cursorContext } from './cursor-context.ts';
import type { DraftIds } from './draft-ids.ts';
import { referenceAt } from './reference-at.ts';
import { descriptionOf, expand, kindSchema, propertiesOf, schemasAt, valuesOf, type SchemaAt } from './schema-navigator.ts';

export interface FlowCompletion {
  label: string;
  /** what is inserted (a key comes with its colon) */
  apply: string;
  type: 'property' | 'enum' | 'reference';
  detail?: string;
  info?: string;
}

export interface FlowCompletions {
  /** the span the chosen completion replaces: the word at the cursor */
  from: number;
  to: number;
  options: FlowCompletion[];
}

/** Keys of which an object takes exactly one (a step's kind, a trigger's matcher). */
function exclusiveKeys(schemas: readonly SchemaAt[]): Set<string> {
  const keys = new Set<string>();
  for (const { schema } of schemas.flatMap(expand)) {
    if (!Array.isArray(schema.oneOf)) continue;
    for (const branch of schema.oneOf) {
      const required: unknown = typeof branch === 'object' && branch !== null ? Object.getOwnPropertyDescriptor(branch, 'required')?.value : undefined;
      if (Array.isArray(required) && required.length === 1) keys.add(String(required[0]));
    }
  }
  return keys;
}

function keyOptions(schemas: readonly SchemaAt[], present: ReadonlySet<string>): FlowCompletion[] {
  const exclusive = exclusiveKeys(schemas);
  return propertiesOf(schemas)
    .filter((property) => !present.has(property.name))
    .map((property) => ({
      label: property.name,
      apply: `${property.name}: `,
      type: 'property',
      ...(exclusive.has(property.name) ? { detail: msg('one of a kind', { desc: 'completion: a key that excludes its siblings, such as a step kind' }) } : property.required ? { detail: msg('required', { desc: 'completion: a key the document must have' }) } : {}),
      ...(property.description ? { info: property.description } : {}),
    }));
}

function valueOptions(kind: string | null, path: readonly (string | number)[], schemas: readonly SchemaAt[], ids: DraftIds): FlowCompletion[] {
  const options: FlowCompletion[] = [];
  const reference = referenceAt(kind, path, schemas);
  if (reference) {
    for (const id of ids[reference]) options.push({ label: id, apply: id, type: 'reference', detail: msg(str`${reference} id`, { desc: 'completion: an id of a step, a calendar…' }) });
  }
  const info = descriptionOf(schemas);
  for (const value of valuesOf(schemas)) {
    options.push({ label: String(value), apply: String(value), type: 'enum', ...(info ? { info } : {}) });
  }
  return options;
}

export function flowCompletions(text: string, offset: number, ids: DraftIds): FlowCompletions | null {
  const context = cursorContext(text, offset);
  if (!context) return null;
  const { kind, path, position, from, to } = context;
  const result = (options: FlowCompletion[]) => (options.length ? { from, to, options } : null);
  if (path.length === 1 && path[0] === 'kind' && position === 'value') {
    return result(documentKinds.map((name) => ({ label: name, apply: name, type: 'enum', detail: msg('document kind', { desc: 'completion: a value of kind:' }) })));
  }
  if (!kind || !isDocumentKind(kind)) {
    // a document starts with its kind; until then nothing else can be known
    return path.length === 0 && position === 'key' ? result([{ label: 'kind', apply: 'kind: ', type: 'property', detail: msg('required', { desc: 'completion: a key the document must have' }), info: msg(str`The document kind: ${documentKinds.join(', ')}.`) }]) : null;
  }
  const schemas = schemasAt(kindSchema(kind), path);
  if (schemas.length === 0) return null;
  if (position === 'key') {
    const keys = keyOptions(schemas, new Set(context.siblingKeys));
    // a `- ` item of a list of plain values reads as a key being typed: offer the values
    return result(keys.length ? keys : valueOptions(kind, path, schemas, ids));
  }
  return result(valueOptions(kind, path, schemas, ids));
}
