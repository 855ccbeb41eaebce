/**
 * A relay target may take the events of some LINE channels only (docs/relay.md): a bot behind the relay
 * serves one Official Account, and another account's events would reach it as its own. `channel_ids` is a
 * JSON array of channel ids, as `event_types` is of event types; null (every target until now) takes every
 * channel's events.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relay_targets', (t) => {
    t.text('channel_ids');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relay_targets', (t) => {
    t.dropColumn('channel_ids');
  });
}
