/**
 * The handoff keywords list and the CSAT survey texts write into the YAML: only the changed value
 * moves, comments and everything else stay byte for byte; bad input is refused naming the field.
 */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { FormInputError } from '../../studio/src/flow-forms/form-input-error.ts';
import { readHandoffKeywords, writeHandoffKeywords, type HandoffKeywords } from '../../studio/src/flow-forms/handoff-keywords-form.ts';
import { readSurveyForm, writeSurveyForm, type SurveyForm } from '../../studio/src/flow-forms/survey-form.ts';

const flow = fs.readFileSync('flows/support.flow.yaml', 'utf8');
const survey = fs.readFileSync('flows/csat.yaml', 'utf8');

function keywords(change: (entries: HandoffKeywords[]) => void, text = flow): string {
  const entries = readHandoffKeywords(text, 0);
  change(entries);
  return writeHandoffKeywords(text, 0, entries);
}

function surveyed(change: (form: SurveyForm) => void, text = survey): string {
  const form = readSurveyForm(text, 0);
  change(form);
  return writeSurveyForm(text, 0, form);
}

function refused(write: () => string, message: RegExp): void {
  try {
    write();
  } catch (error) {
    assert.instance(error, FormInputError);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`refused with ${String(message)}`);
}

test('the keyword triggers that lead to a handoff are listed; "back to bot" and "hello" are not', () => {
  const entries = readHandoffKeywords(flow, 0);
  assert.equal(entries.map((e) => e.id), ['human']);
  assert.equal(entries[0]?.keywords.slice(0, 3), ['agent', 'human', 'operator']);
  assert.is(entries[0]?.match, 'contains');
  assert.is(entries[0]?.index, 1);
});

test('a keyword added and one removed rewrite only the keyword list', () => {
  const out = keywords((entries) => {
    const human = entries[0];
    if (!human) return;
    human.keywords = human.keywords.filter((k) => k !== 'staff');
    human.keywords.push('พนักงาน', 'talk to a person');
  });
  assert.is(
    out,
    flow.replace('any: [agent, human, operator, staff, เจ้าหน้าที่, ติดต่อเจ้าหน้าที่, คุยกับคน, オペレーター]', 'any: [agent, human, operator, เจ้าหน้าที่, ติดต่อเจ้าหน้าที่, คุยกับคน, オペレーター, พนักงาน, talk to a person]'),
  );
  assert.ok(parse(out).triggers[1].keyword.any.includes('talk to a person'));
});

test('a match other than the default is written in its place; back to contains, it stays written', () => {
  const word = keywords((entries) => entries[0] && (entries[0].match = 'word'));
  assert.is(word, flow.replace('คุยกับคน, オペレーター]\n      match: contains', 'คุยกับคน, オペレーター]\n      match: word'));
  const flowStyle = 'kind: Flow\nid: f\ntriggers:\n  # the one that matters\n  - { id: h, keyword: { any: [agent] }, goto: h }\nsteps:\n  - id: h\n    handoff: {}\n';
  const written = keywords((entries) => {
    if (!entries[0]) return;
    entries[0].match = 'exact';
    entries[0].keywords.push('human');
  }, flowStyle);
  assert.is(written, flowStyle.replace('keyword: { any: [agent] }', 'keyword: { any: [agent, human], match: exact }'));
});

test('no keywords, an empty one, a too long one or the same keyword twice (AGENT is agent) are refused', () => {
  const write = (change: (entry: HandoffKeywords) => void) => () => keywords((entries) => entries[0] && change(entries[0]));
  refused(write((e) => (e.keywords = [])), /^Trigger "human": keep at least one keyword/);
  refused(write((e) => e.keywords.push(' ')), /^Trigger "human", keyword 9: it is empty/);
  refused(write((e) => e.keywords.push('x'.repeat(101))), /^Trigger "human", keyword 9: at most 100 characters/);
  refused(write((e) => e.keywords.push('ＡＧＥＮＴ')), /^Trigger "human": "ＡＧＥＮＴ" is already keyword 1/);
});

test('the survey reads its texts; unchanged it writes the very same text', () => {
  const form = readSurveyForm(survey, 0);
  assert.match(form.question, /^This chat with our team has ended/);
  assert.equal(form.labels, ['1 😞', '2 🙁', '3 😐', '4 🙂', '5 😍']);
  assert.is(form.onlyBelow, '3');
  assert.is(form.expiresAfterMinutes, '1440');
  assert.is(surveyed(() => {}), survey);
});

test('new thanks, a label and the comment threshold change only their own values', () => {
  const out = surveyed((form) => {
    form.thanks = 'Thanks a lot! / ขอบคุณมากค่ะ';
    form.labels[4] = '5 🤩';
    form.onlyBelow = '4';
  });
  const expected = survey
    .replace('thanks: "Thank you for your feedback! / ขอบคุณสำหรับคำติชมค่ะ"', 'thanks: "Thanks a lot! / ขอบคุณมากค่ะ"')
    .replace('"5 😍"]', '"5 🤩"]')
    .replace('onlyBelow: 3', 'onlyBelow: 4');
  assert.is(out, expected);
});

test('a new question replaces the folded one; the comment and the default expiry can go', () => {
  const out = surveyed((form) => {
    form.question = 'How did we do?';
    form.commentAsk = '';
    form.onlyBelow = '';
    form.expiresAfterMinutes = '';
  });
  assert.is(
    out,
    survey
      .replace(/question: >-\n(?: {2}[^\n]*\n)+/, 'question: How did we do?\n')
      .replace(/comment:\n(?: {2}[^\n]*\n)+/, '')
      .replace('expiresAfterMinutes: 1440\n', ''),
  );
  const minimal = '# minimal\nkind: Survey\nid: s\nquestion: Score?\nthanks: Thanks\n';
  const added = surveyed((form) => {
    form.labels = ['1', '2', '3', '4', '5 ⭐'];
    form.commentAsk = 'Why?';
  }, minimal);
  assert.is(added, '# minimal\nkind: Survey\nid: s\nquestion: Score?\nlabels: ["1", "2", "3", "4", 5 ⭐]\ncomment:\n  ask: Why?\nthanks: Thanks\n');
});

test('empty texts, four labels, a label over 20 characters and numbers out of range are refused', () => {
  const write = (change: (form: SurveyForm) => void) => () => surveyed(change);
  refused(write((f) => (f.question = ' ')), /^Question: it is empty/);
  refused(write((f) => (f.thanks = '')), /^Thank-you: it is empty/);
  refused(write((f) => (f.labels = ['1', '2', '3', '4'])), /^Labels: fill in all five/);
  refused(write((f) => (f.labels[0] = 'x'.repeat(21))), /^Label 1: LINE allows 20 characters/);
  refused(write((f) => (f.onlyBelow = '6')), /^Ask for a comment below: "6" is not a whole number from 2 to 5/);
  refused(write((f) => (f.expiresAfterMinutes = '1.5')), /^Answers expire after: "1.5" is not a whole number from 1 to 43200/);
  refused(write((f) => (f.commentAsk = '')), /^Comment: write the request for a comment, or clear "below"/);
});

test.run();
