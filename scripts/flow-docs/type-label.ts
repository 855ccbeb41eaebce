/** How a property's value is described in the reference tables: its type, limits and links. */
import { isJson, type Json, type SchemaIndex } from './schema-index.ts';

/** Schemas documented in a section of their own: a $ref to one becomes a link. */
export type SectionLinks = ReadonlyMap<string, { title: string; anchor: string }>;

const formats: Record<string, string> = {
  'cel-condition': 'CEL condition',
  cel: 'CEL expression',
  template: 'Liquid template',
  period: 'period `HH:MM-HH:MM`',
  date: 'date `YYYY-MM-DD`',
  'date-time': 'ISO date-time',
  duration: 'duration (`10m`)',
  timezone: 'IANA time zone',
  regex: 'regular expression',
};

const typeWords: Record<string, string> = { object: 'mapping', array: 'list', string: 'string', integer: 'whole number', number: 'number', boolean: 'true / false' };

function limits(schema: Json): string {
  const parts: string[] = [];
  const n = (key: string) => (typeof schema[key] === 'number' ? Number(schema[key]) : null);
  if (n('minimum') !== null && n('maximum') !== null) parts.push(`${n('minimum')}–${n('maximum')}`);
  else if (n('minimum') !== null) parts.push(`≥ ${n('minimum')}`);
  else if (n('maximum') !== null) parts.push(`≤ ${n('maximum')}`);
  if (n('exclusiveMinimum') !== null) parts.push(`> ${n('exclusiveMinimum')}`);
  if (n('maxLength') !== null) parts.push(`≤ ${n('maxLength')} chars`);
  if (n('minItems') !== null && n('minItems') === n('maxItems')) parts.push(`exactly ${n('minItems')}`);
  else if (n('maxItems') !== null) parts.push(`≤ ${n('maxItems')} items`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function typeLabel(schema: Json, base: string, index: SchemaIndex, links: SectionLinks): string {
  if (typeof schema.$ref === 'string') {
    const target = index.resolve(schema.$ref, base);
    const link = links.get(target.url);
    if (link) return `[${link.title}](#${link.anchor})`;
    return typeLabel(target.schema, target.url, index, links);
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${String(value)}\``).join(' | ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (typeof schema.format === 'string' && formats[schema.format]) return `${formats[schema.format]}${limits(schema)}`;
  // a named string (id, step id, variable name) reads better by its name than as "string"
  if (typeof schema.title === 'string' && schema.type === 'string') return `${schema.title}${limits(schema)}`;
  const types = [schema.type].flat().filter((t): t is string => typeof t === 'string');
  if (types.includes('array') && isJson(schema.items)) {
    const item = typeLabel(schema.items, base, index, links);
    const list = `list of ${item}${limits(schema)}`;
    return types.includes('string') ? `step id or ${list}` : list;
  }
  if (types.includes('object') && isJson(schema.additionalProperties) && schema.propertyNames !== undefined) {
    return `mapping of name → ${typeLabel(schema.additionalProperties, base, index, links)}`;
  }
  const word = types.map((t) => typeWords[t] ?? t).join(' or ');
  return `${word || 'any'}${limits(schema)}`;
}
