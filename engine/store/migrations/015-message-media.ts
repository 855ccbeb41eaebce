/**
 * Media the customers send (images, video, audio, files): LINE keeps the bytes only for a while, so each
 * such message gets a row here when it is stored, and the media fetcher (services/media/media-fetcher.ts)
 * copies its content into Baton's media storage soon after. The row is the durable queue of that fetch
 * (attempts, next attempt, a lease so one engine fetches it) and, once fetched, where the bytes are.
 * `messages.unsent_at`: the customer unsent the message on LINE; the studio hides it with a note.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('message_media', (t) => {
    t.integer('message_id').primary().references('messages.id').onDelete('CASCADE');
    t.string('line_message_id', 64).notNullable();
    // image | video | audio | file
    t.string('kind', 8).notNullable();
    // pending | stored | expired | too_large | failed | unsent
    t.string('status', 12).notNullable();
    t.string('content_type', 100);
    t.bigInteger('size');
    t.string('storage_key', 100);
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable();
    t.string('locked_by', 64);
    t.bigInteger('locked_until');
    t.text('last_error');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('fetched_at');
    // the fetcher's claim: due pending rows, oldest first
    t.index(['status', 'next_attempt_at']);
  });
  await knex.schema.alterTable('messages', (t) => {
    t.bigInteger('unsent_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('unsent_at');
  });
  await knex.schema.dropTable('message_media');
}
