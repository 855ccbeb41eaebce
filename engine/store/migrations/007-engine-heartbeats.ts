/**
 * Engines say they are alive: each running engine has a row in `engines` whose `last_seen_at` it
 * renews every second (from a worker thread, engine/store/heartbeat-writer.ts). When a row goes
 * stale its engine is dead, and a live engine takes over the events and outbound batches it had
 * claimed at once, instead of waiting out their leases (30 s and 60 s). Times are the database's
 * clock, in epoch ms, so engines on hosts whose clocks disagree still agree on who is stale.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('engines', (t) => {
    // the instance id that engine writes into locked_by / send_locked_by
    t.string('instance_id', 120).primary();
    t.bigInteger('started_at').notNullable();
    t.bigInteger('last_seen_at').notNullable();
  });
  // the batches one engine holds, found when it stops or dies; only held batches are indexed (few)
  await knex.raw('create index messages_send_locked_by on messages (send_locked_by) where send_locked_by is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists messages_send_locked_by');
  await knex.schema.dropTableIfExists('engines');
}
