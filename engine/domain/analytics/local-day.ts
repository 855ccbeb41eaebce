/** A civil day in the business time zone as the instants it spans, and the local hour of an instant in it. */
import { addDays, isoDate, type CivilDate } from '../calendar/civil-date.ts';
import { instantOf, wallTimeAt } from '../calendar/zoned-time.ts';

export interface LocalDay {
  day: string;
  /** local midnight, epoch ms */
  start: number;
  /** the next local midnight (23 or 25 hours later on a DST change) */
  end: number;
  timezone: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-01-05" as a civil date; null unless it is a real date in that form */
export function parseCivilDate(text: string): CivilDate | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isoDate(addDays(date, 0)) === text ? date : null;
}

export function localDay(date: CivilDate, timezone: string): LocalDay {
  return { day: isoDate(date), start: instantOf(date, 0, timezone), end: instantOf(addDays(date, 1), 0, timezone), timezone };
}

/** the civil date an instant falls on in the zone */
export function dayOf(epochMs: number, timezone: string): string {
  return isoDate(wallTimeAt(epochMs, timezone).date);
}

const HOUR_MS = 3_600_000;

/** 0..23: the local hour of an instant of the day (a day of 24 hours needs no time zone lookup) */
export function hourOfDay(day: LocalDay, epochMs: number): number {
  if (day.end - day.start === 24 * HOUR_MS) return Math.min(23, Math.max(0, Math.floor((epochMs - day.start) / HOUR_MS)));
  return Math.floor(wallTimeAt(epochMs, day.timezone).minute / 60);
}

/**
 * The width of the slots a day's counts are grouped in by the database (slot n: [start + n·width,
 * start + (n+1)·width)), each slot lying within one local hour: an hour for a day of 24 hours; on the
 * day of an offset change 15 minutes, since every offset and every change in use is a multiple of 15
 * minutes from local midnight.
 */
export function slotMs(day: LocalDay): number {
  return day.end - day.start === 24 * HOUR_MS ? HOUR_MS : 15 * 60_000;
}

/** 0..23: the local hour of slot n of the day (see slotMs) */
export function hourOfSlot(day: LocalDay, slot: number): number {
  return hourOfDay(day, day.start + slot * slotMs(day));
}
