/**
 * A throwaway database for one engine under test: a SQLite file in a temporary folder, or a new
 * database on the Postgres at 127.0.0.1 (BATON_BENCH_POSTGRES_URL), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.BATON_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** true when the bench can create databases on Postgres */
export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}

export async function createBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  const name = `baton_bench_${randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite' && process.env.BATON_BENCH_SQLITE_MEMORY === '1') {
    // a diagnostic: what the same load costs without a file under SQLite
    return { kind, url: 'sqlite::memory:', drop: async () => {} };
  }
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-'));
    return { kind, url: `sqlite:${path.join(dir, `${name}.sqlite`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { kind, url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
