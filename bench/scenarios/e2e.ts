/**
 * Scenario 2: end to end. Customers in ACTIVE conversations (claimed by operators) write at a fixed
 * rate; each text goes through the signed webhook, the store, the event processor and the flow, and
 * is timed until `message:new` arrives on the socket of the operator the conversation is assigned to.
 * The timed operators use socket.io-client, as the studio does; the rest of the connected operators
 * are idle sockets in a farm process, there to be broadcast to.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { MessageDto } from '../../engine/contracts/conversation.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../engine/contracts/socket-events.ts';
import type { DbKind } from '../lib/bench-database.ts';
import { BenchChild } from '../lib/child-process.ts';
import { atRate, HttpPoster } from '../lib/http-post.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import { dbLabel, startEngine, withChildren, type EngineUnderTest, type ScenarioContext } from '../lib/scenario.ts';
import { pollUntil, summarize } from '../lib/stats.ts';

type OperatorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectOperator(url: string, token: string): Promise<OperatorSocket> {
  const socket: OperatorSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const SEQ = / \[bench (\d+)\]$/;

/** Waits until the engine has no pending or processing webhook events left. */
export async function drained(engine: EngineUnderTest, timeoutMs: number): Promise<boolean> {
  const done = await pollUntil(async () => {
    const counts = await engine.child.call<Record<string, number>>('eventCounts');
    return (counts.pending ?? 0) + (counts.processing ?? 0) === 0;
  }, timeoutMs, 200);
  return done !== null;
}

export async function e2eOn(ctx: ScenarioContext, db: DbKind): Promise<void> {
  const s = ctx.sizes.e2e;
  await withChildren(async (track) => {
    const engine = track(await startEngine(ctx, { db, processEvents: true, operators: s.operators, customers: s.customers, assignees: s.timedSockets }));
    const { info } = engine;
    const timed = info.operators.slice(0, s.timedSockets);
    const idle = info.operators.slice(s.timedSockets);
    const farm = track(await BenchChild.start('socket-farm.ts'));
    if (idle.length > 0) await farm.call('connect', { url: info.url, tokens: idle.map((o) => o.token) });
    const sockets = await Promise.all(timed.map((o) => connectOperator(info.url, o.token)));
    track({ stop: async () => sockets.forEach((socket) => socket.close()) });

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
    const http = new HttpPoster(info.url);
    track({ stop: async () => http.close() });
    let next = 0;
    const phase = async (rate: number, seconds: number) => {
      const from = next;
      const total = Math.max(1, Math.round(rate * seconds));
      await atRate(rate, total, () => {
        const seq = next++;
        const customer = info.customers[seq % info.customers.length];
        if (!customer) throw new Error('no customers');
        const text = `${TYPICAL_TEXTS[seq % TYPICAL_TEXTS.length]} [bench ${seq}]`;
        const { body, signature } = bodies.texts([{ userId: customer.userId, text }]);
        sentAt.set(seq, performance.now());
        return http.post('/webhooks/line', body, { 'x-line-signature': signature });
      });
      const to = next;
      const all = await pollUntil(async () => {
        for (let seq = from; seq < to; seq++) if (!receivedAt.has(seq)) return false;
        return true;
      }, s.drainS * 1000, 50);
      const waitedUntil = performance.now();
      const latencies: number[] = [];
      let late = 0;
      for (let seq = from; seq < to; seq++) {
        const sent = sentAt.get(seq) ?? waitedUntil;
        const received = receivedAt.get(seq);
        if (received === undefined) late++;
        latencies.push((received ?? waitedUntil) - sent);
      }
      await drained(engine, s.drainS * 1000);
      if (http.errors > 0) throw new Error(`${http.errors} webhook posts failed: ${http.lastError}`);
      return { latency: summarize(latencies), late, total, complete: all !== null };
    };

    if (s.warmupS > 0) await phase(Math.min(200, s.rates[0] ?? 200), s.warmupS);
    for (const rate of s.rates) {
      await engine.child.call('peakRss');
      const result = await phase(rate, s.durationS);
      const peakRss = await engine.child.call<number>('peakRss');
      const where = `e2e ${dbLabel(db)}, ${rate.toLocaleString('en-US')} msg/s, ${s.operators} operator sockets`;
      const note = result.late > 0 ? `${result.late} of ${result.total} messages had not arrived after ${s.drainS} s: counted at that wait, so the figure is a lower bound` : undefined;
      ctx.figure({ name: `${where}: p50`, unit: 'ms', value: result.latency.p50, note });
      ctx.figure({
        name: `${where}: p99`,
        unit: 'ms',
        value: result.latency.p99,
        goal: db === 'sqlite' && rate === 1_000 ? { text: '< 25 ms', max: 25 } : null,
        note,
      });
      ctx.figure({ name: `memory: engine RSS under ${where}`, unit: 'MB', value: peakRss / 2 ** 20, note: 'peak resident set size, sampled every 100 ms' });
    }
  });
}

export const e2e = (ctx: ScenarioContext) => e2eOn(ctx, 'sqlite');
