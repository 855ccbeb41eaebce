/**
 * The business-hours form's model: a calendar as a weekly grid of shifts (split shifts are several
 * a day), holidays and special days, read from a BusinessHours document and written back into it.
 */
import { msg, str } from '@lit/localize';
import { dateTimeFormat } from '../i18n/format-locale.ts';
import { FormInputError } from './form-input-error.ts';
import { syncYamlValue } from './sync-yaml-value.ts';
import { isRecord, readDocument, stringOr, stringsIn } from './yaml-form-document.ts';
import { YamlTextEdit } from './yaml-text-edit.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A weekday's name in the studio's language, from Intl (Monday, วันจันทร์): asked at each use, as the
 * language may have changed. The YAML keeps the DSL's `mon`…`sun` whatever is shown.
 */
export function weekdayName(day: Weekday): string {
  // 1 January 2024 was a Monday; UTC on both sides, so no time zone moves it to another day
  const date = Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day));
  return dateTimeFormat({ weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** One opening period, times as written (`09:00`, `24:00`). */
export interface Shift {
  from: string;
  to: string;
}

export interface HoursForm {
  timezone: string;
  weekly: Record<Weekday, Shift[]>;
  holidays: { date: string; name: string }[];
  special: { date: string; name: string; shifts: Shift[] }[];
}

const toShift = (period: string): Shift => {
  const [from = '', to = ''] = period.split('-');
  return { from, to };
};

const shiftsOf = (value: unknown): Shift[] => stringsIn(value).map(toShift);

export function readHoursForm(text: string, index: number): HoursForm {
  const data = readDocument(text, index, 'BusinessHours');
  const weekly = isRecord(data.weekly) ? data.weekly : {};
  const rows = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
  return {
    timezone: stringOr(data.timezone),
    weekly: {
      mon: shiftsOf(weekly.mon),
      tue: shiftsOf(weekly.tue),
      wed: shiftsOf(weekly.wed),
      thu: shiftsOf(weekly.thu),
      fri: shiftsOf(weekly.fri),
      sat: shiftsOf(weekly.sat),
      sun: shiftsOf(weekly.sun),
    },
    holidays: rows(data.holidays).map((row) => ({ date: stringOr(row.date), name: stringOr(row.name) })),
    special: rows(data.special).map((row) => ({ date: stringOr(row.date), name: stringOr(row.name), shifts: shiftsOf(row.periods) })),
  };
}

const TIME = /^(\d\d):(\d\d)$/;

function minutesOf(time: string, what: string, end: boolean): number {
  const match = TIME.exec(time.trim());
  if (!match) throw new FormInputError(msg(str`${what}: "${time}" is not a time; write HH:MM in 24-hour time, e.g. 09:00`));
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes > 0 || !end))) {
    throw new FormInputError(end ? msg(str`${what}: "${time}" is not a time of day (24:00 is the latest end)`) : msg(str`${what}: "${time}" is not a time of day`));
  }
  return hours * 60 + minutes;
}

/** The shifts as periods, checked: each a real span, none overlapping another. */
function periodsOf(shifts: readonly Shift[], where: string): string[] {
  const spans = shifts.map((shift, i) => {
    const what = msg(str`${where}, shift ${i + 1}`, { desc: 'where an input error is: a day (Monday, Special day 2), then the shift' });
    if (!shift.from.trim() || !shift.to.trim()) throw new FormInputError(msg(str`${what}: enter both the opening and the closing time`));
    const from = minutesOf(shift.from, what, false);
    const to = minutesOf(shift.to, what, true);
    if (from === to) throw new FormInputError(msg(str`${what}: it opens and closes at the same time; write 00:00 to 24:00 for all day`));
    // an end before the start runs past midnight, as the calendar reads it
    return { from, to: to < from ? to + 24 * 60 : to, i };
  });
  for (const a of spans) {
    for (const b of spans) {
      if (a.i < b.i && a.from < b.to && b.from < a.to) throw new FormInputError(msg(str`${where}: shifts ${a.i + 1} and ${b.i + 1} overlap`));
    }
  }
  return shifts.map((shift) => `${shift.from.trim()}-${shift.to.trim()}`);
}

function checkDate(date: string, what: string): string {
  const value = date.trim();
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
  if (!match) throw new FormInputError(msg(str`${what}: "${date}" is not a date; write YYYY-MM-DD, e.g. 2026-04-13`));
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) throw new FormInputError(msg(str`${what}: there is no such day as ${value}`));
  return value;
}

function checkTimezone(zone: string): string {
  const value = zone.trim();
  if (!value) throw new FormInputError(msg('Time zone: enter an IANA time zone, e.g. Asia/Bangkok'));
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new FormInputError(msg(str`Time zone: "${value}" is not an IANA time zone, e.g. Asia/Bangkok`));
  }
  return value;
}

function uniqueDates(rows: readonly { date: string }[], what: (row: number) => string): void {
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const first = seen.get(row.date);
    if (first !== undefined) throw new FormInputError(msg(str`${what(i + 1)}: ${row.date} is already listed (row ${first + 1})`));
    seen.set(row.date, i);
  });
}

const holidayRow = (row: number) => msg(str`Holiday ${row}`, { desc: 'a row of the holidays table, naming where an input error is' });
const specialDayRow = (row: number) => msg(str`Special day ${row}`, { desc: 'a row of the special days table, naming where an input error is' });

/** `undefined` for a list the document did not have and the form left empty. */
const listOrAbsent = <T>(rows: T[], before: unknown): T[] | undefined => (rows.length || Array.isArray(before) ? rows : undefined);

/** The document's text with the form's values in it; comments, key order and other documents untouched. */
export function writeHoursForm(text: string, index: number, form: HoursForm): string {
  const current = readDocument(text, index, 'BusinessHours');
  const currentWeekly = isRecord(current.weekly) ? current.weekly : {};
  // in the week's order: a day opened now goes in its place among the others
  const weekly: Record<string, unknown> = {};
  for (const day of WEEKDAYS) {
    const periods = periodsOf(form.weekly[day], weekdayName(day));
    // a closed day stays as it was written (absent or []); a day closed now is simply left out
    weekly[day] = periods.length ? periods : Array.isArray(currentWeekly[day]) && stringsIn(currentWeekly[day]).length === 0 ? [] : undefined;
  }
  const holidays = form.holidays.map((row, i) => {
    const date = checkDate(row.date, holidayRow(i + 1));
    return row.name.trim() ? { date, name: row.name.trim() } : { date };
  });
  uniqueDates(holidays, holidayRow);
  const special = form.special.map((row, i) => {
    const where = specialDayRow(i + 1);
    const date = checkDate(row.date, where);
    const periods = periodsOf(row.shifts, row.name.trim() || where);
    return row.name.trim() ? { date, periods, name: row.name.trim() } : { date, periods };
  });
  uniqueDates(special, specialDayRow);
  // in the schema's order: a key the calendar did not have goes in its place among the others
  const next = {
    kind: current.kind,
    id: current.id,
    timezone: checkTimezone(form.timezone),
    weekly,
    holidays: listOrAbsent(holidays, current.holidays),
    special: listOrAbsent(special, current.special),
  };
  const edit = new YamlTextEdit(text, index);
  // a day's periods, a holiday, a special day: one to a line, `mon: ["09:00-12:00", "13:00-18:00"]`
  syncYamlValue(edit, [], current, next, (path) => path.length > 1);
  return edit.text;
}
