/**
 * Every kind of place a flow set refers to something by id (a step, a calendar, a canned response, a
 * plugin step kind...), as the validator itself finds them, not as a list someone keeps by hand. From
 * the JSON Schemas, one document of each kind is generated with every key present (every alternative
 * of a `oneOf` as its own list item) and every string a fresh id, so no reference can resolve; the
 * set-level checks then report each reference as unknown, and each distinct code and JSON pointer
 * (list positions as `*`) is one reference site, e.g. `unknown-step /steps/* /hours/open`.
 */
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { FlowSetDocument } from '../../engine/domain/flow/flow-document.ts';
import { pluginStepProblems } from '../../engine/domain/flow/validation/check-plugin-steps.ts';
import { referenceProblems } from '../../engine/domain/flow/validation/check-references.ts';
import { indexDocuments } from '../../engine/domain/flow/validation/index-documents.ts';
import type { LocatedDocument } from '../../engine/domain/flow/validation/located-document.ts';
import { kindSchemas, sharedSchemas } from '../../engine/domain/flow/validation/schema-catalog.ts';
import { YamlLocator } from '../../engine/domain/flow/validation/yaml-locator.ts';

interface Schema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  required?: string[];
  minimum?: number;
  definitions?: Record<string, Schema>;
}

const byId = new Map<string, Schema>();
for (const schema of [...Object.values(kindSchemas), ...sharedSchemas] as Schema[]) if (schema.$id) byId.set(schema.$id, schema);

function resolve(ref: string, base: string): { schema: Schema; base: string } {
  const url = new URL(ref, base);
  const hash = url.hash.replace(/^#/, '');
  url.hash = '';
  let schema = byId.get(url.href);
  if (!schema) throw new Error(`unknown schema ${url.href} (from ${base})`);
  for (const part of hash.split('/').filter(Boolean)) schema = (schema as Record<string, unknown>)[part] as Schema;
  return { schema, base: url.href };
}

/** a `oneOf` that only says which keys go together (`- required: [say]`), not what values are */
const keyAlternatives = (alternatives: Schema[] | undefined) =>
  alternatives?.every((alternative) => Object.keys(alternative).every((key) => key === 'required')) ? alternatives.map((a) => a.required ?? []) : null;

class Samples {
  private next = 0;

  /** values the schema allows, one per alternative it offers; strings are fresh ids */
  of(schema: Schema, base: string): unknown[] {
    if (schema.$ref) {
      const target = resolve(schema.$ref, base);
      return this.of(target.schema, target.base);
    }
    if (schema.const !== undefined) return [schema.const];
    if (schema.enum) return [schema.enum[0]];
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives && !keyAlternatives(alternatives)) {
      const { oneOf: _one, anyOf: _any, ...rest } = schema;
      return alternatives.flatMap((alternative) => this.of({ ...rest, ...alternative }, base));
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : 'string')];
    return types.flatMap((type) => this.ofType(type, schema, base));
  }

  private ofType(type: string, schema: Schema, base: string): unknown[] {
    switch (type) {
      case 'object':
        return this.objects(schema, base);
      case 'array':
        return [schema.items ? this.of(schema.items, base) : []];
      case 'integer':
      case 'number':
        return [schema.minimum ?? 1];
      case 'boolean':
        return [true];
      case 'null':
        return [null];
      default:
        return [`id-${++this.next}`];
    }
  }

  /** for each key alternative, as many objects as it takes for every value of each of its keys to appear */
  private objects(schema: Schema, base: string): Record<string, unknown>[] {
    const alternatives = keyAlternatives(schema.oneOf ?? schema.anyOf) ?? [[]];
    const properties = Object.entries(schema.properties ?? {}).map(([key, value]) => [key, this.of(value, base)] as const);
    if (properties.length === 0 && typeof schema.additionalProperties === 'object') {
      properties.push(['any-key', this.of(schema.additionalProperties, base)]);
    }
    return alternatives.flatMap((chosen) => {
      const excluded = new Set(alternatives.flat().filter((key) => !chosen.includes(key)));
      const kept = properties.filter(([key]) => !excluded.has(key));
      const count = Math.max(1, ...kept.map(([, values]) => values.length));
      return Array.from({ length: count }, (_, i) => Object.fromEntries(kept.map(([key, values]) => [key, values[i % values.length]])));
    });
  }
}

function located(kind: string, document: unknown): LocatedDocument {
  const source = stringify(document);
  const lines = new LineCounter();
  const parsed = parseDocument(source, { lineCounter: lines });
  return { file: `${kind}.yaml`, locator: new YamlLocator(parsed, lines, source), document: parsed.toJS() as FlowSetDocument };
}

/** `unknown-step /steps/* /goto`-like keys of every reference site, sorted (written without the space) */
export function referenceSites(): string[] {
  const samples = new Samples();
  const documents = Object.entries(kindSchemas).flatMap(([kind, schema]) => samples.of(schema as Schema, (schema as Schema).$id ?? '').map((document) => located(kind, document)));
  // the generated Flow names `channels`; every set also has its shared Flow, without them (a Queue's maxWait runs there)
  const shared = documents.flatMap(({ document }) => {
    if (document.kind !== 'Flow') return [];
    const { channels: _channels, ...rest } = document;
    return [located('Flow', rest)];
  });
  const { index } = indexDocuments([...shared, ...documents]);
  const problems = [...referenceProblems(index), ...pluginStepProblems(index, new Map())];
  return [...new Set(problems.map((problem) => referenceSite(problem.code, problem.pointer)))].sort();
}

/** The site a problem is at: its code and its pointer with list positions as `*`. */
export function referenceSite(code: string, pointer: string): string {
  return `${code} ${pointer.replace(/\/\d+(?=\/|$)/g, '/*')}`;
}
