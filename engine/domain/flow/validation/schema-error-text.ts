/** The words schema messages are made of, read from the failing schema and the data. */
import type { ErrorObject } from 'ajv';

export interface SchemaFinding {
  /** the ajv keyword that failed, and where in the data */
  keyword: string;
  instancePath: string;
  /** where the problem is reported (a key of the failing object, for some keywords) */
  pointer: string;
  /** locate the key at `pointer` rather than its value */
  atKey: boolean;
  code: string;
  message: string;
  /** character inside the string at `pointer` (CEL and Liquid errors) */
  offset?: number;
  /** for unknown keys: the known key it most likely meant */
  suggests?: string;
  /** for missing keys: which one */
  missing?: string;
}

export function param(error: ErrorObject, name: string): unknown {
  const value: unknown = error.params[name];
  return value;
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}

export function schemaText(error: ErrorObject, key: 'title' | 'description'): string | undefined {
  const value = record(error.parentSchema)[key];
  return typeof value === 'string' ? value : undefined;
}

export function quoted(names: string[]): string {
  const list = names.map((n) => `"${n}"`);
  return list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;
}

export function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

export const typeNames: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false', null: 'empty' };

export function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return 'a string';
}

export function subject(error: ErrorObject, data: unknown): string {
  const title = schemaText(error, 'title');
  if (title) return `this ${title}`;
  const [parent, last] = error.instancePath.split('/').slice(-2);
  if (last === undefined || last === '') return `this ${typeOf(data).replace(/^an? /, '')}`;
  return /^\d+$/.test(last) ? `item ${Number(last) + 1} of "${parent ?? ''}"` : `"${last}"`;
}

/** The schema's description as the rule a value broke: "lower-case letters, digits and dashes, ..." */
export function rule(error: ErrorObject): string {
  const description = schemaText(error, 'description');
  if (!description) return error.message ?? 'invalid';
  const text = description.replace(/`/g, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function lineLimit(error: ErrorObject): string {
  return (schemaText(error, 'description') ?? '').includes('LINE allows') ? " (LINE's limit)" : '';
}
