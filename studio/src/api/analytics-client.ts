import type {
  AnalyticsDaysResponse,
  AnalyticsHoursResponse,
  AnalyticsLive,
  AnalyticsOperatorsResponse,
  AnalyticsSummary,
  CsatCommentsResponse,
} from '../../../engine/contracts/analytics.ts';
import { request } from './api-client.ts';
import { authorizedFetch } from './authorized-fetch.ts';

/** The dashboard's filters as the engine takes them: civil days (YYYY-MM-DD, both ends included) in the business time zone. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  /** a team name; absent for every team */
  team?: string;
  /** an operator id; absent for everyone */
  operator?: string;
}

/** how the CSV export is broken down */
export type ExportBreakdown = 'day' | 'team' | 'operator';

function params(query: AnalyticsQuery, extra: Record<string, string> = {}): URLSearchParams {
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.team) search.set('team', query.team);
  if (query.operator) search.set('operator', query.operator);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search;
}

/** GET /api/analytics/*: the dashboard's reports (supervisors and admins). */
export const analytics = {
  summary: (query: AnalyticsQuery, signal?: AbortSignal) =>
    request<AnalyticsSummary>('GET', `/api/analytics/summary?${params(query)}`, { signal }),
  /** one row per day over the whole range, for the filters given */
  days: (query: AnalyticsQuery, signal?: AbortSignal) =>
    request<AnalyticsDaysResponse>('GET', `/api/analytics/days?${params(query, { by: 'day' })}`, { signal }),
  hours: (query: AnalyticsQuery, signal?: AbortSignal) =>
    request<AnalyticsHoursResponse>('GET', `/api/analytics/hours?${params(query)}`, { signal }),
  /** the per-operator table takes the team filter only: it is itself the breakdown by operator */
  operators: (query: AnalyticsQuery, signal?: AbortSignal) =>
    request<AnalyticsOperatorsResponse>('GET', `/api/analytics/operators?${params({ from: query.from, to: query.to, team: query.team })}`, { signal }),
  csatComments: (query: AnalyticsQuery, limit: number, signal?: AbortSignal) =>
    request<CsatCommentsResponse>('GET', `/api/analytics/csat-comments?${params(query, { limit: String(limit) })}`, { signal }),
  live: (signal?: AbortSignal) => request<AnalyticsLive>('GET', '/api/analytics/live', { signal }),
  /** the export needs the bearer token, so it is fetched and saved from a Blob, not linked (as Audit does) */
  async exportCsv(query: AnalyticsQuery, by: ExportBreakdown): Promise<Blob> {
    const response = await authorizedFetch(`/api/analytics/export.csv?${params(query, { by })}`, { headers: { accept: 'text/csv' } });
    return response.blob();
  },
};
