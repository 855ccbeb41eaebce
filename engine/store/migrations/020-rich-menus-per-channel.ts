/**
 * Rich menus per LINE channel (docs/rich-menus.md, docs/channels.md): a LINE rich menu id exists only in the
 * channel that made it, so each channel has its own menus and links. `rich_menus` is keyed by
 * (channel, version, menu id) and `rich_menu_links` by (channel, LINE user id): LINE user ids are per
 * provider, so one person may be a customer of two channels. Everything there already is the default channel's.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rich_menus', (t) => {
    t.string('channel_id', 32).notNullable().defaultTo('default');
  });
  await knex.schema.alterTable('rich_menus', (t) => {
    t.dropPrimary();
    t.primary(['channel_id', 'flow_version', 'menu_id']);
  });
  await knex.schema.alterTable('rich_menu_links', (t) => {
    t.string('channel_id', 32).notNullable().defaultTo('default');
  });
  await knex.schema.alterTable('rich_menu_links', (t) => {
    t.dropPrimary();
    t.primary(['channel_id', 'line_user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  // the default channel's menus and links are all that fit the old keys
  await knex('rich_menu_links').whereNot({ channel_id: 'default' }).delete();
  await knex('rich_menus').whereNot({ channel_id: 'default' }).delete();
  await knex.schema.alterTable('rich_menu_links', (t) => {
    t.dropPrimary();
    t.primary(['line_user_id']);
  });
  await knex.schema.alterTable('rich_menu_links', (t) => {
    t.dropColumn('channel_id');
  });
  await knex.schema.alterTable('rich_menus', (t) => {
    t.dropPrimary();
    t.primary(['flow_version', 'menu_id']);
  });
  await knex.schema.alterTable('rich_menus', (t) => {
    t.dropColumn('channel_id');
  });
}
