/**
 * Scenario 2: end to end. Customers in ACTIVE conversations (claimed by operators) write at a fixed
 * rate; each text goes through the signed webhook, the store, the event processor and the flow, and
 * is timed until `message:new` arrives on the socket of the operator the conversation is assigned to.
 * The timed operators use socket.io-client, as the studio does; the rest of the connected operators
 * are idle sockets in a farm process, there to be broadcast to. Each rate gets a fresh engine, so a
 * backlog left by one rate never weighs on the next, and every wait is bounded.
 * On Postgres + Redis the same runs again with a second engine joining the first (scale-out): the
 * posts, the timed sockets and the idle ones are split over both.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { MessageDto } from '../../engine/contracts/conversation.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../engine/contracts/socket-events.ts';
import { BenchChild } from '../lib/child-process.ts';
import { atRate, HttpPoster } from '../lib/http-post.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { backendLabel, joinEngine, logSqlStats, SQLITE, startEngine, withChildren, type Backend, type ScenarioContext } from '../lib/scenario.ts';
import { pollUntil, summarize, type LatencySummary } from '../lib/stats.ts';

type OperatorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectOperator(url: string, token: string): Promise<OperatorSocket> {
  const socket: OperatorSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const SEQ = / \[bench (\d+)\]$/;

export interface RateResult {
  total: number;
  received: number;
  latency: LatencySummary;
  ack: LatencySummary;
  /** posts not answered 200 within the wait */
  failedAcks: number;
  lastError: string | null;
  /** messages the assigned operator heard of more than once (warm-up included) */
  duplicates: number;
  /** summed over the engines */
  cpuPerMessage: number;
  /** per engine */
  peakRss: number[];
}

async function atOneRate(ctx: ScenarioContext, backend: Backend, rate: number, engineCount: 1 | 2): Promise<RateResult> {
  const s = ctx.sizes.e2e;
  return withChildren(async (track) => {
    const owner = track(await startEngine(ctx, { db: backend.db, redisUrl: backend.redisUrl, processEvents: true, operators: s.operators, customers: s.customers, assignees: s.timedSockets }));
    // a second engine joins once the first has started (migrations, operators, conversations done)
    const engines = engineCount === 2 ? [owner, track(await joinEngine(ctx, owner, { processEvents: true }))] : [owner];
    const { info } = owner;
    const urlOf = (i: number) => engines[i % engines.length]?.info.url ?? info.url;
    const timed = info.operators.slice(0, s.timedSockets);
    const idle = info.operators.slice(s.timedSockets);
    const farm = track(await BenchChild.start('socket-farm.ts'));
    // the idle sockets and the timed ones are split over the engines, half on each
    for (let e = 0; e < engines.length; e++) {
      const tokens = idle.filter((_, i) => i % engines.length === e).map((o) => o.token);
      if (tokens.length > 0) await farm.call('connect', { url: urlOf(e), tokens });
    }
    const sockets = await Promise.all(timed.map((o, i) => connectOperator(urlOf(i), o.token)));
    track({ stop: async () => sockets.forEach((socket) => socket.close()) });
    // 64 connections in all, as with one engine
    const posters = engines.map((engine) => new HttpPoster(engine.info.url, Math.ceil(64 / engines.length)));
    track({ stop: async () => posters.forEach((poster) => poster.close()) });
    /** with 2 engines a customer's text goes to the engine its operator's timed socket is NOT on, so the timed path crosses engines through Redis */
    const engineOfOperator = new Map(timed.map((o, i) => [o.id, i % engines.length]));
    const posterFor = (operatorId: string, seq: number) => {
      const socketEngine = engineOfOperator.get(operatorId);
      const e = socketEngine === undefined ? seq % engines.length : (socketEngine + 1) % engines.length;
      return posters[e] ?? posters[0];
    };

    const operatorOf = new Map(info.customers.map((c) => [c.conversationId, c.operatorId]));
    const sentAt = new Map<number, number>();
    const receivedAt = new Map<number, number>();
    /** `message:new` for a message its operator had already heard of (an event handled twice, or a broadcast heard twice) */
    let duplicates = 0;
    sockets.forEach((socket, i) => {
      const me = timed[i]?.id;
      socket.on('message:new', (message: MessageDto) => {
        if (message.conversationId === null || operatorOf.get(message.conversationId) !== me) return;
        const seq = SEQ.exec(message.text)?.[1];
        if (seq === undefined) return;
        if (receivedAt.has(Number(seq))) duplicates++;
        else receivedAt.set(Number(seq), performance.now());
      });
    });

    const bodies = new LineBodies(info.channelSecret, info.destination);
    let next = 0;
    /** posts `perSecond` messages a second for `seconds`; resolves with the sequence numbers used and the ack times */
    const send = async (perSecond: number, seconds: number) => {
      const from = next;
      const acks = await atRate(perSecond, Math.max(1, Math.round(perSecond * seconds)), async () => {
        const seq = next++;
        const customer = info.customers[seq % info.customers.length];
        if (!customer) throw new Error('no customers');
        const text = `${TYPICAL_TEXTS[seq % TYPICAL_TEXTS.length]} [bench ${seq}]`;
        const { body, signature } = bodies.texts([{ userId: customer.userId, text }]);
        const at = performance.now();
        sentAt.set(seq, at);
        const http = posterFor(customer.operatorId, seq);
        if (!http) throw new Error('no engine to post to');
        const status = await http.post('/webhooks/line', body, { 'x-line-signature': signature }, s.drainS * 1000);
        return status === 200 ? performance.now() - at : Number.POSITIVE_INFINITY;
      });
      return { from, to: next, acks };
    };
    const arrived = (from: number, to: number) =>
      pollUntil(async () => {
        for (let seq = from; seq < to; seq++) if (!receivedAt.has(seq)) return false;
        return true;
      }, s.drainS * 1000, 50);

    if (s.warmupS > 0) {
      // long enough for every customer to write once: the bench claims conversations through the
      // store, so an engine first hears of each with its first message and announces it to everyone,
      // as a running inbox did when the claim came through the API; the timed run is the steady state
      const warmRate = Math.min(rate, 200);
      const warm = await send(warmRate, Math.max(s.warmupS, info.customers.length / warmRate));
      await arrived(warm.from, warm.to);
      await Promise.all(warm.acks);
    }
    const cpu = async () => (await Promise.all(engines.map((engine) => engine.child.call<number>('cpuMicros')))).reduce((a, b) => a + b, 0);
    await Promise.all(engines.map((engine) => engine.child.call('peakRss')));
    const cpuBefore = await cpu();
    const run = await send(rate, s.durationS);
    await arrived(run.from, run.to);
    const waitedUntil = performance.now();
    const cpuPerMessage = ((await cpu()) - cpuBefore) / Math.max(1, receivedAt.size);
    const peakRss = await Promise.all(engines.map((engine) => engine.child.call<number>('peakRss')));
    await logSqlStats(ctx, owner.child, `at ${rate}/s`);
    // a post not answered in time (or refused) is a failed delivery to LINE: counted at the timeout
    const ackTimes = (await Promise.all(run.acks)).map((t) => (Number.isFinite(t) ? t : s.drainS * 1000));
    const failedAcks = posters.reduce((n, poster) => n + poster.errors, 0);
    const lastError = posters.map((poster) => poster.lastError).find((error) => error !== null) ?? null;

    const latencies: number[] = [];
    let received = 0;
    for (let seq = run.from; seq < run.to; seq++) {
      const sent = sentAt.get(seq) ?? waitedUntil;
      const at = receivedAt.get(seq);
      if (at !== undefined) received++;
      latencies.push((at ?? waitedUntil) - sent);
    }
    return { total: run.to - run.from, received, latency: summarize(latencies), ack: summarize(ackTimes), failedAcks, lastError, duplicates, cpuPerMessage, peakRss };
  });
}

export interface E2eOptions {
  /** 2: a second engine joins the first (Postgres + Redis): posts, timed sockets and idle sockets split over both */
  engines?: 1 | 2;
  /** the rates to run (default: all of the sizes') */
  rates?: number[];
  /** results of one engine by rate: the baselines of the 2-engine figures */
  baseline?: Map<number, RateResult>;
  /** added to every figure's note */
  note?: string;
}

export type E2eResults = Map<number, RateResult>;

const joinNotes = (...notes: (string | undefined)[]) => notes.filter(Boolean).join('; ') || undefined;

export async function e2eOn(ctx: ScenarioContext, backend: Backend, options: E2eOptions = {}): Promise<E2eResults> {
  const s = ctx.sizes.e2e;
  const engines = options.engines ?? 1;
  const results: E2eResults = new Map();
  for (const rate of options.rates ?? s.rates) {
    const result = await atOneRate(ctx, backend, rate, engines);
    results.set(rate, result);
    const one = options.baseline?.get(rate);
    const oneEngine = '1 engine, same load';
    const base = (value: number | undefined) => (one && value !== undefined ? { name: oneEngine, value } : null);
    const where = `e2e ${backendLabel(backend, engines)}, ${rate.toLocaleString('en-US')} msg/s, ${s.operators} operator sockets`;
    const late = result.total - result.received;
    const split =
      engines > 1
        ? `posts alternate between the ${engines} engines, each to the engine the assigned operator's timed socket is not on, so the timed path crosses engines through Redis (unless the socket's engine claims the event: any engine may); timed and idle sockets split evenly`
        : undefined;
    const lateNote = late > 0 ? `${late} of ${result.total} messages had not arrived ${s.drainS} s after sending: counted at that wait, so the figure is a lower bound` : undefined;
    const dupNote = result.duplicates > 0 ? `${result.duplicates} messages reached their operator's socket more than once` : undefined;
    const note = joinNotes(lateNote, dupNote, split, options.note);
    ctx.figure({ name: `${where}: p50`, unit: 'ms', value: result.latency.p50, baseline: base(one?.latency.p50), note });
    ctx.figure({
      name: `${where}: p99`,
      unit: 'ms',
      value: result.latency.p99,
      baseline: base(one?.latency.p99),
      goal: backend.db === 'sqlite' && rate === 1_000 && engines === 1 ? { text: '< 25 ms', max: 25 } : null,
      note,
    });
    const ackNote = `the 200 LINE waits for (2 s at most), under this load${result.failedAcks > 0 ? `; ${result.failedAcks} posts failed (${result.lastError}) and count as ${s.drainS} s` : ''}`;
    ctx.figure({ name: `${where}: webhook ack p99`, unit: 'ms', value: result.ack.p99, baseline: base(one?.ack.p99), note: joinNotes(ackNote, options.note) });
    ctx.figure({
      name: `${where}: engine CPU per message`,
      unit: 'µs',
      value: result.cpuPerMessage,
      baseline: base(one?.cpuPerMessage),
      note: joinNotes(
        engines > 1
          ? `CPU time of both engines over the run, summed, per message delivered: ${Math.round(1e6 / result.cpuPerMessage)} messages/s would fill one core`
          : `engine CPU time over the run, per message delivered: ${Math.round(1e6 / result.cpuPerMessage)} messages/s would fill one core`,
        options.note,
      ),
    });
    // the scale-out cost per core: what one CPU-second of engine buys, with one engine and with two
    // (on 2 cores two engines cannot show their gain in throughput, but this shows what each costs)
    ctx.figure({
      name: `${where}: messages per engine CPU-second`,
      unit: 'msg/CPU-s',
      value: 1e6 / result.cpuPerMessage,
      baseline: one ? { name: oneEngine, value: 1e6 / one.cpuPerMessage } : null,
      note: joinNotes(
        'per core: messages delivered per second of engine CPU (user + system, summed over the engines); Postgres, Redis and the load generator not counted',
        options.note,
      ),
    });
    result.peakRss.forEach((rss, i) => {
      const which = engines > 1 ? `, engine ${String.fromCharCode(65 + i)}` : '';
      ctx.figure({ name: `memory: engine RSS under ${where}${which}`, unit: 'MB', value: rss / 2 ** 20, note: 'peak resident set size, sampled every 100 ms' });
    });
  }
  return results;
}

export const e2e = async (ctx: ScenarioContext): Promise<void> => {
  await e2eOn(ctx, SQLITE);
};
