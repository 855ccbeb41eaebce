/**
 * A fresh database per test suite: a temporary SQLite file, or a new database on the Postgres at
 * 127.0.0.1:5432 (dropped afterwards). Which one comes from BATON_TEST_DB (sqlite | postgres).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../engine/config.ts';

export type TestDbKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: TestDbKind;
  url: string;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.BATON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.BATON_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`BATON_TEST_DB must be sqlite or postgres, got ${kind}`);
  return kind;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** How openDatabase opens this database: SQLite on its one connection, Postgres on a pool of `postgresPoolMax`. */
export function databaseConfigOf(database: Pick<TestDatabase, 'kind' | 'url'>, postgresPoolMax: number): DatabaseConfig {
  return database.kind === 'postgres'
    ? { client: 'postgres', connection: database.url, poolMax: postgresPoolMax }
    : { client: 'sqlite', connection: database.url.slice('sqlite:'.length), poolMax: 1 };
}

export async function createTestDatabase(kind: TestDbKind = testDbKind()): Promise<TestDatabase> {
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-'));
    return {
      kind,
      url: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
