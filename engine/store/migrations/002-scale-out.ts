/**
 * Several engines on one database: outbound batches carry a send lease (one engine sends a batch at a
 * time; a dead engine's batch is resent after the lease, with the same retry key), and job_runs records
 * each cron slot once across instances.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.string('send_locked_by', 120);
    t.bigInteger('send_locked_until');
    t.index(['retry_key']);
  });

  await knex.schema.alterTable('webhook_events', (t) => {
    // the retention job deletes finished events by age
    t.index(['status', 'processed_at']);
  });

  await knex.schema.createTable('job_runs', (t) => {
    t.increments('id').primary();
    t.string('job', 64).notNullable();
    // the schedule slot (epoch ms): every instance computes the same one, so the unique index lets one in
    t.bigInteger('scheduled_for').notNullable();
    t.string('status', 10).notNullable();
    t.string('instance_id', 120).notNullable();
    t.bigInteger('started_at').notNullable();
    // renewed while the job runs; a "running" row past it belonged to a runner that died
    t.bigInteger('locked_until').notNullable();
    t.bigInteger('finished_at');
    t.text('result');
    t.text('error');
    t.unique(['job', 'scheduled_for']);
    t.index(['status', 'locked_until']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('job_runs');
  await knex.schema.alterTable('webhook_events', (t) => {
    t.dropIndex(['status', 'processed_at']);
  });
  await knex.schema.alterTable('messages', (t) => {
    t.dropIndex(['retry_key']);
    t.dropColumn('send_locked_by');
    t.dropColumn('send_locked_until');
  });
}
