/**
 * The analytics day reads (engine/store/repositories/analytics.repo.ts) answered from indexes alone where
 * they can be: the messages of a day counted by direction, conversation and hour, the replies and pushes
 * sent in a day, and a customer's previous close. Each replaces the narrower index 008 made on the same
 * leading column, so the write path (every message stored) keeps the same number of indexes.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropIndex(['created_at']);
    t.dropIndex(['sent_at']);
    t.index(['created_at', 'direction', 'conversation_id', 'customer_id', 'operator_id']);
    t.index(['sent_at', 'sent_via', 'conversation_id', 'operator_id']);
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['customer_id', 'created_at']);
    t.index(['customer_id', 'created_at', 'closed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex(['customer_id', 'created_at', 'closed_at']);
    t.index(['customer_id', 'created_at']);
  });
  await knex.schema.alterTable('messages', (t) => {
    t.dropIndex(['sent_at', 'sent_via', 'conversation_id', 'operator_id']);
    t.dropIndex(['created_at', 'direction', 'conversation_id', 'customer_id', 'operator_id']);
    t.index(['created_at']);
    t.index(['sent_at']);
  });
}
