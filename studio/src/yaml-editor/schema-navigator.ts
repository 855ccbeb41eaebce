/**
 * Walks the flow JSON Schemas (schemas/) down a path in a document, for completion and hover: which
 * keys an object may have, which values a field takes, what a field means. Only the keywords the
 * flow schemas use for structure are followed: $ref, allOf, anyOf, oneOf, properties,
 * additionalProperties and items.
 */
import { kindSchemas, sharedSchemas, type DocumentKind } from '../../../engine/domain/flow/validation/schema-catalog.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;

/** A schema with the id its relative `$ref`s resolve against. */
export interface SchemaAt {
  schema: JsonSchema;
  base: string;
  /** the schema as written where the path reached it, before $ref was followed (its description wins) */
  written: JsonSchema;
}

export type PathSegment = string | number;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const byId = new Map<string, JsonSchema>();
for (const schema of [...Object.values(kindSchemas), ...sharedSchemas]) {
  if (isSchema(schema) && typeof schema.$id === 'string') byId.set(schema.$id, schema);
}

function resolveRef(ref: string, base: string): SchemaAt | null {
  const url = new URL(ref, base);
  const fragment = decodeURIComponent(url.hash.slice(1));
  url.hash = '';
  let node: unknown = byId.get(url.href);
  for (const segment of fragment.split('/').filter(Boolean)) node = isSchema(node) ? node[segment] : undefined;
  return isSchema(node) ? { schema: node, base: url.href, written: node } : null;
}

/** The schema and every schema it stands for ($ref, allOf, anyOf, oneOf), flattened. */
export function expand(start: SchemaAt): SchemaAt[] {
  const out: SchemaAt[] = [];
  const seen = new Set<JsonSchema>();
  const visit = (at: SchemaAt, depth: number) => {
    if (seen.has(at.schema) || depth > 20) return;
    seen.add(at.schema);
    out.push(at);
    const base = typeof at.schema.$id === 'string' ? at.schema.$id : at.base;
    if (typeof at.schema.$ref === 'string') {
      const target = resolveRef(at.schema.$ref, base);
      if (target) visit(target, depth + 1);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = at.schema[keyword];
      if (Array.isArray(list)) for (const item of list) if (isSchema(item)) visit({ schema: item, base, written: item }, depth + 1);
    }
  };
  visit(start, 0);
  return out;
}

function baseOf(at: SchemaAt): string {
  return typeof at.schema.$id === 'string' ? at.schema.$id : at.base;
}

/** The schema of a document kind, the root of every path in such a document. */
export function kindSchema(kind: DocumentKind): SchemaAt {
  const schema = kindSchemas[kind];
  if (!isSchema(schema)) throw new Error(`no schema for kind ${kind}`);
  return { schema, base: String(schema.$id), written: schema };
}

/** The schemas a child of `parents` at `segment` must satisfy. */
export function childSchemas(parents: readonly SchemaAt[], segment: PathSegment): SchemaAt[] {
  const children: SchemaAt[] = [];
  for (const parent of parents.flatMap(expand)) {
    const { schema } = parent;
    const base = baseOf(parent);
    if (typeof segment === 'number') {
      if (isSchema(schema.items)) children.push({ schema: schema.items, base, written: schema.items });
      continue;
    }
    const property = isSchema(schema.properties) ? schema.properties[segment] : undefined;
    if (isSchema(property)) children.push({ schema: property, base, written: property });
    else if (isSchema(schema.additionalProperties)) children.push({ schema: schema.additionalProperties, base, written: schema.additionalProperties });
  }
  return children;
}

/** The schemas at `path` below `root` (none when the path leaves what the schemas describe). */
export function schemasAt(root: SchemaAt, path: readonly PathSegment[]): SchemaAt[] {
  let current = [root];
  for (const segment of path) {
    current = childSchemas(current, segment);
    if (current.length === 0) break;
  }
  return current;
}

export interface PropertyInfo {
  name: string;
  description: string | undefined;
  required: boolean;
  schemas: SchemaAt[];
}

/** The keys an object at these schemas may have, in the order the schemas list them. */
export function propertiesOf(at: readonly SchemaAt[]): PropertyInfo[] {
  const properties = new Map<string, PropertyInfo>();
  const expanded = at.flatMap(expand);
  const required = new Set(expanded.flatMap((s) => (Array.isArray(s.schema.required) && s.schema.properties ? s.schema.required.map(String) : [])));
  for (const parent of expanded) {
    if (!isSchema(parent.schema.properties)) continue;
    for (const [name, property] of Object.entries(parent.schema.properties)) {
      if (!isSchema(property) || properties.has(name)) continue;
      properties.set(name, { name, description: descriptionOf([{ schema: property, base: baseOf(parent), written: property }]), required: required.has(name), schemas: [{ schema: property, base: baseOf(parent), written: property }] });
    }
  }
  return [...properties.values()];
}

/** The description written closest to the place: the property's own, else its $ref target's. */
export function descriptionOf(at: readonly SchemaAt[]): string | undefined {
  for (const entry of at) if (typeof entry.written.description === 'string') return entry.written.description;
  for (const entry of at.flatMap(expand)) if (typeof entry.schema.description === 'string') return entry.schema.description;
  return undefined;
}

/** The values a scalar at these schemas may take: enum and const members, or true/false. */
export function valuesOf(at: readonly SchemaAt[]): unknown[] {
  const values: unknown[] = [];
  for (const { schema } of at.flatMap(expand)) {
    if (Array.isArray(schema.enum)) values.push(...schema.enum);
    if ('const' in schema) values.push(schema.const);
    if (schema.type === 'boolean') values.push(true, false);
  }
  return [...new Set(values)];
}

/** true where the schemas expect the id of a step (common.json#/definitions/stepId, or `next`). */
export function expectsStepId(at: readonly SchemaAt[]): boolean {
  return at.flatMap(expand).some((entry) => typeof entry.schema.$ref === 'string' && /#\/definitions\/(stepId|next)$/.test(entry.schema.$ref));
}
