/**
 * The studio dashboard's pure parts: the filters kept in the address, the civil-day arithmetic, the
 * chart specs built from the analytics API's rows (the canvas and its table both read them), and which
 * live snapshot wins.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AnalyticsDay, AnalyticsLive, AnalyticsMetrics, Durations } from '../../engine/contracts/analytics.ts';
import { addDays, daysFrom, isCivilDay } from '../../studio/src/dashboard/civil-days.ts';
import { dayCharts, hourChart } from '../../studio/src/dashboard/dashboard-charts.ts';
import { filtersFromForm, filtersFromHash, hashWithFilters } from '../../studio/src/dashboard/dashboard-filters.ts';
import { formatDuration } from '../../studio/src/dashboard/dashboard-format.ts';
import { longestWaitNow, newerLive } from '../../studio/src/dashboard/live-state.ts';

const NOON_6_JAN = new Date(2026, 0, 6, 12, 0);

test('without filters in the address the range is the last 7 days, today included', () => {
  assert.equal(filtersFromHash('#/dashboard', NOON_6_JAN), { from: '2025-12-31', to: '2026-01-06' });
});

test('filters in the address survive a round trip, and malformed ones fall back to the default range', () => {
  for (const query of [{ from: '2026-01-01', to: '2026-01-31', team: 'ฝ่ายขาย & billing' }, { from: '2026-01-01', to: '2026-01-01', operator: 'op-1' }]) {
    const hash = hashWithFilters('#/dashboard?from=2020-01-01', query);
    assert.ok(hash.startsWith('#/dashboard?'), hash);
    assert.equal(filtersFromHash(hash, NOON_6_JAN), query);
  }
  assert.equal(filtersFromHash('#/dashboard?from=2026-02-30&to=2026-03-01', NOON_6_JAN), { from: '2025-12-31', to: '2026-01-06' }, 'no 30 February');
  assert.equal(filtersFromHash('#/dashboard?from=2026-03-01&to=2026-02-01', NOON_6_JAN), { from: '2025-12-31', to: '2026-01-06' }, 'backwards');
});

test('an operator chosen wins over the team they were picked from (the engine takes one or the other)', () => {
  assert.equal(filtersFromHash('#/dashboard?from=2026-01-01&to=2026-01-02&team=billing&operator=op-1', NOON_6_JAN), { from: '2026-01-01', to: '2026-01-02', operator: 'op-1' });
  const form = new FormData();
  form.set('team', 'billing');
  form.set('operator', 'op-1');
  assert.equal(filtersFromForm(form, { from: '2026-01-01', to: '2026-01-07' }), { from: '2026-01-01', to: '2026-01-07', operator: 'op-1' });
});

test('a range typed backwards in the form is turned around; empty team and operator mean all', () => {
  const form = new FormData();
  form.set('from', '2026-02-10');
  form.set('to', '2026-02-01');
  form.set('team', '');
  form.set('operator', ' ');
  assert.equal(filtersFromForm(form, { from: '2026-01-01', to: '2026-01-07' }), { from: '2026-02-01', to: '2026-02-10' });
});

test('civil days step over month ends, leap days and DST changes one day at a time', () => {
  assert.is(addDays('2024-02-28', 1), '2024-02-29');
  assert.is(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(daysFrom('2026-03-28', '2026-04-01'), ['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
  assert.equal(daysFrom('2026-01-02', '2026-01-01'), []);
  assert.not.ok(isCivilDay('2026-1-5'));
});

const none: Durations = { count: 0, avg: null, p50: null, p90: null };
function metrics(overrides: Partial<AnalyticsMetrics>): AnalyticsMetrics {
  return {
    conversations: 0, handoffs: 0, containmentRate: null, waitSeconds: none, abandoned: 0, abandonmentRate: null,
    firstResponseSeconds: { calendar: none, business: none }, resolutionSeconds: { calendar: none, business: none },
    handled: 0, transfers: 0, reopened: 0, csatAverage: null, csatResponses: 0, csatSatisfiedRate: null, surveysSent: 0,
    csatResponseRate: null, fcrRate: null, messagesIn: 0, messagesOut: 0, replies: 0, pushes: 0, ...overrides,
  };
}

test('a team\'s days are charted as the days of everyone are', () => {
  const teamDays: AnalyticsDay[] = [{ day: '2026-01-02', dimension: 'team', key: 'billing', metrics: metrics({ conversations: 3, handoffs: 2 }) }];
  const [volume] = dayCharts({ from: '2026-01-01', to: '2026-01-02' }, teamDays);
  assert.equal(volume?.series[0]?.values, [null, 3]);
  assert.equal(volume?.series[1]?.values, [null, 2]);
});

test('every day of the range is a point; a day without a row is a gap, shown as "—" in the table', () => {
  const days: AnalyticsDay[] = [
    { day: '2026-01-01', dimension: 'all', key: '', metrics: metrics({ conversations: 12, handoffs: 5, containmentRate: 7 / 12, replies: 9, pushes: 2 }) },
    { day: '2026-01-03', dimension: 'all', key: '', metrics: metrics({ conversations: 4, handoffs: 4, containmentRate: 0, firstResponseSeconds: { calendar: { count: 4, avg: 90, p50: 60, p90: 300 }, business: none } }) },
  ];
  const charts = dayCharts({ from: '2026-01-01', to: '2026-01-03' }, days);
  assert.equal(charts.map((c) => c.name), ['volume', 'response-times', 'csat', 'delivery']);
  const volume = charts[0];
  assert.equal(volume?.labels, ['2026-01-01', '2026-01-02', '2026-01-03']);
  const [conversations, handoffs, containment] = volume?.series ?? [];
  assert.equal(conversations?.values, [12, null, 4]);
  assert.equal(handoffs?.values, [5, null, 4]);
  assert.equal(containment?.values, [58.3, null, 0], 'containment as a percentage on the right axis');
  assert.ok(containment?.right);
  assert.is(conversations?.format(null), '—');
  const frtAvg = charts[1]?.series[0];
  assert.equal(frtAvg?.values, [null, null, 1.5], '90 s is 1.5 minutes');
  assert.is(frtAvg?.format(1.5)?.replace(/\s/g, ' '), '1.5 min');
  assert.equal(charts[3]?.series.map((s) => s.values), [[9, null, 0], [2, null, 0]]);
});

test('the hour chart has the 24 hours in order', () => {
  const hours = Array.from({ length: 24 }, (_, i) => ({ hour: 23 - i, conversations: 23 - i, handoffs: 0, messagesIn: 1 }));
  const chart = hourChart(hours);
  assert.is(chart.labels.length, 24);
  assert.is(chart.labels[0], '00:00');
  assert.is(chart.labels[23], '23:00');
  assert.equal(chart.series[0]?.values.slice(0, 3), [0, 1, 2]);
});

test('durations read as seconds, minutes or hours', () => {
  assert.is(formatDuration(null), '—');
  assert.is(formatDuration(45), '45 s');
  assert.is(formatDuration(185), '3 min 05 s');
  assert.is(formatDuration(7800), '2 h 10 min');
});

const live = (at: number, waiting: number, longestWaitSeconds: number | null): AnalyticsLive => ({
  waiting, active: 0, longestWaitSeconds, at,
  today: { day: '2026-01-06', conversations: 0, handoffs: 0, firstResponseSeconds: none, csatAverage: null, csatResponses: 0, containmentRate: null },
});

test('an older live snapshot never replaces a newer one, whichever arrives last', () => {
  const older = live(1_000, 1, 30);
  const newer = live(2_000, 2, 40);
  assert.is(newerLive(null, older), older);
  assert.is(newerLive(older, newer), newer);
  assert.is(newerLive(newer, older), newer);
});

test('the longest wait keeps counting from the snapshot, and is nothing when nobody waits', () => {
  assert.is(longestWaitNow(live(10_000, 1, 30), 15_500), 35);
  assert.is(longestWaitNow(live(10_000, 0, null), 15_500), null);
});

test.run();
