import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dayOf, hourOfDay, localDay, parseCivilDate } from '../../engine/domain/analytics/local-day.ts';
import { UserError } from '../../engine/errors.ts';
import { daysOf } from '../../engine/services/analytics/day-range.ts';

const date = (text: string) => {
  const parsed = parseCivilDate(text);
  if (!parsed) throw new Error(`not a date: ${text}`);
  return parsed;
};

test('a day in Bangkok runs from its local midnight to the next', () => {
  const day = localDay(date('2026-01-06'), 'Asia/Bangkok');
  assert.is(new Date(day.start).toISOString(), '2026-01-05T17:00:00.000Z');
  assert.is(new Date(day.end).toISOString(), '2026-01-06T17:00:00.000Z');
  assert.is(hourOfDay(day, Date.parse('2026-01-06T20:25:00+07:00')), 20);
  assert.is(dayOf(Date.parse('2026-01-06T00:10:00+07:00'), 'Asia/Bangkok'), '2026-01-06');
  assert.is(dayOf(Date.parse('2026-01-06T00:10:00+07:00'), 'UTC'), '2026-01-05');
});

test('a day with a DST change has 23 hours, and its hours are read on the wall clock', () => {
  const day = localDay(date('2026-03-08'), 'America/New_York');
  assert.is(day.end - day.start, 23 * 3_600_000);
  assert.is(hourOfDay(day, Date.parse('2026-03-08T03:30:00-04:00')), 3);
  assert.is(hourOfDay(day, Date.parse('2026-03-08T01:30:00-05:00')), 1);
});

test('only real dates written YYYY-MM-DD parse', () => {
  assert.equal(parseCivilDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
  for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '05/01/2026', '2026-01-05T00:00', '']) assert.is(parseCivilDate(bad), null, bad);
});

test('a range lists its days inclusively and refuses bad ones with 400', () => {
  assert.equal(daysOf({ from: '2026-02-27', to: '2026-03-01' }).map((d) => d.day), [27, 28, 1]);
  const refusal = (from: string, to: string) => {
    try {
      daysOf({ from, to });
      return null;
    } catch (error) {
      return error instanceof UserError ? [error.status, error.code, error.message] : error;
    }
  };
  assert.equal(refusal('2026-02-30', '2026-03-01'), [400, 'bad_date', 'from: expected a date as YYYY-MM-DD, got "2026-02-30"']);
  assert.equal(refusal('2026-03-01', 'tomorrow'), [400, 'bad_date', 'to: expected a date as YYYY-MM-DD, got "tomorrow"']);
  assert.equal(refusal('2026-03-02', '2026-03-01'), [400, 'bad_range', 'from (2026-03-02) is after to (2026-03-01)']);
  assert.is(daysOf({ from: '2025-01-01', to: '2026-02-04' }).length, 400);
  assert.equal(refusal('2025-01-01', '2026-02-05'), [400, 'bad_range', 'a range covers at most 400 days (2025-01-01 to 2026-02-05 is longer)']);
});

test.run();
