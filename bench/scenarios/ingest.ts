/**
 * Scenario 1: webhook ingest. autocannon posts signed LINE bodies (1 and 5 text events, a fresh
 * webhookEventId each) to Baton's POST /webhooks/line, which verifies, validates and stores every
 * event durably before its 200; the same load goes to a bare Koa route that only reads the body and
 * checks the HMAC. Event processing is switched off in the engine, so the figure is the ack path alone.
 * On Postgres + Redis a second engine then joins the first (scale-out) and the same load is split
 * over both, to show what the second engine costs or gains.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { BenchChild } from '../lib/child-process.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { backendLabel, joinEngine, logSqlStats, SQLITE, startEngine, withChildren, type Backend, type ScenarioContext } from '../lib/scenario.ts';
import { summarize, type LatencySummary } from '../lib/stats.ts';

interface LoadResult {
  events: number;
  eventsPerSecond: number;
  latency: LatencySummary;
}

const USERS = Array.from({ length: 1_000 }, () => `U${randomBytes(16).toString('hex')}`);

/**
 * `connections` autocannon connections for `durationS`, split evenly over the URLs (one autocannon
 * per URL, all at once: engines behind a load balancer). Events/s add up; every response time goes
 * into one list.
 */
async function load(urls: string[], bodies: LineBodies, eventsPerBody: number, connections: number, durationS: number): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  const one = (url: string, share: number) => {
    const options: autocannon.Options = {
      url: `${url}/webhooks/line`,
      method: 'POST',
      connections: share,
      duration: durationS,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => {
            const messages = Array.from({ length: eventsPerBody }, () => {
              n++;
              return { userId: USERS[n % USERS.length] ?? 'U0', text: TYPICAL_TEXTS[n % TYPICAL_TEXTS.length] ?? 'hi' };
            });
            const { body, signature } = bodies.texts(messages);
            return { ...request, body, headers: { ...request.headers, 'x-line-signature': signature } };
          },
        },
      ],
    };
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
      // autocannon's own histogram keeps whole milliseconds; the response event has the exact time
      instance.on('response', (_client, status, _bytes, responseTime) => {
        if (status === 200) latencies.push(responseTime);
      });
    });
  };
  const shares = urls.map((_, i) => Math.max(1, Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0)));
  const results = await Promise.all(urls.map((url, i) => one(url, shares[i] ?? 1)));
  let events = 0;
  let eventsPerSecond = 0;
  results.forEach((result, i) => {
    if (result.errors > 0 || result.non2xx > 0) {
      throw new Error(`ingest load at ${urls[i]}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
    }
    events += result['2xx'] * eventsPerBody;
    eventsPerSecond += (result['2xx'] * eventsPerBody) / result.duration;
  });
  return { events, eventsPerSecond, latency: summarize(latencies) };
}

/** CPU time of the servers over the load (user + system, summed over the processes), per event acknowledged */
async function measured(servers: BenchChild[], run: () => Promise<LoadResult>): Promise<LoadResult & { cpuPerEvent: number }> {
  const cpu = async () => (await Promise.all(servers.map((server) => server.call<number>('cpuMicros')))).reduce((a, b) => a + b, 0);
  const before = await cpu();
  const result = await run();
  return { ...result, cpuPerEvent: ((await cpu()) - before) / result.events };
}

const bodyLabel = (size: number) => `${size} event${size === 1 ? '' : 's'}/body`;

export interface IngestOptions {
  /** after the single engine's figures, a second engine joins it and the same load is split over both (Postgres + Redis) */
  twoEngines?: boolean;
}

/** Ingest figures for one database; the baseline runs in the same scenario, right beside it. */
export async function ingestOn(ctx: ScenarioContext, backend: Backend, options: IngestOptions = {}): Promise<void> {
  const sqlite = backend.db === 'sqlite';
  const { connections, warmupS, durationS, eventsPerBody } = ctx.sizes.ingest;
  await withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db: backend.db, redisUrl: backend.redisUrl, processEvents: false, operators: 0, customers: 0, assignees: 0 }));
    const bare = track(await BenchChild.start('bare-koa.ts'));
    const { url: bareUrl } = await bare.call<{ url: string }>('start', { channelSecret: engine.info.channelSecret });
    const bodies = new LineBodies(engine.info.channelSecret, engine.info.destination);
    const single = new Map<number, { baton: LoadResult & { cpuPerEvent: number }; baseline: LoadResult & { cpuPerEvent: number } }>();
    for (const size of eventsPerBody) {
      if (warmupS > 0) {
        await load([engine.info.url], bodies, size, connections, warmupS);
        await load([bareUrl], bodies, size, connections, warmupS);
      }
      const baton = await measured([engine.child], () => load([engine.info.url], bodies, size, connections, durationS));
      const baseline = await measured([bare], () => load([bareUrl], bodies, size, connections, durationS));
      single.set(size, { baton, baseline });
      await logSqlStats(ctx, engine.child, `after ${bodyLabel(size)}`);
      const where = `${backendLabel(backend)}, ${bodyLabel(size)}, ${connections} connections`;
      ctx.figure({
        name: `ingest ${where}: events/s`,
        unit: 'events/s',
        value: baton.eventsPerSecond,
        baseline: { name: 'bare Koa route: raw body + HMAC + 200', value: baseline.eventsPerSecond },
        goal: sqlite ? { text: '>= 0.5x baseline', minRatio: 0.5 } : null,
      });
      ctx.figure({
        name: `ingest ${where}: ack p50`,
        unit: 'ms',
        value: baton.latency.p50,
        baseline: { name: 'bare Koa route', value: baseline.latency.p50 },
      });
      ctx.figure({
        name: `ingest ${where}: ack p99`,
        unit: 'ms',
        value: baton.latency.p99,
        baseline: { name: 'bare Koa route', value: baseline.latency.p99 },
        goal: sqlite ? { text: '< 20 ms', max: 20 } : null,
      });
      ctx.figure({
        name: `ingest ${where}: server CPU per event`,
        unit: 'µs',
        value: baton.cpuPerEvent,
        baseline: { name: 'bare Koa route', value: baseline.cpuPerEvent },
        note: 'CPU time of the server process over the run divided by events acknowledged; other load on the machine barely moves it',
      });
    }
    if (!options.twoEngines) return;

    // The same load split over two engines on the one database and Redis: started only now, so the
    // single engine's figures above are taken without a second engine beside it.
    const second = track(await joinEngine(ctx, engine, { processEvents: false }));
    const urls = [engine.info.url, second.info.url];
    for (const size of eventsPerBody) {
      if (warmupS > 0) await load(urls, bodies, size, connections, warmupS);
      const both = await measured([engine.child, second.child], () => load(urls, bodies, size, connections, durationS));
      const one = single.get(size);
      if (!one) continue;
      const where = `${backendLabel(backend, 2)}, ${bodyLabel(size)}, ${connections} connections`;
      const oneEngine = '1 engine, same load';
      ctx.figure({
        name: `ingest ${where}: events/s`,
        unit: 'events/s',
        value: both.eventsPerSecond,
        baseline: { name: oneEngine, value: one.baton.eventsPerSecond },
        note:
          `the ${connections} connections split over the two engines (one autocannon each); ratio = 2 engines / 1 engine. ` +
          `Bare Koa route at the same ${connections} connections: ${Math.round(one.baseline.eventsPerSecond)} events/s, ` +
          `so ${(both.eventsPerSecond / one.baseline.eventsPerSecond).toFixed(2)}x baseline with 2 engines, ${(one.baton.eventsPerSecond / one.baseline.eventsPerSecond).toFixed(2)}x with 1`,
      });
      ctx.figure({ name: `ingest ${where}: ack p50`, unit: 'ms', value: both.latency.p50, baseline: { name: oneEngine, value: one.baton.latency.p50 } });
      ctx.figure({ name: `ingest ${where}: ack p99`, unit: 'ms', value: both.latency.p99, baseline: { name: oneEngine, value: one.baton.latency.p99 } });
      ctx.figure({
        name: `ingest ${where}: server CPU per event`,
        unit: 'µs',
        value: both.cpuPerEvent,
        baseline: { name: oneEngine, value: one.baton.cpuPerEvent },
        note: 'CPU time of both engine processes over the run, summed, divided by events acknowledged',
      });
    }
  });
}

export const ingest = (ctx: ScenarioContext) => ingestOn(ctx, SQLITE);
