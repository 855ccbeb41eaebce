/**
 * The operator's day (issue #13 item 4): private notes in the thread and a customer coming back to the same
 * conversation.
 * - `messages.direction` 'note': a note an operator wrote for the team. Neither in from the customer nor out to
 *   them, so the outbox (direction 'out'), analytics (counting 'in' and 'out') and LINE never see it. The
 *   column was varchar(3); Postgres enforces that, SQLite does not.
 * - `conversations.reopen_within_ms`: the handoff's `reopenWithinMinutes`, kept on the conversation as the
 *   close step is (`on_close_step`): a conversation keeps the rules of the flow version it started on.
 */
import type { Knex } from 'knex';

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw('alter table messages alter column direction type varchar(4)');
  await knex.schema.alterTable('conversations', (t) => {
    t.bigInteger('reopen_within_ms');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.dropColumn('reopen_within_ms');
  });
  // notes have no place in the older schema
  await knex('messages').where({ direction: 'note' }).delete();
  if (isPostgres(knex)) await knex.raw('alter table messages alter column direction type varchar(3)');
}
