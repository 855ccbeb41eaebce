/**
 * SqliteCheckpointer: with the engine's connection never checkpointing, the worker alone keeps the
 * WAL from growing under a steady stream of commits, and nothing written is lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SqliteCheckpointer } from '../../engine/store/sqlite-checkpointer.ts';

interface Connection {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(): unknown };
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Connection;

const ROWS = 3_000;

/** a generous bound, so that a stop() that never returns fails the test instead of hanging the run */
function withinTenSeconds(promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not return within 10 s`)), 10_000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** the frames in the WAL after ROWS single-row commits, with or without the worker */
async function walAfterWrites(withWorker: boolean): Promise<{ walFrames: number; rows: number; problems: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-checkpoint-'));
  const file = path.join(dir, 'test.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table t (id integer primary key, body text not null)');
  const problems: string[] = [];
  const checkpointer = withWorker ? new SqliteCheckpointer(file, (p) => problems.push(p), { intervalMs: 10, restartPages: 100 }) : null;
  const insert = db.prepare('insert into t (body) values (?)');
  for (let i = 0; i < ROWS; i++) {
    insert.run('x'.repeat(1_000));
    // a steady stream rather than one burst: the engine yields between its events too
    if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
  }
  if (checkpointer) await withinTenSeconds(checkpointer.stop(), 'stop()');
  // frames written since the WAL last started over (a checkpoint's answer: busy, log, checkpointed)
  const [{ log: walFrames }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
  const rows = (db.prepare('select count(*) as n from t').get() as { n: number }).n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { walFrames, rows, problems };
}

test('the worker keeps the WAL small while commits keep coming, and every row is kept', async () => {
  const without = await walAfterWrites(false);
  const withWorker = await walAfterWrites(true);
  assert.is(withWorker.rows, ROWS);
  assert.equal(withWorker.problems, []);
  assert.ok(without.walFrames >= ROWS, `without checkpoints the WAL holds every commit (${without.walFrames} frames)`);
  assert.ok(withWorker.walFrames < without.walFrames / 4, `with the worker it starts over (${withWorker.walFrames} vs ${without.walFrames} frames)`);
});

test('stop() ends the worker and closes its connection, also when called twice', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-checkpoint-'));
  const file = path.join(dir, 'test.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table t (id integer primary key)');
  const problems: string[] = [];
  const checkpointer = new SqliteCheckpointer(file, (p) => problems.push(p), { intervalMs: 10, restartPages: 100 });
  for (let i = 0; i < 20; i++) {
    db.prepare('insert into t default values').run();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await withinTenSeconds(checkpointer.stop(), 'the first stop()');
  await withinTenSeconds(checkpointer.stop(), 'the second stop()');
  assert.ok(fs.existsSync(`${file}-wal`), 'the WAL is there while the engine connection is open');
  db.close();
  // SQLite folds the WAL back and deletes it only when the last connection closes
  assert.not.ok(fs.existsSync(`${file}-wal`), "the worker's connection is closed");
  assert.equal(problems, []);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();
