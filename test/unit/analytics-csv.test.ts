/**
 * The analytics CSV: the header names every metric column once, a row puts each value under its column
 * (an empty cell where a rate is undefined), and text a spreadsheet would run as a formula is neutralised.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AnalyticsDay, AnalyticsMetrics, Durations } from '../../engine/contracts/analytics.ts';
import { ANALYTICS_CSV_HEADER, analyticsCsv, analyticsCsvRow } from '../../engine/transports/http/analytics-csv.ts';

const durations = (avg: number): Durations => ({ count: 2, avg, p50: avg - 1, p90: avg + 1 });

const metrics: AnalyticsMetrics = {
  conversations: 7, handoffs: 3, containmentRate: null, waitSeconds: durations(40), abandoned: 1, abandonmentRate: 0.25,
  firstResponseSeconds: { calendar: durations(110), business: durations(50) }, resolutionSeconds: { calendar: durations(900), business: durations(600) },
  handled: 2, transfers: 1, reopened: 0, csatAverage: 4.5, csatResponses: 2, csatSatisfiedRate: 1, surveysSent: 2, csatResponseRate: 1,
  fcrRate: 0.5, messagesIn: 12, messagesOut: 9, replies: 4, pushes: 5,
};

const fields = (line: string) => line.replace(/\r\n$/, '').split(',');

test('the header names each metric column once, and a row puts each value under its column', () => {
  const header = fields(ANALYTICS_CSV_HEADER);
  assert.is(new Set(header).size, header.length, 'no column twice');
  assert.is(header.length, 3 + 18 + 5 * 4, 'day, dimension, key; 18 single metrics; 5 durations of count, avg, p50, p90');
  const row = Object.fromEntries(header.map((name, i) => [name, fields(analyticsCsvRow({ day: '2026-01-05', dimension: 'team', key: 'billing', metrics }))[i]]));
  assert.equal(row, {
    day: '2026-01-05', dimension: 'team', key: 'billing', conversations: '7', handoffs: '3', containment_rate: '',
    wait_seconds_count: '2', wait_seconds_avg: '40', wait_seconds_p50: '39', wait_seconds_p90: '41', abandoned: '1', abandonment_rate: '0.25',
    first_response_seconds_count: '2', first_response_seconds_avg: '110', first_response_seconds_p50: '109', first_response_seconds_p90: '111',
    first_response_business_seconds_count: '2', first_response_business_seconds_avg: '50', first_response_business_seconds_p50: '49', first_response_business_seconds_p90: '51',
    resolution_seconds_count: '2', resolution_seconds_avg: '900', resolution_seconds_p50: '899', resolution_seconds_p90: '901',
    resolution_business_seconds_count: '2', resolution_business_seconds_avg: '600', resolution_business_seconds_p50: '599', resolution_business_seconds_p90: '601',
    handled: '2', transfers: '1', reopened: '0', csat_average: '4.5', csat_responses: '2', csat_satisfied_rate: '1', surveys_sent: '2',
    csat_response_rate: '1', fcr_rate: '0.5', messages_in: '12', messages_out: '9', replies: '4', pushes: '5',
  });
});

test('a key a spreadsheet would run as a formula is neutralised, and one with a comma is quoted', () => {
  for (const key of ['=HYPERLINK("http://evil")', '+1', '-1', '@SUM(A1)']) {
    const cell = analyticsCsvRow({ day: '2026-01-05', dimension: 'team', key, metrics }).split(',')[2] ?? '';
    assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${key} -> ${cell}`);
  }
  assert.ok(analyticsCsvRow({ day: '2026-01-05', dimension: 'team', key: 'a,b', metrics }).includes(',"a,b",'));
});

test('the export is the header, then every row in order, read as they come', async () => {
  const days: AnalyticsDay[] = Array.from({ length: 1_000 }, (_, i) => ({ day: `d${i}`, dimension: 'all', key: '', metrics }));
  async function* rows() {
    yield* days;
  }
  const chunks: string[] = [];
  for await (const chunk of analyticsCsv(rows())) chunks.push(chunk);
  assert.is(chunks[0], ANALYTICS_CSV_HEADER);
  assert.ok(chunks.length > 2, 'written in several chunks, not all at once');
  const lines = chunks.join('').split('\r\n').filter(Boolean);
  assert.is(lines.length, 1_001);
  assert.ok(lines[1_000]?.startsWith('d999,all,,7,'));
});

test.run();
