/**
 * The next opening as a customer reads it in a message: "Monday 09:00", "วันจันทร์ 09:00".
 *
 * @example
 * formatNextOpen(Date.parse('2026-01-05T09:00:00+07:00'), 'Asia/Bangkok', 'th') // "วันจันทร์ 09:00"
 */
import { wallTimeAt } from './zoned-time.ts';

/** a weekday alone is ambiguous once the opening is a week or more away; then the date is added */
const WEEKDAY_ONLY_MS = 6 * 86_400_000;

function locale(language: string | null): string {
  if (!language) return 'en';
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language])[0] ?? 'en';
  } catch {
    return 'en'; // not a well-formed language tag
  }
}

/** `from`: the moment the message is written; when given and the opening is 6+ days later, the date is included. */
export function formatNextOpen(epochMs: number, timezone: string, language: string | null, from?: number): string {
  const withDate = from !== undefined && epochMs - from >= WEEKDAY_ONLY_MS;
  // the locale orders weekday and date its own way: "Monday, January 12", "วันจันทร์ที่ 12 มกราคม"
  const day = new Intl.DateTimeFormat(locale(language), {
    weekday: 'long',
    timeZone: timezone,
    ...(withDate ? { day: 'numeric', month: 'long' } : {}),
  }).format(epochMs);
  const { minute } = wallTimeAt(epochMs, timezone);
  // 24-hour HH:MM reads the same in every language Baton ships (and avoids "9:00 AM" vs "09:00 น.")
  return `${day} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
