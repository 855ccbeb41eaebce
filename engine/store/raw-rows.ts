/**
 * Runs a statement written as SQL (`?` placeholders) and answers the rows it returns, on either
 * database. The statements written as SQL are the hot ones (every webhook event and every reply runs
 * several), and on SQLite they skip knex's query pipeline: the runner, the pool's acquire and release
 * and their promises cost 12-26 µs a statement, measured standalone, where SQLite's own work on an
 * indexed lookup is about 4 µs and a one-row update with its commit about 15 µs.
 *
 * Straight on the connection only when that is what knex would do: SQLite has one connection
 * (database.ts), so a statement of a transaction runs there while the transaction is under way, and
 * a statement outside any transaction runs there when no transaction holds the connection (one open
 * between two awaits of its own); otherwise it queues behind it in knex's pool, as before. better-sqlite3
 * runs a statement synchronously, so nothing else can run in the middle of one.
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from './dialect.ts';

/** What this uses of a better-sqlite3 connection and its statements. */
export interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): { reader: boolean; all(bindings: unknown[]): unknown[]; run(bindings: unknown[]): unknown };
}

/** The SQLite connection of each knex instance, by its client's config (a transaction's client shares that object). */
const connections = new WeakMap<object, SqliteConnection>();

/** database.ts tells which connection a knex instance opened. */
export function rememberSqliteConnection(db: Db, connection: SqliteConnection): void {
  connections.set(db.client.config as object, connection);
}

export async function rawRows<T>(db: Db, sql: string, bindings: readonly Knex.RawBinding[]): Promise<T[]> {
  const connection = directConnection(db);
  if (connection) {
    // knex's own statements are announced so; whoever listens (tests of query plans) hears these too
    db.client.emit('query', { method: 'raw', sql, bindings, options: {} });
    const statement = connection.prepare(sql);
    const values = bindings.map(sqliteValue);
    if (statement.reader) return statement.all(values) as T[];
    statement.run(values);
    return [];
  }
  const result: unknown = await db.raw(sql, bindings as Knex.RawBinding[]);
  if (isPostgres(db)) return (result as { rows: T[] }).rows;
  return (Array.isArray(result) ? result : []) as T[];
}

/**
 * Runs an INSERT written as SQL on SQLite and answers the rowid of the last row it inserted and how many
 * it inserted (better-sqlite3's run(), straight or through knex, under the same rule as rawRows).
 */
export async function rawSqliteInsert(db: Db, sql: string, bindings: readonly Knex.RawBinding[]): Promise<{ lastId: number; changes: number }> {
  if (isPostgres(db)) throw new Error('rawSqliteInsert is for SQLite');
  const connection = directConnection(db);
  let result: { lastInsertRowid: number | bigint; changes: number };
  if (connection) {
    db.client.emit('query', { method: 'raw', sql, bindings, options: {} });
    result = connection.prepare(sql).run(bindings.map(sqliteValue)) as typeof result;
  } else {
    // knex answers a raw statement that returns no rows with what better-sqlite3's run() gave
    result = (await db.raw(sql, bindings as Knex.RawBinding[])) as unknown as typeof result;
  }
  return { lastId: Number(result.lastInsertRowid), changes: result.changes };
}

function directConnection(db: Db): SqliteConnection | null {
  const connection = connections.get(db.client.config as object);
  if (!connection?.open) return null;
  const transaction = db as Db & { isTransaction?: boolean; isCompleted?: () => boolean };
  // a transaction's own statement: the connection is in it (a finished one's statements fail in knex)
  if (transaction.isTransaction) return connection.inTransaction && !transaction.isCompleted?.() ? connection : null;
  // outside any transaction: not while another holds the connection
  return connection.inTransaction ? null : connection;
}

/** better-sqlite3 takes numbers, strings, bigints, buffers and null; knex turns the rest as here, and refuses undefined. */
function sqliteValue(value: Knex.RawBinding): unknown {
  if (value === undefined) throw new Error('Undefined binding detected in a statement written as SQL');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  return value;
}
