/** The cluster's database as the tests read it: the engine's own store, on a small pool of its own. */
import { openDatabase } from '../../engine/store/database.ts';
import { createStore, type Store } from '../../engine/store/store.ts';
import type { TestDatabase } from './test-database.ts';

export async function openTestStore(database: TestDatabase): Promise<Store> {
  const config =
    database.kind === 'postgres'
      ? { client: 'postgres' as const, connection: database.url, poolMax: 2 }
      : { client: 'sqlite' as const, connection: database.url.slice('sqlite:'.length), poolMax: 1 };
  return createStore(await openDatabase(config));
}
