/**
 * Scenario 1: webhook ingest. autocannon posts signed LINE bodies (1 and 5 text events, a fresh
 * webhookEventId each) to Baton's POST /webhooks/line, which verifies, validates and stores every
 * event durably before its 200; the same load goes to a bare Koa route that only reads the body and
 * checks the HMAC. Event processing is switched off in the engine, so the figure is the ack path alone.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { BenchChild } from '../lib/child-process.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { backendLabel, SQLITE, startEngine, withChildren, type Backend, type ScenarioContext } from '../lib/scenario.ts';
import { summarize, type LatencySummary } from '../lib/stats.ts';

interface LoadResult {
  events: number;
  eventsPerSecond: number;
  latency: LatencySummary;
}

const USERS = Array.from({ length: 1_000 }, () => `U${randomBytes(16).toString('hex')}`);

async function load(url: string, bodies: LineBodies, eventsPerBody: number, connections: number, durationS: number): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: `${url}/webhooks/line`,
    method: 'POST',
    connections,
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
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    // autocannon's own histogram keeps whole milliseconds; the response event has the exact time
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 200) latencies.push(responseTime);
    });
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`ingest load at ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  const events = result['2xx'] * eventsPerBody;
  return { events, eventsPerSecond: events / result.duration, latency: summarize(latencies) };
}

/** Ingest figures for one database; the baseline runs in the same scenario, right beside it. */
export async function ingestOn(ctx: ScenarioContext, backend: Backend): Promise<void> {
  const sqlite = backend.db === 'sqlite';
  const { connections, warmupS, durationS, eventsPerBody } = ctx.sizes.ingest;
  await withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db: backend.db, redisUrl: backend.redisUrl, processEvents: false, operators: 0, customers: 0, assignees: 0 }));
    const bare = track(await BenchChild.start('bare-koa.ts'));
    const { url: bareUrl } = await bare.call<{ url: string }>('start', { channelSecret: engine.info.channelSecret });
    const bodies = new LineBodies(engine.info.channelSecret, engine.info.destination);
    for (const size of eventsPerBody) {
      const label = `${size} event${size === 1 ? '' : 's'}/body`;
      if (warmupS > 0) {
        await load(engine.info.url, bodies, size, connections, warmupS);
        await load(bareUrl, bodies, size, connections, warmupS);
      }
      const batonCpu = await engine.child.call<number>('cpuMicros');
      const baton = await load(engine.info.url, bodies, size, connections, durationS);
      const batonCpuPerEvent = ((await engine.child.call<number>('cpuMicros')) - batonCpu) / baton.events;
      const bareCpu = await bare.call<number>('cpuMicros');
      const baseline = await load(bareUrl, bodies, size, connections, durationS);
      const bareCpuPerEvent = ((await bare.call<number>('cpuMicros')) - bareCpu) / baseline.events;
      const where = `${backendLabel(backend)}, ${label}, ${connections} connections`;
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
        value: batonCpuPerEvent,
        baseline: { name: 'bare Koa route', value: bareCpuPerEvent },
        note: 'CPU time of the server process over the run divided by events acknowledged; other load on the machine barely moves it',
      });
    }
  });
}

export const ingest = (ctx: ScenarioContext) => ingestOn(ctx, SQLITE);
