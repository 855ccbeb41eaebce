/**
 * WebhookIngest on its own, on a real store: the retention window it is given, and what it tells
 * the log and the event processor about ignored events. Runs on SQLite and Postgres.
 */
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { fakeUserId } from '../../engine/line/sandbox/fake-ids.ts';
import { WebhookIngest } from '../../engine/services/chat/webhook-ingest.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';

let store: Store;
useTestStore(test, (opened) => (store = opened));

const DAY = 86_400_000;
const NOW = 1_767_000_000_000;
const line = new FakeLinePlatform({ channelAccessToken: 'T', now: () => NOW });

test('with a retention window of 2 days, an event 3 days old is ignored and one a day old is pending', async () => {
  const ingest = new WebhookIngest(store, pino({ level: 'silent' }), () => NOW, () => {}, { retentionDays: 2 });
  const old = { ...line.textEvent(fakeUserId(), 'old'), timestamp: NOW - 3 * DAY };
  const recent = { ...line.textEvent(fakeUserId(), 'recent'), timestamp: NOW - 1 * DAY };
  assert.equal(await ingest.ingest(undefined, [old, recent]), { stored: 2, duplicates: 0 });
  const ignored = await store.webhookEvents.findById(old.webhookEventId);
  assert.is(ignored?.status, 'ignored');
  assert.match(ignored?.last_error ?? '', /older than the retention window \(2 days\)/);
  assert.is((await store.webhookEvents.findById(recent.webhookEventId))?.status, 'pending');
});

test('ignored events are counted in one log line with their reasons, never their content, and do not wake the processor', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (text: string) => lines.push(JSON.parse(text) as Record<string, unknown>) });
  const woken: number[] = [];
  const ingest = new WebhookIngest(store, logger, () => NOW, (count) => woken.push(count));
  const secret = 'my card is 4111 1111 1111 1111';
  const events = [
    { ...line.textEvent(fakeUserId(), secret), source: { type: 'user', userId: '../x' } },
    { ...line.textEvent(fakeUserId(), `${secret}\u0000`) },
    line.textEvent(fakeUserId(), 'fine'),
  ];
  assert.equal(await ingest.ingest(undefined, events), { stored: 3, duplicates: 0 });
  assert.equal(woken, [1], 'woken for the one event to run');
  const entry = lines.find((l) => l.msg === 'webhook events stored as ignored');
  assert.ok(entry, 'a log line');
  assert.is(entry.ignored, 2);
  assert.equal(entry.reasons, ['/source/userId must match pattern "^U[0-9a-f]{32}$"', 'a string or key holds NUL (\\u0000)']);
  assert.not.match(JSON.stringify(lines), /4111/);
  assert.is((await store.webhookEvents.countByStatus()).ignored, 3, 'with the one of the test before');
});

test.run();
