/** The first schema: everything the walking skeleton stores. Times are epoch milliseconds (bigint). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customers', (t) => {
    t.string('id', 36).primary();
    t.string('line_user_id', 64).notNullable().unique();
    t.string('display_name', 200);
    t.text('picture_url');
    t.string('language', 16);
    t.text('status_message');
    t.string('mode', 8).notNullable().defaultTo('BOT');
    t.text('tags').notNullable().defaultTo('[]');
    t.boolean('following').notNullable().defaultTo(true);
    // the newest reply token nobody used yet: an operator's answer within the minute goes out free
    t.string('reply_token', 64);
    t.bigInteger('reply_token_expires_at');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('operators', (t) => {
    t.string('id', 36).primary();
    t.string('email', 200).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('role', 16).notNullable();
    t.text('skills').notNullable().defaultTo('[]');
    t.integer('capacity').notNullable().defaultTo(5);
    t.string('presence', 16).notNullable().defaultTo('offline');
    t.text('password_hash').notNullable();
    t.text('totp_secret');
    t.bigInteger('created_at').notNullable();
  });

  await knex.schema.createTable('flow_versions', (t) => {
    t.integer('version').primary();
    t.text('documents').notNullable();
    t.string('checksum', 64).notNullable();
    t.boolean('active').notNullable().defaultTo(false);
    t.string('published_by', 200).notNullable();
    t.bigInteger('published_at').notNullable();
  });

  await knex.schema.createTable('conversations', (t) => {
    t.string('id', 36).primary();
    t.string('customer_id', 36).notNullable().references('customers.id');
    t.string('status', 8).notNullable();
    t.string('team', 64);
    t.text('skills').notNullable().defaultTo('[]');
    t.integer('priority').notNullable().defaultTo(0);
    t.string('operator_id', 36).references('operators.id');
    t.integer('flow_version');
    t.string('on_close_step', 100);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('claimed_at');
    t.bigInteger('first_response_at');
    t.bigInteger('closed_at');
    t.string('close_reason', 200);
    t.integer('csat');
    t.bigInteger('updated_at').notNullable();
    t.index(['status', 'created_at']);
    t.index(['customer_id', 'status']);
  });

  await knex.schema.createTable('messages', (t) => {
    t.increments('id').primary();
    t.string('customer_id', 36).notNullable().references('customers.id');
    t.string('conversation_id', 36).references('conversations.id');
    t.string('direction', 3).notNullable();
    t.string('sender_kind', 10).notNullable();
    t.string('operator_id', 36);
    t.string('type', 32).notNullable();
    t.text('text').notNullable();
    t.text('payload').notNullable();
    t.string('line_message_id', 64);
    t.string('webhook_event_id', 64);
    // outbound delivery: pending until LINE accepted it; the retry key makes a repeated push harmless
    t.string('delivery_status', 10).notNullable();
    t.string('sent_via', 5);
    t.string('retry_key', 36);
    t.string('reply_token', 64);
    t.bigInteger('reply_token_expires_at');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('sent_at');
    t.index(['conversation_id', 'id']);
    t.index(['customer_id', 'id']);
    t.index(['delivery_status']);
  });

  await knex.schema.createTable('webhook_events', (t) => {
    t.string('id', 80).primary();
    t.string('destination', 64);
    t.string('type', 32).notNullable();
    t.string('mode', 8);
    t.string('source_user_id', 64);
    t.bigInteger('event_timestamp').notNullable();
    t.boolean('is_redelivery').notNullable().defaultTo(false);
    t.text('raw').notNullable();
    t.string('status', 12).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.string('locked_by', 64);
    t.bigInteger('locked_until');
    t.bigInteger('received_at').notNullable();
    t.bigInteger('processed_at');
    t.index(['status', 'event_timestamp']);
    t.index(['source_user_id', 'status']);
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['settings', 'webhook_events', 'messages', 'conversations', 'flow_versions', 'operators', 'customers']) {
    await knex.schema.dropTableIfExists(table);
  }
}
