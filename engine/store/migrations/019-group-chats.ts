/**
 * Group and room chats as conversations (docs/groups.md). A LINE group or room is one customer row, keyed by
 * its group or room id in `line_user_id`, with `source_type` saying which it is ('user' for a one-to-one chat,
 * as every row before this). Each message a member writes there records who wrote it: their LINE user id (when
 * LINE gives it) and the name they had in the group. `chat_members` keeps those names per (chat, user), so a
 * member's profile is asked of LINE once, not per message.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    // user | group | room
    t.string('source_type', 8).notNullable().defaultTo('user');
  });
  await knex.schema.alterTable('messages', (t) => {
    t.string('sender_line_user_id', 64);
    t.string('sender_name', 200);
  });
  await knex.schema.createTable('chat_members', (t) => {
    // the group or room id
    t.string('chat_id', 64).notNullable();
    t.string('line_user_id', 64).notNullable();
    t.string('display_name', 200).notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['chat_id', 'line_user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('chat_members');
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('sender_name');
    t.dropColumn('sender_line_user_id');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('source_type');
  });
}
