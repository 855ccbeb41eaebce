/**
 * Whether a business is open at an instant, by its BusinessHours calendar.
 *
 * @example
 * hoursAt(office, Date.parse('2026-01-05T12:30:00+07:00'))
 * // lunch break: { open: false, holiday: false, holidayName: null, nextOpen: <13:00 that day> }
 */
import type { BusinessHoursDocument, Weekday } from '../flow/flow-document.ts';
import { addDays, isoDate, weekdayOf, type CivilDate } from './civil-date.ts';
import { parsePeriod } from './period.ts';
import { instantOf, wallTimeAt } from './zoned-time.ts';

export interface HoursAnswer {
  open: boolean;
  /** today (in the calendar's zone) is one of its holidays */
  holiday: boolean;
  holidayName: string | null;
  /** when it opens next; null while open, or when no opening is found within a year */
  nextOpen: number | null;
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** a calendar with no opening within this many days is treated as closed for good */
const SEARCH_DAYS = 400;

function holidayOn(calendar: BusinessHoursDocument, date: CivilDate): { name?: string } | undefined {
  const iso = isoDate(date);
  return calendar.holidays?.find((h) => h.date === iso);
}

function periodsOn(calendar: BusinessHoursDocument, date: CivilDate): string[] {
  if (holidayOn(calendar, date)) return [];
  const iso = isoDate(date);
  const special = calendar.special?.find((s) => s.date === iso);
  if (special) return special.periods;
  return calendar.weekly[WEEKDAYS[weekdayOf(date)] ?? 'sun'] ?? [];
}

/**
 * The open intervals [start, end) of the periods that begin on `date`, as instants, sorted. A
 * period running past midnight into a holiday stops at that midnight: a holiday is closed all day.
 */
export function intervalsStarting(calendar: BusinessHoursDocument, date: CivilDate): [number, number][] {
  const { timezone } = calendar;
  const nextDay = addDays(date, 1);
  const cutAtMidnight = holidayOn(calendar, nextDay) !== undefined;
  return periodsOn(calendar, date)
    .map(parsePeriod)
    .map(({ start, end }): [number, number] => {
      const spill = end > 1440 && !cutAtMidnight;
      const endInstant = spill ? instantOf(nextDay, end - 1440, timezone) : instantOf(date, Math.min(end, 1440), timezone);
      return [instantOf(date, start, timezone), endInstant];
    })
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

function nextOpening(calendar: BusinessHoursDocument, today: CivilDate, epochMs: number): number | null {
  for (let day = 0; day < SEARCH_DAYS; day++) {
    const start = intervalsStarting(calendar, addDays(today, day)).find(([s]) => s > epochMs)?.[0];
    if (start !== undefined) return start;
  }
  return null;
}

export function hoursAt(calendar: BusinessHoursDocument, epochMs: number): HoursAnswer {
  const today = wallTimeAt(epochMs, calendar.timezone).date;
  const holiday = holidayOn(calendar, today);
  // yesterday's late shift may still be running after midnight
  const open = [addDays(today, -1), today].some((date) =>
    intervalsStarting(calendar, date).some(([start, end]) => start <= epochMs && epochMs < end),
  );
  return {
    open,
    holiday: holiday !== undefined,
    holidayName: holiday ? (holiday.name ?? null) : null,
    nextOpen: open ? null : nextOpening(calendar, today, epochMs),
  };
}
