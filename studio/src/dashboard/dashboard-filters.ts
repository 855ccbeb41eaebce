import type { AnalyticsQuery } from '../api/analytics-client.ts';
import { addDays, isCivilDay, localDay } from './civil-days.ts';

/** the default range: the last 7 days, today included */
export const DEFAULT_DAYS = 7;

/**
 * The dashboard's filters live in the hash's query (#/dashboard?from=…&to=…&team=…&operator=…), so a
 * reload or a shared link keeps them. Anything missing or malformed falls back to the default range.
 * "Today" is the browser's date: the business time zone is the engine's, and a few hours' difference
 * only moves the default window, never what a chosen day means.
 */
export function filtersFromHash(hash: string, now = new Date()): AnalyticsQuery {
  const search = new URLSearchParams(hash.split('?')[1] ?? '');
  const to = localDay(now);
  const defaults = { from: addDays(to, -(DEFAULT_DAYS - 1)), to };
  const from = search.get('from') ?? '';
  const until = search.get('to') ?? '';
  const range = isCivilDay(from) && isCivilDay(until) && from <= until ? { from, to: until } : defaults;
  return narrowest(range, search.get('team')?.trim(), search.get('operator')?.trim());
}

/**
 * The engine filters by a team or by an operator, not both (an operator's figures are theirs in any team):
 * an operator chosen wins, and the team only narrowed the list they were picked from.
 */
function narrowest(range: { from: string; to: string }, team: string | undefined, operator: string | undefined): AnalyticsQuery {
  if (operator) return { ...range, operator };
  return team ? { ...range, team } : range;
}

/** the same hash route with the filters as its query */
export function hashWithFilters(hash: string, query: AnalyticsQuery): string {
  const route = hash.split('?')[0] || '#/dashboard';
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.team) search.set('team', query.team);
  if (query.operator) search.set('operator', query.operator);
  return `${route}?${search}`;
}

/** the filters typed in the form; a range typed backwards is turned around */
export function filtersFromForm(form: FormData, current: AnalyticsQuery): AnalyticsQuery {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const from = isCivilDay(text('from')) ? text('from') : current.from;
  const to = isCivilDay(text('to')) ? text('to') : current.to;
  return narrowest({ from: from <= to ? from : to, to: from <= to ? to : from }, text('team'), text('operator'));
}
