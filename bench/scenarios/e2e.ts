/**
 * Scenario 2: end to end. Customers in ACTIVE conversations (claimed by operators) write at a fixed
 * rate; each text goes through the signed webhook, the store, the event processor and the flow, and
 * is timed until `message:new` arrives on the socket of the operator the conversation is assigned to.
 * The timed operators use socket.io-client, as the studio does; the rest of the connected operators
 * are idle sockets in a farm process, there to be broadcast to. Each rate gets a fresh engine, so a
 * backlog left by one rate never weighs on the next, and every wait is bounded.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { MessageDto } from '../../engine/contracts/conversation.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../engine/contracts/socket-events.ts';
import { BenchChild } from '../lib/child-process.ts';
import { atRate, HttpPoster } from '../lib/http-post.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { backendLabel, SQLITE, startEngine, withChildren, type Backend, type ScenarioContext } from '../lib/scenario.ts';
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

interface RateResult {
  total: number;
  received: number;
  latency: LatencySummary;
  ack: LatencySummary;
  /** posts not answered 200 within the wait */
  failedAcks: number;
  lastError: string | null;
  cpuPerMessage: number;
  peakRss: number;
}

async function atOneRate(ctx: ScenarioContext, backend: Backend, rate: number): Promise<RateResult> {
  const s = ctx.sizes.e2e;
  return withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db: backend.db, redisUrl: backend.redisUrl, processEvents: true, operators: s.operators, customers: s.customers, assignees: s.timedSockets }));
    const { info } = engine;
    const timed = info.operators.slice(0, s.timedSockets);
    const idle = info.operators.slice(s.timedSockets);
    const farm = track(await BenchChild.start('socket-farm.ts'));
    if (idle.length > 0) await farm.call('connect', { url: info.url, tokens: idle.map((o) => o.token) });
    const sockets = await Promise.all(timed.map((o) => connectOperator(info.url, o.token)));
    track({ stop: async () => sockets.forEach((socket) => socket.close()) });
    const http = new HttpPoster(info.url);
    track({ stop: async () => http.close() });

    const operatorOf = new Map(info.customers.map((c) => [c.conversationId, c.operatorId]));
    const sentAt = new Map<number, number>();
    const receivedAt = new Map<number, number>();
    sockets.forEach((socket, i) => {
      const me = timed[i]?.id;
      socket.on('message:new', (message: MessageDto) => {
        if (message.conversationId === null || operatorOf.get(message.conversationId) !== me) return;
        const seq = SEQ.exec(message.text)?.[1];
        if (seq !== undefined && !receivedAt.has(Number(seq))) receivedAt.set(Number(seq), performance.now());
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
      const warm = await send(Math.min(rate, 200), s.warmupS);
      await arrived(warm.from, warm.to);
      await Promise.all(warm.acks);
    }
    await engine.child.call('peakRss');
    const cpuBefore = await engine.child.call<number>('cpuMicros');
    const run = await send(rate, s.durationS);
    await arrived(run.from, run.to);
    const waitedUntil = performance.now();
    const cpuPerMessage = ((await engine.child.call<number>('cpuMicros')) - cpuBefore) / Math.max(1, receivedAt.size);
    const peakRss = await engine.child.call<number>('peakRss');
    if (process.env.BATON_BENCH_SQL_STATS === '1') {
      const stats = await engine.child.call<{ sql: string; calls: number; ms: number }[]>('sqlStats');
      ctx.log(`  SQLite time by statement at ${rate}/s (ms, calls, SQL):`);
      for (const row of stats.slice(0, 15)) ctx.log(`  ${String(row.ms).padStart(7)} ${String(row.calls).padStart(7)}  ${row.sql.slice(0, 110)}`);
    }
    // a post not answered in time (or refused) is a failed delivery to LINE: counted at the timeout
    const ackTimes = (await Promise.all(run.acks)).map((t) => (Number.isFinite(t) ? t : s.drainS * 1000));
    const failedAcks = http.errors;

    const latencies: number[] = [];
    let received = 0;
    for (let seq = run.from; seq < run.to; seq++) {
      const sent = sentAt.get(seq) ?? waitedUntil;
      const at = receivedAt.get(seq);
      if (at !== undefined) received++;
      latencies.push((at ?? waitedUntil) - sent);
    }
    return { total: run.to - run.from, received, latency: summarize(latencies), ack: summarize(ackTimes), failedAcks, lastError: http.lastError, cpuPerMessage, peakRss };
  });
}

export async function e2eOn(ctx: ScenarioContext, backend: Backend): Promise<void> {
  const s = ctx.sizes.e2e;
  for (const rate of s.rates) {
    const result = await atOneRate(ctx, backend, rate);
    const where = `e2e ${backendLabel(backend)}, ${rate.toLocaleString('en-US')} msg/s, ${s.operators} operator sockets`;
    const late = result.total - result.received;
    const note = late > 0 ? `${late} of ${result.total} messages had not arrived ${s.drainS} s after sending: counted at that wait, so the figure is a lower bound` : undefined;
    ctx.figure({ name: `${where}: p50`, unit: 'ms', value: result.latency.p50, note });
    ctx.figure({ name: `${where}: p99`, unit: 'ms', value: result.latency.p99, goal: backend.db === 'sqlite' && rate === 1_000 ? { text: '< 25 ms', max: 25 } : null, note });
    const ackNote = `the 200 LINE waits for (2 s at most), under this load${result.failedAcks > 0 ? `; ${result.failedAcks} posts failed (${result.lastError}) and count as ${s.drainS} s` : ''}`;
    ctx.figure({ name: `${where}: webhook ack p99`, unit: 'ms', value: result.ack.p99, note: ackNote });
    ctx.figure({
      name: `${where}: engine CPU per message`,
      unit: 'µs',
      value: result.cpuPerMessage,
      note: `engine CPU time over the run, per message delivered: ${Math.round(1e6 / result.cpuPerMessage)} messages/s would fill one core`,
    });
    ctx.figure({ name: `memory: engine RSS under ${where}`, unit: 'MB', value: result.peakRss / 2 ** 20, note: 'peak resident set size, sampled every 100 ms' });
  }
}

export const e2e = (ctx: ScenarioContext) => e2eOn(ctx, SQLITE);
