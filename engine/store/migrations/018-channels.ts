/**
 * Several LINE Official Accounts (docs/channels.md). `channels`: one row per LINE channel, its secret and
 * access token encrypted (AES-256-GCM, BATON_ENCRYPTION_KEY); the row `default` stands for the channel of
 * the environment (LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN, or the sandbox), whose credentials are
 * never stored. Customers belong to a channel: LINE user ids are per provider, so one person may be a
 * customer of two channels, and (channel_id, line_user_id) is what is unique now. Each stored webhook event
 * names the channel it came in for, and each conversation its customer's; an operator may be limited to some channels (null: all of them).
 * Everything there already belongs to `default`.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('channels', (t) => {
    // a slug, [a-z0-9-]{1,32}: it is part of the channel's webhook URL
    t.string('id', 32).primary();
    t.string('name', 200).notNullable();
    t.text('avatar_url');
    // null for the default channel: its credentials live in the environment
    t.text('secret_enc');
    t.text('access_token_enc');
    t.boolean('group_handoff').notNullable().defaultTo(true);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  const now = Date.now();
  await knex('channels').insert({ id: 'default', name: 'Default', avatar_url: null, secret_enc: null, access_token_enc: null, group_handoff: true, created_at: now, updated_at: now });

  await knex.schema.alterTable('customers', (t) => {
    t.string('channel_id', 32).notNullable().defaultTo('default');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropUnique(['line_user_id']);
    // line_user_id first: the event handler looks customers up by LINE user id (of any channel) and picks the channel's
    t.unique(['line_user_id', 'channel_id']);
  });
  await knex.schema.alterTable('webhook_events', (t) => {
    t.string('channel_id', 32).notNullable().defaultTo('default');
  });
  // the customer's, kept on the conversation too: the inbox filters by it and every access check reads it
  await knex.schema.alterTable('conversations', (t) => {
    t.string('channel_id', 32).notNullable().defaultTo('default');
    t.index(['channel_id', 'status']);
  });
  await knex.schema.alterTable('operators', (t) => {
    // a JSON array of channel ids; null: every channel
    t.text('channels');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('operators', (t) => {
    t.dropColumn('channels');
  });
  await knex.schema.alterTable('webhook_events', (t) => {
    t.dropColumn('channel_id');
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['channel_id', 'status']);
    t.dropColumn('channel_id');
  });
  await knex('customers').whereNot({ channel_id: 'default' }).delete();
  await knex.schema.alterTable('customers', (t) => {
    t.dropUnique(['line_user_id', 'channel_id']);
    t.unique(['line_user_id']);
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('channel_id');
  });
  await knex.schema.dropTable('channels');
}
