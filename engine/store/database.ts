/** Opens the knex connection for SQLite or Postgres and brings the schema up to date. */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { migrationSource } from './migrations/index.ts';
import { BACKSTOP_PAGES, SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { rememberSqliteConnection, type SqliteConnection } from './raw-rows.ts';
import { cachePreparedStatements } from './sqlite-statement-cache.ts';
import type { Db } from './dialect.ts';

// Timestamps are epoch milliseconds in BIGINT columns; pg returns int8 as a string unless told otherwise.
// Millisecond epochs stay far below 2^53, so a JS number is exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** SQLite files have their WAL checkpointed off the event loop; closeDatabase stops that too. */
const checkpointers = new WeakMap<Db, SqliteCheckpointer>();

/** `onProblem`: told of trouble that does not stop the database (a failing background checkpoint) */
export async function openDatabase(config: DatabaseConfig, onProblem: (message: string) => void = () => {}): Promise<Db> {
  if (config.client === 'sqlite') {
    if (config.connection !== ':memory:') keepPrivate(config.connection);
    // assigned below; afterCreate runs only once knexFactory has answered
    let db: Db;
    const knexConfig: Knex.Config = {
      client: 'better-sqlite3',
      connection: { filename: config.connection },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: SqliteConnection & { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a lock.
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          // checkpoints are the worker's job (SqliteCheckpointer); this one only if it falls behind
          if (config.connection !== ':memory:') conn.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
          cachePreparedStatements(conn);
          // the hot statements written as SQL run straight on it (raw-rows.ts)
          rememberSqliteConnection(db, conn);
          done(null, conn);
        },
      },
    };
    db = knexFactory(knexConfig);
    await db.migrate.latest({ migrationSource });
    if (config.connection !== ':memory:') checkpointers.set(db, new SqliteCheckpointer(config.connection, onProblem));
    return db;
  }
  const db = knexFactory({
    client: 'pg',
    connection: config.connection,
    pool: { min: 0, max: config.poolMax },
    // knex prints each failed connection attempt to the console, many a second while the database is away;
    // the requests and loops that fail already say so in the log, once each
    log: { warn: ignore, error: ignore, deprecate: ignore, debug: ignore },
  });
  await withMigrationLock(config.connection, () => db.migrate.latest({ migrationSource }));
  return db;
}

/**
 * The SQLite file holds every transcript, the password hashes and the token key: a new data folder is made
 * 0700 and the file 0600 (SQLite gives its -wal and -shm files the database file's mode), existing files
 * included, so other users of the machine cannot read them.
 */
function keepPrivate(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

const ignore = (): void => {};

export async function closeDatabase(db: Db): Promise<void> {
  await checkpointers.get(db)?.stop();
  await db.destroy();
}

/** 'baton' in ASCII: the advisory lock that engines starting together on one database queue on. */
const MIGRATION_LOCK_KEY = 0x6261746f6e;

/**
 * Engines starting at the same moment would race to create knex's own tables and then fail on its
 * migration lock; a session advisory lock makes them take turns (the later ones find nothing to do).
 * A session lock dies with its connection, so a crashed engine never leaves it held.
 */
async function withMigrationLock<T>(connection: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await fn();
  } finally {
    await client.end();
  }
}
