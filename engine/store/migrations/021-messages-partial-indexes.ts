/**
 * Two indexes on `messages` hold only the rows their readers look for. Every message is written to
 * each index of the table, and the bot path writes two messages per customer text (the text and the
 * answer) and then marks the answer sent, which moves it in every index on a column it changes:
 * - the outbox's sweep looks for pending messages only, yet every received and sent message was
 *   indexed by its delivery status; now only pending ones are, by id (the order the sweep sends in);
 * - the analytics day reads and the LINE quota count messages sent in a time range, yet every message
 *   was indexed by its sent time, unsent ones (all received messages, every answer until LINE takes it)
 *   under NULL; now only sent ones are, so storing a message no longer touches this index and marking
 *   one sent adds it once instead of moving it.
 * Measured standalone on this table (two messages, a commit and the sent mark): 42.5 -> 31.4 KB of WAL
 * per message. A partial index serves a statement whose terms imply its condition: the sweep says
 * `delivery_status = 'pending'` in its SQL (on SQLite a bound value would do only by planning the
 * statement again on every run); a range on `sent_at` implies it is not null, on both databases.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropIndex(['delivery_status']);
    t.dropIndex(['sent_at', 'sent_via', 'conversation_id', 'operator_id']);
  });
  await knex.raw(`create index messages_pending_by_id on messages (id) where delivery_status = 'pending'`);
  await knex.raw('create index messages_sent_by_time on messages (sent_at, sent_via, conversation_id, operator_id) where sent_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index messages_sent_by_time');
  await knex.raw('drop index messages_pending_by_id');
  await knex.schema.alterTable('messages', (t) => {
    t.index(['delivery_status']);
    t.index(['sent_at', 'sent_via', 'conversation_id', 'operator_id']);
  });
}
