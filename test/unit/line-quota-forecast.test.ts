import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jstDate, lineMonthOf } from '../../engine/domain/line-quota/line-month.ts';
import { forecastQuota } from '../../engine/domain/line-quota/quota-forecast.ts';
import { quotaWarning } from '../../engine/domain/line-quota/quota-warning.ts';

const at = (iso: string) => Date.parse(iso);
const MARCH = lineMonthOf(at('2031-03-11T03:00:00Z'));

test("LINE's month is a calendar month in Japan time: it starts at 15:00 UTC the day before", () => {
  assert.equal(MARCH, { label: '2031-03', start: at('2031-02-28T15:00:00Z'), end: at('2031-03-31T15:00:00Z') });
  assert.is(lineMonthOf(at('2031-02-28T14:59:59Z')).label, '2031-02', 'Feb 28, 23:59 in Japan');
  assert.is(lineMonthOf(at('2031-02-28T15:00:00Z')).label, '2031-03', 'Mar 1, 00:00 in Japan');
  assert.is(lineMonthOf(at('2031-12-31T15:00:00Z')).label, '2032-01', 'across a year');
  assert.is(jstDate(at('2031-03-21T15:30:00Z')), '2031-03-22');
});

test("the month's pace: used / days elapsed, carried to the month's end", () => {
  // 10.5 days in, 300 used: 28.57 a day, 20.5 days more
  const forecast = forecastQuota({ used: 300, limit: 1000, month: MARCH, now: at('2031-03-11T03:00:00Z'), lastSevenDays: 10 });
  assert.equal(forecast, { perDay: 28.57, endOfMonth: 886, runsOutOn: null });
});

test("the last week's pace wins when it is faster (a recent surge)", () => {
  const forecast = forecastQuota({ used: 300, limit: 1000, month: MARCH, now: at('2031-03-11T03:00:00Z'), lastSevenDays: 280 });
  assert.is(forecast.perDay, 40);
  assert.is(forecast.endOfMonth, 300 + 40 * 20.5);
  // 700 left at 40 a day: 17.5 days after Mar 11 12:00 is Mar 29 00:00 in Japan
  assert.is(forecast.runsOutOn, '2031-03-29');
});

test('the first hours of a month count as one day, not as a rate from a handful of messages', () => {
  const forecast = forecastQuota({ used: 10, limit: 200, month: MARCH, now: at('2031-02-28T17:00:00Z'), lastSevenDays: null });
  assert.is(forecast.perDay, 10, '10 in two hours is not 120 a day');
  assert.is(forecast.runsOutOn, '2031-03-20');
});

test('used up: it runs out today; no limit or no pace: it never runs out', () => {
  const now = at('2031-03-11T03:00:00Z');
  assert.is(forecastQuota({ used: 1000, limit: 1000, month: MARCH, now, lastSevenDays: 0 }).runsOutOn, '2031-03-11');
  assert.is(forecastQuota({ used: 5000, limit: null, month: MARCH, now, lastSevenDays: 0 }).runsOutOn, null);
  assert.equal(forecastQuota({ used: 0, limit: 1000, month: MARCH, now, lastSevenDays: 0 }), { perDay: 0, endOfMonth: 0, runsOutOn: null });
});

test('the warning: at the threshold, when the forecast runs out this month, never without a limit', () => {
  assert.is(quotaWarning({ used: 799, limit: 1000, runsOutOn: null }, 80), null);
  assert.equal(quotaWarning({ used: 800, limit: 1000, runsOutOn: null }, 80), { reasons: ['threshold'], percent: 80 });
  assert.equal(quotaWarning({ used: 100, limit: 1000, runsOutOn: '2031-03-30' }, 80), { reasons: ['forecast'], percent: 10 });
  assert.equal(quotaWarning({ used: 1200, limit: 1000, runsOutOn: '2031-03-11' }, 80), { reasons: ['threshold', 'forecast'], percent: 120 });
  assert.is(quotaWarning({ used: 9999, limit: null, runsOutOn: null }, 80), null);
});

test.run();
