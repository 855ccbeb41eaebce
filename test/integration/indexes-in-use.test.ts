/**
 * The lookups that run all the time are served by indexes that do not grow with history. Webhook
 * events are indexed by time while live (not yet done), by customer while being processed, and by
 * age once done, for retention (migration 004); the queue's wait estimate reads recently closed conversations by close time (005);
 * the outbox's sweep and its look at a customer's pending batches read pending messages (024), and the quota and analytics
 * count sent ones (021), by partial indexes. A partial
 * index serves a query only when the query's own terms imply the index's condition, so these tests
 * take the SQL the repositories really send and ask the database's planner whether it can use them.
 * On Postgres sequential scans are switched off for the question, so the answer does not depend on
 * how few rows a test table has. Runs on SQLite and Postgres.
 */
import type { Knex } from 'knex';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import { isPostgres } from '../../engine/store/dialect.ts';
import { createStore, type Store } from '../../engine/store/store.ts';
import { createTestDatabase, databaseConfigOf, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Knex;
let store: Store;
const T = 1_767_000_000_000;

test.before(async () => {
  database = await createTestDatabase();
  db = await openDatabase(databaseConfigOf(database, 2));
  store = createStore(db);
  await store.webhookEvents.insertNew(
    Array.from({ length: 30 }, (_, i) => ({
      id: `ev-${i}`,
      destination: null,
      type: 'message',
      mode: 'active',
      source_user_id: `U${i % 3}`,
      event_timestamp: T + i,
      is_redelivery: false,
      raw: '{}',
      received_at: T + i,
    })),
  );
});
test.after(async () => {
  if (db) await closeDatabase(db);
  await database?.drop();
});

/** the statements `fn` sends, with their bindings */
async function sent(fn: () => Promise<unknown>): Promise<{ sql: string; bindings: readonly unknown[] }[]> {
  const queries: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }) => queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', listener);
  try {
    await fn();
  } finally {
    db.off('query', listener);
  }
  return queries;
}

/** the planner's plan for one statement, as text */
async function plan(sql: string, bindings: readonly unknown[]): Promise<string> {
  if (isPostgres(db)) {
    return db.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      // the query event shows Postgres's numbered placeholders, in order; raw takes `?`
      const result = (await trx.raw(`explain ${sql.replace(/\$\d+/g, '?')}`, bindings as Knex.RawBinding[])) as { rows: { 'QUERY PLAN': string }[] };
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }
  const rows = (await db.raw(`explain query plan ${sql}`, bindings as Knex.RawBinding[])) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

async function plansOf(fn: () => Promise<unknown>, matching: RegExp): Promise<string> {
  const statements = (await sent(fn)).filter((query) => matching.test(query.sql));
  assert.ok(statements.length > 0, `no statement matched ${matching}`);
  return (await Promise.all(statements.map((query) => plan(query.sql, query.bindings)))).join('\n');
}

test('claiming the heads of line reads pending events by time, and events being processed by customer', async () => {
  const plans = await plansOf(() => store.webhookEvents.claimBatch('w1', T + 100, 1_000, 5, false), /^select/i);
  assert.match(plans, 'webhook_events_live_by_time');
  assert.match(plans, 'webhook_events_processing_by_customer');
  assert.not.match(plans, /SCAN (e|p|webhook_events)\b/);
});

test('looking for abandoned events uses the same indexes', async () => {
  const plans = await plansOf(() => store.webhookEvents.claimBatch('w2', T + 100_000, 1_000, 5, true), /^select e\.id from webhook_events e\s+where e\.status = 'processing'/i);
  assert.match(plans, 'webhook_events_live_by_time');
  assert.match(plans, 'webhook_events_processing_by_customer');
});

test('counting and releasing what a worker holds, and retention, use their indexes', async () => {
  // either index of live events will do (Postgres may take the one of events being processed)
  assert.match(await plansOf(() => store.webhookEvents.countHeldBy('w1'), /^select count/i), /webhook_events_(live_by_time|processing_by_customer)/);
  assert.match(await plansOf(() => store.webhookEvents.release('w1'), /^update/i), /webhook_events_(live_by_time|processing_by_customer)/);
  assert.match(await plansOf(() => store.webhookEvents.deleteDoneBefore(T, 10), /^delete/i), 'webhook_events_done_by_age');
});

test("the queue's wait estimate reads the latest closed conversations by their index", async () => {
  assert.match(await plansOf(() => store.conversations.recentHandlingMinutes(20), /^select/i), 'conversations_status_closed_at_index');
});

test("the outbox's sweep reads pending messages by their index; the quota and the analytics day count sent ones by theirs", async () => {
  const sweep = await plansOf(() => store.messages.pendingOutbound(10, T), /^select/i);
  // on SQLite a walk of that index ("SCAN messages USING INDEX"): it holds pending messages alone
  assert.match(sweep, 'messages_pending_by_customer');
  assert.not.match(sweep, /SCAN messages\b(?! USING INDEX)/);
  const quota = await plansOf(() => store.lineSends.between(T, T + 86_400_000), /^select/i);
  assert.match(quota, 'messages_sent_by_time');
  assert.not.match(quota, /SCAN messages\b(?! USING INDEX)/);
  const day = await plansOf(() => store.analytics.dayFacts(T, T + 86_400_000, 3_600_000, 86_400_000), /["`]?m["`]?\.["`]?sent_at["`]?\s*>=/i);
  assert.match(day, 'messages_sent_by_time');
});

test("before and after each send, the outbox reads the customer's pending messages by their index, not the customer's history", async () => {
  const { customer } = await store.customers.findOrCreate('U-history', T);
  const [row] = await store.messages.insertMany([{
    customer_id: customer.id, conversation_id: null, direction: 'out', sender_kind: 'bot', operator_id: null, type: 'text', text: 'hi', payload: '{}',
    line_message_id: null, webhook_event_id: null, delivery_status: 'pending', retry_key: 'key-history', reply_token: null, reply_token_expires_at: null, created_at: T,
  }]);
  // the claim's look for an earlier batch of the customer still pending (and its own rows by retry key)
  const claim = await plansOf(() => store.messages.claimBatches(['key-history'], 'w4', T, 1_000), /^update messages/i);
  assert.match(claim, 'messages_pending_by_customer');
  assert.not.match(claim, 'messages_customer_id_id_index');
  const next = await plansOf(() => store.messages.nextPendingOf(customer.id, row?.id ?? 0, T), /^select/i);
  assert.match(next, 'messages_pending_by_customer');
  assert.not.match(next, 'messages_customer_id_id_index');
});

test('events leave the live indexes when done and are found again by retention', async () => {
  const claimed = await store.webhookEvents.claimBatch('w3', T + 200_000, 1_000, 3, true);
  assert.ok(claimed.length > 0);
  assert.ok(await store.webhookEvents.markDone(claimed.map((e) => e.id), 'w3', T + 200_001));
  assert.equal(await store.webhookEvents.deleteDoneBefore(T + 200_002, 100), claimed.length);
});

test.run();
