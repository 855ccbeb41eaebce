/**
 * Statements written as SQL (engine/store/raw-rows.ts) run straight on SQLite's one connection, past
 * knex's pool: they must still keep to transactions as knex would — a transaction's statements commit
 * or roll back with it, and a statement from outside never lands in someone else's open transaction.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import type { Db } from '../../engine/store/dialect.ts';
import { rawRows } from '../../engine/store/raw-rows.ts';
import { createTestDatabase, databaseConfigOf, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;

test.before(async () => {
  database = await createTestDatabase();
  db = await openDatabase(databaseConfigOf(database, 4));
  await db.raw('create table raw_rows_probe (id integer primary key, value integer not null)');
});

test.before.each(async () => {
  await rawRows(db, 'delete from raw_rows_probe', []);
  await rawRows(db, 'insert into raw_rows_probe (id, value) values (?, ?), (?, ?), (?, ?)', [1, 10, 2, 20, 3, 30]);
});

test.after(async () => {
  await closeDatabase(db);
  await database.drop();
});

const valuesNow = async () => (await rawRows<{ id: number; value: number }>(db, 'select id, value from raw_rows_probe order by id', [])).map((r) => [r.id, Number(r.value)]);

test('rows come back from a select and from a returning update; a plain update answers none', async () => {
  assert.equal(await rawRows(db, 'select id from raw_rows_probe where value > ? order by id', [15]), [{ id: 2 }, { id: 3 }]);
  const updated = await rawRows<{ id: number; value: number }>(db, 'update raw_rows_probe set value = value + 1 where id = ? returning id, value', [1]);
  assert.equal(updated.map((r) => [r.id, Number(r.value)]), [[1, 11]]);
  assert.equal(await rawRows(db, 'update raw_rows_probe set value = ? where id = ?', [0, 2]), []);
  assert.equal(await valuesNow(), [[1, 11], [2, 0], [3, 30]]);
});

test("a transaction's statements roll back with it", async () => {
  const failed = await db
    .transaction(async (trx) => {
      await rawRows(trx, 'update raw_rows_probe set value = ? where id = ?', [-1, 1]);
      assert.equal(await rawRows(trx, 'select value from raw_rows_probe where id = ?', [1]), [{ value: -1 }], 'seen inside');
      throw new Error('roll back');
    })
    .catch((error: Error) => error.message);
  assert.is(failed, 'roll back');
  assert.equal(await valuesNow(), [[1, 10], [2, 20], [3, 30]]);
});

test('a statement from outside while a transaction is open is its own: kept when that transaction rolls back', async () => {
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const transaction = db
    .transaction(async (trx) => {
      await rawRows(trx, 'update raw_rows_probe set value = ? where id = ?', [-2, 2]);
      opened();
      // the transaction stays open across awaits, as a batch of events does while it works
      await new Promise((resolve) => setTimeout(resolve, 30));
      throw new Error('roll back');
    })
    .catch(() => undefined);
  await isOpen;
  const outside = rawRows(db, 'update raw_rows_probe set value = ? where id = ?', [99, 3]);
  await Promise.all([transaction, outside]);
  assert.equal(await valuesNow(), [[1, 10], [2, 20], [3, 99]]);
});

test('an undefined binding is refused, as knex refuses it', async () => {
  const error = await rawRows(db, 'update raw_rows_probe set value = ? where id = ?', [undefined as unknown as number, 1]).catch((e: Error) => e);
  assert.instance(error, Error);
  assert.match((error as Error).message, /undefined/i);
  assert.equal(await valuesNow(), [[1, 10], [2, 20], [3, 30]]);
});

test.run();
