/** Times in the operator's locale; the engine sends epoch milliseconds. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, "3 Jan 14:05" otherwise */
export function formatTime(at: number, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeFormat : dayTimeFormat).format(at);
}

export function formatDateTime(at: number | null): string {
  return at === null ? '—' : fullFormat.format(at);
}

/** "now", "5m", "2h", "3d" */
export function formatAge(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
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
