/**
 * Whether the operator holding a conversation got it from auto-assignment rather than by claiming it or by
 * a transfer: an operator who was Available before the handoff gets the chat straight away, without it
 * ever showing in their Waiting tab, and the studio says so instead of the chat just appearing.
 * Conversations stored before this migration count as claimed by hand: nothing recorded which they were.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.boolean('assigned_automatically').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.dropColumn('assigned_automatically');
  });
}
