/**
 * Scenario 7: ingest and end to end again, in scale-out mode: a Postgres database of the bench's own
 * (created on the server at 127.0.0.1:5432 and dropped afterwards) and, when one answers, Redis
 * (BATON_BENCH_REDIS_URL, default redis://127.0.0.1:6379; keys under a prefix of the run's own,
 * deleted afterwards). Without Redis the figures say "Postgres" alone.
 *
 * With Redis, both run again with two engines on the same database and Redis prefix, as a scaled-out
 * deployment on one machine: the second engine joins the first's setup, the load is split over both,
 * and each two-engine figure has the one-engine figure as its baseline (ratio = 2 engines / 1 engine).
 * On 2 cores two engines cannot double the throughput; the figures show what the second one costs.
 */
import net from 'node:net';
import { postgresReachable, POSTGRES_ADMIN_URL } from '../lib/bench-database.ts';
import type { Backend, ScenarioContext } from '../lib/scenario.ts';
import { e2eOn } from './e2e.ts';
import { ingestOn } from './ingest.ts';

const REDIS_URL = process.env.BATON_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** true when something at the URL answers PING with PONG within a second */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** a part of the scenario, with its wall time in the log */
async function timed<T>(ctx: ScenarioContext, what: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    ctx.log(`  [${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  }
}

export async function postgres(ctx: ScenarioContext): Promise<void> {
  if (!(await postgresReachable())) throw new Error(`Postgres is not reachable at ${POSTGRES_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}`);
  const redis = (await redisAnswers(REDIS_URL)) ? REDIS_URL : null;
  if (!redis) ctx.log(`  no Redis answering at ${REDIS_URL}: Postgres alone, one engine (two engines need Redis to share sockets)`);
  const backend: Backend = { db: 'postgres', redisUrl: redis };
  await timed(ctx, redis ? 'ingest, 1 and 2 engines' : 'ingest', () => ingestOn(ctx, backend, { twoEngines: redis !== null }));
  const one = await timed(ctx, 'e2e, 1 engine', () => e2eOn(ctx, backend));
  if (redis) await timed(ctx, 'e2e, 2 engines', () => e2eOn(ctx, backend, { engines: 2, baseline: one }));
}
