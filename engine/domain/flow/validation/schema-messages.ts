/**
 * One ajv error in words a flow author can act on. The schema stays plain JSON Schema; what makes
 * the message precise is read from it (titles, descriptions, limits) and from the data.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from './did-you-mean.ts';
import { flowFormats } from './flow-formats.ts';
import { childPointer, valueAt } from './json-pointer.ts';
import { notFinding, oneOfFinding } from './key-shape-findings.ts';
import { lineLimit, param, record, rule, schemaText, shown, subject, typeNames, typeOf, type SchemaFinding } from './schema-error-text.ts';

export type { SchemaFinding };

function formatFinding(error: ErrorObject, data: unknown, base: SchemaFinding): SchemaFinding {
  const format = String(param(error, 'format'));
  const issue = typeof data === 'string' ? flowFormats[format]?.(data) : null;
  if (!issue) return { ...base, code: 'schema-format', message: `must be a valid ${format}` };
  return { ...base, code: issue.code, message: issue.message, ...(issue.offset === undefined ? {} : { offset: issue.offset }) };
}

/** What a single ajv error means; `document` is the data the error's instancePath points into. */
export function describeSchemaError(error: ErrorObject, document: unknown): SchemaFinding {
  const data = valueAt(document, error.instancePath);
  const base: SchemaFinding = { keyword: error.keyword, instancePath: error.instancePath, pointer: error.instancePath, atKey: false, code: `schema-${error.keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, message: error.message ?? 'invalid' };
  const limit = Number(param(error, 'limit'));
  if (error.propertyName !== undefined) {
    // a key that breaks the `propertyNames` schema (e.g. a set step's variable name)
    const title = schemaText(error, 'title') ?? 'key';
    return { ...base, pointer: childPointer(error.instancePath, error.propertyName), atKey: true, code: 'schema-key-name', message: `"${error.propertyName}" is not a valid ${title}: ${rule(error)}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(param(error, 'additionalProperty'));
      const known = Object.keys(record(record(error.parentSchema).properties));
      const hint = didYouMean(name, known);
      const suggests = /"(.*)"/.exec(hint)?.[1];
      return { ...base, pointer: childPointer(error.instancePath, name), atKey: true, code: 'schema-unknown-key', message: `unknown key "${name}"${hint}`, ...(suggests ? { suggests } : {}) };
    }
    // a problem of the whole mapping or list is shown at its key (`hours:`), where there is one
    case 'required': {
      const missing = String(param(error, 'missingProperty'));
      return { ...base, atKey: true, code: 'schema-required', message: `missing required key "${missing}"`, missing };
    }
    case 'dependencies':
      return { ...base, atKey: true, code: 'schema-required', message: `missing key "${String(param(error, 'missingProperty'))}" that "${String(param(error, 'property'))}" needs` };
    case 'oneOf':
      return oneOfFinding(error, data, base);
    case 'not':
      return notFinding(error, base);
    case 'format':
      return formatFinding(error, data, base);
    case 'type': {
      const wanted = [param(error, 'type')].flat().map((t) => typeNames[String(t)] ?? String(t));
      const found = data === null || data === undefined ? 'but it is empty' : `not ${typeof data === 'object' ? typeOf(data) : typeof data === 'string' ? `the string ${shown(data)}` : shown(data)}`;
      return { ...base, message: `must be ${wanted.join(' or ')}, ${found}` };
    }
    case 'enum': {
      const allowed = [error.schema].flat().map(String);
      return { ...base, message: `${shown(data)} is not one of: ${allowed.join(', ')}${typeof data === 'string' ? didYouMean(data, allowed) : ''}` };
    }
    case 'const':
      return { ...base, message: `must be ${shown(param(error, 'allowedValue'))}` };
    case 'pattern':
      return { ...base, message: `${shown(data)} is not a valid ${schemaText(error, 'title') ?? 'value'}: ${rule(error)}` };
    case 'minLength':
      return { ...base, message: limit === 1 ? 'must not be empty' : `is ${String(data).length} characters long; at least ${limit} needed` };
    case 'maxLength':
      return { ...base, message: `${subject(error, data)} is ${[...String(data)].length} characters long; at most ${limit} allowed${lineLimit(error)}` };
    case 'minItems':
      return { ...base, atKey: true, message: limit === 1 ? 'must not be empty' : `${subject(error, data)} has ${[data].flat().length} items; at least ${limit} needed` };
    case 'maxItems':
      return { ...base, atKey: true, message: `${subject(error, data)} has ${[data].flat().length} items; at most ${limit} allowed${lineLimit(error)}` };
    case 'minProperties':
      return { ...base, atKey: true, message: limit === 1 ? 'must not be empty' : `needs at least ${limit} keys` };
    case 'uniqueItems': {
      const i = Number(param(error, 'i'));
      return { ...base, pointer: childPointer(error.instancePath, i), message: `${shown(valueAt(data, `/${i}`))} is listed twice` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' };
      return { ...base, message: `must be ${words[error.keyword] ?? ''} ${limit}, not ${shown(data)}` };
    }
    default:
      return base;
  }
}
