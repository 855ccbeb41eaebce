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

/** Past this many distinct statements the oldest are dropped (ad-hoc SQL would otherwise grow it). */
const MAX_STATEMENTS = 500;

export function cachePreparedStatements(connection: PreparingConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    const cached = statements.get(sql);
    if (cached !== undefined) return cached;
    const statement = prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value ?? '');
    statements.set(sql, statement);
    return statement;
  };
}
