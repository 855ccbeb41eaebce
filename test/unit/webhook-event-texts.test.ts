/** webhookEventTexts: each event of a webhook body cut out as LINE sent it, or null when unsure. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { webhookEventTexts } from '../../engine/line/webhook-event-texts.ts';

const parsedEvents = (body: string) => (JSON.parse(body) as { events: unknown[] }).events;

/** every text is a piece of the body, and parses to the event JSON.parse found there */
function assertCutsOut(body: string): void {
  const texts = webhookEventTexts(body);
  assert.ok(texts, `no texts for ${body.slice(0, 80)}`);
  assert.equal(texts.map((text) => JSON.parse(text) as unknown), parsedEvents(body));
  for (const text of texts) assert.ok(body.includes(text));
}

const event = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  message: { type: 'text', id: '468789577898262530', text },
  webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T',
  deliveryContext: { isRedelivery: false },
  timestamp: 1_692_251_666_727,
  source: { type: 'user', userId: 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa' },
  replyToken: '38ef843bde154d9b91c21320ffd17a0f',
  mode: 'active',
  ...extra,
});

test('a body as LINE sends it: the events exactly as serialised', () => {
  const events = [event('hello'), event('second'), { type: 'follow', timestamp: 1, source: { type: 'user', userId: 'U1' } }];
  const body = JSON.stringify({ destination: 'Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', events });
  assert.equal(webhookEventTexts(body), events.map((e) => JSON.stringify(e)));
});

test('whitespace, and strings full of quotes, escapes, brackets and other scripts', () => {
  const tricky = ['say "hi" \\o/', '{ not: [an, object] }', ']}],"events":[{', 'สวัสดีครับ こんにちは 👋', '\u005b\u007b', 'line\nbreak\ttab'];
  const body = JSON.stringify({ destination: 'U1', events: tricky.map((t) => event(t)) }, null, 2);
  assertCutsOut(body);
  const texts = webhookEventTexts(body) ?? [];
  assert.ok(texts[0]?.startsWith('{\n'), 'the event keeps its own layout');
});

test('a key named "events" inside an event, or "events" as a value, changes nothing', () => {
  const inner = event('x', { postback: { data: 'events', params: { events: [1, 2, 3] } } });
  assertCutsOut(JSON.stringify({ events: [inner, event('y')], destination: 'events' }));
  assertCutsOut(JSON.stringify({ note: 'events', other: [{ events: [] }], events: [inner] }));
});

test('a repeated "events" key: the last one, as JSON.parse keeps', () => {
  const body = `{"events":[${JSON.stringify(event('first'))}],"destination":"U1","events":[${JSON.stringify(event('last'))}]}`;
  assertCutsOut(body);
});

test('an empty events array gives none', () => {
  assert.equal(webhookEventTexts('{"destination":"U1","events":[]}'), []);
  assert.equal(webhookEventTexts('{ "events" : [ ] }'), []);
});

test('null when it cannot be sure: no events array, elements that are not objects, an escaped key, a cut body', () => {
  assert.is(webhookEventTexts('{"destination":"U1"}'), null);
  assert.is(webhookEventTexts('{"events":{"a":1}}'), null);
  assert.is(webhookEventTexts('{"events":[1,2]}'), null);
  assert.is(webhookEventTexts('{"events":["text"]}'), null);
  assert.is(webhookEventTexts('{"events":[{"a":1},null]}'), null);
  assert.is(webhookEventTexts('{"\\u0065vents":[{"a":1}]}'), null);
  assert.is(webhookEventTexts('{"events":[{"a":"unterminated'), null);
  assert.is(webhookEventTexts('[{"events":[{"a":1}]}]'), null);
});

/** a small deterministic generator of JSON values with awkward strings */
function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  const pieces = ['"', '\\', '{', '}', '[', ']', ',', ':', 'events', ' ', '\n', 'ก', '日', '😀', 'a', '\u0000', '\u2028'];
  const string = () => Array.from({ length: Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
  if (depth > 3 || pick < 0.3) return string();
  if (pick < 0.4) return Math.floor(next() * 1e6) / 100;
  if (pick < 0.45) return next() < 0.5;
  if (pick < 0.5) return null;
  if (pick < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [string(), randomValue(next, depth + 1)]));
}

test('500 random bodies, compact and indented: every event cut out exactly', () => {
  let seed = 20261128;
  const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < 500; n++) {
    const events = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({ type: 'message', data: randomValue(next, 0), [String(randomValue(next, 9))]: randomValue(next, 1) }));
    const body = { [String(randomValue(next, 9))]: randomValue(next, 1), destination: 'U1', events };
    assertCutsOut(JSON.stringify(body));
    assertCutsOut(JSON.stringify(body, null, n % 3));
  }
});

test.run();
