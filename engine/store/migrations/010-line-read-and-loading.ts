/**
 * LINE's read receipts: each customer keeps the markAsReadToken of their newest message not yet marked read on
 * LINE. Marking that one read marks every earlier message read too, so one token per customer is enough; it is
 * cleared when used (a token is sent once) and replaced by each newer message's.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    t.text('mark_as_read_token');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('mark_as_read_token');
  });
}
