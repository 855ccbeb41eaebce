/**
 * When a batch's second part fails (its events that waited for a LINE profile, event-handler.ts), the
 * processor retries only those events, each alone: the first part's events were applied and are not
 * handled again. The handler here is scripted (it records each call and applies events by marking them
 * done); the store and the claims are real. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { BatchPartlyApplied, type EventHandler } from '../../engine/services/chat/event-handler.ts';
import { EventProcessor } from '../../engine/services/chat/event-processor.ts';
import type { NewWebhookEvent, WebhookEventRow } from '../../engine/store/repositories/webhook-events.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { waitFor } from '../support/wait-for.ts';

let store: Store;
const T = 1_767_000_000_000;
const WORKER = 'engine-partly';

useTestStore(test, (opened) => (store = opened));

function event(id: string, user: string): NewWebhookEvent {
  return { id, destination: null, type: 'message', mode: 'active', source_user_id: user, event_timestamp: T, is_redelivery: false, raw: '{}', received_at: T };
}

test("a batch whose second part failed: only that part's events are retried, each alone, and the first part's are not handled again", async () => {
  await store.webhookEvents.insertNew([event('ready-1', 'Ua'), event('ready-2', 'Ub'), event('waited-1', 'Uc'), event('waited-2', 'Ud')]);
  const calls: string[][] = [];
  const handler = {
    async handle(rows: readonly WebhookEventRow[], workerId: string): Promise<void> {
      calls.push(rows.map((row) => row.id).sort());
      if (rows.length > 1) {
        // the first part applied, the second failed (as when its transaction does)
        await store.webhookEvents.markDone(rows.filter((row) => row.id.startsWith('ready')).map((row) => row.id), workerId, T);
        throw new BatchPartlyApplied(rows.filter((row) => row.id.startsWith('waited')), new Error('the second part failed'));
      }
      await store.webhookEvents.markDone([rows[0]?.id ?? ''], workerId, T);
    },
  } as unknown as EventHandler;
  const processor = new EventProcessor(store, handler, createLogger('silent'), () => T, { concurrency: 1, batchSize: 25, leaseMs: 60_000, idlePollMs: 50, maxAttempts: 5, workerId: WORKER });
  processor.start();
  try {
    await waitFor(async () => (await store.webhookEvents.countByStatus()).done === 4, 'every event done', 10_000);
  } finally {
    await processor.stop();
  }
  assert.equal(calls, [['ready-1', 'ready-2', 'waited-1', 'waited-2'], ['waited-1'], ['waited-2']]);
  const rows = await Promise.all(['ready-1', 'ready-2', 'waited-1', 'waited-2'].map((id) => store.webhookEvents.findById(id)));
  assert.equal(rows.map((row) => row?.attempts), [1, 1, 1, 1], 'nothing counted as a failed attempt');
});

test.run();
