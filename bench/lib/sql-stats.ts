/**
 * Where the database time goes, for `BATON_BENCH_SQL_STATS=1 npm run bench`: wraps better-sqlite3's prepare
 * so every statement's preparation and execution time is added up per SQL text. SQLite only (its
 * calls are synchronous, so wall time is the engine's own CPU time).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

interface Entry {
  calls: number;
  ms: number;
  prepareMs: number;
}

const entries = new Map<string, Entry>();

export function installSqlStats(): void {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as { prototype: { prepare(sql: string): Record<string, unknown> } };
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: unknown, sql: string) {
    const t0 = performance.now();
    const statement = prepare.call(this, sql);
    const entry = entries.get(sql) ?? { calls: 0, ms: 0, prepareMs: 0 };
    entries.set(sql, entry);
    entry.prepareMs += performance.now() - t0;
    for (const method of ['run', 'get', 'all']) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      statement[method] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original.apply(statement, args);
        } finally {
          entry.calls++;
          entry.ms += performance.now() - t;
        }
      };
    }
    return statement;
  };
}

/**
 * The statements that took longest, most first. Statements that differ only in how many values a list
 * or a multi-row insert holds count as one (`in (?, ?, ?)` reads `in (?…)`, a row repeated reads
 * `(…)…`): one statement of the code, where the SQL text differs from call to call.
 */
export function sqlStats(top = Number.POSITIVE_INFINITY): { sql: string; calls: number; ms: number; prepareMs: number }[] {
  const byShape = new Map<string, Entry>();
  for (const [sql, e] of entries) {
    const shape = sql.replace(/\s+/g, ' ').replace(/\((\?, )+\?\)/g, '(?…)').replace(/(\([^()]*\))(, \1)+/g, '$1…');
    const sum = byShape.get(shape) ?? { calls: 0, ms: 0, prepareMs: 0 };
    byShape.set(shape, { calls: sum.calls + e.calls, ms: sum.ms + e.ms, prepareMs: sum.prepareMs + e.prepareMs });
  }
  return [...byShape]
    .map(([sql, e]) => ({ sql: sql.slice(0, 300), calls: e.calls, ms: Math.round(e.ms), prepareMs: Math.round(e.prepareMs) }))
    .sort((a, b) => b.ms + b.prepareMs - (a.ms + a.prepareMs))
    .slice(0, top);
}
