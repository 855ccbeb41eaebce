import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { businessSeconds } from '../../engine/domain/calendar/business-seconds.ts';
import type { BusinessHoursDocument } from '../../engine/domain/flow/flow-document.ts';
import { officeCalendar } from '../support/flow-fixtures.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;

test('within one open period every second counts', () => {
  assert.is(businessSeconds(officeCalendar, at('2026-01-05T09:10:00+07:00'), at('2026-01-05T09:40:30+07:00')), 30 * 60 + 30);
});

test('a split shift leaves the lunch break out', () => {
  assert.is(businessSeconds(officeCalendar, at('2026-01-05T11:30:00+07:00'), at('2026-01-05T13:30:00+07:00')), HOUR);
});

test('across midnight and the closed night only the open hours count', () => {
  // Monday 17:00 -> Tuesday 10:00: 1 h Monday evening + 1 h Tuesday morning
  assert.is(businessSeconds(officeCalendar, at('2026-01-05T17:00:00+07:00'), at('2026-01-06T10:00:00+07:00')), 2 * HOUR);
});

test('a holiday is closed all day', () => {
  // Monday 13 April 2026 is Songkran: Sunday noon -> Tuesday 09:30 counts only Tuesday's half hour
  assert.is(businessSeconds(officeCalendar, at('2026-04-12T12:00:00+07:00'), at('2026-04-14T09:30:00+07:00')), HOUR / 2);
});

test('a special day replaces the weekly hours', () => {
  const calendar: BusinessHoursDocument = { ...officeCalendar, special: [{ date: '2026-01-07', periods: ['10:00-11:00'] }] };
  assert.is(businessSeconds(calendar, at('2026-01-07T00:00:00+07:00'), at('2026-01-08T00:00:00+07:00')), HOUR);
  assert.is(businessSeconds(officeCalendar, at('2026-01-07T00:00:00+07:00'), at('2026-01-08T00:00:00+07:00')), 8 * HOUR, 'the weekly hours without it');
});

test('a late shift running past midnight counts on both sides of it', () => {
  const night: BusinessHoursDocument = { kind: 'BusinessHours', id: 'night', timezone: 'Asia/Bangkok', weekly: { mon: ['22:00-02:00'] } };
  assert.is(businessSeconds(night, at('2026-01-05T23:00:00+07:00'), at('2026-01-06T01:30:00+07:00')), 2.5 * HOUR);
  assert.is(businessSeconds(night, at('2026-01-06T01:00:00+07:00'), at('2026-01-06T05:00:00+07:00')), HOUR, 'the spill after midnight belongs to Monday');
});

test('without a calendar business time is calendar time', () => {
  assert.is(businessSeconds(null, at('2026-01-05T17:00:00+07:00'), at('2026-01-06T10:00:00+07:00')), 17 * HOUR);
});

test('an empty or reversed span is 0', () => {
  assert.is(businessSeconds(officeCalendar, at('2026-01-05T10:00:00+07:00'), at('2026-01-05T10:00:00+07:00')), 0);
  assert.is(businessSeconds(officeCalendar, at('2026-01-05T11:00:00+07:00'), at('2026-01-05T10:00:00+07:00')), 0);
});

test.run();
