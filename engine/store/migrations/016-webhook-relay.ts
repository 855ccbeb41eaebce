/**
 * Webhook relay (docs/relay.md): LINE calls one webhook URL per channel, so Baton forwards each verified event
 * to other tools. `relay_targets` are the admins' targets, each with its own signing secret (kept so each
 * delivery can be signed; never returned by the API after it is first shown). `relay_deliveries` is the durable
 * queue of one event to one target: attempts, next attempt, a lease so one engine sends it, and how it ended.
 * (target_id, event_key) is unique: an event LINE redelivers is relayed to a target once.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('relay_targets', (t) => {
    t.string('id', 26).primary();
    t.string('name', 80).notNullable().unique();
    t.string('url', 2000).notNullable();
    t.string('secret', 100).notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    // JSON array of LINE event types to relay; null: every event
    t.text('event_types');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('last_success_at');
    t.bigInteger('last_failure_at');
    t.text('last_error');
  });
  await knex.schema.createTable('relay_deliveries', (t) => {
    t.increments('id').primary();
    t.string('target_id', 26).notNullable().references('relay_targets.id').onDelete('CASCADE');
    // the event's webhookEventId (or a hash of its text): one delivery per target and event
    t.string('event_key', 100).notNullable();
    t.string('event_type', 32).notNullable();
    // the LINE-shaped body sent, signed with the target's secret when sent
    t.text('body').notNullable();
    // pending | delivered | gave_up
    t.string('status', 12).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable();
    t.string('locked_by', 64);
    t.bigInteger('locked_until');
    t.text('last_error');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('finished_at');
    t.unique(['target_id', 'event_key']);
    // the deliverer's claim: due pending rows, oldest first
    t.index(['status', 'next_attempt_at']);
    // each target's backlog in the studio
    t.index(['target_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('relay_deliveries');
  await knex.schema.dropTable('relay_targets');
}
