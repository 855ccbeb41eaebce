/**
 * Wall-clock time in an IANA time zone with nothing but Intl.DateTimeFormat: Node ships the full
 * tz database, so a time zone library would only add weight. DST gaps and folds are resolved the
 * way Temporal's "compatible" disambiguation does.
 */
import type { CivilDate } from './civil-date.ts';

export interface WallTime {
  date: CivilDate;
  /** minutes since local midnight, 0..1439 */
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function fields(epochMs: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** Local time minus UTC at that instant, in ms (Bangkok: +7 h). Seconds are dropped, as in the zone data. */
function offsetAt(epochMs: number, timeZone: string): number {
  const f = fields(epochMs, timeZone);
  const asUtc = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const f = fields(epochMs, timeZone);
  return {
    date: { year: f.year ?? 1970, month: f.month ?? 1, day: f.day ?? 1 },
    minute: (f.hour ?? 0) * 60 + (f.minute ?? 0),
  };
}

/**
 * The instant a wall-clock time happens. `minute` may reach 1440 (midnight at the end of the day).
 * A time skipped by a DST jump lands as far after the jump as it was meant to be after the start of
 * the gap (02:30 on a spring-forward night is 03:30); a repeated time takes its first occurrence.
 */
export function instantOf(date: CivilDate, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
  // a zone changes its offset at most once within a day either side, so these two offsets are all there is
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((t) => offsetAt(t, timeZone) === asUtc - t);
  if (candidates.length === 0) return asUtc - before;
  return Math.min(...candidates);
}
