/**
 * Which time zone analytics days are counted in and which calendar "business" durations are measured
 * over (docs/metrics.md, "Business time zone and calendar"), read again at each use so a published flow
 * set's calendar counts from then on.
 */
import type { BusinessHoursDocument } from '../../domain/flow/flow-document.ts';

export interface AnalyticsSettings {
  /** BATON_ANALYTICS_TIMEZONE */
  timezone: string | null;
  /** BATON_ANALYTICS_CALENDAR: the id of a BusinessHours document of the active flows */
  calendarId: string | null;
  /** BATON_CRON_TIMEZONE, the last resort before UTC */
  cronTimezone: string | null;
  /** BATON_FCR_WINDOW_HOURS */
  fcrWindowHours: number;
}

export interface AnalyticsClock {
  timezone: string;
  calendar: BusinessHoursDocument | null;
}

/** the BusinessHours documents of the active flow set, by id, in the order they were written */
export type CalendarSource = () => Promise<ReadonlyMap<string, BusinessHoursDocument>>;

export function resolveClock(settings: AnalyticsSettings, calendars: ReadonlyMap<string, BusinessHoursDocument>): AnalyticsClock {
  const calendar = settings.calendarId !== null ? (calendars.get(settings.calendarId) ?? null) : ([...calendars.values()][0] ?? null);
  return { timezone: settings.timezone ?? calendar?.timezone ?? settings.cronTimezone ?? 'UTC', calendar };
}
