/**
 * AnalyticsPublisher: changes are coalesced into rounds at least an interval apart, so a burst costs one or
 * two computations of the live cards, not one per change; nothing is computed while nobody listens on this
 * engine; other engines are told once per round; a change that comes while a round computes gets one more.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AnalyticsLive } from '../../engine/contracts/analytics.ts';
import { createLogger } from '../../engine/logger.ts';
import { AnalyticsPublisher, type AnalyticsChannel } from '../../engine/services/realtime/analytics-publisher.ts';

const INTERVAL_MS = 50;

function cards(at: number): AnalyticsLive {
  return {
    waiting: 0,
    active: 0,
    longestWaitSeconds: null,
    today: { day: '2026-01-05', conversations: 0, handoffs: 0, firstResponseSeconds: { count: 0, avg: null, p50: null, p90: null }, csatAverage: null, csatResponses: 0, containmentRate: null },
    at,
  };
}

function setUp(options: { listening?: boolean; computeMs?: number } = {}) {
  const seen = { computed: 0, sent: [] as AnalyticsLive[], peersTold: 0 };
  let listening = options.listening ?? true;
  const source = {
    async live(now: number) {
      seen.computed += 1;
      if (options.computeMs) await delay(options.computeMs);
      return cards(now);
    },
  };
  const channel: AnalyticsChannel = {
    listening: () => listening,
    send: (live) => seen.sent.push(live),
    tellPeers: () => {
      seen.peersTold += 1;
    },
  };
  let clock = 1_000;
  const publisher = new AnalyticsPublisher(source, createLogger('silent'), () => ++clock, INTERVAL_MS);
  publisher.attach(channel);
  return { publisher, seen, listen: (on: boolean) => (listening = on) };
}

test('a burst of 1,000 changes costs at most two computations, and the last cards are sent', async () => {
  const { publisher, seen } = setUp();
  for (let i = 0; i < 1_000; i++) publisher.changed();
  await delay(INTERVAL_MS * 4);
  assert.ok(seen.computed >= 1 && seen.computed <= 2, `computed ${seen.computed} times`);
  assert.is(seen.sent.length, seen.computed);
  assert.ok(seen.peersTold <= 2, `other engines told ${seen.peersTold} times`);
  await publisher.stop();
});

test('changes spread over time are sent at most once an interval', async () => {
  const { publisher, seen } = setUp();
  const started = performance.now();
  while (performance.now() - started < INTERVAL_MS * 5) {
    publisher.changed();
    await delay(2);
  }
  await delay(INTERVAL_MS * 2);
  const elapsed = performance.now() - started;
  assert.ok(seen.sent.length <= Math.ceil(elapsed / INTERVAL_MS) + 1, `${seen.sent.length} sends in ${Math.round(elapsed)} ms`);
  assert.ok(seen.sent.length >= 2, 'yet it keeps sending while changes go on');
  await publisher.stop();
});

test('nothing is computed while no supervisor or admin listens here; other engines are still told', async () => {
  const { publisher, seen, listen } = setUp({ listening: false });
  publisher.changed();
  await delay(INTERVAL_MS * 2);
  assert.is(seen.computed, 0);
  assert.is(seen.peersTold, 1, 'a supervisor on another engine must hear of it');
  listen(true);
  publisher.changedElsewhere();
  await delay(INTERVAL_MS * 2);
  assert.is(seen.computed, 1);
  assert.is(seen.peersTold, 1, "a change from another engine is not passed back: it told them itself");
  await publisher.stop();
});

test('a change while the cards are being computed gets one more round after it, not a parallel one', async () => {
  const { publisher, seen } = setUp({ computeMs: INTERVAL_MS * 2 });
  publisher.changed();
  await delay(10);
  for (let i = 0; i < 10; i++) publisher.changed();
  // the first round took 100 ms, so the next waits ten times that (at most a tenth of the time)
  await delay(INTERVAL_MS * 2 * 10 + INTERVAL_MS * 6);
  assert.is(seen.computed, 2);
  assert.is(seen.sent.length, 2);
  await publisher.stop();
});

test('costly rounds are spaced out so the cards take at most a tenth of the time', async () => {
  const computeMs = INTERVAL_MS;
  const { publisher, seen } = setUp({ computeMs });
  const started = performance.now();
  while (performance.now() - started < computeMs * 25) {
    publisher.changed();
    await delay(5);
  }
  const elapsed = performance.now() - started;
  // a round of 50 ms waits 500 ms before the next: at most about 25 × 50 / 550 + 1 rounds, not one per 50 ms interval
  assert.ok(seen.computed <= Math.ceil(elapsed / (computeMs * 10)) + 1, `${seen.computed} rounds in ${Math.round(elapsed)} ms`);
  assert.ok(seen.computed >= 2, 'it keeps sending while changes go on');
  await publisher.stop();
});

test('after stop nothing more is computed or sent', async () => {
  const { publisher, seen } = setUp();
  publisher.changed();
  await publisher.stop();
  publisher.changed();
  await delay(INTERVAL_MS * 2);
  assert.is(seen.computed, 0);
  assert.is(seen.sent.length, 0);
});

test.run();
