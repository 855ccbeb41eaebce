/**
 * Times and numbers in the studio's language (i18n/format-locale.ts): Thai dates carry the Buddhist year,
 * as Thai readers expect (docs/translating.md). The engine sends epoch milliseconds.
 */
import { msg, str } from '@lit/localize';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '../i18n/format-locale.ts';

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
const FULL: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
/** a civil day is written in UTC, where its noon lies on the same date */
const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };

/** "14:05" today, "3 Jan 14:05" otherwise */
export function formatTime(at: number, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return dateTimeFormat(sameDay ? TIME : DAY_TIME).format(at);
}

/** "3 Jan 2026, 14:05" ("3 ม.ค. 2569 14:05" in Thai); a dash for never */
export function formatDateTime(at: number | null): string {
  return at === null ? '—' : dateTimeFormat(FULL).format(at);
}

/** a civil day ("2026-01-06", as the engine names days) as "6 Jan 2026" ("6 ม.ค. 2569" in Thai) */
export function formatDay(day: string): string {
  const at = Date.parse(`${day}T12:00:00Z`);
  return Number.isNaN(at) ? day : dateTimeFormat(DAY).format(at);
}

/** "now", "5m", "2h", "3d": how long, in few letters, for a list row ("waiting 5m") */
export function formatAge(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return msg('now', { desc: 'an age of under a minute' });
  const n = (value: number) => numberFormat({}).format(value);
  if (minutes < 60) return msg(str`${n(minutes)}m`, { desc: 'an age in minutes, short' });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return msg(str`${n(hours)}h`, { desc: 'an age in hours, short' });
  return msg(str`${n(Math.floor(hours / 24))}d`, { desc: 'an age in days, short' });
}

/** "5 min ago", "yesterday", "in 2 hr": a past or future moment from now, in the language's own words */
export function formatAgo(at: number, now = Date.now()): string {
  const seconds = Math.round((at - now) / 1000);
  const relative = relativeTimeFormat({ numeric: 'auto', style: 'short' });
  const size = Math.abs(seconds);
  if (size < 60) return relative.format(seconds, 'second');
  if (size < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (size < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** "in 40 s", "in 3 min": when to try again (a Retry-After) */
export function formatWait(seconds: number): string {
  const n = (value: number) => numberFormat({}).format(value);
  return seconds < 90 ? msg(str`in ${n(seconds)} s`) : msg(str`in ${n(Math.ceil(seconds / 60))} min`);
}

/**
 * Letters for an avatar placeholder: "JD" for Latin names, one consonant for Thai and other scripts
 * (a Thai word may start with a vowel sign such as เ or ใ, which reads badly on its own).
 */
export function initials(name: string | null): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const first = (word: string) => Array.from(word).find((ch) => /\p{L}/u.test(ch) && !THAI_LEADING_VOWEL.test(ch)) ?? '';
  const letters = words.map(first).filter(Boolean);
  const latin = letters.length > 1 && letters.slice(0, 2).every((ch) => /\p{Script=Latin}/u.test(ch));
  return (latin ? letters.slice(0, 2).join('') : (letters[0] ?? '?')).toUpperCase();
}

const THAI_LEADING_VOWEL = /[\u0E40-\u0E44]/u;

/** Only http(s) pictures are shown; anything else (javascript:, data:) is dropped. */
export function safeImageUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Engine reason codes ("closed-by-operator") read as words; free text is left alone. */
export function humanizeReason(reason: string): string {
  return /^[a-z]+([-_][a-z]+)*$/.test(reason) ? reason.replace(/[-_]/g, ' ') : reason;
}
