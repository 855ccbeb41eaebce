/**
 * Transactions on SQLite without knex's per-transaction machinery. A knex transaction builds a whole
 * knex object, a transaction client and a chain of promises for each BEGIN ... COMMIT: measured in
 * issue #15's third session at 180-220 µs around one update, where BEGIN, the update and COMMIT
 * straight on the connection took 70-80 µs, and every webhook batch runs one.
 *
 * SQLite has one connection (database.ts), so at most one transaction is under way at a time. Each
 * database therefore gets one knex object, made once, whose client always answers with the
 * connection the current transaction holds; a transaction takes the connection from knex's pool (so
 * statements outside it queue behind it, as with knex's own transactions), says BEGIN IMMEDIATE, runs
 * its work through that knex object and says COMMIT (or ROLLBACK when the work fails). A transaction
 * inside one becomes a savepoint, as before: knex's own, since the client says it is transacting.
 *
 * IMMEDIATE takes the write lock at the start. knex's BEGIN is deferred: a transaction that read first
 * could not wait for the lock if another connection wrote in between (its snapshot was stale), and
 * SQLite failed its first write at once with SQLITE_BUSY. The checkpoint worker's WAL restart
 * (sqlite-checkpointer.ts) is such a write, and batches of events failed whenever one landed there.
 *
 * Like knex's transactions, a statement sent through a transaction that has finished fails. Unlike
 * them, one sent so late that another transaction is under way would run in that one: the work
 * given to a transaction must await its statements (everything in Baton does).
 */
import knexFactory, { type Knex } from 'knex';
import { isPostgres, type Db } from './dialect.ts';
import type { SqliteConnection } from './raw-rows.ts';

/** each SQLite database's runner, by its client's config (a transaction's client shares that object) */
const runners = new WeakMap<object, SqliteTransactions>();

/**
 * Runs fn in one transaction: on SQLite this file's, on Postgres (and inside a transaction, as a
 * savepoint) knex's. fn's statements go through the knex object it is given.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (isPostgres(db) || (db as Db & { isTransaction?: boolean }).isTransaction) return db.transaction(fn);
  const config = db.client.config as object;
  let runner = runners.get(config);
  if (!runner) {
    runner = new SqliteTransactions(db);
    runners.set(config, runner);
  }
  const { db: trx } = runner;
  return runner.run(() => fn(trx));
}

/** The knex object of a transaction under way, as raw-rows.ts reads it. */
type TransactionDb = Db & { isTransaction: boolean; isCompleted: () => boolean };

class SqliteTransactions {
  /** the connection while a transaction holds it */
  private held: SqliteConnection | null = null;
  /** the knex object every transaction's statements go through (the same one every time) */
  readonly db: Db;

  constructor(private readonly root: Db) {
    this.db = this.heldConnectionKnex();
  }

  /** Runs fn in one transaction; its statements go through `db`. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const connection = (await this.root.client.acquireConnection()) as SqliteConnection;
    try {
      connection.prepare('BEGIN IMMEDIATE').run([]);
      this.held = connection;
      let result: T;
      try {
        result = await fn();
      } catch (error) {
        this.held = null;
        if (connection.inTransaction) connection.prepare('ROLLBACK').run([]);
        throw error;
      }
      this.held = null;
      try {
        connection.prepare('COMMIT').run([]);
      } catch (error) {
        // a COMMIT that failed leaves the transaction open: nothing of it is kept
        if (connection.inTransaction) connection.prepare('ROLLBACK').run([]);
        throw error;
      }
      return result;
    } finally {
      this.held = null;
      await this.root.client.releaseConnection(connection);
    }
  }

  /**
   * A knex object over a client of the same dialect whose connection is the one the transaction under
   * way holds: no pool of its own, nothing to release, and its statements announced on the database's
   * own client (the index-plan tests listen there), as knex's transaction clients do.
   */
  private heldConnectionKnex(): TransactionDb {
    const transactions = this;
    const base = this.root.client as Knex.Client;
    const Dialect = base.constructor as typeof Knex.Client;
    class HeldConnectionClient extends Dialect {
      override initializePool(): void {}
      override acquireConnection(): Promise<unknown> {
        if (!transactions.held) return Promise.reject(new Error('Transaction query already complete'));
        return Promise.resolve(transactions.held);
      }
      override releaseConnection(): Promise<void> {
        return Promise.resolve();
      }
    }
    const transactionDb = knexFactory({ ...(base.config as Knex.Config), client: HeldConnectionClient, pool: undefined }) as TransactionDb;
    const client = transactionDb.client as Knex.Client & { transacting: boolean; config: unknown };
    // the database's own config object: raw-rows.ts finds the connection by it
    client.config = base.config;
    // a transaction begun inside this one is a savepoint
    client.transacting = true;
    for (const event of ['start', 'query', 'query-error', 'query-response']) client.on(event, (...args: unknown[]) => base.emit(event, ...args));
    transactionDb.isTransaction = true;
    transactionDb.isCompleted = () => this.held === null;
    return transactionDb;
  }
}
