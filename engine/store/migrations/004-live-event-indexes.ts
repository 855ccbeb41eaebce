/**
 * Webhook events are looked up while they are live (pending, processing, or failed for good) and, once
 * done, only by the retention job. The indexes covered every event ever stored, so each event paid to
 * be kept in three indexes twice over (stored, then marked done), and the claim walked indexes that
 * grew with retention. Partial indexes split them: live events by time (`processed_at is null`),
 * events being processed by customer (`status = 'processing'`: at most a batch per event loop), and
 * done events by age for retention. Pending events are not indexed by customer: under a backlog that
 * index took a page written at random for every stored event, half of SQLite's cost of ingesting one;
 * the claim finds each customer's first pending event by reading the oldest in order instead. Queries
 * name each condition as written (SQLite and Postgres use a partial index only when the query's own
 * terms imply its condition). Measured in docs/performance.md.
 */
import type { Knex } from 'knex';

const OLD_INDEXES = [
  'webhook_events_status_event_timestamp_index',
  'webhook_events_source_user_id_status_index',
  'webhook_events_status_processed_at_index',
];

export async function up(knex: Knex): Promise<void> {
  for (const name of OLD_INDEXES) await knex.raw(`drop index if exists ${name}`);
  await knex.raw('create index webhook_events_live_by_time on webhook_events (status, event_timestamp) where processed_at is null');
  await knex.raw("create index webhook_events_processing_by_customer on webhook_events (source_user_id) where status = 'processing'");
  await knex.raw('create index webhook_events_done_by_age on webhook_events (processed_at) where processed_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['webhook_events_live_by_time', 'webhook_events_processing_by_customer', 'webhook_events_done_by_age']) {
    await knex.raw(`drop index if exists ${name}`);
  }
  await knex.schema.alterTable('webhook_events', (t) => {
    t.index(['status', 'event_timestamp']);
    t.index(['source_user_id', 'status']);
    t.index(['status', 'processed_at']);
  });
}
