import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyFlowState } from '../../engine/domain/flow/flow-state.ts';
import { flowSet, postback, run, said, text } from '../support/flow-fixtures.ts';
import type { Trigger } from '../../engine/domain/flow/flow-document.ts';

const sayStep = (id: string) => ({ id, say: { text: id } });
const withTriggers = (triggers: Trigger[]) =>
  flowSet({ triggers, steps: ['human', 'hello', 'order', 'menu', 'welcome', 'bye', 'other', 'bot', 'vip'].map(sayStep) });

const keywordSet = withTriggers([
  { id: 'human', keyword: { any: ['agent', 'เจ้าหน้าที่', 'オペレーター'], match: 'contains' }, goto: 'human' },
  { id: 'hello', keyword: { any: ['hi', 'สวัสดี'], match: 'word' }, goto: 'hello' },
  { id: 'menu', keyword: { any: ['menu'], match: 'exact' }, goto: 'menu' },
  { id: 'other', event: 'message', goto: 'other' },
]);
const reply = (value: string) => said(run(keywordSet, text(value)).actions)[0];

test('keywords match after NFKC and case folding: full-width, upper case and Thai', () => {
  assert.is(reply('can I talk to an AGENT?'), 'human');
  assert.is(reply('ＡＧＥＮＴ'), 'human', 'full-width Latin from a Japanese keyboard');
  assert.is(reply('ｵﾍﾟﾚｰﾀｰお願いします'), 'human', 'half-width katakana folds to オペレーター');
  assert.is(reply('ขอคุยกับเจ้าหน้าที่หน่อยค่ะ'), 'human', 'Thai, written without spaces');
});

test('word matching wants a whole word, except in Thai which has no spaces between words', () => {
  assert.is(reply('hi there'), 'hello');
  assert.is(reply('Ｈｉ!'), 'hello');
  assert.is(reply('this is fine'), 'other', '"hi" inside "this" is not the word hi');
  assert.is(reply('สวัสดีค่ะ'), 'hello');
});

test('exact matching wants the whole message (trimmed, case folded)', () => {
  assert.is(reply('  MENU '), 'menu');
  assert.is(reply('show me the menu'), 'other');
});

test('triggers are tried in order and the first match wins', () => {
  assert.is(reply('hi, agent please'), 'human');
});

test('a regex trigger puts its groups into vars.match, also for full-width digits', () => {
  const set = withTriggers([{ id: 'order', regex: { pattern: 'order\\s*#?(\\d+)', flags: 'i' }, goto: 'order' }]);
  const result = run(set, text('Where is ORDER #１２３４?'));
  assert.equal(said(result.actions), ['order']);
  assert.equal(result.state.vars.match, ['ORDER #1234', '1234']);
});

test('postback triggers match the data exactly or by prefix; follow and unfollow are events', () => {
  const set = withTriggers([
    { id: 'menu', postback: { data: 'action=handoff' }, goto: 'human' },
    { id: 'prefix', postback: { prefix: 'menu=' }, goto: 'menu' },
    { id: 'follow', event: 'follow', goto: 'welcome' },
    { id: 'unfollow', event: 'unfollow', goto: 'bye' },
  ]);
  assert.equal(said(run(set, postback('action=handoff')).actions), ['human']);
  assert.equal(said(run(set, postback('menu=prices')).actions), ['menu']);
  assert.equal(said(run(set, postback('action=handoff&x=1')).actions), []);
  assert.equal(said(run(set, postback('page=2&menu=prices')).actions), [], 'a prefix matches at the start only');
  assert.equal(said(run(set, { kind: 'follow' }).actions), ['welcome']);
  assert.equal(said(run(set, { kind: 'unfollow' }).actions), ['bye']);
  assert.equal(said(run(set, text('action=handoff')).actions), [], 'a text is not a postback');
});

test('a join trigger answers the account being added to a LINE group or room, and nothing else', () => {
  const set = withTriggers([
    { id: 'joined', event: 'join', goto: 'welcome' },
    { id: 'other', event: 'message', goto: 'other' },
  ]);
  assert.equal(said(run(set, { kind: 'join' }).actions), ['welcome']);
  assert.equal(said(run(set, { kind: 'follow' }).actions), []);
  assert.equal(said(run(set, text('join')).actions), ['other']);
});

test('a `when` guard is checked after the matcher and sees the customer', () => {
  const set = withTriggers([
    { id: 'vip', event: 'message', when: 'customer.tags.exists(t, t == "vip")', goto: 'vip' },
    { id: 'other', event: 'message', goto: 'other' },
  ]);
  assert.equal(said(run(set, text('x'), { customer: { tags: ['vip'] } }).actions), ['vip']);
  assert.equal(said(run(set, text('x')).actions), ['other']);
});

test('a `when` guard sees the regex groups of its own match', () => {
  const set = withTriggers([
    { id: 'big', regex: { pattern: '(\\d+) items' }, when: 'int(vars.match[1]) > 10', goto: 'vip' },
    { id: 'other', event: 'message', goto: 'other' },
  ]);
  assert.equal(said(run(set, text('12 items')).actions), ['vip']);
  assert.equal(said(run(set, text('3 items')).actions), ['other']);
});

test('during a human chat only duringHuman triggers fire', () => {
  const set = withTriggers([
    { id: 'bot', keyword: { any: ['back to bot'], match: 'exact' }, duringHuman: true, goto: 'bot' },
    { id: 'human', keyword: { any: ['agent'] }, goto: 'human' },
    { id: 'other', event: 'message', goto: 'other' },
  ]);
  const withHuman = { customer: { withHuman: true }, state: emptyFlowState() };
  assert.equal(said(run(set, text('agent'), withHuman).actions), []);
  assert.equal(said(run(set, text('hello?'), withHuman).actions), []);
  assert.equal(said(run(set, text('Back to bot'), withHuman).actions), ['bot']);
});

test.run();
