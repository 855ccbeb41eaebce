import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDuration, average, emptyDurationStat, mergeDurationStats, percentile, type DurationStat } from '../../engine/domain/analytics/duration-stat.ts';

function stat(values: number[]): DurationStat {
  const s = emptyDurationStat();
  for (const v of values) addDuration(s, v);
  return s;
}

/** the nearest-rank percentile of the values themselves */
function exact(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? NaN;
}

test('below a minute percentiles are exact to the second', () => {
  const values = [3, 7, 7, 12, 30, 41, 59, 59, 2, 18];
  const s = stat(values);
  assert.is(percentile(s, 0.5), exact(values, 0.5));
  assert.is(percentile(s, 0.9), exact(values, 0.9));
  assert.is(average(s), Math.round(values.reduce((a, b) => a + b) / values.length));
});

test('above a minute a percentile is never below the true value and at most 5% and a second above it', () => {
  for (let seed = 1; seed <= 200; seed++) {
    // a spread from a minute to a week, deterministic
    const values = Array.from({ length: 37 }, (_, i) => 60 + ((seed * 7919 + i * 104729) % 604_800));
    const s = stat(values);
    for (const p of [0.5, 0.9]) {
      const truth = exact(values, p);
      const got = percentile(s, p) ?? NaN;
      assert.ok(got >= truth && got <= truth * 1.05 + 1, `p${p * 100} of seed ${seed}: ${got} for ${truth}`);
    }
  }
});

test('merging days gives the histogram of all their values, and the exact average from sums', () => {
  const monday = [5, 90, 400];
  const tuesday = [1, 2, 7200, 86_400];
  const merged = stat(monday);
  mergeDurationStats(merged, stat(tuesday));
  assert.equal(merged, stat([...monday, ...tuesday]));
  assert.is(merged.count, 7);
  assert.is(average(merged), Math.round((5 + 90 + 400 + 1 + 2 + 7200 + 86_400) / 7));
});

test('nothing measured is null, not 0; negative durations count as 0; beyond 30 days is the longest seen', () => {
  assert.is(percentile(emptyDurationStat(), 0.5), null);
  assert.is(average(emptyDurationStat()), null);
  assert.is(percentile(stat([-3]), 0.5), 0);
  assert.is(percentile(stat([40 * 86_400]), 0.9), 40 * 86_400);
});

test.run();
