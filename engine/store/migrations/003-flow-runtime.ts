/**
 * What the flow DSL v1 needs: per-customer flow state, routing and queue facts on conversations,
 * operator availability for assignment, and the history of which flow version was active when.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    // FlowState as JSON, plus the flow version the customer's bot session runs on
    t.text('flow_state');
    t.integer('flow_version');
    t.bigInteger('flow_resume_at');
    t.index(['flow_resume_at']);
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.string('queue_id', 64);
    t.string('routing_id', 64);
    t.string('strategy', 16);
    t.integer('announced_position');
    t.bigInteger('announced_at');
    t.bigInteger('last_customer_at');
    t.bigInteger('last_operator_at');
    t.bigInteger('inactivity_warned_at');
    t.boolean('max_wait_handled').notNullable().defaultTo(false);
    t.text('csat_comment');
    t.index(['status', 'operator_id']);
  });
  await knex.schema.alterTable('operators', (t) => {
    t.text('teams').notNullable().defaultTo('[]');
    t.bigInteger('last_assigned_at');
  });
  await knex.schema.createTable('flow_activations', (t) => {
    t.increments('id').primary();
    t.integer('version').notNullable();
    t.string('action', 10).notNullable();
    t.string('actor', 200).notNullable();
    t.bigInteger('at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('flow_activations');
  await knex.schema.alterTable('operators', (t) => {
    t.dropColumn('teams');
    t.dropColumn('last_assigned_at');
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['status', 'operator_id']);
    for (const column of ['queue_id', 'routing_id', 'strategy', 'announced_position', 'announced_at', 'last_customer_at', 'last_operator_at', 'inactivity_warned_at', 'max_wait_handled', 'csat_comment']) t.dropColumn(column);
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropIndex(['flow_resume_at']);
    for (const column of ['flow_state', 'flow_version', 'flow_resume_at']) t.dropColumn(column);
  });
}
