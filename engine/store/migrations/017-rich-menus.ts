/**
 * Rich menus that follow the conversation (docs/rich-menus.md). `rich_menus`: the LINE rich menu made for
 * each RichMenu of each flow version, keyed by (version, menu id) so restarts and several engines create
 * it once (a lease while one engine creates it), with the hash of what was sent (menus of equal content
 * share one LINE menu) and when it was deleted at LINE. `rich_menu_links`: per customer, the menu their
 * conversation's state calls for, a durable queue of the link/unlink call (attempts, next attempt, a
 * lease); a newer state replaces an older one not yet sent, so LINE only hears the latest.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rich_menus', (t) => {
    t.integer('flow_version').notNullable();
    t.string('menu_id', 63).notNullable();
    t.string('content_hash', 64).notNullable();
    t.string('line_rich_menu_id', 100);
    t.string('locked_by', 64);
    t.bigInteger('locked_until');
    t.text('last_error');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('deleted_at');
    t.primary(['flow_version', 'menu_id']);
    t.index(['content_hash']);
  });
  await knex.schema.createTable('rich_menu_links', (t) => {
    t.string('line_user_id', 64).primary();
    t.string('conversation_id', 36).notNullable();
    t.integer('flow_version').notNullable();
    // waiting | human | closed
    t.string('state', 8).notNullable();
    // the RichMenu id to link; null: unlink
    t.string('menu_id', 63);
    // pending | done | failed
    t.string('status', 8).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable();
    t.string('locked_by', 64);
    t.bigInteger('locked_until');
    t.text('last_error');
    // bumped by every new state: a call finished for an older one does not mark the newer done
    t.integer('revision').notNullable().defaultTo(1);
    t.bigInteger('updated_at').notNullable();
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rich_menu_links');
  await knex.schema.dropTable('rich_menus');
}
