/** Back-off for reads waiting for the engine: 1 s, 2 s, 4 s … up to 30 s, each ±25% so tabs spread out. */
const FIRST_MS = 1_000;
const LONGEST_MS = 30_000;
/** a Retry-After beyond this is not waited out in full: the engine may well be back sooner */
const LONGEST_RETRY_AFTER_MS = 5 * 60_000;

/**
 * How long to wait before round `round` (1 for the first retry). A Retry-After the engine sent is
 * the floor: trying sooner only earns another 503.
 *
 * @example
 * retryDelayMs(3, null, () => 0.5) // 4000
 * retryDelayMs(1, 10, () => 0.5)  // 10000
 */
export function retryDelayMs(round: number, retryAfterSeconds: number | null, random: () => number = Math.random): number {
  const backoff = Math.min(LONGEST_MS, FIRST_MS * 2 ** Math.max(0, round - 1));
  const spread = Math.round(backoff * (0.75 + random() * 0.5));
  const floor = Math.min(LONGEST_RETRY_AFTER_MS, (retryAfterSeconds ?? 0) * 1_000);
  return Math.max(spread, floor);
}
