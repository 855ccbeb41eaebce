/**
 * The business-hours form writes into the YAML like a careful person: a split shift, a holiday or
 * a special day changes its own line, and every comment, key order and other line stays byte for
 * byte; bad input is refused with a message naming the field.
 */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { readHoursForm, writeHoursForm, type HoursForm } from '../../studio/src/flow-forms/business-hours-form.ts';
import { FormInputError } from '../../studio/src/flow-forms/form-input-error.ts';

const shipped = fs.readFileSync('flows/office-hours.yaml', 'utf8');

function edited(change: (form: HoursForm) => void, text = shipped, index = 0): string {
  const form = readHoursForm(text, index);
  change(form);
  return writeHoursForm(text, index, form);
}

function refused(change: (form: HoursForm) => void, message: RegExp): void {
  try {
    edited(change);
  } catch (error) {
    assert.instance(error, FormInputError);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`refused with ${String(message)}`);
}

test('the shipped calendar reads as a weekly grid with split shifts, holidays and special days', () => {
  const form = readHoursForm(shipped, 0);
  assert.is(form.timezone, 'Asia/Bangkok');
  assert.equal(form.weekly.mon, [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]);
  assert.equal(form.weekly.sun, []);
  assert.equal(form.holidays[2], { date: '2026-04-13', name: 'Songkran' });
  assert.equal(form.special, [{ date: '2026-04-10', name: 'Songkran eve', shifts: [{ from: '09:00', to: '12:00' }] }]);
});

test('writing the form unchanged gives the very same text', () => {
  assert.is(edited(() => {}), shipped);
});

test('a split shift on Sunday is one new line after Saturday, everything else byte-identical', () => {
  const out = edited((form) => {
    form.weekly.sun = [{ from: '10:00', to: '12:00' }, { from: '13:00', to: '15:00' }];
  });
  assert.is(out, shipped.replace('  sat: ["10:00-14:00"]\n', '  sat: ["10:00-14:00"]\n  sun: ["10:00-12:00", "13:00-15:00"]\n'));
  assert.equal(parse(out).weekly.sun, ['10:00-12:00', '13:00-15:00']);
});

test('a day gets its place in the week, not the end of the list', () => {
  const text = 'kind: BusinessHours  # calendar\nid: x\ntimezone: UTC\nweekly:\n  mon: ["09:00-17:00"]\n  # Fridays short\n  fri: ["09:00-12:00"]\n';
  const out = edited((form) => (form.weekly.wed = [{ from: '08:00', to: '11:00' }]), text);
  assert.is(out, text.replace('  # Fridays short\n', '  wed: ["08:00-11:00"]\n  # Fridays short\n'));
});

test('splitting Monday rewrites only Monday; closing Saturday removes only its line', () => {
  const split = edited((form) => (form.weekly.mon = [{ from: '09:00', to: '11:30' }, { from: '12:30', to: '18:00' }]));
  assert.is(split, shipped.replace('  mon: ["09:00-12:00", "13:00-18:00"]', '  mon: ["09:00-11:30", "12:30-18:00"]'));
  const closed = edited((form) => (form.weekly.sat = []));
  assert.is(closed, shipped.replace('  sat: ["10:00-14:00"]\n', ''));
});

test('a day written as [] stays [] while closed, and 24:00 survives untouched', () => {
  const text = 'kind: BusinessHours\nid: x\ntimezone: UTC\nweekly:\n  mon: ["22:00-24:00"]\n  sun: []\n';
  assert.is(edited(() => {}, text), text);
  assert.is(edited((form) => form.weekly.mon.push({ from: '00:00', to: '02:00' }), text), text.replace('"22:00-24:00"]', '"22:00-24:00", "00:00-02:00"]'));
});

test('a holiday added, renamed and removed changes only its own line (a removed one takes its comment along)', () => {
  const added = edited((form) => form.holidays.push({ date: '2026-12-25', name: 'Christmas, the office party' }));
  assert.is(added, shipped.replace(`New Year's Eve }\n`, `New Year's Eve }\n  - { date: "2026-12-25", name: "Christmas, the office party" }\n`));
  const renamed = edited((form) => {
    const row = form.holidays[1];
    if (row) row.name = 'Chakri Day';
  });
  assert.is(renamed, shipped.replace('name: Chakri Memorial Day }', 'name: Chakri Day }'));
  const removed = edited((form) => form.holidays.splice(1, 1));
  assert.is(removed, shipped.replace('  - { date: "2026-04-06", name: Chakri Memorial Day }\n', ''));
  const special = edited((form) => form.special.splice(0, 1));
  assert.is(special, shipped.replace(/special:\n {2}# the Friday[^\n]*\n[^\n]*\n/, 'special: []\n'));
});

test('a special day gets a split shift; a new one is added with its name', () => {
  const out = edited((form) => {
    form.special[0]?.shifts.push({ from: '13:00', to: '15:00' });
    form.special.push({ date: '2026-06-01', name: '', shifts: [] });
  });
  assert.is(
    out,
    shipped.replace(
      '  - { date: "2026-04-10", periods: ["09:00-12:00"], name: Songkran eve }\n',
      '  - { date: "2026-04-10", periods: ["09:00-12:00", "13:00-15:00"], name: Songkran eve }\n  - { date: "2026-06-01", periods: [] }\n',
    ),
  );
});

test('holidays on a calendar that had none start a list of their own', () => {
  const text = '# a calendar\nkind: BusinessHours\nid: x\ntimezone: UTC\nweekly:\n  mon: ["09:00-17:00"]   # one shift\n';
  const out = edited((form) => form.holidays.push({ date: '2026-01-01', name: 'New Year' }), text);
  assert.is(out, `${text}holidays:\n  - { date: "2026-01-01", name: New Year }\n`);
});

test('the second calendar of a file is edited and the first stays as written', () => {
  const text = `${shipped}---\n# night shift\nkind: BusinessHours\nid: night\ntimezone: Asia/Tokyo\nweekly: { mon: ["22:00-06:00"] }\n`;
  const out = edited((form) => (form.timezone = 'Asia/Bangkok'), text, 1);
  assert.is(out, text.replace('timezone: Asia/Tokyo', 'timezone: Asia/Bangkok'));
  assert.is(parseAllDocuments(out).length, 2);
});

test('a shift that ends when it starts, an impossible time, overlapping shifts, a bad date, a repeated holiday and an unknown zone are refused', () => {
  refused((form) => (form.weekly.mon = [{ from: '10:00', to: '10:00' }]), /^Monday, shift 1: it opens and closes at the same time/);
  refused((form) => (form.weekly.tue = [{ from: '9:00', to: '12:00' }]), /^Tuesday, shift 1: "9:00" is not a time; write HH:MM/);
  refused((form) => (form.weekly.wed = [{ from: '09:00', to: '25:00' }]), /^Wednesday, shift 1: "25:00" is not a time of day/);
  refused((form) => (form.weekly.thu = [{ from: '09:00', to: '' }]), /^Thursday, shift 1: enter both/);
  refused((form) => (form.weekly.fri = [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }]), /^Friday: shifts 1 and 2 overlap/);
  refused((form) => form.holidays.push({ date: '2026-02-30', name: '' }), /^Holiday 12: there is no such day as 2026-02-30/);
  refused((form) => form.holidays.push({ date: '13/04/2026', name: '' }), /^Holiday 12: "13\/04\/2026" is not a date; write YYYY-MM-DD/);
  refused((form) => form.holidays.push({ date: '2026-04-13', name: 'again' }), /^Holiday 12: 2026-04-13 is already listed \(row 3\)/);
  refused((form) => (form.timezone = 'Asia/Bangkokk'), /^Time zone: "Asia\/Bangkokk" is not an IANA time zone/);
});

test('a calendar with a YAML syntax error is not read: the message says where', () => {
  try {
    readHoursForm('kind: BusinessHours\nweekly: [\n', 0);
    assert.unreachable('a broken file is refused');
  } catch (error) {
    assert.instance(error, FormInputError);
    assert.match((error as Error).message, /syntax error on line \d+: fix it in the YAML view first/);
  }
});

test.run();
