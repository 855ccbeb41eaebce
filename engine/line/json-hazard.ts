/**
 * What in a parsed JSON value would break the code after it, whatever its shape: a NUL character
 * (Postgres text cannot hold one, so one such string failed the whole INSERT it was in) and nesting
 * so deep that JSON.stringify or any recursive walk overflows the stack (JSON.parse itself copes
 * with a 1 MB body of brackets; serialising it again does not). Walked with a stack of its own, not
 * by recursion, for the same reason.
 */

/** LINE's own events nest five or six levels; anything far deeper is not from LINE */
export const MAX_EVENT_DEPTH = 32;

export type JsonHazard = 'nul' | 'too-deep';

/** The first hazard in `value`, or null. Object keys are checked as well as strings. */
export function jsonHazard(value: unknown, maxDepth = MAX_EVENT_DEPTH): JsonHazard | null {
  const pending: unknown[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const item = pending.pop();
    const depth = depths.pop() ?? 1;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return 'nul';
    } else if (typeof item === 'object' && item !== null) {
      if (depth > maxDepth) return 'too-deep';
      if (Array.isArray(item)) {
        for (const element of item) {
          pending.push(element);
          depths.push(depth + 1);
        }
      } else {
        for (const [key, element] of Object.entries(item)) {
          if (key.includes('\u0000')) return 'nul';
          pending.push(element);
          depths.push(depth + 1);
        }
      }
    }
  }
  return null;
}
