/**
 * How much of the time between two instants a business was open, by its BusinessHours calendar:
 * the seconds of [from, to) that fall inside open periods (split shifts, special days, holidays and
 * periods running past midnight as hoursAt reads them). Without a calendar, every second counts.
 *
 * @example
 * // office open 09:00-12:00, 13:00-18:00 (Asia/Bangkok); 11:30 -> 13:30 the same day
 * businessSeconds(office, Date.parse('2026-01-05T11:30:00+07:00'), Date.parse('2026-01-05T13:30:00+07:00'))
 * // 3600: 30 minutes before lunch, 30 after
 */
import type { BusinessHoursDocument } from '../flow/flow-document.ts';
import { addDays, isoDate, type CivilDate } from './civil-date.ts';
import { intervalsStarting } from './hours-at.ts';
import { wallTimeAt } from './zoned-time.ts';

/** a span longer than this is counted up to it: no conversation stays open for years */
const MAX_DAYS = 400;

// the open intervals of a calendar's days, computed once each: a rollup asks for the same days thousands of times
const cache = new WeakMap<BusinessHoursDocument, Map<string, [number, number][]>>();

function intervalsOf(calendar: BusinessHoursDocument, date: CivilDate): [number, number][] {
  let days = cache.get(calendar);
  if (!days) cache.set(calendar, (days = new Map()));
  const key = isoDate(date);
  let intervals = days.get(key);
  if (!intervals) days.set(key, (intervals = intervalsStarting(calendar, date)));
  return intervals;
}

/** Whole seconds of [from, to) in open hours (rounded down); 0 when to <= from. */
export function businessSeconds(calendar: BusinessHoursDocument | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (!calendar) return Math.floor((to - from) / 1000);
  // yesterday's late shift may still be running at `from`
  let date = addDays(wallTimeAt(from, calendar.timezone).date, -1);
  const last = isoDate(wallTimeAt(to, calendar.timezone).date);
  const open: [number, number][] = [];
  for (let day = 0; day <= MAX_DAYS; day++, date = addDays(date, 1)) {
    for (const [start, end] of intervalsOf(calendar, date)) {
      const clipped: [number, number] = [Math.max(start, from), Math.min(end, to)];
      if (clipped[1] > clipped[0]) open.push(clipped);
    }
    if (isoDate(date) === last) break;
  }
  // a late shift running past midnight may overlap the next day's first period: count such time once
  open.sort((a, b) => a[0] - b[0]);
  let openMs = 0;
  let reached = from;
  for (const [start, end] of open) {
    if (end <= reached) continue;
    openMs += end - Math.max(start, reached);
    reached = end;
  }
  return Math.floor(openMs / 1000);
}
