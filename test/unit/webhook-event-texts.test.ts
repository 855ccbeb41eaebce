/** webhookEventTexts: each event of a webhook body cut out as LINE sent it, or null unless certain it is exactly the event parsed. */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { webhookEventTexts } from '../../engine/line/webhook-event-texts.ts';
import { fuzzParameters } from '../support/fuzz-settings.ts';

const parsedEvents = (body: string) => (JSON.parse(body) as { events: unknown[] }).events;

/**
 * A second JSON parser, written apart from the cut-out, that keeps the FIRST of a repeated key
 * (JSON.parse keeps the last; other languages and databases differ). A text both parse to the same
 * value means the same to every reader.
 */
function parseFirstWins(text: string): unknown {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): unknown => {
    space();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      space();
      if (text.charAt(i) === '}') return i++, object;
      for (;;) {
        space();
        const key = string();
        space();
        i++; // :
        const member = value();
        if (!Object.hasOwn(object, key)) Object.defineProperty(object, key, { value: member, enumerable: true, writable: true, configurable: true });
        space();
        if (text.charAt(i++) === '}') return object;
      }
    }
    if (c === '[') {
      i++;
      const array: unknown[] = [];
      space();
      if (text.charAt(i) === ']') return i++, array;
      for (;;) {
        array.push(value());
        space();
        if (text.charAt(i++) === ']') return array;
      }
    }
    if (c === '"') return string();
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i))?.[0] ?? '';
    i += literal.length;
    return JSON.parse(literal) as unknown;
  };
  return value();
}

/** every text is a piece of the body, and parses, by JSON.parse and by a first-key-wins parser alike, to the event JSON.parse found there */
function assertExact(body: string, texts: string[]): void {
  const events = parsedEvents(body);
  assert.is(texts.length, events.length);
  texts.forEach((text, i) => {
    assert.ok(body.includes(text), 'a piece of the body');
    assert.equal(JSON.parse(text), events[i]);
    assert.equal(parseFirstWins(text), events[i], `read the same by any parser: ${text.slice(0, 120)}`);
  });
}

function assertCutsOut(body: string): void {
  const texts = webhookEventTexts(body);
  assert.ok(texts, `no texts for ${body.slice(0, 80)}`);
  assertExact(body, texts);
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
const A = JSON.stringify(event('from A'));
const B = JSON.stringify(event('from B'));

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

test('unicode escapes in values are kept as written: they parse to the same text', () => {
  const body = `{"events":[{"type":"message","message":{"type":"text","id":"1","text":"\\u0041\\ud83d\\ude00 \\u0e2a \\ud800"}}]}`;
  assertCutsOut(body);
  assert.is((webhookEventTexts(body) ?? [])[0], body.slice('{"events":['.length, -2));
});

test('the same key in sibling or nested objects is not a repeat', () => {
  assertCutsOut(`{"events":[{"type":"message","message":{"type":"text","id":"1","text":"a"},"source":{"type":"user"}},{"type":"follow"}],"destination":"x"}`);
  assertCutsOut(`{"destination":{"destination":1},"events":[{"a":{"a":{"a":1}},"b":2}]}`);
});

test('a key named "events" inside an event, or "events" as a value, changes nothing', () => {
  const inner = event('x', { postback: { data: 'events', params: { events: [1, 2, 3] } } });
  assertCutsOut(JSON.stringify({ events: [inner, event('y')], destination: 'events' }));
  assertCutsOut(JSON.stringify({ note: 'events', other: [{ events: [] }], events: [inner] }));
  assertCutsOut(JSON.stringify({ other: { events: [event('look-alike')] }, events: [inner] }));
});

test('an escaped top-level key: "ev\\u0065nts" is the events JSON.parse keeps, so no cut-out', () => {
  const body = `{"events":[${A}],"ev\\u0065nts":[${B}]}`;
  assert.match(JSON.stringify(parsedEvents(body)), /from B/, 'JSON.parse takes the escaped one');
  assert.is(webhookEventTexts(body), null);
  assert.is(webhookEventTexts(`{"ev\\u0065nts":[${B}]}`), null);
  assert.is(webhookEventTexts(`{"d\\u0065stination":"x","events":[${A}]}`), null);
});

test('an escaped key inside an event: no cut-out', () => {
  assert.is(webhookEventTexts(`{"events":[{"type":"follow","typ\\u0065":"message","timestamp":1}]}`), null);
  assert.is(webhookEventTexts(`{"events":[{"type":"message","message":{"type":"text","id":"1","t\\u0065xt":"a"}}]}`), null);
  assert.is(webhookEventTexts(`{"events":[{"a\\"b":1}]}`), null);
});

test('a repeated key anywhere: no cut-out, whichever copy a reader would keep', () => {
  assert.is(webhookEventTexts(`{"events":[${A}],"destination":"U1","events":[${B}]}`), null);
  assert.is(webhookEventTexts(`{"destination":"a","destination":"b","events":[${A}]}`), null);
  assert.is(webhookEventTexts(`{"events":[{"type":"message","type":"follow","timestamp":1}]}`), null);
  assert.is(webhookEventTexts(`{"events":[{"type":"message","message":{"type":"text","id":"1","text":"pay 100","text":"pay 900"}}]}`), null);
  assert.is(webhookEventTexts(`{"events":[{"source":{"type":"user","userId":"U1","userId":"U2"}}]}`), null);
});

test('an empty events array gives none', () => {
  assert.equal(webhookEventTexts('{"destination":"U1","events":[]}'), []);
  assert.equal(webhookEventTexts('{ "events" : [ ] }'), []);
});

test('null when it cannot be sure: no events array, elements that are not objects, a cut body, a body that is not an object', () => {
  assert.is(webhookEventTexts('{"destination":"U1"}'), null);
  assert.is(webhookEventTexts('{"events":{"a":1}}'), null);
  assert.is(webhookEventTexts('{"events":"[{}]"}'), null);
  assert.is(webhookEventTexts('{"events":[1,2]}'), null);
  assert.is(webhookEventTexts('{"events":["text"]}'), null);
  assert.is(webhookEventTexts('{"events":[{"a":1},null]}'), null);
  assert.is(webhookEventTexts('{"events":[{"a":"unterminated'), null);
  assert.is(webhookEventTexts('[{"events":[{"a":1}]}]'), null);
  assert.is(webhookEventTexts(' ["events",[{"a":1}]]'), null);
});

test('nesting: 32 levels inside an event are cut out, deeper is left to the caller', () => {
  const nest = (levels: number) => `{"events":[{"type":"x","d":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}]}`;
  assertCutsOut(nest(32));
  assert.is(webhookEventTexts(nest(33)), null);
  assert.is(webhookEventTexts(nest(100_000)), null);
});

// ---- properties -------------------------------------------------------------------------------

/** a JSON string literal as text: plain, or with escapes, quotes and look-alikes in it */
const stringText = fc
  .array(
    fc.constantFrom('a', 'events', 'type', 'text', ' ', 'ก', '😀', '{', '}', '[', ']', ',', ':', '\\"', '\\\\', '\\n', '\\/', '\\u0065', '\\u0000', '\\ud83d\\ude00', '\\ud800', '"events":[{'.replaceAll('"', '\\"')),
    { maxLength: 6 },
  )
  .map((pieces) => `"${pieces.join('')}"`);
/** a key: usually plain and from a small set (so repeats happen), sometimes escaped */
const keyText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"type"', '"text"', '"events"', '"message"', '"source"', '"userId"', '"__proto__"', '"a"', '"b"') },
  { weight: 1, arbitrary: fc.constantFrom('"ev\\u0065nts"', '"typ\\u0065"', '"a\\"b"', '"\\u0000"') },
  { weight: 1, arbitrary: stringText },
);
const space = fc.constantFrom('', ' ', '\n  ', '\t');
const numberText = fc.constantFrom('0', '-0', '1', '1.5', '1e20', '-1', '12345678901234567890', '1692251666727');

const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringText,
    numberText,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('json'), { maxLength: 4 }).chain((items) => space.map((s) => `[${s}${items.join(`,${s}`)}${s}]`)),
    tie('object'),
  ),
  object: fc
    .array(fc.tuple(keyText, tie('json'), space), { maxLength: 5 })
    .map((members) => `{${members.map(([key, value, s]) => `${s}${key}${s}:${s}${value}`).join(',')}}`),
}));

/** a body: "events" (sometimes twice, sometimes escaped) among other members, in any order */
const body = fc
  .tuple(
    fc.array(json, { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom('"destination"', '"events"', '"ev\\u0065nts"', '"other"', '"destination"'), json), { maxLength: 3 }),
    fc.nat(),
    space,
  )
  .map(([events, others, at, s]) => {
    const members = others.map(([key, value]) => `${key}:${value}`);
    members.splice(at % (members.length + 1), 0, `"events":[${s}${events.join(`,${s}`)}${s}]`);
    return `{${s}${members.join(`,${s}`)}${s}}`;
  });

test('property: any body, escaped and repeated keys, look-alikes and unicode escapes included: null, or exactly the parsed events', () => {
  fc.assert(
    fc.property(body, (text) => {
      JSON.parse(text); // the generator makes JSON only
      const texts = webhookEventTexts(text);
      if (texts !== null) assertExact(text, texts);
    }),
    fuzzParameters(2_000, 10),
  );
});

/** a LINE-like event with plain, distinct keys: what LINE sends */
const cleanEvent = fc.record({
  type: fc.constantFrom('message', 'follow', 'postback'),
  timestamp: fc.nat(),
  message: fc.record({ type: fc.constant('text'), id: fc.nat().map(String), text: fc.string({ unit: 'binary', maxLength: 40 }) }),
  source: fc.record({ type: fc.constant('user'), userId: fc.string({ maxLength: 33 }) }),
  deliveryContext: fc.record({ isRedelivery: fc.boolean() }),
});

test('property: a body as LINE writes it (plain distinct keys, any text) is always cut out', () => {
  fc.assert(
    fc.property(fc.array(cleanEvent, { maxLength: 5 }), fc.constantFrom(0, 2), (events, indent) => {
      const text = JSON.stringify({ destination: 'U1', events }, null, indent);
      const texts = webhookEventTexts(text);
      assert.ok(texts, 'cut out');
      assertExact(text, texts);
    }),
    fuzzParameters(500, 10),
  );
});

test.run();
