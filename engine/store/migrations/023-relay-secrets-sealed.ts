/**
 * Relay targets' signing secrets are stored sealed with BATON_ENCRYPTION_KEY when it is set (docs/relay.md):
 * a sealed secret (`v1.<iv>.<tag>.<ciphertext>`) is about 100 characters, more than the 100 the column held.
 * SQLite does not enforce a varchar's length, so only Postgres's column changes.
 */
import type { Knex } from 'knex';

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw('alter table relay_targets alter column secret type text');
}

export async function down(knex: Knex): Promise<void> {
  // fails while a sealed secret is stored (too long for the old column): older engines could not sign with it anyway
  if (isPostgres(knex)) await knex.raw('alter table relay_targets alter column secret type varchar(100)');
}
