/**
 * The database handle and which of the two databases it speaks to. Its own module, with no imports of its
 * own: repositories and raw-rows.ts ask it without loading database.ts (which opens databases and imports
 * them, so importing it back made a cycle).
 */
import type { Knex } from 'knex';

export type Db = Knex;

/** true when the database is Postgres (row locks, SKIP LOCKED) rather than SQLite (one writer) */
export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}
