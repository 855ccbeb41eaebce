/**
 * Two schema shapes used on purpose, each with its own precise message: `oneOf` of single `required`
 * keys means "exactly one of these keys" (a step's type, a trigger's matcher), and
 * `not: { required: [a, b] }` means "a and b cannot be used together".
 */
import type { ErrorObject } from 'ajv';
import { childPointer } from './json-pointer.ts';
import { quoted, record, subject, type SchemaFinding } from './schema-error-text.ts';

/** The keys of a `oneOf: [{ required: [a] }, { required: [b] }]`, or null for any other oneOf. */
export function exactlyOneKeys(schema: unknown): string[] | null {
  if (!Array.isArray(schema)) return null;
  const keys: string[] = [];
  for (const branch of schema) {
    const entries = Object.entries(record(branch));
    const required = record(branch).required;
    if (entries.length !== 1 || !Array.isArray(required) || required.length !== 1 || typeof required[0] !== 'string') return null;
    keys.push(required[0]);
  }
  return keys;
}

export function oneOfFinding(error: ErrorObject, data: unknown, base: SchemaFinding): SchemaFinding {
  const keys = exactlyOneKeys(error.schema);
  if (!keys) return { ...base, code: 'schema-one-of', message: error.message ?? 'matches none of the allowed shapes' };
  const present = Object.keys(record(data)).filter((key) => keys.includes(key));
  const what = subject(error, data);
  const second = present[1];
  if (second === undefined) return { ...base, code: 'schema-no-type-key', message: `${what} needs exactly one of: ${keys.join(', ')}` };
  return { ...base, pointer: childPointer(error.instancePath, second), atKey: true, code: 'schema-extra-type-key', message: `${what} has ${quoted(present)}; use exactly one of: ${keys.join(', ')}` };
}

export function notFinding(error: ErrorObject, base: SchemaFinding): SchemaFinding {
  const required = record(error.schema).required;
  if (Array.isArray(required) && required.length === 2) {
    const [first, second] = required.map(String);
    return { ...base, pointer: childPointer(error.instancePath, second ?? ''), atKey: true, code: 'schema-conflicting-keys', message: `"${first}" and "${second}" cannot be used together` };
  }
  if (record(error.schema).const === false) return { ...base, code: 'schema-not', message: 'must not be false (write true)' };
  return { ...base, code: 'schema-not', message: error.message ?? 'is not allowed here' };
}
