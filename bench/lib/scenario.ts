/** What every scenario gets from the runner. */
import type { Figure, FigureInput } from './figures.ts';
import type { BenchSizes } from './sizes.ts';
import { BenchChild } from './child-process.ts';
import type { EngineInfo, EngineJoinOptions, EngineStartOptions } from '../processes/engine.ts';
import type { DbKind } from './bench-database.ts';

export interface ScenarioContext {
  sizes: BenchSizes;
  figure(input: FigureInput): Figure;
  log(line: string): void;
  /** extra node flags for engine processes (--cpu-prof with `npm run bench -- --profile`) */
  engineFlags: string[];
}

export type Scenario = (ctx: ScenarioContext) => Promise<void>;

export interface EngineUnderTest {
  child: BenchChild;
  info: EngineInfo;
  stop(): Promise<void>;
}

/** Starts Baton in a child process of its own and sets up operators and conversations in it. */
export async function startEngine(ctx: ScenarioContext, options: EngineStartOptions): Promise<EngineUnderTest> {
  const child = await BenchChild.start('engine.ts', { nodeFlags: ['--expose-gc', ...ctx.engineFlags] });
  try {
    const info = await child.call<EngineInfo>('start', options);
    return { child, info, stop: () => child.stop() };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * Starts a second engine in a process of its own on `owner`'s setup (scale-out: the same Postgres
 * database, channel and token secrets, Redis and key prefix). Its info is the owner's with its own
 * URL. Start it once the owner has started, and stop it before the owner: the owner drops the
 * database and the Redis keys when it stops (withChildren stops in reverse order of tracking).
 */
export async function joinEngine(ctx: ScenarioContext, owner: EngineUnderTest, options: Omit<EngineJoinOptions, 'owner'>): Promise<EngineUnderTest> {
  const child = await BenchChild.start('engine.ts', { nodeFlags: ['--expose-gc', ...ctx.engineFlags] });
  try {
    const info = await child.call<EngineInfo>('join', { ...options, owner: owner.info } satisfies EngineJoinOptions);
    return { child, info, stop: () => child.stop() };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Runs fn with the children it starts, and stops them all afterwards whatever happens. */
export async function withChildren<T>(fn: (track: <C extends { stop(): Promise<void> }>(child: C) => C) => Promise<T>): Promise<T> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    return await fn((child) => {
      started.push(child);
      return child;
    });
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => {});
  }
}

/** where an engine keeps its state: the database, and Redis in scale-out mode */
export interface Backend {
  db: DbKind;
  redisUrl: string | null;
}

export const SQLITE: Backend = { db: 'sqlite', redisUrl: null };

/** "SQLite", "Postgres + Redis"; with ", 2 engines" when more than one engine shares the backend */
export const backendLabel = (backend: Backend, engines = 1) =>
  `${backend.db === 'sqlite' ? 'SQLite' : 'Postgres'}${backend.redisUrl ? ' + Redis' : ''}${engines > 1 ? `, ${engines} engines` : ''}`;

/** With BATON_BENCH_SQL_STATS=1 (SQLite): the engine's SQLite time per statement so far, longest first. */
export async function logSqlStats(ctx: ScenarioContext, engine: BenchChild, when: string): Promise<void> {
  if (process.env.BATON_BENCH_SQL_STATS !== '1') return;
  const stats = await engine.call<{ sql: string; calls: number; ms: number }[]>('sqlStats');
  const total = stats.reduce((sum, row) => ({ ms: sum.ms + row.ms, calls: sum.calls + row.calls }), { ms: 0, calls: 0 });
  ctx.log(`  SQLite time by statement ${when} (ms, calls, SQL; all statements: ${Math.round(total.ms)} ms, ${total.calls} calls):`);
  for (const row of stats.slice(0, 30)) ctx.log(`  ${String(row.ms).padStart(7)} ${String(row.calls).padStart(7)}  ${row.sql.slice(0, 200)}`);
}
