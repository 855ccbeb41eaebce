/**
 * The SQLite connection keeps its prepared statements, and runs `… limit ?` statements with the limit
 * written into the SQL (SQLite re-plans a statement with a bound LIMIT on every run).
 */
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import { cachePreparedStatements } from '../../engine/store/sqlite-statement-cache.ts';

interface Statement {
  reader: boolean;
  all(bindings: unknown[]): unknown[];
  get(bindings: unknown[]): unknown;
  run(bindings: unknown[]): { changes: number };
}
interface Connection {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Connection;

/** an in-memory database with rows 1..5, whose prepare calls are recorded before the cache sees them */
function connection(): { db: Connection; prepared: string[] } {
  const db = new Database(':memory:');
  db.exec("create table t (n integer primary key, kind text); insert into t values (1, 'a'), (2, 'a'), (3, 'b'), (4, 'a'), (5, 'b')");
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
  cachePreparedStatements(db);
  return { db, prepared };
}

test('a statement ending in `limit ?` runs with the number written in, each number prepared once', () => {
  const { db, prepared } = connection();
  const sql = 'select n from t where kind = ? order by n limit ?';
  assert.equal(db.prepare(sql).all(['a', 2]), [{ n: 1 }, { n: 2 }]);
  assert.equal(db.prepare(sql).all(['a', 1]), [{ n: 1 }]);
  assert.equal(db.prepare(sql).get(['b', 1]), { n: 3 });
  assert.equal(db.prepare(sql).all(['a', 2]), [{ n: 1 }, { n: 2 }]);
  // bindings one by one, as better-sqlite3 also takes them
  assert.equal((db.prepare(sql) as unknown as { all(...bindings: unknown[]): unknown }).all('b', 2), [{ n: 3 }, { n: 5 }]);
  assert.ok(db.prepare(sql).reader);
  // the bound form once (to know it reads), then one statement per limit, never again
  assert.equal(prepared, [sql, 'select n from t where kind = ? order by n limit 2', 'select n from t where kind = ? order by n limit 1']);
  db.close();
});

test('other statements are prepared once and handed out again', () => {
  const { db, prepared } = connection();
  const update = 'update t set kind = ? where n = ?';
  assert.equal(db.prepare(update).run(['c', 5]).changes, 1);
  assert.equal(db.prepare(update).run(['c', 4]).changes, 1);
  assert.not.ok(db.prepare(update).reader);
  // a limit inside a subquery is left bound: only a trailing one is written in
  const inner = 'select count(*) as c from (select n from t where kind = ? limit ?)';
  assert.equal(db.prepare(inner).get(['c', 1]), { c: 1 });
  assert.equal(prepared, [update, inner]);
  db.close();
});

test("through knex on the engine's own connection: first() and limit() answer as before", async () => {
  const db = await openDatabase({ client: 'sqlite', connection: ':memory:', poolMax: 1 });
  try {
    await db('settings').insert([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
    assert.equal((await db('settings').where({ key: 'b' }).first())?.value, '2');
    assert.equal((await db('settings').where({ key: 'zz' }).first()) ?? null, null);
    assert.equal((await db('settings').orderBy('key').limit(2)).map((row: { key: string }) => row.key), ['a', 'b']);
    assert.equal((await db('settings').orderBy('key').limit(1)).map((row: { key: string }) => row.key), ['a']);
  } finally {
    await closeDatabase(db);
  }
});

test.run();
