/**
 * The queue's wait estimate reads the most recently closed conversations. Without an index by close
 * time, every estimate sorted every conversation ever closed, a cost that grew with the history.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.index(['status', 'closed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['status', 'closed_at']);
  });
}
