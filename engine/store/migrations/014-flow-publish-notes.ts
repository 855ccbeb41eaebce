/**
 * Why a flow version was published: the admin's note, shown in the version history beside who and when.
 * Versions published before this migration (and by the flows folder at start-up) have none.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('flow_versions', (t) => {
    t.text('note');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('flow_versions', (t) => {
    t.dropColumn('note');
  });
}
