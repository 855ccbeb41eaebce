/**
 * Analytics (docs/metrics.md): what happened to each handoff and when (`conversation_events`), one
 * rolled-up row per day and dimension (`analytics_daily`), who pressed "run now" on a job run, and the
 * indexes the per-day reads walk (each reads one day of conversations, messages and events by time).
 *
 * Conversations stored before this migration get their queued / claimed / closed events from their own
 * timestamps, so a backfill over old days counts them; transfers before it left no trace.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conversation_events', (t) => {
    t.increments('id').primary();
    // no foreign key: a retention that deletes old transcripts need not wait on their events
    t.string('conversation_id', 36).notNullable();
    // queued | claimed | transferred | returned | closed | survey_sent
    t.string('kind', 16).notNullable();
    // claimed, transferred: the operator who has it now; returned, closed: the one who had it
    t.string('operator_id', 36);
    // transferred: the operator it was taken from
    t.string('from_operator_id', 36);
    t.string('team', 64);
    t.bigInteger('at').notNullable();
    t.index(['at', 'kind']);
    t.index(['conversation_id', 'kind']);
  });

  await knex.schema.createTable('analytics_daily', (t) => {
    // a civil date in the business time zone, YYYY-MM-DD
    t.string('day', 10).notNullable();
    // all | team | operator
    t.string('dimension', 10).notNullable();
    // '' for all
    t.string('key', 64).notNullable();
    // the day's additive aggregate (counts, sums, histograms), JSON
    t.text('metrics').notNullable();
    t.bigInteger('computed_at').notNullable();
    t.primary(['day', 'dimension', 'key']);
  });

  await knex.schema.alterTable('job_runs', (t) => {
    t.string('started_by', 36);
  });

  await knex.schema.alterTable('conversations', (t) => {
    t.index(['created_at']);
    t.index(['first_response_at']);
    t.index(['closed_at']);
    // a customer's next handoff after a close (first contact resolution, reopened)
    t.index(['customer_id', 'created_at']);
  });
  await knex.schema.alterTable('messages', (t) => {
    t.index(['created_at']);
    t.index(['sent_at']);
  });

  await knex.raw(`insert into conversation_events (conversation_id, kind, operator_id, team, at)
    select id, 'queued', null, team, created_at from conversations`);
  await knex.raw(`insert into conversation_events (conversation_id, kind, operator_id, team, at)
    select id, 'claimed', operator_id, team, claimed_at from conversations where claimed_at is not null`);
  await knex.raw(`insert into conversation_events (conversation_id, kind, operator_id, team, at)
    select id, 'closed', operator_id, team, closed_at from conversations where closed_at is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropIndex(['created_at']);
    t.dropIndex(['sent_at']);
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['created_at']);
    t.dropIndex(['first_response_at']);
    t.dropIndex(['closed_at']);
    t.dropIndex(['customer_id', 'created_at']);
  });
  await knex.schema.alterTable('job_runs', (t) => {
    t.dropColumn('started_by');
  });
  await knex.schema.dropTableIfExists('analytics_daily');
  await knex.schema.dropTableIfExists('conversation_events');
}
