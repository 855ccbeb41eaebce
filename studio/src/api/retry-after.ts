/**
 * Retry-After as whole seconds from `now`: the header holds a number of seconds or an HTTP date.
 * null when absent or unreadable.
 *
 * @example
 * parseRetryAfter('2') // 2
 * parseRetryAfter('Sun, 06 Dec 2026 03:00:30 GMT', Date.parse('2026-12-06T03:00:00Z')) // 30
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // an HTTP date names its day and month; Date.parse alone would take "-5" for a year
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
