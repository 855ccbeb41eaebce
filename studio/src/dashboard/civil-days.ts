/**
 * Civil dates (YYYY-MM-DD) as the analytics API takes them. Arithmetic runs on UTC midnights, where
 * every day has 24 hours, so a DST change in the browser's zone never skips or repeats a day.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const CIVIL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** the date a clock in the browser's zone shows */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** true for a real calendar date in YYYY-MM-DD form (not 2026-02-30) */
export function isCivilDay(value: string): boolean {
  const utc = toUtc(value);
  return utc !== null && fromUtc(utc) === value;
}

export function addDays(day: string, days: number): string {
  const utc = toUtc(day);
  if (utc === null) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return fromUtc(utc + days * DAY_MS);
}

/** every day from `from` to `to`, both included; empty when `to` is before `from` */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

function toUtc(value: string): number | null {
  const match = CIVIL_DAY.exec(value);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

function fromUtc(utc: number): string {
  const date = new Date(utc);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
