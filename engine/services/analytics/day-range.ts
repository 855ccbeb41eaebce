/** A range of civil days from a request or the command line, checked once at the edge of the service. */
import type { CivilDate } from '../../domain/calendar/civil-date.ts';
import { addDays, isoDate } from '../../domain/calendar/civil-date.ts';
import { parseCivilDate } from '../../domain/analytics/local-day.ts';
import { badRequest } from '../../errors.ts';

/** inclusive civil dates in the business time zone */
export interface DayRange {
  from: string;
  to: string;
}

/** the longest range one request or rollup may cover */
export const MAX_RANGE_DAYS = 400;

/** The days of the range in order; 400 Bad Request for a malformed date, from after to, or too long a range. */
export function daysOf(range: DayRange): CivilDate[] {
  const from = parseCivilDate(range.from);
  const to = parseCivilDate(range.to);
  if (!from) throw badRequest('bad_date', `from: expected a date as YYYY-MM-DD, got "${range.from}"`);
  if (!to) throw badRequest('bad_date', `to: expected a date as YYYY-MM-DD, got "${range.to}"`);
  if (range.from > range.to) throw badRequest('bad_range', `from (${range.from}) is after to (${range.to})`);
  const days: CivilDate[] = [];
  for (let day = from; isoDate(day) <= range.to; day = addDays(day, 1)) {
    if (days.length === MAX_RANGE_DAYS) throw badRequest('bad_range', `a range covers at most ${MAX_RANGE_DAYS} days (${range.from} to ${range.to} is longer)`);
    days.push(day);
  }
  return days;
}
