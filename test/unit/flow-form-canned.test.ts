/**
 * The canned responses table writes into the YAML: a changed title, a new language variant, a new
 * or removed response touch only their own lines; folded texts, comments and key order elsewhere
 * stay byte for byte; bad input is refused naming the row.
 */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { readCannedForm, writeCannedForm, type CannedRow } from '../../studio/src/flow-forms/canned-responses-form.ts';
import { FormInputError } from '../../studio/src/flow-forms/form-input-error.ts';

const shipped = fs.readFileSync('flows/canned.yaml', 'utf8');

function edited(change: (rows: CannedRow[]) => void, text = shipped): string {
  const rows = readCannedForm(text, 0);
  change(rows);
  return writeCannedForm(text, 0, rows);
}

function row(rows: CannedRow[], id: string): CannedRow {
  const found = rows.find((r) => r.id === id);
  if (!found) throw new Error(`no response ${id}`);
  return found;
}

function refused(change: (rows: CannedRow[]) => void, message: RegExp): void {
  try {
    edited(change);
  } catch (error) {
    assert.instance(error, FormInputError);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`refused with ${String(message)}`);
}

test('the shipped responses read as rows with their Thai variants', () => {
  const rows = readCannedForm(shipped, 0);
  assert.equal(rows.map((r) => r.id), ['welcome', 'greeting', 'queued', 'after-hours', 'still-waiting', 'back-to-bot']);
  const queued = row(rows, 'queued');
  assert.is(queued.shortcut, '/queued');
  assert.equal(queued.variants.map((v) => v.language), ['th']);
  assert.match(queued.variants[0]?.text ?? '', /^รับทราบค่ะ/);
  assert.equal(queued.tags, ['handoff']);
  assert.is(row(rows, 'back-to-bot').shortcut, '');
});

test('writing the rows unchanged gives the very same text', () => {
  assert.is(edited(() => {}), shipped);
});

test('a new title changes that line only; folded texts around it stay as written', () => {
  const out = edited((rows) => (row(rows, 'welcome').title = 'Welcome: a new friend'));
  assert.is(out, shipped.replace('    title: Welcome a new friend\n', '    title: "Welcome: a new friend"\n'));
});

test('a Japanese variant is one new line under the Thai one', () => {
  const out = edited((rows) => row(rows, 'still-waiting').variants.push({ language: 'ja', text: 'お待たせしてすみません。' }));
  const thai = /( {6}th: "ขออภัยที่ให้รอนานค่ะ[^\n]*\n)/.exec(shipped)?.[1] ?? '';
  assert.ok(thai, 'the Thai line is found');
  assert.is(out, shipped.replace(thai, `${thai}      ja: お待たせしてすみません。\n`));
  assert.is(parse(out).responses[4].variants.ja, 'お待たせしてすみません。');
});

test('a response without variants gets a variants block; removing the last variant removes it again', () => {
  const text = '# replies\nkind: CannedResponses\nid: extra\nresponses:\n  - id: bye\n    title: Goodbye   # short\n    text: Bye!\n    tags: [closing]\n';
  const added = edited((rows) => rows[0]?.variants.push({ language: 'th', text: 'ลาก่อนค่ะ' }), text);
  assert.is(added, text.replace('    tags: [closing]\n', '    variants:\n      th: ลาก่อนค่ะ\n    tags: [closing]\n'));
  const removed = edited((rows) => rows[0]?.variants.splice(0, 1), added);
  assert.is(removed, text);
});

test('a changed Thai text replaces only that value; a folded English text stays folded', () => {
  const out = edited((rows) => {
    const variant = row(rows, 'greeting').variants[0];
    if (variant) variant.text = 'สวัสดีค่ะ';
  });
  const before = /( {6}th: "สวัสดีค่ะ\{% if[^\n]*\n)/.exec(shipped)?.[1] ?? '';
  assert.ok(before);
  // written as the value it replaces was: double-quoted
  assert.is(out, shipped.replace(before, '      th: "สวัสดีค่ะ"\n'));
  assert.match(out, /text: >-\n {6}Welcome\{% if/, 'the folded welcome text is as it was');
});

test('a new response goes at the end as a block; a removed one takes only its own lines', () => {
  const added = edited((rows) =>
    rows.push({ id: 'refund', shortcut: '/refund', title: 'Refund policy', text: 'Refunds take 5-7 days.', variants: [{ language: 'th', text: 'คืนเงินภายใน 5-7 วัน' }], tags: ['billing'] }),
  );
  assert.is(
    added,
    `${shipped}  - id: refund\n    shortcut: /refund\n    title: Refund policy\n    text: Refunds take 5-7 days.\n    variants:\n      th: คืนเงินภายใน 5-7 วัน\n    tags: [billing]\n`,
  );
  const removed = edited((rows) => rows.splice(1, 1));
  const greeting = /( {2}- id: greeting\n(?: {4}[^\n]*\n| {6}[^\n]*\n)+)/.exec(shipped)?.[1] ?? '';
  assert.ok(greeting.includes('/hi'));
  assert.is(removed, shipped.replace(greeting, ''));
});

test('bad ids, shortcuts, language codes, repeated languages or ids and empty texts are refused naming the row', () => {
  refused((rows) => (row(rows, 'queued').id = 'Queued'), /^Response 3 \(Queued\): the id must be lower-case letters/);
  refused((rows) => (row(rows, 'queued').shortcut = 'queued'), /^Response 3 \(queued\): the shortcut is \/ then/);
  refused((rows) => (row(rows, 'queued').title = ' '), /^Response 3 \(queued\): the title is empty/);
  refused((rows) => (row(rows, 'queued').text = ''), /^Response 3 \(queued\), text: it is empty/);
  refused((rows) => row(rows, 'queued').variants.push({ language: 'Thai', text: 'x' }), /^Response 3 \(queued\), variant 2: "Thai" is not a language code/);
  refused((rows) => row(rows, 'queued').variants.push({ language: 'th', text: 'x' }), /^Response 3 \(queued\), variant 2: there is already a th variant/);
  refused((rows) => row(rows, 'queued').variants.push({ language: 'ja', text: '' }), /^Response 3 \(queued\), ja text: it is empty/);
  refused((rows) => (row(rows, 'queued').id = 'welcome'), /^Response 3: the id "welcome" is already response 1's/);
  refused((rows) => rows.splice(0), /at least one response/);
});

test.run();
