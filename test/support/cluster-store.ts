/** The cluster's database as the tests read it: the engine's own store, on a small pool of its own. */
import { openDatabase } from '../../engine/store/database.ts';
import { createStore, type Store } from '../../engine/store/store.ts';
import { createTestDatabase, databaseConfigOf, type TestDatabase } from './test-database.ts';

export async function openTestStore(database: TestDatabase): Promise<Store> {
  return createStore(await openDatabase(databaseConfigOf(database, 2)));
}

/** The hooks of a uvu suite. */
interface Suite {
  before(fn: () => Promise<void>): void;
  after(fn: () => Promise<void>): void;
}

/**
 * A store on a database of the suite's own (createTestDatabase): opened before its tests and handed
 * to `opened`, closed and dropped after them.
 */
export function useTestStore(suite: Suite, opened: (store: Store) => void): void {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  suite.before(async () => {
    database = await createTestDatabase();
    store = await openTestStore(database);
    opened(store);
  });
  suite.after(async () => {
    await store?.close();
    await database?.drop();
  });
}
