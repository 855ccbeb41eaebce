/** Reading a route's query string: one value per name, each checked, a clear 400 naming the parameter otherwise. */
import type { ParsedUrlQuery } from 'node:querystring';
import { badRequest } from '../../errors.ts';

/** the parameter's text, trimmed; undefined when absent or empty. Given twice, it is refused (which one was meant?). */
export function queryText(query: ParsedUrlQuery, name: string, maxLength = 200): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badRequest('invalid_query', `${name}: give it once`);
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (text.length > maxLength) throw badRequest('invalid_query', `${name}: at most ${maxLength} characters`);
  return text;
}

/** a whole number from min to max; `fallback` when absent */
export function queryInteger(query: ParsedUrlQuery, name: string, range: { min: number; max: number; fallback: number }): number {
  const raw = queryText(query, name, 20);
  if (raw === undefined) return range.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw badRequest('invalid_query', `${name}: expected a whole number from ${range.min} to ${range.max}, got "${raw}"`);
  }
  return value;
}

/** one of the values allowed; `fallback` when absent */
export function queryChoice<T extends string>(query: ParsedUrlQuery, name: string, allowed: readonly T[], fallback: T): T {
  const raw = queryText(query, name, 40);
  if (raw === undefined) return fallback;
  const found = allowed.find((choice) => choice === raw);
  if (found === undefined) throw badRequest('invalid_query', `${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
  return found;
}
