/**
 * Property tests over signed webhook bodies mixing good events with hostile ones (fast-check):
 * whatever a signed body holds, the engine never answers 5xx and never crashes, and every good event
 * in it (or in a body stored in the same INSERT) is run and answered. Under `npm test` a fixed seed
 * and a few dozen cases; `npm run fuzz` runs many more with a random seed (test/support/fuzz-settings.ts).
 * Runs on SQLite and Postgres.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeUserId } from '../../engine/line/sandbox/fake-ids.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { fuzzParameters } from '../support/fuzz-settings.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

test.before(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  engine = await startTestEngine();
});
test.after(async () => {
  await engine.stop();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

type Json = Record<string, unknown>;

/** values that broke, or could break, something downstream of the webhook */
const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    1e20, -1, 1.5, 0, 2 ** 53, '', '\u0000', 'a\u0000b', '../../v2/bot/message/quota', `U${'a'.repeat(32)}/x`, `U${'A'.repeat(32)}`,
    'baton.resume', null, true, {}, [], '😀'.repeat(2501), 'x'.repeat(5001), '\ud800', { '\u0000': 1 },
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const path = fc.constantFrom(
  ['type'], ['timestamp'], ['mode'], ['webhookEventId'], ['replyToken'], ['source'], ['source', 'type'], ['source', 'userId'],
  ['source', 'groupId'], ['source', 'roomId'], ['message'], ['message', 'type'], ['message', 'id'], ['message', 'text'],
  ['message', 'title'], ['deliveryContext'], ['deliveryContext', 'isRedelivery'], ['postback'], ['postback', 'data'], ['x\u0000'], ['__proto__'],
);

type Mutation =
  | { kind: 'set'; path: readonly string[]; value: unknown }
  | { kind: 'delete'; path: readonly string[] }
  | { kind: 'replace'; value: unknown }
  | { kind: 'deep'; depth: number };

/** the cases issues #10 and #11 reported, and their near relatives: drawn often, so a fixed seed and a few dozen runs meet each */
const known = fc.constantFrom<Mutation>(
  { kind: 'set', path: ['timestamp'], value: 1e20 },
  { kind: 'set', path: ['timestamp'], value: -1 },
  { kind: 'set', path: ['timestamp'], value: 1.5 },
  { kind: 'set', path: ['message', 'text'], value: 'nul \u0000 here' },
  { kind: 'set', path: ['message', 'text'], value: 42 },
  { kind: 'set', path: ['message', 'text'], value: 'x'.repeat(5001) },
  { kind: 'set', path: ['source', 'userId'], value: '../../v2/bot/message/quota' },
  { kind: 'set', path: ['type'], value: 'baton.resume' },
  { kind: 'set', path: ['x\u0000'], value: 1 },
  { kind: 'delete', path: ['message'] },
  { kind: 'delete', path: ['webhookEventId'] },
  { kind: 'deep', depth: 40 },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: known },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: nasty }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: nasty }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 30, max: 200 }) }) },
);

const goodKind = fc.constantFrom('text', 'sticker', 'follow');
type GoodKind = 'text' | 'sticker' | 'follow';

interface BodyPlan {
  good: GoodKind[];
  hostile: Mutation[];
  order: number[];
  indent: 0 | 2;
  /** text-level tricks that leave the parsed body as it is, but make the cut-out refuse it */
  repeatDestination: boolean;
  escapeAKey: boolean;
  /** not a webhook body at all: must get 400 */
  badEnvelope: boolean;
}

const bodyPlan: fc.Arbitrary<BodyPlan> = fc.record({
  good: fc.array(goodKind, { maxLength: 3 }),
  hostile: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  indent: fc.constantFrom(0 as const, 2 as const),
  repeatDestination: fc.boolean(),
  escapeAKey: fc.boolean(),
  // one body in ten (planWithEnvelope)
  badEnvelope: fc.constant(false),
});

function setAt(target: Json, keys: readonly string[], value: unknown): void {
  let at: Json = target;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) Object.defineProperty(at, key, { value: {}, enumerable: true, writable: true, configurable: true });
    at = at[key] as Json;
  }
  // defineProperty: "__proto__" becomes a key of its own, as JSON.parse makes it
  Object.defineProperty(at, keys.at(-1) ?? '', { value, enumerable: true, writable: true, configurable: true });
}

function deleteAt(target: Json, keys: readonly string[]): void {
  let at: unknown = target;
  for (const key of keys.slice(0, -1)) at = typeof at === 'object' && at !== null ? (at as Json)[key] : undefined;
  if (typeof at === 'object' && at !== null) delete (at as Json)[keys.at(-1) ?? ''];
}

/** the event as JSON text: deep nesting is written by hand, JSON.stringify cannot write it back */
function hostileText(m: Mutation): string {
  const event: Json = { ...engine.fakeLine.textEvent(fakeUserId(), 'hi') };
  if (m.kind === 'replace') return JSON.stringify(m.value) ?? 'null';
  if (m.kind === 'deep') return `${JSON.stringify(event).slice(0, -1)},"extra":${'['.repeat(m.depth)}${']'.repeat(m.depth)}}`;
  if (m.kind === 'set') setAt(event, m.path, m.value);
  else deleteAt(event, m.path);
  return JSON.stringify(event);
}

function goodEvent(kind: GoodKind, user: string): Json {
  if (kind === 'sticker') return { ...engine.fakeLine.stickerEvent(user, '446', '1988') };
  if (kind === 'follow') return { ...engine.fakeLine.followEvent(user) };
  return { ...engine.fakeLine.textEvent(user, 'hello') };
}

interface Built {
  text: string;
  users: string[];
  ids: string[];
  badEnvelope: boolean;
}

function build(plan: BodyPlan): Built {
  const users = plan.good.map(() => fakeUserId());
  const good = plan.good.map((kind, i) => goodEvent(kind, users[i] ?? ''));
  const pieces = [...good.map((event) => JSON.stringify(event, null, plan.indent)), ...plan.hostile.map(hostileText)];
  // shuffled by the plan, so good events sit before, between and after hostile ones
  const shuffled = pieces.map((piece, i) => ({ piece, key: plan.order[i % plan.order.length] ?? 0 })).sort((a, b) => a.key - b.key).map((p) => p.piece);
  let text = `{${plan.repeatDestination ? '"destination":"first",' : ''}"destination":"${engine.fakeLine.botUserId}","events":[${shuffled.join(',')}]}`;
  if (plan.escapeAKey) text = text.replace('"mode"', '"m\\u006fde"');
  if (plan.badEnvelope) text = `{"destination":"\\u0000","events":[${shuffled.join(',')}]}`;
  return { text, users, ids: good.map((event) => String(event.webhookEventId)), badEnvelope: plan.badEnvelope };
}

async function settled(): Promise<Record<string, number>> {
  return waitFor(async () => {
    const counts = await engine.baton.store.webhookEvents.countByStatus();
    return !counts.pending && !counts.processing && counts;
  }, 'every event finished', 20_000);
}

const planWithEnvelope = fc.tuple(bodyPlan, fc.integer({ min: 0, max: 9 })).map(([plan, roll]) => ({ ...plan, badEnvelope: roll === 0 }));

test('property: bodies posted together, good and hostile events mixed: no 5xx, no crash, every good event run and answered, nothing failed', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(planWithEnvelope, { minLength: 1, maxLength: 3 }), async (plans) => {
      // counted per case, so that fast-check's shrinking pins the case that failed an event
      const failedBefore = (await engine.baton.store.webhookEvents.countByStatus()).failed ?? 0;
      const bodies = plans.map(build);
      // at once: the TickBatcher stores them with one INSERT
      const statuses = await Promise.all(bodies.map((b) => engine.postWebhook(b.text).then((r) => r.status)));
      assert.equal(statuses, bodies.map((b) => (b.badEnvelope ? 400 : 200)));
      for (const b of bodies.filter((b) => !b.badEnvelope)) {
        for (const user of b.users) await waitFor(() => engine.fakeLine.chat(user).some((e) => e.from === 'account'), `an answer to ${user}`);
        for (const id of b.ids) assert.is((await engine.baton.store.webhookEvents.findById(id))?.status, 'done');
      }
      const counts = await settled();
      assert.is(counts.failed ?? 0, failedBefore, 'no event failed');
      assert.equal(crashes, []);
      assert.is((await fetch(`${engine.baseUrl}/healthz`)).status, 200);
    }),
    fuzzParameters(30, 0.05),
  );
});

test.run();
