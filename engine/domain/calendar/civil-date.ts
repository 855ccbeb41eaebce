/** A calendar date without a time zone (the date on the wall where the business is). */
export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

// Civil dates are counted on UTC midnights: UTC has no DST, so adding days is plain arithmetic.
function utcMidnight(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const moved = new Date(utcMidnight(date) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday .. 6 = Saturday, as Date.getDay counts. */
export function weekdayOf(date: CivilDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** "2026-01-05", the form BusinessHours documents write dates in. */
export function isoDate(date: CivilDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
