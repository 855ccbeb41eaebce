/**
 * Flow variables cross two worlds: CEL counts integers as BigInt (`vars.n + 1` is int + int), while
 * FlowState is stored as JSON and templates print plain numbers. These convert at the boundary.
 */
import type { FlowVarValue } from '../flow-state.ts';

/** A CEL result as a storable variable; undefined when there is nothing sensible to store. */
export function toVarValue(value: unknown): FlowVarValue | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : String(item)));
  if (value === null || value === undefined) return undefined;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** Variables as CEL sees them: whole numbers become ints so integer arithmetic type-checks. */
export function celVars(vars: Readonly<Record<string, FlowVarValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vars)) {
    out[name] = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  return out;
}
