import type { AuditQuery } from '../api/api-client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The audit filters as typed in the form: dates are whole days in the browser's time zone, from the
 * start of `from` to the end of `to`, sent as epoch ms.
 */
export function auditQueryFrom(form: FormData): AuditQuery {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const query: AuditQuery = {};
  const from = startOfDay(text('from'));
  const to = startOfDay(text('to'));
  if (from !== null) query.from = from;
  if (to !== null) query.to = endOfDay(to);
  if (text('actor')) query.actor = text('actor');
  if (text('action')) query.action = text('action');
  return query;
}

/** local midnight of a YYYY-MM-DD date input's value */
function startOfDay(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** the last millisecond of that day, whether the engine reads `to` as inclusive or not; DST days have 23 or 25 hours */
function endOfDay(midnight: number): number {
  const next = new Date(midnight + DAY_MS + 3 * 60 * 60 * 1000);
  return new Date(next.getFullYear(), next.getMonth(), next.getDate()).getTime() - 1;
}

/** YYYY-MM-DD of today, in the browser's zone, for file names */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
