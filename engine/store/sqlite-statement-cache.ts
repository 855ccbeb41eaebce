/**
 * knex's better-sqlite3 client prepares every query afresh, and preparing costs more than running a
 * typical indexed lookup (measured by `npm run bench`, docs/performance.md). The engine issues the
 * same few dozen statements over and over, so the connection keeps its prepared statements by SQL
 * text and hands them out again. Safe because better-sqlite3 runs statements synchronously (knex
 * uses all/run, never a lingering iterator), and SQLite re-prepares a statement by itself when the
 * schema changes under it.
 */

interface PreparingConnection {
  prepare(sql: string): unknown;
}

/** What knex's client uses of a better-sqlite3 statement. */
interface Statement {
  reader: boolean;
  all(...bindings: unknown[]): unknown;
  get(...bindings: unknown[]): unknown;
  run(...bindings: unknown[]): unknown;
}

/** Past this many distinct statements the oldest are dropped (ad-hoc SQL would otherwise grow it). */
const MAX_STATEMENTS = 500;

const TRAILING_LIMIT = / limit \?$/;

export function cachePreparedStatements(connection: PreparingConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  const remembered = (key: string, make: () => unknown): unknown => {
    const found = statements.get(key);
    if (found !== undefined) return found;
    const statement = make();
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value ?? '');
    statements.set(key, statement);
    return statement;
  };
  const cached = (sql: string) => remembered(sql, () => prepare(sql));
  connection.prepare = (sql: string) => (TRAILING_LIMIT.test(sql) ? remembered(`limit written in: ${sql}`, () => withLimitWrittenIn(sql, cached)) : cached(sql));
}

/**
 * SQLite plans a statement again on every run when its LIMIT is a bound parameter (the planner
 * weighs the limit), so a cached `… limit ?` statement was in effect prepared anew each time: about
 * 3 µs more for a lookup by id, 18 µs more for the claim of webhook events (measured standalone).
 * knex binds every limit, `.first()` too, so such a statement runs as the one with the number
 * written in (a handful of distinct numbers in practice).
 */
function withLimitWrittenIn(sql: string, cached: (sql: string) => unknown): Statement {
  const withBoundLimit = () => cached(sql) as Statement;
  const head = sql.slice(0, -1);
  const call = (method: 'all' | 'get' | 'run', bindings: unknown[]): unknown => {
    const limit = bindings[bindings.length - 1];
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit)) return withBoundLimit()[method](bindings);
    return (cached(head + String(limit)) as Statement)[method](bindings.slice(0, -1));
  };
  // knex passes the bindings as one array; better-sqlite3 also takes them one by one
  const bindingsOf = (args: unknown[]) => (args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
  return {
    reader: withBoundLimit().reader,
    all: (...args) => call('all', bindingsOf(args)),
    get: (...args) => call('get', bindingsOf(args)),
    run: (...args) => call('run', bindingsOf(args)),
  };
}
