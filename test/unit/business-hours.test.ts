import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BusinessHoursDocument } from '../../engine/domain/flow/flow-document.ts';
import { formatNextOpen } from '../../engine/domain/calendar/format-next-open.ts';
import { hoursAt } from '../../engine/domain/calendar/hours-at.ts';
import { officeCalendar } from '../support/flow-fixtures.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

test('split shifts: open in the morning, closed over lunch with 13:00 as the next opening', () => {
  assert.is(hoursAt(officeCalendar, at('2026-01-05T08:59:00+07:00')).open, false);
  assert.equal(hoursAt(officeCalendar, at('2026-01-05T09:00:00+07:00')), { open: true, holiday: false, holidayName: null, nextOpen: null });
  const lunch = hoursAt(officeCalendar, at('2026-01-05T12:00:00+07:00'));
  assert.is(lunch.open, false, 'a period ends before its end time');
  assert.is(iso(lunch.nextOpen), '2026-01-05T06:00:00.000Z');
  assert.is(hoursAt(officeCalendar, at('2026-01-05T17:59:00+07:00')).open, true);
});

test('closed at night and over the weekend: the next opening skips closed days', () => {
  assert.is(iso(hoursAt(officeCalendar, at('2026-01-05T23:30:00+07:00')).nextOpen), '2026-01-06T02:00:00.000Z', 'Tuesday 09:00');
  assert.is(iso(hoursAt(officeCalendar, at('2026-01-10T15:00:00+07:00')).nextOpen), '2026-01-12T02:00:00.000Z', 'Saturday after 14:00 -> Monday 09:00');
});

test('a holiday is closed all day, named, and skipped by the next opening', () => {
  const songkran: BusinessHoursDocument = {
    ...officeCalendar,
    holidays: [
      { date: '2026-04-13', name: 'Songkran' },
      { date: '2026-04-14', name: 'Songkran' },
      { date: '2026-04-15' },
    ],
  };
  const answer = hoursAt(songkran, at('2026-04-13T10:00:00+07:00'));
  assert.equal(answer, { open: false, holiday: true, holidayName: 'Songkran', nextOpen: at('2026-04-16T09:00:00+07:00') });
  assert.is(hoursAt(songkran, at('2026-04-15T10:00:00+07:00')).holidayName, null, 'a holiday without a name');
});

test('a special date has its own hours; [] is closed without being a holiday', () => {
  const calendar: BusinessHoursDocument = {
    ...officeCalendar,
    special: [
      { date: '2026-01-05', periods: ['10:00-11:00'], name: 'Staff training' },
      { date: '2026-01-06', periods: [] },
    ],
  };
  assert.is(hoursAt(calendar, at('2026-01-05T09:30:00+07:00')).open, false);
  assert.is(hoursAt(calendar, at('2026-01-05T10:30:00+07:00')).open, true);
  const tuesday = hoursAt(calendar, at('2026-01-06T10:00:00+07:00'));
  assert.equal(tuesday, { open: false, holiday: false, holidayName: null, nextOpen: at('2026-01-07T09:00:00+07:00') });
});

const nightShift: BusinessHoursDocument = {
  kind: 'BusinessHours',
  id: 'night',
  timezone: 'Asia/Bangkok',
  weekly: { fri: ['22:00-02:00'], sat: ['22:00-02:00'] },
  holidays: [{ date: '2026-01-10', name: 'Closed Saturday' }],
};

test('a period across midnight keeps the business open into the next day', () => {
  assert.is(hoursAt(nightShift, at('2026-01-02T23:00:00+07:00')).open, true, 'Friday 23:00');
  assert.is(hoursAt(nightShift, at('2026-01-03T01:59:00+07:00')).open, true, 'Saturday 01:59 still Friday\'s shift');
  const after = hoursAt(nightShift, at('2026-01-03T02:00:00+07:00'));
  assert.is(after.open, false);
  assert.is(iso(after.nextOpen), iso(at('2026-01-03T22:00:00+07:00')));
});

test('a shift running into a holiday stops at midnight', () => {
  assert.is(hoursAt(nightShift, at('2026-01-09T23:30:00+07:00')).open, true, 'Friday before the holiday');
  const holiday = hoursAt(nightShift, at('2026-01-10T00:30:00+07:00'));
  assert.is(holiday.open, false);
  assert.is(holiday.holiday, true);
  assert.is(iso(holiday.nextOpen), iso(at('2026-01-16T22:00:00+07:00')), 'the Saturday shift is skipped as well');
});

const newYork: BusinessHoursDocument = { kind: 'BusinessHours', id: 'ny', timezone: 'America/New_York', weekly: { sun: ['01:00-04:00'], mon: ['09:00-17:00'] } };

test('the same instant is open in Bangkok and closed in New York', () => {
  const bangkokMorning = at('2026-01-05T10:00:00+07:00'); // Sunday 22:00 in New York
  assert.is(hoursAt(officeCalendar, bangkokMorning).open, true);
  const ny = hoursAt(newYork, bangkokMorning);
  assert.is(ny.open, false);
  assert.is(iso(ny.nextOpen), '2026-01-05T14:00:00.000Z', 'Monday 09:00 EST');
});

test('across a DST change the local opening hour stays the same and hours are counted in local time', () => {
  // 2026-03-08: New York springs forward at 02:00 (EST -5 -> EDT -4)
  assert.is(iso(hoursAt(newYork, at('2026-03-07T12:00:00-05:00')).nextOpen), '2026-03-08T06:00:00.000Z', 'Sunday 01:00 EST');
  assert.is(hoursAt(newYork, at('2026-03-08T01:30:00-05:00')).open, true);
  assert.is(hoursAt(newYork, at('2026-03-08T03:59:00-04:00')).open, true, 'the lost hour does not shorten the shift\'s end');
  assert.is(hoursAt(newYork, at('2026-03-08T04:00:00-04:00')).open, false);
  assert.is(iso(hoursAt(newYork, at('2026-03-08T12:00:00-04:00')).nextOpen), '2026-03-09T13:00:00.000Z', 'Monday 09:00 EDT');
  // 2026-11-01: back to EST at 02:00; 01:00-02:00 happens twice and the shift opens at the first
  assert.is(iso(hoursAt(newYork, at('2026-10-31T12:00:00-04:00')).nextOpen), '2026-11-01T05:00:00.000Z', 'Sunday 01:00 EDT');
  assert.is(hoursAt(newYork, at('2026-11-01T03:30:00-05:00')).open, true);
});

test('formatNextOpen: weekday and time in the customer language, the date when a week or more away', () => {
  const monday9 = at('2026-01-05T09:00:00+07:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'en'), 'Monday 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'th'), 'วันจันทร์ 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'ja'), '月曜日 09:00');
  assert.is(formatNextOpen(monday9, 'America/New_York', 'en'), 'Sunday 21:00', 'in the calendar\'s own zone');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', null), 'Monday 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'not a language!'), 'Monday 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'en', at('2026-01-04T20:00:00+07:00')), 'Monday 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'en', at('2025-12-29T20:00:00+07:00')), 'Monday, January 5 09:00');
  assert.is(formatNextOpen(monday9, 'Asia/Bangkok', 'th', at('2025-12-29T20:00:00+07:00')), 'วันจันทร์ที่ 5 มกราคม 09:00');
});

test('a calendar that never opens has no next opening', () => {
  const never: BusinessHoursDocument = { kind: 'BusinessHours', id: 'never', timezone: 'UTC', weekly: {} };
  assert.equal(hoursAt(never, at('2026-01-05T10:00:00Z')), { open: false, holiday: false, holidayName: null, nextOpen: null });
});

test.run();
