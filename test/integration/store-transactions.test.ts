/**
 * The store's transactions (engine/store/sqlite-transactions.ts: on SQLite Baton's own, over one knex
 * object made once; on Postgres knex's): all or nothing, a transaction inside one is a savepoint, a
 * finished transaction takes no more statements, a statement from outside waits instead of landing
 * inside, and another writer on the same database between a transaction's read and its write makes
 * it wait, not fail (on SQLite: the checkpointer's WAL restart, a CLI command on the same file).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import type { Db } from '../../engine/store/dialect.ts';
import { rawRows } from '../../engine/store/raw-rows.ts';
import { inTransaction } from '../../engine/store/sqlite-transactions.ts';
import { createStore } from '../../engine/store/store.ts';
import { createTestDatabase, databaseConfigOf, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;

const openConfig = (database: TestDatabase) => databaseConfigOf(database, 4);

test.before(async () => {
  database = await createTestDatabase();
  db = await openDatabase(openConfig(database));
  await db.raw('create table tx_probe (id integer primary key, who varchar(20) not null)');
});

test.before.each(async () => {
  await rawRows(db, 'delete from tx_probe', []);
});

test.after(async () => {
  await closeDatabase(db);
  await database.drop();
});

const whoNow = async () => (await rawRows<{ who: string }>(db, 'select who from tx_probe order by id', [])).map((row) => row.who);
const insert = (trx: Db, id: number, who: string) => rawRows(trx, 'insert into tx_probe (id, who) values (?, ?)', [id, who]);

test('what a transaction writes, by SQL or by the query builder, commits together; on an error none of it is kept', async () => {
  const answer = await inTransaction(db, async (trx) => {
    await insert(trx, 1, 'sql');
    await trx('tx_probe').insert({ id: 2, who: 'builder' });
    return 'done';
  });
  assert.is(answer, 'done');
  const failed = await inTransaction(db, async (trx) => {
    await insert(trx, 3, 'sql');
    await trx('tx_probe').insert({ id: 4, who: 'builder' });
    assert.is(Number((await trx('tx_probe').count({ n: '*' }))[0]?.n), 4, 'seen inside');
    throw new Error('roll back');
  }).catch((error: Error) => error.message);
  assert.is(failed, 'roll back');
  assert.equal(await whoNow(), ['sql', 'builder']);
  // and the next transaction starts clean
  await inTransaction(db, (trx) => insert(trx, 5, 'after'));
  assert.equal(await whoNow(), ['sql', 'builder', 'after']);
});

test('a statement that fails inside fails the transaction, and the connection is free afterwards', async () => {
  const failed = await inTransaction(db, async (trx) => {
    await insert(trx, 1, 'first');
    await insert(trx, 1, 'same id');
  }).catch((error: Error) => error);
  assert.instance(failed, Error);
  assert.equal(await whoNow(), []);
  await insert(db, 2, 'outside');
  assert.equal(await whoNow(), ['outside']);
});

test('a transaction inside a transaction is a savepoint: its failure undoes only its own writes', async () => {
  await inTransaction(db, async (trx) => {
    await insert(trx, 1, 'outer');
    const inner = await inTransaction(trx, async (savepoint) => {
      await insert(savepoint, 2, 'inner');
      throw new Error('inner fails');
    }).catch((error: Error) => error.message);
    assert.is(inner, 'inner fails');
    await inTransaction(trx, (savepoint) => insert(savepoint, 3, 'inner kept'));
  });
  assert.equal(await whoNow(), ['outer', 'inner kept']);
});

test("a finished transaction's store takes no more statements", async () => {
  const store = createStore(db);
  let kept: Parameters<Parameters<typeof store.transaction>[0]>[0] | null = null;
  await store.transaction(async (tx) => {
    kept = tx;
  });
  const late = await (kept as unknown as typeof store).customers.findById('nobody').catch((error: Error) => error);
  assert.instance(late, Error);
  assert.match((late as Error).message, /already complete/i);
});

test('a statement from outside waits for an open transaction instead of landing in it: kept when that transaction rolls back', async () => {
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const transaction = inTransaction(db, async (trx) => {
    await insert(trx, 1, 'rolled back');
    opened();
    // the transaction stays open across awaits, as a batch of events does while it works
    await new Promise((resolve) => setTimeout(resolve, 30));
    throw new Error('roll back');
  }).catch(() => undefined);
  await isOpen;
  const outside = db('tx_probe').insert({ id: 2, who: 'outside' });
  await Promise.all([transaction, outside]);
  assert.equal(await whoNow(), ['outside']);
});

test('another writer between a transaction’s read and its write: the transaction waits for it or it for the transaction, neither fails', async () => {
  const other = await otherWriter();
  try {
    await inTransaction(db, async (trx) => {
      assert.equal(await rawRows(trx, 'select who from tx_probe', []), []);
      // the other writer writes now if it may (a knex transaction on SQLite, deferred, let it, then
      // failed at once with SQLITE_BUSY on its own write: its snapshot was stale); else it waits for the commit
      const wrote = other.write(3, 'other');
      await Promise.race([wrote, new Promise((resolve) => setTimeout(resolve, 150))]);
      await insert(trx, 1, 'transaction');
    });
    await other.written;
  } finally {
    await other.close();
  }
  assert.equal((await whoNow()).sort(), ['other', 'transaction']);
});

/** A writer on a connection of its own: on SQLite in a worker thread, as the checkpointer (it waits for locks synchronously). */
async function otherWriter(): Promise<{ write(id: number, who: string): Promise<void>; written: Promise<void>; close(): Promise<void> }> {
  let written!: Promise<void>;
  if (database.kind === 'postgres') {
    const second = await openDatabase(openConfig(database));
    return {
      write: (id, who) => (written = second('tx_probe').insert({ id, who }).then(() => undefined)),
      get written() {
        return written;
      },
      close: () => closeDatabase(second),
    };
  }
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const db = new (require(workerData.driver))(workerData.file);
    db.pragma('busy_timeout = 5000');
    parentPort.on('message', ({ id, who }) => {
      try { db.prepare('insert into tx_probe (id, who) values (?, ?)').run(id, who); parentPort.postMessage('written'); }
      catch (error) { parentPort.postMessage(String(error)); }
    });`;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(source, { eval: true, workerData: { driver, file: openConfig(database).connection } });
  return {
    write(id, who) {
      written = new Promise((resolve, reject) => worker.once('message', (answer: string) => (answer === 'written' ? resolve() : reject(new Error(answer)))));
      worker.postMessage({ id, who });
      return written;
    },
    get written() {
      return written;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}

test.run();
