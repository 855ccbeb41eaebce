/**
 * Durations (whole seconds) kept so that days add up: count, sum and max exactly, and a fixed
 * histogram from which p50 and p90 over any range of days are read (docs/metrics.md, "Percentiles").
 *
 * Buckets: one per second below a minute (exact), then each bucket's upper edge 5% above the one
 * before, up to 30 days; longer durations fall in a last bucket reported as the longest seen. A
 * percentile is the upper edge of the bucket holding the nearest-rank value, capped by the maximum:
 * never below the true value, at most 5% (and one second) above it.
 */
export interface DurationStat {
  count: number;
  /** seconds, summed */
  sum: number;
  max: number;
  /** bucket index -> count; only buckets with a count are kept */
  buckets: Record<string, number>;
}

const GROWTH = 1.05;
const LAST_EDGE = 30 * 24 * 3600;

/** the upper edge (seconds, inclusive) of each bucket; the bucket after the last holds everything longer */
export const BUCKET_EDGES: readonly number[] = (() => {
  const edges: number[] = [];
  for (let s = 0; s < 60; s++) edges.push(s);
  for (let edge = 60; edge < LAST_EDGE; edge = Math.ceil(edge * GROWTH)) edges.push(edge);
  edges.push(LAST_EDGE);
  return edges;
})();

export function emptyDurationStat(): DurationStat {
  return { count: 0, sum: 0, max: 0, buckets: {} };
}

/** the first bucket whose upper edge is at least `seconds` (binary search) */
export function bucketOf(seconds: number): number {
  let low = 0;
  let high = BUCKET_EDGES.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((BUCKET_EDGES[mid] ?? Infinity) >= seconds) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Adds one duration; negative ones (clocks of two engines disagreeing) count as 0. */
export function addDuration(stat: DurationStat, seconds: number): void {
  const value = Math.max(0, Math.round(seconds));
  stat.count += 1;
  stat.sum += value;
  stat.max = Math.max(stat.max, value);
  const bucket = String(bucketOf(value));
  stat.buckets[bucket] = (stat.buckets[bucket] ?? 0) + 1;
}

export function mergeDurationStats(into: DurationStat, from: DurationStat): void {
  into.count += from.count;
  into.sum += from.sum;
  into.max = Math.max(into.max, from.max);
  for (const [bucket, n] of Object.entries(from.buckets)) into.buckets[bucket] = (into.buckets[bucket] ?? 0) + n;
}

/** The nearest-rank percentile (0 < p <= 1) as its bucket's upper edge; null when there is nothing. */
export function percentile(stat: DurationStat, p: number): number | null {
  if (stat.count === 0) return null;
  const rank = Math.max(1, Math.ceil(p * stat.count));
  const buckets = Object.entries(stat.buckets)
    .map(([bucket, n]) => [Number(bucket), n] as const)
    .sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return Math.min(BUCKET_EDGES[bucket] ?? stat.max, stat.max);
  }
  return stat.max;
}

/** the exact average, rounded to whole seconds */
export function average(stat: DurationStat): number | null {
  return stat.count === 0 ? null : Math.round(stat.sum / stat.count);
}
