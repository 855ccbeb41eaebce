/**
 * How far each operator has read each conversation: the studio's unread counts are the customer's messages
 * after `last_read_message_id`. Kept in the database rather than the browser so a reload, a second tab or
 * another device shows the same counts. One row per operator and conversation, moved forward only.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conversation_reads', (t) => {
    t.string('operator_id', 36).notNullable().references('operators.id');
    t.string('conversation_id', 36).notNullable().references('conversations.id');
    t.integer('last_read_message_id').notNullable();
    t.bigInteger('at').notNullable();
    t.primary(['operator_id', 'conversation_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('conversation_reads');
}
