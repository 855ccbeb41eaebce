/** Regular expressions from flows, compiled once per pattern (the runtime sees the same few over and over). */
const cache = new Map<string, RegExp | null>();

/** null when the pattern does not compile (the validator reports it; the runtime treats it as no match). */
export function flowRegex(pattern: string, flags = ''): RegExp | null {
  const key = `${flags}/${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, flags.replace(/[gy]/g, ''));
    } catch {
      regex = null;
    }
    cache.set(key, regex);
  }
  return regex;
}
